//! Two or three plans side by side: one row per key figure, each cell compared with the first
//! plan so the page can highlight what differs.

use crate::model::ltv::Figure;

use super::summary::PlanSummary;

/// What a row of the comparison shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Metric {
    RevenuePlan,
    FunnelTarget,
    DealsNeeded,
    LeadsNeeded,
    /// People in the role of this name (roles are matched by name across plans).
    RoleHeadcount(String),
    TotalHeadcount,
    BudgetPerMonth,
    BudgetShareOfRevenue,
    AcquisitionCost,
    Ltv,
    Cac,
    LtvToCac,
}

/// How a value is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Money in the plan's currency.
    Money,
    /// A whole number of people, deals, leads.
    Count,
    /// 0..=100.
    Percent,
    /// A ratio such as 3.2 (shown as 3.2 : 1).
    Ratio,
}

impl Metric {
    pub fn kind(&self) -> Kind {
        match self {
            Metric::RevenuePlan
            | Metric::FunnelTarget
            | Metric::BudgetPerMonth
            | Metric::AcquisitionCost
            | Metric::Ltv
            | Metric::Cac => Kind::Money,
            Metric::DealsNeeded
            | Metric::LeadsNeeded
            | Metric::RoleHeadcount(_)
            | Metric::TotalHeadcount => Kind::Count,
            Metric::BudgetShareOfRevenue => Kind::Percent,
            Metric::LtvToCac => Kind::Ratio,
        }
    }

    /// Part of the cells' test ids (`compare-<key>-<plan>`); roles are numbered by `role_index`.
    pub fn key(&self, role_index: usize) -> String {
        match self {
            Metric::RevenuePlan => "revenue-plan".into(),
            Metric::FunnelTarget => "funnel-target".into(),
            Metric::DealsNeeded => "deals".into(),
            Metric::LeadsNeeded => "leads".into(),
            Metric::RoleHeadcount(_) => format!("role-{}", role_index + 1),
            Metric::TotalHeadcount => "headcount".into(),
            Metric::BudgetPerMonth => "budget".into(),
            Metric::BudgetShareOfRevenue => "budget-share".into(),
            Metric::AcquisitionCost => "acquisition-cost".into(),
            Metric::Ltv => "ltv".into(),
            Metric::Cac => "cac".into(),
            Metric::LtvToCac => "ltv-cac".into(),
        }
    }
}

/// A cell against the same row's first plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delta {
    /// The first plan itself, or equal to it.
    Same,
    Higher,
    Lower,
    /// One of the two has no value (a problem in its inputs, a role it does not have).
    NotComparable,
}

/// One row: a value per plan (`None` = not available) and how each compares with the first.
#[derive(Debug, Clone, PartialEq)]
pub struct CompareRow {
    pub metric: Metric,
    pub values: Vec<Option<Figure>>,
    pub deltas: Vec<Delta>,
    /// Some value differs from the first plan's.
    pub differs: bool,
}

/// Compares plans row by row. Roles are listed in the order they first appear.
pub fn compare(plans: &[PlanSummary]) -> Vec<CompareRow> {
    let money = |f: fn(&PlanSummary) -> Option<f64>| -> Vec<Option<Figure>> {
        plans.iter().map(|p| f(p).map(Figure::Finite)).collect()
    };
    let mut rows = vec![
        row(
            Metric::RevenuePlan,
            money(|p| Some(p.revenue_plan_per_month)),
        ),
        row(
            Metric::FunnelTarget,
            money(|p| Some(p.funnel_target_per_month)),
        ),
        row(Metric::DealsNeeded, money(|p| p.deals_per_month)),
        row(Metric::LeadsNeeded, money(|p| p.leads_per_month)),
    ];
    for name in role_names(plans) {
        let values = plans
            .iter()
            .map(|p| {
                p.roles
                    .iter()
                    .find(|r| r.name == name)
                    .map(|r| Figure::Finite(r.headcount))
            })
            .collect();
        rows.push(row(Metric::RoleHeadcount(name), values));
    }
    rows.extend([
        row(Metric::TotalHeadcount, money(|p| p.headcount_total)),
        row(Metric::BudgetPerMonth, money(|p| p.budget_per_month)),
        row(
            Metric::BudgetShareOfRevenue,
            money(|p| p.budget_share_of_revenue_pct),
        ),
        row(
            Metric::AcquisitionCost,
            money(|p| p.acquisition_cost_per_new_client),
        ),
        row(Metric::Ltv, plans.iter().map(|p| p.ltv).collect()),
        row(Metric::Cac, money(|p| p.cac)),
        row(
            Metric::LtvToCac,
            plans.iter().map(|p| p.ltv_to_cac).collect(),
        ),
    ]);
    rows
}

