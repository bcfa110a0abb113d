//! Edits of the headcount page: the plan and base inputs, the org template, the roles.

use crate::i18n::names::namer;
use crate::i18n::Lang;
use crate::model::headcount::{
    template_roles, HeadcountInputs, OrgTemplate, Role, VariablePay, WorkloadDriver, MAX_ROLES,
};
use crate::model::Plan;

/// The headcount inputs' plain number fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadcountNumber {
    ActiveClients,
    OrdersPerClient,
    /// Average check of an existing client's order.
    ExistingCheck,
    SpanOfControl,
    ManagersPerBackOffice,
    /// Share of a relieved manager's time the back office frees, %.
    BackOfficeRelief,
    PayrollTax,
}

/// The number fields of one role.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RoleNumber {
    /// The people of a fixed role: makes the driver `Fixed` with that many.
    FixedPeople,
    NormPerDay,
    ProductiveShare,
    FixedSalary,
    VariableRate,
    WorkplaceCost,
}

/// A change to one role.
#[derive(Debug, Clone, PartialEq)]
pub enum RoleEdit {
    SetName(String),
    SetDriver(WorkloadDriver),
    Set(RoleNumber, f64),
    SetRelievedByBackOffice(bool),
    /// The kind of variable pay; a rate that changes between percent and money per unit is
    /// reset to 0 (it would not mean the same).
    SetVariablePay(VariablePay),
}

impl RoleEdit {
    fn apply(self, r: &mut Role) {
        match self {
            RoleEdit::SetName(name) => r.name = name,
            RoleEdit::SetDriver(driver) => r.driver = driver,
            RoleEdit::Set(number, value) => match number {
                RoleNumber::FixedPeople => r.driver = WorkloadDriver::Fixed(value),
                RoleNumber::NormPerDay => r.norm_per_day = value,
                RoleNumber::ProductiveShare => r.productive_share_pct = value,
                RoleNumber::FixedSalary => r.fixed_salary_per_month = value,
                RoleNumber::VariableRate => r.variable_rate = value,
                RoleNumber::WorkplaceCost => r.workplace_cost_per_month = value,
            },
            RoleEdit::SetRelievedByBackOffice(relieved) => r.relieved_by_back_office = relieved,
            RoleEdit::SetVariablePay(kind) => {
                if r.variable_pay.rate_is_percent() != kind.rate_is_percent() {
                    r.variable_rate = 0.0;
                }
                r.variable_pay = kind;
            }
        }
    }
}

/// A change to the headcount inputs.
#[derive(Debug, Clone, PartialEq)]
pub enum HeadcountEdit {
    Set(HeadcountNumber, f64),
    /// Replaces every role by the template's, named in `lang`, on the plan's funnel stages.
    ApplyTemplate {
        template: OrgTemplate,
        lang: Lang,
    },
    /// Adds a new role named in `lang` (nothing at [`MAX_ROLES`]).
    AddRole {
        lang: Lang,
    },
    /// Removes a role; the last one stays.
    RemoveRole(usize),
    /// Changes role `index` (nothing if it is gone).
    Role(usize, RoleEdit),
}

impl HeadcountEdit {
    pub fn apply(self, plan: &mut Plan) {
        let h = &mut plan.headcount;
        match self {
            HeadcountEdit::Set(number, value) => *number_slot(h, number) = value,
            HeadcountEdit::ApplyTemplate { template, lang } => {
                h.roles = template_roles(template, &namer(lang), &plan.funnel.stages);
            }
            HeadcountEdit::AddRole { lang } => {
                if h.roles.len() < MAX_ROLES {
                    h.roles.push(Role::new(&namer(lang)));
                }
            }
            HeadcountEdit::RemoveRole(i) => {
                if h.roles.len() > 1 && i < h.roles.len() {
                    h.roles.remove(i);
                }
            }
            HeadcountEdit::Role(i, edit) => {
                if let Some(role) = h.roles.get_mut(i) {
                    edit.apply(role);
                }
            }
        }
    }
}

fn number_slot(h: &mut HeadcountInputs, number: HeadcountNumber) -> &mut f64 {
    match number {
        HeadcountNumber::ActiveClients => &mut h.active_clients,
        HeadcountNumber::OrdersPerClient => &mut h.orders_per_client_per_month,
        HeadcountNumber::ExistingCheck => &mut h.existing_avg_check,
        HeadcountNumber::SpanOfControl => &mut h.span_of_control,
        HeadcountNumber::ManagersPerBackOffice => &mut h.managers_per_back_office,
        HeadcountNumber::BackOfficeRelief => &mut h.back_office_relief_pct,
        HeadcountNumber::PayrollTax => &mut h.payroll_tax_pct,
    }
}
