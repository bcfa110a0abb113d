//! Which column holds what: guessed from Russian and English headers, then from the cells.

use serde::{Deserialize, Serialize};

use super::amount::{parse_amount, Decimal};
use super::csv::{Dialect, Preview};
use super::dates::parse_date;
use crate::model::validation::{FieldError, Problem};

/// What a column means to the import.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Role {
    Client,
    Date,
    Amount,
    Manager,
    Segment,
    Product,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Client,
        Role::Date,
        Role::Amount,
        Role::Manager,
        Role::Segment,
        Role::Product,
    ];

    /// Client, date and amount must be mapped; the others are optional.
    pub fn required(self) -> bool {
        matches!(self, Role::Client | Role::Date | Role::Amount)
    }

    /// `data-testid` of the column picker for this role.
    pub fn field_id(self) -> &'static str {
        match self {
            Role::Client => "map-client",
            Role::Date => "map-date",
            Role::Amount => "map-amount",
            Role::Manager => "map-manager",
            Role::Segment => "map-segment",
            Role::Product => "map-product",
        }
    }

    /// Normalized header words that name this role, strongest first.
    fn keywords(self) -> &'static [&'static str] {
        match self {
            Role::Client => &[
                "клиент",
                "код клиента",
                "id клиента",
                "контрагент",
                "покупатель",
                "заказчик",
                "инн",
                "партнер",
                "абонент",
                "client",
                "customer",
                "customer id",
                "client id",
                "customerid",
                "clientid",
                "cust id",
                "buyer",
                "account",
                "account id",
            ],
            Role::Date => &[
                "дата",
                "дата продажи",
                "дата заказа",
                "дата документа",
                "дата покупки",
                "дата отгрузки",
                "период",
                "date",
                "order date",
                "invoice date",
                "purchase date",
                "transaction date",
                "datetime",
                "timestamp",
                "day",
            ],
            Role::Amount => &[
                "сумма",
                "выручка",
                "сумма продажи",
                "сумма заказа",
                "стоимость",
                "итого",
                "оборот",
                "сумма с ндс",
                "amount",
                "revenue",
                "sales",
                "total",
                "sum",
                "value",
                "order value",
                "monetary",
                "price",
            ],
            Role::Manager => &[
                "менеджер",
                "ответственный",
                "продавец",
                "сотрудник",
                "агент",
                "manager",
                "salesperson",
                "sales rep",
                "rep",
                "owner",
                "seller",
                "agent",
            ],
            Role::Segment => &[
                "сегмент",
                "тип клиента",
                "категория клиента",
                "канал",
                "группа клиентов",
                "segment",
                "customer type",
                "client type",
                "channel",
                "customer group",
                "tier",
            ],
            Role::Product => &[
                "товар",
                "номенклатура",
                "продукт",
                "услуга",
                "артикул",
                "наименование товара",
                "product",
                "item",
                "sku",
                "product name",
                "service",
            ],
        }
    }
}

/// The chosen column (0-based) of each role; `None` = not in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ColumnMapping {
    pub client: Option<usize>,
    pub date: Option<usize>,
    pub amount: Option<usize>,
    pub manager: Option<usize>,
    pub segment: Option<usize>,
    pub product: Option<usize>,
}

impl ColumnMapping {
    pub fn get(&self, role: Role) -> Option<usize> {
        match role {
            Role::Client => self.client,
            Role::Date => self.date,
            Role::Amount => self.amount,
            Role::Manager => self.manager,
            Role::Segment => self.segment,
            Role::Product => self.product,
        }
    }

    pub fn set(&mut self, role: Role, column: Option<usize>) {
        let slot = match role {
            Role::Client => &mut self.client,
            Role::Date => &mut self.date,
            Role::Amount => &mut self.amount,
            Role::Manager => &mut self.manager,
            Role::Segment => &mut self.segment,
            Role::Product => &mut self.product,
        };
        *slot = column;
    }

