//! The funnel page's SVG charts: the funnel itself, the sellers' geometry against the norm,
//! and the cycle as a timeline. They draw what they are given; every figure is the model's.

use yew::prelude::*;

/// One stage of the funnel chart.
pub struct FunnelBar {
    pub label: String,
    /// Sets the bar's width relative to the largest.
    pub value: f64,
    /// Printed on the bar.
    pub text: String,
    /// Conversion to the next stage, printed between this bar and the next.
    pub conversion: Option<String>,
}

const W: f64 = 600.0;

/// Colours of the sellers' lines; the norm is drawn dark and dashed.
const SELLER_COLORS: [&str; 8] = [
    "#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#e67e00", "#17a2b8", "#8c564b", "#d63384",
];

pub fn seller_color(index: usize) -> &'static str {
    SELLER_COLORS[index % SELLER_COLORS.len()]
}

fn px(v: f64) -> String {
    format!("{:.1}", v)
}

/// Long labels end with an ellipsis so they never run into the bars.
pub fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max_chars.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// The funnel: one centred bar per stage, its volume on it, the conversion between bars.
/// `drawn: false` gives the empty frame of the same size (the chart is at the fold on a
/// first load; it is drawn one frame after the first paint, so nothing below it moves).
pub fn funnel_chart(id: &'static str, title: &str, bars: &[FunnelBar], drawn: bool) -> Html {
    const LABEL: f64 = 150.0;
    const CONV: f64 = 70.0;
    const ROW: f64 = 46.0;
    const BAR: f64 = 28.0;
    let plot = W - LABEL - CONV;
    let center = LABEL + plot / 2.0;
    let max = bars
        .iter()
        .map(|b| b.value)
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let width = |v: f64| {
        let share = if max > 0.0 && v.is_finite() {
            (v / max).clamp(0.0, 1.0)
        } else {
            0.0
        };
        (share * (plot - 8.0)).max(3.0)
    };
    let top = |i: usize| i as f64 * ROW + 4.0;
    let height = (bars.len() as f64 * ROW).max(ROW);
    let last = bars.len().saturating_sub(1);
    html! {
        <svg class="chart funnel-svg" data-testid={id} role="img" aria-label={title.to_string()}
            viewBox={format!("0 0 {W} {height}")} preserveAspectRatio="xMidYMin meet">
            <title>{ title.to_string() }</title>
            if drawn {
                // Connectors first, so the bars are drawn over them.
                { for bars.windows(2).enumerate().map(|(i, pair)| {
                    let (a, b) = (width(pair[0].value) / 2.0, width(pair[1].value) / 2.0);
                    let (y0, y1) = (top(i) + BAR, top(i + 1));
                    html! {
                        <polygon class="funnel-neck" points={format!(
                            "{},{} {},{} {},{} {},{}",
                            px(center - a), px(y0), px(center + a), px(y0),
                            px(center + b), px(y1), px(center - b), px(y1))} />
                    }
                }) }
                { for bars.iter().enumerate().map(|(i, bar)| {
                    let w = width(bar.value);
                    let y = top(i);
                    let x = center - w / 2.0;
                    let inside = w > 74.0;
                    let mid = y + BAR / 2.0 + 4.5;
                    html! {
                        <g>
                            <text x={px(LABEL - 10.0)} y={px(mid)} text-anchor="end">{ truncate(&bar.label, 20) }</text>
                            <rect x={px(x)} y={px(y)} width={px(w)} height={px(BAR)} rx="4"
                                class={if i == last { "funnel-bar funnel-bar-deal" } else { "funnel-bar" }} />
                            <text x={px(if inside { center } else { x + w + 6.0 })} y={px(mid)}
                                text-anchor={if inside { "middle" } else { "start" }}
                                class={if inside { "on-bar" } else { "beside-bar" }}>{ bar.text.clone() }</text>
                            if let Some(conv) = &bar.conversion {
                                <text x={px(W - CONV / 2.0)} y={px(y + BAR + (ROW - BAR) / 2.0 + 4.5)}
                                    text-anchor="middle" class="muted">{ format!("↓ {conv}") }</text>
                            }
                        </g>
                    }
                }) }
            }
        </svg>
    }
}

