//! The headcount and budget page (issue 4, DESIGN.md §3.3): how many people each role of the
//! sales unit needs for the revenue plan, and what the unit costs.
//!
//! The page never copies the funnel: it calls `headcount::compute` on the whole plan at every
//! render, so a conversion changed on the funnel page moves the headcount here at once. While
//! the inputs (here or on the funnel page) have a problem, the last valid result stays on
//! screen, dimmed, and the problem is shown at its field or, for the funnel, with a link there.
//!
//! Parts, top to bottom: plan inputs beside the summary ([`inputs`]) and charts ([`charts`]),
//! the org structure
//! ([`roles`]), the staff schedule ([`staffing`]), back office ([`backoffice`]), the budget
//! and the CAC check ([`budget`]), the KPI sheet ([`kpi`]).

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::problems::problem_text;
use crate::i18n::{tr, Lang};
use crate::model::headcount::{self, is_funnel_error, HeadcountReport};
use crate::model::{FieldError, Plan, Problem};
use crate::state::plan_edit::{HeadcountEdit, RoleEdit, RoleNumber};
use crate::ui::routes::Route;
use crate::ui::state::{use_app, AppHandle};
use crate::ui::widgets::{use_after_first_paint, use_calculator, StaleNote};

mod backoffice;
mod budget;
mod charts;
mod format;
mod inputs;
mod kpi;
mod roles;
mod staffing;

/// What every results part gets: the report on screen and whether it is from earlier input.
#[derive(Properties, PartialEq, Clone)]
pub struct ResultProps {
    pub report: Rc<HeadcountReport>,
    #[prop_or_default]
    pub stale: bool,
}

/// What every input part gets: the model's problems with the current inputs.
#[derive(Properties, PartialEq, Clone)]
pub struct ErrorsProps {
    pub errors: Rc<Vec<FieldError>>,
}

/// Sends an edit of role `index` of the active plan (nothing if it is gone by then).
pub fn edit_role(app: &AppHandle, index: usize, edit: RoleEdit) {
    app.edit(HeadcountEdit::Role(index, edit));
}

/// A callback for number field `number` of role `index`.
pub fn on_role_number(app: &AppHandle, index: usize, number: RoleNumber) -> Callback<f64> {
    let app = app.clone();
    Callback::from(move |v: f64| edit_role(&app, index, RoleEdit::Set(number, v)))
}

/// The model's problem with one field, to show next to it.
pub fn error_for(errors: &[FieldError], field: &str) -> Option<Problem> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| e.problem.clone())
}

#[function_component(HeadcountPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    // The roles editor and the tables are below the fold on a first load.
    let below_fold = use_after_first_paint();
    let shown = use_calculator("headcount", &plan.id, headcount::compute(plan));
    let errors = shown.errors.clone();
    let funnel_errors: Vec<FieldError> = errors
        .iter()
        .filter(|e| is_funnel_error(e))
        .cloned()
        .collect();
    let stale = shown.stale;
    html! {
        <section data-testid="page-headcount" class="hc-page">
            <div class="hc-head">
                <h1>{ tr(lang, "Штат и бюджет отдела продаж", "Sales headcount and budget") }</h1>
                <p class="lead">{ tr(lang,
                    "Сколько людей нужно каждой роли, чтобы сделать нужные контакты с нужными клиентами и принести план выручки, и во что обойдётся отдел. Объёмы новых клиентов берутся из воронки этого плана.",
                    "How many people each role needs to make the required contacts with the required clients and bring the revenue plan, and what the unit costs. New-client volumes come from this plan's funnel.") }</p>
            </div>
            if !funnel_errors.is_empty() {
                <FunnelProblem errors={funnel_errors} has_result={shown.report.is_some()} />
            }
            if shown.report.is_some() {
                <StaleNote {lang} {stale} has_report=true />
            }
            <div class="columns hc-top">
                <inputs::PlanInputs errors={errors.clone()} report={shown.report.clone()} />
                <div class="hc-side">
                    if let Some(report) = &shown.report {
                        <inputs::Summary report={report.clone()} {stale} />
                        <charts::Charts report={report.clone()} {stale} />
                    } else {
                        <NoResult />
                    }
                </div>
            </div>
            if below_fold {
                <roles::RolesEditor errors={errors.clone()} />
            }
            if let (true, Some(report)) = (below_fold, &shown.report) {
                <staffing::StaffingTable report={report.clone()} {stale} />
                <backoffice::BackOffice report={report.clone()} {stale} />
                <budget::Budget report={report.clone()} {stale} errors={errors.clone()} />
                <kpi::KpiSheet report={report.clone()} {stale} />
            }
        </section>
    }
}

