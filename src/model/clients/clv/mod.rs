//! Predictive customer lifetime value: the BG/NBD model for the number of purchases (Fader,
//! Hardie & Lee 2005, "Counting your customers the easy way") and the Gamma-Gamma model for
//! the spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's note 025),
//! both fitted by maximum likelihood.
//!
//! One file per step, as in the Python library `lifetimes`:
//! 1. [`summary`]: each client's frequency, recency and T from the transactions (`lifetimes`'
//!    `summary_data_from_transaction_data`);
//! 2. [`bgnbd`]: the BG/NBD fit, expected purchases and the probability of being alive;
//! 3. [`gamma_gamma`]: the Gamma-Gamma fit and the expected spend per purchase;
//! 4. [`mod@predict`]: both fits on a base, each client's value with discounting, the base totals;
//! 5. [`mod@holdout`]: the fit on a calibration period checked against the purchases after it.
//!
//! Definitions are those of `lifetimes`, so results can be compared:
//! - purchases on the same day are one purchase (their amounts add up);
//! - `frequency` = purchase days after the first one (repeat purchases);
//! - `recency` = time from the first to the last purchase; `T` = time from the first purchase
//!   to the end of the calibration period; both in the chosen [`TimeUnit`];
//! - `monetary` = mean amount of the repeat purchase days (0 without repeats);
//! - the value of a client is `sum_{i=1..H} (E[N(i m)] - E[N((i-1) m)]) * spend / (1 + d)^i`,
//!   with `m` time units per month (30 days or 4.345 weeks), `E[N(t)]` the conditional expected
//!   purchases up to `t`, `spend` the Gamma-Gamma expected average spend, `d` the monthly
//!   discount rate and `H` the horizon in months; times the margin when one is given.

use serde::{Deserialize, Serialize};

use crate::model::validation::{check_percent, FieldError, Problem};

pub mod bgnbd;
pub mod gamma_gamma;
pub mod holdout;
mod optimize;
pub mod predict;
pub mod summary;

#[cfg(test)]
pub(crate) mod fixtures;
#[cfg(test)]
pub(crate) mod testkit;

pub use bgnbd::{fit_bgnbd, BgNbdParams};
pub use gamma_gamma::{fit_gamma_gamma, GammaGammaParams};
pub use holdout::{holdout, Holdout, HoldoutGroup, HoldoutQuality, GROUPS};
pub use predict::{
    predict, predict_from_histories, predict_from_histories_with_progress, predict_one,
    ClientPrediction, ClvOutcome, FitModel, FitParameter, FitVerdict, ForecastStage,
};
pub use summary::{summarize, CustomerSummary, DaysSeen, PurchaseHistory};

/// The time unit of recency and T (the fitted `alpha` is per this unit).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum TimeUnit {
    Days,
    #[default]
    Weeks,
}

impl TimeUnit {
    pub fn days(self) -> f64 {
        match self {
            TimeUnit::Days => 1.0,
            TimeUnit::Weeks => 7.0,
        }
    }

    /// Units per month as `lifetimes` counts them for the value.
    pub fn per_month(self) -> f64 {
        match self {
            TimeUnit::Days => 30.0,
            TimeUnit::Weeks => 4.345,
        }
    }
}

/// The unit the forecast horizon is typed in (the model's own time unit is [`TimeUnit`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum HorizonUnit {
    Weeks,
    #[default]
    Months,
}

impl HorizonUnit {
    /// The longest horizon: ten years.
    pub fn max(self) -> f64 {
        match self {
            HorizonUnit::Weeks => 520.0,
            HorizonUnit::Months => 120.0,
        }
    }

    /// Months in one step of the horizon, for the monthly discount (`lifetimes` counts
    /// 4.345 weeks to a month).
    pub fn months(self) -> f64 {
        match self {
            HorizonUnit::Weeks => 1.0 / 4.345,
            HorizonUnit::Months => 1.0,
        }
    }

    /// One step of the horizon in the model's time unit.
    pub fn in_model_units(self, unit: TimeUnit) -> f64 {
        match self {
            HorizonUnit::Weeks => 7.0 / unit.days(),
            HorizonUnit::Months => unit.per_month(),
        }
    }
}

/// Settings of the prediction; kept in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClvSettings {
    pub time_unit: TimeUnit,
    /// Steps of `horizon_unit` ahead for expected purchases and value (whole, up to ten
    /// years). Plans saved before the unit could be chosen have it in months.
    #[serde(alias = "horizon_months")]
    pub horizon: f64,
    pub horizon_unit: HorizonUnit,
    /// Discount rate per month, %.
    pub monthly_discount_pct: f64,
    /// Gross margin applied to the value, %; 100 = value in revenue.
    pub margin_pct: f64,
    /// Fewest clients with repeat purchases for a fit to be trusted.
    pub min_repeat_customers: f64,
    /// The last day of the calibration period (days since 1970-01-01); the days after it
    /// are the holdout the forecast is checked on. `None`: the file's last date, no holdout.
    pub calibration_end: Option<i32>,
}

