//! Customer lifetime value (DESIGN.md §3.2, issue 5).
//!
//! One client brings `m` = average check x purchases per period x gross margin each period.
//! It is still a client in period t with probability r^t (r = retention), and money of period
//! t is worth 1 / (1+d)^t today (d = discount rate). Period 0 counts in full:
//!
//! ```text
//! LTV = sum over t = 0..H-1 of m r^t / (1+d)^t = m (1 - q^H) / (1 - q),  q = r / (1+d)
//!     = m H                        when q = 1 (r = 100 %, d = 0)
//!     = m (1+d) / (1 - r + d)      with no horizon, unbounded when r = 100 % and d = 0
//! ```
//!
//! Unbounded values are answers, not errors: every figure that can be unbounded is a
//! [`Figure`], and [`LtvReport::notices`] names the field to act on (`ltv-horizon` with
//! [`Problem::Unbounded`] for the headline) so the UI can say so and ask for a horizon.
//! A CAC of 0 gives no ratio (`None`), never infinity. Churn 0 is retention 100 %.
//!
//! The UI calls [`compute`] on every keystroke; the headcount page calls [`allowed_cac`] and
//! [`compare_cac`], which read only the main inputs.

mod figures;
mod inputs;
mod math;
mod scenarios;
mod segments;
mod validate;
mod verdict;

#[cfg(test)]
mod tests;

pub use figures::LtvFigures;
pub use inputs::{field, LtvInputs, Period, RetentionBasis, Segment, Uplift};
pub use math::{CurvePoint, Figure, CURVE_MAX_POINTS, CURVE_MIN_SPAN, MAX_HORIZON};
pub use scenarios::{
    Lever, ScenarioComparison, ScenarioDelta, ScenarioSide, SensitivityItem, SENSITIVITY_STEP_PCT,
};
pub use segments::{SegmentReport, SegmentsReport, MAX_SEGMENTS};
pub use validate::{
    CHECK_PCT_RULE, HORIZON_RULE, LIFETIME_RULE, PURCHASES_PLUS_RULE, RETENTION_PP_RULE,
    TARGET_RATIO_RULE,
};
pub use verdict::{ltv_to_cac, CacComparison, RatioBand, HEALTHY_UPPER_FACTOR};

use super::validation::{FieldError, Problem, Validator};
use math::value_curve;
use validate::core_only;

/// Sleeping clients brought back: the money on the table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Reactivation {
    pub sleeping_clients: f64,
    /// 0..=100.
    pub reactivation_pct: f64,
    /// sleeping clients x reactivation rate.
    pub reactivated_clients: f64,
    /// reactivated clients x the headline LTV, money.
    pub money_on_table: Figure,
}

/// Everything the LTV page shows. Money is in the plan's currency, "periods" are [`Period`]s.
#[derive(Debug, Clone, PartialEq)]
pub struct LtvReport {
    /// The unit of every per-period figure (for labels).
    pub period: Period,
    /// One client's figures: margin per period, lifetime, LTV undiscounted and discounted.
    pub base: LtvFigures,
    /// The plan's acquisition cost, money per new client.
    pub cac: f64,
    pub target_ratio: f64,
    /// LTV / CAC; `None` when the CAC is 0.
    pub ltv_to_cac: Option<Figure>,
    /// Verdict on the ratio; `None` when there is no ratio.
    pub band: Option<RatioBand>,
    /// Highest CAC the LTV allows at the target ratio = LTV / target, money per new client.
    pub allowed_cac: Figure,
    /// The same two on the undiscounted LTV (equal to the above when the discount is 0), for
    /// readers who judge LTV:CAC without discounting.
    pub ltv_to_cac_undiscounted: Option<Figure>,
    pub allowed_cac_undiscounted: Figure,
    /// Periods until the cumulative discounted margin covers the CAC: `Some(0)` when the CAC
    /// is 0, `None` when it is not covered within the horizon (or [`MAX_HORIZON`] periods).
    pub payback_periods: Option<u32>,
    /// Cumulative value of one client: the origin plus up to [`CURVE_MAX_POINTS`] points.
    pub curve: Vec<CurvePoint>,
    /// +10 % on each input -> LTV change, largest first; empty when the LTV is unbounded.
    pub sensitivity: Vec<SensitivityItem>,
    /// The "what if" beside the base.
    pub scenario: ScenarioComparison,
    pub segments: SegmentsReport,
    pub reactivation: Reactivation,
    /// Answers that need the user's attention but block nothing, each next to the field to
    /// change: [`Problem::Unbounded`] on `ltv-horizon` (headline LTV), `scenario-retention`,
    /// `segment-N-retention`, `development-retention` or `segment-N-development-retention`.
    pub notices: Vec<FieldError>,
}

