//! Typed input problems and the one validator of every calculator. A model function that
//! cannot compute returns these instead of panicking or producing NaN; each names the field
//! (by its `data-testid`) so the UI can show the message right next to it. The rules
//! ([`Rule`], the `check_*` functions) are shared by the typed fields and the calculators'
//! [`Validator`], so a field and its calculator never disagree.

/// What is wrong with a value. The UI turns it into a Russian or English sentence.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub enum Problem {
    /// The field is empty.
    Empty,
    /// The text is not a number.
    NotANumber,
    /// Must be zero or more.
    Negative,
    /// Must be more than zero (it divides something).
    MustBePositive,
    /// A percentage above 100 where that makes no sense.
    OverHundredPercent,
    /// Larger than any sensible plan (protects the arithmetic from overflow to infinity).
    TooLarge { max: f64 },
    /// Outside an allowed range.
    OutOfRange { min: f64, max: f64 },
    /// Must be a whole number.
    NotWhole,
    /// A conversion of zero makes the reverse plan impossible (division by zero).
    ZeroConversionBlocksPlan,
    /// Too few or too many items (stages, roles, segments ...).
    CountOutOfRange { min: usize, max: usize },
    /// The value would be unbounded (e.g. LTV with 100% retention, no discount, no horizon).
    Unbounded,
    /// A date outside the data's dates, `first` to `last` (days since 1970-01-01): the
    /// calibration end must leave a day before it and not pass the last date.
    DateOutOfRange { first: i32, last: i32 },
}

/// A problem tied to one input field.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct FieldError {
    /// The `data-testid` of the input the problem belongs to, e.g. `stage-2-conversion`.
    pub field: String,
    pub problem: Problem,
}

impl FieldError {
    pub fn new(field: impl Into<String>, problem: Problem) -> Self {
        Self {
            field: field.into(),
            problem,
        }
    }
}

/// Largest money or count value the model accepts; keeps every product finite.
pub const MAX_AMOUNT: f64 = 1e15;

/// What a number field accepts: the one set of rules, checked as the person types (before the
/// value reaches the plan) and again by the model's [`Validator`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    pub min: f64,
    pub max: f64,
    /// Zero is refused (the value divides something).
    pub nonzero: bool,
    pub whole: bool,
}

impl Rule {
    /// Money or a count of things: zero or more.
    pub const AMOUNT: Rule = Rule {
        min: 0.0,
        max: MAX_AMOUNT,
        nonzero: false,
        whole: false,
    };
    /// Money or a count that divides something: more than zero.
    pub const POSITIVE: Rule = Rule {
        min: 0.0,
        max: MAX_AMOUNT,
        nonzero: true,
        whole: false,
    };
    /// A percentage 0..=100.
    pub const PERCENT: Rule = Rule {
        min: 0.0,
        max: 100.0,
        nonzero: false,
        whole: false,
    };
    /// A whole number of things, zero or more.
    pub const COUNT: Rule = Rule {
        min: 0.0,
        max: MAX_AMOUNT,
        nonzero: false,
        whole: true,
    };

    pub const fn range(min: f64, max: f64) -> Rule {
        Rule {
            min,
            max,
            nonzero: false,
            whole: false,
        }
    }

    pub const fn whole(self) -> Rule {
        Rule {
            whole: true,
            ..self
        }
    }

    pub const fn nonzero(self) -> Rule {
        Rule {
            nonzero: true,
            ..self
        }
    }

    /// Checks a parsed value against the rule.
    pub fn check(&self, value: f64) -> Result<f64, Problem> {
        if !value.is_finite() {
            return Err(Problem::NotANumber);
        }
        if value < 0.0 && self.min >= 0.0 {
            return Err(Problem::Negative);
        }
        if self.max == 100.0 && self.min == 0.0 && value > 100.0 {
            return Err(Problem::OverHundredPercent);
        }
        if value > self.max && self.max == MAX_AMOUNT {
            return Err(Problem::TooLarge { max: self.max });
        }
        if value < self.min || value > self.max {
            return Err(Problem::OutOfRange {
                min: self.min,
                max: self.max,
            });
        }
        if self.nonzero && value == 0.0 {
            return Err(Problem::MustBePositive);
        }
        if self.whole && value.fract() != 0.0 {
            return Err(Problem::NotWhole);
        }
        Ok(value)
    }

    /// [`Rule::check`] of the value of `field`.
    pub fn check_field(&self, field: &str, value: f64) -> Result<f64, FieldError> {
        self.check(value).map_err(|p| FieldError::new(field, p))
    }
}

/// Checks a non-negative finite amount below [`MAX_AMOUNT`].
pub fn check_amount(field: &str, value: f64) -> Result<f64, FieldError> {
    Rule::AMOUNT.check_field(field, value)
}

/// Checks a percentage in 0..=100.
pub fn check_percent(field: &str, value: f64) -> Result<f64, FieldError> {
    Rule::PERCENT.check_field(field, value)
}

/// Checks a strictly positive finite amount below [`MAX_AMOUNT`].
pub fn check_positive(field: &str, value: f64) -> Result<f64, FieldError> {
    Rule::POSITIVE.check_field(field, value)
}

/// Checks a finite number in `min..=max`.
pub fn check_range(field: &str, value: f64, min: f64, max: f64) -> Result<f64, FieldError> {
    if !value.is_finite() {
        return Err(FieldError::new(field, Problem::NotANumber));
    }
    if value < min || value > max {
        return Err(FieldError::new(field, Problem::OutOfRange { min, max }));
    }
    Ok(value)
}

