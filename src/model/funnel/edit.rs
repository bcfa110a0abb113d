//! Edits of the stage list that keep the rest of the plan on the same stages.
//!
//! Headcount roles point at funnel stages by index, and every seller's actual counts are
//! listed by stage; when the funnel page inserts, removes or moves a stage, these functions
//! change the stages, the role links and the counts together, in one edit of the plan.

use crate::model::names::{Name, Namer};
use crate::model::Plan;

use super::{ContactType, Stage, MAX_STAGES, MIN_STAGES};

/// A stage for the editor's "add" buttons: converts 100%, so adding it changes no result
/// until the person types its real conversion.
pub fn new_stage(names: Namer) -> Stage {
    Stage {
        name: names(Name::NewStage),
        conversion_pct: 100.0,
        days: 0.0,
        contact: ContactType::Call,
    }
}

/// Inserts `stage` at position `at` (0-based; `at == len` appends after the deal stage).
/// Refused (returns false) at [`MAX_STAGES`] or past the end.
pub fn insert_stage(plan: &mut Plan, at: usize, stage: Stage) -> bool {
    let stages = &mut plan.funnel.stages;
    if stages.len() >= MAX_STAGES || at > stages.len() {
        return false;
    }
    stages.insert(at, stage);
    plan.headcount.stage_inserted(at);
    plan.facts.stage_inserted(at);
    for seller in &mut plan.funnel.actuals {
        if at <= seller.counts.len() {
            seller.counts.insert(at, None);
        }
    }
    true
}

/// Removes the stage at `at`. Refused (returns false) at [`MIN_STAGES`] or past the end.
pub fn remove_stage(plan: &mut Plan, at: usize) -> bool {
    let stages = &mut plan.funnel.stages;
    if stages.len() <= MIN_STAGES || at >= stages.len() {
        return false;
    }
    stages.remove(at);
    plan.headcount.stage_removed(at, stages.len());
    plan.facts.stage_removed(at, stages.len());
    for seller in &mut plan.funnel.actuals {
        if at < seller.counts.len() {
            seller.counts.remove(at);
        }
    }
    true
}

