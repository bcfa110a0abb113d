//! Input fields. A number field keeps what the person typed, checks it as they type and
//! sends only valid numbers to the plan; a problem is shown right under the field and the
//! last valid value (and every result computed from it) stays in place. Out of focus it
//! shows its value grouped the locale's way (`50 000 000`, `50,000,000`); while it has the
//! focus the text is the person's own and is never reformatted under their fingers.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::numbers::{format_for_field, parse_number_in};
use crate::i18n::problems::problem_text;
use crate::i18n::{tr, Lang};
use crate::model::calendar::Month;
use crate::model::clients::dates::{format_iso, parse_date, SlashOrder};
use crate::model::{Problem, Rule};

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// The `data-testid` of the input; the message under it gets `<id>-error`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: f64,
    /// Gets each valid number typed (not used when `unlimited` is set).
    #[prop_or_default]
    pub on_change: Callback<f64>,
    pub lang: Lang,
    #[prop_or(Rule::AMOUNT)]
    pub rule: Rule,
    /// A problem the model found with this field's value (e.g. a 0% conversion in reverse).
    #[prop_or_default]
    pub error: Option<Problem>,
    /// A unit shown after the field (`%`, `₽`, `days`).
    #[prop_or_default]
    pub unit: Option<AttrValue>,
    /// Hide the label visually (still read by screen readers), for fields in tables.
    #[prop_or_default]
    pub compact: bool,
    /// The field may also hold "no limit" (see [`Unlimited`]).
    #[prop_or_default]
    pub unlimited: Option<Unlimited>,
}

/// A number field that may hold no value, "unlimited": an empty field and the box
/// `<id>-unlimited` both mean no value; typing a number turns the box off.
#[derive(Clone, PartialEq)]
pub struct Unlimited {
    /// The field holds no value now (`value` is then ignored).
    pub on: bool,
    /// The value set when the box is turned off.
    pub default: f64,
    /// Gets `None` (unlimited) or the valid number typed.
    pub on_change: Callback<Option<f64>>,
}

/// What the field shows: the typed text and the plan value it last agreed with.
#[derive(Clone, PartialEq)]
struct Typed {
    text: String,
    value: Option<f64>,
    problem: Option<Problem>,
}

impl Typed {
    fn of(value: Option<f64>, lang: Lang) -> Typed {
        Typed {
            text: field_text(value, lang),
            value,
            problem: None,
        }
    }
}

/// A value as the field shows it out of focus: grouped digits; empty for "unlimited".
fn field_text(value: Option<f64>, lang: Lang) -> String {
    value.map(|v| format_for_field(v, lang)).unwrap_or_default()
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    a.map(f64::to_bits) == b.map(f64::to_bits)
}

