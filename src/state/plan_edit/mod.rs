//! Every change a person can make to the active plan, as a named value: the pages build a
//! [`PlanEdit`] from what was typed or clicked, and [`AppState::reduce`] applies it through
//! [`PlanEdit::apply`]. A named edit says what it does (in a test, a log, a review), is
//! compared with `==` and is tested natively, without a browser.
//!
//! Edits of the plan bar are here; each calculator's are in its module ([`funnel`],
//! [`ltv`], [`headcount`], [`clients`]). An edit that names something new (a stage, a seller,
//! a role) carries the page's language, so the name is the one the page would give.
//! Structural edits call the model's helpers (`funnel::insert_stage` and the like), which
//! keep the linked parts of the plan (roles, sellers' counts) on their stages.
//!
//! [`AppState::reduce`]: super::AppState::reduce

use std::fmt;
use std::rc::Rc;

use crate::model::{Currency, Plan};

mod clients;
mod funnel;
mod headcount;
mod ltv;

#[cfg(test)]
mod tests;

pub use clients::{AnalysisNumber, ClientsEdit, ClvNumber};
pub use funnel::{FunnelEdit, FunnelNumber, StageNumber};
pub use headcount::{HeadcountEdit, HeadcountNumber, RoleEdit, RoleNumber};
pub use ltv::{LtvEdit, LtvNumber, SegmentNumber, UpliftNumber};

/// A change to the active plan.
#[derive(Clone)]
pub enum PlanEdit {
    SetName(String),
    SetClient(String),
    SetCurrency(Currency),
    SetWorkingDays(f64),
    Funnel(FunnelEdit),
    Ltv(LtvEdit),
    Headcount(HeadcountEdit),
    Clients(ClientsEdit),
    /// Any change, as a function: only for the import and clients pages until they use
    /// [`ClientsEdit`]. Not for new code: a closure cannot be compared or tested by name.
    Custom(Rc<dyn Fn(&mut Plan)>),
}

impl PlanEdit {
    /// Applies the edit to `plan` (the reducer then stamps the plan's last change).
    pub fn apply(self, plan: &mut Plan) {
        match self {
            PlanEdit::SetName(name) => plan.name = name,
            PlanEdit::SetClient(client) => plan.client = client,
            PlanEdit::SetCurrency(currency) => plan.currency = currency,
            PlanEdit::SetWorkingDays(days) => plan.working_days_per_month = days,
            PlanEdit::Funnel(edit) => edit.apply(plan),
            PlanEdit::Ltv(edit) => edit.apply(&mut plan.ltv),
            PlanEdit::Headcount(edit) => edit.apply(plan),
            PlanEdit::Clients(edit) => edit.apply(plan),
            PlanEdit::Custom(edit) => edit(plan),
        }
    }
}

/// A closure has no useful text: it shows as `Custom(..)`.
impl fmt::Debug for PlanEdit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PlanEdit::SetName(name) => f.debug_tuple("SetName").field(name).finish(),
            PlanEdit::SetClient(client) => f.debug_tuple("SetClient").field(client).finish(),
            PlanEdit::SetCurrency(c) => f.debug_tuple("SetCurrency").field(c).finish(),
            PlanEdit::SetWorkingDays(d) => f.debug_tuple("SetWorkingDays").field(d).finish(),
            PlanEdit::Funnel(edit) => f.debug_tuple("Funnel").field(edit).finish(),
            PlanEdit::Ltv(edit) => f.debug_tuple("Ltv").field(edit).finish(),
            PlanEdit::Headcount(edit) => f.debug_tuple("Headcount").field(edit).finish(),
            PlanEdit::Clients(edit) => f.debug_tuple("Clients").field(edit).finish(),
            PlanEdit::Custom(_) => f.write_str("Custom(..)"),
        }
    }
}

/// Named edits are equal by value; a `Custom` edit only to itself (the same closure).
impl PartialEq for PlanEdit {
    fn eq(&self, other: &Self) -> bool {
        use PlanEdit::*;
        match (self, other) {
            (SetName(a), SetName(b)) | (SetClient(a), SetClient(b)) => a == b,
            (SetCurrency(a), SetCurrency(b)) => a == b,
            (SetWorkingDays(a), SetWorkingDays(b)) => a == b,
            (Funnel(a), Funnel(b)) => a == b,
            (Ltv(a), Ltv(b)) => a == b,
            (Headcount(a), Headcount(b)) => a == b,
            (Clients(a), Clients(b)) => a == b,
            (Custom(a), Custom(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }
}

impl From<FunnelEdit> for PlanEdit {
    fn from(edit: FunnelEdit) -> Self {
        PlanEdit::Funnel(edit)
    }
}

impl From<LtvEdit> for PlanEdit {
    fn from(edit: LtvEdit) -> Self {
        PlanEdit::Ltv(edit)
    }
}

impl From<HeadcountEdit> for PlanEdit {
    fn from(edit: HeadcountEdit) -> Self {
        PlanEdit::Headcount(edit)
    }
}

impl From<ClientsEdit> for PlanEdit {
    fn from(edit: ClientsEdit) -> Self {
        PlanEdit::Clients(edit)
    }
}
