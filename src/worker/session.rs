//! The import worker's engine: one opened file, its parsed rows and the last analysis.
//! Plain Rust (no browser types), so the whole pipeline is tested natively; the worker's
//! glue only moves messages.
//!
//! The file is read as one stream: a chunk of bytes at a time is appended to one buffer
//! after what the parser left of the chunk before (an unfinished record), decoded up to its
//! last line break and fed to the [`StreamParser`]. Each byte is copied once from the file
//! into the buffer and, for UTF-8, parsed where it lies.

use std::borrow::Cow;

use super::protocol::{
    AnalyzeRequest, ExportFormat, ExportRequest, Failure, Opened, Step, Timings, PREVIEW_ROWS,
};
use crate::i18n::tr;
use crate::model::clients::analysis::analyze_with_histories;
use crate::model::clients::clv::{
    holdout, predict_from_histories_with_progress, ForecastStage, PurchaseHistory,
};
use crate::model::clients::csv::sniff_with_delimiter;
use crate::model::clients::decode::{decode_1251, decode_as, MAX_FILE_BYTES};
use crate::model::clients::parse::StreamParser;
use crate::model::clients::xlsx::{
    container, sheet_as_text_with_progress, Container, WorkbookError,
};
use crate::model::clients::{
    decode, guess_mapping, preview, sniff, Analysis, ClientsReport, ColumnMapping, Dialect,
    Encoding, Forecast, ForecastReport, ImportError, ParseOutcome, Preview,
};
use crate::storage::export::deflate::deflate;
use crate::storage::export::{client_sheets, client_table, to_csv, workbook_with, Locale};

/// Where the worker reads the file from: the dropped `File` in the browser (read a chunk at
/// a time, so a large file is never held as one more copy), a `Vec<u8>` in tests.
pub trait Source {
    fn size(&self) -> usize;
    /// Appends bytes `start..end` (clamped to the file) to `out`; false when they cannot be
    /// read.
    fn read_into(&self, start: usize, end: usize, out: &mut Vec<u8>) -> bool;
}

impl Source for Vec<u8> {
    fn size(&self) -> usize {
        self.len()
    }

    fn read_into(&self, start: usize, end: usize, out: &mut Vec<u8>) -> bool {
        let end = end.min(self.len());
        match self.get(start.min(end)..end) {
            Some(bytes) => {
                out.extend_from_slice(bytes);
                true
            }
            None => false,
        }
    }
}

/// Bytes `start..end` of `source` in a new buffer.
fn read(source: &dyn Source, start: usize, end: usize) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    source.read_into(start, end, &mut out).then_some(out)
}

/// The share of an .xlsx's opening that reading its bytes is shown as (the unzip and the
/// sheet's XML take the rest, most of the time).
const READ_SHARE: f64 = 0.1;

/// The whole of `source` in one buffer, read a chunk at a time so `progress` hears of it;
/// false from `progress` stops it.
fn read_whole(
    source: &dyn Source,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<Vec<u8>, ImportError> {
    let size = source.size();
    let mut out = Vec::with_capacity(size);
    while out.len() < size {
        let end = out.len().saturating_add(CHUNK_BYTES).min(size);
        if !source.read_into(out.len(), end, &mut out) {
            return Err(ImportError::Empty);
        }
        if !progress(out.len() as f64 / size as f64) {
            return Err(ImportError::Cancelled);
        }
    }
    Ok(out)
}

/// Bytes read when a file is opened: enough for its encoding, dialect and preview.
const HEAD_BYTES: usize = 256 * 1024;
/// Bytes of the file read at a time; small in tests, so their files are read in many
/// chunks. Each read of the browser's `File` costs a few ms beyond its bytes, so a chunk is
/// large; it is what the read holds beside the rows.
const CHUNK_BYTES: usize = if cfg!(test) { 64 << 10 } else { 4 << 20 };

/// The file as opened: its bytes' source and what its start told.
struct OpenFile {
    name: String,
    /// The file's bytes, or for a workbook its sheet as text.
    source: Box<dyn Source>,
    /// The file's size, as dropped.
    size: usize,
    /// The decoded start of the file, cut at a line break: the preview's text.
    head: String,
    encoding: Encoding,
    replaced: usize,
}

/// Rows read under one dialect and mapping, kept so new settings re-analyse without
/// reading the file again.
struct Parsed {
    dialect: Dialect,
    mapping: ColumnMapping,
    outcome: ParseOutcome,
}

/// The last analysis of the rows.
struct Analysed {
    /// With the predictions attached once the forecast is fitted: the exports' source.
    analysis: Analysis,
    /// Each client's purchases as the forecast needs them.
    histories: Vec<Option<PurchaseHistory>>,
    /// The last forecast (its horizon, rate and parameters name the exports' columns).
    forecast: Option<Forecast>,
}

/// Where a session is: each analysis moves it on; new columns start it over.
enum Stage {
    /// Opened: only the start of the file has been read.
    Opened,
    /// The rows are read.
    Read(Parsed),
    /// The rows are read and analysed (the forecast may be attached).
    Analysed(Parsed, Box<Analysed>),
}

pub struct Session {
    file: OpenFile,
    stage: Stage,
}

/// A file ready to download.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub file_name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// A chunk in a guessed UTF-8 that is not UTF-8: the file is Windows-1251.
#[derive(Debug)]
struct NotUtf8;

/// The text of `bytes` (whole lines of the file, or its end), the broken sequences replaced
/// and the bytes skipped before it (a byte order mark). `first`: the chunk starts the file.
fn decode_chunk(
    bytes: &[u8],
    encoding: Encoding,
    first: bool,
) -> Result<(Cow<'_, str>, usize, usize), NotUtf8> {
    match encoding {
        Encoding::Utf8 => match std::str::from_utf8(bytes) {
            Ok(text) => Ok((Cow::Borrowed(text), 0, 0)),
            // A character cut at the very end (chunks end at line breaks, so only the file's
            // end can cut one): a truncated UTF-8 file, not another encoding.
            Err(e) if e.error_len().is_none() => Ok((String::from_utf8_lossy(bytes), 1, 0)),
            Err(_) => Err(NotUtf8),
        },
        Encoding::Utf8Bom => {
            let skip = if first && bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                3
            } else {
                0
            };
            let text = String::from_utf8_lossy(&bytes[skip..]);
            let replaced = match text {
                Cow::Borrowed(_) => 0,
                Cow::Owned(ref t) => t.matches('\u{fffd}').count(),
            };
            Ok((text, replaced, skip))
        }
        Encoding::Windows1251 => Ok((Cow::Owned(decode_1251(bytes)), 0, 0)),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let decoded = decode_as(bytes, encoding);
            Ok((Cow::Owned(decoded.text.into_owned()), decoded.replaced, 0))
        }
    }
}

