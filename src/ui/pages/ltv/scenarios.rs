//! "What if": retention +N pp, check +N %, purchases +N, side by side with the base.

use yew::prelude::*;

use super::text;
use super::Ctx;
use crate::i18n::numbers::format_number;
use crate::i18n::tr;
use crate::model::ltv::{
    field, ScenarioComparison, ScenarioSide, CHECK_PCT_RULE, PURCHASES_PLUS_RULE, RETENTION_PP_RULE,
};
use crate::state::plan_edit::{LtvNumber, UpliftNumber};
use crate::ui::widgets::NumberField;

pub fn view(ctx: &Ctx) -> Html {
    let (lang, u) = (ctx.lang, &ctx.inputs.scenario);
    let per = text::per_period(ctx.inputs.period, lang);
    let retention = field::uplift(field::SCENARIO, "retention");
    let check = field::uplift(field::SCENARIO, "avg-check");
    let frequency = field::uplift(field::SCENARIO, "frequency");
    html! {
        <section class="card ltv-scenarios" aria-labelledby="ltv-scenario-title">
            <h2 id="ltv-scenario-title">{ tr(lang, "Что если", "What if") }</h2>
            <p class="ltv-hint">{ tr(lang,
                "Насколько вырастет ценность клиента, если поднять удержание, чек или частоту покупок. Отрицательные значения — спад.",
                "How much a client's value grows if you raise retention, the check or purchase frequency. Negative values model a decline.") }</p>
            <div class="form-grid ltv-scenario-inputs">
                <NumberField id={retention.clone()} label={tr(lang, "Удержание, плюс п.п.", "Retention, plus pp")}
                    value={u.retention_pp} on_change={ctx.set(LtvNumber::Scenario(UpliftNumber::RetentionPp))}
                    lang={lang} rule={RETENTION_PP_RULE} error={ctx.problem(&retention)}
                    unit={tr(lang, "п.п.", "pp")} />
                <NumberField id={check.clone()} label={tr(lang, "Средний чек, плюс %", "Average check, plus %")}
                    value={u.avg_check_pct} on_change={ctx.set(LtvNumber::Scenario(UpliftNumber::AvgCheckPct))}
                    lang={lang} rule={CHECK_PCT_RULE} error={ctx.problem(&check)} unit="%" />
                <NumberField id={frequency.clone()}
                    label={format!("{} {per}", tr(lang, "Покупок, плюс", "Purchases, plus"))}
                    value={u.purchases_plus} on_change={ctx.set(LtvNumber::Scenario(UpliftNumber::PurchasesPlus))}
                    lang={lang} rule={PURCHASES_PLUS_RULE} error={ctx.problem(&frequency)} />
            </div>
            { comparison(ctx) }
        </section>
    }
}

/// One line of the comparison: test id part, label, base, what-if, change.
struct Line {
    key: &'static str,
    label: String,
    base: String,
    what_if: String,
    delta: Html,
}

