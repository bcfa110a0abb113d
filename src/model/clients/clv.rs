//! Predictive customer lifetime value: the BG/NBD model for the number of purchases (Fader,
//! Hardie & Lee 2005, "Counting your customers the easy way") and the Gamma-Gamma model for
//! the spend per purchase (Fader, Hardie & Lee 2005, "RFM and CLV"; Fader & Hardie's note 025),
//! both fitted by maximum likelihood.
//!
//! Definitions are those of the Python library `lifetimes`, so results can be compared:
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

use super::analysis::Analysis;
use super::parse::{ByClient, TransactionSet};
use super::specfun::{expit, ln_gamma, ln_hyp2f1, NelderMead};
use crate::model::validation::{check_percent, FieldError, Problem};

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

/// Settings of the prediction; kept in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ClvSettings {
    pub time_unit: TimeUnit,
    /// Months ahead for expected purchases and value (1..=120).
    pub horizon_months: f64,
    /// Discount rate per month, %.
    pub monthly_discount_pct: f64,
    /// Gross margin applied to the value, %; 100 = value in revenue.
    pub margin_pct: f64,
    /// Fewest clients with repeat purchases for a fit to be trusted.
    pub min_repeat_customers: f64,
}

impl Default for ClvSettings {
    fn default() -> Self {
        ClvSettings {
            time_unit: TimeUnit::Weeks,
            horizon_months: 12.0,
            monthly_discount_pct: 1.0,
            margin_pct: 100.0,
            min_repeat_customers: 50.0,
        }
    }
}

impl ClvSettings {
    /// Field ids: `clv-horizon-months`, `clv-discount-rate`, `clv-margin`, `clv-min-repeat`.
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
            whole("clv-horizon-months", self.horizon_months, 1.0, 120.0),
            check_percent("clv-discount-rate", self.monthly_discount_pct),
            check_percent("clv-margin", self.margin_pct),
            whole("clv-min-repeat", self.min_repeat_customers, 1.0, 1e6),
        ];
        errors.extend(checks.into_iter().filter_map(Result::err));
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// One customer as the models see it (see the module docs for the definitions).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct CustomerSummary {
    pub frequency: f64,
    pub recency: f64,
    pub t: f64,
    pub monetary: f64,
}

/// Per client (indexed like [`TransactionSet::client_ids`]) the summary at `calibration_end`
/// (days since 1970-01-01); `None` for clients whose first purchase is after it.
pub fn summarize(
    data: &TransactionSet,
    calibration_end: i32,
    unit: TimeUnit,
) -> Vec<Option<CustomerSummary>> {
    // Each client's purchases together in one buffer, in file order within a client.
    let ByClient { offsets, items } =
        data.group_by_client(|t| t.day <= calibration_end, |_, t| (t.day, t.amount));
    let mut days = DaysSeen::new(items.iter().map(|p| p.0));
    offsets
        .windows(2)
        .enumerate()
        .map(|(c, w)| {
            let purchases = &items[w[0] as usize..w[1] as usize];
            let history = PurchaseHistory::of(purchases, &mut days, c as u32 + 1)?;
            Some(history.summary(calibration_end, unit))
        })
        .collect()
}

/// Which days a client bought on, for counting distinct days without sorting: one slot per
/// day of the data holding the stamp of the last client that bought that day.
pub struct DaysSeen {
    first_day: i32,
    stamps: Vec<u32>,
}

impl DaysSeen {
    /// Room for every day of `days` (the days a client will be asked about).
    pub fn new(days: impl Iterator<Item = i32>) -> Self {
        let (lo, hi) = days.fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
        DaysSeen::between(lo, hi)
    }

    /// Room for the days `first..=last`.
    pub fn between(first: i32, last: i32) -> Self {
        let len = if first <= last {
            (last - first) as usize + 1
        } else {
            0
        };
        DaysSeen {
            first_day: first,
            stamps: vec![0; len],
        }
    }

    /// Marks `day` for the client with `stamp` (never 0, unique to the client); true when
    /// it was not marked for that client yet.
    #[inline]
    pub fn first_visit(&mut self, day: i32, stamp: u32) -> bool {
        let slot = &mut self.stamps[(day - self.first_day) as usize];
        let new = *slot != stamp;
        *slot = stamp;
        new
    }
}

/// What the models need of one client's purchases, in days: the analysis keeps it for each
/// client from its grouping, so the forecast needs no second pass over the rows (and no
/// second copy of them).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PurchaseHistory {
    pub first_day: i32,
    pub last_day: i32,
    /// Purchase days after the first one.
    pub repeat_days: u32,
    /// The amounts of those days, summed in file order.
    pub repeat_total: f64,
}