/// Reads the whole file through `parser` as one stream (see the module's doc). Returns the
/// broken sequences replaced, or `NotUtf8` when a later chunk shows the file is not the
/// UTF-8 its start seemed.
fn read_stream(
    source: &dyn Source,
    encoding: Encoding,
    parser: &mut StreamParser,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<Result<usize, NotUtf8>, Failure> {
    let size = source.size();
    // A line break is one byte only in the encodings read in chunks.
    let chunk = match encoding {
        Encoding::Utf16Le | Encoding::Utf16Be => size,
        _ => CHUNK_BYTES,
    };
    let mut buffer: Vec<u8> = Vec::with_capacity(chunk.min(size) + (64 << 10));
    let mut pos: usize = 0;
    let mut first = true;
    let mut replaced = 0;
    loop {
        let next = pos.saturating_add(chunk).min(size);
        if !source.read_into(pos, next, &mut buffer) {
            return Err(Failure::Unreadable);
        }
        pos = next;
        let last = pos >= size;
        let end = if last {
            buffer.len()
        } else {
            match buffer.iter().rposition(|&b| b == b'\n') {
                Some(i) => i + 1,
                // One record longer than the chunk: read on.
                None => continue,
            }
        };
        let (text, broken, skipped) = match decode_chunk(&buffer[..end], encoding, first) {
            Ok(decoded) => decoded,
            Err(e) => return Ok(Err(e)),
        };
        first = false;
        replaced += broken;
        let taken = parser
            .feed(&text, last, &mut |_| true)
            .map_err(Failure::Import)?;
        if last {
            return Ok(Ok(replaced));
        }
        // The bytes of the text taken; the rest (a record that may go on) stays for the
        // next chunk.
        let used = skipped
            + match encoding {
                Encoding::Windows1251 => end - text[taken..].chars().count(),
                _ => taken,
            };
        drop(text);
        buffer.drain(..used);
        if !progress(pos as f64 / size.max(1) as f64) {
            return Err(Failure::Import(ImportError::Cancelled));
        }
    }
}

impl Session {
    /// Opens a file: reads its start, guesses the encoding, the dialect and the columns.
    pub fn open<S: Source + 'static>(
        file_name: &str,
        source: S,
    ) -> Result<(Session, Opened), ImportError> {
        Session::open_with_progress(file_name, source, &mut |_, _| true)
    }

    /// [`Session::open`], telling `progress` the share of an .xlsx read and unpacked
    /// ([`Step::Unpacking`]; a CSV opens from its start at once and tells nothing). False
    /// from `progress` stops it.
    pub fn open_with_progress<S: Source + 'static>(
        file_name: &str,
        source: S,
        progress: &mut dyn FnMut(Step, f64) -> bool,
    ) -> Result<(Session, Opened), ImportError> {
        let size = source.size();
        if size > MAX_FILE_BYTES {
            return Err(ImportError::FileTooLarge {
                bytes: size,
                max_bytes: MAX_FILE_BYTES,
            });
        }
        // An .xlsx (told by its bytes, not its name) is read here, whole, and its first
        // sheet becomes tab-separated text, which then goes the CSV's way (see
        // `model::clients::xlsx`).
        let start = read(&source, 0, 8.min(size)).ok_or(ImportError::Empty)?;
        let (source, workbook): (Box<dyn Source>, bool) = match container(&start) {
            Container::Zip => {
                let bytes = read_whole(&source, &mut |done| {
                    progress(Step::Unpacking, READ_SHARE * done)
                })?;
                let text = sheet_as_text_with_progress(&bytes, &mut |done| {
                    progress(Step::Unpacking, READ_SHARE + (1.0 - READ_SHARE) * done)
                })?;
                (Box::new(text.into_bytes()), true)
            }
            Container::Ole => return Err(ImportError::Workbook(WorkbookError::Protected)),
            Container::Other => (Box::new(source), false),
        };
        let text_size = source.size();
        let mut bytes = read(&*source, 0, HEAD_BYTES.min(text_size)).ok_or(ImportError::Empty)?;
        if bytes.len() < text_size {
            // Whole lines only, so no character is cut; a first line longer than the head
            // (not a table) is read whole.
            match bytes.iter().rposition(|&b| b == b'\n') {
                Some(i) => bytes.truncate(i + 1),
                None => bytes = read(&*source, 0, text_size).ok_or(ImportError::Empty)?,
            }
            // A start of blank lines says nothing of the rest: only a blank file is empty.
            if bytes.iter().all(u8::is_ascii_whitespace) {
                bytes = read(&*source, 0, text_size).ok_or(ImportError::Empty)?;
            }
        }
        let (head, encoding, replaced) = {
            let decoded = decode(&bytes)?;
            (
                decoded.text.into_owned(),
                decoded.encoding,
                decoded.replaced,
            )
        };
        if head.trim().is_empty() && bytes.len() == text_size {
            return Err(ImportError::Empty);
        }
        let session = Session {
            file: OpenFile {
                name: file_name.to_string(),
                source,
                size,
                head,
                encoding,
                replaced,
            },
            stage: Stage::Opened,
        };
        let dialect = if workbook {
            sniff_with_delimiter(&session.file.head, b'\t')
        } else {
            sniff(&session.file.head)
        };
        let opened = session.preview(dialect);
        Ok((session, opened))
    }

    /// The preview and the guessed columns under `dialect`.
    pub fn preview(&self, dialect: Dialect) -> Opened {
        let preview = preview(&self.file.head, &dialect, PREVIEW_ROWS);
        let mapping = guess_mapping(&preview, &dialect);
        Opened {
            file_name: self.file.name.clone(),
            bytes: self.file.size,
            encoding: self.file.encoding,
            replaced: self.file.replaced,
            dialect,
            preview,
            mapping,
        }
    }

    /// Every row of the file as cells under `dialect`, at most `max_rows`, and whether there
    /// were more (the facts page's CRM import reads activities this way).
    pub fn table(&self, dialect: &Dialect, max_rows: usize) -> Result<(Preview, bool), Failure> {
        let size = self.file.source.size();
        let bytes = read(&*self.file.source, 0, size).ok_or(Failure::Unreadable)?;
        let text = decode_as(&bytes, self.file.encoding).text;
        let table = preview(&text, dialect, max_rows + 1);
        let truncated = table.rows.len() > max_rows;
        let mut table = table;
        table.rows.truncate(max_rows);
        Ok((table, truncated))
    }

    /// The encoding the rows were read in (see [`ClientsReport::encoding`]).
    pub fn encoding(&self) -> Encoding {
        self.file.encoding
    }

    /// About how many rows the file holds, from the lines of its start.
    fn rows_estimate(&self) -> usize {
        let head = &self.file.head;
        let lines = head.bytes().filter(|&b| b == b'\n').count().max(1);
        let per_line = head.len() as f64 / lines as f64;
        // The text read (a workbook's sheet as text), not the file's bytes.
        (self.file.source.size() as f64 / per_line.max(1.0) * 1.02) as usize + 16
    }

    /// Reads every row under `request`'s dialect and mapping.
    fn read_rows(
        &mut self,
        request: &AnalyzeRequest,
        progress: &mut dyn FnMut(Step, f64) -> bool,
    ) -> Result<Parsed, Failure> {
        let reserve = self.rows_estimate();
        let source = self.file.source.as_ref();
        let mut read = |encoding: Encoding| {
            let mut parser = StreamParser::new(request.dialect, request.mapping, reserve);
            let read = read_stream(source, encoding, &mut parser, &mut |done| {
                progress(Step::Reading, done)
            })?;
            Ok::<_, Failure>(read.map(|replaced| (parser, replaced)))
        };
        let (parser, replaced, encoding) = match read(self.file.encoding)? {
            Ok((parser, replaced)) => (parser, replaced, self.file.encoding),
            // Valid UTF-8 at the start only: the rule for the whole file says 1251.
            Err(NotUtf8) => match read(Encoding::Windows1251)? {
                Ok((parser, replaced)) => (parser, replaced, Encoding::Windows1251),
                Err(NotUtf8) => return Err(Failure::Unreadable),
            },
        };
        self.file.encoding = encoding;
        self.file.replaced = replaced;
        let outcome = parser.finish().map_err(Failure::Import)?;
        progress(Step::Reading, 1.0);
        Ok(Parsed {
            dialect: request.dialect,
            mapping: request.mapping,
            outcome,
        })
    }

    /// Reads the rows (unless those of this dialect and mapping are kept) and analyses them.
    /// The report has no forecast yet: [`Session::forecast`] fits it next, so the page shows
    /// the analysis without waiting for it. `now` is a clock in ms for the timings;
    /// `progress` gets each step's share done.
    pub fn analyze(
        &mut self,
        request: &AnalyzeRequest,
        now: &dyn Fn() -> f64,
        progress: &mut dyn FnMut(Step, f64) -> bool,
    ) -> Result<(ClientsReport, Timings), Failure> {
        request.analysis.validate().map_err(Failure::Settings)?;
        request.clv.validate().map_err(Failure::Settings)?;
        let mut timings = Timings::default();
        let kept = match std::mem::replace(&mut self.stage, Stage::Opened) {
            Stage::Read(parsed) | Stage::Analysed(parsed, _)
                if parsed.dialect == request.dialect && parsed.mapping == request.mapping =>
            {
                Some(parsed)
            }
            _ => None,
        };
        let parsed = match kept {
            Some(parsed) => parsed,
            None => {
                let start = now();
                let parsed = self.read_rows(request, progress)?;
                timings.read_ms = now() - start;
                parsed
            }
        };
        if !progress(Step::Analysing, 0.0) {
            self.stage = Stage::Read(parsed);
            return Err(Failure::Import(ImportError::Cancelled));
        }
        let start = now();
        let analysed = analyze_with_histories(&parsed.outcome.data, &request.analysis);
        timings.analyse_ms = now() - start;
        let (analysis, histories) = match analysed {
            Ok(analysed) => analysed,
            Err(e) => {
                self.stage = Stage::Read(parsed);
                return Err(Failure::Settings(e));
            }
        };
        let report = ClientsReport::new(
            &self.file.name,
            self.file.encoding,
            &parsed.outcome,
            &analysis,
        );
        self.stage = Stage::Analysed(
            parsed,
            Box::new(Analysed {
                analysis,
                histories,
                forecast: None,
            }),
        );
        Ok((report, timings))
    }

    /// Fits BG/NBD + Gamma-Gamma on the rows of the last analysis (on what it kept of each
    /// client's purchases, so the rows are not grouped again) and attaches every client's
    /// prediction to it (the exports carry them).
    pub fn forecast(
        &mut self,
        request: &AnalyzeRequest,
        now: &dyn Fn() -> f64,
        progress: &mut dyn FnMut(Step, f64) -> bool,
    ) -> Result<(ForecastReport, Timings), Failure> {
        let Stage::Analysed(parsed, analysed) = &mut self.stage else {
            return Err(Failure::NoFile);
        };
        let start = now();
        // The same as `predict` on the rows, from what the analysis kept of them.
        progress(Step::Forecasting, 0.0);
        let (mut fit_start, mut bgnbd_fit_ms) = (None, 0.0);
        let clv =
            predict_from_histories_with_progress(&analysed.histories, &request.clv, &mut |stage| {
                // The BG/NBD fit on its own, for the bench beside lifetimes' fit.
                match stage {
                    ForecastStage::Fitting => fit_start = Some(now()),
                    ForecastStage::BgNbdFitted => {
                        bgnbd_fit_ms = fit_start.map_or(0.0, |at| now() - at);
                    }
                    _ => {}
                }
                progress(Step::Forecasting, stage.share());
            })
            .map_err(Failure::Settings)?;
        analysed.analysis.attach_predictions(&clv);
        // The check on a holdout needs the rows after the calibration end, so it reads them;
        // a calibration end outside the file's dates gives none (the page says why).
        let data = &parsed.outcome.data;
        let summary = &analysed.analysis.summary;
        let holdout = request
            .clv
            .holdout_start(summary.first_day, summary.last_day)
            .and_then(|end| holdout(data, end, request.clv.time_unit));
        let report = ForecastReport::new(&clv, &request.clv, &analysed.analysis, holdout);
        analysed.forecast = Some(report.forecast.clone());
        let timings = Timings {
            forecast_ms: now() - start,
            bgnbd_fit_ms,
            ..Timings::default()
        };
        Ok((report, timings))
    }

    /// The per-client table of the last analysis as CSV or .xlsx.
    pub fn export(&self, request: &ExportRequest) -> Result<Export, Failure> {
        let Stage::Analysed(_, analysed) = &self.stage else {
            return Err(Failure::NoFile);
        };
        let analysis = &analysed.analysis;
        let forecast = analysed.forecast.as_ref();
        let (lang, currency) = (request.lang, request.currency);
        let stem = tr(lang, "клиенты", "clients");
        Ok(match request.format {
            ExportFormat::Csv => Export {
                file_name: format!("{stem}.csv"),
                mime: "text/csv;charset=utf-8",
                bytes: to_csv(&client_table(analysis, forecast, currency, lang), lang).into_bytes(),
            },
            ExportFormat::Xlsx => Export {
                file_name: format!("{stem}.xlsx"),
                mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                // Deflated: about 7 times smaller on 50,000 clients.
                bytes: workbook_with(
                    &client_sheets(analysis, forecast, currency, lang),
                    Locale { currency, lang },
                    &self.file.name,
                    Some(deflate),
                ),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::clients::clv::testkit::Rng;
    use crate::model::clients::clv::{ClvSettings, FitVerdict, HorizonUnit};
    use crate::model::clients::dates::{days_from_civil, format_iso};
    use crate::model::clients::decode::decode_1251;
    use crate::model::clients::xlsx::tests::inline_book;
    use crate::model::clients::{parse_transactions, AnalysisSettings, LIST_ROWS};
    use crate::model::Currency;
    use crate::storage::export::{Cell, NumberFormat};

    /// A Russian Excel export: Windows-1251, `;`, decimal comma, dd.mm.yyyy, one bad row.
    fn russian_excel_file() -> Vec<u8> {
        let mut text = String::from("Клиент;Дата;Сумма;Менеджер\r\n");
        for c in 0..60 {
            for m in 0..6 {
                if (c + m) % 3 != 0 {
                    text.push_str(&format!(
                        "ООО Ромашка {c};{:02}.{:02}.2024;{},50;Иванов\r\n",
                        1 + (c % 27),
                        1 + m,
                        1000 + c * 10
                    ));
                }
            }
        }
        text.push_str("ООО Ромашка 1;31.02.2024;100,00;Иванов\r\n");
        encode_1251(&text)
    }

    /// A base the models describe: 400 clients drawn from BG/NBD (purchase rates ~ Gamma,
    /// drop-out after each purchase ~ Beta) with Gamma-Gamma spends, over 2023-2024; what a
    /// trusted forecast is fitted on.
    fn modelled_file() -> Vec<u8> {
        let mut rng = Rng::new(11);
        let start = days_from_civil(2023, 1, 1);
        let end = days_from_civil(2024, 12, 31);
        let mut text = String::from("Клиент;Дата;Сумма\r\n");
        for c in 0..400 {
            // Purchases per day ~ Gamma(r = 0.8, alpha = 20 days).
            let rate = rng.gamma(0.8, 20.0);
            let drop = rng.beta(0.9, 3.0);
            // nu ~ Gamma(q = 4, v = 3000), each spend ~ Gamma(p = 6, nu): about 4,500 a purchase.
            let nu = rng.gamma(4.0, 3000.0);
            let mut day = start + (rng.uniform() * 365.0) as i32;
            loop {
                let amount = rng.gamma(6.0, nu);
                let date = format_iso(day);
                text.push_str(&format!("Клиент {c};{date};{:.2}\r\n", amount).replace('.', ","));
                if rng.uniform() < drop {
                    break;
                }
                day += 1 + rng.exponential(rate) as i32;
                if day > end {
                    break;
                }
            }
        }
        text.into_bytes()
    }

    fn encode_1251(text: &str) -> Vec<u8> {
        // The inverse of decode_1251 for the characters used here.
        let table: Vec<(char, u8)> = (0x80u8..=0xff)
            .filter_map(|b| decode_1251(&[b]).chars().next().map(|c| (c, b)))
            .collect();
        text.chars()
            .map(|c| {
                if c.is_ascii() {
                    c as u8
                } else {
                    table
                        .iter()
                        .find(|(t, _)| *t == c)
                        .map_or(b'?', |(_, b)| *b)
                }
            })
            .collect()
    }

    fn request(opened: &Opened) -> AnalyzeRequest {
        AnalyzeRequest {
            dialect: opened.dialect,
            mapping: opened.mapping,
            analysis: AnalysisSettings::default(),
            clv: ClvSettings {
                min_repeat_customers: 10.0,
                ..ClvSettings::default()
            },
        }
    }

    /// The analysis and then its forecast, as the worker posts them.
    fn analyze_all(session: &mut Session, request: &AnalyzeRequest) -> ClientsReport {
        let (report, _) = session.analyze(request, &|| 0.0, &mut |_, _| true).unwrap();
        let (forecast, _) = session
            .forecast(request, &|| 0.0, &mut |_, _| true)
            .unwrap();
        report.with_forecast(forecast)
    }

    #[test]
    fn a_table_is_every_row_of_the_file_in_its_encoding() {
        // A Windows-1251 activities export, as a Russian Excel saves it.
        let text = "Дата;Ответственный;Тип;Сумма\r\n01.12.2026;Иванов;Звонок;\r\n02.12.2026;Петров;Сделка;150 000\r\n";
        let bytes = windows_1251(text);
        let (session, opened) = Session::open("crm.csv", bytes).unwrap();
        let (table, truncated) = session.table(&opened.dialect, 10).unwrap();
        assert!(!truncated);
        assert_eq!(table.headers, vec!["Дата", "Ответственный", "Тип", "Сумма"]);
        assert_eq!(table.rows.len(), 2);
        assert_eq!(
            table.rows[1],
            vec!["02.12.2026", "Петров", "Сделка", "150 000"]
        );
        let (cut, truncated) = session.table(&opened.dialect, 1).unwrap();
        assert!(truncated);
        assert_eq!(cut.rows.len(), 1);
    }

    /// Windows-1251 bytes of `text` (Cyrillic and ASCII only).
    fn windows_1251(text: &str) -> Vec<u8> {
        text.chars()
            .map(|c| match c {
                'А'..='я' => (c as u32 - 'А' as u32 + 0xC0) as u8,
                'ё' => 0xB8,
                'Ё' => 0xA8,
                c => c as u8,
            })
            .collect()
    }

    fn open_and_analyze(bytes: Vec<u8>) -> (Session, ClientsReport) {
        let (mut session, opened) = Session::open("f.csv", bytes).unwrap();
        let report = analyze_all(&mut session, &request(&opened));
        (session, report)
    }

    #[test]
    fn a_russian_excel_file_opens_with_its_columns_guessed() {
        let (_, opened) = Session::open("продажи.csv", russian_excel_file()).unwrap();
        assert_eq!(opened.encoding, Encoding::Windows1251);
        assert_eq!(opened.dialect.delimiter, b';');
        assert_eq!(opened.preview.headers[0], "Клиент");
        assert_eq!(opened.mapping.client, Some(0));
        assert_eq!(opened.mapping.date, Some(1));
        assert_eq!(opened.mapping.amount, Some(2));
        assert_eq!(opened.mapping.manager, Some(3));
        assert_eq!(opened.preview.rows.len(), PREVIEW_ROWS);
    }

    #[test]
    fn analysis_counts_every_row_and_reports_the_rejected_one() {
        let (mut session, opened) = Session::open("f.csv", russian_excel_file()).unwrap();
        let mut steps = Vec::new();
        let (report, timings) = session
            .analyze(&request(&opened), &|| 1.0, &mut |step, _| {
                steps.push(step);
                true
            })
            .unwrap();
        assert_eq!(report.rejected_rows(), 1);
        assert_eq!(report.rows_read, report.summary.transactions + 1);
        assert_eq!(report.summary.clients, 60);
        assert!(report.top_clients.len() <= LIST_ROWS);
        assert_eq!(report.segments.iter().map(|g| g.clients).sum::<usize>(), 60);
        assert!(steps.contains(&Step::Reading) && steps.contains(&Step::Analysing));
        assert_eq!((timings.read_ms, timings.analyse_ms), (0.0, 0.0));
        // New settings re-analyse the rows kept, without reading the file again.
        let mut again = request(&opened);
        again.analysis.abc_a_pct = 50.0;
        let mut read_again = false;
        let (second, _) = session
            .analyze(&again, &|| 0.0, &mut |step, _| {
                read_again |= step == Step::Reading;
                true
            })
            .unwrap();
        assert!(!read_again);
        assert_eq!(second.summary, report.summary);
        assert!(second.abc[0].clients <= report.abc[0].clients);
        // Other columns read the file again.
        let mut other = again.clone();
        other.mapping.manager = None;
        session
            .analyze(&other, &|| 0.0, &mut |step, _| {
                read_again |= step == Step::Reading;
                true
            })
            .unwrap();
        assert!(read_again);
    }

    #[test]
    fn the_analysis_comes_first_and_the_forecast_after_it() {
        let (mut session, opened) = Session::open("f.csv", modelled_file()).unwrap();
        let request = request(&opened);
        assert_eq!(
            session
                .forecast(&request, &|| 0.0, &mut |_, _| true)
                .unwrap_err(),
            Failure::NoFile
        );
        let (report, _) = session
            .analyze(&request, &|| 0.0, &mut |_, _| true)
            .unwrap();
        assert_eq!(report.forecast, None);
        assert!(report.top_clients.iter().all(|c| c.predicted.is_none()));
        assert_eq!(report.summary_for_plan(0.0).predicted_base_value, None);
        let (forecast, _) = session
            .forecast(&request, &|| 0.0, &mut |_, _| true)
            .unwrap();
        assert!(forecast.top_clients.iter().all(|c| c.predicted.is_some()));
        assert_eq!(forecast.forecast.verdict, FitVerdict::Ok);
        // The forecast says how far it is, up to the end.
        let mut shares = Vec::new();
        session
            .forecast(&request, &|| 0.0, &mut |step, f| {
                assert_eq!(step, Step::Forecasting);
                shares.push(f);
                true
            })
            .unwrap();
        assert!(shares.windows(2).all(|w| w[0] <= w[1]), "{shares:?}");
        assert_eq!((shares[0], *shares.last().unwrap()), (0.0, 1.0));
        assert!(shares.len() > 10);
        let full = report.with_forecast(forecast);
        assert!(full.summary_for_plan(0.0).predicted_base_value.is_some());
        // Every client of the export has its prediction attached.
        let csv = ExportRequest {
            format: ExportFormat::Csv,
            lang: Lang::En,
            currency: Currency::RUB,
        };
        let table = String::from_utf8(session.export(&csv).unwrap().bytes).unwrap();
        let header = table.lines().next().unwrap().to_lowercase();
        assert!(header.contains("predicted"), "{header}");
    }

    #[test]
    fn a_calibration_end_before_the_last_date_checks_the_forecast_on_the_days_after() {
        let (mut session, opened) = Session::open("f.csv", russian_excel_file()).unwrap();
        let mut request = request(&opened);
        let (report, _) = session
            .analyze(&request, &|| 0.0, &mut |_, _| true)
            .unwrap();
        let (first, last) = (report.summary.first_day, report.summary.last_day);
        let (forecast, _) = session
            .forecast(&request, &|| 0.0, &mut |_, _| true)
            .unwrap();
        assert_eq!(
            forecast.forecast.holdout, None,
            "no calibration end: no holdout"
        );
        // Half-way through the file: the check counts the purchases after the end.
        let end = first + (last - first) / 2;
        request.clv.calibration_end = Some(end);
        request.clv.horizon = 26.0;
        request.clv.horizon_unit = HorizonUnit::Weeks;
        let (forecast, _) = session
            .forecast(&request, &|| 0.0, &mut |_, _| true)
            .unwrap();
        let h = forecast.forecast.holdout.clone().unwrap();
        assert_eq!((h.calibration_end, h.last_day), (end, last));
        assert!(h.actual > 0.0 && h.predicted > 0.0);
        assert_eq!(forecast.forecast.horizon_unit, HorizonUnit::Weeks);
        // The export names the horizon and rate, and carries the model on a sheet of its own.
        let csv = ExportRequest {
            format: ExportFormat::Csv,
            lang: Lang::En,
            currency: Currency::USD,
        };
        let text = String::from_utf8(session.export(&csv).unwrap().bytes).unwrap();
        let header = text.lines().next().unwrap();
        assert!(
            header.contains("Predicted value over 26 weeks, discounted at 1% a month (USD)"),
            "{header}"
        );
        assert!(header.contains(",Revenue (USD),"), "{header}");
        let sheets = client_sheets(
            &analysis_of(&session),
            Some(&forecast.forecast),
            Currency::USD,
            Lang::En,
        );
        assert_eq!(sheets.len(), 2);
        let model = &sheets[1].tables[0];
        let r = model
            .rows
            .iter()
            .find(|row| row[0] == Cell::text("BG/NBD r"))
            .unwrap();
        let fitted = forecast.forecast.bgnbd.unwrap().params.r;
        assert_eq!(r[1], Cell::Number(fitted, NumberFormat::Exact));
        // Outside the file's dates: no holdout (the page shows the problem at the field).
        request.clv.calibration_end = Some(last + 10);
        let (forecast, _) = session
            .forecast(&request, &|| 0.0, &mut |_, _| true)
            .unwrap();
        assert_eq!(forecast.forecast.holdout, None);
        assert!(request.clv.validate_for(first, last).is_err());
    }

    fn analysis_of(session: &Session) -> Analysis {
        match &session.stage {
            Stage::Analysed(_, a) => a.analysis.clone(),
            _ => panic!("not analysed"),
        }
    }

    #[test]
    fn top_clients_are_ordered_by_value() {
        let (_, report) = open_and_analyze(russian_excel_file());
        let values: Vec<(f64, f64)> = report
            .top_clients
            .iter()
            .map(|c| (c.predicted.map_or(0.0, |p| p.predicted_value), c.revenue))
            .collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn cancel_stops_the_analysis_and_keeps_the_rows() {
        let (mut session, opened) = Session::open("f.csv", russian_excel_file()).unwrap();
        let result = session.analyze(&request(&opened), &|| 0.0, &mut |step, _| {
            step != Step::Analysing
        });
        assert_eq!(result, Err(Failure::Import(ImportError::Cancelled)));
        let mut read_again = false;
        session
            .analyze(&request(&opened), &|| 0.0, &mut |step, _| {
                read_again |= step == Step::Reading;
                true
            })
            .unwrap();
        assert!(!read_again);
    }

    #[test]
    fn exports_need_an_analysis_and_carry_every_client() {
        let (mut session, opened) = Session::open("f.csv", russian_excel_file()).unwrap();
        let csv = ExportRequest {
            format: ExportFormat::Csv,
            lang: Lang::Ru,
            currency: Currency::RUB,
        };
        assert_eq!(session.export(&csv), Err(Failure::NoFile));
        analyze_all(&mut session, &request(&opened));
        let file = session.export(&csv).unwrap();
        let text = String::from_utf8(file.bytes).unwrap();
        assert_eq!(text.lines().count(), 61, "a header and 60 clients");
        assert!(text.contains("ООО Ромашка 0;"));
        let xlsx = session
            .export(&ExportRequest {
                format: ExportFormat::Xlsx,
                ..csv
            })
            .unwrap();
        assert!(xlsx.bytes.starts_with(b"PK"));
        assert_eq!(xlsx.file_name, "клиенты.xlsx");
    }

    /// The rows of `text` parsed at once, in memory: what the stream must equal.
    fn parsed_at_once(text: &str, request: &AnalyzeRequest) -> ParseOutcome {
        parse_transactions(text, &request.dialect, &request.mapping, &mut |_| true).unwrap()
    }

    fn rows_read(session: &Session) -> &ParseOutcome {
        match &session.stage {
            Stage::Read(parsed) | Stage::Analysed(parsed, _) => &parsed.outcome,
            Stage::Opened => panic!("no rows read"),
        }
    }

    #[test]
    fn a_large_file_read_as_a_stream_equals_the_text_read_at_once() {
        // Many chunks (64 KB in tests), a quoted client name with a line break in each
        // chunk's neighbourhood, rejected rows near the end.
        let body = crate::model::clients::sample::generate(60_000);
        let mut text = String::new();
        for (i, line) in body.lines().enumerate() {
            if i > 0 && i % 1_999 == 0 {
                text.push_str("\"Ромашка\nотдел\";01.01.2024;1,00\n");
            }
            text.push_str(line);
            text.push('\n');
        }
        text.push_str("Ромашка;31.02.2024;100,00\nЛютик;01.03.2024;-5\n");
        let bytes = text.clone().into_bytes();
        assert!(bytes.len() > 20 * CHUNK_BYTES);
        let (mut session, opened) = Session::open("big.csv", bytes).unwrap();
        let request = request(&opened);
        let (report, _) = session
            .analyze(&request, &|| 0.0, &mut |_, _| true)
            .unwrap();
        assert_eq!(session.encoding(), Encoding::Utf8);
        assert_eq!(*rows_read(&session), parsed_at_once(&text, &request));
        assert_eq!(report.rejected_rows(), 2);
        assert_eq!(report.rows_read, 60_000 + 30 + 2);
    }

    #[test]
    fn utf8_at_the_start_and_1251_later_is_read_as_1251() {
        // The first 256 KB are plain ASCII (valid UTF-8); Russian names come later.
        let mut text = crate::model::clients::sample::generate(60_000).replace("Клиент", "Client");
        text = text.replace("Дата", "Date").replace("Сумма", "Amount");
        text.push_str("ООО Ромашка;01.03.2024;100,00\n");
        let bytes = encode_1251(&text);
        let (mut session, opened) = Session::open("mixed.csv", bytes).unwrap();
        assert_eq!(opened.encoding, Encoding::Utf8, "guessed from the start");
        let report = analyze_all(&mut session, &request(&opened));
        assert_eq!(report.encoding, Encoding::Windows1251);
        assert_eq!(
            *rows_read(&session),
            parsed_at_once(&text, &request(&opened))
        );
        assert_eq!(report.rejected_rows(), 0);
        let csv = ExportRequest {
            format: ExportFormat::Csv,
            lang: Lang::Ru,
            currency: Currency::RUB,
        };
        let table = String::from_utf8(session.export(&csv).unwrap().bytes).unwrap();
        assert!(table.contains("ООО Ромашка;"));
    }

    #[test]
    fn a_1251_file_in_many_chunks_keeps_every_row() {
        let text = crate::model::clients::sample::generate(20_000);
        let bytes = encode_1251(&text);
        assert!(bytes.len() > 4 * CHUNK_BYTES);
        let (mut session, opened) = Session::open("1251.csv", bytes).unwrap();
        assert_eq!(opened.encoding, Encoding::Windows1251);
        session
            .analyze(&request(&opened), &|| 0.0, &mut |_, _| true)
            .unwrap();
        assert_eq!(
            *rows_read(&session),
            parsed_at_once(&text, &request(&opened))
        );
    }

    #[test]
    fn a_bom_file_in_many_chunks_keeps_every_row() {
        let text = crate::model::clients::sample::generate(20_000);
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice(text.as_bytes());
        let (mut session, opened) = Session::open("bom.csv", bytes).unwrap();
        assert_eq!(opened.encoding, Encoding::Utf8Bom);
        session
            .analyze(&request(&opened), &|| 0.0, &mut |_, _| true)
            .unwrap();
        assert_eq!(
            *rows_read(&session),
            parsed_at_once(&text, &request(&opened))
        );
    }

    #[test]
    fn a_utf8_file_cut_inside_its_last_character_stays_utf8() {
        let mut bytes = "Клиент;Дата;Сумма\nРомашка;01.02.2024;10\nЛютик;02.02.2024;5\nЖ"
            .as_bytes()
            .to_vec();
        bytes.pop();
        let (mut session, opened) = Session::open("cut.csv", bytes).unwrap();
        assert_eq!(opened.encoding, Encoding::Utf8);
        let report = analyze_all(&mut session, &request(&opened));
        assert_eq!(report.encoding, Encoding::Utf8);
        assert_eq!(report.summary.clients, 2, "Лютик read as UTF-8");
        assert_eq!(report.rejected_rows(), 1, "the cut line");
    }

    #[test]
    fn a_file_starting_with_many_blank_lines_is_not_empty() {
        let mut text = "\r\n".repeat(HEAD_BYTES);
        text.push_str("Клиент;Дата;Сумма\nРомашка;01.02.2024;10\n");
        let (mut session, opened) = Session::open("blank.csv", text.into_bytes()).unwrap();
        assert_eq!(opened.mapping.client, Some(0));
        let report = analyze_all(&mut session, &request(&opened));
        assert_eq!(report.summary.clients, 1);
        assert_eq!(report.blank_rows, HEAD_BYTES);
    }

    #[test]
    fn a_file_that_is_not_text_is_refused() {
        let zip = b"PK\x03\x04\x00\x00\x00\x00binary\x00\x00\x01\x02".to_vec();
        assert!(matches!(
            Session::open("book.xlsx", zip),
            Err(ImportError::Workbook(WorkbookError::Damaged))
        ));
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00".to_vec();
        assert!(matches!(
            Session::open("photo.png", png),
            Err(ImportError::Binary)
        ));
        assert!(matches!(
            Session::open("empty.csv", b"  \r\n".to_vec()),
            Err(ImportError::Empty)
        ));
    }

    /// The same sales as an .xlsx (openpyxl, shared strings, date cells) and as the CSV
    /// Russian Excel saves: the same columns guessed, rows refused, totals.
    #[test]
    fn an_xlsx_reads_as_its_csv() {
        let root = env!("CARGO_MANIFEST_DIR");
        let xlsx = std::fs::read(format!("{root}/tests/fixtures/sales.xlsx")).unwrap();
        let csv = std::fs::read(format!("{root}/tests/fixtures/sales.csv")).unwrap();
        // Told by its bytes: the name says nothing.
        let (mut book, book_opened) = Session::open("выгрузка.dat", xlsx).unwrap();
        let (mut text, text_opened) = Session::open("sales.csv", csv).unwrap();
        assert_eq!(book_opened.dialect.delimiter, b'\t');
        assert_eq!(book_opened.mapping, text_opened.mapping);
        assert_eq!(book_opened.preview.headers, text_opened.preview.headers);
        let from_book = analyze_all(&mut book, &request(&book_opened));
        let from_text = analyze_all(&mut text, &request(&text_opened));
        assert_eq!(from_book.summary, from_text.summary);
        assert_eq!(from_book.rows_read, from_text.rows_read);
        assert_eq!(from_book.rejected_rows(), 2);
        assert_eq!(
            rows_read(&book)
                .rejected
                .iter()
                .map(|g| (g.reason, g.count))
                .collect::<Vec<_>>(),
            rows_read(&text)
                .rejected
                .iter()
                .map(|g| (g.reason, g.count))
                .collect::<Vec<_>>()
        );
        assert_eq!(rows_read(&book).data, rows_read(&text).data);
        assert_eq!(
            rows_read(&book).negative_total,
            rows_read(&text).negative_total
        );
        assert_eq!(from_book.summary.clients, 300);
    }

    #[test]
    fn opening_an_xlsx_tells_its_progress_up_to_the_end() {
        let root = env!("CARGO_MANIFEST_DIR");
        let xlsx = std::fs::read(format!("{root}/tests/fixtures/sales.xlsx")).unwrap();
        let mut shares = Vec::new();
        Session::open_with_progress("s.xlsx", xlsx.clone(), &mut |step, f| {
            assert_eq!(step, Step::Unpacking);
            shares.push(f);
            true
        })
        .unwrap();
        assert!(shares.windows(2).all(|w| w[0] < w[1]), "{shares:?}");
        assert!(shares.len() >= 3, "read, strings, sheet: {shares:?}");
        assert_eq!(*shares.last().unwrap(), 1.0);
        // A CSV opens from its start at once: nothing to tell.
        let mut told = false;
        Session::open_with_progress("s.csv", russian_excel_file(), &mut |_, _| {
            told = true;
            true
        })
        .unwrap();
        assert!(!told);
        // Stopped while unpacking.
        assert_eq!(
            Session::open_with_progress("s.xlsx", xlsx, &mut |_, f| f < 0.5).err(),
            Some(ImportError::Cancelled)
        );
    }

    #[test]
    fn the_forecast_times_its_bgnbd_fit() {
        let (mut session, opened) = Session::open("f.csv", modelled_file()).unwrap();
        let request = request(&opened);
        session
            .analyze(&request, &|| 0.0, &mut |_, _| true)
            .unwrap();
        // A clock that moves 1 ms each time it is read: the fit is read twice, the whole
        // forecast around it.
        let clock = std::cell::Cell::new(0.0);
        let tick = || {
            clock.set(clock.get() + 1.0);
            clock.get()
        };
        let (_, timings) = session.forecast(&request, &tick, &mut |_, _| true).unwrap();
        assert_eq!(timings.bgnbd_fit_ms, 1.0);
        assert_eq!(timings.forecast_ms, 3.0);
    }

    #[test]
    fn workbooks_that_cannot_be_read_are_named() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0].to_vec();
        assert_eq!(
            Session::open("old.xls", ole).err(),
            Some(ImportError::Workbook(WorkbookError::Protected))
        );
        assert_eq!(
            Session::open("none.xlsx", Vec::new()).err(),
            Some(ImportError::Empty)
        );
        let root = env!("CARGO_MANIFEST_DIR");
        let mut cut = std::fs::read(format!("{root}/tests/fixtures/sales.xlsx")).unwrap();
        cut.truncate(cut.len() - 100);
        assert_eq!(
            Session::open("cut.xlsx", cut).err(),
            Some(ImportError::Workbook(WorkbookError::Damaged))
        );
        // A merged header (a blank name) still reads; the mapping step shows the blank.
        let merged = inline_book(&[
            &["Клиент", "", "Сумма", "Дата"],
            &["А", "x", "10", "01.02.2024"],
        ]);
        let (_, opened) = Session::open("m.xlsx", merged).unwrap();
        assert_eq!(opened.preview.headers, ["Клиент", "", "Сумма", "Дата"]);
        assert_eq!(opened.mapping.client, Some(0));
        assert_eq!(opened.mapping.amount, Some(2));
        assert_eq!(opened.mapping.date, Some(3));
        // A header only, and one client: the same answers as for a CSV.
        let header = inline_book(&[&["Клиент", "Дата", "Сумма"]]);
        let (mut session, opened) = Session::open("h.xlsx", header).unwrap();
        assert_eq!(
            session
                .analyze(&request(&opened), &|| 0.0, &mut |_, _| true)
                .err(),
            Some(Failure::Import(ImportError::NoDataRows))
        );
        let one = inline_book(&[&["Клиент", "Дата", "Сумма"], &["А", "01.02.2024", "10,5"]]);
        let (mut session, opened) = Session::open("one.xlsx", one).unwrap();
        let report = analyze_all(&mut session, &request(&opened));
        assert_eq!(report.summary.clients, 1);
        assert_eq!(report.summary.revenue, 10.5);
    }
}
