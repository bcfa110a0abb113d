//! The frame around every page: header with navigation and language, the plan bar, notices.

use web_sys::MouseEvent;
use yew::prelude::*;
use yew_router::prelude::*;

use super::browser::download_plans;
use super::routes::Route;
use super::service_worker;
use super::state::{use_app, Action, Kept, Notice, PlanEdit};
use super::widgets::{MonthField, NumberField, SelectField, TextField};
use crate::i18n::{tr, Lang};
use crate::model::calendar::Month;
use crate::model::{Currency, Rule};
use crate::storage::local::OpenNote;
use crate::storage::Unreadable;

/// Navigation entries: route, test id, Russian and English names.
const NAV: [(Route, &str, &str, &str); 6] = [
    (Route::Funnel, "nav-funnel", "Воронка", "Funnel"),
    (Route::Ltv, "nav-ltv", "LTV", "LTV"),
    (
        Route::Headcount,
        "nav-headcount",
        "Штат и бюджет",
        "Headcount",
    ),
    (Route::Fact, "nav-fact", "План — факт", "Plan vs fact"),
    (Route::Clients, "nav-clients", "Клиенты", "Clients"),
    (Route::Plans, "nav-plans", "Планы", "Plans"),
];

#[derive(Properties, PartialEq)]
struct NavLinkProps {
    to: Route,
    testid: AttrValue,
    children: Html,
    #[prop_or_default]
    class: Classes,
}

/// A link that navigates inside the app without reloading and marks the current page.
#[function_component(NavLink)]
fn nav_link(props: &NavLinkProps) -> Html {
    let navigator = use_navigator();
    let current = use_route::<Route>();
    let active = current == Some(props.to);
    let onclick = {
        let to = props.to;
        Callback::from(move |e: MouseEvent| {
            // Let the browser handle ctrl/cmd-click (new tab) itself.
            if e.ctrl_key() || e.meta_key() || e.shift_key() || e.button() != 0 {
                return;
            }
            if let Some(nav) = &navigator {
                e.prevent_default();
                nav.push(&to);
            }
        })
    };
    html! {
        <a href={props.to.to_path()} data-testid={props.testid.clone()}
            class={classes!(props.class.clone(), active.then_some("active"))}
            aria-current={active.then_some("page")} {onclick}>
            { props.children.clone() }
        </a>
    }
}

#[function_component(Header)]
pub fn header() -> Html {
    let app = use_app();
    let lang = app.lang();
    let set_lang = |to: Lang| {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::SetLang(to)))
    };
    let lang_button = |to: Lang, testid: &'static str, text: &'static str, title: &'static str| {
        html! {
            <button type="button" data-testid={testid} class={classes!("lang-button", (lang == to).then_some("active"))}
                aria-pressed={(lang == to).to_string()} title={title} onclick={set_lang(to)}>{ text }</button>
        }
    };
    html! {
        <header class="app-header">
            <div class="header-inner">
                <NavLink to={Route::Home} testid="nav-home" class={classes!("brand")}>
                    <span class="brand-mark" aria-hidden="true">{ "S" }</span>
                    <span class="brand-name" data-testid="product-name">{ "Salesplan" }</span>
                </NavLink>
                <nav class="main-nav" aria-label={tr(lang, "Разделы", "Sections")}>
                    { for NAV.iter().map(|(route, testid, ru, en)| html! {
                        <NavLink to={*route} testid={*testid}>{ tr(lang, ru, en) }</NavLink>
                    }) }
                </nav>
                <div class="lang-switch" role="group" aria-label={tr(lang, "Язык", "Language")}>
                    { lang_button(Lang::Ru, "lang-ru", "RU", "Русский") }
                    { lang_button(Lang::En, "lang-en", "EN", "English") }
                </div>
            </div>
        </header>
    }
}

