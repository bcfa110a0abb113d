//! Headcount and budget (DESIGN.md §3.3, issue 4): how many people each role needs to make
//! the required contacts with the required clients for the revenue plan, and what the sales
//! unit then costs.
//!
//! The page is linked to the funnel: [`compute`] reads the funnel's stages, average check
//! and gross margin from the same [`Plan`], so a changed conversion changes headcount here.
//!
//! The rules, in the order [`compute`] applies them:
//! - **Revenue split**: new-client revenue = plan x new share; existing = the rest.
//! - **New clients**: the new-client revenue goes through `funnel::reverse` (one seller, so
//!   volumes are the unit's totals); a `FunnelStage(i)` role works stage `i`'s monthly volume;
//!   new clients per month = the reverse plan's deals.
//! - **Existing clients**: orders per month = ceil(existing revenue / existing average check)
//!   drive `BaseOrders` roles; `Portfolio` roles serve the active client base. The base's own
//!   orders (active clients x orders per client x check) are a check figure only
//!   ([`BaseCheck`]): they say whether the base can bring the existing-client plan.
//! - **Capacity** of one employee per month = norm per day x working days x productive share
//!   (`Portfolio`: clients per manager x productive share). FTE = workload / capacity,
//!   headcount = ceil(FTE), with floating noise removed (3.0000000001 -> 3).
//! - **Back office** (plan "with back office", the plan as entered): every relieved role's
//!   capacity is multiplied by (1 + relief), as the seed says: freeing 20 % of a manager's
//!   time raises their volume by 20 %;
//!   back office = ceil(relieved people / managers per back-office employee). The plan
//!   "without back office" staffs nobody in back-office roles and relieves nobody. Both are
//!   reported with their difference. With no back-office role the two are equal.
//! - **Heads of sales** = ceil(salespeople / span of control); salespeople are all roles but
//!   back office and heads.
//! - **Budget** per role = headcount x fixed salary + variable pay + payroll tax on both +
//!   headcount x workplace cost. Variable pay is computed on the revenue the role works on:
//!   funnel-stage roles on new-client revenue, base and portfolio roles on existing-client
//!   revenue, back office, heads and fixed roles on the whole plan. Gross profit = revenue x
//!   the funnel's gross margin (one margin for new and existing clients).
//! - **Acquisition cost** per new client = (funnel-stage roles' cost + heads' cost x the
//!   funnel-stage share of salespeople + back office's cost x the funnel-stage share of the
//!   relieved people) / new clients per month.

use serde::{Deserialize, Serialize};

use crate::model::funnel::{self, ContactType, FunnelInputs, ReversePlan, Stage};
use crate::model::names::Namer;
use crate::model::plan::RevenueTarget;
use crate::model::validation::{FieldError, Problem, MAX_AMOUNT};
use crate::model::Plan;

mod budget;
mod kpi;
mod roles;
mod staffing;
mod validate;

#[cfg(test)]
mod tests;

pub use budget::{BackOfficeEffect, RoleCost, Totals, MONTHS_PER_YEAR};
pub use kpi::{unit_of, KpiNorms, WorkUnit};
pub use roles::{
    template_roles, OrgTemplate, Role, VariablePay, WorkloadDriver, DEFAULT_PRODUCTIVE_SHARE_PCT,
};
pub use staffing::Staffing;
pub use validate::{
    role_field, MAX_RELIEF_PCT, MAX_ROLES, MAX_WORKING_DAYS, MIN_CHECK, MIN_NORM,
    MIN_PRODUCTIVE_PCT,
};

/// Everything the headcount page keeps in the plan.
/// Its `Default` (the demo, named in the default language) needs words, so it is implemented
/// with them, in the text layer's `names` module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct HeadcountInputs {
    /// The staff schedule's roles, in display order.
    pub roles: Vec<Role>,
    /// Clients in the active base.
    pub active_clients: f64,
    /// Orders one active client places per month on average.
    pub orders_per_client_per_month: f64,
    /// Average check of an existing client's order.
    pub existing_avg_check: f64,
    /// Salespeople one head of sales manages (default 7; the book: 5-8).
    pub span_of_control: f64,
    /// Managers one back-office employee relieves (default 5).
    pub managers_per_back_office: f64,
    /// Share of a relieved manager's time the back office frees, 0..=20 (default 20).
    pub back_office_relief_pct: f64,
    /// Payroll taxes on fixed and variable pay, 0..=100 (default 30).
    pub payroll_tax_pct: f64,
}

