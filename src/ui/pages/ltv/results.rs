//! The headline results: one client's value, LTV:CAC with its verdict, payback, the allowed
//! CAC; and the sensitivity ranking.

use yew::prelude::*;

use super::text;
use super::Ctx;
use crate::i18n::{tr, Lang};
use crate::model::ltv::{Figure, Lever, LtvReport, RatioBand, SensitivityItem};
use crate::ui::widgets::Figure as FigureView;

pub fn view(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    let Some(r) = ctx.report else {
        return html! {
            <section class="card" data-testid="ltv-results">
                <h2>{ tr(lang, "Результат", "Results") }</h2>
                <p>{ tr(lang, "Исправьте выделенные поля — и здесь появится расчёт.",
                    "Correct the highlighted fields to see the results.") }</p>
            </section>
        };
    };
    html! {
        <section class={ctx.results_class("card ltv-results")} data-testid="ltv-results"
            aria-labelledby="ltv-results-title">
            <h2 id="ltv-results-title">{ tr(lang, "Ценность клиента", "Client value") }</h2>
            { ctx.stale_note() }
            { unbounded_notice(ctx, r) }
            <div class="figures ltv-figures">
                { headline(ctx, r) }
            </div>
            { verdict(ctx, r) }
            <div class="figures ltv-figures">
                { acquisition(ctx, r) }
            </div>
        </section>
    }
}

/// Retention 100 % with no discount and no horizon: the value has no limit. Say so, and
/// point at the horizon field (which shows the same request).
fn unbounded_notice(ctx: &Ctx, r: &LtvReport) -> Html {
    if !r.base.ltv.is_unbounded() {
        return html! {};
    }
    html! {
        <div class="ltv-notice" role="status" data-testid="ltv-unbounded">
            <strong>{ tr(ctx.lang, "LTV без ограничения.", "LTV is unbounded.") }</strong>
            { " " }
            { tr(ctx.lang,
                "Клиент не уходит никогда (удержание 100 %), а деньги будущего не дисконтируются — сумма растёт бесконечно. Задайте горизонт расчёта или ставку дисконтирования.",
                "The client never leaves (100% retention) and future money is not discounted, so the sum grows without limit. Set a horizon or a discount rate.") }
            { " " }
            <a href="#ltv-horizon">{ tr(ctx.lang, "К горизонту", "Go to horizon") }</a>
        </div>
    }
}

fn headline(ctx: &Ctx, r: &LtvReport) -> Html {
    let (lang, cur) = (ctx.lang, ctx.currency);
    let f = &r.base;
    let per = text::per_period(r.period, lang);
    let discount_note = match lang {
        Lang::Ru => format!(
            "со ставкой {} {per}; горизонт: {}",
            text::percent(ctx.inputs.discount_rate_pct, lang),
            horizon_text(ctx, r)
        ),
        Lang::En => format!(
            "discounted at {} {per}; horizon: {}",
            text::percent(ctx.inputs.discount_rate_pct, lang),
            horizon_text(ctx, r)
        ),
    };
    let lifetime = match f.lifetime_periods {
        Some(l) => text::periods(l, r.period, lang),
        None => text::unbounded(lang).to_string(),
    };
    let revenue_note = match lang {
        Lang::Ru => format!(
            "выручка {} {per}",
            text::money(f.revenue_per_period, cur, lang)
        ),
        Lang::En => format!(
            "revenue {} {per}",
            text::money(f.revenue_per_period, cur, lang)
        ),
    };
    html! {
        <>
            <FigureView id="ltv-value" primary=true label={tr(lang, "LTV клиента", "Client LTV")}
                value={text::money_figure(f.ltv, cur, lang)} note={discount_note} />
            <FigureView id="ltv-undiscounted" label={tr(lang, "LTV без дисконтирования", "LTV undiscounted")}
                value={text::money_figure(f.ltv_undiscounted, cur, lang)}
                note={tr(lang, "сумма маржи без учёта стоимости денег", "margin summed at face value")} />
            <FigureView id="ltv-margin-per-period"
                label={format!("{} {per}", tr(lang, "Маржа с клиента", "Margin per client"))}
                value={text::money(f.margin_per_period, cur, lang)} note={revenue_note} />
            <FigureView id="ltv-expected-lifetime" label={tr(lang, "Ожидаемый срок жизни", "Expected lifetime")}
                value={lifetime} note={tr(lang, "1 / отток", "1 / churn")} />
        </>
    }
}

fn horizon_text(ctx: &Ctx, r: &LtvReport) -> String {
    match ctx.inputs.horizon_periods {
        Some(h) if !ctx.stale => text::periods(h, r.period, ctx.lang),
        Some(_) => "—".to_string(),
        None => tr(ctx.lang, "без ограничения", "unlimited").to_string(),
    }
}

