//! Messages between the page and the import worker. Each message is a JS array
//! `[json, payload?]`: the JSON of a [`Request`] or [`Response`], and for some a payload that
//! is not JSON (the dropped `File` with [`Request::Open`], the file's bytes with
//! [`Response::Exported`], transferred, not copied).

use serde::{Deserialize, Serialize};

use super::part::PartMeta;
use super::session::PartJob;
use crate::i18n::Lang;
use crate::model::clients::analysis::{
    AbcXyzMatrix, BaseFigures, ClientRow, GroupTotals, ReactivationRow, Summary,
};
use crate::model::clients::clv::{
    BgNbdParams, ClvSettings, Fit, FitVerdict, GammaGammaParams, TimeUnit,
};
use crate::model::clients::cohorts::Cohorts;
use crate::model::clients::parse::RejectGroup;
use crate::model::clients::{
    AnalysisSettings, ColumnMapping, Dialect, Encoding, ImportError, ImportSummary, Preview,
};
use crate::model::validation::FieldError;
use crate::model::Currency;

/// Rows of the file shown in the mapping step.
pub const PREVIEW_ROWS: usize = 8;
/// Clients of the reactivation list and of the top-clients table sent to the page; the
/// exports carry them all.
pub const LIST_ROWS: usize = 100;

/// What the page asks the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Request {
    /// Read the `File` sent as the payload: decode, guess the dialect and the columns.
    Open { file_name: String },
    /// The preview again under a dialect the person corrected.
    Preview { dialect: Dialect },
    /// Read the rows (again, if the dialect or mapping changed) and analyse them.
    Analyze(AnalyzeRequest),
    /// The per-client table as a file.
    Export(ExportRequest),
    /// Sent when the Clients page opens: start the helper that reads half of a large file;
    /// with `warm_up`, the worker then reads and analyses a generated file the way it reads
    /// a dropped one, answering nothing, so the code is compiled for speed before a real
    /// file comes (see `glue::start_warm_up`). The page asks for it only while it has no
    /// file: with one, a real read follows at once. Any request from the page ends it.
    Prepare { warm_up: bool },
    /// To a helper, from the worker: read this piece of the `File` sent as the payload.
    ReadPart(PartJob),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnalyzeRequest {
    pub dialect: Dialect,
    pub mapping: ColumnMapping,
    pub analysis: AnalysisSettings,
    pub clv: ClvSettings,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ExportFormat {
    Csv,
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportRequest {
    pub format: ExportFormat,
    pub lang: Lang,
    pub currency: Currency,
}

/// What the worker answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Response {
    /// The worker has started and takes requests.
    Ready,
    Opened(Box<Opened>),
    Progress {
        step: Step,
        fraction: f64,
    },
    /// The analysis, without the forecast yet: shown at once.
    Analyzed(Box<ClientsReport>),
    /// The forecast of the last analysis, which takes longer (it comes right after).
    Forecasted(Box<ForecastReport>),
    /// The file's bytes come as the payload.
    Exported {
        file_name: String,
        mime: String,
    },
    Failed(Failure),
    /// A helper's piece: the rows come as the payload (see [`crate::worker::part`]);
    /// `None` when it could not be read as asked (the worker then reads it itself).
    PartRead {
        job: PartJob,
        meta: Option<Box<PartMeta>>,
    },
}

/// The steps of an analysis, for the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    Reading,
    Analysing,
    Forecasting,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Failure {
    /// The file cannot be imported (mapping problems come as field errors inside).
    Import(ImportError),
    /// Settings out of range (the page checks them first; this is the worker's guard).
    Settings(Vec<FieldError>),
    /// A request that needs a file came before one was opened.
    NoFile,
    /// The browser could not read the file.
    Unreadable,
}

/// The file as the mapping step shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Opened {
    pub file_name: String,
    pub bytes: usize,
    pub encoding: Encoding,
    /// Broken byte sequences replaced while decoding (0 for a clean file).
    pub replaced: usize,
    pub dialect: Dialect,
    pub preview: Preview,
    pub mapping: ColumnMapping,
}

/// Milliseconds each step took, for the page's footnote and the benchmark.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Timings {
    pub read_ms: f64,
    pub analyse_ms: f64,
    pub forecast_ms: f64,
    /// Memory the worker (and its helper) hold at the end: what the file cost to analyse.
    pub memory_bytes: f64,
    /// Pieces the file was read in at once: 2 with the helper, 1 without; 0 when the rows
    /// read before were analysed again.
    pub pieces: u8,
}

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
    pub horizon_months: f64,
    /// Sums over the base; meaningful only when the verdict is `Ok`.
    pub base_value: f64,
    pub base_expected_purchases: f64,
    pub expected_active_clients: f64,
}

/// Everything the results show: the analysis without the full client list (only its top),
/// what was rejected, and the forecast.
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
    pub timings: Timings,
}

/// The forecast of an analysis and what it changes in the report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForecastReport {
    pub forecast: Forecast,
    /// The most valuable clients again, now by predicted value, with their predictions.
    pub top_clients: Vec<ClientRow>,
    pub forecast_ms: f64,
    /// The workers' memory after the forecast (see [`Timings::memory_bytes`]).
    pub memory_bytes: f64,
}

impl ClientsReport {
    /// The report with its forecast.
    pub fn with_forecast(mut self, f: ForecastReport) -> Self {
        self.forecast = Some(f.forecast);
        self.top_clients = f.top_clients;
        self.timings.forecast_ms = f.forecast_ms;
        self.timings.memory_bytes = self.timings.memory_bytes.max(f.memory_bytes);
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
                .filter(|f| f.verdict == FitVerdict::Ok)
                .map(|f| f.base_value),
            horizon_months: self
                .forecast
                .as_ref()
                .map_or(ClvSettings::default().horizon_months, |f| f.horizon_months),
        }
    }
}
