//! The sales funnel (DESIGN.md §3.1): stages, forward and reverse plans, cycle, sensitivity.
//!
//! Stage `i` holds the clients that reached it; `conversion_pct` of stage `i` is the share of
//! them that reach stage `i + 1`. The last stage is the paid deal, its conversion is unused.
//!
//! The funnel page calls [`compute`] on every keystroke and gets every view at once
//! ([`FunnelReport`]); the parts ([`forward`], [`reverse`], [`cycle`], [`sensitivity`]) are
//! public for other calculators (headcount builds on [`reverse`]).
//!
//! Seller diagnostics against this funnel live in [`crate::model::diagnostics`].

use serde::{Deserialize, Serialize};

use crate::model::names::{Name, Namer};

mod cycle;
mod edit;
mod forward;
mod report;
mod reverse;
mod sensitivity;
mod validate;

#[cfg(test)]
mod props;

pub use cycle::{cycle, Cycle, DAYS_PER_MONTH};
pub use edit::{insert_stage, move_stage, new_stage, remove_stage};
pub use forward::{forward, ForwardResult, ForwardStage};
pub use report::{compute, FunnelReport};
pub(crate) use reverse::required_per_month;
pub use reverse::{reverse, reverse_with_margin, ReversePlan, StageRequirement, WEEKS_PER_MONTH};
pub use sensitivity::{sensitivity, Lever, Sensitivity, Step};
pub use validate::{
    stage_name_warnings, validate_days, MAX_SELLERS, MAX_WORKING_DAYS, MIN_SELLERS,
    MIN_WORKING_DAYS,
};

pub(crate) use crate::model::stage::check_stages;
pub use crate::model::stage::{
    conversion_field, days_field, fields, name_field, validate_stages, ContactType, Stage,
    MAX_STAGES, MIN_STAGES,
};

/// Whether the page plans from leads in (forward) or from the revenue target (reverse).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Direction {
    Forward,
    #[default]
    Reverse,
}

/// Everything the funnel page keeps in the plan.
/// Its `Default` (the demo, named in the default language) needs words, so it is implemented
/// with them, in the text layer's `names` module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FunnelInputs {
    pub stages: Vec<Stage>,
    /// Revenue per deal.
    pub avg_check: f64,
    /// Gross profit / revenue, 0..=100.
    pub gross_margin_pct: f64,
    pub direction: Direction,
    /// Forward mode: clients entering the first stage per month.
    pub entry_per_month: f64,
    /// Sellers sharing the contact norms; may be fractional (full-time equivalents), at least 1.
    pub sellers: f64,
    /// Geometry diagnostics: actual stage counts per seller or period.
    pub actuals: Vec<super::diagnostics::SellerActuals>,
}

impl FunnelInputs {
    /// The demo funnel: B2B distribution, from cold call to paid first order.
    pub fn demo(names: Namer) -> Self {
        let stage = |name: String, conversion_pct: f64, days: f64, contact: ContactType| Stage {
            name,
            conversion_pct,
            days,
            contact,
        };
        FunnelInputs {
            stages: vec![
                stage(names(Name::Leads), 40.0, 3.0, ContactType::Call),
                stage(names(Name::Qualified), 50.0, 7.0, ContactType::Call),
                stage(names(Name::Meetings), 40.0, 14.0, ContactType::Meeting),
                stage(names(Name::Deals), 100.0, 0.0, ContactType::Meeting),
            ],
            avg_check: 150_000.0,
            gross_margin_pct: 30.0,
            direction: Direction::Reverse,
            entry_per_month: 1_000.0,
            sellers: 5.0,
            actuals: Vec::new(),
        }
    }
}

/// Conversions of the stages that have one (all but the last), as fractions 0..=1.
///
/// Assumes validated stages; used by every pass through the funnel.
fn transition_rates(stages: &[Stage]) -> impl Iterator<Item = f64> + '_ {
    let transitions = stages.len().saturating_sub(1);
    stages[..transitions]
        .iter()
        .map(|s| s.conversion_pct / 100.0)
}

/// Share of clients entering stage 1 that become deals, in % (product of all conversions).
///
/// Defined by the conversions alone, so it exists even when nobody enters the funnel.
pub fn overall_conversion_pct(stages: &[Stage]) -> f64 {
    transition_rates(stages).product::<f64>() * 100.0
}

/// Removes floating-point noise so that ceil(30.000000000000004) stays 30.
///
/// One division or multiplication errs by about 1e-16 relative; 1e-12 leaves a wide margin
/// and still never hides a real fraction of a client (a shortfall of at most 1e-12 relative).
pub(crate) fn round_noise(x: f64) -> f64 {
    let r = x.round();
    if (x - r).abs() <= 1e-12 * r.abs().max(1.0) {
        r
    } else {
        x
    }
}

/// Pushes the errors of `more` that `into` does not hold yet (parts re-check shared inputs).
fn merge_errors(into: &mut Vec<super::FieldError>, more: &[super::FieldError]) {
    for e in more {
        if !into.contains(e) {
            into.push(e.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::names::variant_names;

    #[test]
    fn overall_conversion_is_the_product_of_conversions() {
        // 40% x 50% x 40% = 8%; the last stage's 100% is not a transition.
        let stages = FunnelInputs::demo(&variant_names).stages;
        assert!((overall_conversion_pct(&stages) - 8.0).abs() < 1e-12);
    }

    #[test]
    fn noise_is_rounded_but_real_fractions_are_kept() {
        assert_eq!(round_noise(30.000_000_000_000_004), 30.0);
        assert_eq!(round_noise(2.000_000_000_1), 2.000_000_000_1);
        assert_eq!(round_noise(167.5), 167.5);
        assert_eq!(round_noise(f64::INFINITY), f64::INFINITY);
    }

    #[test]
    fn demo_plan_survives_a_json_round_trip() {
        let demo = FunnelInputs::demo(&variant_names);
        let json = serde_json::to_string(&demo).unwrap();
        let back: FunnelInputs = serde_json::from_str(&json).unwrap();
        assert_eq!(back, demo);
    }
}
