//! The app state (`crate::state`, pure) in yew: the handle every component reaches through
//! the context, which gives each action the [`Env`] of its moment, and the effect that saves
//! the document after each change.

use std::ops::Deref;
use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::Lang;
pub use crate::state::{Action, AppState, Deleted, Incoming, Kept, Notice, PlanEdit};
use crate::state::{Env, SessionCopy};
use crate::storage::local;

/// The reducer's input: an action and the moment it was dispatched in.
pub struct Stamped(Action, Env);

impl Reducible for AppState {
    type Action = Stamped;

    fn reduce(self: Rc<Self>, Stamped(action, env): Stamped) -> Rc<Self> {
        AppState::reduce(self, action, &env)
    }
}

/// The moment of `action`: the clock, a random number, and (for an action that changes the
/// document) the text now under the storage key.
fn env_for(action: &Action) -> Env {
    Env {
        now_ms: js_sys::Date::now(),
        random: js_sys::Math::random(),
        stored_now: if action.changes_document() {
            local::read_raw()
        } else {
            None
        },
    }
}

/// Sends actions, without holding the state (for listeners that outlive a render).
#[derive(Clone, PartialEq)]
pub struct AppDispatcher(UseReducerDispatcher<AppState>);

impl AppDispatcher {
    pub fn dispatch(&self, action: Action) {
        let env = env_for(&action);
        self.0.dispatch(Stamped(action, env));
    }
}

/// What every component reaches through the context: the state, and `dispatch`.
#[derive(Clone, PartialEq)]
pub struct AppHandle(UseReducerHandle<AppState>);

impl AppHandle {
    pub fn dispatch(&self, action: Action) {
        self.dispatcher().dispatch(action);
    }

    /// Sends a named edit of the active plan (`FunnelEdit`, `LtvEdit`, ... or a `PlanEdit`).
    pub fn edit(&self, edit: impl Into<PlanEdit>) {
        self.dispatch(Action::EditPlan(edit.into()));
    }

    pub fn dispatcher(&self) -> AppDispatcher {
        AppDispatcher(self.0.dispatcher())
    }
}

impl Deref for AppHandle {
    type Target = AppState;

    fn deref(&self) -> &AppState {
        &self.0
    }
}

/// The app's state, opened from localStorage (or this tab's session copy of edits it could
/// not save) and the address, saved after every change.
/// Only a change of what is shown renders again (`use_reducer_eq`): a finished save does not.
#[hook]
pub fn use_app_state(browser_lang: Lang) -> AppHandle {
    let handle = AppHandle(use_reducer_eq(move || {
        AppState::new(
            local::open(browser_lang),
            browser_lang,
            current_fragment().as_deref(),
        )
    }));
    {
        let handle = handle.clone();
        use_effect_with(handle.revision, move |&revision| {
            if handle.needs_save() {
                let result = local::save(&handle.doc);
                // A refused save leaves a copy in this tab's session storage, if it fits.
                let in_session = match handle.session_copy_after(&result) {
                    SessionCopy::Clear => {
                        local::clear_unsaved();
                        false
                    }
                    SessionCopy::Write(copy) => local::keep_unsaved(&copy),
                };
                handle.dispatch(Action::Saved {
                    revision,
                    result,
                    in_session,
                });
            }
        });
    }
    handle
}

/// The app state from the context. Panics only if a component is used outside `App`,
/// which is a programming error caught by every test.
#[hook]
pub fn use_app() -> AppHandle {
    use_context::<AppHandle>().expect("AppHandle context is provided by App")
}

/// The address's fragment (`#...`), if any.
pub fn current_fragment() -> Option<String> {
    web_sys::window()?
        .location()
        .hash()
        .ok()
        .filter(|h| !h.is_empty())
}
