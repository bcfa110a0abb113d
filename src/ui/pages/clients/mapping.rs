//! The columns step: how the file is laid out (delimiter, decimal separator, header, date
//! order), a preview of its first rows, which column is the client, the date, the amount
//! (and optionally the manager, segment, product), then Analyse.

use std::rc::Rc;

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use super::picker::OtherFileButton;
use super::settings::{settings_errors, Settings};
use crate::i18n::clients::{encoding_name, role_name};
use crate::i18n::numbers::format_count;
use crate::i18n::plural::{plural, PluralForms};
use crate::i18n::problems::problem_text;
use crate::i18n::{tr, Lang};
use crate::model::clients::amount::Decimal;
use crate::model::clients::csv::DELIMITERS;
use crate::model::clients::dates::SlashOrder;
use crate::model::clients::{ColumnMapping, Dialect, Role};
use crate::model::Problem;
use crate::ui::import::use_import;
use crate::ui::state::use_app;
use crate::worker::protocol::{AnalyzeRequest, Opened};

/// A column's name as the pickers show it: `2: Дата`, or `Column 2` without a header.
fn column_label(opened: &Opened, column: usize, lang: Lang) -> String {
    match opened.preview.headers.get(column).map(|h| h.trim()) {
        Some(h) if !h.is_empty() => format!("{}: {}", column + 1, h),
        _ => match lang {
            Lang::Ru => format!("Столбец {}", column + 1),
            Lang::En => format!("Column {}", column + 1),
        },
    }
}

fn delimiter_name(d: u8, lang: Lang) -> String {
    match d {
        b';' => tr(lang, "точка с запятой «;»", "semicolon “;”").into(),
        b',' => tr(lang, "запятая «,»", "comma “,”").into(),
        b'\t' => tr(lang, "табуляция", "tab").into(),
        b'|' => tr(lang, "вертикальная черта «|»", "bar “|”").into(),
        other => format!("{}", other as char),
    }
}

/// The file size as people say it: `23,4 МБ`, `812 КБ`.
fn size_text(bytes: usize, lang: Lang) -> String {
    let kb = bytes as f64 / 1024.0;
    if kb < 1024.0 {
        format!("{} {}", format_count(kb.ceil(), lang), tr(lang, "КБ", "KB"))
    } else {
        format!(
            "{} {}",
            crate::i18n::numbers::format_number(kb / 1024.0, 1, lang),
            tr(lang, "МБ", "MB")
        )
    }
}

#[function_component(Mapping)]
pub fn mapping() -> Html {
    let import = use_import();
    let Some(opened) = import.state.opened.clone() else {
        return html! {};
    };
    // A new preview (another dialect) guesses the columns again: a fresh form.
    let key = format!("{:p}", Rc::as_ptr(&opened));
    html! { <MappingForm {key} {opened} /> }
}

#[derive(Properties, PartialEq)]
struct FormProps {
    opened: Rc<Opened>,
}

