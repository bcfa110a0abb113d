//! What a plan keeps of the client-base analysis, and the one click that carries the base's
//! figures into the LTV and headcount inputs.
//!
//! The plan keeps the analysis settings and a summary of the last import (counts, sums, the
//! base figures, the predicted value), never the rows: a plan stays small enough for
//! localStorage and a share link, and a client's data does not travel with it.

use serde::{Deserialize, Serialize};

use super::analysis::{AnalysisSettings, BaseFigures, GroupTotals, Summary};
use super::clv::{ClvSettings, HorizonUnit};
use crate::model::ltv::{field, RetentionBasis};
use crate::model::{Currency, Plan};

/// The clients part of a plan.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ClientsInputs {
    pub analysis: AnalysisSettings,
    pub clv: ClvSettings,
    /// The currency of the file's amounts when it is not the plan's (a consultant's client
    /// base in dollars beside a plan in roubles); `None`: the plan's.
    pub currency: Option<Currency>,
    pub last_import: Option<ImportSummary>,
}

/// A summary of one import: what the page shows when the rows are gone (after a reload).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ImportSummary {
    pub file_name: String,
    /// When it was analysed, ms since 1970.
    pub analysed_at_ms: f64,
    pub rows_read: usize,
    pub rejected_rows: usize,
    pub summary: Summary,
    pub base: BaseFigures,
    /// ABC classes A, B, C.
    pub abc: [GroupTotals; 3],
    /// RFM segments in [`super::rfm::Segment::ALL`] order.
    pub segments: [GroupTotals; 6],
    /// Predicted value of the base over the horizon, when the forecast can be trusted.
    pub predicted_base_value: Option<f64>,
    /// Plans saved before the unit could be chosen have the horizon in months.
    #[serde(alias = "horizon_months")]
    pub horizon: f64,
    pub horizon_unit: HorizonUnit,
}

/// One input the transfer changed: its field id (`ltv-avg-check`, `active-clients` ...), the
/// value before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub field: &'static str,
    pub before: f64,
    pub after: f64,
}

/// Rounds to `digits` decimals, so an input shows `1,37`, not `1,3683419`.
fn round_to(v: f64, digits: i32) -> f64 {
    let k = 10f64.powi(digits);
    (v * k).round() / k
}

