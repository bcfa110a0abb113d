//! The worker's message loop (wasm only): reads requests, runs the [`Session`], posts the
//! responses. The dropped `File` is read here, in pieces, with `FileReaderSync`, so its
//! bytes never pass through the page's thread.
//!
//! A large file is read by two workers at once: this one starts a helper (the same binary)
//! when the page sends `Prepare`, gives it the later half of the file, reads the first
//! half itself and joins the two (see [`Session::start_analyze`]). The page terminates this
//! worker to cancel; the helper goes with it.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent, Worker};

use super::part::{pack, LaterPart, PackedBytes};
use super::protocol::{AnalyzeRequest, Failure, Request, Response, Step};
use super::session::{read_later_part, warm_up_file, PartJob, Session, Source, Start};
use crate::model::clients::clv::ClvSettings;
use crate::model::clients::AnalysisSettings;

/// Progress messages at most this often (in the share of a step and in time). Each one
/// re-renders and repaints the page, on the cores the workers read with: every 2 % of a
/// half-second read was a repaint per frame.
const PROGRESS_STEP: f64 = 0.02;
const PROGRESS_EVERY_MS: f64 = 100.0;
/// The worker's own loader; a helper is started from it too.
const WORKER_URL: &str = "/salesplan-worker_loader.js";

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Bytes of this worker's wasm memory: it only grows, so this is its peak.
fn memory_bytes() -> f64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|m| {
            f64::from(
                m.buffer()
                    .unchecked_into::<js_sys::ArrayBuffer>()
                    .byte_length(),
            )
        })
        .unwrap_or(0.0)
}

/// A message as the protocol has it: `[json, payload?]`.
fn encode(json: String, payload: Option<&JsValue>) -> Array {
    let message = Array::of1(&JsValue::from_str(&json));
    if let Some(payload) = payload {
        message.push(payload);
    }
    message
}

thread_local! {
    /// A warm-up is running: its answers go nowhere (see [`start_warm_up`]).
    static MUTED: Cell<bool> = const { Cell::new(false) };
}

/// Posts `response` to the page (or, from a helper, to its worker); nothing while muted.
fn post(response: &Response, payload: Option<JsValue>) {
    if MUTED.with(Cell::get) {
        return;
    }
    let Ok(json) = serde_json::to_string(response) else {
        return;
    };
    let message = encode(json, payload.as_ref());
    let result = match payload {
        Some(payload) => scope().post_message_with_transfer(&message, &Array::of1(&payload)),
        None => scope().post_message(&message),
    };
    if result.is_err() {
        web_sys::console::warn_1(&JsValue::from_str(
            "import worker: a message was not posted",
        ));
    }
}

/// The bytes a helper sent, read a block at a time.
struct JsBytes(Uint8Array);

impl PackedBytes for JsBytes {
    fn byte_len(&self) -> usize {
        self.0.length() as usize
    }

    fn copy_to(&self, at: usize, out: &mut [u8]) {
        self.0
            .subarray(at as u32, (at + out.len()) as u32)
            .copy_to(out);
    }
}

/// Bytes asked of the browser at once in a read that goes on (see [`Source::read_on`]).
/// Each `FileReaderSync` call costs a few ms beyond its bytes: half of a 26 MB file took
/// 110 ms in 1 MB calls and 75 ms in 4 MB calls, the workers doing nothing else.
const READ_AHEAD_BYTES: usize = 4 << 20;

/// The dropped `File`, read a piece at a time.
struct FileSource {
    blob: Blob,
    /// The bytes last fetched ahead and where they start in the file; JS memory, so the
    /// worker's wasm memory still holds one chunk of text at a time.
    ahead: RefCell<Option<(usize, Uint8Array)>>,
}

impl FileSource {
    fn fetch(&self, start: usize, end: usize) -> Option<Uint8Array> {
        let piece = self
            .blob
            .slice_with_f64_and_f64(start as f64, end as f64)
            .ok()?;
        let buffer = FileReaderSync::new()
            .ok()?
            .read_as_array_buffer(&piece)
            .ok()?;
        Some(Uint8Array::new(&buffer))
    }
}

