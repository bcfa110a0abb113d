//! Reading transactions: every data row becomes a [`Transaction`] or is counted under a
//! [`RejectReason`] with its first examples. Nothing is dropped silently.
//!
//! Amount policy: negative amounts (returns, corrections) are not purchases; they are rejected
//! as `NegativeAmount`, counted and shown like any other rejected row, and their sum is
//! reported so the UI can say how much was returned. Zero amounts (free items, promotional
//! orders) are kept as purchases, as in the published CDNOW data the CLV models are checked
//! against, and counted in [`ParseOutcome::zero_amount_rows`] so the UI can mention them.
//! Blank rows (empty or only delimiters, as Excel leaves them) are not data and are counted
//! separately.
//!
//! Column count policy: a row must have exactly as many fields as the header (or, without a
//! header, as the first row); extra fields that are all empty are allowed (trailing `;`).
//! A row with more or fewer fields would shift the columns, e.g. an unquoted decimal comma
//! `1,5` in a comma-separated file, and is rejected rather than read wrongly.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::amount::parse_amount;
use super::ascii::visible_ascii;
use super::csv::{field_text, is_blank, Dialect, Reader, RecordInfo, Span};
use super::dates::{parse_date, DateError};
use super::intern::{hash_text, little_endian_word, Interner};
use super::mapping::ColumnMapping;
use super::ImportError;
use crate::model::validation::MAX_AMOUNT;

/// Most data rows one import accepts.
pub const MAX_ROWS: usize = 5_000_000;
/// Examples kept per reject reason.
pub const EXAMPLES_PER_REASON: usize = 5;
/// Characters of a rejected row kept in its example.
pub const EXAMPLE_CHARS: usize = 200;
/// Progress is reported after every this many bytes.
const PROGRESS_STEP_BYTES: usize = 1 << 20;

/// One purchase (16 bytes: a million rows take 16 MB).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Transaction {
    /// Money of the purchase, >= 0, in the file's currency.
    pub amount: f64,
    /// Index into [`TransactionSet::client_ids`].
    pub client: u32,
    /// Days since 1970-01-01.
    pub day: i32,
}

/// The optional columns of one purchase, as numbers into the dictionaries of
/// [`TransactionSet`]; 0 = not given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tags {
    pub manager: u32,
    pub segment: u32,
    pub product: u32,
}

/// The imported purchases with their dictionaries.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TransactionSet {
    /// In file order.
    pub transactions: Vec<Transaction>,
    /// Parallel to `transactions` when a manager, segment or product column was mapped;
    /// empty otherwise (saving the memory).
    pub tags: Vec<Tags>,
    /// Client id texts, in order of first appearance.
    pub client_ids: Vec<String>,
    /// Manager names; entry 0 is "" (not given). Likewise `segments` and `products`.
    pub managers: Vec<String>,
    pub segments: Vec<String>,
    pub products: Vec<String>,
}

/// Rows grouped by client ([`TransactionSet::group_by_client`]): client `c`'s entries are
/// `items[offsets[c]..offsets[c + 1]]`, in file order.
pub struct ByClient<T> {
    pub offsets: Vec<u32>,
    pub items: Vec<T>,
}

impl<T> ByClient<T> {
    pub fn clients(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }
}

impl TransactionSet {
    /// How many clients the rows refer to: every id read (and, defensively, any number a
    /// row has past them).
    pub fn client_count(&self) -> usize {
        self.transactions
            .iter()
            .map(|t| t.client as usize + 1)
            .max()
            .unwrap_or(0)
            .max(self.client_ids.len())
    }

    /// The rows `keep` takes, grouped by client with a counting sort: O(rows), one buffer
    /// and no per-client vectors, sequential reads (the writes land in each client's run).
    /// `entry` makes a row's entry from its index and the row.
    pub fn group_by_client<T: Clone + Default>(
        &self,
        keep: impl Fn(&Transaction) -> bool,
        entry: impl Fn(usize, &Transaction) -> T,
    ) -> ByClient<T> {
        let clients = self.client_count();
        let mut offsets = vec![0u32; clients + 1];
        for t in self.transactions.iter().filter(|t| keep(t)) {
            offsets[t.client as usize + 1] += 1;
        }
        for c in 0..clients {
            offsets[c + 1] += offsets[c];
        }
        let mut next = offsets.clone();
        let mut items = vec![T::default(); offsets[clients] as usize];
        for (i, t) in self.transactions.iter().enumerate() {
            if keep(t) {
                let slot = &mut next[t.client as usize];
                items[*slot as usize] = entry(i, t);
                *slot += 1;
            }
        }
        ByClient { offsets, items }
    }

