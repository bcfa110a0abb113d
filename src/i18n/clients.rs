//! Russian and English names of the client-base analysis: segments, classes, column roles,
//! reasons a row was not imported, fit verdicts. Shared by the page and the exports.

use super::numbers::format_number;
use super::plural::{plural, plural_shown, PluralForms};
use super::{tr, Lang};
use crate::model::clients::analysis::{Abc, Xyz};
use crate::model::clients::clv::{FitModel, FitParameter, FitVerdict};
use crate::model::clients::rfm::Segment;
use crate::model::clients::xlsx::WorkbookError;
use crate::model::clients::{Encoding, ImportError, RejectReason, Role};

/// "строк" after "больше": больше 1 строки, 2 строк, 21 строки.
const ROWS_GENITIVE: PluralForms = PluralForms {
    one: "строки",
    few: "строк",
    many: "строк",
    other: "строки",
};

/// "клиентов" after "у": у 1 клиента, 2 клиентов, 5 клиентов, 21 клиента.
const CLIENTS_GENITIVE: PluralForms = PluralForms {
    one: "клиента",
    few: "клиентов",
    many: "клиентов",
    other: "клиента",
};

/// Days: 1 день, 2 дня, 5 дней, 21 день, 1,5 дня.
const DAYS: PluralForms = PluralForms {
    one: "день",
    few: "дня",
    many: "дней",
    other: "дня",
};

pub fn segment_name(segment: Segment, lang: Lang) -> &'static str {
    match segment {
        Segment::Champions => tr(lang, "Чемпионы", "Champions"),
        Segment::Loyal => tr(lang, "Лояльные", "Loyal"),
        Segment::Promising => tr(lang, "Перспективные", "Promising"),
        Segment::AtRisk => tr(lang, "Под угрозой ухода", "At risk"),
        Segment::Sleeping => tr(lang, "Спящие", "Sleeping"),
        Segment::Lost => tr(lang, "Потерянные", "Lost"),
    }
}

pub fn segment_hint(segment: Segment, lang: Lang) -> &'static str {
    match segment {
        Segment::Champions => tr(
            lang,
            "Покупают часто и недавно",
            "Buy often and bought recently",
        ),
        Segment::Loyal => tr(lang, "Покупают регулярно", "Buy regularly"),
        Segment::Promising => tr(lang, "Недавно начали покупать", "Started buying recently"),
        Segment::AtRisk => tr(
            lang,
            "Покупали часто, но давно не возвращались",
            "Used to buy often, but not lately",
        ),
        Segment::Sleeping => tr(
            lang,
            "Давно не покупали — кандидаты на реактивацию",
            "Have not bought for a while: candidates for reactivation",
        ),
        Segment::Lost => tr(lang, "Купили мало и очень давно", "Bought little, long ago"),
    }
}

pub fn abc_name(abc: Abc) -> &'static str {
    match abc {
        Abc::A => "A",
        Abc::B => "B",
        Abc::C => "C",
    }
}

/// `X`, `Y`, `Z`, or a dash for a client XYZ cannot classify.
pub fn xyz_name(xyz: Option<Xyz>) -> &'static str {
    match xyz {
        Some(Xyz::X) => "X",
        Some(Xyz::Y) => "Y",
        Some(Xyz::Z) => "Z",
        None => "—",
    }
}

pub fn role_name(role: Role, lang: Lang) -> &'static str {
    match role {
        Role::Client => tr(lang, "Клиент", "Client"),
        Role::Date => tr(lang, "Дата", "Date"),
        Role::Amount => tr(lang, "Сумма", "Amount"),
        Role::Manager => tr(lang, "Менеджер", "Manager"),
        Role::Segment => tr(lang, "Сегмент", "Segment"),
        Role::Product => tr(lang, "Товар", "Product"),
    }
}

