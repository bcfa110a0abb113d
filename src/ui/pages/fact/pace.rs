//! The month's money (revenue, target to date, run-rate) and the pace the rest of the month
//! needs: deals, and through the plan's funnel the count at every stage, per remaining
//! working day and per seller per day.

use yew::prelude::*;

use crate::i18n::numbers::format_percent;
use crate::i18n::Lang;
use crate::model::fact::Control;
use crate::ui::widgets::Figure;

use super::Ctx;

pub fn view(ctx: &Ctx, control: &Control) -> Html {
    let r = &control.run_rate;
    let lang = ctx.lang;
    let days = match lang {
        Lang::Ru => format!(
            "Прошло рабочих дней: {} из {}, осталось {}.",
            control.elapsed_days, control.month_days, control.remaining_days
        ),
        Lang::En => format!(
            "Working days gone: {} of {}, {} left.",
            control.elapsed_days, control.month_days, control.remaining_days
        ),
    };
    let none = || ctx.t("нет данных", "no data").to_string();
    let runrate_note = r.runrate_pct.map(|p| match lang {
        Lang::Ru => format!("{} плана месяца", format_percent(p, 1, lang)),
        Lang::En => format!("{} of the month's plan", format_percent(p, 1, lang)),
    });
    let per = |v: Option<f64>| v.map_or_else(none, |v| ctx.count(v));
    html! {
        <section class="card" aria-labelledby="pace-title" data-testid="fact-pace">
            <h2 id="pace-title">{ if control.month_over { ctx.t("Итог месяца", "The month's result") } else { ctx.t("Темп и что осталось сделать", "Pace and what is left to do") } }</h2>
            <p data-testid="fact-days">{ days }
                <output class="visually-hidden" data-testid="fact-elapsed-days">{ control.elapsed_days }</output>
                <output class="visually-hidden" data-testid="fact-month-days">{ control.month_days }</output></p>
            <div class="figures">
                <Figure id="fact-revenue" label={ctx.t("Выручка с начала месяца", "Revenue month to date")} value={ctx.money(r.revenue)} primary=true />
                <Figure id="fact-target-to-date" label={ctx.t("План на дату", "Target to date")} value={ctx.money(r.target_to_date)}
                    note={Some(AttrValue::from(ctx.t("план × прошедшие дни / рабочие дни месяца", "target × days gone / the month's working days")))} />
                <Figure id="fact-runrate" label={ctx.t("Прогноз месяца по темпу (run-rate)", "Month at this pace (run-rate)")}
                    value={r.runrate.map_or_else(none, |v| ctx.money(v))} note={runrate_note.map(AttrValue::from)} />
                <Figure id="fact-target" label={ctx.t("План месяца", "The month's target")} value={ctx.money(r.target)} />
                <Figure id="fact-remaining-revenue" label={ctx.t("Осталось продать", "Left to sell")} value={ctx.money(r.remaining_revenue)} />
                <Figure id="fact-remaining-deals" label={ctx.t("Осталось сделок", "Deals still needed")} value={ctx.count(control.pace.remaining_deals)}
                    note={Some(AttrValue::from(ctx.t("остаток / средний чек плана, вверх", "left / the plan's check, rounded up")))} />
            </div>
            <div class="table-wrap">
                <table class="fact-table" data-testid="fact-required">
                    <thead><tr>
                        <th scope="col">{ ctx.t("Этап", "Stage") }</th>
                        <th scope="col">{ ctx.t("Ещё нужно", "Still needed") }</th>
                        <th scope="col">{ ctx.t("В рабочий день", "Per working day") }</th>
                        <th scope="col">{ ctx.t("На продавца в день", "Per seller per day") }</th>
                    </tr></thead>
                    <tbody>
                        { for control.pace.stages.iter().enumerate().map(|(s, need)| {
                            let m = s + 1;
                            html! {
                                <tr>
                                    <th scope="row">{ ctx.stage_name(s) }</th>
                                    <td data-testid={format!("fact-required-stage-{m}")}>{ ctx.count(need.total) }</td>
                                    <td data-testid={format!("fact-required-stage-{m}-per-day")}>{ per(need.per_day) }</td>
                                    <td data-testid={format!("fact-required-stage-{m}-per-seller-day")}>{ per(need.per_seller_day) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}
