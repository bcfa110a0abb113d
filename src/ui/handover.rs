//! Two builds of one app. The page first loads the light app (`--features light`: the shell,
//! the start page and the funnel, the answer most visitors come for), which keeps the first
//! load small. Every other page lives in the full app (built without features by
//! scripts/build-full.sh, cached by the service worker like every file). When the light app
//! is asked for such a page, it hands the page over: it compiles the full app's wasm while
//! its own screen stays up, then stops itself and starts the full app, which opens the same
//! stored document at the same address. Nothing is lost on the way: every edit was saved to
//! localStorage as it was made (see `state`). The compiling starts early: when a link to
//! such a page is hovered or focused, or 3 s after the start.

use std::cell::RefCell;

use gloo::events::EventListener;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use yew_router::Routable;

use super::routes::Route;
use super::App;

/// The full app's files (scripts/build-full.sh writes them, static/full-start.js starts them).
pub const FULL_WASM_URL: &str = "/salesplan-full_bg.wasm";
const FULL_START_URL: &str = "/full-start.js";
/// Where the compiled module waits for full-start.js (so the wasm is not fetched twice).
const MODULE_KEY: &str = "salesplanFullModule";
/// Tells full-start.js the full app follows the light one (see there).
const HANDED_OVER_KEY: &str = "salesplanHandedOver";
/// When the light app compiles the full one unasked, after it started.
const BACKGROUND_COMPILE_AFTER_MS: u32 = 3000;
/// The full app's scripts, fetched while its wasm compiles instead of after.
const FULL_SCRIPTS: [&str; 2] = [FULL_START_URL, "/salesplan-full.js"];

thread_local! {
    /// The running light app, until it hands over.
    static LIGHT: RefCell<Option<yew::AppHandle<App>>> = const { RefCell::new(None) };
    /// The full app's compilation, once started (by a link's hover or focus, or the handover).
    static COMPILING: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
    /// The listeners that start it early; dropped at the handover.
    static EARLY: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
}

/// Keeps the light app's handle so it can be stopped at the handover, and starts compiling
/// the full app as soon as a pointer or the keyboard focus reaches a link to one of its pages,
/// or a few seconds after the start, so that by the click most of the wait is over.
pub fn keep_light(handle: yew::AppHandle<App>) {
    LIGHT.with(|light| *light.borrow_mut() = Some(handle));
    let document = gloo::utils::document();
    let early = ["pointerover", "focusin"].map(|kind| {
        EventListener::new(&document, kind, |event| {
            if event.target().is_some_and(|t| leads_to_full_app(&t)) {
                let _ = compiling();
            }
        })
    });
    EARLY.with(|listeners| listeners.borrow_mut().extend(early));
    // Whoever stays a moment will likely open another page: compile the full app then, in
    // the background, once the start is long over (the service worker fetches it about
    // then anyway).
    gloo::timers::callback::Timeout::new(BACKGROUND_COMPILE_AFTER_MS, || {
        let _ = compiling();
    })
    .forget();
}

/// Whether `target` is (inside) a link to a page of the full app.
fn leads_to_full_app(target: &web_sys::EventTarget) -> bool {
    let Some(element) = target.dyn_ref::<web_sys::Element>() else {
        return false;
    };
    let Ok(Some(link)) = element.closest("a[href]") else {
        return false;
    };
    link.get_attribute("href")
        .and_then(|href| Route::recognize(&href))
        .is_some_and(|route| !route.in_light_app())
}

/// The full app's compilation: started on the first call, shared by later ones.
fn compiling() -> Result<js_sys::Promise, JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    Ok(COMPILING.with(|compiling| {
        compiling
            .borrow_mut()
            .get_or_insert_with(|| {
                preload_scripts(&window);
                let promise =
                    js_sys::WebAssembly::compile_streaming(&window.fetch_with_str(FULL_WASM_URL));
                // A failure nobody awaits yet (a hover while offline) is not an error to
                // report: the handover awaits this promise and says so if it comes to that.
                // (One small closure per attempt, kept for the promise's lifetime.)
                let ignore = Closure::<dyn FnMut(JsValue)>::new(|_: JsValue| {});
                let _ = promise.catch(&ignore);
                ignore.forget();
                promise
            })
            .clone()
    }))
}

/// Asks the browser to fetch the full app's scripts now (`modulepreload`).
fn preload_scripts(window: &web_sys::Window) {
    let Some(document) = window.document() else {
        return;
    };
    let Some(head) = document.head() else {
        return;
    };
    for url in FULL_SCRIPTS {
        if let Ok(link) = document.create_element("link") {
            let _ = link.set_attribute("rel", "modulepreload");
            let _ = link.set_attribute("href", url);
            let _ = head.append_child(&link);
        }
    }
}

/// Compiles the full app, stops the light one and starts the full one. `Err` (the light app
/// is still running) when the full app could not be fetched or compiled, e.g. offline before
/// the service worker cached it.
pub async fn hand_over() -> Result<(), JsValue> {
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let module = match JsFuture::from(compiling()?).await {
        Ok(module) => module,
        Err(e) => {
            // Not kept: the next attempt fetches again.
            COMPILING.with(|compiling| compiling.borrow_mut().take());
            return Err(e);
        }
    };
    if Route::current().in_light_app() {
        // The person went back to a light page while it compiled: stay (the compiled
        // module is kept for the next time), rather than swap the app under their typing.
        return Ok(());
    }
    js_sys::Reflect::set(&window, &JsValue::from_str(MODULE_KEY), &module)?;
    js_sys::Reflect::set(&window, &JsValue::from_str(HANDED_OVER_KEY), &JsValue::TRUE)?;
    EARLY.with(|listeners| listeners.borrow_mut().clear());
    if let Some(light) = LIGHT.with(|light| light.borrow_mut().take()) {
        light.destroy();
        // yew tears an app down on its next microtask; let it finish before the full app
        // takes the body.
        next_task(&window).await;
    }
    start_full(&window)
}

/// Starts the full app straight away (the first address is one of its pages).
pub fn start_full(window: &web_sys::Window) -> Result<(), JsValue> {
    let document = window
        .document()
        .ok_or_else(|| JsValue::from_str("no document"))?;
    let script = document.create_element("script")?;
    script.set_attribute("type", "module")?;
    script.set_attribute("src", FULL_START_URL)?;
    document
        .head()
        .ok_or_else(|| JsValue::from_str("no head"))?
        .append_child(&script)?;
    Ok(())
}

async fn next_task(window: &web_sys::Window) {
    let tick = js_sys::Promise::new(&mut |resolve, _| {
        let _ = window.set_timeout_with_callback(resolve.unchecked_ref());
    });
    let _ = JsFuture::from(tick).await;
}
