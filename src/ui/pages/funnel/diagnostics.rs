//! Funnel-geometry diagnostics: each seller's (or period's) actual funnel against the plan's,
//! typed or pasted from a spreadsheet; per stage the actual conversion, the deviation in
//! percentage points and the money lost; each seller's weakest stage; the team's priorities.

use wasm_bindgen::JsValue;
use yew::prelude::*;

use super::charts::{geometry_chart, seller_color, truncate, Geometry, GeometryLine};
use super::text::{points, reject_text, stage_name, transition_name};
use super::{results_class, Ctx};
use crate::i18n::names::default_seller_name;
use crate::i18n::numbers::{format_count, format_percent};
use crate::i18n::plural::{plural, PluralForms};
use crate::i18n::{tr, Lang};
use crate::model::diagnostics::{
    count_field, parse_pasted_rows, ActualConversion, Diagnostics, RejectReason, SellerActuals,
    SellerDiagnosis, TransitionDiagnosis,
};
use crate::model::{Problem, Rule};
use crate::state::plan_edit::FunnelEdit;
use crate::ui::state::use_app;
use crate::ui::widgets::{NumberField, TextField};

pub fn view(ctx: &Ctx) -> Html {
    let stage_count = ctx.plan.funnel.stages.len();
    html! {
        <section class="card diag-card" aria-labelledby="diag-title" data-testid="diagnostics">
            <h2 id="diag-title">{ ctx.t("Геометрия воронки по продавцам", "Funnel geometry by seller") }</h2>
            <p class="hint">{ ctx.t(
                "Эталон — воронка плана. Введите, сколько клиентов дошло до каждого этапа у каждого продавца (или за каждый период): увидите, где и сколько денег теряется и чему учить команду.",
                "The plan's funnel is the norm. Enter how many clients reached each stage for each seller (or period) to see where money is lost and what the team should train.") }</p>
            { sellers_editor(ctx) }
            <PasteBox {stage_count} />
            { results(ctx) }
        </section>
    }
}

fn sellers_editor(ctx: &Ctx) -> Html {
    let f = &ctx.plan.funnel;
    let lang = ctx.lang;
    let add = ctx.on_click(FunnelEdit::AddSeller { lang });
    html! {
        <div class="sellers-editor">
            if !f.actuals.is_empty() {
                <div class="table-wrap">
                    <table class="sellers-table" data-testid="sellers-table">
                        <caption class="visually-hidden">{ ctx.t("Фактические количества по этапам", "Actual counts per stage") }</caption>
                        <thead>
                            <tr>
                                <th scope="col">{ ctx.t("Продавец или период", "Seller or period") }</th>
                                { for (0..f.stages.len()).map(|s| html! {
                                    <th scope="col">{ truncate(&stage_name(&f.stages, s, lang), 16) }</th>
                                }) }
                                <th scope="col"><span class="visually-hidden">{ ctx.t("Удалить", "Remove") }</span></th>
                            </tr>
                        </thead>
                        <tbody>
                            { for f.actuals.iter().enumerate().map(|(r, a)| seller_row(ctx, r, a)) }
                        </tbody>
                    </table>
                </div>
            }
            <div class="actions">
                <button type="button" class="button-quiet" data-testid="add-seller" onclick={add}>
                    { ctx.t("+ Добавить продавца", "+ Add a seller") }
                </button>
            </div>
        </div>
    }
}

