//! The start page: what Salesplan answers, and the way into each calculator.

use yew::prelude::*;
use yew_router::prelude::*;

use crate::i18n::tr;
use crate::ui::routes::Route;
use crate::ui::state::use_app;

#[function_component(HomePage)]
pub fn home_page() -> Html {
    let lang = use_app().lang();
    let card = |route: Route, testid: &'static str, title: &'static str, text: &'static str| {
        html! {
            <Link<Route> to={route} classes={classes!("card", "card-link")}>
                <h2 data-testid={testid}>{ title }</h2>
                <p>{ text }</p>
            </Link<Route>>
        }
    };
    html! {
        <section data-testid="page-home">
            <h1>{ tr(lang, "План отдела продаж", "Sales department plan") }</h1>
            <p class="lead">{ tr(lang,
                "От плана выручки — к лидам и контактам, к штату и бюджету, к ценности клиентской базы. Всё в браузере: данные не покидают это устройство.",
                "From the revenue plan to leads and contacts, to headcount and budget, to the value of the client base. All in the browser: no data leaves this device.") }</p>
            <div class="card-grid">
                { card(Route::Funnel, "home-funnel", tr(lang, "Воронка продаж", "Sales funnel"),
                    tr(lang, "Сколько лидов и контактов нужно для плана — в месяц, неделю, день и на продавца.",
                        "How many leads and contacts the plan needs, per month, week, day and seller.")) }
                { card(Route::Ltv, "home-ltv", tr(lang, "LTV и CAC", "LTV and CAC"),
                    tr(lang, "Сколько стоит клиент и сколько можно платить за его привлечение.",
                        "What a client is worth and how much you can pay to win one.")) }
                { card(Route::Headcount, "home-headcount", tr(lang, "Штат и бюджет", "Headcount and budget"),
                    tr(lang, "Сколько продавцов нужно по ролям и во что обойдётся отдел продаж.",
                        "How many salespeople per role, and what the sales unit costs.")) }
                { card(Route::Fact, "home-fact", tr(lang, "План — факт", "Plan vs fact"),
                    tr(lang, "Ежедневные отчёты продавцов против норм воронки, темп, причины отклонений и решения.",
                        "Sellers' daily reports against the funnel's norms, the pace, the causes of a gap and the decisions.")) }
                { card(Route::Clients, "home-clients", tr(lang, "Клиентская база", "Client base"),
                    tr(lang, "ABC/XYZ, RFM, когорты и прогноз LTV по выгрузке продаж.",
                        "ABC/XYZ, RFM, cohorts and predictive LTV from a sales export.")) }
            </div>
        </section>
    }
}
