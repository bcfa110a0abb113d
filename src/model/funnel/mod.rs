//! The sales funnel (DESIGN.md §3.1): stages, forward and reverse plans, cycle, sensitivity.
//!
//! Stage `i` holds the clients that reached it; `conversion_pct` of stage `i` is the share of
//! them that reach stage `i + 1`. The last stage is the paid deal, its conversion is unused.

use serde::{Deserialize, Serialize};

use crate::i18n::{tr, Lang};

use super::validation::{check_percent, check_positive, FieldError, Problem};

pub const MIN_STAGES: usize = 2;
pub const MAX_STAGES: usize = 12;

/// How the seller contacts the client at a stage; decides which role's norm it counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum ContactType {
    #[default]
    Call,
    Meeting,
    Message,
    Event,
}

impl ContactType {
    pub const ALL: [ContactType; 4] = [
        ContactType::Call,
        ContactType::Meeting,
        ContactType::Message,
        ContactType::Event,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Stage {
    pub name: String,
    /// Share of this stage's clients that reach the next stage, 0..=100.
    pub conversion_pct: f64,
    /// Average days a client spends in this stage.
    pub days: f64,
    pub contact: ContactType,
}

impl Default for Stage {
    fn default() -> Self {
        Stage {
            name: String::new(),
            conversion_pct: 50.0,
            days: 0.0,
            contact: ContactType::Call,
        }
    }
}

/// Whether the page plans from leads in (forward) or from the revenue target (reverse).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Direction {
    Forward,
    #[default]
    Reverse,
}

/// Everything the funnel page keeps in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FunnelInputs {
    pub stages: Vec<Stage>,
    /// Revenue per deal.
    pub avg_check: f64,
    /// Gross profit / revenue, 0..=100.
    pub gross_margin_pct: f64,
    pub direction: Direction,
    /// Forward mode: clients entering the first stage per month.
    pub entry_per_month: f64,
    /// Reverse mode: revenue target per month.
    pub target_revenue_per_month: f64,
    /// Sellers sharing the contact norms.
    pub sellers: f64,
    /// Geometry diagnostics: actual stage counts per seller or period.
    pub actuals: Vec<super::diagnostics::SellerActuals>,
}

impl Default for FunnelInputs {
    fn default() -> Self {
        FunnelInputs::demo(Lang::Ru)
    }
}

impl FunnelInputs {
    /// The demo funnel: B2B distribution, from cold call to paid first order.
    pub fn demo(lang: Lang) -> Self {
        let stage = |name: &str, conversion_pct: f64, days: f64, contact: ContactType| Stage {
            name: name.to_string(),
            conversion_pct,
            days,
            contact,
        };
        FunnelInputs {
            stages: vec![
                stage(tr(lang, "Лиды", "Leads"), 40.0, 3.0, ContactType::Call),
                stage(
                    tr(lang, "Квалифицированы", "Qualified"),
                    50.0,
                    7.0,
                    ContactType::Call,
                ),
                stage(
                    tr(lang, "Встречи", "Meetings"),
                    40.0,
                    14.0,
                    ContactType::Meeting,
                ),
                stage(
                    tr(lang, "Сделки", "Deals"),
                    100.0,
                    0.0,
                    ContactType::Meeting,
                ),
            ],
            avg_check: 150_000.0,
            gross_margin_pct: 30.0,
            direction: Direction::Reverse,
            entry_per_month: 1_000.0,
            target_revenue_per_month: 10_000_000.0,
            sellers: 5.0,
            actuals: Vec::new(),
        }
    }
}

/// Test id of a stage's conversion input (stages are numbered from 1 on screen).
pub fn conversion_field(stage_index: usize) -> String {
    format!("stage-{}-conversion", stage_index + 1)
}