impl HeadcountInputs {
    /// The demo: the transactional template on the demo funnel, 50 mln a month, 20% from
    /// new clients, 2 000 active clients ordering monthly at 20 000.
    pub fn demo(names: Namer) -> Self {
        let stages = FunnelInputs::demo(names).stages;
        HeadcountInputs {
            roles: template_roles(OrgTemplate::Transactional, names, &stages),
            active_clients: 2_000.0,
            orders_per_client_per_month: 1.0,
            existing_avg_check: 20_000.0,
            span_of_control: 7.0,
            managers_per_back_office: 5.0,
            back_office_relief_pct: 20.0,
            payroll_tax_pct: 30.0,
        }
    }

    /// Indices of the roles a funnel stage drives, for the funnel page's "drives: ..." note.
    pub fn roles_driven_by(&self, stage_index: usize) -> Vec<usize> {
        self.roles
            .iter()
            .enumerate()
            .filter(|(_, r)| r.driver == WorkloadDriver::FunnelStage(stage_index))
            .map(|(i, _)| i)
            .collect()
    }

    /// Keeps the role links right when the funnel page removes stage `removed`: links to
    /// later stages shift down; a role on the removed stage moves to the stage now in its
    /// place (the last stage if it was the last).
    pub fn stage_removed(&mut self, removed: usize, stages_left: usize) {
        for role in &mut self.roles {
            if let WorkloadDriver::FunnelStage(i) = &mut role.driver {
                if *i > removed {
                    *i -= 1;
                }
                *i = (*i).min(stages_left.saturating_sub(1));
            }
        }
    }

    /// Keeps the role links right when the funnel page inserts a stage at `at`.
    pub fn stage_inserted(&mut self, at: usize) {
        for role in &mut self.roles {
            if let WorkloadDriver::FunnelStage(i) = &mut role.driver {
                if *i >= at {
                    *i += 1;
                }
            }
        }
    }

    /// Keeps the role links right when the funnel page moves the stage at `from` to `to`
    /// (remove, then insert at `to`): a role stays on the same stage wherever it goes, and
    /// the roles on the stages in between follow their stages.
    pub fn stage_moved(&mut self, from: usize, to: usize) {
        for role in &mut self.roles {
            if let WorkloadDriver::FunnelStage(i) = &mut role.driver {
                *i = moved_index(*i, from, to);
            }
        }
    }
}

/// Where the item at `index` ends up after the item at `from` moves to `to`.
fn moved_index(index: usize, from: usize, to: usize) -> usize {
    if index == from {
        to
    } else if from < index && index <= to {
        index - 1
    } else if to <= index && index < from {
        index + 1
    } else {
        index
    }
}

/// The monthly revenue plan and its parts. Money per month.
#[derive(Debug, Clone, PartialEq)]
pub struct RevenueSplit {
    pub total: f64,
    pub new_clients: f64,
    pub existing_clients: f64,
    /// Total x the funnel's gross margin.
    pub gross_profit: f64,
}

/// Whether the active base can bring the existing-client revenue. Per month.
#[derive(Debug, Clone, PartialEq)]
pub struct BaseCheck {
    /// Orders the plan needs = ceil(existing-client revenue / existing average check); these
    /// drive the `BaseOrders` roles.
    pub orders_needed: f64,
    /// Orders the base places = active clients x orders per client.
    pub base_orders: f64,
    /// Revenue the base brings = base orders x existing average check.
    pub base_revenue: f64,
    /// Orders needed - base orders: above 0 the base must grow or buy more often.
    pub orders_gap: f64,
    /// Base revenue / existing-client revenue x 100; `None` when no existing revenue is planned.
    pub coverage_pct: Option<f64>,
}

/// A role's funnel stage, so the page can say which stage drives it.
#[derive(Debug, Clone, PartialEq)]
pub struct StageLink {
    /// 0-based; shown as `index + 1`.
    pub index: usize,
    pub name: String,
    pub contact: ContactType,
}

/// One role, staffed and costed with and without back office.
#[derive(Debug, Clone, PartialEq)]
pub struct RoleReport {
    pub name: String,
    pub driver: WorkloadDriver,
    /// The driving funnel stage of a `FunnelStage` role.
    pub stage: Option<StageLink>,
    /// What the workload counts.
    pub unit: WorkUnit,
    /// Revenue the role's variable pay is computed on, per month.
    pub revenue_base_per_month: f64,
    /// The plan as entered.
    pub with_back_office: Staffing,
    pub with_back_office_cost: RoleCost,
    /// The same plan with no back office and nobody relieved.
    pub without_back_office: Staffing,
    pub without_back_office_cost: RoleCost,
    /// Norms of one employee, as staffed with back office (the KPI sheet row).
    pub kpi: KpiNorms,
}

