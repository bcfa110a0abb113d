//! A transactions file saved as .xlsx, read as text: the first worksheet becomes
//! tab-separated lines, which then take the same way as a CSV (sniffing, column guessing,
//! [`super::parse::StreamParser`], rejects and totals).
//!
//! Why text and not rows handed straight to the parser: the text path is the one every CSV
//! takes and is tested for, so an .xlsx and the CSV Excel saves of it cannot drift apart;
//! the text costs about as much memory as the CSV would, and the file's own XML (several
//! times larger) is never held whole. Cells are written as a CSV of the sheet would hold
//! them, but without locale: dates as `yyyy-mm-dd`, numbers in their shortest round-trip
//! form with a `.` decimal, `TRUE`/`FALSE`, error values as written (`#N/A`).
//!
//! The reader is small (a few hundred lines and miniz_oxide's inflater, in the import worker
//! only): zip central directory ([`zip`]), a tokenizer for the little XML it needs
//! ([`xml`]), the workbook, relationships, shared strings and styles ([`parts`]), and the
//! sheet ([`sheet`]). Any input, however broken, ends in text or a [`WorkbookError`].

mod parts;
mod sheet;
#[cfg(test)]
pub(crate) mod tests;
mod xml;
mod zip;

use serde::{Deserialize, Serialize};

use super::decode::MAX_FILE_BYTES;
use super::ImportError;
use parts::{book, date_styles, rels, resolve, shared_strings, Rel, SharedStrings};
use sheet::{Context, SheetReader};
use zip::Archive;

/// Why a workbook cannot be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum WorkbookError {
    /// A ZIP without a workbook in it (a .docx, an archive of other files).
    NotAWorkbook,
    /// The archive or its XML is broken (a truncated download, a corrupt deflate stream).
    Damaged,
    /// Stored in a way this reader does not know (ZIP64, another compression method).
    Unsupported,
    /// Encrypted: a password-protected workbook, or an old binary .xls.
    Protected,
    /// The first worksheet has no cells.
    EmptySheet,
    /// The sheet's text would exceed the import's limit ([`MAX_FILE_BYTES`]).
    TooLarge,
}

/// What the first bytes of a file say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Container {
    /// `PK\x03\x04` (or an empty archive's `PK\x05\x06`): an .xlsx, or another ZIP.
    Zip,
    /// `D0 CF 11 E0`: an OLE compound file, which is how Excel saves an .xls and a
    /// password-protected .xlsx.
    Ole,
    /// Anything else: read as text.
    Other,
}

/// Detects by content, not by name: a renamed file is read for what it is.
pub fn container(start: &[u8]) -> Container {
    if start.starts_with(b"PK\x03\x04") || start.starts_with(b"PK\x05\x06") {
        Container::Zip
    } else if start.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Container::Ole
    } else {
        Container::Other
    }
}

/// The first visible worksheet of an .xlsx as tab-separated text.
pub fn sheet_as_text(bytes: &[u8]) -> Result<String, ImportError> {
    sheet_as_text_with_progress(bytes, &mut |_| true)
}