/// Checks the stage list and the conversions that a plan passes through.
pub fn validate_stages(stages: &[Stage]) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if stages.len() < MIN_STAGES || stages.len() > MAX_STAGES {
        errors.push(FieldError::new(
            "stages",
            Problem::CountOutOfRange {
                min: MIN_STAGES,
                max: MAX_STAGES,
            },
        ));
    }
    for (i, s) in stages
        .iter()
        .enumerate()
        .take(stages.len().saturating_sub(1))
    {
        if let Err(e) = check_percent(&conversion_field(i), s.conversion_pct) {
            errors.push(e);
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// Required volume at one stage of a reverse plan.
#[derive(Debug, Clone, PartialEq)]
pub struct StageRequirement {
    pub per_month: f64,
    pub per_week: f64,
    pub per_day: f64,
    pub per_seller_per_day: f64,
    pub per_seller_per_month: f64,
}

/// The reverse plan: from a revenue target to the volume each stage needs.
#[derive(Debug, Clone, PartialEq)]
pub struct ReversePlan {
    /// Deals needed: ceil(target / average check).
    pub deals: f64,
    /// One entry per stage, first stage first; every per-month figure is a whole number.
    pub stages: Vec<StageRequirement>,
}

/// Weeks in a month on average (52 weeks / 12 months).
pub const WEEKS_PER_MONTH: f64 = 52.0 / 12.0;

/// Walks the funnel backwards from a monthly revenue target (DESIGN.md §3.1 "Reverse").
///
/// Deals are rounded up, then each stage's volume is rounded up stage by stage, so the
/// forward pass of the result always reaches the target.
pub fn reverse(
    stages: &[Stage],
    avg_check: f64,
    target_revenue: f64,
    working_days: f64,
    sellers: f64,
) -> Result<ReversePlan, Vec<FieldError>> {
    validate_stages(stages)?;
    let mut errors = Vec::new();
    let avg_check = check_positive("avg-check", avg_check).map_err(|e| errors.push(e));
    let target = super::validation::check_amount("target-revenue", target_revenue)
        .map_err(|e| errors.push(e));
    let days = check_positive("working-days", working_days).map_err(|e| errors.push(e));
    let sellers = check_positive("sellers", sellers).map_err(|e| errors.push(e));
    for (i, s) in stages.iter().enumerate().take(stages.len() - 1) {
        if s.conversion_pct == 0.0 {
            errors.push(FieldError::new(
                conversion_field(i),
                Problem::ZeroConversionBlocksPlan,
            ));
        }
    }
    let (Ok(avg_check), Ok(target), Ok(days), Ok(sellers)) = (avg_check, target, days, sellers)
    else {
        return Err(errors);
    };
    if !errors.is_empty() {
        return Err(errors);
    }
    let deals = (target / avg_check).ceil();
    let mut per_month = vec![0.0; stages.len()];
    let last = stages.len() - 1;
    per_month[last] = deals;
    for i in (0..last).rev() {
        // Round before ceil so 0.1 + 0.2 style noise never adds a phantom client.
        let needed = per_month[i + 1] * 100.0 / stages[i].conversion_pct;
        per_month[i] = round_noise(needed).ceil();
    }
    let stages = per_month
        .into_iter()
        .map(|m| StageRequirement {
            per_month: m,
            per_week: m / WEEKS_PER_MONTH,
            per_day: m / days,
            per_seller_per_day: m / days / sellers,
            per_seller_per_month: m / sellers,
        })
        .collect();
    Ok(ReversePlan { deals, stages })
}

/// Removes floating-point noise below 1e-9 relative so that ceil(2.0000000001) stays 2.
fn round_noise(x: f64) -> f64 {
    let r = x.round();
    if (x - r).abs() <= 1e-9 * r.abs().max(1.0) {
        r
    } else {
        x
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn four_stages() -> Vec<Stage> {
        FunnelInputs::default().stages
    }

    #[test]
    fn reverse_worked_example() {
        // 10 000 000 / 150 000 = 66.67 -> 67 deals; 67 / 0.4 = 167.5 -> 168 meetings;
        // 168 / 0.5 = 336 qualified; 336 / 0.4 = 840 leads.
        let plan = reverse(&four_stages(), 150_000.0, 10_000_000.0, 21.0, 5.0).unwrap();
        assert_eq!(plan.deals, 67.0);
        let months: Vec<f64> = plan.stages.iter().map(|s| s.per_month).collect();
        assert_eq!(months, vec![840.0, 336.0, 168.0, 67.0]);
        assert!((plan.stages[0].per_day - 40.0).abs() < 1e-12);
        assert!((plan.stages[0].per_seller_per_day - 8.0).abs() < 1e-12);
    }

    #[test]
    fn zero_conversion_is_a_field_error() {
        let mut stages = four_stages();
        stages[1].conversion_pct = 0.0;
        let errs = reverse(&stages, 150_000.0, 1e6, 21.0, 1.0).unwrap_err();
        assert_eq!(errs[0].field, "stage-2-conversion");
        assert_eq!(errs[0].problem, Problem::ZeroConversionBlocksPlan);
    }
}
