//! The sales budget: what each role costs per month and year, and the unit's totals.

use super::roles::{Role, VariablePay, WorkloadDriver};
use super::staffing::Staffing;
use super::{safe_ratio, sum};

pub const MONTHS_PER_YEAR: f64 = 12.0;

/// Cost of all employees of one role. Money per month unless named yearly.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleCost {
    /// Headcount x fixed salary.
    pub fixed_pay: f64,
    /// Variable pay of the whole role (0 when the role has no people).
    pub variable_pay: f64,
    /// Payroll tax % x (fixed + variable pay).
    pub payroll_tax: f64,
    /// Headcount x workplace cost.
    pub workplace: f64,
    /// Everything above.
    pub monthly: f64,
    /// Monthly x 12.
    pub yearly: f64,
}

/// Money the variable pay of a role is computed from.
pub(super) struct PayBase {
    /// The revenue the role works on, per month.
    pub revenue: f64,
    /// The funnel's gross margin, 0..=100.
    pub gross_margin_pct: f64,
    pub payroll_tax_pct: f64,
}

pub(super) fn role_cost(role: &Role, staffing: &Staffing, base: &PayBase) -> RoleCost {
    let fixed_pay = staffing.headcount * role.fixed_salary_per_month;
    let variable_pay = if staffing.headcount > 0.0 {
        variable_pay(role, staffing.workload_per_month, base)
    } else {
        0.0
    };
    let payroll_tax = (fixed_pay + variable_pay) * base.payroll_tax_pct / 100.0;
    let workplace = staffing.headcount * role.workplace_cost_per_month;
    let monthly = fixed_pay + variable_pay + payroll_tax + workplace;
    RoleCost {
        fixed_pay,
        variable_pay,
        payroll_tax,
        workplace,
        monthly,
        yearly: monthly * MONTHS_PER_YEAR,
    }
}

fn variable_pay(role: &Role, workload: f64, base: &PayBase) -> f64 {
    let rate = role.variable_rate;
    match role.variable_pay {
        VariablePay::None => 0.0,
        VariablePay::PercentOfRevenue => base.revenue * rate / 100.0,
        VariablePay::PercentOfMargin => base.revenue * base.gross_margin_pct / 100.0 * rate / 100.0,
        VariablePay::PerUnit => match role.driver {
            // A fixed-headcount role has no units of work to be paid for.
            WorkloadDriver::Fixed(_) => 0.0,
            _ => workload * rate,
        },
    }
}

/// The whole sales unit in one scenario (with or without back office).
#[derive(Debug, Clone, PartialEq)]
pub struct Totals {
    /// People in all roles.
    pub headcount: f64,
    /// Sum of the roles' FTE (unrounded need).
    pub fte: f64,
    /// People in sales roles: all but back office and heads of sales.
    pub sales_headcount: f64,
    pub heads_of_sales: f64,
    pub back_office: f64,
    /// Cost of the unit per month.
    pub monthly_cost: f64,
    pub yearly_cost: f64,
    /// Monthly cost / monthly revenue plan x 100; `None` when the plan is zero.
    pub cost_share_of_revenue_pct: Option<f64>,
    /// Monthly cost / monthly gross profit x 100; `None` when the gross profit is zero.
    pub cost_share_of_gross_profit_pct: Option<f64>,
    /// Monthly revenue plan / sales headcount; `None` with no salespeople.
    pub revenue_per_salesperson_per_month: Option<f64>,
    /// Monthly cost of winning new clients: the funnel-stage roles, plus the heads' cost
    /// in the proportion of funnel-stage people among salespeople, plus the back office's cost
    /// in the proportion of relieved funnel-stage people among all relieved people.
    pub acquisition_cost_per_month: f64,
    /// Acquisition cost per month / new clients per month (the reverse plan's deals);
    /// `None` when the plan needs no new clients. Compare with the LTV's allowed CAC.
    pub acquisition_cost_per_new_client: Option<f64>,
}

