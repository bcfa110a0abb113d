//! The headcount page (being built).

use yew::prelude::*;

use super::NotBuilt;

#[function_component(HeadcountPage)]
pub fn page() -> Html {
    html! { <NotBuilt page="headcount" /> }
}
