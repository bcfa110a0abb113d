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
    #[at("/fact")]
    Fact,
    #[at("/plans")]
    Plans,
    #[not_found]
    #[at("/404")]
    NotFound,
}
