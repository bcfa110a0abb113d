//! The app's state: the stored document behind a reducer. Every edit is an [`Action`];
//! the reducer applies it and saves the document, so nothing typed is ever only on screen.

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::Lang;
use crate::model::Plan;
use crate::storage::local::{self, OpenNote, SaveError};
use crate::storage::Document;

/// A message shown at the top of the page until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Opened(OpenNote),
    SaveFailed(SaveError),
}

pub struct AppState {
    pub doc: Rc<Document>,
    /// The browser's language, used while the person has not chosen one.
    pub browser_lang: Lang,
    pub notice: Option<Notice>,
    /// False when an unreadable document could not be backed up: it must not be overwritten.
    pub may_save: bool,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.browser_lang == other.browser_lang
            && self.notice == other.notice
            && self.may_save == other.may_save
    }
}

/// A change to the active plan, as a function; pages build these from what was typed.
pub type PlanEdit = Rc<dyn Fn(&mut Plan)>;

pub enum Action {
    EditPlan(PlanEdit),
    SetLang(Lang),
    DismissNotice,
}

impl AppState {
    /// Opens the stored document (or a fresh demo) for this browser.
    pub fn open(browser_lang: Lang) -> AppState {
        let (doc, note) = local::open(browser_lang);
        let may_save = !matches!(
            note,
            Some(OpenNote::Unreadable {
                backup_key: None,
                ..
            }) | Some(OpenNote::NoStorage)
        );
        AppState {
            doc: Rc::new(doc),
            browser_lang,
            notice: note.map(Notice::Opened),
            may_save,
        }
    }

    pub fn lang(&self) -> Lang {
        self.doc.settings.lang.unwrap_or(self.browser_lang)
    }

    pub fn plan(&self) -> &Plan {
        self.doc.active_plan()
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut doc = (*self.doc).clone();
        let mut notice = self.notice.clone();
        match action {
            Action::DismissNotice => {
                return Rc::new(AppState {
                    doc: self.doc.clone(),
                    browser_lang: self.browser_lang,
                    notice: None,
                    may_save: self.may_save,
                })
            }
            Action::SetLang(lang) => doc.settings.lang = Some(lang),
            Action::EditPlan(edit) => {
                let plan = doc.active_plan_mut();
                edit(plan);
                plan.updated_at_ms = js_sys::Date::now();
            }
        }
        if self.may_save {
            if let Err(e) = local::save(&doc) {
                // Work goes on in memory; the stored copy stays as it was.
                notice = Some(Notice::SaveFailed(e));
            }
        }
        Rc::new(AppState {
            doc: Rc::new(doc),
            browser_lang: self.browser_lang,
            notice,
            may_save: self.may_save,
        })
    }
}

/// What every component reaches through the context.
pub type AppHandle = UseReducerHandle<AppState>;

/// The app state from the context. Panics only if a component is used outside `App`,
/// which is a programming error caught by every test.
#[hook]
pub fn use_app() -> AppHandle {
    use_context::<AppHandle>().expect("AppHandle context is provided by App")
}

/// Sends an edit of the active plan.
pub fn edit_plan(app: &AppHandle, edit: impl Fn(&mut Plan) + 'static) {
    app.dispatch(Action::EditPlan(Rc::new(edit)));
}
