//! The paste box: report lines `date;seller;count per stage;revenue` from a spreadsheet or a
//! CRM, for any days of the month. Lines not taken are listed with the reason; sellers not
//! on the roster are offered to be added or skipped.

use wasm_bindgen::JsValue;
use yew::prelude::*;

use crate::i18n::fact::reject_text;
use crate::i18n::plural::{plural, PluralForms};
use crate::i18n::{tr, Lang};
use crate::model::calendar::Month;
use crate::model::fact::{parse_fact_lines, FactPaste, FactSeller};
use crate::state::plan_edit::{FactEdit, UnknownSellers};
use crate::ui::state::use_app;

#[derive(Properties, PartialEq)]
pub struct PasteProps {
    pub month: Month,
    pub sellers: Vec<FactSeller>,
}

/// What the last "add" did.
#[derive(Clone, PartialEq)]
struct Outcome {
    paste: FactPaste,
    /// Sellers not on the roster, waiting for "add" or "skip".
    unknown: Vec<String>,
    added: Option<usize>,
}

#[function_component(PasteLines)]
pub fn paste_lines(props: &PasteProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let stage_count = app.plan().funnel.stages.len();
    let text = use_state(String::new);
    let outcome = use_state(|| None::<Outcome>);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            // A textarea's value, read without a web-sys feature for HtmlTextAreaElement.
            let value = e
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("value")).ok())
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            text.set(value);
        })
    };
    // Applies the rows of `paste`; unknown sellers as `unknown` says.
    let apply = {
        let app = app.clone();
        let text = text.clone();
        let outcome = outcome.clone();
        move |paste: FactPaste, unknown: UnknownSellers, waiting: Vec<String>| {
            let taken = match unknown {
                UnknownSellers::Add => paste.rows.len(),
                UnknownSellers::Skip => paste
                    .rows
                    .iter()
                    .filter(|r| {
                        !waiting
                            .iter()
                            .any(|w| w.to_lowercase() == r.seller.trim().to_lowercase())
                    })
                    .count(),
            };
            if !paste.rows.is_empty() {
                app.edit(FactEdit::AddPasted {
                    rows: paste.rows.clone(),
                    unknown,
                    lang,
                });
            }
            if paste.rejected.is_empty() && taken > 0 {
                text.set(String::new());
            }
            outcome.set(Some(Outcome {
                paste,
                unknown: Vec::new(),
                added: Some(taken),
            }));
        }
    };
    let on_add = {
        let text = text.clone();
        let outcome = outcome.clone();
        let apply = apply.clone();
        let month = props.month;
        let sellers = props.sellers.clone();
        Callback::from(move |_: MouseEvent| {
            let paste = parse_fact_lines(&text, stage_count, month);
            let unknown = paste.unknown_sellers(&sellers);
            if unknown.is_empty() {
                apply(paste, UnknownSellers::Skip, Vec::new());
            } else {
                outcome.set(Some(Outcome {
                    paste,
                    unknown,
                    added: None,
                }));
            }
        })
    };
    let decide = |choice: UnknownSellers| {
        let outcome = outcome.clone();
        let apply = apply.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(o) = (*outcome).clone() {
                apply(o.paste, choice, o.unknown);
            }
        })
    };
    let placeholder = "01.12.2026;Иванов;40;16;8;3;450000";
    let hint = match lang {
        Lang::Ru => format!(
            "Строка на продавца и день: дата; продавец; {stage_count} {} по этапам воронки; выручка. Через Tab (копия из Excel) или «;», дата дд.мм.гггг или гггг-мм-дд, десятичная запятая. Строка с тем же днём продавца заменяет его отчёт.",
            plural(lang, stage_count as f64, PluralForms { one: "число", few: "числа", many: "чисел", other: "числа" })
        ),
        Lang::En => format!(
            "A line per seller and day: date; seller; {stage_count} counts, one per funnel stage; revenue. Tab (a copy from Excel) or \";\", the date as dd.mm.yyyy or yyyy-mm-dd, decimal comma or point. A line for a seller's day replaces that report."
        ),
    };
    html! {
        <details class="card paste-box fact-paste-box" open={outcome.is_some()}>
            <summary>{ tr(lang, "Вставить отчёты строками (из Excel или CRM)", "Paste reports as lines (from Excel or a CRM)") }</summary>
            <p class="hint" id="fact-paste-hint">{ hint }</p>
            <textarea id="fact-paste" data-testid="fact-paste" rows="4" spellcheck="false"
                aria-describedby="fact-paste-hint" value={(*text).clone()} {oninput} {placeholder} />
            <div class="actions">
                <button type="button" class="button" data-testid="fact-paste-add" onclick={on_add}
                    disabled={text.trim().is_empty()}>
                    { tr(lang, "Добавить отчёты", "Add the reports") }
                </button>
            </div>
            if let Some(o) = &*outcome {
                { report(o, lang, decide(UnknownSellers::Add), decide(UnknownSellers::Skip)) }
            }
        </details>
    }
}

fn report(
    o: &Outcome,
    lang: Lang,
    on_add: Callback<MouseEvent>,
    on_skip: Callback<MouseEvent>,
) -> Html {
    let only_header = o
        .paste
        .rejected
        .iter()
        .all(|(_, r)| matches!(r, crate::model::fact::FactReject::Header));
    html! {
        <div class="paste-report" role="status" data-testid="fact-paste-result">
            if !o.unknown.is_empty() {
                <div class="notice notice-warning" data-testid="fact-paste-unknown">
                    <p>{ match lang {
                        Lang::Ru => format!("Этих продавцов нет в списке: {}. Добавить их или пропустить их строки?", o.unknown.join(", ")),
                        Lang::En => format!("These sellers are not on the list: {}. Add them, or skip their lines?", o.unknown.join(", ")),
                    } }</p>
                    <div class="actions">
                        <button type="button" class="button" data-testid="fact-paste-add-sellers" onclick={on_add}>{ tr(lang, "Добавить продавцов", "Add the sellers") }</button>
                        <button type="button" class="button-quiet" data-testid="fact-paste-skip-sellers" onclick={on_skip}>{ tr(lang, "Пропустить их строки", "Skip their lines") }</button>
                    </div>
                </div>
            }
            if let Some(added) = o.added {
                <p data-testid="fact-paste-added">{ match lang {
                    Lang::Ru => format!("Добавлено отчётов: {added}."),
                    Lang::En => format!("Reports added: {added}."),
                } }</p>
            }
            if !o.paste.rejected.is_empty() {
                <p class={if only_header { "hint" } else { "field-error" }}>{ tr(lang, "Не взяты:", "Left out:") }</p>
                <ul class="paste-rejected" data-testid="fact-paste-rejected">
                    { for o.paste.rejected.iter().enumerate().map(|(i, (line, reason))| html! {
                        <li data-testid={format!("fact-paste-rejected-{}", i + 1)}>
                            { match lang {
                                Lang::Ru => format!("Строка {line}: {}", reject_text(lang, reason)),
                                Lang::En => format!("Line {line}: {}", reject_text(lang, reason)),
                            } }
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}
