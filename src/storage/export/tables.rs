//! A plan's tables, one sheet per calculator: funnel, LTV, headcount and budget.

use crate::i18n::{tr, Lang};
use crate::model::funnel::{self, ContactType, FunnelReport};
use crate::model::headcount::{self, HeadcountReport, Totals};
use crate::model::ltv::{self, Figure, LtvReport, Period};
use crate::model::Plan;

use super::NumberFormat::{Decimal1, Integer, Money, Percent, Ratio};
use super::{Cell, Sheet, Table};

/// Every table of the plan, computed by the models, in the given language.
pub fn plan_sheets(plan: &Plan, lang: Lang) -> Vec<Sheet> {
    let funnel = funnel::compute(&plan.funnel, &plan.target, plan.working_days_per_month).ok();
    let value = ltv::compute(&plan.ltv).ok();
    let staff = headcount::compute(plan).ok();
    vec![
        Sheet {
            name: tr(lang, "Воронка", "Funnel").into(),
            tables: vec![
                funnel_inputs(plan, lang),
                funnel_stages(plan, funnel.as_ref(), lang),
                funnel_results(funnel.as_ref(), lang),
            ],
        },
        Sheet {
            name: "LTV".into(),
            tables: vec![
                ltv_figures(plan, value.as_ref(), lang),
                ltv_segments(value.as_ref(), lang),
            ],
        },
        Sheet {
            name: tr(lang, "Штат и бюджет", "Headcount").into(),
            tables: vec![
                headcount_roles(staff.as_ref(), lang),
                headcount_budget(staff.as_ref(), lang),
            ],
        },
    ]
}

fn table(id: &'static str, title: &str, headers: &[&str]) -> Table {
    Table {
        id,
        title: title.to_string(),
        headers: headers.iter().map(|h| h.to_string()).collect(),
        rows: Vec::new(),
        note: None,
    }
}

/// A table whose calculator could not compute: headers, no rows, and where to fix it.
fn not_computed(mut t: Table, lang: Lang, page_ru: &str, page_en: &str) -> Table {
    t.note = Some(match lang {
        Lang::Ru => format!("Не рассчитано: исправьте ввод на странице «{page_ru}»."),
        Lang::En => format!("Not computed: fix the inputs on the {page_en} page."),
    });
    t
}

fn pair(label: &str, value: Cell) -> Vec<Cell> {
    vec![Cell::text(label), value]
}

/// An LTV figure: a number, or the word for an unbounded one.
fn figure(f: Figure, format: super::NumberFormat, lang: Lang) -> Cell {
    match f {
        Figure::Finite(v) => Cell::number(v, format),
        Figure::Unbounded => Cell::text(tr(lang, "не ограничено", "unbounded")),
    }
}

fn contact_label(c: ContactType, lang: Lang) -> &'static str {
    match c {
        ContactType::Call => tr(lang, "Звонок", "Call"),
        ContactType::Meeting => tr(lang, "Встреча", "Meeting"),
        ContactType::Message => tr(lang, "Сообщение", "Message"),
        ContactType::Event => tr(lang, "Мероприятие", "Event"),
    }
}

fn period_label(p: Period, lang: Lang) -> &'static str {
    match p {
        Period::Month => tr(lang, "месяц", "month"),
        Period::Quarter => tr(lang, "квартал", "quarter"),
        Period::Year => tr(lang, "год", "year"),
    }
}

fn funnel_inputs(plan: &Plan, lang: Lang) -> Table {
    let f = &plan.funnel;
    let mut t = table(
        "funnel-inputs",
        tr(lang, "Параметры воронки", "Funnel inputs"),
        &[
            tr(lang, "Параметр", "Parameter"),
            tr(lang, "Значение", "Value"),
        ],
    );
    t.rows = vec![
        pair(
            tr(
                lang,
                "План выручки в месяц (весь план)",
                "Revenue target per month (the whole plan)",
            ),
            Cell::number(plan.target.total(), Money),
        ),
        pair(
            tr(lang, "Доля новых клиентов", "Share of new clients"),
            Cell::number(plan.target.new_client_share_pct(), Percent),
        ),
        pair(
            tr(
                lang,
                "Выручка от новых клиентов в месяц",
                "Revenue from new clients per month",
            ),
            Cell::number(plan.target.new_clients(), Money),
        ),
        pair(
            tr(lang, "Средний чек", "Average check"),
            Cell::number(f.avg_check, Money),
        ),
        pair(
            tr(lang, "Валовая маржа", "Gross margin"),
            Cell::number(f.gross_margin_pct, Percent),
        ),
        pair(
            tr(lang, "Продавцов", "Sellers"),
            Cell::number(f.sellers, Decimal1),
        ),
        pair(
            tr(lang, "Рабочих дней в месяце", "Working days per month"),
            Cell::number(plan.working_days_per_month, Decimal1),
        ),
    ];
    t
}

