//! Calendar dates as whole days since 1970-01-01 (`i32`), the compact form the import and
//! the analysis store (days between two dates are the difference of their numbers), and the
//! date formats exports use.
//!
//! Calendar arithmetic (months, month boundaries, days of a month) is chrono's: [`date_of`]
//! and [`day_of`] convert between a day number and a `chrono::NaiveDate` at the edges. Only
//! the import's date reader keeps its own civil-date formula ([`days_from_civil`],
//! H. Hinnant's algorithm): it runs on every row of a million-row file, and the tests check
//! it against chrono for every date it accepts.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// Earliest and latest year a transaction date may have; anything else is a typo.
pub const MIN_YEAR: i32 = 1900;
pub const MAX_YEAR: i32 = 2100;

/// How to read `a/b/yyyy`: day first (Russia, Europe) or month first (USA).
/// Dates with dots or dashes (`dd.mm.yyyy`, `dd-mm-yyyy`) are always day first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum SlashOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

/// Why a date cell could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateError {
    /// Not one of the known formats.
    Format,
    /// A real-looking date outside [`MIN_YEAR`]..=[`MAX_YEAR`] or a day that does not exist.
    OutOfRange,
}

/// Days since 1970-01-01 of a proleptic Gregorian date (month 1..=12, day 1..=31): the date
/// reader's own formula, equal to [`day_of`] of the same chrono date.
pub fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// chrono's day number (from 0001-01-01 as day 1) of 1970-01-01.
const EPOCH_FROM_CE: i32 = 719_163;

/// The calendar date of a day number. Day numbers beyond chrono's range (about 262,000
/// years either way; no file has them) saturate at its first or last date.
pub fn date_of(day: i32) -> NaiveDate {
    day.checked_add(EPOCH_FROM_CE)
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(if day < 0 {
            NaiveDate::MIN
        } else {
            NaiveDate::MAX
        })
}

/// The day number of a calendar date; inverse of [`date_of`].
pub fn day_of(date: NaiveDate) -> i32 {
    date.num_days_from_ce() - EPOCH_FROM_CE
}

/// Month number of a date counted from year 0 (`year * 12 + month - 1`), for monthly buckets:
/// the months between two dates are the difference of their numbers.
pub fn month_number(date: NaiveDate) -> i32 {
    date.year() * 12 + date.month0() as i32
}

/// [`month_number`] of a day number.
pub fn month_index(days: i32) -> i32 {
    month_number(date_of(days))
}

/// The first day of a month given by [`month_index`] (saturating like [`date_of`]).
pub fn month_start(month_index: i32) -> i32 {
    let year = month_index.div_euclid(12);
    let month0 = month_index.rem_euclid(12) as u32;
    let first = NaiveDate::from_ymd_opt(year, month0 + 1, 1).unwrap_or(if year < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    });
    day_of(first)
}

/// `yyyy-mm` text of a month given by [`month_index`] (cohort names).
pub fn format_month(month_index: i32) -> String {
    let first = date_of(month_start(month_index));
    format!("{:04}-{:02}", first.year(), first.month())
}

/// `yyyy-mm-dd` text of a day number (for tables and exports).
pub fn format_iso(days: i32) -> String {
    date_of(days).to_string()
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Days in a month (0 for a month outside 1..=12), for the date reader's checks.
fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// Checks the parts and converts them to a day number.
pub fn checked_days(year: i32, month: u32, day: u32) -> Result<i32, DateError> {
    if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
        return Err(DateError::OutOfRange);
    }
    if !(MIN_YEAR..=MAX_YEAR).contains(&year) {
        return Err(DateError::OutOfRange);
    }
    Ok(days_from_civil(year, month, day))
}

/// Reads a date cell: `yyyy-mm-dd` (also with `/` or `.`), `dd.mm.yyyy`, `dd-mm-yyyy`,
/// `dd/mm/yyyy` (or `mm/dd/yyyy` by `slash`), two-digit years (`dd.mm.yy`: 00-69 -> 20xx,
/// 70-99 -> 19xx), `yyyymmdd`; each optionally followed by a time (`T12:30`, ` 12:30:00`,
/// `12:30:00.000Z`, ` 9:05 PM`), which is ignored. Surrounding spaces are allowed.
pub fn parse_date(text: &str, slash: SlashOrder) -> Result<i32, DateError> {
    let s = text.trim().as_bytes();
    let (date_len, [a, b, c], sep) = split_date(s).ok_or(DateError::Format)?;
    if !is_time_tail(&s[date_len..]) {
        return Err(DateError::Format);
    }
    let (year, month, day) = match (sep, a.1, c.1) {
        (Sep::None, _, _) => (a.0 as i32, b.0, c.0),
        (_, 4, _) => (a.0 as i32, b.0, c.0),
        (Sep::Slash, _, len) if slash == SlashOrder::MonthFirst => (full_year(c.0, len), a.0, b.0),
        (_, _, len) => (full_year(c.0, len), b.0, a.0),
    };
    checked_days(year, month, day)
}

