//! The production calendar: which days are working days (DESIGN.md, plan vs fact).
//!
//! A day works when it is Monday to Friday and not a public holiday, unless the person
//! marked it otherwise: a transfer makes a weekend day working (`extra_workdays`) or a
//! weekday a day off (`extra_holidays`). The public holidays are Russia's fixed ones
//! ([`is_public_holiday`]); the transfers the government announces each year are marked by
//! the person, so the calendar is editable per year without a table that goes stale.
//!
//! A month's working days come from here; the plan bar shows them for the plan's month and
//! the facts page counts elapsed and remaining working days with them.

use std::fmt;

use chrono::{Datelike, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Days off besides the weekends and working weekend days, as marked by the person.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ProductionCalendar {
    /// Weekdays made days off (a transferred holiday, a company day off); sorted.
    #[serde(with = "iso_date::list")]
    pub extra_holidays: Vec<NaiveDate>,
    /// Weekend days or holidays made working (a transfer); sorted.
    #[serde(with = "iso_date::list")]
    pub extra_workdays: Vec<NaiveDate>,
}

/// Why a day is, or is not, a working day: what the calendar grid shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayKind {
    Working,
    Weekend,
    /// One of the fixed public holidays.
    Holiday,
    /// A day off the person marked.
    MarkedOff,
    /// A weekend day or holiday the person marked working.
    MarkedWorking,
}

impl DayKind {
    pub fn is_working(self) -> bool {
        matches!(self, DayKind::Working | DayKind::MarkedWorking)
    }
}

/// Russia's fixed public holidays (Labour Code art. 112): January 1-8, February 23, March 8,
/// May 1, May 9, June 12, November 4.
pub fn is_public_holiday(date: NaiveDate) -> bool {
    matches!(
        (date.month(), date.day()),
        (1, 1..=8) | (2, 23) | (3, 8) | (5, 1) | (5, 9) | (6, 12) | (11, 4)
    )
}

impl ProductionCalendar {
    /// What `date` is, marks first.
    pub fn kind(&self, date: NaiveDate) -> DayKind {
        if self.extra_workdays.binary_search(&date).is_ok() {
            return DayKind::MarkedWorking;
        }
        if self.extra_holidays.binary_search(&date).is_ok() {
            return DayKind::MarkedOff;
        }
        if is_public_holiday(date) {
            DayKind::Holiday
        } else if matches!(date.weekday(), Weekday::Sat | Weekday::Sun) {
            DayKind::Weekend
        } else {
            DayKind::Working
        }
    }

    pub fn is_working(&self, date: NaiveDate) -> bool {
        self.kind(date).is_working()
    }

    /// Turns a working day into a day off and back (the calendar grid's click): a mark is
    /// removed when it exists, else the opposite mark is added.
    pub fn toggle(&mut self, date: NaiveDate) {
        if remove_sorted(&mut self.extra_workdays, date)
            || remove_sorted(&mut self.extra_holidays, date)
        {
            return;
        }
        if self.is_working(date) {
            insert_sorted(&mut self.extra_holidays, date);
        } else {
            insert_sorted(&mut self.extra_workdays, date);
        }
    }

    /// Removes the marks of one year (back to weekends and public holidays).
    pub fn reset_year(&mut self, year: i32) {
        self.extra_holidays.retain(|d| d.year() != year);
        self.extra_workdays.retain(|d| d.year() != year);
    }

    /// Working days from `from` to `to`, both included (0 when `to` is before `from`).
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> u32 {
        from.iter_days()
            .take_while(|d| *d <= to)
            .filter(|d| self.is_working(*d))
            .count() as u32
    }

    /// Working days of a month.
    pub fn working_days(&self, month: Month) -> u32 {
        self.working_days_between(month.first_day(), month.last_day())
    }

    /// The working days of a month, in order.
    pub fn working_dates(&self, month: Month) -> Vec<NaiveDate> {
        month.days().filter(|d| self.is_working(*d)).collect()
    }
}

fn insert_sorted(dates: &mut Vec<NaiveDate>, date: NaiveDate) {
    if let Err(at) = dates.binary_search(&date) {
        dates.insert(at, date);
    }
}

fn remove_sorted(dates: &mut Vec<NaiveDate>, date: NaiveDate) -> bool {
    match dates.binary_search(&date) {
        Ok(at) => {
            dates.remove(at);
            true
        }
        Err(_) => false,
    }
}

