//! Delimited text: the dialect (delimiter, decimal separator, header), a quote-aware record
//! reader that works on byte offsets (no allocation per field), sniffing and the preview.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::amount::{parse_amount, Decimal};
use super::ascii::visible_ascii;
use super::dates::{parse_date, SlashOrder};

/// How a file is laid out. [`sniff`] guesses it; the UI lets the user correct it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Dialect {
    /// Field separator: `b','`, `b';'`, `b'\t'` or `b'|'`.
    pub delimiter: u8,
    pub decimal: Decimal,
    /// The first record holds column names.
    pub has_header: bool,
    /// How `a/b/yyyy` dates are read.
    pub slash_dates: SlashOrder,
}

impl Default for Dialect {
    /// Russian Excel: `;`, decimal comma, a header row, day-first dates.
    fn default() -> Self {
        Dialect {
            delimiter: b';',
            decimal: Decimal::Comma,
            has_header: true,
            slash_dates: SlashOrder::DayFirst,
        }
    }
}

/// Delimiters the sniffer considers, in order of preference on a tie.
pub const DELIMITERS: [u8; 4] = [b';', b'\t', b',', b'|'];

/// Where one field lies in the text. Quoted fields exclude their quotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    /// A quoted field containing `""`, which stands for one `"`.
    pub escaped_quotes: bool,
}

/// One record (row) as read; its fields are in the buffer passed to [`Reader::next_record`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RecordInfo {
    /// 1-based line number where the record starts.
    pub line: usize,
    /// Byte range of the whole record without its line break.
    pub start: usize,
    pub end: usize,
    /// A quote was not closed, or text followed a closing quote.
    pub bad_quotes: bool,
}

/// Reads records one at a time, reusing the caller's field buffer.
pub struct Reader<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    line: usize,
    delimiter: u8,
    open_quote_at_end: bool,
}

impl<'a> Reader<'a> {
    pub fn new(text: &'a str, delimiter: u8) -> Self {
        Reader {
            text,
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
            delimiter,
            open_quote_at_end: false,
        }
    }

    /// Bytes consumed so far (for progress).
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Line breaks passed so far, inside quoted fields too.
    pub fn line_breaks(&self) -> usize {
        self.line - 1
    }

    /// A quoted field was still open at the end of the text.
    pub fn ended_in_open_quote(&self) -> bool {
        self.open_quote_at_end
    }

    /// Reads the next record's field spans into `fields`. `None` at the end of the text.
    pub fn next_record(&mut self, fields: &mut Vec<Span>) -> Option<RecordInfo> {
        fields.clear();
        if self.pos >= self.bytes.len() {
            return None;
        }
        let mut info = RecordInfo {
            line: self.line,
            start: self.pos,
            end: self.pos,
            bad_quotes: false,
        };
        loop {
            let (span, stop) = self.read_field(&mut info.bad_quotes);
            fields.push(span);
            match stop {
                Stop::Delimiter(at) => self.pos = at + 1,
                Stop::LineEnd(at) => {
                    info.end = trim_cr(self.bytes, info.start, at);
                    self.pos = at + 1;
                    self.line += 1;
                    return Some(info);
                }
                Stop::TextEnd => {
                    info.end = trim_cr(self.bytes, info.start, self.bytes.len());
                    self.pos = self.bytes.len();
                    return Some(info);
                }
            }
        }
    }

    fn read_field(&mut self, bad_quotes: &mut bool) -> (Span, Stop) {
        let mut p = self.pos;
        while p < self.bytes.len() && self.bytes[p] == b' ' && self.delimiter != b' ' {
            p += 1;
        }
        if self.bytes.get(p) == Some(&b'"') {
            self.read_quoted(p + 1, bad_quotes)
        } else {
            self.read_plain(self.pos)
        }
    }

    fn read_plain(&self, start: usize) -> (Span, Stop) {
        let delimiter = self.delimiter;
        let rest = &self.bytes[start..];
        let found = rest.iter().position(|&b| b == delimiter || b == b'\n');
        let (end, stop) = match found {
            Some(i) if rest[i] == b'\n' => (start + i, Stop::LineEnd(start + i)),
            Some(i) => (start + i, Stop::Delimiter(start + i)),
            None => (self.bytes.len(), Stop::TextEnd),
        };
        let end = match stop {
            Stop::Delimiter(_) => end,
            _ => trim_cr(self.bytes, start, end),
        };
        let span = Span {
            start,
            end,
            escaped_quotes: false,
        };
        (span, stop)
    }

