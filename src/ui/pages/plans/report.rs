//! The report of the active plan: key figures, charts and every calculator's tables, with
//! CSV per table. On paper (print / PDF) it is all that is printed, under a header with the
//! plan, the client and the date.

use yew::prelude::*;

use crate::i18n::numbers::{format_count, format_money, format_number, format_percent};
use crate::i18n::{tr, Lang};
use crate::model::funnel;
use crate::model::ltv::Figure as LtvFigure;
use crate::model::plan::{summarize, PlanSummary};
use crate::model::{Currency, Plan};
use crate::storage::export::{plan_sheets, to_csv, Cell, NumberFormat, Sheet, Table};
use crate::ui::browser::{download, format_today, print, slug, today_iso};
use crate::ui::state::use_app;
use crate::ui::widgets::{Bar, BarChart, Figure};

/// A table cell as the locale writes it.
pub fn format_cell(cell: &Cell, currency: Currency, lang: Lang) -> String {
    match cell {
        Cell::Text(t) => t.clone(),
        Cell::Empty => "—".into(),
        Cell::Number(v, format) => format_value(*v, *format, currency, lang),
    }
}

pub fn format_value(v: f64, format: NumberFormat, currency: Currency, lang: Lang) -> String {
    match format {
        NumberFormat::Integer => format_count(v, lang),
        NumberFormat::Decimal1 => format_number(v, 1, lang),
        NumberFormat::Money => format_money(v, currency, 0, lang),
        NumberFormat::Percent => format_percent(v, 1, lang),
        NumberFormat::Ratio => format!("{} : 1", format_number(v, 1, lang)),
        NumberFormat::Probability => format_percent(v * 100.0, 1, lang),
        NumberFormat::Exact => format_number(v, 6, lang),
    }
}

/// An LTV figure (maybe unbounded) as text.
pub fn format_figure(
    f: Option<LtvFigure>,
    format: NumberFormat,
    currency: Currency,
    lang: Lang,
) -> String {
    match f {
        Some(LtvFigure::Finite(v)) => format_value(v, format, currency, lang),
        Some(LtvFigure::Unbounded) => tr(lang, "не ограничено", "unbounded").into(),
        None => "—".into(),
    }
}

