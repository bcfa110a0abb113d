//! The month and the as-of date the page controls, the exports of the month's review, print,
//! and the hand-over of the month's facts to the funnel's geometry diagnostics.

use chrono::NaiveDate;
use yew::prelude::*;

use crate::model::calendar::Month;
use crate::model::clients::dates::{date_of, day_of};
use crate::state::plan_edit::FactEdit;
use crate::storage::export::{fact_sheets, to_csv, workbook, Locale};
use crate::ui::browser::{download, print, slug};
use crate::ui::widgets::{DateField, MonthField};

use super::Ctx;

pub fn view(ctx: &Ctx, on_as_of: Callback<NaiveDate>) -> Html {
    let lang = ctx.lang;
    let on_date = Callback::from(move |day: Option<i32>| {
        if let Some(day) = day {
            on_as_of.emit(date_of(day));
        }
    });
    let on_month = {
        let app = ctx.app.clone();
        Callback::from(move |month: Option<Month>| {
            if let Some(month) = month {
                app.edit(FactEdit::SetMonth(month));
            }
        })
    };
    let control = ctx.control.as_ref().ok();
    let export = |csv: bool| {
        let plan = ctx.plan.clone();
        let control = control.cloned();
        let sellers = ctx.sellers.to_vec();
        let month = ctx.month;
        Callback::from(move |_: MouseEvent| {
            let Some(control) = &control else { return };
            let sheets = fact_sheets(&plan, control, &sellers, lang);
            let name = format!(
                "salesplan-{}-{}-{month}",
                slug(&plan.name),
                if csv { "review" } else { "fact" }
            );
            if csv {
                // The month's review: the month-to-date table by seller.
                if let Some(table) = sheets.first().and_then(|s| s.tables.first()) {
                    download(
                        to_csv(table, lang).as_bytes(),
                        &format!("{name}.csv"),
                        "text/csv;charset=utf-8",
                    );
                }
            } else {
                let bytes = workbook(
                    &sheets,
                    Locale {
                        currency: plan.currency,
                        lang,
                    },
                    &plan.name,
                );
                download(
                    &bytes,
                    &format!("{name}.xlsx"),
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                );
            }
        })
    };
    html! {
        <div class="card fact-header">
            <div class="form-grid">
                <MonthField id="fact-month" label={ctx.t("Месяц", "Month")} value={Some(ctx.month)} {lang} on_change={on_month} />
                <DateField id="fact-as-of" label={ctx.t("Контроль на дату", "Control as of")}
                    value={Some(day_of(ctx.as_of))} {lang} on_change={on_date}
                    hint={Some(AttrValue::from(ctx.t("По умолчанию — сегодня.", "Today by default.")))} />
            </div>
            if ctx.as_of < ctx.month.first_day() {
                <p class="hint" data-testid="fact-as-of-outside">{ ctx.t(
                    "Дата контроля раньше выбранного месяца: месяц ещё не начался, факт не считается.",
                    "The control date is before the chosen month: the month has not begun, no facts are counted.") }</p>
            } else if ctx.as_of > ctx.month.last_day() {
                <p class="hint" data-testid="fact-as-of-outside">{ ctx.t(
                    "Дата контроля позже выбранного месяца: показан итог месяца, а таблица отчётов и ежедневный контроль — за дату контроля.",
                    "The control date is after the chosen month: the month's result is shown; the reports grid and the daily control are of the control date.") }</p>
            }
            <div class="actions no-print">
                <button type="button" class="button" data-testid="fact-export-xlsx" onclick={export(false)} disabled={control.is_none()}>
                    { ctx.t("Скачать разбор месяца (Excel)", "Download the month's review (Excel)") }
                </button>
                <button type="button" class="button-quiet" data-testid="fact-export-csv" onclick={export(true)} disabled={control.is_none()}>
                    { ctx.t("Таблица по продавцам (CSV)", "Table by seller (CSV)") }
                </button>
                <button type="button" class="button-quiet" data-testid="fact-print" onclick={Callback::from(|_: MouseEvent| print())}>
                    { ctx.t("Печать", "Print") }
                </button>
                <ToDiagnostics month={ctx.month} as_of={ctx.as_of} />
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct ToDiagnosticsProps {
    month: Month,
    as_of: NaiveDate,
}

/// Puts the month's facts into the funnel's geometry diagnostics; rows typed there are
/// replaced only after a second click that says how many.
#[function_component(ToDiagnostics)]
fn to_diagnostics(props: &ToDiagnosticsProps) -> Html {
    let app = crate::ui::state::use_app();
    let lang = app.lang();
    let asking = use_state(|| false);
    let typed_rows = app.plan().funnel.actuals.len();
    let (month, as_of) = (props.month, props.as_of);
    let onclick = {
        let asking = asking.clone();
        Callback::from(move |_: MouseEvent| {
            if typed_rows == 0 || *asking {
                asking.set(false);
                app.edit(FactEdit::UseInDiagnostics { month, as_of, lang });
            } else {
                asking.set(true);
            }
        })
    };
    let text = if *asking {
        match lang {
            crate::i18n::Lang::Ru => {
                format!("Заменить строки диагностики ({typed_rows}) фактом месяца?")
            }
            crate::i18n::Lang::En => {
                format!("Replace the diagnostics' {typed_rows} rows with the month's facts?")
            }
        }
    } else {
        crate::i18n::tr(
            lang,
            "Факт месяца — в диагностику воронки",
            "Use the month's facts in the funnel diagnostics",
        )
        .to_string()
    };
    html! {
        <button type="button" class="button-quiet" data-testid="fact-to-diagnostics" {onclick}>{ text }</button>
    }
}
