//! The ltv page (being built).

use yew::prelude::*;

use super::NotBuilt;

#[function_component(LtvPage)]
pub fn page() -> Html {
    html! { <NotBuilt page="ltv" /> }
}