/// The active plan's name, client, currency and working days: shared by every calculator.
#[function_component(PlanBar)]
pub fn plan_bar() -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let on_name = {
        let app = app.clone();
        Callback::from(move |name: String| app.edit(PlanEdit::SetName(name)))
    };
    let on_client = {
        let app = app.clone();
        Callback::from(move |client: String| app.edit(PlanEdit::SetClient(client)))
    };
    let on_currency = {
        let app = app.clone();
        Callback::from(move |code: String| {
            if let Some(c) = Currency::from_code(&code) {
                app.edit(PlanEdit::SetCurrency(c));
            }
        })
    };
    let on_days = {
        let app = app.clone();
        Callback::from(move |days: f64| app.edit(PlanEdit::SetWorkingDays(days)))
    };
    let on_month = {
        let app = app.clone();
        Callback::from(move |month: Option<Month>| app.edit(PlanEdit::SetPlanMonth(month)))
    };
    let use_calendar = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.edit(PlanEdit::UseCalendarDays))
    };
    // The calendar's figure for the plan's month, when the typed days differ from it.
    let calendar_days = plan
        .calendar_working_days()
        .filter(|d| f64::from(*d) != plan.working_days_per_month);
    let currencies = Currency::ALL
        .iter()
        .map(|c| {
            (
                AttrValue::from(c.code()),
                AttrValue::from(format!("{} {}", c.symbol(), c.code())),
            )
        })
        .collect::<Vec<_>>();
    html! {
        <section class="plan-bar" aria-label={tr(lang, "План", "Plan")}>
            <TextField id="plan-name" label={tr(lang, "План", "Plan")} value={plan.name.clone()} on_change={on_name} />
            <TextField id="plan-client" label={tr(lang, "Клиент", "Client")} value={plan.client.clone()} on_change={on_client} />
            <SelectField id="currency" label={tr(lang, "Валюта", "Currency")} options={currencies}
                selected={plan.currency.code()} on_change={on_currency} />
            <MonthField id="plan-month" label={tr(lang, "Месяц плана", "Plan month")} value={plan.month}
                {lang} optional=true on_change={on_month} />
            <div class="plan-bar-days">
                <NumberField id="working-days" label={tr(lang, "Рабочих дней в месяце", "Working days per month")}
                    value={plan.working_days_per_month} on_change={on_days} lang={lang}
                    rule={Rule::range(1.0, 31.0)} />
                if let Some(days) = calendar_days {
                    <button type="button" class="button-quiet button-small" data-testid="working-days-use-calendar" onclick={use_calendar}>
                        { match lang {
                            Lang::Ru => format!("По календарю: {days}"),
                            Lang::En => format!("Calendar: {days}"),
                        } }
                    </button>
                }
            </div>
        </section>
    }
}

