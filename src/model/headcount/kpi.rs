//! KPI sheet: the daily, weekly and monthly norms of one employee of each role — what a head
//! of sales checks daily (norms met), weekly and monthly.

use crate::model::funnel::{ContactType, Stage, WEEKS_PER_MONTH};

use super::roles::WorkloadDriver;
use super::safe_ratio;

/// What a role's workload is counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkUnit {
    /// Contacts of a funnel stage worked by phone.
    Calls,
    /// Contacts of a funnel stage by e-mail or messenger.
    Messages,
    /// Contacts of a funnel stage in person.
    Meetings,
    /// Contacts of a funnel stage at events.
    Events,
    /// The last funnel stage: paid (first) deals.
    Deals,
    /// Orders taken from existing clients.
    Orders,
    /// Clients in the portfolio (a stock, not a flow).
    Clients,
    /// Managers a back-office employee relieves (a stock).
    ManagersSupported,
    /// Salespeople a head of sales manages (a stock).
    DirectReports,
    /// A fixed-headcount role has no workload.
    NoUnit,
}

impl WorkUnit {
    /// A flow is done again every day (contacts, orders) and so has daily and weekly norms;
    /// a stock (portfolio, people) only has a per-employee size.
    pub fn is_flow(self) -> bool {
        matches!(
            self,
            WorkUnit::Calls
                | WorkUnit::Messages
                | WorkUnit::Meetings
                | WorkUnit::Events
                | WorkUnit::Deals
                | WorkUnit::Orders
        )
    }

    /// One of the funnel contacts (the book's "contact norms" group of KPI).
    pub fn is_contact(self) -> bool {
        matches!(
            self,
            WorkUnit::Calls | WorkUnit::Messages | WorkUnit::Meetings | WorkUnit::Events
        )
    }
}

impl From<ContactType> for WorkUnit {
    fn from(contact: ContactType) -> Self {
        match contact {
            ContactType::Call => WorkUnit::Calls,
            ContactType::Message => WorkUnit::Messages,
            ContactType::Meeting => WorkUnit::Meetings,
            ContactType::Event => WorkUnit::Events,
        }
    }
}

/// The unit of a driver; a funnel stage counts in its contact type, the last stage in deals.
pub fn unit_of(driver: WorkloadDriver, stages: &[Stage]) -> WorkUnit {
    match driver {
        WorkloadDriver::FunnelStage(i) if i + 1 == stages.len() => WorkUnit::Deals,
        WorkloadDriver::FunnelStage(i) => stages
            .get(i)
            .map_or(WorkUnit::NoUnit, |s| WorkUnit::from(s.contact)),
        WorkloadDriver::BaseOrders => WorkUnit::Orders,
        WorkloadDriver::Portfolio => WorkUnit::Clients,
        WorkloadDriver::BackOffice => WorkUnit::ManagersSupported,
        WorkloadDriver::HeadOfSales => WorkUnit::DirectReports,
        WorkloadDriver::Fixed(_) => WorkUnit::NoUnit,
    }
}

/// Norms of one employee of a role, as staffed in the plan (with back office).
/// `None` = not applicable (a stock has no daily norm; a role with no people has no norm).
#[derive(Debug, Clone, PartialEq)]
pub struct KpiNorms {
    pub unit: WorkUnit,
    /// Units per employee per working day = monthly norm / working days.
    pub per_day: Option<f64>,
    /// Units per employee per week = monthly norm / (52 / 12).
    pub per_week: Option<f64>,
    /// Flow: units per employee per month = workload / headcount.
    /// Stock: its size per employee (clients per manager, reports per head).
    pub per_month: Option<f64>,
}

/// Per-employee norms from the role's monthly workload and its (rounded) headcount.
pub fn norms(unit: WorkUnit, workload: f64, headcount: f64, working_days: f64) -> KpiNorms {
    let per_month = match unit {
        WorkUnit::NoUnit => None,
        _ => safe_ratio(workload, headcount),
    };
    let flow = |divisor: f64| {
        per_month
            .filter(|_| unit.is_flow())
            .and_then(|m| safe_ratio(m, divisor))
    };
    KpiNorms {
        unit,
        per_day: flow(working_days),
        per_week: flow(WEEKS_PER_MONTH),
        per_month,
    }
}
