//! The arithmetic of LTV: one client's economics, the closed-form geometric sum, payback and
//! the cumulative value curve. Inputs here are already validated (finite, in range).

use super::inputs::Uplift;

/// Longest horizon the model accepts, in periods (100 years of months).
pub const MAX_HORIZON: u32 = 1200;
/// Most points of the value curve after the origin (for the SVG chart).
pub const CURVE_MAX_POINTS: u32 = 120;
/// Shortest span of the curve when the horizon is unlimited, in periods.
pub const CURVE_MIN_SPAN: u32 = 12;

/// A figure that is a finite number or unbounded (e.g. LTV with 100 % retention, no discount
/// and no horizon). The UI shows `Unbounded` as a word ("unbounded"), never as ∞ or a number.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Figure {
    Finite(f64),
    Unbounded,
}

impl Figure {
    /// Too large to hold in an f64 counts as unbounded; keeps infinity off the screen.
    pub(crate) fn from_f64(x: f64) -> Figure {
        if x.is_finite() {
            Figure::Finite(x)
        } else {
            Figure::Unbounded
        }
    }

    /// The number, if finite.
    pub fn finite(self) -> Option<f64> {
        match self {
            Figure::Finite(x) => Some(x),
            Figure::Unbounded => None,
        }
    }

    pub fn is_unbounded(self) -> bool {
        self == Figure::Unbounded
    }

    /// Scales by a factor >= 0. Zero times unbounded is zero: no clients hold no value.
    pub fn times(self, factor: f64) -> Figure {
        if factor == 0.0 {
            return Figure::Finite(0.0);
        }
        match self {
            Figure::Finite(x) => Figure::from_f64(x * factor),
            Figure::Unbounded => Figure::Unbounded,
        }
    }

    /// Divides by a positive divisor.
    pub fn divided_by(self, divisor: f64) -> Figure {
        match self {
            Figure::Finite(x) => Figure::from_f64(x / divisor),
            Figure::Unbounded => Figure::Unbounded,
        }
    }

    pub fn plus(self, other: Figure) -> Figure {
        match (self, other) {
            (Figure::Finite(a), Figure::Finite(b)) => Figure::from_f64(a + b),
            _ => Figure::Unbounded,
        }
    }

    /// `self - other` when both are finite.
    pub fn minus(self, other: Figure) -> Option<f64> {
        let d = self.finite()? - other.finite()?;
        d.is_finite().then_some(d)
    }

    /// Key for ranking by size: unbounded above every finite value.
    pub(crate) fn magnitude(self) -> f64 {
        match self {
            Figure::Finite(x) => x.abs(),
            Figure::Unbounded => f64::INFINITY,
        }
    }
}

/// One client's economics, validated: the unit every LTV figure is computed for.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Unit {
    pub avg_check: f64,
    pub purchases: f64,
    pub margin_pct: f64,
    /// Kept as churn rather than retention: 1 - r loses precision near r = 1.
    pub churn_pct: f64,
}

impl Unit {
    pub fn revenue_per_period(&self) -> f64 {
        self.avg_check * self.purchases
    }

    pub fn margin_per_period(&self) -> f64 {
        self.revenue_per_period() * self.margin_pct / 100.0
    }

    pub fn retention_pct(&self) -> f64 {
        100.0 - self.churn_pct
    }

    /// Applies a validated uplift, keeping retention in 0..=100 and the rest non-negative.
    pub fn with_uplift(self, u: &Uplift) -> Unit {
        Unit {
            avg_check: (self.avg_check * (1.0 + u.avg_check_pct / 100.0)).max(0.0),
            purchases: (self.purchases + u.purchases_plus).max(0.0),
            margin_pct: self.margin_pct,
            churn_pct: (self.churn_pct - u.retention_pp).clamp(0.0, 100.0),
        }
    }
}

/// Terms shared by every client: discount rate and horizon.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Terms {
    pub discount_pct: f64,
    /// 1..=MAX_HORIZON periods, or `None` = unlimited.
    pub horizon: Option<u32>,
}

/// Weight of period t in the LTV is q^t with q = r / (1 + d): the chance the client is still
/// there times what money of that period is worth today.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Decay {
    churn: f64,
    discount: f64,
}

/// Below this 1 - q the sum is n to any precision that matters (and guards denormals).
const Q_IS_ONE: f64 = 1e-200;

impl Decay {
    pub fn new(churn_pct: f64, discount_pct: f64) -> Decay {
        Decay {
            churn: churn_pct / 100.0,
            discount: discount_pct / 100.0,
        }
    }

    pub fn of(unit: &Unit, terms: &Terms) -> Decay {
        Decay::new(unit.churn_pct, terms.discount_pct)
    }

    pub fn without_discount(self) -> Decay {
        Decay {
            discount: 0.0,
            ..self
        }
    }

    /// ln q, computed without cancellation; -inf when retention is 0.
    fn ln_q(self) -> f64 {
        (-self.churn).ln_1p() - self.discount.ln_1p()
    }

