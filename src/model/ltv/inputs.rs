//! What the LTV page keeps in the plan, with demo values a B2B distributor would recognise.
//!
//! Money is in the plan's currency; every "per period" value is per [`Period`].

use serde::{Deserialize, Serialize};

use crate::model::names::{Name, Namer};

/// The unit of every "per period" input and output (purchases, retention, discount, horizon,
/// lifetime, payback). It only labels the numbers: switching it converts nothing, the user
/// enters the values for the chosen period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Period {
    #[default]
    Month,
    Quarter,
    Year,
}

impl Period {
    pub const ALL: [Period; 3] = [Period::Month, Period::Quarter, Period::Year];

    /// How many such periods make a year (e.g. to show a lifetime in years too).
    pub fn per_year(self) -> f64 {
        match self {
            Period::Month => 12.0,
            Period::Quarter => 4.0,
            Period::Year => 1.0,
        }
    }

    /// A horizon to start from when the user turns "unlimited" off: three years of months or
    /// quarters, five years. A whole number within the model's horizon range.
    pub fn default_horizon(self) -> f64 {
        match self {
            Period::Month => 36.0,
            Period::Quarter => 12.0,
            Period::Year => 5.0,
        }
    }
}

/// Which of the three equivalent retention inputs the user types; the other two follow:
/// churn = 100 - retention, lifetime = 1 / (1 - retention).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum RetentionBasis {
    /// [`LtvInputs::retention_pct`]: share of clients still buying in the next period.
    #[default]
    Retention,
    /// [`LtvInputs::churn_pct`]: share of clients lost per period.
    Churn,
    /// [`LtvInputs::lifetime_periods`]: expected periods a client stays (at least 1).
    Lifetime,
}

impl RetentionBasis {
    pub const ALL: [RetentionBasis; 3] = [
        RetentionBasis::Retention,
        RetentionBasis::Churn,
        RetentionBasis::Lifetime,
    ];
}

/// A change to one client's economics: the "what if" scenario, or the development plan of the
/// client base (global, or per segment). Negative values model a decline.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Uplift {
    /// Retention change in percentage points, -100..=100; the result stays within 0..=100 %.
    pub retention_pp: f64,
    /// Relative change of the average check in percent, -100..=1000.
    pub avg_check_pct: f64,
    /// Extra purchases per period (may be negative; the result never goes below zero).
    pub purchases_plus: f64,
}

impl Uplift {
    /// No change at all.
    pub const NONE: Uplift = Uplift {
        retention_pp: 0.0,
        avg_check_pct: 0.0,
        purchases_plus: 0.0,
    };
}

impl Default for Uplift {
    /// A modest development plan: +5 pp retention, +10 % check, +0.5 purchase per period.
    fn default() -> Self {
        Uplift {
            retention_pp: 5.0,
            avg_check_pct: 10.0,
            purchases_plus: 0.5,
        }
    }
}

/// A group of clients with its own economics (A/B/C by default). Discount rate, horizon and
/// period are shared with the main inputs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Segment {
    pub name: String,
    /// Active clients in the segment today.
    pub clients: f64,
    /// Revenue per purchase, money.
    pub avg_check: f64,
    pub purchases_per_period: f64,
    /// Gross profit / revenue, 0..=100.
    pub gross_margin_pct: f64,
    /// Share of the segment's clients still buying in the next period, 0..=100.
    pub retention_pct: f64,
    /// The segment's own development plan; `None` uses [`LtvInputs::development`].
    pub development: Option<Uplift>,
}

impl Default for Segment {
    /// A fresh segment the user adds: mid-sized values to overwrite.
    fn default() -> Self {
        Segment {
            name: String::new(),
            clients: 100.0,
            avg_check: 100_000.0,
            purchases_per_period: 1.0,
            gross_margin_pct: 30.0,
            retention_pct: 90.0,
            development: None,
        }
    }
}

