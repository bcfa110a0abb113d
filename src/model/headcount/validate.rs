//! Input checks of the headcount page. Every field a computation uses is checked, so the
//! arithmetic after it stays finite; fields a role's driver does not use are not checked
//! (a stale value in a hidden input never blocks the page).

use crate::model::validation::{
    check_at_least, check_percent, FieldError, Problem, Validator, MAX_AMOUNT,
};
use crate::model::Plan;

use super::roles::{Role, VariablePay, WorkloadDriver};
use super::HeadcountInputs;

/// Roles in one plan: 1 ..= this.
pub const MAX_ROLES: usize = 20;
/// Smallest norm per day (or clients per manager) accepted: keeps FTE finite.
pub const MIN_NORM: f64 = 0.001;
/// Smallest productive share, %.
pub const MIN_PRODUCTIVE_PCT: f64 = 1.0;
/// Smallest average check of existing clients (one kopeck / cent).
pub const MIN_CHECK: f64 = 0.01;
/// Most of a manager's time a back office can free, % (the book: up to 20%).
pub const MAX_RELIEF_PCT: f64 = 20.0;
/// A month has 1 ..= 31 working days.
pub const MAX_WORKING_DAYS: f64 = 31.0;

/// Test id of one of a role's inputs; roles are numbered from 1 on screen.
pub fn role_field(role_index: usize, input: &str) -> String {
    format!("role-{}-{}", role_index + 1, input)
}

/// All problems of the headcount inputs and of the plan fields headcount uses (working days,
/// the funnel's gross margin). Funnel stage problems come from `funnel::reverse`.
pub(super) fn validate(plan: &Plan) -> Vec<FieldError> {
    let h = &plan.headcount;
    let mut v = Validator::default();
    plan.target.check(&mut v, "revenue-plan", "new-share");
    v.amount("active-clients", h.active_clients);
    v.amount("orders-per-client", h.orders_per_client_per_month);
    v.at_least(
        "existing-check",
        h.existing_avg_check,
        MIN_CHECK,
        MAX_AMOUNT,
    );
    v.at_least("span-of-control", h.span_of_control, 1.0, MAX_AMOUNT);
    v.at_least(
        "backoffice-ratio",
        h.managers_per_back_office,
        1.0,
        MAX_AMOUNT,
    );
    v.range(
        "backoffice-relief",
        h.back_office_relief_pct,
        0.0,
        MAX_RELIEF_PCT,
    );
    v.percent("payroll-tax", h.payroll_tax_pct);
    // Same check and message as the funnel's, so the two merge into one error.
    v.range(
        "working-days",
        plan.working_days_per_month,
        1.0,
        MAX_WORKING_DAYS,
    );
    v.percent("gross-margin", plan.funnel.gross_margin_pct);
    validate_roles(&mut v, h, plan.funnel.stages.len());
    v.into_errors()
}

fn validate_roles(v: &mut Validator, h: &HeadcountInputs, stage_count: usize) {
    v.count("roles", h.roles.len(), 1, MAX_ROLES);
    for (i, role) in h.roles.iter().enumerate() {
        validate_role(v, i, role, stage_count);
    }
    single_role_of_kind(v, h, WorkloadDriver::BackOffice);
    single_role_of_kind(v, h, WorkloadDriver::HeadOfSales);
}

fn validate_role(v: &mut Validator, i: usize, role: &Role, stage_count: usize) {
    let field = |input: &str| role_field(i, input);
    v.required(&field("name"), &role.name);
    match role.driver {
        WorkloadDriver::FunnelStage(stage) if stage >= stage_count => {
            v.push(FieldError::new(
                field("driver"),
                Problem::OutOfRange {
                    min: 1.0,
                    max: stage_count as f64,
                },
            ));
        }
        WorkloadDriver::Fixed(people) => {
            v.amount(&field("driver"), people);
        }
        _ => {}
    }
    if role.driver.uses_norm() {
        v.at_least(&field("norm"), role.norm_per_day, MIN_NORM, MAX_AMOUNT);
        // A share first (a value above 100 says so), then at least the smallest share.
        let productive = field("productive");
        v.keep(
            check_percent(&productive, role.productive_share_pct)
                .and_then(|p| check_at_least(&productive, p, MIN_PRODUCTIVE_PCT, 100.0)),
        );
    }
    v.amount(&field("salary"), role.fixed_salary_per_month);
    v.amount(&field("workplace"), role.workplace_cost_per_month);
    let rate_field = field("variable");
    match role.variable_pay {
        VariablePay::None => {}
        kind if kind.rate_is_percent() => {
            v.percent(&rate_field, role.variable_rate);
        }
        _ => {
            v.amount(&rate_field, role.variable_rate);
        }
    }
}

/// Back office and heads of sales are staffed from the whole unit, so one role of each kind:
/// a second one would double them. The extra ones get the error.
fn single_role_of_kind(v: &mut Validator, h: &HeadcountInputs, kind: WorkloadDriver) {
    let extra = h
        .roles
        .iter()
        .enumerate()
        .filter(|(_, r)| r.driver == kind)
        .skip(1);
    for (i, _) in extra {
        v.push(FieldError::new(
            role_field(i, "driver"),
            Problem::CountOutOfRange { min: 0, max: 1 },
        ));
    }
}
