//! The app's state: the stored document and what is shown beside it, changed only by
//! [`AppState::reduce`], a pure function of the state, an [`Action`] and the [`Env`] of the
//! moment (the clock, a random number, the text now under the storage key). Nothing here
//! touches the browser, so every action is tested natively; `ui::state` plugs it into yew
//! and saves the document in an effect after each change (as yew's function_todomvc does).
//!
//! Besides the document the state holds what is not saved: the plan deleted last (for
//! undo), a plan that arrived in a share link (`#share=...`) until the person saves or
//! dismisses it, and the notice on screen.
//!
//! Another tab of the same browser may save the document too. Its `storage` event
//! ([`Action::ChangedElsewhere`]) makes this tab follow: the document it wrote becomes this
//! tab's, so the next edit here builds on it and the other tab's work is not overwritten.
//! An edit that comes before that event is caught by [`Env::stored_now`]. A document this
//! build cannot read is never overwritten: saving stops until one it can read arrives (or
//! the page is reloaded, which keeps the unreadable text under a backup key).

use std::rc::Rc;

use crate::i18n::{tr, Lang};
use crate::model::plan::{new_plan_id, unique_name};
use crate::model::Plan;
use crate::storage::file::{merge, OnClash};
use crate::storage::share::{self, ShareError};
use crate::storage::{decode, Document, Loaded, OpenNote, Opened, SaveError, Unreadable};

pub mod plan_edit;
#[cfg(test)]
mod tests;

pub use plan_edit::PlanEdit;

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

/// What the reducer may not read for itself: given with each action.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Env {
    /// Milliseconds since the Unix epoch: a plan's last change, new ids.
    pub now_ms: f64,
    /// A number in [0, 1) for new ids.
    pub random: f64,
    /// The text under the storage key now (read only for actions that change the
    /// document; `None`: nothing stored).
    pub stored_now: Option<String>,
}

pub enum Action {
    /// Changes the active plan: one of the named edits of [`plan_edit`].
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
    /// The save of document `revision` is done: the text written, or why not.
    Saved {
        revision: u64,
        result: Result<String, SaveError>,
    },
}

impl Action {
    /// Whether the action changes (and so saves) the document.
    pub fn changes_document(&self) -> bool {
        !matches!(
            self,
            Action::DismissNotice
                | Action::ForgetDeleted
                | Action::OpenShared(_)
                | Action::DismissShared
                | Action::ChangedElsewhere(_)
                | Action::Saved { .. }
        )
    }
}

#[derive(Debug, Clone)]
pub struct AppState {
    pub doc: Rc<Document>,
    /// The browser's language, used while the person has not chosen one.
    pub browser_lang: Lang,
    pub notice: Option<Notice>,
    /// False when an unreadable document could not be backed up: it must not be overwritten.
    pub may_save: bool,
    pub deleted: Option<Rc<Deleted>>,
    pub incoming: Option<Incoming>,
    /// Counts the changes of `doc`; the save effect runs once per revision.
    pub revision: u64,
    /// The revision last written (or found) under the storage key.
    saved_revision: u64,
    /// The text under the storage key as this tab last knew it (read, written or followed);
    /// when the key holds something else, another tab saved since.
    stored: Option<Rc<str>>,
}

/// Equal when the screen would be the same: what was saved, and as which text, is not shown,
/// so a finished save does not render again.
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

impl AppState {
    /// The state of a page that opened the stored document (`opened`) in a browser of
    /// `browser_lang`, at an address whose fragment is `fragment` (a share link, maybe).
    pub fn new(opened: Opened, browser_lang: Lang, fragment: Option<&str>) -> AppState {
        let Opened {
            document,
            note,
            stored,
        } = opened;
        let may_save = !matches!(
            note,
            Some(OpenNote::Unreadable {
                backup_key: None,
                ..
            }) | Some(OpenNote::NoStorage)
        );
        AppState {
            doc: Rc::new(document),
            browser_lang,
            notice: note.map(Notice::Opened),
            may_save,
            deleted: None,
            incoming: fragment.and_then(share::from_fragment).map(read_shared),
            revision: 0,
            saved_revision: 0,
            stored: stored.map(Rc::from),
        }
    }

    pub fn lang(&self) -> Lang {
        self.doc.settings.lang.unwrap_or(self.browser_lang)
    }

    pub fn plan(&self) -> &Plan {
        self.doc.active_plan()
    }

    /// Whether the document has changes not yet written (and may be written).
    pub fn needs_save(&self) -> bool {
        self.may_save && self.saved_revision != self.revision
    }

    /// The state after `action`.
    pub fn reduce(self: Rc<Self>, action: Action, env: &Env) -> Rc<Self> {
        if self.may_save
            && action.changes_document()
            && env.stored_now.as_deref() != self.stored.as_deref()
        {
            // Another tab saved and its `storage` event has not arrived yet: follow its
            // document first, so this edit builds on it instead of overwriting it. The
            // followed state knows the text now stored (or does not save), so this happens
            // once.
            return self.follow(env.stored_now.as_deref()).reduce(action, env);
        }
        match action {
            Action::DismissNotice => {
                self.with_unsaved(None, self.deleted.clone(), self.incoming.clone())
            }
            Action::ForgetDeleted => {
                self.with_unsaved(self.notice.clone(), None, self.incoming.clone())
            }
            Action::OpenShared(data) => self.with_unsaved(
                self.notice.clone(),
                self.deleted.clone(),
                Some(read_shared(&data)),
            ),
            Action::DismissShared => {
                self.with_unsaved(self.notice.clone(), self.deleted.clone(), None)
            }
            Action::ChangedElsewhere(raw) => self.follow(raw.as_deref()),
            Action::Saved { revision, result } => self.saved(revision, result),
            action => self.edit_document(action, env),
        }
    }

