//! Results: headline figures, the contact norms table (reverse) or the volumes per stage
//! (forward), and the funnel chart.

use yew::prelude::*;

use super::charts::{funnel_chart, FunnelBar};
use super::text::{contact_label, days_of, norm, stage_name, volume};
use super::{results_class, Ctx};
use crate::i18n::numbers::{format_count, format_number, format_percent};
use crate::i18n::plural::PluralForms;
use crate::i18n::Lang;
use crate::model::funnel::{Direction, ForwardResult, FunnelReport, ReversePlan};
use crate::ui::widgets::Figure;

pub fn view(ctx: &Ctx) -> Html {
    let Some(report) = ctx.report else {
        return html! {};
    };
    // The report's direction is the one it was computed for; the plan's may have just changed
    // to a direction whose inputs are invalid, in which case the report is the old one.
    match (report.direction, &report.forward, &report.reverse) {
        (Direction::Reverse, _, Ok(plan)) => reverse_view(ctx, report, plan),
        (Direction::Forward, Ok(f), _) => forward_view(ctx, report, f),
        _ => html! {},
    }
}

fn reverse_view(ctx: &Ctx, report: &FunnelReport, plan: &ReversePlan) -> Html {
    let lang = ctx.lang;
    let leads = plan.stages.first();
    let per_day = leads.map_or(0.0, |s| s.per_day);
    let per_seller_day = leads.map_or(0.0, |s| s.per_seller_per_day);
    let leads_note = match lang {
        Lang::Ru => format!(
            "{} в месяц · {} на продавца в день",
            format_count(plan.leads_per_month(), lang),
            norm(per_seller_day, lang)
        ),
        Lang::En => format!(
            "{} a month · {} per seller a day",
            format_count(plan.leads_per_month(), lang),
            norm(per_seller_day, lang)
        ),
    };
    html! {
        <div class={results_class(ctx, "funnel-results-body")} data-testid="funnel-results">
            <div class="figures">
                <Figure id="leads-per-day" primary=true label={ctx.t("Лидов в рабочий день", "Leads per working day")}
                    value={norm(per_day, lang)} note={AttrValue::from(leads_note)} />
                <Figure id="deals" label={ctx.t("Сделок в месяц", "Deals per month")}
                    value={format_count(plan.deals, lang)}
                    note={AttrValue::from(ctx.t("план ÷ средний чек, вверх до целого", "target ÷ average check, rounded up"))} />
                <Figure id="revenue" label={ctx.t("Выручка по плану", "Planned revenue")}
                    value={ctx.money(plan.revenue)}
                    note={AttrValue::from(ctx.t("сделки × средний чек", "deals × average check"))} />
                <Figure id="gross-profit" label={ctx.t("Валовая прибыль", "Gross profit")}
                    value={ctx.money(plan.gross_profit.unwrap_or(0.0))} />
                <Figure id="overall-conversion" label={ctx.t("Конверсия лид → сделка", "Lead-to-deal conversion")}
                    value={format_percent(plan.overall_conversion_pct, 2, lang)} />
            </div>
            { chart_card(ctx, report, plan.stages.iter().map(|s| s.per_month).collect(), true) }
            { norms_table(ctx, report, plan) }
        </div>
    }
}

