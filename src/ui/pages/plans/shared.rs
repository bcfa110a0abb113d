//! Share links: the panel with a link made here, and the preview of a link that was opened.

use gloo::events::EventListener;
use web_sys::HtmlInputElement;
use yew::prelude::*;
use yew_router::prelude::*;

use super::messages::share_error;
use super::report::key_figures;
use crate::i18n::tr;
use crate::model::plan::summarize;
use crate::storage::share;
use crate::ui::routes::Route;
use crate::ui::state::{current_fragment, use_app, Action, Incoming};

/// A link made for a plan: the address, or why there is none, and whether it was copied.
#[derive(Clone, PartialEq)]
pub struct MadeLink {
    pub plan_name: String,
    pub link: Result<String, share::ShareError>,
    /// `None` while the clipboard has not answered.
    pub copied: Option<bool>,
}

#[derive(Properties, PartialEq)]
pub struct SharePanelProps {
    pub made: MadeLink,
    pub on_close: Callback<()>,
}

/// The link just made: copied to the clipboard, and shown in a field to copy by hand.
#[function_component(SharePanel)]
pub fn share_panel(props: &SharePanelProps) -> Html {
    let lang = use_app().lang();
    let close = {
        let cb = props.on_close.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let select_all = Callback::from(|e: FocusEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.select();
    });
    let body = match &props.made.link {
        Err(e) => html! {
            <p class="plans-message plans-message-bad" data-testid="share-error" role="alert">{ share_error(e, lang) }</p>
        },
        Ok(link) => {
            let status = match props.made.copied {
                Some(true) => tr(
                    lang,
                    "Ссылка скопирована. Отправьте её: план хранится в самой ссылке и не попадает на сервер.",
                    "The link is copied. Send it on: the plan lives in the link itself and never reaches a server.",
                ),
                Some(false) => tr(
                    lang,
                    "Скопируйте ссылку из поля: браузер не разрешил доступ к буферу обмена.",
                    "Copy the link from the field: the browser did not allow the clipboard.",
                ),
                None => tr(lang, "Копирую…", "Copying…"),
            };
            html! {
                <>
                    <p class="plans-message" data-testid="share-status" role="status">{ status }</p>
                    <div class="field">
                        <label class="field-label" for="share-link">{ tr(lang, "Ссылка на план", "Link to the plan") }</label>
                        <div class="field-control">
                            <input id="share-link" data-testid="share-link" type="text" readonly={true}
                                value={link.clone()} onfocus={select_all} />
                        </div>
                    </div>
                    <p class="plans-hint">{ format!("{} {}", tr(lang, "Длина ссылки:", "Link length:"),
                        crate::i18n::numbers::format_count(link.len() as f64, lang)) }{ tr(lang, " символов.", " characters.") }</p>
                </>
            }
        }
    };
    html! {
        <section class="card plans-share" data-testid="share-panel" aria-labelledby="plans-share-title">
            <div class="section-title">
                <h2 id="plans-share-title">{ format!("{}: {}", tr(lang, "Ссылка", "Share link"), props.made.plan_name) }</h2>
                <button type="button" class="button-quiet" data-testid="share-close" onclick={close}>
                    { tr(lang, "Закрыть", "Close") }
                </button>
            </div>
            { body }
        </section>
    }
}

/// Opens a share link that arrives while the page is open (the fragment changed).
#[hook]
pub fn use_share_fragment() {
    let app = use_app();
    use_effect_with((), move |_| {
        let listener = web_sys::window().map(|window| {
            EventListener::new(&window, "hashchange", move |_| {
                if let Some(data) = current_fragment().as_deref().and_then(share::from_fragment) {
                    app.dispatch(Action::OpenShared(data.to_string()));
                }
            })
        });
        move || drop(listener)
    });
}

/// What an opened link holds, with "save as a new plan" and "dismiss".
#[function_component(SharePreview)]
pub fn share_preview() -> Html {
    let app = use_app();
    let lang = app.lang();
    let navigator = use_navigator();
    let Some(incoming) = app.incoming.clone() else {
        return html! {};
    };
    // Leaving the fragment in the address would open the link again on reload.
    let clear_address = move || {
        if let Some(nav) = &navigator {
            nav.replace(&Route::Plans);
        }
    };
    let on_save = {
        let app = app.clone();
        let clear = clear_address.clone();
        Callback::from(move |_: MouseEvent| {
            app.dispatch(Action::SaveShared);
            clear();
        })
    };
    let on_dismiss = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            app.dispatch(Action::DismissShared);
            clear_address();
        })
    };
    let dismiss = html! {
        <button type="button" class="button-quiet" data-testid="share-dismiss" onclick={on_dismiss}>
            { tr(lang, "Не сохранять", "Dismiss") }
        </button>
    };
    match incoming {
        Incoming::Broken(e) => html! {
            <section class="card plans-incoming plans-incoming-bad no-print" data-testid="share-preview" aria-labelledby="share-preview-title">
                <h2 id="share-preview-title">{ tr(lang, "Ссылку не удалось открыть", "The link cannot be opened") }</h2>
                <p class="plans-message plans-message-bad" data-testid="share-message" role="alert">{ share_error(&e, lang) }</p>
                <div class="actions">{ dismiss }</div>
            </section>
        },
        Incoming::Plan(plan) => {
            let summary = summarize(&plan);
            let client = if plan.client.trim().is_empty() {
                tr(lang, "не указан", "not set").to_string()
            } else {
                plan.client.clone()
            };
            html! {
                <section class="card plans-incoming no-print" data-testid="share-preview" aria-labelledby="share-preview-title">
                    <p class="plans-kicker">{ tr(lang, "План по ссылке", "A plan from a link") }</p>
                    <h2 id="share-preview-title" data-testid="share-preview-name">{ plan.name.clone() }</h2>
                    <p class="plans-meta">
                        { format!("{}: ", tr(lang, "Клиент", "Client")) }
                        <strong data-testid="share-preview-client">{ client }</strong>
                        { format!(" · {}: {}", tr(lang, "валюта", "currency"), plan.currency.code()) }
                    </p>
                    { key_figures(&summary, lang, "share-preview") }
                    <p class="plans-hint">{ tr(lang,
                        "Ссылка ничего не изменила на этом устройстве. Сохраните план, чтобы открыть его в калькуляторах.",
                        "The link changed nothing on this device yet. Save the plan to open it in the calculators.") }</p>
                    <div class="actions">
                        <button type="button" class="button" data-testid="share-save" onclick={on_save}>
                            { tr(lang, "Сохранить как новый план", "Save as a new plan") }
                        </button>
                        { dismiss }
                    </div>
                </section>
            }
        }
    }
}
