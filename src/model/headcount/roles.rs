//! Roles of the sales unit, what drives their workload, how they are paid, and the org
//! structure templates of the book (transactional and complex/project sales).

use serde::{Deserialize, Serialize};

use crate::model::funnel::{ContactType, Stage};
use crate::model::names::{Name, Namer};

/// Where a role's monthly workload comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub enum WorkloadDriver {
    /// The monthly volume of funnel stage `index` (0-based, first stage = 0) in the reverse
    /// plan of the new-client revenue: leads for telemarketers, meetings for development
    /// specialists. Saved as `{"FunnelStage": 2}`.
    FunnelStage(usize),
    /// Orders per month from existing clients (existing-client revenue / their average check).
    #[default]
    BaseOrders,
    /// Active clients in the portfolio; the role's norm is clients per manager.
    Portfolio,
    /// Back office: one employee per N relieved managers (the plan's `managers_per_back_office`).
    BackOffice,
    /// Heads of sales: one per span of control (the plan's `span_of_control`) salespeople.
    HeadOfSales,
    /// A fixed number of people (e.g. an analyst), whatever the plan.
    Fixed(f64),
}

impl WorkloadDriver {
    /// Whether the role's own norm and productive share are used (the others take their
    /// ratio from the plan or have a fixed headcount), so the UI can hide those inputs.
    pub fn uses_norm(self) -> bool {
        matches!(
            self,
            WorkloadDriver::FunnelStage(_) | WorkloadDriver::BaseOrders | WorkloadDriver::Portfolio
        )
    }

    /// Only workload-driven roles can hand paperwork to the back office and so need fewer
    /// people; for the others the `relieved_by_back_office` flag is ignored.
    pub fn can_be_relieved(self) -> bool {
        self.uses_norm()
    }

    /// Salespeople: everyone but back office and heads; heads manage them (span of control)
    /// and "revenue per salesperson" divides by them.
    pub fn is_salesperson(self) -> bool {
        !matches!(
            self,
            WorkloadDriver::BackOffice | WorkloadDriver::HeadOfSales
        )
    }

    /// Roles that win new clients: their cost (plus their share of heads and back office)
    /// is the acquisition cost.
    pub fn wins_new_clients(self) -> bool {
        matches!(self, WorkloadDriver::FunnelStage(_))
    }
}

/// How the variable part of the pay is computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum VariablePay {
    /// Fixed salary only.
    #[default]
    None,
    /// `rate`% of the revenue the role works on (see the report's `revenue_base_per_month`).
    PercentOfRevenue,
    /// `rate`% of the gross profit of that revenue (revenue x the funnel's gross margin).
    PercentOfMargin,
    /// `rate` money per unit of the role's monthly workload (per lead, meeting, order ...).
    PerUnit,
}

impl VariablePay {
    pub const ALL: [VariablePay; 4] = [
        VariablePay::None,
        VariablePay::PercentOfRevenue,
        VariablePay::PercentOfMargin,
        VariablePay::PerUnit,
    ];

    /// The rate is a percentage (0..=100) rather than money.
    pub fn rate_is_percent(self) -> bool {
        matches!(
            self,
            VariablePay::PercentOfRevenue | VariablePay::PercentOfMargin
        )
    }
}

/// One role of the sales unit (a row of the staff schedule).
/// Its `Default` (a new role, named in the default language) needs words, so it is implemented
/// with them, in the text layer's `names` module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Role {
    pub name: String,
    pub driver: WorkloadDriver,
    /// Units of workload one employee handles per working day at full time (leads, meetings,
    /// orders). For a `Portfolio` role: clients one manager can serve. Unused by the other drivers.
    pub norm_per_day: f64,
    /// Share of working time spent on the work itself (not vacation, sickness, internal
    /// meetings), 1..=100; default 85.
    pub productive_share_pct: f64,
    /// The back office takes this role's paperwork (only for workload-driven roles).
    pub relieved_by_back_office: bool,
    /// Fixed salary of one employee per month, before payroll tax.
    pub fixed_salary_per_month: f64,
    pub variable_pay: VariablePay,
    /// Percent (for the percent kinds) or money per unit (for `PerUnit`).
    pub variable_rate: f64,
    /// Workplace cost of one employee per month (desk, phone, licences).
    pub workplace_cost_per_month: f64,
}

pub const DEFAULT_PRODUCTIVE_SHARE_PCT: f64 = 85.0;

impl Role {
    /// A blank role for "add role": orders from the base, no variable pay.
    pub fn new(names: Namer) -> Role {
        Role {
            name: names(Name::NewRole),
            driver: WorkloadDriver::BaseOrders,
            norm_per_day: 10.0,
            productive_share_pct: DEFAULT_PRODUCTIVE_SHARE_PCT,
            relieved_by_back_office: false,
            fixed_salary_per_month: 50_000.0,
            variable_pay: VariablePay::None,
            variable_rate: 0.0,
            workplace_cost_per_month: 15_000.0,
        }
    }
}