fn target_text(r: &LtvReport, lang: Lang) -> String {
    format!("{}\u{a0}:\u{a0}1", text::number(r.target_ratio, lang))
}

/// The verdict badge and one line saying what it means and what to do.
fn verdict(ctx: &Ctx, r: &LtvReport) -> Html {
    let lang = ctx.lang;
    let target = target_text(r, lang);
    let allowed = text::money_figure(r.allowed_cac, ctx.currency, lang);
    let (class, name, line) = if r.base.ltv.is_unbounded() {
        (
            "badge-info",
            tr(lang, "Нужен горизонт", "Needs a horizon").to_string(),
            tr(
                lang,
                "При бесконечном LTV отношение к CAC ничего не говорит: задайте горизонт.",
                "With an unbounded LTV the ratio says nothing: set a horizon.",
            )
            .to_string(),
        )
    } else if let Some(band) = r.band {
        let (class, name) = text::band_badge(band, lang);
        (
            class,
            name.to_string(),
            band_line(band, lang, &target, &allowed),
        )
    } else {
        (
            "badge-info",
            tr(lang, "Нет оценки", "No verdict").to_string(),
            tr(
                lang,
                "CAC равен 0 — отношения LTV:CAC нет. Введите стоимость привлечения клиента, чтобы оценить его.",
                "CAC is 0, so there is no LTV:CAC ratio. Enter the cost to win a client to judge it.",
            )
            .to_string(),
        )
    };
    html! {
        <div class="ltv-verdict">
            <span class={classes!("badge", class)} data-testid="ltv-verdict">{ name }</span>
            <p data-testid="ltv-verdict-text">{ line }</p>
        </div>
    }
}

fn band_line(band: RatioBand, lang: Lang, target: &str, allowed: &str) -> String {
    match (band, lang) {
        (RatioBand::Loss, Lang::Ru) => "LTV меньше CAC: клиент не окупает даже своё привлечение. Снижайте CAC или растите удержание, чек и частоту.".to_string(),
        (RatioBand::Loss, Lang::En) => "LTV is below CAC: a client does not even pay back its acquisition. Cut CAC or grow retention, check and frequency.".to_string(),
        (RatioBand::Weak, Lang::Ru) => format!("Привлечение окупается, но ниже цели {target}: при этом LTV можно платить не больше {allowed} за клиента."),
        (RatioBand::Weak, Lang::En) => format!("Acquisition pays back but is below the {target} target: at this LTV pay at most {allowed} per client."),
        (RatioBand::Healthy, Lang::Ru) => format!("На цели {target} или выше: привлечение окупается с запасом."),
        (RatioBand::Healthy, Lang::En) => format!("At or above the {target} target: acquisition pays off with room to spare."),
        (RatioBand::UnderInvesting, Lang::Ru) => format!("Клиент стоит намного больше, чем его привлечение: можно вкладывать в рост больше — до {allowed} за клиента."),
        (RatioBand::UnderInvesting, Lang::En) => format!("A client is worth far more than it costs to win: you can spend more on growth, up to {allowed} per client."),
    }
}

fn acquisition(ctx: &Ctx, r: &LtvReport) -> Html {
    let (lang, cur) = (ctx.lang, ctx.currency);
    let target = target_text(r, lang);
    let payback = match r.payback_periods {
        _ if r.cac == 0.0 => tr(lang, "нечего окупать", "nothing to pay back").to_string(),
        Some(n) => text::periods(f64::from(n), r.period, lang),
        None => tr(lang, "не окупается", "never").to_string(),
    };
    let payback_note = match (r.payback_periods, r.cac == 0.0) {
        (_, true) => tr(lang, "CAC равен 0", "CAC is 0"),
        (Some(_), false) => tr(
            lang,
            "когда дисконтированная маржа покроет CAC",
            "when discounted margin covers CAC",
        ),
        (None, false) => tr(
            lang,
            "маржа не покрывает CAC в пределах горизонта",
            "margin does not cover CAC within the horizon",
        ),
    };
    html! {
        <>
            <FigureView id="ltv-cac-ratio" label={tr(lang, "LTV : CAC", "LTV : CAC")}
                value={text::ratio(r.ltv_to_cac, lang)}
                note={format!("{} {}", tr(lang, "цель", "target"), target)} />
            <FigureView id="ltv-allowed-cac" label={tr(lang, "Допустимый CAC", "Allowed CAC")}
                value={text::money_figure(r.allowed_cac, cur, lang)}
                note={format!("{} {}", tr(lang, "LTV / цель", "LTV / target"), target)} />
            <FigureView id="ltv-cac-ratio-undiscounted" label={tr(lang, "LTV : CAC без дисконтирования", "LTV : CAC undiscounted")}
                value={text::ratio(r.ltv_to_cac_undiscounted, lang)}
                note={tr(lang, "по LTV без дисконтирования", "on the undiscounted LTV")} />
            <FigureView id="ltv-allowed-cac-undiscounted" label={tr(lang, "Допустимый CAC без дисконтирования", "Allowed CAC undiscounted")}
                value={text::money_figure(r.allowed_cac_undiscounted, cur, lang)}
                note={format!("{} {}", tr(lang, "LTV без дисконтирования / цель", "undiscounted LTV / target"), target)} />
            <FigureView id="ltv-payback" label={tr(lang, "Окупаемость CAC", "CAC payback")}
                value={payback} note={payback_note} />
        </>
    }
}

