//! The stage editor: 2 to 12 stages; add, insert, remove, move, rename; conversion to the
//! next stage, days in stage, contact type.
//!
//! Structural edits are named `FunnelEdit`s (`state::plan_edit`); they go through
//! `funnel::insert_stage` / `remove_stage` / `move_stage`, which also keep the headcount roles
//! and the sellers' counts on the same stages.

use yew::prelude::*;

use super::text::{contact_from_value, contact_label, contact_value, stage_name};
use super::Ctx;
use crate::i18n::Lang;
use crate::model::funnel::{
    self, conversion_field, days_field, name_field, ContactType, MAX_STAGES, MIN_STAGES,
};
use crate::model::Rule;
use crate::state::plan_edit::{FunnelEdit, StageNumber};
use crate::ui::widgets::{NumberField, SelectField, TextField};

pub fn view(ctx: &Ctx) -> Html {
    let stages = &ctx.plan.funnel.stages;
    let count = stages.len();
    let can_add = count < MAX_STAGES;
    let can_remove = count > MIN_STAGES;
    let lang = ctx.lang;
    let add_last = ctx.on_click(FunnelEdit::AddStage { lang });
    html! {
        <section class="card" aria-labelledby="funnel-stages-title">
            <div class="section-title">
                <h2 id="funnel-stages-title">{ ctx.t("Этапы воронки", "Funnel stages") }</h2>
                <span class="badge badge-muted" data-testid="stage-count">
                    { format!("{count} / {MAX_STAGES}") }
                </span>
            </div>
            <p class="hint">{ ctx.t(
                "Конверсия — доля клиентов этапа, которые доходят до следующего. Последний этап — оплаченная сделка.",
                "Conversion is the share of a stage's clients who reach the next one. The last stage is the paid deal.") }</p>
            // The rows (half of the page's first elements, most of them fields) are below
            // the fold on the first load: they come one frame after the first paint.
            if ctx.painted {
                <ol class="stage-list">
                    { for (0..count).map(|i| stage_item(ctx, i, can_add, can_remove)) }
                </ol>
                <div class="actions">
                    <button type="button" class="button" data-testid="add-stage" disabled={!can_add}
                        title={(!can_add).then(|| limit_text(ctx, true))} onclick={add_last}>
                        { ctx.t("+ Добавить этап в конец", "+ Add a stage at the end") }
                    </button>
                </div>
                if !can_add || !can_remove {
                    <p class="hint" data-testid="stage-limit-note">{ limit_text(ctx, !can_add) }</p>
                }
            }
        </section>
    }
}

/// Why the add or remove buttons are off.
fn limit_text(ctx: &Ctx, at_max: bool) -> String {
    if at_max {
        match ctx.lang {
            Lang::Ru => {
                format!("Этапов не больше {MAX_STAGES}: чтобы добавить, сначала удалите один.")
            }
            Lang::En => format!("At most {MAX_STAGES} stages: remove one to add another."),
        }
    } else {
        match ctx.lang {
            Lang::Ru => format!("В воронке не меньше {MIN_STAGES} этапов: удалять больше нельзя."),
            Lang::En => format!("A funnel has at least {MIN_STAGES} stages: none can be removed."),
        }
    }
}

