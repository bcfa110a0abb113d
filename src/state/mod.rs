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
//!
//! A save that localStorage refuses (its quota is full) never drops the edits: the document
//! stays in memory, the next change tries to save again, and the save effect keeps a copy in
//! this tab's sessionStorage ([`AppState::session_copy_after`], `storage::unsaved`), so a
//! reload brings the edits back ([`Notice::Restored`]). The notice offers them as a plan
//! file ([`AppState::offered_file`]). Edits not saved when another tab's save is followed
//! are set aside in the notice ([`Notice::SetAside`]), to be downloaded.

use std::rc::Rc;

use crate::i18n::{tr, Lang};
use crate::model::plan::{new_plan_id, unique_name};
use crate::model::Plan;
use crate::storage::file::{merge, OnClash};
use crate::storage::share::{self, ShareError};
use crate::storage::unsaved::{self, FromSession};
use crate::storage::{decode, Document, Loaded, OpenNote, Opened, SaveError, Unreadable};

pub mod plan_edit;
#[cfg(test)]
mod tests;

pub use plan_edit::PlanEdit;

/// Where the edits localStorage refused are kept, besides this tab's memory.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// In this tab's sessionStorage too: a reload of the tab brings them back.
    Session,
    /// Only in memory: sessionStorage refused them as well; only a download keeps them.
    MemoryOnly,
    /// In a plan file the person downloaded from the notice.
    File,
}

/// A message shown at the top of the page until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub enum Notice {
    Opened(OpenNote),
    /// localStorage refused the document; the edits live on as `kept` says.
    SaveFailed {
        error: SaveError,
        kept: Kept,
    },
    /// Edits this tab could not save before a reload, restored from its sessionStorage:
    /// still unsaved and kept as `Some(kept)` says, or saved since (`None`).
    Restored(Option<Kept>),
    /// Another tab saved while this tab had edits it could not save: this tab follows the
    /// other's document and keeps its own edits here, to be downloaded as a file.
    SetAside {
        unsaved: Rc<Document>,
        downloaded: bool,
    },
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
    /// The save of document `revision` is done: the text written, or why not; on a failure,
    /// whether this tab's sessionStorage took the copy ([`AppState::session_copy_after`]).
    Saved {
        revision: u64,
        result: Result<String, SaveError>,
        in_session: bool,
    },
    /// The person downloaded the file the notice offers ([`AppState::offered_file`]).
    Downloaded,
}

