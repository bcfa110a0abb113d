//! Decisions on deviations: a form (pre-filled from a deviation) and the list, open or done,
//! each with its metric when decided against its metric at the due date (or today, before).

use chrono::{Duration, NaiveDate};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::fact::{decision_kind, decision_kind_key, metric_name};
use crate::i18n::numbers::{format_money, format_number, format_percent};
use crate::i18n::{tr, Lang};
use crate::model::clients::dates::{date_of, day_of};
use crate::model::fact::{DecisionKind, DecisionMetric, FactSeller};
use crate::model::Plan;
use crate::state::plan_edit::{FactEdit, NewDecision};
use crate::ui::state::use_app;
use crate::ui::widgets::{DateField, SelectField, TextField};

/// A decision the page proposes from a deviation.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    pub found: String,
    pub metric: DecisionMetric,
    pub seller: Option<u32>,
    pub kind: DecisionKind,
}

#[derive(Properties, PartialEq)]
pub struct DecisionsProps {
    pub as_of: NaiveDate,
    pub sellers: Vec<FactSeller>,
    pub proposal: Option<Proposal>,
    pub on_close: Callback<()>,
    pub propose: Callback<Proposal>,
}

fn metric_key(metric: DecisionMetric) -> String {
    match metric {
        DecisionMetric::Leads => "leads".into(),
        DecisionMetric::Conversion(stage) => format!("conversion-{}", stage + 1),
        DecisionMetric::Check => "check".into(),
        DecisionMetric::Revenue => "revenue".into(),
    }
}

fn metric_from_key(key: &str) -> Option<DecisionMetric> {
    match key {
        "leads" => Some(DecisionMetric::Leads),
        "check" => Some(DecisionMetric::Check),
        "revenue" => Some(DecisionMetric::Revenue),
        _ => key
            .strip_prefix("conversion-")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(1))
            .map(DecisionMetric::Conversion),
    }
}

/// A metric's value in its unit.
fn metric_text(plan: &Plan, metric: DecisionMetric, value: Option<f64>, lang: Lang) -> String {
    let Some(v) = value else {
        return tr(lang, "нет данных", "no data").to_string();
    };
    match metric {
        DecisionMetric::Leads => format_number(v, 1, lang),
        DecisionMetric::Conversion(_) => format_percent(v, 1, lang),
        DecisionMetric::Check | DecisionMetric::Revenue => format_money(v, plan.currency, 0, lang),
    }
}

