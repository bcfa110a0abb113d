//! The browser interface (yew). It lays out and formats; every figure comes from `model`.

mod app;
pub mod browser;
#[cfg(feature = "light")]
mod handover;
#[cfg(not(feature = "light"))]
pub mod import;
mod layout;
mod pages;
mod panic_net;
mod routes;
pub mod state;
pub mod widgets;

pub use app::App;

/// Mounts the app on the page's body. The light build starts the full app instead when the
/// address is one of the full app's pages (see `handover`).
pub fn start() {
    panic_net::install();
    #[cfg(feature = "light")]
    if !routes::Route::current().in_light_app() {
        if let Some(window) = web_sys::window() {
            let _ = handover::start_full(&window);
        }
        return;
    }
    let _app = yew::Renderer::<App>::new().render();
    #[cfg(feature = "light")]
    handover::keep_light(_app);
    panic_net::simulate_if_asked();
}
