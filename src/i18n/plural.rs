//! The form of a word for a number (1 клиент, 2 клиента, 5 клиентов, 1,5 клиента; 1 client,
//! 2 clients) by its CLDR plural category. In the app the browser's `Intl.PluralRules` picks
//! the category; natively (tests) the same CLDR rules for ru and en written in Rust do, and
//! tests/browser.rs checks that the two agree.

use super::numbers::round_half_up;
use super::Lang;

/// A CLDR plural category; Russian uses these four, English `One` and `Other`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PluralCategory {
    One,
    Few,
    Many,
    Other,
}

impl PluralCategory {
    /// The category from its CLDR name (`Intl.PluralRules.select` gives these); the two
    /// categories ru and en never use count as `Other`.
    pub fn from_cldr_name(name: &str) -> PluralCategory {
        match name {
            "one" => PluralCategory::One,
            "few" => PluralCategory::Few,
            "many" => PluralCategory::Many,
            _ => PluralCategory::Other,
        }
    }
}

/// A word's forms by category, in the case its sentence needs: "клиент" after a number is
/// `{ one: "клиент", few: "клиента", many: "клиентов", other: "клиента" }`, after "у" (the
/// genitive) `{ one: "клиента", few: "клиентов", many: "клиентов", other: "клиента" }`.
/// `other` is the form for fractions (2,5 клиента).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PluralForms {
    pub one: &'static str,
    pub few: &'static str,
    pub many: &'static str,
    pub other: &'static str,
}

impl PluralForms {
    /// English forms: `one` for exactly 1, `other` for every other number.
    pub const fn en(one: &'static str, other: &'static str) -> PluralForms {
        PluralForms {
            one,
            few: other,
            many: other,
            other,
        }
    }

    pub fn get(self, category: PluralCategory) -> &'static str {
        match category {
            PluralCategory::One => self.one,
            PluralCategory::Few => self.few,
            PluralCategory::Many => self.many,
            PluralCategory::Other => self.other,
        }
    }
}

/// How many fraction digits the number is shown with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shown {
    /// As `Intl.PluralRules` reads a number by default: its own fraction, up to 3 digits.
    AsIs,
    /// With exactly this many digits, so "1,0" (1 shown with one decimal) is a fraction.
    Decimals(u8),
}

/// The form of `forms` for `n`, a count shown as it is (`2`, `21`, `1,5`).
pub fn plural(lang: Lang, n: f64, forms: PluralForms) -> &'static str {
    forms.get(category(lang, n, Shown::AsIs))
}

/// The form of `forms` for `n` shown with `decimals` fraction digits ("6,7 месяца",
/// "1,0 месяца").
pub fn plural_shown(lang: Lang, n: f64, decimals: usize, forms: PluralForms) -> &'static str {
    // The word goes with the number as shown: 21,5 shown without decimals is "22".
    let n = round_half_up(n, decimals).map_or(n, |r| r.to_f64());
    let decimals = u8::try_from(decimals).unwrap_or(u8::MAX);
    forms.get(category(lang, n, Shown::Decimals(decimals)))
}

/// The plural category of `n` as shown: the browser's `Intl.PluralRules` in the app.
#[cfg(target_arch = "wasm32")]
pub fn category(lang: Lang, n: f64, shown: Shown) -> PluralCategory {
    browser::category(lang, n, shown)
}

/// The plural category of `n` as shown: natively the CLDR rules in Rust.
#[cfg(not(target_arch = "wasm32"))]
pub fn category(lang: Lang, n: f64, shown: Shown) -> PluralCategory {
    cldr_category(lang, n, shown)
}

/// The CLDR plural rules of ru and en (unicode.org/cldr plurals), on the operands of `n` as
/// shown: `i` its whole part, `v` its count of visible fraction digits.
pub fn cldr_category(lang: Lang, n: f64, shown: Shown) -> PluralCategory {
    let (min_decimals, max_decimals) = match shown {
        Shown::AsIs => (0, 3),
        Shown::Decimals(d) => (d, d),
    };
    let scale = 10f64.powi(i32::from(max_decimals));
    let scaled = (n.abs() * scale).round();
    let has_fraction = min_decimals > 0 || scaled % scale != 0.0;
    // Saturating: beyond u64 the last digits do not matter to a word form.
    let i = (scaled / scale).trunc() as u64;
    if has_fraction {
        return PluralCategory::Other;
    }
    match lang {
        Lang::En if i == 1 => PluralCategory::One,
        Lang::En => PluralCategory::Other,
        Lang::Ru => match (i % 10, i % 100) {
            (1, last_two) if last_two != 11 => PluralCategory::One,
            (2..=4, last_two) if !(12..=14).contains(&last_two) => PluralCategory::Few,
            _ => PluralCategory::Many,
        },
    }
}

