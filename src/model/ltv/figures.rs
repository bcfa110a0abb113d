//! The LTV figures of one kind of client: the base, a scenario, a segment.

use super::math::{Decay, Figure, Terms, Unit};

/// Everything the page shows about one client's value. Money is in the plan's currency;
/// "per period" is per [`super::Period`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LtvFigures {
    /// Revenue per purchase, money.
    pub avg_check: f64,
    pub purchases_per_period: f64,
    /// Gross profit / revenue, 0..=100.
    pub gross_margin_pct: f64,
    /// 0..=100.
    pub retention_pct: f64,
    /// 100 - retention.
    pub churn_pct: f64,
    /// Expected lifetime 1 / (1 - r), periods (horizon not applied); `None` = unbounded
    /// (retention 100 %: a client never leaves).
    pub lifetime_periods: Option<f64>,
    /// check x purchases, money per period.
    pub revenue_per_period: f64,
    /// revenue x margin: gross profit one client brings per period, money.
    pub margin_per_period: f64,
    /// Expected paying periods the LTV counts: sum of r^t over the horizon (equals the
    /// lifetime when the horizon is unlimited).
    pub active_periods: Figure,
    /// margin x active periods, money.
    pub ltv_undiscounted: Figure,
    /// The headline LTV: sum over t = 0..H-1 of margin x r^t / (1+d)^t, money.
    pub ltv: Figure,
}

pub(crate) fn figures(unit: &Unit, terms: &Terms) -> LtvFigures {
    let decay = Decay::of(unit, terms);
    let plain = decay.without_discount();
    let margin = unit.margin_per_period();
    let lifetime = 100.0 / unit.churn_pct;
    let active_periods = plain.sum(terms.horizon);
    LtvFigures {
        avg_check: unit.avg_check,
        purchases_per_period: unit.purchases,
        gross_margin_pct: unit.margin_pct,
        retention_pct: unit.retention_pct(),
        churn_pct: unit.churn_pct,
        lifetime_periods: lifetime.is_finite().then_some(lifetime),
        revenue_per_period: unit.revenue_per_period(),
        margin_per_period: margin,
        active_periods,
        ltv_undiscounted: active_periods.times(margin),
        ltv: decay.sum(terms.horizon).times(margin),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_client_by_hand() {
        // check 1 000 x 2 purchases = 2 000 revenue; x 25 % = 500 margin per period.
        // r = 80 %, d = 0, unlimited: lifetime 1 / 0.2 = 5; LTV = 500 x 5 = 2 500.
        let unit = Unit {
            avg_check: 1_000.0,
            purchases: 2.0,
            margin_pct: 25.0,
            churn_pct: 20.0,
        };
        let terms = Terms {
            discount_pct: 0.0,
            horizon: None,
        };
        let f = figures(&unit, &terms);
        assert_eq!(f.revenue_per_period, 2_000.0);
        assert_eq!(f.margin_per_period, 500.0);
        assert_eq!(f.retention_pct, 80.0);
        assert_eq!(f.lifetime_periods, Some(5.0));
        assert_eq!(f.active_periods, Figure::Finite(5.0));
        assert_eq!(f.ltv_undiscounted, Figure::Finite(2_500.0));
        assert_eq!(f.ltv, Figure::Finite(2_500.0));
        // Horizon 2: 500 + 500 x 0.8 = 900; active periods 1.8; lifetime stays 5.
        let f = figures(
            &unit,
            &Terms {
                horizon: Some(2),
                ..terms
            },
        );
        let ltv = f.ltv.finite().unwrap();
        assert!((ltv - 900.0).abs() < 1e-9, "{ltv}");
        assert!((f.active_periods.finite().unwrap() - 1.8).abs() < 1e-12);
        assert_eq!(f.lifetime_periods, Some(5.0));
    }

    #[test]
    fn a_client_who_never_leaves() {
        // r = 100 %, d = 10 %: undiscounted unbounded, discounted 100 x 1.1 / 0.1 = 1 100.
        let unit = Unit {
            avg_check: 100.0,
            purchases: 1.0,
            margin_pct: 100.0,
            churn_pct: 0.0,
        };
        let f = figures(
            &unit,
            &Terms {
                discount_pct: 10.0,
                horizon: None,
            },
        );
        assert_eq!(f.lifetime_periods, None);
        assert_eq!(f.ltv_undiscounted, Figure::Unbounded);
        assert!((f.ltv.finite().unwrap() - 1_100.0).abs() < 1e-9);
        // No discount: the headline itself is unbounded.
        let f = figures(
            &unit,
            &Terms {
                discount_pct: 0.0,
                horizon: None,
            },
        );
        assert_eq!(f.ltv, Figure::Unbounded);
        // ... and no margin means no value, even forever.
        let f = figures(
            &Unit {
                margin_pct: 0.0,
                ..unit
            },
            &Terms {
                discount_pct: 0.0,
                horizon: None,
            },
        );
        assert_eq!(f.ltv, Figure::Finite(0.0));
    }
}