/// Moves the stage at `from` to position `to` (the others keep their order); a role or a
/// seller's count stays with its stage. Refused (returns false) for a position past the end.
pub fn move_stage(plan: &mut Plan, from: usize, to: usize) -> bool {
    let stages = &mut plan.funnel.stages;
    if from >= stages.len() || to >= stages.len() {
        return false;
    }
    if from == to {
        return true;
    }
    let stage = stages.remove(from);
    stages.insert(to, stage);
    plan.headcount.stage_moved(from, to);
    plan.facts.stage_moved(from, to);
    let reach = from.max(to) + 1;
    for seller in &mut plan.funnel.actuals {
        if seller.counts.len() > from.min(to) {
            if seller.counts.len() < reach {
                seller.counts.resize(reach, None);
            }
            let count = seller.counts.remove(from);
            seller.counts.insert(to, count);
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostics::SellerActuals;
    use crate::model::headcount::WorkloadDriver;
    use crate::model::names::variant_names;

    /// The demo plan (leads, qualified, meetings, deals; role 1 on leads, role 2 on
    /// meetings) with one seller's counts 100, 40, 20, 8.
    fn plan() -> Plan {
        let mut p = Plan::demo(&variant_names);
        p.funnel.actuals = vec![SellerActuals {
            name: "Anna".into(),
            counts: vec![Some(100.0), Some(40.0), Some(20.0), Some(8.0)],
        }];
        p
    }

    fn names(p: &Plan) -> Vec<&str> {
        p.funnel.stages.iter().map(|s| s.name.as_str()).collect()
    }

    fn role_stages(p: &Plan) -> (WorkloadDriver, WorkloadDriver) {
        (p.headcount.roles[0].driver, p.headcount.roles[1].driver)
    }

    #[test]
    fn inserting_shifts_roles_and_leaves_a_gap_in_counts() {
        let mut p = plan();
        assert!(insert_stage(&mut p, 1, new_stage(&variant_names)));
        assert_eq!(
            names(&p),
            ["Leads", "NewStage", "Qualified", "Meetings", "Deals"]
        );
        // The meetings role follows meetings from index 2 to 3; leads stay at 0.
        assert_eq!(
            role_stages(&p),
            (
                WorkloadDriver::FunnelStage(0),
                WorkloadDriver::FunnelStage(3)
            )
        );
        assert_eq!(
            p.funnel.actuals[0].counts,
            vec![Some(100.0), None, Some(40.0), Some(20.0), Some(8.0)]
        );
        // The new stage converts 100%: the reverse plan needs the same 840 leads.
        let r = crate::model::funnel::compute(&p.funnel, &p.target, 21.0).unwrap();
        assert_eq!(r.reverse.unwrap().leads_per_month(), 840.0);
    }

    #[test]
    fn appending_after_the_deal_stage() {
        let mut p = plan();
        assert!(insert_stage(&mut p, 4, new_stage(&variant_names)));
        assert_eq!(p.funnel.stages[4].name, "NewStage");
        assert_eq!(p.funnel.actuals[0].counts.len(), 5);
        assert_eq!(p.funnel.actuals[0].counts[4], None);
        assert!(
            !insert_stage(&mut p, 7, new_stage(&variant_names)),
            "past the end"
        );
    }

    #[test]
    fn removing_drops_the_count_and_relinks_roles() {
        let mut p = plan();
        assert!(remove_stage(&mut p, 1));
        assert_eq!(names(&p), ["Leads", "Meetings", "Deals"]);
        assert_eq!(
            role_stages(&p),
            (
                WorkloadDriver::FunnelStage(0),
                WorkloadDriver::FunnelStage(1)
            )
        );
        assert_eq!(
            p.funnel.actuals[0].counts,
            vec![Some(100.0), Some(20.0), Some(8.0)]
        );
    }

    #[test]
    fn stage_count_limits_are_kept() {
        let mut p = plan();
        assert!(remove_stage(&mut p, 0));
        assert!(remove_stage(&mut p, 0));
        assert!(!remove_stage(&mut p, 0), "two stages is the minimum");
        assert_eq!(p.funnel.stages.len(), MIN_STAGES);
        while p.funnel.stages.len() < MAX_STAGES {
            assert!(insert_stage(&mut p, 1, new_stage(&variant_names)));
        }
        assert!(!insert_stage(&mut p, 1, new_stage(&variant_names)));
        assert_eq!(p.funnel.stages.len(), MAX_STAGES);
    }

    #[test]
    fn moving_keeps_roles_and_counts_with_their_stage() {
        let mut p = plan();
        // Meetings up one: leads, meetings, qualified, deals.
        assert!(move_stage(&mut p, 2, 1));
        assert_eq!(names(&p), ["Leads", "Meetings", "Qualified", "Deals"]);
        assert_eq!(
            role_stages(&p),
            (
                WorkloadDriver::FunnelStage(0),
                WorkloadDriver::FunnelStage(1)
            )
        );
        assert_eq!(
            p.funnel.actuals[0].counts,
            vec![Some(100.0), Some(20.0), Some(40.0), Some(8.0)]
        );
        // Leads down one: meetings, leads, qualified, deals.
        assert!(move_stage(&mut p, 0, 1));
        assert_eq!(names(&p), ["Meetings", "Leads", "Qualified", "Deals"]);
        assert_eq!(
            role_stages(&p),
            (
                WorkloadDriver::FunnelStage(1),
                WorkloadDriver::FunnelStage(0)
            )
        );
        assert!(!move_stage(&mut p, 3, 4), "past the end");
    }

    #[test]
    fn moving_pads_a_short_row_of_counts() {
        // Boris typed only two counts; moving stage 4 to the top puts a gap first.
        let mut p = plan();
        p.funnel.actuals[0].counts = vec![Some(10.0), Some(5.0)];
        assert!(move_stage(&mut p, 3, 0));
        assert_eq!(
            p.funnel.actuals[0].counts,
            vec![None, Some(10.0), Some(5.0), None]
        );
    }
}
