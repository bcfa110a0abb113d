//! The localStorage adapter: the only place that touches the browser's storage.

use web_sys::Storage;

use super::{backup_key, decode, encode, Document, Loaded, Unreadable, STORAGE_KEY};
use crate::i18n::Lang;

/// What happened while opening the stored document; the app tells the person.
#[derive(Debug, Clone, PartialEq)]
pub enum OpenNote {
    /// An older document was moved forward to this version.
    Migrated { from: u64 },
    /// The stored document could not be read; it is kept under `backup_key`.
    Unreadable {
        reason: Unreadable,
        backup_key: Option<String>,
    },
    /// The browser gives no storage (private mode, disabled): nothing will be kept.
    NoStorage,
}

/// Why a save did not happen.
#[derive(Debug, Clone, PartialEq)]
pub enum SaveError {
    /// The browser refused: usually the quota is full.
    Refused(String),
    NoStorage,
}

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads the document; never overwrites what it cannot read.
pub fn open(lang: Lang) -> (Document, Option<OpenNote>) {
    let Some(store) = storage() else {
        return (Document::fresh(lang), Some(OpenNote::NoStorage));
    };
    let raw = store.get_item(STORAGE_KEY).ok().flatten();
    match decode(raw.as_deref(), lang) {
        Loaded::Empty => (Document::fresh(lang), None),
        Loaded::Current(doc) => (doc, None),
        Loaded::Migrated { document, from } => (document, Some(OpenNote::Migrated { from })),
        Loaded::Unreadable(reason) => {
            // Keep the unreadable text under a key of its own, then free the main key.
            let key = backup_key(js_sys::Date::now());
            let kept = raw
                .as_deref()
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

/// Writes the document.
pub fn save(document: &Document) -> Result<(), SaveError> {
    let store = storage().ok_or(SaveError::NoStorage)?;
    store
        .set_item(STORAGE_KEY, &encode(document))
        .map_err(|e| SaveError::Refused(format!("{e:?}")))
}
