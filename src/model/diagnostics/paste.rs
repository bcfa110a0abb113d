//! Seller rows pasted from a spreadsheet: `name, count, count, ...` per line.
//!
//! Cells are separated by tabs (what Excel and Google Sheets put on the clipboard) or by `;`
//! (a Russian CSV); the separator is detected once per text: tab if the text has any.
//! Numbers may group thousands with spaces (also U+00A0 and U+202F, as Russian Excel writes
//! them) and use `,` or `.` as the decimal separator; so `1,234` is 1.234, never 1234.

use crate::model::validation::MAX_AMOUNT;

use super::SellerActuals;

/// Why a pasted line was not taken. Columns are numbered from 1 like the spreadsheet's, the
/// name being column 1. The UI turns these into sentences.
#[derive(Debug, Clone, PartialEq)]
pub enum RejectReason {
    /// The first line's counts are all text: a header row, skipped.
    Header,
    /// Fewer counts than stages.
    TooFewCounts { expected: usize, got: usize },
    /// More counts than stages.
    TooManyCounts { expected: usize, got: usize },
    /// An empty cell between counts.
    EmptyCell { column: usize },
    /// A cell that is not a number.
    NotANumber { column: usize },
    /// A count below zero.
    Negative { column: usize },
    /// A count above [`MAX_AMOUNT`].
    TooLarge { column: usize },
}

/// The result of a paste: the rows taken and the lines left out, with why.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ParsedPaste {
    /// One per accepted line, each with exactly `stage_count` counts, in text order.
    pub rows: Vec<SellerActuals>,
    /// Line number (from 1) and reason for every non-blank line not taken, in text order.
    pub rejected: Vec<(usize, RejectReason)>,
}

/// Reads seller rows from pasted text; each row needs a name and `stage_count` counts.
///
/// Blank lines are ignored; trailing empty cells (a selection wider than the data) too.
/// An empty name is kept as is (the UI shows "Seller N").
pub fn parse_pasted_rows(text: &str, stage_count: usize) -> ParsedPaste {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let separator = if text.contains('\t') { '\t' } else { ';' };
    let mut parsed = ParsedPaste::default();
    let mut seen_content = false;
    for (index, line) in text.split('\n').enumerate() {
        let cells = split_cells(line, separator);
        if cells.is_empty() {
            continue;
        }
        let first_content_line = !seen_content;
        seen_content = true;
        let line_no = index + 1;
        if first_content_line && is_header(&cells) {
            parsed.rejected.push((line_no, RejectReason::Header));
            continue;
        }
        match parse_row(&cells, stage_count) {
            Ok(row) => parsed.rows.push(row),
            Err(reason) => parsed.rejected.push((line_no, reason)),
        }
    }
    parsed
}

/// Trimmed cells without trailing empty ones; empty for a blank line.
fn split_cells(line: &str, separator: char) -> Vec<&str> {
    let mut cells: Vec<&str> = line.split(separator).map(str::trim).collect();
    while cells.last().is_some_and(|c| c.is_empty()) {
        cells.pop();
    }
    cells
}

/// A header names the columns: it has counts, and none of them reads as a number.
fn is_header(cells: &[&str]) -> bool {
    let counts = &cells[1..];
    !counts.is_empty()
        && counts
            .iter()
            .all(|c| !c.is_empty() && parse_number(c).is_err())
}

fn parse_row(cells: &[&str], stage_count: usize) -> Result<SellerActuals, RejectReason> {
    let counts = &cells[1..];
    if counts.len() < stage_count {
        return Err(RejectReason::TooFewCounts {
            expected: stage_count,
            got: counts.len(),
        });
    }
    if counts.len() > stage_count {
        return Err(RejectReason::TooManyCounts {
            expected: stage_count,
            got: counts.len(),
        });
    }
    let counts = counts
        .iter()
        .enumerate()
        .map(|(i, cell)| parse_count(cell, i + 2).map(Some))
        .collect::<Result<Vec<Option<f64>>, RejectReason>>()?;
    Ok(SellerActuals {
        name: cells[0].to_string(),
        counts,
    })
}

