//! The results of an analysis: the file in a few numbers, what was not imported and why,
//! the figures the plan can take, exports; then the analysis tables, cohorts and forecast.

use yew::prelude::*;

use super::cohorts::CohortsView;
use super::forecast::ForecastView;
use super::picker::OtherFileButton;
use super::report::{date_text, kebab, ReportProps};
use super::settings::{settings_errors, Settings};
use super::tables::{AbcXyzView, ReactivationView, SegmentsView, TopClientsView};
use crate::i18n::clients::reject_reason;
use crate::i18n::numbers::{format_count, format_money, format_number, format_percent};
use crate::i18n::plural::{plural, PluralForms};
use crate::i18n::{tr, Lang};
use crate::model::clients::apply_base_figures;
use crate::state::plan_edit::ClientsEdit;
use crate::ui::import::use_import;
use crate::ui::state::use_app;
use crate::ui::widgets::Figure;
use crate::worker::protocol::{ExportFormat, ExportRequest};

#[function_component(Results)]
pub fn results() -> Html {
    let app = use_app();
    let import = use_import();
    let lang = app.lang();
    let currency = app.plan().clients_currency();
    let Some(report) = import.state.report.clone() else {
        return html! {};
    };

    // New settings re-run the analysis on the rows already read; the results stay meanwhile.
    let clients = app.plan().clients.clone();
    let dates = Some((report.summary.first_day, report.summary.last_day));
    {
        let import = import.clone();
        use_effect_with((clients.analysis, clients.clv), move |(analysis, clv)| {
            let Some(last) = import.state.last_request.clone() else {
                return;
            };
            let changed = last.analysis != *analysis || last.clv != *clv;
            if changed && settings_errors(analysis, clv, dates).is_empty() {
                import.analyze(crate::worker::protocol::AnalyzeRequest {
                    analysis: analysis.clone(),
                    clv: clv.clone(),
                    ..last
                });
            }
        });
    }

    let timings = import.state.timings;
    let s = &report.summary;
    let money = |v: f64| format_money(v, currency, 0, lang);
    let export = |format: ExportFormat| {
        let import = import.clone();
        Callback::from(move |_: MouseEvent| {
            import.export(ExportRequest {
                format,
                lang,
                currency,
            })
        })
    };
    let exporting = import.state.exporting;
    // The exports are made by the worker from its analysis, which went with it when the
    // forecast was cancelled; running the forecast again brings both back.
    let cancelled = import.state.forecast_cancelled;
    let export_off = exporting.is_some() || cancelled;
    html! {
        <div class={classes!("clients-results", import.state.busy.then_some("stale"))} data-testid="clients-results"
            aria-busy={import.state.busy.to_string()}>
            <section class="card" aria-labelledby="summary-title">
                <div class="section-title">
                    <h2 id="summary-title">{ tr(lang, "Файл в цифрах", "The file in numbers") }</h2>
                    <OtherFileButton />
                </div>
                <p class="import-file-facts"><strong data-testid="import-file-name">{ report.file_name.clone() }</strong></p>
                <div class="figures">
                    <Figure id="clients-count" primary={true} label={tr(lang, "Клиентов", "Clients")}
                        value={format_count(s.clients as f64, lang)} />
                    <Figure id="transactions-count" label={tr(lang, "Строк загружено", "Rows imported")}
                        value={format_count(s.transactions as f64, lang)}
                        note={AttrValue::from(match lang {
                            Lang::Ru => format!("покупок (клиенто-дней): {}", format_count(s.purchases as f64, lang)),
                            Lang::En => format!("purchases (client-days): {}", format_count(s.purchases as f64, lang)),
                        })} />
                    <Figure id="revenue-total" label={tr(lang, "Выручка", "Revenue")} value={money(s.revenue)} />
                    <Figure id="avg-check-file" label={tr(lang, "Средний чек", "Average check")} value={money(s.avg_check)} />
                    <Figure id="period" label={tr(lang, "Период", "Period")}
                        value={format!("{} — {}", date_text(s.first_day, lang), date_text(s.last_day, lang))}
                        note={AttrValue::from(match lang {
                            Lang::Ru => format!("месяцев: {}", s.months),
                            Lang::En => format!("months: {}", s.months),
                        })} />
                </div>
                <Rejected report={report.clone()} />
            </section>
            <IntoPlan report={report.clone()} />
            <Settings {dates} />
            <AbcXyzView report={report.clone()} />
            <SegmentsView report={report.clone()} />
            <ReactivationView report={report.clone()} />
            <CohortsView report={report.clone()} />
            <ForecastView report={report.clone()} />
            <TopClientsView report={report.clone()} />
            <section class="card" aria-labelledby="export-title">
                <h2 id="export-title">{ tr(lang, "Выгрузка", "Export") }</h2>
                <p class="hint">{ tr(lang,
                    "Таблица по всем клиентам: сегмент, RFM, ABC/XYZ, прогноз ценности.",
                    "A table of every client: segment, RFM, ABC/XYZ, predicted value.") }</p>
                if cancelled {
                    <p class="hint" data-testid="export-after-forecast">{ tr(lang,
                        "Выгрузка готовится вместе с прогнозом: рассчитайте прогноз снова.",
                        "The export is made with the forecast: run the forecast again.") }</p>
                }
                <div class="actions">
                    <button type="button" class="button-quiet" data-testid="export-clients-csv"
                        disabled={export_off} onclick={export(ExportFormat::Csv)}>{ "CSV" }</button>
                    <button type="button" class="button-quiet" data-testid="export-clients-xlsx"
                        disabled={export_off} onclick={export(ExportFormat::Xlsx)}>{ "Excel (.xlsx)" }</button>
                </div>
            </section>
            <p class="hint timings" data-testid="import-timings"
                data-read-ms={timings.read_ms.to_string()}
                data-analyse-ms={timings.analyse_ms.to_string()}
                data-forecast-ms={timings.forecast_ms.to_string()}
                data-bgnbd-fit-ms={timings.bgnbd_fit_ms.to_string()}
                data-memory-bytes={timings.memory_bytes.to_string()}>{ match lang {
                Lang::Ru => format!("Чтение {} мс, анализ {} мс, прогноз {} мс, память {} МБ — в этом браузере.",
                    format_number(timings.read_ms, 0, lang), format_number(timings.analyse_ms, 0, lang),
                    format_number(timings.forecast_ms, 0, lang), format_number(timings.memory_bytes / 1_048_576.0, 0, lang)),
                Lang::En => format!("Reading {} ms, analysis {} ms, forecast {} ms, memory {} MB, in this browser.",
                    format_number(timings.read_ms, 0, lang), format_number(timings.analyse_ms, 0, lang),
                    format_number(timings.forecast_ms, 0, lang), format_number(timings.memory_bytes / 1_048_576.0, 0, lang)),
            } }</p>
        </div>
    }
}