/// The message of the current notice, in the current language.
fn notice_text(notice: &Notice, lang: Lang) -> String {
    match notice {
        Notice::Opened(OpenNote::Migrated { from }) => match lang {
            Lang::Ru => format!("Сохранённые данные обновлены с версии {from} до текущей."),
            Lang::En => format!("Your saved data was upgraded from version {from}."),
        },
        Notice::Opened(OpenNote::Unreadable { reason, backup_key }) => {
            let why = match (reason, lang) {
                (Unreadable::CorruptJson(_), Lang::Ru) => "повреждены".to_string(),
                (Unreadable::CorruptJson(_), Lang::En) => "damaged".to_string(),
                (Unreadable::FutureVersion(v), Lang::Ru) => {
                    format!("сохранены более новой версией приложения (схема {v})")
                }
                (Unreadable::FutureVersion(v), Lang::En) => {
                    format!("were saved by a newer version of the app (schema {v})")
                }
                (Unreadable::WrongShape(_), Lang::Ru) => "имеют неизвестный формат".to_string(),
                (Unreadable::WrongShape(_), Lang::En) => "have an unknown format".to_string(),
            };
            match (backup_key, lang) {
                (Some(key), Lang::Ru) => format!(
                    "Сохранённые данные {why}. Они не удалены: копия лежит в localStorage под ключом «{key}». Открыт новый демо-план."
                ),
                (Some(key), Lang::En) => format!(
                    "Your saved data {why}. Nothing was deleted: a copy is kept in localStorage under \"{key}\". A fresh demo plan is open."
                ),
                (None, Lang::Ru) => format!(
                    "Сохранённые данные {why} и их не удалось скопировать. Чтобы их не потерять, изменения сейчас не сохраняются."
                ),
                (None, Lang::En) => format!(
                    "Your saved data {why} and could not be copied. To keep it, changes are not being saved now."
                ),
            }
        }
        Notice::Opened(OpenNote::NoStorage) => tr(
            lang,
            "Браузер не даёт сохранять данные (приватный режим?): изменения пропадут при закрытии.",
            "The browser gives no storage (private mode?): changes will be lost when you close it.",
        )
        .to_string(),
        Notice::SaveFailed { kept, .. } => {
            let failed = tr(
                lang,
                "Не удалось сохранить: хранилище браузера переполнено. Работа продолжается, последняя сохранённая копия цела.",
                "Could not save: the browser's storage is full. You can keep working; the last saved copy is intact.",
            );
            let kept = match kept {
                Kept::Session => tr(
                    lang,
                    "Несохранённые правки хранятся в этой вкладке (и после её перезагрузки), пока сохранение не удастся; чтобы не потерять их, скачайте план файлом.",
                    "Your unsaved edits are kept in this tab (through a reload too) until a save succeeds; to be sure to keep them, download the plan as a file.",
                ),
                Kept::MemoryOnly => tr(
                    lang,
                    "Сохранить копию правок в этой вкладке тоже не удалось: если её закрыть или перезагрузить, правки сохранит только скачанный файл.",
                    "This tab could not keep a copy of the unsaved edits either: if it is closed or reloaded, only a downloaded file keeps them.",
                ),
                Kept::File => in_the_file(lang),
            };
            format!("{failed} {kept}")
        }
        Notice::Restored(kept) => {
            let restored = tr(
                lang,
                "Правки, которые эта вкладка не смогла сохранить до перезагрузки, восстановлены из её сессии.",
                "Edits this tab could not save before the reload were restored from its session.",
            );
            let state = match kept {
                None => tr(lang, "Теперь они сохранены.", "They are saved now."),
                Some(Kept::Session) => tr(
                    lang,
                    "Они ещё не сохранены (хранилище браузера переполнено): их сохранит следующее изменение, когда место освободится, или скачайте план файлом.",
                    "They still need a save or a download (the browser's storage is full): your next change saves them once there is room, or download the plan as a file.",
                ),
                Some(Kept::MemoryOnly) => tr(
                    lang,
                    "Они ещё не сохранены, и копию в этой вкладке сохранить не удалось: их сохранит только скачанный файл.",
                    "They still need a save or a download, and this tab could not keep a copy again: only a downloaded file keeps them.",
                ),
                Some(Kept::File) => in_the_file(lang),
            };
            format!("{restored} {state}")
        }
        Notice::SetAside { downloaded, .. } => {
            let followed = tr(
                lang,
                "Данные сохранены в другой вкладке; здесь теперь показана та версия.",
                "Another tab saved the data; this tab now shows that version.",
            );
            let aside = if *downloaded {
                tr(
                    lang,
                    "Правки этой вкладки, которые не удалось сохранить, отложены и лежат в скачанном файле: загрузите его на странице «Планы», чтобы вернуть нужное.",
                    "The edits this tab could not save were set aside and are in the downloaded file: import it on the Plans page to bring back what you need.",
                )
            } else {
                tr(
                    lang,
                    "Правки этой вкладки, которые не удалось сохранить, отложены: скачайте их файлом, чтобы не потерять.",
                    "The edits this tab could not save were set aside: download them as a file to keep them.",
                )
            };
            format!("{followed} {aside}")
        }
        Notice::ChangedElsewhere => tr(
            lang,
            "Этот план изменён в другой вкладке; показана его версия оттуда. Дальнейшие изменения здесь сохраняются поверх неё.",
            "This plan was changed in another tab; showing its version. Further changes here build on it.",
        )
        .to_string(),
        Notice::UnreadableElsewhere(reason) => {
            let why = match (reason, lang) {
                (Unreadable::FutureVersion(v), Lang::Ru) => {
                    format!("более новой версией приложения (схема {v})")
                }
                (Unreadable::FutureVersion(v), Lang::En) => {
                    format!("by a newer version of the app (schema {v})")
                }
                (_, Lang::Ru) => "в формате, который эта версия не может прочитать".to_string(),
                (_, Lang::En) => "in a form this version cannot read".to_string(),
            };
            match lang {
                Lang::Ru => format!(
                    "В другой вкладке данные сохранены {why}. Чтобы их не затереть, изменения в этой вкладке сейчас не сохраняются. Обновите страницу."
                ),
                Lang::En => format!(
                    "Another tab saved the data {why}. To keep it, changes in this tab are not being saved now. Reload the page."
                ),
            }
        }
    }
}