/// In place of the results when no valid input has been seen since the page opened.
#[function_component(NoResult)]
fn no_result() -> Html {
    let lang = use_app().lang();
    html! {
        <div class="card hc-summary" data-testid="no-result">
            <h2>{ tr(lang, "Итоги", "Summary") }</h2>
            <p>{ tr(lang,
                "Расчёта пока нет: исправьте отмеченные поля, и штат с бюджетом появятся здесь.",
                "Nothing to show yet: fix the marked fields and the headcount and budget appear here.") }</p>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct FunnelProblemProps {
    errors: Vec<FieldError>,
    has_result: bool,
}

/// The funnel this page reads has a problem: say which, and link to the funnel page.
#[function_component(FunnelProblem)]
fn funnel_problem(props: &FunnelProblemProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let navigator = use_navigator();
    // Inside the app, without a reload; ctrl/cmd-click still opens a new tab.
    let go_to_funnel = Callback::from(move |e: MouseEvent| {
        if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
            return;
        }
        if let Some(nav) = &navigator {
            e.prevent_default();
            nav.push(&Route::Funnel);
        }
    });
    html! {
        <div class="notice notice-warning hc-funnel-problem" role="alert" data-testid="funnel-problem">
            <div>
                <p><strong>{ tr(lang, "Исправьте воронку.", "Fix the funnel.") }</strong>{ " " }
                    { tr(lang,
                        "Штат считается по воронке этого плана, а в ней ошибка:",
                        "Headcount is computed from this plan's funnel, which has a problem:") }</p>
                <ul class="hc-problem-list">
                    { for props.errors.iter().map(|e| html! {
                        <li>{ funnel_field_name(&e.field, plan, lang) }{ ": " }{ problem_text(&e.problem, lang) }</li>
                    }) }
                </ul>
                if props.has_result {
                    <p class="hc-muted">{ tr(lang,
                        "Ниже — последний верный расчёт.",
                        "Below is the last valid result.") }</p>
                }
            </div>
            <a class="button" href={Route::Funnel.to_path()} data-testid="fix-funnel-link" onclick={go_to_funnel}>
                { tr(lang, "Открыть воронку", "Open the funnel") }
            </a>
        </div>
    }
}

/// A funnel field's name for a person: "Stage 2 «Qualified» conversion", "Average check".
fn funnel_field_name(field: &str, plan: &Plan, lang: Lang) -> String {
    match field {
        "avg-check" => tr(lang, "Средний чек", "Average check").to_string(),
        "gross-margin" => tr(lang, "Маржинальность", "Gross margin").to_string(),
        "stages" => tr(lang, "Этапы воронки", "Funnel stages").to_string(),
        _ => stage_field_name(field, plan, lang).unwrap_or_else(|| field.to_string()),
    }
}

/// `stage-2-conversion` -> "Этап 2 «Квалифицированы», конверсия".
fn stage_field_name(field: &str, plan: &Plan, lang: Lang) -> Option<String> {
    let rest = field.strip_prefix("stage-")?;
    let (number, part) = rest.split_once('-')?;
    let n: usize = number.parse().ok()?;
    let name = plan
        .funnel
        .stages
        .get(n.checked_sub(1)?)
        .map(|s| s.name.clone())
        .unwrap_or_default();
    let part = match part {
        "conversion" => tr(lang, "конверсия", "conversion"),
        "days" => tr(lang, "дни на этапе", "days in stage"),
        "name" => tr(lang, "название", "name"),
        other => return Some(format!("{} {n}: {other}", tr(lang, "Этап", "Stage"))),
    };
    Some(match lang {
        Lang::Ru => format!("Этап {n} «{name}», {part}"),
        Lang::En => format!("Stage {n} \"{name}\", {part}"),
    })
}
