//! Keeps the last valid result of a calculation on screen while the inputs are invalid.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{FieldError, Problem};

/// What a page shows: the newest valid result (maybe from before the current edit) and
/// the problems of the current inputs.
pub struct Shown<T> {
    pub result: Option<Rc<T>>,
    pub errors: Rc<Vec<FieldError>>,
    /// True when `result` is from earlier inputs (the current ones have problems).
    pub stale: bool,
}

impl<T> Shown<T> {
    /// The problem the model found with one field, to show next to it.
    pub fn error_for(&self, field: &str) -> Option<Problem> {
        self.errors
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.problem.clone())
    }
}

/// Remembers the last `Ok` of `result` across renders.
#[hook]
pub fn use_last_valid<T: 'static>(result: Result<T, Vec<FieldError>>) -> Shown<T> {
    let last = use_mut_ref(|| None::<Rc<T>>);
    match result {
        Ok(value) => {
            let value = Rc::new(value);
            *last.borrow_mut() = Some(value.clone());
            Shown {
                result: Some(value),
                errors: Rc::new(Vec::new()),
                stale: false,
            }
        }
        Err(errors) => Shown {
            result: last.borrow().clone(),
            errors: Rc::new(errors),
            stale: true,
        },
    }
}
