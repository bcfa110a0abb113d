//! A funnel stage, the checks of a stage list and the funnel page's field ids: the piece the
//! funnel's plans and the seller diagnostics share. The funnel's report includes the
//! diagnostics, so this sits below both and the diagnostics need not import the funnel.

use serde::{Deserialize, Serialize};

use crate::model::validation::{FieldError, Validator};

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
    /// Shown on screen; an empty name is allowed but gets a warning (`stage_name_warnings`).
    pub name: String,
    /// Share of this stage's clients that reach the next stage, 0..=100.
    pub conversion_pct: f64,
    /// Average working days a client spends in this stage (0 = instant or not tracked).
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

/// The `data-testid`s of the funnel page's inputs, as used in [`crate::model::FieldError`].
pub mod fields {
    pub const STAGES: &str = "stages";
    pub const AVG_CHECK: &str = "avg-check";
    pub const GROSS_MARGIN: &str = "gross-margin";
    pub const ENTRY_PER_MONTH: &str = "entry-per-month";
    pub const TARGET_REVENUE: &str = "target-revenue";
    pub const SELLERS: &str = "sellers";
    pub const WORKING_DAYS: &str = "working-days";
}

/// Test id of a stage's conversion input (stages are numbered from 1 on screen).
pub fn conversion_field(stage_index: usize) -> String {
    format!("stage-{}-conversion", stage_index + 1)
}

/// Test id of a stage's "days in stage" input.
pub fn days_field(stage_index: usize) -> String {
    format!("stage-{}-days", stage_index + 1)
}

/// Test id of a stage's name input.
pub fn name_field(stage_index: usize) -> String {
    format!("stage-{}-name", stage_index + 1)
}

/// Checks the stage count and the conversions a plan passes through (all but the last stage).
pub fn validate_stages(stages: &[Stage]) -> Result<(), Vec<FieldError>> {
    let mut v = Validator::default();
    check_stages(&mut v, stages);
    v.finish(())
}

/// [`validate_stages`] into a validator that checks more fields.
pub(crate) fn check_stages(v: &mut Validator, stages: &[Stage]) {
    v.count(fields::STAGES, stages.len(), MIN_STAGES, MAX_STAGES);
    let transitions = stages.len().saturating_sub(1);
    for (i, s) in stages.iter().enumerate().take(transitions) {
        v.percent(&conversion_field(i), s.conversion_pct);
    }
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
    fn stage_count_must_be_two_to_twelve() {
        let one = validate_stages(&stages(&[50.0])).unwrap_err();
        assert_eq!(one[0].field, "stages");
        assert!(validate_stages(&stages(&[50.0; 12])).is_ok());
        assert_eq!(
            validate_stages(&stages(&[50.0; 13])).unwrap_err()[0].field,
            "stages"
        );
    }

    #[test]
    fn last_stage_conversion_is_not_checked() {
        // The deal stage has no next stage, so a stray value there must not block anything.
        assert!(validate_stages(&stages(&[50.0, f64::NAN])).is_ok());
        let errs = validate_stages(&stages(&[120.0, -1.0, 50.0])).unwrap_err();
        assert_eq!(
            errs[0],
            FieldError::new("stage-1-conversion", Problem::OverHundredPercent)
        );
        assert_eq!(
            errs[1],
            FieldError::new("stage-2-conversion", Problem::Negative)
        );
    }

    #[test]
    fn field_ids_count_stages_from_one() {
        assert_eq!(conversion_field(0), "stage-1-conversion");
        assert_eq!(days_field(2), "stage-3-days");
        assert_eq!(name_field(11), "stage-12-name");
    }
}
