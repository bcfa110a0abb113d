//! One module per page; `render` maps a route to its page.

use yew::prelude::*;

use super::routes::Route;

mod clients;
mod fact;
mod funnel;
mod headcount;
mod home;
mod ltv;
mod not_found;
mod plans;

pub fn render(route: Route) -> Html {
    match route {
        Route::Home => html! { <home::HomePage /> },
        Route::Funnel => html! { <funnel::FunnelPage /> },
        Route::Ltv => html! { <ltv::LtvPage /> },
        Route::Headcount => html! { <headcount::HeadcountPage /> },
        Route::Clients => html! { <clients::ClientsPage /> },
        Route::Fact => html! { <fact::FactPage /> },
        Route::Plans => html! { <plans::PlansPage /> },
        Route::NotFound => html! { <not_found::NotFoundPage /> },
    }
}