fn funnel_stages(plan: &Plan, report: Option<&FunnelReport>, lang: Lang) -> Table {
    let mut t = table(
        "funnel-stages",
        tr(lang, "Этапы и нормы контактов", "Stages and contact norms"),
        &[
            tr(lang, "Этап", "Stage"),
            tr(lang, "Конверсия в следующий, %", "Conversion to next, %"),
            tr(lang, "Дней на этапе", "Days in stage"),
            tr(lang, "Контакт", "Contact"),
            tr(lang, "Нужно в месяц", "Needed per month"),
            tr(lang, "В неделю", "Per week"),
            tr(lang, "В день", "Per day"),
            tr(lang, "На продавца в день", "Per seller per day"),
        ],
    );
    let reverse = report.and_then(|r| r.reverse.as_ref().ok());
    let stages = &plan.funnel.stages;
    t.rows = stages
        .iter()
        .enumerate()
        .map(|(i, stage)| {
            let need = reverse.and_then(|r| r.stages.get(i));
            let last = i + 1 == stages.len();
            vec![
                Cell::text(stage.name.clone()),
                if last {
                    Cell::Empty
                } else {
                    Cell::number(stage.conversion_pct, Percent)
                },
                Cell::number(stage.days, Decimal1),
                Cell::text(contact_label(stage.contact, lang)),
                Cell::maybe(need.map(|n| n.per_month), Integer),
                Cell::maybe(need.map(|n| n.per_week), Decimal1),
                Cell::maybe(need.map(|n| n.per_day), Decimal1),
                Cell::maybe(need.map(|n| n.per_seller_per_day), Decimal1),
            ]
        })
        .collect();
    if reverse.is_none() {
        t = not_computed(t, lang, "Воронка", "Funnel");
    }
    t
}

fn funnel_results(report: Option<&FunnelReport>, lang: Lang) -> Table {
    let t = table(
        "funnel-results",
        tr(lang, "Итоги воронки", "Funnel results"),
        &[
            tr(lang, "Показатель", "Figure"),
            tr(lang, "Значение", "Value"),
        ],
    );
    let Some((reverse, cycle)) = report.and_then(|r| Some((r.reverse.as_ref().ok()?, &r.cycle)))
    else {
        return not_computed(t, lang, "Воронка", "Funnel");
    };
    Table {
        rows: vec![
            pair(
                tr(lang, "Лидов в месяц", "Leads per month"),
                Cell::number(reverse.leads_per_month(), Integer),
            ),
            pair(
                tr(lang, "Сделок в месяц", "Deals per month"),
                Cell::number(reverse.deals, Integer),
            ),
            pair(
                tr(lang, "Выручка в месяц", "Revenue per month"),
                Cell::number(reverse.revenue, Money),
            ),
            pair(
                tr(lang, "Валовая прибыль в месяц", "Gross profit per month"),
                Cell::maybe(reverse.gross_profit, Money),
            ),
            pair(
                tr(lang, "Сквозная конверсия", "Overall conversion"),
                Cell::number(reverse.overall_conversion_pct, Percent),
            ),
            pair(
                tr(
                    lang,
                    "Цикл сделки, рабочих дней",
                    "Sales cycle, working days",
                ),
                Cell::number(cycle.total_days, Decimal1),
            ),
        ],
        ..t
    }
}

