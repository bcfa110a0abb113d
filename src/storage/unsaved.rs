//! Edits this tab could not write to localStorage, kept in its sessionStorage (key
//! [`UNSAVED_KEY`](super::UNSAVED_KEY)) so that a reload of the tab does not lose them.
//!
//! When localStorage refuses a save (its quota is full), the app writes a session copy: the
//! whole document and a fingerprint of the localStorage text it was built on, its base:
//!
//! ```json
//! { "format": "salesplan-unsaved", "base": "1234-89abcdef01234567", "document": {...} }
//! ```
//!
//! A reload reads it back with [`reopen`]. When localStorage still holds the base, nothing
//! was saved since: the copy is the newer document and the app opens it
//! ([`FromSession::Newer`]). When localStorage was written since (another tab saved), the
//! copy is [`FromSession::Behind`]: the app opens what is stored and offers the copy as a
//! plan file. A save to localStorage that succeeds clears the copy. Everything here is pure;
//! `storage::local` reads and writes the key.

use serde_json::{Map, Value};

use super::{decode_value, Document, Loaded};
use crate::i18n::Lang;

/// The `format` marker of a session copy.
pub const FORMAT: &str = "salesplan-unsaved";

/// What this tab's session storage held when the app opened.
#[derive(Debug, Clone, PartialEq)]
pub enum FromSession {
    /// Nothing, or nothing this build can read.
    Nothing,
    /// Unsaved edits built on what localStorage still holds: newer than it.
    Newer(Document),
    /// Unsaved edits built on a text localStorage no longer holds: it was written since.
    Behind(Document),
}

/// A short fingerprint of a stored text (its length and 64-bit FNV-1a hash); `None` for
/// nothing stored. Equal texts give equal fingerprints; a changed text almost never does.
pub fn fingerprint(text: Option<&str>) -> Option<String> {
    let text = text?;
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    Some(format!("{}-{hash:016x}", text.len()))
}

/// The session copy of `document`, built on `base` (the text under the localStorage key
/// as this tab knows it; `None`: nothing stored).
pub fn encode(document: &Document, base: Option<&str>) -> String {
    let mut copy = Map::new();
    copy.insert("format".into(), Value::from(FORMAT));
    copy.insert(
        "base".into(),
        fingerprint(base).map_or(Value::Null, Value::String),
    );
    copy.insert(
        "document".into(),
        serde_json::to_value(document).unwrap_or(Value::Null),
    );
    Value::Object(copy).to_string()
}

/// Reads the session copy (`session`) against the text under the localStorage key now
/// (`stored`). A copy that cannot be read is [`FromSession::Nothing`].
pub fn reopen(stored: Option<&str>, session: Option<&str>, lang: Lang) -> FromSession {
    let Some(mut copy) = session.and_then(|s| serde_json::from_str::<Value>(s).ok()) else {
        return FromSession::Nothing;
    };
    if copy.get("format").and_then(Value::as_str) != Some(FORMAT) {
        return FromSession::Nothing;
    }
    let base = copy.get("base").and_then(Value::as_str).map(str::to_string);
    let Some(document) = copy.get_mut("document").map(Value::take) else {
        return FromSession::Nothing;
    };
    let document = match decode_value(document, lang) {
        Loaded::Current(doc) | Loaded::Migrated { document: doc, .. } => doc,
        Loaded::Empty | Loaded::Unreadable(_) => return FromSession::Nothing,
    };
    if base == fingerprint(stored) {
        FromSession::Newer(document)
    } else {
        FromSession::Behind(document)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::storage::encode as encode_document;

    fn edited(name: &str) -> Document {
        let mut doc = Document::fresh(Lang::En);
        doc.active_plan_mut().name = name.into();
        doc
    }

    #[test]
    fn fingerprints_tell_texts_apart() {
        assert_eq!(fingerprint(None), None);
        assert_eq!(fingerprint(Some("abc")), fingerprint(Some("abc")));
        assert_ne!(fingerprint(Some("abc")), fingerprint(Some("abd")));
        assert_ne!(fingerprint(Some("")), None);
        assert!(fingerprint(Some("abc")).unwrap().starts_with("3-"));
    }

    #[test]
    fn a_copy_built_on_what_is_stored_is_newer() {
        let stored = encode_document(&edited("Saved"));
        let copy = encode(&edited("Unsaved"), Some(&stored));
        assert_eq!(
            reopen(Some(&stored), Some(&copy), Lang::En),
            FromSession::Newer(edited("Unsaved"))
        );
        // Built when nothing was stored, and nothing is stored yet.
        let copy = encode(&edited("First"), None);
        assert_eq!(
            reopen(None, Some(&copy), Lang::En),
            FromSession::Newer(edited("First"))
        );
    }

    #[test]
    fn a_copy_built_on_an_older_text_is_behind() {
        let old = encode_document(&edited("Old"));
        let copy = encode(&edited("Unsaved"), Some(&old));
        let newer = encode_document(&edited("Saved by another tab"));
        assert_eq!(
            reopen(Some(&newer), Some(&copy), Lang::En),
            FromSession::Behind(edited("Unsaved"))
        );
        // Built when nothing was stored; another tab stored something since.
        let copy = encode(&edited("Unsaved"), None);
        assert_eq!(
            reopen(Some(&newer), Some(&copy), Lang::En),
            FromSession::Behind(edited("Unsaved"))
        );
    }

    #[test]
    fn nothing_or_an_unreadable_copy_is_nothing() {
        let stored = encode_document(&edited("Saved"));
        for session in [
            None,
            Some("{broken"),
            Some(r#"{"format":"something-else","document":{}}"#),
            Some(r#"{"format":"salesplan-unsaved","base":null}"#),
            Some(r#"{"format":"salesplan-unsaved","base":null,"document":{"schema":99}}"#),
            Some(r#"{"format":"salesplan-unsaved","base":null,"document":[1]}"#),
        ] {
            assert_eq!(
                reopen(Some(&stored), session, Lang::En),
                FromSession::Nothing,
                "{session:?}"
            );
        }
    }
}
