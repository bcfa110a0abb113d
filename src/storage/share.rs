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
/// Longest plan JSON a link may unpack to, kept while unpacking (UTF-16 units).
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
/// out (the receiver saves it as a new plan), and so are the facts: a link shares the plan,
/// not the sellers' daily results (they would also outgrow a URL within weeks).
pub fn encode(plan: &Plan) -> Result<String, ShareError> {
    let mut plan = plan.clone();
    plan.id = String::new();
    plan.updated_at_ms = 0.0;
    plan.facts = Default::default();
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
    let wide = decompress_uri(&body, MAX_JSON_CHARS)?;
    if wide.is_empty() {
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

/// lz-string's URI-safe alphabet: a character's position is its 6-bit value.
const URI_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$";

/// lz-string's `decompressFromEncodedURIComponent` (as the `lz-str` crate does it) that stops
/// as soon as the output would pass `max_units` UTF-16 units. LZ output grows with the square
/// of the input: a link of a few thousand characters can unpack to a gigabyte, so the limit
/// has to be kept while unpacking, not checked afterwards.
fn decompress_uri(data: &str, max_units: usize) -> Result<Vec<u16>, ShareError> {
    const DAMAGED: ShareError = ShareError::Damaged;
    // Like lz-str: a space is a `+` that a form turned into a space; other characters outside
    // the alphabet are skipped.
    let values: Vec<u8> = data
        .bytes()
        .map(|b| if b == b' ' { b'+' } else { b })
        .filter_map(|b| URI_ALPHABET.iter().position(|&k| k == b))
        .map(|n| n as u8)
        .collect();
    let Some(mut bits) = Bits::new(&values) else {
        return Ok(Vec::new());
    };
    let too_long = |units: usize| ShareError::TooLong {
        chars: units,
        max: max_units,
    };
    let mut dictionary: Vec<Vec<u16>> = vec![vec![0], vec![1], vec![2]];
    let first = match bits.read(2).ok_or(DAMAGED)? {
        0 => bits.read(8).ok_or(DAMAGED)? as u16,
        1 => bits.read(16).ok_or(DAMAGED)? as u16,
        2 => return Ok(Vec::new()),
        _ => return Err(DAMAGED),
    };
    if max_units == 0 {
        return Err(too_long(1));
    }
    dictionary.push(vec![first]);
    let mut w = vec![first];
    let mut result = vec![first];
    let mut num_bits: u32 = 3;
    let mut enlarge_in: u64 = 4;
    loop {
        let mut code = bits.read(num_bits).ok_or(DAMAGED)? as usize;
        match code {
            0 | 1 => {
                let width = if code == 0 { 8 } else { 16 };
                let unit = bits.read(width).ok_or(DAMAGED)? as u16;
                dictionary.push(vec![unit]);
                code = dictionary.len() - 1;
                enlarge_in -= 1;
            }
            2 => return Ok(result),
            _ => {}
        }
        if enlarge_in == 0 {
            enlarge_in = 1 << num_bits;
            num_bits += 1;
        }
        let entry = match dictionary.get(code) {
            Some(entry) => entry.clone(),
            None if code == dictionary.len() => {
                let mut entry = w.clone();
                entry.push(w[0]);
                entry
            }
            None => return Err(DAMAGED),
        };
        let units = result.len() + entry.len();
        if units > max_units {
            return Err(too_long(units));
        }
        result.extend_from_slice(&entry);
        let mut added = w;
        added.push(entry[0]);
        dictionary.push(added);
        enlarge_in -= 1;
        w = entry;
        if enlarge_in == 0 {
            enlarge_in = 1 << num_bits;
            num_bits += 1;
        }
        // Far more codes than 32-bit reads can address means the data is not lz-string.
        if num_bits > 31 {
            return Err(DAMAGED);
        }
    }
}

/// Reads the 6-bit values of the link data bit by bit, lowest code bit first (lz-string's
/// order: each value's high bit first).
struct Bits<'a> {
    values: &'a [u8],
    next: usize,
    value: u8,
    mask: u8,
}

impl<'a> Bits<'a> {
    fn new(values: &'a [u8]) -> Option<Bits<'a>> {
        Some(Bits {
            value: *values.first()?,
            values,
            next: 1,
            mask: 1 << 5,
        })
    }

    fn bit(&mut self) -> Option<bool> {
        let bit = self.value & self.mask != 0;
        self.mask >>= 1;
        if self.mask == 0 {
            self.mask = 1 << 5;
            self.value = *self.values.get(self.next)?;
            self.next += 1;
        }
        Some(bit)
    }

    fn read(&mut self, width: u32) -> Option<u32> {
        let mut out = 0;
        for i in 0..width {
            out |= u32::from(self.bit()?) << i;
        }
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::names::namer;
    use crate::i18n::Lang;
    use crate::model::plan::Preset;

    #[test]
    fn round_trip_is_equal_but_for_id_and_time() {
        for plan in [
            Plan::demo(&namer(Lang::Ru)),
            Preset::B2bServices.plan(&namer(Lang::En)),
            Preset::B2cServices.plan(&namer(Lang::Ru)),
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
        let data = encode(&Preset::B2bDistribution.plan(&namer(Lang::Ru))).unwrap();
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
        let mut plan = Plan::demo(&namer(Lang::En));
        // Random-looking names do not compress.
        plan.client = (0..40_000u32)
            .map(|i| char::from_u32(0x4e00 + (i * 7919) % 20_000).unwrap_or('x'))
            .collect();
        assert!(matches!(encode(&plan), Err(ShareError::TooLong { .. })));
    }

    /// Hand-made lz-string data of `'a'` repeated at least `units` times, each code naming the
    /// entry just being made (`w + w[0]`): a few kilobytes for millions of characters. Returns
    /// the data and the exact length it unpacks to.
    fn lz_bomb(units: usize) -> (String, usize) {
        let mut values: Vec<u8> = Vec::new();
        let (mut current, mut filled) = (0u8, 0);
        let mut write = |code: usize, width: u32| {
            for i in 0..width {
                current = (current << 1) | ((code >> i) & 1) as u8;
                filled += 1;
                if filled == 6 {
                    values.push(current);
                    (current, filled) = (0, 0);
                }
            }
        };
        write(0, 2); // an 8-bit literal follows
        write(usize::from(b'a'), 8);
        let (mut dictionary, mut num_bits, mut enlarge_in) = (4usize, 3u32, 4u64);
        let (mut total, mut w) = (1usize, 1usize);
        while total < units {
            write(dictionary, num_bits);
            w += 1;
            total += w;
            dictionary += 1;
            enlarge_in -= 1;
            if enlarge_in == 0 {
                enlarge_in = 1 << num_bits;
                num_bits += 1;
            }
        }
        write(2, num_bits); // the end
        write(0, 12); // padding: the reader looks one value ahead
        let data = values
            .iter()
            .map(|&v| char::from(URI_ALPHABET[usize::from(v)]))
            .collect();
        (data, total)
    }

    #[test]
    fn the_hand_made_bomb_is_real_lz_string() {
        let (data, total) = lz_bomb(5_000);
        let expected: Vec<u16> = vec![u16::from(b'a'); total];
        assert_eq!(
            lz_str::decompress_from_encoded_uri_component(&data),
            Some(expected.clone())
        );
        assert_eq!(decompress_uri(&data, total), Ok(expected));
        assert_eq!(
            decompress_uri(&data, total - 1),
            Err(ShareError::TooLong {
                chars: total,
                max: total - 1
            })
        );
    }

    #[test]
    fn a_link_that_unpacks_to_too_much_is_refused_while_unpacking() {
        // A link under the length limit that would unpack to 200 million characters (LZ
        // output grows with the square of its input): refused as soon as it passes the
        // limit, before the memory is spent.
        let (body, total) = lz_bomb(200_000_000);
        assert!(total >= 200_000_000);
        let data = format!("v1.{body}");
        assert!(data.len() < MAX_DECODED_CHARS, "{}", data.len());
        match decode(&data) {
            Err(ShareError::TooLong { chars, max }) => {
                assert_eq!(max, MAX_JSON_CHARS);
                assert!(chars > MAX_JSON_CHARS && chars < 2 * MAX_JSON_CHARS);
            }
            other => panic!("{other:?}"),
        }
    }

    /// Link data of a real plan, to mutate.
    fn sample_link() -> String {
        encode(&Preset::B2bServices.plan(&namer(Lang::Ru))).unwrap()
    }

    proptest::proptest! {
        #[test]
        fn any_text_never_panics(s in ".{0,300}") {
            let _ = decode(&s);
            let _ = decode(&format!("v1.{s}"));
        }

        /// The bounded unpacker reads exactly what lz-string packs.
        #[test]
        fn bounded_unpacking_is_lz_string(s in ".{0,400}") {
            let packed = lz_str::compress_to_encoded_uri_component(s.as_str());
            let wide: Vec<u16> = s.encode_utf16().collect();
            proptest::prop_assert_eq!(decompress_uri(&packed, usize::MAX), Ok(wide.clone()));
            if !wide.is_empty() {
                let refused = decompress_uri(&packed, wide.len() - 1);
                let too_long = matches!(refused, Err(ShareError::TooLong { .. }));
                proptest::prop_assert!(too_long);
            }
        }

        /// On any data in the link alphabet the bounded unpacker agrees with lz-str.
        #[test]
        fn bounded_unpacking_agrees_with_lz_str(s in "[A-Za-z0-9+$-]{0,200}") {
            let ours = decompress_uri(&s, usize::MAX).ok();
            let theirs = lz_str::decompress_from_encoded_uri_component(&s);
            proptest::prop_assert_eq!(ours, theirs);
        }

        /// A real link cut short anywhere opens as its plan or fails with a reason.
        #[test]
        fn truncated_links_never_panic(cut in 0usize..10_000) {
            let data = sample_link();
            let cut = cut % (data.len() + 1);
            match decode(&data[..cut]) {
                Ok(plan) => proptest::prop_assert_eq!(plan.id, ""),
                Err(e) => proptest::prop_assert!(matches!(
                    e,
                    ShareError::Empty
                        | ShareError::UnknownVersion(_)
                        | ShareError::Damaged
                        | ShareError::NotAPlan(_)
                )),
            }
        }

        /// A real link with characters changed, dropped or added anywhere.
        #[test]
        fn mutated_links_never_panic(
            edits in proptest::collection::vec((0usize..10_000, 0u8..3, "[A-Za-z0-9+$.%-]"), 1..8)
        ) {
            let mut data: Vec<char> = sample_link().chars().collect();
            for (at, kind, c) in edits {
                let at = at % (data.len() + 1);
                let c = c.chars().next().unwrap_or('A');
                match kind {
                    0 if at < data.len() => data[at] = c,
                    1 if at < data.len() => {
                        data.remove(at);
                    }
                    _ => data.insert(at, c),
                }
            }
            let data: String = data.into_iter().collect();
            if let Ok(plan) = decode(&data) {
                proptest::prop_assert_eq!(plan.id, "");
            }
        }
    }
}
