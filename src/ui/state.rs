//! The app's state: the stored document behind a reducer. Every edit is an [`Action`];
//! the reducer applies it and saves the document, so nothing typed is ever only on screen.
//!
//! Besides the document the state holds two things that are not saved: the plan deleted
//! last (for undo) and a plan that arrived in a share link (`#share=...`, read when the app
//! starts or the fragment changes) until the person saves or dismisses it.
//!
//! Another tab of the same browser may save the document too. Its `storage` event
//! ([`Action::ChangedElsewhere`]) makes this tab follow: the document it wrote becomes this
//! tab's, so the next edit here builds on it and the other tab's work is not overwritten. A
//! document this build cannot read is never overwritten: saving stops until one it can
//! read arrives (or the page is reloaded, which keeps the unreadable text under a backup key).

use std::rc::Rc;

use yew::prelude::*;

use crate::i18n::{tr, Lang};
use crate::model::plan::{new_plan_id, unique_name};
use crate::model::Plan;
use crate::storage::file::{merge, OnClash};
use crate::storage::local::{self, OpenNote, SaveError};
use crate::storage::share::{self, ShareError};
use crate::storage::{decode, Document, Loaded, Unreadable};

/// A message shown at the top of the page until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Opened(OpenNote),
    SaveFailed(SaveError),
    /// Another tab saved the document; this tab now shows that version.
    ChangedElsewhere,
    /// Another tab saved a document this build cannot read; this tab stopped saving.
    UnreadableElsewhere(Unreadable),
}

/// The plan deleted last, kept in memory so the delete can be undone.
#[derive(Debug, Clone, PartialEq)]
pub struct Deleted {
    pub plan: Plan,
    /// Its place in the list.
    pub index: usize,
    pub was_active: bool,
}

/// What a share link brought.
#[derive(Debug, Clone, PartialEq)]
pub enum Incoming {
    /// A plan to preview and maybe save (its id is empty until saved).
    Plan(Rc<Plan>),
    /// A link that cannot be opened, and why.
    Broken(ShareError),
}

pub struct AppState {
    pub doc: Rc<Document>,
    /// The browser's language, used while the person has not chosen one.
    pub browser_lang: Lang,
    pub notice: Option<Notice>,
    /// False when an unreadable document could not be backed up: it must not be overwritten.
    pub may_save: bool,
    pub deleted: Option<Rc<Deleted>>,
    pub incoming: Option<Incoming>,
    /// The text under the storage key as this tab last knew it (read, written or followed);
    /// when the key holds something else, another tab saved since.
    stored: Option<Rc<str>>,
}

impl PartialEq for AppState {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.doc, &other.doc)
            && self.browser_lang == other.browser_lang
            && self.notice == other.notice
            && self.may_save == other.may_save
            && self.deleted == other.deleted
            && self.incoming == other.incoming
    }
}

/// A change to the active plan, as a function; pages build these from what was typed.
pub type PlanEdit = Rc<dyn Fn(&mut Plan)>;

pub enum Action {
    EditPlan(PlanEdit),
    SetLang(Lang),
    DismissNotice,
    /// Adds a plan (a new one, a preset copy) with a fresh id and makes it active.
    AddPlan(Box<Plan>),
    /// Copies a plan next to it and makes the copy active.
    DuplicatePlan(String),
    RenamePlan {
        id: String,
        name: String,
    },
    /// Makes a plan the one every calculator shows.
    SwitchPlan(String),
    /// Removes a plan (never the last one); it can be brought back with `UndoDelete`.
    DeletePlan(String),
    UndoDelete,
    /// Drops the undo of the last delete.
    ForgetDeleted,
    /// Adds plans from a file; `on_clash` says what to do with ids that exist here.
    ImportPlans {
        plans: Vec<Plan>,
        on_clash: OnClash,
    },
    /// Reads share-link data (from `#share=<data>`) for a preview.
    OpenShared(String),
    /// Saves the previewed shared plan as a new plan and makes it active.
    SaveShared,
    DismissShared,
    /// Another tab wrote `new_value` under the document key (None: it removed the key).
    ChangedElsewhere(Option<String>),
}

