//! The month's review of the facts page, for Excel, CSV and print: the month to date by
//! seller, the deviation split, the pace still needed, the daily reports, the decisions.
//! Every number is a field of `fact::Control` or a stored fact.

use crate::i18n::fact::{decision_kind, factor_name, metric_name};
use crate::i18n::{tr, Lang};
use crate::model::fact::{Control, FactSeller};
use crate::model::Plan;

use super::NumberFormat::{Decimal1, Integer, Money, Percent};
use super::{Cell, Sheet, Table};

fn table(id: &'static str, title: String, headers: Vec<String>) -> Table {
    Table {
        id,
        title,
        headers,
        rows: Vec::new(),
        note: None,
    }
}

/// The sheets of the month's review; the first table is the review by seller (the CSV).
pub fn fact_sheets(
    plan: &Plan,
    control: &Control,
    sellers: &[FactSeller],
    lang: Lang,
) -> Vec<Sheet> {
    let month = control.month.to_string();
    vec![
        Sheet {
            name: tr(lang, "Месяц", "Month").into(),
            tables: vec![
                by_seller(plan, control, lang, &month),
                pace(plan, control, lang),
            ],
        },
        Sheet {
            name: tr(lang, "Отклонения", "Deviations").into(),
            tables: vec![deviations(plan, control, sellers, lang)],
        },
        Sheet {
            name: tr(lang, "Отчёты", "Reports").into(),
            tables: vec![reports(plan, control, sellers, lang)],
        },
        Sheet {
            name: tr(lang, "Решения", "Decisions").into(),
            tables: vec![decisions(plan, sellers, lang)],
        },
    ]
}

fn stage_names(plan: &Plan) -> impl Iterator<Item = &str> {
    plan.funnel.stages.iter().map(|s| s.name.as_str())
}

fn by_seller(plan: &Plan, control: &Control, lang: Lang, month: &str) -> Table {
    let mut headers = vec![
        tr(lang, "Продавец", "Seller").to_string(),
        tr(lang, "Отчётов", "Reports").to_string(),
    ];
    for name in stage_names(plan) {
        headers.push(format!("{name}: {}", tr(lang, "факт", "done")));
        headers.push(format!(
            "{name}: {}",
            tr(lang, "план на дату", "plan to date")
        ));
    }
    headers.push(tr(lang, "Выручка", "Revenue").into());
    headers.push(tr(lang, "Выручка: план на дату", "Revenue: plan to date").into());
    let title = match lang {
        Lang::Ru => format!(
            "Месяц {month} на {}: воронка по продавцам",
            crate::i18n::fact::date_text(Lang::Ru, control.as_of)
        ),
        Lang::En => format!(
            "Month {month} as of {}: the funnel by seller",
            control.as_of
        ),
    };
    let mut t = table("fact-month", title, headers);
    let m = &control.month_to_date;
    let row = |name: String,
               reports: Option<u32>,
               stages: &[crate::model::fact::StageCheck],
               revenue: &crate::model::fact::StageCheck| {
        let mut cells = vec![
            Cell::text(name),
            Cell::maybe(reports.map(f64::from), Integer),
        ];
        for check in stages {
            cells.push(Cell::number(check.done, Integer));
            cells.push(Cell::number(check.norm, Decimal1));
        }
        cells.push(Cell::number(revenue.done, Money));
        cells.push(Cell::number(revenue.norm, Money));
        cells
    };
    for s in &m.sellers {
        t.rows.push(row(
            s.seller.name.clone(),
            Some(s.reports),
            &s.stages,
            &s.revenue,
        ));
    }
    t.rows.push(row(
        tr(lang, "Команда", "Team").into(),
        None,
        &m.stages,
        &m.revenue,
    ));
    t
}

