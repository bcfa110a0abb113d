//! One module per page; `render` maps a route to its page. The light build (the first load,
//! see `ui::handover`) has only the start page and the funnel; it hands every other page
//! over to the full app.

use yew::prelude::*;

use super::routes::Route;

#[cfg(not(feature = "light"))]
mod clients;
mod funnel;
#[cfg(feature = "light")]
mod handing_over;
#[cfg(not(feature = "light"))]
mod headcount;
mod home;
#[cfg(not(feature = "light"))]
mod ltv;
mod not_found;
#[cfg(not(feature = "light"))]
mod plans;

pub fn render(route: Route) -> Html {
    match route {
        Route::Home => html! { <home::HomePage /> },
        Route::Funnel => html! { <funnel::FunnelPage /> },
        Route::NotFound => html! { <not_found::NotFoundPage /> },
        #[cfg(not(feature = "light"))]
        Route::Ltv => html! { <ltv::LtvPage /> },
        #[cfg(not(feature = "light"))]
        Route::Headcount => html! { <headcount::HeadcountPage /> },
        #[cfg(not(feature = "light"))]
        Route::Clients => html! { <clients::ClientsPage /> },
        #[cfg(not(feature = "light"))]
        Route::Plans => html! { <plans::PlansPage /> },
        #[cfg(feature = "light")]
        Route::Ltv | Route::Headcount | Route::Clients | Route::Plans => {
            html! { <handing_over::HandingOverPage /> }
        }
    }
}
