use std::rc::Rc;

use super::*;
use crate::storage::unsaved::{self, FromSession};
use crate::storage::{encode, share};

const NOW: f64 = 1_764_000_000_000.0;

fn env(stored_now: Option<&str>) -> Env {
    Env {
        now_ms: NOW,
        random: 0.25,
        stored_now: stored_now.map(str::to_string),
    }
}

/// A first visit in English: the demo document, nothing stored yet.
fn fresh() -> Rc<AppState> {
    let opened = Opened {
        document: Document::fresh(Lang::En),
        note: None,
        stored: None,
        session: FromSession::Nothing,
    };
    Rc::new(AppState::new(opened, Lang::En, None))
}

/// `state` after `action` and the save the effect would make (its text is then stored).
fn reduce_and_save(
    state: Rc<AppState>,
    action: Action,
    stored: &mut Option<String>,
) -> Rc<AppState> {
    let next = state.reduce(action, &env(stored.as_deref()));
    if !next.needs_save() {
        return next;
    }
    let text = encode(&next.doc);
    *stored = Some(text.clone());
    let revision = next.revision;
    next.reduce(
        Action::Saved {
            revision,
            result: Ok(text),
            in_session: false,
        },
        &env(stored.as_deref()),
    )
}

/// The browser's two storages as the save effect leaves them.
#[derive(Default)]
struct Storages {
    /// localStorage's document key.
    stored: Option<String>,
    /// This tab's sessionStorage copy of unsaved edits.
    session: Option<String>,
    /// localStorage refuses every write (its quota is full).
    local_full: bool,
    /// sessionStorage refuses every write too.
    session_full: bool,
}

/// `state` after `action` and the save effect of `ui::state`: the localStorage write, then
/// the session copy as [`AppState::session_copy_after`] decides.
fn reduce_and_save_in(state: Rc<AppState>, action: Action, io: &mut Storages) -> Rc<AppState> {
    let next = state.reduce(action, &env(io.stored.as_deref()));
    save_in(next, io)
}

fn save_in(state: Rc<AppState>, io: &mut Storages) -> Rc<AppState> {
    if !state.needs_save() {
        return state;
    }
    let result = if io.local_full {
        Err(SaveError::Refused("QuotaExceededError".into()))
    } else {
        let text = encode(&state.doc);
        io.stored = Some(text.clone());
        Ok(text)
    };
    let in_session = match state.session_copy_after(&result) {
        SessionCopy::Clear => {
            io.session = None;
            false
        }
        SessionCopy::Write(_) if io.session_full => false,
        SessionCopy::Write(text) => {
            io.session = Some(text);
            true
        }
    };
    let revision = state.revision;
    state.reduce(
        Action::Saved {
            revision,
            result,
            in_session,
        },
        &env(io.stored.as_deref()),
    )
}

/// The state of the page reloaded in the same tab: both storages as they are.
fn reopened(io: &Storages) -> Rc<AppState> {
    let document = match crate::storage::decode(io.stored.as_deref(), Lang::En) {
        Loaded::Current(doc) => doc,
        Loaded::Empty => Document::fresh(Lang::En),
        other => panic!("{other:?}"),
    };
    let opened = Opened {
        document,
        note: None,
        stored: io.stored.clone(),
        session: unsaved::reopen(io.stored.as_deref(), io.session.as_deref(), Lang::En),
    };
    Rc::new(AppState::new(opened, Lang::En, None))
}

fn rename_active(name: &'static str) -> Action {
    Action::EditPlan(PlanEdit::SetName(name.to_string()))
}

#[test]
fn an_edit_changes_the_plan_with_the_given_clock_and_asks_for_a_save() {
    let state = fresh();
    assert!(!state.needs_save());
    let next = state.clone().reduce(rename_active("Q3"), &env(None));
    assert_eq!(next.plan().name, "Q3");
    assert_eq!(next.plan().updated_at_ms, NOW);
    assert_eq!(next.revision, state.revision + 1);
    assert!(next.needs_save());
    // The finished save changes nothing on screen.
    let saved = next.clone().reduce(
        Action::Saved {
            revision: next.revision,
            result: Ok(encode(&next.doc)),
            in_session: false,
        },
        &env(None),
    );
    assert!(!saved.needs_save());
    assert!(*saved == *next);
}

#[test]
fn a_failed_save_says_so_and_keeps_the_edit_in_memory() {
    let next = fresh().reduce(rename_active("Q3"), &env(None));
    let revision = next.revision;
    let failed = next.reduce(
        Action::Saved {
            revision,
            result: Err(SaveError::Refused("QuotaExceededError".into())),
            in_session: true,
        },
        &env(None),
    );
    assert_eq!(failed.plan().name, "Q3");
    assert!(matches!(
        failed.notice,
        Some(Notice::SaveFailed {
            error: SaveError::Refused(_),
            kept: Kept::Session
        })
    ));
    assert!(!failed.needs_save(), "no retry until the next change");
    let again = failed.reduce(rename_active("Q4"), &env(None));
    assert!(again.needs_save());
}

