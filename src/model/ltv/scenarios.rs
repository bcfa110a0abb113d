//! "What if" scenarios side by side with the base, and the sensitivity ranking.

use super::figures::{figures, LtvFigures};
use super::inputs::{field, Uplift};
use super::math::{payback_periods, Figure, Terms, Unit};
use super::validate::Core;
use super::verdict::{ltv_to_cac, RatioBand};

/// One column of the scenario table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScenarioSide {
    pub figures: LtvFigures,
    /// LTV / target ratio, money per new client.
    pub allowed_cac: Figure,
    /// LTV / CAC at the plan's CAC; `None` when the CAC is 0.
    pub ltv_to_cac: Option<Figure>,
    pub band: Option<RatioBand>,
    /// See [`super::LtvReport::payback_periods`].
    pub payback_periods: Option<u32>,
}

/// What-if minus base. A field is `None` when either side is unbounded.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScenarioDelta {
    /// Money.
    pub avg_check: f64,
    pub purchases_per_period: f64,
    /// Percentage points (after keeping retention within 0..=100 %).
    pub retention_pp: f64,
    /// Money per period.
    pub margin_per_period: f64,
    /// Periods.
    pub lifetime_periods: Option<f64>,
    /// Money.
    pub ltv: Option<f64>,
    /// Relative LTV change, percent; `None` also when the base LTV is 0.
    pub ltv_pct: Option<f64>,
    /// Money per new client.
    pub allowed_cac: Option<f64>,
    /// Change of LTV:CAC (times); `None` when there is no ratio (CAC 0) or either side is
    /// unbounded.
    pub ltv_to_cac: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ScenarioComparison {
    /// The change applied (as entered).
    pub uplift: Uplift,
    pub base: ScenarioSide,
    pub what_if: ScenarioSide,
    pub delta: ScenarioDelta,
}

fn side(unit: &Unit, core: &Core) -> ScenarioSide {
    let f = figures(unit, &core.terms);
    let ratio = ltv_to_cac(f.ltv, core.cac);
    ScenarioSide {
        figures: f,
        allowed_cac: f.ltv.divided_by(core.target_ratio),
        ltv_to_cac: ratio,
        band: ratio.map(|r| RatioBand::classify(r, core.target_ratio)),
        payback_periods: payback_periods(unit, &core.terms, core.cac),
    }
}

/// Relative change in percent, when the base is finite and not zero.
pub(crate) fn change_pct(after: Figure, before: Figure) -> Option<f64> {
    let before_value = before.finite().filter(|b| *b != 0.0)?;
    let pct = after.minus(before)? / before_value * 100.0;
    pct.is_finite().then_some(pct)
}

pub(crate) fn compare(core: &Core, uplift: &Uplift) -> ScenarioComparison {
    let base = side(&core.unit, core);
    let what_if = side(&core.unit.with_uplift(uplift), core);
    let (b, w) = (&base.figures, &what_if.figures);
    let delta = ScenarioDelta {
        avg_check: w.avg_check - b.avg_check,
        purchases_per_period: w.purchases_per_period - b.purchases_per_period,
        retention_pp: w.retention_pct - b.retention_pct,
        margin_per_period: w.margin_per_period - b.margin_per_period,
        lifetime_periods: w
            .lifetime_periods
            .zip(b.lifetime_periods)
            .map(|(w, b)| w - b),
        ltv: w.ltv.minus(b.ltv),
        ltv_pct: change_pct(w.ltv, b.ltv),
        allowed_cac: what_if.allowed_cac.minus(base.allowed_cac),
        ltv_to_cac: what_if
            .ltv_to_cac
            .zip(base.ltv_to_cac)
            .and_then(|(w, b)| w.minus(b)),
    };
    ScenarioComparison {
        uplift: *uplift,
        base,
        what_if,
        delta,
    }
}

/// An input the sensitivity ranking moves by +10 % (relative).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lever {
    AvgCheck,
    Purchases,
    /// Gross margin, capped at 100 %.
    Margin,
    /// Retention, capped at 100 % (0 % stays 0 %).
    Retention,
    /// Discount rate: a higher rate lowers the LTV, so its change is negative (or zero when
    /// the rate is 0 %).
    Discount,
}

impl Lever {
    pub const ALL: [Lever; 5] = [
        Lever::AvgCheck,
        Lever::Purchases,
        Lever::Margin,
        Lever::Retention,
        Lever::Discount,
    ];

