//! The org structure: a template picker (replaces the roles after a confirmation) and the
//! roles editor (name, workload driver, norm, productive share, back-office relief).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use super::format::{self, stage_name, DASH};
use super::{edit_role, error_for, on_role_number, ErrorsProps};
use crate::i18n::headcount as words;
use crate::i18n::plural::{plural, PluralForms};
use crate::i18n::problems::problem_text;
use crate::i18n::{tr, Lang};
use crate::model::headcount::{role_field, OrgTemplate, Role, WorkloadDriver, MAX_ROLES};
use crate::model::{FieldError, Plan, Problem, Rule};
use crate::state::plan_edit::{HeadcountEdit, RoleEdit, RoleNumber};
use crate::ui::state::use_app;
use crate::ui::widgets::{NumberField, SelectField, TextField};

/// The value of a driver in the select: `stage-1` is the first funnel stage.
fn driver_value(driver: WorkloadDriver) -> String {
    match driver {
        WorkloadDriver::FunnelStage(i) => format!("stage-{}", i + 1),
        WorkloadDriver::BaseOrders => "base".into(),
        WorkloadDriver::Portfolio => "portfolio".into(),
        WorkloadDriver::BackOffice => "backoffice".into(),
        WorkloadDriver::HeadOfSales => "head".into(),
        WorkloadDriver::Fixed(_) => "fixed".into(),
    }
}

/// The driver a select value means; a role that becomes fixed keeps one person to start.
fn parse_driver(value: &str, current: WorkloadDriver) -> Option<WorkloadDriver> {
    Some(match value {
        "base" => WorkloadDriver::BaseOrders,
        "portfolio" => WorkloadDriver::Portfolio,
        "backoffice" => WorkloadDriver::BackOffice,
        "head" => WorkloadDriver::HeadOfSales,
        "fixed" => match current {
            WorkloadDriver::Fixed(n) => WorkloadDriver::Fixed(n),
            _ => WorkloadDriver::Fixed(1.0),
        },
        other => {
            let n: usize = other.strip_prefix("stage-")?.parse().ok()?;
            WorkloadDriver::FunnelStage(n.checked_sub(1)?)
        }
    })
}

/// The driver picker's options: every funnel stage by its name, then the other drivers.
fn driver_options(plan: &Plan, current: WorkloadDriver, lang: Lang) -> Vec<(AttrValue, AttrValue)> {
    let stage = tr(lang, "Этап воронки", "Funnel stage");
    let mut options: Vec<(AttrValue, AttrValue)> = plan
        .funnel
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                AttrValue::from(driver_value(WorkloadDriver::FunnelStage(i))),
                AttrValue::from(format!("{stage}: {}", stage_name(i, &s.name, lang))),
            )
        })
        .collect();
    // A link to a stage the funnel no longer has stays visible (and gets an error).
    if let WorkloadDriver::FunnelStage(i) = current {
        if i >= plan.funnel.stages.len() {
            options.push((
                AttrValue::from(driver_value(current)),
                AttrValue::from(format!(
                    "{stage} {} — {}",
                    i + 1,
                    tr(lang, "нет в воронке", "not in the funnel")
                )),
            ));
        }
    }
    for d in [
        WorkloadDriver::BaseOrders,
        WorkloadDriver::Portfolio,
        WorkloadDriver::BackOffice,
        WorkloadDriver::HeadOfSales,
        WorkloadDriver::Fixed(1.0),
    ] {
        options.push((
            AttrValue::from(driver_value(d)),
            AttrValue::from(words::workload_driver(lang, d)),
        ));
    }
    options
}

