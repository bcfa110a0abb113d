//! What an import shows: the analysis of the file without its full client list (only the
//! top), what was rejected, and the forecast once it is fitted. The worker builds these
//! from the parsed rows and the [`Analysis`]; the page and the plan read them.

use serde::{Deserialize, Serialize};

use super::analysis::{
    AbcXyzMatrix, Analysis, BaseFigures, ClientRow, GroupTotals, ReactivationRow, Summary,
};
use super::clv::{
    BgNbdParams, ClvOutcome, ClvSettings, Fit, FitVerdict, GammaGammaParams, Holdout,
    HoldoutQuality, HorizonUnit, TimeUnit,
};
use super::cohorts::Cohorts;
use super::parse::RejectGroup;
use super::{Encoding, ImportSummary, ParseOutcome};

/// Clients of the reactivation list and of the top-clients table sent to the page; the
/// exports carry them all.
pub const LIST_ROWS: usize = 100;

/// The fitted models in a few numbers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Forecast {
    pub verdict: FitVerdict,
    pub bgnbd: Option<Fit<BgNbdParams>>,
    pub gamma_gamma: Option<Fit<GammaGammaParams>>,
    pub customers: usize,
    pub repeat_customers: usize,
    /// The unit of recency and T (the fitted alpha is per this unit).
    pub time_unit: TimeUnit,
    /// The horizon of the expected purchases and value, and the monthly discount rate.
    pub horizon: f64,
    pub horizon_unit: HorizonUnit,
    pub monthly_discount_pct: f64,
    /// The check on the days after the calibration end, when one was set before the last date.
    pub holdout: Option<Holdout>,
    /// Sums over the base; meaningful only when the verdict is `Ok`.
    pub base_value: f64,
    pub base_expected_purchases: f64,
    pub expected_active_clients: f64,
}

impl Forecast {
    /// Whether the page may call the forecast trustworthy: the fit is sound and, when there
    /// is a holdout, the model's purchases there were not far off.
    pub fn trusted(&self) -> bool {
        self.verdict == FitVerdict::Ok
            && self
                .holdout
                .as_ref()
                .is_none_or(|h| h.quality() != HoldoutQuality::Poor)
    }

    pub fn new(clv: &ClvOutcome, settings: &ClvSettings) -> Self {
        Forecast {
            verdict: clv.verdict,
            bgnbd: clv.bgnbd,
            gamma_gamma: clv.gamma_gamma,
            customers: clv.customers,
            repeat_customers: clv.repeat_customers,
            time_unit: settings.time_unit,
            horizon: settings.horizon,
            horizon_unit: settings.horizon_unit,
            monthly_discount_pct: settings.monthly_discount_pct,
            holdout: None,
            base_value: clv.base_value,
            base_expected_purchases: clv.base_expected_purchases,
            expected_active_clients: clv.expected_active_clients,
        }
    }
}

/// Everything the results show.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientsReport {
    pub file_name: String,
    /// The encoding the rows were read in (a file valid UTF-8 only at its start is 1251).
    pub encoding: Encoding,
    pub rows_read: usize,
    pub blank_rows: usize,
    pub zero_amount_rows: usize,
    pub negative_total: f64,
    pub rejected: Vec<RejectGroup>,
    pub summary: Summary,
    pub abc: [GroupTotals; 3],
    pub xyz: [GroupTotals; 4],
    pub matrix: AbcXyzMatrix,
    pub segments: [GroupTotals; 6],
    /// The first [`LIST_ROWS`] of the reactivation list, most valuable first.
    pub reactivation: Vec<ReactivationRow>,
    pub reactivation_total: usize,
    pub cohorts: Cohorts,
    pub base: BaseFigures,
    /// `None` until the [`ForecastReport`] comes.
    pub forecast: Option<Forecast>,
    /// The [`LIST_ROWS`] most valuable clients (by predicted value, else by revenue).
    pub top_clients: Vec<ClientRow>,
}