    /// The field id of the input, so the UI can link or highlight it.
    pub fn field(self) -> &'static str {
        match self {
            Lever::AvgCheck => field::AVG_CHECK,
            Lever::Purchases => field::FREQUENCY,
            Lever::Margin => field::MARGIN,
            Lever::Retention => field::RETENTION,
            Lever::Discount => field::DISCOUNT,
        }
    }
}

/// Relative step of the sensitivity ranking, percent.
pub const SENSITIVITY_STEP_PCT: f64 = 10.0;

/// Effect of moving one input by +10 % on the headline LTV.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SensitivityItem {
    pub lever: Lever,
    /// The input before and after the step, in its own unit (money, purchases, %).
    pub from: f64,
    pub to: f64,
    pub ltv_after: Figure,
    /// LTV after minus LTV before, money; negative for the discount rate; `Unbounded` when the
    /// step makes the LTV unbounded (retention reaching 100 % with no discount and no horizon).
    pub change: Figure,
    /// Relative change, percent; `None` when the base LTV is 0 or either side is unbounded.
    pub change_pct: Option<f64>,
}

/// Moves `lever` by +10 %: returns (from, to, the moved unit, the moved terms).
fn step(lever: Lever, unit: &Unit, terms: &Terms) -> (f64, f64, Unit, Terms) {
    let up = |x: f64| x * (1.0 + SENSITIVITY_STEP_PCT / 100.0);
    let (mut u, mut t) = (*unit, *terms);
    let (from, to) = match lever {
        Lever::AvgCheck => {
            u.avg_check = up(unit.avg_check);
            (unit.avg_check, u.avg_check)
        }
        Lever::Purchases => {
            u.purchases = up(unit.purchases);
            (unit.purchases, u.purchases)
        }
        Lever::Margin => {
            u.margin_pct = up(unit.margin_pct).min(100.0);
            (unit.margin_pct, u.margin_pct)
        }
        Lever::Retention => {
            let to = up(unit.retention_pct()).min(100.0);
            u.churn_pct = 100.0 - to;
            (unit.retention_pct(), to)
        }
        Lever::Discount => {
            t.discount_pct = up(terms.discount_pct).min(100.0);
            (terms.discount_pct, t.discount_pct)
        }
    };
    (from, to, u, t)
}

/// The +10 % effect of every lever on the LTV, largest absolute change first (unbounded
/// changes first of all; ties keep the order of [`Lever::ALL`]). Empty when the base LTV is
/// unbounded: nothing can be compared with it.
pub(crate) fn sensitivity(unit: &Unit, terms: &Terms) -> Vec<SensitivityItem> {
    let base = figures(unit, terms).ltv;
    if base.is_unbounded() {
        return Vec::new();
    }
    let mut items: Vec<SensitivityItem> = Lever::ALL
        .into_iter()
        .map(|lever| {
            let (from, to, u, t) = step(lever, unit, terms);
            let after = figures(&u, &t).ltv;
            SensitivityItem {
                lever,
                from,
                to,
                ltv_after: after,
                change: after.minus(base).map_or(Figure::Unbounded, Figure::Finite),
                change_pct: change_pct(after, base),
            }
        })
        .collect();
    items.sort_by(|a, b| rank_key(b.change).total_cmp(&rank_key(a.change)));
    items
}

