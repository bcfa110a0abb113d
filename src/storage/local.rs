//! The localStorage adapter: the only place that touches the browser's storage.

use web_sys::Storage;

use super::{backup_key, decode, encode, Document, Loaded, STORAGE_KEY};
pub use super::{OpenNote, Opened, SaveError};
use crate::i18n::Lang;

fn storage() -> Option<Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The text under the document key now (None: no storage, or nothing stored).
pub fn read_raw() -> Option<String> {
    read_raw_from(&storage()?)
}

/// Reads the document; never overwrites what it cannot read.
pub fn open(lang: Lang) -> Opened {
    let Some(store) = storage() else {
        return Opened {
            document: Document::fresh(lang),
            note: Some(OpenNote::NoStorage),
            stored: None,
        };
    };
    let raw = read_raw_from(&store);
    let (document, note) = read(&store, raw.as_deref(), lang);
    Opened {
        document,
        note,
        stored: read_raw_from(&store),
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
