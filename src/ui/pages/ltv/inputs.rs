//! The main inputs: one client's economics, retention (typed as retention, churn or lifetime),
//! the value of money over time, and acquisition.

use yew::prelude::*;

use super::text;
use super::Ctx;
use crate::i18n::tr;
use crate::model::ltv::{
    field, Period, RetentionBasis, HORIZON_RULE, LIFETIME_RULE, MAX_HORIZON, TARGET_RATIO_RULE,
};
use crate::model::Rule;
use crate::state::plan_edit::{LtvEdit, LtvNumber};
use crate::ui::widgets::{NumberField, SelectField, Unlimited};

pub fn view(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    html! {
        <section class="card ltv-inputs" aria-labelledby="ltv-inputs-title">
            <h2 id="ltv-inputs-title">{ tr(lang, "Исходные данные", "Inputs") }</h2>
            { period_choice(ctx) }
            { client_group(ctx) }
            { retention_group(ctx) }
            { time_group(ctx) }
            { acquisition_group(ctx) }
        </section>
    }
}

fn period_choice(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    let options = Period::ALL
        .iter()
        .map(|p| {
            (
                AttrValue::from(text::period_code(*p)),
                AttrValue::from(text::period_name(*p, lang)),
            )
        })
        .collect::<Vec<_>>();
    let app = ctx.app.clone();
    let on_change = Callback::from(move |code: String| {
        if let Some(period) = text::period_from_code(&code) {
            app.edit(LtvEdit::SetPeriod(period));
        }
    });
    html! {
        <div class="ltv-period">
            <SelectField id="ltv-period" label={tr(lang, "Период расчёта", "Period")}
                options={options} selected={text::period_code(ctx.inputs.period)} on_change={on_change} />
            <p class="ltv-hint">{ tr(lang,
                "Покупки, удержание, ставка и горизонт — за этот период.",
                "Purchases, retention, discount and horizon are per this period.") }</p>
        </div>
    }
}

fn client_group(ctx: &Ctx) -> Html {
    let (lang, i) = (ctx.lang, ctx.inputs);
    let per = text::per_period(i.period, lang);
    html! {
        <fieldset class="ltv-group">
            <legend>{ tr(lang, "Клиент", "Client") }</legend>
            <div class="form-grid">
                <NumberField id={field::AVG_CHECK} label={tr(lang, "Средний чек", "Average check")}
                    value={i.avg_check} on_change={ctx.set(LtvNumber::AvgCheck)} lang={lang}
                    rule={Rule::AMOUNT} error={ctx.problem(field::AVG_CHECK)}
                    unit={ctx.currency.symbol()} />
                <NumberField id={field::FREQUENCY}
                    label={format!("{} {per}", tr(lang, "Покупок", "Purchases"))}
                    value={i.purchases_per_period} on_change={ctx.set(LtvNumber::PurchasesPerPeriod)}
                    lang={lang} rule={Rule::AMOUNT} error={ctx.problem(field::FREQUENCY)} />
                <NumberField id={field::MARGIN} label={tr(lang, "Маржинальность", "Gross margin")}
                    value={i.gross_margin_pct} on_change={ctx.set(LtvNumber::GrossMargin)}
                    lang={lang} rule={Rule::PERCENT} error={ctx.problem(field::MARGIN)} unit="%" />
            </div>
        </fieldset>
    }
}

/// The three equivalent ways to give retention: the chosen one is typed, the other two are
/// shown as the model derives them.
fn retention_group(ctx: &Ctx) -> Html {
    let (lang, i) = (ctx.lang, ctx.inputs);
    let basis = i.retention_basis;
    let per = text::per_period(i.period, lang);
    let button = |b: RetentionBasis, testid: &'static str, name: &'static str| {
        let app = ctx.app.clone();
        let onclick = Callback::from(move |_| {
            app.edit(LtvEdit::SetRetentionBasis(b));
        });
        html! {
            <button type="button" data-testid={testid} aria-pressed={(basis == b).to_string()} {onclick}>
                { name }
            </button>
        }
    };
    let input = match basis {
        RetentionBasis::Retention => html! {
            <NumberField id={field::RETENTION}
                label={format!("{} {per}", tr(lang, "Удержание", "Retention"))}
                value={i.retention_pct} on_change={ctx.set(LtvNumber::Retention)}
                lang={lang} rule={Rule::PERCENT} error={ctx.problem(field::RETENTION)} unit="%" />
        },
        RetentionBasis::Churn => html! {
            <NumberField id={field::CHURN} label={format!("{} {per}", tr(lang, "Отток", "Churn"))}
                value={i.churn_pct} on_change={ctx.set(LtvNumber::Churn)}
                lang={lang} rule={Rule::PERCENT} error={ctx.problem(field::CHURN)} unit="%" />
        },
        RetentionBasis::Lifetime => html! {
            <NumberField id={field::LIFETIME}
                label={tr(lang, "Средний срок жизни клиента", "Average client lifetime")}
                value={i.lifetime_periods} on_change={ctx.set(LtvNumber::Lifetime)}
                lang={lang} rule={LIFETIME_RULE} error={ctx.problem(field::LIFETIME)}
                unit={text::period_unit(i.period, lang)} />
        },
    };
    html! {
        <fieldset class="ltv-group">
            <legend>{ tr(lang, "Удержание", "Retention") }</legend>
            <div class="ltv-basis">
                <span class="field-label" id="ltv-basis-label">{ tr(lang, "Что вы знаете", "What you know") }</span>
                <div class="segmented" role="group" aria-labelledby="ltv-basis-label">
                    { button(RetentionBasis::Retention, "ltv-basis-retention", tr(lang, "Удержание", "Retention")) }
                    { button(RetentionBasis::Churn, "ltv-basis-churn", tr(lang, "Отток", "Churn")) }
                    { button(RetentionBasis::Lifetime, "ltv-basis-lifetime", tr(lang, "Срок жизни", "Lifetime")) }
                </div>
            </div>
            <div class="form-grid">
                { input }
                { derived(ctx) }
            </div>
        </fieldset>
    }
}