fn comparison(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    let Some(r) = ctx.report else {
        return html! {};
    };
    let lines = lines(ctx, &r.scenario, r.period);
    html! {
        <div class={ctx.results_class("table-wrap")}>
            <table class="ltv-compare" data-testid="scenario-table">
                <thead>
                    <tr>
                        <th scope="col" class="text">{ tr(lang, "Показатель", "Figure") }</th>
                        <th scope="col">{ tr(lang, "Сейчас", "Base") }</th>
                        <th scope="col">{ tr(lang, "Что если", "What if") }</th>
                        <th scope="col">{ tr(lang, "Разница", "Change") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for lines.into_iter().map(|l| html! {
                        <tr class={(l.key == "ltv").then_some("highlight")}>
                            <th scope="row" class="text">{ l.label }</th>
                            <td data-testid={format!("scenario-base-{}", l.key)}>{ l.base }</td>
                            <td data-testid={format!("scenario-whatif-{}", l.key)}>{ l.what_if }</td>
                            <td>{ l.delta }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// A change cell: green when it helps, red when it hurts, a dash when there is none to show.
fn delta_cell(key: &str, value: Option<f64>, text: impl Fn(f64) -> String, extra: Html) -> Html {
    let id = format!("scenario-delta-{key}");
    match value {
        Some(v) => {
            let class = if v > 0.0 {
                "dev-good"
            } else if v < 0.0 {
                "dev-bad"
            } else {
                ""
            };
            html! { <span class={class}><span data-testid={id}>{ text(v) }</span>{ extra }</span> }
        }
        None => html! { <span data-testid={id}>{ "—" }</span> },
    }
}

fn lines(ctx: &Ctx, c: &ScenarioComparison, period: crate::model::ltv::Period) -> Vec<Line> {
    let (lang, cur) = (ctx.lang, ctx.currency);
    let (b, w, d) = (&c.base, &c.what_if, &c.delta);
    let per = text::per_period(period, lang);
    let money = move |v: f64| text::money(v, cur, lang);
    let money_change = move |v: f64| text::money_change(v, cur, lang);
    let lifetime = move |s: &ScenarioSide| match s.figures.lifetime_periods {
        Some(l) => text::periods(l, period, lang),
        None => text::unbounded(lang).to_string(),
    };
    let payback = move |s: &ScenarioSide| match s.payback_periods {
        _ if ctx.report.is_some_and(|r| r.cac == 0.0) => "—".to_string(),
        Some(n) => text::periods(f64::from(n), period, lang),
        None => tr(lang, "не окупается", "never").to_string(),
    };
    let pp = move |v: f64| {
        text::signed(
            format!(
                "{}\u{a0}{}",
                format_number(v, 1, lang),
                tr(lang, "п.п.", "pp")
            ),
            v,
        )
    };
    let ltv_pct = match d.ltv_pct {
        Some(p) => html! {
            <span class="ltv-delta-pct" data-testid="scenario-delta-ltv-pct">{ format!(" ({})", text::percent_change(p, lang)) }</span>
        },
        None => html! {},
    };
    vec![
        Line {
            key: "avg-check",
            label: tr(lang, "Средний чек", "Average check").to_string(),
            base: money(b.figures.avg_check),
            what_if: money(w.figures.avg_check),
            delta: delta_cell("avg-check", Some(d.avg_check), money_change, html! {}),
        },
        Line {
            key: "frequency",
            label: format!("{} {per}", tr(lang, "Покупок", "Purchases")),
            base: text::number(b.figures.purchases_per_period, lang),
            what_if: text::number(w.figures.purchases_per_period, lang),
            delta: delta_cell(
                "frequency",
                Some(d.purchases_per_period),
                |v| text::signed(text::number(v, lang), v),
                html! {},
            ),
        },
        Line {
            key: "retention",
            label: tr(lang, "Удержание", "Retention").to_string(),
            base: text::percent(b.figures.retention_pct, lang),
            what_if: text::percent(w.figures.retention_pct, lang),
            delta: delta_cell("retention", Some(d.retention_pp), pp, html! {}),
        },
        Line {
            key: "margin",
            label: format!("{} {per}", tr(lang, "Маржа с клиента", "Margin per client")),
            base: money(b.figures.margin_per_period),
            what_if: money(w.figures.margin_per_period),
            delta: delta_cell("margin", Some(d.margin_per_period), money_change, html! {}),
        },
        Line {
            key: "lifetime",
            label: tr(lang, "Срок жизни", "Lifetime").to_string(),
            base: lifetime(b),
            what_if: lifetime(w),
            delta: delta_cell(
                "lifetime",
                d.lifetime_periods,
                |v| text::signed(text::periods(v, period, lang), v),
                html! {},
            ),
        },
        Line {
            key: "ltv",
            label: "LTV".to_string(),
            base: text::money_figure(b.figures.ltv, cur, lang),
            what_if: text::money_figure(w.figures.ltv, cur, lang),
            delta: delta_cell("ltv", d.ltv, money_change, ltv_pct),
        },
        Line {
            key: "ratio",
            label: "LTV : CAC".to_string(),
            base: text::ratio(b.ltv_to_cac, lang),
            what_if: text::ratio(w.ltv_to_cac, lang),
            delta: delta_cell(
                "ratio",
                d.ltv_to_cac,
                |v| text::signed(format_number(v, 2, lang), v),
                html! {},
            ),
        },
        Line {
            key: "allowed-cac",
            label: tr(lang, "Допустимый CAC", "Allowed CAC").to_string(),
            base: text::money_figure(b.allowed_cac, cur, lang),
            what_if: text::money_figure(w.allowed_cac, cur, lang),
            delta: delta_cell("allowed-cac", d.allowed_cac, money_change, html! {}),
        },
        Line {
            key: "payback",
            label: tr(lang, "Окупаемость CAC", "CAC payback").to_string(),
            base: payback(b),
            what_if: payback(w),
            delta: html! {},
        },
    ]
}