fn lever_name(lever: Lever, lang: Lang) -> &'static str {
    match lever {
        Lever::AvgCheck => tr(lang, "Средний чек", "Average check"),
        Lever::Purchases => tr(lang, "Покупок за период", "Purchases per period"),
        Lever::Margin => tr(lang, "Маржинальность", "Gross margin"),
        Lever::Retention => tr(lang, "Удержание", "Retention"),
        Lever::Discount => tr(lang, "Ставка дисконтирования", "Discount rate"),
    }
}

/// An input's value in its own unit.
fn lever_value(ctx: &Ctx, lever: Lever, v: f64) -> String {
    match lever {
        Lever::AvgCheck => text::money(v, ctx.currency, ctx.lang),
        Lever::Purchases => text::number(v, ctx.lang),
        Lever::Margin | Lever::Retention | Lever::Discount => text::percent(v, ctx.lang),
    }
}

/// +10 % on each input, one at a time: which lever moves the LTV most.
pub fn sensitivity(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    let Some(r) = ctx.report else {
        return html! {};
    };
    let body = if r.sensitivity.is_empty() {
        html! {
            <p data-testid="ltv-sensitivity-empty">{ tr(lang,
                "LTV без ограничения — сравнивать рычаги не с чем. Задайте горизонт или ставку дисконтирования.",
                "The LTV is unbounded, so there is nothing to compare the levers with. Set a horizon or a discount rate.") }</p>
        }
    } else {
        html! {
            <div class="table-wrap">
                <table data-testid="ltv-sensitivity">
                    <thead>
                        <tr>
                            <th scope="col">{ "#" }</th>
                            <th scope="col" class="text">{ tr(lang, "Вход +10 %", "Input +10%") }</th>
                            <th scope="col">{ tr(lang, "Было → стало", "From → to") }</th>
                            <th scope="col">{ tr(lang, "LTV после", "LTV after") }</th>
                            <th scope="col">{ tr(lang, "Изменение LTV", "LTV change") }</th>
                            <th scope="col">{ "%" }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for r.sensitivity.iter().enumerate().map(|(i, item)| sensitivity_row(ctx, i, item)) }
                    </tbody>
                </table>
            </div>
        }
    };
    html! {
        <section class={ctx.results_class("card ltv-sensitivity")} aria-labelledby="ltv-sensitivity-title">
            <div class="section-title">
                <h2 id="ltv-sensitivity-title">{ tr(lang, "Что сильнее всего двигает LTV", "What moves LTV most") }</h2>
                <span class="ltv-hint">{ tr(lang, "каждый вход +10 % по отдельности", "each input +10%, one at a time") }</span>
            </div>
            { body }
        </section>
    }
}

fn sensitivity_row(ctx: &Ctx, i: usize, item: &SensitivityItem) -> Html {
    let (lang, cur) = (ctx.lang, ctx.currency);
    let n = i + 1;
    let change = match item.change {
        Figure::Finite(v) => text::money_change(v, cur, lang),
        Figure::Unbounded => text::unbounded(lang).to_string(),
    };
    let pct = item
        .change_pct
        .map(|p| text::percent_change(p, lang))
        .unwrap_or_else(|| "—".to_string());
    let class = match item.change {
        Figure::Finite(v) if v < 0.0 => "dev-bad",
        Figure::Finite(0.0) => "",
        _ => "dev-good",
    };
    html! {
        <tr data-testid={format!("ltv-sensitivity-row-{n}")} class={(i == 0).then_some("highlight")}>
            <td>{ n }</td>
            <td class="text" data-testid={format!("ltv-sensitivity-{n}-input")}>{ lever_name(item.lever, lang) }</td>
            <td>{ format!("{} → {}", lever_value(ctx, item.lever, item.from), lever_value(ctx, item.lever, item.to)) }</td>
            <td>{ text::money_figure(item.ltv_after, cur, lang) }</td>
            <td class={class} data-testid={format!("ltv-sensitivity-{n}-change")}>{ change }</td>
            <td class={class}>{ pct }</td>
        </tr>
    }
}
