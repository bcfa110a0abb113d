//! The list of plans on this device: open, rename, duplicate, delete, export, share, compare.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::{tr, Lang};
use crate::model::Plan;
use crate::storage::export::{plan_sheets, workbook, Locale};
use crate::ui::browser::{download, download_plans, format_date_time, slug, today_iso};
use crate::ui::state::{use_app, Action};

/// Most plans compared at once.
pub const MAX_COMPARED: usize = 3;

/// Saves one plan's tables as an Excel workbook.
pub fn export_xlsx(plan: &Plan, lang: Lang) {
    let title = if plan.client.trim().is_empty() {
        plan.name.clone()
    } else {
        format!("{} — {}", plan.name, plan.client)
    };
    let bytes = workbook(
        &plan_sheets(plan, lang),
        Locale {
            currency: plan.currency,
            lang,
        },
        &title,
    );
    download(
        &bytes,
        &format!("salesplan-{}-{}.xlsx", slug(&plan.name), today_iso()),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    );
}

#[derive(Properties, PartialEq)]
pub struct PlanListProps {
    /// Ids of the plans ticked for comparison.
    pub compared: Vec<String>,
    pub on_toggle_compare: Callback<String>,
    /// Asks for the share link of the plan with this id.
    pub on_share: Callback<String>,
}

#[function_component(PlanList)]
pub fn plan_list(props: &PlanListProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let renaming = use_state(|| None::<String>);
    let doc = app.doc.clone();
    let only_one = doc.plans.len() < 2;
    html! {
        <ul class="plan-list" aria-label={tr(lang, "Планы", "Plans")}>
            { for doc.plans.iter().enumerate().map(|(i, plan)| {
                let n = i + 1;
                let id = plan.id.clone();
                let active = plan.id == doc.active;
                let ticked = props.compared.contains(&plan.id);
                let dispatch = |action: fn(String) -> Action| {
                    let app = app.clone();
                    let id = id.clone();
                    Callback::from(move |_: MouseEvent| app.dispatch(action(id.clone())))
                };
                let on_rename_start = {
                    let renaming = renaming.clone();
                    let id = id.clone();
                    Callback::from(move |_: MouseEvent| renaming.set(Some(id.clone())))
                };
                let on_export = {
                    let plan = plan.clone();
                    Callback::from(move |_: MouseEvent| download_plans(std::slice::from_ref(&plan), &plan.name))
                };
                let on_xlsx = {
                    let plan = plan.clone();
                    Callback::from(move |_: MouseEvent| export_xlsx(&plan, lang))
                };
                let on_share = {
                    let cb = props.on_share.clone();
                    let id = id.clone();
                    Callback::from(move |_: MouseEvent| cb.emit(id.clone()))
                };
                let on_compare = {
                    let cb = props.on_toggle_compare.clone();
                    let id = id.clone();
                    Callback::from(move |_: Event| cb.emit(id.clone()))
                };
                let compare_full = props.compared.len() >= MAX_COMPARED && !ticked;
                let is_renaming = renaming.as_deref() == Some(plan.id.as_str());
                // "changed 24 Nov 2025, 14:05", or "never changed" alone (not "changed never changed").
                let updated = format_date_time(plan.updated_at_ms, lang)
                    .map(|at| format!("{} {at}", tr(lang, "изменён", "changed")))
                    .unwrap_or_else(|| tr(lang, "не менялся", "never changed").to_string());
                let name_id = format!("plan-row-{n}-title");
                html! {
                    <li class={classes!("plan-row", active.then_some("plan-row-active"))} data-testid={format!("plan-row-{n}")}
                        aria-current={active.then_some("true")}>
                        <div class="plan-row-compare">
                            <input type="checkbox" id={format!("compare-plan-{n}")} data-testid={format!("compare-plan-{n}")}
                                checked={ticked} disabled={compare_full} onchange={on_compare} />
                            <label for={format!("compare-plan-{n}")} class="visually-hidden">
                                { format!("{} {}", tr(lang, "Сравнить план", "Compare plan"), plan.name) }
                            </label>
                        </div>
                        <div class="plan-row-main">
                            if is_renaming {
                                <RenameField n={n} id={id.clone()} name={plan.name.clone()} lang={lang}
                                    on_done={{ let renaming = renaming.clone(); Callback::from(move |_| renaming.set(None)) }} />
                            } else {
                                <div class="plan-row-title" id={name_id.clone()}>
                                    <span class="plan-row-name" data-testid={format!("plan-row-{n}-name")}>{ plan.name.clone() }</span>
                                    if active {
                                        <span class="badge badge-good" data-testid={format!("plan-row-{n}-active")}>
                                            { tr(lang, "активный", "active") }
                                        </span>
                                    }
                                </div>
                            }
                            <div class="plan-row-meta">
                                <span data-testid={format!("plan-row-{n}-client")}>
                                    { if plan.client.trim().is_empty() { tr(lang, "Клиент не указан", "No client").to_string() } else { plan.client.clone() } }
                                </span>
                                <span aria-hidden="true">{ " · " }</span>
                                <span data-testid={format!("plan-row-{n}-updated")}>
                                    { updated }
                                </span>
                            </div>
                        </div>
                        <div class="actions plan-row-actions" role="group" aria-labelledby={name_id}>
                            <button type="button" class="button" data-testid={format!("open-plan-{n}")}
                                disabled={active} onclick={dispatch(Action::SwitchPlan)}>
                                { if active { tr(lang, "Открыт", "Open now") } else { tr(lang, "Открыть", "Open") } }
                            </button>
                            <button type="button" class="button-quiet" data-testid={format!("rename-plan-{n}")} onclick={on_rename_start}>
                                { tr(lang, "Переименовать", "Rename") }
                            </button>
                            <button type="button" class="button-quiet" data-testid={format!("duplicate-plan-{n}")} onclick={dispatch(Action::DuplicatePlan)}>
                                { tr(lang, "Копия", "Duplicate") }
                            </button>
                            <button type="button" class="button-quiet" data-testid={format!("share-plan-{n}")} onclick={on_share}>
                                { tr(lang, "Ссылка", "Share link") }
                            </button>
                            <button type="button" class="button-quiet" data-testid={format!("export-plan-{n}")} onclick={on_export}>
                                { "JSON" }
                            </button>
                            <button type="button" class="button-quiet" data-testid={format!("export-xlsx-{n}")} onclick={on_xlsx}>
                                { "Excel" }
                            </button>
                            <button type="button" class="button-quiet button-danger" data-testid={format!("delete-plan-{n}")}
                                disabled={only_one} onclick={dispatch(Action::DeletePlan)}
                                title={only_one.then(|| tr(lang, "Единственный план нельзя удалить", "The only plan cannot be deleted"))}>
                                { tr(lang, "Удалить", "Delete") }
                            </button>
                        </div>
                    </li>
                }
            }) }
        </ul>
    }
}

