//! Plan files: one plan or all of them as JSON, to send, keep or move to another browser.
//!
//! ```json
//! { "format": "salesplan-plans", "schema": 3, "exported_at_ms": 1.7e12, "plans": [ {...} ] }
//! ```
//!
//! Import checks everything before anything changes: the size (at most [`MAX_FILE_BYTES`]),
//! that it is JSON, that it is a Salesplan file, its schema version (older ones are migrated,
//! newer ones refused), the number of plans (1 ..= [`MAX_PLANS`]) and each plan's shape. A
//! stored document (the app's own localStorage JSON, e.g. a backup key's text) is accepted
//! too. [`merge`] adds the plans and never replaces one without being told to.

use serde::Serialize;
use serde_json::Value;

use super::{migrate, migrate_plan, SCHEMA_VERSION};
use crate::model::plan::unique_name;
use crate::model::Plan;

/// The `format` marker of a plan file.
pub const FILE_FORMAT: &str = "salesplan-plans";
/// Largest file accepted, bytes.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;
/// Most plans in one file.
pub const MAX_PLANS: usize = 200;
/// Longest plan id kept from a file; longer ones get a fresh id.
const MAX_ID_CHARS: usize = 64;

#[derive(Serialize)]
struct PlanFile<'a> {
    format: &'a str,
    schema: u64,
    exported_at_ms: f64,
    plans: &'a [Plan],
}

/// The file text of some plans (readable, indented JSON).
pub fn encode(plans: &[Plan], now_ms: f64) -> String {
    let file = PlanFile {
        format: FILE_FORMAT,
        schema: SCHEMA_VERSION,
        exported_at_ms: if now_ms.is_finite() { now_ms } else { 0.0 },
        plans,
    };
    super::json::to_pretty_text(&file)
}

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq)]
pub enum FileError {
    TooLarge {
        bytes: usize,
        max: usize,
    },
    /// Not JSON (another kind of file, or cut short).
    NotJson,
    /// JSON, but not from Salesplan.
    NotSalesplan,
    /// Written by a newer Salesplan.
    FutureVersion(u64),
    /// No schema version, or one that makes no sense.
    NoVersion,
    NoPlans,
    TooManyPlans {
        count: usize,
        max: usize,
    },
    /// Plan number `index` (from 0) has a wrong shape (e.g. text where a number belongs).
    BadPlan {
        index: usize,
        detail: String,
    },
}

/// Reads a plan file (or a stored document). Plans keep their ids, except empty or
/// overlong ones, which come back empty for [`merge`] to replace.
pub fn decode(text: &str) -> Result<Vec<Plan>, FileError> {
    if text.len() > MAX_FILE_BYTES {
        return Err(FileError::TooLarge {
            bytes: text.len(),
            max: MAX_FILE_BYTES,
        });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let value: Value = serde_json::from_str(text).map_err(|_| FileError::NotJson)?;
    let Some(object) = value.as_object() else {
        return Err(FileError::NotSalesplan);
    };
    let is_file = object.get("format").and_then(Value::as_str) == Some(FILE_FORMAT);
    let is_document = !object.contains_key("format")
        && object.contains_key("schema")
        && (object.contains_key("plans") || object.contains_key("plan"));
    if !is_file && !is_document {
        return Err(FileError::NotSalesplan);
    }
    let schema = match object.get("schema").and_then(Value::as_u64) {
        Some(v) if v > SCHEMA_VERSION => return Err(FileError::FutureVersion(v)),
        Some(v) if v >= 1 => v,
        _ => return Err(FileError::NoVersion),
    };
    let plans = if is_file {
        object.get("plans").cloned()
    } else {
        // A stored document: bring it to the current shape, then take its plans.
        migrate(value.clone(), schema)
            .ok()
            .and_then(|doc| doc.get("plans").cloned())
    };
    let plans = match plans {
        Some(Value::Array(plans)) => plans,
        _ => return Err(FileError::NoPlans),
    };
    check_count(plans.len())?;
    let plan_schema = if is_file { schema } else { SCHEMA_VERSION };
    plans
        .into_iter()
        .enumerate()
        .map(|(index, plan)| read_plan(index, plan, plan_schema))
        .collect()
}

fn check_count(count: usize) -> Result<(), FileError> {
    match count {
        0 => Err(FileError::NoPlans),
        n if n > MAX_PLANS => Err(FileError::TooManyPlans {
            count: n,
            max: MAX_PLANS,
        }),
        _ => Ok(()),
    }
}

fn read_plan(index: usize, plan: Value, schema: u64) -> Result<Plan, FileError> {
    let bad = |detail: String| FileError::BadPlan { index, detail };
    if !plan.is_object() {
        return Err(bad("not an object".into()));
    }
    let plan = migrate_plan(plan, schema).map_err(bad)?;
    let mut plan: Plan = serde_json::from_value(plan).map_err(|e| bad(e.to_string()))?;
    if plan.id.chars().count() > MAX_ID_CHARS || plan.id.trim().is_empty() {
        plan.id = String::new();
    }
    Ok(plan)
}

/// What to do with an imported plan whose id is already on this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OnClash {
    /// The file's plan takes the place of the one here.
    Replace,
    /// Both are kept: the file's plan gets a new id (and a numbered name if the name is taken).
    KeepBoth,
}

