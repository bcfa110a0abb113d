//! The holdout check of the forecast: what the model fitted on the calibration period
//! expected in the days after it against what happened, per calibration frequency, as a
//! sentence, a chart and a table (the classic CDNOW figure).

use yew::prelude::*;

use crate::i18n::forecast::{frequency_group, holdout_summary};
use crate::i18n::numbers::{format_count, format_number, format_percent};
use crate::i18n::{tr, Lang};
use crate::model::clients::clv::{Holdout, HoldoutQuality, GROUPS};

// The chart's view box: a pair of bars per group.
const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 8.0;
const BOTTOM: f64 = 22.0;
const TOP: f64 = 16.0;

pub fn view(h: &Holdout, lang: Lang) -> Html {
    let good = h.quality() != HoldoutQuality::Poor;
    let per_client: Vec<(f64, f64)> = h.groups.iter().map(|g| g.per_client()).collect();
    html! {
        <div class="holdout" data-testid="holdout">
            <h3>{ tr(lang, "Проверка на отложенном периоде", "Check on a holdout period") }</h3>
            <p class={classes!("verdict", if good { "good" } else { "warning" })} data-testid="holdout-summary" role="status">
                { holdout_summary(h, lang) }
            </p>
            { chart(&per_client, lang) }
            <table class="data-table" data-testid="holdout-table">
                <caption class="visually-hidden">{ tr(lang, "Ожидаемые и фактические повторные покупки по частоте покупок в калибровке",
                    "Expected and actual repeat purchases by purchases in the calibration period") }</caption>
                <thead>
                    <tr>
                        <th scope="col">{ tr(lang, "Повторных покупок в калибровке", "Repeat purchases in calibration") }</th>
                        <th scope="col">{ tr(lang, "Клиентов", "Clients") }</th>
                        <th scope="col">{ tr(lang, "Ожидалось на клиента", "Expected per client") }</th>
                        <th scope="col">{ tr(lang, "Было на клиента", "Actual per client") }</th>
                        <th scope="col">{ tr(lang, "Ожидалось всего", "Expected in total") }</th>
                        <th scope="col">{ tr(lang, "Было всего", "Actual in total") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for h.groups.iter().zip(&per_client).enumerate().map(|(i, (g, (p, a)))| html! {
                        <tr data-testid={format!("holdout-group-{i}")}>
                            <th scope="row">{ frequency_group(i, i == GROUPS - 1) }</th>
                            <td data-testid={format!("holdout-group-{i}-clients")}>{ format_count(g.clients as f64, lang) }</td>
                            <td data-testid={format!("holdout-group-{i}-predicted")}>{ format_number(*p, 2, lang) }</td>
                            <td data-testid={format!("holdout-group-{i}-actual")}>{ format_number(*a, 2, lang) }</td>
                            <td>{ format_number(g.predicted, 1, lang) }</td>
                            <td>{ format_count(g.actual, lang) }</td>
                        </tr>
                    }) }
                </tbody>
                <tfoot>
                    <tr>
                        <th scope="row">{ tr(lang, "Итого", "Total") }</th>
                        <td>{ format_count(h.clients as f64, lang) }</td>
                        <td></td>
                        <td></td>
                        <td data-testid="holdout-total-predicted">{ format_number(h.predicted, 1, lang) }</td>
                        <td data-testid="holdout-total-actual">{ format_count(h.actual, lang) }</td>
                    </tr>
                    <tr>
                        <th scope="row">{ tr(lang, "Ошибка прогноза", "Forecast error") }</th>
                        <td colspan="5" data-testid="holdout-error">{
                            h.error().map_or("—".to_string(), |e| format_percent(e * 100.0, 1, lang))
                        }</td>
                    </tr>
                </tfoot>
            </table>
        </div>
    }
}

/// Pairs of bars per frequency group: expected (outlined) and actual (filled) purchases
/// per client in the holdout.
fn chart(per_client: &[(f64, f64)], lang: Lang) -> Html {
    let max = per_client
        .iter()
        .flat_map(|&(p, a)| [p, a])
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let plot_h = HEIGHT - TOP - BOTTOM;
    let slot = (WIDTH - LEFT) / per_client.len().max(1) as f64;
    let bar_w = slot * 0.36;
    let height = |v: f64| {
        if max > 0.0 && v.is_finite() {
            (v / max * plot_h).max(1.0)
        } else {
            1.0
        }
    };
    let title = tr(
        lang,
        "Повторные покупки на клиента в отложенном периоде: ожидалось (контур) и было (заливка)",
        "Repeat purchases per client in the holdout: expected (outline) and actual (filled)",
    );
    html! {
        <svg class="chart holdout-chart" data-testid="holdout-chart" role="img" aria-label={title}
            viewBox={format!("0 0 {WIDTH} {HEIGHT}")} preserveAspectRatio="xMinYMin meet">
            <title>{ title }</title>
            { for per_client.iter().enumerate().map(|(i, &(p, a))| {
                let x = LEFT + i as f64 * slot + slot * 0.12;
                let (hp, ha) = (height(p), height(a));
                let base = HEIGHT - BOTTOM;
                html! {
                    <g>
                        <rect x={format!("{x:.1}")} y={format!("{:.1}", base - hp)} width={format!("{bar_w:.1}")} height={format!("{hp:.1}")}
                            fill="none" stroke="#1f4e79" stroke-width="2" />
                        <rect x={format!("{:.1}", x + bar_w)} y={format!("{:.1}", base - ha)} width={format!("{bar_w:.1}")} height={format!("{ha:.1}")}
                            fill="#0f7b6c" />
                        <text x={format!("{:.1}", x + bar_w)} y={format!("{:.1}", HEIGHT - 6.0)} text-anchor="middle" font-size="12">
                            { frequency_group(i, i == per_client.len() - 1) }
                        </text>
                    </g>
                }
            }) }
        </svg>
    }
}