    fn read_quoted(&mut self, start: usize, bad_quotes: &mut bool) -> (Span, Stop) {
        let mut p = start;
        let mut escaped_quotes = false;
        let end = loop {
            let Some(q) = self.bytes[p..].iter().position(|&b| b == b'"') else {
                // Unclosed quote: the field runs to the end of the text.
                *bad_quotes = true;
                self.open_quote_at_end = true;
                self.line += count_newlines(&self.bytes[p..]);
                let span = Span {
                    start,
                    end: self.bytes.len(),
                    escaped_quotes,
                };
                return (span, Stop::TextEnd);
            };
            self.line += count_newlines(&self.bytes[p..p + q]);
            let at = p + q;
            if self.bytes.get(at + 1) == Some(&b'"') {
                escaped_quotes = true;
                p = at + 2;
            } else {
                break at;
            }
        };
        let span = Span {
            start,
            end,
            escaped_quotes,
        };
        // After the closing quote only spaces may come before the delimiter or line end.
        let (tail, stop) = self.read_plain(end + 1);
        if !self.text[tail.start..tail.end].trim().is_empty() {
            *bad_quotes = true;
        }
        (span, stop)
    }

    /// The text of a field: borrowed, or owned when `""` had to become `"`.
    pub fn field(&self, span: Span) -> Cow<'a, str> {
        field_text(self.text, span)
    }
}

/// The text of a field span within `text`.
pub fn field_text(text: &str, span: Span) -> Cow<'_, str> {
    let raw = text.get(span.start..span.end).unwrap_or("");
    if span.escaped_quotes {
        Cow::Owned(raw.replace("\"\"", "\""))
    } else {
        Cow::Borrowed(raw)
    }
}

#[derive(Debug, Clone, Copy)]
enum Stop {
    Delimiter(usize),
    LineEnd(usize),
    TextEnd,
}

fn trim_cr(bytes: &[u8], start: usize, end: usize) -> usize {
    if end > start && bytes[end - 1] == b'\r' {
        end - 1
    } else {
        end
    }
}

fn count_newlines(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| b == b'\n').count()
}

/// Whether every field of a record is empty or spaces (e.g. `;;;` rows Excel leaves).
pub fn is_blank(text: &str, fields: &[Span]) -> bool {
    fields.iter().all(|&s| {
        let cell = text.get(s.start..s.end).unwrap_or("");
        !visible_ascii(cell.as_bytes().first()) && cell.trim().is_empty()
    })
}

/// How much text the sniffer and the preview look at.
const SNIFF_BYTES: usize = 64 * 1024;
const SNIFF_RECORDS: usize = 50;

/// The start of the text, cut at a line break so no record is cut in half.
fn sample(text: &str) -> &str {
    if text.len() <= SNIFF_BYTES {
        return text;
    }
    let mut cut = SNIFF_BYTES;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    match text[..cut].rfind('\n') {
        Some(i) => &text[..=i],
        None => &text[..cut],
    }
}

/// The first non-blank records of the text as owned, trimmed strings.
pub fn records(text: &str, delimiter: u8, limit: usize) -> Vec<Vec<String>> {
    let mut reader = Reader::new(text, delimiter);
    let mut fields = Vec::new();
    let mut out = Vec::new();
    while out.len() < limit {
        if reader.next_record(&mut fields).is_none() {
            break;
        }
        if is_blank(text, &fields) {
            continue;
        }
        out.push(
            fields
                .iter()
                .map(|&s| reader.field(s).trim().to_string())
                .collect(),
        );
    }
    out
}

/// Guesses the dialect from the first 64 KB of text.
pub fn sniff(text: &str) -> Dialect {
    sniff_with_delimiter(text, best_delimiter(sample(text)))
}

/// [`sniff`] when the delimiter is known (a workbook's sheet is written tab-separated).
pub fn sniff_with_delimiter(text: &str, delimiter: u8) -> Dialect {
    let sample = sample(text);
    let rows = records(sample, delimiter, SNIFF_RECORDS);
    let has_header = detect_header(&rows);
    let data = if has_header {
        rows.get(1..).unwrap_or(&[])
    } else {
        &rows[..]
    };
    Dialect {
        delimiter,
        decimal: detect_decimal(data, delimiter),
        has_header,
        slash_dates: detect_slash_order(data),
    }
}

/// The delimiter that splits the sample into the most consistent number of fields (>= 2).
fn best_delimiter(sample: &str) -> u8 {
    let mut best = (DELIMITERS[0], 0usize, 0usize);
    for &d in &DELIMITERS {
        let counts: Vec<usize> = records(sample, d, SNIFF_RECORDS)
            .iter()
            .map(Vec::len)
            .collect();
        let Some(mode) = mode(&counts) else { continue };
        if mode < 2 {
            continue;
        }
        let consistent = counts.iter().filter(|&&c| c == mode).count();
        if (consistent, mode) > (best.1, best.2) {
            best = (d, consistent, mode);
        }
    }
    best.0
}