fn seller_row(ctx: &Ctx, r: usize, actuals: &SellerActuals) -> Html {
    let lang = ctx.lang;
    let stages = &ctx.plan.funnel.stages;
    let n = r + 1;
    let shown_name = if actuals.name.trim().is_empty() {
        default_seller_name(r, lang)
    } else {
        actuals.name.clone()
    };
    // The model's problems with this row's counts; a count not entered yet is simply empty.
    let problems = ctx
        .report
        .and_then(|rep| rep.diagnostics.sellers.get(r))
        .map(|s| s.problems.clone())
        .unwrap_or_default();
    let problem_for = |s: usize| {
        let field = count_field(r, s);
        problems
            .iter()
            .find(|p| p.field == field && p.problem != Problem::Empty)
            .map(|p| p.problem.clone())
    };
    html! {
        <tr data-testid={format!("seller-{n}")}>
            <td class="text">
                <TextField id={format!("seller-{n}-name")} compact=true max_len={60}
                    label={format!("{} {n}", ctx.t("Имя продавца или период", "Seller or period"))}
                    value={actuals.name.clone()}
                    on_change={ctx.on_text(move |name| FunnelEdit::SetSellerName { row: r, name })} />
            </td>
            { for (0..stages.len()).map(|s| html! {
                <td>
                    <NumberField id={count_field(r, s)} compact=true lang={lang} rule={Rule::AMOUNT}
                        label={format!("{shown_name}: {}", stage_name(stages, s, lang))}
                        value={actuals.counts.get(s).copied().flatten().unwrap_or(f64::NAN)}
                        error={problem_for(s)}
                        on_change={ctx.on_value(move |value| FunnelEdit::SetSellerCount { row: r, stage: s, value })} />
                </td>
            }) }
            <td>
                <button type="button" class="button-icon" data-testid={format!("remove-seller-{n}")}
                    aria-label={format!("{} {shown_name}", ctx.t("Удалить", "Remove"))}
                    title={format!("{} {shown_name}", ctx.t("Удалить", "Remove"))}
                    onclick={ctx.on_click(FunnelEdit::RemoveSeller(r))}>
                    <span aria-hidden="true">{ "✕" }</span>
                </button>
            </td>
        </tr>
    }
}

#[derive(Properties, PartialEq)]
struct PasteProps {
    stage_count: usize,
}

/// What the last paste did.
#[derive(Clone, PartialEq)]
struct PasteOutcome {
    added: usize,
    rejected: Vec<(usize, RejectReason)>,
}

/// Rows pasted from a spreadsheet: name and one count per stage, tab or `;` separated.
#[function_component(PasteBox)]
fn paste_box(props: &PasteProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let text = use_state(String::new);
    let outcome = use_state(|| None::<PasteOutcome>);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| {
            // A textarea's value, read without a web-sys feature for HtmlTextAreaElement.
            let value = e
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &JsValue::from_str("value")).ok())
                .and_then(|v| v.as_string())
                .unwrap_or_default();
            text.set(value);
        })
    };
    let apply = {
        let text = text.clone();
        let outcome = outcome.clone();
        let stage_count = props.stage_count;
        Callback::from(move |_: MouseEvent| {
            let parsed = parse_pasted_rows(&text, stage_count);
            let added = parsed.rows.len();
            if added > 0 {
                app.edit(FunnelEdit::PasteSellers {
                    rows: parsed.rows.clone(),
                    lang,
                });
            }
            if parsed.rejected.is_empty() && added > 0 {
                text.set(String::new());
            }
            outcome.set(Some(PasteOutcome {
                added,
                rejected: parsed.rejected,
            }));
        })
    };
    let stages = props.stage_count as f64;
    let hint = match lang {
        Lang::Ru => format!(
            "В каждой строке — имя и {} {}, по одному на этап. Столбцы через Tab (копия из Excel или Google Таблиц) или «;». Строка заголовка пропускается.",
            props.stage_count,
            plural(lang, stages, PluralForms { one: "число", few: "числа", many: "чисел", other: "числа" })
        ),
        Lang::En => format!(
            "Each line: a name and {} {}, one per stage. Columns separated by Tab (a copy from Excel or Google Sheets) or \";\". A header line is skipped.",
            props.stage_count,
            plural(lang, stages, PluralForms::en("count", "counts"))
        ),
    };
    html! {
        <div class="paste-box">
            <label class="field-label" for="paste-rows">{ tr(lang, "Вставить строки из таблицы", "Paste rows from a spreadsheet") }</label>
            <p class="hint" id="paste-hint">{ hint }</p>
            <textarea id="paste-rows" data-testid="paste-rows" rows="3" spellcheck="false"
                aria-describedby="paste-hint" value={(*text).clone()} {oninput}
                placeholder={tr(lang, "Анна\t120\t48\t20\t8", "Anna\t120\t48\t20\t8")} />
            <div class="actions">
                <button type="button" class="button" data-testid="paste-apply" onclick={apply}
                    disabled={text.trim().is_empty()}>
                    { tr(lang, "Добавить строки", "Add the rows") }
                </button>
            </div>
            if let Some(o) = &*outcome {
                { paste_report(o, lang) }
            }
        </div>
    }
}

