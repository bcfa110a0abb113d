//! Unknown addresses: say so and offer the way back.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::tr;
use crate::ui::routes::Route;
use crate::ui::state::use_app;

#[function_component(NotFoundPage)]
pub fn not_found_page() -> Html {
    let lang = use_app().lang();
    html! {
        <section class="card" data-testid="page-not-found">
            <h1>{ tr(lang, "Страница не найдена", "Page not found") }</h1>
            <p>{ tr(lang,
                "По этому адресу ничего нет. Возможно, ссылка устарела или в ней опечатка.",
                "There is nothing at this address. The link may be old or mistyped.") }</p>
            <p class="actions">
                <Link<Route> to={Route::Home} classes={classes!("button")}>{ tr(lang, "На главную", "Go to the start page") }</Link<Route>>
                <Link<Route> to={Route::Funnel} classes={classes!("button", "button-quiet")}>{ tr(lang, "Открыть воронку", "Open the funnel") }</Link<Route>>
            </p>
        </section>
    }
}