impl PurchaseHistory {
    /// The history of one client's purchases `(day, amount)`, in file order; `None` when
    /// there are none. `stamp` as for [`DaysSeen::first_visit`].
    pub fn of(purchases: &[(i32, f64)], days: &mut DaysSeen, stamp: u32) -> Option<Self> {
        let first_day = purchases.iter().map(|p| p.0).min()?;
        let last_day = purchases.iter().map(|p| p.0).max()?;
        let mut history = PurchaseHistory {
            first_day,
            last_day,
            repeat_days: 0,
            repeat_total: 0.0,
        };
        for &(day, amount) in purchases {
            let new_day = days.first_visit(day, stamp);
            if day != first_day {
                history.repeat_total += amount;
                history.repeat_days += u32::from(new_day);
            }
        }
        Some(history)
    }

    /// The summary at `calibration_end` (not before `last_day`).
    pub fn summary(&self, calibration_end: i32, unit: TimeUnit) -> CustomerSummary {
        let repeat_days = self.repeat_days as usize;
        CustomerSummary {
            frequency: repeat_days as f64,
            recency: f64::from(self.last_day - self.first_day) / unit.days(),
            t: f64::from(calibration_end - self.first_day) / unit.days(),
            monetary: if repeat_days > 0 {
                self.repeat_total / repeat_days as f64
            } else {
                0.0
            },
        }
    }
}

/// BG/NBD parameters: purchase rates ~ Gamma(r, alpha), drop-out probability ~ Beta(a, b).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BgNbdParams {
    pub r: f64,
    /// Per time unit.
    pub alpha: f64,
    pub a: f64,
    pub b: f64,
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
    pub converged: bool,
}

/// The customers compressed for the likelihood: identical (x, t_x, T) once with a weight,
/// and the distinct values of x, t_x and T listed once so that each evaluation takes the
/// gamma functions and logarithms per distinct value, not per customer.
struct BgNbdData {
    rows: Vec<BgRow>,
    xs: Vec<f64>,
    recencies: Vec<f64>,
    ages: Vec<f64>,
    total_weight: f64,
}

#[derive(Clone, Copy)]
struct BgRow {
    x: usize,
    recency: usize,
    age: usize,
    weight: f64,
}

fn distinct(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    v.dedup();
    v
}

fn position(sorted: &[f64], value: f64) -> usize {
    sorted
        .binary_search_by(|p| p.total_cmp(&value))
        .unwrap_or(0)
}

impl BgNbdData {
    /// `scale` multiplies the times (the fit works with the oldest customer's T = 1).
    fn new(customers: &[CustomerSummary], scale: f64) -> Self {
        let xs = distinct(customers.iter().map(|c| c.frequency));
        let recencies = distinct(customers.iter().map(|c| c.recency * scale));
        let ages = distinct(customers.iter().map(|c| c.t * scale));
        let mut keys: Vec<(usize, usize, usize)> = customers
            .iter()
            .map(|c| {
                (
                    position(&xs, c.frequency),
                    position(&recencies, c.recency * scale),
                    position(&ages, c.t * scale),
                )
            })
            .collect();
        keys.sort_unstable();
        let rows = keys
            .chunk_by(|a, b| a == b)
            .map(|run| BgRow {
                x: run[0].0,
                recency: run[0].1,
                age: run[0].2,
                weight: run.len() as f64,
            })
            .collect();
        BgNbdData {
            rows,
            xs,
            recencies,
            ages,
            total_weight: customers.len() as f64,
        }
    }

    /// Total log-likelihood (Fader, Hardie & Lee 2005, eq. 6; Hardie's note 004).
    fn log_likelihood(&self, p: &BgNbdParams) -> f64 {
        let BgNbdParams { r, alpha, a, b } = *p;
        let common = -ln_gamma(r) + r * alpha.ln() + ln_gamma(a + b) - ln_gamma(b);
        // Per distinct x: A1 + A2 without the common part, and ln(a / (b + x - 1)).
        let per_x: Vec<(f64, f64)> = self
            .xs
            .iter()
            .map(|&x| {
                let a12 = common + ln_gamma(r + x) + ln_gamma(b + x) - ln_gamma(a + b + x);
                let drop = a.ln() - (b + x.max(1.0) - 1.0).ln();
                (a12, drop)
            })
            .collect();
        let ln_age: Vec<f64> = self.ages.iter().map(|&t| (alpha + t).ln()).collect();
        let ln_rec: Vec<f64> = self.recencies.iter().map(|&t| (alpha + t).ln()).collect();
        self.rows
            .iter()
            .map(|row| {
                let x = self.xs[row.x];
                let (a12, drop) = per_x[row.x];
                let a3 = -(r + x) * ln_age[row.age];
                let ll = if x > 0.0 {
                    let a4 = drop - (r + x) * ln_rec[row.recency];
                    // ln(e^a3 + e^a4) without overflow.
                    let (hi, lo) = if a3 > a4 { (a3, a4) } else { (a4, a3) };
                    hi + (lo - hi).exp().ln_1p()
                } else {
                    a3
                };
                row.weight * (a12 + ll)
            })
            .sum()
    }
}

