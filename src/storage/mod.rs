//! What is kept in the browser: the stored document, its versions and migrations.
//!
//! The codec here is pure (tested natively); `local` is the thin localStorage adapter.
//! A document that cannot be read is never overwritten: the caller keeps it under a backup
//! key before starting clean.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::i18n::names::namer;
use crate::i18n::Lang;
use crate::model::Plan;

pub mod export;
pub mod file;
pub mod json;
#[cfg(target_arch = "wasm32")]
pub mod local;
pub mod share;
pub mod unsaved;

/// The schema this build writes. Bump it and add a step to [`migrate`] on every change of shape.
pub const SCHEMA_VERSION: u64 = 3;
/// localStorage key of the document.
pub const STORAGE_KEY: &str = "salesplan";
/// sessionStorage key of the edits this tab could not write under [`STORAGE_KEY`]
/// (see [`unsaved`]).
pub const UNSAVED_KEY: &str = "salesplan-unsaved";
/// Prefix of the keys under which unreadable documents are kept.
pub const BACKUP_KEY_PREFIX: &str = "salesplan.backup.";

/// Settings of this device (not of a plan).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Settings {
    /// The chosen language; `None` follows the browser's language.
    pub lang: Option<Lang>,
}

/// Everything Salesplan keeps on this device.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema: u64,
    #[serde(default)]
    pub settings: Settings,
    /// Id of the plan every calculator shows.
    pub active: String,
    pub plans: Vec<Plan>,
}

impl Document {
    /// A first visit: one demo plan, so the app is never empty.
    pub fn fresh(lang: Lang) -> Document {
        let plan = Plan::demo(&namer(lang));
        Document {
            schema: SCHEMA_VERSION,
            settings: Settings::default(),
            active: plan.id.clone(),
            plans: vec![plan],
        }
    }

    /// The active plan; falls back to the first one if the id is stale.
    pub fn active_plan(&self) -> &Plan {
        let index = self.active_index();
        &self.plans[index]
    }

    pub fn active_plan_mut(&mut self) -> &mut Plan {
        let index = self.active_index();
        &mut self.plans[index]
    }

    fn active_index(&self) -> usize {
        self.plans
            .iter()
            .position(|p| p.id == self.active)
            .unwrap_or(0)
    }

    /// Repairs what the type system cannot promise: at least one plan, a valid active id.
    fn repaired(mut self, lang: Lang) -> Document {
        if self.plans.is_empty() {
            self.plans.push(Plan::demo(&namer(lang)));
        }
        if !self.plans.iter().any(|p| p.id == self.active) {
            self.active = self.plans[0].id.clone();
        }
        self.schema = SCHEMA_VERSION;
        self
    }
}

/// Why a stored document could not be used.
#[derive(Debug, Clone, PartialEq)]
pub enum Unreadable {
    /// Not JSON at all (truncated write, manual edit, another app's data).
    CorruptJson(String),
    /// Written by a newer Salesplan than this one.
    FutureVersion(u64),
    /// JSON, but not a Salesplan document of a known shape (wrong field types ...).
    WrongShape(String),
}

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

/// What the app opened: the document, what to tell the person, the text now under the
/// key (to notice a save by another tab whose `storage` event has not arrived yet), and the
/// edits this tab could not save before it was reloaded, if its session storage kept them.
pub struct Opened {
    pub document: Document,
    pub note: Option<OpenNote>,
    pub stored: Option<String>,
    pub session: unsaved::FromSession,
}

/// The result of reading the stored text.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing stored yet.
    Empty,
    /// Read as is.
    Current(Document),
    /// Read and moved forward from an older schema.
    Migrated { document: Document, from: u64 },
    /// Could not be read; the raw text must be backed up before anything is written.
    Unreadable(Unreadable),
}