/// What the totals are computed from.
pub(super) struct TotalsInput<'a> {
    pub roles: &'a [Role],
    pub staffing: &'a [Staffing],
    pub costs: &'a [RoleCost],
    pub revenue_per_month: f64,
    pub gross_profit_per_month: f64,
    pub new_clients_per_month: f64,
}

pub(super) fn totals(t: &TotalsInput) -> Totals {
    let rows = || t.roles.iter().zip(t.staffing).zip(t.costs);
    let headcount_where = |keep: &dyn Fn(&Role, &Staffing) -> bool| -> f64 {
        sum(rows()
            .filter(|((r, s), _)| keep(r, s))
            .map(|((_, s), _)| s.headcount))
    };
    let cost_where = |keep: &dyn Fn(WorkloadDriver) -> bool| -> f64 {
        sum(rows()
            .filter(|((r, _), _)| keep(r.driver))
            .map(|(_, c)| c.monthly))
    };
    let headcount = headcount_where(&|_, _| true);
    let sales_headcount = headcount_where(&|r, _| r.driver.is_salesperson());
    let acquisition_headcount = headcount_where(&|r, _| r.driver.wins_new_clients());
    let relieved_headcount = headcount_where(&|_, s| s.relieved);
    let relieved_acquisition = headcount_where(&|r, s| s.relieved && r.driver.wins_new_clients());
    let heads_cost = cost_where(&|d| d == WorkloadDriver::HeadOfSales);
    let back_office_cost = cost_where(&|d| d == WorkloadDriver::BackOffice);
    let acquisition_cost_per_month = cost_where(&|d| d.wins_new_clients())
        + heads_cost * safe_ratio(acquisition_headcount, sales_headcount).unwrap_or(0.0)
        + back_office_cost * safe_ratio(relieved_acquisition, relieved_headcount).unwrap_or(0.0);
    let monthly_cost = sum(t.costs.iter().map(|c| c.monthly));
    Totals {
        headcount,
        fte: sum(t.staffing.iter().map(|s| s.fte)),
        sales_headcount,
        heads_of_sales: headcount_where(&|r, _| r.driver == WorkloadDriver::HeadOfSales),
        back_office: headcount_where(&|r, _| r.driver == WorkloadDriver::BackOffice),
        monthly_cost,
        yearly_cost: monthly_cost * MONTHS_PER_YEAR,
        cost_share_of_revenue_pct: percent_of(monthly_cost, t.revenue_per_month),
        cost_share_of_gross_profit_pct: percent_of(monthly_cost, t.gross_profit_per_month),
        revenue_per_salesperson_per_month: safe_ratio(t.revenue_per_month, sales_headcount),
        acquisition_cost_per_month,
        acquisition_cost_per_new_client: safe_ratio(
            acquisition_cost_per_month,
            t.new_clients_per_month,
        ),
    }
}

fn percent_of(part: f64, whole: f64) -> Option<f64> {
    safe_ratio(part, whole).and_then(|r| Some(r * 100.0).filter(|p| p.is_finite()))
}

/// What the back office changes: the plan with back office minus the plan without it.
/// Negative numbers are savings.
#[derive(Debug, Clone, PartialEq)]
pub struct BackOfficeEffect {
    pub headcount: f64,
    pub sales_headcount: f64,
    pub heads_of_sales: f64,
    pub back_office: f64,
    pub monthly_cost: f64,
    pub yearly_cost: f64,
}

impl BackOfficeEffect {
    pub(super) fn between(with: &Totals, without: &Totals) -> BackOfficeEffect {
        BackOfficeEffect {
            headcount: with.headcount - without.headcount,
            sales_headcount: with.sales_headcount - without.sales_headcount,
            heads_of_sales: with.heads_of_sales - without.heads_of_sales,
            back_office: with.back_office - without.back_office,
            monthly_cost: with.monthly_cost - without.monthly_cost,
            yearly_cost: with.yearly_cost - without.yearly_cost,
        }
    }
}
