//! Money and team inputs: the target or entry volume, average check, margin, sellers.

use yew::prelude::*;

use super::Ctx;
use crate::i18n::Lang;
use crate::model::funnel::{fields, Direction, MAX_SELLERS, MIN_SELLERS};
use crate::model::Rule;
use crate::state::plan_edit::FunnelNumber;
use crate::ui::widgets::NumberField;

pub fn view(ctx: &Ctx) -> Html {
    let f = &ctx.plan.funnel;
    let lang = ctx.lang;
    let currency = ctx.plan.currency.symbol();
    let reverse = f.direction == Direction::Reverse;
    let days = super::text::days(ctx.plan.working_days_per_month, lang);
    html! {
        <section class="card" aria-labelledby="funnel-money-title">
            <h2 id="funnel-money-title">{ ctx.t("План и деньги", "Plan and money") }</h2>
            <div class="form-grid">
                if reverse {
                    <NumberField id={fields::TARGET_REVENUE} label={ctx.t("План выручки в месяц", "Revenue target per month")}
                        value={f.target_revenue_per_month} lang={lang} rule={Rule::AMOUNT}
                        unit={AttrValue::from(currency)} error={ctx.error(fields::TARGET_REVENUE)}
                        on_change={ctx.on_number(FunnelNumber::TargetRevenue)} />
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