/// Reads the stored text (None when the key is absent).
pub fn decode(raw: Option<&str>, lang: Lang) -> Loaded {
    let Some(raw) = raw else {
        return Loaded::Empty;
    };
    match serde_json::from_str(raw) {
        Ok(value) => decode_value(value, lang),
        Err(e) => Loaded::Unreadable(Unreadable::CorruptJson(e.to_string())),
    }
}

/// Reads a document already parsed as JSON (the stored text, or a session copy's document).
fn decode_value(value: Value, lang: Lang) -> Loaded {
    let Some(version) = value.get("schema").and_then(Value::as_u64) else {
        return Loaded::Unreadable(Unreadable::WrongShape("no schema version".to_string()));
    };
    if version > SCHEMA_VERSION {
        return Loaded::Unreadable(Unreadable::FutureVersion(version));
    }
    let migrated = match migrate(value, version) {
        Ok(v) => v,
        Err(e) => return Loaded::Unreadable(Unreadable::WrongShape(e)),
    };
    match serde_json::from_value::<Document>(migrated) {
        Ok(doc) if version == SCHEMA_VERSION => Loaded::Current(doc.repaired(lang)),
        Ok(doc) => Loaded::Migrated {
            document: doc.repaired(lang),
            from: version,
        },
        Err(e) => Loaded::Unreadable(Unreadable::WrongShape(e.to_string())),
    }
}

/// Serialises the document for storage.
pub fn encode(document: &Document) -> String {
    json::to_text(document)
}

/// Moves a stored document forward one schema at a time up to [`SCHEMA_VERSION`].
fn migrate(mut value: Value, from: u64) -> Result<Value, String> {
    let mut version = from;
    while version < SCHEMA_VERSION {
        value = match version {
            1 => v1_to_v2(value)?,
            2 => v2_to_v3(value)?,
            other => return Err(format!("unknown schema version {other}")),
        };
        version += 1;
    }
    Ok(value)
}

/// Schema 1 kept a single plan (`{"schema":1,"settings":..,"plan":{..}}`); schema 2 keeps a
/// list of plans and the id of the active one.
fn v1_to_v2(mut value: Value) -> Result<Value, String> {
    let obj = value.as_object_mut().ok_or("document is not an object")?;
    let mut plan = obj
        .remove("plan")
        .ok_or("schema 1 document without a plan")?;
    let plan_obj = plan.as_object_mut().ok_or("plan is not an object")?;
    let id = match plan_obj.get("id").and_then(Value::as_str) {
        Some(id) if !id.is_empty() => id.to_string(),
        _ => "plan-1".to_string(),
    };
    plan_obj.insert("id".to_string(), Value::String(id.clone()));
    obj.insert("plans".to_string(), Value::Array(vec![plan]));
    obj.insert("active".to_string(), Value::String(id));
    obj.insert("schema".to_string(), Value::from(2u64));
    Ok(value)
}

/// Schema 3 keeps one revenue target per plan; schema 2 had the funnel's target and the
/// headcount page's revenue plan apart (see [`plan_v2_to_v3`]).
fn v2_to_v3(mut value: Value) -> Result<Value, String> {
    let obj = value.as_object_mut().ok_or("document is not an object")?;
    if let Some(Value::Array(plans)) = obj.get_mut("plans") {
        for plan in plans.iter_mut() {
            plan_v2_to_v3(plan);
        }
    }
    obj.insert("schema".to_string(), Value::from(3u64));
    Ok(value)
}

