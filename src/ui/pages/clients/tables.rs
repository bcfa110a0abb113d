//! The analysis tables: ABC and XYZ with their 9-cell matrix, RFM segments, the
//! reactivation list and the most valuable clients.

use yew::prelude::*;

use super::report::{date_text, kebab, ReportProps};
use crate::i18n::clients::{abc_name, segment_hint, segment_name, xyz_name};
use crate::i18n::numbers::{format_count, format_money, format_number, format_percent};
use crate::i18n::{tr, Lang};
use crate::model::clients::analysis::{Abc, GroupTotals, Xyz};
use crate::model::clients::rfm::Segment;
use crate::model::clients::LIST_ROWS;
use crate::model::Currency;
use crate::ui::state::use_app;
use crate::ui::widgets::{Bar, BarChart};

fn share(g: &GroupTotals, lang: Lang) -> String {
    format!(
        "{} · {}",
        format_count(g.clients as f64, lang),
        format_percent(g.revenue_pct, 1, lang)
    )
}

#[function_component(AbcXyzView)]
pub fn abc_xyz_view(props: &ReportProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let currency = app.plan().clients_currency();
    let r = &props.report;
    let xyz_rows: Vec<Option<Xyz>> = Xyz::ALL.iter().copied().map(Some).chain([None]).collect();
    let key = |x: Option<Xyz>| xyz_name(x).replace('—', "none").to_lowercase();
    html! {
        <section class="card" aria-labelledby="abc-title">
            <h2 id="abc-title">{ tr(lang, "ABC / XYZ", "ABC / XYZ") }</h2>
            <p class="hint">{ tr(lang,
                "A, B, C — доли выручки; X, Y, Z — стабильность выручки по месяцам (X — ровно, Z — скачками). В ячейке: клиентов · доля выручки.",
                "A, B, C: shares of revenue; X, Y, Z: how steady monthly revenue is (X even, Z erratic). In a cell: clients · share of revenue.") }</p>
            <div class="table-wrap">
                <table class="data-table abc-table" data-testid="abc-summary">
                    <thead><tr>
                        <th scope="col">{ tr(lang, "Группа", "Group") }</th>
                        <th scope="col">{ tr(lang, "Клиентов", "Clients") }</th>
                        <th scope="col">{ tr(lang, "Доля клиентов", "Share of clients") }</th>
                        <th scope="col">{ tr(lang, "Выручка", "Revenue") }</th>
                        <th scope="col">{ tr(lang, "Доля выручки", "Share of revenue") }</th>
                    </tr></thead>
                    <tbody>
                        { for Abc::ALL.iter().zip(r.abc.iter()).map(|(abc, g)| {
                            let id = abc_name(*abc).to_lowercase();
                            html! {
                                <tr>
                                    <th scope="row">{ abc_name(*abc) }</th>
                                    <td data-testid={format!("abc-{id}-clients")}>{ format_count(g.clients as f64, lang) }</td>
                                    <td>{ format_percent(g.clients_pct, 1, lang) }</td>
                                    <td data-testid={format!("abc-{id}-revenue")}>{ format_money(g.revenue, currency, 0, lang) }</td>
                                    <td>{ format_percent(g.revenue_pct, 1, lang) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="table-wrap">
                <table class="data-table matrix-table" data-testid="abc-xyz-matrix">
                    <caption>{ tr(lang, "Матрица ABC-XYZ", "The ABC-XYZ matrix") }</caption>
                    <thead><tr>
                        <th scope="col"></th>
                        { for xyz_rows.iter().map(|x| html! {
                            <th scope="col">{ match x {
                                Some(_) => xyz_name(*x).to_string(),
                                None => tr(lang, "мало истории", "short history").to_string(),
                            } }</th>
                        }) }
                    </tr></thead>
                    <tbody>
                        { for Abc::ALL.iter().map(|abc| html! {
                            <tr>
                                <th scope="row">{ abc_name(*abc) }</th>
                                { for xyz_rows.iter().map(|x| {
                                    let cell = r.matrix.cell(*abc, *x);
                                    html! {
                                        <td class={classes!("matrix-cell", (cell.clients > 0).then_some("matrix-filled"))}
                                            data-testid={format!("matrix-{}-{}", abc_name(*abc).to_lowercase(), key(*x))}>
                                            { share(cell, lang) }
                                        </td>
                                    }
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[function_component(SegmentsView)]
pub fn segments_view(props: &ReportProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let currency = app.plan().clients_currency();
    let r = &props.report;
    let bars: Vec<Bar> = Segment::ALL
        .iter()
        .zip(r.segments.iter())
        .map(|(s, g)| Bar {
            label: segment_name(*s, lang).into(),
            value: g.clients as f64,
            text: format_count(g.clients as f64, lang).into(),
            highlight: s.needs_reactivation(),
        })
        .collect();
    html! {
        <section class="card" aria-labelledby="rfm-title">
            <h2 id="rfm-title">{ tr(lang, "Сегменты RFM", "RFM segments") }</h2>
            <p class="hint">{ tr(lang,
                "Баллы 1–5 по давности (R), частоте (F) и сумме (M) покупок; сегмент — по R и F.",
                "Scores 1-5 for recency (R), frequency (F) and money (M); the segment follows R and F.") }</p>
            <div class="two-col">
                <div class="table-wrap">
                    <table class="data-table" data-testid="rfm-segments">
                        <thead><tr>
                            <th scope="col">{ tr(lang, "Сегмент", "Segment") }</th>
                            <th scope="col">{ tr(lang, "Клиентов", "Clients") }</th>
                            <th scope="col">{ tr(lang, "Выручка", "Revenue") }</th>
                            <th scope="col">{ tr(lang, "Доля выручки", "Share of revenue") }</th>
                        </tr></thead>
                        <tbody>
                            { for Segment::ALL.iter().zip(r.segments.iter()).map(|(s, g)| {
                                let id = kebab(&format!("{s:?}"));
                                html! {
                                    <tr>
                                        <th scope="row">
                                            <span class="segment-name">{ segment_name(*s, lang) }</span>
                                            <span class="segment-hint">{ segment_hint(*s, lang) }</span>
                                        </th>
                                        <td data-testid={format!("segment-{id}-clients")}>{ format_count(g.clients as f64, lang) }</td>
                                        <td data-testid={format!("segment-{id}-revenue")}>{ format_money(g.revenue, currency, 0, lang) }</td>
                                        <td>{ format_percent(g.revenue_pct, 1, lang) }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
                <BarChart id="rfm-chart" title={tr(lang, "Клиентов по сегментам", "Clients by segment")} bars={bars} />
            </div>
        </section>
    }
}

#[function_component(ReactivationView)]
pub fn reactivation_view(props: &ReportProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let currency = app.plan().clients_currency();
    let r = &props.report;
    html! {
        <section class="card" aria-labelledby="reactivation-list-title">
            <h2 id="reactivation-list-title">{ tr(lang, "Кого вернуть: список реактивации", "Whom to win back: the reactivation list") }</h2>
            <p class="hint" data-testid="reactivation-total">{ match lang {
                Lang::Ru => format!("Клиентов под угрозой ухода и спящих: {}. Их выручка за всё время: {}. {}",
                    format_count(r.reactivation_total as f64, lang), format_money(r.base.sleeping_revenue, currency, 0, lang),
                    more_text(r.reactivation_total, lang)),
                Lang::En => format!("Clients at risk and sleeping: {}. Their revenue so far: {}. {}",
                    format_count(r.reactivation_total as f64, lang), format_money(r.base.sleeping_revenue, currency, 0, lang),
                    more_text(r.reactivation_total, lang)),
            } }</p>
            if !r.reactivation.is_empty() {
                <div class="table-wrap table-tall" tabindex="0" role="region" aria-labelledby="reactivation-list-title">
                    <table class="data-table" data-testid="reactivation-list">
                        <thead><tr>
                            <th scope="col">{ tr(lang, "Клиент", "Client") }</th>
                            <th scope="col">{ tr(lang, "Сегмент", "Segment") }</th>
                            <th scope="col">{ tr(lang, "Последняя покупка", "Last purchase") }</th>
                            <th scope="col">{ tr(lang, "Дней назад", "Days ago") }</th>
                            <th scope="col">{ tr(lang, "Покупок", "Purchases") }</th>
                            <th scope="col">{ tr(lang, "Выручка", "Revenue") }</th>
                        </tr></thead>
                        <tbody>
                            { for r.reactivation.iter().enumerate().map(|(i, row)| html! {
                                <tr data-testid={format!("reactivation-{}", i + 1)}>
                                    <th scope="row">{ row.id.clone() }</th>
                                    <td>{ segment_name(row.segment, lang) }</td>
                                    <td>{ date_text(row.last_day, lang) }</td>
                                    <td>{ format_count(f64::from(row.recency_days), lang) }</td>
                                    <td>{ format_count(f64::from(row.purchases), lang) }</td>
                                    <td>{ format_money(row.revenue, currency, 0, lang) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            }
        </section>
    }
}

fn more_text(total: usize, lang: Lang) -> String {
    if total > LIST_ROWS {
        match lang {
            Lang::Ru => format!("Показаны первые {LIST_ROWS}; весь список — в выгрузке."),
            Lang::En => format!("The first {LIST_ROWS} are shown; the export has them all."),
        }
    } else {
        String::new()
    }
}

#[function_component(TopClientsView)]
pub fn top_clients_view(props: &ReportProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let currency: Currency = app.plan().clients_currency();
    let r = &props.report;
    let with_forecast = r.top_clients.iter().any(|c| c.predicted.is_some());
    html! {
        <section class="card" aria-labelledby="top-clients-title">
            <h2 id="top-clients-title">{ if with_forecast {
                tr(lang, "Самые ценные клиенты (по прогнозу)", "The most valuable clients (by forecast)")
            } else {
                tr(lang, "Крупнейшие клиенты (по выручке)", "The largest clients (by revenue)")
            } }</h2>
            <div class="table-wrap table-tall" tabindex="0" role="region" aria-labelledby="top-clients-title">
                <table class="data-table" data-testid="top-clients">
                    <thead><tr>
                        <th scope="col">{ tr(lang, "Клиент", "Client") }</th>
                        <th scope="col">{ "ABC / XYZ" }</th>
                        <th scope="col">{ "R-F-M" }</th>
                        <th scope="col">{ tr(lang, "Сегмент", "Segment") }</th>
                        <th scope="col">{ tr(lang, "Выручка", "Revenue") }</th>
                        <th scope="col">{ tr(lang, "Вероятность активности", "Probability alive") }</th>
                        <th scope="col">{ tr(lang, "Ожидаемых покупок", "Expected purchases") }</th>
                        <th scope="col">{ tr(lang, "Ожидаемый чек", "Expected spend") }</th>
                        <th scope="col">{ tr(lang, "Прогноз ценности", "Predicted value") }</th>
                    </tr></thead>
                    <tbody>
                        { for r.top_clients.iter().enumerate().map(|(i, c)| html! {
                            <tr data-testid={format!("top-client-{}", i + 1)}>
                                <th scope="row">{ c.id.clone() }</th>
                                <td>{ format!("{}{}", abc_name(c.abc), xyz_name(c.xyz)) }</td>
                                <td>{ format!("{}-{}-{}", c.r, c.f, c.m) }</td>
                                <td>{ segment_name(c.segment, lang) }</td>
                                <td>{ format_money(c.revenue, currency, 0, lang) }</td>
                                <td>{ c.predicted.map_or("—".into(), |p| format_percent(p.probability_alive * 100.0, 0, lang)) }</td>
                                <td>{ c.predicted.map_or("—".into(), |p| format_number(p.expected_purchases, 1, lang)) }</td>
                                <td>{ c.predicted.map_or("—".into(), |p| format_money(p.expected_avg_spend, currency, 0, lang)) }</td>
                                <td>{ c.predicted.map_or("—".into(), |p| format_money(p.predicted_value, currency, 0, lang)) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <p class="hint">{ match lang {
                Lang::Ru => format!("Показаны {} из {}; все клиенты — в выгрузке.", format_count(r.top_clients.len() as f64, lang), format_number(r.summary.clients as f64, 0, lang)),
                Lang::En => format!("{} of {} shown; the export has every client.", format_count(r.top_clients.len() as f64, lang), format_number(r.summary.clients as f64, 0, lang)),
            } }</p>
        </section>
    }
}