/// A calendar month, stored and typed as `YYYY-MM`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    first: NaiveDate,
}

impl Month {
    /// The month `month` (1..=12) of `year`, for years 1900..=2100.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        if !(1900..=2100).contains(&year) {
            return None;
        }
        NaiveDate::from_ymd_opt(year, month, 1).map(|first| Month { first })
    }

    /// The month holding `date`.
    pub fn of(date: NaiveDate) -> Month {
        Month {
            first: date.with_day(1).unwrap_or(date),
        }
    }

    /// Reads `YYYY-MM` (also `YYYY-M`, `MM.YYYY`).
    pub fn parse(text: &str) -> Option<Month> {
        let text = text.trim();
        let (year, month) = if let Some((y, m)) = text.split_once('-') {
            (y, m)
        } else {
            let (m, y) = text.split_once('.')?;
            (y, m)
        };
        let year: i32 = year.trim().parse().ok()?;
        let month: u32 = month.trim().parse().ok()?;
        if year < 1000 {
            return None;
        }
        Month::new(year, month)
    }

    pub fn year(self) -> i32 {
        self.first.year()
    }

    /// 1..=12.
    pub fn number(self) -> u32 {
        self.first.month()
    }

    pub fn first_day(self) -> NaiveDate {
        self.first
    }

    pub fn last_day(self) -> NaiveDate {
        self.next().first.pred_opt().unwrap_or(self.first)
    }

    pub fn next(self) -> Month {
        Month {
            first: self
                .first
                .checked_add_months(Months::new(1))
                .unwrap_or(self.first),
        }
    }

    pub fn previous(self) -> Month {
        Month {
            first: self
                .first
                .checked_sub_months(Months::new(1))
                .unwrap_or(self.first),
        }
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        Month::of(date) == self
    }

    /// Every day of the month, in order.
    pub fn days(self) -> impl Iterator<Item = NaiveDate> {
        let last = self.last_day();
        self.first.iter_days().take_while(move |d| *d <= last)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.number())
    }
}

impl Serialize for Month {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Month::parse(&text).ok_or_else(|| serde::de::Error::custom("a month as YYYY-MM"))
    }
}

