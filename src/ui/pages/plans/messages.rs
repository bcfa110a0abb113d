//! What the page says when a file or a link cannot be used, in both languages.

use crate::i18n::numbers::{format_count, format_number};
use crate::i18n::plural::{plural, PluralForms};
use crate::i18n::Lang;
use crate::storage::file::FileError;
use crate::storage::share::ShareError;

fn megabytes(bytes: usize, lang: Lang) -> String {
    format_number(bytes as f64 / (1024.0 * 1024.0), 1, lang)
}

pub fn file_error(e: &FileError, lang: Lang) -> String {
    match (e, lang) {
        (FileError::TooLarge { bytes, max }, Lang::Ru) => format!(
            "Файл слишком большой ({} МБ). Можно загрузить файл планов до {} МБ.",
            megabytes(*bytes, Lang::Ru),
            max / (1024 * 1024)
        ),
        (FileError::TooLarge { bytes, max }, Lang::En) => format!(
            "The file is too large ({} MB). A plans file may be up to {} MB.",
            megabytes(*bytes, Lang::En),
            max / (1024 * 1024)
        ),
        (FileError::NotJson, Lang::Ru) => "Это не файл планов Salesplan: файл не в формате JSON или обрезан. Выберите файл, выгруженный кнопкой «Скачать JSON».".into(),
        (FileError::NotJson, Lang::En) => "This is not a Salesplan plans file: it is not JSON, or it was cut short. Choose a file saved with “Download JSON”.".into(),
        (FileError::NotSalesplan, Lang::Ru) => "Это JSON, но не файл планов Salesplan. Выберите файл, выгруженный кнопкой «Скачать JSON».".into(),
        (FileError::NotSalesplan, Lang::En) => "This is JSON, but not a Salesplan plans file. Choose a file saved with “Download JSON”.".into(),
        (FileError::FutureVersion(v), Lang::Ru) => format!("Файл сохранён более новой версией Salesplan (схема {v}). Обновите страницу, чтобы получить новую версию, и загрузите его снова."),
        (FileError::FutureVersion(v), Lang::En) => format!("The file was saved by a newer Salesplan (schema {v}). Reload the page to get the new version, then import it again."),
        (FileError::NoVersion, Lang::Ru) => "В файле нет номера версии формата — он повреждён или изменён вручную.".into(),
        (FileError::NoVersion, Lang::En) => "The file has no format version: it is damaged or was edited by hand.".into(),
        (FileError::NoPlans, Lang::Ru) => "В файле нет ни одного плана.".into(),
        (FileError::NoPlans, Lang::En) => "The file holds no plans.".into(),
        (FileError::TooManyPlans { count, max }, Lang::Ru) => format!(
            "В файле {} {} — это больше, чем можно загрузить за раз ({max}).",
            format_count(*count as f64, lang),
            plural(lang, *count as f64, PluralForms { one: "план", few: "плана", many: "планов", other: "плана" })
        ),
        (FileError::TooManyPlans { count, max }, Lang::En) => format!(
            "The file holds {} {}, more than can be imported at once ({max}).",
            format_count(*count as f64, lang),
            plural(lang, *count as f64, PluralForms::en("plan", "plans"))
        ),
        (FileError::BadPlan { index, .. }, Lang::Ru) => format!("План №{} в файле повреждён (неверный тип данных). Ничего не загружено.", index + 1),
        (FileError::BadPlan { index, .. }, Lang::En) => format!("Plan no. {} in the file is damaged (a value of the wrong type). Nothing was imported.", index + 1),
    }
}

pub fn share_error(e: &ShareError, lang: Lang) -> String {
    match (e, lang) {
        (ShareError::Empty, Lang::Ru) => "Ссылка пустая: в ней нет плана.".into(),
        (ShareError::Empty, Lang::En) => "The link is empty: it holds no plan.".into(),
        (ShareError::TooLong { max, .. }, Lang::Ru) => format!(
            "План слишком большой для ссылки (больше {} символов). Отправьте его файлом: «Скачать JSON».",
            format_count(*max as f64, lang)
        ),
        (ShareError::TooLong { max, .. }, Lang::En) => format!(
            "The plan is too large for a link (over {} characters). Send it as a file instead: “Download JSON”.",
            format_count(*max as f64, lang)
        ),
        (ShareError::UnknownVersion(_), Lang::Ru) => "Ссылка сделана более новой версией Salesplan или обрезана. Обновите страницу или попросите прислать план файлом.".into(),
        (ShareError::UnknownVersion(_), Lang::En) => "The link was made by a newer Salesplan, or it was cut short. Reload the page, or ask for the plan as a file.".into(),
        (ShareError::Damaged, Lang::Ru) => "Ссылка повреждена — скорее всего, её скопировали не целиком. Попросите прислать её ещё раз.".into(),
        (ShareError::Damaged, Lang::En) => "The link is damaged, probably copied only in part. Ask for it again.".into(),
        (ShareError::FutureVersion(_), Lang::Ru) => "План в ссылке сохранён более новой версией Salesplan. Обновите страницу и откройте ссылку снова.".into(),
        (ShareError::FutureVersion(_), Lang::En) => "The plan in the link was saved by a newer Salesplan. Reload the page and open the link again.".into(),
        (ShareError::NotAPlan(_), Lang::Ru) => "В ссылке нет плана Salesplan.".into(),
        (ShareError::NotAPlan(_), Lang::En) => "The link holds no Salesplan plan.".into(),
    }
}
