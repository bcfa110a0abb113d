//! Numbers and money in the locale's format, and the parser for what people type.
//!
//! Russian: `1 234 567,89 ₽` (no-break spaces between groups); English: `₽1,234,567.89`.

use super::Lang;
use crate::model::{Currency, Problem};

/// No-break space: groups of digits and the currency sign never wrap apart.
pub const NBSP: char = '\u{00A0}';

/// Formats a number with `decimals` digits after the separator and grouped thousands.
/// A value that is not finite is shown as a dash, never as `NaN` or `inf`.
pub fn format_number(value: f64, decimals: usize, lang: Lang) -> String {
    if !value.is_finite() {
        return "—".to_string();
    }
    let (group, point) = match lang {
        Lang::Ru => (NBSP, ','),
        Lang::En => (',', '.'),
    };
    let fixed = format!("{:.*}", decimals, value.abs());
    let (int_part, frac_part) = match fixed.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (fixed.as_str(), None),
    };
    let mut out = String::with_capacity(fixed.len() + fixed.len() / 3 + 2);
    // A value that rounds to zero is shown without a sign ("-0" confuses people).
    let rounds_to_zero = fixed.bytes().all(|b| b == b'0' || b == b'.');
    if value < 0.0 && !rounds_to_zero {
        out.push('-');
    }
    let digits = int_part.len();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            out.push(group);
        }
        out.push(ch);
    }
    if let Some(f) = frac_part {
        out.push(point);
        out.push_str(f);
    }
    out
}

/// Formats a whole count (rounded to the nearest integer).
pub fn format_count(value: f64, lang: Lang) -> String {
    format_number(value, 0, lang)
}

/// Formats money in the plan's currency with `decimals` digits after the separator.
pub fn format_money(value: f64, currency: Currency, decimals: usize, lang: Lang) -> String {
    let number = format_number(value, decimals, lang);
    if !value.is_finite() {
        return number;
    }
    match lang {
        Lang::Ru => format!("{number}{NBSP}{}", currency.symbol()),
        Lang::En => match number.strip_prefix('-') {
            Some(abs) => format!("-{}{abs}", currency.symbol()),
            None => format!("{}{number}", currency.symbol()),
        },
    }
}

/// Formats a percentage given as 0..=100 (not as a share), e.g. `12,5 %` / `12.5%`.
pub fn format_percent(value: f64, decimals: usize, lang: Lang) -> String {
    let number = format_number(value, decimals, lang);
    if !value.is_finite() {
        return number;
    }
    match lang {
        Lang::Ru => format!("{number}{NBSP}%"),
        Lang::En => format!("{number}%"),
    }
}

/// Formats a number for an input field: no grouping, the locale's decimal separator,
/// and no trailing zeros, so that what is shown parses back to the same value.
pub fn format_for_input(value: f64, lang: Lang) -> String {
    if !value.is_finite() {
        return String::new();
    }
    // Twelve significant decimals hide float noise such as 0.30000000000000004.
    let mut s = format!("{:.10}", value);
    if s.contains('.') {
        while s.ends_with('0') {
            s.pop();
        }
        if s.ends_with('.') {
            s.pop();
        }
    }
    if s == "-0" {
        s = "0".to_string();
    }
    match lang {
        Lang::Ru => s.replace('.', ","),
        Lang::En => s,
    }
}

/// Characters people (and spreadsheets) put between groups of digits.
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{00A0}' | '\u{202F}' | '\u{2009}' | '\'')
}

