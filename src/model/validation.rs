//! Typed input problems. A model function that cannot compute returns these instead of
//! panicking or producing NaN; each names the field (by its `data-testid`) so the UI can
//! show the message right next to it.

/// What is wrong with a value. The UI turns it into a Russian or English sentence.
#[derive(Debug, Clone, PartialEq)]
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
}

/// A problem tied to one input field.
#[derive(Debug, Clone, PartialEq)]
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

/// Checks a non-negative finite amount below [`MAX_AMOUNT`].
pub fn check_amount(field: &str, value: f64) -> Result<f64, FieldError> {
    if !value.is_finite() {
        return Err(FieldError::new(field, Problem::NotANumber));
    }
    if value < 0.0 {
        return Err(FieldError::new(field, Problem::Negative));
    }
    if value > MAX_AMOUNT {
        return Err(FieldError::new(
            field,
            Problem::TooLarge { max: MAX_AMOUNT },
        ));
    }
    Ok(value)
}

/// Checks a percentage in 0..=100.
pub fn check_percent(field: &str, value: f64) -> Result<f64, FieldError> {
    if !value.is_finite() {
        return Err(FieldError::new(field, Problem::NotANumber));
    }
    if value < 0.0 {
        return Err(FieldError::new(field, Problem::Negative));
    }
    if value > 100.0 {
        return Err(FieldError::new(field, Problem::OverHundredPercent));
    }
    Ok(value)
}

/// Checks a strictly positive finite amount below [`MAX_AMOUNT`].
pub fn check_positive(field: &str, value: f64) -> Result<f64, FieldError> {
    let v = check_amount(field, value)?;
    if v == 0.0 {
        return Err(FieldError::new(field, Problem::MustBePositive));
    }
    Ok(v)
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
