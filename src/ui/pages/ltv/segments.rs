//! Segments of the client base: an editable table (A/B/C by default), each segment's LTV,
//! value and share, the base's value today and its potential under a development plan.

use yew::prelude::*;

use super::text;
use super::Ctx;
use crate::i18n::numbers::{format_count, format_percent};
use crate::i18n::plural::plural_shown;
use crate::i18n::{tr, Lang};
use crate::model::ltv::{
    field, Figure, Segment, SegmentReport, SegmentsReport, CHECK_PCT_RULE, MAX_SEGMENTS,
    PURCHASES_PLUS_RULE, RETENTION_PP_RULE,
};
use crate::model::Rule;
use crate::state::plan_edit::{LtvEdit, LtvNumber, SegmentNumber, UpliftNumber};
use crate::ui::widgets::{Bar, BarChart, Figure as FigureView, NumberField, TextField};

pub fn view(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    html! {
        <section class="card ltv-segments" aria-labelledby="ltv-segments-title">
            <h2 id="ltv-segments-title">{ tr(lang, "Ценность клиентской базы", "Value of the client base") }</h2>
            <p class="ltv-hint">{ tr(lang,
                "Сегменты со своими чеком, частотой, маржой и удержанием. Ставка, горизонт и период — общие с расчётом выше.",
                "Segments with their own check, frequency, margin and retention. Discount rate, horizon and period are shared with the inputs above.") }</p>
            { table(ctx) }
            <div class="actions ltv-segment-actions">
                { add_button(ctx) }
            </div>
            { development(ctx) }
            { chart(ctx) }
        </section>
    }
}

fn add_button(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    let count = ctx.inputs.segments.len();
    let full = count >= MAX_SEGMENTS;
    let name = format!("{} {}", tr(lang, "Сегмент", "Segment"), count + 1);
    let onclick = {
        let app = ctx.app.clone();
        Callback::from(move |_| app.edit(LtvEdit::AddSegment { name: name.clone() }))
    };
    html! {
        <>
            <button type="button" class="button-quiet" data-testid="add-segment" disabled={full} {onclick}>
                { tr(lang, "+ Добавить сегмент", "+ Add segment") }
            </button>
            if full {
                <span class="ltv-hint">{ match lang {
                    Lang::Ru => format!("Не больше {MAX_SEGMENTS} сегментов"),
                    Lang::En => format!("At most {MAX_SEGMENTS} segments"),
                } }</span>
            }
        </>
    }
}

fn table(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    let per = text::per_period(ctx.inputs.period, lang);
    let report = ctx.report.map(|r| &r.segments);
    html! {
        <div class="table-wrap">
            <table class="ltv-segment-table" data-testid="segments-table">
                <thead>
                    <tr>
                        <th scope="col" class="text">{ tr(lang, "Сегмент", "Segment") }</th>
                        <th scope="col">{ tr(lang, "Клиентов", "Clients") }</th>
                        <th scope="col">{ tr(lang, "Средний чек", "Average check") }</th>
                        <th scope="col">{ format!("{} {per}", tr(lang, "Покупок", "Purchases")) }</th>
                        <th scope="col">{ tr(lang, "Маржа, %", "Margin, %") }</th>
                        <th scope="col">{ tr(lang, "Удержание, %", "Retention, %") }</th>
                        <th scope="col">{ tr(lang, "LTV клиента", "Client LTV") }</th>
                        <th scope="col">{ tr(lang, "Ценность сегмента", "Segment value") }</th>
                        <th scope="col">{ tr(lang, "Доля", "Share") }</th>
                        <th scope="col">{ tr(lang, "Потенциал", "Potential") }</th>
                        <th scope="col"><span class="visually-hidden">{ tr(lang, "Действия", "Actions") }</span></th>
                    </tr>
                </thead>
                <tbody>
                    { for ctx.inputs.segments.iter().enumerate().map(|(i, s)| {
                        row(ctx, i, s, report.and_then(|r| r.segments.get(i)))
                    }) }
                </tbody>
                if let Some(r) = report {
                    { totals(ctx, r) }
                }
            </table>
        </div>
    }
}

