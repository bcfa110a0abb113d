//! Words and number formats of the funnel page: stage names, contact types, paste reasons.
//!
//! Only formatting lives here; every figure comes from the model.

use crate::i18n::numbers::format_number;
use crate::i18n::plural::{plural, plural_shown, PluralForms};
use crate::i18n::{tr, Lang};
use crate::model::diagnostics::RejectReason;
use crate::model::funnel::{ContactType, Stage};

/// The name a person reads for stage `index`; an unnamed stage is "Stage N".
pub fn stage_name(stages: &[Stage], index: usize, lang: Lang) -> String {
    match stages.get(index).map(|s| s.name.trim()) {
        Some(name) if !name.is_empty() => name.to_string(),
        _ => format!("{} {}", tr(lang, "Этап", "Stage"), index + 1),
    }
}

/// "Leads → Qualified": the transition out of stage `index`.
pub fn transition_name(stages: &[Stage], index: usize, lang: Lang) -> String {
    format!(
        "{} → {}",
        stage_name(stages, index, lang),
        stage_name(stages, index + 1, lang)
    )
}

pub fn contact_label(contact: ContactType, lang: Lang) -> &'static str {
    match contact {
        ContactType::Call => tr(lang, "Звонок", "Call"),
        ContactType::Meeting => tr(lang, "Встреча", "Meeting"),
        ContactType::Message => tr(lang, "Email / мессенджер", "Email / messenger"),
        ContactType::Event => tr(lang, "Мероприятие", "Event"),
    }
}

/// The value of a contact type in the select (stable, not shown).
pub fn contact_value(contact: ContactType) -> &'static str {
    match contact {
        ContactType::Call => "call",
        ContactType::Meeting => "meeting",
        ContactType::Message => "message",
        ContactType::Event => "event",
    }
}

pub fn contact_from_value(value: &str) -> Option<ContactType> {
    ContactType::ALL
        .into_iter()
        .find(|c| contact_value(*c) == value)
}

/// The English words of the paste reasons (the Russian ones read "чисел 3, а этапов 4").
const COUNTS: PluralForms = PluralForms::en("count", "counts");
const STAGES: PluralForms = PluralForms::en("stage", "stages");

/// Why a pasted line was left out, as a sentence.
pub fn reject_text(reason: &RejectReason, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    match reason {
        RejectReason::Header => tr(
            lang,
            "заголовок таблицы — пропущен",
            "a header row, skipped",
        )
        .to_string(),
        RejectReason::TooFewCounts { expected, got } => {
            if ru {
                format!("чисел {got}, а этапов {expected}")
            } else {
                format!(
                    "{got} {} for {expected} {}",
                    plural(lang, *got as f64, COUNTS),
                    plural(lang, *expected as f64, STAGES)
                )
            }
        }
        RejectReason::TooManyCounts { expected, got } => {
            if ru {
                format!("чисел {got} — больше, чем этапов ({expected})")
            } else {
                format!(
                    "{got} {}, more than the {expected} {}",
                    plural(lang, *got as f64, COUNTS),
                    plural(lang, *expected as f64, STAGES)
                )
            }
        }
        RejectReason::EmptyCell { column } => {
            if ru {
                format!("пустая ячейка в столбце {column}")
            } else {
                format!("empty cell in column {column}")
            }
        }
        RejectReason::NotANumber { column } => {
            if ru {
                format!("в столбце {column} не число")
            } else {
                format!("column {column} is not a number")
            }
        }
        RejectReason::Negative { column } => {
            if ru {
                format!("в столбце {column} отрицательное число")
            } else {
                format!("column {column} is negative")
            }
        }
        RejectReason::TooLarge { column } => {
            if ru {
                format!("в столбце {column} слишком большое число")
            } else {
                format!("column {column} is too large")
            }
        }
    }
}

/// A per-week, per-day or per-seller norm: one decimal, so 7,6 is not read as 8.
pub fn norm(value: f64, lang: Lang) -> String {
    format_number(value, 1, lang)
}

/// An expected volume: whole from 100 up, one decimal below (2,4 meetings is an answer).
pub fn volume(value: f64, lang: Lang) -> String {
    format_number(value, volume_decimals(value), lang)
}

fn volume_decimals(value: f64) -> usize {
    if value.abs() >= 100.0 {
        0
    } else {
        1
    }
}

/// A [`volume`] and the word it counts: "16,8 сделки", "840 лидов".
pub fn volume_of(value: f64, lang: Lang, forms: PluralForms) -> String {
    let word = plural_shown(lang, value, volume_decimals(value), forms);
    format!("{} {word}", volume(value, lang))
}

/// Days and similar small figures: whole when whole, else one decimal.
pub fn days(value: f64, lang: Lang) -> String {
    format_number(value, days_decimals(value), lang)
}

fn days_decimals(value: f64) -> usize {
    if value.fract() == 0.0 {
        0
    } else {
        1
    }
}

/// A [`days`]-like figure and the word it counts: "1 seller", "2,5 sellers".
pub fn days_of(value: f64, lang: Lang, forms: PluralForms) -> String {
    let word = plural_shown(lang, value, days_decimals(value), forms);
    format!("{} {word}", days(value, lang))
}

/// Percentage points with a sign: "+5,0 п.п." / "−12.5 pp".
pub fn points(value: f64, lang: Lang) -> String {
    let number = format_number(value.abs(), 1, lang);
    let rounds_to_zero = number.chars().all(|c| matches!(c, '0' | ',' | '.'));
    let sign = if rounds_to_zero {
        ""
    } else if value < 0.0 {
        "−"
    } else {
        "+"
    };
    match lang {
        Lang::Ru => format!("{sign}{number}\u{a0}п.п."),
        Lang::En => format!("{sign}{number}\u{a0}pp"),
    }
}