/// Everything the LTV page keeps in the plan.
/// Its `Default` (the demo, named in the default language) needs words, so it is implemented
/// with them, in the text layer's `names` module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct LtvInputs {
    pub period: Period,
    /// Revenue per purchase, money.
    pub avg_check: f64,
    /// Purchases one client makes per period.
    pub purchases_per_period: f64,
    /// Gross profit / revenue, 0..=100.
    pub gross_margin_pct: f64,
    /// Which of the next three fields the user types (only that one is read).
    pub retention_basis: RetentionBasis,
    /// 0..=100.
    pub retention_pct: f64,
    /// 0..=100.
    pub churn_pct: f64,
    /// Expected periods a client stays, at least 1.
    pub lifetime_periods: f64,
    /// Discount rate per period, 0..=100 (the cost of money: 1 % a month is about 12.7 % a year).
    pub discount_rate_pct: f64,
    /// How many periods the LTV counts (whole, 1..=[`super::MAX_HORIZON`]); `None` = unlimited.
    pub horizon_periods: Option<f64>,
    /// Cost of acquiring one new client, money.
    pub cac: f64,
    /// The LTV:CAC ratio the business aims for (3 means 3:1), 1..=100.
    pub target_ratio: f64,
    /// The "what if" compared side by side with the base.
    pub scenario: Uplift,
    pub segments: Vec<Segment>,
    /// Development plan of segments that have none of their own.
    pub development: Uplift,
    /// Clients who stopped buying and could be brought back.
    pub sleeping_clients: f64,
    /// Share of sleeping clients a reactivation campaign brings back, 0..=100.
    pub reactivation_pct: f64,
}

impl LtvInputs {
    /// The demo: a B2B distributor with monthly orders (same check and margin as the funnel demo).
    pub fn demo(names: Namer) -> Self {
        LtvInputs {
            period: Period::Month,
            avg_check: 150_000.0,
            purchases_per_period: 2.0,
            gross_margin_pct: 30.0,
            retention_basis: RetentionBasis::Retention,
            retention_pct: 95.0,
            churn_pct: 5.0,
            lifetime_periods: 20.0,
            discount_rate_pct: 1.0,
            horizon_periods: None,
            cac: 350_000.0,
            target_ratio: 3.0,
            scenario: Uplift::default(),
            segments: demo_segments(names),
            development: Uplift::default(),
            sleeping_clients: 250.0,
            reactivation_pct: 60.0,
        }
    }

    /// Switches which retention field the user types, first filling every field from the
    /// current one, so the numbers on screen do not jump. A lifetime is left as it was when
    /// retention is 100 % (it would be infinite), and nothing is filled from an invalid value.
    pub fn set_retention_basis(&mut self, basis: RetentionBasis) {
        if let Some(churn_pct) = self.entered_churn_pct() {
            self.churn_pct = churn_pct;
            self.retention_pct = 100.0 - churn_pct;
            let lifetime = 100.0 / churn_pct;
            if lifetime.is_finite() {
                self.lifetime_periods = lifetime;
            }
        }
        self.retention_basis = basis;
    }

    /// Churn % per period implied by the field of the chosen basis; `None` when that field is
    /// not a valid value.
    pub fn entered_churn_pct(&self) -> Option<f64> {
        let pct = |v: f64| (v.is_finite() && (0.0..=100.0).contains(&v)).then_some(v);
        match self.retention_basis {
            RetentionBasis::Retention => pct(self.retention_pct).map(|r| 100.0 - r),
            RetentionBasis::Churn => pct(self.churn_pct),
            RetentionBasis::Lifetime => {
                let l = self.lifetime_periods;
                (l.is_finite() && l >= 1.0).then(|| 100.0 / l)
            }
        }
    }
}

fn demo_segments(names: Namer) -> Vec<Segment> {
    let segment = |name: String, clients, avg_check, purchases, margin, retention| Segment {
        name,
        clients,
        avg_check,
        purchases_per_period: purchases,
        gross_margin_pct: margin,
        retention_pct: retention,
        development: None,
    };
    vec![
        segment(names(Name::KeyAccounts), 40.0, 400_000.0, 3.0, 22.0, 97.0),
        segment(
            names(Name::RegularAccounts),
            160.0,
            150_000.0,
            2.0,
            28.0,
            95.0,
        ),
        segment(names(Name::SmallAccounts), 600.0, 40_000.0, 1.0, 35.0, 85.0),
    ]
}