/// Rows not imported, by reason, with the first examples: nothing is dropped silently.
#[function_component(Rejected)]
fn rejected(props: &ReportProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let r = &props.report;
    let rejected = r.rejected_rows();
    let mut notes = Vec::new();
    if r.zero_amount_rows > 0 {
        notes.push(match lang {
            Lang::Ru => format!(
                "Строк с нулевой суммой: {} (загружены, в выручку не входят).",
                r.zero_amount_rows
            ),
            Lang::En => format!(
                "Rows with a zero amount: {} (imported, add nothing to revenue).",
                r.zero_amount_rows
            ),
        });
    }
    if r.blank_rows > 0 {
        notes.push(match lang {
            Lang::Ru => format!("Пустых строк пропущено: {}.", r.blank_rows),
            Lang::En => format!("Blank rows skipped: {}.", r.blank_rows),
        });
    }
    html! {
        <div class="rejected" data-testid="rejected">
            if rejected == 0 {
                <p class="good" data-testid="rejected-rows">{ match lang {
                    Lang::Ru => format!("Прочитано строк: {}, все загружены.", format_count(r.rows_read as f64, lang)),
                    Lang::En => format!("Rows read: {}, all imported.", format_count(r.rows_read as f64, lang)),
                } }</p>
            } else {
                <p class="warning" data-testid="rejected-rows">{ match lang {
                    Lang::Ru => format!("Прочитано строк: {}, не загружено: {} ({}). Причины и первые примеры:",
                        format_count(r.rows_read as f64, lang), format_count(rejected as f64, lang),
                        format_percent(100.0 * rejected as f64 / r.rows_read.max(1) as f64, 1, lang)),
                    Lang::En => format!("Rows read: {}, not imported: {} ({}). Reasons and first examples:",
                        format_count(r.rows_read as f64, lang), format_count(rejected as f64, lang),
                        format_percent(100.0 * rejected as f64 / r.rows_read.max(1) as f64, 1, lang)),
                } }</p>
                <ul class="reject-list">
                    { for r.rejected.iter().map(|g| html! {
                        <li data-testid={format!("rejected-{}", kebab(&format!("{:?}", g.reason)))}>
                            <strong>{ format!("{}: {}", reject_reason(g.reason, lang), format_count(g.count as f64, lang)) }</strong>
                            <ul class="reject-examples">
                                { for g.examples.iter().map(|e| html! {
                                    <li><span class="line-no">{ match lang {
                                        Lang::Ru => format!("строка {}: ", e.line),
                                        Lang::En => format!("line {}: ", e.line),
                                    } }</span><code>{ e.text.clone() }</code></li>
                                }) }
                            </ul>
                        </li>
                    }) }
                </ul>
                if r.negative_total < 0.0 {
                    <p class="hint">{ match lang {
                        Lang::Ru => format!("Сумма отрицательных строк (возвраты): {}.", format_number(r.negative_total, 2, lang)),
                        Lang::En => format!("Total of the negative rows (returns): {}.", format_number(r.negative_total, 2, lang)),
                    } }</p>
                }
            }
            { for notes.into_iter().map(|n| html! { <p class="hint">{ n }</p> }) }
        </div>
    }
}

