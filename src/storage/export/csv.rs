//! CSV of one table, as a spreadsheet of the reader's locale opens it with a double click:
//! Russian uses `;` between fields and a decimal comma, English `,` and a decimal point.
//! A byte order mark tells Excel the text is UTF-8; lines end with CRLF.

use crate::i18n::Lang;

use super::{Cell, NumberFormat, Table};

/// The table's header and rows. Numbers are plain (no grouping, no currency sign; percents
/// as 0..100, probabilities as 0..1), so the spreadsheet reads them as numbers.
pub fn to_csv(table: &Table, lang: Lang) -> String {
    let (sep, point) = match lang {
        Lang::Ru => (';', ','),
        Lang::En => (',', '.'),
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
                Cell::Number(v, format) => number(*v, *format, point),
                Cell::Empty => String::new(),
            })
            .collect();
        out.push_str(&cells.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out
}

/// A number in the shortest form that reads back to the same `f64` (`0.1`, not
/// `0.10000000000000001`), never in exponent form; money to the kopeck first, so sums of
/// amounts carry no float noise (`150.00000000000003` is `150`).
fn number(value: f64, format: NumberFormat, point: char) -> String {
    let v = if format == NumberFormat::Money {
        (value * 100.0).round() / 100.0
    } else {
        value
    };
    // `-0` would read as text in some spreadsheets.
    let v = if v == 0.0 { 0.0 } else { v };
    let text = v.to_string();
    if point == '.' {
        text
    } else {
        text.replace('.', ",")
    }
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
    fn numbers_are_written_in_their_shortest_exact_form() {
        let table = Table {
            rows: vec![vec![
                Cell::Number(0.726_578_570_080_673, NumberFormat::Probability),
                Cell::Number(150.000_000_000_000_03, NumberFormat::Money),
                Cell::Number(0.1 + 0.2, NumberFormat::Exact),
                Cell::Number(1e-7, NumberFormat::Exact),
                Cell::Number(-0.0, NumberFormat::Integer),
            ]],
            ..sample()
        };
        let csv = to_csv(&table, Lang::Ru);
        let last = csv.lines().nth(1).unwrap();
        assert_eq!(
            last,
            "0,726578570080673;150;0,30000000000000004;0,0000001;0"
        );
        // What is written reads back to the same number.
        let p: f64 = "0.726578570080673".parse().unwrap();
        assert_eq!(p, 0.726_578_570_080_673);
    }

    #[test]
    fn english_csv_uses_commas_and_a_decimal_point() {
        assert_eq!(
            to_csv(&sample(), Lang::En),
            "\u{feff}Stage,Per month,\"Conversion, %\"\r\nLeads; cold,1234.5,40\r\n\"Say \"\"hi\"\"\",,'=1+1\r\n"
        );
    }
}
