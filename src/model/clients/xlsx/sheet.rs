//! A worksheet's cells, read a piece of XML at a time, written out as tab-separated text.

use std::fmt::Write as _;

use super::parts::SharedStrings;
use super::xml::{attr, local, unescape_into, unescape_ooxml, Token, Tokens};
use super::WorkbookError;
use crate::model::clients::dates::days_from_civil;

/// Excel's last row and column (1,048,576 and XFD): a reference beyond them is damage, and
/// it bounds the blank lines and tabs a gap can ask for.
const MAX_ROW: u32 = 1 << 20;
const MAX_COL: u32 = 1 << 14;

/// How numbers become text beside the sheet.
pub struct Context<'a> {
    pub strings: &'a SharedStrings,
    /// Per style index: the number format shows a date.
    pub date_styles: &'a [bool],
    pub date1904: bool,
    /// Most bytes of text the sheet may become.
    pub max_text: usize,
}

/// The cell being read.
#[derive(Default)]
struct CellState {
    col: u32,
    kind: Kind,
    style: usize,
    value: String,
    inline: String,
    in_value: bool,
    in_inline_text: bool,
    in_phonetic: bool,
}

#[derive(Default, Clone, Copy, PartialEq, Eq)]
enum Kind {
    #[default]
    Number,
    Shared,
    Inline,
    Str,
    Bool,
    Error,
    Date,
}

/// Reads `<row>` and `<c>` elements and writes each row as one line of tab-separated
/// fields (quoted when they hold a tab, a line break or a quote), a blank line for each
/// missing row and an empty field for each missing cell.
pub struct SheetReader<'a> {
    cx: Context<'a>,
    pending: Vec<u8>,
    pub text: String,
    /// Rows written so far (the next row's number is this + 1 when it gives none).
    row: u32,
    in_row: bool,
    /// The current row's cells: column, and the span of its text in `row_text`.
    cells: Vec<(u32, usize, usize)>,
    row_text: String,
    cell: Option<CellState>,
    next_col: u32,
}

impl<'a> SheetReader<'a> {
    pub fn new(cx: Context<'a>, reserve: usize) -> Self {
        SheetReader {
            cx,
            pending: Vec::new(),
            text: String::with_capacity(reserve),
            row: 0,
            in_row: false,
            cells: Vec::new(),
            row_text: String::new(),
            cell: None,
            next_col: 0,
        }
    }

    /// Takes the next piece of the sheet's XML; whole rows are read at once (a piece is cut
    /// after its last `</row>`, which is a tag boundary).
    pub fn feed(&mut self, piece: &[u8]) -> Result<(), WorkbookError> {
        self.pending.extend_from_slice(piece);
        let Some(at) = self.pending.windows(6).rposition(|w| w == b"</row>") else {
            return Ok(());
        };
        let cut = at + 6;
        let pending = std::mem::take(&mut self.pending);
        self.read(&pending[..cut])?;
        self.pending = pending;
        self.pending.drain(..cut);
        Ok(())
    }

    pub fn finish(mut self) -> Result<String, WorkbookError> {
        let pending = std::mem::take(&mut self.pending);
        self.read(&pending)?;
        if self.in_row {
            self.end_row()?;
        }
        Ok(self.text)
    }

    fn read(&mut self, xml: &[u8]) -> Result<(), WorkbookError> {
        for token in Tokens::new(xml) {
            match token.map_err(|_| WorkbookError::Damaged)? {
                Token::Start { name, attrs, empty } => self.start(name, attrs, empty)?,
                Token::End { name } => self.end(name)?,
                Token::Text(raw) => {
                    if let Some(cell) = &mut self.cell {
                        if cell.in_value {
                            unescape_into(raw, &mut cell.value);
                        } else if cell.in_inline_text && !cell.in_phonetic {
                            unescape_into(raw, &mut cell.inline);
                        }
                    }
                }
                Token::CData(raw) => {
                    if let Some(cell) = &mut self.cell {
                        let text = String::from_utf8_lossy(raw);
                        if cell.in_value {
                            cell.value.push_str(&text);
                        } else if cell.in_inline_text && !cell.in_phonetic {
                            cell.inline.push_str(&text);
                        }
                    }
                }
            }
        }
        Ok(())
    }