    /// 1 - q = (churn + d) / (1 + d).
    fn one_minus_q(self) -> f64 {
        (self.churn + self.discount) / (1.0 + self.discount)
    }

    /// Sum of q^t for t = 0..n-1, i.e. (1 - q^n) / (1 - q), or n when q = 1.
    pub fn partial_sum(self, n: u32) -> f64 {
        if n == 0 {
            return 0.0;
        }
        let n = f64::from(n);
        let one_minus_q = self.one_minus_q();
        if one_minus_q < Q_IS_ONE {
            return n;
        }
        // 1 - q^n = -expm1(n ln q): exact even when q is within 1e-15 of 1.
        -(n * self.ln_q()).exp_m1() / one_minus_q
    }

    /// Sum of q^t over all t >= 0 = (1 + d) / (churn + d); unbounded when q = 1.
    pub fn infinite_sum(self) -> Figure {
        let gap = self.churn + self.discount;
        if gap == 0.0 {
            Figure::Unbounded
        } else {
            Figure::from_f64((1.0 + self.discount) / gap)
        }
    }

    pub fn sum(self, horizon: Option<u32>) -> Figure {
        match horizon {
            Some(h) => Figure::Finite(self.partial_sum(h)),
            None => self.infinite_sum(),
        }
    }

    /// Periods until the unlimited sum is 99 % reached (q^n <= 1 %); MAX_HORIZON if never.
    fn periods_to_settle(self) -> u32 {
        let ln_q = self.ln_q();
        if ln_q >= 0.0 {
            return MAX_HORIZON;
        }
        let n = (0.01f64.ln() / ln_q).ceil();
        if n < f64::from(MAX_HORIZON) {
            n.max(0.0) as u32
        } else {
            MAX_HORIZON
        }
    }
}

/// Relative slack when comparing a cumulative sum with the CAC, so rounding noise of 1e-15
/// never moves the payback by a period.
const PAYBACK_SLACK: f64 = 1e-9;

/// CAC payback in periods: the smallest n with the discounted margin of periods 0..n-1 >= CAC.
/// `Some(0)` when the CAC is 0; `None` when it is not reached within the horizon (or within
/// [`MAX_HORIZON`] periods when the horizon is unlimited).
pub(crate) fn payback_periods(unit: &Unit, terms: &Terms, cac: f64) -> Option<u32> {
    if cac <= 0.0 {
        return Some(0);
    }
    let margin = unit.margin_per_period();
    if margin <= 0.0 {
        return None;
    }
    let needed = cac / margin * (1.0 - PAYBACK_SLACK);
    let limit = terms.horizon.unwrap_or(MAX_HORIZON);
    // Each period adds at most 1 to the sum, so a need above the limit is never met.
    if needed > f64::from(limit) {
        return None;
    }
    let decay = Decay::of(unit, terms);
    (1..=limit).find(|&n| decay.partial_sum(n) >= needed)
}

/// One point of the cumulative value curve of one client.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CurvePoint {
    /// Periods since acquisition; 0 is the origin.
    pub period: u32,
    /// Discounted margin of periods 0..period-1, money (this reaches the LTV at the horizon).
    pub discounted: f64,
    /// The same without discounting, money.
    pub undiscounted: f64,
}

/// The cumulative value curve: the origin, then at most [`CURVE_MAX_POINTS`] points evenly
/// spread up to the horizon. Without a horizon it runs until 99 % of the discounted LTV is
/// reached, at least [`CURVE_MIN_SPAN`] and at most [`MAX_HORIZON`] periods.
pub(crate) fn value_curve(unit: &Unit, terms: &Terms) -> Vec<CurvePoint> {
    let decay = Decay::of(unit, terms);
    let plain = decay.without_discount();
    let margin = unit.margin_per_period();
    let span = terms
        .horizon
        .unwrap_or_else(|| decay.periods_to_settle().clamp(CURVE_MIN_SPAN, MAX_HORIZON));
    let steps = span.clamp(1, CURVE_MAX_POINTS);
    let point = |period: u32| CurvePoint {
        period,
        discounted: margin * decay.partial_sum(period),
        undiscounted: margin * plain.partial_sum(period),
    };
    std::iter::once(0)
        .chain((1..=steps).map(|i| spread(i, steps, span)))
        .map(point)
        .collect()
}