pub fn reject_reason(reason: RejectReason, lang: Lang) -> &'static str {
    match reason {
        RejectReason::BadQuotes => tr(
            lang,
            "Незакрытая кавычка или текст после кавычки",
            "A quote not closed, or text after a closing quote",
        ),
        RejectReason::ColumnCount => tr(
            lang,
            "Число столбцов не совпадает с заголовком",
            "A different number of columns than the header",
        ),
        RejectReason::MissingClient => tr(lang, "Нет клиента", "No client"),
        RejectReason::MissingDate => tr(lang, "Нет даты", "No date"),
        RejectReason::BadDate => tr(
            lang,
            "Дата в неизвестном формате",
            "A date in an unknown format",
        ),
        RejectReason::DateOutOfRange => tr(
            lang,
            "Несуществующая дата или год вне 1900–2100",
            "A date that does not exist, or a year outside 1900-2100",
        ),
        RejectReason::MissingAmount => tr(lang, "Нет суммы", "No amount"),
        RejectReason::BadAmount => tr(lang, "Сумма — не число", "The amount is not a number"),
        RejectReason::NegativeAmount => tr(
            lang,
            "Отрицательная сумма (возврат или корректировка)",
            "A negative amount (a return or a correction)",
        ),
        RejectReason::AmountTooLarge => tr(lang, "Сумма больше 10¹⁵", "An amount over 10¹⁵"),
    }
}

pub fn encoding_name(encoding: Encoding) -> &'static str {
    match encoding {
        Encoding::Utf8 => "UTF-8",
        Encoding::Utf8Bom => "UTF-8 (BOM)",
        Encoding::Utf16Le => "UTF-16 LE",
        Encoding::Utf16Be => "UTF-16 BE",
        Encoding::Windows1251 => "Windows-1251",
    }
}

/// Why a whole file cannot be imported. Mapping problems are shown at their fields instead.
pub fn import_error(error: &ImportError, lang: Lang) -> String {
    match error {
        ImportError::Empty => tr(lang, "Файл пустой.", "The file is empty.").into(),
        ImportError::Binary => tr(
            lang,
            "Это не текстовый файл и не книга Excel. Сохраните таблицу как .xlsx или CSV (разделители — запятая, точка с запятой или табуляция) и загрузите снова.",
            "This is neither a text file nor an Excel workbook. Save the table as .xlsx or CSV (comma, semicolon or tab separated) and load it again.",
        )
        .into(),
        ImportError::FileTooLarge { bytes, max_bytes } => match lang {
            Lang::Ru => format!(
                "Файл слишком большой: {} МБ, предел — {} МБ.",
                bytes / (1024 * 1024),
                max_bytes / (1024 * 1024)
            ),
            Lang::En => format!(
                "The file is too large: {} MB, the limit is {} MB.",
                bytes / (1024 * 1024),
                max_bytes / (1024 * 1024)
            ),
        },
        ImportError::TooManyRows { max_rows } => {
            let n = *max_rows as f64;
            match lang {
                Lang::Ru => format!(
                    "В файле больше {max_rows} {}: разделите его на части.",
                    plural(lang, n, ROWS_GENITIVE)
                ),
                Lang::En => format!(
                    "The file has more than {max_rows} {}: split it into parts.",
                    plural(lang, n, PluralForms::en("row", "rows"))
                ),
            }
        }
        ImportError::NoDataRows => tr(
            lang,
            "В файле нет строк с данными — только заголовок.",
            "The file has no data rows, only a header.",
        )
        .into(),
        ImportError::Mapping(_) => tr(
            lang,
            "Проверьте соответствие столбцов.",
            "Check the column mapping.",
        )
        .into(),
        ImportError::Cancelled => tr(lang, "Загрузка отменена.", "The import was cancelled.").into(),
        ImportError::Workbook(problem) => workbook_error(*problem, lang).into(),
    }
}

fn workbook_error(problem: WorkbookError, lang: Lang) -> &'static str {
    match problem {
        WorkbookError::NotAWorkbook => tr(
            lang,
            "Это архив ZIP, но не книга Excel. Сохраните таблицу как .xlsx или CSV.",
            "This is a ZIP archive, not an Excel workbook. Save the table as .xlsx or CSV.",
        ),
        // Both are rare and have the same remedy: one text keeps the first load smaller.
        WorkbookError::Damaged | WorkbookError::Unsupported => tr(
            lang,
            "Книга Excel повреждена или сохранена необычно (например, скачалась не до конца). Сохраните её в Excel заново.",
            "The Excel workbook is damaged or saved in an unusual way (a download cut short, say). Save it again in Excel.",
        ),
        WorkbookError::Protected => tr(
            lang,
            "Это книга Excel с паролем или старый формат .xls. Сохраните её в Excel без пароля как .xlsx или CSV.",
            "This is a password-protected workbook or an old .xls. Save it in Excel without a password as .xlsx or CSV.",
        ),
        WorkbookError::EmptySheet => tr(
            lang,
            "Первый лист книги пустой: перенесите продажи на первый лист.",
            "The workbook's first sheet is empty: move the sales to the first sheet.",
        ),
        WorkbookError::TooLarge => tr(
            lang,
            "Лист книги слишком большой (больше 200 МБ текста): разделите его на части.",
            "The sheet is too large (over 200 MB as text): split it into parts.",
        ),
    }
}