#[function_component(RolesEditor)]
pub fn roles_editor(props: &ErrorsProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let roles = &plan.headcount.roles;
    // The template waiting for "replace" to be confirmed.
    let pending = use_state(|| None::<OrgTemplate>);

    let ask = |t: OrgTemplate| {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(Some(t)))
    };
    let confirm = {
        let app = app.clone();
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(template) = *pending {
                app.edit(HeadcountEdit::ApplyTemplate { template, lang });
            }
            pending.set(None);
        })
    };
    let cancel = {
        let pending = pending.clone();
        Callback::from(move |_: MouseEvent| pending.set(None))
    };
    let add = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.edit(HeadcountEdit::AddRole { lang }))
    };
    let template_button = |t: OrgTemplate, testid: &'static str| {
        html! {
            <button type="button" class="button-quiet" data-testid={testid} onclick={ask(t)}
                aria-pressed={(*pending == Some(t)).to_string()}>
                { words::org_template(lang, t) }
            </button>
        }
    };
    html! {
        <section class="card hc-org" aria-labelledby="hc-org-title">
            <div class="section-title">
                <h2 id="hc-org-title">{ tr(lang, "Оргструктура и нормы", "Org structure and norms") }</h2>
                <div class="hc-templates no-print" role="group" aria-label={tr(lang, "Шаблон оргструктуры", "Org structure template")}>
                    <span class="hc-muted">{ tr(lang, "Шаблон:", "Template:") }</span>
                    { template_button(OrgTemplate::Transactional, "template-transactional") }
                    { template_button(OrgTemplate::Complex, "template-complex") }
                </div>
            </div>
            if let Some(t) = *pending {
                <div class="hc-confirm no-print" role="alertdialog" aria-labelledby="hc-confirm-text" data-testid="template-confirm-box">
                    <p id="hc-confirm-text">{ match lang {
                        Lang::Ru => format!("Заменить роли ({}) шаблоном «{}»? Названия, нормы и оплата текущих ролей будут заменены.", roles.len(), words::org_template(lang, t)),
                        Lang::En => format!("Replace the {} {} with the \"{}\" template? The names, norms and pay of the current roles will be replaced.", roles.len(), plural(lang, roles.len() as f64, PluralForms::en("role", "roles")), words::org_template(lang, t)),
                    } }</p>
                    <div class="actions">
                        <button type="button" class="button" data-testid="template-confirm" onclick={confirm}>
                            { tr(lang, "Заменить роли", "Replace roles") }
                        </button>
                        <button type="button" class="button-quiet" data-testid="template-cancel" onclick={cancel}>
                            { tr(lang, "Отмена", "Cancel") }
                        </button>
                    </div>
                </div>
            }
            <p class="hc-muted hc-hint">{ tr(lang,
                "Нагрузку роли задаёт этап воронки (контакты, встречи, сделки), заказы существующих клиентов или их число в портфеле. Норма — сколько единиц работы сотрудник делает за рабочий день (для портфеля — клиентов на менеджера).",
                "A role's workload comes from a funnel stage (contacts, meetings, deals), from orders of existing clients, or from their number in a portfolio. The norm is units of work per working day (for a portfolio, clients per manager).") }</p>
            <div class="table-wrap">
                <table class="hc-roles">
                    <thead>
                        <tr>
                            <th scope="col">{ tr(lang, "Роль", "Role") }</th>
                            <th scope="col" class="text">{ tr(lang, "Нагрузку задаёт", "Workload driver") }</th>
                            <th scope="col">{ tr(lang, "Норма", "Norm") }</th>
                            <th scope="col">{ tr(lang, "Продуктивное время", "Productive share") }</th>
                            <th scope="col" class="hc-center">{ tr(lang, "Разгружает бэк-офис", "Relieved by back office") }</th>
                            <th scope="col"><span class="visually-hidden">{ tr(lang, "Удалить", "Remove") }</span></th>
                        </tr>
                    </thead>
                    <tbody>
                        { for roles.iter().enumerate().map(|(i, role)| html! {
                            <RoleRow key={i} index={i} role={role.clone()} errors={props.errors.clone()} can_remove={roles.len() > 1} />
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="actions hc-after-table">
                <button type="button" class="button-quiet" data-testid="add-role" onclick={add}
                    disabled={roles.len() >= MAX_ROLES}>
                    { tr(lang, "+ Добавить роль", "+ Add role") }
                </button>
            </div>
            if let Some(p) = error_for(&props.errors, "roles") {
                <p class="field-error" data-testid="roles-error" role="alert">{ problem_text(&p, lang) }</p>
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RoleRowProps {
    index: usize,
    role: Role,
    errors: std::rc::Rc<Vec<FieldError>>,
    can_remove: bool,
}

/// One editable role.
#[function_component(RoleRow)]
fn role_row(props: &RoleRowProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let i = props.index;
    let role = &props.role;
    let id = |part: &str| role_field(i, part);
    let err = |part: &str| error_for(&props.errors, &id(part));
    let label = |what: &str| format!("{what}: {}", role.name);

    let on_name = {
        let app = app.clone();
        Callback::from(move |name: String| edit_role(&app, i, RoleEdit::SetName(name)))
    };
    let on_driver = {
        let app = app.clone();
        let current = role.driver;
        Callback::from(move |value: String| {
            if let Some(d) = parse_driver(&value, current) {
                edit_role(&app, i, RoleEdit::SetDriver(d));
            }
        })
    };
    let number = |number: RoleNumber| on_role_number(&app, i, number);
    let on_relieved = {
        let app = app.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let checked = input.checked();
            edit_role(&app, i, RoleEdit::SetRelievedByBackOffice(checked));
        })
    };
    let on_remove = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.edit(HeadcountEdit::RemoveRole(i)))
    };

    let norm_cell = match role.driver {
        WorkloadDriver::Fixed(people) => html! {
            <NumberField id={id("people")} label={label(tr(lang, "Численность", "Headcount"))}
                value={people} on_change={number(RoleNumber::FixedPeople)}
                lang={lang} rule={Rule::AMOUNT} unit={AttrValue::from(tr(lang, "чел.", "people"))} compact=true />
        },
        d if d.uses_norm() => {
            let unit = if d == WorkloadDriver::Portfolio {
                tr(lang, "клиентов", "clients")
            } else {
                tr(lang, "в день", "per day")
            };
            html! {
                <NumberField id={id("norm")} label={label(tr(lang, "Норма", "Norm"))}
                    value={role.norm_per_day} on_change={number(RoleNumber::NormPerDay)}
                    lang={lang} rule={Rule::POSITIVE} error={err("norm")} unit={AttrValue::from(unit)} compact=true />
            }
        }
        d => html! { <span class="hc-muted">{ format::driver_text(d, None, plan, lang) }</span> },
    };
    let productive_cell = if role.driver.uses_norm() {
        html! {
            <NumberField id={id("productive")} label={label(tr(lang, "Продуктивное время", "Productive share"))}
                value={role.productive_share_pct} on_change={number(RoleNumber::ProductiveShare)}
                lang={lang} rule={Rule::range(1.0, 100.0)} error={err("productive")} unit={AttrValue::from("%")} compact=true />
        }
    } else {
        html! { <span class="hc-muted">{ DASH }</span> }
    };
    let relieved_cell = if role.driver.can_be_relieved() {
        let cid = id("relieved");
        html! {
            <label class="hc-check">
                <input type="checkbox" id={cid.clone()} data-testid={cid} checked={role.relieved_by_back_office} onchange={on_relieved} />
                <span class="visually-hidden">{ label(tr(lang, "Разгружает бэк-офис", "Relieved by back office")) }</span>
            </label>
        }
    } else {
        html! { <span class="hc-muted">{ DASH }</span> }
    };
    let driver_error = err("driver");
    html! {
        <tr>
            <td class="hc-name-cell">
                <TextField id={id("name")} label={format!("{} {}", tr(lang, "Название роли", "Role name"), i + 1)}
                    value={role.name.clone()} on_change={on_name} compact=true max_len={60} />
                if let Some(p) = err("name") {
                    <p class="field-error" data-testid={id("name-error")}>{ problem_text(&p, lang) }</p>
                }
            </td>
            <td class="text hc-driver-cell">
                <SelectField id={id("driver")} label={label(tr(lang, "Нагрузку задаёт", "Workload driver"))}
                    options={driver_options(plan, role.driver, lang)} selected={driver_value(role.driver)}
                    on_change={on_driver} compact=true />
                if let Some(p) = driver_error {
                    <p class="field-error" data-testid={id("driver-error")} role="alert">{ driver_problem_text(role.driver, &p, lang) }</p>
                }
            </td>
            <td class="hc-num-cell">{ norm_cell }</td>
            <td class="hc-num-cell">{ productive_cell }</td>
            <td class="hc-center">{ relieved_cell }</td>
            <td class="hc-center">
                <button type="button" class="button-icon" data-testid={format!("remove-role-{}", i + 1)}
                    aria-label={label(tr(lang, "Удалить роль", "Remove role"))} title={tr(lang, "Удалить роль", "Remove role")}
                    onclick={on_remove} disabled={!props.can_remove}>{ "✕" }</button>
            </td>
        </tr>
    }
}

/// The driver's problems in words: a second back office or head role, a missing stage.
fn driver_problem_text(driver: WorkloadDriver, problem: &Problem, lang: Lang) -> String {
    match (driver, problem) {
        (WorkloadDriver::BackOffice, Problem::CountOutOfRange { .. }) => tr(
            lang,
            "Бэк-офис уже есть в структуре: оставьте одну такую роль",
            "There is already a back-office role: keep one",
        )
        .to_string(),
        (WorkloadDriver::HeadOfSales, Problem::CountOutOfRange { .. }) => tr(
            lang,
            "Руководитель уже есть в структуре: оставьте одну такую роль",
            "There is already a head-of-sales role: keep one",
        )
        .to_string(),
        (WorkloadDriver::FunnelStage(_), Problem::OutOfRange { .. }) => tr(
            lang,
            "Такого этапа нет в воронке: выберите этап",
            "The funnel has no such stage: pick a stage",
        )
        .to_string(),
        _ => problem_text(problem, lang),
    }
}