#[function_component(Decisions)]
pub fn decisions(props: &DecisionsProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let book = &plan.facts;
    let new_blank = {
        let propose = props.propose.clone();
        Callback::from(move |_: MouseEvent| {
            propose.emit(Proposal {
                found: String::new(),
                metric: DecisionMetric::Leads,
                seller: None,
                kind: DecisionKind::Other,
            })
        })
    };
    let seller_name = |id: Option<u32>| match id {
        None => tr(lang, "Команда", "Team").to_string(),
        Some(id) => props.sellers.iter().find(|s| s.id == id).map_or_else(
            || tr(lang, "(продавец удалён)", "(seller removed)").to_string(),
            |s| s.name.clone(),
        ),
    };
    let day_text = |d: NaiveDate| match lang {
        Lang::Ru => crate::i18n::fact::date_text(Lang::Ru, d),
        Lang::En => d.to_string(),
    };
    html! {
        <section class="card" aria-labelledby="decisions-title" data-testid="fact-decisions">
            <h2 id="decisions-title">{ tr(lang, "Решения", "Decisions") }</h2>
            if let Some(proposal) = &props.proposal {
                <DecisionForm key={format!("{:?}{}", proposal.metric, proposal.found)} proposal={proposal.clone()}
                    as_of={props.as_of} sellers={props.sellers.clone()} on_close={props.on_close.clone()} />
            } else {
                <div class="actions no-print">
                    <button type="button" class="button-quiet" data-testid="decision-new" onclick={new_blank}>
                        { tr(lang, "Новое решение", "New decision") }
                    </button>
                </div>
            }
            if book.decisions.is_empty() {
                <p class="hint" data-testid="decisions-empty">{ tr(lang,
                    "Решений пока нет. Запишите решение из разбора отклонений: что нашли, что делаем, кто и к какому сроку.",
                    "No decisions yet. Record one from the deviation split: what was found, what is done, by whom and by when.") }</p>
            } else {
                <div class="table-wrap">
                    <table class="fact-table" data-testid="decisions-table">
                        <thead><tr>
                            <th scope="col">{ tr(lang, "Что нашли", "Found") }</th>
                            <th scope="col">{ tr(lang, "Решение", "Decision") }</th>
                            <th scope="col">{ tr(lang, "Кто", "Owner") }</th>
                            <th scope="col">{ tr(lang, "Срок", "Due") }</th>
                            <th scope="col">{ tr(lang, "Показатель", "Metric") }</th>
                            <th scope="col">{ tr(lang, "Было", "Then") }</th>
                            <th scope="col">{ tr(lang, "После решения: на срок / сейчас", "After the decision: at the due date / now") }</th>
                            <th scope="col">{ tr(lang, "Статус", "Status") }</th>
                            <th scope="col" class="no-print"></th>
                        </tr></thead>
                        <tbody>
                            { for book.decisions.iter().enumerate().map(|(i, d)| {
                                let n = i + 1;
                                let review = d.review(book, &plan.calendar, plan.funnel.stages.len(), props.as_of);
                                let id = d.id;
                                let toggle = {
                                    let app = app.clone();
                                    let done = !d.done;
                                    Callback::from(move |_: Event| app.edit(FactEdit::SetDecisionDone { id, done }))
                                };
                                let remove = {
                                    let app = app.clone();
                                    Callback::from(move |_: MouseEvent| app.edit(FactEdit::RemoveDecision(id)))
                                };
                                let status = if d.done {
                                    tr(lang, "выполнено", "done")
                                } else if review.overdue {
                                    tr(lang, "просрочено", "overdue")
                                } else {
                                    tr(lang, "в работе", "open")
                                };
                                let kind = match (d.kind, d.metric) {
                                    (DecisionKind::Training, DecisionMetric::Conversion(stage)) => format!(
                                        "{} «{}»", decision_kind(lang, d.kind),
                                        plan.funnel.stages.get(stage).map_or("", |s| s.name.as_str())),
                                    _ => decision_kind(lang, d.kind).to_string(),
                                };
                                let read_on = if review.due_reached {
                                    tr(lang, "на срок", "at the due date")
                                } else {
                                    tr(lang, "сейчас", "now")
                                };
                                html! {
                                    <tr key={id} class={classes!(review.overdue.then_some("dev-bad"))}>
                                        <td data-testid={format!("decision-{n}-found")}>{ d.found.clone() }<br />
                                            <span class="hc-muted">{ seller_name(d.seller) }{ ", " }{ day_text(d.decided_on) }</span></td>
                                        <td data-testid={format!("decision-{n}-kind")}>{ kind }</td>
                                        <td data-testid={format!("decision-{n}-owner")}>{ d.owner.clone() }</td>
                                        <td data-testid={format!("decision-{n}-due")}>{ day_text(d.due) }</td>
                                        <td>{ metric_name(lang, d.metric, &plan.funnel.stages) }</td>
                                        <td data-testid={format!("decision-{n}-then")}>{ metric_text(plan, d.metric, review.value_then, lang) }</td>
                                        <td data-testid={format!("decision-{n}-now")} title={read_on}>{ metric_text(plan, d.metric, review.value_at, lang) }
                                            <span class="hc-muted">{ format!(" ({read_on})") }</span></td>
                                        <td data-testid={format!("decision-{n}-status")}>{ status }</td>
                                        <td class="no-print">
                                            <label class="field-check"><input type="checkbox" data-testid={format!("decision-{n}-done")} checked={d.done} onchange={toggle} />
                                                { tr(lang, "выполнено", "done") }</label>
                                            <button type="button" class="button-icon" data-testid={format!("decision-{n}-remove")} onclick={remove}
                                                aria-label={tr(lang, "Удалить решение", "Delete the decision")}>{ "×" }</button>
                                        </td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct FormProps {
    proposal: Proposal,
    as_of: NaiveDate,
    sellers: Vec<FactSeller>,
    on_close: Callback<()>,
}

#[derive(Clone, PartialEq)]
struct Draft {
    found: String,
    kind: DecisionKind,
    metric: DecisionMetric,
    seller: Option<u32>,
    owner: String,
    due: NaiveDate,
}

#[function_component(DecisionForm)]
fn decision_form(props: &FormProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let draft = use_state(|| Draft {
        found: props.proposal.found.clone(),
        kind: props.proposal.kind,
        metric: props.proposal.metric,
        seller: props.proposal.seller,
        owner: String::new(),
        due: props
            .as_of
            .checked_add_signed(Duration::days(7))
            .unwrap_or(props.as_of),
    });
    let missing = use_state(|| false);
    let change = |apply: fn(&mut Draft, String)| {
        let draft = draft.clone();
        Callback::from(move |text: String| {
            let mut next = (*draft).clone();
            apply(&mut next, text);
            draft.set(next);
        })
    };
    let on_due = {
        let draft = draft.clone();
        Callback::from(move |day: Option<i32>| {
            if let Some(day) = day {
                draft.set(Draft {
                    due: date_of(day),
                    ..(*draft).clone()
                });
            }
        })
    };
    let on_found = {
        let draft = draft.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            draft.set(Draft {
                found: input.value(),
                ..(*draft).clone()
            });
        })
    };
    let save = {
        let app = app.clone();
        let draft = draft.clone();
        let missing = missing.clone();
        let on_close = props.on_close.clone();
        let decided_on = props.as_of;
        Callback::from(move |_: MouseEvent| {
            let d = (*draft).clone();
            if d.found.trim().is_empty() || d.owner.trim().is_empty() {
                missing.set(true);
                return;
            }
            app.edit(FactEdit::AddDecision(NewDecision {
                decided_on,
                found: d.found.trim().to_string(),
                kind: d.kind,
                metric: d.metric,
                seller: d.seller,
                owner: d.owner.trim().to_string(),
                due: d.due,
            }));
            on_close.emit(());
        })
    };
    let cancel = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let kinds = DecisionKind::ALL
        .iter()
        .map(|k| {
            (
                AttrValue::from(decision_kind_key(*k)),
                AttrValue::from(decision_kind(lang, *k)),
            )
        })
        .collect::<Vec<_>>();
    let transitions = plan.funnel.stages.len().saturating_sub(1);
    let metrics = std::iter::once(DecisionMetric::Leads)
        .chain((0..transitions).map(DecisionMetric::Conversion))
        .chain([DecisionMetric::Check, DecisionMetric::Revenue])
        .map(|m| {
            (
                AttrValue::from(metric_key(m)),
                AttrValue::from(metric_name(lang, m, &plan.funnel.stages)),
            )
        })
        .collect::<Vec<_>>();
    let sellers = std::iter::once((
        AttrValue::from("team"),
        AttrValue::from(tr(lang, "Команда", "Team")),
    ))
    .chain(props.sellers.iter().map(|s| {
        (
            AttrValue::from(s.id.to_string()),
            AttrValue::from(s.name.clone()),
        )
    }))
    .collect::<Vec<_>>();
    let d = &*draft;
    html! {
        <div class="decision-form" data-testid="decision-form">
            <div class={classes!("field", (*missing && d.found.trim().is_empty()).then_some("field-invalid"))}>
                <label class="field-label" for="decision-found">{ tr(lang, "Что нашли", "What was found") }</label>
                <input id="decision-found" data-testid="decision-found" type="text" maxlength="300" value={d.found.clone()} onchange={on_found} />
            </div>
            <div class="form-grid">
                <SelectField id="decision-kind" label={tr(lang, "Решение", "Decision")} options={kinds}
                    selected={decision_kind_key(d.kind)}
                    on_change={change(|d, key| if let Some(k) = DecisionKind::ALL.into_iter().find(|k| decision_kind_key(*k) == key) { d.kind = k; })} />
                <SelectField id="decision-metric" label={tr(lang, "Какой показатель должен измениться", "The metric it should move")} options={metrics}
                    selected={metric_key(d.metric)}
                    on_change={change(|d, key| if let Some(m) = metric_from_key(&key) { d.metric = m; })} />
                <SelectField id="decision-seller" label={tr(lang, "По кому", "About")} options={sellers}
                    selected={d.seller.map_or_else(|| "team".to_string(), |id| id.to_string())}
                    on_change={change(|d, key| d.seller = key.parse().ok())} />
                <TextField id="decision-owner" label={tr(lang, "Ответственный", "Owner")} value={d.owner.clone()}
                    on_change={change(|d, owner| d.owner = owner)} max_len={80} />
                <DateField id="decision-due" label={tr(lang, "Срок", "Due date")} value={Some(day_of(d.due))} {lang} on_change={on_due} />
            </div>
            if *missing {
                <p class="field-error" data-testid="decision-form-error" role="alert">{ tr(lang,
                    "Заполните, что нашли, и ответственного.", "Fill in what was found and the owner.") }</p>
            }
            <div class="actions">
                <button type="button" class="button" data-testid="decision-save" onclick={save}>{ tr(lang, "Записать решение", "Record the decision") }</button>
                <button type="button" class="button-quiet" data-testid="decision-cancel" onclick={cancel}>{ tr(lang, "Отмена", "Cancel") }</button>
            </div>
        </div>
    }
}
