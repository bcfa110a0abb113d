//! The LTV page (issue 5): what a client is worth, the CAC it allows, "what if" scenarios,
//! the value of the client base by segment, and the money sleeping clients leave on the table.
//!
//! Every figure comes from `model::ltv::compute`, called on each render; `use_calculator`
//! keeps the last valid report on screen while an input has a problem.

mod curve;
mod inputs;
mod reactivation;
mod results;
mod scenarios;
mod segments;
mod text;

use yew::prelude::*;

use crate::i18n::{tr, Lang};
use crate::model::ltv::{compute, LtvInputs, LtvReport};
use crate::model::{Currency, FieldError, Problem};
use crate::state::plan_edit::{LtvEdit, LtvNumber, SegmentNumber};
use crate::ui::state::{use_app, AppHandle};
use crate::ui::widgets::{use_after_first_paint, use_calculator, StaleNote};

/// What every part of the page reads: the inputs, the report on screen and its problems.
pub(super) struct Ctx<'a> {
    pub app: &'a AppHandle,
    pub lang: Lang,
    pub currency: Currency,
    pub inputs: &'a LtvInputs,
    /// The newest valid report (maybe from before the current edit).
    pub report: Option<&'a LtvReport>,
    pub errors: &'a [FieldError],
    /// True when `report` is from earlier inputs.
    pub stale: bool,
}

impl Ctx<'_> {
    /// What to show at a field: the model's problem with its value, else a notice the
    /// current report gives there (an unbounded value that needs this field changed).
    pub fn problem(&self, field: &str) -> Option<Problem> {
        let error = self.errors.iter().find(|e| e.field == field);
        let notice = || {
            self.report
                .filter(|_| !self.stale)
                .and_then(|r| r.notices.iter().find(|e| e.field == field))
        };
        error.or_else(notice).map(|e| e.problem.clone())
    }

    /// A callback for one of the LTV inputs' plain number fields.
    pub fn set(&self, number: LtvNumber) -> Callback<f64> {
        let app = self.app.clone();
        Callback::from(move |v: f64| app.edit(LtvEdit::Set(number, v)))
    }

    /// A callback for a number field of segment `segment`.
    pub fn set_segment(&self, segment: usize, number: SegmentNumber) -> Callback<f64> {
        let app = self.app.clone();
        Callback::from(move |value: f64| {
            app.edit(LtvEdit::SetSegmentNumber {
                segment,
                number,
                value,
            })
        })
    }

    /// Classes of a results block: dimmed while it shows an earlier result.
    pub fn results_class(&self, base: &'static str) -> Classes {
        classes!(base, self.stale.then_some("stale"))
    }

    /// The note above results that are from the last valid input.
    pub fn stale_note(&self) -> Html {
        html! { <StaleNote lang={self.lang} stale={self.stale} has_report={self.report.is_some()} /> }
    }
}

#[function_component(LtvPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    // Sensitivity, scenarios, segments and reactivation are below the fold on a first load.
    let below_fold = use_after_first_paint();
    let shown = use_calculator("ltv", &plan.id, compute(&plan.ltv));
    let ctx = Ctx {
        app: &app,
        lang,
        currency: plan.currency,
        inputs: &plan.ltv,
        report: shown.report.as_deref(),
        errors: &shown.errors,
        stale: shown.stale,
    };
    html! {
        <section data-testid="page-ltv" class="ltv-page">
            <header class="ltv-intro">
                <h1>{ tr(lang, "LTV и допустимый CAC", "LTV and allowed CAC") }</h1>
                <p class="lead">{ tr(lang,
                    "Сколько маржи приносит клиент за всё время работы с вами, сколько можно платить за его привлечение, и сколько стоит ваша клиентская база.",
                    "How much margin a client brings over the whole relationship, how much you can pay to win one, and what your client base is worth.") }</p>
            </header>
            <div class="columns">
                <div class="ltv-col">{ inputs::view(&ctx) }</div>
                <div class="ltv-col">
                    { results::view(&ctx) }
                    { curve::view(&ctx) }
                </div>
            </div>
            if below_fold {
                { results::sensitivity(&ctx) }
                { scenarios::view(&ctx) }
                { segments::view(&ctx) }
                { reactivation::view(&ctx) }
            }
        </section>
    }
}