fn pace(plan: &Plan, control: &Control, lang: Lang) -> Table {
    let mut t = table(
        "fact-pace",
        tr(lang, "Темп и что осталось", "Pace and what is left").into(),
        vec![
            tr(lang, "Показатель", "Figure").into(),
            tr(lang, "Всего", "Total").into(),
            tr(lang, "В рабочий день", "Per working day").into(),
            tr(lang, "На продавца в день", "Per seller per day").into(),
        ],
    );
    let r = &control.run_rate;
    let money_row = |label: &str, v: Option<f64>| {
        vec![
            Cell::text(label),
            Cell::maybe(v, Money),
            Cell::Empty,
            Cell::Empty,
        ]
    };
    t.rows.push(money_row(
        tr(lang, "План месяца", "The month's target"),
        Some(r.target),
    ));
    t.rows.push(money_row(
        tr(lang, "Выручка с начала месяца", "Revenue month to date"),
        Some(r.revenue),
    ));
    t.rows.push(money_row(
        tr(lang, "План на дату", "Target to date"),
        Some(r.target_to_date),
    ));
    t.rows.push(money_row(
        tr(lang, "Прогноз по темпу (run-rate)", "Run-rate"),
        r.runrate,
    ));
    t.rows.push(vec![
        Cell::text(tr(
            lang,
            "Прогноз по темпу, % плана",
            "Run-rate, % of target",
        )),
        Cell::maybe(r.runrate_pct, Percent),
        Cell::Empty,
        Cell::Empty,
    ]);
    t.rows.push(money_row(
        tr(lang, "Осталось продать", "Left to sell"),
        Some(r.remaining_revenue),
    ));
    t.rows.push(vec![
        Cell::text(tr(lang, "Осталось сделок", "Deals still needed")),
        Cell::number(control.pace.remaining_deals, Integer),
        Cell::Empty,
        Cell::Empty,
    ]);
    for (name, need) in stage_names(plan).zip(&control.pace.stages) {
        t.rows.push(vec![
            Cell::text(format!("{}: {name}", tr(lang, "Ещё нужно", "Still needed"))),
            Cell::number(need.total, Integer),
            Cell::maybe(need.per_day, Decimal1),
            Cell::maybe(need.per_seller_day, Decimal1),
        ]);
    }
    t
}

fn deviations(plan: &Plan, control: &Control, sellers: &[FactSeller], lang: Lang) -> Table {
    let stages = &plan.funnel.stages;
    let d = &control.deviation;
    let mut headers = vec![
        tr(lang, "Кто", "Who").to_string(),
        tr(lang, "План на дату", "Plan to date").into(),
    ];
    headers.extend(d.parts.iter().map(|(f, _)| factor_name(lang, *f, stages)));
    headers.push(tr(lang, "Итого отклонение", "Total gap").into());
    headers.push(tr(lang, "Факт", "Actual").into());
    let mut t = table(
        "fact-deviation",
        tr(
            lang,
            "Отклонение выручки (цепные подстановки)",
            "Revenue gap (chain substitution)",
        )
        .into(),
        headers,
    );
    let row = |who: String, d: &crate::model::fact::Deviation| {
        let mut cells = vec![Cell::text(who), Cell::number(d.plan(), Money)];
        cells.extend(
            d.parts
                .iter()
                .map(|(_, cents)| Cell::number(*cents as f64 / 100.0, Money)),
        );
        cells.push(Cell::number(d.total(), Money));
        cells.push(Cell::number(d.actual(), Money));
        cells
    };
    t.rows.push(row(tr(lang, "Команда", "Team").into(), d));
    for (seller, sd) in sellers.iter().zip(&control.seller_deviations) {
        t.rows.push(row(seller.name.clone(), sd));
    }
    t
}

