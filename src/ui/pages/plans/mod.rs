//! The plans page: every plan on this device (open, rename, duplicate, delete with undo),
//! comparison side by side, plan files (JSON), share links, Excel and CSV, demo presets and
//! the printable report of the active plan.
//!
//! Plans live in the stored document ([`crate::ui::state`]); this page keeps only what is on
//! screen for a moment: the plans ticked for comparison, the last link made, messages.

use yew::prelude::*;

mod compare;
mod import;
mod list;
mod messages;
mod report;
mod shared;

use crate::ui::browser::{copy_to_clipboard, download_plans, origin};
use compare::ComparePanel;
use import::ImportControl;
use list::PlanList;
use report::PlanReport;
use shared::{use_share_fragment, MadeLink, SharePanel, SharePreview};

use crate::i18n::names::namer;
use crate::i18n::presets;
use crate::i18n::{tr, Lang};
use crate::model::plan::Preset;
use crate::model::Plan;
use crate::storage::share;
use crate::ui::state::{use_app, Action};

#[function_component(PlansPage)]
pub fn plans_page() -> Html {
    let app = use_app();
    let lang = app.lang();
    use_share_fragment();
    let compared = use_state(Vec::<String>::new);
    let made = use_state(|| None::<MadeLink>);
    let preset_message = use_state(|| None::<String>);
    // The active plan when the preset message appeared: once another plan is active the
    // message ("... it is now the active plan") is no longer true, so it goes.
    let message_for = use_mut_ref(|| None::<String>);
    {
        let preset_message = preset_message.clone();
        let message_for = message_for.clone();
        use_effect_with(
            (app.doc.active.clone(), preset_message.is_some()),
            move |(active, shown)| {
                let mut at = message_for.borrow_mut();
                if !*shown {
                    *at = None;
                } else if at.is_none() {
                    *at = Some(active.clone());
                } else if at.as_deref() != Some(active.as_str()) {
                    *at = None;
                    preset_message.set(None);
                }
            },
        );
    }

    // Ticks of plans deleted meanwhile are dropped.
    let ticked: Vec<String> = compared
        .iter()
        .filter(|id| app.doc.plans.iter().any(|p| &p.id == *id))
        .cloned()
        .collect();
    let on_toggle_compare = {
        let compared = compared.clone();
        let ticked = ticked.clone();
        Callback::from(move |id: String| {
            let mut next = ticked.clone();
            if let Some(at) = next.iter().position(|t| *t == id) {
                next.remove(at);
            } else if next.len() < list::MAX_COMPARED {
                next.push(id);
            }
            compared.set(next);
        })
    };
    let on_clear_compare = {
        let compared = compared.clone();
        Callback::from(move |_| compared.set(Vec::new()))
    };
    let on_share = {
        let app = app.clone();
        let made = made.clone();
        Callback::from(move |id: String| {
            let Some(plan) = app.doc.plans.iter().find(|p| p.id == id) else {
                return;
            };
            let link = share::encode(plan)
                .map(|data| format!("{}/plans{}", origin(), share::to_fragment(&data)));
            let base = MadeLink {
                plan_name: plan.name.clone(),
                link: link.clone(),
                copied: None,
            };
            made.set(Some(base.clone()));
            if let Ok(text) = &link {
                let made = made.clone();
                copy_to_clipboard(
                    text,
                    Callback::from(move |ok: bool| {
                        made.set(Some(MadeLink {
                            copied: Some(ok),
                            ..base.clone()
                        }))
                    }),
                );
            }
        })
    };
    let on_close_share = {
        let made = made.clone();
        Callback::from(move |_| made.set(None))
    };
    let on_new = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            let lang = app.lang();
            let plan = Plan {
                name: tr(lang, "Новый план", "New plan").to_string(),
                ..Plan::demo(&namer(lang))
            };
            app.dispatch(Action::AddPlan(Box::new(plan)));
        })
    };
    let on_export_all = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| {
            download_plans(&app.doc.plans, tr(app.lang(), "все-планы", "all-plans"))
        })
    };
    let active = app.plan();
    html! {
        <section data-testid="page-plans" class="plans-page">
            <div class="plans-intro">
                <h1>{ tr(lang, "Планы", "Plans") }</h1>
                <p class="lead">{ tr(lang,
                    "Все планы этого устройства: по одному или несколько на клиента. Активный план — тот, что показывают все калькуляторы.",
                    "Every plan on this device, one or more per client. The active plan is the one every calculator shows.") }</p>
            </div>
            <SharePreview />
            <UndoBar />
            <section class="card plans-list-card" aria-labelledby="plans-list-title">
                <div class="section-title">
                    <h2 id="plans-list-title">
                        { format!("{} ({})", tr(lang, "Планы на этом устройстве", "Plans on this device"), app.doc.plans.len()) }
                    </h2>
                </div>
                <p class="plans-active">
                    { tr(lang, "Активный план: ", "Active plan: ") }
                    <strong data-testid="active-plan-name">{ active.name.clone() }</strong>
                    if !active.client.trim().is_empty() {
                        <span class="plans-active-client">{ format!(" · {}", active.client) }</span>
                    }
                </p>
                <div class="actions plans-toolbar">
                    <button type="button" class="button" data-testid="new-plan" onclick={on_new}>
                        { tr(lang, "Новый план", "New plan") }
                    </button>
                    <ImportControl />
                    <button type="button" class="button-quiet" data-testid="export-all" onclick={on_export_all}>
                        { tr(lang, "Скачать все (JSON)", "Download all (JSON)") }
                    </button>
                </div>
                <PlanList compared={ticked.clone()} on_toggle_compare={on_toggle_compare} on_share={on_share} />
            </section>
            if let Some(m) = &*made {
                <SharePanel made={m.clone()} on_close={on_close_share} />
            }
            <ComparePanel compared={ticked} on_clear={on_clear_compare} />
            <Presets message={(*preset_message).clone()}
                on_open={{
                    let m = preset_message.clone();
                    Callback::from(move |t: String| {
                        *message_for.borrow_mut() = None;
                        m.set(Some(t));
                    })
                }} />
            <PlanReport />
        </section>
    }
}

