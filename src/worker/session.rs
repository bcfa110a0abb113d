//! The import worker's engine: one opened file, its parsed rows and the last analysis.
//! Plain Rust (no browser types), so the whole pipeline is tested natively; the worker's
//! glue only moves messages.

use serde::{Deserialize, Serialize};

use super::part::LaterPart;
use super::protocol::{
    AnalyzeRequest, ClientsReport, ExportFormat, ExportRequest, Failure, Forecast, ForecastReport,
    Opened, Step, Timings, LIST_ROWS, PREVIEW_ROWS,
};
use crate::i18n::tr;
use crate::model::clients::analysis::{analyze_with_histories, ClientRow};
use crate::model::clients::clv::{predict_from_histories, PurchaseHistory};
use crate::model::clients::csv::records;
use crate::model::clients::decode::{decode_1251, decode_as, MAX_FILE_BYTES};
use crate::model::clients::parse::{join, join_rows, Part, PartOutcome, PieceParser};
use crate::model::clients::{
    decode, guess_mapping, preview, sniff, Analysis, ColumnMapping, Dialect, Encoding, ImportError,
    ParseOutcome,
};
use crate::storage::export::{client_sheet, client_table, to_csv, workbook, Locale};

/// Where the worker reads the file from: the dropped `File` in the browser (read in pieces,
/// so a large file is never held as one more copy), a `Vec<u8>` in tests.
pub trait Source {
    fn size(&self) -> usize;
    /// Bytes `start..end`, clamped to the file; `None` when they cannot be read.
    fn read(&self, start: usize, end: usize) -> Option<Vec<u8>>;
    /// [`Source::read`] within a read that goes on in order up to `until`: the source may
    /// fetch past `end` (up to `until`) at once and serve the next calls from that.
    fn read_on(&self, start: usize, end: usize, _until: usize) -> Option<Vec<u8>> {
        self.read(start, end)
    }
}

impl Source for Vec<u8> {
    fn size(&self) -> usize {
        self.len()
    }

    fn read(&self, start: usize, end: usize) -> Option<Vec<u8>> {
        let end = end.min(self.len());
        Some(self.get(start.min(end)..end)?.to_vec())
    }
}

/// Rows of the generated file the worker reads when the Clients page opens (see
/// `glue::start_warm_up`): enough for it to be read in two pieces, as a large file is.
pub const WARM_UP_ROWS: usize = 48_000;

/// The warm-up's file: [`WARM_UP_ROWS`] generated rows like a Russian Excel export.
pub fn warm_up_file() -> Vec<u8> {
    crate::model::clients::sample::generate(WARM_UP_ROWS).into_bytes()
}

/// Bytes read when a file is opened: enough for its encoding, dialect and preview.
const HEAD_BYTES: usize = 256 * 1024;
/// Files from this size on are read in two pieces at once when a helper worker is there.
pub const SPLIT_MIN_BYTES: usize = 1 << 20;
/// How far past the cut the split looks for a line break.
const SPLIT_WINDOW: usize = 64 * 1024;
/// The share of a split file this worker reads itself. The helper's piece costs more than
/// its bytes: its rows are copied out, packed, posted and joined (about 40 ms of a 1M-row
/// file's 300 ms halves), and this worker waited for them; a larger first piece evens out.
const FIRST_PIECE_SHARE: f64 = 0.53;

/// Rows read under one dialect and mapping, kept so new settings re-analyse without
/// reading the file again.
struct Parsed {
    dialect: Dialect,
    mapping: ColumnMapping,
    outcome: ParseOutcome,
}

/// The first piece of a file read while a helper reads the later one.
struct Pending {
    dialect: Dialect,
    mapping: ColumnMapping,
    first: PartOutcome,
    job: PartJob,
}

/// What a helper worker is asked to read: the later piece of the file.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct PartJob {
    /// Byte range in the file; `start` is where a line starts.
    pub start: usize,
    pub end: usize,
    pub encoding: Encoding,
    pub dialect: Dialect,
    pub mapping: ColumnMapping,
    /// The column count of the file (from its first record).
    pub columns: usize,
    /// About how many rows the piece holds (room made at once).
    pub rows_hint: usize,
    /// Which of the worker's reads this is (it numbers them), so that a helper's answer to
    /// an earlier read (a warm-up's, say) is never joined to a later one.
    #[serde(default)]
    pub read: u32,
}

/// How an analysis goes on after [`Session::start_analyze`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Start {
    /// The rows are read: call [`Session::finish_analyze`].
    RowsReady,
    /// Read the whole file with [`Session::read_whole`].
    ReadWhole,
    /// Give the job to the helper, read the first piece with [`Session::read_first`], then
    /// [`Session::join_later`] with the helper's answer.
    Split(PartJob),
}