fn reports(plan: &Plan, control: &Control, sellers: &[FactSeller], lang: Lang) -> Table {
    let mut headers = vec![
        tr(lang, "Дата", "Date").to_string(),
        tr(lang, "Продавец", "Seller").into(),
    ];
    headers.extend(stage_names(plan).map(str::to_string));
    headers.push(tr(lang, "Выручка", "Revenue").into());
    let mut t = table(
        "fact-reports",
        tr(lang, "Отчёты за месяц", "The month's reports").into(),
        headers,
    );
    let month = control.month;
    for r in plan
        .facts
        .reports_between(month.first_day(), month.last_day())
    {
        let name = sellers
            .iter()
            .find(|s| s.id == r.seller)
            .map_or_else(String::new, |s| s.name.clone());
        let mut cells = vec![Cell::text(r.day.to_string()), Cell::text(name)];
        cells.extend(
            (0..plan.funnel.stages.len())
                .map(|s| Cell::maybe(r.counts.get(s).copied().flatten(), Integer)),
        );
        cells.push(Cell::maybe(r.revenue, Money));
        t.rows.push(cells);
    }
    t
}

fn decisions(plan: &Plan, sellers: &[FactSeller], lang: Lang) -> Table {
    let mut t = table(
        "fact-decisions",
        tr(lang, "Решения", "Decisions").into(),
        [
            tr(lang, "Дата решения", "Decided on"),
            tr(lang, "Что нашли", "Found"),
            tr(lang, "По кому", "About"),
            tr(lang, "Решение", "Decision"),
            tr(lang, "Показатель", "Metric"),
            tr(lang, "Было", "Then"),
            tr(lang, "Ответственный", "Owner"),
            tr(lang, "Срок", "Due"),
            tr(lang, "Статус", "Status"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
    );
    for d in &plan.facts.decisions {
        let who = d.seller.map_or_else(
            || tr(lang, "Команда", "Team").to_string(),
            |id| {
                sellers
                    .iter()
                    .find(|s| s.id == id)
                    .map_or_else(String::new, |s| s.name.clone())
            },
        );
        t.rows.push(vec![
            Cell::text(d.decided_on.to_string()),
            Cell::text(d.found.clone()),
            Cell::text(who),
            Cell::text(decision_kind(lang, d.kind)),
            Cell::text(metric_name(lang, d.metric, &plan.funnel.stages)),
            Cell::maybe(d.value_then, Decimal1),
            Cell::text(d.owner.clone()),
            Cell::text(d.due.to_string()),
            Cell::text(if d.done {
                tr(lang, "выполнено", "done")
            } else {
                tr(lang, "в работе", "open")
            }),
        ]);
    }
    t
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::i18n::names::namer;
    use crate::model::calendar::Month;
    use crate::model::fact::{control, FactCell};
    use crate::storage::export::to_csv;

    #[test]
    fn the_review_holds_the_models_figures() {
        let mut plan = Plan::demo(&namer(Lang::En));
        plan.facts
            .settle_roster(plan.funnel.sellers, &namer(Lang::En));
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        plan.facts.set_cell(day, 1, FactCell::Stage(0), Some(40.0));
        plan.facts
            .set_cell(day, 1, FactCell::Revenue, Some(150_000.0));
        let sellers = plan.facts.roster(plan.funnel.sellers, &namer(Lang::En));
        let month = Month::new(2026, 12).unwrap();
        let c = control(&plan, &plan.facts, &sellers, month, day).unwrap();
        let sheets = fact_sheets(&plan, &c, &sellers, Lang::En);
        assert_eq!(sheets.len(), 4);
        let review = &sheets[0].tables[0];
        assert_eq!(review.rows.len(), sellers.len() + 1);
        assert!(review.rows.iter().all(|r| r.len() == review.headers.len()));
        assert_eq!(review.rows[0][2], Cell::Number(40.0, Integer));
        let csv = to_csv(review, Lang::En);
        assert!(csv.contains("Seller 1"));
        let reports = &sheets[2].tables[0];
        assert_eq!(reports.rows.len(), 1);
        let dev = &sheets[1].tables[0];
        assert!(dev.rows.iter().all(|r| r.len() == dev.headers.len()));
    }
}