/// The separator between the parts of a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Sep {
    None,
    Dash,
    Dot,
    Slash,
}

/// A number and how many digits it had.
type Part = (u32, usize);

/// Splits the leading date into its three numeric parts. Returns the bytes it used.
fn split_date(s: &[u8]) -> Option<(usize, [Part; 3], Sep)> {
    let first = digits(s, 0)?;
    if first.1 == 8 && s.get(8).is_none_or(|b| !b.is_ascii_digit()) {
        // yyyymmdd
        let v = first.0;
        return Some((
            8,
            [(v / 10_000, 4), (v / 100 % 100, 2), (v % 100, 2)],
            Sep::None,
        ));
    }
    let sep = match s.get(first.1)? {
        b'-' => Sep::Dash,
        b'.' => Sep::Dot,
        b'/' => Sep::Slash,
        _ => return None,
    };
    let second = digits(s, first.1 + 1)?;
    let pos = first.1 + 1 + second.1;
    if s.get(pos) != s.get(first.1) {
        return None;
    }
    let third = digits(s, pos + 1)?;
    let end = pos + 1 + third.1;
    // Year first needs a 4-digit year; day first needs a 2- or 4-digit year; days and months
    // have one or two digits.
    let shape_ok = if first.1 == 4 {
        second.1 <= 2 && third.1 <= 2
    } else {
        first.1 <= 2 && second.1 <= 2 && (third.1 == 4 || third.1 == 2)
    };
    shape_ok.then_some((end, [first, second, third], sep))
}

/// Up to 8 ASCII digits starting at `from`.
fn digits(s: &[u8], from: usize) -> Option<Part> {
    let mut value = 0u32;
    let mut len = 0;
    while let Some(&b) = s.get(from + len) {
        if !b.is_ascii_digit() || len == 8 {
            break;
        }
        value = value * 10 + u32::from(b - b'0');
        len += 1;
    }
    (len > 0).then_some((value, len))
}

fn full_year(value: u32, len: usize) -> i32 {
    match (len, value) {
        (2, 0..=69) => 2000 + value as i32,
        (2, _) => 1900 + value as i32,
        _ => value as i32,
    }
}

