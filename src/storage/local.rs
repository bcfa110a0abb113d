//! The localStorage adapter: the only place that touches the browser's storage (and this
//! tab's sessionStorage, which keeps the edits localStorage refused: `storage::unsaved`).

use web_sys::Storage;

use super::unsaved::{self, FromSession};
use super::{backup_key, decode, encode, Document, Loaded, STORAGE_KEY, UNSAVED_KEY};
pub use super::{OpenNote, Opened, SaveError};
use crate::i18n::Lang;

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn session() -> Option<Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// The text under the document key now (None: no storage, or nothing stored).
pub fn read_raw() -> Option<String> {
    read_raw_from(&storage()?)
}

/// Reads the document, and the edits this tab could not save before a reload; never
/// overwrites what it cannot read.
pub fn open(lang: Lang) -> Opened {
    let Some(store) = storage() else {
        return Opened {
            document: Document::fresh(lang),
            note: Some(OpenNote::NoStorage),
            stored: None,
            session: FromSession::Nothing,
        };
    };
    let raw = read_raw_from(&store);
    let kept = session().and_then(|s| s.get_item(UNSAVED_KEY).ok().flatten());
    let session = unsaved::reopen(raw.as_deref(), kept.as_deref(), lang);
    let (document, note) = read(&store, raw.as_deref(), lang);
    Opened {
        document,
        note,
        stored: read_raw_from(&store),
        session,
    }
}

fn read_raw_from(store: &Storage) -> Option<String> {
    store.get_item(STORAGE_KEY).ok().flatten()
}

fn read(store: &Storage, raw: Option<&str>, lang: Lang) -> (Document, Option<OpenNote>) {
    match decode(raw, lang) {
        Loaded::Empty => (Document::fresh(lang), None),
        Loaded::Current(doc) => (doc, None),
        Loaded::Migrated { document, from } => (document, Some(OpenNote::Migrated { from })),
        Loaded::Unreadable(reason) => {
            // Keep the unreadable text under a key of its own, then free the main key.
            let key = backup_key(js_sys::Date::now());
            let kept = raw
                .map(|text| store.set_item(&key, text).is_ok())
                .unwrap_or(false);
            if kept {
                let _ = store.remove_item(STORAGE_KEY);
            }
            let note = OpenNote::Unreadable {
                reason,
                backup_key: kept.then_some(key),
            };
            (Document::fresh(lang), Some(note))
        }
    }
}

/// Writes the document; gives back the text written.
pub fn save(document: &Document) -> Result<String, SaveError> {
    let store = storage().ok_or(SaveError::NoStorage)?;
    let text = encode(document);
    store
        .set_item(STORAGE_KEY, &text)
        .map_err(|e| SaveError::Refused(format!("{e:?}")))?;
    Ok(text)
}

/// Keeps `copy` (`storage::unsaved::encode`) in this tab's sessionStorage; false when it
/// does not fit (or there is no session storage).
pub fn keep_unsaved(copy: &str) -> bool {
    session().is_some_and(|s| s.set_item(UNSAVED_KEY, copy).is_ok())
}

/// Drops this tab's session copy: the document is saved.
pub fn clear_unsaved() {
    if let Some(s) = session() {
        let _ = s.remove_item(UNSAVED_KEY);
    }
}