fn paste_report(o: &PasteOutcome, lang: Lang) -> Html {
    let added = match lang {
        Lang::Ru => format!("Добавлено строк: {}.", o.added),
        Lang::En => format!("Rows added: {}.", o.added),
    };
    let skipped_only_header = o
        .rejected
        .iter()
        .all(|(_, r)| matches!(r, RejectReason::Header));
    html! {
        <div class="paste-report" role="status" data-testid="paste-result">
            <p>{ added }</p>
            if !o.rejected.is_empty() {
                <p class={if skipped_only_header { "hint" } else { "field-error" }}>
                    { tr(lang, "Не взяты:", "Left out:") }
                </p>
                <ul class="paste-rejected" data-testid="paste-rejected">
                    { for o.rejected.iter().enumerate().map(|(i, (line, reason))| html! {
                        <li data-testid={format!("paste-rejected-{}", i + 1)}>
                            { match lang {
                                Lang::Ru => format!("Строка {line}: {}", reject_text(reason, lang)),
                                Lang::En => format!("Line {line}: {}", reject_text(reason, lang)),
                            } }
                        </li>
                    }) }
                </ul>
            }
        </div>
    }
}

fn results(ctx: &Ctx) -> Html {
    let Some(report) = ctx.report else {
        return html! {};
    };
    let d = &report.diagnostics;
    if d.sellers.is_empty() {
        return html! {
            <p class="hint empty-state" data-testid="diagnostics-empty">{ ctx.t(
                "Добавьте продавцов или вставьте строки из таблицы — здесь появится разбор по этапам.",
                "Add sellers or paste rows from a spreadsheet to see the stage-by-stage review here.") }</p>
        };
    }
    let stages = &report.stages;
    let lang = ctx.lang;
    let transitions = stages.len().saturating_sub(1);
    html! {
        <div class={results_class(ctx, "diag-results")}>
            <h3>{ ctx.t("Отклонения от эталона", "Deviations from the norm") }</h3>
            <div class="table-wrap">
                <table class="diag-table" data-testid="diagnostics-table">
                    <thead>
                        <tr>
                            <th scope="col">{ ctx.t("Продавец", "Seller") }</th>
                            { for (0..transitions).map(|t| html! {
                                <th scope="col">
                                    <span class="diag-head">{ transition_name(stages, t, lang) }</span>
                                    <span class="diag-norm">{ format!("{} {}", ctx.t("норма", "norm"),
                                        format_percent(stages[t].conversion_pct, 1, lang)) }</span>
                                </th>
                            }) }
                            <th scope="col">{ ctx.t("Потери в месяц", "Lost per month") }</th>
                            <th scope="col" class="text">{ ctx.t("Слабый этап", "Weakest stage") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for d.sellers.iter().map(|s| seller_result(ctx, report, s)) }
                    </tbody>
                    <tfoot>
                        <tr>
                            <th scope="row" class="text">{ ctx.t("Команда", "Team") }</th>
                            <td colspan={transitions.to_string()}></td>
                            <td data-testid="team-lost" class="lost-total">{ ctx.money(d.money_lost) }</td>
                            <td></td>
                        </tr>
                    </tfoot>
                </table>
            </div>
            <p class="hint">{ ctx.t(
                "Потери — клиенты, не дошедшие до следующего этапа против эталона, × эталонная конверсия до сделки × средний чек.",
                "Lost: clients who did not reach the next stage against the norm × the norm's conversion to the deal × the average check.") }</p>
            { geometry(ctx, report, d) }
            { priorities(ctx, report, d) }
        </div>
    }
}