#[test]
fn an_edit_after_another_tabs_save_builds_on_that_tabs_document() {
    let mut stored = None;
    let state = reduce_and_save(fresh(), rename_active("Mine"), &mut stored);
    // Another tab adds a plan and saves; its storage event has not arrived yet.
    let mut theirs = (*state.doc).clone();
    let mut added = theirs.plans[0].clone();
    added.id = "other-tab".into();
    added.name = "Theirs".into();
    theirs.plans.push(added);
    let their_text = encode(&theirs);
    let next = state.reduce(rename_active("Mine, edited"), &env(Some(&their_text)));
    assert_eq!(next.doc.plans.len(), 2, "the other tab's plan is kept");
    assert_eq!(next.plan().name, "Mine, edited");
    assert_eq!(next.notice, Some(Notice::ChangedElsewhere));
    assert!(next.needs_save());
}

#[test]
fn a_document_another_tab_wrote_unreadably_stops_saving() {
    let state = fresh().reduce(Action::ChangedElsewhere(Some("{broken".into())), &env(None));
    assert!(matches!(
        state.notice,
        Some(Notice::UnreadableElsewhere(Unreadable::CorruptJson(_)))
    ));
    let next = state.reduce(rename_active("Q3"), &env(Some("{broken")));
    assert_eq!(next.plan().name, "Q3", "work goes on in memory");
    assert!(!next.needs_save(), "never overwritten");
}

#[test]
fn duplicate_then_delete_then_undo_restores_place_and_active_plan() {
    let mut stored = None;
    let original = fresh().plan().id.clone();
    let state = reduce_and_save(
        fresh(),
        Action::DuplicatePlan(original.clone()),
        &mut stored,
    );
    assert_eq!(state.doc.plans.len(), 2);
    let copy = state.doc.plans[1].clone();
    assert_eq!(copy.id, new_plan_id(NOW, 0.25, &[original.as_str()]));
    assert!(copy.name.ends_with("(copy)"));
    assert_eq!(state.doc.active, copy.id);

    let state = reduce_and_save(state, Action::DeletePlan(copy.id.clone()), &mut stored);
    assert_eq!(state.doc.plans.len(), 1);
    assert_eq!(state.doc.active, original);
    // The last plan is never deleted.
    let same = reduce_and_save(
        state.clone(),
        Action::DeletePlan(original.clone()),
        &mut stored,
    );
    assert!(Rc::ptr_eq(&same.doc, &state.doc));

    let state = reduce_and_save(state, Action::UndoDelete, &mut stored);
    assert_eq!(state.doc.plans[1], copy);
    assert_eq!(state.doc.active, copy.id);
    assert!(state.deleted.is_none());
}

#[test]
fn a_share_link_is_previewed_then_saved_under_a_unique_name() {
    let plan = fresh().plan().clone();
    let data = share::encode(&plan).unwrap();
    let state = fresh().reduce(Action::OpenShared(data), &env(None));
    assert!(matches!(state.incoming, Some(Incoming::Plan(_))));
    assert!(!state.needs_save(), "a preview is not saved");
    let state = state.reduce(Action::SaveShared, &env(None));
    assert_eq!(state.doc.plans.len(), 2);
    assert_ne!(state.doc.plans[1].name, state.doc.plans[0].name);
    assert_eq!(state.doc.active, state.doc.plans[1].id);
    assert!(state.incoming.is_none());
    assert!(state.needs_save());
}

#[test]
fn a_broken_share_link_is_reported_not_applied() {
    let state = fresh().reduce(Action::OpenShared("not-a-plan".into()), &env(None));
    assert!(matches!(state.incoming, Some(Incoming::Broken(_))));
    assert_eq!(state.doc.plans.len(), 1);
}

#[test]
fn storage_that_cannot_keep_anything_never_asks_for_a_save() {
    let opened = Opened {
        document: Document::fresh(Lang::Ru),
        note: Some(OpenNote::NoStorage),
        stored: None,
        session: FromSession::Nothing,
    };
    let state = Rc::new(AppState::new(opened, Lang::Ru, None));
    assert_eq!(state.lang(), Lang::Ru);
    let next = state.reduce(Action::SetLang(Lang::En), &env(None));
    assert_eq!(next.lang(), Lang::En);
    assert!(!next.needs_save());
}

