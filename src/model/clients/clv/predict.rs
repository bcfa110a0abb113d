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

/// A parameter of the two models, for a verdict that names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FitParameter {
    /// BG/NBD: shape of the purchase rates.
    R,
    /// BG/NBD: scale of the purchase rates (a time).
    Alpha,
    /// BG/NBD: drop-out probability ~ Beta(a, b).
    A,
    B,
    /// Gamma-Gamma: shape of a client's spends.
    P,
    /// Gamma-Gamma: shape and scale (an amount) of the clients' mean spends.
    Q,
    V,
}

/// Which of the two models a verdict is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FitModel {
    /// Purchases and drop-out (BG/NBD).
    Purchases,
    /// Spend per purchase (Gamma-Gamma).
    Spend,
}

/// Whether the prediction can be trusted; anything but `Ok` means the page shows the
/// historic figures only. Checked in the order of the variants.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub enum FitVerdict {
    Ok,
    /// Fewer clients with repeat purchases than `min_repeat_customers`.
    TooFewRepeatCustomers {
        have: usize,
        need: usize,
    },
    /// The history is too short to tell a client who left from one between purchases: it
    /// spans under [`MIN_SPAN_DAYS`] or under [`MIN_INTERVALS`] typical intervals between a
    /// client's purchases (the median over the repeat clients).
    HistoryTooShort {
        span_days: f64,
        interval_days: f64,
    },
    /// A parameter ran off to a limit of its range ([`PARAMETER_LIMIT`] in the data's own
    /// units): the likelihood keeps rising toward a degenerate model, e.g. nobody ever drops
    /// out (b huge or a tiny) or every client spends the same (q and v huge). `value` is the
    /// fitted value (alpha in the time unit, v in the file's money); `high` whether it ran up.
    ParameterAtLimit {
        parameter: FitParameter,
        value: f64,
        high: bool,
    },
    /// The optimizer stopped before converging.
    NotConverged,
    /// Gamma-Gamma gives an infinite mean spend (q <= 1): spends vary too wildly.
    SpendUnbounded,
    /// The likelihood has no proper peak (its curvature is not negative in every direction):
    /// different parameters explain the data equally well.
    LikelihoodFlat {
        model: FitModel,
    },
    /// A parameter is pinned down only loosely: its standard error relative to its value is
    /// over [`MAX_RELATIVE_ERROR`].
    NotIdentified {
        parameter: FitParameter,
        relative_error: f64,
    },
}

/// Shortest history for a forecast: eight weeks.
pub const MIN_SPAN_DAYS: f64 = 56.0;
/// The history must span this many typical intervals between purchases, or a client who
/// has left looks the same as one who is between two purchases.
pub const MIN_INTERVALS: f64 = 3.0;
/// Parameters beyond `1/limit .. limit` (alpha per the longest T, v per the mean spend)
/// describe a degenerate population, not a real one: CDNOW's lie within 0.1 .. 7.
pub const PARAMETER_LIMIT: f64 = 1e4;
/// A standard error above 1.5 times the value (of ln of the parameter, precisely) puts the
/// parameter's 95 % interval over a factor of 19 either way: the data does not fix it. On
/// CDNOW the largest is 0.29, and 1.0 on a 150-client slice of it with 61 repeat buyers.
pub const MAX_RELATIVE_ERROR: f64 = 1.5;

