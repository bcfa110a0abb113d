//! The page's end of the import worker: starts it, sends requests (queued until the worker
//! says it is ready), hands each response to a callback. Dropping the link terminates the
//! worker, which is how Cancel stops an analysis at once.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Array;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use crate::worker::protocol::{codec, Request, Response};

/// Trunk's loader for the worker binary (`data-loader-shim` in index.html).
const WORKER_URL: &str = "/salesplan-worker_loader.js";

pub struct WorkerLink {
    worker: Worker,
    /// Messages waiting for the worker's `Ready`; `None` once it is ready.
    queue: Rc<RefCell<Option<Vec<Array>>>>,
    /// Requests sent whose work is not done yet (see [`busy`]).
    working: Rc<Cell<u32>>,
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
        let working = Rc::new(Cell::new(0));
        let on_message = {
            let worker = worker.clone();
            let queue = queue.clone();
            let working = working.clone();
            Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
                let data = Array::from(&event.data());
                let Some(response) = codec::decode_response(data.get(0)) else {
                    return;
                };
                if ends_work(&response) {
                    busy::finished(&working, 1);
                }
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
            working,
            _on_message: on_message,
            _on_error: on_error,
        })
    }

    /// Sends a request with an optional payload (a `File`).
    pub fn send(&self, request: &Request, payload: Option<&JsValue>) {
        let Some(encoded) = codec::encode_request(request) else {
            return;
        };
        busy::started(&self.working);
        let message = Array::of1(&encoded);
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

/// The last answer to a request: an analysis is done with its forecast (or a failure).
fn ends_work(response: &Response) -> bool {
    matches!(
        response,
        Response::Opened(_)
            | Response::Table { .. }
            | Response::Forecasted { .. }
            | Response::Exported { .. }
            | Response::Failed(_)
    )
}

/// Whether any import worker is working. The service worker's install (it fetches and
/// stores every file of the site) waits until the work is done, so that it does not take the
/// cores the import reads on (`ui::service_worker`). Each change is also a `salesplan-busy`
/// event on the window (`detail`: working or not), for automation and tests.
pub mod busy {
    use std::cell::Cell;

    thread_local! {
        static WORKING: Cell<u32> = const { Cell::new(0) };
    }

    pub fn is_working() -> bool {
        WORKING.with(Cell::get) > 0
    }

    pub(super) fn started(link: &Cell<u32>) {
        link.set(link.get() + 1);
        change(1, 0);
    }

    pub(super) fn finished(link: &Cell<u32>, requests: u32) {
        let done = requests.min(link.get());
        link.set(link.get() - done);
        change(0, done);
    }

    fn change(more: u32, fewer: u32) {
        let before = is_working();
        WORKING.with(|w| w.set(w.get().saturating_add(more).saturating_sub(fewer)));
        let working = is_working();
        if working == before {
            return;
        }
        let init = web_sys::CustomEventInit::new();
        init.set_detail(&working.into());
        if let (Some(window), Ok(event)) = (
            web_sys::window(),
            web_sys::CustomEvent::new_with_event_init_dict("salesplan-busy", &init),
        ) {
            let _ = window.dispatch_event(&event);
        }
    }
}

impl Drop for WorkerLink {
    fn drop(&mut self) {
        busy::finished(&self.working, self.working.get());
        self.worker.set_onmessage(None);
        self.worker.set_onerror(None);
        self.worker.terminate();
    }
}
