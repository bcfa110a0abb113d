//! The browser interface (yew). It lays out and formats; every figure comes from `model`.

mod app;
pub mod browser;
pub mod import;
mod layout;
mod pages;
mod panic_net;
mod routes;
mod service_worker;
pub mod state;
pub mod widgets;

pub use app::App;

/// Mounts the app on the page's body.
pub fn start() {
    panic_net::install();
    yew::Renderer::<App>::new().render();
    panic_net::simulate_if_asked();
}