fn params_from_log(v: &[f64]) -> Option<BgNbdParams> {
    let p = BgNbdParams {
        r: v.first()?.exp(),
        alpha: v.get(1)?.exp(),
        a: v.get(2)?.exp(),
        b: v.get(3)?.exp(),
    };
    let ok = [p.r, p.alpha, p.a, p.b]
        .iter()
        .all(|x| x.is_finite() && *x > 0.0);
    ok.then_some(p)
}

/// Fits BG/NBD by maximum likelihood (Nelder-Mead on the logs of the parameters, times
/// scaled so the oldest customer's T is 1, as `lifetimes` does). `None` without customers.
pub fn fit_bgnbd(customers: &[CustomerSummary]) -> Option<Fit<BgNbdParams>> {
    let valid: Vec<CustomerSummary> = customers
        .iter()
        .copied()
        .filter(|c| {
            c.frequency >= 0.0
                && c.frequency.is_finite()
                && c.recency >= 0.0
                && c.t >= c.recency
                && c.t.is_finite()
        })
        .collect();
    let max_t = valid.iter().map(|c| c.t).fold(0.0, f64::max);
    if valid.is_empty() || max_t <= 0.0 {
        return None;
    }
    let scale = 1.0 / max_t;
    let data = BgNbdData::new(&valid, scale);
    let mut objective = |v: &[f64]| match params_from_log(v) {
        Some(p) => -data.log_likelihood(&p) / data.total_weight,
        None => f64::INFINITY,
    };
    let found = NelderMead::default().minimize(&mut objective, &[0.0; 4]);
    let mut params = params_from_log(&found.x)?;
    params.alpha /= scale;
    let unscaled = BgNbdData::new(&valid, 1.0);
    let log_likelihood = unscaled.log_likelihood(&params);
    log_likelihood.is_finite().then_some(Fit {
        params,
        log_likelihood,
        customers: valid.len(),
        evaluations: found.evaluations,
        converged: found.converged,
    })
}

impl BgNbdParams {
    /// Expected purchases in the next `t` time units of a customer with this history
    /// (Fader, Hardie & Lee 2005, eq. 10).
    pub fn expected_purchases(&self, t: f64, c: &CustomerSummary) -> f64 {
        if t <= 0.0 || !t.is_finite() {
            return 0.0;
        }
        let BgNbdParams { r, alpha, b, .. } = *self;
        // The formula divides by a - 1; a hair away from 1 gives the limit.
        let a = if (self.a - 1.0).abs() < 1e-9 {
            1.0 + 1e-9
        } else {
            self.a
        };
        let x = c.frequency;
        let z = t / (alpha + c.t + t);
        let Some(ln_hyp) = ln_hyp2f1(r + x, b + x, a + b + x - 1.0, z) else {
            return 0.0;
        };
        let first = (a + b + x - 1.0) / (a - 1.0);
        let second = -(ln_hyp + (r + x) * ((alpha + c.t) / (alpha + t + c.t)).ln()).exp_m1();
        let numerator = first * second;
        let denominator = if x > 0.0 {
            1.0 + (self.ln_death_odds(c)).exp()
        } else {
            1.0
        };
        let value = numerator / denominator;
        if value.is_finite() {
            value.max(0.0)
        } else {
            0.0
        }
    }

    /// ln of the odds that a customer with repeats has dropped out.
    fn ln_death_odds(&self, c: &CustomerSummary) -> f64 {
        let x = c.frequency;
        (self.a / (self.b + x - 1.0)).ln()
            + (self.r + x) * ((self.alpha + c.t) / (self.alpha + c.recency)).ln()
    }

    /// Probability the customer is still active (Fader, Hardie & Lee, note 021); 1 without
    /// repeat purchases, as in the model.
    pub fn probability_alive(&self, c: &CustomerSummary) -> f64 {
        if c.frequency <= 0.0 {
            return 1.0;
        }
        let p = expit(-self.ln_death_odds(c));
        if p.is_finite() {
            p
        } else {
            0.0
        }
    }
}

/// Gamma-Gamma parameters: spend per purchase ~ Gamma(p, nu), nu ~ Gamma(q, v).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct GammaGammaParams {
    pub p: f64,
    pub q: f64,
    pub v: f64,
}

impl GammaGammaParams {
    /// Mean spend per purchase in the population, `v p / (q - 1)`; infinite when q <= 1.
    pub fn population_mean(&self) -> f64 {
        if self.q > 1.0 {
            self.v * self.p / (self.q - 1.0)
        } else {
            f64::INFINITY
        }
    }

