//! A CRM export of activities or deals (one row per call, meeting, deal ...: date, seller,
//! activity type or stage, amount) turned into daily reports: each activity type is mapped
//! to a funnel stage (or left out), and the rows of a seller's day are counted per stage;
//! the amounts of the rows on the last stage (the deals) are the day's revenue.
//!
//! The file is read by the import worker (CSV in any encoding, or .xlsx) into cells; this
//! module only guesses the columns and aggregates, so it is tested natively.

use chrono::NaiveDate;

use crate::model::calendar::Month;
use crate::model::clients::dates::{date_of, parse_date, SlashOrder};
use crate::model::diagnostics::paste::parse_number;
use crate::model::stage::Stage;
use crate::model::validation::MAX_AMOUNT;

use super::{FactReject, PastedReport};

/// Which column holds what (0-based); the amount is optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ActivityColumns {
    pub date: Option<usize>,
    pub seller: Option<usize>,
    pub kind: Option<usize>,
    pub amount: Option<usize>,
}

impl ActivityColumns {
    /// All three required columns are chosen.
    pub fn complete(&self) -> bool {
        self.date.is_some() && self.seller.is_some() && self.kind.is_some()
    }
}

/// Words of a header that name each column, Russian CRMs (amoCRM, Bitrix24) and English.
const DATE_WORDS: [&str; 5] = ["дата", "date", "создан", "created", "день"];
const SELLER_WORDS: [&str; 7] = [
    "ответствен",
    "менеджер",
    "продавец",
    "сотрудник",
    "seller",
    "manager",
    "owner",
];
const KIND_WORDS: [&str; 7] = [
    "тип",
    "этап",
    "стади",
    "статус",
    "type",
    "stage",
    "activity",
];
const AMOUNT_WORDS: [&str; 6] = ["сумм", "бюджет", "выручк", "amount", "revenue", "value"];

/// The columns guessed from the header names: the first column naming each, never one
/// column twice.
pub fn guess_columns(headers: &[String]) -> ActivityColumns {
    let mut taken: Vec<usize> = Vec::new();
    let mut find = |words: &[&str]| {
        let found = headers.iter().enumerate().find(|(i, h)| {
            let h = h.to_lowercase();
            !taken.contains(i) && words.iter().any(|w| h.contains(w))
        });
        let index = found.map(|(i, _)| i);
        taken.extend(index);
        index
    };
    let date = find(&DATE_WORDS);
    let seller = find(&SELLER_WORDS);
    let kind = find(&KIND_WORDS);
    let amount = find(&AMOUNT_WORDS);
    ActivityColumns {
        date,
        seller,
        kind,
        amount,
    }
}

/// The activity types of the file, each once (trimmed), with how many rows have it, in the
/// order they first appear.
pub fn activity_kinds(rows: &[Vec<String>], kind: usize) -> Vec<(String, usize)> {
    let mut kinds: Vec<(String, usize)> = Vec::new();
    for row in rows {
        let value = row.get(kind).map_or("", |c| c.trim());
        if value.is_empty() {
            continue;
        }
        match kinds
            .iter_mut()
            .find(|(k, _)| k.to_lowercase() == value.to_lowercase())
        {
            Some((_, n)) => *n += 1,
            None => kinds.push((value.to_string(), 1)),
        }
    }
    kinds
}

/// The stage an activity type names: the stage of the same name (any case), else the first
/// stage whose name contains it or is contained in it.
pub fn guess_stage(kind: &str, stages: &[Stage]) -> Option<usize> {
    let kind = kind.trim().to_lowercase();
    if kind.is_empty() {
        return None;
    }
    let names: Vec<String> = stages
        .iter()
        .map(|s| s.name.trim().to_lowercase())
        .collect();
    names.iter().position(|n| *n == kind).or_else(|| {
        names
            .iter()
            .position(|n| !n.is_empty() && (n.contains(&kind) || kind.contains(n.as_str())))
    })
}

