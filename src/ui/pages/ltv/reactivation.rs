//! Reactivation: sleeping clients x the share a campaign brings back x LTV = money on the table.

use yew::prelude::*;

use super::text;
use super::Ctx;
use crate::i18n::numbers::format_number;
use crate::i18n::plural::plural_shown;
use crate::i18n::tr;
use crate::model::ltv::field;
use crate::model::Rule;
use crate::state::plan_edit::LtvNumber;
use crate::ui::widgets::{Figure as FigureView, NumberField};

pub fn view(ctx: &Ctx) -> Html {
    let (lang, i) = (ctx.lang, ctx.inputs);
    html! {
        <section class="card ltv-reactivation" aria-labelledby="ltv-reactivation-title">
            <h2 id="ltv-reactivation-title">{ tr(lang, "Реактивация: деньги на столе", "Reactivation: money on the table") }</h2>
            <p class="ltv-hint">{ tr(lang,
                "Клиенты, которые перестали покупать. Вернуть удаётся многих: конверсия реактивации — 60 % и выше.",
                "Clients who stopped buying. Many come back: reactivation converts at 60% and more.") }</p>
            <div class="columns ltv-reactivation-grid">
                <div class="form-grid">
                    <NumberField id={field::SLEEPING_CLIENTS} label={tr(lang, "Спящих клиентов", "Sleeping clients")}
                        value={i.sleeping_clients} on_change={ctx.set(LtvNumber::SleepingClients)}
                        lang={lang} rule={Rule::AMOUNT} error={ctx.problem(field::SLEEPING_CLIENTS)} />
                    <NumberField id={field::REACTIVATION_RATE} label={tr(lang, "Конверсия реактивации", "Reactivation rate")}
                        value={i.reactivation_pct} on_change={ctx.set(LtvNumber::ReactivationRate)}
                        lang={lang} rule={Rule::PERCENT} error={ctx.problem(field::REACTIVATION_RATE)} unit="%" />
                </div>
                { results(ctx) }
            </div>
        </section>
    }
}

fn results(ctx: &Ctx) -> Html {
    let (lang, cur) = (ctx.lang, ctx.currency);
    let Some(r) = ctx.report else {
        return html! {};
    };
    let re = &r.reactivation;
    let clients = plural_shown(lang, re.reactivated_clients, 0, text::clients(lang));
    let money_note = format!(
        "{} {clients} × LTV {}",
        format_number(re.reactivated_clients, 0, lang),
        text::money_figure(r.base.ltv, cur, lang)
    );
    html! {
        <div class={ctx.results_class("figures ltv-figures")}>
            <FigureView id="reactivated-clients" label={tr(lang, "Вернутся", "Will come back")}
                value={text::number(re.reactivated_clients, lang)}
                note={tr(lang, "спящие × конверсия", "sleeping × rate")} />
            <FigureView id="reactivation-money" primary=true label={tr(lang, "Деньги на столе", "Money on the table")}
                value={text::money_figure(re.money_on_table, cur, lang)} note={money_note} />
        </div>
    }
}