impl Source for FileSource {
    fn size(&self) -> usize {
        self.blob.size() as usize
    }

    fn read(&self, start: usize, end: usize) -> Option<Vec<u8>> {
        self.fetch(start, end).map(|bytes| bytes.to_vec())
    }

    fn read_on(&self, start: usize, end: usize, until: usize) -> Option<Vec<u8>> {
        let end = end.min(self.size());
        let start = start.min(end);
        let mut ahead = self.ahead.borrow_mut();
        let covered = ahead
            .as_ref()
            .is_some_and(|(at, bytes)| *at <= start && end <= at + bytes.length() as usize);
        if !covered {
            let fetch_end = end.max(start.saturating_add(READ_AHEAD_BYTES).min(until));
            *ahead = Some((start, self.fetch(start, fetch_end.min(self.size()))?));
        }
        let (at, bytes) = ahead.as_ref()?;
        let out = bytes
            .subarray((start - at) as u32, (end - at) as u32)
            .to_vec();
        if end >= until {
            // The read is done: free the buffer now rather than with the session.
            *ahead = None;
        }
        Some(out)
    }
}

fn file_source(file: &JsValue) -> Option<FileSource> {
    file.dyn_ref::<Blob>().map(|blob| FileSource {
        blob: blob.clone(),
        ahead: RefCell::new(None),
    })
}

/// How long an analysis of a large file waits for a helper that is still starting.
const HELPER_WAIT_MS: i32 = 3000;

/// The helper worker as seen from this one.
struct Helper {
    worker: Worker,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum HelperStatus {
    /// None was started (one core only, or no `Prepare` yet).
    #[default]
    None,
    Starting,
    Ready,
    Failed,
}

/// An analysis whose first half is read and which waits for the helper's half.
struct Awaiting {
    request: AnalyzeRequest,
    job: PartJob,
}

/// The page's file and its session, put aside while a warm-up reads its own.
struct PutAside {
    session: Option<Session>,
    file: Option<JsValue>,
}

#[derive(Default)]
struct State {
    session: RefCell<Option<Session>>,
    file: RefCell<Option<JsValue>>,
    helper: RefCell<Option<Helper>>,
    helper_status: Cell<HelperStatus>,
    awaiting: RefCell<Option<Awaiting>>,
    /// An analysis waiting for the helper to start (at most [`HELPER_WAIT_MS`]).
    deferred: RefCell<Option<AnalyzeRequest>>,
    /// The helper's memory at its last piece, for the timings.
    helper_memory: Cell<f64>,
    /// The page asked for a warm-up (it has no file yet): it starts when the helper is ready.
    warm_up: Cell<bool>,
    /// While a warm-up runs (see [`start_warm_up`]): the file it put aside.
    warming: RefCell<Option<PutAside>>,
    /// Reads given to the helper so far: each job carries its number.
    reads: Cell<u32>,
}

/// A progress callback that posts at most every [`PROGRESS_STEP`] and [`PROGRESS_EVERY_MS`].
fn progress_poster() -> impl FnMut(Step, f64) -> bool {
    let mut last: Option<(Step, f64, f64)> = None;
    move |step: Step, fraction: f64| {
        let due = match last {
            Some((s, f, at)) => {
                s != step || (fraction - f >= PROGRESS_STEP && now() - at >= PROGRESS_EVERY_MS)
            }
            None => true,
        };
        if due {
            last = Some((step, fraction, now()));
            post(&Response::Progress { step, fraction }, None);
        }
        // Cancel terminates the worker; nothing here asks to stop.
        true
    }
}

fn start_helper(state: &Rc<State>) {
    if state.helper.borrow().is_some() {
        return;
    }
    // One more core is what the helper uses; without one it would only compete.
    let cores = js_sys::Reflect::get(&scope(), &JsValue::from_str("navigator"))
        .and_then(|navigator| {
            js_sys::Reflect::get(&navigator, &JsValue::from_str("hardwareConcurrency"))
        })
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(1.0);
    if cores < 2.0 {
        return;
    }
    let Ok(worker) = Worker::new(WORKER_URL) else {
        return;
    };
    state.helper_status.set(HelperStatus::Starting);
    let on_message = {
        let state = Rc::downgrade(state);
        Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            let data = Array::from(&event.data());
            let response = data
                .get(0)
                .as_string()
                .and_then(|json| serde_json::from_str::<Response>(&json).ok());
            let Some(state) = state.upgrade() else {
                return;
            };
            match response {
                Some(Response::Ready) => {
                    state.helper_status.set(HelperStatus::Ready);
                    if state.warm_up.get() && state.deferred.borrow().is_none() {
                        start_warm_up(&state);
                    }
                    run_deferred(&state);
                }
                Some(Response::PartRead { job, meta }) => {
                    // The rows stay in the sent buffer until they are joined: they are
                    // copied into this worker's memory a block at a time, never whole.
                    let bytes = JsBytes(Uint8Array::new(&data.get(1)));
                    let later = meta.and_then(|meta| {
                        state.helper_memory.set(meta.memory_bytes);
                        LaterPart::new(*meta, &bytes)
                    });
                    continue_with_later(&state, job, later);
                }
                _ => {}
            }
        })
    };
    let on_error = {
        let state = Rc::downgrade(state);
        Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            // A helper that died: this worker reads the rest itself.
            if let Some(state) = state.upgrade() {
                state.helper_status.set(HelperStatus::Failed);
                let job = state.awaiting.borrow().as_ref().map(|a| a.job);
                if let Some(job) = job {
                    continue_with_later(&state, job, None);
                }
                run_deferred(&state);
            }
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    *state.helper.borrow_mut() = Some(Helper {
        worker,
        _on_message: on_message,
        _on_error: on_error,
    });
}