/// One plan of schema 2 as schema 3: the new-client part of the revenue target is the
/// funnel's target (so the funnel page's numbers stay as they were), the existing-client part
/// is the headcount page's (so the base's staff stays as it was). A plan whose two figures
/// agreed, like every demo and preset, keeps its revenue and share. Bad numbers are kept as
/// they were, for the pages to flag.
fn plan_v2_to_v3(plan: &mut Value) {
    // The defaults of schema 2, for a plan that never stored a field.
    const FUNNEL_TARGET: f64 = 10_000_000.0;
    const REVENUE_PLAN: f64 = 50_000_000.0;
    const NEW_SHARE: f64 = 20.0;
    let Some(obj) = plan.as_object_mut() else {
        return;
    };
    let mut take = |part: &str, field: &str, default: f64| {
        obj.get_mut(part)
            .and_then(Value::as_object_mut)
            .and_then(|o| o.remove(field))
            .and_then(|v| v.as_f64())
            .unwrap_or(default)
    };
    let funnel_target = take("funnel", "target_revenue_per_month", FUNNEL_TARGET);
    let revenue_plan = take("headcount", "revenue_plan_per_month", REVENUE_PLAN);
    let new_share = take("headcount", "new_client_share_pct", NEW_SHARE);
    let existing = revenue_plan - revenue_plan * new_share / 100.0;
    let target = serde_json::json!({
        "new_clients_per_month": funnel_target,
        "existing_clients_per_month": existing,
    });
    obj.insert("target".to_string(), target);
}

/// Moves one plan (from a plan file or a share link written at schema `from`) forward to the
/// current schema, as [`migrate`] moves a document.
fn migrate_plan(mut plan: Value, from: u64) -> Result<Value, String> {
    match from {
        1 | 2 => {
            plan_v2_to_v3(&mut plan);
            Ok(plan)
        }
        3 => Ok(plan),
        other => Err(format!("unknown schema version {other}")),
    }
}

