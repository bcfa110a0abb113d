//! Share links: one plan compressed into the URL fragment (`#share=v1.<data>`), which the
//! browser never sends to a server.
//!
//! The data is versioned so that links made by older versions keep opening: `v1.` is
//! lz-string's URI-safe compression of `{"schema":N,"plan":{...}}`, where `schema` is the
//! storage schema the plan was written in; the plan is migrated forward like a stored one.
//! A new format gets a new prefix (`v2.`) and `decode` keeps reading every older one.

use serde_json::{json, Value};

use super::{migrate_plan, SCHEMA_VERSION};
use crate::model::Plan;

/// The fragment key: `#share=<data>`.
pub const FRAGMENT_KEY: &str = "share=";
/// The version prefix this build writes.
pub const CURRENT_PREFIX: &str = "v1.";
/// Longest link data this build makes: longer links break in mail and messengers; such a
/// plan (hundreds of rows) is better sent as a file.
pub const MAX_ENCODED_CHARS: usize = 32_000;
/// Longest link data this build reads (a little above what it makes, for older links).
pub const MAX_DECODED_CHARS: usize = 64_000;
/// Longest plan JSON a link may unpack to.
pub const MAX_JSON_CHARS: usize = 1_000_000;

/// Why a link cannot be made or opened.
#[derive(Debug, Clone, PartialEq)]
pub enum ShareError {
    /// `#share=` with nothing after it.
    Empty,
    /// Too long to make (a plan with very many rows) or to open.
    TooLong { chars: usize, max: usize },
    /// A prefix this build does not know (a newer app, or a cut link).
    UnknownVersion(String),
    /// The data does not unpack (a link cut short or changed by hand).
    Damaged,
    /// Made by a newer Salesplan (a storage schema this build does not know).
    FutureVersion(u64),
    /// Unpacks, but holds no plan of a known shape.
    NotAPlan(String),
}

/// The link data of a plan: `v1.<compressed>`. The id and time of the last change are left
/// out (the receiver saves it as a new plan).
pub fn encode(plan: &Plan) -> Result<String, ShareError> {
    let mut plan = plan.clone();
    plan.id = String::new();
    plan.updated_at_ms = 0.0;
    let payload = json!({ "schema": SCHEMA_VERSION, "plan": plan });
    let data = format!(
        "{CURRENT_PREFIX}{}",
        lz_str::compress_to_encoded_uri_component(payload.to_string().as_str())
    );
    if data.len() > MAX_ENCODED_CHARS {
        return Err(ShareError::TooLong {
            chars: data.len(),
            max: MAX_ENCODED_CHARS,
        });
    }
    Ok(data)
}

/// The link data in a URL fragment (`#share=...`, with or without `#`), if it has one.
pub fn from_fragment(fragment: &str) -> Option<&str> {
    let body = fragment.strip_prefix('#').unwrap_or(fragment);
    body.split('&')
        .find_map(|part| part.strip_prefix(FRAGMENT_KEY))
}

/// The fragment that carries `data`: `#share=<data>`.
pub fn to_fragment(data: &str) -> String {
    format!("#{FRAGMENT_KEY}{data}")
}

/// Reads link data of any version this build knows. The plan's id is empty: the caller gives
/// it a fresh one when it is saved.
pub fn decode(data: &str) -> Result<Plan, ShareError> {
    let data = data.trim();
    if data.is_empty() {
        return Err(ShareError::Empty);
    }
    if data.len() > MAX_DECODED_CHARS {
        return Err(ShareError::TooLong {
            chars: data.len(),
            max: MAX_DECODED_CHARS,
        });
    }
    match data.split_once('.') {
        Some(("v1", body)) => decode_v1(body),
        Some((version, _)) if version.len() <= 8 => {
            Err(ShareError::UnknownVersion(version.to_string()))
        }
        _ => Err(ShareError::UnknownVersion(String::new())),
    }
}

