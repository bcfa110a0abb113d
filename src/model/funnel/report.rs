//! One call for the funnel page: every view of the funnel from the plan's inputs.

use crate::model::diagnostics::{diagnose, Diagnostics};
use crate::model::plan::RevenueTarget;
use crate::model::validation::{FieldError, Validator};

use super::cycle::{cycle, Cycle};
use super::forward::{forward, ForwardResult};
use super::reverse::{reverse_with_margin, ReversePlan};
use super::sensitivity::{sensitivity, Sensitivity, Step};
use super::validate::stage_name_warnings;
use super::{fields, merge_errors, Direction, FunnelInputs, Stage};

/// Everything the funnel page shows. Both directions are computed (they are cheap); the page
/// shows the one selected in the inputs, which [`compute`] guarantees to be `Ok`.
#[derive(Debug, Clone, PartialEq)]
pub struct FunnelReport {
    /// The direction selected in the inputs.
    pub direction: Direction,
    /// The stages this report was computed for: a page showing an older report while the
    /// current inputs have a problem names and labels the stages as they were computed.
    pub stages: Vec<Stage>,
    /// From `entry_per_month`. `Err` only when the direction is not the selected one
    /// (e.g. a forward-only input is invalid while the page is in reverse mode).
    pub forward: Result<ForwardResult, Vec<FieldError>>,
    /// From the new-client part of the plan's revenue target (with gross profit). `Err` only
    /// when the direction is not the selected one (e.g. a zero conversion while the page is
    /// in forward mode).
    pub reverse: Result<ReversePlan, Vec<FieldError>>,
    pub cycle: Cycle,
    /// +10% relative on each conversion (the measure), for the selected direction's
    /// entry volume: `entry_per_month` forward, the reverse plan's leads in reverse.
    pub sensitivity: Sensitivity,
    /// The same with +10 percentage points, which ranks the weakest stage first (see
    /// [`Step`]); offered because the relative measure ties every stage below 90.9%.
    pub sensitivity_points: Sensitivity,
    /// Sellers against the plan's funnel; problems of a seller's row are inside it and never
    /// block the report.
    pub diagnostics: Diagnostics,
    /// Problems that do not block the report (an unnamed stage); show them next to the field.
    pub warnings: Vec<FieldError>,
}