impl AppState {
    /// Opens the stored document (or a fresh demo) for this browser, and a share link if the
    /// address carries one.
    pub fn open(browser_lang: Lang) -> AppState {
        let local::Opened {
            document: doc,
            note,
            stored,
        } = local::open(browser_lang);
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
            deleted: None,
            incoming: current_fragment()
                .as_deref()
                .and_then(share::from_fragment)
                .map(read_shared),
            stored: stored.map(Rc::from),
        }
    }

    pub fn lang(&self) -> Lang {
        self.doc.settings.lang.unwrap_or(self.browser_lang)
    }

    pub fn plan(&self) -> &Plan {
        self.doc.active_plan()
    }

    /// The same state with other unsaved parts (nothing in the document changes).
    fn with(
        &self,
        notice: Option<Notice>,
        deleted: Option<Rc<Deleted>>,
        incoming: Option<Incoming>,
    ) -> Rc<AppState> {
        Rc::new(AppState {
            doc: self.doc.clone(),
            browser_lang: self.browser_lang,
            notice,
            may_save: self.may_save,
            deleted,
            incoming,
            stored: self.stored.clone(),
        })
    }
}

impl AppState {
    /// Follows the document another tab saved (`raw`, the new text under the key).
    fn follow(&self, raw: Option<&str>) -> Rc<AppState> {
        let next = |doc: Rc<Document>, notice: Option<Notice>, may_save: bool| {
            Rc::new(AppState {
                doc,
                browser_lang: self.browser_lang,
                notice,
                may_save,
                deleted: self.deleted.clone(),
                incoming: self.incoming.clone(),
                stored: raw.map(Rc::from),
            })
        };
        let unchanged = || next(self.doc.clone(), self.notice.clone(), self.may_save);
        match decode(raw, self.browser_lang) {
            // Removed elsewhere (cleared by hand): this tab keeps its copy and writes it on
            // the next edit, so nothing is lost.
            Loaded::Empty => unchanged(),
            Loaded::Current(doc) | Loaded::Migrated { document: doc, .. } => {
                if doc == *self.doc {
                    return unchanged();
                }
                next(Rc::new(doc), Some(Notice::ChangedElsewhere), true)
            }
            Loaded::Unreadable(reason) => next(
                self.doc.clone(),
                Some(Notice::UnreadableElsewhere(reason)),
                false,
            ),
        }
    }
}

/// The address's fragment (`#...`), if any.
pub fn current_fragment() -> Option<String> {
    web_sys::window()?
        .location()
        .hash()
        .ok()
        .filter(|h| !h.is_empty())
}

fn read_shared(data: &str) -> Incoming {
    match share::decode(data) {
        Ok(plan) => Incoming::Plan(Rc::new(plan)),
        Err(e) => Incoming::Broken(e),
    }
}

/// A fresh plan id, unique on this device.
fn fresh_id(doc: &Document) -> String {
    let taken: Vec<&str> = doc.plans.iter().map(|p| p.id.as_str()).collect();
    new_plan_id(js_sys::Date::now(), js_sys::Math::random(), &taken)
}

/// Puts `plan` into the list as a new plan (fresh id, now as its last change) at `at`.
fn insert_new(doc: &mut Document, mut plan: Plan, at: usize) {
    plan.id = fresh_id(doc);
    plan.updated_at_ms = js_sys::Date::now();
    doc.active = plan.id.clone();
    let at = at.min(doc.plans.len());
    doc.plans.insert(at, plan);
}

