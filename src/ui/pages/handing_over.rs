//! In the light app, the stand-in for a page that lives in the full app: it starts the
//! handover (see `ui::handover`) and says so; if the full app cannot be loaded (offline
//! before it was ever cached) it says that and offers to try again.

use yew::prelude::*;

use crate::i18n::tr;
use crate::ui::handover;
use crate::ui::state::use_app;

#[function_component(HandingOverPage)]
pub fn handing_over_page() -> Html {
    let lang = use_app().lang();
    let failed = use_state(|| false);
    let attempt = use_state(|| 0u32);
    {
        let failed = failed.clone();
        use_effect_with(*attempt, move |_| {
            failed.set(false);
            yew::platform::spawn_local(async move {
                if handover::hand_over().await.is_err() {
                    failed.set(true);
                }
            });
        });
    }
    let retry = {
        let attempt = attempt.clone();
        Callback::from(move |_: MouseEvent| attempt.set(*attempt + 1))
    };
    html! {
        <section class="card" data-testid="page-handing-over" aria-busy={(!*failed).to_string()}>
            if *failed {
                <p class="field-error" role="alert" data-testid="handover-failed">{ tr(lang,
                    "Не удалось загрузить эту страницу: нет связи, а в кэше её ещё нет. Воронка работает и так.",
                    "This page could not be loaded: there is no connection and it is not cached yet. The funnel works anyway.") }</p>
                <p class="actions">
                    <button type="button" class="button" data-testid="handover-retry" onclick={retry}>
                        { tr(lang, "Повторить", "Try again") }</button>
                </p>
            } else {
                <p class="muted" role="status">{ tr(lang, "Загружаю страницу…", "Loading the page…") }</p>
            }
        </section>
    }
}
