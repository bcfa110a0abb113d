//! The sales budget: per role fixed salary, variable pay and workplace cost -> monthly and
//! yearly cost; the unit's cost shares, revenue per salesperson, and the acquisition cost per
//! new client this budget implies, set against the CAC the LTV allows (issue 5 item 6).

use std::rc::Rc;

use yew::prelude::*;
use yew_router::prelude::*;

use super::format::{self, DASH};
use super::{edit_role, error_for, on_role_number};
use crate::i18n::headcount as words;
use crate::i18n::numbers::{format_number, format_percent};
use crate::i18n::{tr, Lang};
use crate::model::headcount::{role_field, HeadcountReport, Role, VariablePay};
use crate::model::ltv::{self, Figure, RatioBand};
use crate::model::{FieldError, Rule};
use crate::state::plan_edit::{RoleEdit, RoleNumber};
use crate::ui::routes::Route;
use crate::ui::state::use_app;
use crate::ui::widgets::{Figure as FigureBox, NumberField, SelectField};

#[derive(Properties, PartialEq)]
pub struct BudgetProps {
    pub report: Rc<HeadcountReport>,
    pub stale: bool,
    pub errors: Rc<Vec<FieldError>>,
}

fn kind_value(kind: VariablePay) -> &'static str {
    match kind {
        VariablePay::None => "none",
        VariablePay::PercentOfRevenue => "revenue",
        VariablePay::PercentOfMargin => "margin",
        VariablePay::PerUnit => "unit",
    }
}

fn parse_kind(value: &str) -> Option<VariablePay> {
    VariablePay::ALL
        .into_iter()
        .find(|k| kind_value(*k) == value)
}

#[function_component(Budget)]
pub fn budget(props: &BudgetProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let currency = plan.currency;
    let r = &props.report;
    let t = &r.with_back_office;
    let stale = props.stale.then_some("stale");
    html! {
        <section class="card hc-budget" aria-labelledby="hc-budget-title">
            <h2 id="hc-budget-title">{ tr(lang, "Бюджет продаж", "Sales budget") }</h2>
            <p class="hc-muted hc-hint">{ budget_note(lang, &format_percent(plan.headcount.payroll_tax_pct, 0, lang)) }</p>
            <div class="table-wrap">
                <table class="hc-budget-table">
                    <thead>
                        <tr>
                            <th scope="col">{ tr(lang, "Роль", "Role") }</th>
                            <th scope="col">{ tr(lang, "Оклад в месяц", "Fixed salary per month") }</th>
                            <th scope="col" class="text">{ tr(lang, "Переменная часть", "Variable pay") }</th>
                            <th scope="col">{ tr(lang, "Ставка", "Rate") }</th>
                            <th scope="col">{ tr(lang, "Рабочее место в месяц", "Workplace per month") }</th>
                            <th scope="col">{ tr(lang, "Затраты в месяц", "Cost per month") }</th>
                            <th scope="col">{ tr(lang, "Затраты в год", "Cost per year") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for plan.headcount.roles.iter().enumerate().map(|(i, role)| html! {
                            <BudgetRow key={i} index={i} role={role.clone()} errors={props.errors.clone()}
                                cost={r.roles.get(i).map(|x| (x.with_back_office_cost.monthly, x.with_back_office_cost.yearly))}
                                stale={props.stale} />
                        }) }
                    </tbody>
                    <tfoot>
                        <tr class="hc-total">
                            <th scope="row" class="text" colspan="5">{ tr(lang, "Итого отдел продаж", "Sales unit total") }</th>
                            <td class={classes!("hc-strong", stale)}>{ format::money(t.monthly_cost, currency, lang) }</td>
                            <td class={classes!("hc-strong", stale)}>{ format::money(t.yearly_cost, currency, lang) }</td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <div class={classes!("figures", "hc-figures", stale)}>
                <FigureBox id="cost-share-revenue" label={tr(lang, "Затраты на продажи, % выручки", "Cost of sales, % of revenue")}
                    value={format::opt_percent(t.cost_share_of_revenue_pct, 1, lang)} />
                <FigureBox id="cost-share-margin" label={tr(lang, "Затраты на продажи, % валовой прибыли", "Cost of sales, % of gross profit")}
                    value={format::opt_percent(t.cost_share_of_gross_profit_pct, 1, lang)}
                    note={format!("{} {}", tr(lang, "валовая прибыль", "gross profit"), format::money(r.revenue.gross_profit, currency, lang))} />
                <FigureBox id="revenue-per-seller" label={tr(lang, "Выручка на продавца в месяц", "Revenue per salesperson per month")}
                    value={format::opt_money(t.revenue_per_salesperson_per_month, currency, lang)} />
            </div>
            <CacCheck report={r.clone()} stale={props.stale} />
        </section>
    }
}

