//! Words of the client-base forecast: its horizon, and the holdout check in a sentence a
//! sales director reads without knowing the model.

use super::numbers::{format_count, format_percent};
use super::plural::{plural, PluralForms};
use super::problems::format_day;
use super::{tr, Lang};
use crate::model::clients::clv::{Holdout, HoldoutQuality, HorizonUnit};

const PURCHASES: PluralForms = PluralForms {
    one: "покупку",
    few: "покупки",
    many: "покупок",
    other: "покупки",
};

/// `12 мес.`, `52 нед.`; `12 months`, `1 week`.
pub fn horizon_text(horizon: f64, unit: HorizonUnit, lang: Lang) -> String {
    let n = format_count(horizon, lang);
    match (lang, unit) {
        (Lang::Ru, HorizonUnit::Months) => format!("{n} мес."),
        (Lang::Ru, HorizonUnit::Weeks) => format!("{n} нед."),
        (Lang::En, HorizonUnit::Months) => format!(
            "{n} {}",
            plural(lang, horizon, PluralForms::en("month", "months"))
        ),
        (Lang::En, HorizonUnit::Weeks) => {
            format!(
                "{n} {}",
                plural(lang, horizon, PluralForms::en("week", "weeks"))
            )
        }
    }
}

/// A monthly rate as typed: `1 %`, `1,25 %`.
pub fn rate_text(pct: f64, lang: Lang) -> String {
    let decimals = if pct.fract() == 0.0 { 0 } else { 2 };
    format_percent(pct, decimals, lang)
}

/// "Value of the base over 12 months".
pub fn base_value_label(horizon: f64, unit: HorizonUnit, lang: Lang) -> String {
    let h = horizon_text(horizon, unit, lang);
    match lang {
        Lang::Ru => format!("Ценность базы на {h}"),
        Lang::En => format!("Value of the base over {h}"),
    }
}

/// What the holdout showed: the period, expected against actual purchases, the error and
/// what it means for the forecast.
pub fn holdout_summary(h: &Holdout, lang: Lang) -> String {
    let from = format_day(h.calibration_end + 1, lang);
    let to = format_day(h.last_day, lang);
    let predicted = format_count(h.predicted, lang);
    let actual = format_count(h.actual, lang);
    let error = h.error();
    let off = error.map(|e| format_percent(e.abs() * 100.0, 0, lang));
    let fact = match (lang, error, &off) {
        (Lang::Ru, Some(e), Some(off)) => format!(
            "С {from} по {to} модель, подобранная по покупкам до {from_cal}, ожидала {predicted} {}, было {actual}: {} на {off}.",
            plural(lang, h.predicted.round(), PURCHASES),
            if e < 0.0 { "меньше" } else { "больше" },
            from_cal = format_day(h.calibration_end, lang),
        ),
        (Lang::En, Some(e), Some(off)) => format!(
            "From {from} to {to} the model fitted on the purchases up to {from_cal} expected {predicted} repeat purchases, there were {actual}: {off} {}.",
            if e < 0.0 { "fewer" } else { "more" },
            from_cal = format_day(h.calibration_end, lang),
        ),
        (Lang::Ru, _, _) => format!(
            "С {from} по {to} повторных покупок не было, а модель ожидала {predicted}."
        ),
        (Lang::En, _, _) => format!(
            "From {from} to {to} there were no repeat purchases, while the model expected {predicted}."
        ),
    };
    let meaning = match h.quality() {
        HoldoutQuality::Good => tr(
            lang,
            "Проверка пройдена: прогноз точен.",
            "The check is passed: the forecast is accurate.",
        ),
        HoldoutQuality::Fair => tr(
            lang,
            "Прогноз приблизителен: используйте его как ориентир, а не как точную цифру.",
            "The forecast is approximate: use it as a guide, not an exact figure.",
        ),
        HoldoutQuality::Poor => tr(
            lang,
            "Прогноз сильно ошибается на проверке: ему нельзя доверять, ниже — только исторические цифры.",
            "The forecast is far off on the check: it cannot be trusted, only the historic figures are shown below.",
        ),
    };
    format!("{fact} {meaning}")
}

/// The label of a frequency group of the holdout table: `0`, ..., `6`, `7+`.
pub fn frequency_group(index: usize, last: bool) -> String {
    if last {
        format!("{index}+")
    } else {
        index.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::clients::clv::{BgNbdParams, HoldoutGroup, GROUPS};
    use crate::model::clients::dates::days_from_civil;

    fn check(predicted: f64, actual: f64) -> Holdout {
        Holdout {
            calibration_end: days_from_civil(1997, 9, 30),
            last_day: days_from_civil(1998, 6, 30),
            duration: 39.0,
            params: BgNbdParams {
                r: 1.0,
                alpha: 1.0,
                a: 1.0,
                b: 1.0,
            },
            groups: [HoldoutGroup::default(); GROUPS],
            clients: 10,
            predicted,
            actual,
        }
    }

    #[test]
    fn the_holdout_is_told_in_words() {
        let ru = holdout_summary(&check(1653.4, 1882.0), Lang::Ru);
        assert!(ru.starts_with("С 01.10.1997 по 30.06.1998"), "{ru}");
        assert!(
            ru.contains("ожидала 1\u{a0}653 покупки, было 1\u{a0}882: меньше на 12\u{a0}%"),
            "{ru}"
        );
        assert!(ru.contains("приблизителен"), "{ru}");
        let en = holdout_summary(&check(2100.0, 1882.0), Lang::En);
        assert!(
            en.contains("expected 2,100 repeat purchases, there were 1,882: 12% more"),
            "{en}"
        );
        assert!(holdout_summary(&check(5.0, 0.0), Lang::En).contains("cannot be trusted"));
        assert!(holdout_summary(&check(1900.0, 1882.0), Lang::Ru).contains("точен"));
    }

    #[test]
    fn horizons_are_counted_words() {
        assert_eq!(horizon_text(12.0, HorizonUnit::Months, Lang::Ru), "12 мес.");
        assert_eq!(horizon_text(1.0, HorizonUnit::Weeks, Lang::En), "1 week");
        assert_eq!(horizon_text(52.0, HorizonUnit::Weeks, Lang::En), "52 weeks");
        assert_eq!(
            base_value_label(6.0, HorizonUnit::Months, Lang::En),
            "Value of the base over 6 months"
        );
    }
}
