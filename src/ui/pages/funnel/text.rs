//! Words and number formats of the funnel page: stage names, contact types, paste reasons.
//!
//! Only formatting lives here; every figure comes from the model.

use crate::i18n::numbers::format_number;
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
                format!("{got} counts for {expected} stages")
            }
        }
        RejectReason::TooManyCounts { expected, got } => {
            if ru {
                format!("чисел {got} — больше, чем этапов ({expected})")
            } else {
                format!("{got} counts, more than the {expected} stages")
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
    let decimals = if value.abs() >= 100.0 { 0 } else { 1 };
    format_number(value, decimals, lang)
}

/// Days and similar small figures: whole when whole, else one decimal.
pub fn days(value: f64, lang: Lang) -> String {
    let decimals = if value.fract() == 0.0 { 0 } else { 1 };
    format_number(value, decimals, lang)
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
