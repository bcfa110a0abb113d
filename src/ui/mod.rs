//! The browser interface (yew). It lays out and formats; every figure comes from `model`.

mod app;
mod layout;
mod pages;
mod routes;
pub mod state;
pub mod widgets;

pub use app::App;

/// Mounts the app on the page's body.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
