//! The page's end of the import worker: starts it, sends requests (queued until the worker
//! says it is ready), hands each response to a callback. Dropping the link terminates the
//! worker, which is how Cancel stops an analysis at once.

use std::cell::RefCell;
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use crate::worker::protocol::{Request, Response};

/// Trunk's loader for the worker binary (`data-loader-shim` in index.html).
const WORKER_URL: &str = "/salesplan-worker_loader.js";

pub struct WorkerLink {
    worker: Worker,
    /// Messages waiting for the worker's `Ready`; `None` once it is ready.
    queue: Rc<RefCell<Option<Vec<Array>>>>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

impl WorkerLink {
    /// Starts a worker. `on_response` gets every response with its payload (or `undefined`);
    /// `on_crash` is called if the worker cannot start or dies.
    pub fn spawn(
        on_response: Callback<(Response, JsValue)>,
        on_crash: Callback<()>,
    ) -> Result<WorkerLink, JsValue> {
        let worker = Worker::new(WORKER_URL)?;
        let queue: Rc<RefCell<Option<Vec<Array>>>> = Rc::new(RefCell::new(Some(Vec::new())));
        let on_message = {
            let worker = worker.clone();
            let queue = queue.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = Array::from(&event.data());
                let Some(response) = data
                    .get(0)
                    .as_string()
                    .and_then(|json| serde_json::from_str::<Response>(&json).ok())
                else {
                    return;
                };
                if response == Response::Ready {
                    if let Some(waiting) = queue.borrow_mut().take() {
                        for message in waiting {
                            let _ = worker.post_message(&message);
                        }
                    }
                }
                on_response.emit((response, data.get(1)));
            })
        };
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |event: web_sys::Event| {
            // Handled here: the page says so instead of the browser's console error.
            event.prevent_default();
            on_crash.emit(());
        });
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        Ok(WorkerLink {
            worker,
            queue,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a request with an optional payload (a `File`).
    pub fn send(&self, request: &Request, payload: Option<&JsValue>) {
        let Ok(json) = serde_json::to_string(request) else {
            return;
        };
        let message = Array::of1(&JsValue::from_str(&json));
        if let Some(payload) = payload {
            message.push(payload);
        }
        match self.queue.borrow_mut().as_mut() {
            Some(waiting) => waiting.push(message),
            None => {
                let _ = self.worker.post_message(&message);
            }
        }
    }
}

impl Drop for WorkerLink {
    fn drop(&mut self) {
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