/// The forecast of an analysis and what it changes in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForecastReport {
    pub forecast: Forecast,
    /// The most valuable clients again, now by predicted value, with their predictions.
    pub top_clients: Vec<ClientRow>,
}

impl ForecastReport {
    /// The forecast of `analysis`, whose clients already carry the predictions of `clv`,
    /// with the holdout check when there is one.
    pub fn new(
        clv: &ClvOutcome,
        settings: &ClvSettings,
        analysis: &Analysis,
        holdout: Option<Holdout>,
    ) -> Self {
        ForecastReport {
            forecast: Forecast {
                holdout,
                ..Forecast::new(clv, settings)
            },
            top_clients: top_clients(analysis),
        }
    }
}

impl ClientsReport {
    /// The report of `analysis` of the rows `outcome` read from `file_name`; no forecast yet.
    pub fn new(
        file_name: &str,
        encoding: Encoding,
        outcome: &ParseOutcome,
        analysis: &Analysis,
    ) -> Self {
        ClientsReport {
            file_name: file_name.to_string(),
            encoding,
            rows_read: outcome.rows_read,
            blank_rows: outcome.blank_rows,
            zero_amount_rows: outcome.zero_amount_rows,
            negative_total: outcome.negative_total,
            rejected: outcome.rejected.clone(),
            summary: analysis.summary.clone(),
            abc: analysis.abc,
            xyz: analysis.xyz,
            matrix: analysis.matrix.clone(),
            segments: analysis.segments,
            reactivation: analysis
                .reactivation
                .iter()
                .take(LIST_ROWS)
                .cloned()
                .collect(),
            reactivation_total: analysis.reactivation.len(),
            cohorts: analysis.cohorts.clone(),
            base: analysis.base.clone(),
            forecast: None,
            top_clients: top_clients(analysis),
        }
    }

    /// The report with its forecast.
    pub fn with_forecast(mut self, f: ForecastReport) -> Self {
        self.forecast = Some(f.forecast);
        self.top_clients = f.top_clients;
        self
    }

    pub fn rejected_rows(&self) -> usize {
        self.rejected.iter().map(|g| g.count).sum()
    }

    /// What the plan keeps of this analysis (no rows, no client names).
    pub fn summary_for_plan(&self, analysed_at_ms: f64) -> ImportSummary {
        ImportSummary {
            file_name: self.file_name.chars().take(200).collect(),
            analysed_at_ms,
            rows_read: self.rows_read,
            rejected_rows: self.rejected_rows(),
            summary: self.summary.clone(),
            base: self.base.clone(),
            abc: self.abc,
            segments: self.segments,
            predicted_base_value: self
                .forecast
                .as_ref()
                .filter(|f| f.trusted())
                .map(|f| f.base_value),
            horizon: self
                .forecast
                .as_ref()
                .map_or(ClvSettings::default().horizon, |f| f.horizon),
            horizon_unit: self
                .forecast
                .as_ref()
                .map_or(HorizonUnit::default(), |f| f.horizon_unit),
        }
    }
}

/// The most valuable clients: by predicted value when there is a forecast, else by revenue.
pub fn top_clients(analysis: &Analysis) -> Vec<ClientRow> {
    let value = |c: &ClientRow| (c.predicted.map_or(0.0, |p| p.predicted_value), c.revenue);
    let mut order: Vec<usize> = (0..analysis.clients.len()).collect();
    let by_value = |a: &usize, b: &usize| {
        value(&analysis.clients[*b])
            .partial_cmp(&value(&analysis.clients[*a]))
            .unwrap_or(std::cmp::Ordering::Equal)
    };
    if order.len() > LIST_ROWS {
        order.select_nth_unstable_by(LIST_ROWS, by_value);
        order.truncate(LIST_ROWS);
    }
    order.sort_by(by_value);
    order
        .into_iter()
        .map(|i| analysis.clients[i].clone())
        .collect()
}