#[function_component(MappingForm)]
fn mapping_form(props: &FormProps) -> Html {
    let app = use_app();
    let import = use_import();
    let lang = app.lang();
    let opened = &props.opened;
    let chosen = use_state(|| opened.mapping);
    let dialect = opened.dialect;

    let set_dialect = |change: fn(&mut Dialect, &str)| {
        let import = import.clone();
        Callback::from(move |value: String| {
            let mut next = dialect;
            change(&mut next, &value);
            import.preview(next);
        })
    };
    let on_delimiter = set_dialect(|d, v| d.delimiter = v.parse().unwrap_or(d.delimiter));
    let on_decimal = set_dialect(|d, v| {
        d.decimal = if v == "point" {
            Decimal::Point
        } else {
            Decimal::Comma
        }
    });
    let on_slash = set_dialect(|d, v| {
        d.slash_dates = if v == "month-first" {
            SlashOrder::MonthFirst
        } else {
            SlashOrder::DayFirst
        }
    });
    let on_header = {
        let import = import.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            import.preview(Dialect {
                has_header: input.checked(),
                ..dialect
            });
        })
    };

    let plan = app.plan();
    let settings = (plan.clients.analysis.clone(), plan.clients.clv.clone());
    let settings_problems = settings_errors(&settings.0, &settings.1, None);
    let on_analyze = {
        let import = import.clone();
        let chosen = chosen.clone();
        let settings = settings.clone();
        Callback::from(move |_: MouseEvent| {
            import.analyze(AnalyzeRequest {
                dialect,
                mapping: *chosen,
                analysis: settings.0.clone(),
                clv: settings.1.clone(),
            })
        })
    };

    let select = |id: &'static str,
                  label: String,
                  options: Vec<(String, String)>,
                  selected: String,
                  on: Callback<String>| {
        let onchange = Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            on.emit(s.value());
        });
        html! {
            <div class="field">
                <label class="field-label" for={id}>{ label }</label>
                <div class="field-control">
                    <select {id} data-testid={id} {onchange}>
                        { for options.into_iter().map(|(value, text)| html! {
                            <option selected={value == selected} value={value.clone()}>{ text }</option>
                        }) }
                    </select>
                </div>
            </div>
        }
    };
    let decimal_value = match dialect.decimal {
        Decimal::Point => "point",
        Decimal::Comma => "comma",
    };
    let slash_value = match dialect.slash_dates {
        SlashOrder::DayFirst => "day-first",
        SlashOrder::MonthFirst => "month-first",
    };
    let columns = opened.preview.column_count;

    html! {
        <>
        <section class="card import-mapping" aria-labelledby="mapping-title">
            <div class="section-title">
                <h2 id="mapping-title">{ tr(lang, "Столбцы файла", "The file's columns") }</h2>
                <OtherFileButton />
            </div>
            <p class="import-file-facts" data-testid="import-file-facts">
                <strong data-testid="import-file-name">{ opened.file_name.clone() }</strong>
                { format!(" · {} · ", size_text(opened.bytes, lang)) }
                <span data-testid="import-encoding">{ encoding_name(opened.encoding) }</span>
            </p>
            if opened.replaced > 0 {
                <p class="field-error" data-testid="import-replaced" role="status">{ match lang {
                    Lang::Ru => format!("В файле {} {} на «�». Проверьте кодировку.", opened.replaced,
                        plural(lang, opened.replaced as f64, PluralForms {
                            one: "испорченный символ: он заменён",
                            few: "испорченных символа: они заменены",
                            many: "испорченных символов: они заменены",
                            other: "испорченного символа: они заменены",
                        })),
                    Lang::En => format!("{} {} with “�”. Check the encoding.", opened.replaced,
                        plural(lang, opened.replaced as f64, PluralForms::en(
                            "broken character in the file was replaced",
                            "broken characters in the file were replaced",
                        ))),
                } }</p>
            }
            <div class="dialect-row">
                { select("dialect-delimiter", tr(lang, "Разделитель", "Delimiter").into(),
                    DELIMITERS.iter().map(|d| (d.to_string(), delimiter_name(*d, lang))).collect(),
                    dialect.delimiter.to_string(), on_delimiter) }
                { select("dialect-decimal", tr(lang, "Дробная часть", "Decimal separator").into(),
                    vec![("comma".into(), tr(lang, "запятая: 1234,56", "comma: 1234,56").into()),
                         ("point".into(), tr(lang, "точка: 1234.56", "point: 1234.56").into())],
                    decimal_value.into(), on_decimal) }
                { select("dialect-dates", tr(lang, "Даты вида 01/02/2024", "Dates like 01/02/2024").into(),
                    vec![("day-first".into(), tr(lang, "день/месяц/год", "day/month/year").into()),
                         ("month-first".into(), tr(lang, "месяц/день/год", "month/day/year").into())],
                    slash_value.into(), on_slash) }
                <div class="field field-check">
                    <label class="check">
                        <input type="checkbox" data-testid="dialect-header" checked={dialect.has_header} onchange={on_header} />
                        { tr(lang, "Первая строка — заголовки", "The first row holds the column names") }
                    </label>
                </div>
            </div>
            <div class="table-wrap" tabindex="0" role="region" aria-label={tr(lang, "Первые строки файла", "The first rows of the file")}>
                <table class="preview-table" data-testid="import-preview">
                    <caption class="visually-hidden">{ tr(lang, "Первые строки файла", "The first rows of the file") }</caption>
                    <thead><tr>
                        { for (0..columns).map(|c| html! { <th scope="col">{ column_label(opened, c, lang) }</th> }) }
                    </tr></thead>
                    <tbody>
                        { for opened.preview.rows.iter().map(|row| html! {
                            <tr>{ for row.iter().map(|cell| html! { <td>{ cell.clone() }</td> }) }</tr>
                        }) }
                    </tbody>
                </table>
            </div>
            <div class="role-grid">
                { for Role::ALL.iter().map(|role| role_picker(*role, opened, &chosen, &import.state.mapping_errors, lang)) }
            </div>
        </section>
        <Settings />
        <div class="actions import-run">
            <button type="button" class="button" data-testid="analyze" onclick={on_analyze}
                disabled={!settings_problems.is_empty()}>
                { tr(lang, "Анализировать", "Analyse") }
            </button>
            if !settings_problems.is_empty() {
                <p class="field-error" data-testid="analyze-blocked">{ tr(lang,
                    "Исправьте настройки анализа, отмеченные выше.",
                    "Correct the analysis settings marked above.") }</p>
            }
        </div>
        </>
    }
}