/// What an export gives for one month.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActivityImport {
    /// One per seller and day with an activity on a mapped stage.
    pub reports: Vec<PastedReport>,
    /// Rows not taken, with the line of the file (the header being line 1) and why.
    pub rejected: Vec<(usize, FactReject)>,
    /// Rows of other months (a CRM export often spans several): left out, only counted.
    pub other_months: usize,
    /// Rows whose activity type is mapped to no stage.
    pub unmapped: usize,
    /// Rows taken.
    pub taken: usize,
}

/// Aggregates `rows` of `month` into reports: `stage_of` gives each activity type's stage
/// (by [`activity_kinds`]' names, any case; `None`: left out).
pub fn aggregate(
    rows: &[Vec<String>],
    columns: ActivityColumns,
    stage_of: &[(String, Option<usize>)],
    month: Month,
    stage_count: usize,
) -> ActivityImport {
    let mut out = ActivityImport::default();
    let (Some(date_col), Some(seller_col), Some(kind_col)) =
        (columns.date, columns.seller, columns.kind)
    else {
        return out;
    };
    let last = stage_count.saturating_sub(1);
    // (day, seller lowercased) -> index in out.reports
    let mut index: Vec<(NaiveDate, String, usize)> = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let line = i + 2;
        let cell = |c: usize| row.get(c).map_or("", |s| s.trim());
        let Ok(day) = parse_date(cell(date_col), SlashOrder::DayFirst).map(date_of) else {
            out.rejected.push((line, FactReject::BadDate));
            continue;
        };
        if !month.contains(day) {
            out.other_months += 1;
            continue;
        }
        let seller = cell(seller_col);
        if seller.is_empty() {
            out.rejected.push((line, FactReject::NoSeller));
            continue;
        }
        let kind = cell(kind_col).to_lowercase();
        let stage = stage_of
            .iter()
            .find(|(k, _)| k.trim().to_lowercase() == kind)
            .and_then(|(_, s)| *s)
            .filter(|&s| s < stage_count);
        let Some(stage) = stage else {
            out.unmapped += 1;
            continue;
        };
        let amount = match columns.amount.map(cell) {
            None | Some("") => 0.0,
            Some(text) => match parse_number(text) {
                Ok(v) if v < 0.0 => {
                    out.rejected.push((
                        line,
                        FactReject::Negative {
                            column: columns.amount.unwrap_or(0) + 1,
                        },
                    ));
                    continue;
                }
                Ok(v) if v > MAX_AMOUNT => {
                    out.rejected.push((
                        line,
                        FactReject::TooLarge {
                            column: columns.amount.unwrap_or(0) + 1,
                        },
                    ));
                    continue;
                }
                Ok(v) => v,
                Err(()) => {
                    out.rejected.push((
                        line,
                        FactReject::NotANumber {
                            column: columns.amount.unwrap_or(0) + 1,
                        },
                    ));
                    continue;
                }
            },
        };
        let key = seller.to_lowercase();
        let at = match index.iter().find(|(d, s, _)| *d == day && *s == key) {
            Some((_, _, at)) => *at,
            None => {
                out.reports.push(PastedReport {
                    line,
                    day,
                    seller: seller.to_string(),
                    counts: vec![0.0; stage_count],
                    revenue: 0.0,
                });
                index.push((day, key, out.reports.len() - 1));
                out.reports.len() - 1
            }
        };
        let report = &mut out.reports[at];
        report.counts[stage] += 1.0;
        if stage == last {
            report.revenue += amount;
        }
        out.taken += 1;
    }
    out.reports
        .sort_by(|a, b| (a.day, &a.seller).cmp(&(b.day, &b.seller)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::funnel::FunnelInputs;
    use crate::model::names::variant_names;
    use proptest::prelude::*;

    fn cells(rows: &[&str]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.split(';').map(str::to_string).collect())
            .collect()
    }

    fn december() -> Month {
        Month::new(2026, 12).unwrap()
    }

    #[test]
    fn columns_and_stages_are_guessed_from_the_names() {
        let headers: Vec<String> = [
            "ID",
            "Дата создания",
            "Ответственный",
            "Тип активности",
            "Сумма, ₽",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let c = guess_columns(&headers);
        assert_eq!(
            c,
            ActivityColumns {
                date: Some(1),
                seller: Some(2),
                kind: Some(3),
                amount: Some(4)
            }
        );
        assert!(c.complete());
        let stages = FunnelInputs::demo(&variant_names).stages; // Leads, Qualified, Meetings, Deals
        assert_eq!(guess_stage("meetings", &stages), Some(2));
        assert_eq!(guess_stage("Deal", &stages), Some(3));
        assert_eq!(guess_stage("Звонок", &stages), None);
    }

    #[test]
    fn a_sellers_day_counts_activities_per_stage_and_the_deals_amounts() {
        let rows = cells(&[
            "01.12.2026 10:15;Иванов;Звонок;",
            "01.12.2026 11:00;Иванов;Звонок;",
            "01.12.2026;иванов;Встреча;",
            "01.12.2026;Иванов;Сделка;150 000",
            "01.12.2026;Иванов;Сделка;50000,50",
            "2026-12-02;Петров;Звонок;",
            "30.11.2026;Петров;Звонок;",
            "02.12.2026;Петров;Письмо;",
            "xx;Петров;Звонок;",
            "02.12.2026;;Звонок;",
            "02.12.2026;Петров;Сделка;-5",
        ]);
        let columns = ActivityColumns {
            date: Some(0),
            seller: Some(1),
            kind: Some(2),
            amount: Some(3),
        };
        let kinds = activity_kinds(&rows, 2);
        assert_eq!(kinds[0], ("Звонок".to_string(), 6));
        let map = vec![
            ("Звонок".to_string(), Some(0)),
            ("встреча".to_string(), Some(2)),
            ("Сделка".to_string(), Some(3)),
            ("Письмо".to_string(), None),
        ];
        let out = aggregate(&rows, columns, &map, december(), 4);
        assert_eq!(out.reports.len(), 2);
        let ivanov = &out.reports[0];
        assert_eq!(ivanov.seller, "Иванов");
        assert_eq!(ivanov.counts, vec![2.0, 0.0, 1.0, 2.0]);
        assert_eq!(ivanov.revenue, 200_000.5);
        assert_eq!(out.reports[1].counts, vec![1.0, 0.0, 0.0, 0.0]);
        assert_eq!((out.taken, out.other_months, out.unmapped), (6, 1, 1));
        assert_eq!(
            out.rejected,
            vec![
                (10, FactReject::BadDate),
                (11, FactReject::NoSeller),
                (12, FactReject::Negative { column: 4 })
            ]
        );
    }

    proptest! {
        #[test]
        fn never_panics_and_accounts_for_every_row(text in "[0-9;.a-zа-я \n]{0,300}", stages in 1usize..6) {
            let rows: Vec<Vec<String>> = text.lines().map(|l| l.split(';').map(str::to_string).collect()).collect();
            let columns = ActivityColumns { date: Some(0), seller: Some(1), kind: Some(2), amount: Some(3) };
            let map: Vec<(String, Option<usize>)> = activity_kinds(&rows, 2).into_iter().enumerate().map(|(i, (k, _))| (k, Some(i))).collect();
            let out = aggregate(&rows, columns, &map, december(), stages);
            // Every row is taken, of another month, unmapped or rejected: exactly one.
            prop_assert_eq!(out.taken + out.other_months + out.unmapped + out.rejected.len(), rows.len());
            prop_assert!(out.reports.iter().all(|r| r.counts.len() == stages && r.revenue.is_finite()));
        }
    }
}