/// Posts `request` (with a payload) to the helper, if there is one.
fn send_to_helper(state: &State, request: &Request, payload: Option<&JsValue>) {
    if let (Some(helper), Ok(json)) = (
        state.helper.borrow().as_ref(),
        serde_json::to_string(request),
    ) {
        let _ = helper.worker.post_message(&encode(json, payload));
    }
}

/// Posts the analysis of a finished read, then fits and posts the forecast (or the failure).
fn finish(state: &State, session: &mut Session, request: &AnalyzeRequest) {
    let mut progress = progress_poster();
    match session.finish_analyze(request, &now, &mut progress) {
        Ok(mut report) => {
            report.timings.memory_bytes = memory_bytes() + state.helper_memory.get();
            post(&Response::Analyzed(Box::new(report)), None);
        }
        Err(e) => {
            post(&Response::Failed(e), None);
            return;
        }
    }
    if state.warming.borrow().is_some() {
        // The forecast's code is not warmed: fitting it would take seconds of slow code.
        return;
    }
    match session.forecast(request, &now) {
        Ok(mut forecast) => {
            forecast.memory_bytes = memory_bytes() + state.helper_memory.get();
            post(&Response::Forecasted(Box::new(forecast)), None);
        }
        Err(e) => post(&Response::Failed(e), None),
    }
}

/// Runs an analysis that waited for the helper (now ready, failed, or too slow).
fn run_deferred(state: &Rc<State>) {
    let request = state.deferred.borrow_mut().take();
    if let Some(request) = request {
        analyze(state, request, false);
    }
}

