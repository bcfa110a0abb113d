//! The safety net: should a panic ever happen, the page shows a calm message with a reload
//! link instead of a frozen screen. Every edit was saved when it was made, so nothing is lost.

/// Installs the panic hook. It only touches the DOM through web-sys: after a panic the wasm
/// instance is gone, so the reload is a plain link (no wasm callback, no inline script).
/// Goes through yew's `set_custom_panic_hook` so the renderer keeps it instead of its default.
pub fn install() {
    yew::set_custom_panic_hook(Box::new(|info: &std::panic::PanicHookInfo<'_>| {
        web_sys::console::error_1(&format!("Salesplan stopped: {info}").into());
        show_overlay();
    }));
}

fn show_overlay() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else {
        return;
    };
    let Ok(overlay) = document.create_element("div") else {
        return;
    };
    overlay.set_class_name("crash-overlay");
    let _ = overlay.set_attribute("role", "alertdialog");
    let _ = overlay.set_attribute("data-testid", "crash-overlay");
    // Static text only: nothing from the panic message is put into HTML.
    overlay.set_inner_html(
        "<div class=\"crash-box\">\
         <h1>Что-то пошло не так · Something went wrong</h1>\
         <p>Ваши данные сохранены: каждое изменение записывается сразу. Перезагрузите страницу.</p>\
         <p>Your data is safe: every change was saved as you made it. Please reload the page.</p>\
         <p><a class=\"button\" data-testid=\"crash-reload\" href=\"/\">Перезагрузить · Reload</a></p>\
         </div>",
    );
    // Reload the same page (without any query that may have caused this).
    if let (Ok(Some(link)), Some(path)) = (
        overlay.query_selector("a"),
        web_sys::window().and_then(|w| w.location().pathname().ok()),
    ) {
        let _ = link.set_attribute("href", &path);
    }
    let _ = body.append_child(&overlay);
}

/// Test hook: `?simulate-panic` in the address panics on purpose once the app is up, so the
/// end-to-end tests can prove the safety net. It changes nothing else.
pub fn simulate_if_asked() {
    let asked = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|q| q.contains("simulate-panic"));
    if asked {
        gloo::timers::callback::Timeout::new(300, || panic!("simulated panic (test)")).forget();
    }
}
