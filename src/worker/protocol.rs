//! Messages between the page and the import worker. Each message is a JS array
//! `[message, payload?]`: a [`Request`] as a structured object or a [`Response`] as JSON text
//! (both encoded in [`codec`]), and for some a payload that is neither (the dropped `File`
//! with [`Request::Open`], the file's bytes with [`Response::Exported`], transferred, not
//! copied).

use serde::{Deserialize, Serialize};

use crate::i18n::Lang;
use crate::model::clients::clv::ClvSettings;
use crate::model::clients::{
    AnalysisSettings, ClientsReport, ColumnMapping, Dialect, Encoding, ForecastReport, ImportError,
    Preview,
};
use crate::model::validation::FieldError;
use crate::model::Currency;

/// Rows of the file shown in the mapping step.
pub const PREVIEW_ROWS: usize = 8;

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
    /// Every row of the open file as cells, under `dialect` (the facts page's CRM import of
    /// activities; at most [`MAX_TABLE_ROWS`] rows).
    Table { dialect: Dialect },
}

/// Most rows [`Request::Table`] returns (a month's activities of a sales unit are far fewer).
pub const MAX_TABLE_ROWS: usize = 200_000;

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
    Analyzed {
        report: Box<ClientsReport>,
        timings: Timings,
    },
    /// The forecast of the last analysis, which takes longer (it comes right after);
    /// `timings` has the forecast's time and the memory after it.
    Forecasted {
        report: Box<ForecastReport>,
        timings: Timings,
    },
    /// The file's bytes come as the payload.
    Exported {
        file_name: String,
        mime: String,
    },
    /// The rows of [`Request::Table`]; `truncated` when the file had more.
    Table {
        table: Box<Preview>,
        truncated: bool,
    },
    Failed(Failure),
}

/// The steps of an import, for the progress bar.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Step {
    /// An .xlsx being opened: its bytes read, unzipped and its sheet turned into text.
    Unpacking,
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

/// Milliseconds each step took and the memory it cost: the page's footnote and the
/// browser benchmark read them; they are not part of the analysis.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct Timings {
    /// 0 when the rows read before were analysed again.
    pub read_ms: f64,
    pub analyse_ms: f64,
    pub forecast_ms: f64,
    /// The BG/NBD fit alone, part of `forecast_ms` (the browser bench sets it beside
    /// `lifetimes`' fit of the same summary).
    pub bgnbd_fit_ms: f64,
    /// The worker's wasm memory (it only grows, so this is its peak).
    pub memory_bytes: f64,
}

impl Timings {
    /// These timings of an analysis with those of its forecast.
    pub fn with_forecast(self, forecast: Timings) -> Self {
        Timings {
            forecast_ms: forecast.forecast_ms,
            bgnbd_fit_ms: forecast.bgnbd_fit_ms,
            memory_bytes: self.memory_bytes.max(forecast.memory_bytes),
            ..self
        }
    }
}

/// The first element of a message (wasm only), encoded and decoded here and nowhere else: a
/// [`Request`] is a structured object (serde-wasm-bindgen), a [`Response`] JSON text. A
/// structured response was measured slower on the way to the results (docs/architecture.md,
/// "The import worker"), so only requests are objects.
#[cfg(target_arch = "wasm32")]
pub mod codec {
    use wasm_bindgen::JsValue;

    use super::{Request, Response};
    use crate::storage::json;

    /// On the page. serde-wasm-bindgen's default `Serializer` round-trips a request exactly:
    /// its numbers are `f64`, `u8` or `usize` column indices (far below 2^53), `None` is
    /// `undefined`, unit variants are strings and the others `{ Variant: value }`; it has no
    /// maps, so no configuration is needed. Plain data always encodes.
    pub fn encode_request(request: &Request) -> Option<JsValue> {
        serde_wasm_bindgen::to_value(request).ok()
    }

    /// In the worker.
    pub fn decode_request(value: JsValue) -> Option<Request> {
        serde_wasm_bindgen::from_value(value).ok()
    }

    /// In the worker.
    pub fn encode_response(response: &Response) -> Option<JsValue> {
        serde_json::to_string(response)
            .ok()
            .map(|json| JsValue::from_str(&json))
    }

    /// On the page, through `storage::json` like every JSON text the page reads.
    pub fn decode_response(value: JsValue) -> Option<Response> {
        value
            .as_string()
            .and_then(|json| json::from_text(&json).ok())
    }
}