/// [`sheet_as_text`], telling `progress` the share done (0..=1: the shared strings and the
/// sheet's XML inflated, by their sizes), ending at 1 when the text is whole. False from
/// `progress` stops the read: [`ImportError::Cancelled`].
pub fn sheet_as_text_with_progress(
    bytes: &[u8],
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<String, ImportError> {
    let mut stopped = false;
    let text = read_first_sheet(bytes, MAX_FILE_BYTES, &mut |done| {
        stopped |= !progress(done);
        !stopped
    });
    if stopped {
        return Err(ImportError::Cancelled);
    }
    let text = text.map_err(ImportError::Workbook)?;
    progress(1.0);
    Ok(text)
}

/// `progress` false stops the read with an error that [`sheet_as_text_with_progress`]
/// replaces by `Cancelled`.
fn read_first_sheet(
    bytes: &[u8],
    max_text: usize,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<String, WorkbookError> {
    let archive = Archive::open(bytes)?;
    let part = |name: &str| -> Result<Option<Vec<u8>>, WorkbookError> {
        match archive.find(name) {
            Some(entry) => archive.read(entry, max_text).map(Some),
            None => Ok(None),
        }
    };
    // The package's relationships name the workbook; writers put it at xl/workbook.xml.
    let root_rels = part("_rels/.rels")?.map(|x| rels(&x)).transpose()?;
    let workbook_path = root_rels
        .iter()
        .flatten()
        .find(|r| r.kind == "officeDocument")
        .map_or_else(|| "xl/workbook.xml".to_string(), |r| resolve("", &r.target));
    let workbook = part(&workbook_path)?.ok_or(WorkbookError::NotAWorkbook)?;
    let book = book(&workbook)?;
    let rels_path = {
        let (dir, file) = workbook_path
            .rsplit_once('/')
            .unwrap_or(("", workbook_path.as_str()));
        if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        }
    };
    let book_rels = part(&rels_path)?.map(|x| rels(&x)).transpose()?;
    let book_rels = book_rels.unwrap_or_default();
    let target = |rel: &Rel| resolve(&workbook_path, &rel.target);
    let rel_by_id = |id: &str| book_rels.iter().find(|r| r.id == id);

    // The first sheet shown, else the first one; chart sheets and others are not tables.
    let worksheets: Vec<(&Rel, bool)> = book
        .sheets
        .iter()
        .filter_map(|(id, shown)| rel_by_id(id).map(|r| (r, *shown)))
        .filter(|(r, _)| r.kind == "worksheet")
        .collect();
    let chosen = worksheets
        .iter()
        .find(|(_, shown)| *shown)
        .or(worksheets.first())
        .map(|(r, _)| target(r));
    let sheet_path = match chosen {
        Some(path) => path,
        // No relationships: the usual place of the first sheet.
        None if book_rels.is_empty() => "xl/worksheets/sheet1.xml".to_string(),
        None => return Err(WorkbookError::NotAWorkbook),
    };
    let sheet = archive
        .find(&sheet_path)
        .ok_or(WorkbookError::NotAWorkbook)?;

    let by_kind = |kind: &str, fallback: &str| {
        book_rels
            .iter()
            .find(|r| r.kind == kind)
            .map_or_else(|| fallback.to_string(), target)
    };
    // The shared strings and the sheet are what take time (the other parts are small): the
    // share done is their inflated bytes.
    let strings_path = by_kind("sharedStrings", "xl/sharedStrings.xml");
    let strings_size = archive.find(&strings_path).map_or(0, |e| e.size);
    let total = (strings_size + sheet.size).max(1) as f64;
    let strings = match part(&strings_path)? {
        Some(xml) => shared_strings(&xml)?,
        None => SharedStrings::default(),
    };
    if !progress(strings_size as f64 / total) {
        return Err(WorkbookError::Damaged);
    }
    let dates = match part(&by_kind("styles", "xl/styles.xml"))? {
        Some(xml) => date_styles(&xml)?,
        None => Vec::new(),
    };
    // The text is about a quarter of the sheet's XML.
    let reserve = (sheet.size / 4).min(max_text);
    let mut reader = SheetReader::new(
        Context {
            strings: &strings,
            date_styles: &dates,
            date1904: book.date1904,
            max_text,
        },
        reserve,
    );
    let mut done = strings_size;
    archive.stream(sheet, &mut |piece| {
        reader.feed(piece)?;
        done += piece.len();
        // Short of 1 until the text is checked and whole.
        if progress((done as f64 / total).min(0.99)) {
            Ok(())
        } else {
            Err(WorkbookError::Damaged)
        }
    })?;
    let text = reader.finish()?;
    if text.trim().is_empty() {
        return Err(WorkbookError::EmptySheet);
    }
    Ok(text)
}
