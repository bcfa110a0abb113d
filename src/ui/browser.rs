//! Browser services shared by pages: downloads (plan files among them), the clipboard, dates
//! in the locale's format, printing, file names.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::Callback;

use crate::i18n::Lang;
use crate::model::Plan;
use crate::storage::file;

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

/// Saves plans as a JSON plans file (`storage::file`), which the plans page imports;
/// `name` goes into the file name.
pub fn download_plans(plans: &[Plan], name: &str) {
    let text = file::encode(plans, js_sys::Date::now());
    download(
        text.as_bytes(),
        &format!("salesplan-{}-{}.json", slug(name), today_iso()),
        "application/json",
    );
}

/// Copies `text` to the clipboard; `done` gets whether the browser allowed it.
pub fn copy_to_clipboard(text: &str, done: Callback<bool>) {
    let Some(window) = web_sys::window() else {
        done.emit(false);
        return;
    };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &JsValue::from_str("clipboard"))
        .ok()
        .filter(|c| !c.is_undefined() && !c.is_null());
    let write = clipboard.as_ref().and_then(|c| {
        js_sys::Reflect::get(c, &JsValue::from_str("writeText"))
            .ok()?
            .dyn_into::<js_sys::Function>()
            .ok()
    });
    let (Some(clipboard), Some(write)) = (clipboard, write) else {
        done.emit(false);
        return;
    };
    let promise = write
        .call1(&clipboard, &JsValue::from_str(text))
        .ok()
        .and_then(|p| p.dyn_into::<js_sys::Promise>().ok());
    let Some(promise) = promise else {
        done.emit(false);
        return;
    };
    let ok = done.clone();
    let on_ok = Closure::once(move |_: JsValue| ok.emit(true));
    let on_err = Closure::once(move |_: JsValue| done.emit(false));
    let _ = promise.then2(&on_ok, &on_err);
    // The promise calls one of them later; two small closures per copy are left to the GC.
    on_ok.forget();
    on_err.forget();
}

fn locale_tag(lang: Lang) -> &'static str {
    match lang {
        Lang::Ru => "ru-RU",
        Lang::En => "en-GB",
    }
}

fn date_options(with_time: bool) -> JsValue {
    let options = js_sys::Object::new();
    let set = |k: &str, v: &str| {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(k), &JsValue::from_str(v));
    };
    set("dateStyle", "medium");
    if with_time {
        set("timeStyle", "short");
    }
    options.into()
}

/// A moment (ms since 1970) as the locale writes it: `24 нояб. 2025 г., 14:05`,
/// `24 Nov 2025, 14:05`; `None` for an unknown time (0).
pub fn format_date_time(ms: f64, lang: Lang) -> Option<String> {
    if !(ms.is_finite() && ms > 0.0) {
        return None;
    }
    let date = js_sys::Date::new(&JsValue::from_f64(ms));
    Some(String::from(
        date.to_locale_string(locale_tag(lang), &date_options(true)),
    ))
}

/// Today's date as the locale writes it.
pub fn format_today(lang: Lang) -> String {
    let date = js_sys::Date::new_0();
    String::from(date.to_locale_string(locale_tag(lang), &date_options(false)))
}

/// Today's date in the browser's time zone (chrono has no clock here: the browser's is used).
pub fn today() -> chrono::NaiveDate {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .unwrap_or_default()
}

/// Today as `2025-11-24`, for file names.
pub fn today_iso() -> String {
    today().to_string()
}

/// A file name from a plan name: letters and digits of any script kept, the rest dashes.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
        if out.chars().count() >= 60 {
            break;
        }
    }
    let out = out.trim_matches('-').to_string();
    if out.is_empty() {
        "plan".to_string()
    } else {
        out
    }
}

/// Opens the browser's print dialog (print to PDF among its targets).
pub fn print() {
    if let Some(window) = web_sys::window() {
        let _ = window.print();
    }
}

/// The page's origin, e.g. `https://plan.example.com`.
pub fn origin() -> String {
    web_sys::window()
        .and_then(|w| w.location().origin().ok())
        .unwrap_or_default()
}
