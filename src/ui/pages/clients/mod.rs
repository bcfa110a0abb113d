//! The clients page (issue 6): a transactions file dropped here is read and analysed in a
//! Web Worker ([`crate::ui::import`]): columns, progress, then ABC/XYZ, RFM segments, the
//! reactivation list, cohorts and the predictive LTV, with exports and one click into the
//! plan. Nothing leaves the browser.

mod cohorts;
mod forecast;
mod holdout;
mod mapping;
mod picker;
mod progress;
mod report;
mod results;
mod saved;
mod settings;
mod tables;

use yew::prelude::*;

use crate::i18n::clients::import_error;
use crate::i18n::{tr, Lang};
use crate::model::clients::ImportError;
use crate::ui::import::{use_import, ImportProblem, Phase};
use crate::ui::state::use_app;
use crate::worker::protocol::{Failure, Step};

#[function_component(ClientsPage)]
pub fn clients_page() -> Html {
    let app = use_app();
    let import = use_import();
    {
        let import = import.clone();
        use_effect_with((), move |_| import.prepare());
    }
    let lang = app.lang();
    let state = &import.state;
    let body = match &state.phase {
        Phase::Idle => html! {
            <>
                <picker::FilePicker />
                <saved::SavedSummary />
            </>
        },
        Phase::Opening {
            unpacked: Some(fraction),
            ..
        } => html! {
            <progress::Progress step={Step::Unpacking} fraction={*fraction} />
        },
        Phase::Opening { file_name, .. } => html! {
            <section class="card" data-testid="import-opening" role="status">
                <p>{ match lang {
                    Lang::Ru => format!("Читаю файл «{file_name}»…"),
                    Lang::En => format!("Reading “{file_name}”…"),
                } }</p>
            </section>
        },
        Phase::Mapping => html! { <mapping::Mapping /> },
        Phase::Running { step, fraction } => html! {
            <progress::Progress step={*step} fraction={*fraction} />
        },
        Phase::Done => html! { <results::Results /> },
    };
    html! {
        <section data-testid="page-clients" class="clients-page">
            <h1>{ tr(lang, "Клиентская база", "Client base") }</h1>
            <p class="lead">{ tr(lang,
                "Загрузите выгрузку продаж (CSV): кто приносит деньги, кто засыпает и кого пора вернуть, сколько стоит база. Файл обрабатывается только в этом браузере и никуда не отправляется.",
                "Load a sales export (CSV): who brings the money, who is falling asleep and whom to win back, what the base is worth. The file is processed in this browser only and is sent nowhere.") }</p>
            <ProblemBar />
            { body }
        </section>
    }
}

/// The import's problem (a file that cannot be read, a cancel, a crashed worker).
#[function_component(ProblemBar)]
fn problem_bar() -> Html {
    let app = use_app();
    let import = use_import();
    let lang = app.lang();
    let Some(problem) = &import.state.problem else {
        return html! {};
    };
    let (text, calm) = match problem {
        // Cancelled while an .xlsx was unpacked: there is no file open.
        ImportProblem::Failed(Failure::Import(ImportError::Cancelled))
            if import.state.opened.is_none() =>
        {
            (
                tr(
                    lang,
                    "Открытие файла остановлено. Выберите файл снова, когда будете готовы.",
                    "Opening the file was stopped. Choose a file again when you are ready.",
                )
                .to_string(),
                true,
            )
        }
        ImportProblem::Failed(Failure::Import(ImportError::Cancelled)) => (
            tr(
                lang,
                "Анализ остановлен. Можно поменять настройки и запустить снова.",
                "The analysis was stopped. Change the settings and run it again if you like.",
            )
            .to_string(),
            true,
        ),
        ImportProblem::Failed(Failure::Import(e)) => (import_error(e, lang), false),
        ImportProblem::Failed(Failure::Settings(_)) => (
            tr(
                lang,
                "Проверьте настройки анализа: значение вне допустимого.",
                "Check the analysis settings: a value is out of range.",
            )
            .to_string(),
            false,
        ),
        ImportProblem::Failed(Failure::NoFile) => (
            tr(lang, "Сначала выберите файл.", "Choose a file first.").to_string(),
            false,
        ),
        ImportProblem::Failed(Failure::Unreadable) => (
            tr(
                lang,
                "Браузер не смог прочитать файл. Попробуйте ещё раз или сохраните его заново.",
                "The browser could not read the file. Try again or save it anew.",
            )
            .to_string(),
            false,
        ),
        ImportProblem::WorkerCrashed => (
            tr(
                lang,
                "Фоновый обработчик остановился. Данные плана в порядке; запустите анализ снова.",
                "The background worker stopped. The plan's data is safe; run the analysis again.",
            )
            .to_string(),
            false,
        ),
    };
    let dismiss = {
        let import = import.clone();
        Callback::from(move |_: MouseEvent| import.dismiss_problem())
    };
    html! {
        <div class={classes!("import-problem", calm.then_some("import-problem-calm"))}
            role={if calm { "status" } else { "alert" }} data-testid="import-problem">
            <p>{ text }</p>
            <button type="button" class="button-quiet" data-testid="import-problem-close" onclick={dismiss}
                aria-label={tr(lang, "Скрыть", "Dismiss")}>{ "×" }</button>
        </div>
    }
}
