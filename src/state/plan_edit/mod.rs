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

use crate::model::calendar::Month;
use crate::model::{Currency, Plan};

mod clients;
mod fact;
mod funnel;
mod headcount;
mod ltv;

#[cfg(test)]
mod tests;

pub use clients::{AnalysisNumber, ClientsEdit, ClvNumber};
pub use fact::{FactEdit, NewDecision, UnknownSellers};
pub use funnel::{FunnelEdit, FunnelNumber, StageNumber};
pub use headcount::{HeadcountEdit, HeadcountNumber, RoleEdit, RoleNumber};
pub use ltv::{LtvEdit, LtvNumber, SegmentNumber, UpliftNumber};

/// A change to the active plan.
#[derive(Debug, Clone, PartialEq)]
pub enum PlanEdit {
    SetName(String),
    SetClient(String),
    SetCurrency(Currency),
    /// Typed working days: they no longer follow the calendar.
    SetWorkingDays(f64),
    /// The month the plan is for; its working days come from the calendar (unless typed).
    SetPlanMonth(Option<Month>),
    /// Back to the calendar's working days of the plan's month.
    UseCalendarDays,
    /// The plan's revenue per month (new and existing clients), the split kept.
    SetRevenueTarget(f64),
    /// The share of it from new clients, %, the total kept.
    SetNewClientShare(f64),
    /// The revenue from new clients (the funnel's target), the existing clients' kept.
    SetNewClientRevenue(f64),
    Funnel(FunnelEdit),
    Ltv(LtvEdit),
    Headcount(HeadcountEdit),
    Clients(ClientsEdit),
    Fact(FactEdit),
}

impl PlanEdit {
    /// Applies the edit to `plan` (the reducer then stamps the plan's last change).
    pub fn apply(self, plan: &mut Plan) {
        match self {
            PlanEdit::SetName(name) => plan.name = name,
            PlanEdit::SetClient(client) => plan.client = client,
            PlanEdit::SetCurrency(currency) => plan.currency = currency,
            PlanEdit::SetWorkingDays(days) => {
                plan.working_days_per_month = days;
                plan.working_days_typed = true;
            }
            PlanEdit::SetPlanMonth(month) => {
                plan.month = month;
                plan.sync_working_days();
            }
            PlanEdit::UseCalendarDays => {
                plan.working_days_typed = false;
                plan.sync_working_days();
            }
            PlanEdit::SetRevenueTarget(total) => plan.target.set_total(total),
            PlanEdit::SetNewClientShare(share) => plan.target.set_new_client_share(share),
            PlanEdit::SetNewClientRevenue(revenue) => plan.target.new_clients_per_month = revenue,
            PlanEdit::Funnel(edit) => edit.apply(plan),
            PlanEdit::Ltv(edit) => edit.apply(&mut plan.ltv),
            PlanEdit::Headcount(edit) => edit.apply(plan),
            PlanEdit::Clients(edit) => edit.apply(plan),
            PlanEdit::Fact(edit) => edit.apply(plan),
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

impl From<FactEdit> for PlanEdit {
    fn from(edit: FactEdit) -> Self {
        PlanEdit::Fact(edit)
    }
}

impl From<ClientsEdit> for PlanEdit {
    fn from(edit: ClientsEdit) -> Self {
        PlanEdit::Clients(edit)
    }
}
