//! A helper's piece of the file on its way back to the worker: the counts and the names as
//! JSON ([`PartMeta`]), the rows as bytes (16 a row, 12 more with tags) transferred without
//! a copy. JSON for a million numbers would cost more than reading them did. The bytes are
//! written (and read back) a block at a time, so neither worker holds the rows twice: the
//! helper packs straight into the buffer it sends, the worker unpacks straight into its rows.

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

/// A piece's rows on their way out, packed a block at a time (see [`PackedRows::write`]),
/// so the helper never holds them twice.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PackedRows {
    transactions: Vec<Transaction>,
    tags: Vec<Tags>,
}

/// Rows packed (and unpacked) per block: 64 KB of bytes at a time.
const BLOCK_ROWS: usize = 4096;

impl PackedRows {
    /// The bytes [`PackedRows::write`] gives in all.
    pub fn byte_len(&self) -> usize {
        packed_len(self.transactions.len(), !self.tags.is_empty())
    }

    /// Gives the packed bytes to `out` a block at a time, with each block's offset.
    pub fn write(&self, out: &mut dyn FnMut(usize, &[u8])) {
        write_rows(&self.transactions, out);
        let at = self.transactions.len() * TRANSACTION_BYTES;
        write_tags(&self.tags, &mut |offset, block| out(at + offset, block));
    }

    /// All the bytes in one buffer (tests).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = vec![0; self.byte_len()];
        self.write(&mut |at, block| bytes[at..at + block.len()].copy_from_slice(block));
        bytes
    }
}

/// Gives rows packed to `out` a block at a time, with each block's offset from the first.
fn write_rows(transactions: &[Transaction], out: &mut dyn FnMut(usize, &[u8])) {
    write_records(transactions, out, |t: &Transaction| {
        let mut r = [0u8; TRANSACTION_BYTES];
        r[..8].copy_from_slice(&t.amount.to_le_bytes());
        r[8..12].copy_from_slice(&t.client.to_le_bytes());
        r[12..].copy_from_slice(&t.day.to_le_bytes());
        r
    });
}

/// Gives tags packed to `out` as [`write_rows`] does rows.
fn write_tags(tags: &[Tags], out: &mut dyn FnMut(usize, &[u8])) {
    write_records(tags, out, |t: &Tags| {
        let mut r = [0u8; TAGS_BYTES];
        r[..4].copy_from_slice(&t.manager.to_le_bytes());
        r[4..8].copy_from_slice(&t.segment.to_le_bytes());
        r[8..].copy_from_slice(&t.product.to_le_bytes());
        r
    });
}

/// Packs `items` `N` bytes each with `record`, giving `out` a block ([`BLOCK_ROWS`]) at a time.
fn write_records<T, const N: usize>(
    items: &[T],
    out: &mut dyn FnMut(usize, &[u8]),
    record: impl Fn(&T) -> [u8; N],
) {
    let mut block = Vec::with_capacity(BLOCK_ROWS * N);
    let mut at = 0;
    for rows in items.chunks(BLOCK_ROWS) {
        block.clear();
        for item in rows {
            block.extend_from_slice(&record(item));
        }
        out(at, &block);
        at += block.len();
    }
}

/// The bytes of `rows` rows packed, with their tags or without.
pub fn packed_len(rows: usize, has_tags: bool) -> usize {
    rows * TRANSACTION_BYTES + if has_tags { rows * TAGS_BYTES } else { 0 }
}

/// Splits a piece into what goes as JSON and its rows.
pub fn pack(part: PartOutcome) -> (PartMeta, PackedRows) {
    let o = part.outcome;
    let d = o.data;
    let meta = PartMeta {
        transactions: d.transactions.len(),
        has_tags: !d.tags.is_empty(),
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
    let rows = PackedRows {
        transactions: d.transactions,
        tags: d.tags,
    };
    (meta, rows)
}

/// Packed bytes where they are: a slice, or (in the worker) the buffer the helper sent,
/// copied out a block at a time.
pub trait PackedBytes {
    fn byte_len(&self) -> usize;
    /// Copies bytes `at..at + out.len()` into `out`.
    fn copy_to(&self, at: usize, out: &mut [u8]);
}

/// Packed bytes in a slice.
pub struct Slice<'a>(pub &'a [u8]);

impl PackedBytes for Slice<'_> {
    fn byte_len(&self) -> usize {
        self.0.len()
    }

    fn copy_to(&self, at: usize, out: &mut [u8]) {
        out.copy_from_slice(&self.0[at..at + out.len()]);
    }
}

