//! The words of the plan-vs-fact model's typed values: factors of a deviation, decision kinds
//! and metrics, rejected pasted lines, lights.

use crate::model::fact::{DecisionKind, DecisionMetric, FactReject, Factor, Light};
use crate::model::funnel::Stage;

use super::{tr, Lang};

/// A factor of revenue, with the stage names of the plan's funnel.
pub fn factor_name(lang: Lang, factor: Factor, stages: &[Stage]) -> String {
    match factor {
        Factor::Leads => tr(lang, "Поток лидов", "Lead flow").to_string(),
        Factor::Conversion(stage) => conversion_name(lang, stage, stages),
        Factor::Check => tr(lang, "Средний чек", "Average check").to_string(),
    }
}

/// "Conversion «Meetings» → «Deals»".
pub fn conversion_name(lang: Lang, stage: usize, stages: &[Stage]) -> String {
    let name = |i: usize| stages.get(i).map_or(String::new(), |s| s.name.clone());
    match lang {
        Lang::Ru => format!("Конверсия «{}» → «{}»", name(stage), name(stage + 1)),
        Lang::En => format!("Conversion “{}” → “{}”", name(stage), name(stage + 1)),
    }
}

/// The sentence naming the factor that lost the most.
pub fn worst_factor_text(lang: Lang, factor: Option<Factor>, stages: &[Stage]) -> String {
    match factor {
        None => tr(
            lang,
            "Ни один фактор не отстаёт от плана.",
            "No factor is behind the plan.",
        )
        .to_string(),
        Some(f) => match lang {
            Lang::Ru => format!(
                "Больше всего денег теряется на факторе: {}.",
                factor_name(lang, f, stages)
            ),
            Lang::En => format!(
                "The most money is lost on: {}.",
                factor_name(lang, f, stages)
            ),
        },
    }
}

pub fn decision_kind(lang: Lang, kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Training => tr(lang, "Обучение на этапе", "Training on a stage"),
        DecisionKind::Coaching => tr(lang, "Наставничество", "Coaching"),
        DecisionKind::LeadRedistribution => {
            tr(lang, "Перераспределение лидов", "Lead redistribution")
        }
        DecisionKind::NormChange => tr(lang, "Изменение нормы", "Norm change"),
        DecisionKind::Hiring => tr(lang, "Найм", "Hiring"),
        DecisionKind::Other => tr(lang, "Другое", "Other"),
    }
}

pub fn decision_kind_key(kind: DecisionKind) -> &'static str {
    match kind {
        DecisionKind::Training => "training",
        DecisionKind::Coaching => "coaching",
        DecisionKind::LeadRedistribution => "leads",
        DecisionKind::NormChange => "norm",
        DecisionKind::Hiring => "hiring",
        DecisionKind::Other => "other",
    }
}

pub fn metric_name(lang: Lang, metric: DecisionMetric, stages: &[Stage]) -> String {
    match metric {
        DecisionMetric::Leads => {
            tr(lang, "Лидов в рабочий день", "Leads per working day").to_string()
        }
        DecisionMetric::Conversion(stage) => conversion_name(lang, stage, stages),
        DecisionMetric::Check => tr(lang, "Средний чек", "Average check").to_string(),
        DecisionMetric::Revenue => tr(
            lang,
            "Выручка по текущему темпу",
            "Revenue at the current pace",
        )
        .to_string(),
    }
}

/// The metric a deviation's factor is measured by.
pub fn metric_of(factor: Factor) -> DecisionMetric {
    match factor {
        Factor::Leads => DecisionMetric::Leads,
        Factor::Conversion(stage) => DecisionMetric::Conversion(stage),
        Factor::Check => DecisionMetric::Check,
    }
}

pub fn light_word(lang: Lang, light: Light) -> &'static str {
    match light {
        Light::Green => tr(lang, "в норме", "on norm"),
        Light::Amber => tr(lang, "близко к норме", "near the norm"),
        Light::Red => tr(lang, "ниже нормы", "below the norm"),
    }
}

pub fn light_class(light: Light) -> &'static str {
    match light {
        Light::Green => "light-green",
        Light::Amber => "light-amber",
        Light::Red => "light-red",
    }
}

pub fn reject_text(lang: Lang, reason: &FactReject) -> String {
    match (reason, lang) {
        (FactReject::Header, Lang::Ru) => "строка заголовка, пропущена".into(),
        (FactReject::Header, Lang::En) => "a header line, skipped".into(),
        (FactReject::WrongCellCount { expected, got }, Lang::Ru) => {
            format!("нужно {expected} ячеек (дата, продавец, этапы, выручка), а в строке {got}")
        }
        (FactReject::WrongCellCount { expected, got }, Lang::En) => {
            format!("needs {expected} cells (date, seller, stages, revenue), the line has {got}")
        }
        (FactReject::BadDate, Lang::Ru) => {
            "в первой ячейке не дата (дд.мм.гггг или гггг-мм-дд)".into()
        }
        (FactReject::BadDate, Lang::En) => {
            "the first cell is not a date (dd.mm.yyyy or yyyy-mm-dd)".into()
        }
        (FactReject::OutsideMonth { day }, Lang::Ru) => {
            format!("дата {} не в выбранном месяце", date_text(Lang::Ru, *day))
        }
        (FactReject::OutsideMonth { day }, Lang::En) => {
            format!("the date {} is not in the chosen month", day)
        }
        (FactReject::NoSeller, Lang::Ru) => "не указан продавец".into(),
        (FactReject::NoSeller, Lang::En) => "no seller name".into(),
        (FactReject::EmptyCell { column }, Lang::Ru) => format!("пустая ячейка в столбце {column}"),
        (FactReject::EmptyCell { column }, Lang::En) => format!("an empty cell in column {column}"),
        (FactReject::NotANumber { column }, Lang::Ru) => format!("в столбце {column} не число"),
        (FactReject::NotANumber { column }, Lang::En) => format!("column {column} is not a number"),
        (FactReject::Negative { column }, Lang::Ru) => {
            format!("в столбце {column} отрицательное число")
        }
        (FactReject::Negative { column }, Lang::En) => format!("column {column} is negative"),
        (FactReject::TooLarge { column }, Lang::Ru) => {
            format!("в столбце {column} слишком большое число")
        }
        (FactReject::TooLarge { column }, Lang::En) => format!("column {column} is too large"),
        (FactReject::Duplicate { first_line }, Lang::Ru) => {
            format!("этот день продавца уже есть в строке {first_line}")
        }
        (FactReject::Duplicate { first_line }, Lang::En) => {
            format!("this seller's day is already on line {first_line}")
        }
    }
}

/// A date the locale's way: `03.12.2026`, `2026-12-03`.
pub fn date_text(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    match lang {
        Lang::Ru => format!("{:02}.{:02}.{}", date.day(), date.month(), date.year()),
        Lang::En => date.to_string(),
    }
}

/// A day of a month, short: `07.12`, `Dec 7`.
pub fn short_date(lang: Lang, date: chrono::NaiveDate) -> String {
    use chrono::Datelike;
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    match lang {
        Lang::Ru => format!("{:02}.{:02}", date.day(), date.month()),
        Lang::En => format!("{} {}", MONTHS[date.month0() as usize], date.day()),
    }
}
