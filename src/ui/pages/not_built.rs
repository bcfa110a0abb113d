//! The honest placeholder of a page that is not built yet.

use yew::prelude::*;

use crate::i18n::tr;
use crate::ui::state::use_app;

#[derive(Properties, PartialEq)]
pub struct NotBuiltProps {
    /// Route name, used in the test id `page-<name>`.
    pub page: AttrValue,
}

#[function_component(NotBuilt)]
pub fn not_built(props: &NotBuiltProps) -> Html {
    let lang = use_app().lang();
    html! {
        <section class="card" data-testid={format!("page-{}", props.page)}>
            <h1>{ tr(lang, "Раздел в разработке", "This section is not built yet") }</h1>
            <p data-testid="not-built">{ tr(lang,
                "Этот раздел ещё не готов. Остальные разделы работают, план сохраняется.",
                "This section is not ready yet. The other sections work and your plan is saved.") }</p>
        </section>
    }
}