/// What this tab's sessionStorage copy of unsaved edits becomes after a save.
#[derive(Debug, Clone, PartialEq)]
pub enum SessionCopy {
    /// The document is saved: no copy is needed.
    Clear,
    /// The save failed: keep this text (`storage::unsaved::encode`), if it fits.
    Write(String),
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
                | Action::Downloaded
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
    /// The document holds edits localStorage refused (or restored from the session copy):
    /// following another tab must not drop them.
    unsaved: bool,
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
    ///
    /// Edits this tab could not save before it was reloaded (`opened.session`) win over the
    /// stored document when they were built on it: they are opened, with a notice, and
    /// saved at once (the save effect sees revision 1). Edits built on an older text (another
    /// tab saved since) are set aside in the notice instead.
    pub fn new(opened: Opened, browser_lang: Lang, fragment: Option<&str>) -> AppState {
        let Opened {
            document,
            note,
            stored,
            session,
        } = opened;
        let may_save = !matches!(
            note,
            Some(OpenNote::Unreadable {
                backup_key: None,
                ..
            }) | Some(OpenNote::NoStorage)
        );
        let mut notice = note.map(Notice::Opened);
        // A note that saving is off says more than a restore: it stays.
        let say = |notice: &mut Option<Notice>, what: Notice| {
            if may_save {
                *notice = Some(what);
            }
        };
        let (doc, revision, unsaved) = match session {
            FromSession::Newer(restored) if restored != document => {
                say(&mut notice, Notice::Restored(Some(Kept::Session)));
                (restored, 1, true)
            }
            FromSession::Behind(other) if other != document => {
                say(
                    &mut notice,
                    Notice::SetAside {
                        unsaved: Rc::new(other),
                        downloaded: false,
                    },
                );
                (document, 0, false)
            }
            _ => (document, 0, false),
        };
        AppState {
            doc: Rc::new(doc),
            browser_lang,
            notice,
            may_save,
            deleted: None,
            incoming: fragment.and_then(share::from_fragment).map(read_shared),
            revision,
            saved_revision: 0,
            unsaved,
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

    /// Whether the document holds edits that are not in localStorage: refused, restored
    /// from the session copy, not yet saved, or made while saving is off.
    pub fn has_unsaved(&self) -> bool {
        self.unsaved || self.saved_revision != self.revision
    }

    /// What the session copy of this tab becomes after the save of this state's document
    /// gave `result`: cleared once saved; otherwise the document, built on the text this
    /// tab knows under the storage key (which the refused save left as it was).
    pub fn session_copy_after(&self, result: &Result<String, SaveError>) -> SessionCopy {
        match result {
            Ok(_) => SessionCopy::Clear,
            Err(_) => SessionCopy::Write(unsaved::encode(&self.doc, self.stored.as_deref())),
        }
    }

    /// The document the notice offers to download as a plan file: this tab's own when it
    /// holds edits localStorage has not got, or the edits set aside for another tab's.
    pub fn offered_file(&self) -> Option<&Document> {
        match &self.notice {
            Some(Notice::SaveFailed { .. }) | Some(Notice::Restored(Some(_))) => Some(&self.doc),
            Some(Notice::SetAside { unsaved, .. }) => Some(unsaved),
            _ => None,
        }
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
            Action::Saved {
                revision,
                result,
                in_session,
            } => self.saved(revision, result, in_session),
            Action::Downloaded => self.downloaded(),
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
            | Action::Saved { .. }
            | Action::Downloaded => return self,
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

    /// Records a finished save of `revision` (`in_session`: on a failure, whether the
    /// session copy took the document).
    fn saved(
        &self,
        revision: u64,
        result: Result<String, SaveError>,
        in_session: bool,
    ) -> Rc<AppState> {
        match result {
            // Saved: a notice about unsaved edits is no longer true.
            Ok(text) => Rc::new(AppState {
                saved_revision: revision,
                stored: Some(Rc::from(text)),
                unsaved: false,
                notice: match &self.notice {
                    Some(Notice::SaveFailed { .. }) => None,
                    Some(Notice::Restored(Some(_))) => Some(Notice::Restored(None)),
                    other => other.clone(),
                },
                ..self.clone()
            }),
            // Work goes on in memory; the stored copy stays as it was. The next change
            // tries again.
            Err(error) => {
                let kept = if in_session {
                    Kept::Session
                } else {
                    Kept::MemoryOnly
                };
                let notice = match &self.notice {
                    Some(Notice::Restored(_)) => Notice::Restored(Some(kept)),
                    _ => Notice::SaveFailed { error, kept },
                };
                Rc::new(AppState {
                    saved_revision: revision,
                    unsaved: true,
                    notice: Some(notice),
                    ..self.clone()
                })
            }
        }
    }

    /// The offered file was downloaded: the notice says where the edits are now.
    fn downloaded(&self) -> Rc<AppState> {
        let notice = match &self.notice {
            Some(Notice::SaveFailed { error, .. }) => Notice::SaveFailed {
                error: error.clone(),
                kept: Kept::File,
            },
            Some(Notice::Restored(Some(_))) => Notice::Restored(Some(Kept::File)),
            Some(Notice::SetAside { unsaved, .. }) => Notice::SetAside {
                unsaved: unsaved.clone(),
                downloaded: true,
            },
            _ => return Rc::new(self.clone()),
        };
        Rc::new(AppState {
            notice: Some(notice),
            ..self.clone()
        })
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
                    // The other tab stored just what this one holds: nothing is unsaved.
                    return Rc::new(AppState {
                        stored,
                        unsaved: false,
                        ..self.clone()
                    });
                }
                // Edits this tab could not save are not dropped: the notice keeps them.
                let notice = if self.has_unsaved() {
                    Notice::SetAside {
                        unsaved: self.doc.clone(),
                        downloaded: false,
                    }
                } else {
                    Notice::ChangedElsewhere
                };
                // What is shown is what is stored: nothing to save.
                let revision = self.revision + 1;
                Rc::new(AppState {
                    doc: Rc::new(doc),
                    notice: Some(notice),
                    may_save: true,
                    revision,
                    saved_revision: revision,
                    unsaved: false,
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