/// The org structures of the book.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum OrgTemplate {
    /// Low check, thousands of clients, monthly purchases: telemarketers, development
    /// specialists, office sales specialists, back office, head of sales.
    #[default]
    Transactional,
    /// High check, long cycle: development specialists, key account managers, presale,
    /// head of sales.
    Complex,
}

impl OrgTemplate {
    pub const ALL: [OrgTemplate; 2] = [OrgTemplate::Transactional, OrgTemplate::Complex];
}

/// The roles of a template, with their stage links picked from the given funnel: the
/// telemarketers work the first stage, development specialists the first meeting stage
/// (else the stage before the deal), presale the stage before the deal.
pub fn template_roles(template: OrgTemplate, names: Namer, stages: &[Stage]) -> Vec<Role> {
    match template {
        OrgTemplate::Transactional => transactional_roles(names, stages),
        OrgTemplate::Complex => complex_roles(names, stages),
    }
}

fn stage_before_deal(stages: &[Stage]) -> usize {
    stages.len().saturating_sub(2)
}

fn first_meeting_stage(stages: &[Stage]) -> usize {
    stages
        .iter()
        .take(stages.len().saturating_sub(1))
        .position(|s| s.contact == ContactType::Meeting)
        .unwrap_or_else(|| stage_before_deal(stages))
}

struct Pay {
    salary: f64,
    variable: VariablePay,
    rate: f64,
    workplace: f64,
}

fn role(name: String, driver: WorkloadDriver, norm: f64, relieved: bool, pay: Pay) -> Role {
    Role {
        name,
        driver,
        norm_per_day: norm,
        productive_share_pct: DEFAULT_PRODUCTIVE_SHARE_PCT,
        relieved_by_back_office: relieved,
        fixed_salary_per_month: pay.salary,
        variable_pay: pay.variable,
        variable_rate: pay.rate,
        workplace_cost_per_month: pay.workplace,
    }
}

fn transactional_roles(names: Namer, stages: &[Stage]) -> Vec<Role> {
    vec![
        role(
            names(Name::Telemarketer),
            WorkloadDriver::FunnelStage(0),
            30.0,
            false,
            Pay {
                salary: 40_000.0,
                variable: VariablePay::PerUnit,
                rate: 30.0,
                workplace: 12_000.0,
            },
        ),
        role(
            names(Name::DevelopmentSpecialist),
            WorkloadDriver::FunnelStage(first_meeting_stage(stages)),
            2.0,
            true,
            Pay {
                salary: 60_000.0,
                variable: VariablePay::PercentOfRevenue,
                rate: 3.0,
                workplace: 15_000.0,
            },
        ),
        role(
            names(Name::OfficeSalesSpecialist),
            WorkloadDriver::BaseOrders,
            15.0,
            true,
            Pay {
                salary: 45_000.0,
                variable: VariablePay::PercentOfRevenue,
                rate: 1.0,
                workplace: 12_000.0,
            },
        ),
        role(
            names(Name::BackOffice),
            WorkloadDriver::BackOffice,
            0.0,
            false,
            Pay {
                salary: 40_000.0,
                variable: VariablePay::None,
                rate: 0.0,
                workplace: 12_000.0,
            },
        ),
        role(
            names(Name::HeadOfSales),
            WorkloadDriver::HeadOfSales,
            0.0,
            false,
            Pay {
                salary: 120_000.0,
                variable: VariablePay::PercentOfMargin,
                rate: 1.0,
                workplace: 20_000.0,
            },
        ),
    ]
}

fn complex_roles(names: Namer, stages: &[Stage]) -> Vec<Role> {
    vec![
        role(
            names(Name::DevelopmentSpecialist),
            WorkloadDriver::FunnelStage(first_meeting_stage(stages)),
            1.5,
            true,
            Pay {
                salary: 90_000.0,
                variable: VariablePay::PercentOfMargin,
                rate: 5.0,
                workplace: 20_000.0,
            },
        ),
        role(
            names(Name::KeyAccountManager),
            WorkloadDriver::Portfolio,
            40.0,
            true,
            Pay {
                salary: 90_000.0,
                variable: VariablePay::PercentOfMargin,
                rate: 2.0,
                workplace: 20_000.0,
            },
        ),
        role(
            names(Name::PresaleEngineer),
            WorkloadDriver::FunnelStage(stage_before_deal(stages)),
            1.0,
            false,
            Pay {
                salary: 110_000.0,
                variable: VariablePay::None,
                rate: 0.0,
                workplace: 20_000.0,
            },
        ),
        role(
            names(Name::HeadOfSales),
            WorkloadDriver::HeadOfSales,
            0.0,
            false,
            Pay {
                salary: 150_000.0,
                variable: VariablePay::PercentOfMargin,
                rate: 1.0,
                workplace: 25_000.0,
            },
        ),
    ]
}
