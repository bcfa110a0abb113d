//! Every JSON text of the app is written and read through [`serde_json::Value`]. Each type's
//! `Serialize` and `Deserialize` is then compiled once, for the `Value` (de)serializer,
//! instead of once per writer (compact, pretty) and reader (text, `Value`): fewer
//! monomorphised copies of the same code in the wasm. The cost, one more tree of the
//! document in memory for a moment, is small for the app's documents and messages.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;

/// Compact JSON text. Plain data always serialises; an empty string would be refused when
/// it is read back.
pub fn to_text<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .map(|v| v.to_string())
        .unwrap_or_default()
}

/// Indented JSON text, for files a person may open.
pub fn to_pretty_text<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .and_then(|v| serde_json::to_string_pretty(&v))
        .unwrap_or_default()
}

/// Reads a value of `T` from JSON text.
pub fn from_text<T: DeserializeOwned>(text: &str) -> Result<T, serde_json::Error> {
    serde_json::from_str::<Value>(text).and_then(serde_json::from_value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Sample {
        name: String,
        share: f64,
    }

    #[test]
    fn round_trips_compact_and_pretty() {
        let sample = Sample {
            name: "Воронка".into(),
            share: 0.1,
        };
        assert_eq!(to_text(&sample), r#"{"name":"Воронка","share":0.1}"#);
        assert!(to_pretty_text(&sample).contains("\n  \"share\": 0.1"));
        assert_eq!(from_text::<Sample>(&to_text(&sample)).unwrap(), sample);
        assert!(from_text::<Sample>("{").is_err());
        assert!(from_text::<Sample>(r#"{"name":1}"#).is_err());
    }
}