fn ltv_figures(plan: &Plan, report: Option<&LtvReport>, lang: Lang) -> Table {
    let t = table(
        "ltv-figures",
        tr(lang, "LTV клиента", "Client LTV"),
        &[
            tr(lang, "Показатель", "Figure"),
            tr(lang, "Значение", "Value"),
        ],
    );
    let Some(r) = report else {
        return not_computed(t, lang, "LTV", "LTV");
    };
    let b = &r.base;
    let horizon = match plan.ltv.horizon_periods {
        Some(h) => Cell::number(h, Integer),
        None => Cell::text(tr(lang, "не ограничен", "unlimited")),
    };
    Table {
        rows: vec![
            pair(
                tr(lang, "Период", "Period"),
                Cell::text(period_label(r.period, lang)),
            ),
            pair(
                tr(lang, "Средний чек", "Average check"),
                Cell::number(b.avg_check, Money),
            ),
            pair(
                tr(lang, "Покупок за период", "Purchases per period"),
                Cell::number(b.purchases_per_period, Decimal1),
            ),
            pair(
                tr(lang, "Валовая маржа", "Gross margin"),
                Cell::number(b.gross_margin_pct, Percent),
            ),
            pair(
                tr(lang, "Удержание за период", "Retention per period"),
                Cell::number(b.retention_pct, Percent),
            ),
            pair(
                tr(lang, "Отток за период", "Churn per period"),
                Cell::number(b.churn_pct, Percent),
            ),
            pair(
                tr(lang, "Срок жизни, периодов", "Lifetime, periods"),
                Cell::maybe(b.lifetime_periods, Decimal1),
            ),
            pair(tr(lang, "Горизонт, периодов", "Horizon, periods"), horizon),
            pair(
                tr(lang, "Ставка дисконтирования", "Discount rate"),
                Cell::number(plan.ltv.discount_rate_pct, Percent),
            ),
            pair(
                tr(lang, "Маржа за период", "Margin per period"),
                Cell::number(b.margin_per_period, Money),
            ),
            pair(
                tr(lang, "LTV без дисконтирования", "LTV undiscounted"),
                figure(b.ltv_undiscounted, Money, lang),
            ),
            pair("LTV", figure(b.ltv, Money, lang)),
            pair("CAC", Cell::number(r.cac, Money)),
            pair(
                "LTV : CAC",
                r.ltv_to_cac
                    .map_or(Cell::Empty, |ratio| figure(ratio, Ratio, lang)),
            ),
            pair(
                tr(lang, "Допустимый CAC", "Allowed CAC"),
                figure(r.allowed_cac, Money, lang),
            ),
            pair(
                tr(lang, "Окупаемость, периодов", "Payback, periods"),
                Cell::maybe(r.payback_periods.map(f64::from), Integer),
            ),
        ],
        ..t
    }
}

fn ltv_segments(report: Option<&LtvReport>, lang: Lang) -> Table {
    let t = table(
        "ltv-segments",
        tr(lang, "Сегменты клиентской базы", "Client base segments"),
        &[
            tr(lang, "Сегмент", "Segment"),
            tr(lang, "Клиентов", "Clients"),
            tr(lang, "Средний чек", "Average check"),
            tr(lang, "Покупок за период", "Purchases per period"),
            tr(lang, "Маржа, %", "Margin, %"),
            tr(lang, "Удержание, %", "Retention, %"),
            tr(lang, "LTV сейчас", "LTV today"),
            tr(lang, "Ценность сегмента", "Segment value"),
            tr(lang, "LTV после развития", "LTV developed"),
            tr(lang, "Потенциал", "Potential value"),
        ],
    );
    let Some(r) = report else {
        return not_computed(t, lang, "LTV", "LTV");
    };
    let s = &r.segments;
    let mut rows: Vec<Vec<Cell>> = s
        .segments
        .iter()
        .map(|seg| {
            vec![
                Cell::text(seg.name.clone()),
                Cell::number(seg.clients, Integer),
                Cell::number(seg.today.avg_check, Money),
                Cell::number(seg.today.purchases_per_period, Decimal1),
                Cell::number(seg.today.gross_margin_pct, Percent),
                Cell::number(seg.today.retention_pct, Percent),
                figure(seg.today.ltv, Money, lang),
                figure(seg.base_value, Money, lang),
                figure(seg.developed.ltv, Money, lang),
                figure(seg.potential_value, Money, lang),
            ]
        })
        .collect();
    rows.push(vec![
        Cell::text(tr(lang, "Итого", "Total")),
        Cell::number(s.total_clients, Integer),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        figure(s.total_base_value, Money, lang),
        Cell::Empty,
        figure(s.total_potential_value, Money, lang),
    ]);
    Table { rows, ..t }
}