#[function_component(NumberField)]
pub fn number_field(props: &NumberFieldProps) -> Html {
    let lang = props.lang;
    let current = match &props.unlimited {
        Some(u) if u.on => None,
        _ => Some(props.value),
    };
    let typed = use_state(|| Typed::of(current, lang));
    // The person is in the field: their text stays as typed until they leave it.
    let editing = use_state(|| false);
    // The plan changed under the field (another plan, an import, undo): show the new value.
    let shown = if !same(typed.value, current) && typed.problem.is_none() {
        Typed::of(current, lang)
    } else {
        (*typed).clone()
    };
    // Where a change goes: `None` only for a field that may be unlimited.
    let emit = {
        let on_change = props.on_change.clone();
        let unlimited = props.unlimited.as_ref().map(|u| u.on_change.clone());
        move |value: Option<f64>| match (&unlimited, value) {
            (Some(on_unlimited), value) => on_unlimited.emit(value),
            (None, Some(v)) => on_change.emit(v),
            (None, None) => {}
        }
    };

    let oninput = {
        let typed = typed.clone();
        let emit = emit.clone();
        let rule = props.rule;
        let may_be_empty = props.unlimited.is_some();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            if may_be_empty && text.trim().is_empty() {
                typed.set(Typed {
                    text,
                    value: None,
                    problem: None,
                });
                emit(None);
                return;
            }
            match parse_number_in(&text, lang).and_then(|v| rule.check(v)) {
                Ok(v) => {
                    typed.set(Typed {
                        text,
                        value: Some(v),
                        problem: None,
                    });
                    emit(Some(v));
                }
                Err(problem) => typed.set(Typed {
                    text,
                    value: current,
                    problem: Some(problem),
                }),
            }
        })
    };

    // Out of focus a valid field shows the plan's value in the locale's grouping (and
    // follows a change of language); a text with a problem stays as typed, to be fixed.
    let text = if *editing || shown.problem.is_some() {
        shown.text.clone()
    } else {
        field_text(current, lang)
    };
    let onfocus = {
        let typed = typed.clone();
        let editing = editing.clone();
        let shown_text = text.clone();
        let has_problem = shown.problem.is_some();
        Callback::from(move |_: FocusEvent| {
            editing.set(true);
            // The text to edit is the one on screen (grouped, in today's language), so the
            // caret stays where the person put it.
            if !has_problem {
                typed.set(Typed {
                    text: shown_text.clone(),
                    value: current,
                    problem: None,
                });
            }
        })
    };
    let onblur = {
        let typed = typed.clone();
        let editing = editing.clone();
        Callback::from(move |_: FocusEvent| {
            editing.set(false);
            // A valid text is written anew, grouped; one with a problem stays as it is.
            if typed.problem.is_none() {
                typed.set(Typed::of(current, lang));
            }
        })
    };

    let problem = shown.problem.clone().or_else(|| props.error.clone());
    let error_id = format!("{}-error", props.id);
    let label_class = classes!("field-label", props.compact.then_some("visually-hidden"));
    let unlimited_box = props.unlimited.as_ref().map(|u| {
        let typed = typed.clone();
        let default = u.default;
        let onchange = Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let value = (!input.checked()).then_some(default);
            typed.set(Typed::of(value, lang));
            emit(value);
        });
        let checked = u.on && shown.problem.is_none();
        html! {
            <label class="field-check">
                <input type="checkbox" data-testid={format!("{}-unlimited", props.id)}
                    {checked} {onchange} />
                { tr(lang, "Без ограничения", "Unlimited") }
            </label>
        }
    });
    html! {
        <div class={classes!("field", problem.is_some().then_some("field-invalid"))}>
            <label class={label_class} for={props.id.clone()}>{ props.label.clone() }</label>
            <div class="field-control">
                <input
                    id={props.id.clone()}
                    data-testid={props.id.clone()}
                    type="text"
                    inputmode="decimal"
                    autocomplete="off"
                    value={text}
                    placeholder={props.unlimited.is_some().then(|| tr(lang, "без ограничения", "unlimited"))}
                    aria-invalid={problem.is_some().to_string()}
                    aria-describedby={problem.is_some().then(|| error_id.clone())}
                    {oninput}
                    {onfocus}
                    {onblur}
                />
                if let Some(unit) = &props.unit {
                    <span class="field-unit" aria-hidden="true">{ unit.clone() }</span>
                }
            </div>
            { for unlimited_box }
            if let Some(p) = problem {
                <p class="field-error" id={error_id.clone()} data-testid={error_id} role="alert">
                    { problem_text(&p, lang) }
                </p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub compact: bool,
    #[prop_or(200)]
    pub max_len: usize,
}

#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let oninput = {
        let on_change = props.on_change.clone();
        let max_len = props.max_len;
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            on_change.emit(input.value().chars().take(max_len).collect());
        })
    };
    let label_class = classes!("field-label", props.compact.then_some("visually-hidden"));
    html! {
        <div class="field">
            <label class={label_class} for={props.id.clone()}>{ props.label.clone() }</label>
            <div class="field-control">
                <input id={props.id.clone()} data-testid={props.id.clone()} type="text"
                    maxlength={props.max_len.to_string()}
                    value={props.value.clone()} {oninput} />
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// (value, visible text) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    pub selected: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub compact: bool,
}

