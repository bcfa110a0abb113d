//! Weekly and monthly control: the team's funnel per ISO week against the plan for its elapsed
//! days (and the week's full contact norm), and the month to date, team and per seller.

use yew::prelude::*;

use crate::i18n::Lang;
use crate::model::fact::{Control, PeriodFunnel};

use super::daily::check_cell;
use super::Ctx;

pub fn view(ctx: &Ctx, control: &Control) -> Html {
    let stage_count = control.plan_per_month.len();
    let lang = ctx.lang;
    let week_label = |w: &PeriodFunnel| match lang {
        Lang::Ru => format!(
            "Неделя {} ({}–{})",
            w.iso_week,
            crate::i18n::fact::short_date(Lang::Ru, w.from),
            crate::i18n::fact::short_date(Lang::Ru, w.to)
        ),
        Lang::En => format!(
            "Week {} ({}–{})",
            w.iso_week,
            crate::i18n::fact::short_date(Lang::En, w.from),
            crate::i18n::fact::short_date(Lang::En, w.to)
        ),
    };
    let month = &control.month_to_date;
    html! {
        <section class="card" aria-labelledby="periods-title" data-testid="fact-periods">
            <h2 id="periods-title">{ if control.month_over { ctx.t("Итоговые воронки месяца", "The month's final funnels") } else { ctx.t("Недели и месяц на дату", "Weeks and the month to date") } }</h2>
            <p class="hint">{ ctx.t(
                "Факт против плана за прошедшие рабочие дни периода (норма дня × дни). Под чертой — недельная норма контактов за все рабочие дни недели.",
                "Done against the plan for the period's working days gone (daily norm × days). Below the line: the week's contact norm for all its working days.") }</p>
            <div class="table-wrap">
                <table class="fact-table" data-testid="fact-weeks">
                    <thead><tr>
                        <th scope="col">{ ctx.t("Период", "Period") }</th>
                        { for (0..stage_count).map(|s| html! { <th scope="col">{ ctx.stage_name(s) }</th> }) }
                        <th scope="col">{ ctx.t("Выручка", "Revenue") }</th>
                    </tr></thead>
                    <tbody>
                        { for control.weeks.iter().enumerate().map(|(i, w)| {
                            let n = i + 1;
                            html! {
                                <tr data-testid={format!("week-{n}")} data-iso-week={w.iso_week.to_string()}>
                                    <th scope="row">{ week_label(w) }</th>
                                    { for w.stages.iter().enumerate().map(|(s, check)| html! {
                                        <>
                                            { check_cell(ctx, check, &format!("week-{n}-stage-{}", s + 1), false, w.elapsed_days > 0) }
                                        </>
                                    }) }
                                    { check_money(ctx, &w.revenue, &format!("week-{n}-revenue"), w.elapsed_days > 0) }
                                </tr>
                            }
                        }) }
                        <tr class="total-row" data-testid="month-to-date">
                            <th scope="row">{ ctx.t("Месяц на дату", "Month to date") }</th>
                            { for month.stages.iter().enumerate().map(|(s, check)| check_cell(ctx, check, &format!("mtd-team-stage-{}", s + 1), false, month.elapsed_days > 0)) }
                            { check_money(ctx, &month.revenue, "mtd-team-revenue", month.elapsed_days > 0) }
                        </tr>
                    </tbody>
                </table>
            </div>
            <details>
                <summary>{ ctx.t("Недельные нормы контактов", "Weekly contact norms") }</summary>
                <table class="fact-table" data-testid="fact-week-norms">
                    <thead><tr>
                        <th scope="col">{ ctx.t("Неделя", "Week") }</th>
                        <th scope="col">{ ctx.t("Рабочих дней", "Working days") }</th>
                        { for (0..stage_count).map(|s| html! { <th scope="col">{ ctx.stage_name(s) }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for control.weeks.iter().enumerate().map(|(i, w)| html! {
                            <tr>
                                <th scope="row">{ week_label(w) }</th>
                                <td>{ w.working_days }</td>
                                { for w.period_plan.iter().enumerate().map(|(s, v)| html! {
                                    <td data-testid={format!("week-{}-stage-{}-plan", i + 1, s + 1)}>{ ctx.count(*v) }</td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </details>
            <h3>{ ctx.t("Воронка каждого продавца с начала месяца", "Each seller's funnel, month to date") }</h3>
            <div class="table-wrap">
                <table class="fact-table" data-testid="fact-sellers-month">
                    <thead><tr>
                        <th scope="col">{ ctx.t("Продавец", "Seller") }</th>
                        <th scope="col">{ ctx.t("Отчётов", "Reports") }</th>
                        { for (0..stage_count).map(|s| html! { <th scope="col">{ ctx.stage_name(s) }</th> }) }
                        <th scope="col">{ ctx.t("Выручка", "Revenue") }</th>
                    </tr></thead>
                    <tbody>
                        { for month.sellers.iter().enumerate().map(|(i, seller)| {
                            let n = i + 1;
                            html! {
                                <tr>
                                    <th scope="row">{ seller.seller.name.clone() }</th>
                                    <td data-testid={format!("mtd-seller-{n}-reports")}>{ seller.reports }</td>
                                    { for seller.stages.iter().enumerate().map(|(s, check)| check_cell(ctx, check, &format!("mtd-seller-{n}-stage-{}", s + 1), false, month.elapsed_days > 0)) }
                                    { check_money(ctx, &seller.revenue, &format!("mtd-seller-{n}-revenue"), month.elapsed_days > 0) }
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Revenue against its plan, formatted as money.
fn check_money(ctx: &Ctx, check: &crate::model::fact::StageCheck, id: &str, judged: bool) -> Html {
    let class = judged.then(|| crate::i18n::fact::light_class(check.light));
    html! {
        <td class={classes!(class)}>
            <span data-testid={format!("{id}-done")}>{ ctx.money(check.done) }</span>
            { " / " }
            <span data-testid={format!("{id}-norm")}>{ ctx.money(check.norm) }</span>
        </td>
    }
}