/// The key under which an unreadable document is kept, unique per moment.
pub fn backup_key(now_ms: f64) -> String {
    format!("{BACKUP_KEY_PREFIX}{}", now_ms.max(0.0) as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_is_equal() {
        let mut doc = Document::fresh(Lang::En);
        doc.settings.lang = Some(Lang::Ru);
        doc.active_plan_mut().name = "Client X".into();
        match decode(Some(&encode(&doc)), Lang::En) {
            Loaded::Current(back) => assert_eq!(back, doc),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn nothing_stored_is_empty() {
        assert_eq!(decode(None, Lang::Ru), Loaded::Empty);
    }

    #[test]
    fn corrupt_json_is_unreadable() {
        assert!(matches!(
            decode(Some("{\"schema\":2,"), Lang::Ru),
            Loaded::Unreadable(Unreadable::CorruptJson(_))
        ));
    }

    #[test]
    fn future_version_is_unreadable() {
        assert_eq!(
            decode(Some(r#"{"schema":99,"plans":[]}"#), Lang::Ru),
            Loaded::Unreadable(Unreadable::FutureVersion(99))
        );
    }

    #[test]
    fn wrong_types_are_unreadable() {
        let raw = r#"{"schema":2,"active":"a","plans":[{"id":"a","funnel":{"avg_check":"lots"}}]}"#;
        assert!(matches!(
            decode(Some(raw), Lang::Ru),
            Loaded::Unreadable(Unreadable::WrongShape(_))
        ));
        assert!(matches!(
            decode(Some("[1,2]"), Lang::Ru),
            Loaded::Unreadable(Unreadable::WrongShape(_))
        ));
        // A number field holding text, an object where a list belongs, a list of numbers
        // where a section belongs, a number where the active id belongs, a version as text.
        for raw in [
            r#"{"schema":2,"active":"a","plans":[{"id":"a","working_days_per_month":"twenty"}]}"#,
            r#"{"schema":2,"active":"a","plans":{"a":{"id":"a"}}}"#,
            r#"{"schema":2,"active":"a","plans":[{"id":"a","funnel":[1,2]}]}"#,
            r#"{"schema":2,"active":7,"plans":[{"id":"a"}]}"#,
            r#"{"schema":"2","active":"a","plans":[{"id":"a"}]}"#,
        ] {
            assert!(
                matches!(
                    decode(Some(raw), Lang::Ru),
                    Loaded::Unreadable(Unreadable::WrongShape(_))
                ),
                "{raw}"
            );
        }
    }

    #[test]
    fn schema_1_is_migrated_and_keeps_the_plan() {
        let raw = r#"{"schema":1,"settings":{"lang":"En"},
            "plan":{"name":"Old plan","currency":"USD","funnel":{"avg_check":2500.0}}}"#;
        match decode(Some(raw), Lang::Ru) {
            Loaded::Migrated { document, from } => {
                assert_eq!(from, 1);
                assert_eq!(document.schema, SCHEMA_VERSION);
                assert_eq!(document.settings.lang, Some(Lang::En));
                let plan = document.active_plan();
                assert_eq!(plan.name, "Old plan");
                assert_eq!(plan.currency, crate::model::Currency::USD);
                assert_eq!(plan.funnel.avg_check, 2500.0);
                assert_eq!(plan.id, "plan-1");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_plan_list_is_repaired() {
        let raw = r#"{"schema":3,"active":"gone","plans":[]}"#;
        match decode(Some(raw), Lang::Ru) {
            Loaded::Current(doc) => {
                assert_eq!(doc.plans.len(), 1);
                assert_eq!(doc.active, doc.plans[0].id);
            }
            other => panic!("{other:?}"),
        }
    }

    /// A schema-2 document with its two revenue figures as given.
    fn v2_document(funnel_target: f64, revenue_plan: f64, new_share: f64) -> String {
        format!(
            r#"{{"schema":2,"active":"a","plans":[{{"id":"a",
            "funnel":{{"target_revenue_per_month":{funnel_target}}},
            "headcount":{{"revenue_plan_per_month":{revenue_plan},"new_client_share_pct":{new_share}}}}}]}}"#
        )
    }

    fn migrated_target(raw: &str) -> crate::model::plan::RevenueTarget {
        match decode(Some(raw), Lang::Ru) {
            Loaded::Migrated { document, from } => {
                assert_eq!((from, document.schema), (2, SCHEMA_VERSION));
                document.plans[0].target
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_plan_whose_two_targets_agreed_keeps_them() {
        // The demo: the funnel's 10 mln is 20 % of the 50 mln plan.
        let t = migrated_target(&v2_document(10e6, 50e6, 20.0));
        assert_eq!((t.total(), t.new_client_share_pct()), (50e6, 20.0));
        assert_eq!(t.new_clients(), 10e6);
    }

    #[test]
    fn a_plan_whose_targets_differed_keeps_both_pages_numbers() {
        // The funnel's 20 mln stays the new-client part; the 40 mln of existing clients of
        // the headcount page stay too: 60 mln in all, a third from new clients.
        let t = migrated_target(&v2_document(20e6, 50e6, 20.0));
        assert_eq!((t.new_clients(), t.existing_clients()), (20e6, 40e6));
        assert_eq!(t.total(), 60e6);
        // A plan that never stored them gets the old defaults: the demo's figures.
        let t = migrated_target(r#"{"schema":2,"active":"a","plans":[{"id":"a"}]}"#);
        assert_eq!((t.total(), t.new_client_share_pct()), (50e6, 20.0));
        // Bad figures are kept for the pages to flag.
        let t = migrated_target(&v2_document(-5.0, 50e6, 20.0));
        assert_eq!((t.new_clients(), t.existing_clients()), (-5.0, 40e6));
    }

    #[test]
    fn a_plan_file_of_schema_2_is_migrated_too() {
        let mut plan: Value = serde_json::from_str(
            r#"{"funnel":{"target_revenue_per_month":5000000},"headcount":{"revenue_plan_per_month":10000000,"new_client_share_pct":50}}"#,
        )
        .unwrap();
        plan = migrate_plan(plan, 2).unwrap();
        assert_eq!(plan["target"]["new_clients_per_month"], 5_000_000.0);
        assert_eq!(plan["target"]["existing_clients_per_month"], 5_000_000.0);
        assert!(plan["funnel"].get("target_revenue_per_month").is_none());
    }

    proptest::proptest! {
        #[test]
        fn any_text_never_panics(s in ".{0,200}") {
            let _ = decode(Some(&s), Lang::Ru);
        }
    }
}
