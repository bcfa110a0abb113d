//! One module per page; `render` maps a route to its page.

use yew::prelude::*;

use super::routes::Route;

mod home;
mod not_built;
mod not_found;

pub use not_built::NotBuilt;

pub fn render(route: Route) -> Html {
    match route {
        Route::Home => html! { <home::HomePage /> },
        Route::Funnel => html! { <NotBuilt page="funnel" /> },
        Route::Ltv => html! { <NotBuilt page="ltv" /> },
        Route::Headcount => html! { <NotBuilt page="headcount" /> },
        Route::Clients => html! { <NotBuilt page="clients" /> },
        Route::Plans => html! { <NotBuilt page="plans" /> },
        Route::NotFound => html! { <not_found::NotFoundPage /> },
    }
}