fn stage_item(ctx: &Ctx, i: usize, can_add: bool, can_remove: bool) -> Html {
    let stages = &ctx.plan.funnel.stages;
    let stage = &stages[i];
    let n = i + 1;
    let is_last = i + 1 == stages.len();
    let lang = ctx.lang;
    let shown_name = stage_name(stages, i, lang);
    let contacts = ContactType::ALL
        .iter()
        .map(|c| {
            (
                AttrValue::from(contact_value(*c)),
                AttrValue::from(contact_label(*c, lang)),
            )
        })
        .collect::<Vec<_>>();
    let on_name = ctx.on_text(move |name| FunnelEdit::SetStageName { stage: i, name });
    let on_contact = ctx.on_choice(move |v| {
        contact_from_value(&v).map(|contact| FunnelEdit::SetStageContact { stage: i, contact })
    });
    let unnamed = funnel::stage_name_warnings(stages)
        .iter()
        .any(|w| w.field == name_field(i));
    let name_error = format!("{}-error", name_field(i));
    html! {
        <li class={classes!("stage-item", is_last.then_some("stage-deal"))} data-testid={format!("stage-{n}")}>
            <div class="stage-head">
                <span class="stage-num" aria-hidden="true">{ n }</span>
                <div class="stage-name">
                    <TextField id={name_field(i)} compact=true max_len={60}
                        label={format!("{} {n}", ctx.t("Название этапа", "Name of stage"))}
                        value={stage.name.clone()} on_change={on_name} />
                </div>
                <div class="stage-tools">
                    { tool_button(ctx, format!("move-stage-{n}-up"), "↑",
                        format!("{} «{shown_name}» {}", ctx.t("Поднять этап", "Move stage"), ctx.t("выше", "up")),
                        i == 0, None, FunnelEdit::MoveStage { from: i, to: i.saturating_sub(1) }) }
                    { tool_button(ctx, format!("move-stage-{n}-down"), "↓",
                        format!("{} «{shown_name}» {}", ctx.t("Опустить этап", "Move stage"), ctx.t("ниже", "down")),
                        is_last, None, FunnelEdit::MoveStage { from: i, to: i + 1 }) }
                    { tool_button(ctx, format!("remove-stage-{n}"), "✕",
                        format!("{} «{shown_name}»", ctx.t("Удалить этап", "Remove stage")),
                        !can_remove, (!can_remove).then(|| limit_text(ctx, false)),
                        FunnelEdit::RemoveStage(i)) }
                </div>
            </div>
            if unnamed {
                <p class="field-warning" data-testid={name_error}>
                    { ctx.t("Этап без названия: в расчётах он назван «", "Unnamed stage: the results call it \"") }
                    { shown_name.clone() }
                    { ctx.t("».", "\".") }
                </p>
            }
            <div class="stage-fields">
                if is_last {
                    <div class="stage-deal-note" data-testid={format!("stage-{n}-deal")}>
                        <span class="field-label">{ ctx.t("Конверсия", "Conversion") }</span>
                        <span>{ ctx.t("нет: это сделка", "none: the deal") }</span>
                    </div>
                } else {
                    <NumberField id={conversion_field(i)} label={ctx.t("Конверсия", "Conversion")}
                        value={stage.conversion_pct} lang={lang} rule={Rule::PERCENT}
                        unit={AttrValue::from("%")} error={ctx.error(&conversion_field(i))}
                        on_change={ctx.on_value(move |value| FunnelEdit::SetStageNumber {
                            stage: i, number: StageNumber::Conversion, value,
                        })} />
                }
                <NumberField id={days_field(i)} label={ctx.t("Дней на этапе", "Days in stage")}
                    value={stage.days} lang={lang} rule={Rule::AMOUNT}
                    error={ctx.error(&days_field(i))}
                    on_change={ctx.on_value(move |value| FunnelEdit::SetStageNumber {
                        stage: i, number: StageNumber::Days, value,
                    })} />
                <SelectField id={format!("stage-{n}-contact")} label={ctx.t("Тип контакта", "Contact type")}
                    options={contacts} selected={contact_value(stage.contact)} on_change={on_contact} />
            </div>
            { roles_note(ctx, i) }
            if !is_last {
                <div class="stage-insert">
                    <button type="button" class="button-quiet" data-testid={format!("add-stage-after-{n}")}
                        disabled={!can_add} title={(!can_add).then(|| limit_text(ctx, true))}
                        aria-label={format!("{} {n}", ctx.t("Вставить этап после этапа", "Insert a stage after stage"))}
                        onclick={ctx.on_click(FunnelEdit::InsertStage { at: i + 1, lang })}>
                        { ctx.t("+ вставить этап", "+ insert a stage") }
                    </button>
                </div>
            }
        </li>
    }
}

/// A small icon button of a stage; `reason` says why it is off (shown as its tooltip).
fn tool_button(
    ctx: &Ctx,
    testid: String,
    icon: &'static str,
    label: String,
    disabled: bool,
    reason: Option<String>,
    edit: FunnelEdit,
) -> Html {
    html! {
        <button type="button" class="button-icon" data-testid={testid} aria-label={label.clone()}
            title={reason.unwrap_or(label)} {disabled} onclick={ctx.on_click(edit)}>
            <span aria-hidden="true">{ icon }</span>
        </button>
    }
}

/// "Drives: Telemarketer": the headcount roles whose workload is this stage's volume.
fn roles_note(ctx: &Ctx, i: usize) -> Html {
    let roles = &ctx.plan.headcount.roles;
    let names: Vec<&str> = ctx
        .plan
        .headcount
        .roles_driven_by(i)
        .into_iter()
        .filter_map(|r| roles.get(r).map(|role| role.name.as_str()))
        .collect();
    if names.is_empty() {
        return html! {};
    }
    html! {
        <p class="stage-roles" data-testid={format!("stage-{}-roles", i + 1)}>
            { ctx.t("Нагрузка для ролей штата: ", "Workload of staff roles: ") }
            { names.join(", ") }
        </p>
    }
}
