//! Input checks of the headcount page. Every field a computation uses is checked, so the
//! arithmetic after it stays finite; fields a role's driver does not use are not checked
//! (a stale value in a hidden input never blocks the page).

use crate::model::validation::{
    check_amount, check_percent, check_positive, FieldError, Problem, MAX_AMOUNT,
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
    let mut errors = Vec::new();
    let mut keep = |r: Result<f64, FieldError>| {
        if let Err(e) = r {
            errors.push(e);
        }
    };
    keep(check_amount("revenue-plan", h.revenue_plan_per_month));
    keep(check_percent("new-share", h.new_client_share_pct));
    keep(check_amount("active-clients", h.active_clients));
    keep(check_amount(
        "orders-per-client",
        h.orders_per_client_per_month,
    ));
    keep(at_least(
        "existing-check",
        h.existing_avg_check,
        MIN_CHECK,
        MAX_AMOUNT,
    ));
    keep(at_least(
        "span-of-control",
        h.span_of_control,
        1.0,
        MAX_AMOUNT,
    ));
    keep(at_least(
        "backoffice-ratio",
        h.managers_per_back_office,
        1.0,
        MAX_AMOUNT,
    ));
    keep(check_range(
        "backoffice-relief",
        h.back_office_relief_pct,
        0.0,
        MAX_RELIEF_PCT,
    ));
    keep(check_percent("payroll-tax", h.payroll_tax_pct));
    // Same check and message as the funnel's, so the two merge into one error.
    keep(check_range(
        "working-days",
        plan.working_days_per_month,
        1.0,
        MAX_WORKING_DAYS,
    ));
    keep(check_percent("gross-margin", plan.funnel.gross_margin_pct));
    errors.extend(validate_roles(h, plan.funnel.stages.len()));
    errors
}

fn validate_roles(h: &HeadcountInputs, stage_count: usize) -> Vec<FieldError> {
    let mut errors = Vec::new();
    if h.roles.is_empty() || h.roles.len() > MAX_ROLES {
        errors.push(FieldError::new(
            "roles",
            Problem::CountOutOfRange {
                min: 1,
                max: MAX_ROLES,
            },
        ));
    }
    for (i, role) in h.roles.iter().enumerate() {
        errors.extend(validate_role(i, role, stage_count));
    }
    errors.extend(single_role_of_kind(h, WorkloadDriver::BackOffice));
    errors.extend(single_role_of_kind(h, WorkloadDriver::HeadOfSales));
    errors
}

fn validate_role(i: usize, role: &Role, stage_count: usize) -> Vec<FieldError> {
    let field = |input: &str| role_field(i, input);
    let mut checks = Vec::new();
    if role.name.trim().is_empty() {
        checks.push(Err(FieldError::new(field("name"), Problem::Empty)));
    }
    match role.driver {
        WorkloadDriver::FunnelStage(stage) if stage >= stage_count => {
            checks.push(Err(FieldError::new(
                field("driver"),
                Problem::OutOfRange {
                    min: 1.0,
                    max: stage_count as f64,
                },
            )));
        }
        WorkloadDriver::Fixed(people) => checks.push(check_amount(&field("driver"), people)),
        _ => {}
    }
    if role.driver.uses_norm() {
        checks.push(at_least(
            &field("norm"),
            role.norm_per_day,
            MIN_NORM,
            MAX_AMOUNT,
        ));
        checks.push(
            check_percent(&field("productive"), role.productive_share_pct)
                .and_then(|v| at_least(&field("productive"), v, MIN_PRODUCTIVE_PCT, 100.0)),
        );
    }
    checks.push(check_amount(&field("salary"), role.fixed_salary_per_month));
    checks.push(check_amount(
        &field("workplace"),
        role.workplace_cost_per_month,
    ));
    let rate_field = field("variable");
    match role.variable_pay {
        VariablePay::None => {}
        kind if kind.rate_is_percent() => {
            checks.push(check_percent(&rate_field, role.variable_rate))
        }
        _ => checks.push(check_amount(&rate_field, role.variable_rate)),
    }
    checks.into_iter().filter_map(Result::err).collect()
}

/// Back office and heads of sales are staffed from the whole unit, so one role of each kind:
/// a second one would double them. The extra ones get the error.
fn single_role_of_kind(h: &HeadcountInputs, kind: WorkloadDriver) -> Vec<FieldError> {
    h.roles
        .iter()
        .enumerate()
        .filter(|(_, r)| r.driver == kind)
        .skip(1)
        .map(|(i, _)| {
            FieldError::new(
                role_field(i, "driver"),
                Problem::CountOutOfRange { min: 0, max: 1 },
            )
        })
        .collect()
}

/// A positive finite number of at least `min`; below it the field says the allowed range.
fn at_least(field: &str, value: f64, min: f64, max: f64) -> Result<f64, FieldError> {
    let v = check_positive(field, value)?;
    if v < min {
        return Err(FieldError::new(field, Problem::OutOfRange { min, max }));
    }
    Ok(v)
}

/// A finite number in `min..=max`.
fn check_range(field: &str, value: f64, min: f64, max: f64) -> Result<f64, FieldError> {
    if !value.is_finite() {
        return Err(FieldError::new(field, Problem::NotANumber));
    }
    if value < min || value > max {
        return Err(FieldError::new(field, Problem::OutOfRange { min, max }));
    }
    Ok(value)
}
