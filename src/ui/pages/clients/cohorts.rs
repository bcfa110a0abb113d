//! Monthly acquisition cohorts: the retention heat map and the cumulative revenue per client
//! (the historic LTV of each cohort).

use yew::prelude::*;

use super::report::ReportProps;
use crate::i18n::numbers::{format_money, format_percent};
use crate::i18n::{tr, Lang};
use crate::ui::state::use_app;

/// The heat map's background for a retention share: white to a light blue (#8fb8e3), light
/// enough at every step for the page's dark text to keep its contrast.
fn heat(pct: f64) -> String {
    let t = (pct / 100.0).clamp(0.0, 1.0);
    let mix = |from: f64, to: f64| (from + (to - from) * t).round() as u8;
    format!(
        "background-color: rgb({}, {}, {})",
        mix(255.0, 143.0),
        mix(255.0, 184.0),
        mix(255.0, 227.0)
    )
}

#[derive(Clone, Copy, PartialEq)]
enum Measure {
    Retention,
    Revenue,
}

#[function_component(CohortsView)]
pub fn cohorts_view(props: &ReportProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let currency = app.plan().clients_currency();
    let measure = use_state(|| Measure::Retention);
    let cohorts = &props.report.cohorts;
    let months = cohorts
        .rows
        .iter()
        .map(|r| r.retention_pct.len())
        .max()
        .unwrap_or(0);
    let switch = |m: Measure| {
        let measure = measure.clone();
        Callback::from(move |_: MouseEvent| measure.set(m))
    };
    let tab = |m: Measure, id: &'static str, text: &'static str| {
        html! {
            <button type="button" role="tab" data-testid={id}
                class={classes!("tab", (*measure == m).then_some("tab-active"))}
                aria-selected={(*measure == m).to_string()} onclick={switch(m)}>{ text }</button>
        }
    };
    html! {
        <section class="card" aria-labelledby="cohorts-title">
            <h2 id="cohorts-title">{ tr(lang, "Когорты по месяцу первой покупки", "Cohorts by the month of the first purchase") }</h2>
            <div class="tabs" role="tablist">
                { tab(Measure::Retention, "cohorts-retention", tr(lang, "Удержание, %", "Retention, %")) }
                { tab(Measure::Revenue, "cohorts-revenue", tr(lang, "Выручка на клиента, накопительно", "Revenue per client, cumulative")) }
            </div>
            if cohorts.rows.is_empty() {
                <p class="hint">{ tr(lang, "Нет данных для когорт.", "No data for cohorts.") }</p>
            } else {
                <div class="table-wrap table-tall" tabindex="0" role="region" aria-labelledby="cohorts-title">
                    <table class="data-table cohort-table" data-testid="cohort-table">
                        <thead><tr>
                            <th scope="col">{ tr(lang, "Когорта", "Cohort") }</th>
                            <th scope="col">{ tr(lang, "Клиентов", "Clients") }</th>
                            { for (0..months).map(|k| html! { <th scope="col">{ format!("+{k}") }</th> }) }
                        </tr></thead>
                        <tbody>
                            { for cohorts.rows.iter().enumerate().map(|(i, row)| html! {
                                <tr>
                                    <th scope="row">{ row.month.clone() }</th>
                                    <td>{ row.clients }</td>
                                    { for (0..months).map(|k| {
                                        let id = format!("cohort-{}-{}", i + 1, k);
                                        match *measure {
                                            Measure::Retention => match row.retention_pct.get(k) {
                                                Some(&pct) => html! {
                                                    <td class="heat"
                                                        style={heat(pct)} data-testid={id}>{ format_percent(pct, 0, lang) }</td>
                                                },
                                                None => html! { <td class="heat-empty"></td> },
                                            },
                                            Measure::Revenue => match row.cumulative_revenue_per_client.get(k) {
                                                Some(&v) => html! { <td data-testid={id}>{ format_money(v, currency, 0, lang) }</td> },
                                                None => html! { <td class="heat-empty"></td> },
                                            },
                                        }
                                    }) }
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
                if cohorts.older_clients > 0 {
                    <p class="hint">{ match lang {
                        Lang::Ru => format!("Клиентов из более ранних когорт (не показаны): {}.", cohorts.older_clients),
                        Lang::En => format!("Clients of older cohorts (not shown): {}.", cohorts.older_clients),
                    } }</p>
                }
            }
        </section>
    }
}