/// The verdict on a history and the two fits of it (`customers` in `time_unit`).
fn judge(
    customers: &[CustomerSummary],
    bg: &Fit<BgNbdParams>,
    gg: &Fit<GammaGammaParams>,
    days_per_unit: f64,
    need: usize,
) -> FitVerdict {
    let repeat = customers.iter().filter(|c| c.frequency > 0.0).count();
    if repeat < need {
        return FitVerdict::TooFewRepeatCustomers { have: repeat, need };
    }
    if let Some(short) = short_history(customers, days_per_unit) {
        return short;
    }
    let BgNbdParams { r, alpha, a, b } = bg.params;
    let GammaGammaParams { p, q, v } = gg.params;
    use FitParameter as P;
    // (parameter, value, value in the data's units, relative standard error).
    let bg_se = bg
        .std_errors
        .map(|e| [e.r / r, e.alpha / alpha, e.a / a, e.b / b]);
    let gg_se = gg.std_errors.map(|e| [e.p / p, e.q / q, e.v / v]);
    let params = [
        (P::R, r, r, bg_se.map(|e| e[0])),
        (P::Alpha, alpha, alpha / bg.scale, bg_se.map(|e| e[1])),
        (P::A, a, a, bg_se.map(|e| e[2])),
        (P::B, b, b, bg_se.map(|e| e[3])),
        (P::P, p, p, gg_se.map(|e| e[0])),
        (P::Q, q, q, gg_se.map(|e| e[1])),
        (P::V, v, v / gg.scale, gg_se.map(|e| e[2])),
    ];
    // The parameter farthest beyond its limit (in orders of magnitude) is the one named.
    let beyond = |scaled: f64| {
        if scaled.is_finite() && scaled > 0.0 {
            scaled.ln().abs() - PARAMETER_LIMIT.ln()
        } else {
            f64::INFINITY
        }
    };
    let worst = params
        .iter()
        .filter(|(_, _, scaled, _)| beyond(*scaled) > 0.0)
        .max_by(|x, y| beyond(x.2).total_cmp(&beyond(y.2)));
    if let Some(&(parameter, value, scaled, _)) = worst {
        return FitVerdict::ParameterAtLimit {
            parameter,
            value,
            high: scaled > 1.0,
        };
    }
    if !bg.converged || !gg.converged {
        return FitVerdict::NotConverged;
    }
    if q <= 1.0 {
        return FitVerdict::SpendUnbounded;
    }
    if bg.std_errors.is_none() {
        return FitVerdict::LikelihoodFlat {
            model: FitModel::Purchases,
        };
    }
    if gg.std_errors.is_none() {
        return FitVerdict::LikelihoodFlat {
            model: FitModel::Spend,
        };
    }
    let loosest = params
        .iter()
        .filter_map(|&(parameter, _, _, se)| Some((parameter, se?)))
        .filter(|&(_, se)| se.is_nan() || se > MAX_RELATIVE_ERROR)
        .max_by(|x, y| x.1.total_cmp(&y.1));
    if let Some((parameter, relative_error)) = loosest {
        return FitVerdict::NotIdentified {
            parameter,
            relative_error,
        };
    }
    FitVerdict::Ok
}

/// [`FitVerdict::HistoryTooShort`] when the longest T is under [`MIN_SPAN_DAYS`] or under
/// [`MIN_INTERVALS`] times the median of the repeat clients' mean interval between
/// purchases (recency / frequency).
fn short_history(customers: &[CustomerSummary], days_per_unit: f64) -> Option<FitVerdict> {
    let span = customers.iter().map(|c| c.t).fold(0.0, f64::max) * days_per_unit;
    let mut intervals: Vec<f64> = customers
        .iter()
        .filter(|c| c.frequency > 0.0)
        .map(|c| c.recency / c.frequency * days_per_unit)
        .filter(|v| v.is_finite())
        .collect();
    intervals.sort_by(f64::total_cmp);
    let interval = match intervals.len() {
        0 => 0.0,
        n if n % 2 == 1 => intervals[n / 2],
        n => 0.5 * (intervals[n / 2 - 1] + intervals[n / 2]),
    };
    (span < MIN_SPAN_DAYS || span < MIN_INTERVALS * interval).then_some(
        FitVerdict::HistoryTooShort {
            span_days: span,
            interval_days: interval,
        },
    )
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
    predict_summaries(
        &summarize(data, end, settings.time_unit),
        settings,
        &mut |_| {},
    )
}

/// [`predict`] from the clients' purchase histories (the analysis keeps one per client as it
/// groups the rows): the same result without reading the rows.
pub fn predict_from_histories(
    histories: &[Option<PurchaseHistory>],
    settings: &ClvSettings,
) -> Result<ClvOutcome, Vec<FieldError>> {
    predict_from_histories_with_progress(histories, settings, &mut |_| {})
}