/// What the page says after a verdict that is not `Ok`.
fn historic_only(lang: Lang) -> &'static str {
    tr(
        lang,
        "Прогноз не показан: ниже только фактические цифры.",
        "No forecast is shown: the figures below are the historic ones only.",
    )
}

/// A parameter's symbol as the page shows it.
fn parameter_name(parameter: FitParameter) -> &'static str {
    match parameter {
        FitParameter::R => "r",
        FitParameter::Alpha => "α",
        FitParameter::A => "a",
        FitParameter::B => "b",
        FitParameter::P => "p",
        FitParameter::Q => "q",
        FitParameter::V => "v",
    }
}

fn parameter_model(parameter: FitParameter) -> FitModel {
    match parameter {
        FitParameter::R | FitParameter::Alpha | FitParameter::A | FitParameter::B => {
            FitModel::Purchases
        }
        FitParameter::P | FitParameter::Q | FitParameter::V => FitModel::Spend,
    }
}

/// A fitted value with three significant digits, whole above 1,000 (3 000 897, 0,0000161).
fn parameter_value(value: f64, lang: Lang) -> String {
    let digits = if value.is_finite() && value != 0.0 {
        (2.0 - value.abs().log10().floor()).clamp(0.0, 15.0) as usize
    } else {
        0
    };
    format_number(value, digits, lang)
}

