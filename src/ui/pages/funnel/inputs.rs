//! Money and team inputs: the target or entry volume, average check, margin, sellers.

use yew::prelude::*;

use super::Ctx;
use crate::i18n::numbers::format_percent;
use crate::i18n::Lang;
use crate::model::funnel::{fields, Direction, MAX_SELLERS, MIN_SELLERS};
use crate::model::Rule;
use crate::state::plan_edit::{FunnelNumber, PlanEdit};
use crate::ui::widgets::NumberField;

pub fn view(ctx: &Ctx) -> Html {
    let f = &ctx.plan.funnel;
    let lang = ctx.lang;
    let currency = ctx.plan.currency.symbol();
    let target = &ctx.plan.target;
    let reverse = f.direction == Direction::Reverse;
    let days = super::text::days(ctx.plan.working_days_per_month, lang);
    html! {
        <section class="card" aria-labelledby="funnel-money-title">
            <h2 id="funnel-money-title">{ ctx.t("План и деньги", "Plan and money") }</h2>
            <div class="form-grid">
                if reverse {
                    <NumberField id={fields::TARGET_REVENUE} label={ctx.t("Выручка от новых клиентов в месяц", "Revenue from new clients per month")}
                        value={target.new_clients()} lang={lang} rule={Rule::AMOUNT}
                        unit={AttrValue::from(currency)} error={ctx.error(fields::TARGET_REVENUE)}
                        on_change={ctx.on_plan_number(PlanEdit::SetNewClientRevenue)} />
                    <div class="field field-readout">
                        <span class="field-label">{ ctx.t("План выручки в месяц (весь план)", "Revenue target per month (the whole plan)") }</span>
                        <output data-testid="funnel-plan-revenue">{ ctx.money(target.total()) }</output>
                        <span class="hint" data-testid="funnel-plan-split">{ match lang {
                            Lang::Ru => format!("новые клиенты {} через воронку, существующие {} — из базы; доля и план — на странице «Штат и бюджет»",
                                format_percent(target.new_client_share_pct(), 1, lang), ctx.money(target.existing_clients())),
                            Lang::En => format!("new clients {} through the funnel, existing clients {} from the base; the share and the plan are on the Headcount page",
                                format_percent(target.new_client_share_pct(), 1, lang), ctx.money(target.existing_clients())),
                        } }</span>
                    </div>
                } else {
                    <NumberField id={fields::ENTRY_PER_MONTH} label={ctx.t("Входящих лидов в месяц", "Incoming leads per month")}
                        value={f.entry_per_month} lang={lang} rule={Rule::AMOUNT}
                        error={ctx.error(fields::ENTRY_PER_MONTH)}
                        on_change={ctx.on_number(FunnelNumber::EntryPerMonth)} />
                }
                <NumberField id={fields::AVG_CHECK} label={ctx.t("Средний чек", "Average check")}
                    value={f.avg_check} lang={lang} rule={Rule::POSITIVE}
                    unit={AttrValue::from(currency)} error={ctx.error(fields::AVG_CHECK)}
                    on_change={ctx.on_number(FunnelNumber::AvgCheck)} />
                <NumberField id={fields::GROSS_MARGIN} label={ctx.t("Маржинальность", "Gross margin")}
                    value={f.gross_margin_pct} lang={lang} rule={Rule::PERCENT}
                    unit={AttrValue::from("%")} error={ctx.error(fields::GROSS_MARGIN)}
                    on_change={ctx.on_number(FunnelNumber::GrossMargin)} />
                if reverse {
                    <NumberField id={fields::SELLERS} label={ctx.t("Продавцов", "Sellers")}
                        value={f.sellers} lang={lang} rule={Rule::range(MIN_SELLERS, MAX_SELLERS)}
                        error={ctx.error(fields::SELLERS)}
                        on_change={ctx.on_number(FunnelNumber::Sellers)} />
                }
            </div>
            <p class="hint" data-testid="working-days-note">
                { match lang {
                    Lang::Ru => format!("Рабочих дней в месяце: {days} — меняется в панели плана выше."),
                    Lang::En => format!("Working days per month: {days}, set in the plan bar above."),
                } }
            </p>
        </section>
    }
}
