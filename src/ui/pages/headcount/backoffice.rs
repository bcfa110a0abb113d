//! Back office: the unit with and without it, and the difference in people and money.

use yew::prelude::*;

use super::format::{self, signed};
use super::ResultProps;
use crate::i18n::numbers::format_percent;
use crate::i18n::plural::PluralForms;
use crate::i18n::{tr, Lang};
use crate::model::headcount::Totals;
use crate::model::Currency;
use crate::ui::state::use_app;

/// One row of the comparison: label, how to write a value, the three values, test ids.
struct Row {
    label: &'static str,
    with: f64,
    without: f64,
    difference: f64,
    ids: Option<[&'static str; 3]>,
    money: bool,
}

#[function_component(BackOffice)]
pub fn back_office(props: &ResultProps) -> Html {
    let app = use_app();
    let lang = app.lang();
    let plan = app.plan();
    let currency = plan.currency;
    let r = &props.report;
    let (w, wo, d) = (
        &r.with_back_office,
        &r.without_back_office,
        &r.back_office_effect,
    );
    let rows = [
        Row {
            label: tr(lang, "Штат, человек", "Headcount, people"),
            with: w.headcount,
            without: wo.headcount,
            difference: d.headcount,
            ids: Some([
                "headcount-with-backoffice",
                "headcount-without-backoffice",
                "backoffice-saving-headcount",
            ]),
            money: false,
        },
        Row {
            label: tr(lang, "из них продавцов", "of them salespeople"),
            with: w.sales_headcount,
            without: wo.sales_headcount,
            difference: d.sales_headcount,
            ids: None,
            money: false,
        },
        Row {
            label: tr(lang, "руководителей", "heads of sales"),
            with: w.heads_of_sales,
            without: wo.heads_of_sales,
            difference: d.heads_of_sales,
            ids: None,
            money: false,
        },
        Row {
            label: tr(lang, "бэк-офис", "back office"),
            with: w.back_office,
            without: wo.back_office,
            difference: d.back_office,
            ids: None,
            money: false,
        },
        Row {
            label: tr(lang, "Затраты в месяц", "Cost per month"),
            with: w.monthly_cost,
            without: wo.monthly_cost,
            difference: d.monthly_cost,
            ids: Some([
                "cost-with-backoffice",
                "cost-without-backoffice",
                "backoffice-saving-cost",
            ]),
            money: true,
        },
        Row {
            label: tr(lang, "Затраты в год", "Cost per year"),
            with: w.yearly_cost,
            without: wo.yearly_cost,
            difference: d.yearly_cost,
            ids: None,
            money: true,
        },
    ];
    let write = |v: f64, money: bool| {
        if money {
            format::money(v, currency, lang)
        } else {
            format::people(v, lang)
        }
    };
    html! {
        <section class="card hc-backoffice" aria-labelledby="hc-bo-title">
            <h2 id="hc-bo-title">{ tr(lang, "Эффект бэк-офиса", "Back-office effect") }</h2>
            <p class="hc-muted">{ rule_text(lang,
                plan.headcount.managers_per_back_office,
                &format_percent(plan.headcount.back_office_relief_pct, 0, lang)) }</p>
            <div class={classes!("table-wrap", props.stale.then_some("stale"))}>
                <table class="hc-compare">
                    <thead>
                        <tr>
                            <th scope="col"><span class="visually-hidden">{ tr(lang, "Показатель", "Figure") }</span></th>
                            <th scope="col">{ tr(lang, "С бэк-офисом", "With back office") }</th>
                            <th scope="col">{ tr(lang, "Без бэк-офиса", "Without back office") }</th>
                            <th scope="col">{ tr(lang, "Разница", "Difference") }</th>
                        </tr>
                    </thead>
                    <tbody>
                        { for rows.iter().map(|row| {
                            let [a, b, c] = row.ids.map_or([None; 3], |ids| ids.map(Some));
                            // Only the totals are judged; more back office is the point, not a fault.
                            let class = match row.ids {
                                Some(_) if row.difference < 0.0 => "dev-good",
                                Some(_) if row.difference > 0.0 => "dev-bad",
                                _ => "",
                            };
                            html! {
                                <tr class={classes!(row.ids.is_none().then_some("hc-sub"))}>
                                    <th scope="row" class="text">{ row.label }</th>
                                    <td data-testid={a}>{ write(row.with, row.money) }</td>
                                    <td data-testid={b}>{ write(row.without, row.money) }</td>
                                    <td class={class} data-testid={c}>{ signed(write(row.difference, row.money), row.difference) }</td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
            </div>
            <p class={classes!("hc-verdict", props.stale.then_some("stale"))} data-testid="backoffice-verdict">
                { verdict(r.has_back_office, w, d.headcount, d.monthly_cost, currency, lang) }
            </p>
        </section>
    }
}

fn rule_text(lang: Lang, managers: f64, relief: &str) -> String {
    let managers_ru = PluralForms {
        one: "менеджера",
        few: "менеджеров",
        many: "менеджеров",
        other: "менеджера",
    };
    match lang {
        Lang::Ru => format!(
            "Один сотрудник бэк-офиса берёт бумажную работу {} и освобождает до {relief} их времени: ролям с отметкой «разгружает бэк-офис» нужно меньше людей. Сравнение — с тем же планом без бэк-офиса.",
            format::quantity_of(managers, lang, managers_ru)
        ),
        Lang::En => format!(
            "One back-office employee takes the paperwork of {} and frees up to {relief} of their time, so the roles marked \"relieved by back office\" need fewer people. Compared with the same plan without back office.",
            format::quantity_of(managers, lang, PluralForms::en("manager", "managers"))
        ),
    }
}

/// One sentence: what the back office saves or costs.
fn verdict(
    has_back_office: bool,
    with: &Totals,
    people: f64,
    money: f64,
    currency: Currency,
    lang: Lang,
) -> String {
    if !has_back_office {
        return tr(
            lang,
            "В структуре нет бэк-офиса: добавьте роль с нагрузкой «Бэк-офис», чтобы увидеть эффект.",
            "The structure has no back office: add a role driven by \"Back office\" to see the effect.",
        )
        .to_string();
    }
    let n = format::people(people.abs(), lang);
    let m = format::money(money.abs(), currency, lang);
    let staff = format::people(with.back_office, lang);
    let staff_change = match (lang, people.partial_cmp(&0.0)) {
        (Lang::Ru, Some(std::cmp::Ordering::Less)) => format!("штат меньше на {n} чел."),
        (Lang::Ru, Some(std::cmp::Ordering::Greater)) => format!("штат больше на {n} чел."),
        (Lang::Ru, _) => "штат тот же".to_string(),
        (Lang::En, Some(std::cmp::Ordering::Less)) => format!("{n} fewer people in total"),
        (Lang::En, Some(std::cmp::Ordering::Greater)) => format!("{n} more people in total"),
        (Lang::En, _) => "the same headcount".to_string(),
    };
    match (lang, money <= 0.0) {
        (Lang::Ru, true) => {
            format!("Бэк-офис ({staff} чел.) экономит {m} в месяц; {staff_change}.")
        }
        (Lang::En, true) => {
            format!("The back office ({staff} people) saves {m} a month; {staff_change}.")
        }
        (Lang::Ru, false) => format!(
            "Бэк-офис ({staff} чел.) обходится на {m} в месяц дороже, чем экономит времени менеджеров; {staff_change}."
        ),
        (Lang::En, false) => format!(
            "The back office ({staff} people) costs {m} a month more than the manager time it saves; {staff_change}."
        ),
    }
}