fn budget_note(lang: Lang, tax: &str) -> String {
    match lang {
        Lang::Ru => format!(
            "Затраты роли = штат × оклад + переменная часть + налоги {tax} на оплату + штат × рабочее место. Процент считается от выручки, с которой работает роль: этапы воронки — новые клиенты, заказы и портфель — существующие, остальные — весь план."
        ),
        Lang::En => format!(
            "Role cost = headcount × salary + variable pay + {tax} payroll tax on pay + headcount × workplace. Percentages apply to the revenue the role works on: funnel stages — new clients, orders and portfolio — existing clients, the others — the whole plan."
        ),
    }
}

#[derive(Properties, PartialEq)]
struct BudgetRowProps {
    index: usize,
    role: Role,
    errors: Rc<Vec<FieldError>>,
    /// Monthly and yearly cost from the report (none while the row is newer than the result).
    cost: Option<(f64, f64)>,
    stale: bool,
}

#[function_component(BudgetRow)]
fn budget_row(props: &BudgetRowProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let currency = app.plan().currency;
    let i = props.index;
    let n = i + 1;
    let role = &props.role;
    let id = |part: &str| role_field(i, part);
    let err = |part: &str| error_for(&props.errors, &id(part));
    let label = |what: &str| format!("{what}: {}", role.name);
    let number = |number: RoleNumber| on_role_number(&app, i, number);
    let on_kind = {
        let app = app.clone();
        Callback::from(move |value: String| {
            if let Some(kind) = parse_kind(&value) {
                edit_role(&app, i, RoleEdit::SetVariablePay(kind));
            }
        })
    };
    let kinds = VariablePay::ALL
        .iter()
        .map(|k| {
            (
                AttrValue::from(kind_value(*k)),
                AttrValue::from(words::variable_pay(lang, *k)),
            )
        })
        .collect::<Vec<_>>();
    let rate = match role.variable_pay {
        VariablePay::None => html! { <span class="hc-muted">{ DASH }</span> },
        kind => {
            let (rule, unit) = if kind.rate_is_percent() {
                (Rule::PERCENT, "%".to_string())
            } else {
                (
                    Rule::AMOUNT,
                    format!("{}/{}", currency.symbol(), tr(lang, "ед.", "unit")),
                )
            };
            html! {
                <NumberField id={id("variable")} label={label(tr(lang, "Ставка переменной части", "Variable pay rate"))}
                    value={role.variable_rate} on_change={number(RoleNumber::VariableRate)} lang={lang}
                    rule={rule} error={err("variable")} unit={AttrValue::from(unit)} compact=true />
            }
        }
    };
    let stale = props.stale.then_some("stale");
    let (month, year) = props.cost.map_or_else(
        || (DASH.to_string(), DASH.to_string()),
        |(m, y)| {
            (
                format::money(m, currency, lang),
                format::money(y, currency, lang),
            )
        },
    );
    html! {
        <tr>
            <th scope="row" class="text">{ role.name.clone() }</th>
            <td class="hc-num-cell">
                <NumberField id={id("salary")} label={label(tr(lang, "Оклад в месяц", "Fixed salary per month"))}
                    value={role.fixed_salary_per_month} on_change={number(RoleNumber::FixedSalary)} lang={lang}
                    rule={Rule::AMOUNT} error={err("salary")} unit={AttrValue::from(currency.symbol())} compact=true />
            </td>
            <td class="text">
                <SelectField id={id("variable-kind")} label={label(tr(lang, "Переменная часть", "Variable pay"))}
                    options={kinds} selected={kind_value(role.variable_pay)} on_change={on_kind} compact=true />
            </td>
            <td class="hc-num-cell">{ rate }</td>
            <td class="hc-num-cell">
                <NumberField id={id("workplace")} label={label(tr(lang, "Рабочее место в месяц", "Workplace per month"))}
                    value={role.workplace_cost_per_month} on_change={number(RoleNumber::WorkplaceCost)} lang={lang}
                    rule={Rule::AMOUNT} error={err("workplace")} unit={AttrValue::from(currency.symbol())} compact=true />
            </td>
            <td class={classes!(stale)} data-testid={format!("role-{n}-cost-month")}>{ month }</td>
            <td class={classes!(stale)} data-testid={format!("role-{n}-cost-year")}>{ year }</td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct CacProps {
    report: Rc<HeadcountReport>,
    stale: bool,
}

/// The acquisition cost this budget implies against the CAC the LTV page allows.
#[function_component(CacCheck)]
fn cac_check(props: &CacProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let currency = plan.currency;
    let t = &props.report.with_back_office;
    let implied = t.acquisition_cost_per_new_client;
    let comparison = implied.and_then(|cac| ltv::compare_cac(&plan.ltv, cac));
    let allowed = match &comparison {
        Some(c) => allowed_text(c.allowed_cac, currency, lang),
        None => ltv::allowed_cac(&plan.ltv)
            .map_or_else(|| DASH.to_string(), |a| format::money(a, currency, lang)),
    };
    let verdict = verdict(comparison.as_ref(), implied.is_some(), lang);
    let ratio = comparison
        .and_then(|c| c.ltv_to_cac)
        .map(|r| ratio_text(r, lang));
    html! {
        <div class={classes!("hc-cac", props.stale.then_some("stale"))}>
            <h3>{ tr(lang, "Стоимость привлечения клиента", "Acquisition cost per new client") }</h3>
            <div class="figures hc-figures">
                <FigureBox id="implied-cac" label={tr(lang, "CAC по этому бюджету", "CAC this budget implies")}
                    value={format::opt_money(implied, currency, lang)}
                    note={tr(lang, "затраты на привлечение / новые клиенты в месяц", "acquisition cost / new clients per month")} />
                <FigureBox id="allowed-cac" label={tr(lang, "Допустимый CAC по LTV", "CAC the LTV allows")}
                    value={allowed}
                    note={format!("LTV / {}", format_number(plan.ltv.target_ratio, 1, lang))} />
                <div class="figure">
                    <span class="figure-label">{ tr(lang, "Вердикт", "Verdict") }</span>
                    <span class={classes!("badge", verdict.class, "hc-verdict-badge")} data-testid="cac-verdict">{ verdict.badge }</span>
                    <span class="figure-note">
                        if let Some(ratio) = ratio {
                            <span data-testid="ltv-cac-ratio">{ format!("LTV:CAC {ratio}. ") }</span>
                        }
                        { verdict.note }
                    </span>
                </div>
            </div>
            <p class="hc-muted">
                { tr(lang,
                    "Затраты на привлечение — роли этапов воронки плюс их доля руководителей и бэк-офиса. LTV и целевое соотношение задаются ",
                    "Acquisition cost is the funnel-stage roles plus their share of heads and back office. LTV and the target ratio are set ") }
                <Link<Route> to={Route::Ltv}>{ tr(lang, "на странице LTV", "on the LTV page") }</Link<Route>>
                { "." }
            </p>
        </div>
    }
}

fn allowed_text(allowed: Figure, currency: crate::model::Currency, lang: Lang) -> String {
    match allowed {
        Figure::Finite(a) => format::money(a, currency, lang),
        Figure::Unbounded => tr(lang, "без ограничения", "unbounded").to_string(),
    }
}

fn ratio_text(ratio: Figure, lang: Lang) -> String {
    match ratio {
        Figure::Finite(r) => format!("{}:1", format_number(r, 1, lang)),
        Figure::Unbounded => tr(lang, "без ограничения", "unbounded").to_string(),
    }
}

/// The verdict on the comparison: badge class, short badge text, one-line explanation.
struct Verdict {
    class: &'static str,
    badge: &'static str,
    note: &'static str,
}

fn verdict(comparison: Option<&ltv::CacComparison>, has_new_clients: bool, lang: Lang) -> Verdict {
    let v = |class, badge, note| Verdict { class, badge, note };
    let Some(c) = comparison else {
        return if has_new_clients {
            v(
                "badge-warn",
                tr(lang, "Нет данных LTV", "No LTV figures"),
                tr(
                    lang,
                    "Проверьте поля на странице LTV.",
                    "Check the fields on the LTV page.",
                ),
            )
        } else {
            v(
                "badge-warn",
                tr(lang, "Нет новых клиентов", "No new clients"),
                tr(
                    lang,
                    "План не требует новых клиентов.",
                    "The plan needs no new clients.",
                ),
            )
        };
    };
    match c.band {
        Some(RatioBand::Loss) => v(
            "badge-bad",
            tr(lang, "Убыточно", "Loss-making"),
            tr(
                lang,
                "Клиент не окупает своё привлечение.",
                "A client does not pay back its acquisition.",
            ),
        ),
        Some(RatioBand::Weak) => v(
            "badge-warn",
            tr(lang, "Дороже допустимого", "Above the allowed CAC"),
            tr(
                lang,
                "LTV:CAC ниже целевого.",
                "LTV:CAC is below the target.",
            ),
        ),
        Some(RatioBand::Healthy) => v(
            "badge-good",
            tr(lang, "В норме", "Within the allowed CAC"),
            tr(
                lang,
                "LTV:CAC не ниже целевого.",
                "LTV:CAC meets the target.",
            ),
        ),
        Some(RatioBand::UnderInvesting) => v(
            "badge-good",
            tr(
                lang,
                "Намного ниже допустимого",
                "Far below the allowed CAC",
            ),
            tr(
                lang,
                "В привлечение можно вкладывать больше.",
                "You could invest more in acquisition.",
            ),
        ),
        None => v(
            "badge-warn",
            tr(lang, "Нет затрат", "No cost"),
            tr(
                lang,
                "Бюджет не содержит затрат на привлечение.",
                "The budget has no acquisition cost.",
            ),
        ),
    }
}
