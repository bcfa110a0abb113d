//! Sensitivity: which stage's conversion is the biggest lever (DESIGN.md §3.1 "Sensitivity").
//!
//! Note on the measure the issue asks for (+10% relative): deals are entry x the product of
//! the conversions, so +10% relative on ANY one stage multiplies the deals by 1.1. Every
//! stage below 90.9% therefore gains exactly the same, and only stages near 100% (capped)
//! gain less. [`Step::TenPoints`] (+10 percentage points) instead favours the weakest stage,
//! which is usually what a head of sales means by "the biggest lever".

use crate::model::validation::FieldError;

use super::forward::forward;
use super::{transition_rates, Stage};

/// How much a stage's conversion is raised to measure its effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// +10% of the current conversion (40% -> 44%), capped at 100%.
    TenPercentRelative,
    /// +10 percentage points (40% -> 50%), capped at 100%.
    TenPoints,
}

impl Step {
    /// The conversion after the raise, in % (never above 100).
    pub fn raise(self, conversion_pct: f64) -> f64 {
        let raised = match self {
            Step::TenPercentRelative => conversion_pct * 1.1,
            Step::TenPoints => conversion_pct + 10.0,
        };
        raised.min(100.0)
    }
}

/// The effect of raising one stage's conversion, everything else unchanged.
#[derive(Debug, Clone, PartialEq)]
pub struct Lever {
    /// Index of the stage whose conversion is raised (0-based; it leads to stage + 1).
    pub stage: usize,
    /// Current conversion, %.
    pub conversion_pct: f64,
    /// Conversion after the step, % (capped at 100; equal to the current one at 100%).
    pub raised_pct: f64,
    /// Extra deals per month (expected, not rounded).
    pub extra_deals: f64,
    /// Extra revenue per month: extra deals x average check.
    pub extra_revenue: f64,
    /// Extra gross profit per month: extra revenue x gross margin.
    pub extra_gross_profit: f64,
    /// 1 = the biggest gain; levers with the same gain share a rank (1, 1, 3 ...).
    pub rank: usize,
    /// Holds the biggest gain, and that gain is more than zero. Several levers may tie.
    pub is_biggest: bool,
}

/// All stages' levers, ranked.
#[derive(Debug, Clone, PartialEq)]
pub struct Sensitivity {
    pub step: Step,
    /// Clients entering the first stage per month the gains are computed for.
    pub entry_per_month: f64,
    /// Deals per month before any change.
    pub base_deals: f64,
    /// One per stage with a conversion (all but the last), biggest gain first; equal gains
    /// keep the stage order.
    pub levers: Vec<Lever>,
    /// Stage of the biggest lever (the earliest if several tie); `None` when nothing gains.
    pub biggest: Option<usize>,
}

/// Gains from raising each stage's conversion by `step`, for `entry_per_month` clients.
///
/// In forward mode pass the entry volume; in reverse mode the reverse plan's leads
/// ([`super::ReversePlan::leads_per_month`]).
pub fn sensitivity(
    stages: &[Stage],
    avg_check: f64,
    gross_margin_pct: f64,
    entry_per_month: f64,
    step: Step,
) -> Result<Sensitivity, Vec<FieldError>> {
    let base = forward(stages, avg_check, gross_margin_pct, entry_per_month)?;
    let rates: Vec<f64> = transition_rates(stages).collect();
    let mut levers: Vec<Lever> = stages
        .iter()
        .take(rates.len())
        .enumerate()
        .map(|(i, s)| {
            let raised_pct = step.raise(s.conversion_pct);
            let extra_deals =
                entry_per_month * product_without(&rates, i) * (raised_pct - s.conversion_pct)
                    / 100.0;
            let extra_revenue = extra_deals * avg_check;
            Lever {
                stage: i,
                conversion_pct: s.conversion_pct,
                raised_pct,
                extra_deals,
                extra_revenue,
                extra_gross_profit: extra_revenue * gross_margin_pct / 100.0,
                rank: 0,
                is_biggest: false,
            }
        })
        .collect();
    rank_levers(&mut levers);
    let biggest = levers.first().filter(|l| l.is_biggest).map(|l| l.stage);
    Ok(Sensitivity {
        step,
        entry_per_month,
        base_deals: base.deals,
        levers,
        biggest,
    })
}

/// Product of all conversions except the one at `skip`, as a fraction.
fn product_without(rates: &[f64], skip: usize) -> f64 {
    rates
        .iter()
        .enumerate()
        .filter(|&(j, _)| j != skip)
        .map(|(_, r)| r)
        .product()
}

/// Gains equal up to rounding noise count as a tie (they often are equal in exact arithmetic).
fn same_gain(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs())
}