/// The i-th of `steps` evenly spread periods ending at `span` (steps <= span).
fn spread(i: u32, steps: u32, span: u32) -> u32 {
    let p = (u64::from(i) * u64::from(span)).div_ceil(u64::from(steps));
    u32::try_from(p).unwrap_or(span)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn partial_sums_by_hand() {
        // r = 50 %, d = 0: 1 + 0.5 + 0.25 = 1.75.
        assert!(close(Decay::new(50.0, 0.0).partial_sum(3), 1.75));
        // r = 100 %, d = 10 %: 1 + 1/1.1 = 1.909090...
        assert!(close(Decay::new(0.0, 10.0).partial_sum(2), 1.0 + 1.0 / 1.1));
        // q = 1: every period counts in full.
        assert_eq!(Decay::new(0.0, 0.0).partial_sum(7), 7.0);
        // r = 0: only period 0.
        assert!(close(Decay::new(100.0, 5.0).partial_sum(10), 1.0));
        assert_eq!(Decay::new(30.0, 1.0).partial_sum(0), 0.0);
    }

    #[test]
    fn infinite_sums_by_hand() {
        // r = 90 %, d = 0: 1 / 0.1 = 10.
        assert_eq!(Decay::new(10.0, 0.0).infinite_sum(), Figure::Finite(10.0));
        // r = 100 %, d = 10 %: 1.1 / 0.1 = 11.
        assert!(close(
            Decay::new(0.0, 10.0).infinite_sum().finite().unwrap(),
            11.0
        ));
        assert_eq!(Decay::new(0.0, 0.0).infinite_sum(), Figure::Unbounded);
    }

    #[test]
    fn figure_arithmetic() {
        assert_eq!(Figure::Unbounded.times(0.0), Figure::Finite(0.0));
        assert_eq!(Figure::Unbounded.times(2.0), Figure::Unbounded);
        assert_eq!(Figure::Finite(1e300).times(1e300), Figure::Unbounded);
        assert_eq!(
            Figure::Finite(2.0).plus(Figure::Unbounded),
            Figure::Unbounded
        );
        assert_eq!(Figure::Finite(5.0).minus(Figure::Finite(2.0)), Some(3.0));
        assert_eq!(Figure::Unbounded.minus(Figure::Finite(2.0)), None);
        assert_eq!(Figure::Finite(6.0).divided_by(3.0), Figure::Finite(2.0));
    }

    fn unit(margin_per_period: f64, retention_pct: f64) -> Unit {
        Unit {
            avg_check: margin_per_period,
            purchases: 1.0,
            margin_pct: 100.0,
            churn_pct: 100.0 - retention_pct,
        }
    }

    #[test]
    fn payback_by_hand() {
        let terms = Terms {
            discount_pct: 0.0,
            horizon: None,
        };
        // 100 per period, nobody leaves: 300 is covered after exactly 3 periods.
        assert_eq!(payback_periods(&unit(100.0, 100.0), &terms, 300.0), Some(3));
        assert_eq!(payback_periods(&unit(100.0, 100.0), &terms, 301.0), Some(4));
        // r = 50 %: the sum never passes 200, so a CAC of 250 never pays back.
        assert_eq!(payback_periods(&unit(100.0, 50.0), &terms, 250.0), None);
        // 100 + 50 + 25 = 175 >= 170 at period 3.
        assert_eq!(payback_periods(&unit(100.0, 50.0), &terms, 170.0), Some(3));
        assert_eq!(payback_periods(&unit(100.0, 50.0), &terms, 0.0), Some(0));
        assert_eq!(payback_periods(&unit(0.0, 50.0), &terms, 1.0), None);
        let short = Terms {
            horizon: Some(2),
            ..terms
        };
        assert_eq!(payback_periods(&unit(100.0, 100.0), &short, 300.0), None);
    }

    #[test]
    fn curve_is_capped_and_ends_at_the_horizon() {
        let u = unit(100.0, 90.0);
        let long = Terms {
            discount_pct: 1.0,
            horizon: Some(1000),
        };
        let c = value_curve(&u, &long);
        assert_eq!(c.len(), 1 + CURVE_MAX_POINTS as usize);
        assert_eq!(c[0].period, 0);
        assert_eq!(c[0].discounted, 0.0);
        assert_eq!(c.last().unwrap().period, 1000);
        assert!(c.windows(2).all(|w| w[0].period < w[1].period));
        let short = Terms {
            discount_pct: 0.0,
            horizon: Some(3),
        };
        let c = value_curve(&u, &short);
        let periods: Vec<u32> = c.iter().map(|p| p.period).collect();
        assert_eq!(periods, vec![0, 1, 2, 3]);
        // 100 + 90 + 81 = 271.
        assert!(close(c[3].undiscounted, 271.0));
    }

    #[test]
    fn unlimited_curve_runs_until_the_value_settles() {
        // r = 90 %, d = 0: 0.9^n <= 0.01 first at n = ceil(ln 0.01 / ln 0.9) = 44.
        let terms = Terms {
            discount_pct: 0.0,
            horizon: None,
        };
        let c = value_curve(&unit(100.0, 90.0), &terms);
        assert_eq!(c.last().unwrap().period, 44);
        // Nobody leaves and no discount: the curve runs to the cap, sampled.
        let c = value_curve(&unit(100.0, 100.0), &terms);
        assert_eq!(c.last().unwrap().period, MAX_HORIZON);
        assert_eq!(c.len(), 1 + CURVE_MAX_POINTS as usize);
        // r = 0: value is all in period 0, the curve still shows the minimum span.
        let c = value_curve(&unit(100.0, 0.0), &terms);
        assert_eq!(c.last().unwrap().period, CURVE_MIN_SPAN);
    }
}