/// Carries the base's figures into the plan: the LTV's average check, purchases per period,
/// retention per period and sleeping clients; the headcount's active clients, orders per
/// client per month and existing clients' average check. Figures the data does not give
/// (no retention from a short file, no purchases) leave their input as it was, and so does
/// the check of a file in another currency than the plan's. Returns what changed, in that
/// order.
pub fn apply_base_figures(plan: &mut Plan, base: &BaseFigures) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut set = |field: &'static str, slot: &mut f64, value: f64| {
        if value.is_finite() && value >= 0.0 && *slot != value {
            changes.push(Change {
                field,
                before: *slot,
                after: value,
            });
            *slot = value;
        }
    };
    let months_per_period = 12.0 / plan.ltv.period.per_year();
    // A check in another currency than the plan's would be a wrong figure, not a converted
    // one: only the counts and shares are carried then.
    let same_currency = plan.clients_currency() == plan.currency;
    if base.avg_check > 0.0 && same_currency {
        let check = round_to(base.avg_check, 2);
        set(field::AVG_CHECK, &mut plan.ltv.avg_check, check);
        set(
            "existing-check",
            &mut plan.headcount.existing_avg_check,
            check,
        );
    }
    if base.purchases_per_client_per_month > 0.0 {
        let per_month = base.purchases_per_client_per_month;
        set(
            field::FREQUENCY,
            &mut plan.ltv.purchases_per_period,
            round_to(per_month * months_per_period, 2),
        );
        set(
            "orders-per-client",
            &mut plan.headcount.orders_per_client_per_month,
            round_to(per_month, 2),
        );
    }
    if let Some(monthly) = base.monthly_retention_pct.filter(|r| r.is_finite()) {
        let per_period = 100.0 * (monthly.clamp(0.0, 100.0) / 100.0).powf(months_per_period);
        plan.ltv.retention_basis = RetentionBasis::Retention;
        set(
            field::RETENTION,
            &mut plan.ltv.retention_pct,
            round_to(per_period, 1),
        );
    }
    if base.active_clients > 0 {
        set(
            "active-clients",
            &mut plan.headcount.active_clients,
            base.active_clients as f64,
        );
    }
    set(
        field::SLEEPING_CLIENTS,
        &mut plan.ltv.sleeping_clients,
        base.sleeping_clients as f64,
    );
    changes
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ltv::Period;
    use crate::model::names::variant_names;

    fn base() -> BaseFigures {
        BaseFigures {
            active_clients: 1_234,
            active_window_days: 90.0,
            avg_check: 15_432.567,
            purchases_per_client_per_month: 1.3683,
            monthly_retention_pct: Some(90.0),
            window_months: 12.0,
            sleeping_clients: 321,
            sleeping_revenue: 1e6,
        }
    }

    #[test]
    fn monthly_figures_go_into_a_monthly_plan_rounded() {
        let mut plan = Plan::demo(&variant_names);
        plan.ltv.period = Period::Month;
        plan.ltv.retention_basis = RetentionBasis::Churn;
        let changes = apply_base_figures(&mut plan, &base());
        assert_eq!(plan.ltv.avg_check, 15_432.57);
        assert_eq!(plan.headcount.existing_avg_check, 15_432.57);
        assert_eq!(plan.ltv.purchases_per_period, 1.37);
        assert_eq!(plan.headcount.orders_per_client_per_month, 1.37);
        assert_eq!(plan.ltv.retention_basis, RetentionBasis::Retention);
        assert_eq!(plan.ltv.retention_pct, 90.0);
        assert_eq!(plan.headcount.active_clients, 1_234.0);
        assert_eq!(plan.ltv.sleeping_clients, 321.0);
        let fields: Vec<&str> = changes.iter().map(|c| c.field).collect();
        assert!(fields.contains(&field::AVG_CHECK) && fields.contains(&"active-clients"));
    }

    #[test]
    fn a_quarterly_plan_gets_quarterly_purchases_and_retention() {
        let mut plan = Plan::demo(&variant_names);
        plan.ltv.period = Period::Quarter;
        apply_base_figures(&mut plan, &base());
        // 1.3683 a month x 3 months; 0.9^3 = 0.729.
        assert_eq!(plan.ltv.purchases_per_period, 4.10);
        assert_eq!(plan.ltv.retention_pct, 72.9);
    }

    #[test]
    fn figures_the_data_does_not_give_leave_the_inputs_alone() {
        let mut plan = Plan::demo(&variant_names);
        let before = plan.clone();
        let empty = BaseFigures {
            sleeping_clients: before.ltv.sleeping_clients as usize,
            ..BaseFigures::default()
        };
        assert!(apply_base_figures(&mut plan, &empty).is_empty());
        assert_eq!(plan, before);
    }

    #[test]
    fn a_file_in_another_currency_carries_no_check() {
        let mut plan = Plan::demo(&variant_names);
        plan.clients.currency = Some(Currency::USD);
        let check = plan.ltv.avg_check;
        let changes = apply_base_figures(&mut plan, &base());
        assert_eq!(plan.ltv.avg_check, check);
        assert!(changes.iter().all(|c| c.field != field::AVG_CHECK));
        assert_eq!(plan.headcount.active_clients, 1_234.0);
        // The plan's own currency set as the file's is no other currency.
        plan.clients.currency = Some(plan.currency);
        apply_base_figures(&mut plan, &base());
        assert_eq!(plan.ltv.avg_check, 15_432.57);
    }

    #[test]
    fn an_import_summary_saved_with_a_horizon_in_months_reads_as_months() {
        let old = r#"{"file_name":"a.csv","horizon_months":24.0,"predicted_base_value":5.0}"#;
        let summary: ImportSummary = serde_json::from_str(old).unwrap();
        assert_eq!(summary.horizon, 24.0);
        assert_eq!(summary.horizon_unit, HorizonUnit::Months);
        let settings: ClvSettings =
            serde_json::from_str(r#"{"horizon_months":6.0,"margin_pct":40.0}"#).unwrap();
        assert_eq!(
            (settings.horizon, settings.horizon_unit),
            (6.0, HorizonUnit::Months)
        );
        assert_eq!(settings.calibration_end, None);
    }

    #[test]
    fn an_old_plan_without_the_clients_part_reads_with_defaults() {
        let mut json = serde_json::to_value(Plan::demo(&variant_names)).unwrap();
        json.as_object_mut().unwrap().remove("clients");
        let plan: Plan = serde_json::from_value(json).unwrap();
        assert_eq!(plan.clients, ClientsInputs::default());
    }
}