    fn start(&mut self, name: &[u8], attrs: &[u8], empty: bool) -> Result<(), WorkbookError> {
        match name {
            b"row" => {
                if self.in_row {
                    self.end_row()?;
                }
                let number = match attr(attrs, b"r") {
                    Some(r) => parse_u32(r).ok_or(WorkbookError::Damaged)?,
                    None => self.row + 1,
                };
                if number == 0 || number > MAX_ROW {
                    return Err(WorkbookError::Damaged);
                }
                // Rows missing before this one are blank lines, as in a CSV of the sheet.
                for _ in self.row + 1..number {
                    self.text.push('\n');
                }
                self.row = self.row.max(number - 1);
                self.in_row = true;
                self.next_col = 0;
                if empty {
                    self.end_row()?;
                }
            }
            b"c" => {
                let col = match attr(attrs, b"r") {
                    Some(r) => column_of(r).ok_or(WorkbookError::Damaged)?,
                    None => self.next_col,
                };
                if col >= MAX_COL {
                    return Err(WorkbookError::Damaged);
                }
                self.next_col = col + 1;
                let kind = match attr(attrs, b"t") {
                    Some(b"s") => Kind::Shared,
                    Some(b"inlineStr") => Kind::Inline,
                    Some(b"str") => Kind::Str,
                    Some(b"b") => Kind::Bool,
                    Some(b"e") => Kind::Error,
                    Some(b"d") => Kind::Date,
                    _ => Kind::Number,
                };
                let style = attr(attrs, b"s").and_then(parse_u32).unwrap_or(0) as usize;
                if !empty {
                    self.cell = Some(CellState {
                        col,
                        kind,
                        style,
                        ..CellState::default()
                    });
                }
            }
            _ => {
                if let Some(cell) = &mut self.cell {
                    match (local(name), empty) {
                        (b"v", false) => cell.in_value = true,
                        (b"t", false) => cell.in_inline_text = true,
                        (b"rPh", false) => cell.in_phonetic = true,
                        _ => {}
                    }
                }
            }
        }
        Ok(())
    }

    fn end(&mut self, name: &[u8]) -> Result<(), WorkbookError> {
        match name {
            b"row" if self.in_row => self.end_row()?,
            b"c" => {
                if let Some(cell) = self.cell.take() {
                    self.end_cell(cell)?;
                }
            }
            b"v" | b"t" | b"rPh" => {
                if let Some(cell) = &mut self.cell {
                    match name {
                        b"v" => cell.in_value = false,
                        b"t" => cell.in_inline_text = false,
                        _ => cell.in_phonetic = false,
                    }
                }
            }
            _ => {}
        }
        Ok(())
    }

    fn end_cell(&mut self, cell: CellState) -> Result<(), WorkbookError> {
        let start = self.row_text.len();
        let out = &mut self.row_text;
        match cell.kind {
            Kind::Shared => {
                let index =
                    parse_u32(cell.value.trim().as_bytes()).ok_or(WorkbookError::Damaged)?;
                let s = self
                    .cx
                    .strings
                    .get(index as usize)
                    .ok_or(WorkbookError::Damaged)?;
                out.push_str(s);
            }
            Kind::Inline => out.push_str(&unescape_ooxml(cell.inline)),
            Kind::Str | Kind::Error | Kind::Date => out.push_str(&unescape_ooxml(cell.value)),
            Kind::Bool => out.push_str(if cell.value.trim() == "1" {
                "TRUE"
            } else {
                "FALSE"
            }),
            Kind::Number => {
                let raw = cell.value.trim();
                match raw.parse::<f64>() {
                    Ok(v) if v.is_finite() => {
                        let is_date = self.cx.date_styles.get(cell.style).copied() == Some(true);
                        if !(is_date && write_date(out, v, self.cx.date1904)) {
                            // Shortest text that reads back as the same number, `.` decimal.
                            let _ = write!(out, "{v}");
                        }
                    }
                    _ => out.push_str(raw),
                }
            }
        }
        let end = self.row_text.len();
        if end > start || cell.kind != Kind::Number {
            self.cells.push((cell.col, start, end));
        }
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), WorkbookError> {
        self.in_row = false;
        self.row += 1;
        self.cells.sort_by_key(|c| c.0);
        // Field `c` follows `c` tabs; a column given twice keeps its first cell.
        let mut tabs = 0;
        let mut last: Option<u32> = None;
        for &(c, start, end) in &self.cells {
            if last.is_some_and(|l| c <= l) {
                continue;
            }
            while tabs < c {
                self.text.push('\t');
                tabs += 1;
            }
            push_field(&mut self.text, &self.row_text[start..end]);
            last = Some(c);
        }
        self.text.push('\n');
        self.cells.clear();
        self.row_text.clear();
        if self.text.len() > self.cx.max_text {
            return Err(WorkbookError::TooLarge);
        }
        Ok(())
    }
}

