//! The forecast for a base: both models fitted, then each client's expected purchases,
//! probability of being alive, expected spend and discounted value over the horizon, and
//! their sums.

use serde::{Deserialize, Serialize};

use super::bgnbd::{fit_bgnbd, BgNbdParams};
use super::gamma_gamma::{fit_gamma_gamma, GammaGammaParams};
use super::summary::{summarize, CustomerSummary, PurchaseHistory};
use super::{ClvSettings, Fit};
use crate::model::clients::parse::TransactionSet;
use crate::model::validation::FieldError;

/// Whether the prediction can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FitVerdict {
    Ok,
    /// Fewer clients with repeat purchases than `min_repeat_customers`.
    TooFewRepeatCustomers {
        have: usize,
        need: usize,
    },
    /// The optimizer stopped before converging.
    NotConverged,
    /// Gamma-Gamma gives an infinite mean spend (q <= 1): spends vary too wildly.
    SpendUnbounded,
}

/// Predictions for one client.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ClientPrediction {
    /// Expected purchases over the horizon.
    pub expected_purchases: f64,
    /// Probability the client is still active, 0..=1.
    pub probability_alive: f64,
    /// Expected spend per purchase (Gamma-Gamma).
    pub expected_avg_spend: f64,
    /// Discounted value over the horizon, times the margin.
    pub predicted_value: f64,
}

/// The prediction for the whole base.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClvOutcome {
    pub verdict: FitVerdict,
    pub bgnbd: Option<Fit<BgNbdParams>>,
    pub gamma_gamma: Option<Fit<GammaGammaParams>>,
    /// Clients in the fit and those with repeat purchases.
    pub customers: usize,
    pub repeat_customers: usize,
    /// Indexed like [`TransactionSet::client_ids`]; empty when no model could be fitted.
    pub predictions: Vec<Option<ClientPrediction>>,
    /// Sum of the clients' predicted values.
    pub base_value: f64,
    /// Sum of the clients' expected purchases over the horizon.
    pub base_expected_purchases: f64,
    /// Expected number of clients still active (sum of the probabilities).
    pub expected_active_clients: f64,
}

/// Fits both models on all the data (calibration ends at the last date) and predicts every
/// client. Errors only for invalid settings; thin data gives a verdict, not an error.
pub fn predict(
    data: &TransactionSet,
    settings: &ClvSettings,
) -> Result<ClvOutcome, Vec<FieldError>> {
    settings.validate()?;
    let end = data.transactions.iter().map(|t| t.day).max().unwrap_or(0);
    predict_summaries(&summarize(data, end, settings.time_unit), settings)
}

/// [`predict`] from the clients' purchase histories (the analysis keeps one per client as it
/// groups the rows): the same result without reading the rows.
pub fn predict_from_histories(
    histories: &[Option<PurchaseHistory>],
    settings: &ClvSettings,
) -> Result<ClvOutcome, Vec<FieldError>> {
    settings.validate()?;
    let end = histories
        .iter()
        .flatten()
        .map(|h| h.last_day)
        .max()
        .unwrap_or(0);
    let summaries: Vec<Option<CustomerSummary>> = histories
        .iter()
        .map(|h| h.map(|h| h.summary(end, settings.time_unit)))
        .collect();
    predict_summaries(&summaries, settings)
}