fn mode(values: &[usize]) -> Option<usize> {
    let mut sorted = values.to_vec();
    sorted.sort_unstable();
    let mut best: Option<(usize, usize)> = None;
    for run in sorted.chunk_by(|a, b| a == b) {
        if best.is_none_or(|(n, _)| run.len() > n) {
            best = Some((run.len(), run[0]));
        }
    }
    best.map(|(_, v)| v)
}

/// A cell that holds data rather than a name: a date or a number.
fn is_value(cell: &str) -> bool {
    parse_date(cell, SlashOrder::DayFirst).is_ok()
        || parse_amount(cell, Decimal::Point).is_some()
        || parse_amount(cell, Decimal::Comma).is_some()
}

/// A header row has no dates or numbers, while the rows below it have some.
fn detect_header(rows: &[Vec<String>]) -> bool {
    let Some(first) = rows.first() else {
        return true;
    };
    let first_has_values = first.iter().any(|c| is_value(c));
    let later_have_values = rows[1..].iter().any(|r| r.iter().any(|c| is_value(c)));
    if rows.len() == 1 {
        return !first_has_values;
    }
    !first_has_values && later_have_values
}

/// Votes from cells that read as a number with one separator and not with the other.
fn detect_decimal(rows: &[Vec<String>], delimiter: u8) -> Decimal {
    let (mut comma, mut point) = (0, 0);
    for cell in rows.iter().flatten() {
        if parse_date(cell, SlashOrder::DayFirst).is_ok() {
            continue;
        }
        let as_comma = parse_amount(cell, Decimal::Comma).is_some();
        let as_point = parse_amount(cell, Decimal::Point).is_some();
        if as_comma && !as_point {
            comma += 1;
        } else if as_point && !as_comma {
            point += 1;
        }
    }
    if comma > point || (comma == point && delimiter == b';') {
        Decimal::Comma
    } else {
        Decimal::Point
    }
}

/// `a/b/yyyy` is month first only if some `b` is over 12 and no `a` is.
fn detect_slash_order(rows: &[Vec<String>]) -> SlashOrder {
    let (mut day_first, mut month_first) = (false, false);
    for cell in rows.iter().flatten() {
        let mut parts = cell.split(['/', ' ']);
        let (Some(a), Some(b), Some(_)) = (parts.next(), parts.next(), parts.next()) else {
            continue;
        };
        let (Ok(a), Ok(b)) = (a.parse::<u32>(), b.parse::<u32>()) else {
            continue;
        };
        day_first |= a > 12 && a <= 31;
        month_first |= b > 12 && b <= 31;
    }
    if month_first && !day_first {
        SlashOrder::MonthFirst
    } else {
        SlashOrder::DayFirst
    }
}

/// The first rows as the mapping step shows them.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Preview {
    /// Column names from the header row; empty strings when the file has no header (the UI
    /// then labels the columns "Column 1", "Column 2" ...). Always `column_count` long.
    pub headers: Vec<String>,
    /// Up to `n` data rows, each padded or cut to `column_count` cells.
    pub rows: Vec<Vec<String>>,
    /// Number of columns: of the header, or of the first data row.
    pub column_count: usize,
}

