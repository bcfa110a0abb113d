//! The revenue gap to date split into its causes by chain substitution (метод цепных
//! подстановок), the method Russian financial analysis uses.
//!
//! Revenue is a product of factors in funnel order: leads x conversion of each stage x
//! average check. Starting from the plan to date (the plan's leads pro-rated to the elapsed
//! working days, the plan's conversions and check), the factors are replaced by the actual
//! ones one at a time, in that order; each factor's part is the change its substitution
//! makes. The last substitution lands on the actual revenue, so the parts add up to the
//! total gap. The intermediate revenues are rounded to the kopeck (cent) first and the parts
//! are differences of those, so the sum is exact, not just close.
//!
//! An actual conversion from a stage nobody reached is taken as 0 (its part and the next
//! ones carry the loss); revenue without deals lands in the check's part, and the case is
//! flagged as inconsistent.

use crate::model::validation::MAX_AMOUNT;

/// A factor of revenue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Factor {
    Leads,
    /// The conversion from this stage (0-based) to the next.
    Conversion(usize),
    Check,
}

/// A revenue gap and its parts, all in kopecks (cents).
#[derive(Debug, Clone, PartialEq)]
pub struct Deviation {
    pub plan_cents: i64,
    pub actual_cents: i64,
    /// In funnel order: leads, each conversion, the check. Their sum is `total_cents`.
    pub parts: Vec<(Factor, i64)>,
    /// actual - plan.
    pub total_cents: i64,
    /// The factor that lost the most money (`None` when none lost any).
    pub worst: Option<Factor>,
    /// The counts do not make a funnel (revenue without deals, clients after a stage
    /// nobody reached): the split still sums, but reads with care.
    pub inconsistent: bool,
}

impl Deviation {
    pub fn plan(&self) -> f64 {
        money(self.plan_cents)
    }

    pub fn actual(&self) -> f64 {
        money(self.actual_cents)
    }

    pub fn total(&self) -> f64 {
        money(self.total_cents)
    }

    /// The part of `factor` in money (0 when the funnel has no such factor).
    pub fn part(&self, factor: Factor) -> f64 {
        self.parts
            .iter()
            .find(|(f, _)| *f == factor)
            .map_or(0.0, |(_, cents)| money(*cents))
    }
}

/// Kopecks as money.
pub fn money(cents: i64) -> f64 {
    cents as f64 / 100.0
}

/// Money rounded to kopecks; non-finite (never expected) counts as 0, the range is the model's.
fn cents(value: f64) -> i64 {
    if !value.is_finite() {
        return 0;
    }
    (value.clamp(-MAX_AMOUNT, MAX_AMOUNT) * 100.0).round() as i64
}

