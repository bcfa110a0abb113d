use std::rc::Rc;

use super::*;
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
        },
        &env(stored.as_deref()),
    )
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
        },
        &env(None),
    );
    assert_eq!(failed.plan().name, "Q3");
    assert!(matches!(failed.notice, Some(Notice::SaveFailed(_))));
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
    };
    let state = Rc::new(AppState::new(opened, Lang::Ru, None));
    assert_eq!(state.lang(), Lang::Ru);
    let next = state.reduce(Action::SetLang(Lang::En), &env(None));
    assert_eq!(next.lang(), Lang::En);
    assert!(!next.needs_save());
}