/// The column picker of one role, with its problem under it.
fn role_picker(
    role: Role,
    opened: &Opened,
    chosen: &UseStateHandle<ColumnMapping>,
    errors: &[crate::model::FieldError],
    lang: Lang,
) -> Html {
    let id = role.field_id();
    let current = chosen.get(role);
    let onchange = {
        let chosen = chosen.clone();
        Callback::from(move |e: Event| {
            let s: HtmlSelectElement = e.target_unchecked_into();
            let column = s.value().parse::<usize>().ok();
            let mut next = *chosen;
            next.set(role, column);
            chosen.set(next);
        })
    };
    let none_text = if role.required() {
        tr(lang, "— выберите столбец —", "— choose a column —")
    } else {
        tr(lang, "— нет в файле —", "— not in the file —")
    };
    // A problem found by the worker, unless the person has changed this choice since.
    let problem = errors
        .iter()
        .find(|e| e.field == id)
        .map(|e| e.problem.clone())
        .filter(|_| current == opened.mapping.get(role))
        .or_else(|| (role.required() && current.is_none()).then_some(Problem::Empty));
    let error_id = format!("{id}-error");
    let label = if role.required() {
        format!("{} *", role_name(role, lang))
    } else {
        role_name(role, lang).to_string()
    };
    html! {
        <div class={classes!("field", problem.is_some().then_some("field-invalid"))}>
            <label class="field-label" for={id}>{ label }</label>
            <div class="field-control">
                <select {id} data-testid={id} {onchange}
                    aria-invalid={problem.is_some().to_string()}
                    aria-describedby={problem.is_some().then(|| error_id.clone())}>
                    <option value="" selected={current.is_none()}>{ none_text }</option>
                    { for (0..opened.preview.column_count).map(|c| html! {
                        <option value={c.to_string()} selected={current == Some(c)}>{ column_label(opened, c, lang) }</option>
                    }) }
                </select>
            </div>
            if let Some(p) = problem {
                <p class="field-error" id={error_id.clone()} data-testid={error_id} role="alert">
                    { if p == Problem::Empty {
                        tr(lang, "Выберите столбец", "Choose a column").to_string()
                    } else {
                        problem_text(&p, lang)
                    } }
                </p>
            }
        </div>
    }
}
