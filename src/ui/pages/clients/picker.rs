//! Choosing the file: a drop zone that is also a file picker.

use web_sys::{DragEvent, HtmlInputElement};
use yew::prelude::*;

use crate::i18n::tr;
use crate::ui::import::use_import;
use crate::ui::state::use_app;

#[function_component(FilePicker)]
pub fn file_picker() -> Html {
    let app = use_app();
    let import = use_import();
    let lang = app.lang();
    let over = use_state(|| false);

    let onchange = {
        let import = import.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Some(file) = input.files().and_then(|files| files.get(0)) {
                import.open(file);
            }
            // The same file can be chosen again later.
            input.set_value("");
        })
    };
    let ondragover = {
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            // Without this the browser opens the file instead of dropping it here.
            e.prevent_default();
            over.set(true);
        })
    };
    let ondragleave = {
        let over = over.clone();
        Callback::from(move |_: DragEvent| over.set(false))
    };
    let ondrop = {
        let import = import.clone();
        let over = over.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            over.set(false);
            let file = e
                .data_transfer()
                .and_then(|t| t.files())
                .and_then(|files| files.get(0));
            if let Some(file) = file {
                import.open(file);
            }
        })
    };
    html! {
        <section class="card import-pick" aria-labelledby="import-pick-title">
            <h2 id="import-pick-title">{ tr(lang, "Файл продаж", "Sales file") }</h2>
            <label class={classes!("drop-zone", over.then_some("drop-zone-over"))}
                data-testid="import-drop" {ondragover} {ondragleave} {ondrop}>
                <span class="drop-zone-title">{ tr(lang,
                    "Перетащите файл сюда или нажмите, чтобы выбрать",
                    "Drop a file here or click to choose one") }</span>
                <span class="drop-zone-hint">{ tr(lang,
                    "Книга Excel (.xlsx, первый лист), CSV или текст с разделителями «,» «;» или табуляцией; UTF-8 или Windows-1251 (как сохраняет русский Excel). Нужны столбцы: клиент, дата, сумма; по желанию — менеджер, сегмент, товар.",
                    "An Excel workbook (.xlsx, its first sheet), CSV or text separated by “,” “;” or tabs; UTF-8 or Windows-1251 (as Russian Excel saves it). Columns needed: client, date, amount; optional: manager, segment, product.") }</span>
                <input type="file" class="visually-hidden" data-testid="import-file"
                    accept=".csv,.txt,.tsv,.xlsx,text/csv,text/plain,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {onchange} />
            </label>
        </section>
    }
}

/// "Another file": back to the drop zone; the open file and its results are let go.
#[function_component(OtherFileButton)]
pub fn other_file_button() -> Html {
    let app = use_app();
    let import = use_import();
    let onclick = Callback::from(move |_: MouseEvent| import.reset());
    html! {
        <button type="button" class="button-quiet" data-testid="import-other-file" {onclick}>
            { tr(app.lang(), "Другой файл", "Another file") }
        </button>
    }
}