#[test]
fn a_failed_save_keeps_the_document_copies_it_to_the_session_and_offers_it_as_a_file() {
    let mut io = Storages::default();
    let state = reduce_and_save_in(fresh(), rename_active("Saved"), &mut io);
    let saved_text = io.stored.clone();
    io.local_full = true;
    let failed = reduce_and_save_in(state, rename_active("Not saved"), &mut io);
    assert_eq!(failed.plan().name, "Not saved", "never reverted");
    assert_eq!(io.stored, saved_text, "the stored copy is intact");
    assert_eq!(
        failed.notice,
        Some(Notice::SaveFailed {
            error: SaveError::Refused("QuotaExceededError".into()),
            kept: Kept::Session
        })
    );
    assert_eq!(failed.offered_file(), Some(&*failed.doc));
    assert!(failed.has_unsaved());
    // The session copy is the unsaved document, built on what localStorage holds.
    assert_eq!(
        unsaved::reopen(io.stored.as_deref(), io.session.as_deref(), Lang::En),
        FromSession::Newer((*failed.doc).clone())
    );

    // The download: the notice says the edits are in the file, and still dismisses.
    let downloaded = failed.reduce(Action::Downloaded, &env(None));
    assert!(matches!(
        downloaded.notice,
        Some(Notice::SaveFailed {
            kept: Kept::File,
            ..
        })
    ));
    assert_eq!(downloaded.plan().name, "Not saved");
    let dismissed = downloaded.clone().reduce(Action::DismissNotice, &env(None));
    assert_eq!(dismissed.notice, None);
    assert_eq!(dismissed.plan().name, "Not saved");

    // Session storage full as well: the notice says only a download keeps the edits.
    io.session_full = true;
    let memory_only = reduce_and_save_in(downloaded, rename_active("Only here"), &mut io);
    assert!(matches!(
        memory_only.notice,
        Some(Notice::SaveFailed {
            kept: Kept::MemoryOnly,
            ..
        })
    ));
    assert_eq!(memory_only.offered_file(), Some(&*memory_only.doc));
}

#[test]
fn a_later_edit_retries_and_a_successful_save_clears_the_notice_and_the_session_copy() {
    let mut io = Storages {
        local_full: true,
        ..Storages::default()
    };
    let failed = reduce_and_save_in(fresh(), rename_active("First"), &mut io);
    assert!(matches!(failed.notice, Some(Notice::SaveFailed { .. })));
    assert!(io.session.is_some());
    // Still full: the next edit tries again, fails again, and the copy follows it.
    let failed = reduce_and_save_in(failed, rename_active("Second"), &mut io);
    assert_eq!(io.stored, None);
    assert_eq!(
        unsaved::reopen(None, io.session.as_deref(), Lang::En),
        FromSession::Newer((*failed.doc).clone())
    );
    // Room again: the next edit saves, the notice and the session copy go.
    io.local_full = false;
    let next = failed.clone().reduce(rename_active("Third"), &env(None));
    assert!(next.needs_save(), "a later edit retries the save");
    let saved = save_in(next, &mut io);
    assert_eq!(saved.notice, None);
    assert_eq!(io.session, None);
    assert!(!saved.has_unsaved());
    assert_eq!(saved.offered_file(), None);
    assert_eq!(
        crate::storage::decode(io.stored.as_deref(), Lang::En),
        Loaded::Current((*saved.doc).clone())
    );
    // A notice of another kind is not cleared by a save.
    let other = Rc::new(AppState {
        notice: Some(Notice::ChangedElsewhere),
        ..(*saved).clone()
    });
    let saved = reduce_and_save_in(other, rename_active("Fourth"), &mut io);
    assert_eq!(saved.notice, Some(Notice::ChangedElsewhere));
}

#[test]
fn a_reload_restores_the_session_copy_when_newer_and_saves_it_at_once() {
    let mut io = Storages::default();
    let state = reduce_and_save_in(fresh(), rename_active("Saved"), &mut io);
    io.local_full = true;
    let failed = reduce_and_save_in(state, rename_active("Unsaved"), &mut io);

    // Reloaded while localStorage is still full: the session copy wins over the stored one.
    let restored = reopened(&io);
    assert_eq!(restored.plan().name, "Unsaved");
    assert_eq!(restored.doc, failed.doc);
    assert_eq!(restored.notice, Some(Notice::Restored(Some(Kept::Session))));
    assert_eq!(restored.offered_file(), Some(&*restored.doc));
    assert!(restored.needs_save(), "the save effect tries at once");
    let still_full = save_in(restored, &mut io);
    assert_eq!(
        still_full.notice,
        Some(Notice::Restored(Some(Kept::Session)))
    );
    assert_eq!(still_full.plan().name, "Unsaved");
    let downloaded = still_full.clone().reduce(Action::Downloaded, &env(None));
    assert_eq!(downloaded.notice, Some(Notice::Restored(Some(Kept::File))));

    // Reloaded again with room: restored, saved, the copy cleared, the notice says so.
    io.local_full = false;
    let saved = save_in(reopened(&io), &mut io);
    assert_eq!(saved.plan().name, "Unsaved");
    assert_eq!(saved.notice, Some(Notice::Restored(None)));
    assert_eq!(saved.offered_file(), None);
    assert_eq!(io.session, None);
    // And the next reload opens the stored document, with nothing to say.
    let again = reopened(&io);
    assert_eq!(again.plan().name, "Unsaved");
    assert_eq!(again.notice, None);
    assert!(!again.needs_save());
}

