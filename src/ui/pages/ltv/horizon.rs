//! The horizon field: a whole number of periods, or unlimited. An empty field and the
//! "unlimited" box both mean no horizon; typing a number turns the box off.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::i18n::numbers::{format_for_input, parse_number_in};
use crate::i18n::problems::problem_text;
use crate::i18n::{tr, Lang};
use crate::model::ltv::HORIZON_RULE;
use crate::model::Problem;

#[derive(Properties, PartialEq)]
pub struct HorizonFieldProps {
    pub label: AttrValue,
    /// Periods, or `None` = unlimited.
    pub value: Option<f64>,
    pub on_change: Callback<Option<f64>>,
    /// The horizon set when "unlimited" is turned off.
    pub default_horizon: f64,
    pub unit: AttrValue,
    pub lang: Lang,
    /// The model's problem or notice for the horizon (e.g. an unbounded LTV asks for one).
    #[prop_or_default]
    pub error: Option<Problem>,
}

#[derive(Clone, PartialEq)]
struct Typed {
    text: String,
    value: Option<f64>,
    problem: Option<Problem>,
}

fn text_of(value: Option<f64>, lang: Lang) -> String {
    value.map(|v| format_for_input(v, lang)).unwrap_or_default()
}

fn same(a: Option<f64>, b: Option<f64>) -> bool {
    a.map(f64::to_bits) == b.map(f64::to_bits)
}

#[function_component(HorizonField)]
pub fn horizon_field(props: &HorizonFieldProps) -> Html {
    let lang = props.lang;
    let typed = use_state(|| Typed {
        text: text_of(props.value, lang),
        value: props.value,
        problem: None,
    });
    // The plan changed under the field (the box, another plan): show the plan's value.
    let shown = if !same(typed.value, props.value) && typed.problem.is_none() {
        Typed {
            text: text_of(props.value, lang),
            value: props.value,
            problem: None,
        }
    } else {
        (*typed).clone()
    };

    let oninput = {
        let typed = typed.clone();
        let on_change = props.on_change.clone();
        let current = props.value;
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let text = input.value();
            if text.trim().is_empty() {
                typed.set(Typed {
                    text,
                    value: None,
                    problem: None,
                });
                on_change.emit(None);
                return;
            }
            match parse_number_in(&text, lang).and_then(|v| HORIZON_RULE.check(v)) {
                Ok(v) => {
                    typed.set(Typed {
                        text,
                        value: Some(v),
                        problem: None,
                    });
                    on_change.emit(Some(v));
                }
                Err(problem) => typed.set(Typed {
                    text,
                    value: current,
                    problem: Some(problem),
                }),
            }
        })
    };

    let onchange_box = {
        let typed = typed.clone();
        let on_change = props.on_change.clone();
        let default_horizon = props.default_horizon;
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let value = (!input.checked()).then_some(default_horizon);
            typed.set(Typed {
                text: text_of(value, lang),
                value,
                problem: None,
            });
            on_change.emit(value);
        })
    };

    let problem = shown.problem.clone().or_else(|| props.error.clone());
    let unlimited = props.value.is_none() && shown.problem.is_none();
    html! {
        <div class={classes!("field", "ltv-horizon", problem.is_some().then_some("field-invalid"))}>
            <label class="field-label" for="ltv-horizon">{ props.label.clone() }</label>
            <div class="field-control">
                <input id="ltv-horizon" data-testid="ltv-horizon" type="text" inputmode="numeric"
                    autocomplete="off" value={shown.text.clone()}
                    placeholder={tr(lang, "без ограничения", "unlimited")}
                    aria-invalid={problem.is_some().to_string()}
                    aria-describedby={problem.is_some().then_some("ltv-horizon-error")}
                    {oninput} />
                <span class="field-unit" aria-hidden="true">{ props.unit.clone() }</span>
            </div>
            <label class="ltv-check">
                <input type="checkbox" data-testid="ltv-horizon-unlimited" checked={unlimited}
                    onchange={onchange_box} />
                { tr(lang, "Без ограничения", "Unlimited") }
            </label>
            if let Some(p) = problem {
                <p class="field-error" id="ltv-horizon-error" data-testid="ltv-horizon-error" role="alert">
                    { problem_text(&p, lang) }
                </p>
            }
        </div>
    }
}