/// Where a forecast is: told before and after each fit and as the clients are valued, so the
/// caller can show a progress bar and time each part with a clock of its own (the model has
/// none).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ForecastStage {
    /// The clients' summaries are made: the BG/NBD fit starts.
    Fitting,
    /// BG/NBD is fitted (or could not be): the Gamma-Gamma fit starts.
    BgNbdFitted,
    /// Gamma-Gamma is fitted: the clients are valued next.
    GammaGammaFitted,
    /// This share of the clients valued (0..=1).
    Valuing(f64),
}

impl ForecastStage {
    /// The share of the whole forecast done (0..=1), weighted by the time each part takes on
    /// a large base.
    pub fn share(self) -> f64 {
        match self {
            ForecastStage::Fitting => 0.0,
            ForecastStage::BgNbdFitted => 0.4,
            ForecastStage::GammaGammaFitted => 0.6,
            ForecastStage::Valuing(f) => 0.6 + 0.4 * f.clamp(0.0, 1.0),
        }
    }
}

/// [`predict_from_histories`], telling `progress` each [`ForecastStage`] it reaches.
pub fn predict_from_histories_with_progress(
    histories: &[Option<PurchaseHistory>],
    settings: &ClvSettings,
    progress: &mut dyn FnMut(ForecastStage),
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
    predict_summaries(&summaries, settings, progress)
}