/// Analyses with `request`. With `may_wait`, a large file waits for a helper that is still
/// starting (right after a Cancel, say) rather than being read by one worker alone.
fn analyze(state: &Rc<State>, request: AnalyzeRequest, may_wait: bool) {
    *state.awaiting.borrow_mut() = None;
    let mut guard = state.session.borrow_mut();
    let Some(session) = guard.as_mut() else {
        post(&Response::Failed(Failure::NoFile), None);
        return;
    };
    let status = state.helper_status.get();
    if may_wait && status == HelperStatus::Starting && session.wants_helper(&request) {
        post(
            &Response::Progress {
                step: Step::Reading,
                fraction: 0.0,
            },
            None,
        );
        *state.deferred.borrow_mut() = Some(request);
        let weak = Rc::downgrade(state);
        let give_up = Closure::once_into_js(move || {
            if let Some(state) = weak.upgrade() {
                run_deferred(&state);
            }
        });
        let _ = scope().set_timeout_with_callback_and_timeout_and_arguments_0(
            give_up.unchecked_ref(),
            HELPER_WAIT_MS,
        );
        return;
    }
    let helper_ready = status == HelperStatus::Ready;
    state.helper_memory.set(0.0);
    let mut progress = progress_poster();
    let read = match session.start_analyze(&request, helper_ready, now()) {
        Err(e) => Err(e),
        Ok(Start::RowsReady) => Ok(()),
        Ok(Start::ReadWhole) => session.read_whole(&request, &mut progress),
        Ok(Start::Split(mut job)) => {
            state.reads.set(state.reads.get().wrapping_add(1));
            job.read = state.reads.get();
            // The helper gets its half first, so both halves are read at the same time.
            if let Some(file) = state.file.borrow().as_ref() {
                send_to_helper(state, &Request::ReadPart(job), Some(file));
            }
            let read = session.read_first(&request, job, &mut progress);
            if read.is_ok() && session.waits_for_later_part() {
                *state.awaiting.borrow_mut() = Some(Awaiting { request, job });
                return;
            }
            read
        }
    };
    match read {
        Ok(()) => finish(state, session, &request),
        Err(e) => post(&Response::Failed(e), None),
    }
}

/// The helper's half came (or the helper failed: `later` is `None`): join and analyse.
fn continue_with_later(state: &State, job: PartJob, later: Option<LaterPart<'_>>) {
    let current = state.awaiting.borrow().as_ref().map(|a| a.job);
    if current != Some(job) {
        // An answer to a read replaced since (a warm-up's, say): the current one (if any)
        // still waits for its own.
        return;
    }
    join_and_finish(state, later);
    // A warm-up is over once its pieces are joined and analysed.
    end_warm_up(state);
}

fn join_and_finish(state: &State, later: Option<LaterPart<'_>>) {
    let Some(awaiting) = state.awaiting.borrow_mut().take() else {
        return;
    };
    let mut guard = state.session.borrow_mut();
    let Some(session) = guard.as_mut() else {
        return;
    };
    let mut progress = progress_poster();
    match session.join_later(later, &awaiting.request, &mut progress) {
        Ok(()) => finish(state, session, &awaiting.request),
        Err(e) => post(&Response::Failed(e), None),
    }
}

/// Reads and analyses a generated file ([`warm_up_file`]) the way a dropped one is read:
/// split with the helper, joined, analysed, with the same sources, callbacks and answers
/// (muted). V8 first runs code unoptimised, compiles the hot functions in the background,
/// and inlines the calls through trait objects it saw; a call to another target throws
/// that code away. So a warm-up on other paths (a `Vec` instead of the `File`, other
/// callbacks) left the real read of a 1M-row file compiling its hottest function again.
///
/// A file the page opened meanwhile (one is analysed only on a click) is put aside and
/// comes back when the warm-up ends, or at once when a request from the page comes.
fn start_warm_up(state: &Rc<State>) {
    if state.warming.borrow().is_some() || state.awaiting.borrow().is_some() {
        return;
    }
    let bytes = warm_up_file();
    let blob = Blob::new_with_u8_array_sequence(&Array::of1(&Uint8Array::from(bytes.as_slice())));
    let Some((file, source)) = blob.ok().and_then(|blob| {
        let file = JsValue::from(blob);
        file_source(&file).map(|source| (file, source))
    }) else {
        return;
    };
    let Ok((session, opened)) = Session::open("warm-up.csv", source) else {
        return;
    };
    let aside = PutAside {
        session: state.session.replace(Some(session)),
        file: state.file.replace(Some(file)),
    };
    *state.warming.borrow_mut() = Some(aside);
    MUTED.with(|muted| muted.set(true));
    let request = AnalyzeRequest {
        dialect: opened.dialect,
        mapping: opened.mapping,
        analysis: AnalysisSettings::default(),
        clv: ClvSettings::default(),
    };
    analyze(state, request, false);
    if state.awaiting.borrow().is_none() {
        // Read without the helper: done already.
        end_warm_up(state);
    }
}

