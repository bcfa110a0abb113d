//! Input checks. Every problem is collected with its field id; one bad field never hides
//! the problems of the others.

use super::inputs::{field, LtvInputs, RetentionBasis, Uplift};
use super::math::{Terms, Unit, MAX_HORIZON};
use crate::model::validation::{FieldError, Rule, Validator, MAX_AMOUNT};

/// The main inputs, validated.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Core {
    pub unit: Unit,
    pub terms: Terms,
    pub cac: f64,
    pub target_ratio: f64,
}

// What the inputs outside the shared amount/percent checks accept. Public so the UI's fields
// check exactly what the model checks.
/// Target LTV:CAC, 1..=100 (times).
pub const TARGET_RATIO_RULE: Rule = Rule::range(1.0, 100.0);
/// Average lifetime, at least one period.
pub const LIFETIME_RULE: Rule = Rule::range(1.0, MAX_AMOUNT);
/// Horizon, whole periods 1..=[`MAX_HORIZON`].
pub const HORIZON_RULE: Rule = Rule::range(1.0, MAX_HORIZON as f64).whole();
/// Retention change of an uplift, percentage points.
pub const RETENTION_PP_RULE: Rule = Rule::range(-100.0, 100.0);
/// Average check change of an uplift, percent.
pub const CHECK_PCT_RULE: Rule = Rule::range(-100.0, 1000.0);
/// Extra purchases per period of an uplift (negative = fewer).
pub const PURCHASES_PLUS_RULE: Rule = Rule::range(-MAX_AMOUNT, MAX_AMOUNT);

pub(crate) fn core(v: &mut Validator, inputs: &LtvInputs) -> Core {
    let unit = Unit {
        avg_check: v.amount(field::AVG_CHECK, inputs.avg_check),
        purchases: v.amount(field::FREQUENCY, inputs.purchases_per_period),
        margin_pct: v.percent(field::MARGIN, inputs.gross_margin_pct),
        churn_pct: churn_pct(v, inputs),
    };
    let terms = Terms {
        discount_pct: v.percent(field::DISCOUNT, inputs.discount_rate_pct),
        horizon: horizon(v, inputs.horizon_periods),
    };
    Core {
        unit,
        terms,
        cac: v.amount(field::CAC, inputs.cac),
        target_ratio: v.rule(field::TARGET_RATIO, TARGET_RATIO_RULE, inputs.target_ratio),
    }
}

/// Only the main inputs, for callers that need the headline LTV alone (e.g. allowed CAC).
pub(crate) fn core_only(inputs: &LtvInputs) -> Result<Core, Vec<FieldError>> {
    let mut v = Validator::default();
    let core = core(&mut v, inputs);
    v.finish(core)
}

/// Churn % from whichever field the user types; only that field is checked.
fn churn_pct(v: &mut Validator, inputs: &LtvInputs) -> f64 {
    match inputs.retention_basis {
        RetentionBasis::Retention => 100.0 - v.percent(field::RETENTION, inputs.retention_pct),
        RetentionBasis::Churn => v.percent(field::CHURN, inputs.churn_pct),
        RetentionBasis::Lifetime => {
            let lifetime = v.rule(field::LIFETIME, LIFETIME_RULE, inputs.lifetime_periods);
            // lifetime = 1 / churn; max(1) only keeps the placeholder of a bad value finite.
            100.0 / lifetime.max(1.0)
        }
    }
}

fn horizon(v: &mut Validator, horizon: Option<f64>) -> Option<u32> {
    // A whole number in 1..=MAX_HORIZON once checked, so the cast is exact.
    horizon.map(|h| v.rule(field::HORIZON, HORIZON_RULE, h) as u32)
}