pub fn fit_verdict(verdict: FitVerdict, lang: Lang) -> String {
    let tail = historic_only(lang);
    let model_name = |model: FitModel| match (model, lang) {
        (FitModel::Purchases, Lang::Ru) => "покупок",
        (FitModel::Purchases, Lang::En) => "purchase",
        (FitModel::Spend, Lang::Ru) => "среднего чека",
        (FitModel::Spend, Lang::En) => "spend",
    };
    match verdict {
        FitVerdict::Ok => tr(
            lang,
            "Модель подобрана: прогнозу можно доверять в пределах горизонта.",
            "The model fits: the forecast can be trusted within the horizon.",
        )
        .into(),
        FitVerdict::TooFewRepeatCustomers { have, need } => match lang {
            Lang::Ru => format!(
                "Данных мало для прогноза: повторные покупки у {have} {}, нужно хотя бы {need}. {tail}",
                plural(lang, have as f64, CLIENTS_GENITIVE)
            ),
            Lang::En => format!(
                "Too little data for a forecast: {have} {} more than once, at least {need} are needed. {tail}",
                plural(lang, have as f64, PluralForms::en("client bought", "clients bought"))
            ),
        },
        FitVerdict::HistoryTooShort {
            span_days,
            interval_days,
        } => {
            let span = format_number(span_days, 0, lang);
            let interval = format_number(interval_days, 0, lang);
            match lang {
                Lang::Ru => format!(
                    "История покупок слишком короткая для прогноза: данные охватывают {span} {}, а клиенты покупают в среднем раз в {interval} {}. Чтобы отличить ушедшего клиента от того, кто ещё вернётся, нужно хотя бы 8 недель и три таких промежутка. {tail}",
                    plural_shown(lang, span_days, 0, DAYS),
                    plural_shown(lang, interval_days, 0, DAYS),
                ),
                Lang::En => format!(
                    "The purchase history is too short for a forecast: the data covers {span} {}, and clients buy about once every {interval} {}. Telling a client who has left from one who will come back takes at least 8 weeks and three such intervals. {tail}",
                    plural_shown(lang, span_days, 0, PluralForms::en("day", "days")),
                    plural_shown(lang, interval_days, 0, PluralForms::en("day", "days")),
                ),
            }
        }
        FitVerdict::ParameterAtLimit {
            parameter,
            value,
            high,
        } => {
            let name = parameter_name(parameter);
            let value = parameter_value(value, lang);
            let went = match (lang, high) {
                (Lang::Ru, true) => format!("параметр {name} вырос до {value}"),
                (Lang::Ru, false) => format!("параметр {name} упал до {value}"),
                (Lang::En, true) => format!("parameter {name} ran up to {value}"),
                (Lang::En, false) => format!("parameter {name} ran down to {value}"),
            };
            let (what, why) = match (parameter, lang) {
                (FitParameter::A | FitParameter::B, Lang::Ru) => (
                    ", как клиенты перестают покупать",
                    "в данных почти не видно ушедших клиентов (все покупают до самого конца периода) или все уходят одинаково",
                ),
                (FitParameter::A | FitParameter::B, Lang::En) => (
                    "how clients stop buying",
                    "the data shows almost no clients who stopped buying (everyone buys right up to the end) or all of them leave alike",
                ),
                (FitParameter::R | FitParameter::Alpha, Lang::Ru) => (
                    ", как часто покупают клиенты",
                    "все клиенты покупают почти с одной частотой или частоты несопоставимо разные",
                ),
                (FitParameter::R | FitParameter::Alpha, Lang::En) => (
                    "how often clients buy",
                    "all clients buy at nearly the same pace, or at wildly different ones",
                ),
                (_, Lang::Ru) => (
                    " средний чек",
                    "средние чеки клиентов почти одинаковы или суммы их покупок не меняются от раза к разу",
                ),
                (_, Lang::En) => (
                    "the average spend",
                    "the clients' average checks are nearly the same, or each client's purchases never vary in amount",
                ),
            };
            match lang {
                Lang::Ru => format!(
                    "Модель не может оценить{what}: {went} — это предел, а не оценка. Так бывает, когда {why}. {tail}"
                ),
                Lang::En => format!(
                    "The model cannot estimate {what}: {went}, a limit rather than an estimate. This happens when {why}. {tail}"
                ),
            }
        }
        FitVerdict::NotConverged => match lang {
            Lang::Ru => format!(
                "Модель не сошлась: данные не похожи на повторные покупки. {tail}"
            ),
            Lang::En => format!(
                "The model did not converge: the data does not look like repeat purchases. {tail}"
            ),
        },
        FitVerdict::SpendUnbounded => match lang {
            Lang::Ru => format!(
                "Суммы покупок слишком разбросаны (q ≤ 1): средний чек не оценить. {tail}"
            ),
            Lang::En => format!(
                "Purchase amounts vary too wildly (q ≤ 1): the expected spend is unbounded. {tail}"
            ),
        },
        FitVerdict::LikelihoodFlat { model } => match lang {
            Lang::Ru => format!(
                "Данные не позволяют подобрать модель {}: совсем разные значения параметров объясняют их одинаково хорошо. {tail}",
                model_name(model)
            ),
            Lang::En => format!(
                "The data cannot pin down the {} model: quite different parameters explain it equally well. {tail}",
                model_name(model)
            ),
        },
        FitVerdict::NotIdentified {
            parameter,
            relative_error,
        } => {
            let name = parameter_name(parameter);
            let model = model_name(parameter_model(parameter));
            let pct = format_number(relative_error * 100.0, 0, lang);
            match lang {
                Lang::Ru => format!(
                    "Модель {model} подобрана слишком неуверенно: погрешность параметра {name} — {pct}\u{a0}% его значения. Данных мало или они слишком однородны. {tail}"
                ),
                Lang::En => format!(
                    "The {model} model is too uncertain: parameter {name} is known only to ±{pct}% of its value. There is too little data, or it is too uniform. {tail}"
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_workbook_problem_has_its_text_in_both_languages() {
        use WorkbookError::*;
        for problem in [
            NotAWorkbook,
            Damaged,
            Unsupported,
            Protected,
            EmptySheet,
            TooLarge,
        ] {
            let error = ImportError::Workbook(problem);
            let (ru, en) = (
                import_error(&error, Lang::Ru),
                import_error(&error, Lang::En),
            );
            assert!(ru.contains("Excel") || ru.contains("книг"), "{ru}");
            assert!(en.is_ascii() && !en.is_empty() && ru != en, "{en}");
        }
    }

    #[test]
    fn counted_words_agree_with_their_number() {
        let verdict =
            |have, lang| fit_verdict(FitVerdict::TooFewRepeatCustomers { have, need: 30 }, lang);
        assert!(verdict(21, Lang::Ru).contains("у 21 клиента,"));
        assert!(verdict(2, Lang::Ru).contains("у 2 клиентов,"));
        assert!(verdict(5, Lang::Ru).contains("у 5 клиентов,"));
        assert!(verdict(1, Lang::En).contains(": 1 client bought more"));
        assert!(verdict(0, Lang::En).contains(": 0 clients bought more"));
        let short = |span_days, interval_days| {
            fit_verdict(
                FitVerdict::HistoryTooShort {
                    span_days,
                    interval_days,
                },
                Lang::Ru,
            )
        };
        assert!(short(21.0, 7.0)
            .contains("охватывают 21 день, а клиенты покупают в среднем раз в 7 дней."));
        assert!(short(42.0, 3.0).contains("охватывают 42 дня,"));
        let rows = |max_rows| import_error(&ImportError::TooManyRows { max_rows }, Lang::Ru);
        assert!(rows(1_000_000).contains("больше 1000000 строк:"));
        assert!(rows(1_000_001).contains("больше 1000001 строки:"));
    }

    #[test]
    fn every_verdict_but_ok_says_which_and_that_only_history_is_shown() {
        let verdicts = [
            FitVerdict::TooFewRepeatCustomers { have: 3, need: 50 },
            FitVerdict::HistoryTooShort {
                span_days: 30.0,
                interval_days: 20.0,
            },
            FitVerdict::ParameterAtLimit {
                parameter: FitParameter::B,
                value: 3_000_897.0,
                high: true,
            },
            FitVerdict::ParameterAtLimit {
                parameter: FitParameter::A,
                value: 0.000_016_1,
                high: false,
            },
            FitVerdict::ParameterAtLimit {
                parameter: FitParameter::Q,
                value: 3_073_774.0,
                high: true,
            },
            FitVerdict::NotConverged,
            FitVerdict::SpendUnbounded,
            FitVerdict::LikelihoodFlat {
                model: FitModel::Spend,
            },
            FitVerdict::NotIdentified {
                parameter: FitParameter::V,
                relative_error: 2.1,
            },
        ];
        for v in verdicts {
            let ru = fit_verdict(v, Lang::Ru);
            let en = fit_verdict(v, Lang::En);
            assert!(ru.ends_with("ниже только фактические цифры."), "{ru}");
            assert!(en.ends_with("the historic ones only."), "{en}");
            assert!(
                !ru.contains("доверять") && !en.contains("trusted"),
                "{ru} / {en}"
            );
        }
        let at = |v| (fit_verdict(v, Lang::Ru), fit_verdict(v, Lang::En));
        let (ru, en) = at(verdicts[2]);
        assert!(
            ru.contains("как клиенты перестают покупать: параметр b вырос до 3\u{a0}000\u{a0}897"),
            "{ru}"
        );
        assert!(
            en.contains("how clients stop buying: parameter b ran up to 3,000,897,"),
            "{en}"
        );
        // A value near zero keeps its digits: never "a = 0.000".
        let (ru, en) = at(verdicts[3]);
        assert!(ru.contains("параметр a упал до 0,0000161"), "{ru}");
        assert!(en.contains("parameter a ran down to 0.0000161"), "{en}");
        let (ru, en) = at(verdicts[4]);
        assert!(
            ru.contains("Модель не может оценить средний чек: параметр q вырос до"),
            "{ru}"
        );
        assert!(en.contains("estimate the average spend"), "{en}");
        let (ru, en) = at(verdicts[8]);
        assert!(ru.contains("Модель среднего чека подобрана слишком неуверенно: погрешность параметра v — 210\u{a0}%"), "{ru}");
        assert!(en.contains("parameter v is known only to ±210%"), "{en}");
        let (_, en) = at(verdicts[1]);
        assert!(
            en.contains("covers 30 days, and clients buy about once every 20 days."),
            "{en}"
        );
    }
}