/// Dates stored as `yyyy-mm-dd` (`#[serde(with = "iso_date")]`). Read by the import's own
/// date reader rather than chrono's general parser, which would add its whole format
/// machinery to the first load for this one format.
pub mod iso_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    use crate::model::clients::dates::{date_of, parse_date, SlashOrder};

    pub fn parse(text: &str) -> Option<NaiveDate> {
        // Only the stored form: four-digit year first.
        let ok = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
        ok.then(|| parse_date(text, SlashOrder::DayFirst).ok().map(date_of))
            .flatten()
    }

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(date)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse(&text).ok_or_else(|| serde::de::Error::custom("a date as yyyy-mm-dd"))
    }

    /// The same for a list of dates.
    pub mod list {
        use chrono::NaiveDate;
        use serde::ser::SerializeSeq;
        use serde::{Deserialize, Deserializer, Serializer};

        pub fn serialize<S: Serializer>(
            dates: &[NaiveDate],
            serializer: S,
        ) -> Result<S::Ok, S::Error> {
            let mut seq = serializer.serialize_seq(Some(dates.len()))?;
            for date in dates {
                seq.serialize_element(&date.to_string())?;
            }
            seq.end()
        }

        pub fn deserialize<'de, D: Deserializer<'de>>(
            deserializer: D,
        ) -> Result<Vec<NaiveDate>, D::Error> {
            let texts = Vec::<String>::deserialize(deserializer)?;
            texts
                .iter()
                .map(|t| {
                    super::parse(t).ok_or_else(|| serde::de::Error::custom("a date as yyyy-mm-dd"))
                })
                .collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    fn month(y: i32, m: u32) -> Month {
        Month::new(y, m).unwrap()
    }

    #[test]
    fn months_count_weekends_and_the_fixed_holidays() {
        let calendar = ProductionCalendar::default();
        // December 2026: 23 weekdays, no holiday.
        assert_eq!(calendar.working_days(month(2026, 12)), 23);
        // January 2026: 22 weekdays, of which Jan 1, 2, 5, 6, 7, 8 are holidays.
        assert_eq!(calendar.working_days(month(2026, 1)), 16);
        // May 2026: 21 weekdays; May 1 (Fri) is a holiday, May 9 is a Saturday.
        assert_eq!(calendar.working_days(month(2026, 5)), 20);
        // February 2026: 20 weekdays, Feb 23 (Mon) off.
        assert_eq!(calendar.working_days(month(2026, 2)), 19);
        assert_eq!(calendar.kind(date(2026, 11, 4)), DayKind::Holiday);
        assert_eq!(calendar.kind(date(2026, 12, 5)), DayKind::Weekend);
    }

    #[test]
    fn marks_transfer_days_and_toggle_back() {
        let mut calendar = ProductionCalendar::default();
        // The transfer of the May 9 Saturday to Monday May 11.
        calendar.toggle(date(2026, 5, 11));
        assert_eq!(calendar.kind(date(2026, 5, 11)), DayKind::MarkedOff);
        assert_eq!(calendar.working_days(month(2026, 5)), 19);
        // A Saturday made working.
        calendar.toggle(date(2026, 5, 16));
        assert_eq!(calendar.kind(date(2026, 5, 16)), DayKind::MarkedWorking);
        assert_eq!(calendar.working_days(month(2026, 5)), 20);
        calendar.toggle(date(2026, 5, 16));
        calendar.toggle(date(2026, 5, 11));
        assert_eq!(calendar, ProductionCalendar::default());
        // A holiday made working, then the year reset.
        calendar.toggle(date(2026, 1, 8));
        assert!(calendar.is_working(date(2026, 1, 8)));
        calendar.toggle(date(2027, 3, 1));
        calendar.reset_year(2026);
        assert_eq!(calendar.extra_workdays, Vec::<NaiveDate>::new());
        assert_eq!(calendar.extra_holidays, vec![date(2027, 3, 1)]);
    }

    #[test]
    fn ranges_and_month_arithmetic() {
        let calendar = ProductionCalendar::default();
        assert_eq!(
            calendar.working_days_between(date(2026, 12, 1), date(2026, 12, 3)),
            3
        );
        assert_eq!(
            calendar.working_days_between(date(2026, 12, 5), date(2026, 12, 6)),
            0
        );
        assert_eq!(
            calendar.working_days_between(date(2026, 12, 9), date(2026, 12, 1)),
            0
        );
        assert_eq!(month(2026, 12).next(), month(2027, 1));
        assert_eq!(month(2026, 1).previous(), month(2025, 12));
        assert_eq!(month(2024, 2).last_day(), date(2024, 2, 29));
        assert_eq!(month(2026, 12).days().count(), 31);
        assert_eq!(calendar.working_dates(month(2026, 12)).len(), 23);
    }

    #[test]
    fn months_read_and_write_as_text() {
        assert_eq!(Month::parse("2026-12"), Some(month(2026, 12)));
        assert_eq!(Month::parse(" 2026-3 "), Some(month(2026, 3)));
        assert_eq!(Month::parse("03.2026"), Some(month(2026, 3)));
        assert_eq!(Month::parse("2026-13"), None);
        assert_eq!(Month::parse("26-03"), None);
        assert_eq!(Month::parse("abc"), None);
        assert_eq!(month(2026, 3).to_string(), "2026-03");
        let json = serde_json::to_string(&month(2026, 3)).unwrap();
        assert_eq!(json, "\"2026-03\"");
        assert_eq!(
            serde_json::from_str::<Month>(&json).unwrap(),
            month(2026, 3)
        );
        assert!(serde_json::from_str::<Month>("\"x\"").is_err());
    }

    #[test]
    fn dates_are_stored_as_iso_text() {
        let mut calendar = ProductionCalendar::default();
        calendar.toggle(date(2026, 5, 11));
        let json = serde_json::to_string(&calendar).unwrap();
        assert_eq!(
            json,
            r#"{"extra_holidays":["2026-05-11"],"extra_workdays":[]}"#
        );
        assert_eq!(
            serde_json::from_str::<ProductionCalendar>(&json).unwrap(),
            calendar
        );
        assert!(
            serde_json::from_str::<ProductionCalendar>(r#"{"extra_holidays":["11.05.2026"]}"#)
                .is_err()
        );
        assert!(
            serde_json::from_str::<ProductionCalendar>(r#"{"extra_holidays":["2026-02-30"]}"#)
                .is_err()
        );
        assert_eq!(iso_date::parse("2026-12-03"), Some(date(2026, 12, 3)));
    }
}