/// The fixed-size records of `bytes[start..start + count * N]`, read a block at a time.
struct Records<'a, const N: usize> {
    bytes: &'a dyn PackedBytes,
    next: usize,
    end: usize,
    block: Vec<u8>,
    pos: usize,
}

impl<'a, const N: usize> Records<'a, N> {
    fn new(bytes: &'a dyn PackedBytes, start: usize, count: usize) -> Self {
        Records {
            bytes,
            next: start,
            end: start + count * N,
            block: Vec::new(),
            pos: 0,
        }
    }
}

impl<const N: usize> Iterator for Records<'_, N> {
    type Item = [u8; N];

    #[inline]
    fn next(&mut self) -> Option<[u8; N]> {
        if self.pos >= self.block.len() {
            if self.next >= self.end {
                return None;
            }
            let take = (self.end - self.next).min(BLOCK_ROWS * N);
            self.block.resize(take, 0);
            self.bytes.copy_to(self.next, &mut self.block);
            self.next += take;
            self.pos = 0;
        }
        let mut record = [0u8; N];
        record.copy_from_slice(&self.block[self.pos..self.pos + N]);
        self.pos += N;
        Some(record)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = (self.end - self.next + self.block.len() - self.pos) / N;
        (left, Some(left))
    }
}

fn word4(bytes: &[u8], at: usize) -> [u8; 4] {
    let mut w = [0u8; 4];
    w.copy_from_slice(&bytes[at..at + 4]);
    w
}

/// A packed piece, its rows still in the bytes: [`LaterPart::rows`] and
/// [`LaterPart::tags`] read them a block at a time.
pub struct LaterPart<'a> {
    /// The piece without its rows.
    pub part: PartOutcome,
    bytes: &'a dyn PackedBytes,
    rows: usize,
    has_tags: bool,
}

impl<'a> LaterPart<'a> {
    /// `None` when the bytes do not have the size the counts say.
    pub fn new(meta: PartMeta, bytes: &'a dyn PackedBytes) -> Option<Self> {
        let n = meta.transactions;
        if bytes.byte_len() != packed_len(n, meta.has_tags) {
            return None;
        }
        Some(LaterPart {
            part: PartOutcome {
                outcome: ParseOutcome {
                    data: TransactionSet {
                        transactions: Vec::new(),
                        tags: Vec::new(),
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
                client_index: Default::default(),
            },
            bytes,
            rows: n,
            has_tags: meta.has_tags,
        })
    }

    /// How many rows the piece has.
    pub fn row_count(&self) -> usize {
        self.rows
    }

    /// The piece's rows, in file order.
    pub fn rows(&self) -> impl Iterator<Item = Transaction> + 'a {
        Records::<'a, TRANSACTION_BYTES>::new(self.bytes, 0, self.rows).map(|r| {
            let mut amount = [0u8; 8];
            amount.copy_from_slice(&r[..8]);
            Transaction {
                amount: f64::from_le_bytes(amount),
                client: u32::from_le_bytes(word4(&r, 8)),
                day: i32::from_le_bytes(word4(&r, 12)),
            }
        })
    }

    /// The piece's tags (none when it has no tag columns).
    pub fn tags(&self) -> impl Iterator<Item = Tags> + 'a {
        let count = if self.has_tags { self.rows } else { 0 };
        Records::<'a, TAGS_BYTES>::new(self.bytes, self.rows * TRANSACTION_BYTES, count).map(|r| {
            Tags {
                manager: u32::from_le_bytes(word4(&r, 0)),
                segment: u32::from_le_bytes(word4(&r, 4)),
                product: u32::from_le_bytes(word4(&r, 8)),
            }
        })
    }

    /// The whole piece in memory (tests).
    pub fn unpacked(self) -> PartOutcome {
        let transactions = self.rows().collect();
        let tags = self.tags().collect();
        let mut part = self.part;
        part.outcome.data.transactions = transactions;
        part.outcome.data.tags = tags;
        part
    }
}

/// The piece again; `None` when the bytes do not have the size the counts say.
pub fn unpack(meta: PartMeta, bytes: &[u8]) -> Option<PartOutcome> {
    LaterPart::new(meta, &Slice(bytes)).map(LaterPart::unpacked)
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
            let (meta, rows) = pack(part.clone());
            let bytes = rows.to_bytes();
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