fn headcount_roles(report: Option<&HeadcountReport>, lang: Lang) -> Table {
    let t = table(
        "headcount-roles",
        tr(lang, "Штат по ролям", "Headcount by role"),
        &[
            tr(lang, "Роль", "Role"),
            tr(lang, "Нагрузка в месяц", "Workload per month"),
            tr(lang, "Мощность сотрудника в месяц", "Capacity per employee"),
            tr(lang, "Ставок (FTE)", "FTE"),
            tr(lang, "Человек", "Headcount"),
            tr(lang, "Оклады", "Fixed pay"),
            tr(lang, "Переменная часть", "Variable pay"),
            tr(lang, "Налоги на ФОТ", "Payroll tax"),
            tr(lang, "Рабочие места", "Workplaces"),
            tr(lang, "Затраты в месяц", "Cost per month"),
            tr(lang, "Затраты в год", "Cost per year"),
        ],
    );
    let Some(r) = report else {
        return not_computed(t, lang, "Штат и бюджет", "Headcount");
    };
    let mut rows: Vec<Vec<Cell>> = r
        .roles
        .iter()
        .map(|role| {
            let s = &role.with_back_office;
            let c = &role.with_back_office_cost;
            vec![
                Cell::text(role.name.clone()),
                Cell::number(s.workload_per_month, Decimal1),
                Cell::number(s.capacity_per_employee, Decimal1),
                Cell::number(s.fte, Decimal1),
                Cell::number(s.headcount, Integer),
                Cell::number(c.fixed_pay, Money),
                Cell::number(c.variable_pay, Money),
                Cell::number(c.payroll_tax, Money),
                Cell::number(c.workplace, Money),
                Cell::number(c.monthly, Money),
                Cell::number(c.yearly, Money),
            ]
        })
        .collect();
    let total = &r.with_back_office;
    rows.push(vec![
        Cell::text(tr(lang, "Итого", "Total")),
        Cell::Empty,
        Cell::Empty,
        Cell::number(total.fte, Decimal1),
        Cell::number(total.headcount, Integer),
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::Empty,
        Cell::number(total.monthly_cost, Money),
        Cell::number(total.yearly_cost, Money),
    ]);
    Table { rows, ..t }
}

