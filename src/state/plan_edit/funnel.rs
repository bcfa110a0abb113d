//! Edits of the funnel page: its money and team numbers, the direction, the stages and the
//! sellers' actual counts of the diagnostics.

use crate::i18n::names::{default_seller_name, namer};
use crate::i18n::Lang;
use crate::model::diagnostics::SellerActuals;
use crate::model::funnel::{self, ContactType, Direction};
use crate::model::Plan;

/// The funnel's plain number fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FunnelNumber {
    /// Incoming leads per month (the forward direction).
    EntryPerMonth,
    AvgCheck,
    GrossMargin,
    Sellers,
}

/// The number fields of one stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StageNumber {
    /// Conversion to the next stage, %.
    Conversion,
    Days,
}

/// A change to the funnel (and, for the structural ones, to what is linked to its stages).
#[derive(Debug, Clone, PartialEq)]
pub enum FunnelEdit {
    Set(FunnelNumber, f64),
    SetDirection(Direction),
    /// Adds a new stage after the last one (named in `lang`).
    AddStage {
        lang: Lang,
    },
    /// Inserts a new stage (named in `lang`) at position `at`.
    InsertStage {
        at: usize,
        lang: Lang,
    },
    RemoveStage(usize),
    /// Moves the stage at `from` to `to`; the roles and sellers' counts move with it.
    MoveStage {
        from: usize,
        to: usize,
    },
    SetStageName {
        stage: usize,
        name: String,
    },
    SetStageNumber {
        stage: usize,
        number: StageNumber,
        value: f64,
    },
    SetStageContact {
        stage: usize,
        contact: ContactType,
    },
    /// Adds an empty seller row, named "Seller N" in `lang`.
    AddSeller {
        lang: Lang,
    },
    RemoveSeller(usize),
    SetSellerName {
        row: usize,
        name: String,
    },
    /// One actual count of a seller row, at one stage.
    SetSellerCount {
        row: usize,
        stage: usize,
        value: f64,
    },
    /// Appends rows pasted from a spreadsheet; a row without a name gets a default one.
    PasteSellers {
        rows: Vec<SellerActuals>,
        lang: Lang,
    },
}

impl FunnelEdit {
    pub fn apply(self, plan: &mut Plan) {
        let f = &mut plan.funnel;
        match self {
            FunnelEdit::Set(number, value) => {
                let slot = match number {
                    FunnelNumber::EntryPerMonth => &mut f.entry_per_month,
                    FunnelNumber::AvgCheck => &mut f.avg_check,
                    FunnelNumber::GrossMargin => &mut f.gross_margin_pct,
                    FunnelNumber::Sellers => &mut f.sellers,
                };
                *slot = value;
            }
            FunnelEdit::SetDirection(direction) => f.direction = direction,
            FunnelEdit::AddStage { lang } => {
                let at = f.stages.len();
                funnel::insert_stage(plan, at, funnel::new_stage(&namer(lang)));
            }
            FunnelEdit::InsertStage { at, lang } => {
                funnel::insert_stage(plan, at, funnel::new_stage(&namer(lang)));
            }
            FunnelEdit::RemoveStage(at) => {
                funnel::remove_stage(plan, at);
            }
            FunnelEdit::MoveStage { from, to } => {
                funnel::move_stage(plan, from, to);
            }
            FunnelEdit::SetStageName { stage, name } => {
                if let Some(s) = f.stages.get_mut(stage) {
                    s.name = name;
                }
            }
            FunnelEdit::SetStageNumber {
                stage,
                number,
                value,
            } => {
                if let Some(s) = f.stages.get_mut(stage) {
                    match number {
                        StageNumber::Conversion => s.conversion_pct = value,
                        StageNumber::Days => s.days = value,
                    }
                }
            }
            FunnelEdit::SetStageContact { stage, contact } => {
                if let Some(s) = f.stages.get_mut(stage) {
                    s.contact = contact;
                }
            }
            FunnelEdit::AddSeller { lang } => {
                let row = f.actuals.len();
                let stages = f.stages.len();
                f.actuals.push(SellerActuals {
                    name: default_seller_name(row, lang),
                    counts: vec![None; stages],
                });
            }
            FunnelEdit::RemoveSeller(row) => {
                if row < f.actuals.len() {
                    f.actuals.remove(row);
                }
            }
            FunnelEdit::SetSellerName { row, name } => {
                if let Some(a) = f.actuals.get_mut(row) {
                    a.name = name;
                }
            }
            FunnelEdit::SetSellerCount { row, stage, value } => {
                // A row shorter than the stage is filled up to it.
                if let Some(a) = f.actuals.get_mut(row) {
                    if a.counts.len() <= stage {
                        a.counts.resize(stage + 1, None);
                    }
                    a.counts[stage] = Some(value);
                }
            }
            FunnelEdit::PasteSellers { rows, lang } => {
                for (i, mut row) in rows.into_iter().enumerate() {
                    if row.name.trim().is_empty() {
                        // Numbered as the page always has: the rows now in the table (this
                        // paste's earlier rows included) plus `i`, so from the second unnamed
                        // row of one paste on, numbers are skipped. Kept as it was; see the
                        // test `pasted_rows_without_a_name_are_numbered_as_before`.
                        row.name = default_seller_name(f.actuals.len() + i, lang);
                    }
                    f.actuals.push(row);
                }
            }
        }
    }
}
