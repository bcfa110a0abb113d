//! CSV of one table, as a spreadsheet of the reader's locale opens it with a double click:
//! Russian uses `;` between fields and a decimal comma, English `,` and a decimal point.
//! A byte order mark tells Excel the text is UTF-8; lines end with CRLF.

use crate::i18n::numbers::format_for_input;
use crate::i18n::Lang;

use super::{Cell, Table};

/// The table's header and rows. Numbers are plain (no grouping, no currency sign; percents
/// as 0..100), so the spreadsheet reads them as numbers.
pub fn to_csv(table: &Table, lang: Lang) -> String {
    let sep = match lang {
        Lang::Ru => ';',
        Lang::En => ',',
    };
    let mut out = String::from("\u{feff}");
    let header: Vec<String> = table.headers.iter().map(|h| field(h, sep)).collect();
    out.push_str(&header.join(&sep.to_string()));
    out.push_str("\r\n");
    for row in &table.rows {
        let cells: Vec<String> = row
            .iter()
            .map(|cell| match cell {
                Cell::Text(t) => field(t, sep),
                Cell::Number(v, _) => format_for_input(*v, lang),
                Cell::Empty => String::new(),
            })
            .collect();
        out.push_str(&cells.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// A text field: quoted when it holds the separator, a quote or a line break; text that a
/// spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) gets a leading apostrophe.
fn field(text: &str, sep: char) -> String {
    let safe = if text.starts_with(['=', '+', '-', '@']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if safe.contains([sep, '"', '\n', '\r']) {
        format!("\"{}\"", safe.replace('"', "\"\""))
    } else {
        safe
    }
}

#[cfg(test)]
mod tests {
    use super::super::NumberFormat;
    use super::*;

    fn sample() -> Table {
        Table {
            id: "t",
            title: "T".into(),
            headers: vec!["Stage".into(), "Per month".into(), "Conversion, %".into()],
            rows: vec![
                vec![
                    Cell::text("Leads; cold"),
                    Cell::Number(1234.5, NumberFormat::Money),
                    Cell::Number(40.0, NumberFormat::Percent),
                ],
                vec![Cell::text("Say \"hi\""), Cell::Empty, Cell::text("=1+1")],
            ],
            note: None,
        }
    }

    #[test]
    fn russian_csv_uses_semicolons_and_a_decimal_comma() {
        assert_eq!(
            to_csv(&sample(), Lang::Ru),
            "\u{feff}Stage;Per month;Conversion, %\r\n\"Leads; cold\";1234,5;40\r\n\"Say \"\"hi\"\"\";;'=1+1\r\n"
        );
    }

    #[test]
    fn english_csv_uses_commas_and_a_decimal_point() {
        assert_eq!(
            to_csv(&sample(), Lang::En),
            "\u{feff}Stage,Per month,\"Conversion, %\"\r\nLeads; cold,1234.5,40\r\n\"Say \"\"hi\"\"\",,'=1+1\r\n"
        );
    }
}