/// Computes every view of the funnel (DESIGN.md §3.1) for the plan's `working_days` per month;
/// the reverse direction plans the new-client part of the plan's revenue `target`.
///
/// `Err` holds every problem that prevents the selected direction's result, each naming its
/// field; the page keeps the last good report on screen and shows the messages. Stage-name
/// warnings are included in the `Err` too, so no message disappears while another is fixed.
pub fn compute(
    inputs: &FunnelInputs,
    target: &RevenueTarget,
    working_days: f64,
) -> Result<FunnelReport, Vec<FieldError>> {
    let stages = &inputs.stages;
    let forward = forward(
        stages,
        inputs.avg_check,
        inputs.gross_margin_pct,
        inputs.entry_per_month,
    );
    let mut target_check = Validator::default();
    target_check.amount(fields::TARGET_REVENUE, target.new_clients());
    let target_errors = target_check.into_errors();
    // With a bad target the rest of the reverse inputs are still checked, on a zero target.
    let new_clients = if target_errors.is_empty() {
        target.new_clients()
    } else {
        0.0
    };
    let reverse = reverse_with_margin(
        stages,
        inputs.avg_check,
        inputs.gross_margin_pct,
        new_clients,
        working_days,
        inputs.sellers,
    );
    let reverse = match reverse {
        Ok(_) if !target_errors.is_empty() => Err(target_errors),
        Err(mut errors) if !target_errors.is_empty() => {
            let mut all = target_errors;
            merge_errors(&mut all, &errors);
            errors = all;
            Err(errors)
        }
        other => other,
    };
    let entry = match inputs.direction {
        Direction::Forward => forward.as_ref().map(|f| f.entry_per_month),
        Direction::Reverse => reverse.as_ref().map(ReversePlan::leads_per_month),
    }
    .map_err(Clone::clone);
    let lever = |step| {
        entry
            .clone()
            .and_then(|e| sensitivity(stages, inputs.avg_check, inputs.gross_margin_pct, e, step))
    };
    let parts = (
        entry.clone(),
        cycle(stages, working_days),
        lever(Step::TenPercentRelative),
        lever(Step::TenPoints),
        diagnose(stages, inputs.avg_check, &inputs.actuals),
    );
    let warnings = stage_name_warnings(stages);
    match parts {
        (Ok(_), Ok(cycle), Ok(sensitivity), Ok(sensitivity_points), Ok(diagnostics)) => {
            Ok(FunnelReport {
                direction: inputs.direction,
                stages: stages.clone(),
                forward,
                reverse,
                cycle,
                sensitivity,
                sensitivity_points,
                diagnostics,
                warnings,
            })
        }
        (entry, cycle, sens, sens_points, diagnostics) => {
            let mut errors = Vec::new();
            for part in [
                entry.err(),
                cycle.err(),
                sens.err(),
                sens_points.err(),
                diagnostics.err(),
            ]
            .into_iter()
            .flatten()
            {
                merge_errors(&mut errors, &part);
            }
            merge_errors(&mut errors, &warnings);
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::diagnostics::SellerActuals;
    use crate::model::names::variant_names;
    use crate::model::validation::Problem;

    fn demo() -> FunnelInputs {
        FunnelInputs::demo(&variant_names)
    }

    #[test]
    fn demo_report_has_both_directions() {
        // Reverse: 840 leads (see reverse_worked_example); forward: 1 000 entry -> 80 deals.
        let r = compute(&demo(), &RevenueTarget::default(), 21.0).unwrap();
        assert_eq!(r.direction, Direction::Reverse);
        assert_eq!(r.reverse.as_ref().unwrap().leads_per_month(), 840.0);
        assert_eq!(r.reverse.as_ref().unwrap().gross_profit, Some(3_015_000.0));
        assert!((r.forward.as_ref().unwrap().deals - 80.0).abs() < 1e-9);
        // Reverse mode: sensitivity runs on the 840 leads: 840 x 8% = 67.2 deals.
        assert_eq!(r.sensitivity.entry_per_month, 840.0);
        assert!((r.sensitivity.base_deals - 67.2).abs() < 1e-9);
        assert_eq!(r.cycle.total_days, 24.0);
        assert!(r.warnings.is_empty());
        assert_eq!(r.stages, demo().stages);
    }

    #[test]
    fn forward_mode_uses_the_entry_volume_and_ignores_reverse_only_errors() {
        let mut inputs = demo();
        inputs.direction = Direction::Forward;
        inputs.stages[2].conversion_pct = 0.0;
        inputs.sellers = 0.0;
        let r = compute(&inputs, &RevenueTarget::default(), 21.0).unwrap();
        assert_eq!(r.sensitivity.entry_per_month, 1_000.0);
        let reverse_errors = r.reverse.unwrap_err();
        assert!(reverse_errors.contains(&FieldError::new(
            "stage-3-conversion",
            Problem::ZeroConversionBlocksPlan
        )));
        assert!(reverse_errors.iter().any(|e| e.field == "sellers"));
    }

    #[test]
    fn reverse_mode_blocks_on_zero_conversion() {
        let mut inputs = demo();
        inputs.stages[2].conversion_pct = 0.0;
        let errs = compute(&inputs, &RevenueTarget::default(), 21.0).unwrap_err();
        assert_eq!(
            errs,
            vec![FieldError::new(
                "stage-3-conversion",
                Problem::ZeroConversionBlocksPlan
            )]
        );
    }

    #[test]
    fn errors_are_listed_once_with_warnings() {
        let mut inputs = demo();
        inputs.avg_check = -1.0;
        inputs.stages[0].name = String::new();
        inputs.stages[1].days = -1.0;
        let errs = compute(&inputs, &RevenueTarget::default(), 40.0).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            ["avg-check", "working-days", "stage-2-days", "stage-1-name"]
        );
    }

    #[test]
    fn empty_name_warns_but_does_not_block() {
        let mut inputs = demo();
        inputs.stages[3].name = " ".into();
        let r = compute(&inputs, &RevenueTarget::default(), 21.0).unwrap();
        assert_eq!(
            r.warnings,
            vec![FieldError::new("stage-4-name", Problem::Empty)]
        );
    }

    #[test]
    fn broken_seller_rows_do_not_block_the_report() {
        let mut inputs = demo();
        inputs.actuals = vec![SellerActuals {
            name: "Broken".into(),
            counts: vec![Some(f64::NAN), Some(-3.0)],
        }];
        let r = compute(&inputs, &RevenueTarget::default(), 21.0).unwrap();
        assert!(!r.diagnostics.sellers[0].problems.is_empty());
    }
}
