//! Numbers and money in the locale's format, and the parser for what people type.
//!
//! Russian: `1 234 567,89 ₽` (no-break spaces between groups); English: `₽1,234,567.89`.
//! Every figure is rounded by one rule, [`round_half_up`]: half up on the decimal value
//! (`11 362,50` -> `11 363`, `36,25` -> `36,3`), whatever float noise the binary value has.

use super::Lang;
use crate::model::{Currency, Problem};

/// No-break space: groups of digits and the currency sign never wrap apart.
pub const NBSP: char = '\u{00A0}';

/// A number rounded for a person: its sign and its decimal digits, before and after the
/// point. Made only by [`round_half_up`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rounded {
    /// Below zero after rounding (a value that rounds to zero is never negative: no "-0").
    pub negative: bool,
    /// The whole part's digits, without leading zeros ("0" for none).
    pub int: String,
    /// Exactly the requested count of digits after the point.
    pub frac: String,
}

impl Rounded {
    /// The rounded value as a number (the nearest `f64` to the decimal digits).
    pub fn to_f64(&self) -> f64 {
        let text = format!(
            "{}{}.{}",
            if self.negative { "-" } else { "" },
            self.int,
            if self.frac.is_empty() {
                "0"
            } else {
                &self.frac
            }
        );
        text.parse().unwrap_or(0.0)
    }
}

/// The one rounding of every figure a person reads: `value` rounded to `decimals` digits
/// after the point, half up, on its decimal value.
///
/// The decimal value is the shortest decimal that reads back as the same `f64` (what Rust's
/// `{}` prints), so float noise never decides the side: `1.005` (binary `1.00499999...`)
/// becomes `1.01`, `2.675` becomes `2.68`, and exact halves go up: `36.25` -> `36.3`,
/// `11362.5` -> `11363` (Rust's `{:.N}` rounds the binary value half to even and gives
/// `36.2` and `11362`). Negative values round half away from zero, as a person reads them:
/// `-2.5` -> `-3`, the mirror of `2.5` -> `3`. `None` for NaN and infinities.
pub fn round_half_up(value: f64, decimals: usize) -> Option<Rounded> {
    if !value.is_finite() {
        return None;
    }
    // `{:e}` writes the shortest round-trip digits: `1.005e0`, `1.25e-1`, `5e7`, `0e0`.
    let exp_form = format!("{:e}", value.abs());
    let (mantissa, exponent) = exp_form.split_once('e')?;
    let exponent: i64 = exponent.parse().ok()?;
    let digits: Vec<u8> = mantissa.bytes().filter(u8::is_ascii_digit).collect();
    // The value is 0.d1d2d3... x 10^(exponent + 1); keep the digits up to `decimals` places
    // after the point: `keep` of them, as a whole number of units of the last place.
    let keep = exponent + 1 + decimals as i64;
    let mut units: Vec<u8> = if keep < 0 {
        vec![b'0']
    } else if keep as usize >= digits.len() {
        let mut all = digits.clone();
        all.resize(keep as usize, b'0');
        all
    } else {
        let keep = keep as usize;
        let mut kept = digits[..keep].to_vec();
        // No trailing zeros in the shortest digits: a 5 or more here is at least a half.
        if digits[keep] >= b'5' {
            add_one(&mut kept);
        }
        kept
    };
    let leading_zeros = units
        .iter()
        .take_while(|&&d| d == b'0')
        .count()
        .min(units.len().saturating_sub(1));
    units.drain(..leading_zeros);
    if units.is_empty() {
        units.push(b'0');
    }
    if units.len() <= decimals {
        let mut padded = vec![b'0'; decimals + 1 - units.len()];
        padded.extend_from_slice(&units);
        units = padded;
    }
    let split = units.len() - decimals;
    let text = |d: &[u8]| d.iter().map(|&b| char::from(b)).collect::<String>();
    let negative = value.is_sign_negative() && units.iter().any(|&d| d != b'0');
    Some(Rounded {
        negative,
        int: text(&units[..split]),
        frac: text(&units[split..]),
    })
}

/// Adds one unit to a string of decimal digits (`129` -> `130`, `99` -> `100`, `` -> `1`).
fn add_one(digits: &mut Vec<u8>) {
    for d in digits.iter_mut().rev() {
        if *d == b'9' {
            *d = b'0';
        } else {
            *d += 1;
            return;
        }
    }
    digits.insert(0, b'1');
}

