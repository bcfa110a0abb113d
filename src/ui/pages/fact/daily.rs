//! The daily control of the as-of day: who filed a report, and each seller's count at every
//! stage against the daily norm, red / amber / green.

use yew::prelude::*;

use crate::i18n::fact::{light_class, light_word};
use crate::i18n::Lang;
use crate::model::fact::{Control, StageCheck};

use super::Ctx;

pub fn view(ctx: &Ctx, control: &Control) -> Html {
    let daily = &control.daily;
    let lang = ctx.lang;
    let title = match lang {
        Lang::Ru => format!(
            "Ежедневный контроль: {}",
            crate::i18n::fact::date_text(Lang::Ru, daily.day)
        ),
        Lang::En => format!("Daily control: {}", daily.day),
    };
    let filed = match lang {
        Lang::Ru => format!("Отчёт сдали {} из {}.", daily.reported, daily.sellers.len()),
        Lang::En => format!(
            "{} of {} sellers filed a report.",
            daily.reported,
            daily.sellers.len()
        ),
    };
    html! {
        <section class="card" aria-labelledby="daily-title" data-testid="fact-daily">
            <h2 id="daily-title">{ title }</h2>
            <p data-testid="daily-reported">{ filed }</p>
            if !daily.working {
                <p class="hint">{ ctx.t("Выходной по календарю: дневных норм нет.", "A day off in the calendar: no daily norms.") }</p>
            }
            <div class="table-wrap">
                <table class="fact-table">
                    <thead><tr>
                        <th scope="col">{ ctx.t("Продавец", "Seller") }</th>
                        <th scope="col">{ ctx.t("Отчёт", "Report") }</th>
                        { for (0..control.plan_per_month.len()).map(|s| html! {
                            <th scope="col">{ ctx.stage_name(s) }<br /><span class="hc-muted">{ ctx.t("факт / норма", "done / norm") }</span></th>
                        }) }
                        <th scope="col">{ ctx.t("Выручка", "Revenue") }</th>
                    </tr></thead>
                    <tbody>
                        { for daily.sellers.iter().enumerate().map(|(i, seller)| {
                            let n = i + 1;
                            html! {
                                <tr>
                                    <th scope="row">{ seller.seller.name.clone() }</th>
                                    <td data-testid={format!("daily-seller-{n}-reported")} class={if seller.reported { "light-green" } else { "light-red" }}>
                                        { if seller.reported { ctx.t("сдан", "filed") } else { ctx.t("нет отчёта", "no report") } }
                                    </td>
                                    { for seller.stages.iter().enumerate().map(|(s, check)| {
                                        let flagged = seller.grows_at.contains(&s);
                                        check_cell(ctx, check, &format!("daily-seller-{n}-stage-{}", s + 1), flagged, daily.working)
                                    }) }
                                    <td data-testid={format!("daily-seller-{n}-revenue")}>{ ctx.money(seller.revenue) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// "done / norm" with the light; ids `<id>-done` and `<id>-norm`.
pub fn check_cell(ctx: &Ctx, check: &StageCheck, id: &str, flagged: bool, judged: bool) -> Html {
    let class = judged.then(|| light_class(check.light));
    let title = if flagged {
        format!(
            "{}; {}",
            light_word(ctx.lang, check.light),
            ctx.t(
                "больше, чем на предыдущем этапе",
                "more than at the previous stage"
            )
        )
    } else {
        light_word(ctx.lang, check.light).to_string()
    };
    html! {
        <td class={classes!(class, flagged.then_some("cell-flagged"))} title={title} data-light={format!("{:?}", check.light).to_lowercase()}
            data-testid={format!("{id}-light")}>
            <span data-testid={format!("{id}-done")}>{ ctx.count(check.done) }</span>
            { " / " }
            <span data-testid={format!("{id}-norm")}>{ ctx.count(check.norm) }</span>
        </td>
    }
}
