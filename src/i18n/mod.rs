//! Languages, number formatting and parsing. Pure code: tested natively.
//!
//! Every visible text is written as a Russian/English pair with [`tr`], so no text can exist
//! in one language only: at its point of use in the UI, or here for the model's typed values
//! (the model itself holds no wording; [`names`], [`presets`], [`headcount`], [`problems`]).
//! A word counted by a number takes its form from [`plural::plural`].

use serde::{Deserialize, Serialize};

pub mod clients;
pub mod fact;
pub mod forecast;
pub mod headcount;
pub mod names;
pub mod numbers;
pub mod plural;
pub mod presets;
pub mod problems;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Lang {
    #[default]
    Ru,
    En,
}

impl Lang {
    /// Picks the language from a browser language tag such as `ru-RU` or `en-US`.
    pub fn from_browser_tag(tag: &str) -> Lang {
        let primary = tag
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            // Russian-speaking markets read Russian first.
            "ru" | "be" | "uk" | "kk" | "ky" | "uz" => Lang::Ru,
            _ => Lang::En,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::Ru => "ru",
            Lang::En => "en",
        }
    }
}

/// Picks the text of the current language.
pub fn tr(lang: Lang, ru: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Ru => ru,
        Lang::En => en,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn browser_tags() {
        assert_eq!(Lang::from_browser_tag("ru-RU"), Lang::Ru);
        assert_eq!(Lang::from_browser_tag("RU"), Lang::Ru);
        assert_eq!(Lang::from_browser_tag("en-US"), Lang::En);
        assert_eq!(Lang::from_browser_tag("de"), Lang::En);
        assert_eq!(Lang::from_browser_tag(""), Lang::En);
    }
}
