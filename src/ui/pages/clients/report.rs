//! What the results blocks of the clients page share: the report they show and the test
//! ids made from the model's names.

use std::rc::Rc;

use chrono::Datelike;
use yew::prelude::*;

use crate::i18n::Lang;
use crate::model::clients::dates::date_of;
use crate::model::clients::ClientsReport;

#[derive(Properties, PartialEq)]
pub struct ReportProps {
    pub report: Rc<ClientsReport>,
}

/// A day number as the locale writes a date: `31.12.2024`, `2024-12-31`.
pub fn date_text(day: i32, lang: Lang) -> String {
    let date = date_of(day);
    let (y, m, d) = (date.year(), date.month(), date.day());
    match lang {
        Lang::Ru => format!("{d:02}.{m:02}.{y:04}"),
        Lang::En => format!("{y:04}-{m:02}-{d:02}"),
    }
}

/// A test id part from a variant's name: `DateOutOfRange` -> `date-out-of-range`.
pub fn kebab(name: &str) -> String {
    let mut out = String::with_capacity(name.len() + 4);
    for (i, c) in name.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            out.push('-');
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}
