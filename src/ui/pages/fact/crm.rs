//! Import of a CRM export of activities or deals (CSV in any encoding, or .xlsx) through the
//! import worker: the worker reads the file into cells, the person picks the columns and maps
//! each activity type to a funnel stage, `fact::activities::aggregate` counts each seller's
//! day, and the reports go in as pasted lines do (sellers not on the roster: add or skip).

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::clients::import_error;
use crate::i18n::fact::reject_text;
use crate::i18n::{tr, Lang};
use crate::model::calendar::Month;
use crate::model::clients::Preview;
use crate::model::fact::activities::{
    activity_kinds, aggregate, guess_columns, guess_stage, ActivityColumns,
};
use crate::model::fact::{FactPaste, FactSeller};
use crate::state::plan_edit::{FactEdit, UnknownSellers};
use crate::ui::import::WorkerLink;
use crate::ui::state::use_app;
use crate::ui::widgets::SelectField;
use crate::worker::protocol::{Failure, Request, Response};

#[derive(Properties, PartialEq)]
pub struct CrmProps {
    pub month: Month,
    pub sellers: Vec<FactSeller>,
}

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Reading(String),
    Ready {
        file_name: String,
        table: Rc<Preview>,
        truncated: bool,
    },
    Failed(String),
}

/// The person's mapping: columns, and each activity type's stage.
#[derive(Clone, PartialEq, Default)]
struct Mapping {
    columns: ActivityColumns,
    stage_of: Vec<(String, Option<usize>)>,
}

#[derive(Clone, PartialEq)]
enum Outcome {
    /// Sellers not on the roster wait for "add" or "skip".
    Unknown(Vec<String>),
    Added(usize),
}

fn failure_text(failure: &Failure, lang: Lang) -> String {
    match failure {
        Failure::Import(e) => import_error(e, lang),
        _ => tr(
            lang,
            "Файл не удалось прочитать.",
            "The file could not be read.",
        )
        .to_string(),
    }
}

