//! Offline support: registers the service worker (`sw.js`, written by scripts/post-build.mjs
//! from static/sw.template.js) and reports a new version waiting to be applied. The app shows
//! a notice and reloads only when the person presses its button, never in the middle of an
//! edit.
//!
//! Registering waits until the person has left the page alone for [`QUIET_MS`] and no import
//! is running: installing fetches and stores every file of the site, which must compete
//! neither with the first edits nor with a large file being read. At the latest
//! [`LATEST_MS`] after the start (unless an import runs), so offline support always comes.

use std::cell::Cell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerRegistration, ServiceWorkerState};
use yew::Callback;

use super::import::busy;

const QUIET_MS: f64 = 2000.0;
const LATEST_MS: f64 = 30000.0;
/// What counts as the person (or an import) being at work: the quiet time starts after
/// the last of these (an import's end is a `salesplan-busy` event, see `ui::import::busy`).
const INPUT_EVENTS: [&str; 8] = [
    "salesplan-busy",
    "input",
    "keydown",
    "pointerdown",
    "wheel",
    "touchstart",
    "dragenter",
    "drop",
];

fn now() -> f64 {
    js_sys::Date::now()
}

/// The container, where the page may have one (http(s), a secure context).
fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let window = web_sys::window()?;
    let protocol = window.location().protocol().ok()?;
    let navigator = window.navigator();
    let has = js_sys::Reflect::has(&navigator, &JsValue::from_str("serviceWorker")).ok()?;
    (has && (protocol == "http:" || protocol == "https:")).then(|| navigator.service_worker())
}

/// Registers the service worker once the page is quiet; `on_update` gets a new version's
/// worker when one has installed behind the running one. The returned guard keeps the
/// input listeners that measure the quiet time; the app keeps it for its whole life.
pub fn register_when_quiet(on_update: Callback<ServiceWorker>) -> Option<Registrar> {
    container()?;
    let last_input = Rc::new(Cell::new(now()));
    let options = EventListenerOptions {
        passive: true,
        phase: gloo::events::EventListenerPhase::Capture,
    };
    let window = gloo::utils::window();
    let listeners = INPUT_EVENTS
        .iter()
        .map(|kind| {
            let last_input = last_input.clone();
            EventListener::new_with_options(&window, *kind, options, move |_| last_input.set(now()))
        })
        .collect();
    let started = now();
    let timer = Rc::new(Cell::new(None));
    wait_for_quiet(started, last_input, timer.clone(), on_update);
    Some(Registrar {
        _listeners: listeners,
        _timer: timer,
    })
}

/// What [`register_when_quiet`] keeps alive.
pub struct Registrar {
    _listeners: Vec<EventListener>,
    _timer: Rc<Cell<Option<Timeout>>>,
}

fn wait_for_quiet(
    started: f64,
    last_input: Rc<Cell<f64>>,
    timer: Rc<Cell<Option<Timeout>>>,
    on_update: Callback<ServiceWorker>,
) {
    let at = now();
    if busy::is_working() {
        last_input.set(at);
    }
    let quiet_for = at - last_input.get();
    if quiet_for >= QUIET_MS || (at - started >= LATEST_MS && !busy::is_working()) {
        wasm_bindgen_futures::spawn_local(register(on_update));
        return;
    }
    let next = timer.clone();
    let wait = (QUIET_MS - quiet_for).max(100.0) as u32;
    timer.set(Some(Timeout::new(wait, move || {
        wait_for_quiet(started, last_input, next, on_update)
    })));
}

async fn register(on_update: Callback<ServiceWorker>) {
    let Some(container) = container() else {
        return;
    };
    // Without a service worker the app works online as before: nothing to report.
    let Ok(registration) = JsFuture::from(container.register("/sw.js")).await else {
        return;
    };
    let registration: ServiceWorkerRegistration = registration.unchecked_into();
    let controlled = move || container.controller().is_some();
    if let Some(waiting) = registration.waiting() {
        if controlled() {
            on_update.emit(waiting);
        }
    }
    let found = {
        let registration = registration.clone();
        EventListener::new(&registration.clone(), "updatefound", move |_| {
            let Some(installing) = registration.installing() else {
                return;
            };
            let on_update = on_update.clone();
            let controlled = controlled.clone();
            let worker = installing.clone();
            EventListener::new(&installing, "statechange", move |_| {
                if worker.state() == ServiceWorkerState::Installed && controlled() {
                    on_update.emit(worker.clone());
                }
            })
            .forget();
        })
    };
    // Both live as long as the page: a new version may come at any time.
    found.forget();
}

/// Activates the waiting version and reloads the page once it has taken control.
pub fn apply_update(waiting: &ServiceWorker) {
    if let Some(container) = container() {
        EventListener::once(&container, "controllerchange", |_| {
            let _ = gloo::utils::window().location().reload();
        })
        .forget();
    }
    let _ = waiting.post_message(&JsValue::from_str("skip-waiting"));
}
