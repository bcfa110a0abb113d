//! Money cells as exports write them: `1234.5`, `1 234,50`, `1.234,50`, `-12`, `1e3`, `500 ₽`.

use serde::{Deserialize, Serialize};

use super::ascii::visible_ascii;

/// The decimal separator of a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Decimal {
    /// `1234.56` (digit groups may use `,`, space or `'`).
    #[default]
    Point,
    /// `1234,56` as Russian Excel writes it (digit groups may use `.`, space or `'`).
    Comma,
}

impl Decimal {
    fn byte(self) -> u8 {
        match self {
            Decimal::Point => b'.',
            Decimal::Comma => b',',
        }
    }

    fn group_byte(self) -> u8 {
        match self {
            Decimal::Point => b',',
            Decimal::Comma => b'.',
        }
    }
}

/// Currency marks allowed before or after the number; they carry no meaning for the import.
const CURRENCY_MARKS: [&str; 12] = [
    "₽", "$", "€", "₸", "руб.", "руб", "р.", "RUB", "USD", "EUR", "KZT", "тг",
];

/// Exact powers of ten: `mantissa / 10^k` is then correctly rounded for mantissa < 2^53.
const POW10: [f64; 19] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18,
];

/// Reads an amount. `None` when the cell is not a number. The result is always finite.
///
/// Digit groups may be separated by spaces (also no-break spaces), `'`, or the separator that
/// is not the decimal one. A currency mark may stand before or after the number.
pub fn parse_amount(text: &str, decimal: Decimal) -> Option<f64> {
    let s = strip_currency(trim_spaces(text));
    let bytes = s.as_bytes();
    let (negative, body) = match bytes.first() {
        Some(b'-') => (true, &bytes[1..]),
        Some(b'+') => (false, &bytes[1..]),
        _ => (false, bytes),
    };
    let value = fast_number(body, decimal).or_else(|| slow_number(body, decimal))?;
    let value = if negative { -value } else { value };
    value.is_finite().then_some(value)
}

/// Trims spaces and no-break spaces; free when the cell starts and ends with a visible ASCII
/// character, as nearly every cell does.
#[inline]
fn trim_spaces(text: &str) -> &str {
    if visible_ascii(text.as_bytes().first()) && visible_ascii(text.as_bytes().last()) {
        text
    } else {
        text.trim_matches(is_space)
    }
}

fn is_space(c: char) -> bool {
    c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\t'
}

fn strip_currency(s: &str) -> &str {
    // The common case, a bare number, skips the search.
    let starts_plain = s
        .as_bytes()
        .first()
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'-' | b'+' | b'.' | b','));
    if starts_plain && s.as_bytes().last().is_some_and(u8::is_ascii_digit) {
        return s;
    }
    for mark in CURRENCY_MARKS {
        if let Some(rest) = s.strip_suffix(mark) {
            return rest.trim_end_matches(is_space);
        }
        if let Some(rest) = s.strip_prefix(mark) {
            return rest.trim_start_matches(is_space);
        }
    }
    s
}

/// The common case, plain digits with at most one decimal separator and up to 18 digits:
/// integer arithmetic and one exact division.
fn fast_number(body: &[u8], decimal: Decimal) -> Option<f64> {
    let mut mantissa: u64 = 0;
    let mut digits = 0usize;
    let mut fraction_digits: Option<usize> = None;
    for &b in body {
        if b.is_ascii_digit() {
            mantissa = mantissa * 10 + u64::from(b - b'0');
            digits += 1;
            if let Some(f) = fraction_digits.as_mut() {
                *f += 1;
            }
            if digits > 15 {
                return None;
            }
        } else if b == decimal.byte() && fraction_digits.is_none() {
            fraction_digits = Some(0);
        } else {
            return None;
        }
    }
    if digits == 0 {
        return None;
    }
    let k = fraction_digits.unwrap_or(0);
    Some(mantissa as f64 / POW10[k])
}

