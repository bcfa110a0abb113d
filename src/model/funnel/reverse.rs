//! Reverse pass: from the monthly revenue target to the volume each stage needs, per month,
//! week, working day and seller: the contact norms (DESIGN.md §3.1 "Reverse").

use crate::model::validation::{check_percent, FieldError, Problem, Validator, MAX_AMOUNT};

use super::check_stages;
use super::validate::{check_sellers, check_working_days};
use super::{conversion_field, fields, overall_conversion_pct, round_noise, Stage};

/// Weeks in a month on average (52 weeks / 12 months).
pub const WEEKS_PER_MONTH: f64 = 52.0 / 12.0;

/// Required volume at one stage of a reverse plan (clients who must reach this stage).
///
/// `per_month` is a whole number; the finer figures are exact divisions, not rounded (the UI
/// shows them with a decimal; round up when turning them into a norm).
#[derive(Debug, Clone, PartialEq)]
pub struct StageRequirement {
    /// Clients per month, rounded up.
    pub per_month: f64,
    /// Clients per week: per month / (52 / 12).
    pub per_week: f64,
    /// Clients per working day: per month / working days per month.
    pub per_day: f64,
    /// One seller's share per working day.
    pub per_seller_per_day: f64,
    /// One seller's share per week.
    pub per_seller_per_week: f64,
    /// One seller's share per month.
    pub per_seller_per_month: f64,
}

/// The reverse plan: from a revenue target to the volume each stage needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ReversePlan {
    /// Deals needed per month: ceil(target / average check).
    pub deals: f64,
    /// One entry per stage, first stage first; every per-month figure is a whole number.
    pub stages: Vec<StageRequirement>,
    /// Money per month the plan actually produces: deals x average check (>= the target,
    /// because deals are rounded up).
    pub revenue: f64,
    /// Gross profit of `revenue` at the plan's gross margin, money per month. `None` from
    /// [`reverse`], which is not given the margin; [`reverse_with_margin`] and
    /// [`super::compute`] fill it.
    pub gross_profit: Option<f64>,
    /// Share of entering clients that become deals, % (product of the conversions).
    pub overall_conversion_pct: f64,
}

impl ReversePlan {
    /// Clients that must enter the first stage per month (the leads the plan needs).
    pub fn leads_per_month(&self) -> f64 {
        self.stages.first().map_or(0.0, |s| s.per_month)
    }
}

/// Walks the funnel backwards from a monthly revenue target (DESIGN.md §3.1 "Reverse").
///
/// Deals are rounded up, then each stage's volume is rounded up stage by stage, so the
/// forward pass of the result always reaches the target. A zero conversion makes the plan
/// impossible and is reported on that stage's conversion field; a plan needing more than
/// [`MAX_AMOUNT`] clients at any stage is reported on `target-revenue` as too large.
pub fn reverse(
    stages: &[Stage],
    avg_check: f64,
    target_revenue: f64,
    working_days: f64,
    sellers: f64,
) -> Result<ReversePlan, Vec<FieldError>> {
    let mut v = Validator::default();
    check_stages(&mut v, stages);
    v.extend(zero_conversion_errors(stages));
    let avg_check = v.positive(fields::AVG_CHECK, avg_check);
    let target = v.amount(fields::TARGET_REVENUE, target_revenue);
    let days = v.keep(check_working_days(working_days));
    let sellers = v.keep(check_sellers(sellers));
    v.finish(())?;
    let deals = round_noise(target / avg_check).ceil();
    let per_month = required_per_month(stages, deals).ok_or_else(|| {
        vec![FieldError::new(
            fields::TARGET_REVENUE,
            Problem::TooLarge { max: MAX_AMOUNT },
        )]
    })?;
    Ok(ReversePlan {
        deals,
        stages: per_month
            .into_iter()
            .map(|m| requirement(m, days, sellers))
            .collect(),
        revenue: deals * avg_check,
        gross_profit: None,
        overall_conversion_pct: overall_conversion_pct(stages),
    })
}

/// [`reverse`], plus the gross profit the plan produces at `gross_margin_pct` (0..=100).
pub fn reverse_with_margin(
    stages: &[Stage],
    avg_check: f64,
    gross_margin_pct: f64,
    target_revenue: f64,
    working_days: f64,
    sellers: f64,
) -> Result<ReversePlan, Vec<FieldError>> {
    let margin = check_percent(fields::GROSS_MARGIN, gross_margin_pct);
    match (
        reverse(stages, avg_check, target_revenue, working_days, sellers),
        margin,
    ) {
        (Ok(mut plan), Ok(margin)) => {
            plan.gross_profit = Some(plan.revenue * margin / 100.0);
            Ok(plan)
        }
        (Ok(_), Err(e)) => Err(vec![e]),
        (Err(mut errors), margin) => {
            errors.extend(margin.err());
            Err(errors)
        }
    }
}

/// A zero conversion means no volume upstream can produce a single deal.
fn zero_conversion_errors(stages: &[Stage]) -> Vec<FieldError> {
    let transitions = stages.len().saturating_sub(1);
    stages[..transitions]
        .iter()
        .enumerate()
        .filter(|(_, s)| s.conversion_pct == 0.0)
        .map(|(i, _)| FieldError::new(conversion_field(i), Problem::ZeroConversionBlocksPlan))
        .collect()
}