/// Splits `revenue - plan` where plan = `plan_leads` x product of `plan_conversions`
/// (fractions, one per converting stage) x `plan_check`, and the actual factors come from
/// `counts` (one per stage, the last the deals) and `revenue`.
pub fn deviation(
    plan_leads: f64,
    plan_conversions: &[f64],
    plan_check: f64,
    counts: &[f64],
    revenue: f64,
) -> Deviation {
    let transitions = plan_conversions.len();
    let count = |i: usize| counts.get(i).copied().unwrap_or(0.0);
    let actual_conversions: Vec<f64> = (0..transitions)
        .map(|i| {
            let from = count(i);
            if from > 0.0 {
                count(i + 1) / from
            } else {
                0.0
            }
        })
        .collect();
    let deals = count(transitions);
    let inconsistent = (deals <= 0.0 && revenue > 0.0)
        || (0..transitions).any(|i| count(i) <= 0.0 && count(i + 1) > 0.0);

    // The revenue after substituting the first `substituted` conversions (and the leads).
    let with = |leads: f64, substituted: usize| -> f64 {
        let conversions: f64 = (0..transitions)
            .map(|i| {
                if i < substituted {
                    actual_conversions[i]
                } else {
                    plan_conversions[i]
                }
            })
            .product();
        leads * conversions * plan_check
    };
    let plan_cents = cents(with(plan_leads, 0));
    let actual_cents = cents(revenue);
    let mut steps = vec![plan_cents];
    steps.push(cents(with(count(0), 0)));
    for substituted in 1..=transitions {
        steps.push(cents(with(count(0), substituted)));
    }
    steps.push(actual_cents);

    let factors = std::iter::once(Factor::Leads)
        .chain((0..transitions).map(Factor::Conversion))
        .chain(std::iter::once(Factor::Check));
    let parts: Vec<(Factor, i64)> = factors
        .zip(steps.windows(2))
        .map(|(factor, pair)| (factor, pair[1] - pair[0]))
        .collect();
    let worst = parts
        .iter()
        .filter(|(_, cents)| *cents < 0)
        .min_by_key(|(_, cents)| *cents)
        .map(|(factor, _)| *factor);
    Deviation {
        plan_cents,
        actual_cents,
        total_cents: actual_cents - plan_cents,
        parts,
        worst,
        inconsistent,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn worked_example_by_hand() {
        // Plan to date: 400 leads x 40% x 50% x 40% = 32 deals x 150,000 = 4,800,000.
        // Actual: 300 leads, 150 qualified (50%), 60 meetings (40%), 20 deals (33.3%),
        // revenue 3,200,000 (check 160,000).
        let d = deviation(
            400.0,
            &[0.4, 0.5, 0.4],
            150_000.0,
            &[300.0, 150.0, 60.0, 20.0],
            3_200_000.0,
        );
        assert_eq!(d.plan(), 4_800_000.0);
        assert_eq!(d.actual(), 3_200_000.0);
        assert_eq!(d.total(), -1_600_000.0);
        // Leads: (300 - 400) x 0.08 x 150,000 = -1,200,000.
        assert_eq!(d.part(Factor::Leads), -1_200_000.0);
        // Stage 1: 300 x (0.5 - 0.4) x 0.5 x 0.4 x 150,000 = +900,000.
        assert_eq!(d.part(Factor::Conversion(0)), 900_000.0);
        // Stage 2: 300 x 0.5 x (0.4 - 0.5) x 0.4 x 150,000 = -900,000.
        assert_eq!(d.part(Factor::Conversion(1)), -900_000.0);
        // Stage 3: 300 x 0.5 x 0.4 x (1/3 - 0.4) x 150,000 = -600,000.
        assert_eq!(d.part(Factor::Conversion(2)), -600_000.0);
        // Check: 20 deals x (160,000 - 150,000) = +200,000.
        assert_eq!(d.part(Factor::Check), 200_000.0);
        assert_eq!(d.worst, Some(Factor::Leads));
        assert!(!d.inconsistent);
    }

    #[test]
    fn empty_stages_and_revenue_without_deals_still_sum() {
        let d = deviation(100.0, &[0.5], 1_000.0, &[0.0, 0.0], 5_000.0);
        assert!(d.inconsistent);
        assert_eq!(d.part(Factor::Leads), -50_000.0);
        assert_eq!(d.part(Factor::Check), 5_000.0);
        assert_eq!(d.parts.iter().map(|p| p.1).sum::<i64>(), d.total_cents);
        let on_plan = deviation(100.0, &[0.5], 1_000.0, &[100.0, 50.0], 50_000.0);
        assert_eq!(on_plan.total_cents, 0);
        assert!(on_plan.parts.iter().all(|p| p.1 == 0));
        assert_eq!(on_plan.worst, None);
    }

    proptest! {
        #[test]
        fn parts_sum_to_the_total_exactly(
            plan_leads in 0.0f64..1e5,
            conversions in proptest::collection::vec(0.0f64..=1.0, 1..6),
            check in 0.01f64..1e7,
            counts in proptest::collection::vec(0.0f64..1e5, 7),
            revenue in 0.0f64..1e9,
        ) {
            let stage_counts = &counts[..=conversions.len()];
            let d = deviation(plan_leads, &conversions, check, stage_counts, revenue);
            prop_assert_eq!(d.parts.iter().map(|p| p.1).sum::<i64>(), d.total_cents);
            prop_assert_eq!(d.parts.len(), conversions.len() + 2);
            prop_assert!(d.parts.iter().all(|p| money(p.1).is_finite()));
        }
    }
}