    /// Required roles are mapped and every column exists. Errors name `map-<role>`;
    /// a column past the end is `OutOfRange` with 1-based bounds, as the UI numbers columns.
    pub fn validate(&self, column_count: usize) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        for role in Role::ALL {
            match self.get(role) {
                None if role.required() => {
                    errors.push(FieldError::new(role.field_id(), Problem::Empty));
                }
                Some(c) if c >= column_count => errors.push(FieldError::new(
                    role.field_id(),
                    Problem::OutOfRange {
                        min: 1.0,
                        max: column_count as f64,
                    },
                )),
                _ => {}
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// The number of fields a row needs so every mapped column exists.
    pub fn needed_columns(&self) -> usize {
        Role::ALL
            .iter()
            .filter_map(|&r| self.get(r))
            .max()
            .map_or(0, |c| c + 1)
    }
}

/// Lower case, `ё` -> `е`, punctuation and `_` as spaces, single spaces.
fn normalize(header: &str) -> String {
    let lowered: String = header
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'ё' => 'е',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    lowered.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How well a header names a role: exact keyword 100, starts with one 60, contains one 40+.
fn header_score(header: &str, role: Role) -> u32 {
    let h = normalize(header);
    if h.is_empty() {
        return 0;
    }
    let words: Vec<&str> = h.split(' ').collect();
    role.keywords()
        .iter()
        .map(|&k| {
            if h == k {
                100
            } else if h.starts_with(k) && words.first().is_some_and(|w| k.starts_with(w)) {
                60 + k.len() as u32
            } else if contains_words(&h, k) {
                40 + k.len() as u32
            } else {
                0
            }
        })
        .max()
        .unwrap_or(0)
}

/// `needle` occurs in `hay` as whole words (so "rep" does not match "report").
fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| {
        let before = hay[..i].chars().next_back().is_none_or(|c| c == ' ');
        let after = hay[i + needle.len()..]
            .chars()
            .next()
            .is_none_or(|c| c == ' ');
        before && after
    })
}

/// Maps roles from header names alone: the best-scoring (header, role) pairs first, each
/// column and each role used once.
pub fn guess_from_headers(headers: &[String]) -> ColumnMapping {
    let mut pairs: Vec<(u32, usize, Role)> = Vec::new();
    for (column, header) in headers.iter().enumerate() {
        for role in Role::ALL {
            let score = header_score(header, role);
            if score > 0 {
                pairs.push((score, column, role));
            }
        }
    }
    // Highest score first; on a tie the leftmost column.
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut mapping = ColumnMapping::default();
    let mut used = vec![false; headers.len()];
    for (_, column, role) in pairs {
        if mapping.get(role).is_none() && !used[column] {
            mapping.set(role, Some(column));
            used[column] = true;
        }
    }
    mapping
}

/// Guesses the mapping for the preview: headers first, then the cells for any required
/// role still missing (the date column is where dates parse, the amount column the numeric
/// column with fractions, the client the first column left with text in it).
pub fn guess_mapping(preview: &Preview, dialect: &Dialect) -> ColumnMapping {
    let mut mapping = guess_from_headers(&preview.headers);
    let columns = preview.column_count;
    let share = |column: usize, test: &dyn Fn(&str) -> bool| -> f64 {
        let cells: Vec<&str> = preview
            .rows
            .iter()
            .filter_map(|r| r.get(column).map(String::as_str))
            .filter(|c| !c.trim().is_empty())
            .collect();
        if cells.is_empty() {
            return 0.0;
        }
        cells.iter().filter(|c| test(c)).count() as f64 / cells.len() as f64
    };
    let is_date = |c: &str| parse_date(c, dialect.slash_dates).is_ok();
    let is_amount = |c: &str| parse_amount(c, dialect.decimal).is_some();
    let has_fraction = |c: &str| {
        let sep = match dialect.decimal {
            Decimal::Comma => ',',
            Decimal::Point => '.',
        };
        is_amount(c) && c.contains(sep)
    };
    let free = |m: &ColumnMapping, c: usize| Role::ALL.iter().all(|&r| m.get(r) != Some(c));

    if mapping.date.is_none() {
        mapping.date = (0..columns)
            .filter(|&c| free(&mapping, c))
            .find(|&c| share(c, &is_date) >= 0.8);
    }
    if mapping.amount.is_none() {
        let numeric: Vec<usize> = (0..columns)
            .filter(|&c| free(&mapping, c) && share(c, &is_amount) >= 0.8)
            .collect();
        mapping.amount = numeric
            .iter()
            .copied()
            .max_by(|&a, &b| share(a, &has_fraction).total_cmp(&share(b, &has_fraction)))
            .filter(|&c| share(c, &has_fraction) > 0.0)
            .or_else(|| numeric.last().copied());
    }
    if mapping.client.is_none() {
        mapping.client = (0..columns).find(|&c| free(&mapping, c) && share(c, &|_| true) > 0.0);
    }
    mapping
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::clients::csv::{preview, sniff};

    fn headers(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn russian_headers() {
        let m = guess_from_headers(&headers(&[
            "Дата документа",
            "Контрагент",
            "Номенклатура",
            "Менеджер клиента",
            "Сумма, руб.",
            "Сегмент",
        ]));
        assert_eq!(m.date, Some(0));
        assert_eq!(m.client, Some(1));
        assert_eq!(m.product, Some(2));
        assert_eq!(m.manager, Some(3));
        assert_eq!(m.amount, Some(4));
        assert_eq!(m.segment, Some(5));
    }

    #[test]
    fn english_headers() {
        let m = guess_from_headers(&headers(&[
            "Customer_ID",
            "Order Date",
            "Sales Rep",
            "Report",
            "Total",
        ]));
        assert_eq!(m.client, Some(0));
        assert_eq!(m.date, Some(1));
        assert_eq!(m.manager, Some(2));
        assert_eq!(m.amount, Some(4));
        assert_eq!(m.product, None);
    }

    #[test]
    fn cells_fill_what_headers_miss() {
        let text = "0001,19970101,2,29.33\n0001,19970118,2,29.73\n0002,19970112,5,77.00\n";
        let d = sniff(text);
        let m = guess_mapping(&preview(text, &d, 10), &d);
        assert_eq!((m.client, m.date, m.amount), (Some(0), Some(1), Some(3)));
    }

    #[test]
    fn validate_names_fields() {
        let m = ColumnMapping {
            client: Some(0),
            amount: Some(5),
            ..Default::default()
        };
        let errors = m.validate(3).unwrap_err();
        assert_eq!(errors[0], FieldError::new("map-date", Problem::Empty));
        assert_eq!(
            errors[1],
            FieldError::new("map-amount", Problem::OutOfRange { min: 1.0, max: 3.0 })
        );
        assert_eq!(m.needed_columns(), 6);
    }
}
