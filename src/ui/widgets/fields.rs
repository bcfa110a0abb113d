//! Input fields. A number field keeps what the person typed, checks it as they type and
//! sends only valid numbers to the plan; a problem is shown right under the field and the
//! last valid value (and every result computed from it) stays in place.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::i18n::numbers::{format_for_input, parse_number_in};
use crate::i18n::problems::problem_text;
use crate::i18n::Lang;
use crate::model::{Problem, Rule};

#[derive(Properties, PartialEq)]
pub struct NumberFieldProps {
    /// The `data-testid` of the input; the message under it gets `<id>-error`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: f64,
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
}

/// What the field shows: the typed text and the plan value it last agreed with.
#[derive(Clone, PartialEq)]
struct Typed {
    text: String,
    value: f64,
    problem: Option<Problem>,
}

#[function_component(NumberField)]
pub fn number_field(props: &NumberFieldProps) -> Html {
    let typed = use_state(|| Typed {
        text: format_for_input(props.value, props.lang),
        value: props.value,
        problem: None,
    });
    // The plan changed under the field (another plan, an import, undo): show the new value.
    let shown = if typed.value.to_bits() != props.value.to_bits() && typed.problem.is_none() {
        Typed {
            text: format_for_input(props.value, props.lang),
            value: props.value,
            problem: None,
        }
    } else {
        (*typed).clone()
    };

    let oninput = {
        let typed = typed.clone();
        let on_change = props.on_change.clone();
        let rule = props.rule;
        let lang = props.lang;
        let current = props.value;
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            match parse_number_in(&text, lang).and_then(|v| rule.check(v)) {
                Ok(v) => {
                    typed.set(Typed {
                        text,
                        value: v,
                        problem: None,
                    });
                    on_change.emit(v);
                }
                Err(problem) => typed.set(Typed {
                    text,
                    value: current,
                    problem: Some(problem),
                }),
            }
        })
    };

    let problem = shown.problem.clone().or_else(|| props.error.clone());
    let error_id = format!("{}-error", props.id);
    let label_class = classes!("field-label", props.compact.then_some("visually-hidden"));
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
                    value={shown.text.clone()}
                    aria-invalid={problem.is_some().to_string()}
                    aria-describedby={problem.is_some().then(|| error_id.clone())}
                    {oninput}
                />
                if let Some(unit) = &props.unit {
                    <span class="field-unit" aria-hidden="true">{ unit.clone() }</span>
                }
            </div>
            if let Some(p) = problem {
                <p class="field-error" id={error_id.clone()} data-testid={error_id} role="alert">
                    { problem_text(&p, props.lang) }
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