/// The base's figures and the one click that carries them into the LTV and headcount inputs.
#[function_component(IntoPlan)]
fn into_plan(props: &ReportProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let currency = app.plan().clients_currency();
    let message = use_state(|| None::<String>);
    let b = &props.report.base;
    let apply = {
        let app = app.clone();
        let message = message.clone();
        let base = b.clone();
        Callback::from(move |_: MouseEvent| {
            // The edit runs in the reducer and returns nothing: what it will change is found
            // on a copy first, for the message.
            let mut preview = app.plan().clone();
            let changes = apply_base_figures(&mut preview, &base);
            app.edit(ClientsEdit::ApplyBaseFigures(base.clone()));
            let lang = app.lang();
            message.set(Some(if changes.is_empty() {
                tr(lang, "План уже содержит эти показатели.", "The plan already holds these figures.").to_string()
            } else {
                match lang {
                    Lang::Ru => format!("Перенесено в план: {} {}. Откройте LTV или «Штат и бюджет», чтобы увидеть расчёт.", changes.len(),
                        plural(lang, changes.len() as f64, PluralForms { one: "показатель", few: "показателя", many: "показателей", other: "показателя" })),
                    Lang::En => format!("Carried into the plan: {} {}. Open LTV or Headcount to see them at work.", changes.len(),
                        plural(lang, changes.len() as f64, PluralForms::en("figure", "figures"))),
                }
            }));
        })
    };
    let retention = b
        .monthly_retention_pct
        .map_or("—".to_string(), |r| format_percent(r, 1, lang));
    html! {
        <section class="card into-plan" aria-labelledby="into-plan-title">
            <h2 id="into-plan-title">{ tr(lang, "Показатели базы для плана", "Base figures for the plan") }</h2>
            <div class="figures">
                <Figure id="base-active-clients" label={match lang {
                        Lang::Ru => format!("Активных клиентов (покупка за {} дн.)", b.active_window_days),
                        Lang::En => format!("Active clients (bought within {} {})", b.active_window_days,
                            plural(lang, b.active_window_days, PluralForms::en("day", "days"))),
                    }}
                    value={format_count(b.active_clients as f64, lang)} />
                <Figure id="base-avg-check" label={tr(lang, "Средний чек", "Average check")}
                    value={format_money(b.avg_check, currency, 0, lang)} />
                <Figure id="base-purchases" label={tr(lang, "Покупок на клиента в месяц", "Purchases per client per month")}
                    value={format_number(b.purchases_per_client_per_month, 2, lang)} />
                <Figure id="base-retention" label={tr(lang, "Удержание в месяц", "Retention per month")}
                    value={retention} />
                <Figure id="base-sleeping" label={tr(lang, "Спящих клиентов", "Sleeping clients")}
                    value={format_count(b.sleeping_clients as f64, lang)}
                    note={AttrValue::from(match lang {
                        Lang::Ru => format!("их выручка: {}", format_money(b.sleeping_revenue, currency, 0, lang)),
                        Lang::En => format!("their revenue: {}", format_money(b.sleeping_revenue, currency, 0, lang)),
                    })} />
            </div>
            <div class="actions">
                <button type="button" class="button" data-testid="apply-to-plan" onclick={apply}>
                    { tr(lang, "Перенести в план (LTV и штат)", "Carry into the plan (LTV and headcount)") }
                </button>
            </div>
            if let Some(m) = &*message {
                <p class="plans-message" role="status" data-testid="apply-message">{ m.clone() }</p>
            }
        </section>
    }
}
