//! Forward pass: from the clients entering the funnel to deals, revenue and gross profit.

use crate::model::validation::{FieldError, Validator};

use super::check_stages;
use super::{fields, overall_conversion_pct, transition_rates, Stage};

/// One stage of the forward pass.
#[derive(Debug, Clone, PartialEq)]
pub struct ForwardStage {
    /// Clients per month expected to reach this stage. An expectation, not rounded: 2.4
    /// meetings a month is a fair answer for a small entry volume.
    pub per_month: f64,
    /// Share of the entering clients that reach this stage, % (100 for the first stage).
    pub from_entry_pct: f64,
    /// Clients per month that stop at this stage (do not reach the next); 0 for the deal stage.
    pub lost_per_month: f64,
}

/// What an entry volume produces in a month.
#[derive(Debug, Clone, PartialEq)]
pub struct ForwardResult {
    /// Clients entering the first stage per month (the input).
    pub entry_per_month: f64,
    /// One entry per stage, first stage first; the last one is the deals.
    pub stages: Vec<ForwardStage>,
    /// Deals per month (expected, not rounded).
    pub deals: f64,
    /// Money per month: deals x average check.
    pub revenue: f64,
    /// Money per month: revenue x gross margin.
    pub gross_profit: f64,
    /// Share of entering clients that become deals, % (product of the conversions).
    pub overall_conversion_pct: f64,
}

/// Runs `entry_per_month` clients through the funnel (DESIGN.md §3.1 "Forward").
///
/// A zero conversion is fine here: the clients simply stop at that stage.
pub fn forward(
    stages: &[Stage],
    avg_check: f64,
    gross_margin_pct: f64,
    entry_per_month: f64,
) -> Result<ForwardResult, Vec<FieldError>> {
    let mut v = Validator::default();
    check_stages(&mut v, stages);
    let avg_check = v.positive(fields::AVG_CHECK, avg_check);
    let margin = v.percent(fields::GROSS_MARGIN, gross_margin_pct);
    let entry = v.amount(fields::ENTRY_PER_MONTH, entry_per_month);
    v.finish(())?;
    Ok(run_forward(stages, avg_check, margin, entry))
}

/// The arithmetic of [`forward`] on validated inputs (also used by sensitivity).
pub(super) fn run_forward(
    stages: &[Stage],
    avg_check: f64,
    gross_margin_pct: f64,
    entry: f64,
) -> ForwardResult {
    let volumes = stage_volumes(stages, entry);
    let deals = volumes.last().copied().unwrap_or(0.0);
    let rates: Vec<f64> = transition_rates(stages).collect();
    let stage_rows = volumes
        .iter()
        .enumerate()
        .map(|(i, &v)| ForwardStage {
            per_month: v,
            from_entry_pct: share_of_entry_pct(stages, i),
            lost_per_month: rates.get(i).map_or(0.0, |r| v * (1.0 - r)),
        })
        .collect();
    let revenue = deals * avg_check;
    ForwardResult {
        entry_per_month: entry,
        stages: stage_rows,
        deals,
        revenue,
        gross_profit: revenue * gross_margin_pct / 100.0,
        overall_conversion_pct: overall_conversion_pct(stages),
    }
}

/// Expected clients at every stage for `entry` clients at the first one.
pub(super) fn stage_volumes(stages: &[Stage], entry: f64) -> Vec<f64> {
    let mut volumes = Vec::with_capacity(stages.len());
    let mut v = entry;
    volumes.push(v);
    for rate in transition_rates(stages) {
        v *= rate;
        volumes.push(v);
    }
    volumes.truncate(stages.len());
    volumes
}

/// Share of entering clients that reach stage `index`, % (computed from conversions, so it
/// is defined even with no entry).
fn share_of_entry_pct(stages: &[Stage], index: usize) -> f64 {
    transition_rates(stages).take(index).product::<f64>() * 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::funnel::FunnelInputs;
    use crate::model::names::variant_names;
    use crate::model::validation::Problem;

    fn demo_stages() -> Vec<Stage> {
        FunnelInputs::demo(&variant_names).stages
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn forward_worked_example() {
        // 1 000 leads x 40% = 400 qualified x 50% = 200 meetings x 40% = 80 deals.
        // Revenue 80 x 150 000 = 12 000 000; gross profit 30% = 3 600 000; overall 8%.
        let f = forward(&demo_stages(), 150_000.0, 30.0, 1_000.0).unwrap();
        let volumes: Vec<f64> = f.stages.iter().map(|s| s.per_month).collect();
        for (got, want) in volumes.iter().zip([1_000.0, 400.0, 200.0, 80.0]) {
            assert!(close(*got, want), "{got} vs {want}");
        }
        assert!(close(f.deals, 80.0));
        assert!(close(f.revenue, 12_000_000.0));
        assert!(close(f.gross_profit, 3_600_000.0));
        assert!(close(f.overall_conversion_pct, 8.0));
        // Shares of entry: 100%, 40%, 20%, 8%. Lost: 600, 200, 120, 0.
        let shares: Vec<f64> = f.stages.iter().map(|s| s.from_entry_pct).collect();
        for (got, want) in shares.iter().zip([100.0, 40.0, 20.0, 8.0]) {
            assert!(close(*got, want), "{got} vs {want}");
        }
        let lost: Vec<f64> = f.stages.iter().map(|s| s.lost_per_month).collect();
        for (got, want) in lost.iter().zip([600.0, 200.0, 120.0, 0.0]) {
            assert!(close(*got, want), "{got} vs {want}");
        }
    }

    #[test]
    fn small_volumes_stay_fractional() {
        // 7 leads x 40% x 50% x 40% = 0.56 expected deals: not rounded to 0 or 1.
        let f = forward(&demo_stages(), 100.0, 50.0, 7.0).unwrap();
        assert!(close(f.deals, 0.56));
        assert!(close(f.revenue, 56.0));
        assert!(close(f.gross_profit, 28.0));
    }

    #[test]
    fn zero_conversion_stops_clients_without_error() {
        let mut stages = demo_stages();
        stages[1].conversion_pct = 0.0;
        let f = forward(&stages, 100.0, 50.0, 1_000.0).unwrap();
        assert_eq!(f.deals, 0.0);
        assert_eq!(f.overall_conversion_pct, 0.0);
        assert!(close(f.stages[1].lost_per_month, 400.0));
    }

    #[test]
    fn every_bad_input_is_reported_at_once() {
        let errs = forward(&demo_stages(), 0.0, 101.0, -5.0).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["avg-check", "gross-margin", "entry-per-month"]);
        assert_eq!(errs[0].problem, Problem::MustBePositive);
    }
}
