//! The app shell: state context, router, header, plan bar, notices and the page.

use wasm_bindgen::JsCast;
use yew::prelude::*;
use yew_router::prelude::*;

use super::layout::{Header, NoticeBar, PlanBar, UpdateBar};
use super::pages;
use super::routes::Route;
use super::state::{use_app, use_app_state, Action, AppHandle};
use super::widgets::LastReports;
use crate::i18n::Lang;
use crate::storage::STORAGE_KEY;

/// The browser's preferred language tag, e.g. `ru-RU`.
fn browser_lang() -> Lang {
    let tag = web_sys::window()
        .and_then(|w| w.navigator().language())
        .unwrap_or_default();
    Lang::from_browser_tag(&tag)
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_app_state(browser_lang());
    // Another tab of this browser saved the document: follow it (see `state`).
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener =
                gloo::events::EventListener::new(&gloo::utils::window(), "storage", move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                        return;
                    };
                    // Only the document's key; `clear()` elsewhere (no key) changes nothing here.
                    if event.key().as_deref() == Some(STORAGE_KEY) {
                        dispatcher.dispatch(Action::ChangedElsewhere(event.new_value()));
                    }
                });
            move || drop(listener)
        });
    }
    let last_reports = use_memo((), |_| LastReports::default());
    // The import worker's link and the calculators' last reports live above the router, so
    // an analysis and a last valid result survive navigation.
    html! {
        <ContextProvider<AppHandle> context={state}>
            <ContextProvider<LastReports> context={(*last_reports).clone()}>
                <super::import::ImportProvider>
                    <BrowserRouter>
                        <Shell />
                    </BrowserRouter>
                </super::import::ImportProvider>
            </ContextProvider<LastReports>>
        </ContextProvider<AppHandle>>
    }
}

#[function_component(Shell)]
fn shell() -> Html {
    let app = use_app();
    let lang = app.lang();
    // The document's language follows the app's, for screen readers and hyphenation.
    use_effect_with(lang, |lang| {
        if let Some(root) = gloo::utils::document().document_element() {
            let _ = root.set_attribute("lang", lang.code());
        }
    });
    html! {
        <>
            <a class="skip-link" href="#main">{ crate::i18n::tr(lang, "К содержанию", "Skip to content") }</a>
            <Header />
            <NoticeBar />
            <UpdateBar />
            <main id="main" class="page" tabindex="-1">
                <PlanBar />
                <Switch<Route> render={pages::render} />
            </main>
        </>
    }
}