/// The headline figures of a plan (also shown in a share link's preview).
pub fn key_figures(summary: &PlanSummary, lang: Lang, prefix: &str) -> Html {
    let money = |v: Option<f64>| {
        v.map_or("—".to_string(), |v| {
            format_money(v, summary.currency, 0, lang)
        })
    };
    let count = |v: Option<f64>| v.map_or("—".to_string(), |v| format_count(v, lang));
    html! {
        <div class="figures plans-figures">
            <Figure id={format!("{prefix}-revenue")} primary={true}
                label={tr(lang, "План выручки в месяц", "Revenue target per month")}
                value={money(Some(summary.revenue_plan_per_month))} />
            <Figure id={format!("{prefix}-new-revenue")}
                label={tr(lang, "Из них от новых клиентов (через воронку)", "Of which from new clients (through the funnel)")}
                value={money(Some(summary.funnel_target_per_month))} />
            <Figure id={format!("{prefix}-leads")} label={tr(lang, "Лидов в месяц", "Leads per month")}
                value={count(summary.leads_per_month)} />
            <Figure id={format!("{prefix}-headcount")} label={tr(lang, "Сотрудников", "Headcount")}
                value={count(summary.headcount_total)} />
            <Figure id={format!("{prefix}-budget")} label={tr(lang, "Бюджет в месяц", "Budget per month")}
                value={money(summary.budget_per_month)} />
            <Figure id={format!("{prefix}-ltv")} label={"LTV"}
                value={format_figure(summary.ltv, NumberFormat::Money, summary.currency, lang)} />
            <Figure id={format!("{prefix}-ltv-cac")} label={"LTV : CAC"}
                value={format_figure(summary.ltv_to_cac, NumberFormat::Ratio, summary.currency, lang)} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
struct TableViewProps {
    table: Table,
    currency: Currency,
    lang: Lang,
    file_stem: AttrValue,
}

#[function_component(TableView)]
fn table_view(props: &TableViewProps) -> Html {
    let t = &props.table;
    let lang = props.lang;
    let on_csv = {
        let table = t.clone();
        let name = format!("{}-{}.csv", props.file_stem, t.id);
        Callback::from(move |_| {
            download(
                to_csv(&table, lang).as_bytes(),
                &name,
                "text/csv;charset=utf-8",
            )
        })
    };
    html! {
        <div class="report-table" data-testid={format!("report-{}", t.id)}>
            <div class="report-table-title">
                <h4>{ t.title.clone() }</h4>
                <button type="button" class="button-quiet button-small no-print" data-testid={format!("export-csv-{}", t.id)}
                    onclick={on_csv} title={tr(lang, "Скачать таблицу в CSV", "Download the table as CSV")}>
                    { "CSV" }<span class="visually-hidden">{ format!(": {}", t.title) }</span>
                </button>
            </div>
            if let Some(note) = &t.note {
                <p class="stale-note">{ note.clone() }</p>
            }
            <div class="table-wrap">
                <table>
                    <thead><tr>
                        { for t.headers.iter().enumerate().map(|(i, h)| html! {
                            <th scope="col" class={(i == 0).then_some("text")}>{ h.clone() }</th>
                        }) }
                    </tr></thead>
                    <tbody>
                        { for t.rows.iter().map(|row| html! {
                            <tr>
                                { for row.iter().map(|c| html! {
                                    <td class={matches!(c, Cell::Text(_)).then_some("text")}>
                                        { format_cell(c, props.currency, lang) }
                                    </td>
                                }) }
                            </tr>
                        }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// Bars of the funnel (clients per month each stage needs), headcount by role, and segments'
/// value: the report's charts.
fn charts(plan: &Plan, summary: &PlanSummary, sheets: &[Sheet], lang: Lang) -> Html {
    let currency = plan.currency;
    let funnel_bars: Vec<Bar> =
        funnel::compute(&plan.funnel, &plan.target, plan.working_days_per_month)
            .ok()
            .and_then(|r| r.reverse.ok())
            .map(|r| {
                plan.funnel
                    .stages
                    .iter()
                    .zip(&r.stages)
                    .map(|(s, need)| Bar {
                        label: s.name.clone().into(),
                        value: need.per_month,
                        text: format_count(need.per_month, lang).into(),
                        highlight: false,
                    })
                    .collect()
            })
            .unwrap_or_default();
    let role_bars: Vec<Bar> = summary
        .roles
        .iter()
        .map(|r| Bar {
            label: r.name.clone().into(),
            value: r.headcount,
            text: format_count(r.headcount, lang).into(),
            highlight: false,
        })
        .collect();
    // Segment value (clients x LTV) from the LTV sheet's segment table, total row left out.
    let segment_bars: Vec<Bar> = sheets
        .iter()
        .flat_map(|s| &s.tables)
        .find(|t| t.id == "ltv-segments")
        .map(|t| {
            t.rows
                .iter()
                .take(t.rows.len().saturating_sub(1))
                .filter_map(|row| match (&row[0], &row[7]) {
                    (Cell::Text(name), Cell::Number(v, _)) => Some(Bar {
                        label: name.clone().into(),
                        value: *v,
                        text: format_money(*v, currency, 0, lang).into(),
                        highlight: false,
                    }),
                    _ => None,
                })
                .collect()
        })
        .unwrap_or_default();
    let chart = |id: &str, title: &str, bars: Vec<Bar>, centered: bool| {
        if bars.is_empty() {
            return html! {};
        }
        html! {
            <figure class="report-chart">
                <figcaption>{ title.to_string() }</figcaption>
                <BarChart id={id.to_string()} title={title.to_string()} bars={bars} centered={centered} />
            </figure>
        }
    };
    html! {
        <div class="report-charts">
            { chart("report-chart-funnel", tr(lang, "Воронка: нужно клиентов в месяц", "Funnel: clients needed per month"), funnel_bars, true) }
            { chart("report-chart-headcount", tr(lang, "Штат по ролям, человек", "Headcount by role"), role_bars, false) }
            { chart("report-chart-segments", tr(lang, "Ценность сегментов клиентской базы", "Value of client segments"), segment_bars, false) }
        </div>
    }
}

#[function_component(PlanReport)]
pub fn plan_report() -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let summary = summarize(plan);
    let sheets = plan_sheets(plan, lang);
    let stem = slug(&plan.name);
    let client = if plan.client.trim().is_empty() {
        tr(lang, "не указан", "not set").to_string()
    } else {
        plan.client.clone()
    };
    html! {
        <section class="card plan-report" data-testid="plan-report" aria-labelledby="plan-report-title">
            <header class="print-header" data-testid="print-header">
                <div class="print-brand">
                    <span class="brand-mark" aria-hidden="true">{ "S" }</span>
                    { tr(lang, "Salesplan · отчёт по плану продаж", "Salesplan · sales plan report") }
                </div>
                <p class="print-title" data-testid="print-plan-name">{ plan.name.clone() }</p>
                <p class="print-meta">
                    <span data-testid="print-client">{ format!("{}: {client}", tr(lang, "Клиент", "Client")) }</span>
                    <span data-testid="print-date">{ format_today(lang) }</span>
                </p>
            </header>
            <div class="section-title no-print">
                <h2 id="plan-report-title">{ tr(lang, "Отчёт по активному плану", "Report of the active plan") }</h2>
                <div class="actions">
                    <button type="button" class="button" data-testid="print-report" onclick={Callback::from(|_| print())}>
                        { tr(lang, "Печать / PDF", "Print / PDF") }
                    </button>
                </div>
            </div>
            <p class="report-hint no-print">{ tr(lang,
                "Печать выводит только этот отчёт на листы A4; чтобы получить PDF, выберите «Сохранить как PDF» в окне печати.",
                "Printing puts only this report on A4 pages; to get a PDF, choose “Save as PDF” in the print dialog.") }</p>
            { key_figures(&summary, lang, "report") }
            { charts(plan, &summary, &sheets, lang) }
            { for sheets.iter().map(|sheet| html! {
                <div class="report-sheet">
                    <h3>{ sheet.name.clone() }</h3>
                    { for sheet.tables.iter().map(|t| html! {
                        <TableView table={t.clone()} currency={plan.currency} lang={lang}
                            file_stem={format!("{stem}-{}", today_iso())} />
                    }) }
                </div>
            }) }
        </section>
    }
}
