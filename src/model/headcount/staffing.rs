//! From workload to people: capacity per employee, FTE, headcount, back office and heads.

use super::roles::{Role, WorkloadDriver};
use super::{round_noise, safe_ratio, sum};

/// One role staffed in one scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Staffing {
    /// Units of work per month in the role's unit (see `WorkUnit`): stage volume, orders,
    /// clients in portfolio, relieved managers (back office), salespeople (heads); 0 for a
    /// fixed-headcount role.
    pub workload_per_month: f64,
    /// Units one employee handles per month: norm x working days x productive share
    /// (a portfolio role: norm x productive share), raised by the back-office relief;
    /// back office: managers per employee; heads: span of control; fixed role: 0.
    pub capacity_per_employee: f64,
    /// Full-time equivalents needed = workload / capacity (floating noise removed).
    pub fte: f64,
    /// People to hire = FTE rounded up.
    pub headcount: f64,
    /// The role hands paperwork to the back office (its flag, for workload-driven roles).
    pub relieved: bool,
}

/// The plan-level numbers staffing needs, already validated.
pub(super) struct StaffingRules {
    pub working_days: f64,
    pub span_of_control: f64,
    pub managers_per_back_office: f64,
    /// Share of a relieved manager's time the back office frees, 0..=20.
    pub relief_pct: f64,
}

/// Staffs every role. `workloads[i]` is the monthly workload of role `i` if it is
/// workload-driven. Without back office, back-office roles get nobody and nobody is relieved.
pub(super) fn staff(
    roles: &[Role],
    workloads: &[f64],
    rules: &StaffingRules,
    with_back_office: bool,
) -> Vec<Staffing> {
    // With no back-office role there is nobody to take the paperwork.
    let with_back_office =
        with_back_office && roles.iter().any(|r| r.driver == WorkloadDriver::BackOffice);
    let mut rows: Vec<Staffing> = roles
        .iter()
        .zip(workloads)
        .map(|(role, &workload)| staff_own_workload(role, workload, rules, with_back_office))
        .collect();
    let relieved = sum(rows.iter().filter(|s| s.relieved).map(|s| s.headcount));
    let salespeople = sum(roles
        .iter()
        .zip(&rows)
        .filter(|(r, _)| r.driver.is_salesperson())
        .map(|(_, s)| s.headcount));
    for (role, row) in roles.iter().zip(rows.iter_mut()) {
        match role.driver {
            WorkloadDriver::BackOffice => {
                let managers = if with_back_office { relieved } else { 0.0 };
                *row = by_ratio(managers, rules.managers_per_back_office);
            }
            WorkloadDriver::HeadOfSales => *row = by_ratio(salespeople, rules.span_of_control),
            _ => {}
        }
    }
    rows
}

/// Capacity of one employee per month before any back-office relief.
pub(super) fn base_capacity(role: &Role, working_days: f64) -> f64 {
    let productive = role.productive_share_pct / 100.0;
    match role.driver {
        // A portfolio is a stock: the norm is clients per manager, not per day.
        WorkloadDriver::Portfolio => role.norm_per_day * productive,
        _ => role.norm_per_day * working_days * productive,
    }
}

fn staff_own_workload(
    role: &Role,
    workload: f64,
    rules: &StaffingRules,
    with_back_office: bool,
) -> Staffing {
    let relieved = role.relieved_by_back_office && role.driver.can_be_relieved();
    match role.driver {
        WorkloadDriver::Fixed(people) => Staffing {
            workload_per_month: 0.0,
            capacity_per_employee: 0.0,
            fte: round_noise(people),
            headcount: round_noise(people).ceil(),
            relieved: false,
        },
        d if d.uses_norm() => {
            let mut capacity = base_capacity(role, rules.working_days);
            if relieved && with_back_office {
                // The seed: a back-office employee frees up to 20 % of each manager's time,
                // "raising volume or efficiency by 20 %": capacity x (1 + r).
                capacity *= 1.0 + rules.relief_pct / 100.0;
            }
            let fte = round_noise(safe_ratio(workload, capacity).unwrap_or(0.0));
            Staffing {
                workload_per_month: workload,
                capacity_per_employee: capacity,
                fte,
                headcount: fte.ceil(),
                relieved,
            }
        }
        // Back office and heads are staffed from the others in `staff`.
        _ => by_ratio(0.0, 1.0),
    }
}

/// One employee per `ratio` units of workload (back office per managers, heads per people).
fn by_ratio(workload: f64, ratio: f64) -> Staffing {
    let fte = round_noise(safe_ratio(workload, ratio).unwrap_or(0.0));
    Staffing {
        workload_per_month: workload,
        capacity_per_employee: ratio,
        fte,
        headcount: fte.ceil(),
        relieved: false,
    }
}