/// A count: a number, zero or more, at most [`MAX_AMOUNT`].
fn parse_count(cell: &str, column: usize) -> Result<f64, RejectReason> {
    if cell.is_empty() {
        return Err(RejectReason::EmptyCell { column });
    }
    let value = parse_number(cell).map_err(|()| RejectReason::NotANumber { column })?;
    if value < 0.0 {
        Err(RejectReason::Negative { column })
    } else if value > MAX_AMOUNT {
        Err(RejectReason::TooLarge { column })
    } else {
        Ok(value)
    }
}

/// Spaces that group thousands: plain, no-break (U+00A0) and narrow no-break (U+202F).
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}')
}

/// Reads `-1 234,5`-style numbers. Only digits, one decimal separator, thousands groups of
/// three and a leading minus are accepted, so "inf", "NaN" and "1e5" are not numbers here.
/// The result is zero or finite, or infinite only for a number of over 300 digits (which
/// the caller rejects as too large).
pub(crate) fn parse_number(cell: &str) -> Result<f64, ()> {
    let (negative, body) = match cell.strip_prefix(['-', '\u{2212}']) {
        Some(rest) => (true, rest.trim_start()),
        None => (false, cell),
    };
    let mut parts = body.split([',', '.']);
    let integer = parts.next().unwrap_or("");
    let fraction = parts.next();
    if parts.next().is_some() {
        return Err(());
    }
    let integer = ungroup(integer)?;
    let fraction = match fraction {
        Some(f) if !f.is_empty() && f.bytes().all(|b| b.is_ascii_digit()) => f,
        Some(_) => return Err(()),
        None => "",
    };
    if integer.is_empty() && fraction.is_empty() {
        return Err(());
    }
    let plain = format!("{}.{}", digits_or_zero(&integer), digits_or_zero(fraction));
    let magnitude: f64 = plain.parse().map_err(|_| ())?;
    // "-0" is zero, not a negative count.
    Ok(if negative && magnitude != 0.0 {
        -magnitude
    } else {
        magnitude
    })
}

fn digits_or_zero(digits: &str) -> &str {
    if digits.is_empty() {
        "0"
    } else {
        digits
    }
}

