//! The funnel page (being built).

use yew::prelude::*;

use super::NotBuilt;

#[function_component(FunnelPage)]
pub fn page() -> Html {
    html! { <NotBuilt page="funnel" /> }
}