#[cfg(target_arch = "wasm32")]
mod browser {
    use std::cell::RefCell;

    use js_sys::Intl::{PluralRules, PluralRulesOptions};
    use wasm_bindgen::JsValue;

    use super::{Lang, PluralCategory, Shown};

    thread_local! {
        /// One `Intl.PluralRules` per language and way of showing, made on first use.
        static RULES: RefCell<Vec<((Lang, Shown), PluralRules)>> = const { RefCell::new(Vec::new()) };
    }

    pub fn category(lang: Lang, n: f64, shown: Shown) -> PluralCategory {
        RULES.with(|rules| {
            let mut rules = rules.borrow_mut();
            let index = match rules.iter().position(|(key, _)| *key == (lang, shown)) {
                Some(index) => index,
                None => {
                    rules.push(((lang, shown), new_rules(lang, shown)));
                    rules.len() - 1
                }
            };
            PluralCategory::from_cldr_name(&String::from(rules[index].1.select(n)))
        })
    }

    fn new_rules(lang: Lang, shown: Shown) -> PluralRules {
        let locales = js_sys::Array::of1(&JsValue::from_str(lang.code()));
        let options = PluralRulesOptions::new();
        if let Shown::Decimals(d) = shown {
            options.set_minimum_fraction_digits(d);
            options.set_maximum_fraction_digits(d);
        }
        PluralRules::new(&locales, &options)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The numbers the browser test checks Intl against, with their CLDR categories.
    const RU: [(f64, PluralCategory); 14] = {
        use PluralCategory::*;
        [
            (0.0, Many),
            (1.0, One),
            (2.0, Few),
            (4.0, Few),
            (5.0, Many),
            (11.0, Many),
            (12.0, Many),
            (14.0, Many),
            (21.0, One),
            (22.0, Few),
            (25.0, Many),
            (101.0, One),
            (111.0, Many),
            (1.5, Other),
        ]
    };

    #[test]
    fn russian_rule() {
        for (n, want) in RU {
            assert_eq!(cldr_category(Lang::Ru, n, Shown::AsIs), want, "{n}");
        }
        assert_eq!(
            cldr_category(Lang::Ru, -21.0, Shown::AsIs),
            PluralCategory::One
        );
    }

    #[test]
    fn english_rule() {
        for (n, _) in RU {
            let want = if n == 1.0 {
                PluralCategory::One
            } else {
                PluralCategory::Other
            };
            assert_eq!(cldr_category(Lang::En, n, Shown::AsIs), want, "{n}");
        }
    }

    #[test]
    fn shown_decimals_decide_the_fraction() {
        let ru = |n, shown| cldr_category(Lang::Ru, n, shown);
        // "1,0" is a fraction; 1.04 shown without decimals is "1".
        assert_eq!(ru(1.0, Shown::Decimals(1)), PluralCategory::Other);
        assert_eq!(ru(1.04, Shown::Decimals(0)), PluralCategory::One);
        assert_eq!(ru(1.04, Shown::Decimals(1)), PluralCategory::Other);
        // By default three digits count, as in Intl: 2.0004 reads 2.
        assert_eq!(ru(2.0004, Shown::AsIs), PluralCategory::Few);
        assert_eq!(ru(2.004, Shown::AsIs), PluralCategory::Other);
    }

    #[test]
    fn forms_by_case() {
        let genitive = PluralForms {
            one: "клиента",
            few: "клиентов",
            many: "клиентов",
            other: "клиента",
        };
        let after_u: Vec<_> = [1.0, 2.0, 5.0, 21.0]
            .map(|n| plural(Lang::Ru, n, genitive))
            .into();
        assert_eq!(after_u, ["клиента", "клиентов", "клиентов", "клиента"]);
        let en = PluralForms::en("client", "clients");
        assert_eq!(plural(Lang::En, 1.0, en), "client");
        assert_eq!(plural(Lang::En, 21.0, en), "clients");
        assert_eq!(plural_shown(Lang::En, 1.0, 1, en), "clients");
        // The form follows the number as shown, rounded half up: 21,5 -> "22", 0,5 -> "1".
        let ru = PluralForms {
            one: "клиент",
            few: "клиента",
            many: "клиентов",
            other: "клиента",
        };
        assert_eq!(plural_shown(Lang::Ru, 21.5, 0, ru), "клиента");
        assert_eq!(plural_shown(Lang::Ru, 20.5, 0, ru), "клиент");
        assert_eq!(plural_shown(Lang::En, 0.5, 0, en), "client");
    }
}