/// Everything the headcount page shows.
#[derive(Debug, Clone, PartialEq)]
pub struct HeadcountReport {
    pub revenue: RevenueSplit,
    /// New clients per month = the reverse plan's deals for the new-client revenue.
    pub new_clients_per_month: f64,
    /// Monthly volume of every funnel stage for the new-client revenue, first stage first.
    pub stage_volumes_per_month: Vec<f64>,
    pub base: BaseCheck,
    /// One per input role, same order.
    pub roles: Vec<RoleReport>,
    /// The plan has a back-office role (otherwise with = without).
    pub has_back_office: bool,
    /// Totals of the plan as entered.
    pub with_back_office: Totals,
    pub without_back_office: Totals,
    /// With minus without.
    pub back_office_effect: BackOfficeEffect,
}

/// Whether an error belongs to the funnel page (so the UI says "fix the funnel" with a link).
pub fn is_funnel_error(error: &FieldError) -> bool {
    let f = error.field.as_str();
    f == "stages" || f == "avg-check" || f == "gross-margin" || f.starts_with("stage-")
}

/// The headcount page's numbers for a plan; called on every keystroke.
pub fn compute(plan: &Plan) -> Result<HeadcountReport, Vec<FieldError>> {
    let mut errors = validate::validate(plan);
    let revenue = revenue_split(&plan.target, plan.funnel.gross_margin_pct);
    // With bad revenue inputs the funnel is still checked, on a zero target.
    let target = if errors
        .iter()
        .any(|e| e.field == "revenue-plan" || e.field == "new-share")
    {
        0.0
    } else {
        revenue.new_clients
    };
    match reverse_plan(plan, target) {
        Ok(reverse) if errors.is_empty() => return Ok(build_report(plan, revenue, &reverse)),
        Ok(_) => {}
        Err(funnel_errors) => errors.extend(funnel_errors),
    }
    Err(dedup(errors))
}

fn revenue_split(target: &RevenueTarget, gross_margin_pct: f64) -> RevenueSplit {
    let total = target.total();
    RevenueSplit {
        total,
        new_clients: target.new_clients(),
        existing_clients: target.existing_clients(),
        gross_profit: total * gross_margin_pct / 100.0,
    }
}

/// The funnel's reverse plan for the new-client revenue, refused when its volumes leave the
/// model's range (a tiny check or conversion can ask for more than 1e15 contacts).
fn reverse_plan(plan: &Plan, target: f64) -> Result<ReversePlan, Vec<FieldError>> {
    let f = &plan.funnel;
    let days = plan.working_days_per_month;
    // The target is this page's new-client revenue, so its problems belong to `revenue-plan`.
    let reverse = funnel::reverse(&f.stages, f.avg_check, target, days, 1.0).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| match e.field.as_str() {
                "target-revenue" => FieldError::new("revenue-plan", e.problem),
                _ => e,
            })
            .collect::<Vec<_>>()
    })?;
    let in_range = |v: f64| v.is_finite() && v <= MAX_AMOUNT;
    if in_range(reverse.deals) && reverse.stages.iter().all(|s| in_range(s.per_month)) {
        Ok(reverse)
    } else {
        Err(vec![FieldError::new(
            "revenue-plan",
            Problem::TooLarge { max: MAX_AMOUNT },
        )])
    }
}

/// One error per field (the funnel and this page both check the working days).
fn dedup(errors: Vec<FieldError>) -> Vec<FieldError> {
    let mut unique: Vec<FieldError> = Vec::with_capacity(errors.len());
    for e in errors {
        if !unique.iter().any(|u| u.field == e.field) {
            unique.push(e);
        }
    }
    unique
}

fn base_check(h: &HeadcountInputs, existing_revenue: f64) -> BaseCheck {
    let orders_needed = round_noise(existing_revenue / h.existing_avg_check).ceil();
    let base_orders = h.active_clients * h.orders_per_client_per_month;
    let base_revenue = base_orders * h.existing_avg_check;
    BaseCheck {
        orders_needed,
        base_orders,
        base_revenue,
        orders_gap: orders_needed - base_orders,
        coverage_pct: safe_ratio(base_revenue, existing_revenue)
            .map(|r| r * 100.0)
            .filter(|p| p.is_finite()),
    }
}

/// The monthly workload a workload-driven role gets from the plan (0 for the others).
fn own_workload(
    driver: WorkloadDriver,
    reverse: &ReversePlan,
    base: &BaseCheck,
    h: &HeadcountInputs,
) -> f64 {
    match driver {
        WorkloadDriver::FunnelStage(i) => reverse.stages.get(i).map_or(0.0, |s| s.per_month),
        WorkloadDriver::BaseOrders => base.orders_needed,
        WorkloadDriver::Portfolio => h.active_clients,
        _ => 0.0,
    }
}

