//! The last import's summary kept in the plan: shown when no file is open (after a reload,
//! or in a plan opened from a share link). The rows themselves are never kept.

use yew::prelude::*;

use super::report::date_text;
use crate::i18n::clients::segment_name;
use crate::i18n::forecast::base_value_label;
use crate::i18n::numbers::{format_count, format_money};
use crate::i18n::{tr, Lang};
use crate::model::clients::rfm::Segment;
use crate::state::plan_edit::ClientsEdit;
use crate::ui::browser::format_date_time;
use crate::ui::state::use_app;
use crate::ui::widgets::Figure;

#[function_component(SavedSummary)]
pub fn saved_summary() -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let currency = plan.clients_currency();
    let Some(last) = plan.clients.last_import.clone() else {
        return html! {};
    };
    let s = &last.summary;
    let apply = {
        let app = app.clone();
        let base = last.base.clone();
        Callback::from(move |_: MouseEvent| app.edit(ClientsEdit::ApplyBaseFigures(base.clone())))
    };
    let forget = {
        let app = app.clone();
        Callback::from(move |_: MouseEvent| app.edit(ClientsEdit::ForgetImport))
    };
    let when = format_date_time(last.analysed_at_ms, lang).unwrap_or_default();
    html! {
        <section class="card saved-import" aria-labelledby="saved-title" data-testid="saved-import">
            <h2 id="saved-title">{ tr(lang, "Последний анализ в этом плане", "The last analysis in this plan") }</h2>
            <p class="hint">{ match lang {
                Lang::Ru => format!("Файл «{}», {}. План хранит только итоги, не строки: чтобы снова увидеть таблицы, загрузите файл.", last.file_name, when),
                Lang::En => format!("File “{}”, {}. The plan keeps totals only, not rows: load the file again to see the tables.", last.file_name, when),
            } }</p>
            <div class="figures">
                <Figure id="saved-clients" label={tr(lang, "Клиентов", "Clients")} value={format_count(s.clients as f64, lang)} />
                <Figure id="saved-revenue" label={tr(lang, "Выручка", "Revenue")} value={format_money(s.revenue, currency, 0, lang)} />
                <Figure id="saved-period" label={tr(lang, "Период", "Period")}
                    value={format!("{} — {}", date_text(s.first_day, lang), date_text(s.last_day, lang))} />
                <Figure id="saved-active" label={tr(lang, "Активных клиентов", "Active clients")}
                    value={format_count(last.base.active_clients as f64, lang)} />
                if let Some(v) = last.predicted_base_value {
                    <Figure id="saved-base-value" label={base_value_label(last.horizon, last.horizon_unit, lang)}
                        value={format_money(v, currency, 0, lang)} />
                }
            </div>
            <ul class="saved-segments">
                { for Segment::ALL.iter().zip(last.segments.iter()).map(|(seg, g)| html! {
                    <li>{ format!("{}: {}", segment_name(*seg, lang), format_count(g.clients as f64, lang)) }</li>
                }) }
            </ul>
            <div class="actions">
                <button type="button" class="button-quiet" data-testid="saved-apply" onclick={apply}>
                    { tr(lang, "Перенести показатели в план", "Carry the figures into the plan") }
                </button>
                <button type="button" class="button-quiet" data-testid="saved-forget" onclick={forget}>
                    { tr(lang, "Убрать из плана", "Remove from the plan") }
                </button>
            </div>
        </section>
    }
}