/// The two retention values the user did not type, as the model derives them.
fn derived(ctx: &Ctx) -> Html {
    let lang = ctx.lang;
    let Some(r) = ctx.report else {
        return html! {};
    };
    let f = &r.base;
    let lifetime = match f.lifetime_periods {
        Some(l) => text::periods(l, r.period, lang),
        None => text::unbounded(lang).to_string(),
    };
    let items = [
        (
            RetentionBasis::Retention,
            "ltv-retention-computed",
            tr(lang, "Удержание", "Retention"),
            text::percent(f.retention_pct, lang),
        ),
        (
            RetentionBasis::Churn,
            "ltv-churn-computed",
            tr(lang, "Отток", "Churn"),
            text::percent(f.churn_pct, lang),
        ),
        (
            RetentionBasis::Lifetime,
            "ltv-lifetime-computed",
            tr(lang, "Срок жизни", "Lifetime"),
            lifetime,
        ),
    ];
    html! {
        <dl class={ctx.results_class("ltv-derived")}>
            { for items.into_iter().filter(|(b, ..)| *b != ctx.inputs.retention_basis).map(|(_, id, name, value)| html! {
                <div>
                    <dt>{ name }</dt>
                    <dd data-testid={id}>{ value }</dd>
                </div>
            }) }
        </dl>
    }
}

fn time_group(ctx: &Ctx) -> Html {
    let (lang, i) = (ctx.lang, ctx.inputs);
    let per = text::per_period(i.period, lang);
    let app = ctx.app.clone();
    let horizon = Unlimited {
        on: i.horizon_periods.is_none(),
        default: i.period.default_horizon(),
        on_change: Callback::from(move |h: Option<f64>| {
            app.edit(LtvEdit::SetHorizon(h));
        }),
    };
    let horizon_label = match lang {
        crate::i18n::Lang::Ru => format!("Горизонт расчёта (до {MAX_HORIZON})"),
        crate::i18n::Lang::En => format!("Horizon (up to {MAX_HORIZON})"),
    };
    html! {
        <fieldset class="ltv-group">
            <legend>{ tr(lang, "Деньги во времени", "Money over time") }</legend>
            <div class="form-grid">
                <NumberField id={field::DISCOUNT}
                    label={format!("{} {per}", tr(lang, "Ставка дисконтирования", "Discount rate"))}
                    value={i.discount_rate_pct} on_change={ctx.set(LtvNumber::DiscountRate)}
                    lang={lang} rule={Rule::PERCENT} error={ctx.problem(field::DISCOUNT)} unit="%" />
                <NumberField id={field::HORIZON} label={horizon_label}
                    value={i.horizon_periods.unwrap_or_default()} unlimited={horizon}
                    rule={HORIZON_RULE} unit={text::period_unit(i.period, lang)}
                    lang={lang} error={ctx.problem(field::HORIZON)} />
            </div>
        </fieldset>
    }
}

fn acquisition_group(ctx: &Ctx) -> Html {
    let (lang, i) = (ctx.lang, ctx.inputs);
    html! {
        <fieldset class="ltv-group">
            <legend>{ tr(lang, "Привлечение", "Acquisition") }</legend>
            <div class="form-grid">
                <NumberField id={field::CAC}
                    label={tr(lang, "CAC — стоимость привлечения клиента", "CAC — cost to win a client")}
                    value={i.cac} on_change={ctx.set(LtvNumber::Cac)} lang={lang}
                    rule={Rule::AMOUNT} error={ctx.problem(field::CAC)} unit={ctx.currency.symbol()} />
                <NumberField id={field::TARGET_RATIO}
                    label={tr(lang, "Целевое LTV:CAC", "Target LTV:CAC")}
                    value={i.target_ratio} on_change={ctx.set(LtvNumber::TargetRatio)} lang={lang}
                    rule={TARGET_RATIO_RULE} error={ctx.problem(field::TARGET_RATIO)} unit=": 1" />
            </div>
            <p class="ltv-hint">{ tr(lang,
                "Цель 3 : 1 — клиент приносит втрое больше маржи, чем стоит его привлечение.",
                "A 3 : 1 target: a client brings three times the margin its acquisition costs.") }</p>
        </fieldset>
    }
}