#[derive(Properties, PartialEq)]
struct RenameFieldProps {
    n: usize,
    id: String,
    name: String,
    lang: Lang,
    on_done: Callback<()>,
}

/// The name as an input: Enter or leaving the field saves, Escape cancels.
#[function_component(RenameField)]
fn rename_field(props: &RenameFieldProps) -> Html {
    let app = use_app();
    let input = use_node_ref();
    // Enter, Escape and blur may all arrive; only the first one counts.
    let finished = use_mut_ref(|| false);
    {
        let input = input.clone();
        use_effect_with((), move |_| {
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let _ = el.focus();
                el.select();
            }
        });
    }
    let save = {
        let app = app.clone();
        let id = props.id.clone();
        let on_done = props.on_done.clone();
        let input = input.clone();
        let finished = finished.clone();
        Callback::from(move |_: ()| {
            if std::mem::replace(&mut *finished.borrow_mut(), true) {
                return;
            }
            if let Some(el) = input.cast::<HtmlInputElement>() {
                let name: String = el.value().trim().chars().take(200).collect();
                if !name.is_empty() {
                    app.dispatch(Action::RenamePlan {
                        id: id.clone(),
                        name,
                    });
                }
            }
            on_done.emit(());
        })
    };
    let onkeydown = {
        let save = save.clone();
        let on_done = props.on_done.clone();
        Callback::from(move |e: KeyboardEvent| match e.key().as_str() {
            "Enter" => {
                e.prevent_default();
                save.emit(());
            }
            "Escape" => {
                *finished.borrow_mut() = true;
                on_done.emit(());
            }
            _ => {}
        })
    };
    let onblur = Callback::from(move |_: FocusEvent| save.emit(()));
    let field_id = format!("rename-plan-{}-input", props.n);
    html! {
        <div class="plan-rename">
            <label class="visually-hidden" for={field_id.clone()}>{ tr(props.lang, "Новое название плана", "New plan name") }</label>
            <input id={field_id.clone()} data-testid={field_id} type="text" maxlength="200"
                value={props.name.clone()} ref={input} {onkeydown} {onblur} />
        </div>
    }
}
