//! Browser services shared by pages: downloads.

use wasm_bindgen::JsCast;

/// Saves `bytes` as a file through a Blob and an object URL (nothing leaves the browser).
pub fn download(bytes: &[u8], file_name: &str, mime: &str) {
    let blob = gloo::file::Blob::new_with_options(bytes, Some(mime));
    let url = gloo::file::ObjectUrl::from(blob);
    let document = gloo::utils::document();
    let Ok(link) = document.create_element("a") else {
        return;
    };
    let _ = link.set_attribute("href", &url);
    let _ = link.set_attribute("download", file_name);
    let _ = link.set_attribute("hidden", "");
    let body = gloo::utils::body();
    let _ = body.append_child(&link);
    if let Some(link) = link.dyn_ref::<web_sys::HtmlElement>() {
        link.click();
    }
    let _ = body.remove_child(&link);
    // The download has started by now; free the URL a little later, not at once.
    gloo::timers::callback::Timeout::new(60_000, move || drop(url)).forget();
}
