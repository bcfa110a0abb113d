//! A horizontal bar chart as SVG: one bar per item, label on the left, value text on the bar.
//! Used for the funnel, headcount and budget by role, segment values.

use yew::prelude::*;

/// One bar. `value` sets the length (relative to the largest); `text` is what is printed.
#[derive(Clone, PartialEq)]
pub struct Bar {
    pub label: AttrValue,
    pub value: f64,
    pub text: AttrValue,
    /// Drawn in the accent colour (e.g. the biggest lever, a role over norm).
    pub highlight: bool,
}

#[derive(Properties, PartialEq)]
pub struct BarChartProps {
    /// `data-testid` of the chart.
    pub id: AttrValue,
    /// Read by screen readers as the chart's name.
    pub title: AttrValue,
    pub bars: Vec<Bar>,
    /// Centre the bars (a funnel shape) instead of aligning them left.
    #[prop_or_default]
    pub centered: bool,
}

// The SVG scales with its box; at 360 px wide a 480-unit view keeps 13-unit text readable.
const WIDTH: f64 = 480.0;
/// Room for a label of [`LABEL_CHARS`] characters at 13 units (about 8 units a character).
const LABEL_WIDTH: f64 = 170.0;
/// Longer labels are cut with an ellipsis (the full text is the bar's tooltip).
const LABEL_CHARS: usize = 19;
const ROW: f64 = 32.0;
const BAR: f64 = 24.0;

#[function_component(BarChart)]
pub fn bar_chart(props: &BarChartProps) -> Html {
    let max = props
        .bars
        .iter()
        .map(|b| b.value)
        .filter(|v| v.is_finite())
        .fold(0.0_f64, f64::max);
    let plot = WIDTH - LABEL_WIDTH - 8.0;
    let height = (props.bars.len() as f64 * ROW).max(ROW);
    html! {
        <svg class="chart bar-chart" data-testid={props.id.clone()} role="img" aria-label={props.title.clone()}
            viewBox={format!("0 0 {WIDTH} {height}")} preserveAspectRatio="xMinYMin meet">
            <title>{ props.title.clone() }</title>
            { for props.bars.iter().enumerate().map(|(i, bar)| {
                let share = if max > 0.0 && bar.value.is_finite() { (bar.value / max).clamp(0.0, 1.0) } else { 0.0 };
                // A visible sliver even for tiny values, so the bar exists.
                let len = (share * plot).max(2.0);
                let x = if props.centered { LABEL_WIDTH + (plot - len) / 2.0 } else { LABEL_WIDTH };
                let y = i as f64 * ROW + (ROW - BAR) / 2.0;
                let fill = if bar.highlight { "#0f7b6c" } else { "#1f4e79" };
                // Value text inside the bar when it fits, else right of it.
                let inside = len > 80.0;
                let tx = if inside { x + len / 2.0 } else { x + len + 6.0 };
                let anchor = if inside { "middle" } else { "start" };
                // A class, not a `fill` attribute: the stylesheet's `.chart text` colour would
                // win over the attribute and leave dark text on the dark bar.
                let text_class = if inside { "on-bar" } else { "beside-bar" };
                html! {
                    <g>
                        <text class="bar-label" x={(LABEL_WIDTH - 8.0).to_string()} y={(y + BAR / 2.0 + 4.0).to_string()} text-anchor="end">
                            if bar.label.chars().count() > LABEL_CHARS {
                                <title>{ bar.label.clone() }</title>
                            }
                            { truncate(&bar.label, LABEL_CHARS) }
                        </text>
                        <rect x={x.to_string()} y={y.to_string()} width={len.to_string()} height={BAR.to_string()} rx="3" fill={fill} />
                        <text x={tx.to_string()} y={(y + BAR / 2.0 + 4.0).to_string()} text-anchor={anchor} class={text_class}>
                            { bar.text.clone() }
                        </text>
                    </g>
                }
            }) }
        </svg>
    }
}

/// Long labels end with an ellipsis so they never run into the bars.
fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max_chars - 1).collect();
        t.push('…');
        t
    }
}