/// Whole clients per month at every stage, rounded up stage by stage from the deals upwards.
///
/// `None` when some stage would need more than [`MAX_AMOUNT`] clients (tiny conversions).
pub(crate) fn required_per_month(stages: &[Stage], deals: f64) -> Option<Vec<f64>> {
    let last = stages.len().checked_sub(1)?;
    let mut per_month = vec![0.0; stages.len()];
    per_month[last] = deals;
    for i in (0..last).rev() {
        // Round before ceil so 0.1 + 0.2 style noise never adds a phantom client.
        let needed = per_month[i + 1] * 100.0 / stages[i].conversion_pct;
        per_month[i] = round_noise(needed).ceil();
    }
    per_month
        .iter()
        .all(|&m| m <= MAX_AMOUNT)
        .then_some(per_month)
}

fn requirement(per_month: f64, working_days: f64, sellers: f64) -> StageRequirement {
    let per_week = per_month / WEEKS_PER_MONTH;
    let per_day = per_month / working_days;
    StageRequirement {
        per_month,
        per_week,
        per_day,
        per_seller_per_day: per_day / sellers,
        per_seller_per_week: per_week / sellers,
        per_seller_per_month: per_month / sellers,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::funnel::FunnelInputs;
    use crate::model::names::variant_names;

    fn four_stages() -> Vec<Stage> {
        FunnelInputs::demo(&variant_names).stages
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    #[test]
    fn reverse_worked_example() {
        // 10 000 000 / 150 000 = 66.67 -> 67 deals; 67 / 0.4 = 167.5 -> 168 meetings;
        // 168 / 0.5 = 336 qualified; 336 / 0.4 = 840 leads.
        let plan = reverse(&four_stages(), 150_000.0, 10_000_000.0, 21.0, 5.0).unwrap();
        assert_eq!(plan.deals, 67.0);
        let months: Vec<f64> = plan.stages.iter().map(|s| s.per_month).collect();
        assert_eq!(months, vec![840.0, 336.0, 168.0, 67.0]);
        assert_eq!(plan.leads_per_month(), 840.0);
        // 840 leads / 21 days = 40 a day; / 5 sellers = 8 per seller per day.
        let leads = &plan.stages[0];
        assert!(close(leads.per_day, 40.0));
        assert!(close(leads.per_seller_per_day, 8.0));
        // 840 / (52 / 12) = 193.846 a week; / 5 = 38.769 per seller; 840 / 5 = 168 a month.
        assert!(close(leads.per_week, 840.0 * 12.0 / 52.0));
        assert!(close(leads.per_seller_per_week, 840.0 * 12.0 / 52.0 / 5.0));
        assert!(close(leads.per_seller_per_month, 168.0));
        // 67 deals x 150 000 = 10 050 000 (a bit over the target because deals are whole).
        assert!(close(plan.revenue, 10_050_000.0));
        assert_eq!(plan.gross_profit, None);
        assert!(close(plan.overall_conversion_pct, 8.0));
    }

    #[test]
    fn gross_profit_with_margin() {
        // 10 050 000 x 30% = 3 015 000.
        let plan =
            reverse_with_margin(&four_stages(), 150_000.0, 30.0, 10_000_000.0, 21.0, 5.0).unwrap();
        assert!(close(plan.gross_profit.unwrap(), 3_015_000.0));
        let errs = reverse_with_margin(&four_stages(), 0.0, 130.0, 1e6, 21.0, 5.0).unwrap_err();
        assert_eq!(errs.len(), 2);
        assert_eq!(errs[1].field, "gross-margin");
    }

    #[test]
    fn exact_division_adds_no_phantom_client() {
        // 0.9 / 0.03 is 30.000000000000004 in floating point: the deals must be 30, not 31.
        let s = four_stages();
        assert_eq!(reverse(&s, 0.03, 0.9, 21.0, 1.0).unwrap().deals, 30.0);
        // 7 deals at 0.7% -> 7 x 100 / 0.7 = 1000.0000000000001 -> exactly 1 000, not 1 001.
        let mut two = s[..2].to_vec();
        two[0].conversion_pct = 0.7;
        let plan = reverse(&two, 1.0, 7.0, 21.0, 1.0).unwrap();
        assert_eq!(plan.stages[0].per_month, 1_000.0);
    }

    #[test]
    fn zero_target_needs_nothing() {
        let plan = reverse(&four_stages(), 150_000.0, 0.0, 21.0, 5.0).unwrap();
        assert!(plan.stages.iter().all(|s| s.per_month == 0.0));
        assert_eq!(plan.revenue, 0.0);
    }

    #[test]
    fn zero_conversion_is_a_field_error() {
        let mut stages = four_stages();
        stages[1].conversion_pct = 0.0;
        let errs = reverse(&stages, 150_000.0, 1e6, 21.0, 1.0).unwrap_err();
        assert_eq!(errs[0].field, "stage-2-conversion");
        assert_eq!(errs[0].problem, Problem::ZeroConversionBlocksPlan);
    }

    #[test]
    fn impossible_volumes_are_too_large_not_infinite() {
        // A conversion of 1e-300 % would need infinitely many leads.
        let mut stages = four_stages();
        stages[0].conversion_pct = 1e-300;
        let errs = reverse(&stages, 150_000.0, 1e6, 21.0, 1.0).unwrap_err();
        assert_eq!(
            errs,
            vec![FieldError::new(
                "target-revenue",
                Problem::TooLarge { max: MAX_AMOUNT }
            )]
        );
        // A check of 5e-324 makes the deals themselves overflow.
        assert!(reverse(&stages[1..], 5e-324, 1e6, 21.0, 1.0).is_err());
    }

    #[test]
    fn every_bad_input_is_reported_at_once() {
        let errs = reverse(&four_stages()[..1], -1.0, f64::NAN, 0.0, 0.0).unwrap_err();
        let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(
            fields,
            [
                "stages",
                "avg-check",
                "target-revenue",
                "working-days",
                "sellers"
            ]
        );
    }
}