    /// Applies an action that changes the document.
    fn edit_document(self: Rc<Self>, action: Action, env: &Env) -> Rc<Self> {
        let mut doc = (*self.doc).clone();
        let mut deleted = self.deleted.clone();
        let mut incoming = self.incoming.clone();
        let lang = self.lang();
        match action {
            Action::SetLang(lang) => doc.settings.lang = Some(lang),
            Action::EditPlan(edit) => {
                let plan = doc.active_plan_mut();
                edit.apply(plan);
                plan.updated_at_ms = env.now_ms;
            }
            Action::AddPlan(plan) => {
                let names: Vec<&str> = doc.plans.iter().map(|p| p.name.as_str()).collect();
                let name = unique_name(&plan.name, &names);
                let at = doc.plans.len();
                insert_new(&mut doc, Plan { name, ..*plan }, at, env);
            }
            Action::DuplicatePlan(id) => {
                if let Some(at) = doc.plans.iter().position(|p| p.id == id) {
                    let mut copy = doc.plans[at].clone();
                    copy.name = copy_name(&copy.name, &doc, lang);
                    insert_new(&mut doc, copy, at + 1, env);
                }
            }
            Action::RenamePlan { id, name } => {
                if let Some(plan) = doc.plans.iter_mut().find(|p| p.id == id) {
                    plan.name = name;
                    plan.updated_at_ms = env.now_ms;
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
                    plan.id = fresh_id(&doc, env);
                }
                if d.was_active {
                    doc.active = plan.id.clone();
                }
                let at = d.index.min(doc.plans.len());
                doc.plans.insert(at, plan);
            }
            Action::ImportPlans { plans, on_clash } => {
                let mut counter = 0.0;
                merge(&mut doc.plans, plans, on_clash, |taken| {
                    counter += 1.0;
                    new_plan_id(env.now_ms + counter, env.random, taken)
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
                insert_new(&mut doc, plan, at, env);
            }
            // Not document changes: handled in `reduce`.
            Action::DismissNotice
            | Action::ForgetDeleted
            | Action::OpenShared(_)
            | Action::DismissShared
            | Action::ChangedElsewhere(_)
            | Action::Saved { .. } => return self,
        }
        Rc::new(AppState {
            doc: Rc::new(doc),
            deleted,
            incoming,
            revision: self.revision + 1,
            ..(*self).clone()
        })
    }

    /// The same state with other unsaved parts (nothing in the document changes).
    fn with_unsaved(
        &self,
        notice: Option<Notice>,
        deleted: Option<Rc<Deleted>>,
        incoming: Option<Incoming>,
    ) -> Rc<AppState> {
        Rc::new(AppState {
            notice,
            deleted,
            incoming,
            ..self.clone()
        })
    }

    /// Records a finished save of `revision`.
    fn saved(&self, revision: u64, result: Result<String, SaveError>) -> Rc<AppState> {
        match result {
            Ok(text) => Rc::new(AppState {
                saved_revision: revision,
                stored: Some(Rc::from(text)),
                ..self.clone()
            }),
            // Work goes on in memory; the stored copy stays as it was. The next change
            // tries again.
            Err(e) => Rc::new(AppState {
                saved_revision: revision,
                notice: Some(Notice::SaveFailed(e)),
                ..self.clone()
            }),
        }
    }

    /// Follows the document another tab saved (`raw`, the new text under the key).
    fn follow(&self, raw: Option<&str>) -> Rc<AppState> {
        let stored = raw.map(Rc::from);
        match decode(raw, self.browser_lang) {
            // Removed elsewhere (cleared by hand): this tab keeps its copy and writes it on
            // the next edit, so nothing is lost.
            Loaded::Empty => Rc::new(AppState {
                stored,
                ..self.clone()
            }),
            Loaded::Current(doc) | Loaded::Migrated { document: doc, .. } => {
                if doc == *self.doc {
                    return Rc::new(AppState {
                        stored,
                        ..self.clone()
                    });
                }
                // What is shown is what is stored: nothing to save.
                let revision = self.revision + 1;
                Rc::new(AppState {
                    doc: Rc::new(doc),
                    notice: Some(Notice::ChangedElsewhere),
                    may_save: true,
                    revision,
                    saved_revision: revision,
                    stored,
                    ..self.clone()
                })
            }
            Loaded::Unreadable(reason) => Rc::new(AppState {
                notice: Some(Notice::UnreadableElsewhere(reason)),
                may_save: false,
                stored,
                ..self.clone()
            }),
        }
    }
}

fn read_shared(data: &str) -> Incoming {
    match share::decode(data) {
        Ok(plan) => Incoming::Plan(Rc::new(plan)),
        Err(e) => Incoming::Broken(e),
    }
}

/// A fresh plan id, unique in the document.
fn fresh_id(doc: &Document, env: &Env) -> String {
    let taken: Vec<&str> = doc.plans.iter().map(|p| p.id.as_str()).collect();
    new_plan_id(env.now_ms, env.random, &taken)
}

/// Puts `plan` into the list as a new plan (fresh id, now as its last change) at `at`.
fn insert_new(doc: &mut Document, mut plan: Plan, at: usize, env: &Env) {
    plan.id = fresh_id(doc, env);
    plan.updated_at_ms = env.now_ms;
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