/// Indices (in `incoming`) of the plans whose id is already among `existing`: the import
/// must ask before touching them.
pub fn clashes(existing: &[Plan], incoming: &[Plan]) -> Vec<usize> {
    incoming
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.id.is_empty() && existing.iter().any(|e| e.id == p.id))
        .map(|(i, _)| i)
        .collect()
}

/// What an import did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Merged {
    pub added: usize,
    pub replaced: usize,
}

/// Adds `incoming` to `plans`. A plan without an id, or with an id used twice in the file,
/// gets a fresh one from `new_id` (given the ids taken so far); a plan whose id exists is
/// handled by `on_clash`.
pub fn merge(
    plans: &mut Vec<Plan>,
    incoming: Vec<Plan>,
    on_clash: OnClash,
    mut new_id: impl FnMut(&[&str]) -> String,
) -> Merged {
    let mut merged = Merged::default();
    // Ids already placed by this file: a second plan with the same id is kept beside it.
    let mut placed: Vec<String> = Vec::new();
    for mut plan in incoming {
        let clash = plans.iter().position(|p| p.id == plan.id);
        let clash_with_ours = clash.filter(|_| !placed.contains(&plan.id));
        match clash_with_ours {
            Some(at) if on_clash == OnClash::Replace => {
                placed.push(plan.id.clone());
                plans[at] = plan;
                merged.replaced += 1;
            }
            _ => {
                if plan.id.is_empty() || clash.is_some() {
                    let ids: Vec<&str> = plans.iter().map(|p| p.id.as_str()).collect();
                    plan.id = new_id(&ids);
                }
                if clash.is_some() {
                    let names: Vec<&str> = plans.iter().map(|p| p.name.as_str()).collect();
                    plan.name = unique_name(&plan.name, &names);
                }
                placed.push(plan.id.clone());
                plans.push(plan);
                merged.added += 1;
            }
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::names::namer;
    use crate::i18n::Lang;
    use crate::model::plan::{new_plan_id, Preset};

    fn plans() -> Vec<Plan> {
        let mut a = Plan::demo(&namer(Lang::En));
        a.id = "a".into();
        a.updated_at_ms = 1_700_000_000_123.0;
        let mut b = Preset::B2bServices.plan(&namer(Lang::Ru));
        b.id = "b".into();
        b.client = "ООО «Ромашка»".into();
        vec![a, b]
    }

    fn counter() -> impl FnMut(&[&str]) -> String {
        let mut n = 0.0;
        move |taken: &[&str]| {
            n += 1.0;
            new_plan_id(n, 0.5, taken)
        }
    }

    #[test]
    fn export_import_round_trip_is_equal() {
        let original = plans();
        let text = encode(&original, 1_700_000_000_000.0);
        assert!(text.contains("\"format\": \"salesplan-plans\""));
        assert_eq!(decode(&text).unwrap(), original);
        // One plan alone too.
        let one = encode(&original[1..], 0.0);
        assert_eq!(decode(&one).unwrap(), original[1..].to_vec());
    }

    #[test]
    fn a_stored_document_is_accepted() {
        let doc = crate::storage::Document::fresh(Lang::En);
        let text = crate::storage::encode(&doc);
        assert_eq!(decode(&text).unwrap(), doc.plans);
        let old = r#"{"schema":1,"plan":{"name":"Old","currency":"EUR"}}"#;
        let back = decode(old).unwrap();
        assert_eq!(back[0].name, "Old");
        assert_eq!(back[0].id, "plan-1");
    }

    #[test]
    fn a_byte_order_mark_is_ignored() {
        let text = format!("\u{feff}{}", encode(&plans(), 0.0));
        assert_eq!(decode(&text).unwrap().len(), 2);
    }

    #[test]
    fn wrong_files_are_refused_with_a_reason() {
        assert_eq!(decode("name;client\n1;2"), Err(FileError::NotJson));
        assert_eq!(decode(""), Err(FileError::NotJson));
        assert_eq!(decode("[1,2,3]"), Err(FileError::NotSalesplan));
        assert_eq!(decode(r#"{"hello":"world"}"#), Err(FileError::NotSalesplan));
        assert_eq!(
            decode(r#"{"format":"something-else","schema":2,"plans":[]}"#),
            Err(FileError::NotSalesplan)
        );
        assert_eq!(
            decode(r#"{"format":"salesplan-plans","schema":7,"plans":[{}]}"#),
            Err(FileError::FutureVersion(7))
        );
        assert_eq!(
            decode(r#"{"format":"salesplan-plans","plans":[{}]}"#),
            Err(FileError::NoVersion)
        );
        assert_eq!(
            decode(r#"{"format":"salesplan-plans","schema":"2","plans":[{}]}"#),
            Err(FileError::NoVersion)
        );
        assert_eq!(
            decode(r#"{"format":"salesplan-plans","schema":2,"plans":[]}"#),
            Err(FileError::NoPlans)
        );
        assert_eq!(
            decode(r#"{"format":"salesplan-plans","schema":2,"plans":{}}"#),
            Err(FileError::NoPlans)
        );
        let bad =
            r#"{"format":"salesplan-plans","schema":2,"plans":[{},{"funnel":{"avg_check":"x"}}]}"#;
        assert!(matches!(
            decode(bad),
            Err(FileError::BadPlan { index: 1, .. })
        ));
        let not_object = r#"{"format":"salesplan-plans","schema":2,"plans":[3]}"#;
        assert!(matches!(
            decode(not_object),
            Err(FileError::BadPlan { index: 0, .. })
        ));
    }

    #[test]
    fn size_limits() {
        let many = format!(
            r#"{{"format":"salesplan-plans","schema":2,"plans":[{}]}}"#,
            vec!["{}"; MAX_PLANS + 1].join(",")
        );
        assert_eq!(
            decode(&many),
            Err(FileError::TooManyPlans {
                count: MAX_PLANS + 1,
                max: MAX_PLANS
            })
        );
        let just_enough = format!(
            r#"{{"format":"salesplan-plans","schema":2,"plans":[{}]}}"#,
            vec!["{}"; MAX_PLANS].join(",")
        );
        assert_eq!(decode(&just_enough).unwrap().len(), MAX_PLANS);
        let huge = format!("{}{{}}", " ".repeat(MAX_FILE_BYTES));
        assert!(matches!(decode(&huge), Err(FileError::TooLarge { .. })));
    }

    #[test]
    fn empty_and_overlong_ids_are_cleared() {
        let text = format!(
            r#"{{"format":"salesplan-plans","schema":2,"plans":[{{"id":""}},{{"id":"{}"}},{{"id":"ok"}}]}}"#,
            "x".repeat(100)
        );
        let ids: Vec<String> = decode(&text).unwrap().into_iter().map(|p| p.id).collect();
        assert_eq!(ids, ["", "", "ok"]);
    }

    #[test]
    fn clashes_are_found_by_id() {
        let here = plans();
        let mut incoming = plans();
        incoming[0].id = "new".into();
        assert_eq!(clashes(&here, &incoming), vec![1]);
        incoming[0].id = String::new();
        assert_eq!(clashes(&here, &incoming), vec![1]);
    }

    #[test]
    fn replace_takes_the_place_of_the_plan_here() {
        let mut here = plans();
        let mut incoming = vec![here[1].clone()];
        incoming[0].name = "Changed".into();
        let merged = merge(&mut here, incoming, OnClash::Replace, counter());
        assert_eq!(
            merged,
            Merged {
                added: 0,
                replaced: 1
            }
        );
        assert_eq!(here.len(), 2);
        assert_eq!(here[1].name, "Changed");
        assert_eq!(here[1].id, "b");
    }

    #[test]
    fn keep_both_gives_a_new_id_and_a_numbered_name() {
        let mut here = plans();
        let incoming = vec![here[0].clone(), here[0].clone()];
        let merged = merge(&mut here, incoming, OnClash::KeepBoth, counter());
        assert_eq!(
            merged,
            Merged {
                added: 2,
                replaced: 0
            }
        );
        assert_eq!(here.len(), 4);
        let ids: Vec<&str> = here.iter().map(|p| p.id.as_str()).collect();
        let mut unique = ids.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 4, "{ids:?}");
        assert_eq!(here[2].name, "Demo plan (2)");
        assert_eq!(here[3].name, "Demo plan (3)");
    }

    #[test]
    fn new_plans_keep_their_ids_and_repeated_ids_in_a_file_are_renumbered() {
        let mut here = plans();
        let mut c = Plan::demo(&namer(Lang::En));
        c.id = "c".into();
        let mut blank = c.clone();
        blank.id = String::new();
        let merged = merge(
            &mut here,
            vec![c.clone(), c.clone(), blank],
            OnClash::Replace,
            counter(),
        );
        assert_eq!(merged.added, 3);
        assert_eq!(here[2].id, "c");
        assert_ne!(
            here[3].id, "c",
            "a second 'c' from the same file is kept too"
        );
        assert!(!here[4].id.is_empty());
    }

    /// Every path (object keys and array indices) inside `value`, the root first.
    fn paths(value: &Value, prefix: Vec<String>, out: &mut Vec<Vec<String>>) {
        out.push(prefix.clone());
        let children: Vec<(String, &Value)> = match value {
            Value::Object(map) => map.iter().map(|(k, v)| (k.clone(), v)).collect(),
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, v)| (i.to_string(), v))
                .collect(),
            _ => Vec::new(),
        };
        for (key, child) in children {
            let mut path = prefix.clone();
            path.push(key);
            paths(child, path, out);
        }
    }

    fn at_path<'a>(value: &'a mut Value, path: &[String]) -> Option<&'a mut Value> {
        path.iter().try_fold(value, |v, key| match v {
            Value::Object(map) => map.get_mut(key),
            Value::Array(items) => key.parse::<usize>().ok().and_then(|i| items.get_mut(i)),
            _ => None,
        })
    }

    /// Any JSON value a hand edit or another program might leave.
    fn any_value() -> impl proptest::strategy::Strategy<Value = Value> {
        use proptest::prelude::*;
        prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            prop_oneof![
                any::<f64>(),
                Just(0.0),
                Just(-1.0),
                Just(1e308),
                Just(f64::MIN_POSITIVE)
            ]
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
            ".{0,20}".prop_map(Value::from),
            Just(Value::Array(Vec::new())),
            Just(serde_json::json!([1, "x", null])),
            Just(serde_json::json!({})),
            Just(serde_json::json!({"name": 5})),
        ]
    }

    proptest::proptest! {
        #[test]
        fn any_text_never_panics(s in ".{0,300}") {
            let _ = decode(&s);
        }

        /// A real plans file, valid JSON still, with random values put at random places:
        /// it imports or is refused with a reason, and what imports can be computed.
        #[test]
        fn mutated_plan_files_never_panic(
            edits in proptest::collection::vec((proptest::prelude::any::<proptest::sample::Index>(), any_value()), 1..6)
        ) {
            let mut value: Value = serde_json::from_str(&encode(&plans(), 0.0)).unwrap();
            for (index, new) in edits {
                let mut all = Vec::new();
                paths(&value, Vec::new(), &mut all);
                let path = index.get(&all).clone();
                if let Some(slot) = at_path(&mut value, &path) {
                    *slot = new;
                }
            }
            let text = serde_json::to_string(&value).unwrap();
            match decode(&text) {
                Ok(plans) => {
                    proptest::prop_assert!(!plans.is_empty() && plans.len() <= MAX_PLANS);
                    for plan in &plans {
                        let _ = crate::model::funnel::compute(&plan.funnel, &plan.target, plan.working_days_per_month);
                        let _ = crate::model::ltv::compute(&plan.ltv);
                        let _ = crate::model::headcount::compute(plan);
                    }
                }
                Err(FileError::BadPlan { index, detail }) => {
                    proptest::prop_assert!(index < MAX_PLANS);
                    proptest::prop_assert!(!detail.is_empty());
                }
                Err(FileError::TooLarge { .. }) => proptest::prop_assert!(false, "a small file is never too large"),
                Err(_) => {}
            }
        }

        /// A real plans file cut short anywhere is refused as not JSON (or, cut to nothing
        /// but its start, still refused): never a panic, never a half import.
        #[test]
        fn truncated_plan_files_are_refused(cut in 0usize..100_000) {
            let text = encode(&plans(), 0.0);
            let cut = cut % text.len();
            let mut at = cut;
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            proptest::prop_assert!(decode(&text[..at]).is_err());
        }
    }
}