/// What may follow a date: nothing, or a time such as `T10:00:00Z`, ` 10:00`, ` 9:05 PM`.
fn is_time_tail(rest: &[u8]) -> bool {
    match rest {
        [] => true,
        [b'T' | b' ', first, tail @ ..] => {
            first.is_ascii_digit()
                && tail.iter().all(|b| {
                    b.is_ascii_digit()
                        || matches!(b, b':' | b'.' | b',' | b'+' | b'-' | b' ' | b'Z')
                        || matches!(b.to_ascii_uppercase(), b'A' | b'P' | b'M')
                })
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn epoch_and_known_days() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(1970, 1, 2), 1);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        // 2000-03-01: 30 years * 365 + 7 leap days (72..96) + Jan 31 + Feb 29 = 11017.
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        // CDNOW: 1997-01-01 -> 1997-09-30 is 272 days.
        assert_eq!(
            days_from_civil(1997, 9, 30) - days_from_civil(1997, 1, 1),
            272
        );
    }

    #[test]
    fn every_format_reads_the_same_day() {
        let want = days_from_civil(2024, 3, 5);
        let d = SlashOrder::DayFirst;
        for text in [
            "2024-03-05",
            "2024/03/05",
            "2024.03.05",
            "2024-3-5",
            "05.03.2024",
            "5.3.2024",
            "05.03.24",
            "05-03-2024",
            "05/03/2024",
            "20240305",
            "2024-03-05T10:20:30",
            "2024-03-05T10:20:30.123Z",
            "2024-03-05 10:20",
            "05.03.2024 10:20:30",
            "05.03.2024 0:00",
            "20240305 101010",
            " 05.03.2024 ",
            "3/5/2024 9:05 PM",
        ] {
            let slash = if text.starts_with("3/") {
                SlashOrder::MonthFirst
            } else {
                d
            };
            assert_eq!(parse_date(text, slash), Ok(want), "{text}");
        }
    }

    #[test]
    fn two_digit_year_pivot() {
        assert_eq!(
            parse_date("01.01.69", SlashOrder::DayFirst),
            Ok(days_from_civil(2069, 1, 1))
        );
        assert_eq!(
            parse_date("01.01.70", SlashOrder::DayFirst),
            Ok(days_from_civil(1970, 1, 1))
        );
    }

    #[test]
    fn bad_dates_are_told_apart() {
        let d = SlashOrder::DayFirst;
        for text in [
            "",
            "abc",
            "2024-03",
            "05.03",
            "2024-03-05x",
            "05.03-2024",
            "123456789",
        ] {
            assert_eq!(parse_date(text, d), Err(DateError::Format), "{text}");
        }
        for text in [
            "31.02.2024",
            "2024-13-01",
            "00.01.2024",
            "01.01.1800",
            "01.01.2200",
        ] {
            assert_eq!(parse_date(text, d), Err(DateError::OutOfRange), "{text}");
        }
        assert!(parse_date("29.02.2024", d).is_ok());
        assert_eq!(parse_date("29.02.2023", d), Err(DateError::OutOfRange));
    }

    #[test]
    fn months() {
        let d = days_from_civil(2024, 3, 31);
        assert_eq!(month_index(d), 2024 * 12 + 2);
        assert_eq!(month_start(month_index(d)), days_from_civil(2024, 3, 1));
        assert_eq!(month_start(-1), days_from_civil(-1, 12, 1));
        assert_eq!(format_iso(d), "2024-03-31");
        assert_eq!(format_iso(0), "1970-01-01");
        assert_eq!(format_month(month_index(d)), "2024-03");
    }

    #[test]
    fn day_numbers_beyond_chrono_saturate() {
        assert_eq!(date_of(i32::MAX), NaiveDate::MAX);
        assert_eq!(date_of(i32::MIN), NaiveDate::MIN);
        assert_eq!(month_start(i32::MAX), day_of(NaiveDate::MAX));
    }

    /// The reader must give chrono's day number for every date it accepts.
    #[test]
    fn reader_agrees_with_chrono_on_every_accepted_date() {
        let first = NaiveDate::from_ymd_opt(MIN_YEAR, 1, 1).unwrap();
        let last = NaiveDate::from_ymd_opt(MAX_YEAR, 12, 31).unwrap();
        for date in first.iter_days().take_while(|&d| d <= last) {
            let (y, m, d) = (date.year(), date.month(), date.day());
            let want = Ok(day_of(date));
            assert_eq!(
                parse_date(&format!("{d:02}.{m:02}.{y}"), SlashOrder::DayFirst),
                want
            );
            assert_eq!(parse_date(&date.to_string(), SlashOrder::DayFirst), want);
        }
    }

    proptest! {
        #[test]
        fn hand_formula_agrees_with_chrono(days in -3_000_000i32..3_000_000) {
            let date = date_of(days);
            prop_assert_eq!(day_of(date), days);
            prop_assert_eq!(days_from_civil(date.year(), date.month(), date.day()), days);
            prop_assert_eq!(
                month_start(month_index(days)),
                day_of(date.with_day(1).unwrap())
            );
        }

        #[test]
        fn checks_agree_with_chrono(year in MIN_YEAR - 5..MAX_YEAR + 5, month in 0u32..14, day in 0u32..33) {
            let chrono_day = NaiveDate::from_ymd_opt(year, month, day)
                .filter(|d| (MIN_YEAR..=MAX_YEAR).contains(&d.year()))
                .map(day_of);
            prop_assert_eq!(checked_days(year, month, day).ok(), chrono_day);
        }

        #[test]
        fn every_format_agrees_with_chrono(days in -25_567i32..47_847) {
            // 1900-01-01 ..= 2100-12-31.
            let date = date_of(days);
            let (y, m, d) = (date.year(), date.month(), date.day());
            for (text, slash) in [
                (format!("{d}.{m}.{y}"), SlashOrder::DayFirst),
                (format!("{d:02}-{m:02}-{y}"), SlashOrder::DayFirst),
                (format!("{m}/{d}/{y}"), SlashOrder::MonthFirst),
                (format!("{y}{m:02}{d:02}"), SlashOrder::DayFirst),
                (format!("{date}T12:30:00Z"), SlashOrder::DayFirst),
            ] {
                prop_assert_eq!(parse_date(&text, slash), Ok(days), "{}", text);
            }
        }

        #[test]
        fn never_panics(text in ".{0,40}") {
            let _ = parse_date(&text, SlashOrder::DayFirst);
            let _ = parse_date(&text, SlashOrder::MonthFirst);
        }
    }
}