fn decode_v1(body: &str) -> Result<Plan, ShareError> {
    // A link pasted from some mail clients arrives percent-encoded once more.
    let body = body.replace("%2B", "+").replace("%24", "$");
    let wide = lz_str::decompress_from_encoded_uri_component(&body).ok_or(ShareError::Damaged)?;
    if wide.is_empty() || wide.len() > MAX_JSON_CHARS {
        return Err(ShareError::Damaged);
    }
    let text = String::from_utf16(&wide).map_err(|_| ShareError::Damaged)?;
    let value: Value = serde_json::from_str(&text).map_err(|_| ShareError::Damaged)?;
    let schema = value
        .get("schema")
        .and_then(Value::as_u64)
        .ok_or_else(|| ShareError::NotAPlan("no schema".into()))?;
    if schema > SCHEMA_VERSION {
        return Err(ShareError::FutureVersion(schema));
    }
    let plan = value
        .get("plan")
        .cloned()
        .filter(Value::is_object)
        .ok_or_else(|| ShareError::NotAPlan("no plan".into()))?;
    let plan = migrate_plan(plan, schema).map_err(ShareError::NotAPlan)?;
    let mut plan: Plan =
        serde_json::from_value(plan).map_err(|e| ShareError::NotAPlan(e.to_string()))?;
    plan.id = String::new();
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::plan::Preset;

    #[test]
    fn round_trip_is_equal_but_for_id_and_time() {
        for plan in [
            Plan::demo(Lang::Ru),
            Preset::B2bServices.plan(Lang::En),
            Preset::B2cServices.plan(Lang::Ru),
        ] {
            let mut original = plan.clone();
            original.updated_at_ms = 1_700_000_000_000.0;
            let data = encode(&original).unwrap();
            assert!(data.starts_with("v1."));
            let back = decode(&data).unwrap();
            assert_eq!(back.id, "");
            assert_eq!(back.updated_at_ms, 0.0);
            assert_eq!(
                Plan {
                    id: plan.id.clone(),
                    updated_at_ms: original.updated_at_ms,
                    ..back
                },
                original
            );
        }
    }

    #[test]
    fn link_data_is_url_safe_and_short() {
        let data = encode(&Preset::B2bDistribution.plan(Lang::Ru)).unwrap();
        assert!(data
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-$._".contains(c)));
        // A full plan with Cyrillic names fits in a few kilobytes.
        assert!(data.len() < 6_000, "{}", data.len());
    }

    #[test]
    fn fragment_is_found_among_others() {
        assert_eq!(from_fragment("#share=v1.abc"), Some("v1.abc"));
        assert_eq!(from_fragment("share=v1.abc"), Some("v1.abc"));
        assert_eq!(from_fragment("#x=1&share=v1.abc"), Some("v1.abc"));
        assert_eq!(from_fragment("#main"), None);
        assert_eq!(from_fragment(""), None);
        assert_eq!(to_fragment("v1.abc"), "#share=v1.abc");
    }

    /// A link made by the first version of this codec (schema 2), from
    /// `{"schema":2,"plan":{"id":"","name":"Old link","client":"ACME","currency":"USD",
    /// "funnel":{"avg_check":120000.0}}}`. It must open in every later build: never change
    /// this string; add the links of newer versions next to it.
    const V1_LINK: &str = "v1.N4IgzgxgFgpgtgQxALgEwBoQAcA2CB2KoAlgCYogib4JwwUDyOpABDsfgNZUgTsz4ALhQCCAYQCyAUR4QArgCcFAiAE8KAVQDKAER4AzOfnwwcREAgBuAcwD60GBG7IAjKgAMn9wDp3AXwCgA";

    #[test]
    fn old_version_link_keeps_opening() {
        let plan = decode(V1_LINK).unwrap();
        assert_eq!(plan.name, "Old link");
        assert_eq!(plan.client, "ACME");
        assert_eq!(plan.funnel.avg_check, 120_000.0);
        assert_eq!(plan.currency, crate::model::Currency::USD);
        // Fields the link did not carry take their defaults.
        assert_eq!(plan.ltv, crate::model::ltv::LtvInputs::default());
    }

    #[test]
    fn wrong_links_are_refused_with_a_reason() {
        assert_eq!(decode(""), Err(ShareError::Empty));
        assert_eq!(decode("  "), Err(ShareError::Empty));
        assert_eq!(
            decode("v9.abc"),
            Err(ShareError::UnknownVersion("v9".into()))
        );
        assert_eq!(
            decode("hello"),
            Err(ShareError::UnknownVersion(String::new()))
        );
        assert_eq!(decode("v1.!!!"), Err(ShareError::Damaged));
        let long = format!("v1.{}", "A".repeat(MAX_DECODED_CHARS));
        assert!(matches!(decode(&long), Err(ShareError::TooLong { .. })));
        let not_json = format!(
            "v1.{}",
            lz_str::compress_to_encoded_uri_component("not json")
        );
        assert_eq!(decode(&not_json), Err(ShareError::Damaged));
        let future = format!(
            "v1.{}",
            lz_str::compress_to_encoded_uri_component(r#"{"schema":99,"plan":{}}"#)
        );
        assert_eq!(decode(&future), Err(ShareError::FutureVersion(99)));
        let no_plan = format!(
            "v1.{}",
            lz_str::compress_to_encoded_uri_component(r#"{"schema":2,"plan":[1]}"#)
        );
        assert!(matches!(decode(&no_plan), Err(ShareError::NotAPlan(_))));
        let wrong_types = format!(
            "v1.{}",
            lz_str::compress_to_encoded_uri_component(
                r#"{"schema":2,"plan":{"funnel":{"avg_check":"lots"}}}"#
            )
        );
        assert!(matches!(decode(&wrong_types), Err(ShareError::NotAPlan(_))));
    }

    #[test]
    fn a_huge_plan_is_refused_when_encoding() {
        let mut plan = Plan::demo(Lang::En);
        // Random-looking names do not compress.
        plan.client = (0..40_000u32)
            .map(|i| char::from_u32(0x4e00 + (i * 7919) % 20_000).unwrap_or('x'))
            .collect();
        assert!(matches!(encode(&plan), Err(ShareError::TooLong { .. })));
    }

    proptest::proptest! {
        #[test]
        fn any_text_never_panics(s in ".{0,300}") {
            let _ = decode(&s);
            let _ = decode(&format!("v1.{s}"));
        }
    }
}