/// Size of a change for ranking, to 9 significant digits: +10 % on the check, the purchases
/// or the margin is the same change, and rounding noise must not pick an order among them.
fn rank_key(change: Figure) -> f64 {
    let m = change.magnitude();
    if m == 0.0 || !m.is_finite() {
        return m;
    }
    let unit = 10f64.powf(m.log10().floor() - 8.0);
    let key = (m / unit).round() * unit;
    if key.is_finite() {
        key
    } else {
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ltv::validate::core_only;
    use crate::model::ltv::LtvInputs;
    use crate::model::names::variant_names;

    fn demo_core() -> Core {
        core_only(&LtvInputs::demo(&variant_names)).unwrap()
    }

    fn approx(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn demo_scenario_by_hand() {
        // Base: 150 000 x 2 x 30 % = 90 000 a month; r = 95 %, d = 1 %:
        //   LTV = 90 000 x 1.01 / 0.06 = 1 515 000.
        // What if +5 pp, +10 %, +0.5: 165 000 x 2.5 x 30 % = 123 750; r = 100 %:
        //   LTV = 123 750 x 1.01 / 0.01 = 12 498 750.
        let c = compare(&demo_core(), &Uplift::default());
        let base = c.base.figures.ltv.finite().unwrap();
        let what_if = c.what_if.figures.ltv.finite().unwrap();
        assert!(approx(base, 1_515_000.0, 1e-6), "{base}");
        assert!(approx(what_if, 12_498_750.0, 1e-5), "{what_if}");
        assert!(approx(c.delta.margin_per_period, 33_750.0, 1e-9));
        assert!(approx(c.delta.retention_pp, 5.0, 1e-12));
        assert_eq!(c.what_if.figures.lifetime_periods, None);
        assert_eq!(c.delta.lifetime_periods, None);
        assert!(approx(
            c.delta.ltv.unwrap(),
            12_498_750.0 - 1_515_000.0,
            1e-5
        ));
        // Allowed CAC at 3:1: 505 000 -> 4 166 250.
        assert!(approx(
            c.base.allowed_cac.finite().unwrap(),
            505_000.0,
            1e-6
        ));
        assert!(approx(c.delta.allowed_cac.unwrap(), 3_661_250.0, 1e-5));
        // LTV:CAC at CAC 350 000: 1 515 000 / 350 000 = 4.328571 -> 12 498 750 / 350 000
        //   = 35.710714; change 30.382143.
        assert!(approx(
            c.delta.ltv_to_cac.unwrap(),
            (12_498_750.0 - 1_515_000.0) / 350_000.0,
            1e-9
        ));
    }

    #[test]
    fn ratio_change_needs_a_ratio_on_both_sides() {
        let mut core = demo_core();
        core.cac = 0.0;
        assert_eq!(compare(&core, &Uplift::default()).delta.ltv_to_cac, None);
        core.cac = 350_000.0;
        core.terms.discount_pct = 0.0;
        // The what-if reaches 100 % retention with no discount: its ratio is unbounded.
        assert_eq!(compare(&core, &Uplift::default()).delta.ltv_to_cac, None);
    }

    #[test]
    fn scenario_reaching_unbounded_has_no_ltv_delta() {
        let mut core = demo_core();
        core.terms.discount_pct = 0.0;
        let c = compare(&core, &Uplift::default());
        assert_eq!(c.what_if.figures.ltv, Figure::Unbounded);
        assert_eq!(c.delta.ltv, None);
        assert_eq!(c.delta.ltv_pct, None);
        assert_eq!(c.what_if.band, Some(RatioBand::UnderInvesting));
    }

    #[test]
    fn demo_sensitivity_ranking() {
        // Retention 95 -> 100 % (capped): LTV x (1.01/0.01) / (1.01/0.06) = x 6, +500 %.
        // Check, purchases, margin: +10 % each. Discount 1 -> 1.1 %:
        //   1.011 / 0.061 vs 1.01 / 0.06 -> -1.55 %.
        let core = demo_core();
        let s = sensitivity(&core.unit, &core.terms);
        let order: Vec<Lever> = s.iter().map(|i| i.lever).collect();
        assert_eq!(
            order,
            [
                Lever::Retention,
                Lever::AvgCheck,
                Lever::Purchases,
                Lever::Margin,
                Lever::Discount
            ]
        );
        assert!(approx(s[0].change_pct.unwrap(), 500.0, 1e-6));
        assert_eq!((s[0].from, s[0].to), (95.0, 100.0));
        for item in &s[1..4] {
            assert!(approx(item.change_pct.unwrap(), 10.0, 1e-9), "{item:?}");
        }
        let expected = (1.011 / 0.061) / (1.01 / 0.06) * 100.0 - 100.0;
        assert!(approx(s[4].change_pct.unwrap(), expected, 1e-9));
        assert!(s[4].change.finite().unwrap() < 0.0);
    }

    #[test]
    fn sensitivity_of_unbounded_base_is_empty_and_unbounded_steps_rank_first() {
        let mut core = demo_core();
        core.terms.discount_pct = 0.0;
        core.unit.churn_pct = 0.0;
        assert!(sensitivity(&core.unit, &core.terms).is_empty());
        // r = 95 %, d = 0: +10 % retention reaches 100 % -> unbounded.
        core.unit.churn_pct = 5.0;
        let s = sensitivity(&core.unit, &core.terms);
        assert_eq!(s[0].lever, Lever::Retention);
        assert_eq!(s[0].change, Figure::Unbounded);
        assert_eq!(s[0].change_pct, None);
        // Discount 0 % stays 0 %: no change.
        let discount = s.iter().find(|i| i.lever == Lever::Discount).unwrap();
        assert_eq!(discount.change, Figure::Finite(0.0));
    }
}