pub struct Session {
    file_name: String,
    source: Box<dyn Source>,
    size: usize,
    /// The decoded start of the file, cut at a line break: the preview's text.
    head: String,
    encoding: Encoding,
    replaced: usize,
    parsed: Option<Parsed>,
    pending: Option<Pending>,
    /// When the current read began (ms of the caller's clock), for the timings.
    read_started: Option<f64>,
    /// Pieces the last read joined (see [`Timings::pieces`]).
    pieces: u8,
    /// The last analysis with the predictions attached: the exports' source.
    analysis: Option<Analysis>,
    /// Each client's purchases as the forecast needs them, from the last analysis.
    histories: Vec<Option<PurchaseHistory>>,
}

/// A file ready to download.
#[derive(Debug, Clone, PartialEq)]
pub struct Export {
    pub file_name: String,
    pub mime: &'static str,
    pub bytes: Vec<u8>,
}

/// A piece of the file in a guessed UTF-8 that is not UTF-8: the file is Windows-1251.
#[derive(Debug)]
struct NotUtf8;

/// Turns a piece's bytes into text; `first` when it is where a byte order mark may be.
/// Returns the text and the broken sequences replaced.
fn decode_piece(
    mut bytes: Vec<u8>,
    encoding: Encoding,
    first: bool,
) -> Result<(String, usize), NotUtf8> {
    match encoding {
        Encoding::Utf8 => match String::from_utf8(bytes) {
            Ok(text) => Ok((text, 0)),
            // A character cut at the very end (chunks end at line breaks, so only the file's
            // end can cut one): a truncated UTF-8 file, not another encoding.
            Err(e) if e.utf8_error().error_len().is_none() => {
                let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                Ok((text, 1))
            }
            Err(_) => Err(NotUtf8),
        },
        Encoding::Utf8Bom => {
            if first && bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                bytes.drain(..3);
            }
            Ok(match String::from_utf8(bytes) {
                Ok(text) => (text, 0),
                Err(e) => {
                    let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
                    let replaced = text.matches('\u{fffd}').count();
                    (text, replaced)
                }
            })
        }
        Encoding::Windows1251 => Ok((decode_1251(&bytes), 0)),
        Encoding::Utf16Le | Encoding::Utf16Be => {
            let decoded = decode_as(&bytes, encoding);
            Ok((decoded.text.into_owned(), decoded.replaced))
        }
    }
}

/// Bytes of the file read (and held as text) at a time; small in tests, so their files
/// are read in many chunks. A chunk is what a read holds beside the rows: 1 MB reads as
/// fast as 4 MB did and keeps both workers' memory 3 MB lower each.
const CHUNK_BYTES: usize = if cfg!(test) { 64 << 10 } else { 1 << 20 };