    /// Expected average spend of a customer with `frequency` repeats of mean `monetary`
    /// (note 025, eq. 5): a weighted mean of the population mean and the customer's own.
    pub fn expected_average_spend(&self, frequency: f64, monetary: f64) -> f64 {
        let weight = self.p * frequency / (self.p * frequency + self.q - 1.0);
        let value = (1.0 - weight) * self.population_mean() + weight * monetary;
        if value.is_finite() {
            value.max(0.0)
        } else {
            0.0
        }
    }
}

/// Repeat customers for the Gamma-Gamma likelihood, grouped by distinct frequency.
struct GammaGammaData {
    xs: Vec<f64>,
    /// (index into `xs`, mean spend, its logarithm).
    rows: Vec<(usize, f64, f64)>,
}

impl GammaGammaData {
    fn new(rows: &[(f64, f64)], scale: f64) -> Self {
        let xs = distinct(rows.iter().map(|r| r.0));
        let rows = rows
            .iter()
            .map(|&(x, m)| (position(&xs, x), m * scale, (m * scale).ln()))
            .collect();
        GammaGammaData { xs, rows }
    }

    /// Total log-likelihood (Fader & Hardie, note 025, eq. 3).
    fn log_likelihood(&self, params: &GammaGammaParams) -> f64 {
        let GammaGammaParams { p, q, v } = *params;
        let common = -ln_gamma(q) + q * v.ln();
        let per_x: Vec<f64> = self
            .xs
            .iter()
            .map(|&x| common + ln_gamma(p * x + q) - ln_gamma(p * x) + p * x * x.ln())
            .collect();
        self.rows
            .iter()
            .map(|&(ix, m, ln_m)| {
                let x = self.xs[ix];
                per_x[ix] + (p * x - 1.0) * ln_m - (p * x + q) * (x * m + v).ln()
            })
            .sum()
    }
}

/// Fits Gamma-Gamma on the customers with repeat purchases and a positive mean spend.
/// Spends are scaled to a mean of 1 for the search (any currency and check size then fit the
/// same way); `v` is scaled back.
pub fn fit_gamma_gamma(customers: &[CustomerSummary]) -> Option<Fit<GammaGammaParams>> {
    let rows: Vec<(f64, f64)> = customers
        .iter()
        .filter(|c| c.frequency > 0.0 && c.monetary > 0.0 && c.monetary.is_finite())
        .map(|c| (c.frequency, c.monetary))
        .collect();
    if rows.is_empty() {
        return None;
    }
    let mean = rows.iter().map(|r| r.1).sum::<f64>() / rows.len() as f64;
    let scale = 1.0 / mean;
    let scaled = GammaGammaData::new(&rows, scale);
    let from_log = |v: &[f64]| -> Option<GammaGammaParams> {
        let p = GammaGammaParams {
            p: v.first()?.exp(),
            q: v.get(1)?.exp(),
            v: v.get(2)?.exp(),
        };
        [p.p, p.q, p.v]
            .iter()
            .all(|x| x.is_finite() && *x > 0.0)
            .then_some(p)
    };
    let n = rows.len() as f64;
    let mut objective = |v: &[f64]| match from_log(v) {
        Some(p) => -scaled.log_likelihood(&p) / n,
        None => f64::INFINITY,
    };
    let found = NelderMead::default().minimize(&mut objective, &[0.0; 3]);
    let mut params = from_log(&found.x)?;
    params.v /= scale;
    let ll = GammaGammaData::new(&rows, 1.0).log_likelihood(&params);
    ll.is_finite().then_some(Fit {
        params,
        log_likelihood: ll,
        customers: rows.len(),
        evaluations: found.evaluations,
        converged: found.converged,
    })
}

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

/// [`predict`] from the clients' purchase histories an analysis kept
/// ([`super::analysis::analyze_with_histories`]): the same result without reading the rows.
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
    let per_month = settings.time_unit.per_month();
    let spend = gg.expected_average_spend(c.frequency, c.monetary);
    let discount = 1.0 + settings.monthly_discount_pct / 100.0;
    let months = settings.horizon_months.clamp(0.0, 1200.0) as u32;
    let mut value = 0.0;
    let mut before = 0.0;
    for i in 1..=months {
        let cumulative = bg.expected_purchases(f64::from(i) * per_month, c);
        value += (cumulative - before) * spend / discount.powi(i as i32);
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

/// Copies the predictions into the analysis' per-client table.
pub fn attach(analysis: &mut Analysis, outcome: &ClvOutcome) {
    for row in &mut analysis.clients {
        row.predicted = outcome
            .predictions
            .get(row.client as usize)
            .copied()
            .flatten();
    }
}

#[cfg(test)]
#[path = "clv_tests.rs"]
mod tests;
