//! The production calendar of the page's month: weekends and Russia's fixed holidays, and the
//! transfers the person marks with a click (a day off made working, a working day made off).

use chrono::{Datelike, NaiveDate};
use yew::prelude::*;

use crate::model::calendar::DayKind;
use crate::state::plan_edit::FactEdit;

use super::Ctx;

pub fn view(ctx: &Ctx) -> Html {
    let calendar = &ctx.plan.calendar;
    let month = ctx.month;
    let days = calendar.working_days(month);
    let lead = month.first_day().weekday().num_days_from_monday() as usize;
    let weekdays = match ctx.lang {
        crate::i18n::Lang::Ru => ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"],
        crate::i18n::Lang::En => ["Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"],
    };
    let toggle = |day: NaiveDate| {
        let app = ctx.app.clone();
        Callback::from(move |_: MouseEvent| app.edit(FactEdit::ToggleDay(day)))
    };
    let reset = {
        let app = ctx.app.clone();
        let year = month.year();
        Callback::from(move |_: MouseEvent| app.edit(FactEdit::ResetCalendarYear(year)))
    };
    let summary = match ctx.lang {
        crate::i18n::Lang::Ru => {
            format!("Производственный календарь: рабочих дней в месяце — {days}")
        }
        crate::i18n::Lang::En => format!("Production calendar: {days} working days this month"),
    };
    html! {
        <details class="card fact-calendar" data-testid="fact-calendar">
            <summary><span data-testid="calendar-summary">{ summary }</span>
                <output class="visually-hidden" data-testid="calendar-working-days">{ days }</output></summary>
            <p class="hint">{ ctx.t(
                "Выходные и государственные праздники (1–8 января, 23 февраля, 8 марта, 1 и 9 мая, 12 июня, 4 ноября) уже отмечены. Нажмите на день, чтобы отметить перенос: рабочий день станет выходным, выходной — рабочим.",
                "Weekends and the public holidays (January 1-8, February 23, March 8, May 1 and 9, June 12, November 4) are marked. Click a day to mark a transfer: a working day becomes a day off, a day off a working day.") }</p>
            <div class="calendar-grid" role="grid">
                { for weekdays.iter().map(|w| html! { <span class="calendar-weekday" role="columnheader">{ *w }</span> }) }
                { for (0..lead).map(|_| html! { <span /> }) }
                { for month.days().map(|day| {
                    let kind = calendar.kind(day);
                    let class = match kind {
                        DayKind::Working => "day-working",
                        DayKind::Weekend => "day-weekend",
                        DayKind::Holiday => "day-holiday",
                        DayKind::MarkedOff => "day-marked-off",
                        DayKind::MarkedWorking => "day-marked-working",
                    };
                    let title = match kind {
                        DayKind::Working => ctx.t("рабочий", "working"),
                        DayKind::Weekend => ctx.t("выходной", "weekend"),
                        DayKind::Holiday => ctx.t("праздник", "public holiday"),
                        DayKind::MarkedOff => ctx.t("перенос: выходной", "transfer: day off"),
                        DayKind::MarkedWorking => ctx.t("перенос: рабочий", "transfer: working"),
                    };
                    html! {
                        <button type="button" class={classes!("calendar-day", class)}
                            data-testid={format!("calendar-day-{day}")} data-working={kind.is_working().to_string()}
                            title={title} aria-label={format!("{day}: {title}")} onclick={toggle(day)}>
                            { day.day() }
                        </button>
                    }
                }) }
            </div>
            <div class="actions">
                <button type="button" class="button-quiet" data-testid="calendar-reset-year" onclick={reset}>
                    { match ctx.lang {
                        crate::i18n::Lang::Ru => format!("Сбросить переносы {} года", month.year()),
                        crate::i18n::Lang::En => format!("Clear the transfers of {}", month.year()),
                    } }
                </button>
            </div>
        </details>
    }
}