/// [`predict`] from each client's summary (indexed like [`TransactionSet::client_ids`]).
fn predict_summaries(
    summaries: &[Option<CustomerSummary>],
    settings: &ClvSettings,
    progress: &mut dyn FnMut(ForecastStage),
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
    progress(ForecastStage::Fitting);
    let bg = fit_bgnbd(&customers);
    progress(ForecastStage::BgNbdFitted);
    let gg = fit_gamma_gamma(&customers);
    progress(ForecastStage::GammaGammaFitted);
    let (Some(bg), Some(gg)) = (bg, gg) else {
        outcome.verdict = FitVerdict::NotConverged;
        return Ok(outcome);
    };
    outcome.verdict = judge(&customers, &bg, &gg, settings.time_unit.days(), need);
    outcome.bgnbd = Some(bg);
    outcome.gamma_gamma = Some(gg);
    if gg.params.q <= 1.0 {
        return Ok(outcome);
    }
    let every = (summaries.len() / 40).max(1);
    outcome.predictions = summaries
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if i % every == 0 {
                progress(ForecastStage::Valuing(i as f64 / summaries.len() as f64));
            }
            s.map(|c| predict_one(&bg.params, &gg.params, &c, settings))
        })
        .collect();
    progress(ForecastStage::Valuing(1.0));
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
    use crate::model::clients::clv::fixtures::{cdnow, rel_close, CDNOW_BG};
    use crate::model::clients::clv::testkit::{population, Rng};
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

    fn verdict_of(customers: &[CustomerSummary]) -> FitVerdict {
        let summaries: Vec<Option<CustomerSummary>> = customers.iter().copied().map(Some).collect();
        predict_summaries(&summaries, &ClvSettings::default(), &mut |_| {})
            .unwrap()
            .verdict
    }

    /// Customers who buy like clockwork, every `k` weeks to the end of the period: nobody
    /// drops out.
    fn clockwork(n: usize) -> Vec<CustomerSummary> {
        (0..n)
            .map(|i| {
                let every = 1.0 + (i % 8) as f64;
                let t = 52.0 - (i % 13) as f64;
                let x = (t / every).floor();
                CustomerSummary {
                    frequency: x,
                    recency: x * every,
                    t,
                    monetary: 10.0 + (i % 7) as f64 * 3.0,
                }
            })
            .collect()
    }

    #[test]
    fn cdnow_gets_a_clean_verdict() {
        assert_eq!(verdict_of(&cdnow()), FitVerdict::Ok);
        // And so does a simulated base drawn from the model itself.
        let truth = BgNbdParams {
            r: 0.5,
            alpha: 5.0,
            a: 0.8,
            b: 3.0,
        };
        let spend = GammaGammaParams {
            p: 6.0,
            q: 4.0,
            v: 15.0,
        };
        let base = population(&mut Rng::new(5), 3_000, &truth, &spend, (13.0, 52.0));
        assert_eq!(verdict_of(&base), FitVerdict::Ok);
    }

    #[test]
    fn nobody_dropping_out_is_not_trusted() {
        let v = verdict_of(&clockwork(500));
        let FitVerdict::ParameterAtLimit {
            parameter,
            value,
            high,
        } = v
        else {
            panic!("{v:?}");
        };
        match parameter {
            FitParameter::A => assert!(!high && value < 1e-4, "{v:?}"),
            FitParameter::B => assert!(high && value > 1e4, "{v:?}"),
            _ => panic!("{v:?}"),
        }
    }

    #[test]
    fn identical_spends_are_not_trusted() {
        // CDNOW's purchases, but every repeat client's mean spend is the same 25.
        let same: Vec<CustomerSummary> = cdnow()
            .into_iter()
            .map(|c| CustomerSummary {
                monetary: if c.frequency > 0.0 { 25.0 } else { 0.0 },
                ..c
            })
            .collect();
        let v = verdict_of(&same);
        assert!(
            matches!(
                v,
                FitVerdict::ParameterAtLimit {
                    parameter: FitParameter::P | FitParameter::Q | FitParameter::V,
                    high: true,
                    ..
                }
            ),
            "{v:?}"
        );
    }

    #[test]
    fn the_degenerate_fits_of_the_issue_are_not_trusted() {
        let customers = cdnow();
        let bg = fit_bgnbd(&customers).unwrap();
        let gg = fit_gamma_gamma(&customers).unwrap();
        let judge_with = |b: BgNbdParams, g: GammaGammaParams| {
            let bg = Fit { params: b, ..bg };
            let gg = Fit { params: g, ..gg };
            judge(&customers, &bg, &gg, 7.0, 50)
        };
        assert_eq!(judge_with(bg.params, gg.params), FitVerdict::Ok);
        // b = 3,000,897, q = 3,073,774, v = 1.4e11: v is the farthest off (per the mean spend).
        let v = judge_with(
            BgNbdParams {
                b: 3_000_897.0,
                ..bg.params
            },
            GammaGammaParams {
                q: 3_073_774.0,
                v: 1.4e11,
                ..gg.params
            },
        );
        assert_eq!(
            v,
            FitVerdict::ParameterAtLimit {
                parameter: FitParameter::V,
                value: 1.4e11,
                high: true
            }
        );
        // a = 0.000 (3e-7 here), b = 347,607: a is the farther off.
        let v = judge_with(
            BgNbdParams {
                a: 3e-7,
                b: 347_607.0,
                ..bg.params
            },
            gg.params,
        );
        assert_eq!(
            v,
            FitVerdict::ParameterAtLimit {
                parameter: FitParameter::A,
                value: 3e-7,
                high: false
            }
        );
        // alpha is judged against the longest T (38.86 weeks), not as a bare number.
        let v = judge_with(
            BgNbdParams {
                alpha: 1e6,
                ..bg.params
            },
            gg.params,
        );
        assert!(matches!(
            v,
            FitVerdict::ParameterAtLimit {
                parameter: FitParameter::Alpha,
                ..
            }
        ));
        assert_eq!(
            judge_with(
                BgNbdParams {
                    alpha: 3e4,
                    ..bg.params
                },
                gg.params
            ),
            FitVerdict::Ok
        );
        // No proper peak, a loose parameter, a stop before the optimum.
        let flat = Fit {
            std_errors: None,
            ..bg
        };
        assert_eq!(
            judge(&customers, &flat, &gg, 7.0, 50),
            FitVerdict::LikelihoodFlat {
                model: FitModel::Purchases
            }
        );
        let loose = Fit {
            std_errors: Some(GammaGammaParams {
                q: 2.0 * gg.params.q,
                ..gg.std_errors.unwrap()
            }),
            ..gg
        };
        assert_eq!(
            judge(&customers, &bg, &loose, 7.0, 50),
            FitVerdict::NotIdentified {
                parameter: FitParameter::Q,
                relative_error: 2.0
            }
        );
        let stopped = Fit {
            converged: false,
            ..gg
        };
        assert_eq!(
            judge(&customers, &bg, &stopped, 7.0, 50),
            FitVerdict::NotConverged
        );
    }

    #[test]
    fn a_short_history_is_not_trusted() {
        let truth = BgNbdParams {
            r: 0.5,
            alpha: 5.0,
            a: 0.8,
            b: 3.0,
        };
        let spend = GammaGammaParams {
            p: 6.0,
            q: 4.0,
            v: 15.0,
        };
        // Six weeks of data.
        let base = population(&mut Rng::new(9), 3_000, &truth, &spend, (1.0, 6.0));
        let v = verdict_of(&base);
        let FitVerdict::HistoryTooShort { span_days, .. } = v else {
            panic!("{v:?}");
        };
        assert!(span_days <= 42.0 && span_days > 40.0, "{v:?}");
        // Eight months of a business whose clients order once a quarter: every repeat
        // client shows one or two intervals of 12 to 14 weeks, under three in the history.
        let quarterly: Vec<CustomerSummary> = (0..600)
            .map(|i| {
                let every = 12.0 + (i % 3) as f64;
                let t = 35.0 - (i % 20) as f64;
                let x = (t / every).floor();
                CustomerSummary {
                    frequency: x,
                    recency: x * every,
                    t,
                    monetary: if x > 0.0 {
                        100.0 + (i % 11) as f64 * 9.0
                    } else {
                        0.0
                    },
                }
            })
            .collect();
        let v = verdict_of(&quarterly);
        let FitVerdict::HistoryTooShort {
            span_days,
            interval_days,
        } = v
        else {
            panic!("{v:?}");
        };
        assert!(span_days > 56.0 && span_days < 3.0 * interval_days, "{v:?}");
    }

    #[test]
    fn the_e2e_sample_is_degenerate() {
        // The 300 clients of tests/e2e/clients.test.mjs: amounts uniform on 1,000..51,000
        // whoever buys, so the clients' mean spends do not differ beyond chance and q runs to
        // its limit.
        let v = verdict_of(&e2e_sales(300));
        assert!(matches!(v, FitVerdict::ParameterAtLimit { .. }), "{v:?}");
    }

    /// `sales(300)` of tests/e2e/clients.test.mjs, the same pseudo-random sequence.
    fn e2e_sales(clients: u32) -> Vec<CustomerSummary> {
        let mut s: u32 = 7;
        let mut rand = move || {
            s = s.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            f64::from(s) / 4_294_967_296.0
        };
        let mut rows = Vec::new();
        for c in 1..=clients {
            let start = (rand() * 12.0).floor() as i32;
            let buys = if rand() < 0.2 {
                1
            } else {
                2 + (rand() * 10.0).floor() as i32
            };
            let mut month = start;
            let mut k = 0;
            while k < buys && month < 18 {
                let year = 2024 + month / 12;
                let day = 1 + (rand() * 28.0).floor() as u32;
                let kopecks = 100_000.0 + (rand() * 5_000_000.0).floor();
                let date = days_from_civil(year, (month % 12) as u32 + 1, day);
                rows.push((format!("c{c}"), date, kopecks / 100.0));
                month += 1 + (rand() * 3.0).floor() as i32;
                k += 1;
            }
        }
        let data = TransactionSet::from_triples(rows.iter().map(|(c, d, a)| (c.as_str(), *d, *a)));
        let end = data.transactions.iter().map(|t| t.day).max().unwrap_or(0);
        summarize(&data, end, crate::model::clients::clv::TimeUnit::Weeks)
            .into_iter()
            .flatten()
            .collect()
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
