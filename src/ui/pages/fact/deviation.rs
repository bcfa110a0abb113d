//! The revenue gap to date split into causes by chain substitution, for the team and each
//! seller; the worst factor named; a decision recorded from any of them.

use yew::prelude::*;

use crate::i18n::fact::{factor_name, metric_of, worst_factor_text};
use crate::i18n::Lang;
use crate::model::fact::{Control, DecisionKind, Deviation, FactSeller, Factor};

use super::decisions::Proposal;
use super::Ctx;

/// The test id of a factor's part: `deviation-leads`, `deviation-stage-2-conversion`, ...
fn factor_id(prefix: &str, factor: Factor) -> String {
    match factor {
        Factor::Leads => format!("{prefix}-leads"),
        Factor::Conversion(stage) => format!("{prefix}-stage-{}-conversion", stage + 1),
        Factor::Check => format!("{prefix}-check"),
    }
}

fn sign_class(cents: i64) -> Option<&'static str> {
    match cents.signum() {
        -1 => Some("dev-bad"),
        1 => Some("dev-good"),
        _ => None,
    }
}

pub fn view(ctx: &Ctx, control: &Control) -> Html {
    let d = &control.deviation;
    let stages = &ctx.plan.funnel.stages;
    let lang = ctx.lang;
    let propose = |factor: Option<Factor>, seller: Option<&FactSeller>, deviation: &Deviation| {
        let found = found_text(ctx, factor, seller, deviation);
        let proposal = Proposal {
            found,
            metric: metric_of(factor.unwrap_or(Factor::Leads)),
            seller: seller.map(|s| s.id),
            kind: match factor {
                Some(Factor::Conversion(_)) => DecisionKind::Training,
                Some(Factor::Leads) => DecisionKind::LeadRedistribution,
                Some(Factor::Check) => DecisionKind::Coaching,
                None => DecisionKind::Other,
            },
        };
        let callback = ctx.propose.clone();
        Callback::from(move |_: MouseEvent| callback.emit(proposal.clone()))
    };
    html! {
        <section class="card" aria-labelledby="deviation-title" data-testid="fact-deviation">
            <h2 id="deviation-title">{ ctx.t("Отклонение выручки и его причины", "The revenue gap and its causes") }</h2>
            <p class="hint">{ ctx.t(
                "Метод цепных подстановок: от плана на дату (лиды плана за прошедшие дни × конверсии плана × чек плана) к факту, заменяя по порядку воронки лиды, конверсию каждого этапа и средний чек. Части складываются в общее отклонение до копейки.",
                "Chain substitution: from the plan to date (the plan's leads for the days gone × the plan's conversions × the plan's check) to the fact, replacing in funnel order the leads, each stage's conversion and the average check. The parts add up to the total gap to the kopeck.") }</p>
            <div class="table-wrap">
                <table class="fact-table" data-testid="deviation-table">
                    <thead><tr>
                        <th scope="col">{ ctx.t("Фактор", "Factor") }</th>
                        <th scope="col">{ ctx.t("Влияние на выручку", "Effect on revenue") }</th>
                        <th scope="col" class="no-print"></th>
                    </tr></thead>
                    <tbody>
                        <tr><th scope="row" title={ctx.t("Лиды плана за прошедшие дни × конверсии × чек: на целые сделки плана, поэтому чуть выше плана выручки на дату", "The plan's leads for the days gone × conversions × check: on the plan's whole deals, so a little above the target to date")}>
                            { ctx.t("План на дату по воронке", "Plan to date by the funnel") }</th>
                            <td data-testid="deviation-plan">{ ctx.money_exact(d.plan()) }</td><td class="no-print"></td></tr>
                        { for d.parts.iter().map(|(factor, cents)| html! {
                            <tr>
                                <th scope="row">{ factor_name(lang, *factor, stages) }</th>
                                <td class={classes!(sign_class(*cents))} data-testid={factor_id("deviation", *factor)}>
                                    { ctx.money_exact(*cents as f64 / 100.0) }
                                </td>
                                <td class="no-print">
                                    <button type="button" class="button-quiet" data-testid={format!("{}-decide", factor_id("deviation", *factor))}
                                        onclick={propose(Some(*factor), None, d)}>{ ctx.t("Записать решение", "Record a decision") }</button>
                                </td>
                            </tr>
                        }) }
                        <tr class="total-row"><th scope="row">{ ctx.t("Итого отклонение", "Total gap") }</th>
                            <td class={classes!(sign_class(d.total_cents))} data-testid="deviation-total">{ ctx.money_exact(d.total()) }</td><td class="no-print"></td></tr>
                        <tr><th scope="row">{ ctx.t("Факт", "Actual") }</th>
                            <td data-testid="deviation-actual">{ ctx.money_exact(d.actual()) }</td><td class="no-print"></td></tr>
                    </tbody>
                </table>
            </div>
            <p data-testid="deviation-worst">{ worst_factor_text(lang, d.worst, stages) }</p>
            if d.inconsistent {
                <p class="hint" data-testid="deviation-inconsistent">{ ctx.t(
                    "Счёт не складывается в воронку (выручка без сделок или клиенты после пустого этапа): разбор верен арифметически, но читайте его осторожно.",
                    "The counts do not form a funnel (revenue without deals, or clients after an empty stage): the split adds up, but read it with care.") }</p>
            }
            <div class="actions no-print">
                <button type="button" class="button" data-testid="decision-add" onclick={propose(d.worst, None, d)}>
                    { ctx.t("Записать решение по отклонению", "Record a decision on the deviation") }
                </button>
            </div>
            <h3>{ ctx.t("По продавцам", "By seller") }</h3>
            <div class="table-wrap">
                <table class="fact-table" data-testid="deviation-sellers">
                    <thead><tr>
                        <th scope="col">{ ctx.t("Продавец", "Seller") }</th>
                        { for d.parts.iter().map(|(factor, _)| html! { <th scope="col">{ factor_name(lang, *factor, stages) }</th> }) }
                        <th scope="col">{ ctx.t("Итого", "Total") }</th>
                        <th scope="col">{ ctx.t("Слабое место", "Weak spot") }</th>
                        <th scope="col" class="no-print"></th>
                    </tr></thead>
                    <tbody>
                        { for control.seller_deviations.iter().zip(ctx.sellers).enumerate().map(|(i, (sd, seller))| {
                            let prefix = format!("deviation-seller-{}", i + 1);
                            html! {
                                <tr>
                                    <th scope="row">{ seller.name.clone() }</th>
                                    { for sd.parts.iter().map(|(factor, cents)| html! {
                                        <td class={classes!(sign_class(*cents))} data-testid={factor_id(&prefix, *factor)}>{ ctx.money_exact(*cents as f64 / 100.0) }</td>
                                    }) }
                                    <td class={classes!(sign_class(sd.total_cents))} data-testid={format!("{prefix}-total")}>{ ctx.money_exact(sd.total()) }</td>
                                    <td data-testid={format!("{prefix}-worst")}>{ sd.worst.map_or_else(|| "—".to_string(), |f| factor_name(lang, f, stages)) }</td>
                                    <td class="no-print">
                                        <button type="button" class="button-quiet" data-testid={format!("{prefix}-decide")}
                                            onclick={propose(sd.worst, Some(seller), sd)}>{ ctx.t("Решение", "Decide") }</button>
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// "Lead flow: −326 086,96 ₽ against the plan to date (Seller 2)".
fn found_text(
    ctx: &Ctx,
    factor: Option<Factor>,
    seller: Option<&FactSeller>,
    d: &Deviation,
) -> String {
    let who = seller.map(|s| format!(" ({})", s.name)).unwrap_or_default();
    match factor {
        Some(f) => {
            let amount = ctx.money(d.part(f));
            match ctx.lang {
                Lang::Ru => format!(
                    "{}: {amount} к плану на {}{who}",
                    factor_name(ctx.lang, f, &ctx.plan.funnel.stages),
                    crate::i18n::fact::date_text(Lang::Ru, ctx.as_of)
                ),
                Lang::En => format!(
                    "{}: {amount} against the plan to {}{who}",
                    factor_name(ctx.lang, f, &ctx.plan.funnel.stages),
                    ctx.as_of
                ),
            }
        }
        None => match ctx.lang {
            Lang::Ru => format!("Отклонение выручки {}{who}", ctx.money(d.total())),
            Lang::En => format!("Revenue gap {}{who}", ctx.money(d.total())),
        },
    }
}
