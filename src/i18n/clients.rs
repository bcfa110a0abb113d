//! Russian and English names of the client-base analysis: segments, classes, column roles,
//! reasons a row was not imported, fit verdicts. Shared by the page and the exports.

use super::plural::{plural, PluralForms};
use super::{tr, Lang};
use crate::model::clients::analysis::{Abc, Xyz};
use crate::model::clients::clv::FitVerdict;
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

pub fn fit_verdict(verdict: FitVerdict, lang: Lang) -> String {
    match verdict {
        FitVerdict::Ok => tr(
            lang,
            "Модель подобрана: прогнозу можно доверять в пределах горизонта.",
            "The model fits: the forecast can be trusted within the horizon.",
        )
        .into(),
        FitVerdict::TooFewRepeatCustomers { have, need } => match lang {
            Lang::Ru => format!(
                "Данных мало для прогноза: повторные покупки у {have} {}, нужно хотя бы {need}. Цифры ниже — ориентир, не прогноз.",
                plural(lang, have as f64, CLIENTS_GENITIVE)
            ),
            Lang::En => format!(
                "Too little data for a forecast: {have} {} more than once, at least {need} are needed. The figures below are a hint, not a forecast.",
                plural(lang, have as f64, PluralForms::en("client bought", "clients bought"))
            ),
        },
        FitVerdict::NotConverged => tr(
            lang,
            "Модель не сошлась: данные не похожи на повторные покупки. Прогноз не показан.",
            "The model did not converge: the data does not look like repeat purchases. No forecast is shown.",
        )
        .into(),
        FitVerdict::SpendUnbounded => tr(
            lang,
            "Суммы покупок слишком разбросаны (q ≤ 1): средний чек не оценить, прогноз ценности не показан.",
            "Purchase amounts vary too wildly (q ≤ 1): the expected spend is unbounded, no value forecast is shown.",
        )
        .into(),
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
        let rows = |max_rows| import_error(&ImportError::TooManyRows { max_rows }, Lang::Ru);
        assert!(rows(1_000_000).contains("больше 1000000 строк:"));
        assert!(rows(1_000_001).contains("больше 1000001 строки:"));
    }
}