/// The locale's separators: between groups of digits, and the decimal point.
fn separators(lang: Lang) -> (char, char) {
    match lang {
        Lang::Ru => (NBSP, ','),
        Lang::En => (',', '.'),
    }
}

/// Writes a rounded number: sign, whole part (grouped by threes with `group`, if any), the
/// point and the fraction (trailing zeros removed when `trim` is set).
fn write_rounded(r: &Rounded, group: Option<char>, point: char, trim: bool) -> String {
    let frac = if trim {
        r.frac.trim_end_matches('0')
    } else {
        r.frac.as_str()
    };
    let mut out = String::with_capacity(r.int.len() + r.int.len() / 3 + frac.len() + 2);
    if r.negative {
        out.push('-');
    }
    let digits = r.int.len();
    for (i, ch) in r.int.chars().enumerate() {
        if let Some(group) = group {
            if i > 0 && (digits - i).is_multiple_of(3) {
                out.push(group);
            }
        }
        out.push(ch);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    out
}

/// Formats a number with `decimals` digits after the separator and grouped thousands,
/// rounded by [`round_half_up`]. A value that is not finite is shown as a dash, never as
/// `NaN` or `inf`; a value that rounds to zero has no sign ("-0" confuses people).
pub fn format_number(value: f64, decimals: usize, lang: Lang) -> String {
    let Some(rounded) = round_half_up(value, decimals) else {
        return "—".to_string();
    };
    let (group, point) = separators(lang);
    write_rounded(&rounded, Some(group), point, false)
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

/// Decimals an input shows at most: enough for every value people type, and they hide
/// float noise such as 0.30000000000000004.
const INPUT_DECIMALS: usize = 10;

/// Formats a number as plain text to edit or to write into a CSV: no grouping, the
/// locale's decimal separator, and no trailing zeros, so that what is shown parses back
/// to the same value. Empty for a value that is not finite.
pub fn format_for_input(value: f64, lang: Lang) -> String {
    match round_half_up(value, INPUT_DECIMALS) {
        Some(r) => write_rounded(&r, None, separators(lang).1, true),
        None => String::new(),
    }
}

/// What a number field shows while it is not being edited: [`format_for_input`] with the
/// whole part grouped the locale's way (`50 000 000` with no-break spaces, `50,000,000`).
/// [`parse_number_in`] reads it back to the same value, so the text can be edited in place.
pub fn format_for_field(value: f64, lang: Lang) -> String {
    match round_half_up(value, INPUT_DECIMALS) {
        Some(r) => {
            let (group, point) = separators(lang);
            write_rounded(&r, Some(group), point, true)
        }
        None => String::new(),
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

    /// `round_half_up` as text, `-` and `.` included: what a person reads, without grouping.
    fn rounded(value: f64, decimals: usize) -> String {
        let r = round_half_up(value, decimals).unwrap();
        write_rounded(&r, None, '.', false)
    }

    #[test]
    fn exact_halves_go_up() {
        assert_eq!(rounded(11362.5, 0), "11363");
        assert_eq!(rounded(36.25, 1), "36.3");
        assert_eq!(rounded(0.5, 0), "1");
        assert_eq!(rounded(1.5, 0), "2");
        assert_eq!(rounded(2.5, 0), "3");
        assert_eq!(rounded(0.125, 2), "0.13");
        assert_eq!(rounded(0.375, 2), "0.38");
        // Below zero the half goes away from zero, the mirror of above.
        assert_eq!(rounded(-2.5, 0), "-3");
        assert_eq!(rounded(-0.5, 0), "-1");
        assert_eq!(rounded(-36.25, 1), "-36.3");
        // Just below a half goes down.
        assert_eq!(rounded(11362.499, 0), "11362");
        assert_eq!(rounded(36.249, 1), "36.2");
    }

    #[test]
    fn halves_that_binary_cannot_hold_go_up_too() {
        // 1.005 is 1.00499999999999989... in binary; `{:.2}` says 1.00.
        assert_eq!(format!("{:.2}", 1.005), "1.00");
        assert_eq!(rounded(1.005, 2), "1.01");
        assert_eq!(rounded(2.675, 2), "2.68");
        assert_eq!(rounded(1.015, 2), "1.02");
        assert_eq!(rounded(0.285, 2), "0.29");
        assert_eq!(rounded(1.045, 2), "1.05");
        assert_eq!(rounded(8.345, 2), "8.35");
        assert_eq!(rounded(-1.005, 2), "-1.01");
        // A sum with float noise is rounded as the decimal it prints as.
        assert_eq!(rounded(0.1 + 0.2, 1), "0.3");
        assert_eq!(rounded(0.1 + 0.2, 17), "0.30000000000000004");
    }

    #[test]
    fn the_rule_on_every_display() {
        assert_eq!(
            format_money(11362.5, Currency::RUB, 0, Lang::Ru),
            "11\u{a0}363\u{a0}₽"
        );
        assert_eq!(format_money(11362.5, Currency::RUB, 0, Lang::En), "₽11,363");
        assert_eq!(format_percent(36.25, 1, Lang::Ru), "36,3\u{a0}%");
        assert_eq!(format_percent(36.25, 1, Lang::En), "36.3%");
        assert_eq!(format_count(2.5, Lang::Ru), "3");
        assert_eq!(format_number(1.005, 2, Lang::Ru), "1,01");
        assert_eq!(format_money(-2.5, Currency::USD, 0, Lang::En), "-$3");
        // Carries run through the groups: 999 999,5 -> 1 000 000.
        assert_eq!(format_number(999_999.5, 0, Lang::Ru), "1\u{a0}000\u{a0}000");
        assert_eq!(format_number(9.995, 2, Lang::En), "10.00");
    }

    #[test]
    fn large_and_tiny_values() {
        assert_eq!(format_number(50_000_000.0, 0, Lang::En), "50,000,000");
        assert_eq!(rounded(50_000_000.5, 0), "50000001");
        // 1e15 + 0.5 is still exact in binary (2^53 is about 9e15).
        assert_eq!(rounded(1e15 + 0.5, 0), "1000000000000001");
        assert_eq!(rounded(1e15 + 0.5, 1), "1000000000000000.5");
        assert_eq!(rounded(1e20, 2), "100000000000000000000.00");
        assert_eq!(rounded(f64::MAX, 0).len(), 309);
        assert_eq!(rounded(1e-300, 2), "0.00");
        assert_eq!(rounded(f64::MIN_POSITIVE, 0), "0");
        assert_eq!(rounded(0.000_4, 3), "0.000");
        assert_eq!(rounded(0.000_5, 3), "0.001");
        assert_eq!(rounded(0.000_5, 2), "0.00");
        assert_eq!(rounded(0.004_999, 2), "0.00");
        assert_eq!(rounded(0.005, 2), "0.01");
        assert_eq!(rounded(0.05, 0), "0");
        assert_eq!(rounded(123.456, 5), "123.45600");
    }

    #[test]
    fn zero_never_has_a_sign() {
        assert_eq!(rounded(0.0, 0), "0");
        assert_eq!(rounded(-0.0, 0), "0");
        assert_eq!(rounded(-0.0, 2), "0.00");
        assert_eq!(rounded(-0.4, 0), "0");
        assert_eq!(rounded(-0.004, 2), "0.00");
        assert_eq!(format_number(-0.0, 1, Lang::Ru), "0,0");
        assert_eq!(format_money(-0.4, Currency::RUB, 0, Lang::En), "₽0");
        assert_eq!(format_percent(-0.04, 1, Lang::En), "0.0%");
        assert_eq!(format_for_input(-0.0, Lang::Ru), "0");
        assert_eq!(format_for_field(-1e-12, Lang::En), "0");
    }

    #[test]
    fn not_finite_as_before() {
        assert_eq!(round_half_up(f64::NAN, 0), None);
        assert_eq!(round_half_up(f64::INFINITY, 2), None);
        assert_eq!(format_number(f64::NEG_INFINITY, 0, Lang::En), "—");
        assert_eq!(format_money(f64::NAN, Currency::RUB, 0, Lang::Ru), "—");
        assert_eq!(format_percent(f64::INFINITY, 1, Lang::Ru), "—");
        assert_eq!(format_for_input(f64::NAN, Lang::Ru), "");
        assert_eq!(format_for_field(f64::INFINITY, Lang::En), "");
    }

    #[test]
    fn rounded_value_as_a_number() {
        assert_eq!(round_half_up(1.005, 2).unwrap().to_f64(), 1.01);
        assert_eq!(round_half_up(-2.5, 0).unwrap().to_f64(), -3.0);
        assert_eq!(round_half_up(21.5, 0).unwrap().to_f64(), 22.0);
        assert!(round_half_up(-0.2, 0).unwrap().to_f64().is_sign_positive());
    }

    #[test]
    fn fields_show_grouped_digits() {
        assert_eq!(
            format_for_field(50_000_000.0, Lang::Ru),
            "50\u{a0}000\u{a0}000"
        );
        assert_eq!(format_for_field(150_000.0, Lang::Ru), "150\u{a0}000");
        assert_eq!(format_for_field(50_000_000.0, Lang::En), "50,000,000");
        assert_eq!(
            format_for_field(1_234_567.25, Lang::Ru),
            "1\u{a0}234\u{a0}567,25"
        );
        assert_eq!(format_for_field(1_234_567.25, Lang::En), "1,234,567.25");
        assert_eq!(format_for_field(-12_500.5, Lang::En), "-12,500.5");
        assert_eq!(format_for_field(999.0, Lang::En), "999");
        assert_eq!(format_for_field(0.1 + 0.2, Lang::Ru), "0,3");
        assert_eq!(format_for_field(12.5, Lang::Ru), "12,5");
        // Plain text to edit and for CSV stays ungrouped.
        assert_eq!(format_for_input(50_000_000.0, Lang::Ru), "50000000");
        assert_eq!(format_for_input(1_234_567.25, Lang::En), "1234567.25");
    }

    #[test]
    fn grouped_field_text_parses_back() {
        let values = [
            0.0,
            1.5,
            12.5,
            999.0,
            1000.0,
            1234.567,
            9000.0,
            150_000.0,
            1_234_567.25,
            12_500_000.0,
            50_000_000.0,
            -3.0,
            -1234.5,
            -9000.0,
            -50_000_000.75,
            0.001,
            1e15,
            123_456_789_012.125,
            1e20,
        ];
        for v in values {
            for lang in [Lang::Ru, Lang::En] {
                let shown = format_for_field(v, lang);
                assert_eq!(parse_number_in(&shown, lang), Ok(v), "{v} -> {shown:?}");
                // The same text with plain or narrow spaces, as a person or a paste has it.
                for space in [" ", "\u{202f}"] {
                    let retyped = shown.replace(NBSP, space);
                    assert_eq!(parse_number_in(&retyped, lang), Ok(v), "{retyped:?}");
                }
                let plain = format_for_input(v, lang);
                assert_eq!(parse_number_in(&plain, lang), Ok(v), "{v} -> {plain:?}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn parse_never_panics(s in ".{0,40}") {
            if let Ok(v) = parse_number(&s) {
                proptest::prop_assert!(v.is_finite());
            }
        }

        #[test]
        fn rounding_never_panics_and_stays_within_half_a_unit(
            v in proptest::num::f64::ANY,
            d in 0usize..12,
        ) {
            match round_half_up(v, d) {
                None => proptest::prop_assert!(!v.is_finite()),
                Some(r) => {
                    proptest::prop_assert_eq!(r.frac.len(), d);
                    let text = write_rounded(&r, None, '.', false);
                    let back: f64 = text.parse().unwrap();
                    // Half a unit of the last place, and the float error of the two numbers.
                    let half_unit = 0.5 * 10f64.powi(-(d as i32));
                    let slack = (v.abs() + back.abs()) * f64::EPSILON;
                    proptest::prop_assert!(
                        (back - v).abs() <= half_unit + slack,
                        "{} -> {}", v, text
                    );
                    proptest::prop_assert!(!(r.negative && back == 0.0), "{} -> {}", v, text);
                }
            }
        }

        #[test]
        fn field_text_round_trips(
            v in -1e12f64..1e12,
            lang in proptest::sample::select(vec![Lang::Ru, Lang::En]),
        ) {
            let v = round_half_up(v, 4).unwrap().to_f64();
            let shown = format_for_field(v, lang);
            proptest::prop_assert_eq!(parse_number_in(&shown, lang), Ok(v), "{:?}", shown);
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
