//! The funnel page (issue 3, DESIGN.md §3.1): how many leads and contacts the revenue plan
//! needs per month, week, day and seller, or what an entry volume brings; the cycle; which
//! stage is the biggest lever; and on which stage each seller loses money.
//!
//! Everything is computed by `funnel::compute` on every render (it is cheap); while the
//! inputs have a problem the last valid report stays on screen, dimmed, and the problem is
//! shown at its field. Parts, top to bottom: money and team inputs ([`inputs`]), the stage
//! editor ([`stages`]), results and contact norms ([`results`]), the cycle ([`cycle`]),
//! sensitivity ([`sensitivity`]) and seller diagnostics ([`diagnostics`]); SVG charts are in
//! [`charts`], words and number formats in [`text`].

use yew::prelude::*;

use crate::i18n::numbers::format_money;
use crate::i18n::{tr, Lang};
pub use crate::model::funnel::FunnelReport;
use crate::model::funnel::{self, Direction};
use crate::model::{FieldError, Plan, Problem};
use crate::state::plan_edit::{FunnelEdit, FunnelNumber, PlanEdit};
use crate::ui::state::{use_app, AppHandle};
use crate::ui::widgets::{use_after_first_paint, use_calculator, StaleNote};

mod charts;
mod cycle;
mod diagnostics;
mod inputs;
mod results;
mod sensitivity;
mod stages;
mod text;

/// What every part of the page reads: the plan, the report on screen and the problems.
pub struct Ctx<'a> {
    pub app: &'a AppHandle,
    pub lang: Lang,
    pub plan: &'a Plan,
    /// The newest valid report (maybe from before the current edit); `None` only if the
    /// stored plan never computed.
    pub report: Option<&'a FunnelReport>,
    pub errors: &'a [FieldError],
    /// The report is from earlier inputs: the current ones have problems.
    pub stale: bool,
    /// The app has painted once (see `use_after_first_paint`): the parts at and below the
    /// fold render in full. Before, they keep their place but not their contents.
    pub painted: bool,
}

impl Ctx<'_> {
    pub fn t(&self, ru: &'static str, en: &'static str) -> &'static str {
        tr(self.lang, ru, en)
    }

    /// The model's problem with one field, to show next to it.
    pub fn error(&self, field: &str) -> Option<Problem> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.problem.clone())
    }

    /// Money in the plan's currency, whole units.
    pub fn money(&self, value: f64) -> String {
        format_money(value, self.plan.currency, 0, self.lang)
    }

    /// A callback for one of the funnel's plain number fields.
    pub fn on_number(&self, number: FunnelNumber) -> Callback<f64> {
        self.on_value(move |v| FunnelEdit::Set(number, v))
    }

    /// A callback for any other number field (of a stage, of a seller row): `edit` names the
    /// change the typed value makes.
    pub fn on_value(&self, edit: impl Fn(f64) -> FunnelEdit + 'static) -> Callback<f64> {
        self.callback(move |v| Some(edit(v)))
    }

    /// A callback for a number of the plan as a whole (the revenue target and its split).
    pub fn on_plan_number(&self, edit: fn(f64) -> PlanEdit) -> Callback<f64> {
        let app = self.app.clone();
        Callback::from(move |v: f64| app.edit(edit(v)))
    }

    /// A callback for a text field.
    pub fn on_text(&self, edit: impl Fn(String) -> FunnelEdit + 'static) -> Callback<String> {
        self.callback(move |v| Some(edit(v)))
    }

    /// A callback for a select: `edit` reads the chosen value (`None`: not an option, nothing
    /// to do).
    pub fn on_choice(
        &self,
        edit: impl Fn(String) -> Option<FunnelEdit> + 'static,
    ) -> Callback<String> {
        self.callback(edit)
    }

    /// A callback for a button that makes `edit`.
    pub fn on_click(&self, edit: FunnelEdit) -> Callback<MouseEvent> {
        self.callback(move |_| Some(edit.clone()))
    }

    fn callback<T: 'static>(
        &self,
        edit: impl Fn(T) -> Option<FunnelEdit> + 'static,
    ) -> Callback<T> {
        let app = self.app.clone();
        Callback::from(move |v: T| {
            if let Some(edit) = edit(v) {
                app.edit(edit);
            }
        })
    }
}

#[function_component(FunnelPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    // The stage rows, the chart's drawing, the cycle, sensitivity and sellers' diagnostics
    // are at or below the fold on the first load.
    let painted = use_after_first_paint();
    let shown = use_calculator(
        "funnel",
        &plan.id,
        funnel::compute(&plan.funnel, &plan.target, plan.working_days_per_month),
    );
    let ctx = Ctx {
        app: &app,
        lang,
        plan,
        report: shown.report.as_deref(),
        errors: &shown.errors,
        stale: shown.stale,
        painted,
    };
    html! {
        <section data-testid="page-funnel" class="funnel-page">
            <div class="funnel-head">
                <div>
                    <h1>{ ctx.t("Воронка продаж", "Sales funnel") }</h1>
                    <p class="lead">{ ctx.t(
                        "Сколько лидов и контактов нужно для плана — в месяц, неделю, день и на продавца, и на каком этапе каждый продавец теряет деньги.",
                        "How many leads and contacts the plan needs per month, week, day and seller, and on which stage each seller loses money.") }</p>
                </div>
                { direction_switch(&ctx) }
            </div>
            <div class="columns">
                <div class="funnel-inputs">
                    { inputs::view(&ctx) }
                    { stages::view(&ctx) }
                </div>
                <div class="funnel-results">
                    <StaleNote {lang} stale={ctx.stale} has_report={ctx.report.is_some()} />
                    { results::view(&ctx) }
                </div>
            </div>
            if painted {
                <div class="funnel-duo">
                    { cycle::view(&ctx) }
                    { sensitivity::view(&ctx) }
                </div>
                { diagnostics::view(&ctx) }
            }
        </section>
    }
}

/// Forward (from incoming leads) or reverse (from the revenue target), saved in the plan.
fn direction_switch(ctx: &Ctx) -> Html {
    let current = ctx.plan.funnel.direction;
    let button = |direction: Direction, testid: &'static str, label: &'static str| {
        let pressed = current == direction;
        html! {
            <button type="button" data-testid={testid} aria-pressed={pressed.to_string()}
                onclick={ctx.on_click(FunnelEdit::SetDirection(direction))}>
                { label }
            </button>
        }
    };
    html! {
        <div class="funnel-direction">
            <span class="field-label" id="direction-label">{ ctx.t("Расчёт", "Direction") }</span>
            <div class="segmented" role="group" aria-labelledby="direction-label">
                { button(Direction::Reverse, "direction-reverse",
                    ctx.t("Обратный: от плана выручки", "Reverse: from the revenue target")) }
                { button(Direction::Forward, "direction-forward",
                    ctx.t("Прямой: от потока лидов", "Forward: from incoming leads")) }
            </div>
        </div>
    }
}

/// The results' wrapper class: dimmed while they are from earlier inputs.
pub fn results_class(ctx: &Ctx, base: &'static str) -> Classes {
    classes!(base, ctx.stale.then_some("stale"))
}
