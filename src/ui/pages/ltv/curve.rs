//! The cumulative value curve of one client as an SVG line chart: discounted and undiscounted
//! margin over the periods, the CAC as a horizontal line and the payback period marked.

use yew::prelude::*;

use super::text;
use super::Ctx;
use crate::i18n::numbers::format_count;
use crate::i18n::{tr, Lang};
use crate::model::ltv::{CurvePoint, LtvReport};

const WIDTH: f64 = 640.0;
const HEIGHT: f64 = 300.0;
/// Value labels sit inside the plot, above their grid lines, so the plot keeps its width on
/// a phone where the text is drawn larger.
const LEFT: f64 = 10.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 28.0;
const BOTTOM: f64 = 50.0;

/// A round step near `span / target_ticks`: 1, 2 or 5 times a power of ten.
fn nice_step(span: f64, target_ticks: f64) -> f64 {
    if !(span.is_finite() && span > 0.0) {
        return 1.0;
    }
    let raw = span / target_ticks;
    let power = 10f64.powf(raw.log10().floor());
    let base = raw / power;
    let nice = if base <= 1.0 {
        1.0
    } else if base <= 2.0 {
        2.0
    } else if base <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// Ticks 0, step, 2 step, ... covering `max`.
fn ticks(max: f64, target_ticks: f64) -> (Vec<f64>, f64) {
    let step = nice_step(max, target_ticks);
    let top = (max / step).ceil().max(1.0) * step;
    let count = (top / step).round() as usize;
    ((0..=count).map(|i| i as f64 * step).collect(), top)
}

/// Maps periods and money to the plot area.
struct Scale {
    x_max: f64,
    y_max: f64,
}

impl Scale {
    fn x(&self, period: f64) -> f64 {
        LEFT + period / self.x_max * (WIDTH - LEFT - RIGHT)
    }

    fn y(&self, value: f64) -> f64 {
        let share = (value / self.y_max).clamp(0.0, 1.0);
        TOP + (1.0 - share) * (HEIGHT - TOP - BOTTOM)
    }

    fn path(&self, points: &[CurvePoint], value: fn(&CurvePoint) -> f64) -> String {
        points
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let cmd = if i == 0 { 'M' } else { 'L' };
                format!(
                    "{cmd}{:.1},{:.1}",
                    self.x(f64::from(p.period)),
                    self.y(value(p))
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }
}

pub fn view(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    let Some(r) = ctx.report else {
        return html! {};
    };
    html! {
        <section class={ctx.results_class("card ltv-curve")} aria-labelledby="ltv-curve-title">
            <h2 id="ltv-curve-title">{ tr(lang, "Накопленная ценность клиента", "Cumulative client value") }</h2>
            { chart(ctx, r) }
            <ul class="ltv-legend">
                <li><span class="ltv-swatch ltv-swatch-discounted"></span>{ tr(lang, "с дисконтированием", "discounted") }</li>
                <li><span class="ltv-swatch ltv-swatch-undiscounted"></span>{ tr(lang, "без дисконтирования", "undiscounted") }</li>
                <li><span class="ltv-swatch ltv-swatch-cac"></span>{ "CAC" }</li>
                if r.payback_periods.is_some_and(|n| n > 0) {
                    <li><span class="ltv-swatch ltv-swatch-payback"></span>{ tr(lang, "окупаемость CAC", "CAC payback") }</li>
                }
            </ul>
        </section>
    }
}

fn chart(ctx: &Ctx, r: &LtvReport) -> Html {
    let lang = ctx.lang;
    let points = &r.curve;
    let last = points.last().map_or(1.0, |p| f64::from(p.period)).max(1.0);
    let highest = points
        .iter()
        .map(|p| p.undiscounted.max(p.discounted))
        .fold(r.cac, f64::max);
    let (y_ticks, y_max) = ticks(highest, 4.0);
    let (x_ticks, _) = ticks(last, 6.0);
    let scale = Scale { x_max: last, y_max };
    let x_ticks: Vec<f64> = x_ticks.into_iter().filter(|t| *t <= last).collect();
    let discounted = scale.path(points, |p| p.discounted);
    let undiscounted = scale.path(points, |p| p.undiscounted);
    let cac_y = scale.y(r.cac);
    let payback = r
        .payback_periods
        .filter(|n| *n > 0 && f64::from(*n) <= last)
        .map(f64::from);
    html! {
        <svg class="chart ltv-chart" data-testid="ltv-curve" role="img" aria-label={aria_label(ctx, r)}
            viewBox={format!("0 0 {WIDTH} {HEIGHT}")} preserveAspectRatio="xMidYMid meet">
            <title>{ aria_label(ctx, r) }</title>
            { for y_ticks.iter().map(|t| {
                let y = scale.y(*t);
                html! {
                    <g>
                        <line class="ltv-grid" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()}
                            y1={format!("{y:.1}")} y2={format!("{y:.1}")} />
                        if *t > 0.0 {
                            <text class="muted ltv-value-label" x={(LEFT + 4.0).to_string()} y={format!("{:.1}", y - 5.0)}>
                                { text::compact_money(*t, lang) }
                            </text>
                        }
                    </g>
                }
            }) }
            { for x_ticks.iter().map(|t| {
                let x = scale.x(*t);
                // The last label would be cut at the right edge if centred on its tick.
                let anchor = if x > WIDTH - RIGHT - 30.0 { "end" } else { "middle" };
                html! {
                    <text class="muted" x={format!("{x:.1}")} y={(HEIGHT - BOTTOM + 20.0).to_string()} text-anchor={anchor}>
                        { format_count(*t, lang) }
                    </text>
                }
            }) }
            <line class="ltv-axis" x1={LEFT.to_string()} x2={LEFT.to_string()} y1={TOP.to_string()}
                y2={(HEIGHT - BOTTOM).to_string()} />
            <line class="ltv-axis" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()}
                y1={(HEIGHT - BOTTOM).to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
            <text class="muted" x={((LEFT + WIDTH - RIGHT) / 2.0).to_string()} y={(HEIGHT - 6.0).to_string()} text-anchor="middle">
                { axis_title(r, lang) }
            </text>
            if r.cac > 0.0 {
                <line class="ltv-cac-line" x1={LEFT.to_string()} x2={(WIDTH - RIGHT).to_string()}
                    y1={format!("{cac_y:.1}")} y2={format!("{cac_y:.1}")} />
                <text class="ltv-cac-label" x={(WIDTH - RIGHT - 4.0).to_string()} y={format!("{:.1}", cac_y - 5.0)} text-anchor="end">
                    { format!("CAC {}", text::money(r.cac, ctx.currency, lang)) }
                </text>
            }
            if let Some(n) = payback {
                <line class="ltv-payback-line" x1={format!("{:.1}", scale.x(n))} x2={format!("{:.1}", scale.x(n))}
                    y1={TOP.to_string()} y2={(HEIGHT - BOTTOM).to_string()} />
            }
            <path class="ltv-line-undiscounted" d={undiscounted} />
            <path class="ltv-line-discounted" d={discounted} />
        </svg>
    }
}

fn axis_title(r: &LtvReport, lang: Lang) -> String {
    let unit = match (r.period, lang) {
        (p, Lang::Ru) => match p {
            crate::model::ltv::Period::Month => "месяцы",
            crate::model::ltv::Period::Quarter => "кварталы",
            crate::model::ltv::Period::Year => "годы",
        },
        (p, Lang::En) => match p {
            crate::model::ltv::Period::Month => "months",
            crate::model::ltv::Period::Quarter => "quarters",
            crate::model::ltv::Period::Year => "years",
        },
    };
    match lang {
        Lang::Ru => format!("Время с привлечения, {unit}"),
        Lang::En => format!("Time since acquisition, {unit}"),
    }
}

/// What a screen reader hears: the span and where the curve ends.
fn aria_label(ctx: &Ctx, r: &LtvReport) -> String {
    let lang = ctx.lang;
    let Some(end) = r.curve.last() else {
        return tr(
            lang,
            "Накопленная ценность клиента",
            "Cumulative client value",
        )
        .to_string();
    };
    let span = text::periods(f64::from(end.period), r.period, lang);
    let value = text::money(end.discounted, ctx.currency, lang);
    match lang {
        Lang::Ru => format!("Накопленная ценность клиента: за {span} — {value} с дисконтированием"),
        Lang::En => format!("Cumulative client value: {value} discounted after {span}"),
    }
}