/// Competition ranking by extra deals (1, 1, 3 ...), then sorts by rank and stage.
fn rank_levers(levers: &mut [Lever]) {
    let gains: Vec<f64> = levers.iter().map(|l| l.extra_deals).collect();
    for lever in levers.iter_mut() {
        let g = lever.extra_deals;
        let better = gains
            .iter()
            .filter(|&&other| other > g && !same_gain(other, g))
            .count();
        lever.rank = better + 1;
        lever.is_biggest = lever.rank == 1 && g > 0.0;
    }
    levers.sort_by_key(|l| (l.rank, l.stage));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::funnel::Stage;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    fn funnel(conversions: &[f64]) -> Vec<Stage> {
        conversions
            .iter()
            .map(|&c| Stage {
                conversion_pct: c,
                ..Stage::default()
            })
            .collect()
    }

    #[test]
    fn relative_step_worked_example() {
        // 1 000 x 20% x 95% x 50% = 95 deals. +10% relative:
        // stage 1: 20 -> 22%: 1 000 x 0.95 x 0.5 x 0.02 = 9.5 extra deals;
        // stage 2: 95 -> 100% (capped): 1 000 x 0.2 x 0.5 x 0.05 = 5 extra deals;
        // stage 3: 50 -> 55%: 1 000 x 0.2 x 0.95 x 0.05 = 9.5 extra deals.
        // Stages 1 and 3 tie at rank 1 (both x1.1), stage 2 is rank 3.
        // Check 1 000, margin 40%: 9.5 deals = 9 500 revenue, 3 800 gross profit.
        let s = sensitivity(
            &funnel(&[20.0, 95.0, 50.0, 100.0]),
            1_000.0,
            40.0,
            1_000.0,
            Step::TenPercentRelative,
        )
        .unwrap();
        assert!(close(s.base_deals, 95.0));
        let order: Vec<(usize, usize)> = s.levers.iter().map(|l| (l.stage, l.rank)).collect();
        assert_eq!(order, vec![(0, 1), (2, 1), (1, 3)]);
        assert!(close(s.levers[0].extra_deals, 9.5));
        assert!(close(s.levers[0].extra_revenue, 9_500.0));
        assert!(close(s.levers[0].extra_gross_profit, 3_800.0));
        assert!(close(s.levers[2].extra_deals, 5.0));
        assert!(close(s.levers[2].raised_pct, 100.0));
        assert_eq!(s.biggest, Some(0));
        assert!(s.levers[1].is_biggest && !s.levers[2].is_biggest);
    }

    #[test]
    fn points_step_favours_the_weakest_stage() {
        // Same funnel, +10 points: stage 1: 20 -> 30%: 1 000 x 0.95 x 0.5 x 0.1 = 47.5;
        // stage 2: 95 -> 100%: 5; stage 3: 50 -> 60%: 1 000 x 0.2 x 0.95 x 0.1 = 19.
        let s = sensitivity(
            &funnel(&[20.0, 95.0, 50.0, 100.0]),
            1_000.0,
            40.0,
            1_000.0,
            Step::TenPoints,
        )
        .unwrap();
        let stages: Vec<usize> = s.levers.iter().map(|l| l.stage).collect();
        assert_eq!(stages, vec![0, 2, 1]);
        assert!(close(s.levers[0].extra_deals, 47.5));
        assert!(close(s.levers[1].extra_deals, 19.0));
        assert_eq!(s.biggest, Some(0));
    }

    #[test]
    fn stage_at_hundred_percent_gains_nothing() {
        // 100 x 100% x 50% = 50 deals; stage 1 is capped: 0 gain; stage 2: 50 -> 55%: +5.
        let s = sensitivity(
            &funnel(&[100.0, 50.0, 100.0]),
            10.0,
            100.0,
            100.0,
            Step::TenPercentRelative,
        )
        .unwrap();
        assert_eq!(s.levers[0].stage, 1);
        assert!(close(s.levers[0].extra_deals, 5.0));
        assert_eq!(s.levers[1].stage, 0);
        assert_eq!(s.levers[1].extra_deals, 0.0);
        assert!(!s.levers[1].is_biggest);
    }

    #[test]
    fn no_entry_means_no_lever() {
        let s = sensitivity(
            &funnel(&[40.0, 50.0, 100.0]),
            10.0,
            30.0,
            0.0,
            Step::TenPercentRelative,
        )
        .unwrap();
        assert_eq!(s.biggest, None);
        assert!(s
            .levers
            .iter()
            .all(|l| l.extra_deals == 0.0 && !l.is_biggest));
    }

    #[test]
    fn zero_conversion_stage_is_the_only_lever_in_points() {
        // 100 x 0% x 50% = 0 deals. +10 points on stage 1: 100 x 0.5 x 0.1 = 5 deals;
        // stage 2 gains nothing while stage 1 lets nobody through.
        let s = sensitivity(
            &funnel(&[0.0, 50.0, 100.0]),
            10.0,
            30.0,
            100.0,
            Step::TenPoints,
        )
        .unwrap();
        assert_eq!(s.biggest, Some(0));
        assert!(close(s.levers[0].extra_deals, 5.0));
        assert_eq!(s.levers[1].extra_deals, 0.0);
    }
}