/// Checks an uplift whose fields are named `{prefix}-retention`, `-avg-check`, `-frequency`.
pub(crate) fn uplift(v: &mut Validator, prefix: &str, u: &Uplift) -> Uplift {
    Uplift {
        retention_pp: v.rule(
            &field::uplift(prefix, "retention"),
            RETENTION_PP_RULE,
            u.retention_pp,
        ),
        avg_check_pct: v.rule(
            &field::uplift(prefix, "avg-check"),
            CHECK_PCT_RULE,
            u.avg_check_pct,
        ),
        purchases_plus: v.rule(
            &field::uplift(prefix, "frequency"),
            PURCHASES_PLUS_RULE,
            u.purchases_plus,
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::names::variant_names;
    use crate::model::validation::Problem;

    fn errors_of(inputs: &LtvInputs) -> Vec<FieldError> {
        core_only(inputs).err().unwrap_or_default()
    }

    #[test]
    fn demo_is_valid() {
        assert!(core_only(&LtvInputs::demo(&variant_names)).is_ok());
    }

    #[test]
    fn every_bad_main_field_is_named() {
        let mut i = LtvInputs::demo(&variant_names);
        i.avg_check = -1.0;
        i.purchases_per_period = f64::NAN;
        i.gross_margin_pct = 120.0;
        i.retention_pct = f64::INFINITY;
        i.discount_rate_pct = -0.5;
        i.horizon_periods = Some(2.5);
        i.cac = 2e15;
        i.target_ratio = 0.5;
        let fields: Vec<String> = errors_of(&i).into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "ltv-avg-check",
                "ltv-frequency",
                "ltv-margin",
                "ltv-retention",
                "ltv-discount",
                "ltv-horizon",
                "ltv-cac",
                "ltv-target-ratio"
            ]
        );
    }

    #[test]
    fn only_the_chosen_retention_field_is_read() {
        let mut i = LtvInputs::demo(&variant_names);
        i.retention_pct = 500.0;
        i.retention_basis = RetentionBasis::Churn;
        i.churn_pct = 25.0;
        assert_eq!(core_only(&i).unwrap().unit.churn_pct, 25.0);
        i.retention_basis = RetentionBasis::Lifetime;
        i.lifetime_periods = 4.0;
        // lifetime 4 periods -> churn 100 / 4 = 25 %.
        assert_eq!(core_only(&i).unwrap().unit.churn_pct, 25.0);
        i.lifetime_periods = 0.5;
        let e = errors_of(&i);
        assert_eq!(e[0].field, "ltv-lifetime");
        assert_eq!(
            e[0].problem,
            Problem::OutOfRange {
                min: 1.0,
                max: MAX_AMOUNT
            }
        );
    }

    #[test]
    fn rules_explain_what_is_wrong() {
        assert_eq!(HORIZON_RULE.check(f64::NAN), Err(Problem::NotANumber));
        assert_eq!(HORIZON_RULE.check(-2.0), Err(Problem::Negative));
        assert_eq!(
            TARGET_RATIO_RULE.check(101.0),
            Err(Problem::OutOfRange {
                min: 1.0,
                max: 100.0
            })
        );
        assert_eq!(HORIZON_RULE.check(2.5), Err(Problem::NotWhole));
        assert_eq!(HORIZON_RULE.check(3.0), Ok(3.0));
        assert_eq!(
            LIFETIME_RULE.check(2e15),
            Err(Problem::TooLarge { max: MAX_AMOUNT })
        );
        assert_eq!(RETENTION_PP_RULE.check(-20.0), Ok(-20.0));
        assert_eq!(CHECK_PCT_RULE.check(-100.0), Ok(-100.0));
        assert_eq!(PURCHASES_PLUS_RULE.check(-3.0), Ok(-3.0));
    }

    #[test]
    fn horizon_must_be_whole_and_in_range() {
        let mut i = LtvInputs::demo(&variant_names);
        for (h, problem) in [
            (
                0.0,
                Problem::OutOfRange {
                    min: 1.0,
                    max: 1200.0,
                },
            ),
            (
                1201.0,
                Problem::OutOfRange {
                    min: 1.0,
                    max: 1200.0,
                },
            ),
            (3.5, Problem::NotWhole),
            (f64::NAN, Problem::NotANumber),
        ] {
            i.horizon_periods = Some(h);
            assert_eq!(errors_of(&i)[0].problem, problem, "horizon {h}");
        }
        i.horizon_periods = Some(36.0);
        assert_eq!(core_only(&i).unwrap().terms.horizon, Some(36));
    }

    #[test]
    fn uplift_fields_carry_their_prefix() {
        let mut v = Validator::default();
        let bad = Uplift {
            retention_pp: 101.0,
            avg_check_pct: -150.0,
            purchases_plus: f64::NAN,
        };
        uplift(&mut v, "scenario", &bad);
        let fields: Vec<String> = v
            .finish(())
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "scenario-retention",
                "scenario-avg-check",
                "scenario-frequency"
            ]
        );
        let mut v = Validator::default();
        let down = Uplift {
            retention_pp: -20.0,
            avg_check_pct: -100.0,
            purchases_plus: -3.0,
        };
        assert_eq!(uplift(&mut v, "development", &down), down);
        assert!(v.finish(()).is_ok());
    }
}