fn row(ctx: &Ctx, i: usize, s: &Segment, out: Option<&SegmentReport>) -> Html {
    let (lang, cur) = (ctx.lang, ctx.currency);
    let n = i + 1;
    let id = |part: &str| field::segment(i, part);
    let label = |what: &str| format!("{what}, {} {n}", tr(lang, "сегмент", "segment"));
    let on_name = {
        let app = ctx.app.clone();
        Callback::from(move |name: String| app.edit(LtvEdit::SetSegmentName { segment: i, name }))
    };
    let on_remove = {
        let app = ctx.app.clone();
        Callback::from(move |_| app.edit(LtvEdit::RemoveSegment(i)))
    };
    let number = |part: &'static str,
                  what: &'static str,
                  value: f64,
                  rule: Rule,
                  number: SegmentNumber| {
        let field_id = id(part);
        html! {
            <td class="ltv-cell-input">
                <NumberField id={field_id.clone()} label={label(what)} value={value} compact=true
                    on_change={ctx.set_segment(i, number)}
                    lang={lang} rule={rule} error={ctx.problem(&field_id)} />
            </td>
        }
    };
    let (ltv, value, share, potential) = match out {
        Some(o) => (
            text::money_figure(o.today.ltv, cur, lang),
            text::money_figure(o.base_value, cur, lang),
            o.share_pct
                .map(|p| format_percent(p, 1, lang))
                .unwrap_or_else(|| "—".to_string()),
            text::money_figure(o.potential_value, cur, lang),
        ),
        None => Default::default(),
    };
    html! {
        <tr>
            <td class="ltv-cell-name">
                <TextField id={id("name")} label={label(tr(lang, "Название", "Name"))} value={s.name.clone()}
                    on_change={on_name} compact=true max_len={60} />
            </td>
            { number("clients", tr(lang, "Клиентов", "Clients"), s.clients, Rule::AMOUNT, SegmentNumber::Clients) }
            { number("avg-check", tr(lang, "Средний чек", "Average check"), s.avg_check, Rule::AMOUNT, SegmentNumber::AvgCheck) }
            { number("frequency", tr(lang, "Покупок за период", "Purchases per period"), s.purchases_per_period, Rule::AMOUNT, SegmentNumber::PurchasesPerPeriod) }
            { number("margin", tr(lang, "Маржа, %", "Margin, %"), s.gross_margin_pct, Rule::PERCENT, SegmentNumber::GrossMargin) }
            { number("retention", tr(lang, "Удержание, %", "Retention, %"), s.retention_pct, Rule::PERCENT, SegmentNumber::Retention) }
            <td data-testid={id("ltv")}>{ ltv }</td>
            <td data-testid={id("value")}>{ value }</td>
            <td data-testid={id("share")}>{ share }</td>
            <td data-testid={id("potential")}>{ potential }</td>
            <td>
                <button type="button" class="button-icon" data-testid={format!("remove-segment-{n}")}
                    aria-label={label(tr(lang, "Удалить", "Remove"))} title={tr(lang, "Удалить сегмент", "Remove segment")}
                    onclick={on_remove}>{ "×" }</button>
            </td>
        </tr>
    }
}

fn totals(ctx: &Ctx, r: &SegmentsReport) -> Html {
    let (lang, cur) = (ctx.lang, ctx.currency);
    html! {
        <tfoot>
            <tr>
                <th scope="row" class="text">{ tr(lang, "Итого", "Total") }</th>
                <td data-testid="segments-total-clients">{ format_count(r.total_clients, lang) }</td>
                <td colspan="5"></td>
                <td data-testid="segments-total-value">{ text::money_figure(r.total_base_value, cur, lang) }</td>
                <td></td>
                <td data-testid="segments-total-potential">{ text::money_figure(r.total_potential_value, cur, lang) }</td>
                <td></td>
            </tr>
        </tfoot>
    }
}