/// One seller's line in the geometry chart.
pub struct GeometryLine {
    pub name: String,
    pub color: &'static str,
    /// Conversion per transition, %; `None` where it is not measured.
    pub points: Vec<Option<f64>>,
    /// The transition that loses the most money, ringed.
    pub weakest: Option<usize>,
}

/// What the geometry chart draws: the norm and the sellers' conversions per transition.
pub struct Geometry<'a> {
    pub title: &'a str,
    /// Short name of each transition for the axis.
    pub axis: Vec<String>,
    /// Full name of each transition, for tooltips.
    pub names: Vec<String>,
    pub norm: Vec<f64>,
    pub norm_label: &'a str,
    pub lines: Vec<GeometryLine>,
    /// Formats a conversion for the tooltips and the axis.
    pub percent: &'a dyn Fn(f64) -> String,
}

/// Conversion at every transition, norm (dashed) against each seller (coloured lines).
pub fn geometry_chart(id: &'static str, g: &Geometry) -> Html {
    const H: f64 = 270.0;
    const L: f64 = 52.0;
    const R: f64 = 16.0;
    const T: f64 = 14.0;
    const B: f64 = 40.0;
    let (pw, ph) = (W - L - R, H - T - B);
    let n = g.norm.len().max(1);
    let highest = g
        .lines
        .iter()
        .flat_map(|l| l.points.iter().flatten())
        .chain(g.norm.iter())
        .copied()
        .filter(|v| v.is_finite())
        .fold(100.0_f64, f64::max)
        .min(300.0);
    let y_max = (highest / 20.0).ceil() * 20.0;
    let x = |j: usize| L + (j as f64 + 0.5) * pw / n as f64;
    let y = |v: f64| T + ph - (v.clamp(0.0, y_max) / y_max) * ph;
    let ticks: Vec<f64> = (0..=5).map(|k| y_max * k as f64 / 5.0).collect();
    let polyline = |values: &[Option<f64>]| -> Vec<String> {
        // Unmeasured transitions break the line into runs.
        let mut runs = Vec::new();
        let mut current = Vec::new();
        for (j, v) in values.iter().enumerate() {
            match v {
                Some(v) if v.is_finite() => current.push(format!("{},{}", px(x(j)), px(y(*v)))),
                _ => {
                    if !current.is_empty() {
                        runs.push(current.join(" "));
                        current.clear();
                    }
                }
            }
        }
        if !current.is_empty() {
            runs.push(current.join(" "));
        }
        runs
    };
    let norm_points: Vec<Option<f64>> = g.norm.iter().copied().map(Some).collect();
    html! {
        <svg class="chart geometry-svg" data-testid={id} role="img" aria-label={g.title.to_string()}
            viewBox={format!("0 0 {W} {H}")} preserveAspectRatio="xMidYMin meet">
            <title>{ g.title.to_string() }</title>
            { for ticks.iter().map(|&t| html! {
                <g>
                    <line class="grid" x1={px(L)} x2={px(W - R)} y1={px(y(t))} y2={px(y(t))} />
                    <text class="muted" x={px(L - 6.0)} y={px(y(t) + 4.0)} text-anchor="end">{ (g.percent)(t) }</text>
                </g>
            }) }
            { for g.axis.iter().enumerate().map(|(j, label)| html! {
                <text class="muted" x={px(x(j))} y={px(H - B + 18.0)} text-anchor="middle">
                    <title>{ g.names.get(j).cloned().unwrap_or_default() }</title>
                    { label.clone() }
                </text>
            }) }
            { for polyline(&norm_points).into_iter().map(|pts| html! {
                <polyline class="norm-line" points={pts} />
            }) }
            { for g.norm.iter().enumerate().map(|(j, &v)| html! {
                <circle class="norm-dot" cx={px(x(j))} cy={px(y(v))} r="3.5">
                    <title>{ format!("{}: {} — {}", g.norm_label, (g.percent)(v), g.names.get(j).cloned().unwrap_or_default()) }</title>
                </circle>
            }) }
            { for g.lines.iter().map(|line| html! {
                <g class="seller-line">
                    { for polyline(&line.points).into_iter().map(|pts| html! {
                        <polyline points={pts} fill="none" stroke={line.color} stroke-width="2" />
                    }) }
                    { for line.points.iter().enumerate().filter_map(|(j, v)| v.filter(|v| v.is_finite()).map(|v| (j, v))).map(|(j, v)| html! {
                        <g>
                            if line.weakest == Some(j) {
                                <circle class="weakest-ring" cx={px(x(j))} cy={px(y(v))} r="8" />
                            }
                            <circle cx={px(x(j))} cy={px(y(v))} r="4" fill={line.color}>
                                <title>{ format!("{}: {} — {}", line.name, (g.percent)(v), g.names.get(j).cloned().unwrap_or_default()) }</title>
                            </circle>
                        </g>
                    }) }
                </g>
            }) }
        </svg>
    }
}