fn role_names(plans: &[PlanSummary]) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for role in plans.iter().flat_map(|p| &p.roles) {
        if !names.contains(&role.name) {
            names.push(role.name.clone());
        }
    }
    names
}

fn row(metric: Metric, values: Vec<Option<Figure>>) -> CompareRow {
    let first = values.first().copied().flatten();
    let deltas: Vec<Delta> = values.iter().map(|v| delta(first, *v)).collect();
    let differs = deltas.iter().any(|d| *d != Delta::Same);
    CompareRow {
        metric,
        values,
        deltas,
        differs,
    }
}

/// Equal within a relative 1e-9 (figures computed along different paths may differ in the
/// last bits); unbounded equals unbounded and is higher than any number.
fn delta(first: Option<Figure>, value: Option<Figure>) -> Delta {
    match (first, value) {
        (None, None) => Delta::Same,
        (None, Some(_)) | (Some(_), None) => Delta::NotComparable,
        (Some(Figure::Unbounded), Some(Figure::Unbounded)) => Delta::Same,
        (Some(Figure::Finite(_)), Some(Figure::Unbounded)) => Delta::Higher,
        (Some(Figure::Unbounded), Some(Figure::Finite(_))) => Delta::Lower,
        (Some(Figure::Finite(a)), Some(Figure::Finite(b))) => {
            let tolerance = 1e-9 * a.abs().max(b.abs()).max(1.0);
            if (a - b).abs() <= tolerance {
                Delta::Same
            } else if b > a {
                Delta::Higher
            } else {
                Delta::Lower
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::names::variant_names;
    use crate::model::plan::{summarize, Plan};

    fn find<'a>(rows: &'a [CompareRow], metric: &Metric) -> &'a CompareRow {
        rows.iter().find(|r| &r.metric == metric).unwrap()
    }

    #[test]
    fn equal_plans_have_no_differences() {
        let s = summarize(&Plan::demo(&variant_names));
        let rows = compare(&[s.clone(), s]);
        assert!(rows.iter().all(|r| !r.differs), "{rows:?}");
        assert!(rows
            .iter()
            .any(|r| matches!(r.metric, Metric::RoleHeadcount(_))));
    }

    #[test]
    fn a_doubled_target_is_higher_and_highlighted() {
        let a = Plan::demo(&variant_names);
        let mut b = a.clone();
        b.target.new_clients_per_month *= 2.0;
        let mut c = a.clone();
        c.target.new_clients_per_month /= 2.0;
        let rows = compare(&[summarize(&a), summarize(&b), summarize(&c)]);
        let leads = find(&rows, &Metric::LeadsNeeded);
        assert!(leads.differs);
        assert_eq!(leads.deltas, vec![Delta::Same, Delta::Higher, Delta::Lower]);
        // 20 000 000 / 150 000 = 133.3 -> 134 deals (twice 67).
        assert_eq!(
            find(&rows, &Metric::DealsNeeded).values[1],
            Some(Figure::Finite(134.0))
        );
        assert!(!find(&rows, &Metric::Ltv).differs);
    }

    #[test]
    fn roles_are_matched_by_name_and_missing_ones_are_not_comparable() {
        let a = Plan::demo(&variant_names);
        let mut b = a.clone();
        b.headcount.roles[0].name = "Inside sales".into();
        let rows = compare(&[summarize(&a), summarize(&b)]);
        let first_name = a.headcount.roles[0].name.clone();
        let original = find(&rows, &Metric::RoleHeadcount(first_name));
        assert_eq!(original.deltas, vec![Delta::Same, Delta::NotComparable]);
        let renamed = find(&rows, &Metric::RoleHeadcount("Inside sales".into()));
        assert_eq!(renamed.values[0], None);
        assert!(renamed.differs);
    }

    #[test]
    fn deltas_handle_unbounded_and_noise() {
        let f = Figure::Finite;
        assert_eq!(delta(Some(f(1.0)), Some(f(1.0 + 1e-12))), Delta::Same);
        assert_eq!(delta(Some(f(1.0)), Some(Figure::Unbounded)), Delta::Higher);
        assert_eq!(delta(Some(Figure::Unbounded), Some(f(5.0))), Delta::Lower);
        assert_eq!(
            delta(Some(Figure::Unbounded), Some(Figure::Unbounded)),
            Delta::Same
        );
        assert_eq!(delta(None, None), Delta::Same);
        assert_eq!(delta(None, Some(f(0.0))), Delta::NotComparable);
    }

    #[test]
    fn keys_are_test_id_parts() {
        assert_eq!(Metric::LeadsNeeded.key(0), "leads");
        assert_eq!(Metric::RoleHeadcount("x".into()).key(2), "role-3");
        assert_eq!(Metric::LtvToCac.kind(), Kind::Ratio);
    }
}
