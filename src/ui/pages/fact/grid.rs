//! The roster and the day's grid of reports: one row per seller, one column per funnel stage
//! and the revenue. Tab moves right (the browser's own), Enter moves down; a block copied
//! from Excel and pasted into a cell fills the cells from there rightwards and downwards.
//! An empty row is "no report". A cell with a problem keeps its text and says why.

use chrono::NaiveDate;
use wasm_bindgen::JsCast;
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::fact::reject_text;
use crate::i18n::numbers::{format_for_input, parse_number_in};
use crate::i18n::problems::problem_text;
use crate::i18n::{tr, Lang};
use crate::model::fact::control::grows_at;
use crate::model::fact::{parse_cell_block, FactCell, FactSeller, MAX_FACT_SELLERS};
use crate::model::{Problem, Rule};
use crate::state::plan_edit::FactEdit;
use crate::ui::state::use_app;

#[derive(Properties, PartialEq)]
pub struct RosterProps {
    pub sellers: Vec<FactSeller>,
}

/// The sellers who report: renamed in place, added, removed (with their reports, after a
/// second click when they have any).
#[function_component(Roster)]
pub fn roster(props: &RosterProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let confirming = use_state(|| None::<u32>);
    let plan = app.plan();
    let add = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.edit(FactEdit::AddSeller { lang }))
    };
    html! {
        <details class="card fact-roster" data-testid="fact-roster">
            <summary>{ match lang {
                Lang::Ru => format!("Продавцы: {}", props.sellers.len()),
                Lang::En => format!("Sellers: {}", props.sellers.len()),
            } }</summary>
            <p class="hint">{ tr(lang,
                "Нормы на продавца — план воронки, делённый на число продавцов в воронке. Имена можно менять: отчёты остаются за продавцом.",
                "A seller's norm is the funnel's plan divided by the funnel's sellers. Names can be changed: the reports stay with the seller.") }</p>
            <ul class="roster-list">
                { for props.sellers.iter().enumerate().map(|(i, seller)| {
                    let n = i + 1;
                    let id = seller.id;
                    let reports = plan.facts.reports.iter().filter(|r| r.seller == id).count();
                    let rename = {
                        let app = app.clone();
                        Callback::from(move |e: Event| {
                            let input: HtmlInputElement = e.target_unchecked_into();
                            app.edit(FactEdit::RenameSeller { id, name: input.value(), lang });
                        })
                    };
                    let remove = {
                        let app = app.clone();
                        let confirming = confirming.clone();
                        Callback::from(move |_: MouseEvent| {
                            if reports == 0 || *confirming == Some(id) {
                                confirming.set(None);
                                app.edit(FactEdit::RemoveSeller { id, lang });
                            } else {
                                confirming.set(Some(id));
                            }
                        })
                    };
                    let asking = *confirming == Some(id);
                    html! {
                        <li key={id}>
                            <input type="text" data-testid={format!("fact-seller-{n}-name")} value={seller.name.clone()}
                                maxlength="80" aria-label={tr(lang, "Имя продавца", "Seller's name")} onchange={rename} />
                            <button type="button" class="button-icon" data-testid={format!("fact-seller-{n}-remove")} onclick={remove}
                                aria-label={tr(lang, "Убрать продавца", "Remove the seller")}>
                                { if asking {
                                    match lang {
                                        Lang::Ru => format!("Убрать вместе с отчётами ({reports})?"),
                                        Lang::En => format!("Remove with {reports} reports?"),
                                    }
                                } else { "×".to_string() } }
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <div class="actions">
                <button type="button" class="button-quiet" data-testid="fact-seller-add" onclick={add}
                    disabled={props.sellers.len() >= MAX_FACT_SELLERS}>
                    { tr(lang, "Добавить продавца", "Add a seller") }
                </button>
            </div>
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct DayGridProps {
    pub day: NaiveDate,
    pub sellers: Vec<FactSeller>,
}

/// The reports of one day, one row per seller.
#[function_component(DayGrid)]
pub fn day_grid(props: &DayGridProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let stages = &plan.funnel.stages;
    let columns = stages.len() + 1;
    let day = props.day;
    let day_text = match lang {
        Lang::Ru => format!("Отчёты за {}", crate::i18n::fact::date_text(Lang::Ru, day)),
        Lang::En => format!("Reports of {}", day),
    };
    html! {
        <section class="card fact-grid" aria-labelledby="fact-grid-title" data-testid="fact-grid">
            <h2 id="fact-grid-title">{ day_text }</h2>
            <p class="hint">{ tr(lang,
                "Сколько клиентов у продавца дошло до каждого этапа за день, и выручка. Tab — вправо, Enter — вниз; блок из Excel вставляется в ячейку целиком. Пустая строка — «нет отчёта». Выберите другую дату выше, чтобы ввести другой день.",
                "How many clients of each seller reached each stage that day, and the revenue. Tab moves right, Enter down; a block from Excel pastes into a cell whole. An empty row is \"no report\". Choose another date above to enter another day.") }</p>
            if !plan.calendar.is_working(day) {
                <p class="hint" data-testid="fact-grid-day-off">{ tr(lang, "Это выходной день по календарю: нормы на него нет, отчёт можно ввести.", "This is a day off in the calendar: no norm applies, a report can still be entered.") }</p>
            }
            <div class="table-wrap">
                <table class="fact-table">
                    <thead><tr>
                        <th scope="col">{ tr(lang, "Продавец", "Seller") }</th>
                        { for stages.iter().map(|s| html! { <th scope="col">{ s.name.clone() }</th> }) }
                        <th scope="col">{ tr(lang, "Выручка", "Revenue") }</th>
                        <th scope="col">{ tr(lang, "Отчёт", "Report") }</th>
                    </tr></thead>
                    <tbody>
                        { for props.sellers.iter().enumerate().map(|(row, seller)| {
                            let n = row + 1;
                            let report = plan.facts.report(day, seller.id);
                            let grows = report.map(grows_at).unwrap_or_default();
                            let cell_id = |r: usize, c: usize| -> String {
                                if c + 1 == columns { format!("fact-seller-{}-revenue", r + 1) } else { format!("fact-seller-{}-stage-{}", r + 1, c + 1) }
                            };
                            let below = (row + 1 < props.sellers.len()).then_some(row + 1);
                            html! {
                                <tr key={seller.id}>
                                    <th scope="row">{ seller.name.clone() }</th>
                                    { for (0..columns).map(|c| {
                                        let cell = if c + 1 == columns { FactCell::Revenue } else { FactCell::Stage(c) };
                                        let value = report.and_then(|r| match cell {
                                            FactCell::Revenue => r.revenue,
                                            FactCell::Stage(s) => r.counts.get(s).copied().flatten(),
                                        });
                                        let seller_id = seller.id;
                                        let on_change = {
                                            let app = app.clone();
                                            Callback::from(move |value: Option<f64>| app.edit(FactEdit::SetCell { day, seller: seller_id, cell, value, lang }))
                                        };
                                        let on_block = {
                                            let app = app.clone();
                                            Callback::from(move |rows: Vec<Vec<Option<f64>>>| app.edit(FactEdit::SetBlock { day, first_seller: row, first_column: c, rows, lang }))
                                        };
                                        html! {
                                            <td>
                                                <CellInput id={cell_id(row, c)} {value} {on_change} {on_block} {lang}
                                                    label={format!("{}: {}", seller.name, stages.get(c).map_or_else(|| tr(lang, "Выручка", "Revenue").to_string(), |s| s.name.clone()))}
                                                    down={below.map(|r| AttrValue::from(cell_id(r, c)))}
                                                    flagged={matches!(cell, FactCell::Stage(s) if grows.contains(&s))} />
                                            </td>
                                        }
                                    }) }
                                    <td data-testid={format!("fact-seller-{n}-reported")}>
                                        { if report.is_some() { tr(lang, "сдан", "filed") } else { tr(lang, "нет отчёта", "no report") } }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct CellInputProps {
    id: AttrValue,
    /// Seller and column, for screen readers (the table's headers are not labels).
    label: AttrValue,
    value: Option<f64>,
    on_change: Callback<Option<f64>>,
    on_block: Callback<Vec<Vec<Option<f64>>>>,
    lang: Lang,
    /// The cell Enter moves to.
    down: Option<AttrValue>,
    /// More clients than at the stage before: allowed, but flagged.
    flagged: bool,
}

/// What the person typed, and its problem if it is not a count.
#[derive(Clone, PartialEq)]
struct Typed {
    text: String,
    problem: Option<Problem>,
    /// Why a pasted block was not taken (its row, column and reason).
    block: Option<String>,
}

/// One number cell: empty means nothing reported; a text that is not a count stays on screen
/// with its message and changes nothing.
#[function_component(CellInput)]
fn cell_input(props: &CellInputProps) -> Html {
    let lang = props.lang;
    let typed = use_state(|| None::<Typed>);
    let text = match &*typed {
        Some(t) => t.text.clone(),
        None => props
            .value
            .map(|v| format_for_input(v, lang))
            .unwrap_or_default(),
    };
    let oninput = {
        let typed = typed.clone();
        let on_change = props.on_change.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            if text.trim().is_empty() {
                typed.set(Some(Typed {
                    text,
                    problem: None,
                    block: None,
                }));
                on_change.emit(None);
                return;
            }
            match parse_number_in(&text, lang).and_then(|v| Rule::AMOUNT.check(v)) {
                Ok(v) => {
                    typed.set(Some(Typed {
                        text,
                        problem: None,
                        block: None,
                    }));
                    on_change.emit(Some(v));
                }
                Err(problem) => typed.set(Some(Typed {
                    text,
                    problem: Some(problem),
                    block: None,
                })),
            }
        })
    };
    let onblur = {
        let typed = typed.clone();
        Callback::from(move |_: FocusEvent| {
            // A valid text gives way to the stored value; one with a problem stays to be fixed.
            if typed
                .as_ref()
                .is_some_and(|t| t.problem.is_none() && t.block.is_none())
            {
                typed.set(None);
            }
        })
    };
    let onkeydown = {
        let down = props.down.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Enter" {
                e.prevent_default();
                if let Some(down) = &down {
                    focus_testid(down);
                }
            }
        })
    };
    let onpaste = {
        let typed = typed.clone();
        let on_block = props.on_block.clone();
        Callback::from(move |e: Event| {
            let Some(text) = e
                .dyn_ref::<web_sys::ClipboardEvent>()
                .and_then(|c| c.clipboard_data())
                .and_then(|d| d.get_data("text/plain").ok())
            else {
                return;
            };
            // A single value pastes as typing does; a block fills the grid.
            if !text
                .trim_end_matches(['\r', '\n'])
                .contains(['\t', '\n', ';'])
            {
                return;
            }
            e.prevent_default();
            match parse_cell_block(&text) {
                Ok(rows) => {
                    typed.set(None);
                    on_block.emit(rows);
                }
                Err((row, _, reason)) => typed.set(Some(Typed {
                    text: text.lines().next().unwrap_or_default().to_string(),
                    problem: None,
                    block: Some(match lang {
                        Lang::Ru => format!(
                            "Вставка не взята: строка {row}, {}",
                            reject_text(lang, &reason)
                        ),
                        Lang::En => {
                            format!("Paste not taken: row {row}, {}", reject_text(lang, &reason))
                        }
                    }),
                })),
            }
        })
    };
    let problem = typed.as_ref().and_then(|t| t.problem.clone());
    let invalid = typed
        .as_ref()
        .is_some_and(|t| t.problem.is_some() || t.block.is_some());
    let block = typed.as_ref().and_then(|t| t.block.clone());
    let error_id = format!("{}-error", props.id);
    let title = props.flagged.then(|| {
        tr(
            lang,
            "Больше, чем на предыдущем этапе: проверьте",
            "More than at the previous stage: check it",
        )
    });
    html! {
        <>
            <input id={props.id.clone()} data-testid={props.id.clone()} type="text" inputmode="decimal" autocomplete="off"
                class={classes!("cell-input", invalid.then_some("cell-invalid"), props.flagged.then_some("cell-flagged"))}
                value={text} {title} aria-label={props.label.clone()} aria-invalid={invalid.to_string()}
                aria-describedby={invalid.then(|| error_id.clone())}
                {oninput} {onblur} {onkeydown} {onpaste} />
            if let Some(p) = problem {
                <span class="field-error cell-error" id={error_id.clone()} data-testid={error_id} role="alert">{ problem_text(&p, lang) }</span>
            } else if let Some(why) = block {
                <span class="field-error cell-error" id={error_id.clone()} data-testid={error_id} role="alert">{ why }</span>
            }
        </>
    }
}

/// Moves the focus to the element with this test id.
fn focus_testid(testid: &str) {
    let selector = format!("[data-testid='{testid}']");
    if let Some(element) = gloo::utils::document()
        .query_selector(&selector)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}