/// "Plan deleted — undo", until closed or another plan is deleted.
#[function_component(UndoBar)]
fn undo_bar() -> Html {
    let app = use_app();
    let lang = app.lang();
    let Some(deleted) = app.deleted.clone() else {
        return html! {};
    };
    let undo = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::UndoDelete))
    };
    let close = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.dispatch(Action::ForgetDeleted))
    };
    let text = match lang {
        Lang::Ru => format!("План «{}» удалён.", deleted.plan.name),
        Lang::En => format!("Plan “{}” deleted.", deleted.plan.name),
    };
    html! {
        <div class="undo-bar" role="status" data-testid="undo-bar">
            <p>{ text }</p>
            <div class="actions">
                <button type="button" class="button" data-testid="undo-delete" onclick={undo}>
                    { tr(lang, "Отменить удаление", "Undo") }
                </button>
                <button type="button" class="button-quiet" data-testid="undo-close" onclick={close}
                    aria-label={tr(lang, "Скрыть", "Dismiss")}>{ "×" }</button>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct PresetsProps {
    message: Option<String>,
    on_open: Callback<String>,
}

/// The demo presets, each opened as a copy in one click.
#[function_component(Presets)]
fn presets(props: &PresetsProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    html! {
        <section class="card plans-presets" aria-labelledby="plans-presets-title">
            <h2 id="plans-presets-title">{ tr(lang, "Демо-планы", "Demo plans") }</h2>
            <p class="plans-hint">{ tr(lang,
                "Реалистичные планы для трёх типов бизнеса: все калькуляторы заполнены. Открывается копия — её можно менять.",
                "Realistic plans for three kinds of business, with every calculator filled in. A copy opens, yours to change.") }</p>
            <div class="preset-grid">
                { for Preset::ALL.iter().map(|preset| {
                    let preset = *preset;
                    let onclick = {
                        let app = app.clone();
                        let on_open = props.on_open.clone();
                        Callback::from(move |_: MouseEvent| {
                            let lang = app.lang();
                            let plan = preset.plan(&namer(lang));
                            let text = match lang {
                                Lang::Ru => format!("Открыта копия «{}» — теперь это активный план.", plan.name),
                                Lang::En => format!("A copy of “{}” is open: it is now the active plan.", plan.name),
                            };
                            app.dispatch(Action::AddPlan(Box::new(plan)));
                            on_open.emit(text);
                        })
                    };
                    html! {
                        <div class="preset">
                            <h3>{ presets::title(lang, preset) }</h3>
                            <p>{ presets::description(lang, preset) }</p>
                            <button type="button" class="button-quiet" data-testid={format!("preset-{}", preset.key())} {onclick}>
                                { tr(lang, "Открыть копию", "Open a copy") }
                                <span class="visually-hidden">{ format!(": {}", presets::title(lang, preset)) }</span>
                            </button>
                        </div>
                    }
                }) }
            </div>
            if let Some(m) = &props.message {
                <p class="plans-message" data-testid="preset-message" role="status">{ m.clone() }</p>
            }
        </section>
    }
}