fn seller_name(s: &SellerDiagnosis, lang: Lang) -> String {
    if s.name.trim().is_empty() {
        default_seller_name(s.row, lang)
    } else {
        s.name.clone()
    }
}

fn seller_result(ctx: &Ctx, report: &super::FunnelReport, s: &SellerDiagnosis) -> Html {
    let lang = ctx.lang;
    let n = s.row + 1;
    let weakest = match s.weakest_stage {
        Some(w) => html! {
            <td class="text" data-testid={format!("seller-{n}-weakest")} data-stage={(w + 1).to_string()}>
                <span class="badge badge-bad">{ transition_name(&report.stages, w, lang) }</span>
            </td>
        },
        None if !s.problems.is_empty() => html! {
            <td class="text" data-testid={format!("seller-{n}-weakest")}>
                <span class="badge badge-warn">{ ctx.t("заполните все этапы", "fill in every stage") }</span>
            </td>
        },
        None => html! {
            <td class="text" data-testid={format!("seller-{n}-weakest")}>
                <span class="badge badge-good">{ ctx.t("потерь нет", "no losses") }</span>
            </td>
        },
    };
    html! {
        <tr data-testid={format!("seller-{n}-result")}>
            <th scope="row" class="text">{ seller_name(s, lang) }</th>
            { for s.transitions.iter().map(|t| transition_cell(ctx, n, t, s.weakest_stage == Some(t.stage))) }
            <td data-testid={format!("seller-{n}-lost")} class="lost-total">{ ctx.money(s.money_lost) }</td>
            { weakest }
        </tr>
    }
}

fn transition_cell(ctx: &Ctx, n: usize, t: &TransitionDiagnosis, weakest: bool) -> Html {
    let lang = ctx.lang;
    let id = format!("seller-{n}-stage-{}", t.stage + 1);
    let growth = t.grows_downstream.then(|| html! {
        <span class="badge badge-warn" title={ctx.t(
            "На следующем этапе клиентов больше, чем на этом: проверьте данные или вход клиентов в середину воронки.",
            "More clients at the next stage than at this one: check the data, or clients entering mid-funnel.")}>
            { ctx.t("рост", "growth") }
        </span>
    });
    let body = match t.actual {
        ActualConversion::Measured { pct } => {
            let dev = t.deviation_pp.unwrap_or(0.0);
            html! {
                <>
                    <span class="diag-actual" data-testid={format!("{id}-actual")}>{ format_percent(pct, 1, lang) }</span>
                    <span class={classes!("diag-dev", if dev < 0.0 { "dev-bad" } else { "dev-good" })}
                        data-testid={format!("{id}-deviation")}>{ points(dev, lang) }</span>
                    if t.money_lost > 0.0 {
                        <span class="diag-lost" data-testid={format!("{id}-lost")}>{ format!("−{}", ctx.money(t.money_lost)) }</span>
                    }
                    { for growth }
                </>
            }
        }
        ActualConversion::NoClients => html! {
            <>
                <span class="muted" data-testid={format!("{id}-actual")}>{ ctx.t("нет клиентов", "no clients") }</span>
                { for growth }
            </>
        },
        ActualConversion::Missing => html! {
            <span class="muted" data-testid={format!("{id}-actual")}
                title={ctx.t("Нет данных: заполните оба этапа", "No data: fill in both stages")}>{ "—" }</span>
        },
    };
    html! { <td class={classes!("diag-cell", weakest.then_some("weakest"))}>{ body }</td> }
}

