//! The plan inputs of the page (revenue plan, client base, organisation rules, payroll tax)
//! and the summary beside them.

use std::rc::Rc;

use yew::prelude::*;

use super::format::{self, DASH};
use super::{error_for, ResultProps};
use crate::i18n::numbers::format_percent;
use crate::i18n::plural::{plural_shown, PluralForms};
use crate::i18n::tr;
use crate::model::headcount::{HeadcountReport, MAX_RELIEF_PCT};
use crate::model::{FieldError, Rule};
use crate::state::plan_edit::{HeadcountEdit, HeadcountNumber, PlanEdit};
use crate::ui::state::use_app;
use crate::ui::widgets::{Figure, NumberField};

#[derive(Properties, PartialEq)]
pub struct PlanInputsProps {
    pub errors: Rc<Vec<FieldError>>,
    /// The result on screen, for the figures derived from the inputs (may be stale or absent).
    pub report: Option<Rc<HeadcountReport>>,
}

/// Span of control and managers per back-office employee: people, 1 ..= this.
const MAX_RATIO: f64 = 100.0;

#[function_component(PlanInputs)]
pub fn plan_inputs(props: &PlanInputsProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let h = &plan.headcount;
    let symbol = plan.currency.symbol();
    let set = |number: HeadcountNumber| {
        let app = app.clone();
        Callback::from(move |v: f64| app.edit(HeadcountEdit::Set(number, v)))
    };
    let set_plan = |edit: fn(f64) -> PlanEdit| {
        let app = app.clone();
        Callback::from(move |v: f64| app.edit(edit(v)))
    };
    let err = |field: &str| error_for(&props.errors, field);
    let field = |id: &'static str,
                 label: &'static str,
                 value: f64,
                 rule: Rule,
                 unit: Option<&str>,
                 number: HeadcountNumber| {
        html! {
            <NumberField id={id} label={label} value={value} on_change={set(number)} lang={lang}
                rule={rule} error={err(id)} unit={unit.map(|u| AttrValue::from(u.to_string()))} />
        }
    };
    html! {
        <section class="card hc-inputs" aria-labelledby="hc-inputs-title">
            <h2 id="hc-inputs-title">{ tr(lang, "План и клиентская база", "Plan and client base") }</h2>

            <h3 class="hc-subhead">{ tr(lang, "План выручки в месяц", "Revenue target per month") }</h3>
            <div class="form-grid">
                <NumberField id="revenue-plan" label={tr(lang, "План выручки в месяц (весь план)", "Revenue target per month (the whole plan)")}
                    value={plan.target.total()} on_change={set_plan(PlanEdit::SetRevenueTarget)} lang={lang}
                    rule={Rule::AMOUNT} error={err("revenue-plan")} unit={AttrValue::from(symbol.to_string())} />
                <NumberField id="new-share" label={tr(lang, "Доля новых клиентов", "Share from new clients")}
                    value={plan.target.new_client_share_pct()} on_change={set_plan(PlanEdit::SetNewClientShare)} lang={lang}
                    rule={Rule::PERCENT} error={err("new-share")} unit={AttrValue::from("%")} />
                <div class="field field-readout">
                    <span class="field-label">{ tr(lang, "Доля существующих клиентов", "Share from existing clients") }</span>
                    <output data-testid="existing-share">{ format_percent(plan.target.existing_client_share_pct(), 1, lang) }</output>
                </div>
            </div>
            <p class="hint" data-testid="target-shared-note">{ tr(lang,
                "Это тот же план выручки, что на странице «Воронка»: меняется в любом из двух мест.",
                "The same revenue target as on the Funnel page: change it in either place.") }</p>
            if let Some(r) = &props.report {
                <p class="hc-derived">
                    { tr(lang, "Новые клиенты: ", "New clients: ") }
                    <strong data-testid="new-revenue">{ format::money(r.revenue.new_clients, plan.currency, lang) }</strong>
                    { tr(lang, " → через воронку; существующие: ", " → through the funnel; existing clients: ") }
                    <strong data-testid="existing-revenue">{ format::money(r.revenue.existing_clients, plan.currency, lang) }</strong>
                    { tr(lang, " → из базы.", " → from the base.") }
                </p>
            }

            <h3 class="hc-subhead">{ tr(lang, "Клиентская база", "Client base") }</h3>
            <div class="form-grid">
                { field("active-clients", tr(lang, "Активных клиентов в базе", "Active clients in the base"),
                    h.active_clients, Rule::COUNT, None, HeadcountNumber::ActiveClients) }
                { field("orders-per-client", tr(lang, "Заказов на клиента в месяц", "Orders per client per month"),
                    h.orders_per_client_per_month, Rule::AMOUNT, None, HeadcountNumber::OrdersPerClient) }
                { field("existing-check", tr(lang, "Средний чек существующего клиента", "Average check of existing clients"),
                    h.existing_avg_check, Rule::POSITIVE, Some(symbol), HeadcountNumber::ExistingCheck) }
            </div>
            if let Some(r) = &props.report {
                <BaseCheckLine report={r.clone()} />
            }

            <h3 class="hc-subhead">{ tr(lang, "Организация и налоги", "Organisation and taxes") }</h3>
            <div class="form-grid">
                { field("span-of-control", tr(lang, "Норма управляемости (продавцов на РОП)", "Span of control (salespeople per head)"),
                    h.span_of_control, Rule::range(1.0, MAX_RATIO), None, HeadcountNumber::SpanOfControl) }
                { field("backoffice-ratio", tr(lang, "Менеджеров на 1 сотрудника бэк-офиса", "Managers per back-office employee"),
                    h.managers_per_back_office, Rule::range(1.0, MAX_RATIO), None, HeadcountNumber::ManagersPerBackOffice) }
                { field("backoffice-relief", tr(lang, "Бэк-офис освобождает времени менеджера", "Manager time the back office frees"),
                    h.back_office_relief_pct, Rule::range(0.0, MAX_RELIEF_PCT), Some("%"), HeadcountNumber::BackOfficeRelief) }
                { field("payroll-tax", tr(lang, "Налоги и взносы на фонд оплаты", "Payroll tax"),
                    h.payroll_tax_pct, Rule::PERCENT, Some("%"), HeadcountNumber::PayrollTax) }
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct BaseCheckProps {
    report: Rc<HeadcountReport>,
}

/// Whether the active base can bring the existing-client plan.
#[function_component(BaseCheckLine)]
fn base_check_line(props: &BaseCheckProps) -> Html {
    let lang = use_app().lang();
    let b = &props.report.base;
    let covered = b.orders_gap <= 0.0;
    let badge = if covered { "badge-good" } else { "badge-warn" };
    html! {
        <p class="hc-derived">
            { tr(lang, "Нужно заказов от базы: ", "Orders needed from the base: ") }
            <strong data-testid="orders-needed">{ format::quantity(b.orders_needed, lang) }</strong>
            { tr(lang, "; база делает: ", "; the base places: ") }
            <strong data-testid="base-orders">{ format::quantity(b.base_orders, lang) }</strong>
            { " " }
            <span class={classes!("badge", badge)} data-testid="base-coverage">
                { match b.coverage_pct {
                    Some(p) => format!("{} {}", format_percent(p, 0, lang), tr(lang, "плана", "of the plan")),
                    None => DASH.to_string(),
                } }
            </span>
            if !covered {
                <span class="hc-muted">{ tr(lang,
                    " — базе нужно расти или покупать чаще.",
                    " — the base must grow or buy more often.") }</span>
            }
        </p>
    }
}

/// The headline: people and money.
#[function_component(Summary)]
pub fn summary(props: &ResultProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let currency = app.plan().currency;
    let r = &props.report;
    let t = &r.with_back_office;
    let split = match lang {
        crate::i18n::Lang::Ru => format!(
            "продавцов {}, руководителей {}, бэк-офис {}",
            format::people(t.sales_headcount, lang),
            format::people(t.heads_of_sales, lang),
            format::people(t.back_office, lang)
        ),
        crate::i18n::Lang::En => format!(
            "{} {}, {} {}, {} back office",
            format::people(t.sales_headcount, lang),
            plural_shown(
                lang,
                t.sales_headcount,
                0,
                PluralForms::en("salesperson", "salespeople")
            ),
            format::people(t.heads_of_sales, lang),
            plural_shown(lang, t.heads_of_sales, 0, PluralForms::en("head", "heads")),
            format::people(t.back_office, lang)
        ),
    };
    html! {
        <section class={classes!("card", "hc-summary", props.stale.then_some("stale"))} aria-labelledby="hc-summary-title">
            <h2 id="hc-summary-title">{ tr(lang, "Итоги", "Summary") }</h2>
            <div class="figures hc-figures">
                <Figure id="total-headcount" label={tr(lang, "Штат, человек", "Headcount, people")}
                    value={format::people(t.headcount, lang)} note={AttrValue::from(split)} primary=true />
                <Figure id="budget-month" label={tr(lang, "Бюджет в месяц", "Budget per month")}
                    value={format::money(t.monthly_cost, currency, lang)} primary=true />
                <Figure id="total-fte" label={tr(lang, "Ставок (FTE)", "Full-time equivalents (FTE)")}
                    value={format::fte(t.fte, lang)}
                    note={tr(lang, "потребность до округления", "need before rounding up")} />
                <Figure id="heads-of-sales" label={tr(lang, "Руководителей отдела продаж", "Heads of sales")}
                    value={format::people(t.heads_of_sales, lang)} />
                <Figure id="budget-year" label={tr(lang, "Бюджет в год", "Budget per year")}
                    value={format::money(t.yearly_cost, currency, lang)} />
                <Figure id="new-clients" label={tr(lang, "Новых клиентов в месяц", "New clients per month")}
                    value={format::quantity(r.new_clients_per_month, lang)}
                    note={tr(lang, "сделок по воронке", "deals from the funnel")} />
            </div>
        </section>
    }
}