#[function_component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            on_change.emit(select.value());
        })
    };
    let label_class = classes!("field-label", props.compact.then_some("visually-hidden"));
    html! {
        <div class="field">
            <label class={label_class} for={props.id.clone()}>{ props.label.clone() }</label>
            <div class="field-control">
                <select id={props.id.clone()} data-testid={props.id.clone()} {onchange}>
                    { for props.options.iter().map(|(value, text)| html! {
                        <option value={value.clone()} selected={*value == props.selected}>{ text.clone() }</option>
                    }) }
                </select>
            </div>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DateFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// Days since 1970-01-01; `None`: empty.
    pub value: Option<i32>,
    /// The earliest and latest dates the picker offers.
    #[prop_or_default]
    pub range: Option<(i32, i32)>,
    pub lang: Lang,
    #[prop_or_default]
    pub error: Option<Problem>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// The chosen day, `None` when the field is cleared.
    pub on_change: Callback<Option<i32>>,
}

/// A date picker (`<input type="date">`, whose value is always `yyyy-mm-dd`). A problem is
/// shown under it like a number field's.
#[function_component(DateField)]
pub fn date_field(props: &DateFieldProps) -> Html {
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            // The browser hands over a complete ISO date or nothing.
            on_change.emit(parse_date(text.trim(), SlashOrder::DayFirst).ok());
        })
    };
    let error_id = format!("{}-error", props.id);
    let (min, max) = props.range.map_or((None, None), |(a, b)| {
        (Some(format_iso(a)), Some(format_iso(b)))
    });
    html! {
        <div class={classes!("field", props.error.is_some().then_some("field-invalid"))}>
            <label class="field-label" for={props.id.clone()}>{ props.label.clone() }</label>
            <div class="field-control">
                <input id={props.id.clone()} data-testid={props.id.clone()} type="date"
                    value={props.value.map(format_iso).unwrap_or_default()} {min} {max}
                    aria-invalid={props.error.is_some().to_string()}
                    aria-describedby={props.error.is_some().then(|| error_id.clone())}
                    {onchange} />
            </div>
            if let Some(hint) = &props.hint {
                <p class="hint">{ hint.clone() }</p>
            }
            if let Some(p) = &props.error {
                <p class="field-error" id={error_id.clone()} data-testid={error_id} role="alert">
                    { problem_text(p, props.lang) }
                </p>
            }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct MonthFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: Option<Month>,
    pub lang: Lang,
    /// The field may be cleared (`None`).
    #[prop_or_default]
    pub optional: bool,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    pub on_change: Callback<Option<Month>>,
}

/// A month picker (`<input type="month">`, `YYYY-MM`). A text that is not a month (a browser
/// without the picker lets anything through) is answered next to the field and changes nothing.
#[function_component(MonthField)]
pub fn month_field(props: &MonthFieldProps) -> Html {
    let lang = props.lang;
    let bad = use_state(|| false);
    let onchange = {
        let bad = bad.clone();
        let on_change = props.on_change.clone();
        let optional = props.optional;
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            match Month::parse(&text) {
                Some(month) => {
                    bad.set(false);
                    on_change.emit(Some(month));
                }
                None if optional && text.trim().is_empty() => {
                    bad.set(false);
                    on_change.emit(None);
                }
                None => bad.set(true),
            }
        })
    };
    let error_id = format!("{}-error", props.id);
    html! {
        <div class={classes!("field", bad.then_some("field-invalid"))}>
            <label class="field-label" for={props.id.clone()}>{ props.label.clone() }</label>
            <div class="field-control">
                <input id={props.id.clone()} data-testid={props.id.clone()} type="month"
                    value={props.value.map(|m| m.to_string()).unwrap_or_default()}
                    aria-invalid={bad.to_string()} {onchange} />
            </div>
            if let Some(hint) = &props.hint {
                <p class="hint">{ hint.clone() }</p>
            }
            if *bad {
                <p class="field-error" id={error_id.clone()} data-testid={error_id} role="alert">
                    { tr(lang, "Введите месяц в виде ГГГГ-ММ, например 2026-12.", "Enter a month as YYYY-MM, e.g. 2026-12.") }
                </p>
            }
        </div>
    }
}