fn copy_name(name: &str, doc: &Document, lang: Lang) -> String {
    let names: Vec<&str> = doc.plans.iter().map(|p| p.name.as_str()).collect();
    let base = match lang {
        Lang::Ru => format!("{name} (копия)"),
        Lang::En => format!("{name} (copy)"),
    };
    unique_name(&base, &names)
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        if self.may_save && changes_document(&action) {
            let now = local::read_raw();
            if now.as_deref() != self.stored.as_deref() {
                // Another tab saved and its `storage` event has not arrived yet: follow its
                // document first, so this edit builds on it instead of overwriting it. The
                // followed state knows the text now stored (or does not save), so this
                // happens once.
                return self.follow(now.as_deref()).reduce(action);
            }
        }
        let mut doc = (*self.doc).clone();
        let mut deleted = self.deleted.clone();
        let mut incoming = self.incoming.clone();
        let lang = self.lang();
        match action {
            Action::DismissNotice => return self.with(None, deleted, incoming),
            Action::ForgetDeleted => return self.with(self.notice.clone(), None, incoming),
            Action::OpenShared(data) => {
                return self.with(self.notice.clone(), deleted, Some(read_shared(&data)))
            }
            Action::DismissShared => return self.with(self.notice.clone(), deleted, None),
            Action::ChangedElsewhere(raw) => return self.follow(raw.as_deref()),
            Action::SetLang(lang) => doc.settings.lang = Some(lang),
            Action::EditPlan(edit) => {
                let plan = doc.active_plan_mut();
                edit(plan);
                plan.updated_at_ms = js_sys::Date::now();
            }
            Action::AddPlan(plan) => {
                let names: Vec<&str> = doc.plans.iter().map(|p| p.name.as_str()).collect();
                let name = unique_name(&plan.name, &names);
                let at = doc.plans.len();
                insert_new(&mut doc, Plan { name, ..*plan }, at);
            }
            Action::DuplicatePlan(id) => {
                if let Some(at) = doc.plans.iter().position(|p| p.id == id) {
                    let mut copy = doc.plans[at].clone();
                    copy.name = copy_name(&copy.name, &doc, lang);
                    insert_new(&mut doc, copy, at + 1);
                }
            }
            Action::RenamePlan { id, name } => {
                if let Some(plan) = doc.plans.iter_mut().find(|p| p.id == id) {
                    plan.name = name;
                    plan.updated_at_ms = js_sys::Date::now();
                }
            }
            Action::SwitchPlan(id) => {
                if doc.plans.iter().any(|p| p.id == id) {
                    doc.active = id;
                }
            }
            Action::DeletePlan(id) => {
                let Some(at) = doc.plans.iter().position(|p| p.id == id) else {
                    return self;
                };
                if doc.plans.len() < 2 {
                    return self;
                }
                let plan = doc.plans.remove(at);
                let was_active = doc.active == plan.id;
                if was_active {
                    doc.active = doc.plans[at.min(doc.plans.len() - 1)].id.clone();
                }
                deleted = Some(Rc::new(Deleted {
                    plan,
                    index: at,
                    was_active,
                }));
            }
            Action::UndoDelete => {
                let Some(d) = deleted.take() else {
                    return self;
                };
                // An id taken meanwhile (an import) must not be duplicated.
                let mut plan = d.plan.clone();
                if doc.plans.iter().any(|p| p.id == plan.id) {
                    plan.id = fresh_id(&doc);
                }
                if d.was_active {
                    doc.active = plan.id.clone();
                }
                let at = d.index.min(doc.plans.len());
                doc.plans.insert(at, plan);
            }
            Action::ImportPlans { plans, on_clash } => {
                let now = js_sys::Date::now();
                let mut counter = 0.0;
                merge(&mut doc.plans, plans, on_clash, |taken| {
                    counter += 1.0;
                    new_plan_id(now + counter, js_sys::Math::random(), taken)
                });
            }
            Action::SaveShared => {
                let Some(Incoming::Plan(plan)) = incoming.take() else {
                    return self;
                };
                let mut plan = (*plan).clone();
                let names: Vec<&str> = doc.plans.iter().map(|p| p.name.as_str()).collect();
                if plan.name.trim().is_empty() {
                    plan.name = tr(lang, "План по ссылке", "Shared plan").to_string();
                }
                plan.name = unique_name(&plan.name, &names);
                let at = doc.plans.len();
                insert_new(&mut doc, plan, at);
            }
        }
        let mut notice = self.notice.clone();
        let mut stored = self.stored.clone();
        if self.may_save {
            match local::save(&doc) {
                Ok(text) => stored = Some(Rc::from(text)),
                // Work goes on in memory; the stored copy stays as it was.
                Err(e) => notice = Some(Notice::SaveFailed(e)),
            }
        }
        Rc::new(AppState {
            doc: Rc::new(doc),
            browser_lang: self.browser_lang,
            notice,
            may_save: self.may_save,
            deleted,
            incoming,
            stored,
        })
    }
}

/// Whether an action changes (and saves) the document.
fn changes_document(action: &Action) -> bool {
    !matches!(
        action,
        Action::DismissNotice
            | Action::ForgetDeleted
            | Action::OpenShared(_)
            | Action::DismissShared
            | Action::ChangedElsewhere(_)
    )
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