/// Parses a typed number: `,` or `.` as the decimal separator, spaces as thousands
/// separators, an optional sign and an optional trailing `%`.
///
/// `1 234,5`, `1234.5`, `1,234.5`, `1.234,5` and `1,234,567` all parse; `1,2,3`, `12abc`
/// and an empty field do not.
pub fn parse_number(text: &str) -> Result<f64, Problem> {
    let trimmed = text.trim();
    let trimmed = trimmed.strip_suffix('%').unwrap_or(trimmed).trim_end();
    if trimmed.is_empty() {
        return Err(Problem::Empty);
    }
    let (negative, body) = match trimmed.chars().next() {
        Some('-') | Some('−') => (
            true,
            &trimmed[trimmed.chars().next().map_or(0, char::len_utf8)..],
        ),
        Some('+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let compact: String = body.chars().filter(|c| !is_group_space(*c)).collect();
    if compact.is_empty()
        || !compact
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.')
    {
        return Err(Problem::NotANumber);
    }
    let normalized = normalize_separators(&compact).ok_or(Problem::NotANumber)?;
    let value: f64 = normalized.parse().map_err(|_| Problem::NotANumber)?;
    if !value.is_finite() {
        return Err(Problem::NotANumber);
    }
    Ok(if negative { -value } else { value })
}

/// Parses what a person typed in the given language. The one ambiguous case, a single comma
/// followed by exactly three digits (`9,000`), is a thousands separator in English and a
/// decimal comma in Russian; everything else parses as [`parse_number`] does.
pub fn parse_number_in(text: &str, lang: Lang) -> Result<f64, Problem> {
    if lang == Lang::En {
        let t = text.trim();
        let unsigned = t.trim_start_matches(['-', '+', '−']);
        if let Some((int_part, frac)) = unsigned.split_once(',') {
            let english_grouping = !unsigned.contains('.')
                && frac.len() == 3
                && frac.bytes().all(|b| b.is_ascii_digit())
                && !int_part.is_empty()
                && int_part.len() <= 3
                && int_part.bytes().all(|b| b.is_ascii_digit());
            if english_grouping {
                return parse_number(&t.replacen(',', "", 1));
            }
        }
    }
    parse_number(text)
}

/// Turns digits with `,` and `.` into a plain `1234.5`, deciding which is the decimal point.
fn normalize_separators(s: &str) -> Option<String> {
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    match (commas, dots) {
        (0, 0) => Some(s.to_string()),
        (1, 0) => Some(s.replace(',', ".")),
        (0, 1) => Some(s.to_string()),
        // Both present: the last one is the decimal point, the other groups thousands.
        (_, _) if commas > 0 && dots > 0 => {
            let last_comma = s.rfind(',')?;
            let last_dot = s.rfind('.')?;
            let (group, point) = if last_comma > last_dot {
                ('.', ',')
            } else {
                (',', '.')
            };
            if s.matches(point).count() != 1 {
                return None;
            }
            let int_part = &s[..s.rfind(point)?];
            if !groups_of_three(int_part, group) {
                return None;
            }
            Some(s.replace(group, "").replace(point, "."))
        }
        // Several of one kind: only thousands grouping makes sense (`1,234,567`).
        (n, 0) | (0, n) if n > 1 => {
            let group = if commas > 0 { ',' } else { '.' };
            if groups_of_three(s, group) {
                Some(s.replace(group, ""))
            } else {
                None
            }
        }
        _ => None,
    }
}

/// True when every group after the first has exactly three digits (`1,234,567`).
fn groups_of_three(s: &str, group: char) -> bool {
    let mut parts = s.split(group);
    let first = parts.next().unwrap_or("");
    !first.is_empty() && first.len() <= 3 && parts.all(|p| p.len() == 3) || !s.contains(group)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn russian_money_format() {
        assert_eq!(
            format_money(1_234_567.891, Currency::RUB, 2, Lang::Ru),
            "1\u{a0}234\u{a0}567,89\u{a0}₽"
        );
        assert_eq!(
            format_money(-1500.0, Currency::USD, 0, Lang::Ru),
            "-1\u{a0}500\u{a0}$"
        );
    }

    #[test]
    fn english_money_format() {
        assert_eq!(
            format_money(1_234_567.891, Currency::RUB, 2, Lang::En),
            "₽1,234,567.89"
        );
        assert_eq!(format_money(-1500.0, Currency::EUR, 0, Lang::En), "-€1,500");
        assert_eq!(format_money(999.0, Currency::KZT, 0, Lang::En), "₸999");
    }

    #[test]
    fn numbers_and_percent() {
        assert_eq!(format_number(0.0, 0, Lang::En), "0");
        assert_eq!(format_number(-0.004, 2, Lang::En), "0.00");
        assert_eq!(format_number(100.0, 0, Lang::Ru), "100");
        assert_eq!(format_number(1000.0, 0, Lang::Ru), "1\u{a0}000");
        assert_eq!(format_number(f64::NAN, 0, Lang::Ru), "—");
        assert_eq!(format_percent(12.5, 1, Lang::Ru), "12,5\u{a0}%");
        assert_eq!(format_percent(12.5, 1, Lang::En), "12.5%");
    }

    #[test]
    fn input_format_round_trips() {
        for v in [0.0, 1.5, 1234567.25, 0.1 + 0.2, -3.0, 40.0] {
            for lang in [Lang::Ru, Lang::En] {
                let shown = format_for_input(v, lang);
                let back = parse_number(&shown).unwrap();
                assert!((back - v).abs() < 1e-9, "{v} -> {shown} -> {back}");
            }
        }
        assert_eq!(format_for_input(0.1 + 0.2, Lang::Ru), "0,3");
        assert_eq!(format_for_input(40.0, Lang::En), "40");
    }

    #[test]
    fn parses_what_people_type() {
        assert_eq!(parse_number("1 234,5"), Ok(1234.5));
        assert_eq!(parse_number("1\u{a0}234\u{a0}567"), Ok(1_234_567.0));
        assert_eq!(parse_number("1\u{202f}234"), Ok(1234.0));
        assert_eq!(parse_number("1234.5"), Ok(1234.5));
        assert_eq!(parse_number("0,25"), Ok(0.25));
        assert_eq!(parse_number("1,234.5"), Ok(1234.5));
        assert_eq!(parse_number("1.234,5"), Ok(1234.5));
        assert_eq!(parse_number("1,234,567"), Ok(1_234_567.0));
        assert_eq!(parse_number("  -12 "), Ok(-12.0));
        assert_eq!(parse_number("−7"), Ok(-7.0));
        assert_eq!(parse_number("40%"), Ok(40.0));
        assert_eq!(parse_number(",5"), Ok(0.5));
    }

    #[test]
    fn a_single_comma_before_three_digits_follows_the_language() {
        assert_eq!(parse_number_in("9,000", Lang::En), Ok(9000.0));
        assert_eq!(parse_number_in("-9,000", Lang::En), Ok(-9000.0));
        assert_eq!(parse_number_in("9,000", Lang::Ru), Ok(9.0));
        assert_eq!(parse_number_in("1,5", Lang::En), Ok(1.5));
        assert_eq!(parse_number_in("1234,567", Lang::En), Ok(1234.567));
        assert_eq!(parse_number_in("12,345.5", Lang::En), Ok(12345.5));
        assert_eq!(parse_number_in("1 234,5", Lang::En), Ok(1234.5));
    }

    #[test]
    fn rejects_what_is_not_a_number() {
        assert_eq!(parse_number(""), Err(Problem::Empty));
        assert_eq!(parse_number("   "), Err(Problem::Empty));
        assert_eq!(parse_number("12abc"), Err(Problem::NotANumber));
        assert_eq!(parse_number("1,2,3"), Err(Problem::NotANumber));
        assert_eq!(parse_number("1.2.3"), Err(Problem::NotANumber));
        assert_eq!(parse_number("1e5"), Err(Problem::NotANumber));
        assert_eq!(parse_number("inf"), Err(Problem::NotANumber));
        assert_eq!(parse_number("NaN"), Err(Problem::NotANumber));
        assert_eq!(parse_number("-"), Err(Problem::NotANumber));
        assert_eq!(parse_number("."), Err(Problem::NotANumber));
        assert_eq!(parse_number("1,234.5.6"), Err(Problem::NotANumber));
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(s in ".{0,40}") {
            if let Ok(v) = parse_number(&s) {
                proptest::prop_assert!(v.is_finite());
            }
        }

        #[test]
        fn format_never_shows_nan(v in proptest::num::f64::ANY, d in 0usize..4) {
            for lang in [Lang::Ru, Lang::En] {
                let s = format_money(v, Currency::RUB, d, lang);
                proptest::prop_assert!(!s.contains("NaN") && !s.contains("inf"));
            }
        }
    }
}