#[function_component(CrmImport)]
pub fn crm_import(props: &CrmProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let stages = plan.funnel.stages.clone();
    let stage_count = stages.len();
    // The worker that reads the file; a new file replaces it (and so terminates the old one).
    let link: Rc<RefCell<Option<WorkerLink>>> = use_mut_ref(|| None::<WorkerLink>);
    let status = use_state(|| Status::Idle);
    let mapping = use_state(Mapping::default);
    let outcome = use_state(|| None::<Outcome>);

    let on_file = {
        let link = link.clone();
        let status = status.clone();
        let mapping = mapping.clone();
        let outcome = outcome.clone();
        let stages = stages.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|f| f.get(0)) else {
                return;
            };
            let file_name = file.name();
            outcome.set(None);
            status.set(Status::Reading(file_name.clone()));
            let on_response = {
                let link = Rc::clone(&link);
                let status = status.clone();
                let mapping = mapping.clone();
                let stages = stages.clone();
                let file_name = file_name.clone();
                Callback::from(move |(response, _): (Response, JsValue)| match response {
                    Response::Opened(opened) => {
                        if let Some(l) = link.borrow().as_ref() {
                            l.send(
                                &Request::Table {
                                    dialect: opened.dialect,
                                },
                                None,
                            );
                        }
                    }
                    Response::Table { table, truncated } => {
                        let columns = guess_columns(&table.headers);
                        let stage_of = kinds_with_stages(&table, columns, &stages);
                        mapping.set(Mapping { columns, stage_of });
                        status.set(Status::Ready {
                            file_name: file_name.clone(),
                            table: Rc::from(table),
                            truncated,
                        });
                    }
                    Response::Failed(failure) => {
                        status.set(Status::Failed(failure_text(&failure, lang)))
                    }
                    _ => {}
                })
            };
            let on_crash = {
                let status = status.clone();
                Callback::from(move |_| {
                    status.set(Status::Failed(
                        tr(
                            lang,
                            "Обработчик файла остановился. Попробуйте ещё раз.",
                            "The file reader stopped. Try again.",
                        )
                        .to_string(),
                    ))
                })
            };
            // A new file gets a new worker; the old one (if any) is terminated with its link.
            match WorkerLink::spawn(on_response, on_crash) {
                Ok(new_link) => {
                    new_link.send(&Request::Open { file_name }, Some(&JsValue::from(file)));
                    *link.borrow_mut() = Some(new_link);
                }
                Err(_) => status.set(Status::Failed(
                    tr(
                        lang,
                        "Обработчик файла не запустился.",
                        "The file reader did not start.",
                    )
                    .to_string(),
                )),
            }
        })
    };

    let body = match &*status {
        Status::Idle => html! {},
        Status::Reading(name) => html! {
            <p data-testid="fact-import-reading" role="status">{ match lang {
                Lang::Ru => format!("Читаю «{name}»…"),
                Lang::En => format!("Reading “{name}”…"),
            } }</p>
        },
        Status::Failed(text) => {
            html! { <p class="field-error" role="alert" data-testid="fact-import-error">{ text.clone() }</p> }
        }
        Status::Ready {
            file_name,
            table,
            truncated,
        } => {
            let result = aggregate(
                &table.rows,
                mapping.columns,
                &mapping.stage_of,
                props.month,
                stage_count,
            );
            let paste = FactPaste {
                rows: result.reports.clone(),
                rejected: Vec::new(),
            };
            let unknown = paste.unknown_sellers(&props.sellers);
            let apply = |choice: UnknownSellers| {
                let app = app.clone();
                let outcome = outcome.clone();
                let rows = result.reports.clone();
                let unknown = unknown.clone();
                Callback::from(move |_: MouseEvent| {
                    let taken = match choice {
                        UnknownSellers::Add => rows.len(),
                        UnknownSellers::Skip => rows
                            .iter()
                            .filter(|r| {
                                !unknown
                                    .iter()
                                    .any(|u| u.to_lowercase() == r.seller.trim().to_lowercase())
                            })
                            .count(),
                    };
                    app.edit(FactEdit::AddPasted {
                        rows: rows.clone(),
                        unknown: choice,
                        lang,
                    });
                    outcome.set(Some(Outcome::Added(taken)));
                })
            };
            let on_add = {
                let outcome = outcome.clone();
                let unknown = unknown.clone();
                let add_known = apply(UnknownSellers::Skip);
                Callback::from(move |e: MouseEvent| {
                    if unknown.is_empty() {
                        add_known.emit(e);
                    } else {
                        outcome.set(Some(Outcome::Unknown(unknown.clone())));
                    }
                })
            };
            let column_options = std::iter::once((
                AttrValue::from(""),
                AttrValue::from(tr(lang, "— нет —", "— none —")),
            ))
            .chain(table.headers.iter().enumerate().map(|(i, h)| {
                let name = if h.trim().is_empty() {
                    format!("{} {}", tr(lang, "Столбец", "Column"), i + 1)
                } else {
                    h.clone()
                };
                (
                    AttrValue::from(i.to_string()),
                    AttrValue::from(format!("{}. {name}", i + 1)),
                )
            }))
            .collect::<Vec<_>>();
            let pick = |set: fn(&mut ActivityColumns, Option<usize>)| {
                let mapping = mapping.clone();
                let table = table.clone();
                let stages = stages.clone();
                Callback::from(move |value: String| {
                    let mut next = (*mapping).clone();
                    set(&mut next.columns, value.parse().ok());
                    next.stage_of = kinds_with_stages(&table, next.columns, &stages);
                    mapping.set(next);
                })
            };
            let selected =
                |c: Option<usize>| AttrValue::from(c.map(|c| c.to_string()).unwrap_or_default());
            let stage_options = std::iter::once((
                AttrValue::from(""),
                AttrValue::from(tr(lang, "не учитывать", "leave out")),
            ))
            .chain(stages.iter().enumerate().map(|(i, s)| {
                (
                    AttrValue::from(i.to_string()),
                    AttrValue::from(format!("{}. {}", i + 1, s.name)),
                )
            }))
            .collect::<Vec<_>>();
            let summary = match lang {
                Lang::Ru => format!(
                    "«{file_name}»: строк {}. В этом месяце отчётов продавцов по дням: {} (взято строк {}); строк других месяцев {}, без этапа {}, не взято {}.",
                    table.rows.len(), result.reports.len(), result.taken, result.other_months, result.unmapped, result.rejected.len()
                ),
                Lang::En => format!(
                    "“{file_name}”: {} rows. Sellers' daily reports this month: {} ({} rows taken); rows of other months {}, without a stage {}, not taken {}.",
                    table.rows.len(), result.reports.len(), result.taken, result.other_months, result.unmapped, result.rejected.len()
                ),
            };
            html! {
                <div data-testid="fact-import-mapping">
                    <p data-testid="fact-import-summary">{ summary }</p>
                    if *truncated {
                        <p class="hint">{ tr(lang, "Файл длиннее 200 000 строк: прочитаны первые 200 000.", "The file has more than 200,000 rows: the first 200,000 were read.") }</p>
                    }
                    <div class="form-grid">
                        <SelectField id="fact-import-date" label={tr(lang, "Дата", "Date")} options={column_options.clone()}
                            selected={selected(mapping.columns.date)} on_change={pick(|c, v| c.date = v)} />
                        <SelectField id="fact-import-seller" label={tr(lang, "Продавец", "Seller")} options={column_options.clone()}
                            selected={selected(mapping.columns.seller)} on_change={pick(|c, v| c.seller = v)} />
                        <SelectField id="fact-import-kind" label={tr(lang, "Тип активности или этап", "Activity type or stage")} options={column_options.clone()}
                            selected={selected(mapping.columns.kind)} on_change={pick(|c, v| c.kind = v)} />
                        <SelectField id="fact-import-amount" label={tr(lang, "Сумма (для сделок)", "Amount (of deals)")} options={column_options}
                            selected={selected(mapping.columns.amount)} on_change={pick(|c, v| c.amount = v)} />
                    </div>
                    if !mapping.columns.complete() {
                        <p class="field-error" data-testid="fact-import-columns-error" role="alert">{ tr(lang,
                            "Выберите столбцы даты, продавца и типа активности.", "Choose the date, seller and activity type columns.") }</p>
                    }
                    if !mapping.stage_of.is_empty() {
                        <table class="fact-table" data-testid="fact-import-kinds">
                            <thead><tr>
                                <th scope="col">{ tr(lang, "Тип в выгрузке", "Type in the export") }</th>
                                <th scope="col">{ tr(lang, "Строк", "Rows") }</th>
                                <th scope="col">{ tr(lang, "Этап воронки", "Funnel stage") }</th>
                            </tr></thead>
                            <tbody>
                                { for mapping.stage_of.iter().enumerate().map(|(i, (kind, stage))| {
                                    let n = i + 1;
                                    let rows = activity_kinds(&table.rows, mapping.columns.kind.unwrap_or(0)).into_iter()
                                        .find(|(k, _)| k == kind).map_or(0, |(_, c)| c);
                                    let on_stage = {
                                        let mapping = mapping.clone();
                                        Callback::from(move |value: String| {
                                            let mut next = (*mapping).clone();
                                            if let Some(entry) = next.stage_of.get_mut(i) {
                                                entry.1 = value.parse().ok();
                                            }
                                            mapping.set(next);
                                        })
                                    };
                                    html! {
                                        <tr>
                                            <th scope="row" data-testid={format!("fact-import-kind-{n}")}>{ kind.clone() }</th>
                                            <td>{ rows }</td>
                                            <td><SelectField id={format!("fact-import-kind-{n}-stage")} label={kind.clone()} compact=true
                                                options={stage_options.clone()} selected={selected(*stage)} on_change={on_stage} /></td>
                                        </tr>
                                    }
                                }) }
                            </tbody>
                        </table>
                    }
                    if !result.rejected.is_empty() {
                        <ul class="paste-rejected" data-testid="fact-import-rejected">
                            { for result.rejected.iter().take(20).map(|(line, reason)| html! {
                                <li>{ match lang {
                                    Lang::Ru => format!("Строка {line}: {}", reject_text(lang, reason)),
                                    Lang::En => format!("Line {line}: {}", reject_text(lang, reason)),
                                } }</li>
                            }) }
                        </ul>
                    }
                    <div class="actions">
                        <button type="button" class="button" data-testid="fact-import-add" onclick={on_add}
                            disabled={result.reports.is_empty()}>{ tr(lang, "Добавить отчёты", "Add the reports") }</button>
                    </div>
                    { match &*outcome {
                        Some(Outcome::Unknown(names)) => html! {
                            <div class="notice notice-warning" data-testid="fact-import-unknown">
                                <p>{ match lang {
                                    Lang::Ru => format!("Этих продавцов нет в списке: {}. Добавить их или пропустить их строки?", names.join(", ")),
                                    Lang::En => format!("These sellers are not on the list: {}. Add them, or skip their lines?", names.join(", ")),
                                } }</p>
                                <div class="actions">
                                    <button type="button" class="button" data-testid="fact-import-add-sellers" onclick={apply(UnknownSellers::Add)}>{ tr(lang, "Добавить продавцов", "Add the sellers") }</button>
                                    <button type="button" class="button-quiet" data-testid="fact-import-skip-sellers" onclick={apply(UnknownSellers::Skip)}>{ tr(lang, "Пропустить их строки", "Skip their lines") }</button>
                                </div>
                            </div>
                        },
                        Some(Outcome::Added(n)) => html! {
                            <p data-testid="fact-import-added">{ match lang {
                                Lang::Ru => format!("Добавлено отчётов: {n}."),
                                Lang::En => format!("Reports added: {n}."),
                            } }</p>
                        },
                        None => html! {},
                    } }
                </div>
            }
        }
    };
    html! {
        <details class="card fact-paste-box" open={!matches!(*status, Status::Idle)} data-testid="fact-import">
            <summary>{ tr(lang, "Загрузить выгрузку активностей или сделок из CRM (CSV, Excel)", "Load an export of activities or deals from a CRM (CSV, Excel)") }</summary>
            <p class="hint" id="fact-import-hint">{ tr(lang,
                "Строка на активность: дата, продавец (ответственный), тип активности или этап, сумма для сделок. Каждому типу сопоставьте этап воронки: строки дня продавца сложатся в его отчёт, суммы сделок — в выручку. Файл читается только в этом браузере.",
                "A row per activity: date, seller (owner), activity type or stage, the amount for deals. Map each type to a funnel stage: a seller's rows of a day add up to their report, the deals' amounts to the revenue. The file is read in this browser only.") }</p>
            <input type="file" accept=".csv,.txt,.tsv,.xlsx,text/csv" data-testid="fact-import-file"
                aria-describedby="fact-import-hint" aria-label={tr(lang, "Файл выгрузки из CRM", "The CRM export file")} onchange={on_file} />
            { body }
        </details>
    }
}

/// The activity types of the kind column, each with the stage its name suggests.
fn kinds_with_stages(
    table: &Preview,
    columns: ActivityColumns,
    stages: &[crate::model::funnel::Stage],
) -> Vec<(String, Option<usize>)> {
    match columns.kind {
        Some(kind) => activity_kinds(&table.rows, kind)
            .into_iter()
            .map(|(k, _)| {
                let stage = guess_stage(&k, stages);
                (k, stage)
            })
            .collect(),
        None => Vec::new(),
    }
}
