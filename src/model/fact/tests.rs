//! The control reports on a month worked by hand, and their properties.

use chrono::NaiveDate;
use proptest::prelude::*;

use super::*;
use crate::model::calendar::Month;
use crate::model::names::variant_names;
use crate::model::Plan;

fn dec(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
}

fn december() -> Month {
    Month::new(2026, 12).unwrap()
}

/// The demo funnel (40 %, 50 %, 40 %, check 150,000) for 10,000,000 from new clients, two
/// sellers: 67 deals, 168 meetings, 336 qualified, 840 leads a month.
fn plan() -> Plan {
    let mut plan = Plan::demo(&variant_names);
    plan.target.new_clients_per_month = 10_000_000.0;
    plan.funnel.sellers = 2.0;
    plan
}

fn report(day: NaiveDate, seller: u32, counts: [f64; 4], revenue: f64) -> DayReport {
    DayReport {
        day,
        seller,
        counts: counts.iter().copied().map(Some).collect(),
        revenue: Some(revenue),
    }
}

/// December 2026 to the 10th (8 working days): seller 1 reports every day 20, 8, 4, 2 and
/// 300,000; seller 2 reports 15, 6, 2, 1 and 140,000 every day but the 10th.
fn book(plan: &Plan) -> FactBook {
    let mut book = FactBook::default();
    book.settle_roster(plan.funnel.sellers, &variant_names);
    for day in plan.calendar.working_dates(december()).into_iter().take(8) {
        book.put_report(report(day, 1, [20.0, 8.0, 4.0, 2.0], 300_000.0));
        if day != dec(10) {
            book.put_report(report(day, 2, [15.0, 6.0, 2.0, 1.0], 140_000.0));
        }
    }
    book
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

#[test]
fn the_month_to_date_worked_by_hand() {
    let plan = plan();
    let book = book(&plan);
    let sellers = book.roster(plan.funnel.sellers, &variant_names);
    assert_eq!(sellers[1].name, "Seller 2");
    let c = control(&plan, &book, &sellers, december(), dec(10)).unwrap();
    assert_eq!(
        (c.month_days, c.elapsed_days, c.remaining_days),
        (23, 8, 15)
    );
    assert_eq!(c.plan_per_month, vec![840.0, 336.0, 168.0, 67.0]);
    assert!(!c.month_over);

    // Team: 8 x [20, 8, 4, 2] + 7 x [15, 6, 2, 1] = 265, 106, 46, 23; revenue 3,380,000.
    let done: Vec<f64> = c.month_to_date.stages.iter().map(|s| s.done).collect();
    assert_eq!(done, vec![265.0, 106.0, 46.0, 23.0]);
    // Plan to date: 840 x 8 / 23 = 292.17 leads.
    assert!(close(c.month_to_date.stages[0].norm, 840.0 * 8.0 / 23.0));
    assert_eq!(c.month_to_date.stages[0].light, Light::Amber); // 90.7 % of the norm
                                                               // 23 deals against 67 x 8 / 23 = 23.3: 98.7 %, just under the norm.
    assert_eq!(c.month_to_date.stages[3].light, Light::Amber);
    let r = &c.run_rate;
    assert_eq!(r.revenue, 3_380_000.0);
    assert!(close(r.target_to_date, 10_000_000.0 * 8.0 / 23.0));
    assert!(close(r.runrate.unwrap(), 3_380_000.0 / 8.0 * 23.0)); // 9,717,500
    assert_eq!(r.remaining_revenue, 6_620_000.0);

    // 6,620,000 / 150,000 = 44.13 -> 45 deals; 112.5 -> 113 meetings; 226; 565 leads;
    // over 15 days and 2 sellers.
    assert_eq!(c.pace.remaining_deals, 45.0);
    let totals: Vec<f64> = c.pace.stages.iter().map(|s| s.total).collect();
    assert_eq!(totals, vec![565.0, 226.0, 113.0, 45.0]);
    assert!(close(c.pace.stages[0].per_day.unwrap(), 565.0 / 15.0));
    assert!(close(
        c.pace.stages[0].per_seller_day.unwrap(),
        565.0 / 30.0
    ));

    // Daily, the 10th: seller 1 reported, each stage at or above the daily norm
    // (840 / 23 / 2 = 18.26 leads); seller 2 did not report.
    let daily = &c.daily;
    assert!(daily.working);
    assert_eq!(daily.reported, 1);
    assert!(close(daily.sellers[0].stages[0].norm, 840.0 / 23.0 / 2.0));
    assert!(daily.sellers[0]
        .stages
        .iter()
        .all(|s| s.light == Light::Green));
    assert!(!daily.sellers[1].reported);
    assert!(daily.sellers[1]
        .stages
        .iter()
        .all(|s| s.light == Light::Red && s.done == 0.0));

    // ISO weeks 49 to 53; week 49 is Dec 1-6 with 4 working days.
    let weeks: Vec<u32> = c.weeks.iter().map(|w| w.iso_week).collect();
    assert_eq!(weeks, vec![49, 50, 51, 52, 53]);
    assert_eq!((c.weeks[0].working_days, c.weeks[0].elapsed_days), (4, 4));
    assert_eq!(c.weeks[0].stages[0].done, 4.0 * 35.0);
    assert!(close(c.weeks[0].stages[0].norm, 840.0 * 4.0 / 23.0));
    assert_eq!((c.weeks[2].working_days, c.weeks[2].elapsed_days), (5, 0));
    assert_eq!(c.weeks[1].sellers[1].reports, 3);

    // The split: plan 292.17 x 0.08 x 150,000 = 3,506,086.96; total -126,086.96.
    let d = &c.deviation;
    assert_eq!(d.plan_cents, 350_608_696);
    assert_eq!(d.total_cents, 338_000_000 - 350_608_696);
    assert_eq!(d.part(Factor::Leads), -326_086.96);
    assert_eq!(d.part(Factor::Conversion(0)), 0.0);
    assert_eq!(d.part(Factor::Conversion(1)), -420_000.0);
    assert_eq!(d.part(Factor::Conversion(2)), 690_000.0);
    assert_eq!(d.part(Factor::Check), -70_000.0);
    assert_eq!(d.worst, Some(Factor::Conversion(1)));
    assert_eq!(c.seller_deviations.len(), 2);
    // Seller 1 against half the team's plan: 146.09 leads planned, 160 done.
    assert!(c.seller_deviations[0].part(Factor::Leads) > 0.0);
}

#[test]
fn before_and_after_the_month() {
    let plan = plan();
    let book = book(&plan);
    let sellers = book.roster(2.0, &variant_names);
    let before = control(
        &plan,
        &book,
        &sellers,
        december(),
        dec(1).pred_opt().unwrap(),
    )
    .unwrap();
    assert_eq!(before.elapsed_days, 0);
    assert_eq!(before.run_rate.runrate, None);
    assert_eq!(before.run_rate.target_to_date, 0.0);
    assert!(before.pace.stages[0].per_day.is_some());
    let after = control(
        &plan,
        &book,
        &sellers,
        december(),
        NaiveDate::from_ymd_opt(2027, 1, 3).unwrap(),
    )
    .unwrap();
    assert!(after.month_over);
    assert_eq!((after.elapsed_days, after.remaining_days), (23, 0));
    assert_eq!(after.pace.stages[0].per_day, None);
    // A weekend as-of day: no norm, nothing red.
    let weekend = control(&plan, &book, &sellers, december(), dec(12)).unwrap();
    assert!(!weekend.daily.working);
    assert!(weekend
        .daily
        .sellers
        .iter()
        .all(|s| s.stages.iter().all(|c| c.norm == 0.0)));
}

#[test]
fn a_broken_funnel_is_reported_not_computed() {
    let mut plan = plan();
    plan.funnel.stages[1].conversion_pct = 0.0;
    let book = FactBook::default();
    let sellers = book.roster(2.0, &variant_names);
    let errors = control(&plan, &book, &sellers, december(), dec(10)).unwrap_err();
    assert_eq!(errors[0].field, "stage-2-conversion");
}

#[test]
fn cells_make_and_remove_reports_and_follow_the_stages() {
    let mut plan = plan();
    plan.facts.settle_roster(2.0, &variant_names);
    plan.facts
        .set_cell(dec(2), 1, FactCell::Stage(1), Some(5.0));
    plan.facts
        .set_cell(dec(1), 2, FactCell::Revenue, Some(1_000.0));
    assert_eq!(plan.facts.reports.len(), 2);
    assert_eq!(plan.facts.reports[0].day, dec(1));
    assert_eq!(
        plan.facts.report(dec(2), 1).unwrap().counts,
        vec![None, Some(5.0)]
    );
    // Emptying the only cell removes the report; emptying a missing one adds nothing.
    plan.facts.set_cell(dec(1), 2, FactCell::Revenue, None);
    plan.facts.set_cell(dec(3), 2, FactCell::Revenue, None);
    assert_eq!(plan.facts.reports.len(), 1);
    // Stage edits keep the counts on their stages.
    crate::model::funnel::insert_stage(
        &mut plan,
        0,
        crate::model::funnel::new_stage(&variant_names),
    );
    assert_eq!(
        plan.facts.report(dec(2), 1).unwrap().counts,
        vec![None, None, Some(5.0)]
    );
    crate::model::funnel::move_stage(&mut plan, 2, 0);
    assert_eq!(plan.facts.report(dec(2), 1).unwrap().counts[0], Some(5.0));
    crate::model::funnel::remove_stage(&mut plan, 0);
    assert!(plan.facts.reports.is_empty());
    // Removing a seller removes their reports.
    plan.facts
        .set_cell(dec(2), 2, FactCell::Stage(0), Some(1.0));
    plan.facts.remove_seller(2);
    assert!(plan.facts.reports.is_empty());
    assert_eq!(plan.facts.seller_named(" seller 1 "), Some(1));
    // Ids are never reused: the next seller is 3, not the removed 2.
    assert_eq!(plan.facts.add_seller("Иванов".into()), Some(3));
}

#[test]
fn decisions_compare_the_metric_then_and_at_the_due_date() {
    let plan = plan();
    let mut book = book(&plan);
    let id = book.add_decision(
        &plan.calendar,
        4,
        dec(4),
        "Qualified to meetings below the norm".into(),
        DecisionKind::Training,
        DecisionMetric::Conversion(1),
        None,
        "Head of sales".into(),
        dec(9),
    );
    let decision = book.decisions.iter().find(|d| d.id == id).unwrap().clone();
    // To the 4th: 4 x (8 + 6) qualified, 4 x (4 + 2) meetings: 42.86 %.
    assert!(close(decision.value_then.unwrap(), 24.0 / 56.0 * 100.0));
    let early = decision.review(&book, &plan.calendar, 4, dec(7));
    assert!(!early.due_reached && !early.overdue);
    let late = decision.review(&book, &plan.calendar, 4, dec(10));
    assert!(late.due_reached && late.overdue);
    assert_eq!(late.read_on, dec(9));
    // After the decision, the 7th to the 9th: 3 x (4 + 2) meetings of 3 x (8 + 6) qualified.
    assert!(close(late.value_at.unwrap(), 18.0 / 42.0 * 100.0));
    // Before any working day after the decision there is nothing to read yet.
    assert_eq!(
        decision.review(&book, &plan.calendar, 4, dec(5)).value_at,
        None
    );
    book.set_decision_done(id, true);
    assert!(
        !book.decisions[0]
            .review(&book, &plan.calendar, 4, dec(10))
            .overdue
    );
    let leads = decisions::metric_value(
        &book,
        &plan.calendar,
        4,
        DecisionMetric::Leads,
        Some(1),
        dec(10),
    );
    assert_eq!(leads, Some(20.0));
    book.remove_decision(id);
    assert!(book.decisions.is_empty());
}

#[test]
fn facts_after_the_as_of_date_are_not_counted() {
    let plan = plan();
    let book = book(&plan);
    let sellers = book.roster(2.0, &variant_names);
    // As of the 4th: 4 days of both sellers, though reports run to the 10th.
    let c = control(&plan, &book, &sellers, december(), dec(4)).unwrap();
    assert_eq!(c.month_to_date.stages[0].done, 4.0 * 35.0);
    assert_eq!(c.run_rate.revenue, 4.0 * 440_000.0);
    assert_eq!(c.weeks[1].stages[0].done, 0.0);
    assert_eq!(c.month_to_date.sellers[1].reports, 4);
}

#[test]
fn decisions_follow_their_stage_and_seller_ids_are_never_reused() {
    let mut plan = plan();
    plan.facts = book(&plan);
    let stages = plan.funnel.stages.len();
    plan.facts.add_decision(
        &plan.calendar,
        stages,
        dec(4),
        "q".into(),
        DecisionKind::Training,
        DecisionMetric::Conversion(1),
        Some(2),
        "o".into(),
        dec(9),
    );
    crate::model::funnel::insert_stage(
        &mut plan,
        0,
        crate::model::funnel::new_stage(&variant_names),
    );
    assert_eq!(
        plan.facts.decisions[0].metric,
        DecisionMetric::Conversion(2)
    );
    crate::model::funnel::move_stage(&mut plan, 2, 0);
    assert_eq!(
        plan.facts.decisions[0].metric,
        DecisionMetric::Conversion(0)
    );
    crate::model::funnel::remove_stage(&mut plan, 0);
    assert_eq!(plan.facts.decisions[0].metric, DecisionMetric::Leads);
    assert_eq!(plan.facts.decisions[0].value_then, None);
    // Seller 2 removed: the next seller is 3, and the decision on seller 2 stays theirs.
    plan.facts.remove_seller(2);
    assert_eq!(plan.facts.add_seller("New".into()), Some(3));
    plan.facts.remove_seller(1);
    plan.facts.remove_seller(3);
    assert!(plan.facts.roster(2.0, &variant_names).is_empty());
    assert_eq!(plan.facts.add_seller("Again".into()), Some(4));
    assert_eq!(plan.facts.decisions[0].seller, Some(2));
}

#[test]
fn a_year_of_twenty_sellers_fits_in_local_storage() {
    let mut plan = plan();
    plan.funnel
        .stages
        .push(crate::model::funnel::new_stage(&variant_names));
    plan.funnel
        .stages
        .push(crate::model::funnel::new_stage(&variant_names));
    plan.facts.settle_roster(20.0, &variant_names);
    let mut month = december();
    for _ in 0..12 {
        for day in plan.calendar.working_dates(month) {
            for seller in 1..=20 {
                plan.facts.put_report(DayReport {
                    day,
                    seller,
                    counts: vec![
                        Some(40.0),
                        Some(16.0),
                        Some(8.0),
                        Some(4.0),
                        Some(2.0),
                        Some(1.0),
                    ],
                    revenue: Some(152_500.5),
                });
            }
        }
        month = month.next();
    }
    let bytes = serde_json::to_string(&plan.facts).unwrap().len();
    // About 4,900 reports at about 70 bytes: well under the 5 MB of localStorage.
    assert!(plan.facts.reports.len() > 4_500);
    assert!(bytes < 400_000, "{bytes} bytes");
    let back: FactBook =
        serde_json::from_str(&serde_json::to_string(&plan.facts).unwrap()).unwrap();
    assert_eq!(back, plan.facts);
}

proptest! {
    #[test]
    fn control_never_panics_nor_gives_nan(
        counts in proptest::collection::vec((0u32..23, 1u32..4, proptest::collection::vec(0.0f64..500.0, 4), 0.0f64..1e7), 0..60),
        as_of_day in 0i64..45,
        sellers in 1.0f64..5.0,
    ) {
        let mut plan = plan();
        plan.funnel.sellers = sellers;
        let mut book = FactBook::default();
        book.settle_roster(3.0, &variant_names);
        for (day, seller, c, revenue) in counts {
            book.put_report(DayReport {
                day: dec(1 + day),
                seller,
                counts: c.into_iter().map(Some).collect(),
                revenue: Some(revenue),
            });
        }
        let roster = book.roster(3.0, &variant_names);
        let as_of = dec(1) + chrono::Duration::days(as_of_day - 5);
        let c = control(&plan, &book, &roster, december(), as_of).unwrap();
        let finite = |x: f64| x.is_finite();
        prop_assert!(c.month_to_date.stages.iter().all(|s| finite(s.norm) && finite(s.done)));
        prop_assert!(c.pace.stages.iter().all(|s| finite(s.total) && s.per_day.is_none_or(finite)));
        prop_assert!(finite(c.run_rate.target_to_date) && c.run_rate.runrate.is_none_or(finite));
        for d in std::iter::once(&c.deviation).chain(&c.seller_deviations) {
            prop_assert_eq!(d.parts.iter().map(|p| p.1).sum::<i64>(), d.total_cents);
        }
    }
}

#[test]
fn stored_reports_are_put_in_order_and_cleaned_when_read() {
    let json = r#"{"reports":[
        {"d":"2026-12-03","s":1,"c":[5,null],"r":100},
        {"d":"2026-12-01","s":2,"c":[-3,2],"r":-1},
        {"d":"2026-12-03","s":1,"c":[7],"r":200},
        {"d":"2026-12-02","s":1,"c":[null],"r":null}
    ]}"#;
    let book: FactBook = serde_json::from_str(json).unwrap();
    assert_eq!(book.reports.len(), 2);
    assert_eq!(book.reports[0].day, dec(1));
    assert_eq!(book.reports[0].counts, vec![None, Some(2.0)]);
    assert_eq!(book.reports[0].revenue, None);
    assert_eq!(book.report(dec(3), 1).unwrap().counts, vec![Some(7.0)]);
    assert!(serde_json::from_str::<FactBook>(r#"{"reports":[{"d":"03.12.2026","s":1}]}"#).is_err());
}
