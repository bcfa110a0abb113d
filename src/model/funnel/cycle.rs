//! Cycle: how long a client takes through the funnel and how early leads must enter to close
//! inside the period (DESIGN.md §3.1 "Cycle").
//!
//! Days in stage are working days, the same days the per-day norms count.

use crate::model::validation::FieldError;

use super::reverse::WEEKS_PER_MONTH;
use super::validate::{check_working_days, validate_days};
use super::{round_noise, Stage};

/// Calendar days in a month on average (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 365.25 / 12.0;

/// The funnel's cycle, in several units for the reader.
#[derive(Debug, Clone, PartialEq)]
pub struct Cycle {
    /// Working days from entering the first stage to the paid deal: the sum of all stages'
    /// days. Leads must enter at least this many working days before the end of the period
    /// in which their deals are to close (the lead time).
    pub total_days: f64,
    /// Working day, counted from entry, on which a client reaches each stage (0 for the first).
    pub stage_start_days: Vec<f64>,
    /// `total_days` in working weeks (a week has working days per month / (52 / 12) days).
    pub working_weeks: f64,
    /// `total_days` in months of the plan's working days.
    pub months: f64,
    /// `months` in calendar days (x 365.25 / 12): about how long it takes by the calendar.
    pub calendar_days: f64,
    /// A lead entering on the first working day of a month closes within that month.
    pub fits_in_month: bool,
    /// How many months before the target month the last useful leads enter (0 = same month,
    /// 1 = the month before ...). A whole number.
    pub months_ahead: f64,
    /// Working days of that entry month that may pass before the leads must be in
    /// (0 = on its first working day; equal to the month's working days = at its very end).
    pub latest_entry_day: f64,
}

/// The cycle of `stages` for a month of `working_days` working days.
pub fn cycle(stages: &[Stage], working_days: f64) -> Result<Cycle, Vec<FieldError>> {
    let mut errors = validate_days(stages);
    let days = check_working_days(working_days).map_err(|e| errors.push(e));
    match days {
        Ok(days) if errors.is_empty() => Ok(run_cycle(stages, days)),
        _ => Err(errors),
    }
}

fn run_cycle(stages: &[Stage], working_days: f64) -> Cycle {
    let stage_start_days = stage_starts(stages);
    let total_days: f64 = stages.iter().map(|s| s.days).sum();
    let months = total_days / working_days;
    // Entry month: the month whose remaining working days, plus whole months, cover the cycle.
    let months_ahead = (round_noise(months).ceil() - 1.0).max(0.0);
    Cycle {
        total_days,
        stage_start_days,
        working_weeks: total_days / (working_days / WEEKS_PER_MONTH),
        months,
        calendar_days: months * DAYS_PER_MONTH,
        fits_in_month: total_days <= working_days,
        months_ahead,
        latest_entry_day: (working_days * (months_ahead + 1.0) - total_days).max(0.0),
    }
}

/// Running sum of the days of the stages before each stage.
fn stage_starts(stages: &[Stage]) -> Vec<f64> {
    stages
        .iter()
        .scan(0.0, |elapsed, s| {
            let start = *elapsed;
            *elapsed += s.days;
            Some(start)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::funnel::FunnelInputs;
    use crate::model::names::variant_names;
    use crate::model::validation::Problem;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * b.abs().max(1.0)
    }

    fn with_days(days: &[f64]) -> Vec<Stage> {
        days.iter()
            .map(|&d| Stage {
                days: d,
                ..Stage::default()
            })
            .collect()
    }

    #[test]
    fn cycle_worked_example() {
        // Demo: 3 + 7 + 14 + 0 = 24 working days. Month of 21 working days:
        // 24 / 21 = 1.142857 months; a week has 21 / 4.3333 = 4.846 days -> 4.952 weeks;
        // calendar 1.142857 x 30.4375 = 34.786 days. It does not fit in one month: leads enter
        // the month before, at the latest after 2 x 21 - 24 = 18 of its working days.
        let c = cycle(&FunnelInputs::demo(&variant_names).stages, 21.0).unwrap();
        assert_eq!(c.total_days, 24.0);
        assert_eq!(c.stage_start_days, vec![0.0, 3.0, 10.0, 24.0]);
        assert!(close(c.months, 24.0 / 21.0));
        assert!(close(c.working_weeks, 24.0 * 52.0 / 12.0 / 21.0));
        assert!(close(c.calendar_days, 24.0 / 21.0 * 30.4375));
        assert!(!c.fits_in_month);
        assert_eq!(c.months_ahead, 1.0);
        assert_eq!(c.latest_entry_day, 18.0);
    }

    #[test]
    fn short_cycle_fits_in_the_month() {
        // 4 + 6 = 10 days of 21: enter by the end of working day 11 of the same month.
        let c = cycle(&with_days(&[4.0, 6.0]), 21.0).unwrap();
        assert!(c.fits_in_month);
        assert_eq!(c.months_ahead, 0.0);
        assert_eq!(c.latest_entry_day, 11.0);
    }

    #[test]
    fn cycle_of_exactly_one_month_starts_on_day_one() {
        // 21 days of 21: enter on the first working day of the same month.
        let c = cycle(&with_days(&[10.5, 10.5]), 21.0).unwrap();
        assert!(c.fits_in_month);
        assert_eq!(c.months_ahead, 0.0);
        assert_eq!(c.latest_entry_day, 0.0);
    }

    #[test]
    fn untracked_days_give_a_zero_cycle() {
        let c = cycle(&with_days(&[0.0, 0.0, 0.0]), 20.0).unwrap();
        assert_eq!(c.total_days, 0.0);
        assert_eq!(c.months_ahead, 0.0);
        assert_eq!(c.latest_entry_day, 20.0);
    }

    #[test]
    fn bad_days_are_field_errors() {
        let errs = cycle(&with_days(&[1.0, f64::NAN]), 0.5).unwrap_err();
        assert_eq!(
            errs[0],
            FieldError::new("stage-2-days", Problem::NotANumber)
        );
        assert_eq!(errs[1].field, "working-days");
    }
}
