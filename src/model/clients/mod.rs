//! Client base from data (DESIGN.md §3.4): transactions import and analytics.
//!
//! The pipeline, each step a plain function the Web Worker calls in turn:
//!
//! 1. [`decode::decode`]: file bytes -> text (UTF-8 with or without BOM, UTF-16, Windows-1251).
//! 2. [`csv::sniff`]: guess the [`csv::Dialect`] (delimiter, decimal separator, header).
//! 3. [`csv::preview`] and [`mapping::guess_mapping`]: the column-mapping step.
//! 4. [`parse::parse_transactions`]: rows -> [`parse::TransactionSet`], rejected rows counted
//!    by [`parse::RejectReason`] with examples; progress and cancel through a callback. A
//!    large file is fed a chunk at a time ([`parse::StreamParser`]) with the same result.
//! 5. [`analysis::analyze`]: summary, ABC/XYZ, RFM segments, reactivation list, cohorts, the
//!    per-client table and the [`analysis::BaseFigures`] the plan takes over.
//! 6. [`clv::predict()`]: BG/NBD + Gamma-Gamma predictive LTV per client and for the base.
//! 7. [`report`]: what the page shows of it all ([`report::ClientsReport`], then the
//!    [`report::ForecastReport`]) and what the plan keeps ([`ImportSummary`]).

pub mod amount;
pub mod analysis;
pub mod ascii;
#[cfg(test)]
mod bench;
pub mod clv;
pub mod cohorts;
pub mod csv;
pub mod dates;
pub mod decode;
pub mod in_plan;
pub mod intern;
pub mod mapping;
pub mod parse;
pub mod report;
pub mod rfm;
pub mod sample;
pub mod specfun;
pub mod xlsx;

pub use analysis::{analyze, Analysis, AnalysisSettings, BaseFigures};
pub use csv::{preview, sniff, Dialect, Preview};
pub use decode::{decode, Encoding};
pub use in_plan::{apply_base_figures, ClientsInputs, ImportSummary};
pub use mapping::{guess_mapping, ColumnMapping, Role};
pub use parse::{parse_transactions, ParseOutcome, RejectReason, TransactionSet};
pub use report::{ClientsReport, Forecast, ForecastReport, LIST_ROWS};

use crate::model::validation::FieldError;

/// Why a file cannot be imported at all (as opposed to single rows, see [`RejectReason`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum ImportError {
    /// No bytes, or only spaces and line breaks.
    Empty,
    /// Not text and not a workbook (e.g. an image dropped by mistake).
    Binary,
    /// Over [`decode::MAX_FILE_BYTES`].
    FileTooLarge { bytes: usize, max_bytes: usize },
    /// Over [`parse::MAX_ROWS`] data rows.
    TooManyRows { max_rows: usize },
    /// A header and nothing else.
    NoDataRows,
    /// The column mapping does not fit the file (fields `map-client`, `map-date` ...).
    Mapping(Vec<FieldError>),
    /// The user pressed Cancel (the progress callback returned `false`).
    Cancelled,
    /// An .xlsx (or another ZIP, or an .xls) that cannot be read as a table.
    Workbook(xlsx::WorkbookError),
}