    /// Builds a set from `(client id, day, amount)` triples (for tests and demos).
    pub fn from_triples<'a>(rows: impl IntoIterator<Item = (&'a str, i32, f64)>) -> Self {
        let mut clients = Interner::new();
        let transactions = rows
            .into_iter()
            .map(|(id, day, amount)| Transaction {
                amount,
                client: clients.id(id),
                day,
            })
            .collect();
        TransactionSet {
            transactions,
            tags: Vec::new(),
            client_ids: clients.into_names(),
            managers: vec![String::new()],
            segments: vec![String::new()],
            products: vec![String::new()],
        }
    }
}

/// Why a data row was not imported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RejectReason {
    /// A quote was not closed, or text followed a closing quote.
    BadQuotes,
    /// More or fewer fields than the header.
    ColumnCount,
    MissingClient,
    MissingDate,
    /// The date is in none of the known formats.
    BadDate,
    /// A date that does not exist (31.02) or a year outside 1900..=2100.
    DateOutOfRange,
    MissingAmount,
    /// The amount is not a number.
    BadAmount,
    /// A return or correction (see the module's amount policy).
    NegativeAmount,
    /// Over 10^15, which no real purchase is.
    AmountTooLarge,
}

impl RejectReason {
    pub const ALL: [RejectReason; 10] = [
        RejectReason::BadQuotes,
        RejectReason::ColumnCount,
        RejectReason::MissingClient,
        RejectReason::MissingDate,
        RejectReason::BadDate,
        RejectReason::DateOutOfRange,
        RejectReason::MissingAmount,
        RejectReason::BadAmount,
        RejectReason::NegativeAmount,
        RejectReason::AmountTooLarge,
    ];

    fn index(self) -> usize {
        RejectReason::ALL
            .iter()
            .position(|&r| r == self)
            .unwrap_or(0)
    }
}

/// A rejected row as the UI shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectExample {
    /// 1-based line number in the file where the row starts.
    pub line: usize,
    /// The raw row, cut to [`EXAMPLE_CHARS`] characters (with `…` when cut).
    pub text: String,
}

/// All rows rejected for one reason.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RejectGroup {
    pub reason: RejectReason,
    pub count: usize,
    /// The first [`EXAMPLES_PER_REASON`] rows, in file order.
    pub examples: Vec<RejectExample>,
}

/// The result of an import.
#[derive(Debug, Clone, PartialEq)]
pub struct ParseOutcome {
    pub data: TransactionSet,
    /// Groups with at least one row, in the order of [`RejectReason::ALL`].
    pub rejected: Vec<RejectGroup>,
    /// Data rows read (imported + rejected), without the header and blank rows.
    pub rows_read: usize,
    pub blank_rows: usize,
    /// Imported rows with a zero amount (see the module's amount policy).
    pub zero_amount_rows: usize,
    /// Sum of the rejected negative amounts (a negative number or 0).
    pub negative_total: f64,
}

impl ParseOutcome {
    /// Rows not imported, all reasons together.
    pub fn rejected_rows(&self) -> usize {
        self.rejected.iter().map(|g| g.count).sum()
    }
}