#[test]
fn a_reload_sets_a_session_copy_aside_when_another_tab_saved_since() {
    let mut io = Storages::default();
    let state = reduce_and_save_in(fresh(), rename_active("Saved"), &mut io);
    io.local_full = true;
    let failed = reduce_and_save_in(state, rename_active("Unsaved here"), &mut io);
    // Another tab saves (it found room).
    let mut theirs = (*failed.doc).clone();
    theirs.active_plan_mut().name = "Saved by another tab".into();
    io.stored = Some(encode(&theirs));

    let reloaded = reopened(&io);
    assert_eq!(
        reloaded.plan().name,
        "Saved by another tab",
        "the newer save opens"
    );
    assert!(!reloaded.needs_save(), "and is not overwritten");
    assert_eq!(
        reloaded.notice,
        Some(Notice::SetAside {
            unsaved: failed.doc.clone(),
            downloaded: false
        })
    );
    assert_eq!(reloaded.offered_file(), Some(&*failed.doc));
    let downloaded = reloaded.reduce(Action::Downloaded, &env(None));
    assert!(matches!(
        downloaded.notice,
        Some(Notice::SetAside {
            downloaded: true,
            ..
        })
    ));

    // A session copy that holds just what is stored says nothing.
    let io = Storages {
        session: Some(unsaved::encode(&theirs, None)),
        ..io
    };
    let same = reopened(&io);
    assert_eq!(same.notice, None);
    assert_eq!(same.plan().name, "Saved by another tab");
}

#[test]
fn following_another_tab_sets_this_tabs_unsaved_edits_aside() {
    let mut io = Storages::default();
    let state = reduce_and_save_in(fresh(), rename_active("Saved"), &mut io);
    io.local_full = true;
    let failed = reduce_and_save_in(state, rename_active("Unsaved here"), &mut io);
    let mut theirs = (*failed.doc).clone();
    theirs.active_plan_mut().name = "Saved by another tab".into();
    let their_text = encode(&theirs);

    // The other tab's storage event.
    let followed = failed.clone().reduce(
        Action::ChangedElsewhere(Some(their_text.clone())),
        &env(None),
    );
    assert_eq!(followed.plan().name, "Saved by another tab");
    assert_eq!(
        followed.notice,
        Some(Notice::SetAside {
            unsaved: failed.doc.clone(),
            downloaded: false
        })
    );
    assert!(!followed.has_unsaved());

    // An edit before that event arrives: the same, and the edit builds on their document.
    io.local_full = false;
    io.stored = Some(their_text);
    let edited = reduce_and_save_in(failed.clone(), rename_active("Edited after"), &mut io);
    assert_eq!(edited.plan().name, "Edited after");
    assert!(matches!(
        &edited.notice,
        Some(Notice::SetAside { unsaved, .. }) if unsaved.active_plan().name == "Unsaved here"
    ));
    assert_eq!(io.session, None, "saved here: the session copy is cleared");

    // Without unsaved edits, following is the plain notice.
    let mut io = Storages::default();
    let state = reduce_and_save_in(fresh(), rename_active("Saved"), &mut io);
    let followed = state.reduce(Action::ChangedElsewhere(Some(encode(&theirs))), &env(None));
    assert_eq!(followed.notice, Some(Notice::ChangedElsewhere));
}

#[test]
fn a_restore_does_not_hide_a_note_that_saving_is_off() {
    let restored = {
        let mut doc = Document::fresh(Lang::En);
        doc.active_plan_mut().name = "Unsaved".into();
        doc
    };
    let note = OpenNote::Unreadable {
        reason: Unreadable::CorruptJson("eof".into()),
        backup_key: None,
    };
    let opened = Opened {
        document: Document::fresh(Lang::En),
        note: Some(note.clone()),
        stored: Some("{broken".into()),
        session: FromSession::Newer(restored.clone()),
    };
    let state = AppState::new(opened, Lang::En, None);
    assert_eq!(*state.doc, restored, "the edits are shown");
    assert_eq!(state.notice, Some(Notice::Opened(note)));
    assert!(
        !state.needs_save(),
        "the unreadable text is never overwritten"
    );
}