/// Ends a warm-up (done, or a request from the page came first): forgets its file and
/// brings back the one put aside.
fn end_warm_up(state: &State) {
    let Some(aside) = state.warming.take() else {
        return;
    };
    MUTED.with(|muted| muted.set(false));
    *state.awaiting.borrow_mut() = None;
    *state.session.borrow_mut() = aside.session;
    *state.file.borrow_mut() = aside.file;
}

/// A helper's one job: read the later part of the file. Its rows are packed straight into
/// the one JS buffer that is sent (copied once; sending them a chunk at a time copied
/// each row twice and took 20-25 ms of the helper's 300, logged).
fn read_part(job: PartJob, file: &JsValue) {
    let part = file_source(file)
        .and_then(|source| read_later_part(&source, &job, &mut |_| true).ok().flatten());
    match part {
        Some(part) => {
            let (mut meta, rows) = pack(part);
            let packed = Uint8Array::new_with_length(rows.byte_len() as u32);
            rows.write(&mut |at, block| {
                packed
                    .subarray(at as u32, (at + block.len()) as u32)
                    .copy_from(block);
            });
            meta.memory_bytes = memory_bytes();
            drop(rows);
            post(
                &Response::PartRead {
                    job,
                    meta: Some(Box::new(meta)),
                },
                Some(packed.buffer().into()),
            );
        }
        // The worker reads it itself and says what was wrong.
        None => post(&Response::PartRead { job, meta: None }, None),
    }
}

fn handle(state: &Rc<State>, request: Request, payload: JsValue) {
    if !matches!(request, Request::ReadPart(_)) {
        // A request from the page: a warm-up still running gives way.
        end_warm_up(state);
    }
    match request {
        Request::Prepare { warm_up } => {
            state.warm_up.set(warm_up);
            start_helper(state);
            // With a helper, the warm-up starts when it is ready (it reads half).
            if warm_up && state.helper.borrow().is_none() {
                start_warm_up(state);
            }
        }
        Request::ReadPart(job) => read_part(job, &payload),
        Request::Open { file_name } => {
            *state.awaiting.borrow_mut() = None;
            *state.deferred.borrow_mut() = None;
            let Some(source) = file_source(&payload) else {
                post(&Response::Failed(Failure::Unreadable), None);
                return;
            };
            match Session::open(&file_name, source) {
                Ok((session, opened)) => {
                    *state.session.borrow_mut() = Some(session);
                    *state.file.borrow_mut() = Some(payload);
                    post(&Response::Opened(Box::new(opened)), None);
                }
                Err(e) => {
                    *state.session.borrow_mut() = None;
                    *state.file.borrow_mut() = None;
                    post(&Response::Failed(Failure::Import(e)), None);
                }
            }
        }
        Request::Preview { dialect } => match state.session.borrow().as_ref() {
            Some(s) => post(&Response::Opened(Box::new(s.preview(dialect))), None),
            None => post(&Response::Failed(Failure::NoFile), None),
        },
        Request::Analyze(request) => {
            *state.deferred.borrow_mut() = None;
            analyze(state, request, true);
        }
        Request::Export(request) => {
            match state.session.borrow().as_ref().map(|s| s.export(&request)) {
                Some(Ok(file)) => {
                    let bytes = Uint8Array::from(file.bytes.as_slice()).buffer();
                    post(
                        &Response::Exported {
                            file_name: file.file_name,
                            mime: file.mime.to_string(),
                        },
                        Some(bytes.into()),
                    );
                }
                Some(Err(e)) => post(&Response::Failed(e), None),
                None => post(&Response::Failed(Failure::NoFile), None),
            }
        }
    }
}

/// Starts the loop and tells the page (or the worker, for a helper) it is ready.
pub fn run() {
    let state = Rc::new(State::default());
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = Array::from(&event.data());
        let request = data
            .get(0)
            .as_string()
            .and_then(|json| serde_json::from_str::<Request>(&json).ok());
        match request {
            Some(request) => handle(&state, request, data.get(1)),
            None => web_sys::console::warn_1(&JsValue::from_str(
                "import worker: a message it cannot read",
            )),
        }
    });
    scope().set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    post(&Response::Ready, None);
}