/// Reads bytes `start..end` of the file into `parser` a chunk at a time, each chunk cut
/// after its last line break (a character is never cut: a line break is one byte in every
/// encoding read in pieces). Returns the broken sequences replaced, or `NotUtf8`.
fn read_piece(
    source: &dyn Source,
    (start, end): (usize, usize),
    encoding: Encoding,
    parser: &mut PieceParser,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<Result<usize, NotUtf8>, Failure> {
    let whole = matches!(encoding, Encoding::Utf16Le | Encoding::Utf16Be);
    let mut chunk = if whole { end - start } else { CHUNK_BYTES };
    let mut pos = start;
    let mut replaced = 0;
    loop {
        let next = pos.saturating_add(chunk).min(end);
        let last = next >= end;
        let mut bytes = source.read_on(pos, next, end).ok_or(Failure::Unreadable)?;
        if !last {
            match bytes.iter().rposition(|&b| b == b'\n') {
                Some(i) => bytes.truncate(i + 1),
                None => {
                    // One record longer than a chunk: read more at once.
                    chunk = chunk.saturating_mul(2);
                    continue;
                }
            }
        }
        let source_len = bytes.len();
        let (text, broken) = match decode_piece(bytes, encoding, pos == 0) {
            Ok(decoded) => decoded,
            Err(e) => return Ok(Err(e)),
        };
        replaced += broken;
        let taken = parser
            .feed(&text, last, &mut |_| true)
            .map_err(Failure::Import)?;
        if last {
            return Ok(Ok(replaced));
        }
        // What the parser left (a record that may go on) is read again with the next chunk.
        let left = match encoding {
            Encoding::Windows1251 => text[taken..].chars().count(),
            _ => text.len() - taken,
        };
        match source_len - left {
            0 => chunk = chunk.saturating_mul(2),
            used => pos += used,
        }
        if !progress((pos - start) as f64 / (end - start).max(1) as f64) {
            return Err(Failure::Import(ImportError::Cancelled));
        }
    }
}

/// Reads and parses the later piece of a file: the helper worker's whole job (and the
/// worker's own when there is no helper). `None` when the piece is not the UTF-8 the job
/// says (the worker then reads the whole file as Windows-1251).
pub fn read_later_part(
    source: &dyn Source,
    job: &PartJob,
    progress: &mut dyn FnMut(f64) -> bool,
) -> Result<Option<PartOutcome>, Failure> {
    let part = Part::Later {
        columns: job.columns,
    };
    let mut parser = PieceParser::new(job.dialect, job.mapping, part, job.rows_hint);
    match read_piece(
        source,
        (job.start, job.end),
        job.encoding,
        &mut parser,
        progress,
    )? {
        Ok(_) => parser.finish().map(Some).map_err(Failure::Import),
        Err(NotUtf8) => Ok(None),
    }
}

impl Session {
    /// Opens a file: reads its start, guesses the encoding, the dialect and the columns.
    pub fn open<S: Source + 'static>(
        file_name: &str,
        source: S,
    ) -> Result<(Session, Opened), ImportError> {
        let size = source.size();
        if size > MAX_FILE_BYTES {
            return Err(ImportError::FileTooLarge {
                bytes: size,
                max_bytes: MAX_FILE_BYTES,
            });
        }
        let mut bytes = source
            .read(0, HEAD_BYTES.min(size))
            .ok_or(ImportError::Empty)?;
        if bytes.len() < size {
            // Whole lines only, so no character is cut; a first line longer than the head
            // (not a table) is read whole.
            match bytes.iter().rposition(|&b| b == b'\n') {
                Some(i) => bytes.truncate(i + 1),
                None => bytes = source.read(0, size).ok_or(ImportError::Empty)?,
            }
            // A start of blank lines says nothing of the rest: only a blank file is empty.
            if bytes.iter().all(u8::is_ascii_whitespace) {
                bytes = source.read(0, size).ok_or(ImportError::Empty)?;
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
        if head.trim().is_empty() && bytes.len() == size {
            return Err(ImportError::Empty);
        }
        let session = Session {
            file_name: file_name.to_string(),
            source: Box::new(source),
            size,
            head,
            encoding,
            replaced,
            parsed: None,
            pending: None,
            read_started: None,
            pieces: 0,
            analysis: None,
            histories: Vec::new(),
        };
        let dialect = sniff(&session.head);
        let opened = session.preview(dialect);
        Ok((session, opened))
    }

    /// The preview and the guessed columns under `dialect`.
    pub fn preview(&self, dialect: Dialect) -> Opened {
        let preview = preview(&self.head, &dialect, PREVIEW_ROWS);
        let mapping = guess_mapping(&preview, &dialect);
        Opened {
            file_name: self.file_name.clone(),
            bytes: self.size,
            encoding: self.encoding,
            replaced: self.replaced,
            dialect,
            preview,
            mapping,
        }
    }

    /// The first step of an analysis: checks the settings and says how the rows are read.
    /// `helper` is whether a helper worker can read a piece at the same time.
    pub fn start_analyze(
        &mut self,
        request: &AnalyzeRequest,
        helper: bool,
        now: f64,
    ) -> Result<Start, Failure> {
        request.analysis.validate().map_err(Failure::Settings)?;
        request.clv.validate().map_err(Failure::Settings)?;
        self.pending = None;
        if self.has_rows_for(request) {
            return Ok(Start::RowsReady);
        }
        self.parsed = None;
        self.analysis = None;
        self.histories = Vec::new();
        self.read_started = Some(now);
        Ok(match self.split_job(request).filter(|_| helper) {
            Some(job) => Start::Split(job),
            None => Start::ReadWhole,
        })
    }

    /// Whether analysing with `request` would read a file large enough to be read in two
    /// pieces (so waiting for a helper that is still starting pays).
    pub fn wants_helper(&self, request: &AnalyzeRequest) -> bool {
        !self.has_rows_for(request) && self.splittable()
    }

    /// The rows read under this request's dialect and mapping are kept.
    fn has_rows_for(&self, request: &AnalyzeRequest) -> bool {
        self.parsed
            .as_ref()
            .is_some_and(|p| p.dialect == request.dialect && p.mapping == request.mapping)
    }

    /// Large enough to read in two pieces, in an encoding where a line break is one byte.
    fn splittable(&self) -> bool {
        self.size >= SPLIT_MIN_BYTES
            && matches!(
                self.encoding,
                Encoding::Utf8 | Encoding::Utf8Bom | Encoding::Windows1251
            )
    }

    /// Where a large file is cut in two: the first line break past
    /// [`FIRST_PIECE_SHARE`] of it.
    fn split_job(&self, request: &AnalyzeRequest) -> Option<PartJob> {
        if !self.splittable() {
            return None;
        }
        let cut = (self.size as f64 * FIRST_PIECE_SHARE) as usize;
        let window = self.source.read(cut, cut + SPLIT_WINDOW)?;
        let start = cut + window.iter().position(|&b| b == b'\n')? + 1;
        let columns = records(&self.head, request.dialect.delimiter, 1)
            .first()?
            .len();
        (start < self.size).then_some(PartJob {
            start,
            end: self.size,
            encoding: self.encoding,
            dialect: request.dialect,
            mapping: request.mapping,
            columns,
            rows_hint: self.rows_in(self.size - start),
            read: 0,
        })
    }

    /// About how many rows `bytes` of this file hold, from the lines of its start.
    fn rows_in(&self, bytes: usize) -> usize {
        let lines = self.head.bytes().filter(|&b| b == b'\n').count().max(1);
        let per_line = self.head.len() as f64 / lines as f64;
        (bytes as f64 / per_line.max(1.0) * 1.02) as usize + 16
    }

    /// Reads bytes `0..end` as a first piece; `None` when the file is not the UTF-8 its
    /// start seemed.
    fn read_first_piece(
        &mut self,
        request: &AnalyzeRequest,
        end: usize,
        progress: &mut dyn FnMut(Step, f64) -> bool,
    ) -> Result<Option<PartOutcome>, Failure> {
        // Room for the rows of the whole file: the helper's rows join without a move.
        let reserve = self.rows_in(self.size);
        let mut parser = PieceParser::new(request.dialect, request.mapping, Part::First, reserve);
        let share = end as f64 / self.size.max(1) as f64;
        let read = read_piece(
            self.source.as_ref(),
            (0, end),
            self.encoding,
            &mut parser,
            &mut |done| progress(Step::Reading, done * share),
        )?;
        match read {
            Ok(replaced) => {
                self.replaced = replaced;
                parser.finish().map(Some).map_err(Failure::Import)
            }
            Err(NotUtf8) => Ok(None),
        }
    }

    /// Reads the whole file in this worker.
    pub fn read_whole(
        &mut self,
        request: &AnalyzeRequest,
        progress: &mut dyn FnMut(Step, f64) -> bool,
    ) -> Result<(), Failure> {
        let part = match self.read_first_piece(request, self.size, progress)? {
            Some(part) => part,
            None => {
                // Valid UTF-8 at the start only: the rule for the whole file says 1251.
                self.encoding = Encoding::Windows1251;
                self.read_first_piece(request, self.size, progress)?
                    .ok_or(Failure::Unreadable)?
            }
        };
        if part.outcome.rows_read == 0 {
            return Err(Failure::Import(ImportError::NoDataRows));
        }
        progress(Step::Reading, 1.0);
        self.pieces = 1;
        self.parsed = Some(Parsed {
            dialect: request.dialect,
            mapping: request.mapping,
            outcome: part.outcome,
        });
        Ok(())
    }

    /// Reads the first piece of a split file while the helper reads `job`'s.
    pub fn read_first(
        &mut self,
        request: &AnalyzeRequest,
        job: PartJob,
        progress: &mut dyn FnMut(Step, f64) -> bool,
    ) -> Result<(), Failure> {
        let Some(first) = self.read_first_piece(request, job.start, progress)? else {
            // Not UTF-8 after all: read the whole file as Windows-1251 here.
            self.encoding = Encoding::Windows1251;
            return self.read_whole(request, progress);
        };
        self.pending = Some(Pending {
            dialect: request.dialect,
            mapping: request.mapping,
            first,
            job,
        });
        Ok(())
    }

    /// Whether a first piece waits for the helper's piece.
    pub fn waits_for_later_part(&self) -> bool {
        self.pending.is_some()
    }

    /// Joins the helper's piece to the first one. Without it (the helper failed), or when
    /// the pieces do not fit (the cut fell inside a quoted line break, or the file is not
    /// the UTF-8 it seemed), the rest is read here so the rows are the same either way.
    pub fn join_later(
        &mut self,
        later: Option<LaterPart<'_>>,
        request: &AnalyzeRequest,
        progress: &mut dyn FnMut(Step, f64) -> bool,
    ) -> Result<(), Failure> {
        let Some(pending) = self.pending.take() else {
            return Err(Failure::NoFile);
        };
        if pending.first.ends_in_open_quote
            || pending.dialect != request.dialect
            || pending.mapping != request.mapping
        {
            return self.read_whole(request, progress);
        }
        let outcome = match later {
            // Unpacked straight into the first piece's rows (room was made for them).
            Some(later) => {
                let rows = (later.row_count(), later.rows());
                let tags = later.tags();
                join_rows(pending.first, later.part, rows, tags)
            }
            None => match read_later_part(self.source.as_ref(), &pending.job, &mut |_| true)? {
                Some(later) => join(pending.first, later),
                None => {
                    self.encoding = Encoding::Windows1251;
                    return self.read_whole(request, progress);
                }
            },
        }
        .map_err(Failure::Import)?;
        self.pieces = 2;
        progress(Step::Reading, 1.0);
        self.parsed = Some(Parsed {
            dialect: request.dialect,
            mapping: request.mapping,
            outcome,
        });
        Ok(())
    }

    /// Analyses the rows read. The report has no forecast yet: [`Session::forecast`] fits
    /// it next, so the page shows the analysis without waiting for it. `now` is a clock in
    /// ms for the timings; `progress` gets each step's share done.
    pub fn finish_analyze(
        &mut self,
        request: &AnalyzeRequest,
        now: &dyn Fn() -> f64,
        progress: &mut dyn FnMut(Step, f64) -> bool,
    ) -> Result<ClientsReport, Failure> {
        let mut timings = Timings::default();
        if let Some(started) = self.read_started.take() {
            timings.read_ms = now() - started;
            timings.pieces = std::mem::take(&mut self.pieces);
        }
        let Some(parsed) = &self.parsed else {
            return Err(Failure::NoFile);
        };
        progress(Step::Analysing, 0.0);
        let start = now();
        let (analysis, histories) = analyze_with_histories(&parsed.outcome.data, &request.analysis)
            .map_err(Failure::Settings)?;
        timings.analyse_ms = now() - start;

        let outcome = &parsed.outcome;
        let report = ClientsReport {
            file_name: self.file_name.clone(),
            encoding: self.encoding,
            rows_read: outcome.rows_read,
            blank_rows: outcome.blank_rows,
            zero_amount_rows: outcome.zero_amount_rows,
            negative_total: outcome.negative_total,
            rejected: outcome.rejected.clone(),
            summary: analysis.summary.clone(),
            abc: analysis.abc,
            xyz: analysis.xyz,
            matrix: analysis.matrix.clone(),
            segments: analysis.segments,
            reactivation: analysis
                .reactivation
                .iter()
                .take(LIST_ROWS)
                .cloned()
                .collect(),
            reactivation_total: analysis.reactivation.len(),
            cohorts: analysis.cohorts.clone(),
            base: analysis.base.clone(),
            forecast: None,
            top_clients: top_clients(&analysis),
            timings,
        };
        self.analysis = Some(analysis);
        self.histories = histories;
        Ok(report)
    }

    /// Fits BG/NBD + Gamma-Gamma on the rows of the last analysis (on what it kept of each
    /// client's purchases, so the rows are not grouped again) and attaches every client's
    /// prediction to it (the exports carry them).
    pub fn forecast(
        &mut self,
        request: &AnalyzeRequest,
        now: &dyn Fn() -> f64,
    ) -> Result<ForecastReport, Failure> {
        let (Some(_), Some(analysis)) = (&self.parsed, self.analysis.as_mut()) else {
            return Err(Failure::NoFile);
        };
        let start = now();
        // The same as `predict` on the rows, from what the analysis kept of them.
        let clv =
            predict_from_histories(&self.histories, &request.clv).map_err(Failure::Settings)?;
        analysis.attach_predictions(&clv);
        Ok(ForecastReport {
            forecast: Forecast {
                verdict: clv.verdict,
                bgnbd: clv.bgnbd,
                gamma_gamma: clv.gamma_gamma,
                customers: clv.customers,
                repeat_customers: clv.repeat_customers,
                time_unit: request.clv.time_unit,
                horizon_months: request.clv.horizon_months,
                base_value: clv.base_value,
                base_expected_purchases: clv.base_expected_purchases,
                expected_active_clients: clv.expected_active_clients,
            },
            top_clients: top_clients(analysis),
            forecast_ms: now() - start,
            memory_bytes: 0.0,
        })
    }

    /// The whole analysis in this worker, without a helper (tests, small files).
    pub fn analyze(
        &mut self,
        request: &AnalyzeRequest,
        now: &dyn Fn() -> f64,
        progress: &mut dyn FnMut(Step, f64) -> bool,
    ) -> Result<ClientsReport, Failure> {
        let report = self.read_and_analyze(request, now, progress)?;
        if !progress(Step::Forecasting, 0.0) {
            return Err(Failure::Import(ImportError::Cancelled));
        }
        Ok(report.with_forecast(self.forecast(request, now)?))
    }

    /// [`Session::analyze`] without the forecast.
    fn read_and_analyze(
        &mut self,
        request: &AnalyzeRequest,
        now: &dyn Fn() -> f64,
        progress: &mut dyn FnMut(Step, f64) -> bool,
    ) -> Result<ClientsReport, Failure> {
        match self.start_analyze(request, false, now())? {
            Start::RowsReady => {}
            Start::ReadWhole => self.read_whole(request, progress)?,
            Start::Split(job) => {
                self.read_first(request, job, progress)?;
                self.join_later(None, request, progress)?;
            }
        }
        self.finish_analyze(request, now, progress)
    }

    /// The per-client table of the last analysis as CSV or .xlsx.
    pub fn export(&self, request: &ExportRequest) -> Result<Export, Failure> {
        let analysis = self.analysis.as_ref().ok_or(Failure::NoFile)?;
        let stem = tr(request.lang, "клиенты", "clients");
        Ok(match request.format {
            ExportFormat::Csv => Export {
                file_name: format!("{stem}.csv"),
                mime: "text/csv;charset=utf-8",
                bytes: to_csv(&client_table(analysis, request.lang), request.lang).into_bytes(),
            },
            ExportFormat::Xlsx => Export {
                file_name: format!("{stem}.xlsx"),
                mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                bytes: workbook(
                    &[client_sheet(analysis, request.lang)],
                    Locale {
                        currency: request.currency,
                        lang: request.lang,
                    },
                    &self.file_name,
                ),
            },
        })
    }
}

/// The most valuable clients: by predicted value when there is a forecast, else by revenue.
fn top_clients(analysis: &Analysis) -> Vec<ClientRow> {
    let value = |c: &ClientRow| (c.predicted.map_or(0.0, |p| p.predicted_value), c.revenue);
    let mut order: Vec<usize> = (0..analysis.clients.len()).collect();
    let by_value = |a: &usize, b: &usize| {
        value(&analysis.clients[*b])
            .partial_cmp(&value(&analysis.clients[*a]))
            .unwrap_or(std::cmp::Ordering::Equal)
    };
    if order.len() > LIST_ROWS {
        order.select_nth_unstable_by(LIST_ROWS, by_value);
        order.truncate(LIST_ROWS);
    }
    order.sort_by(by_value);
    order
        .into_iter()
        .map(|i| analysis.clients[i].clone())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;
    use crate::model::clients::clv::ClvSettings;
    use crate::model::clients::decode::decode_1251;
    use crate::model::clients::AnalysisSettings;
    use crate::model::Currency;
    use crate::worker::part::Slice;

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

    #[test]
    fn the_warm_up_file_is_read_in_two_pieces_as_a_large_file_is() {
        let (mut session, opened) = Session::open("warm-up.csv", warm_up_file()).unwrap();
        let request = request(&opened);
        let Start::Split(job) = session.start_analyze(&request, true, 0.0).unwrap() else {
            panic!("the warm-up would not use the helper");
        };
        session.read_first(&request, job, &mut |_, _| true).unwrap();
        let later = read_later_part(&warm_up_file(), &job, &mut |_| true)
            .unwrap()
            .unwrap();
        let (meta, rows) = crate::worker::part::pack(later);
        let bytes = rows.to_bytes();
        let bytes = Slice(&bytes);
        let later = LaterPart::new(meta, &bytes).unwrap();
        session
            .join_later(Some(later), &request, &mut |_, _| true)
            .unwrap();
        let report = session
            .finish_analyze(&request, &|| 0.0, &mut |_, _| true)
            .unwrap();
        assert_eq!(report.rows_read, WARM_UP_ROWS);
        assert_eq!(report.timings.pieces, 2);
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
        let report = session
            .analyze(&request(&opened), &|| 0.0, &mut |step, _| {
                steps.push(step);
                true
            })
            .unwrap();
        assert_eq!(report.rejected_rows(), 1);
        assert_eq!(report.rows_read, report.summary.transactions + 1);
        assert_eq!(report.summary.clients, 60);
        assert!(report.top_clients.len() <= LIST_ROWS);
        assert_eq!(report.segments.iter().map(|g| g.clients).sum::<usize>(), 60);
        assert!(steps.contains(&Step::Analysing) && steps.contains(&Step::Forecasting));
        // New settings re-analyse the rows kept, without reading the file again.
        let mut again = request(&opened);
        again.analysis.abc_a_pct = 50.0;
        let mut read_again = false;
        let second = session
            .analyze(&again, &|| 0.0, &mut |step, _| {
                read_again |= step == Step::Reading;
                true
            })
            .unwrap();
        assert!(!read_again);
        assert_eq!(second.summary, report.summary);
        assert!(second.abc[0].clients <= report.abc[0].clients);
    }

    #[test]
    fn the_analysis_comes_first_and_the_forecast_after_it() {
        let (mut session, opened) = Session::open("f.csv", russian_excel_file()).unwrap();
        let request = request(&opened);
        assert_eq!(
            session.start_analyze(&request, false, 0.0),
            Ok(Start::ReadWhole)
        );
        session.read_whole(&request, &mut |_, _| true).unwrap();
        let report = session
            .finish_analyze(&request, &|| 0.0, &mut |_, _| true)
            .unwrap();
        assert_eq!(report.forecast, None);
        assert!(report.top_clients.iter().all(|c| c.predicted.is_none()));
        assert_eq!(report.summary_for_plan(0.0).predicted_base_value, None);
        let forecast = session.forecast(&request, &|| 0.0).unwrap();
        assert!(forecast.top_clients.iter().all(|c| c.predicted.is_some()));
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
    fn top_clients_are_ordered_by_value() {
        let (mut session, opened) = Session::open("f.csv", russian_excel_file()).unwrap();
        let report = session
            .analyze(&request(&opened), &|| 0.0, &mut |_, _| true)
            .unwrap();
        let values: Vec<(f64, f64)> = report
            .top_clients
            .iter()
            .map(|c| (c.predicted.map_or(0.0, |p| p.predicted_value), c.revenue))
            .collect();
        assert!(values.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn cancel_stops_the_analysis() {
        let (mut session, opened) = Session::open("f.csv", russian_excel_file()).unwrap();
        let result = session.analyze(&request(&opened), &|| 0.0, &mut |step, _| {
            step != Step::Forecasting
        });
        assert_eq!(result, Err(Failure::Import(ImportError::Cancelled)));
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
        session
            .analyze(&request(&opened), &|| 0.0, &mut |_, _| true)
            .unwrap();
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

    /// An analysis with the later piece read by a "helper" (here, in the same thread, as
    /// the helper worker does: its own read, packed and unpacked as on the way back).
    fn analyze_split(bytes: Vec<u8>) -> (ClientsReport, Encoding) {
        let (mut session, opened) = Session::open("big.csv", bytes.clone()).unwrap();
        let request = request(&opened);
        let Start::Split(job) = session.start_analyze(&request, true, 0.0).unwrap() else {
            panic!("a large file is split");
        };
        assert!(job.start > bytes.len() / 2 && bytes[job.start - 1] == b'\n');
        session.read_first(&request, job, &mut |_, _| true).unwrap();
        let later = read_later_part(&bytes, &job, &mut |_| true).unwrap();
        let packed = later.map(|part| {
            let (meta, rows) = super::super::part::pack(part);
            (meta, rows.to_bytes())
        });
        let slice = packed.as_ref().map(|(_, bytes)| Slice(bytes));
        let later = packed
            .as_ref()
            .zip(slice.as_ref())
            .map(|((meta, _), slice)| LaterPart::new(meta.clone(), slice).unwrap());
        if session.waits_for_later_part() {
            session
                .join_later(later, &request, &mut |_, _| true)
                .unwrap();
        }
        let report = session
            .finish_analyze(&request, &|| 0.0, &mut |_, _| true)
            .unwrap();
        let forecast = session.forecast(&request, &|| 0.0).unwrap();
        (report.with_forecast(forecast), session.encoding)
    }

    fn same_but_timings(a: &ClientsReport, b: &ClientsReport) -> bool {
        let mut a = a.clone();
        a.timings = b.timings;
        a == *b
    }

    fn analyze_at_once(bytes: Vec<u8>) -> ClientsReport {
        let (mut session, opened) = Session::open("big.csv", bytes).unwrap();
        session
            .analyze(&request(&opened), &|| 0.0, &mut |_, _| true)
            .unwrap()
    }

    #[test]
    fn a_large_file_read_in_two_pieces_gives_the_same_report() {
        let mut text = crate::model::clients::sample::generate(60_000);
        text.push_str("Ромашка;31.02.2024;100,00\nЛютик;01.03.2024;-5\n");
        let bytes = text.into_bytes();
        assert!(bytes.len() > SPLIT_MIN_BYTES);
        let (split, encoding) = analyze_split(bytes.clone());
        assert_eq!(encoding, Encoding::Utf8);
        let whole = analyze_at_once(bytes);
        assert_eq!((split.timings.pieces, whole.timings.pieces), (2, 1));
        assert!(same_but_timings(&split, &whole), "the split read differs");
        assert_eq!(split.rejected_rows(), 2);
        assert_eq!(split.rows_read, 60_002);
    }

    #[test]
    fn a_split_inside_a_quoted_line_break_falls_back_to_one_read() {
        let body = crate::model::clients::sample::generate(60_000);
        let share = |len: usize| (len as f64 * FIRST_PIECE_SHARE) as usize;
        let at = share(body.len());
        let cut = at + body[at..].find('\n').unwrap() + 1;
        // A quoted client name with a line break, placed so that the file's cut
        // falls inside it, before its line break: the split point is that line break.
        let quoted = format!("\"{}\nотдел\";01.01.2024;1,00\n", "Ромашка ".repeat(12));
        let text = format!("{}{quoted}{}", &body[..cut], &body[cut..]);
        let text_cut = share(text.len());
        let inner_break = cut + quoted.find('\n').unwrap();
        assert!(
            cut < text_cut && text_cut < inner_break,
            "{cut} {text_cut} {inner_break}"
        );
        let bytes = text.into_bytes();
        let (split, _) = analyze_split(bytes.clone());
        assert_eq!(split.timings.pieces, 1, "read again at once");
        assert!(
            same_but_timings(&split, &analyze_at_once(bytes)),
            "the fallback read differs"
        );
        assert_eq!(split.rejected_rows(), 0);
    }

    #[test]
    fn utf8_at_the_start_and_1251_later_is_read_as_1251() {
        // The first 256 KB are plain ASCII (valid UTF-8); Russian names come later.
        let mut text = crate::model::clients::sample::generate(60_000).replace("Клиент", "Client");
        text = text.replace("Дата", "Date").replace("Сумма", "Amount");
        text.push_str("ООО Ромашка;01.03.2024;100,00\n");
        let bytes = encode_1251(&text);
        let (_, opened) = Session::open("mixed.csv", bytes.clone()).unwrap();
        assert_eq!(opened.encoding, Encoding::Utf8, "guessed from the start");
        let (split, encoding) = analyze_split(bytes.clone());
        assert_eq!(encoding, Encoding::Windows1251);
        assert_eq!(split.encoding, Encoding::Windows1251);
        let (mut session, opened) = Session::open("big.csv", bytes).unwrap();
        let whole = session
            .analyze(&request(&opened), &|| 0.0, &mut |_, _| true)
            .unwrap();
        assert!(same_but_timings(&split, &whole), "the 1251 read differs");
        assert_eq!(whole.rejected_rows(), 0);
        let csv = ExportRequest {
            format: ExportFormat::Csv,
            lang: Lang::Ru,
            currency: Currency::RUB,
        };
        let table = String::from_utf8(session.export(&csv).unwrap().bytes).unwrap();
        assert!(table.contains("ООО Ромашка;"));
    }

    #[test]
    fn a_utf8_file_cut_inside_its_last_character_stays_utf8() {
        let mut bytes = "Клиент;Дата;Сумма\nРомашка;01.02.2024;10\nЛютик;02.02.2024;5\nЖ"
            .as_bytes()
            .to_vec();
        bytes.pop();
        let (mut session, opened) = Session::open("cut.csv", bytes).unwrap();
        assert_eq!(opened.encoding, Encoding::Utf8);
        let report = session
            .analyze(&request(&opened), &|| 0.0, &mut |_, _| true)
            .unwrap();
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
        let report = session
            .analyze(&request(&opened), &|| 0.0, &mut |_, _| true)
            .unwrap();
        assert_eq!(report.summary.clients, 1);
        assert_eq!(report.blank_rows, HEAD_BYTES);
    }

    #[test]
    fn a_file_that_is_not_text_is_refused() {
        let zip = b"PK\x03\x04\x00\x00\x00\x00binary\x00\x00\x01\x02".to_vec();
        assert!(matches!(
            Session::open("book.xlsx", zip),
            Err(ImportError::Binary)
        ));
        assert!(matches!(
            Session::open("empty.csv", b"  \r\n".to_vec()),
            Err(ImportError::Empty)
        ));
    }
}