/// Reads the transactions. `progress` gets the share of the text read (0..=1) about every
/// megabyte and returns `false` to cancel ([`ImportError::Cancelled`]).
///
/// Errors: a mapping that does not fit the columns ([`ImportError::Mapping`]), no data rows
/// ([`ImportError::NoDataRows`]), more than [`MAX_ROWS`] rows ([`ImportError::TooManyRows`]).
pub fn parse_transactions(
    text: &str,
    dialect: &Dialect,
    mapping: &ColumnMapping,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<ParseOutcome, ImportError> {
    parse_with_limit(text, dialect, mapping, MAX_ROWS, progress)
}

/// [`parse_transactions`] with a row limit of choice (tests use a small one).
fn parse_with_limit(
    text: &str,
    dialect: &Dialect,
    mapping: &ColumnMapping,
    max_rows: usize,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<ParseOutcome, ImportError> {
    let lines = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut parser = StreamParser::new(*dialect, *mapping, lines + lines / 50);
    parser.max_rows = max_rows;
    parser.feed(text, true, progress)?;
    parser.finish()
}

/// Reads a file fed a chunk at a time, in the style of csv-core: only a chunk of its text
/// is in memory at once. Each chunk is read up to its last complete record; the caller
/// keeps the rest and gives it again at the start of the next chunk
/// ([`StreamParser::feed`] says how much it took).
pub struct StreamParser {
    dialect: Dialect,
    mapping: ColumnMapping,
    reserve_rows: usize,
    max_rows: usize,
    /// Created at the first record (when the column count is known).
    rows: Option<RowReader>,
    blank_rows: usize,
    /// Line breaks in the text taken so far.
    lines: usize,
    fields: Vec<Span>,
}

impl StreamParser {
    /// `reserve_rows`: the rows the file is expected to hold (room made at once: growing a
    /// large Vec copies it and briefly doubles its memory).
    pub fn new(dialect: Dialect, mapping: ColumnMapping, reserve_rows: usize) -> Self {
        StreamParser {
            dialect,
            mapping,
            reserve_rows,
            max_rows: MAX_ROWS,
            rows: None,
            blank_rows: 0,
            lines: 0,
            fields: Vec::with_capacity(16),
        }
    }

    /// Reads the records of `text` (the next chunk, after the rest the previous call did
    /// not take). Unless `last`, a record that may go on in the next chunk (the final one,
    /// or one whose quoted field is still open) is left: returns the bytes taken.
    pub fn feed(
        &mut self,
        text: &str,
        last: bool,
        progress: &mut dyn FnMut(f64) -> bool,
    ) -> Result<usize, ImportError> {
        let taken = self.feed_records(text, last, progress);
        // The clients still waiting for their numbers point into this text.
        if let Some(rows) = self.rows.as_mut() {
            rows.number_clients(text);
        }
        taken
    }

    fn feed_records(
        &mut self,
        text: &str,
        last: bool,
        progress: &mut dyn FnMut(f64) -> bool,
    ) -> Result<usize, ImportError> {
        let mut reader = Reader::new(text, self.dialect.delimiter);
        let mut next_report = PROGRESS_STEP_BYTES;
        let line_offset = self.lines;
        while let Some(mut info) = reader.next_record(&mut self.fields) {
            // Ran into the end of the text without a line break, or inside quotes.
            let unfinished = reader.ended_in_open_quote()
                || (reader.position() >= text.len() && !text.ends_with('\n'));
            if unfinished && !last {
                self.lines = line_offset + info.line - 1;
                return Ok(info.start);
            }
            info.line += line_offset;
            if is_blank(text, &self.fields) {
                self.blank_rows += 1;
                continue;
            }
            let Some(rows) = self.rows.as_mut() else {
                self.start(text, info)?;
                continue;
            };
            if rows.rows_read >= self.max_rows {
                return Err(ImportError::TooManyRows {
                    max_rows: self.max_rows,
                });
            }
            rows.take(text, &self.fields, info);
            if reader.position() >= next_report {
                next_report = reader.position() + PROGRESS_STEP_BYTES;
                if !progress(reader.position() as f64 / text.len().max(1) as f64) {
                    return Err(ImportError::Cancelled);
                }
            }
        }
        self.lines = line_offset + reader.line_breaks();
        progress(1.0);
        Ok(text.len())
    }

    /// The first non-blank record fixes the column count; it is the header, or data when
    /// the dialect says there is none.
    fn start(&mut self, text: &str, info: RecordInfo) -> Result<(), ImportError> {
        let columns = self.fields.len();
        self.mapping
            .validate(columns)
            .map_err(ImportError::Mapping)?;
        let mut rows = RowReader::new(self.dialect, self.mapping, columns, self.reserve_rows);
        if !self.dialect.has_header {
            rows.take(text, &self.fields, info);
        }
        self.rows = Some(rows);
        Ok(())
    }

    /// The file read. A file without a data row is [`ImportError::NoDataRows`].
    pub fn finish(self) -> Result<ParseOutcome, ImportError> {
        let rows = self.rows.ok_or(ImportError::NoDataRows)?;
        let outcome = rows.finish(self.blank_rows);
        if outcome.rows_read == 0 {
            return Err(ImportError::NoDataRows);
        }
        Ok(outcome)
    }
}

/// Recently read date cells and their days: an export repeats each date on many rows, so
/// most date cells are read from here instead of being parsed again.
struct DateCache {
    /// (first 8 bytes, next 7 bytes + length in the top byte, day); length 0 = empty slot.
    slots: Vec<(u64, u64, i32)>,
}

impl DateCache {
    /// 2,048 slots (48 KB): three years of daily dates (1,096) fit with few collisions.
    const BITS: u32 = 11;

    fn new() -> Self {
        DateCache {
            slots: vec![(0, 0, 0); 1 << Self::BITS],
        }
    }

    /// The cell as two words, for cells of 1..=15 bytes.
    #[inline]
    fn key(cell: &str) -> Option<(u64, u64)> {
        let bytes = cell.as_bytes();
        if bytes.is_empty() || bytes.len() > 15 {
            return None;
        }
        let (lo, hi) = bytes.split_at(bytes.len().min(8));
        Some((
            little_endian_word(lo),
            little_endian_word(hi) | (bytes.len() as u64) << 56,
        ))
    }

    #[inline]
    fn slot(key: (u64, u64)) -> usize {
        let mixed = (key.0 ^ key.1.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> (64 - Self::BITS)) as usize
    }

    #[inline]
    fn get(&self, cell: &str) -> Option<i32> {
        let key = Self::key(cell)?;
        let (k0, k1, day) = self.slots[Self::slot(key)];
        (k0 == key.0 && k1 == key.1).then_some(day)
    }

    fn put(&mut self, cell: &str, day: i32) {
        if let Some(key) = Self::key(cell) {
            self.slots[Self::slot(key)] = (key.0, key.1, day);
        }
    }
}

/// Client cells numbered a batch at a time (see [`RowReader::number_clients`]).
const CLIENT_BATCH: usize = 16;
/// A row's client number until its batch is numbered.
const UNNUMBERED: u32 = u32::MAX;

/// An accepted row's client cell, waiting for its number: where it is in the text.
struct Unnumbered {
    row: usize,
    start: usize,
    len: usize,
    hash: u64,
}

/// Where `cell` starts in `text`, when it is a part of it.
fn offset_in(text: &str, cell: &str) -> Option<usize> {
    let start = (cell.as_ptr() as usize).checked_sub(text.as_ptr() as usize)?;
    (start.checked_add(cell.len())? <= text.len()).then_some(start)
}

/// The optional text columns kept in dictionaries.
#[derive(Clone, Copy)]
enum Tag {
    Manager,
    Segment,
    Product,
}

/// Turns records into transactions and keeps the reject tally. The text comes with each
/// record, so one reader goes on across the chunks of a piece.
struct RowReader {
    dialect: Dialect,
    mapping: ColumnMapping,
    expected_columns: usize,
    clients: Interner,
    managers: Interner,
    segments: Interner,
    products: Interner,
    transactions: Vec<Transaction>,
    dates: DateCache,
    has_tags: bool,
    tags: Vec<Tags>,
    /// Accepted rows whose client cells wait to be numbered, a batch at a time.
    unnumbered: Vec<Unnumbered>,
    counts: [usize; RejectReason::ALL.len()],
    examples: Vec<RejectExample>,
    example_reasons: Vec<RejectReason>,
    negative_total: f64,
    zero_amount_rows: usize,
    rows_read: usize,
}

impl RowReader {
    /// `reserve_rows`: room made at once (growing a large Vec copies it and briefly doubles
    /// its memory).
    fn new(
        dialect: Dialect,
        mapping: ColumnMapping,
        expected_columns: usize,
        reserve_rows: usize,
    ) -> Self {
        let has_tags =
            mapping.manager.is_some() || mapping.segment.is_some() || mapping.product.is_some();
        RowReader {
            dialect,
            mapping,
            expected_columns,
            clients: Interner::new(),
            managers: Interner::with_empty_first(),
            segments: Interner::with_empty_first(),
            products: Interner::with_empty_first(),
            transactions: Vec::with_capacity(reserve_rows.min(MAX_ROWS)),
            dates: DateCache::new(),
            has_tags,
            tags: if has_tags {
                Vec::with_capacity(reserve_rows.min(MAX_ROWS))
            } else {
                Vec::new()
            },
            unnumbered: Vec::with_capacity(CLIENT_BATCH),
            counts: [0; RejectReason::ALL.len()],
            examples: Vec::new(),
            example_reasons: Vec::new(),
            negative_total: 0.0,
            zero_amount_rows: 0,
            rows_read: 0,
        }
    }

    fn take(&mut self, text: &str, fields: &[Span], info: RecordInfo) {
        self.rows_read += 1;
        match self.read(text, fields, info) {
            Ok((t, tags)) => {
                self.transactions.push(t);
                if self.has_tags {
                    self.tags.push(tags);
                }
                self.number_clients_when_full(text);
            }
            Err(reason) => self.reject(text, reason, info),
        }
    }

    fn cell<'t>(&self, text: &'t str, fields: &[Span], column: Option<usize>) -> Cow<'t, str> {
        match column.and_then(|c| fields.get(c)) {
            Some(&span) => trimmed(field_text(text, span)),
            None => Cow::Borrowed(""),
        }
    }

    fn read(
        &mut self,
        text: &str,
        fields: &[Span],
        info: RecordInfo,
    ) -> Result<(Transaction, Tags), RejectReason> {
        if info.bad_quotes {
            return Err(RejectReason::BadQuotes);
        }
        if !self.column_count_ok(text, fields) {
            return Err(RejectReason::ColumnCount);
        }
        let client = self.cell(text, fields, self.mapping.client);
        if client.is_empty() {
            return Err(RejectReason::MissingClient);
        }
        let day = self.read_date(&self.cell(text, fields, self.mapping.date))?;
        let amount = self.read_amount(&self.cell(text, fields, self.mapping.amount))?;
        // Interned only now, so a rejected row never creates a client.
        let tags = if self.has_tags {
            Tags {
                manager: self.optional(text, fields, self.mapping.manager, Tag::Manager),
                segment: self.optional(text, fields, self.mapping.segment, Tag::Segment),
                product: self.optional(text, fields, self.mapping.product, Tag::Product),
            }
        } else {
            Tags::default()
        };
        let transaction = Transaction {
            amount,
            client: self.client_number(text, client),
            day,
        };
        Ok((transaction, tags))
    }

    /// The client's number, or [`UNNUMBERED`] until [`RowReader::number_clients`] when the
    /// cell is a part of `text` (the usual case). Numbers are given in row order either way.
    fn client_number(&mut self, text: &str, client: Cow<'_, str>) -> u32 {
        let start = match &client {
            Cow::Borrowed(cell) => offset_in(text, cell),
            Cow::Owned(_) => None,
        };
        let Some(start) = start else {
            // An unescaped copy (`""` in quotes): numbered at once, after the waiting ones.
            self.number_clients(text);
            return self.clients.id(&client);
        };
        self.unnumbered.push(Unnumbered {
            row: self.transactions.len(),
            start,
            len: client.len(),
            hash: hash_text(&client),
        });
        UNNUMBERED
    }

    /// Numbers the waiting clients of `text` when a batch is full (the caller pushes the
    /// row first: `unnumbered` refers to it by index).
    #[inline]
    fn number_clients_when_full(&mut self, text: &str) {
        if self.unnumbered.len() == CLIENT_BATCH {
            self.number_clients(text);
        }
    }

    /// Numbers the waiting clients, in row order. Their slots in the interner's table are
    /// loaded first, one after another: the cache misses of a large table (50,000 clients
    /// take 2 MB) then overlap instead of stalling one row at a time, which took 40 % of
    /// the reading natively.
    fn number_clients(&mut self, text: &str) {
        let touched = self
            .unnumbered
            .iter()
            .fold(0u32, |acc, u| acc ^ self.clients.touch(u.hash));
        std::hint::black_box(touched);
        for u in self.unnumbered.drain(..) {
            let cell = &text[u.start..u.start + u.len];
            self.transactions[u.row].client = self.clients.id_hashed(cell, u.hash);
        }
    }

    /// The dictionary number of an optional column's cell; 0 when the column is not mapped.
    fn optional(&mut self, text: &str, fields: &[Span], column: Option<usize>, tag: Tag) -> u32 {
        if column.is_none() {
            return 0;
        }
        let cell = self.cell(text, fields, column);
        let interner = match tag {
            Tag::Manager => &mut self.managers,
            Tag::Segment => &mut self.segments,
            Tag::Product => &mut self.products,
        };
        interner.id(&cell)
    }

    fn column_count_ok(&self, text: &str, fields: &[Span]) -> bool {
        match fields.len().cmp(&self.expected_columns) {
            std::cmp::Ordering::Equal => true,
            std::cmp::Ordering::Less => false,
            std::cmp::Ordering::Greater => is_blank(text, &fields[self.expected_columns..]),
        }
    }

    fn read_date(&mut self, cell: &str) -> Result<i32, RejectReason> {
        if cell.is_empty() {
            return Err(RejectReason::MissingDate);
        }
        if let Some(day) = self.dates.get(cell) {
            return Ok(day);
        }
        let day = parse_date(cell, self.dialect.slash_dates).map_err(|e| match e {
            DateError::Format => RejectReason::BadDate,
            DateError::OutOfRange => RejectReason::DateOutOfRange,
        })?;
        self.dates.put(cell, day);
        Ok(day)
    }

    fn read_amount(&mut self, cell: &str) -> Result<f64, RejectReason> {
        if cell.is_empty() {
            return Err(RejectReason::MissingAmount);
        }
        let amount = parse_amount(cell, self.dialect.decimal).ok_or(RejectReason::BadAmount)?;
        if amount == 0.0 {
            self.zero_amount_rows += 1;
            Ok(0.0)
        } else if amount < 0.0 {
            if amount >= -MAX_AMOUNT {
                self.negative_total += amount;
            }
            Err(RejectReason::NegativeAmount)
        } else if amount > MAX_AMOUNT {
            Err(RejectReason::AmountTooLarge)
        } else {
            Ok(amount)
        }
    }

    /// `info.line` is already the line in the whole file.
    fn reject(&mut self, text: &str, reason: RejectReason, info: RecordInfo) {
        let i = reason.index();
        self.counts[i] += 1;
        if self.counts[i] <= EXAMPLES_PER_REASON {
            let raw = text.get(info.start..info.end).unwrap_or("");
            self.examples.push(RejectExample {
                line: info.line,
                text: shorten(raw),
            });
            self.example_reasons.push(reason);
        }
    }

    fn finish(self, blank_rows: usize) -> ParseOutcome {
        debug_assert!(self.unnumbered.is_empty(), "every feed numbers its clients");
        let rejected = RejectReason::ALL
            .iter()
            .zip(self.counts)
            .filter(|&(_, count)| count > 0)
            .map(|(&reason, count)| RejectGroup {
                reason,
                count,
                examples: self
                    .examples
                    .iter()
                    .zip(&self.example_reasons)
                    .filter(|&(_, &r)| r == reason)
                    .map(|(e, _)| e.clone())
                    .collect(),
            })
            .collect();
        ParseOutcome {
            data: TransactionSet {
                transactions: self.transactions,
                tags: self.tags,
                client_ids: self.clients.into_names(),
                managers: self.managers.into_names(),
                segments: self.segments.into_names(),
                products: self.products.into_names(),
            },
            rejected,
            rows_read: self.rows_read,
            blank_rows,
            zero_amount_rows: self.zero_amount_rows,
            negative_total: self.negative_total,
        }
    }
}

fn trimmed(cell: Cow<'_, str>) -> Cow<'_, str> {
    match cell {
        Cow::Borrowed(s) => Cow::Borrowed(trim(s)),
        Cow::Owned(s) => Cow::Owned(trim(&s).to_string()),
    }
}

/// `str::trim`, skipped in the common case of a cell that starts and ends with a visible
/// ASCII character.
#[inline]
fn trim(s: &str) -> &str {
    if visible_ascii(s.as_bytes().first()) && visible_ascii(s.as_bytes().last()) {
        s
    } else {
        s.trim()
    }
}

fn shorten(raw: &str) -> String {
    match raw.char_indices().nth(EXAMPLE_CHARS) {
        Some((cut, _)) => format!("{}…", &raw[..cut]),
        None => raw.to_string(),
    }
}

#[cfg(test)]
#[path = "parse_tests.rs"]
mod tests;
