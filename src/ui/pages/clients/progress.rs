//! The progress of an analysis, with Cancel (which stops the worker at once).

use yew::prelude::*;

use crate::i18n::numbers::format_percent;
use crate::i18n::tr;
use crate::ui::import::use_import;
use crate::ui::state::use_app;
use crate::worker::protocol::Step;

#[derive(Properties, PartialEq)]
pub struct ProgressProps {
    pub step: Step,
    pub fraction: f64,
}

#[function_component(Progress)]
pub fn progress(props: &ProgressProps) -> Html {
    let app = use_app();
    let import = use_import();
    let lang = app.lang();
    let (label, share) = match props.step {
        // Opening an .xlsx has a bar of its own, before the columns step.
        Step::Unpacking => (
            tr(
                lang,
                "Распаковка книги Excel",
                "Unpacking the Excel workbook",
            ),
            props.fraction.clamp(0.0, 1.0),
        ),
        Step::Reading => (
            tr(lang, "Чтение строк", "Reading rows"),
            props.fraction.clamp(0.0, 1.0) * 0.8,
        ),
        Step::Analysing => (
            tr(
                lang,
                "Анализ: ABC, XYZ, RFM, когорты",
                "Analysis: ABC, XYZ, RFM, cohorts",
            ),
            0.85,
        ),
        Step::Forecasting => (
            tr(
                lang,
                "Прогноз: подбор моделей BG/NBD и Gamma-Gamma",
                "Forecast: fitting BG/NBD and Gamma-Gamma",
            ),
            0.92,
        ),
    };
    let percent = share * 100.0;
    // The bar's own value is for the browser; the text is the rounded figure people read.
    let bar_value = percent.round().to_string();
    let cancel = {
        let import = import.clone();
        Callback::from(move |_: MouseEvent| import.cancel())
    };
    html! {
        <section class="card import-progress" aria-labelledby="progress-title">
            <h2 id="progress-title">{ tr(lang, "Обработка файла", "Processing the file") }</h2>
            <p data-testid="import-step" role="status">{ label }</p>
            <progress data-testid="import-progress" max="100" value={bar_value}
                aria-label={tr(lang, "Готово", "Done")}>{ format_percent(percent, 0, lang) }</progress>
            <p class="hint">{ tr(lang,
                "Файл обрабатывается в фоне: страница остаётся отзывчивой.",
                "The file is processed in the background: the page stays responsive.") }</p>
            <button type="button" class="button-quiet" data-testid="import-cancel" onclick={cancel}>
                { tr(lang, "Отменить", "Cancel") }
            </button>
        </section>
    }
}