fn headcount_budget(report: Option<&HeadcountReport>, lang: Lang) -> Table {
    let t = table(
        "headcount-budget",
        tr(lang, "Бюджет отдела продаж", "Sales unit budget"),
        &[
            tr(lang, "Показатель", "Figure"),
            tr(lang, "С бэк-офисом", "With back office"),
            tr(lang, "Без бэк-офиса", "Without back office"),
        ],
    );
    let Some(r) = report else {
        return not_computed(t, lang, "Штат и бюджет", "Headcount");
    };
    let (with, without) = (&r.with_back_office, &r.without_back_office);
    let row = |label: &str, get: fn(&Totals) -> Option<f64>, format| {
        vec![
            Cell::text(label),
            Cell::maybe(get(with), format),
            Cell::maybe(get(without), format),
        ]
    };
    let same = |label: &str, value: f64, format| {
        vec![
            Cell::text(label),
            Cell::number(value, format),
            Cell::number(value, format),
        ]
    };
    Table {
        rows: vec![
            same(
                tr(lang, "План выручки в месяц", "Revenue plan per month"),
                r.revenue.total,
                Money,
            ),
            same(
                tr(lang, "Новых клиентов в месяц", "New clients per month"),
                r.new_clients_per_month,
                Integer,
            ),
            row(
                tr(lang, "Всего сотрудников", "Headcount"),
                |t| Some(t.headcount),
                Integer,
            ),
            row(
                tr(lang, "Продавцов", "Salespeople"),
                |t| Some(t.sales_headcount),
                Integer,
            ),
            row(
                tr(lang, "Руководителей", "Heads of sales"),
                |t| Some(t.heads_of_sales),
                Integer,
            ),
            row(
                tr(lang, "Бэк-офис", "Back office"),
                |t| Some(t.back_office),
                Integer,
            ),
            row(
                tr(lang, "Затраты в месяц", "Cost per month"),
                |t| Some(t.monthly_cost),
                Money,
            ),
            row(
                tr(lang, "Затраты в год", "Cost per year"),
                |t| Some(t.yearly_cost),
                Money,
            ),
            row(
                tr(lang, "Доля затрат в выручке", "Cost share of revenue"),
                |t| t.cost_share_of_revenue_pct,
                Percent,
            ),
            row(
                tr(
                    lang,
                    "Доля затрат в валовой прибыли",
                    "Cost share of gross profit",
                ),
                |t| t.cost_share_of_gross_profit_pct,
                Percent,
            ),
            row(
                tr(
                    lang,
                    "Выручка на продавца в месяц",
                    "Revenue per salesperson per month",
                ),
                |t| t.revenue_per_salesperson_per_month,
                Money,
            ),
            row(
                tr(
                    lang,
                    "Стоимость привлечения клиента",
                    "Acquisition cost per new client",
                ),
                |t| t.acquisition_cost_per_new_client,
                Money,
            ),
        ],
        ..t
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::names::namer;
    use crate::model::plan::Preset;

    fn find<'a>(sheets: &'a [Sheet], id: &str) -> &'a Table {
        sheets
            .iter()
            .flat_map(|s| &s.tables)
            .find(|t| t.id == id)
            .unwrap()
    }

    #[test]
    fn every_table_has_rows_as_wide_as_its_headers() {
        for preset in Preset::ALL {
            let sheets = plan_sheets(&preset.plan(&namer(Lang::En)), Lang::En);
            assert_eq!(sheets.len(), 3);
            for t in sheets.iter().flat_map(|s| &s.tables) {
                assert!(!t.rows.is_empty(), "{}", t.id);
                assert!(t.note.is_none(), "{}", t.id);
                for row in &t.rows {
                    assert_eq!(row.len(), t.headers.len(), "{}", t.id);
                }
            }
        }
    }

    #[test]
    fn numbers_come_from_the_models() {
        let plan = Plan::demo(&namer(Lang::En));
        let sheets = plan_sheets(&plan, Lang::En);
        let stages = find(&sheets, "funnel-stages");
        // Reverse demo: 840 leads at the first stage (see funnel::report tests).
        assert_eq!(stages.rows[0][4], Cell::Number(840.0, Integer));
        assert_eq!(stages.rows[0][1], Cell::Number(40.0, Percent));
        assert_eq!(stages.rows[3][1], Cell::Empty, "the deal has no conversion");
        let staff = headcount::compute(&plan).unwrap();
        let roles = find(&sheets, "headcount-roles");
        assert_eq!(roles.rows.len(), staff.roles.len() + 1);
        assert_eq!(
            roles.rows.last().unwrap()[9],
            Cell::Number(staff.with_back_office.monthly_cost, Money)
        );
        let segments = find(&sheets, "ltv-segments");
        assert_eq!(segments.rows[0][0], Cell::text("A — key accounts"));
    }

    #[test]
    fn a_broken_calculator_leaves_a_note_and_the_others_stay() {
        let mut plan = Plan::demo(&namer(Lang::Ru));
        plan.funnel.avg_check = -1.0;
        let sheets = plan_sheets(&plan, Lang::Ru);
        let stages = find(&sheets, "funnel-stages");
        assert!(stages.note.as_deref().unwrap().contains("Воронка"));
        assert_eq!(stages.rows[0][4], Cell::Empty);
        assert!(find(&sheets, "funnel-results").rows.is_empty());
        assert!(find(&sheets, "ltv-figures").note.is_none());
    }

    #[test]
    fn unbounded_ltv_is_a_word_not_a_number() {
        let mut plan = Plan::demo(&namer(Lang::En));
        plan.ltv.retention_pct = 100.0;
        plan.ltv.discount_rate_pct = 0.0;
        plan.ltv.horizon_periods = None;
        let sheets = plan_sheets(&plan, Lang::En);
        let figures = find(&sheets, "ltv-figures");
        let ltv = figures
            .rows
            .iter()
            .find(|r| r[0] == Cell::text("LTV"))
            .unwrap();
        assert_eq!(ltv[1], Cell::text("unbounded"));
    }
}