/// One stage of the cycle timeline.
pub struct CycleSegment {
    pub label: String,
    pub days: f64,
    pub text: String,
    /// Day (from entry) the stage starts on, printed under the bar.
    pub start_text: String,
}

/// The cycle as one bar split into the stages' days.
pub fn cycle_chart(
    id: &'static str,
    title: &str,
    segments: &[CycleSegment],
    total_text: &str,
) -> Html {
    const CW: f64 = 400.0;
    const H: f64 = 66.0;
    const BAR: f64 = 30.0;
    let total: f64 = segments.iter().map(|s| s.days).sum();
    if total <= 0.0 || !total.is_finite() {
        return html! {};
    }
    let mut x = 0.0;
    let mut last_tick = f64::NEG_INFINITY;
    let parts: Vec<Html> = segments
        .iter()
        .enumerate()
        .filter(|(_, s)| s.days > 0.0)
        .map(|(i, s)| {
            let w = s.days / total * CW;
            let start = x;
            x += w;
            let label = format!("{} · {}", s.label, s.text);
            // The longest text that fits the segment (about 8 units a character).
            let fits = |t: &str| (t.chars().count() as f64) * 8.0 < w - 8.0;
            let shown = [label.clone(), s.text.clone()].into_iter().find(|t| fits(t));
            let tick = start - last_tick > 28.0 && start < CW - 50.0;
            if tick {
                last_tick = start;
            }
            html! {
                <g>
                    <rect x={px(start)} y="4" width={px(w.max(1.0))} height={px(BAR)}
                        fill={SELLER_COLORS[i % SELLER_COLORS.len()]} class="cycle-part">
                        <title>{ label.clone() }</title>
                    </rect>
                    if let Some(shown) = shown {
                        <text class="on-bar" x={px(start + w / 2.0)} y={px(4.0 + BAR / 2.0 + 4.5)} text-anchor="middle">
                            { shown }
                        </text>
                    }
                    if tick {
                        <text class="muted" x={px(start + 2.0)} y={px(H - 8.0)} text-anchor="start">{ s.start_text.clone() }</text>
                    }
                </g>
            }
        })
        .collect();
    html! {
        <svg class="chart cycle-svg" data-testid={id} role="img" aria-label={title.to_string()}
            viewBox={format!("0 0 {CW} {H}")} preserveAspectRatio="xMidYMin meet">
            <title>{ title.to_string() }</title>
            { for parts }
            <text class="muted" x={px(CW - 2.0)} y={px(H - 8.0)} text-anchor="end">{ total_text.to_string() }</text>
        </svg>
    }
}
