//! One hook for every calculator page: the report of the current inputs or, while they have
//! a problem, the last valid report of the same plan (kept across visits of the page in the
//! [`LastReports`] context), with the problems and whether the report is stale; and the one
//! note that says so.

use std::any::Any;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{tr, Lang};
use crate::model::{FieldError, Problem};

/// What a calculator page shows.
pub struct Calculation<T> {
    /// The newest valid report (maybe from before the current edit); `None` when this plan
    /// has not computed in this session.
    pub report: Option<Rc<T>>,
    /// The problems of the current inputs.
    pub errors: Rc<Vec<FieldError>>,
    /// True when `report` is from earlier inputs (the current ones have problems).
    pub stale: bool,
}

impl<T> Calculation<T> {
    /// The problem the model found with one field, to show next to it.
    pub fn error_for(&self, field: &str) -> Option<Problem> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.problem.clone())
    }
}

/// The last valid report of each calculator and plan in this page session (not saved: it
/// is computed again from the plan on the next start). A cache, so it changes no render.
#[derive(Clone, Default)]
pub struct LastReports(Rc<RefCell<HashMap<ReportKey, Rc<dyn Any>>>>);

/// A calculator's name and a plan's id.
type ReportKey = (&'static str, String);

impl PartialEq for LastReports {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

/// The calculation of `calculator` for plan `plan_id`, from `result` (the model's compute on
/// the current inputs).
#[hook]
pub fn use_calculator<T: 'static>(
    calculator: &'static str,
    plan_id: &str,
    result: Result<T, Vec<FieldError>>,
) -> Calculation<T> {
    let last = use_context::<LastReports>().unwrap_or_default();
    let key = (calculator, plan_id.to_string());
    match result {
        Ok(report) => {
            let report = Rc::new(report);
            last.0
                .borrow_mut()
                .insert(key, report.clone() as Rc<dyn Any>);
            Calculation {
                report: Some(report),
                errors: Rc::default(),
                stale: false,
            }
        }
        Err(errors) => Calculation {
            report: last
                .0
                .borrow()
                .get(&key)
                .cloned()
                .and_then(|report| report.downcast::<T>().ok()),
            errors: Rc::new(errors),
            stale: true,
        },
    }
}

#[derive(Properties, PartialEq)]
pub struct StaleNoteProps {
    pub lang: Lang,
    pub stale: bool,
    /// An earlier report is on screen (else there is nothing to show until fixed).
    pub has_report: bool,
}

/// Says that the results are from the last valid input, or that there are none until the
/// marked fields are fixed. Nothing while the inputs are valid.
#[function_component(StaleNote)]
pub fn stale_note(props: &StaleNoteProps) -> Html {
    if !props.stale {
        return html! {};
    }
    let text = if props.has_report {
        tr(
            props.lang,
            "Результаты — по последним верным данным: исправьте отмеченные поля.",
            "Results are from the last valid input: fix the marked fields.",
        )
    } else {
        tr(
            props.lang,
            "Исправьте отмеченные поля, чтобы увидеть результат.",
            "Fix the marked fields to see the results.",
        )
    };
    html! { <p class="stale-note" data-testid="stale-note" role="status">{ text }</p> }
}
