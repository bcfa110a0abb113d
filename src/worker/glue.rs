//! The worker's message loop (wasm only): reads requests, runs the [`Session`], posts the
//! responses. The dropped `File` is read here, a chunk at a time, with `FileReaderSync`, so
//! its bytes never pass through the page's thread. The page terminates the worker to cancel.

use std::cell::RefCell;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{Blob, DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

use super::protocol::{
    codec, AnalyzeRequest, Failure, Request, Response, Step, Timings, MAX_TABLE_ROWS,
};
use super::session::{Session, Source};

/// Progress messages at most this often (in the share of a step and in time): each one
/// re-renders and repaints the page.
const PROGRESS_STEP: f64 = 0.02;
const PROGRESS_EVERY_MS: f64 = 100.0;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

#[wasm_bindgen]
extern "C" {
    /// `performance.now()` of the worker's scope: sub-millisecond, where `Date.now()` counts
    /// whole ms (a BG/NBD fit takes a few).
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

fn now() -> f64 {
    performance_now()
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

/// Posts `response` to the page as `[message, payload?]`, the payload transferred.
fn post(response: &Response, payload: Option<JsValue>) {
    let Some(encoded) = codec::encode_response(response) else {
        return;
    };
    let message = Array::of1(&encoded);
    let result = match payload {
        Some(payload) => {
            message.push(&payload);
            scope().post_message_with_transfer(&message, &Array::of1(&payload))
        }
        None => scope().post_message(&message),
    };
    if result.is_err() {
        web_sys::console::warn_1(&JsValue::from_str(
            "import worker: a message was not posted",
        ));
    }
}

/// The dropped `File`, read a chunk at a time.
struct FileSource(Blob);

impl Source for FileSource {
    fn size(&self) -> usize {
        self.0.size() as usize
    }

    fn read_into(&self, start: usize, end: usize, out: &mut Vec<u8>) -> bool {
        let read = || {
            let piece = self
                .0
                .slice_with_f64_and_f64(start as f64, end as f64)
                .ok()?;
            let buffer = FileReaderSync::new()
                .ok()?
                .read_as_array_buffer(&piece)
                .ok()?;
            Some(Uint8Array::new(&buffer))
        };
        let Some(bytes) = read() else {
            return false;
        };
        // Copied once, straight into the buffer the parser reads.
        let at = out.len();
        out.resize(at + bytes.length() as usize, 0);
        bytes.copy_to(&mut out[at..]);
        true
    }
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

/// The worker between messages.
enum Worker {
    /// No file yet, or the last one could not be opened.
    NoFile,
    /// A file is open; its session keeps the rows read and the last analysis.
    Open(Box<Session>),
}

impl Worker {
    fn handle(&mut self, request: Request, payload: JsValue) {
        match (request, &mut *self) {
            (Request::Open { file_name }, _) => self.open(&file_name, payload),
            (Request::Preview { dialect }, Worker::Open(session)) => {
                post(&Response::Opened(Box::new(session.preview(dialect))), None);
            }
            (Request::Analyze(request), Worker::Open(session)) => analyze(session, &request),
            (Request::Export(request), Worker::Open(session)) => match session.export(&request) {
                Ok(file) => {
                    let bytes = Uint8Array::from(file.bytes.as_slice()).buffer();
                    let response = Response::Exported {
                        file_name: file.file_name,
                        mime: file.mime.to_string(),
                    };
                    post(&response, Some(bytes.into()));
                }
                Err(e) => post(&Response::Failed(e), None),
            },
            (Request::Table { dialect }, Worker::Open(session)) => {
                match session.table(&dialect, MAX_TABLE_ROWS) {
                    Ok((table, truncated)) => post(
                        &Response::Table {
                            table: Box::new(table),
                            truncated,
                        },
                        None,
                    ),
                    Err(e) => post(&Response::Failed(e), None),
                }
            }
            (_, Worker::NoFile) => post(&Response::Failed(Failure::NoFile), None),
        }
    }

    fn open(&mut self, file_name: &str, file: JsValue) {
        *self = Worker::NoFile;
        let Ok(blob) = file.dyn_into::<Blob>() else {
            post(&Response::Failed(Failure::Unreadable), None);
            return;
        };
        // An .xlsx is unpacked here, which takes seconds for a large one: its progress shows.
        match Session::open_with_progress(file_name, FileSource(blob), &mut progress_poster()) {
            Ok((session, opened)) => {
                *self = Worker::Open(Box::new(session));
                post(&Response::Opened(Box::new(opened)), None);
            }
            Err(e) => post(&Response::Failed(Failure::Import(e)), None),
        }
    }
}

/// Posts the analysis, then fits and posts the forecast (or the failure).
fn analyze(session: &mut Session, request: &AnalyzeRequest) {
    let mut progress = progress_poster();
    match session.analyze(request, &now, &mut progress) {
        Ok((report, timings)) => {
            let timings = Timings {
                memory_bytes: memory_bytes(),
                ..timings
            };
            let report = Box::new(report);
            post(&Response::Analyzed { report, timings }, None);
        }
        Err(e) => {
            post(&Response::Failed(e), None);
            return;
        }
    }
    match session.forecast(request, &now, &mut progress_poster()) {
        Ok((report, timings)) => {
            let timings = Timings {
                memory_bytes: memory_bytes(),
                ..timings
            };
            let report = Box::new(report);
            post(&Response::Forecasted { report, timings }, None);
        }
        Err(e) => post(&Response::Failed(e), None),
    }
}

/// Starts the loop and tells the page it is ready.
pub fn run() {
    let worker = RefCell::new(Worker::NoFile);
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = Array::from(&event.data());
        match codec::decode_request(data.get(0)) {
            Some(request) => worker.borrow_mut().handle(request, data.get(1)),
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
