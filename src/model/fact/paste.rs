//! Report lines pasted from a spreadsheet or a CRM: `date;seller;count stage 1;...;count stage
//! N;revenue`, one seller's day per line.
//!
//! Cells are separated by tabs (Excel's clipboard) or `;`, tab if the text has any. Dates are
//! `dd.mm.yyyy`, ISO `yyyy-mm-dd` and the other forms the import reads; numbers group
//! thousands with spaces and use `,` or `.` as the decimal separator. Every line not taken is
//! listed with its reason; nothing is guessed.

use chrono::NaiveDate;

use crate::model::calendar::Month;
use crate::model::clients::dates::{date_of, parse_date, SlashOrder};
use crate::model::diagnostics::paste::parse_number;
use crate::model::validation::MAX_AMOUNT;

use super::FactSeller;

/// A line taken: one seller's report of one day.
#[derive(Debug, Clone, PartialEq)]
pub struct PastedReport {
    /// Line number, from 1.
    pub line: usize,
    pub day: NaiveDate,
    /// The seller's name as written.
    pub seller: String,
    pub counts: Vec<f64>,
    pub revenue: f64,
}

/// Why a line was not taken; columns are numbered from 1 like the spreadsheet's.
#[derive(Debug, Clone, PartialEq)]
pub enum FactReject {
    /// The first line names the columns.
    Header,
    /// Not `stages + 3` cells (date, seller, one count per stage, revenue).
    WrongCellCount {
        expected: usize,
        got: usize,
    },
    /// The first cell is not a date.
    BadDate,
    /// A date of another month than the page's.
    OutsideMonth {
        day: NaiveDate,
    },
    /// No seller name.
    NoSeller,
    EmptyCell {
        column: usize,
    },
    NotANumber {
        column: usize,
    },
    Negative {
        column: usize,
    },
    TooLarge {
        column: usize,
    },
    /// The seller's day was already on an earlier line of the paste.
    Duplicate {
        first_line: usize,
    },
}

/// What a paste gives.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FactPaste {
    pub rows: Vec<PastedReport>,
    /// Line number and reason for every non-blank line not taken.
    pub rejected: Vec<(usize, FactReject)>,
}

impl FactPaste {
    /// Seller names of the rows that are not on the roster, each once, in text order.
    pub fn unknown_sellers(&self, roster: &[FactSeller]) -> Vec<String> {
        let known = |name: &str| {
            let name = name.trim().to_lowercase();
            roster.iter().any(|s| s.name.trim().to_lowercase() == name)
        };
        let mut unknown: Vec<String> = Vec::new();
        for row in &self.rows {
            let name = row.seller.trim();
            if !known(name)
                && !unknown
                    .iter()
                    .any(|u| u.to_lowercase() == name.to_lowercase())
            {
                unknown.push(name.to_string());
            }
        }
        unknown
    }
}

/// Reads report lines for `month` with `stage_count` stages.
pub fn parse_fact_lines(text: &str, stage_count: usize, month: Month) -> FactPaste {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let separator = if text.contains('\t') { '\t' } else { ';' };
    let mut paste = FactPaste::default();
    let mut first_content = true;
    let mut seen: Vec<(NaiveDate, String, usize)> = Vec::new();
    for (index, line) in text.split('\n').enumerate() {
        let line_no = index + 1;
        let mut cells: Vec<&str> = line.split(separator).map(str::trim).collect();
        while cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        if cells.is_empty() {
            continue;
        }
        let was_first = std::mem::replace(&mut first_content, false);
        match parse_line(&cells, stage_count, month, line_no) {
            Err(FactReject::BadDate) if was_first => {
                paste.rejected.push((line_no, FactReject::Header))
            }
            Err(reason) => paste.rejected.push((line_no, reason)),
            Ok(row) => {
                let key = row.seller.to_lowercase();
                if let Some((_, _, first_line)) = seen
                    .iter()
                    .find(|(day, name, _)| *day == row.day && *name == key)
                {
                    paste.rejected.push((
                        line_no,
                        FactReject::Duplicate {
                            first_line: *first_line,
                        },
                    ));
                } else {
                    seen.push((row.day, key, line_no));
                    paste.rows.push(row);
                }
            }
        }
    }
    paste
}

fn parse_line(
    cells: &[&str],
    stage_count: usize,
    month: Month,
    line: usize,
) -> Result<PastedReport, FactReject> {
    let expected = stage_count + 3;
    if cells.len() != expected {
        // A header is told by its date cell, whatever its width.
        if parse_date(cells[0], SlashOrder::DayFirst).is_err() {
            return Err(FactReject::BadDate);
        }
        return Err(FactReject::WrongCellCount {
            expected,
            got: cells.len(),
        });
    }
    let day = date_of(parse_date(cells[0], SlashOrder::DayFirst).map_err(|_| FactReject::BadDate)?);
    if !month.contains(day) {
        return Err(FactReject::OutsideMonth { day });
    }
    let seller = cells[1];
    if seller.is_empty() {
        return Err(FactReject::NoSeller);
    }
    let numbers = cells[2..]
        .iter()
        .enumerate()
        .map(|(i, cell)| number(cell, i + 3))
        .collect::<Result<Vec<f64>, FactReject>>()?;
    let (revenue, counts) = numbers
        .split_last()
        .ok_or(FactReject::EmptyCell { column: 3 })?;
    Ok(PastedReport {
        line,
        day,
        seller: seller.to_string(),
        counts: counts.to_vec(),
        revenue: *revenue,
    })
}

/// Rows of cells pasted into the grid; `None` empties a cell.
pub type CellBlock = Vec<Vec<Option<f64>>>;