/// The contact norms a head of sales checks daily, weekly and monthly.
fn norms_table(ctx: &Ctx, report: &FunnelReport, plan: &ReversePlan) -> Html {
    let lang = ctx.lang;
    let stages = &report.stages;
    let sellers = super::text::days(ctx.plan.funnel.sellers, lang);
    let cell = |id: String, value: String, strong: bool| {
        html! { <td data-testid={id} class={classes!(strong.then_some("strong"))}>{ value }</td> }
    };
    html! {
        <section class="card" aria-labelledby="norms-title">
            <h2 id="norms-title">{ ctx.t("Нормативы по контактам", "Contact norms") }</h2>
            <p class="hint">{ ctx.t(
                "Сколько клиентов должно дойти до каждого этапа: всего и на одного продавца. Месячные объёмы округлены вверх от сделок к лидам.",
                "How many clients must reach each stage, in total and per seller. Monthly volumes are rounded up from deals to leads.") }</p>
            <div class="table-wrap">
                <table class="norms-table" data-testid="norms-table">
                    <thead>
                        <tr>
                            <th scope="col" rowspan="2">{ ctx.t("Этап", "Stage") }</th>
                            <th scope="colgroup" colspan="3" class="group">{ ctx.t("Всего", "Team") }</th>
                            <th scope="colgroup" colspan="3" class="group">
                                { match lang {
                                    Lang::Ru => format!("На продавца (продавцов: {sellers})"),
                                    Lang::En => format!("Per seller ({})", days_of(ctx.plan.funnel.sellers, lang, PluralForms::en("seller", "sellers"))),
                                } }
                            </th>
                        </tr>
                        <tr>
                            <th scope="col">{ ctx.t("Месяц", "Month") }</th>
                            <th scope="col">{ ctx.t("Неделя", "Week") }</th>
                            <th scope="col">{ ctx.t("День", "Day") }</th>
                            <th scope="col">{ ctx.t("День", "Day") }</th>
                            <th scope="col">{ ctx.t("Неделя", "Week") }</th>
                            <th scope="col">{ ctx.t("Месяц", "Month") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for plan.stages.iter().enumerate().map(|(i, s)| {
                            let n = i + 1;
                            let contact = stages.get(i).map(|st| contact_label(st.contact, lang)).unwrap_or("");
                            html! {
                                <tr data-testid={format!("norm-row-{n}")}>
                                    <th scope="row" class="text">
                                        <span class="stage-cell-name">{ stage_name(stages, i, lang) }</span>
                                        <span class="stage-cell-contact">{ contact }</span>
                                    </th>
                                    { cell(format!("stage-{n}-required"), format_count(s.per_month, lang), false) }
                                    { cell(format!("stage-{n}-per-week"), norm(s.per_week, lang), false) }
                                    { cell(format!("stage-{n}-per-day"), norm(s.per_day, lang), false) }
                                    { cell(format!("stage-{n}-per-seller-day"), norm(s.per_seller_per_day, lang), true) }
                                    { cell(format!("stage-{n}-per-seller-week"), norm(s.per_seller_per_week, lang), false) }
                                    { cell(format!("stage-{n}-per-seller-month"), norm(s.per_seller_per_month, lang), false) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn forward_view(ctx: &Ctx, report: &FunnelReport, f: &ForwardResult) -> Html {
    let lang = ctx.lang;
    let stages = &report.stages;
    html! {
        <div class={results_class(ctx, "funnel-results-body")} data-testid="funnel-results">
            <div class="figures">
                <Figure id="revenue" primary=true label={ctx.t("Выручка в месяц", "Revenue per month")}
                    value={ctx.money(f.revenue)}
                    note={AttrValue::from(ctx.t("сделки × средний чек", "deals × average check"))} />
                <Figure id="deals" label={ctx.t("Сделок в месяц", "Deals per month")}
                    value={format_number(f.deals, 2, lang)}
                    note={AttrValue::from(ctx.t("ожидание, до сотых: не округлено до целых сделок", "expected, to hundredths: not rounded to whole deals"))} />
                <Figure id="gross-profit" label={ctx.t("Валовая прибыль", "Gross profit")}
                    value={ctx.money(f.gross_profit)} />
                <Figure id="overall-conversion" label={ctx.t("Конверсия лид → сделка", "Lead-to-deal conversion")}
                    value={format_percent(f.overall_conversion_pct, 2, lang)} />
            </div>
            { chart_card(ctx, report, f.stages.iter().map(|s| s.per_month).collect(), false) }
            <section class="card" aria-labelledby="volumes-title">
                <h2 id="volumes-title">{ ctx.t("Объём по этапам в месяц", "Volume per stage per month") }</h2>
                <div class="table-wrap">
                    <table data-testid="volumes-table">
                        <thead>
                            <tr>
                                <th scope="col">{ ctx.t("Этап", "Stage") }</th>
                                <th scope="col">{ ctx.t("Клиентов", "Clients") }</th>
                                <th scope="col">{ ctx.t("От входа", "Of entry") }</th>
                                <th scope="col">{ ctx.t("Отсеялось", "Dropped") }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for f.stages.iter().enumerate().map(|(i, s)| {
                                let n = i + 1;
                                // The deal stage loses nobody: it is where clients end.
                                let dropped = if n == f.stages.len() { "—".to_string() } else { volume(s.lost_per_month, lang) };
                                html! {
                                    <tr>
                                        <th scope="row" class="text">{ stage_name(stages, i, lang) }</th>
                                        <td data-testid={format!("stage-{n}-volume")}>{ volume(s.per_month, lang) }</td>
                                        <td data-testid={format!("stage-{n}-share")}>{ format_percent(s.from_entry_pct, 1, lang) }</td>
                                        <td data-testid={format!("stage-{n}-dropped")}>{ dropped }</td>
                                    </tr>
                                }
                            }) }
                        </tbody>
                    </table>
                </div>
            </section>
        </div>
    }
}

/// The funnel drawn from the volumes on screen: whole clients in reverse, expected in forward.
fn chart_card(ctx: &Ctx, report: &FunnelReport, volumes: Vec<f64>, whole: bool) -> Html {
    let lang = ctx.lang;
    // The report's own stages: a stale report is labelled as it was computed.
    let stages = &report.stages;
    let bars: Vec<FunnelBar> = volumes
        .iter()
        .enumerate()
        .map(|(i, &v)| FunnelBar {
            label: stage_name(stages, i, lang),
            value: v,
            text: if whole {
                format_count(v, lang)
            } else {
                volume(v, lang)
            },
            conversion: (i + 1 < volumes.len())
                .then(|| {
                    stages
                        .get(i)
                        .map(|s| format_percent(s.conversion_pct, 1, lang))
                })
                .flatten(),
        })
        .collect();
    let title = ctx.t(
        "Воронка: клиентов на каждом этапе в месяц и конверсия в следующий",
        "Funnel: clients at each stage per month and conversion to the next",
    );
    html! {
        <section class="card" aria-labelledby="funnel-chart-title">
            <h2 id="funnel-chart-title">{ ctx.t("Воронка в месяц", "The funnel per month") }</h2>
            <div class="chart-scroll">{ funnel_chart("funnel-chart", title, &bars, ctx.painted) }</div>
        </section>
    }
}
