//! The tables of a plan, as the calculators compute them, for export (Excel, CSV) and for the
//! printed report. Every number is a field of a model's output or an input of the plan;
//! nothing is computed here. Formats travel with the numbers, so a spreadsheet gets numbers
//! (not text) with a number format, and the screen gets them in the locale's format.

mod clients;
mod csv;
pub mod deflate;
mod fact;
mod tables;
mod xlsx;
mod zip;

pub use clients::{client_sheets, client_table, model_table};
pub use csv::to_csv;
pub use fact::fact_sheets;
pub use tables::plan_sheets;
pub use xlsx::{workbook, workbook_with};
pub use zip::Compress;

use crate::model::Currency;

/// How a number is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFormat {
    /// Whole number with grouped thousands: people, leads, deals.
    Integer,
    /// One decimal: FTE, purchases per period.
    Decimal1,
    /// Money in the plan's currency, no decimals.
    Money,
    /// A percentage given as 0..=100 (a spreadsheet stores it as a share with a % format).
    Percent,
    /// A ratio such as LTV:CAC = 3.2.
    Ratio,
    /// A probability as a share, 0..=1 (a spreadsheet shows it with a % format).
    Probability,
    /// A model's parameter or likelihood: every digit, no rounding format.
    Exact,
}

/// One cell of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    Number(f64, NumberFormat),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }

    /// A number, or an empty cell when the value is not finite (never NaN in a file).
    pub fn number(value: f64, format: NumberFormat) -> Cell {
        if value.is_finite() {
            Cell::Number(value, format)
        } else {
            Cell::Empty
        }
    }

    /// A number that may be missing.
    pub fn maybe(value: Option<f64>, format: NumberFormat) -> Cell {
        value.map_or(Cell::Empty, |v| Cell::number(v, format))
    }
}

/// A table: a title, column headers and rows of cells (as many as the headers).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Stable id (`funnel-stages`): file names and test ids (`export-csv-funnel-stages`).
    pub id: &'static str,
    pub title: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
    /// Why the table is empty (its calculator's inputs have a problem).
    pub note: Option<String>,
}

/// The tables of one calculator: a sheet of the workbook, a section of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub tables: Vec<Table>,
}

/// What the workbook needs besides the sheets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Locale {
    pub currency: Currency,
    pub lang: crate::i18n::Lang,
}
