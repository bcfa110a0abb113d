//! Currencies a plan can be kept in.

use serde::{Deserialize, Serialize};

/// The currency of a plan; chosen per plan, used by every money figure of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Currency {
    #[default]
    RUB,
    USD,
    EUR,
    KZT,
}

impl Currency {
    pub const ALL: [Currency; 4] = [Currency::RUB, Currency::USD, Currency::EUR, Currency::KZT];

    /// ISO 4217 code.
    pub fn code(self) -> &'static str {
        match self {
            Currency::RUB => "RUB",
            Currency::USD => "USD",
            Currency::EUR => "EUR",
            Currency::KZT => "KZT",
        }
    }

    pub fn symbol(self) -> &'static str {
        match self {
            Currency::RUB => "₽",
            Currency::USD => "$",
            Currency::EUR => "€",
            Currency::KZT => "₸",
        }
    }

    pub fn from_code(code: &str) -> Option<Currency> {
        Currency::ALL.into_iter().find(|c| c.code() == code)
    }
}
