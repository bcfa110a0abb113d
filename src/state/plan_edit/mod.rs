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
#[derive(Debug, Clone, PartialEq)]
pub enum PlanEdit {
    SetName(String),
    SetClient(String),
    SetCurrency(Currency),
    SetWorkingDays(f64),
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
}

impl PlanEdit {
    /// Applies the edit to `plan` (the reducer then stamps the plan's last change).
    pub fn apply(self, plan: &mut Plan) {
        match self {
            PlanEdit::SetName(name) => plan.name = name,
            PlanEdit::SetClient(client) => plan.client = client,
            PlanEdit::SetCurrency(currency) => plan.currency = currency,
            PlanEdit::SetWorkingDays(days) => plan.working_days_per_month = days,
            PlanEdit::SetRevenueTarget(total) => plan.target.set_total(total),
            PlanEdit::SetNewClientShare(share) => plan.target.set_new_client_share(share),
            PlanEdit::SetNewClientRevenue(revenue) => plan.target.new_clients_per_month = revenue,
            PlanEdit::Funnel(edit) => edit.apply(plan),
            PlanEdit::Ltv(edit) => edit.apply(&mut plan.ltv),
            PlanEdit::Headcount(edit) => edit.apply(plan),
            PlanEdit::Clients(edit) => edit.apply(plan),
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
