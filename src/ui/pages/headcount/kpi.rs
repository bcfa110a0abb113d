//! The KPI sheet: per role the daily, weekly and monthly norms of one employee — what a head
//! of sales checks daily (norms met), weekly and monthly — printable on one page.

use gloo::events::EventListener;
use yew::prelude::*;

use super::format::{self, DASH};
use super::ResultProps;
use crate::i18n::headcount as words;
use crate::i18n::{tr, Lang};
use crate::model::headcount::WorkUnit;
use crate::ui::state::use_app;

/// The attribute on `<html>` that makes print CSS show only the KPI sheet.
const PRINT_ATTR: &str = "data-print";

/// Prints the KPI sheet alone: marks the document, prints, unmarks after printing.
fn print_kpi_sheet() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let root = gloo::utils::document().document_element();
    if let Some(root) = &root {
        let _ = root.set_attribute(PRINT_ATTR, "kpi");
        let root = root.clone();
        // The dialog may be modal (print returns after it) or not: unmark on `afterprint`.
        EventListener::once(&window, "afterprint", move |_| {
            let _ = root.remove_attribute(PRINT_ATTR);
        })
        .forget();
    }
    let _ = window.print();
}

/// What a role's norm counts, for the sheet: "Contacts (calls)", "Meetings", "Orders" ...
fn measure(unit: WorkUnit, lang: Lang) -> String {
    let unit_name = format::unit_text(unit, lang);
    match unit {
        u if u.is_contact() && u != WorkUnit::Meetings => {
            format!("{} ({unit_name})", tr(lang, "Контакты", "Contacts"))
        }
        WorkUnit::NoUnit => DASH.to_string(),
        u => words::work_unit(lang, u).to_string(),
    }
}

#[function_component(KpiSheet)]
pub fn kpi_sheet(props: &ResultProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let r = &props.report;
    let on_print = Callback::from(|_: MouseEvent| print_kpi_sheet());
    let title = if plan.name.trim().is_empty() {
        tr(lang, "Лист KPI", "KPI sheet").to_string()
    } else {
        format!(
            "{} — {}",
            tr(lang, "Лист KPI", "KPI sheet"),
            plan.name.trim()
        )
    };
    html! {
        <section class="card hc-kpi" data-testid="kpi-sheet" aria-labelledby="hc-kpi-title">
            <div class="section-title">
                <h2 id="hc-kpi-title">{ title }</h2>
                <button type="button" class="button-quiet no-print" data-testid="print-kpi" onclick={on_print}>
                    { tr(lang, "Печать листа KPI", "Print the KPI sheet") }
                </button>
            </div>
            <p class="hc-muted">{ tr(lang,
                "Нормы одного сотрудника при штате из расписания. Ежедневно руководитель проверяет выполнение норм, еженедельно — воронку по сотруднику, ежемесячно — выполнение плана.",
                "Norms of one employee at the scheduled headcount. Daily the head of sales checks the norms, weekly the funnel per employee, monthly the plan.") }</p>
            <div class={classes!("table-wrap", props.stale.then_some("stale"))}>
                <table class="hc-kpi-table">
                    <thead>
                        <tr>
                            <th scope="col">{ tr(lang, "Роль", "Role") }</th>
                            <th scope="col" class="text">{ tr(lang, "Показатель", "Measure") }</th>
                            <th scope="col">{ tr(lang, "В день", "Per day") }</th>
                            <th scope="col">{ tr(lang, "В неделю", "Per week") }</th>
                            <th scope="col">{ tr(lang, "В месяц", "Per month") }</th>
                            <th scope="col">{ tr(lang, "Штат", "Headcount") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for r.roles.iter().enumerate().map(|(i, role)| {
                            let k = &role.kpi;
                            let n = i + 1;
                            html! {
                                <tr>
                                    <th scope="row" class="text">{ role.name.clone() }</th>
                                    <td class="text">{ measure(k.unit, lang) }</td>
                                    <td data-testid={format!("kpi-role-{n}-day")}>{ format::opt_quantity(k.per_day, lang) }</td>
                                    <td data-testid={format!("kpi-role-{n}-week")}>{ format::opt_quantity(k.per_week, lang) }</td>
                                    <td data-testid={format!("kpi-role-{n}-month")}>{ format::opt_quantity(k.per_month, lang) }</td>
                                    <td>{ format::people(role.with_back_office.headcount, lang) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="hc-muted hc-note">{ tr(lang,
                "Для портфеля, бэк-офиса и руководителя норма — размер на сотрудника (клиентов, менеджеров, подчинённых), без дневной и недельной. Неделя = месяц / (52 / 12).",
                "For a portfolio, back office and heads the norm is a size per employee (clients, managers, reports), with no daily or weekly figure. A week = a month / (52 / 12).") }</p>
        </section>
    }
}
