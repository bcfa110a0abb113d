//! The facts page (issue 21): the manager's loop on the plan's own funnel. Standards (the
//! plan's norms) -> measurement (each seller's daily report) -> decisions on deviations.
//!
//! The page calls `fact::control` on every render (it is cheap: a month of 20 sellers is a few
//! hundred reports) and lays out what it returns. Parts, top to bottom: the month, the as-of
//! date and the exports ([`header`]); the production calendar ([`calendar`]); the roster and
//! the day's grid of reports ([`grid`]) with the paste box ([`paste`]) and the CRM export's
//! import ([`crm`]); the daily control
//! ([`daily`]); run-rate and the pace still needed ([`pace`]); the deviation split
//! ([`deviation`]); weekly and month-to-date funnels ([`periods`]); decisions ([`decisions`]).

use chrono::NaiveDate;
use yew::prelude::*;

use crate::i18n::names::namer;
use crate::i18n::numbers::{format_money, format_number};
use crate::i18n::{tr, Lang};
use crate::model::calendar::Month;
use crate::model::fact::{control, Control, FactSeller};
use crate::model::{FieldError, Plan};
use crate::ui::browser::today;
use crate::ui::state::{use_app, AppHandle};

mod calendar;
mod crm;
mod daily;
mod decisions;
mod deviation;
mod grid;
mod header;
mod pace;
mod paste;
mod periods;

/// What every part of the page reads.
pub struct Ctx<'a> {
    pub app: &'a AppHandle,
    pub lang: Lang,
    pub plan: &'a Plan,
    pub month: Month,
    pub as_of: NaiveDate,
    pub sellers: &'a [FactSeller],
    /// `Err`: the plan's funnel cannot make a plan (its problems).
    pub control: &'a Result<Control, Vec<FieldError>>,
    /// Opens the decision form pre-filled (from a deviation).
    pub propose: Callback<decisions::Proposal>,
}

impl Ctx<'_> {
    pub fn t(&self, ru: &'static str, en: &'static str) -> &'static str {
        tr(self.lang, ru, en)
    }

    pub fn money(&self, value: f64) -> String {
        format_money(value, self.plan.currency, 0, self.lang)
    }

    /// Money to the kopeck: the deviation's parts, which add up exactly.
    pub fn money_exact(&self, value: f64) -> String {
        format_money(value, self.plan.currency, 2, self.lang)
    }

    /// A count or a norm: whole numbers plainly, fractions with one decimal.
    pub fn count(&self, value: f64) -> String {
        let decimals = if (value - value.round()).abs() < 1e-9 {
            0
        } else {
            1
        };
        format_number(value, decimals, self.lang)
    }

    pub fn stage_name(&self, stage: usize) -> String {
        self.plan
            .funnel
            .stages
            .get(stage)
            .map_or_else(String::new, |s| s.name.clone())
    }
}

#[function_component(FactPage)]
pub fn page() -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let today = use_memo((), |_| today());
    let as_of = use_state(|| *today);
    let proposal = use_state(|| None::<decisions::Proposal>);
    let month = plan.facts.month.unwrap_or_else(|| Month::of(*as_of));
    let sellers = plan.facts.roster(plan.funnel.sellers, &namer(lang));
    let result = control(plan, &plan.facts, &sellers, month, *as_of);
    let on_as_of = {
        let as_of = as_of.clone();
        Callback::from(move |day: NaiveDate| as_of.set(day))
    };
    let propose = {
        let proposal = proposal.clone();
        Callback::from(move |p: decisions::Proposal| proposal.set(Some(p)))
    };
    let ctx = Ctx {
        app: &app,
        lang,
        plan,
        month,
        as_of: *as_of,
        sellers: &sellers,
        control: &result,
        propose,
    };
    let on_close_form = {
        let proposal = proposal.clone();
        Callback::from(move |_| proposal.set(None))
    };
    html! {
        <section data-testid="page-fact" class="fact-page">
            <h1>{ ctx.t("План — факт", "Plan vs fact") }</h1>
            <p class="lead no-print">{ ctx.t(
                "Нормы — из воронки этого плана, факт — из ежедневных отчётов продавцов. Каждый день: кто сдал отчёт и выполнил ли нормы; каждую неделю и месяц: воронка и деньги против плана на дату; при отклонении — решение, срок и ответственный.",
                "The norms come from this plan's funnel, the facts from the sellers' daily reports. Every day: who reported and met the norms; every week and month: the funnel and the money against the plan to date; on a deviation: a decision, a due date and an owner.") }</p>
            { header::view(&ctx, on_as_of) }
            { calendar::view(&ctx) }
            <grid::Roster sellers={sellers.clone()} />
            <grid::DayGrid key={as_of.to_string()} day={*as_of} sellers={sellers.clone()} />
            <paste::PasteLines {month} sellers={sellers.clone()} />
            <crm::CrmImport {month} sellers={sellers.clone()} />
            { match &result {
                Err(errors) => funnel_problem(&ctx, errors),
                Ok(control) => html! { <>
                    { daily::view(&ctx, control) }
                    { pace::view(&ctx, control) }
                    { deviation::view(&ctx, control) }
                    { periods::view(&ctx, control) }
                </> },
            } }
            <decisions::Decisions as_of={*as_of} sellers={sellers.clone()}
                proposal={(*proposal).clone()} on_close={on_close_form}
                propose={ctx.propose.clone()} />
        </section>
    }
}

/// The funnel cannot make a plan: no norms to check against, and where to fix it.
fn funnel_problem(ctx: &Ctx, errors: &[FieldError]) -> Html {
    html! {
        <div class="notice notice-warning" role="alert" data-testid="fact-funnel-problem">
            <p>{ ctx.t(
                "Воронка этого плана сейчас не даёт норм (в ней ошибка), поэтому контроль не рассчитан. Факты сохраняются.",
                "This plan's funnel gives no norms right now (it has a problem), so the control is not computed. The facts are kept.") }</p>
            <ul>
                { for errors.iter().map(|e| html! {
                    <li>{ crate::i18n::problems::problem_text(&e.problem, ctx.lang) }</li>
                }) }
            </ul>
            <a href="/funnel">{ ctx.t("Открыть воронку", "Open the funnel") }</a>
        </div>
    }
}