/// The digits of an integer part, checking that space-grouped thousands have three digits
/// (so `12 34` is a typo, not 1234).
fn ungroup(integer: &str) -> Result<String, ()> {
    let groups: Vec<&str> = integer.split(is_group_space).collect();
    let all_digits = groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    let well_grouped = groups.len() == 1
        || (matches!(groups[0].len(), 1..=3) && groups[1..].iter().all(|g| g.len() == 3));
    if all_digits && well_grouped {
        Ok(groups.concat())
    } else {
        Err(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn row(name: &str, counts: &[f64]) -> SellerActuals {
        SellerActuals {
            name: name.into(),
            counts: counts.iter().copied().map(Some).collect(),
        }
    }

    #[test]
    fn numbers_in_russian_and_english_notation() {
        assert_eq!(parse_number("1 234"), Ok(1234.0));
        assert_eq!(parse_number("1\u{a0}234\u{a0}567,5"), Ok(1_234_567.5));
        assert_eq!(parse_number("12\u{202f}000"), Ok(12_000.0));
        assert_eq!(parse_number("3.25"), Ok(3.25));
        assert_eq!(parse_number("3,25"), Ok(3.25));
        assert_eq!(parse_number(",5"), Ok(0.5));
        assert_eq!(parse_number("-7"), Ok(-7.0));
        assert_eq!(parse_number("\u{2212}7"), Ok(-7.0));
        assert_eq!(parse_number("-0"), Ok(0.0));
        for bad in [
            "", "-", ",", "5,", "1.2.3", "1,2.3", "12 34", "1 2345", "abc", "inf", "NaN", "1e5",
            "+5", "5%", "1 234 ,5",
        ] {
            assert_eq!(parse_number(bad), Err(()), "{bad:?}");
        }
    }

    #[test]
    fn tab_separated_with_header_and_blank_lines() {
        // Line 1 is a header, line 3 blank, line 5 has a decimal comma and grouped thousands.
        let text = "Seller\tLeads\tMeetings\tDeals\n\
                    Anna\t100\t40\t10\n\
                    \n\
                    Boris\t80\t\t5\n\
                    Vera \t1 200,5\t300\t30\t\t\n";
        let p = parse_pasted_rows(text, 3);
        assert_eq!(
            p.rows,
            vec![
                row("Anna", &[100.0, 40.0, 10.0]),
                row("Vera", &[1200.5, 300.0, 30.0])
            ]
        );
        assert_eq!(
            p.rejected,
            vec![
                (1, RejectReason::Header),
                (4, RejectReason::EmptyCell { column: 3 })
            ]
        );
    }

    #[test]
    fn semicolon_separated_with_windows_line_ends() {
        let text = "Anna; 100; 40,5\r\nBoris;10;-1\r\nVera;1;2;3\r\nGleb;1\r\nDasha;x;1";
        let p = parse_pasted_rows(text, 2);
        assert_eq!(p.rows, vec![row("Anna", &[100.0, 40.5])]);
        assert_eq!(
            p.rejected,
            vec![
                (2, RejectReason::Negative { column: 3 }),
                (
                    3,
                    RejectReason::TooManyCounts {
                        expected: 2,
                        got: 3
                    }
                ),
                (
                    4,
                    RejectReason::TooFewCounts {
                        expected: 2,
                        got: 1
                    }
                ),
                (5, RejectReason::NotANumber { column: 2 }),
            ]
        );
    }

    #[test]
    fn only_the_first_line_can_be_a_header() {
        // A text row later on is a data row with bad numbers, said so.
        let p = parse_pasted_rows("Anna;1;1\nName;Leads;Deals", 2);
        assert_eq!(p.rows.len(), 1);
        assert_eq!(
            p.rejected,
            vec![(2, RejectReason::NotANumber { column: 2 })]
        );
    }

    #[test]
    fn huge_counts_are_too_large() {
        let p = parse_pasted_rows(&format!("Anna;1;{}", "9".repeat(400)), 2);
        assert_eq!(p.rejected, vec![(1, RejectReason::TooLarge { column: 3 })]);
    }

    proptest! {
        #[test]
        fn never_panics_and_counts_are_sane(text in "\\PC*", stages in 0usize..15) {
            let p = parse_pasted_rows(&text, stages);
            for r in &p.rows {
                prop_assert_eq!(r.counts.len(), stages);
                prop_assert!(r.counts.iter().all(|c| c.is_some_and(|c| c.is_finite() && c >= 0.0)));
            }
        }

        #[test]
        fn never_panics_on_spreadsheet_like_text(
            text in "[a-zA-Zа-я0-9 \t;,.\\-\u{a0}\u{202f}\r\n]{0,200}",
            stages in 0usize..15,
        ) {
            let p = parse_pasted_rows(&text, stages);
            prop_assert!(p.rows.iter().all(|r| r.counts.len() == stages));
        }

        #[test]
        fn written_rows_read_back(
            counts in proptest::collection::vec(0u64..10_000_000, 2..12),
            cents in 0u64..100,
            semicolon in any::<bool>(),
        ) {
            // Write counts the Russian way (groups with U+00A0, decimal comma on the first).
            let sep = if semicolon { ";" } else { "\t" };
            let mut cells = vec!["Seller".to_string()];
            for (i, c) in counts.iter().enumerate() {
                let mut cell = group_thousands(*c);
                if i == 0 {
                    cell.push_str(&format!(",{cents:02}"));
                }
                cells.push(cell);
            }
            let p = parse_pasted_rows(&cells.join(sep), counts.len());
            prop_assert_eq!(p.rejected.len(), 0);
            let got: Vec<f64> = p.rows[0].counts.iter().map(|c| c.unwrap_or(f64::NAN)).collect();
            prop_assert!((got[0] - (counts[0] as f64 + cents as f64 / 100.0)).abs() < 1e-6);
            for (g, c) in got.iter().zip(&counts).skip(1) {
                prop_assert_eq!(*g, *c as f64);
            }
        }
    }

    fn group_thousands(n: u64) -> String {
        let digits = n.to_string();
        let mut out = String::new();
        for (i, ch) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push('\u{a0}');
            }
            out.push(ch);
        }
        out
    }
}
