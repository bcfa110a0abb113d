//! The key figures of one plan, taken from every calculator's `compute`: what the plans list
//! compares, what a share link previews and what the report's header shows.
//!
//! Nothing is computed here: each figure is a field of a model's output. A calculator whose
//! inputs have a problem gives `None` for its figures (the other calculators still count).

use crate::model::funnel;
use crate::model::headcount;
use crate::model::ltv::{self, Figure};
use crate::model::money::Currency;

use super::Plan;

/// People in one role of the staff schedule (the plan as entered, with back office).
#[derive(Debug, Clone, PartialEq)]
pub struct RoleHeadcount {
    pub name: String,
    /// People to hire (whole number).
    pub headcount: f64,
}

/// A plan's headline numbers. Money is per month in [`PlanSummary::currency`].
#[derive(Debug, Clone, PartialEq)]
pub struct PlanSummary {
    pub currency: Currency,
    /// The plan's revenue target per month, new and existing clients.
    pub revenue_plan_per_month: f64,
    /// Its new-client part: the funnel's target.
    pub funnel_target_per_month: f64,
    /// Deals per month the funnel's reverse plan needs; `None` when the funnel has a problem.
    pub deals_per_month: Option<f64>,
    /// Leads per month (clients entering the first stage) the reverse plan needs.
    pub leads_per_month: Option<f64>,
    /// Headcount per role, in the plan's role order; empty when headcount has a problem.
    pub roles: Vec<RoleHeadcount>,
    /// People in all roles.
    pub headcount_total: Option<f64>,
    /// Cost of the sales unit per month.
    pub budget_per_month: Option<f64>,
    /// Cost per month / revenue plan per month, in %.
    pub budget_share_of_revenue_pct: Option<f64>,
    /// What winning one new client costs the sales unit (headcount page), money.
    pub acquisition_cost_per_new_client: Option<f64>,
    /// One client's discounted lifetime value (LTV page), money; may be unbounded.
    pub ltv: Option<Figure>,
    /// The LTV page's acquisition cost per new client, money.
    pub cac: Option<f64>,
    /// LTV / CAC of the LTV page; `None` when the CAC is 0 or the LTV inputs have a problem.
    pub ltv_to_cac: Option<Figure>,
    /// Which calculators could compute (false = its inputs have a problem).
    pub funnel_ok: bool,
    pub headcount_ok: bool,
    pub ltv_ok: bool,
}

/// The key figures of a plan.
pub fn summarize(plan: &Plan) -> PlanSummary {
    let reverse = funnel::compute(&plan.funnel, &plan.target, plan.working_days_per_month)
        .ok()
        .and_then(|r| r.reverse.ok());
    let staff = headcount::compute(plan).ok();
    let value = ltv::compute(&plan.ltv).ok();
    let totals = staff.as_ref().map(|h| &h.with_back_office);
    PlanSummary {
        currency: plan.currency,
        revenue_plan_per_month: plan.target.total(),
        funnel_target_per_month: plan.target.new_clients(),
        deals_per_month: reverse.as_ref().map(|r| r.deals),
        leads_per_month: reverse.as_ref().map(|r| r.leads_per_month()),
        roles: staff
            .as_ref()
            .map(|h| {
                h.roles
                    .iter()
                    .map(|r| RoleHeadcount {
                        name: r.name.clone(),
                        headcount: r.with_back_office.headcount,
                    })
                    .collect()
            })
            .unwrap_or_default(),
        headcount_total: totals.map(|t| t.headcount),
        budget_per_month: totals.map(|t| t.monthly_cost),
        budget_share_of_revenue_pct: totals.and_then(|t| t.cost_share_of_revenue_pct),
        acquisition_cost_per_new_client: totals.and_then(|t| t.acquisition_cost_per_new_client),
        ltv: value.as_ref().map(|v| v.base.ltv),
        cac: value.as_ref().map(|v| v.cac),
        ltv_to_cac: value.as_ref().and_then(|v| v.ltv_to_cac),
        funnel_ok: reverse.is_some(),
        headcount_ok: staff.is_some(),
        ltv_ok: value.is_some(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::names::variant_names;

    #[test]
    fn demo_summary_comes_from_the_models() {
        let plan = Plan::demo(&variant_names);
        let s = summarize(&plan);
        // Funnel demo (see funnel::report tests): 10 000 000 / 150 000 = 66.7 -> 67 deals,
        // 840 leads.
        assert_eq!(s.deals_per_month, Some(67.0));
        assert_eq!(s.leads_per_month, Some(840.0));
        assert_eq!(s.revenue_plan_per_month, 50_000_000.0);
        assert!(s.funnel_ok && s.headcount_ok && s.ltv_ok);
        let staff = headcount::compute(&plan).unwrap();
        assert_eq!(s.roles.len(), staff.roles.len());
        assert_eq!(s.headcount_total, Some(staff.with_back_office.headcount));
        assert_eq!(
            s.roles.iter().map(|r| r.headcount).sum::<f64>(),
            staff.with_back_office.headcount
        );
        assert_eq!(
            s.budget_per_month,
            Some(staff.with_back_office.monthly_cost)
        );
        let value = ltv::compute(&plan.ltv).unwrap();
        assert_eq!(s.ltv, Some(value.base.ltv));
        assert_eq!(s.cac, Some(350_000.0));
        assert_eq!(s.ltv_to_cac, value.ltv_to_cac);
    }

    /// One revenue target: the funnel page plans its new-client part, the headcount page
    /// staffs the same volumes, and the summary reports the whole and the part.
    #[test]
    fn one_target_drives_the_funnel_the_headcount_and_the_summary() {
        let mut plan = Plan::demo(&variant_names);
        plan.target.set_total(30_000_000.0);
        plan.target.set_new_client_share(40.0);
        let funnel =
            funnel::compute(&plan.funnel, &plan.target, plan.working_days_per_month).unwrap();
        let reverse = funnel.reverse.unwrap();
        // 12 000 000 / 150 000 = 80 deals exactly.
        assert_eq!(reverse.deals, 80.0);
        let staff = headcount::compute(&plan).unwrap();
        assert_eq!(staff.revenue.new_clients, 12_000_000.0);
        assert_eq!(staff.revenue.existing_clients, 18_000_000.0);
        assert_eq!(staff.new_clients_per_month, reverse.deals);
        let funnel_volumes: Vec<f64> = reverse.stages.iter().map(|s| s.per_month).collect();
        assert_eq!(staff.stage_volumes_per_month, funnel_volumes);
        let s = summarize(&plan);
        assert_eq!(s.revenue_plan_per_month, 30_000_000.0);
        assert_eq!(s.funnel_target_per_month, 12_000_000.0);
        assert_eq!(s.deals_per_month, Some(80.0));
        assert_eq!(s.leads_per_month, Some(funnel_volumes[0]));
    }

    #[test]
    fn a_broken_calculator_gives_none_and_the_others_still_count() {
        let mut plan = Plan::demo(&variant_names);
        plan.ltv.avg_check = f64::NAN;
        let s = summarize(&plan);
        assert!(!s.ltv_ok);
        assert_eq!(s.ltv, None);
        assert_eq!(s.ltv_to_cac, None);
        assert_eq!(s.leads_per_month, Some(840.0));
        plan.funnel.stages[1].conversion_pct = 0.0;
        let s = summarize(&plan);
        assert!(!s.funnel_ok && !s.headcount_ok);
        assert_eq!(s.leads_per_month, None);
        assert!(s.roles.is_empty());
    }
}
