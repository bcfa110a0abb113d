//! Sentences for the model's input problems, shown next to the field.

use super::{numbers::format_number, Lang};
use chrono::Datelike;

use crate::model::clients::dates::{date_of, format_iso};
use crate::model::Problem;

/// A day as the locale writes dates: `31.12.2024`, `2024-12-31`.
pub fn format_day(day: i32, lang: Lang) -> String {
    match lang {
        Lang::Ru => {
            let d = date_of(day);
            format!("{:02}.{:02}.{}", d.day(), d.month(), d.year())
        }
        Lang::En => format_iso(day),
    }
}

/// The message a person reads under a field with this problem.
pub fn problem_text(problem: &Problem, lang: Lang) -> String {
    let ru = lang == Lang::Ru;
    let pick = |r: &str, e: &str| if ru { r.to_string() } else { e.to_string() };
    match problem {
        Problem::Empty => pick("Введите значение", "Enter a value"),
        Problem::NotANumber => pick(
            "Нужно число, например 1 234,5",
            "Enter a number, e.g. 1,234.5",
        ),
        Problem::Negative => pick("Не может быть отрицательным", "Cannot be negative"),
        Problem::MustBePositive => pick("Должно быть больше нуля", "Must be greater than zero"),
        Problem::OverHundredPercent => pick("Не больше 100 %", "At most 100%"),
        Problem::TooLarge { max } => {
            let m = format_number(*max, 0, lang);
            if ru {
                format!("Слишком большое значение (не больше {m})")
            } else {
                format!("Too large (at most {m})")
            }
        }
        Problem::OutOfRange { min, max } => {
            let (a, b) = (format_number(*min, 2, lang), format_number(*max, 2, lang));
            let (a, b) = (trim_zeros(&a), trim_zeros(&b));
            if ru {
                format!("Допустимо от {a} до {b}")
            } else {
                format!("Allowed from {a} to {b}")
            }
        }
        Problem::NotWhole => pick("Нужно целое число", "Enter a whole number"),
        Problem::ZeroConversionBlocksPlan => pick(
            "Конверсия 0 % — план недостижим: через этот этап никто не проходит",
            "A 0% conversion makes the plan impossible: nobody passes this stage",
        ),
        Problem::CountOutOfRange { min, max } => {
            if ru {
                format!("Допустимо от {min} до {max}")
            } else {
                format!("Allowed from {min} to {max}")
            }
        }
        Problem::Unbounded => pick(
            "Без горизонта и дисконтирования значение бесконечно — задайте горизонт",
            "Without a horizon or discounting the value is unbounded: set a horizon",
        ),
        Problem::DateOutOfRange { first, last } => {
            let (a, b) = (format_day(*first + 1, lang), format_day(*last, lang));
            if ru {
                format!("Дата должна быть в периоде файла: с {a} по {b}")
            } else {
                format!("The date must be within the file's dates: {a} to {b}")
            }
        }
    }
}

/// `5,00` -> `5`, `2,50` -> `2,5`: ranges read better without trailing zeros.
fn trim_zeros(s: &str) -> String {
    if !s.contains([',', '.']) {
        return s.to_string();
    }
    let t = s.trim_end_matches('0');
    t.trim_end_matches([',', '.']).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_both_languages() {
        let all = [
            Problem::Empty,
            Problem::NotANumber,
            Problem::Negative,
            Problem::MustBePositive,
            Problem::OverHundredPercent,
            Problem::TooLarge { max: 1e15 },
            Problem::OutOfRange { min: 1.0, max: 2.5 },
            Problem::NotWhole,
            Problem::ZeroConversionBlocksPlan,
            Problem::CountOutOfRange { min: 2, max: 12 },
            Problem::Unbounded,
            Problem::DateOutOfRange {
                first: 10_000,
                last: 10_400,
            },
        ];
        for p in &all {
            let (ru, en) = (problem_text(p, Lang::Ru), problem_text(p, Lang::En));
            assert!(!ru.is_empty() && !en.is_empty());
            assert_ne!(ru, en, "{p:?}");
        }
        assert_eq!(
            problem_text(&Problem::OutOfRange { min: 1.0, max: 2.5 }, Lang::En),
            "Allowed from 1 to 2.5"
        );
    }
}