/// Everything else: digit groups, exponents, long numbers. Cleans into a buffer for `f64::parse`.
fn slow_number(body: &[u8], decimal: Decimal) -> Option<f64> {
    let text = std::str::from_utf8(body).ok()?;
    let mut clean = String::with_capacity(text.len());
    let mut seen_decimal = false;
    let mut seen_exponent = false;
    let mut digits_since_group: Option<usize> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '0'..='9' => {
                clean.push(c);
                if let Some(n) = digits_since_group.as_mut() {
                    *n += 1;
                }
            }
            _ if c as u32 == u32::from(decimal.byte()) && !seen_decimal && !seen_exponent => {
                check_group(digits_since_group)?;
                digits_since_group = None;
                seen_decimal = true;
                clean.push('.');
            }
            _ if (c as u32 == u32::from(decimal.group_byte()) || c == '\'' || is_space(c))
                && !seen_decimal
                && !seen_exponent =>
            {
                // A group separator must follow a digit and be followed by three digits.
                if !clean.ends_with(|d: char| d.is_ascii_digit()) {
                    return None;
                }
                check_group(digits_since_group)?;
                digits_since_group = Some(0);
            }
            'e' | 'E' if !seen_exponent && clean.ends_with(|d: char| d.is_ascii_digit()) => {
                check_group(digits_since_group)?;
                digits_since_group = None;
                seen_exponent = true;
                clean.push('e');
                if let Some(&sign) = chars.peek() {
                    if sign == '-' || sign == '+' {
                        clean.push(sign);
                        chars.next();
                    }
                }
            }
            _ => return None,
        }
    }
    check_group(digits_since_group)?;
    if !clean.starts_with(|d: char| d.is_ascii_digit()) && !clean.starts_with('.') {
        return None;
    }
    clean.parse::<f64>().ok()
}

fn check_group(digits_since_group: Option<usize>) -> Option<()> {
    match digits_since_group {
        Some(3) | None => Some(()),
        Some(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_and_decimal() {
        assert_eq!(parse_amount("1234", Decimal::Point), Some(1234.0));
        assert_eq!(parse_amount("1234.56", Decimal::Point), Some(1234.56));
        assert_eq!(parse_amount("1234,56", Decimal::Comma), Some(1234.56));
        assert_eq!(parse_amount("0,1", Decimal::Comma), Some(0.1));
        assert_eq!(parse_amount(",5", Decimal::Comma), Some(0.5));
        assert_eq!(parse_amount("-12,5", Decimal::Comma), Some(-12.5));
        assert_eq!(parse_amount("+7", Decimal::Point), Some(7.0));
        assert_eq!(parse_amount(" 7 ", Decimal::Point), Some(7.0));
    }

    #[test]
    fn digit_groups_and_currency() {
        assert_eq!(parse_amount("1 234,50", Decimal::Comma), Some(1234.5));
        assert_eq!(
            parse_amount("1\u{a0}234\u{a0}567,89", Decimal::Comma),
            Some(1_234_567.89)
        );
        assert_eq!(
            parse_amount("1.234.567,89", Decimal::Comma),
            Some(1_234_567.89)
        );
        assert_eq!(
            parse_amount("1,234,567.89", Decimal::Point),
            Some(1_234_567.89)
        );
        assert_eq!(parse_amount("1'234.5", Decimal::Point), Some(1234.5));
        assert_eq!(parse_amount("1 234,50 ₽", Decimal::Comma), Some(1234.5));
        assert_eq!(parse_amount("500 руб.", Decimal::Comma), Some(500.0));
        assert_eq!(parse_amount("$19.99", Decimal::Point), Some(19.99));
    }

    #[test]
    fn exponents_and_long_numbers() {
        assert_eq!(parse_amount("1E+06", Decimal::Point), Some(1e6));
        assert_eq!(parse_amount("1,5e3", Decimal::Comma), Some(1500.0));
        assert_eq!(
            parse_amount("12345678901234567890", Decimal::Point),
            Some(12_345_678_901_234_567_890.0)
        );
    }

    #[test]
    fn rejects_non_numbers() {
        for text in [
            "", "-", "abc", "12abc", "1,2,3", "1 23", "1.2.3", "1e", "--1", "1,5", "NaN", "inf",
            "1e999",
        ] {
            assert_eq!(parse_amount(text, Decimal::Point), None, "{text}");
        }
        // With a decimal comma a point is a group separator, so 1.5 is not a number.
        assert_eq!(parse_amount("1.5", Decimal::Comma), None);
    }

    proptest! {
        #[test]
        fn never_panics_and_always_finite(text in ".{0,30}") {
            for d in [Decimal::Point, Decimal::Comma] {
                if let Some(v) = parse_amount(&text, d) {
                    prop_assert!(v.is_finite());
                }
            }
        }

        #[test]
        fn round_trips_two_decimals(cents in 0u64..10_000_000_000) {
            let text = format!("{}.{:02}", cents / 100, cents % 100);
            let want: f64 = text.parse().unwrap();
            prop_assert_eq!(parse_amount(&text, Decimal::Point), Some(want));
            prop_assert_eq!(parse_amount(&text.replace('.', ","), Decimal::Comma), Some(want));
        }
    }
}