/// The header and the first `n` data rows, for the column-mapping step.
pub fn preview(text: &str, dialect: &Dialect, n: usize) -> Preview {
    let mut rows = records(text, dialect.delimiter, n + 1);
    let headers = if dialect.has_header && !rows.is_empty() {
        rows.remove(0)
    } else {
        Vec::new()
    };
    rows.truncate(n);
    let column_count = if dialect.has_header {
        headers.len()
    } else {
        rows.first().map_or(0, Vec::len)
    };
    let fit = |mut r: Vec<String>| {
        r.resize(column_count, String::new());
        r
    };
    Preview {
        headers: fit(headers),
        rows: rows.into_iter().map(fit).collect(),
        column_count,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all(text: &str, delimiter: u8) -> Vec<Vec<String>> {
        let mut reader = Reader::new(text, delimiter);
        let mut fields = Vec::new();
        let mut out = Vec::new();
        while reader.next_record(&mut fields).is_some() {
            out.push(
                fields
                    .iter()
                    .map(|&s| reader.field(s).into_owned())
                    .collect(),
            );
        }
        out
    }

    #[test]
    fn plain_crlf_and_last_line_without_break() {
        assert_eq!(
            all("a;b\r\n1;2\r\n3;4", b';'),
            vec![vec!["a", "b"], vec!["1", "2"], vec!["3", "4"]]
        );
    }

    #[test]
    fn quoted_fields_with_delimiters_quotes_and_newlines() {
        let text = "id,name,sum\n1,\"Ромашка, ООО\",\"1,5\"\n2,\"He said \"\"hi\"\"\",3\n3,\"two\nlines\",4\n";
        let rows = all(text, b',');
        assert_eq!(rows[1], vec!["1", "Ромашка, ООО", "1,5"]);
        assert_eq!(rows[2], vec!["2", "He said \"hi\"", "3"]);
        assert_eq!(rows[3], vec!["3", "two\nlines", "4"]);
    }

    #[test]
    fn line_numbers_count_breaks_inside_quotes() {
        let text = "h\n\"a\nb\"\nc\n";
        let mut reader = Reader::new(text, b',');
        let mut f = Vec::new();
        let lines: Vec<usize> = std::iter::from_fn(|| reader.next_record(&mut f))
            .map(|r| r.line)
            .collect();
        assert_eq!(lines, vec![1, 2, 4]);
    }

    #[test]
    fn bad_quotes_are_flagged() {
        let mut f = Vec::new();
        let r = Reader::new("\"abc\"x,1\n", b',')
            .next_record(&mut f)
            .unwrap();
        assert!(r.bad_quotes);
        let r = Reader::new("\"abc,1\n2,3\n", b',')
            .next_record(&mut f)
            .unwrap();
        assert!(r.bad_quotes);
        let r = Reader::new("\"abc\" ,1\n", b',')
            .next_record(&mut f)
            .unwrap();
        assert!(!r.bad_quotes);
    }

    #[test]
    fn sniff_russian_excel() {
        let text =
            "Клиент;Дата;Сумма\nООО Ромашка;05.03.2024;1 234,50\nИП Петров;06.03.2024;99,9\n";
        let d = sniff(text);
        assert_eq!(d.delimiter, b';');
        assert_eq!(d.decimal, Decimal::Comma);
        assert!(d.has_header);
    }

    #[test]
    fn sniff_comma_point_and_tab() {
        let d = sniff("client,date,amount\nA,2024-03-05,10.5\nB,2024-03-06,7.25\n");
        assert_eq!(
            (d.delimiter, d.decimal, d.has_header),
            (b',', Decimal::Point, true)
        );
        let d = sniff("client\tdate\tamount\nA\t05.03.2024\t10,5\nB\t06.03.2024\t7\n");
        assert_eq!((d.delimiter, d.decimal), (b'\t', Decimal::Comma));
        // Quoted decimal commas in a comma-separated file.
        let d = sniff("client,date,amount\nA,2024-03-05,\"10,5\"\nB,2024-03-06,\"7,25\"\n");
        assert_eq!((d.delimiter, d.decimal), (b',', Decimal::Comma));
    }

    #[test]
    fn sniff_no_header_and_us_dates() {
        let d = sniff("0001,19970101,2,29.33\n0001,19970118,2,29.73\n");
        assert_eq!((d.delimiter, d.has_header), (b',', false));
        let d = sniff("c,d,a\nA,03/25/2024,1\nB,04/02/2024,2\n");
        assert_eq!(d.slash_dates, SlashOrder::MonthFirst);
        let d = sniff("c,d,a\nA,25/03/2024,1\nB,04/02/2024,2\n");
        assert_eq!(d.slash_dates, SlashOrder::DayFirst);
    }

    #[test]
    fn preview_pads_and_cuts() {
        let d = Dialect::default();
        let p = preview("a;b;c\n1;2\n\n;;\n4;5;6;7\n8;9;10\n", &d, 2);
        assert_eq!(p.headers, vec!["a", "b", "c"]);
        assert_eq!(p.rows, vec![vec!["1", "2", ""], vec!["4", "5", "6"]]);
        assert_eq!(p.column_count, 3);
        let p = preview(
            "1;2\n3;4\n",
            &Dialect {
                has_header: false,
                ..d
            },
            5,
        );
        assert_eq!(p.headers, vec!["", ""]);
        assert_eq!(p.rows.len(), 2);
    }

    proptest! {
        #[test]
        fn reader_never_panics_and_always_advances(text in "[a-c,;\"\r\n ]{0,60}") {
            let mut reader = Reader::new(&text, b',');
            let mut f = Vec::new();
            let mut n = 0;
            while let Some(r) = reader.next_record(&mut f) {
                prop_assert!(r.start <= r.end && r.end <= text.len());
                prop_assert!(!f.is_empty());
                for &s in &f {
                    let _ = reader.field(s);
                }
                n += 1;
                prop_assert!(n <= text.len() + 1);
            }
            let _ = sniff(&text);
            let _ = preview(&text, &Dialect::default(), 3);
        }
    }
}