/// The development plan of the whole base, and what it makes of the base's value.
fn development(ctx: &Ctx) -> Html {
    let (lang, cur, u) = (ctx.lang, ctx.currency, &ctx.inputs.development);
    let per = text::per_period(ctx.inputs.period, lang);
    let retention = field::uplift(field::DEVELOPMENT, "retention");
    let check = field::uplift(field::DEVELOPMENT, "avg-check");
    let frequency = field::uplift(field::DEVELOPMENT, "frequency");
    let figures = ctx.report.map(|r| {
        let s = &r.segments;
        let uplift = s
            .uplift_value
            .map(|v| text::money_change(v, cur, lang))
            .unwrap_or_else(|| "—".to_string());
        let uplift_note = s.uplift_pct.map(|p| match lang {
            Lang::Ru => format!("{} к сегодняшней ценности", text::percent_change(p, lang)),
            Lang::En => format!("{} on today's value", text::percent_change(p, lang)),
        });
        let clients = plural_shown(lang, s.total_clients, 0, text::clients(lang));
        let clients_note = match lang {
            Lang::Ru => format!("{} {clients} × их LTV", format_count(s.total_clients, lang)),
            Lang::En => format!("{} {clients} × their LTV", format_count(s.total_clients, lang)),
        };
        html! {
            <div class={ctx.results_class("figures ltv-figures")}>
                <FigureView id="base-value" primary=true label={tr(lang, "Ценность базы сегодня", "Base value today")}
                    value={text::money_figure(s.total_base_value, cur, lang)} note={clients_note} />
                <FigureView id="base-potential" label={tr(lang, "Потенциал при развитии", "Potential with development")}
                    value={text::money_figure(s.total_potential_value, cur, lang)} />
                <FigureView id="base-uplift" label={tr(lang, "Прирост", "Uplift")} value={uplift} note={uplift_note} />
            </div>
        }
    });
    html! {
        <div class="ltv-development">
            <h3>{ tr(lang, "Сценарий развития базы", "Development scenario") }</h3>
            <p class="ltv-hint">{ tr(lang,
                "Удержание, допродажи и рост чека для всех сегментов: сколько будет стоить та же база.",
                "Retention, cross-sales and a bigger check for every segment: what the same base would be worth.") }</p>
            <div class="form-grid">
                <NumberField id={retention.clone()} label={tr(lang, "Удержание, плюс п.п.", "Retention, plus pp")}
                    value={u.retention_pp} on_change={ctx.set(LtvNumber::Development(UpliftNumber::RetentionPp))}
                    lang={lang} rule={RETENTION_PP_RULE} error={ctx.problem(&retention)}
                    unit={tr(lang, "п.п.", "pp")} />
                <NumberField id={check.clone()} label={tr(lang, "Средний чек, плюс %", "Average check, plus %")}
                    value={u.avg_check_pct} on_change={ctx.set(LtvNumber::Development(UpliftNumber::AvgCheckPct))}
                    lang={lang} rule={CHECK_PCT_RULE} error={ctx.problem(&check)} unit="%" />
                <NumberField id={frequency.clone()}
                    label={format!("{} {per}", tr(lang, "Покупок, плюс", "Purchases, plus"))}
                    value={u.purchases_plus} on_change={ctx.set(LtvNumber::Development(UpliftNumber::PurchasesPlus))}
                    lang={lang} rule={PURCHASES_PLUS_RULE} error={ctx.problem(&frequency)} />
            </div>
            { figures.unwrap_or_default() }
        </div>
    }
}

/// Value by segment as bars; only when every value is finite.
fn chart(ctx: &Ctx) -> Html {
    let (lang, cur) = (ctx.lang, ctx.currency);
    let Some(r) = ctx.report else {
        return html! {};
    };
    let s = &r.segments;
    if s.segments.is_empty() {
        return html! {};
    }
    if s.total_base_value.is_unbounded() {
        return html! {
            <p class="ltv-hint" data-testid="segments-chart-unbounded">{ tr(lang,
                "Ценность сегмента с удержанием 100 % без горизонта и дисконтирования не ограничена — задайте горизонт, чтобы сравнить сегменты.",
                "A segment with 100% retention and no horizon or discount has unbounded value: set a horizon to compare the segments.") }</p>
        };
    }
    let biggest = s
        .segments
        .iter()
        .filter_map(|o| o.base_value.finite())
        .fold(0.0_f64, f64::max);
    let bars = s
        .segments
        .iter()
        .enumerate()
        .map(|(i, o)| {
            let value = match o.base_value {
                Figure::Finite(v) => v,
                Figure::Unbounded => 0.0,
            };
            let share = o
                .share_pct
                .map(|p| format!(" · {}", format_percent(p, 1, lang)))
                .unwrap_or_default();
            let name = if o.name.trim().is_empty() {
                format!("{} {}", tr(lang, "Сегмент", "Segment"), i + 1)
            } else {
                o.name.clone()
            };
            Bar {
                label: name.into(),
                value,
                text: format!("{}{share}", text::compact_money(value, lang)).into(),
                highlight: value > 0.0 && value == biggest,
            }
        })
        .collect::<Vec<_>>();
    html! {
        <div class={ctx.results_class("ltv-segment-chart")}>
            <h3>{ tr(lang, "Ценность по сегментам", "Value by segment") }</h3>
            <BarChart id="segments-chart" title={tr(lang, "Ценность базы по сегментам", "Base value by segment")} bars={bars} />
            <p class="ltv-hint">{ match lang {
                Lang::Ru => format!("Суммы — в {}; доля — от ценности всей базы.", cur.code()),
                Lang::En => format!("Amounts in {}; share of the whole base's value.", cur.code()),
            } }</p>
        </div>
    }
}
