//! Two or three plans side by side; cells that differ from the first plan are highlighted.

use yew::prelude::*;

use super::report::format_figure;
use crate::i18n::{tr, Lang};
use crate::model::ltv::Figure;
use crate::model::plan::{compare, summarize, CompareRow, Delta, Kind, Metric, PlanSummary};
use crate::model::Plan;
use crate::storage::export::NumberFormat;
use crate::ui::state::use_app;

fn metric_label(m: &Metric, lang: Lang) -> String {
    match m {
        Metric::RevenuePlan => tr(lang, "План выручки в месяц", "Revenue plan per month").into(),
        Metric::FunnelTarget => tr(
            lang,
            "Цель воронки (новые клиенты) в месяц",
            "Funnel target (new clients) per month",
        )
        .into(),
        Metric::DealsNeeded => tr(lang, "Сделок нужно в месяц", "Deals needed per month").into(),
        Metric::LeadsNeeded => tr(lang, "Лидов нужно в месяц", "Leads needed per month").into(),
        Metric::RoleHeadcount(name) => format!("{} — {name}", tr(lang, "Штат", "Headcount")),
        Metric::TotalHeadcount => tr(lang, "Штат всего", "Headcount, total").into(),
        Metric::BudgetPerMonth => tr(lang, "Бюджет отдела в месяц", "Budget per month").into(),
        Metric::BudgetShareOfRevenue => {
            tr(lang, "Бюджет, % выручки", "Budget, % of revenue").into()
        }
        Metric::AcquisitionCost => tr(
            lang,
            "Стоимость привлечения клиента (штат)",
            "Acquisition cost per client (headcount)",
        )
        .into(),
        Metric::Ltv => "LTV".into(),
        Metric::Cac => tr(lang, "CAC (страница LTV)", "CAC (LTV page)").into(),
        Metric::LtvToCac => "LTV : CAC".into(),
    }
}

fn number_format(kind: Kind) -> NumberFormat {
    match kind {
        Kind::Money => NumberFormat::Money,
        Kind::Count => NumberFormat::Integer,
        Kind::Percent => NumberFormat::Percent,
        Kind::Ratio => NumberFormat::Ratio,
    }
}

fn delta_class(d: Delta) -> Option<&'static str> {
    match d {
        Delta::Same => None,
        Delta::Higher => Some("cmp-higher"),
        Delta::Lower => Some("cmp-lower"),
        Delta::NotComparable => Some("cmp-missing"),
    }
}

/// A short sign for a highlighted cell, so the difference is not told by colour alone.
fn delta_mark(d: Delta, lang: Lang) -> Html {
    let (mark, text) = match d {
        Delta::Same => return html! {},
        Delta::Higher => (
            "▲",
            tr(
                lang,
                "больше, чем в первом плане",
                "higher than the first plan",
            ),
        ),
        Delta::Lower => (
            "▼",
            tr(
                lang,
                "меньше, чем в первом плане",
                "lower than the first plan",
            ),
        ),
        Delta::NotComparable => return html! {},
    };
    html! {
        <>
            <span class="cmp-mark" aria-hidden="true">{ mark }</span>
            <span class="visually-hidden">{ format!(" ({text})") }</span>
        </>
    }
}

fn cell(value: Option<Figure>, kind: Kind, summary: &PlanSummary, lang: Lang) -> String {
    format_figure(value, number_format(kind), summary.currency, lang)
}

#[derive(Properties, PartialEq)]
pub struct ComparePanelProps {
    pub compared: Vec<String>,
    pub on_clear: Callback<()>,
}

#[function_component(ComparePanel)]
pub fn compare_panel(props: &ComparePanelProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    // In the list's order, so the columns follow the rows above.
    let plans: Vec<&Plan> = app
        .doc
        .plans
        .iter()
        .filter(|p| props.compared.contains(&p.id))
        .collect();
    let positions: Vec<usize> = app
        .doc
        .plans
        .iter()
        .enumerate()
        .filter(|(_, p)| props.compared.contains(&p.id))
        .map(|(i, _)| i + 1)
        .collect();
    let clear = {
        let cb = props.on_clear.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let body = if plans.len() < 2 {
        html! {
            <p class="plans-hint" data-testid="compare-hint">{ tr(lang,
                "Отметьте два или три плана в списке, чтобы сравнить их рядом.",
                "Tick two or three plans in the list to compare them side by side.") }</p>
        }
    } else {
        let summaries: Vec<PlanSummary> = plans.iter().map(|p| summarize(p)).collect();
        let rows = compare(&summaries);
        let mixed_currency = summaries
            .iter()
            .any(|s| s.currency != summaries[0].currency);
        let mut role_index = 0;
        html! {
            <>
                if mixed_currency {
                    <p class="stale-note">{ tr(lang,
                        "Планы в разных валютах: денежные показатели сравниваются как числа.",
                        "The plans are in different currencies: money is compared as plain numbers.") }</p>
                }
                <div class="table-wrap">
                    <table class="compare-table" data-testid="compare-table">
                        <caption class="visually-hidden">{ tr(lang, "Сравнение планов", "Plans compared") }</caption>
                        <thead><tr>
                            <th scope="col" class="text">{ tr(lang, "Показатель", "Figure") }</th>
                            { for plans.iter().zip(&positions).map(|(p, n)| html! {
                                <th scope="col" data-testid={format!("compare-head-{n}")}>
                                    <span class="cmp-plan-name">{ p.name.clone() }</span>
                                    if !p.client.trim().is_empty() {
                                        <span class="cmp-plan-client">{ p.client.clone() }</span>
                                    }
                                </th>
                            }) }
                        </tr></thead>
                        <tbody>
                            { for rows.iter().map(|row: &CompareRow| {
                                let key = row.metric.key(role_index);
                                if matches!(row.metric, Metric::RoleHeadcount(_)) {
                                    role_index += 1;
                                }
                                let kind = row.metric.kind();
                                html! {
                                    <tr class={classes!(row.differs.then_some("cmp-differs"))}
                                        data-testid={format!("compare-row-{key}")}>
                                        <th scope="row" class="text">{ metric_label(&row.metric, lang) }</th>
                                        { for row.values.iter().zip(&row.deltas).zip(&summaries).zip(&positions).map(|(((v, d), s), n)| html! {
                                            <td class={classes!(delta_class(*d))} data-testid={format!("compare-{key}-{n}")}>
                                                { cell(*v, kind, s, lang) }{ delta_mark(*d, lang) }
                                            </td>
                                        }) }
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
                <p class="plans-hint">
                    <span class="cmp-legend cmp-higher">{ "▲" }</span>{ tr(lang, " больше, ", " higher, ") }
                    <span class="cmp-legend cmp-lower">{ "▼" }</span>{ tr(lang, " меньше, чем в первом плане; ", " lower than the first plan; ") }
                    { tr(lang, "строки с различиями выделены.", "rows that differ are marked.") }
                </p>
            </>
        }
    };
    html! {
        <section class="card plans-compare no-print" aria-labelledby="plans-compare-title">
            <div class="section-title">
                <h2 id="plans-compare-title">{ tr(lang, "Сравнение планов", "Compare plans") }</h2>
                if !plans.is_empty() {
                    <button type="button" class="button-quiet" data-testid="compare-clear" onclick={clear}>
                        { tr(lang, "Снять отметки", "Clear selection") }
                    </button>
                }
            </div>
            { body }
        </section>
    }
}
