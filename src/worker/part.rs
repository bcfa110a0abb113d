//! A helper's piece of the file on its way back to the worker: the counts and the names as
//! JSON ([`PartMeta`]), the rows as bytes (16 a row, 12 more with tags) transferred without
//! a copy. JSON for a million numbers would cost more than reading them did.

use serde::{Deserialize, Serialize};

use crate::model::clients::parse::{
    ParseOutcome, PartOutcome, RejectGroup, Tags, Transaction, TransactionSet,
};

const TRANSACTION_BYTES: usize = 16;
const TAGS_BYTES: usize = 12;

/// Everything of a [`PartOutcome`] but its rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartMeta {
    pub transactions: usize,
    pub has_tags: bool,
    pub client_ids: Vec<String>,
    pub managers: Vec<String>,
    pub segments: Vec<String>,
    pub products: Vec<String>,
    pub rejected: Vec<RejectGroup>,
    pub rows_read: usize,
    pub blank_rows: usize,
    pub zero_amount_rows: usize,
    pub negative_total: f64,
    pub columns: usize,
    pub lines: usize,
    pub ends_in_open_quote: bool,
    /// The helper's memory at the end, for the timings.
    pub memory_bytes: f64,
}

/// Splits a piece into what goes as JSON and the rows' bytes.
pub fn pack(part: PartOutcome) -> (PartMeta, Vec<u8>) {
    let o = part.outcome;
    let d = o.data;
    let has_tags = !d.tags.is_empty();
    let mut bytes =
        Vec::with_capacity(d.transactions.len() * TRANSACTION_BYTES + d.tags.len() * TAGS_BYTES);
    for t in &d.transactions {
        bytes.extend_from_slice(&t.amount.to_le_bytes());
        bytes.extend_from_slice(&t.client.to_le_bytes());
        bytes.extend_from_slice(&t.day.to_le_bytes());
    }
    for t in &d.tags {
        bytes.extend_from_slice(&t.manager.to_le_bytes());
        bytes.extend_from_slice(&t.segment.to_le_bytes());
        bytes.extend_from_slice(&t.product.to_le_bytes());
    }
    let meta = PartMeta {
        transactions: d.transactions.len(),
        has_tags,
        client_ids: d.client_ids,
        managers: d.managers,
        segments: d.segments,
        products: d.products,
        rejected: o.rejected,
        rows_read: o.rows_read,
        blank_rows: o.blank_rows,
        zero_amount_rows: o.zero_amount_rows,
        negative_total: o.negative_total,
        columns: part.columns,
        lines: part.lines,
        ends_in_open_quote: part.ends_in_open_quote,
        memory_bytes: 0.0,
    };
    (meta, bytes)
}

fn word4(bytes: &[u8], at: usize) -> [u8; 4] {
    let mut w = [0u8; 4];
    w.copy_from_slice(&bytes[at..at + 4]);
    w
}

/// The piece again; `None` when the bytes do not have the size the counts say.
pub fn unpack(meta: PartMeta, bytes: &[u8]) -> Option<PartOutcome> {
    let n = meta.transactions;
    let tags_len = if meta.has_tags { n } else { 0 };
    if bytes.len() != n * TRANSACTION_BYTES + tags_len * TAGS_BYTES {
        return None;
    }
    let (rows, tag_bytes) = bytes.split_at(n * TRANSACTION_BYTES);
    let transactions = rows
        .chunks_exact(TRANSACTION_BYTES)
        .map(|r| {
            let mut amount = [0u8; 8];
            amount.copy_from_slice(&r[..8]);
            Transaction {
                amount: f64::from_le_bytes(amount),
                client: u32::from_le_bytes(word4(r, 8)),
                day: i32::from_le_bytes(word4(r, 12)),
            }
        })
        .collect();
    let tags = tag_bytes
        .chunks_exact(TAGS_BYTES)
        .map(|r| Tags {
            manager: u32::from_le_bytes(word4(r, 0)),
            segment: u32::from_le_bytes(word4(r, 4)),
            product: u32::from_le_bytes(word4(r, 8)),
        })
        .collect();
    Some(PartOutcome {
        outcome: ParseOutcome {
            data: TransactionSet {
                transactions,
                tags,
                client_ids: meta.client_ids,
                managers: meta.managers,
                segments: meta.segments,
                products: meta.products,
            },
            rejected: meta.rejected,
            rows_read: meta.rows_read,
            blank_rows: meta.blank_rows,
            zero_amount_rows: meta.zero_amount_rows,
            negative_total: meta.negative_total,
        },
        columns: meta.columns,
        lines: meta.lines,
        ends_in_open_quote: meta.ends_in_open_quote,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::clients::parse::{parse_part, Part};
    use crate::model::clients::{guess_mapping, preview, sniff};

    #[test]
    fn a_piece_survives_packing_with_and_without_tags() {
        for text in [
            "Клиент;Дата;Сумма;Менеджер\nА;01.02.2024;10,5;Иванов\nБ;x;1;Петров\nА;02.02.2024;0;\n",
            "client,date,amount\nA,2024-02-01,10.5\nB,2024-02-02,-1\n",
        ] {
            let d = sniff(text);
            let m = guess_mapping(&preview(text, &d, 10), &d);
            let part = parse_part(text, &d, &m, Part::First, &mut |_| true).unwrap();
            let (meta, bytes) = pack(part.clone());
            assert_eq!(meta.has_tags, text.contains("Менеджер"));
            let back = unpack(meta.clone(), &bytes).unwrap();
            assert_eq!(back, part);
            assert_eq!(
                unpack(meta, &bytes[1..]),
                None,
                "a short payload is refused"
            );
        }
    }
}