/// Checks a positive finite number of at least `min`; below it the field says the allowed range.
pub fn check_at_least(field: &str, value: f64, min: f64, max: f64) -> Result<f64, FieldError> {
    let v = check_positive(field, value)?;
    if v < min {
        return Err(FieldError::new(field, Problem::OutOfRange { min, max }));
    }
    Ok(v)
}

/// The one validator of every calculator: it collects the problems of all fields, so one bad
/// field never hides the others. A failed check returns a placeholder 0 so checking can go
/// on; [`Validator::finish`] then refuses to hand out anything built from placeholders.
#[derive(Debug, Default)]
pub struct Validator {
    errors: Vec<FieldError>,
}

impl Validator {
    /// Zero or more, finite, at most [`MAX_AMOUNT`].
    pub fn amount(&mut self, field: &str, value: f64) -> f64 {
        self.keep(check_amount(field, value))
    }

    /// More than zero, finite, at most [`MAX_AMOUNT`].
    pub fn positive(&mut self, field: &str, value: f64) -> f64 {
        self.keep(check_positive(field, value))
    }

    /// A share 0..=100 %.
    pub fn percent(&mut self, field: &str, value: f64) -> f64 {
        self.keep(check_percent(field, value))
    }

    /// A finite number in `min..=max`.
    pub fn range(&mut self, field: &str, value: f64, min: f64, max: f64) -> f64 {
        self.keep(check_range(field, value, min, max))
    }

    /// A positive number of at least `min` (see [`check_at_least`]).
    pub fn at_least(&mut self, field: &str, value: f64, min: f64, max: f64) -> f64 {
        self.keep(check_at_least(field, value, min, max))
    }

    /// A value checked by a field's [`Rule`].
    pub fn rule(&mut self, field: &str, rule: Rule, value: f64) -> f64 {
        self.keep(rule.check_field(field, value))
    }

    /// A text that must not be blank.
    pub fn required(&mut self, field: &str, text: &str) {
        if text.trim().is_empty() {
            self.push(FieldError::new(field, Problem::Empty));
        }
    }

    /// A number of items (stages, roles, segments ...) in `min..=max`.
    pub fn count(&mut self, field: &str, count: usize, min: usize, max: usize) {
        if count < min || count > max {
            self.push(FieldError::new(
                field,
                Problem::CountOutOfRange { min, max },
            ));
        }
    }

    /// Records the error of a check that has no rule of its own.
    pub fn push(&mut self, error: FieldError) {
        self.errors.push(error);
    }

    pub fn extend(&mut self, errors: impl IntoIterator<Item = FieldError>) {
        self.errors.extend(errors);
    }

    /// The value of a passed check, else the placeholder 0 (the error is kept).
    pub fn keep(&mut self, checked: Result<f64, FieldError>) -> f64 {
        checked.unwrap_or_else(|e| {
            self.errors.push(e);
            0.0
        })
    }

    pub fn is_ok(&self) -> bool {
        self.errors.is_empty()
    }

    /// `value` if every check passed, else all the errors found.
    pub fn finish<T>(self, value: T) -> Result<T, Vec<FieldError>> {
        if self.errors.is_empty() {
            Ok(value)
        } else {
            Err(self.errors)
        }
    }

    /// All the errors found, in the order of the checks (empty when all passed).
    pub fn into_errors(self) -> Vec<FieldError> {
        self.errors
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percent_bounds() {
        assert!(check_percent("x", 0.0).is_ok());
        assert!(check_percent("x", 100.0).is_ok());
        assert_eq!(
            check_percent("x", 100.5).unwrap_err().problem,
            Problem::OverHundredPercent
        );
        assert_eq!(
            check_percent("x", -1.0).unwrap_err().problem,
            Problem::Negative
        );
        assert_eq!(
            check_percent("x", f64::NAN).unwrap_err().problem,
            Problem::NotANumber
        );
    }

    #[test]
    fn positive_rejects_zero_and_huge() {
        assert_eq!(
            check_positive("x", 0.0).unwrap_err().problem,
            Problem::MustBePositive
        );
        assert!(matches!(
            check_positive("x", 1e16).unwrap_err().problem,
            Problem::TooLarge { .. }
        ));
        assert_eq!(check_positive("x", 5.0), Ok(5.0));
    }
}

#[cfg(test)]
mod rule_tests {
    use super::*;

    #[test]
    fn rules_explain_what_is_wrong() {
        assert_eq!(Rule::PERCENT.check(101.0), Err(Problem::OverHundredPercent));
        assert_eq!(Rule::PERCENT.check(-1.0), Err(Problem::Negative));
        assert_eq!(Rule::PERCENT.check(55.5), Ok(55.5));
        assert_eq!(Rule::POSITIVE.check(0.0), Err(Problem::MustBePositive));
        assert_eq!(
            Rule::AMOUNT.check(2e15),
            Err(Problem::TooLarge { max: MAX_AMOUNT })
        );
        assert_eq!(Rule::COUNT.check(2.5), Err(Problem::NotWhole));
        assert_eq!(
            Rule::range(1.0, 31.0).check(40.0),
            Err(Problem::OutOfRange {
                min: 1.0,
                max: 31.0
            })
        );
        assert_eq!(Rule::range(1.0, 31.0).whole().check(21.0), Ok(21.0));
    }
}