impl Default for ClvSettings {
    fn default() -> Self {
        ClvSettings {
            time_unit: TimeUnit::Weeks,
            horizon: 12.0,
            horizon_unit: HorizonUnit::Months,
            monthly_discount_pct: 1.0,
            margin_pct: 100.0,
            min_repeat_customers: 50.0,
            calibration_end: None,
        }
    }
}

/// Field ids of the settings.
pub mod field {
    pub const HORIZON: &str = "forecast-horizon";
    pub const DISCOUNT: &str = "clv-discount-rate";
    pub const MARGIN: &str = "clv-margin";
    pub const MIN_REPEAT: &str = "clv-min-repeat";
    pub const CALIBRATION_END: &str = "forecast-calibration-end";
}

impl ClvSettings {
    /// The horizon in months (for the plan's summary and the value's label).
    pub fn horizon_months(&self) -> f64 {
        self.horizon * self.horizon_unit.months()
    }

    /// The calibration end within the file's days `first..=last`: `None` when it is unset
    /// or not before the last day (no holdout then).
    pub fn holdout_start(&self, first: i32, last: i32) -> Option<i32> {
        self.calibration_end
            .filter(|&end| end >= first && end < last)
    }

    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let whole = |field: &str, v: f64, min: f64, max: f64| {
            if !v.is_finite() {
                Err(FieldError::new(field, Problem::NotANumber))
            } else if v.fract() != 0.0 {
                Err(FieldError::new(field, Problem::NotWhole))
            } else if v < min || v > max {
                Err(FieldError::new(field, Problem::OutOfRange { min, max }))
            } else {
                Ok(v)
            }
        };
        let checks = [
            whole(field::HORIZON, self.horizon, 1.0, self.horizon_unit.max()),
            check_percent(field::DISCOUNT, self.monthly_discount_pct),
            check_percent(field::MARGIN, self.margin_pct),
            whole(field::MIN_REPEAT, self.min_repeat_customers, 1.0, 1e6),
        ];
        errors.extend(checks.into_iter().filter_map(Result::err));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// [`Self::validate`] and, for a file whose dates run `first..=last`, that the
    /// calibration end leaves a calibration period (at least one day after the first date)
    /// and is not after the last date.
    pub fn validate_for(&self, first: i32, last: i32) -> Result<(), Vec<FieldError>> {
        let mut errors = self.validate().err().unwrap_or_default();
        if let Some(end) = self.calibration_end {
            if end <= first || end > last {
                errors.push(FieldError::new(
                    field::CALIBRATION_END,
                    Problem::DateOutOfRange { first, last },
                ));
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// A fitted model with its maximized log-likelihood.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Fit<P> {
    pub params: P,
    /// Sum over the customers used, in the chosen time unit.
    pub log_likelihood: f64,
    /// Customers the fit used.
    pub customers: usize,
    pub evaluations: usize,
    /// The optimizer reached the maximum (to 1e-12 relative in every parameter, or as close
    /// as the arithmetic allows), inside its box or against it.
    pub converged: bool,
    /// Standard errors of the parameters (from the curvature of the likelihood at the
    /// maximum); `None` when the likelihood has no proper peak there.
    #[serde(default)]
    pub std_errors: Option<P>,
    /// The data's own scale the parameters are judged against: the longest T for BG/NBD
    /// (alpha is a time), the mean spend for Gamma-Gamma (v is an amount).
    #[serde(default)]
    pub scale: f64,
}

/// The distinct values, in order (the likelihoods take their special functions per value).
fn distinct(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v
}

/// Where `value` is in the output of [`distinct`].
fn position(sorted: &[f64], value: f64) -> usize {
    sorted
        .binary_search_by(|p| p.total_cmp(&value))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::clients::parse::TransactionSet;
    use proptest::prelude::*;

    #[test]
    fn settings_are_validated() {
        let bad = ClvSettings {
            horizon: 0.0,
            monthly_discount_pct: -1.0,
            margin_pct: 150.0,
            min_repeat_customers: 2.5,
            ..ClvSettings::default()
        };
        let fields: Vec<String> = bad
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "forecast-horizon",
                "clv-discount-rate",
                "clv-margin",
                "clv-min-repeat"
            ]
        );
        assert!(predict(&TransactionSet::default(), &bad).is_err());
    }

    proptest! {
        // Few cases: a degenerate sample can use the optimizer's whole budget.
        #![proptest_config(ProptestConfig::with_cases(24))]

        #[test]
        fn fits_never_panic(rows in proptest::collection::vec((0u32..20, 0.0f64..1.0, 0.0f64..50.0, 0.0f64..500.0), 0..60)) {
            let customers: Vec<CustomerSummary> = rows
                .iter()
                .map(|&(x, share, t, m)| CustomerSummary {
                    frequency: f64::from(x),
                    recency: if x == 0 { 0.0 } else { share * t },
                    t,
                    monetary: if x == 0 { 0.0 } else { m },
                })
                .collect();
            if let Some(f) = fit_bgnbd(&customers) {
                prop_assert!(f.log_likelihood.is_finite());
                prop_assert!([f.params.r, f.params.alpha, f.params.a, f.params.b].iter().all(|v| v.is_finite() && *v > 0.0));
            }
            if let Some(f) = fit_gamma_gamma(&customers) {
                prop_assert!(f.log_likelihood.is_finite());
            }
        }
    }
}
