//! Words and number formats the LTV page shares: periods with their plural forms, money
//! that may be unbounded, ratios, signed changes. Only formatting: every number comes from
//! the model.

use crate::i18n::numbers::{format_money, format_number, format_percent};
use crate::i18n::plural::{plural_shown, PluralForms};
use crate::i18n::{tr, Lang};
use crate::model::ltv::{Figure, Period, RatioBand};
use crate::model::Currency;

/// "в месяц" / "per month".
pub fn per_period(period: Period, lang: Lang) -> &'static str {
    match period {
        Period::Month => tr(lang, "в месяц", "per month"),
        Period::Quarter => tr(lang, "в квартал", "per quarter"),
        Period::Year => tr(lang, "в год", "per year"),
    }
}

/// The short unit after a field counted in periods: "мес." / "months".
pub fn period_unit(period: Period, lang: Lang) -> &'static str {
    match period {
        Period::Month => tr(lang, "мес.", "months"),
        Period::Quarter => tr(lang, "кв.", "quarters"),
        Period::Year => tr(lang, "г.", "years"),
    }
}

/// The period's name for the period choice: "Месяц" / "Month".
pub fn period_name(period: Period, lang: Lang) -> &'static str {
    match period {
        Period::Month => tr(lang, "Месяц", "Month"),
        Period::Quarter => tr(lang, "Квартал", "Quarter"),
        Period::Year => tr(lang, "Год", "Year"),
    }
}

/// The stored code of a period in the `<select>`.
pub fn period_code(period: Period) -> &'static str {
    match period {
        Period::Month => "month",
        Period::Quarter => "quarter",
        Period::Year => "year",
    }
}

pub fn period_from_code(code: &str) -> Option<Period> {
    Period::ALL.into_iter().find(|p| period_code(*p) == code)
}

/// The fewest decimals (up to `max`) that show `value` without visible rounding.
pub fn decimals_for(value: f64, max: usize) -> usize {
    (0..max)
        .find(|&d| {
            let scale = 10f64.powi(d as i32);
            ((value * scale).round() - value * scale).abs() < 1e-6 * scale.max(1.0)
        })
        .unwrap_or(max)
}

/// A count of periods with its word: "20 месяцев", "6,7 месяца", "1 year".
pub fn periods(value: f64, period: Period, lang: Lang) -> String {
    let decimals = decimals_for(value, 1);
    let number = format_number(value, decimals, lang);
    let forms = match (lang, period) {
        (Lang::Ru, Period::Month) => PluralForms {
            one: "месяц",
            few: "месяца",
            many: "месяцев",
            other: "месяца",
        },
        (Lang::Ru, Period::Quarter) => PluralForms {
            one: "квартал",
            few: "квартала",
            many: "кварталов",
            other: "квартала",
        },
        (Lang::Ru, Period::Year) => PluralForms {
            one: "год",
            few: "года",
            many: "лет",
            other: "года",
        },
        (Lang::En, Period::Month) => PluralForms::en("month", "months"),
        (Lang::En, Period::Quarter) => PluralForms::en("quarter", "quarters"),
        (Lang::En, Period::Year) => PluralForms::en("year", "years"),
    };
    let word = plural_shown(lang, value, decimals, forms);
    format!("{number}\u{a0}{word}")
}

/// "клиент" counted, as in "21 клиент × LTV" / "21 clients × LTV".
pub fn clients(lang: Lang) -> PluralForms {
    match lang {
        Lang::Ru => PluralForms {
            one: "клиент",
            few: "клиента",
            many: "клиентов",
            other: "клиента",
        },
        Lang::En => PluralForms::en("client", "clients"),
    }
}

/// "без ограничения" / "unbounded": how an unbounded figure reads, never ∞.
pub fn unbounded(lang: Lang) -> &'static str {
    tr(lang, "без ограничения", "unbounded")
}

/// Money, whole units.
pub fn money(value: f64, currency: Currency, lang: Lang) -> String {
    format_money(value, currency, 0, lang)
}

/// Money that may be unbounded.
pub fn money_figure(figure: Figure, currency: Currency, lang: Lang) -> String {
    match figure {
        Figure::Finite(v) => money(v, currency, lang),
        Figure::Unbounded => unbounded(lang).to_string(),
    }
}

/// A percentage with as few decimals as it needs (at most two): 95 %, 1,1 %, 48,84 %.
pub fn percent(value: f64, lang: Lang) -> String {
    format_percent(value, decimals_for(value, 2), lang)
}

/// A plain number with as few decimals as it needs (at most two).
pub fn number(value: f64, lang: Lang) -> String {
    format_number(value, decimals_for(value, 2), lang)
}

/// A positive change gets a plus sign, so gains and losses read at a glance.
pub fn signed(text: String, value: f64) -> String {
    let shows_zero = text
        .chars()
        .filter(|c| c.is_ascii_digit())
        .all(|c| c == '0');
    if value > 0.0 && !shows_zero {
        format!("+{text}")
    } else {
        text
    }
}

/// A signed money change.
pub fn money_change(value: f64, currency: Currency, lang: Lang) -> String {
    signed(money(value, currency, lang), value)
}

/// A signed relative change in percent.
pub fn percent_change(value: f64, lang: Lang) -> String {
    signed(format_percent(value, 1, lang), value)
}

/// An LTV:CAC ratio: "4,33 : 1"; `None` (CAC 0) reads "нет — CAC равен 0".
pub fn ratio(ratio: Option<Figure>, lang: Lang) -> String {
    match ratio {
        None => no_ratio(lang).to_string(),
        Some(Figure::Unbounded) => unbounded(lang).to_string(),
        Some(Figure::Finite(r)) => format!("{}\u{a0}:\u{a0}1", format_number(r, 2, lang)),
    }
}

/// What a missing ratio says.
pub fn no_ratio(lang: Lang) -> &'static str {
    tr(lang, "нет отношения (CAC = 0)", "no ratio (CAC is 0)")
}

/// The badge class and the short name of a verdict band.
pub fn band_badge(band: RatioBand, lang: Lang) -> (&'static str, &'static str) {
    match band {
        RatioBand::Loss => ("badge-bad", tr(lang, "Убыточно", "Loss-making")),
        RatioBand::Weak => ("badge-warn", tr(lang, "Ниже цели", "Below target")),
        RatioBand::Healthy => ("badge-good", tr(lang, "Здоровое", "Healthy")),
        RatioBand::UnderInvesting => (
            "badge-info",
            tr(lang, "Можно тратить больше", "Room to spend more"),
        ),
    }
}

/// A compact axis label: 1,5 млн / 1.5M, 250 тыс. / 250K.
pub fn compact_money(value: f64, lang: Lang) -> String {
    let abs = value.abs();
    let (scaled, suffix) = if abs >= 1e9 {
        (value / 1e9, tr(lang, "\u{a0}млрд", "B"))
    } else if abs >= 1e6 {
        (value / 1e6, tr(lang, "\u{a0}млн", "M"))
    } else if abs >= 1e3 {
        (value / 1e3, tr(lang, "\u{a0}тыс.", "K"))
    } else {
        (value, "")
    };
    format!(
        "{}{suffix}",
        format_number(scaled, decimals_for(scaled, 1), lang)
    )
}
