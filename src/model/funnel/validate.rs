//! Checks of the funnel's inputs. Every problem names its field by `data-testid`.

use crate::model::validation::{check_range, FieldError, Validator};

use super::{days_field, fields, name_field, Stage};

/// Working days per month must lie in this range (a month has at most 31 days).
pub const MIN_WORKING_DAYS: f64 = 1.0;
pub const MAX_WORKING_DAYS: f64 = 31.0;

/// Sellers sharing the norms: at least one (fractions are part-timers), at most a huge team.
pub const MIN_SELLERS: f64 = 1.0;
pub const MAX_SELLERS: f64 = 1_000_000.0;

/// Checks every stage's days in stage (zero or more, finite). Empty when all are fine.
pub fn validate_days(stages: &[Stage]) -> Vec<FieldError> {
    let mut v = Validator::default();
    for (i, s) in stages.iter().enumerate() {
        v.amount(&days_field(i), s.days);
    }
    v.into_errors()
}

/// Warnings that never block a result: a stage without a name (the UI shows "Stage N").
pub fn stage_name_warnings(stages: &[Stage]) -> Vec<FieldError> {
    let mut v = Validator::default();
    for (i, s) in stages.iter().enumerate() {
        v.required(&name_field(i), &s.name);
    }
    v.into_errors()
}

/// Working days per month, the divisor of every per-day figure.
pub(super) fn check_working_days(value: f64) -> Result<f64, FieldError> {
    check_range(
        fields::WORKING_DAYS,
        value,
        MIN_WORKING_DAYS,
        MAX_WORKING_DAYS,
    )
}

/// Sellers sharing the contact norms, the divisor of every per-seller figure.
pub(super) fn check_sellers(value: f64) -> Result<f64, FieldError> {
    check_range(fields::SELLERS, value, MIN_SELLERS, MAX_SELLERS)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validation::Problem;

    fn stages(conversions: &[f64]) -> Vec<Stage> {
        conversions
            .iter()
            .map(|&c| Stage {
                name: "s".into(),
                conversion_pct: c,
                ..Stage::default()
            })
            .collect()
    }

    #[test]
    fn days_and_names_are_checked_per_stage() {
        let mut s = stages(&[50.0, 50.0, 100.0]);
        s[1].days = -2.0;
        s[2].days = f64::INFINITY;
        s[0].name = "  ".into();
        let days = validate_days(&s);
        assert_eq!(days[0], FieldError::new("stage-2-days", Problem::Negative));
        assert_eq!(
            days[1],
            FieldError::new("stage-3-days", Problem::NotANumber)
        );
        assert_eq!(
            stage_name_warnings(&s),
            vec![FieldError::new("stage-1-name", Problem::Empty)]
        );
    }

    #[test]
    fn working_days_and_sellers_ranges() {
        assert!(check_working_days(21.0).is_ok());
        assert_eq!(
            check_working_days(0.0).unwrap_err().problem,
            Problem::OutOfRange {
                min: 1.0,
                max: 31.0
            }
        );
        assert_eq!(
            check_sellers(f64::NAN).unwrap_err().problem,
            Problem::NotANumber
        );
        assert!(check_sellers(2.5).is_ok());
        assert_eq!(check_sellers(0.5).unwrap_err().field, "sellers");
    }
}