/// A rectangular block copied from a spreadsheet into the grid: rows by newline, cells by
/// tab (or `;`); an empty cell empties the grid's cell. The first bad cell is returned with
/// its row and column (from 1) and why, and nothing of the block is taken.
pub fn parse_cell_block(text: &str) -> Result<CellBlock, (usize, usize, FactReject)> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let separator = if text.contains('\t') { '\t' } else { ';' };
    let lines: Vec<&str> = text.trim_end_matches('\n').split('\n').collect();
    lines
        .iter()
        .enumerate()
        .map(|(r, line)| {
            line.split(separator)
                .map(str::trim)
                .enumerate()
                .map(|(c, cell)| {
                    if cell.is_empty() {
                        Ok(None)
                    } else {
                        number(cell, c + 1)
                            .map(Some)
                            .map_err(|reason| (r + 1, c + 1, reason))
                    }
                })
                .collect()
        })
        .collect()
}

fn number(cell: &str, column: usize) -> Result<f64, FactReject> {
    if cell.is_empty() {
        return Err(FactReject::EmptyCell { column });
    }
    let value = parse_number(cell).map_err(|()| FactReject::NotANumber { column })?;
    if value < 0.0 {
        Err(FactReject::Negative { column })
    } else if value > MAX_AMOUNT {
        Err(FactReject::TooLarge { column })
    } else {
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn december() -> Month {
        Month::new(2026, 12).unwrap()
    }

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn reads_lines_in_both_separators_and_date_forms() {
        let text = "Дата;Продавец;Лиды;Квал;Встречи;Сделки;Выручка\n\
                    01.12.2026;Иванов;40;16;8;3;450 000\n\
                    2026-12-02;Петров;38;15;7;2;300000,50\n\n";
        let paste = parse_fact_lines(text, 4, december());
        assert_eq!(paste.rejected, vec![(1, FactReject::Header)]);
        assert_eq!(paste.rows.len(), 2);
        assert_eq!(paste.rows[0].day, day(1));
        assert_eq!(paste.rows[0].seller, "Иванов");
        assert_eq!(paste.rows[0].counts, vec![40.0, 16.0, 8.0, 3.0]);
        assert_eq!(paste.rows[0].revenue, 450_000.0);
        assert_eq!(paste.rows[1].revenue, 300_000.5);
        let tabs = parse_fact_lines("3.12.2026\tИванов\t1\t1\t1\t1\t0", 4, december());
        assert_eq!(tabs.rows[0].day, day(3));
        assert!(tabs.rejected.is_empty());
    }

    #[test]
    fn every_bad_line_is_listed_with_its_reason() {
        let text = "01.12.2026;Иванов;40;16;8;3;450000\n\
                    01.11.2026;Иванов;40;16;8;3;0\n\
                    32.12.2026;Иванов;40;16;8;3;0\n\
                    02.12.2026;;40;16;8;3;0\n\
                    02.12.2026;Петров;40;abc;8;3;0\n\
                    02.12.2026;Петров;40;-1;8;3;0\n\
                    02.12.2026;Петров;40;;8;3;0\n\
                    02.12.2026;Петров;40;16;8\n\
                    01.12.2026;иванов;1;1;1;1;1\n";
        let paste = parse_fact_lines(text, 4, december());
        assert_eq!(paste.rows.len(), 1);
        let reasons: Vec<FactReject> = paste.rejected.iter().map(|r| r.1.clone()).collect();
        assert_eq!(
            reasons,
            vec![
                FactReject::OutsideMonth {
                    day: NaiveDate::from_ymd_opt(2026, 11, 1).unwrap()
                },
                FactReject::BadDate,
                FactReject::NoSeller,
                FactReject::NotANumber { column: 4 },
                FactReject::Negative { column: 4 },
                FactReject::EmptyCell { column: 4 },
                FactReject::WrongCellCount {
                    expected: 7,
                    got: 5
                },
                FactReject::Duplicate { first_line: 1 },
            ]
        );
        assert_eq!(paste.rejected[0].0, 2);
    }

    #[test]
    fn unknown_sellers_are_named_once() {
        let text = "01.12.2026;Иванов;1;1;1;1;1\n01.12.2026;Сидоров;1;1;1;1;1\n02.12.2026;сидоров;1;1;1;1;1";
        let paste = parse_fact_lines(text, 4, december());
        let roster = vec![FactSeller {
            id: 1,
            name: "Иванов".into(),
        }];
        assert_eq!(paste.unknown_sellers(&roster), vec!["Сидоров".to_string()]);
    }

    #[test]
    fn a_copied_block_reads_row_by_row() {
        let block = parse_cell_block("12\t5\t\t1 500,5\r\n8\t3\n").unwrap();
        assert_eq!(
            block,
            vec![
                vec![Some(12.0), Some(5.0), None, Some(1500.5)],
                vec![Some(8.0), Some(3.0)]
            ]
        );
        assert_eq!(
            parse_cell_block("1\tx\n"),
            Err((1, 2, FactReject::NotANumber { column: 2 }))
        );
        assert_eq!(
            parse_cell_block("1\n-2"),
            Err((2, 1, FactReject::Negative { column: 1 }))
        );
    }

    proptest! {
        #[test]
        fn never_panics_and_takes_or_lists_every_line(text in "[0-9;.\\-a-z \n\t,]{0,200}") {
            let paste = parse_fact_lines(&text, 3, december());
            let lines = text
                .replace("\r\n", "\n")
                .split('\n')
                .filter(|l| !l.split(if text.contains('\t') { '\t' } else { ';' }).all(|c| c.trim().is_empty()))
                .count();
            prop_assert_eq!(paste.rows.len() + paste.rejected.len(), lines);
            prop_assert!(paste.rows.iter().all(|r| r.counts.iter().all(|c| c.is_finite()) && r.revenue.is_finite()));
        }
    }
}
