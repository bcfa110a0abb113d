//! Import of a plans file: the file picker, the checks, and the question when a plan of the
//! file is already here (replace it, or keep both).

use std::rc::Rc;

use gloo::file::callbacks::{read_as_text, FileReader};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::messages::file_error;
use crate::i18n::plural::{plural, PluralForms};
use crate::i18n::{tr, Lang};
use crate::model::Plan;
use crate::storage::file::{self, OnClash, MAX_FILE_BYTES};
use crate::ui::state::{use_app, Action, AppHandle};

/// The outcome shown under the picker.
#[derive(Clone, PartialEq)]
pub struct Message {
    pub good: bool,
    pub text: String,
}

/// Plans read from a file, some of which exist here: waiting for the person's answer.
#[derive(Clone, PartialEq)]
struct Pending {
    plans: Rc<Vec<Plan>>,
    /// Names (here) of the plans the file would replace.
    clashing: Vec<String>,
}

fn imported_text(added: usize, replaced: usize, lang: Lang) -> String {
    match lang {
        Lang::Ru => {
            let mut s = format!("Загружено планов: {}.", added + replaced);
            if replaced > 0 {
                s.push_str(&format!(" Заменено: {replaced}."));
            }
            s.push_str(" Откройте нужный в списке.");
            s
        }
        Lang::En => {
            let count = added + replaced;
            let plans = plural(lang, count as f64, PluralForms::en("plan", "plans"));
            let mut s = format!("Imported {count} {plans}.");
            if replaced > 0 {
                s.push_str(&format!(" Replaced: {replaced}."));
            }
            s.push_str(" Open one from the list.");
            s
        }
    }
}

/// Reads the file's text, checks it and either imports it or asks about clashes.
fn on_text(
    app: &AppHandle,
    text: Result<String, gloo::file::FileReadError>,
    message: &UseStateHandle<Option<Message>>,
    pending: &UseStateHandle<Option<Pending>>,
) {
    let lang = app.lang();
    let plans = match text
        .map_err(|_| None)
        .and_then(|t| file::decode(&t).map_err(Some))
    {
        Ok(plans) => plans,
        Err(e) => {
            let text = match e {
                Some(e) => file_error(&e, lang),
                None => tr(
                    lang,
                    "Файл не удалось прочитать.",
                    "The file could not be read.",
                )
                .into(),
            };
            message.set(Some(Message { good: false, text }));
            return;
        }
    };
    let clashes = file::clashes(&app.doc.plans, &plans);
    if clashes.is_empty() {
        let count = plans.len();
        // KeepBoth: even if a plan appeared meanwhile, nothing is overwritten.
        app.dispatch(Action::ImportPlans {
            plans,
            on_clash: OnClash::KeepBoth,
        });
        message.set(Some(Message {
            good: true,
            text: imported_text(count, 0, lang),
        }));
        return;
    }
    let clashing = clashes
        .iter()
        .filter_map(|&i| {
            let id = &plans[i].id;
            app.doc
                .plans
                .iter()
                .find(|p| &p.id == id)
                .map(|p| p.name.clone())
        })
        .collect();
    message.set(None);
    pending.set(Some(Pending {
        plans: Rc::new(plans),
        clashing,
    }));
}

#[function_component(ImportControl)]
pub fn import_control() -> Html {
    let app = use_app();
    let lang = app.lang();
    let message = use_state(|| None::<Message>);
    let pending = use_state(|| None::<Pending>);
    // The reader must live until it has read the file (dropping it cancels the read).
    let reader = use_mut_ref(|| None::<FileReader>);
    let picker = use_node_ref();
    let pick = {
        let picker = picker.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(input) = picker.cast::<HtmlInputElement>() {
                input.click();
            }
        })
    };

    let onchange = {
        let app = app.clone();
        let message = message.clone();
        let pending = pending.clone();
        let reader = reader.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|list| list.get(0)) else {
                return;
            };
            // The same file may be chosen again later.
            input.set_value("");
            let file = gloo::file::File::from(file);
            let size = file.size() as usize;
            if size > MAX_FILE_BYTES {
                let e = file::FileError::TooLarge {
                    bytes: size,
                    max: MAX_FILE_BYTES,
                };
                message.set(Some(Message {
                    good: false,
                    text: file_error(&e, app.lang()),
                }));
                return;
            }
            pending.set(None);
            let (app, message, pending) = (app.clone(), message.clone(), pending.clone());
            *reader.borrow_mut() = Some(read_as_text(&file, move |text| {
                on_text(&app, text, &message, &pending)
            }));
        })
    };

    let answer = |on_clash: OnClash| {
        let app = app.clone();
        let message = message.clone();
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| {
            let Some(p) = (*pending).clone() else {
                return;
            };
            let total = p.plans.len();
            let replaced = match on_clash {
                OnClash::Replace => p.clashing.len(),
                OnClash::KeepBoth => 0,
            };
            app.dispatch(Action::ImportPlans {
                plans: (*p.plans).clone(),
                on_clash,
            });
            message.set(Some(Message {
                good: true,
                text: imported_text(total - replaced, replaced, app.lang()),
            }));
            pending.set(None);
        })
    };
    let cancel = {
        let app = app.clone();
        let pending = pending.clone();
        let message = message.clone();
        Callback::from(move |_: MouseEvent| {
            pending.set(None);
            message.set(Some(Message {
                good: true,
                text: tr(
                    app.lang(),
                    "Загрузка отменена, ничего не изменилось.",
                    "Import cancelled; nothing changed.",
                )
                .into(),
            }));
        })
    };

    html! {
        <div class="plans-import">
            <button type="button" class="button-quiet" data-testid="import-button" onclick={pick}>
                { tr(lang, "Загрузить JSON…", "Import JSON…") }
            </button>
            <input id="import-file" data-testid="import-file" type="file" hidden={true} ref={picker}
                aria-label={tr(lang, "Файл планов (JSON)", "Plans file (JSON)")}
                accept=".json,application/json" {onchange} />
            if let Some(p) = &*pending {
                <div class="plans-question" data-testid="import-question" role="alertdialog" aria-labelledby="import-question-text">
                    <p id="import-question-text">
                        { match lang {
                            Lang::Ru => format!("Эти планы уже есть на устройстве: {}. Заменить их планами из файла или сохранить оба варианта?", names(&p.clashing, lang)),
                            Lang::En => format!("These plans are already on this device: {}. Replace them with the file's plans, or keep both?", names(&p.clashing, lang)),
                        } }
                    </p>
                    <div class="actions">
                        <button type="button" class="button" data-testid="import-keep-both" onclick={answer(OnClash::KeepBoth)}>
                            { tr(lang, "Сохранить оба", "Keep both") }
                        </button>
                        <button type="button" class="button-quiet button-danger" data-testid="import-replace" onclick={answer(OnClash::Replace)}>
                            { tr(lang, "Заменить", "Replace") }
                        </button>
                        <button type="button" class="button-quiet" data-testid="import-cancel" onclick={cancel}>
                            { tr(lang, "Отмена", "Cancel") }
                        </button>
                    </div>
                </div>
            }
            if let Some(m) = &*message {
                <p class={classes!("plans-message", (!m.good).then_some("plans-message-bad"))}
                    data-testid="import-message" role={if m.good { "status" } else { "alert" }}>
                    { m.text.clone() }
                </p>
            }
        </div>
    }
}

fn names(list: &[String], lang: Lang) -> String {
    list.iter()
        .map(|n| match lang {
            Lang::Ru => format!("«{n}»"),
            Lang::En => format!("“{n}”"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}
