//! How the page writes its figures and names its drivers. Formatting only: every number
//! comes from the model.

use crate::i18n::headcount as words;
use crate::i18n::numbers::{format_count, format_money, format_number, format_percent};
use crate::i18n::plural::{plural_shown, PluralForms};
use crate::i18n::{tr, Lang};
use crate::model::headcount::{StageLink, WorkUnit, WorkloadDriver};
use crate::model::{Currency, Plan};

/// A dash for a figure that does not exist (no ratio, no norm).
pub const DASH: &str = "—";

/// Whole numbers without decimals, others with one (535,5 calls; 5 managers).
pub fn quantity(v: f64, lang: Lang) -> String {
    if quantity_decimals(v) == 0 {
        format_count(v, lang)
    } else {
        format_number(v, 1, lang)
    }
}

fn quantity_decimals(v: f64) -> usize {
    if v.is_finite() && (v - v.round()).abs() < 1e-9 {
        0
    } else {
        1
    }
}

/// A [`quantity`] and the word it counts: "5 менеджеров", "2,5 менеджера", "1 manager".
pub fn quantity_of(v: f64, lang: Lang, forms: PluralForms) -> String {
    let word = plural_shown(lang, v, quantity_decimals(v), forms);
    format!("{} {word}", quantity(v, lang))
}

pub fn opt_quantity(v: Option<f64>, lang: Lang) -> String {
    v.map_or_else(|| DASH.to_string(), |v| quantity(v, lang))
}

/// FTE always with two decimals, so 1,57 reads as a fraction of a person.
pub fn fte(v: f64, lang: Lang) -> String {
    format_number(v, 2, lang)
}

pub fn people(v: f64, lang: Lang) -> String {
    format_count(v, lang)
}

/// Money in whole units of the plan's currency.
pub fn money(v: f64, currency: Currency, lang: Lang) -> String {
    format_money(v, currency, 0, lang)
}

pub fn opt_money(v: Option<f64>, currency: Currency, lang: Lang) -> String {
    v.map_or_else(|| DASH.to_string(), |v| money(v, currency, lang))
}

pub fn opt_percent(v: Option<f64>, decimals: usize, lang: Lang) -> String {
    v.map_or_else(|| DASH.to_string(), |v| format_percent(v, decimals, lang))
}

/// A difference with its sign: "+2", "−282 000 ₽"; zero (as shown, after rounding)
/// without a sign.
pub fn signed(text: String, v: f64) -> String {
    let shows_zero = text
        .chars()
        .filter(|c| c.is_ascii_digit())
        .all(|c| c == '0');
    if v > 0.0 && !shows_zero {
        format!("+{text}")
    } else {
        text.replacen('-', "−", 1)
    }
}

/// A funnel stage as people read it: "1. Leads" (an unnamed stage: "Stage 1").
pub fn stage_name(index: usize, name: &str, lang: Lang) -> String {
    if name.trim().is_empty() {
        format!("{} {}", tr(lang, "Этап", "Stage"), index + 1)
    } else {
        format!("{}. {}", index + 1, name.trim())
    }
}

/// What drives a role, for the staff schedule: its funnel stage by name, or the driver.
pub fn driver_text(
    driver: WorkloadDriver,
    stage: Option<&StageLink>,
    plan: &Plan,
    lang: Lang,
) -> String {
    match (driver, stage) {
        (WorkloadDriver::FunnelStage(_), Some(s)) => format!(
            "{}: {}",
            tr(lang, "Этап воронки", "Funnel stage"),
            stage_name(s.index, &s.name, lang)
        ),
        (WorkloadDriver::BackOffice, _) => match lang {
            Lang::Ru => format!(
                "1 на {}",
                quantity_of(
                    plan.headcount.managers_per_back_office,
                    lang,
                    // "на" + a ratio: на 1 менеджера, на 3 менеджера, на 5 менеджеров.
                    PluralForms {
                        one: "менеджера",
                        few: "менеджера",
                        many: "менеджеров",
                        other: "менеджера",
                    }
                )
            ),
            Lang::En => format!(
                "1 per {}",
                quantity_of(
                    plan.headcount.managers_per_back_office,
                    lang,
                    PluralForms::en("manager", "managers")
                )
            ),
        },
        (WorkloadDriver::HeadOfSales, _) => match lang {
            Lang::Ru => format!(
                "1 на {}",
                quantity_of(
                    plan.headcount.span_of_control,
                    lang,
                    PluralForms {
                        one: "продавца",
                        few: "продавца",
                        many: "продавцов",
                        other: "продавца",
                    }
                )
            ),
            Lang::En => format!(
                "1 per {}",
                quantity_of(
                    plan.headcount.span_of_control,
                    lang,
                    PluralForms::en("salesperson", "salespeople")
                )
            ),
        },
        (d, _) => words::workload_driver(lang, d).to_string(),
    }
}

/// The unit of a role's workload, lower case for a table cell.
pub fn unit_text(unit: WorkUnit, lang: Lang) -> String {
    match unit {
        WorkUnit::NoUnit => DASH.to_string(),
        u => words::work_unit(lang, u).to_lowercase(),
    }
}