/// Computes the whole LTV page, or every input problem found (all sections are checked).
pub fn compute(inputs: &LtvInputs) -> Result<LtvReport, Vec<FieldError>> {
    let mut v = Validator::default();
    let core = validate::core(&mut v, inputs);
    let what_if = validate::uplift(&mut v, field::SCENARIO, &inputs.scenario);
    let development = validate::uplift(&mut v, field::DEVELOPMENT, &inputs.development);
    let checked_segments = segments::validate(&mut v, inputs, development);
    let sleeping_clients = v.amount(field::SLEEPING_CLIENTS, inputs.sleeping_clients);
    let reactivation_pct = v.percent(field::REACTIVATION_RATE, inputs.reactivation_pct);
    v.finish(())?;

    let scenario = scenarios::compare(&core, &what_if);
    let base = scenario.base;
    let segments = segments::report(&checked_segments, &core.terms);
    let reactivated_clients = sleeping_clients * reactivation_pct / 100.0;
    let notices = notices(&scenario, &checked_segments, &segments);
    Ok(LtvReport {
        period: inputs.period,
        base: base.figures,
        cac: core.cac,
        target_ratio: core.target_ratio,
        ltv_to_cac: base.ltv_to_cac,
        band: base.band,
        allowed_cac: base.allowed_cac,
        ltv_to_cac_undiscounted: ltv_to_cac(base.figures.ltv_undiscounted, core.cac),
        allowed_cac_undiscounted: base.figures.ltv_undiscounted.divided_by(core.target_ratio),
        payback_periods: base.payback_periods,
        curve: value_curve(&core.unit, &core.terms),
        sensitivity: scenarios::sensitivity(&core.unit, &core.terms),
        scenario,
        segments,
        reactivation: Reactivation {
            sleeping_clients,
            reactivation_pct,
            reactivated_clients,
            money_on_table: base.figures.ltv.times(reactivated_clients),
        },
        notices,
    })
}

/// Where an unbounded answer needs the user: the field whose change makes it finite.
fn notices(
    scenario: &ScenarioComparison,
    checked: &[segments::CheckedSegment],
    segments: &SegmentsReport,
) -> Vec<FieldError> {
    let mut fields: Vec<String> = Vec::new();
    let mut note = |field: String| {
        if !fields.contains(&field) {
            fields.push(field);
        }
    };
    if scenario.base.figures.ltv.is_unbounded() {
        note(field::HORIZON.to_string());
    } else if scenario.what_if.figures.ltv.is_unbounded() {
        note(field::uplift(field::SCENARIO, "retention"));
    }
    for (i, (c, row)) in checked.iter().zip(&segments.segments).enumerate() {
        if row.today.ltv.is_unbounded() {
            note(field::segment(i, "retention"));
        } else if row.developed.ltv.is_unbounded() {
            note(field::uplift(&c.development_prefix, "retention"));
        }
    }
    fields
        .into_iter()
        .map(|f| FieldError::new(f, Problem::Unbounded))
        .collect()
}

/// The highest CAC the headline LTV allows at the target ratio (LTV / target), money per new
/// client. `None` when the main LTV inputs are invalid or the LTV is unbounded. Segment,
/// scenario and reactivation inputs are not read.
pub fn allowed_cac(inputs: &LtvInputs) -> Option<f64> {
    let core = core_only(inputs).ok()?;
    let ltv = figures::figures(&core.unit, &core.terms).ltv;
    ltv.divided_by(core.target_ratio).finite()
}

/// Judges an actual CAC (e.g. the one the sales budget implies) against the LTV: ratio, band,
/// allowed CAC and headroom. `None` when the main LTV inputs are invalid or `actual_cac` is
/// not a finite amount >= 0.
pub fn compare_cac(inputs: &LtvInputs, actual_cac: f64) -> Option<CacComparison> {
    if !(actual_cac.is_finite() && actual_cac >= 0.0) {
        return None;
    }
    let core = core_only(inputs).ok()?;
    let ltv = figures::figures(&core.unit, &core.terms).ltv;
    Some(verdict::compare(ltv, core.target_ratio, actual_cac))
}
