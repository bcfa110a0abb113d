//! Edits of the facts page: the month shown, the roster, report cells, pasted lines, the
//! production calendar and the decisions. An edit that may name the roster for the first
//! time carries the page's language (the roster is "Seller 1", "Seller 2", ... until then).

use chrono::NaiveDate;

use crate::i18n::names::namer;
use crate::i18n::Lang;
use crate::model::calendar::Month;
use crate::model::fact::{DayReport, DecisionKind, DecisionMetric, FactCell, PastedReport};
use crate::model::Plan;

/// What to do with pasted lines whose seller is not on the roster.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownSellers {
    /// Add them to the roster and take their lines.
    Add,
    /// Leave their lines out.
    Skip,
}

/// A decision as the form gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDecision {
    pub decided_on: NaiveDate,
    pub found: String,
    pub kind: DecisionKind,
    pub metric: DecisionMetric,
    pub seller: Option<u32>,
    pub owner: String,
    pub due: NaiveDate,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FactEdit {
    SetMonth(Month),
    AddSeller {
        lang: Lang,
    },
    RenameSeller {
        id: u32,
        name: String,
        lang: Lang,
    },
    RemoveSeller {
        id: u32,
        lang: Lang,
    },
    /// One cell of a seller's day (`None` empties it).
    SetCell {
        day: NaiveDate,
        seller: u32,
        cell: FactCell,
        value: Option<f64>,
        lang: Lang,
    },
    /// A block of cells from the clipboard, from one cell rightwards and downwards: rows are
    /// sellers (in roster order from `first_seller`), columns stages then revenue.
    SetBlock {
        day: NaiveDate,
        first_seller: usize,
        first_column: usize,
        rows: Vec<Vec<Option<f64>>>,
        lang: Lang,
    },
    /// Pasted report lines; each replaces its seller's day.
    AddPasted {
        rows: Vec<PastedReport>,
        unknown: UnknownSellers,
        lang: Lang,
    },
    /// Replaces the funnel's geometry diagnostics rows with each seller's month to date.
    UseInDiagnostics {
        month: Month,
        as_of: NaiveDate,
        lang: Lang,
    },
    /// Working day <-> day off.
    ToggleDay(NaiveDate),
    ResetCalendarYear(i32),
    AddDecision(NewDecision),
    SetDecisionDone {
        id: u32,
        done: bool,
    },
    RemoveDecision(u32),
}

impl FactEdit {
    pub fn apply(self, plan: &mut Plan) {
        let sellers = plan.funnel.sellers;
        let stage_count = plan.funnel.stages.len();
        let book = &mut plan.facts;
        let settle = |book: &mut crate::model::fact::FactBook, lang: Lang| {
            book.settle_roster(sellers, &namer(lang));
        };
        match self {
            FactEdit::SetMonth(month) => book.month = Some(month),
            FactEdit::AddSeller { lang } => {
                settle(book, lang);
                // Named by its id, which is never reused, so the name is new too.
                let n = book
                    .last_seller_id
                    .max(book.sellers.iter().map(|s| s.id).max().unwrap_or(0))
                    + 1;
                let name = format!("{} {n}", namer(lang)(crate::model::Name::Seller));
                book.add_seller(name);
            }
            FactEdit::RenameSeller { id, name, lang } => {
                settle(book, lang);
                book.rename_seller(id, name);
            }
            FactEdit::RemoveSeller { id, lang } => {
                settle(book, lang);
                book.remove_seller(id);
            }
            FactEdit::SetCell {
                day,
                seller,
                cell,
                value,
                lang,
            } => {
                settle(book, lang);
                book.set_cell(day, seller, cell, value);
            }
            FactEdit::SetBlock {
                day,
                first_seller,
                first_column,
                rows,
                lang,
            } => {
                settle(book, lang);
                let ids: Vec<u32> = book.sellers.iter().map(|s| s.id).collect();
                for (r, row) in rows.into_iter().enumerate() {
                    let Some(&seller) = ids.get(first_seller + r) else {
                        break;
                    };
                    for (c, value) in row.into_iter().enumerate() {
                        let column = first_column + c;
                        let cell = match column.cmp(&stage_count) {
                            std::cmp::Ordering::Less => FactCell::Stage(column),
                            std::cmp::Ordering::Equal => FactCell::Revenue,
                            std::cmp::Ordering::Greater => break,
                        };
                        book.set_cell(day, seller, cell, value);
                    }
                }
            }
            FactEdit::AddPasted {
                rows,
                unknown,
                lang,
            } => {
                settle(book, lang);
                for row in rows {
                    let seller = match (book.seller_named(&row.seller), unknown) {
                        (Some(id), _) => id,
                        (None, UnknownSellers::Add) => {
                            match book.add_seller(row.seller.trim().to_string()) {
                                Some(id) => id,
                                None => continue,
                            }
                        }
                        (None, UnknownSellers::Skip) => continue,
                    };
                    book.put_report(DayReport {
                        day: row.day,
                        seller,
                        counts: row.counts.into_iter().map(Some).collect(),
                        revenue: Some(row.revenue),
                    });
                }
            }
            FactEdit::UseInDiagnostics { month, as_of, lang } => {
                settle(book, lang);
                let rows = book.month_actuals(&book.sellers.clone(), month, as_of, stage_count);
                plan.funnel.actuals = rows;
            }
            FactEdit::ToggleDay(day) => {
                plan.calendar.toggle(day);
                plan.sync_working_days();
            }
            FactEdit::ResetCalendarYear(year) => {
                plan.calendar.reset_year(year);
                plan.sync_working_days();
            }
            FactEdit::AddDecision(d) => {
                book.add_decision(
                    &plan.calendar,
                    stage_count,
                    d.decided_on,
                    d.found,
                    d.kind,
                    d.metric,
                    d.seller,
                    d.owner,
                    d.due,
                );
            }
            FactEdit::SetDecisionDone { id, done } => book.set_decision_done(id, done),
            FactEdit::RemoveDecision(id) => book.remove_decision(id),
        }
    }
}
