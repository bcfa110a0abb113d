//! The predictive LTV: BG/NBD for purchases and Gamma-Gamma for spend (Fader, Hardie & Lee),
//! the fitted parameters with their log-likelihood, and the value of the whole base. When the
//! data is too thin the page says so plainly.

use yew::prelude::*;

use super::holdout;
use super::report::ReportProps;
use super::settings::unit_word;
use crate::i18n::clients::fit_verdict;
use crate::i18n::forecast::{base_value_label, rate_text};
use crate::i18n::numbers::{format_count, format_money, format_number, format_percent};
use crate::i18n::{tr, Lang};
use crate::ui::import::use_import;
use crate::ui::state::use_app;
use crate::ui::widgets::Figure;

#[function_component(ForecastView)]
pub fn forecast_view(props: &ReportProps) -> Html {
    let app = use_app();
    let import = use_import();
    let lang = app.lang();
    let currency = app.plan().clients_currency();
    let title = tr(
        lang,
        "Прогноз ценности клиентов (предсказательный LTV)",
        "Predicted client value (predictive LTV)",
    );
    let done = import.state.forecast_progress;
    let Some(f) = &props.report.forecast else {
        if import.state.forecast_cancelled {
            let again = {
                let import = import.clone();
                Callback::from(move |_: MouseEvent| import.rerun_forecast())
            };
            return html! {
                <section class="card forecast" aria-labelledby="forecast-title">
                    <h2 id="forecast-title">{ title }</h2>
                    <p class="verdict warning" data-testid="forecast-cancelled" role="status">
                        { tr(lang, "Прогноз остановлен. Результаты анализа выше и ниже — без прогноза ценности клиентов.",
                            "The forecast was stopped. The analysis above and below stands, without the predicted client value.") }
                    </p>
                    <div class="actions">
                        <button type="button" class="button-quiet" data-testid="forecast-run-again" onclick={again}>
                            { tr(lang, "Рассчитать прогноз снова", "Run the forecast again") }
                        </button>
                    </div>
                </section>
            };
        }
        // The analysis is shown at once; the forecast is fitted right after it.
        let cancel = {
            let import = import.clone();
            Callback::from(move |_: MouseEvent| import.cancel_forecast())
        };
        return html! {
            <section class="card forecast" aria-labelledby="forecast-title">
                <h2 id="forecast-title">{ title }</h2>
                <p class="verdict" data-testid="forecast-pending" role="status" aria-busy="true">
                    { tr(lang, "Модели BG/NBD и Gamma-Gamma подбираются по данным — прогноз появится здесь через несколько секунд.",
                        "Fitting BG/NBD and Gamma-Gamma to the data: the forecast appears here in a few seconds.") }
                </p>
                <p class="hint">
                    <progress max="100" value={format!("{:.0}", done * 100.0)} aria-labelledby="forecast-title"></progress>
                    { " " }<span data-testid="forecast-progress">{ format_percent(done * 100.0, 0, lang) }</span>
                </p>
                // Also while the analysis before it runs again (new settings, or the forecast
                // asked for again): what is on screen stays.
                <button type="button" class="button-quiet" data-testid="forecast-cancel" onclick={cancel}>
                    { tr(lang, "Отменить прогноз", "Cancel the forecast") }
                </button>
            </section>
        };
    };
    let ok = f.trusted();
    // Four decimals on screen; the full value (shortest round-trip) in `data-value` and the
    // tooltip, as the exports carry it.
    let param = |id: &'static str, name: &'static str, v: f64| {
        html! {
            <div class="param">
                <dt>{ name }</dt>
                <dd data-testid={id} data-value={v.to_string()} title={v.to_string()}>{ format_number(v, 4, lang) }</dd>
            </div>
        }
    };
    html! {
        <section class="card forecast" aria-labelledby="forecast-title">
            <h2 id="forecast-title">{ title }</h2>
            <p class={classes!("verdict", if ok { "good" } else { "warning" })} data-testid="forecast-verdict" role="status">
                { fit_verdict(f.verdict, lang) }
            </p>
            if let Some(h) = &f.holdout {
                { holdout::view(h, lang) }
            }
            <p class="hint">{ match lang {
                Lang::Ru => format!("Клиентов в модели: {}, из них с повторными покупками: {}.",
                    format_count(f.customers as f64, lang), format_count(f.repeat_customers as f64, lang)),
                Lang::En => format!("Clients in the model: {}, with repeat purchases: {}.",
                    format_count(f.customers as f64, lang), format_count(f.repeat_customers as f64, lang)),
            } }</p>
            if ok {
                <div class="figures">
                    <Figure id="base-value" primary={true}
                        label={base_value_label(f.horizon, f.horizon_unit, lang)}
                        value={format_money(f.base_value, currency, 0, lang)}
                        note={AttrValue::from(match lang {
                            Lang::Ru => format!("ставка дисконтирования {} в месяц", rate_text(f.monthly_discount_pct, lang)),
                            Lang::En => format!("discounted at {} a month", rate_text(f.monthly_discount_pct, lang)),
                        })} />
                    <Figure id="base-expected-purchases" label={tr(lang, "Ожидаемых покупок", "Expected purchases")}
                        value={format_count(f.base_expected_purchases, lang)} />
                    <Figure id="base-expected-active" label={tr(lang, "Ожидаемо активных клиентов", "Clients expected to be active")}
                        value={format_count(f.expected_active_clients, lang)} />
                </div>
            }
            if let (Some(bg), Some(gg)) = (&f.bgnbd, &f.gamma_gamma) {
                <details class="fit-details" data-testid="fit-details">
                    <summary>{ tr(lang, "Параметры моделей", "Model parameters") }</summary>
                    <div class="two-col">
                        <div>
                            <h3>{ "BG/NBD" }</h3>
                            <dl class="params">
                                { param("forecast-param-r", "r", bg.params.r) }
                                { param("forecast-param-alpha", "α", bg.params.alpha) }
                                { param("forecast-param-a", "a", bg.params.a) }
                                { param("forecast-param-b", "b", bg.params.b) }
                                { param("forecast-bgnbd-ll", tr(lang, "лог-правдоподобие", "log-likelihood"), bg.log_likelihood) }
                            </dl>
                        </div>
                        <div>
                            <h3>{ "Gamma-Gamma" }</h3>
                            <dl class="params">
                                { param("forecast-param-p", "p", gg.params.p) }
                                { param("forecast-param-q", "q", gg.params.q) }
                                { param("forecast-param-v", "v", gg.params.v) }
                                { param("forecast-gg-ll", tr(lang, "лог-правдоподобие", "log-likelihood"), gg.log_likelihood) }
                            </dl>
                        </div>
                    </div>
                    <p class="hint">{ match lang {
                        Lang::Ru => format!("Единица времени модели: {}. Определения — как у Fader, Hardie & Lee и в библиотеке lifetimes: частота — число дней с повторными покупками, покупки одного дня объединены.", unit_word(f.time_unit, lang)),
                        Lang::En => format!("The model's time unit: {}. Definitions as in Fader, Hardie & Lee and the lifetimes library: frequency is the number of repeat purchase days, same-day purchases merged.", unit_word(f.time_unit, lang)),
                    } }</p>
                </details>
            }
        </section>
    }
}