/// A field as the tab-separated reader reads it back.
fn push_field(out: &mut String, field: &str) {
    if field
        .bytes()
        .any(|b| matches!(b, b'\t' | b'\n' | b'\r' | b'"'))
    {
        out.push('"');
        out.push_str(&field.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(field);
    }
}

fn parse_u32(s: &[u8]) -> Option<u32> {
    std::str::from_utf8(s).ok()?.trim().parse().ok()
}

/// The 0-based column of a reference such as `AB12`.
fn column_of(r: &[u8]) -> Option<u32> {
    let letters = r.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let mut col: u32 = 0;
    for &b in &r[..letters] {
        col = col * 26 + u32::from(b.to_ascii_uppercase() - b'A') + 1;
    }
    Some(col - 1)
}

/// Writes an Excel serial day as `yyyy-mm-dd` (the time of day dropped); false when the
/// number is no day (below 1, or past 9999-12-31). The 1900 system counts 1900-02-29, a day
/// that never was (Lotus 1-2-3's bug, kept by Excel): serial 60 is written as that date, so
/// the row is refused as a date that does not exist, as in a CSV saved by Excel.
fn write_date(out: &mut String, serial: f64, date1904: bool) -> bool {
    // A hair above the day, so a float just under midnight is not the day before.
    let day = (serial + 1e-9).floor();
    if !(1.0..=2_958_465.0).contains(&day) {
        return false;
    }
    let day = day as i32;
    let days = if date1904 {
        days_from_civil(1904, 1, 1) + day
    } else if day == 60 {
        out.push_str("1900-02-29");
        return true;
    } else if day < 60 {
        days_from_civil(1899, 12, 31) + day
    } else {
        days_from_civil(1899, 12, 30) + day
    };
    let (y, m, d) = civil_from_days(days);
    let _ = write!(out, "{y:04}-{m:02}-{d:02}");
    true
}

/// Year, month, day of a day number (days since 1970-01-01; H. Hinnant's algorithm, the
/// inverse of [`days_from_civil`]).
fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(serial: f64, date1904: bool) -> String {
        let mut s = String::new();
        if !write_date(&mut s, serial, date1904) {
            s.push_str("none");
        }
        s
    }

    #[test]
    fn excel_serial_days() {
        assert_eq!(date(1.0, false), "1900-01-01");
        assert_eq!(date(59.0, false), "1900-02-28");
        assert_eq!(date(60.0, false), "1900-02-29");
        assert_eq!(date(61.0, false), "1900-03-01");
        assert_eq!(date(25_569.0, false), "1970-01-01");
        assert_eq!(date(45_292.75, false), "2024-01-01");
        assert_eq!(date(45_292.999_999_999_9, false), "2024-01-02");
        assert_eq!(date(0.0, false), "none");
        assert_eq!(date(0.0 + 1.0, true), "1904-01-02");
        assert_eq!(date(43_830.0, true), "2024-01-01");
        assert_eq!(date(1e12, false), "none");
        for days in [-25_567, 0, 19_000, 47_482] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }

    #[test]
    fn columns() {
        assert_eq!(column_of(b"A1"), Some(0));
        assert_eq!(column_of(b"Z9"), Some(25));
        assert_eq!(column_of(b"AA1"), Some(26));
        assert_eq!(column_of(b"xfd7"), Some(16_383));
        assert_eq!(column_of(b"12"), None);
        assert_eq!(column_of(b"ABCD1"), None);
    }
}