/// [`predict`] from each client's summary (indexed like [`TransactionSet::client_ids`]).
fn predict_summaries(
    summaries: &[Option<CustomerSummary>],
    settings: &ClvSettings,
) -> Result<ClvOutcome, Vec<FieldError>> {
    let customers: Vec<CustomerSummary> = summaries.iter().flatten().copied().collect();
    let repeat = customers.iter().filter(|c| c.frequency > 0.0).count();
    let need = settings.min_repeat_customers as usize;
    let mut outcome = ClvOutcome {
        verdict: FitVerdict::TooFewRepeatCustomers { have: repeat, need },
        bgnbd: None,
        gamma_gamma: None,
        customers: customers.len(),
        repeat_customers: repeat,
        predictions: Vec::new(),
        base_value: 0.0,
        base_expected_purchases: 0.0,
        expected_active_clients: 0.0,
    };
    if repeat == 0 {
        return Ok(outcome);
    }
    let (Some(bg), Some(gg)) = (fit_bgnbd(&customers), fit_gamma_gamma(&customers)) else {
        outcome.verdict = FitVerdict::NotConverged;
        return Ok(outcome);
    };
    outcome.verdict = if repeat < need {
        FitVerdict::TooFewRepeatCustomers { have: repeat, need }
    } else if !bg.converged || !gg.converged {
        FitVerdict::NotConverged
    } else if gg.params.q <= 1.0 {
        FitVerdict::SpendUnbounded
    } else {
        FitVerdict::Ok
    };
    outcome.bgnbd = Some(bg);
    outcome.gamma_gamma = Some(gg);
    if gg.params.q <= 1.0 {
        return Ok(outcome);
    }
    outcome.predictions = summaries
        .iter()
        .map(|s| s.map(|c| predict_one(&bg.params, &gg.params, &c, settings)))
        .collect();
    for p in outcome.predictions.iter().flatten() {
        outcome.base_value += p.predicted_value;
        outcome.base_expected_purchases += p.expected_purchases;
        outcome.expected_active_clients += p.probability_alive;
    }
    Ok(outcome)
}

/// The predictions for one customer under fitted parameters.
pub fn predict_one(
    bg: &BgNbdParams,
    gg: &GammaGammaParams,
    c: &CustomerSummary,
    settings: &ClvSettings,
) -> ClientPrediction {
    let spend = gg.expected_average_spend(c.frequency, c.monetary);
    let discount = 1.0 + settings.monthly_discount_pct / 100.0;
    // The horizon in steps of its unit; each step's purchases are discounted by the months
    // from now to the step's end.
    let step = settings.horizon_unit.in_model_units(settings.time_unit);
    let step_months = settings.horizon_unit.months();
    let steps = settings.horizon.clamp(0.0, 10_000.0) as u32;
    let mut value = 0.0;
    let mut before = 0.0;
    for i in 1..=steps {
        let cumulative = bg.expected_purchases(f64::from(i) * step, c);
        value += (cumulative - before) * spend / discount.powf(f64::from(i) * step_months);
        before = cumulative;
    }
    let margin = settings.margin_pct / 100.0;
    ClientPrediction {
        expected_purchases: before,
        probability_alive: bg.probability_alive(c),
        expected_avg_spend: spend,
        predicted_value: if (value * margin).is_finite() {
            value * margin
        } else {
            0.0
        },
    }
}

#[cfg(test)]
// Reference values are printed by the Python library `lifetimes` (or mpmath) to full
// f64 precision.
#[allow(clippy::excessive_precision)]
mod tests {
    use super::*;
    use crate::model::clients::clv::fixtures::{rel_close, CDNOW_BG};
    use crate::model::clients::clv::{HorizonUnit, TimeUnit};
    use crate::model::clients::dates::days_from_civil;
    use proptest::prelude::*;

    #[test]
    fn value_is_the_discounted_sum_of_monthly_purchases() {
        let gg = GammaGammaParams {
            p: 6.25,
            q: 3.74,
            v: 15.44,
        };
        let c = CustomerSummary {
            frequency: 2.0,
            recency: 30.43,
            t: 38.86,
            monetary: 22.35,
        };
        let settings = ClvSettings {
            horizon: 3.0,
            monthly_discount_pct: 10.0,
            margin_pct: 50.0,
            ..ClvSettings::default()
        };
        let p = predict_one(&CDNOW_BG, &gg, &c, &settings);
        let e = |months: f64| CDNOW_BG.expected_purchases(months * 4.345, &c);
        let spend = gg.expected_average_spend(2.0, 22.35);
        // (E(1m) - 0) / 1.1 + (E(2m) - E(1m)) / 1.1² + (E(3m) - E(2m)) / 1.1³, times 50 % margin.
        let want =
            0.5 * spend * (e(1.0) / 1.1 + (e(2.0) - e(1.0)) / 1.21 + (e(3.0) - e(2.0)) / 1.331);
        assert!(rel_close(p.predicted_value, want, 1e-12));
        assert!(rel_close(p.expected_purchases, e(3.0), 1e-12));
        assert_eq!(p.expected_avg_spend, spend);
        assert!(rel_close(
            p.probability_alive,
            0.726_578_570_080_672_9,
            1e-12
        ));
    }

