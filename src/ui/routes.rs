//! The app's addresses: every page has its own URL so reload and bookmarks land on it.

use yew_router::prelude::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Routable)]
pub enum Route {
    #[at("/")]
    Home,
    #[at("/funnel")]
    Funnel,
    #[at("/ltv")]
    Ltv,
    #[at("/headcount")]
    Headcount,
    #[at("/clients")]
    Clients,
    #[at("/plans")]
    Plans,
    #[not_found]
    #[at("/404")]
    NotFound,
}

#[cfg(feature = "light")]
impl Route {
    /// Whether the light app (the first load, see `ui::handover`) has this page.
    pub fn in_light_app(self) -> bool {
        matches!(self, Route::Home | Route::Funnel | Route::NotFound)
    }

    /// The page at the browser's current address.
    pub fn current() -> Route {
        let path = web_sys::window()
            .and_then(|w| w.location().pathname().ok())
            .unwrap_or_default();
        Route::recognize(&path).unwrap_or(Route::NotFound)
    }
}