/// The `data-testid` of every LTV input, as named in field errors.
pub mod field {
    pub const AVG_CHECK: &str = "ltv-avg-check";
    pub const FREQUENCY: &str = "ltv-frequency";
    pub const MARGIN: &str = "ltv-margin";
    pub const RETENTION: &str = "ltv-retention";
    pub const CHURN: &str = "ltv-churn";
    pub const LIFETIME: &str = "ltv-lifetime";
    pub const DISCOUNT: &str = "ltv-discount";
    pub const HORIZON: &str = "ltv-horizon";
    pub const CAC: &str = "ltv-cac";
    pub const TARGET_RATIO: &str = "ltv-target-ratio";
    /// The segment list as a whole (too many segments).
    pub const SEGMENTS: &str = "segments";
    pub const SLEEPING_CLIENTS: &str = "sleeping-clients";
    pub const REACTIVATION_RATE: &str = "reactivation-rate";
    /// Prefix of the "what if" fields: `scenario-retention`, `scenario-avg-check`,
    /// `scenario-frequency`.
    pub const SCENARIO: &str = "scenario";
    /// Prefix of the global development plan: `development-retention`, ...
    pub const DEVELOPMENT: &str = "development";

    /// `segment-2-retention` for `segment(1, "retention")`: segments count from 1 on screen.
    /// Parts: `name`, `clients`, `avg-check`, `frequency`, `margin`, `retention`.
    pub fn segment(index: usize, part: &str) -> String {
        format!("segment-{}-{}", index + 1, part)
    }

    /// Prefix of a segment's own development plan: `segment-2-development`, giving
    /// `segment-2-development-retention`, `segment-2-development-avg-check`, ...
    pub fn segment_development(index: usize) -> String {
        segment(index, "development")
    }

    /// `{prefix}-retention`, `{prefix}-avg-check`, `{prefix}-frequency` of an uplift.
    pub fn uplift(prefix: &str, part: &str) -> String {
        format!("{prefix}-{part}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::names::variant_names;

    #[test]
    fn demo_survives_json_and_empty_json_gives_demo() {
        let demo = LtvInputs::demo(&variant_names);
        let json = serde_json::to_string(&demo).unwrap();
        let back: LtvInputs = serde_json::from_str(&json).unwrap();
        assert_eq!(back, demo);
        let empty: LtvInputs = serde_json::from_str("{}").unwrap();
        assert_eq!(empty, LtvInputs::default());
        let unlimited: LtvInputs = serde_json::from_str(r#"{"horizon_periods":null}"#).unwrap();
        assert_eq!(unlimited.horizon_periods, None);
        let set: LtvInputs = serde_json::from_str(r#"{"horizon_periods":36}"#).unwrap();
        assert_eq!(set.horizon_periods, Some(36.0));
    }

    #[test]
    fn switching_basis_carries_the_value_over() {
        let mut i = LtvInputs::demo(&variant_names);
        i.retention_pct = 80.0;
        i.set_retention_basis(RetentionBasis::Lifetime);
        // churn 20 % -> lifetime 100 / 20 = 5 periods.
        assert_eq!(i.lifetime_periods, 5.0);
        assert_eq!(i.churn_pct, 20.0);
        i.lifetime_periods = 4.0;
        i.set_retention_basis(RetentionBasis::Churn);
        // lifetime 4 -> churn 25 %, retention 75 %.
        assert_eq!(i.churn_pct, 25.0);
        assert_eq!(i.retention_pct, 75.0);
        i.churn_pct = 0.0;
        i.set_retention_basis(RetentionBasis::Retention);
        // churn 0 -> retention 100, lifetime infinite so it is left as it was.
        assert_eq!(i.retention_pct, 100.0);
        assert_eq!(i.lifetime_periods, 4.0);
        assert_eq!(i.retention_basis, RetentionBasis::Retention);
    }

    #[test]
    fn default_horizons_are_valid_and_three_to_five_years() {
        let years: Vec<f64> = Period::ALL
            .iter()
            .map(|p| p.default_horizon() / p.per_year())
            .collect();
        assert_eq!(years, [3.0, 3.0, 5.0]);
        for p in Period::ALL {
            let mut i = LtvInputs::demo(&variant_names);
            i.period = p;
            i.horizon_periods = Some(p.default_horizon());
            assert!(crate::model::ltv::compute(&i).is_ok(), "{p:?}");
        }
    }

    #[test]
    fn invalid_entered_value_fills_nothing() {
        let mut i = LtvInputs::demo(&variant_names);
        i.retention_basis = RetentionBasis::Lifetime;
        i.lifetime_periods = 0.5;
        assert_eq!(i.entered_churn_pct(), None);
        i.set_retention_basis(RetentionBasis::Retention);
        assert_eq!(i.retention_pct, 95.0);
    }
}