fn revenue_base(driver: WorkloadDriver, revenue: &RevenueSplit) -> f64 {
    match driver {
        WorkloadDriver::FunnelStage(_) => revenue.new_clients,
        WorkloadDriver::BaseOrders | WorkloadDriver::Portfolio => revenue.existing_clients,
        _ => revenue.total,
    }
}

fn stage_link(driver: WorkloadDriver, stages: &[Stage]) -> Option<StageLink> {
    let WorkloadDriver::FunnelStage(index) = driver else {
        return None;
    };
    stages.get(index).map(|s| StageLink {
        index,
        name: s.name.clone(),
        contact: s.contact,
    })
}

/// One scenario's staffing, costs and totals.
struct Scenario {
    staffing: Vec<Staffing>,
    costs: Vec<RoleCost>,
    totals: Totals,
}

fn build_report(plan: &Plan, revenue: RevenueSplit, reverse: &ReversePlan) -> HeadcountReport {
    let h = &plan.headcount;
    let stages = &plan.funnel.stages;
    let base = base_check(h, revenue.existing_clients);
    let workloads: Vec<f64> = h
        .roles
        .iter()
        .map(|r| own_workload(r.driver, reverse, &base, h))
        .collect();
    let rules = staffing::StaffingRules {
        working_days: plan.working_days_per_month,
        span_of_control: h.span_of_control,
        managers_per_back_office: h.managers_per_back_office,
        relief_pct: h.back_office_relief_pct,
    };
    let scenario = |with_back_office: bool| {
        let staffing = staffing::staff(&h.roles, &workloads, &rules, with_back_office);
        let costs: Vec<RoleCost> = h
            .roles
            .iter()
            .zip(&staffing)
            .map(|(role, s)| {
                let pay = budget::PayBase {
                    revenue: revenue_base(role.driver, &revenue),
                    gross_margin_pct: plan.funnel.gross_margin_pct,
                    payroll_tax_pct: h.payroll_tax_pct,
                };
                budget::role_cost(role, s, &pay)
            })
            .collect();
        let totals = budget::totals(&budget::TotalsInput {
            roles: &h.roles,
            staffing: &staffing,
            costs: &costs,
            revenue_per_month: revenue.total,
            gross_profit_per_month: revenue.gross_profit,
            new_clients_per_month: reverse.deals,
        });
        Scenario {
            staffing,
            costs,
            totals,
        }
    };
    let with = scenario(true);
    let without = scenario(false);
    let with_rows = with.staffing.into_iter().zip(with.costs);
    let without_rows = without.staffing.into_iter().zip(without.costs);
    let roles = h
        .roles
        .iter()
        .zip(with_rows.zip(without_rows))
        .map(|(role, ((staffed, cost), (bare, bare_cost)))| {
            let unit = kpi::unit_of(role.driver, stages);
            RoleReport {
                name: role.name.clone(),
                driver: role.driver,
                stage: stage_link(role.driver, stages),
                unit,
                revenue_base_per_month: revenue_base(role.driver, &revenue),
                kpi: kpi::norms(
                    unit,
                    staffed.workload_per_month,
                    staffed.headcount,
                    plan.working_days_per_month,
                ),
                with_back_office: staffed,
                with_back_office_cost: cost,
                without_back_office: bare,
                without_back_office_cost: bare_cost,
            }
        })
        .collect();
    HeadcountReport {
        new_clients_per_month: reverse.deals,
        stage_volumes_per_month: reverse.stages.iter().map(|s| s.per_month).collect(),
        base,
        roles,
        has_back_office: h
            .roles
            .iter()
            .any(|r| r.driver == WorkloadDriver::BackOffice),
        back_office_effect: BackOfficeEffect::between(&with.totals, &without.totals),
        with_back_office: with.totals,
        without_back_office: without.totals,
        revenue,
    }
}

/// `a / b` when that is a finite number and `b > 0`; `None` otherwise (no ratio to show).
pub(crate) fn safe_ratio(a: f64, b: f64) -> Option<f64> {
    if b > 0.0 {
        Some(a / b).filter(|r| r.is_finite())
    } else {
        None
    }
}

/// Sum that starts at +0.0 (`Iterator::sum` of no floats is -0.0, shown as "-0").
pub(crate) fn sum(values: impl Iterator<Item = f64>) -> f64 {
    values.fold(0.0, |acc, v| acc + v)
}

/// Removes floating-point noise below 1e-9 relative so that ceil(3.0000000001) stays 3.
pub(crate) fn round_noise(x: f64) -> f64 {
    let r = x.round();
    if (x - r).abs() <= 1e-9 * r.abs().max(1.0) {
        r
    } else {
        x
    }
}
