//! Sensitivity: which stage's conversion is the biggest lever.
//!
//! The main ranking is +10 percentage points (`sensitivity_points`): +10% relative gives every
//! stage below 90.9% the same gain (deals are a product of conversions), so it cannot rank.
//! The relative figure the issue asks for is shown next to it, with one sentence on each.

use yew::prelude::*;

use super::text::{transition_name, volume, volume_of};
use super::{results_class, Ctx};
use crate::i18n::numbers::{format_count, format_percent};
use crate::i18n::plural::PluralForms;
use crate::i18n::Lang;
use crate::model::funnel::{FunnelReport, Lever};

pub fn view(ctx: &Ctx) -> Html {
    let Some(report) = ctx.report else {
        return html! {};
    };
    let lang = ctx.lang;
    let points = &report.sensitivity_points;
    let entry = match lang {
        Lang::Ru => format!(
            "Прирост в месяц, если поднять конверсию одного этапа при том же входящем потоке ({} в месяц).",
            volume_of(
                points.entry_per_month,
                lang,
                PluralForms { one: "лид", few: "лида", many: "лидов", other: "лида" }
            )
        ),
        Lang::En => format!(
            "Gain per month from raising one stage's conversion, with the same {} per month.",
            volume_of(
                points.entry_per_month,
                lang,
                PluralForms::en("incoming lead", "incoming leads")
            )
        ),
    };
    html! {
        <section class={results_class(ctx, "card")} aria-labelledby="sensitivity-title" data-testid="sensitivity">
            <h2 id="sensitivity-title">{ ctx.t("Рычаги роста", "Growth levers") }</h2>
            <p class="hint">{ entry }</p>
            { biggest(ctx, report) }
            <div class="table-wrap">
                <table class="sensitivity-table">
                    <thead>
                        <tr>
                            <th scope="col">{ "#" }</th>
                            <th scope="col" class="text">{ ctx.t("Этап", "Stage") }</th>
                            <th scope="col">{ ctx.t("Конверсия", "Conversion") }</th>
                            <th scope="col">{ ctx.t("+10 п.п.: сделок", "+10 pp: deals") }</th>
                            <th scope="col">{ ctx.t("+10 п.п.: выручка", "+10 pp: revenue") }</th>
                            <th scope="col">{ ctx.t("+10 % отн.: выручка", "+10% rel.: revenue") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for points.levers.iter().enumerate().map(|(row, lever)| lever_row(ctx, report, row, lever)) }
                    </tbody>
                </table>
            </div>
            <ul class="hint-list">
                <li>{ ctx.t(
                    "+10 п.п. — конверсия этапа выше на 10 процентных пунктов (40 % → 50 %): так видно, где рычаг сильнее всего.",
                    "+10 pp: the stage's conversion 10 percentage points higher (40% → 50%); this shows where the lever is strongest.") }</li>
                <li>{ ctx.t(
                    "+10 % отн. — конверсия ×1,1 (40 % → 44 %): любой этап ниже 90,9 % даёт одни и те же +10 % сделок, поэтому этот показатель почти не различает этапы.",
                    "+10% relative: the conversion ×1.1 (40% → 44%); any stage below 90.9% gives the same +10% deals, so this measure hardly tells stages apart.") }</li>
            </ul>
        </section>
    }
}

fn biggest(ctx: &Ctx, report: &FunnelReport) -> Html {
    let points = &report.sensitivity_points;
    let lever = points
        .biggest
        .and_then(|stage| points.levers.iter().find(|l| l.stage == stage));
    let Some(lever) = lever else {
        return html! {
            <p class="callout" data-testid="biggest-lever">{ ctx.t(
                "Рычага нет: в воронку никто не входит или все конверсии уже 100 %.",
                "No lever: nobody enters the funnel, or every conversion is already 100%.") }</p>
        };
    };
    let lang = ctx.lang;
    let name = transition_name(&report.stages, lever.stage, lang);
    let text = match lang {
        Lang::Ru => format!(
            "Главный рычаг — «{name}»: {} → {} даёт +\u{2060}{} и +\u{2060}{} выручки в месяц.",
            format_percent(lever.conversion_pct, 1, lang),
            format_percent(lever.raised_pct, 1, lang),
            volume_of(
                lever.extra_deals,
                lang,
                PluralForms { one: "сделку", few: "сделки", many: "сделок", other: "сделки" }
            ),
            ctx.money(lever.extra_revenue)
        ),
        Lang::En => format!(
            "Biggest lever: \"{name}\": {} → {} brings +\u{2060}{} and +\u{2060}{} revenue a month.",
            format_percent(lever.conversion_pct, 1, lang),
            format_percent(lever.raised_pct, 1, lang),
            volume_of(lever.extra_deals, lang, PluralForms::en("deal", "deals")),
            ctx.money(lever.extra_revenue)
        ),
    };
    html! { <p class="callout callout-good" data-testid="biggest-lever" data-stage={(lever.stage + 1).to_string()}>{ text }</p> }
}

fn lever_row(ctx: &Ctx, report: &FunnelReport, row: usize, lever: &Lever) -> Html {
    let lang = ctx.lang;
    let n = row + 1;
    // The relative lever of the same stage (the relative ranking has another order).
    let relative = report
        .sensitivity
        .levers
        .iter()
        .find(|l| l.stage == lever.stage);
    html! {
        <tr data-testid={format!("sensitivity-row-{n}")} data-stage={(lever.stage + 1).to_string()}
            class={classes!(lever.is_biggest.then_some("highlight"))}>
            <td>{ format_count(lever.rank as f64, lang) }</td>
            <td class="text">{ transition_name(&report.stages, lever.stage, lang) }</td>
            <td>{ format!("{} → {}", format_percent(lever.conversion_pct, 1, lang), format_percent(lever.raised_pct, 1, lang)) }</td>
            <td data-testid={format!("sensitivity-row-{n}-deals")}>{ format!("+{}", volume(lever.extra_deals, lang)) }</td>
            <td data-testid={format!("sensitivity-row-{n}-revenue")}>{ format!("+{}", ctx.money(lever.extra_revenue)) }</td>
            <td data-testid={format!("sensitivity-row-{n}-relative")}>
                { relative.map(|l| format!("+{}", ctx.money(l.extra_revenue))).unwrap_or_default() }
            </td>
        </tr>
    }
}
