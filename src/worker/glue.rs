//! The worker's message loop (wasm only): reads requests, runs the [`Session`], posts the
//! responses. The dropped `File` is read here with `FileReaderSync`, so its bytes never pass
//! through the page's thread.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::{Array, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{DedicatedWorkerGlobalScope, FileReaderSync, MessageEvent};

use super::protocol::{Failure, Request, Response, Step};
use super::session::Session;

/// Progress messages at most this often (in the share of a step), so posting costs nothing.
const PROGRESS_STEP: f64 = 0.02;

fn scope() -> DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

fn now() -> f64 {
    js_sys::Date::now()
}

/// Posts `response`, with `payload` transferred (not copied) when there is one.
fn post(response: &Response, payload: Option<JsValue>) {
    let Ok(json) = serde_json::to_string(response) else {
        return;
    };
    let message = Array::of1(&JsValue::from_str(&json));
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

fn read_file(file: &JsValue) -> Option<Vec<u8>> {
    let blob = file.dyn_ref::<web_sys::Blob>()?;
    let buffer = FileReaderSync::new()
        .ok()?
        .read_as_array_buffer(blob)
        .ok()?;
    Some(Uint8Array::new(&buffer).to_vec())
}

fn handle(session: &RefCell<Option<Session>>, request: Request, payload: JsValue) {
    match request {
        Request::Open { file_name } => {
            let Some(bytes) = read_file(&payload) else {
                post(&Response::Failed(Failure::Unreadable), None);
                return;
            };
            match Session::open(&file_name, bytes) {
                Ok((opened_session, opened)) => {
                    *session.borrow_mut() = Some(opened_session);
                    post(&Response::Opened(Box::new(opened)), None);
                }
                Err(e) => {
                    *session.borrow_mut() = None;
                    post(&Response::Failed(Failure::Import(e)), None);
                }
            }
        }
        Request::Preview { dialect } => match session.borrow().as_ref() {
            Some(s) => post(&Response::Opened(Box::new(s.preview(dialect))), None),
            None => post(&Response::Failed(Failure::NoFile), None),
        },
        Request::Analyze(request) => {
            let mut guard = session.borrow_mut();
            let Some(s) = guard.as_mut() else {
                post(&Response::Failed(Failure::NoFile), None);
                return;
            };
            let mut last: Option<(Step, f64)> = None;
            let mut progress = |step: Step, fraction: f64| {
                let due = match last {
                    Some((s, f)) => s != step || fraction - f >= PROGRESS_STEP,
                    None => true,
                };
                if due {
                    last = Some((step, fraction));
                    post(&Response::Progress { step, fraction }, None);
                }
                // Cancel terminates the worker; nothing here asks to stop.
                true
            };
            match s.analyze(&request, &now, &mut progress) {
                Ok(report) => post(&Response::Analyzed(Box::new(report)), None),
                Err(e) => post(&Response::Failed(e), None),
            }
        }
        Request::Export(request) => match session.borrow().as_ref().map(|s| s.export(&request)) {
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
        },
    }
}

/// Starts the loop and tells the page the worker is ready.
pub fn run() {
    let session: Rc<RefCell<Option<Session>>> = Rc::new(RefCell::new(None));
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
        let data = Array::from(&event.data());
        let request = data
            .get(0)
            .as_string()
            .and_then(|json| serde_json::from_str::<Request>(&json).ok());
        match request {
            Some(request) => handle(&session, request, data.get(1)),
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