fn geometry(ctx: &Ctx, report: &super::FunnelReport, d: &Diagnostics) -> Html {
    let lang = ctx.lang;
    let stages = &report.stages;
    let transitions = stages.len().saturating_sub(1);
    let names: Vec<String> = (0..transitions)
        .map(|t| transition_name(stages, t, lang))
        .collect();
    let axis: Vec<String> = (0..transitions)
        .map(|t| {
            if transitions > 4 {
                format!("{}→{}", t + 1, t + 2)
            } else {
                truncate(&names[t], 20)
            }
        })
        .collect();
    let lines: Vec<GeometryLine> = d
        .sellers
        .iter()
        .enumerate()
        .map(|(i, s)| GeometryLine {
            name: seller_name(s, lang),
            color: seller_color(i),
            points: s
                .transitions
                .iter()
                .map(|t| match t.actual {
                    ActualConversion::Measured { pct } => Some(pct),
                    _ => None,
                })
                .collect(),
            weakest: s.weakest_stage,
        })
        .collect();
    let percent = move |v: f64| format_percent(v, 0, lang);
    let g = Geometry {
        title: ctx.t(
            "Конверсия по этапам: эталон (пунктир) и каждый продавец",
            "Conversion per stage: the norm (dashed) and each seller",
        ),
        axis,
        names,
        norm: stages
            .iter()
            .take(transitions)
            .map(|s| s.conversion_pct)
            .collect(),
        norm_label: ctx.t("Эталон", "Norm"),
        lines,
        percent: &percent,
    };
    html! {
        <div class="geometry">
            <h3>{ ctx.t("Геометрия: конверсия по этапам против эталона", "Geometry: conversion per stage against the norm") }</h3>
            <div class="chart-scroll">{ geometry_chart("geometry-chart", &g) }</div>
            <ul class="chart-legend" aria-label={ctx.t("Легенда", "Legend")}>
                <li><span class="swatch swatch-norm" aria-hidden="true"></span>{ ctx.t("Эталон (план)", "Norm (the plan)") }</li>
                { for g.lines.iter().map(|l| html! {
                    <li><span class="swatch" aria-hidden="true" style={format!("background:{}", l.color)}></span>{ l.name.clone() }</li>
                }) }
                <li><span class="swatch swatch-ring" aria-hidden="true"></span>{ ctx.t("слабый этап", "weakest stage") }</li>
            </ul>
        </div>
    }
}

fn priorities(ctx: &Ctx, report: &super::FunnelReport, d: &Diagnostics) -> Html {
    let lang = ctx.lang;
    html! {
        <div class="priorities">
            <h3>{ ctx.t("Чему учить команду: этапы по потерям", "What to train: stages by money lost") }</h3>
            <div class="table-wrap">
                <table class="priority-table" data-testid="priorities">
                    <thead>
                        <tr>
                            <th scope="col">{ "#" }</th>
                            <th scope="col" class="text">{ ctx.t("Этап", "Stage") }</th>
                            <th scope="col">{ ctx.t("Потери в месяц", "Lost per month") }</th>
                            <th scope="col">{ ctx.t("Клиентов потеряно", "Clients lost") }</th>
                            <th scope="col">{ ctx.t("Слабый этап у продавцов", "Weakest for sellers") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for d.priorities.iter().enumerate().map(|(i, p)| {
                            let n = i + 1;
                            let top = p.rank == 1 && p.money_lost > 0.0;
                            html! {
                                <tr data-testid={format!("priority-{n}")} data-stage={(p.stage + 1).to_string()}
                                    class={classes!(top.then_some("highlight"))}>
                                    <td>{ format_count(p.rank as f64, lang) }</td>
                                    <td class="text" data-testid={format!("priority-{n}-stage")}>{ transition_name(&report.stages, p.stage, lang) }</td>
                                    <td data-testid={format!("priority-{n}-lost")}>{ ctx.money(p.money_lost) }</td>
                                    <td>{ super::text::volume(p.clients_lost, lang) }</td>
                                    <td>{ format_count(p.weakest_for as f64, lang) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </div>
    }
}