    #[test]
    fn a_horizon_in_weeks_discounts_each_week_by_its_share_of_a_month() {
        let gg = GammaGammaParams {
            p: 6.25,
            q: 3.74,
            v: 15.44,
        };
        let c = CustomerSummary {
            frequency: 7.0,
            recency: 29.43,
            t: 38.86,
            monetary: 30.0,
        };
        let settings = ClvSettings {
            horizon: 3.0,
            horizon_unit: HorizonUnit::Weeks,
            monthly_discount_pct: 12.0,
            ..ClvSettings::default()
        };
        let p = predict_one(&CDNOW_BG, &gg, &c, &settings);
        // Weeks are the model's unit here: E(1), E(2), E(3) weeks ahead, week i discounted
        // by 1.12^(i / 4.345).
        let e = |weeks: f64| CDNOW_BG.expected_purchases(weeks, &c);
        let d = |weeks: f64| 1.12f64.powf(weeks / 4.345);
        let spend = gg.expected_average_spend(7.0, 30.0);
        let want =
            spend * (e(1.0) / d(1.0) + (e(2.0) - e(1.0)) / d(2.0) + (e(3.0) - e(2.0)) / d(3.0));
        assert!(
            rel_close(p.predicted_value, want, 1e-12),
            "{} {want}",
            p.predicted_value
        );
        assert!(rel_close(p.expected_purchases, e(3.0), 1e-12));
        // In a model counted in days the same three weeks are 21 days.
        let in_days = ClvSettings {
            time_unit: TimeUnit::Days,
            ..settings
        };
        let c_days = CustomerSummary {
            recency: c.recency * 7.0,
            t: c.t * 7.0,
            ..c
        };
        let bg_days = BgNbdParams {
            alpha: CDNOW_BG.alpha * 7.0,
            ..CDNOW_BG
        };
        let p_days = predict_one(&bg_days, &gg, &c_days, &in_days);
        assert!(rel_close(p_days.predicted_value, want, 1e-9));
        assert!(settings.validate().is_ok());
        let too_long = ClvSettings {
            horizon: 521.0,
            ..settings
        };
        assert!(too_long.validate().is_err());
    }

    #[test]
    fn thin_data_gets_a_verdict_not_an_error() {
        let day0 = days_from_civil(2024, 1, 1);
        let data = TransactionSet::from_triples([("a", day0, 1.0), ("b", day0 + 3, 2.0)]);
        let o = predict(&data, &ClvSettings::default()).unwrap();
        assert_eq!(
            o.verdict,
            FitVerdict::TooFewRepeatCustomers { have: 0, need: 50 }
        );
        assert!(o.predictions.is_empty());
        assert_eq!(o.base_value, 0.0);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn predictions_are_finite_and_sane(
            r in 0.01f64..10.0, alpha in 0.01f64..100.0, a in 0.01f64..10.0, b in 0.01f64..10.0,
            x in 0u32..300, rec_share in 0.0f64..1.0, t in 0.1f64..200.0, horizon in 1u32..121,
            p in 0.1f64..20.0, q in 1.01f64..20.0, v in 0.1f64..1000.0, m in 0.0f64..1e6,
        ) {
            let bg = BgNbdParams { r, alpha, a, b };
            let gg = GammaGammaParams { p, q, v };
            let c = CustomerSummary {
                frequency: f64::from(x),
                recency: if x == 0 { 0.0 } else { rec_share * t },
                t,
                monetary: if x == 0 { 0.0 } else { m },
            };
            let settings = ClvSettings { horizon: f64::from(horizon), ..ClvSettings::default() };
            let pred = predict_one(&bg, &gg, &c, &settings);
            prop_assert!(pred.expected_purchases.is_finite() && pred.expected_purchases >= 0.0);
            prop_assert!((0.0..=1.0).contains(&pred.probability_alive));
            prop_assert!(pred.predicted_value.is_finite() && pred.predicted_value >= 0.0);
            // More time ahead never means fewer expected purchases.
            let e1 = bg.expected_purchases(10.0, &c);
            let e2 = bg.expected_purchases(20.0, &c);
            prop_assert!(e2 >= e1 * (1.0 - 1e-9), "{} {}", e1, e2);
        }

    }
}
