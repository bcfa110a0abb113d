//! The cycle: how long a client takes through the funnel and how early leads must enter.

use yew::prelude::*;

use super::charts::{cycle_chart, CycleSegment};
use super::text::{days, stage_name};
use super::{results_class, Ctx};
use crate::i18n::numbers::format_number;
use crate::i18n::Lang;
use crate::model::funnel::Cycle;
use crate::ui::widgets::Figure;

pub fn view(ctx: &Ctx) -> Html {
    let Some(report) = ctx.report else {
        return html! {};
    };
    let c = &report.cycle;
    let lang = ctx.lang;
    let stages = &report.stages;
    let segments: Vec<CycleSegment> = stages
        .iter()
        .enumerate()
        .map(|(i, s)| CycleSegment {
            label: stage_name(stages, i, lang),
            days: s.days,
            text: day_count(s.days, lang),
            start_text: days(c.stage_start_days.get(i).copied().unwrap_or(0.0), lang),
        })
        .collect();
    let title = ctx.t(
        "Цикл сделки: рабочие дни на каждом этапе",
        "Sales cycle: working days in each stage",
    );
    html! {
        <section class={results_class(ctx, "card")} aria-labelledby="cycle-title" data-testid="cycle">
            <h2 id="cycle-title">{ ctx.t("Цикл сделки", "Sales cycle") }</h2>
            <div class="figures figures-compact">
                <Figure id="cycle-days" primary=true label={ctx.t("Дней в воронке", "Days in the funnel")}
                    value={days(c.total_days, lang)}
                    note={AttrValue::from(ctx.t("рабочих, от лида до оплаты", "working, lead to payment"))} />
                <Figure id="cycle-calendar-days" label={ctx.t("Календарных", "Calendar days")}
                    value={format_number(c.calendar_days, 0, lang)}
                    note={AttrValue::from(ctx.t("примерно", "about"))} />
                <Figure id="cycle-months" label={ctx.t("Месяцев", "Months")}
                    value={format_number(c.months, 1, lang)}
                    note={AttrValue::from(ctx.t("по рабочим дням", "of working days"))} />
            </div>
            if c.total_days > 0.0 {
                <div class="chart-scroll">{ cycle_chart("cycle-chart", title, &segments, &day_count(c.total_days, lang)) }</div>
                <p class="cycle-entry" data-testid="cycle-entry">{ entry_sentence(c, lang) }</p>
                { stage_table(ctx, &segments, c) }
            } else {
                <p class="hint" data-testid="cycle-entry">{ ctx.t(
                    "Дни на этапах не заданы — укажите их в редакторе этапов, чтобы увидеть цикл.",
                    "No days in stages yet: enter them in the stage editor to see the cycle.") }</p>
            }
        </section>
    }
}

/// Each stage's first day (counted from entry) and days in it.
fn stage_table(ctx: &Ctx, segments: &[CycleSegment], c: &Cycle) -> Html {
    let lang = ctx.lang;
    html! {
        <div class="table-wrap">
            <table class="cycle-table">
                <thead>
                    <tr>
                        <th scope="col">{ ctx.t("Этап", "Stage") }</th>
                        <th scope="col">{ ctx.t("С дня", "From day") }</th>
                        <th scope="col">{ ctx.t("Дней", "Days") }</th>
                    </tr>
                </thead>
                <tbody>
                    { for segments.iter().enumerate().map(|(i, s)| html! {
                        <tr>
                            <th scope="row" class="text">{ s.label.clone() }</th>
                            <td data-testid={format!("stage-{}-starts", i + 1)}>
                                { days(c.stage_start_days.get(i).copied().unwrap_or(0.0), lang) }
                            </td>
                            <td>{ days(s.days, lang) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

/// "3 дн." / "3 days".
fn day_count(value: f64, lang: Lang) -> String {
    match lang {
        Lang::Ru => format!("{}\u{a0}дн.", days(value, lang)),
        Lang::En => format!("{}\u{a0}days", days(value, lang)),
    }
}

/// When leads must enter the funnel for their deals to close in the target month.
fn entry_sentence(c: &Cycle, lang: Lang) -> String {
    let months = format_number(c.months_ahead, 0, lang);
    let day = days(c.latest_entry_day, lang);
    let when_ru = match c.months_ahead as u64 {
        0 => "в том же месяце".to_string(),
        1 => "в предыдущем месяце".to_string(),
        _ => format!("за {months} мес. до целевого месяца"),
    };
    let when_en = match c.months_ahead as u64 {
        0 => "in the same month".to_string(),
        1 => "in the month before".to_string(),
        _ => format!("{months} months before the target month"),
    };
    let first_day = c.latest_entry_day == 0.0;
    match lang {
        Lang::Ru if first_day => format!(
            "Чтобы сделки закрылись в целевом месяце, лиды должны войти в воронку {when_ru}, в его первый рабочий день."
        ),
        Lang::Ru => format!(
            "Чтобы сделки закрылись в целевом месяце, лиды должны войти в воронку {when_ru}, не позже конца {day}-го рабочего дня."
        ),
        Lang::En if first_day => format!(
            "For deals to close in the target month, leads must enter the funnel {when_en}, on its first working day."
        ),
        Lang::En => format!(
            "For deals to close in the target month, leads must enter the funnel {when_en}, by the end of its working day {day}."
        ),
    }
}