/// The sentence of a notice once the unsaved edits were downloaded.
fn in_the_file(lang: Lang) -> &'static str {
    tr(
        lang,
        "Несохранённые правки — в скачанном файле: загрузите его на странице «Планы», чтобы вернуть их.",
        "Your unsaved edits are in the downloaded file: import it on the Plans page to get them back.",
    )
}

/// Where the unsaved edits of a notice are, for `data-kept` (tests and styles).
fn kept_kind(notice: &Notice) -> Option<&'static str> {
    let kept = match notice {
        Notice::SaveFailed { kept, .. } | Notice::Restored(Some(kept)) => *kept,
        Notice::Restored(None) => return Some("saved"),
        Notice::SetAside {
            downloaded: true, ..
        } => Kept::File,
        Notice::SetAside { .. } => Kept::MemoryOnly,
        _ => return None,
    };
    Some(match kept {
        Kept::Session => "session",
        Kept::MemoryOnly => "memory",
        Kept::File => "file",
    })
}

/// The kind of a notice, for `data-notice` (tests and styles).
fn notice_kind(notice: &Notice) -> &'static str {
    match notice {
        Notice::Opened(OpenNote::Migrated { .. }) => "migrated",
        Notice::Opened(OpenNote::Unreadable { .. }) => "unreadable",
        Notice::Opened(OpenNote::NoStorage) => "no-storage",
        Notice::SaveFailed { .. } => "save-failed",
        Notice::Restored(_) => "restored",
        Notice::SetAside { .. } => "set-aside",
        Notice::ChangedElsewhere => "changed-in-other-tab",
        Notice::UnreadableElsewhere(_) => "unreadable-in-other-tab",
    }
}

#[function_component(NoticeBar)]
pub fn notice_bar() -> Html {
    let app = use_app();
    let lang = app.lang();
    let Some(notice) = &app.notice else {
        return html! {};
    };
    let warning = !matches!(
        notice,
        Notice::Opened(OpenNote::Migrated { .. })
            | Notice::ChangedElsewhere
            | Notice::Restored(None)
    );
    let dismiss = {
        let app = app.clone();
        Callback::from(move |_| app.dispatch(Action::DismissNotice))
    };
    // Edits localStorage has not got: offered as a plans file, which the plans page imports.
    let download = app.offered_file().map(|_| {
        let app = app.clone();
        let onclick = Callback::from(move |_: MouseEvent| {
            if let Some(doc) = app.offered_file() {
                download_plans(
                    &doc.plans,
                    tr(app.lang(), "несохранённые-правки", "unsaved-edits"),
                );
                app.dispatch(Action::Downloaded);
            }
        });
        html! {
            <button type="button" class="button" data-testid="notice-download" {onclick}>
                { tr(lang, "Скачать план файлом", "Download the plan as a file") }
            </button>
        }
    });
    html! {
        <div class={classes!("notice", warning.then_some("notice-warning"))} role="status" data-testid="notice"
            data-notice={notice_kind(notice)} data-kept={kept_kind(notice)}>
            <p data-testid="notice-text">{ notice_text(notice, lang) }</p>
            { for download }
            <button type="button" class="button-quiet" data-testid="notice-dismiss" onclick={dismiss}>
                { tr(lang, "Понятно", "Got it") }
            </button>
        </div>
    }
}

/// Offers a new version once the service worker has it; reloads only on the person's click.
#[function_component(UpdateBar)]
pub fn update_bar() -> Html {
    let lang = use_app().lang();
    let waiting = use_state(|| None::<web_sys::ServiceWorker>);
    {
        let waiting = waiting.clone();
        use_effect_with((), move |_| {
            let registrar = service_worker::register_when_quiet(Callback::from(
                move |worker: web_sys::ServiceWorker| waiting.set(Some(worker)),
            ));
            move || drop(registrar)
        });
    }
    let Some(worker) = (*waiting).clone() else {
        return html! {};
    };
    let apply = Callback::from(move |_| service_worker::apply_update(&worker));
    html! {
        <div class="notice" role="status" data-testid="update-ready">
            <p>{ tr(lang, "Готова новая версия Salesplan. Ваши данные сохранены.",
                "A new version of Salesplan is ready. Your data is saved.") }</p>
            <button type="button" class="button" data-testid="update-reload" onclick={apply}>
                { tr(lang, "Обновить", "Reload") }
            </button>
        </div>
    }
}
