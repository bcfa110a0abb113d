use super::*;
use crate::model::clients::dates::days_from_civil;
use crate::model::clients::parse::{Tags, Transaction};
use proptest::prelude::*;

fn d(m: u32, day: u32) -> i32 {
    days_from_civil(2024, m, day)
}

/// Five clients over January-June 2024, small enough to compute every figure by hand.
///
/// | client | purchases (day: amount)                              | revenue |
/// |--------|------------------------------------------------------|---------|
/// | A      | 10 Jan, 10 Feb, 10 Mar, 10 Apr, 10 May, 28 Jun: 1000 | 6000    |
/// | B      | 5 Jan: 500 + 500 (two rows, one purchase), 5 Mar: 1000, 5 May: 1000 | 3000 |
/// | C      | 1 Feb: 600, 30 Jun: 400                              | 1000    |
/// | D      | 2 Jan: 100                                           | 100     |
/// | E      | 20 Jun: 900, 25 Jun: 900                             | 1800    |
///
/// Total 11 900 in 15 rows, 14 purchases; the data runs from 2 Jan to 30 Jun ("as of").
fn sample() -> TransactionSet {
    let mut rows = Vec::new();
    for m in 1..=5 {
        rows.push(("A", d(m, 10), 1000.0));
    }
    rows.push(("A", d(6, 28), 1000.0));
    rows.extend([
        ("B", d(1, 5), 500.0),
        ("B", d(1, 5), 500.0),
        ("B", d(3, 5), 1000.0),
        ("B", d(5, 5), 1000.0),
        ("C", d(2, 1), 600.0),
        ("C", d(6, 30), 400.0),
        ("D", d(1, 2), 100.0),
        ("E", d(6, 20), 900.0),
        ("E", d(6, 25), 900.0),
    ]);
    TransactionSet::from_triples(rows)
}

fn settings() -> AnalysisSettings {
    AnalysisSettings {
        active_window_days: 30.0,
        base_window_months: 6.0,
        ..AnalysisSettings::default()
    }
}

fn row<'a>(a: &'a Analysis, id: &str) -> &'a ClientRow {
    a.clients.iter().find(|c| c.id == id).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * b.abs().max(1.0)
}

#[test]
fn summary_by_hand() {
    let a = analyze(&sample(), &settings()).unwrap();
    let s = &a.summary;
    assert_eq!((s.clients, s.transactions, s.purchases), (5, 15, 14));
    assert_eq!((s.first_day, s.last_day, s.months), (d(1, 2), d(6, 30), 6));
    assert_eq!(s.revenue, 11_900.0);
    // 11 900 / 14 purchases.
    assert_eq!(s.avg_check, 850.0);
    assert_eq!(
        s.period(),
        ("2024-01-02".to_string(), "2024-06-30".to_string())
    );
    let b = row(&a, "B");
    assert_eq!((b.purchases, b.transactions, b.avg_check), (3, 4, 1000.0));
}

#[test]
fn abc_by_hand() {
    // Sorted: A 6000, B 3000, E 1800, C 1000, D 100. A while the revenue before the client is
    // under 80 % of 11 900 = 9520: A (0), B (6000), E (9000) are A; C (10 800) is under
    // 95 % = 11 305, so B; D (11 800) is C.
    let a = analyze(&sample(), &settings()).unwrap();
    let ids: Vec<&str> = a.clients.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, vec!["A", "B", "E", "C", "D"]);
    let classes: Vec<Abc> = a.clients.iter().map(|c| c.abc).collect();
    assert_eq!(classes, vec![Abc::A, Abc::A, Abc::A, Abc::B, Abc::C]);
    assert_eq!(a.abc[0].clients, 3);
    assert_eq!(a.abc[0].revenue, 10_800.0);
    assert!(close(a.abc[0].revenue_pct, 10_800.0 / 11_900.0 * 100.0));
    assert!(close(a.abc[2].clients_pct, 20.0));
}

#[test]
fn xyz_by_hand() {
    let a = analyze(&sample(), &settings()).unwrap();
    // A: 1000 every month, CV 0 -> X.
    assert_eq!(
        (row(&a, "A").xyz, row(&a, "A").cv_pct),
        (Some(Xyz::X), Some(0.0))
    );
    // B: 1000, 0, 1000, 0, 1000, 0: mean 500, deviations all 500 -> CV 100 % -> Z.
    assert!(close(row(&a, "B").cv_pct.unwrap(), 100.0));
    // C from its first month, February: 600, 0, 0, 0, 400: mean 200,
    // variance (400² + 3 * 200² + 200²) / 5 = 64 000, CV = 252.98 / 200 = 126.49 %.
    assert!(close(
        row(&a, "C").cv_pct.unwrap(),
        64_000f64.sqrt() / 200.0 * 100.0
    ));
    // D: 100 then five empty months: CV = sqrt(5) = 223.6 %.
    assert!(close(row(&a, "D").cv_pct.unwrap(), 5f64.sqrt() * 100.0));
    assert_eq!(row(&a, "D").xyz, Some(Xyz::Z));
    // E has one month of history (< 3): not classified.
    assert_eq!((row(&a, "E").xyz, row(&a, "E").cv_pct), (None, None));
    assert_eq!(a.xyz.map(|g| g.clients), [1, 0, 3, 1]);
}

#[test]
fn matrix_by_hand() {
    let a = analyze(&sample(), &settings()).unwrap();
    let m = &a.matrix;
    assert_eq!(m.cell(Abc::A, Some(Xyz::X)).revenue, 6000.0);
    assert_eq!(m.cell(Abc::A, Some(Xyz::Z)).revenue, 3000.0);
    assert_eq!(m.cell(Abc::A, None).revenue, 1800.0);
    assert_eq!(m.cell(Abc::B, Some(Xyz::Z)).clients, 1);
    assert_eq!(m.cell(Abc::C, Some(Xyz::Z)).clients, 1);
    assert_eq!(m.cell(Abc::B, Some(Xyz::X)).clients, 0);
    let total: usize = m.cells.iter().flatten().map(|c| c.clients).sum();
    assert_eq!(total, 5);
    let share: f64 = m.cells.iter().flatten().map(|c| c.revenue_pct).sum();
    assert!(close(share, 100.0));
}

#[test]
fn rfm_by_hand() {
    // Days since the last purchase (as of 30 Jun): A 2, B 56, C 0, D 180, E 5. Ranked worst
    // first: D, B, E, A, C -> R 1, 2, 3, 4, 5.
    // Purchases: D 1, C 2, E 2, B 3, A 6; C and E tie on ranks 1-2 (middle 2 -> score 3),
    // so F: D 1, C 3, E 3, B 4, A 5. Revenue: D 100, C 1000, E 1800, B 3000, A 6000 -> M 1..5.
    let a = analyze(&sample(), &settings()).unwrap();
    let scores = |id: &str| {
        let c = row(&a, id);
        (c.recency_days, c.r, c.f, c.m, c.segment)
    };
    assert_eq!(scores("A"), (2, 4, 5, 5, Segment::Champions));
    assert_eq!(scores("B"), (56, 2, 4, 4, Segment::AtRisk));
    assert_eq!(scores("C"), (0, 5, 3, 2, Segment::Loyal));
    assert_eq!(scores("D"), (180, 1, 1, 1, Segment::Lost));
    assert_eq!(scores("E"), (5, 3, 3, 3, Segment::Loyal));
    assert_eq!(a.segments.map(|g| g.clients), [1, 2, 0, 1, 0, 1]);
}

#[test]
fn reactivation_list_by_hand() {
    let a = analyze(&sample(), &settings()).unwrap();
    assert_eq!(a.reactivation.len(), 1);
    let b = &a.reactivation[0];
    assert_eq!(
        (b.id.as_str(), b.last_day, b.revenue),
        ("B", d(5, 5), 3000.0)
    );
    assert_eq!(
        (b.purchases, b.recency_days, b.segment),
        (3, 56, Segment::AtRisk)
    );
}

#[test]
fn cohorts_by_hand() {
    let a = analyze(&sample(), &settings()).unwrap();
    let months: Vec<&str> = a.cohorts.rows.iter().map(|r| r.month.as_str()).collect();
    // Empty cohorts (March to May) are left out.
    assert_eq!(months, vec!["2024-01", "2024-02", "2024-06"]);
    let jan = &a.cohorts.rows[0];
    assert_eq!(jan.clients, 3);
    // A buys every month, B in Jan, Mar, May, D only in Jan.
    let third = 100.0 / 3.0;
    let want = [100.0, third, 2.0 * third, third, 2.0 * third, third];
    assert!(jan
        .retention_pct
        .iter()
        .zip(want)
        .all(|(g, w)| close(*g, w)));
    // Cumulative: (1000 + 1000 + 100) / 3 = 700, + 1000 / 3, + 2000 / 3, + 1000 / 3, + 2000 / 3,
    // + 1000 / 3 = 9100 / 3.
    let want = [2100.0, 3100.0, 5100.0, 6100.0, 8100.0, 9100.0].map(|v| v / 3.0);
    assert!(jan
        .cumulative_revenue_per_client
        .iter()
        .zip(want)
        .all(|(g, w)| close(*g, w)));
    let feb = &a.cohorts.rows[1];
    assert_eq!(feb.retention_pct, vec![100.0, 0.0, 0.0, 0.0, 100.0]);
    assert_eq!(
        feb.cumulative_revenue_per_client,
        vec![600.0, 600.0, 600.0, 600.0, 1000.0]
    );
    assert_eq!(
        a.cohorts.rows[2].cumulative_revenue_per_client,
        vec![1800.0]
    );
}

#[test]
fn base_figures_by_hand() {
    let a = analyze(&sample(), &settings()).unwrap();
    let b = &a.base;
    // Last purchase from 1 Jun on: A, C, E.
    assert_eq!(b.active_clients, 3);
    // The 6-month window (183 days) is longer than the data (2 Jan..30 Jun = 181 days), so it
    // covers everything: 11 900 / 14 purchases = 850; 14 / 5 clients / (181 / 30.4375) months.
    assert_eq!(b.avg_check, 850.0);
    assert!(close(b.window_months, 181.0 / 30.4375));
    assert!(close(
        b.purchases_per_client_per_month,
        14.0 / 5.0 / (181.0 / 30.4375)
    ));
    // Bought 2..31 May: A and B; of them only A bought again in June -> 1/2 per 30 days,
    // 0.5^(30.4375 / 30) per month.
    let want = 0.5f64.powf(30.4375 / 30.0) * 100.0;
    assert!(close(b.monthly_retention_pct.unwrap(), want));
    assert_eq!((b.sleeping_clients, b.sleeping_revenue), (1, 3000.0));
}

#[test]
fn retention_needs_two_windows_of_data() {
    let s = AnalysisSettings {
        active_window_days: 91.0,
        ..settings()
    };
    // 181 days of data < 2 * 91.
    assert_eq!(
        analyze(&sample(), &s).unwrap().base.monthly_retention_pct,
        None
    );
}

#[test]
fn manager_and_segment_of_the_latest_purchase() {
    let mut data = sample();
    data.managers = vec![String::new(), "Иванов".into(), "Петрова".into()];
    data.segments = vec![String::new(), "Опт".into()];
    data.products = vec![String::new()];
    data.tags = vec![Tags::default(); data.transactions.len()];
    // A's rows are 0..=5 and row 5 (28 Jun) is the latest.
    data.tags[0].manager = 1;
    data.tags[5] = Tags {
        manager: 2,
        segment: 1,
        product: 0,
    };
    let a = analyze(&data, &settings()).unwrap();
    assert_eq!(row(&a, "A").manager, "Петрова");
    assert_eq!(row(&a, "A").client_segment, "Опт");
    assert_eq!(row(&a, "B").manager, "");
}

#[test]
fn empty_data_gives_an_empty_analysis() {
    let a = analyze(&TransactionSet::default(), &AnalysisSettings::default()).unwrap();
    assert_eq!(a.summary.clients, 0);
    assert!(a.clients.is_empty());
}

#[test]
fn settings_are_validated() {
    let bad = AnalysisSettings {
        abc_a_pct: 90.0,
        abc_b_pct: 20.0,
        xyz_x_cv_pct: 30.0,
        xyz_y_cv_pct: 20.0,
        xyz_min_months: 2.5,
        active_window_days: 0.0,
        base_window_months: f64::NAN,
    };
    let errors = analyze(&sample(), &bad).unwrap_err();
    let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(
        fields,
        vec![
            "abc-b-share",
            "xyz-y-cv",
            "xyz-min-months",
            "active-window-days",
            "base-window-months"
        ]
    );
    assert_eq!(
        errors[0].problem,
        Problem::OutOfRange {
            min: 0.0,
            max: 10.0
        }
    );
    assert_eq!(errors[2].problem, Problem::NotWhole);
    let zero_a = AnalysisSettings {
        abc_a_pct: 0.0,
        ..AnalysisSettings::default()
    };
    assert_eq!(
        zero_a.validate().unwrap_err()[0].problem,
        Problem::MustBePositive
    );
    assert!(AnalysisSettings::default().validate().is_ok());
}

fn arbitrary_set() -> impl Strategy<Value = TransactionSet> {
    proptest::collection::vec((0u8..12, 0i32..800, 0.0f64..1e9), 1..120).prop_map(|rows| {
        let ids: Vec<String> = (0..12).map(|i| format!("c{i}")).collect();
        TransactionSet::from_triples(
            rows.iter()
                .map(|&(c, day, amount)| (ids[c as usize].as_str(), 19_000 + day, amount)),
        )
    })
}

fn all_finite(a: &Analysis) -> bool {
    let totals = a.abc.iter().chain(&a.xyz).chain(&a.segments);
    let cells = a.matrix.cells.iter().flatten();
    totals
        .chain(cells)
        .all(|g| g.revenue.is_finite() && g.revenue_pct.is_finite())
        && a.clients.iter().all(|c| {
            c.avg_check.is_finite() && c.cv_pct.is_none_or(f64::is_finite) && (1..=5).contains(&c.r)
        })
        && a.cohorts.rows.iter().all(|r| {
            r.retention_pct
                .iter()
                .chain(&r.cumulative_revenue_per_client)
                .all(|v| v.is_finite())
        })
        && a.base.avg_check.is_finite()
        && a.base.purchases_per_client_per_month.is_finite()
        && a.base.monthly_retention_pct.is_none_or(f64::is_finite)
}

proptest! {
    #[test]
    fn never_nan_and_totals_add_up(data in arbitrary_set()) {
        let a = analyze(&data, &settings()).unwrap();
        prop_assert!(all_finite(&a));
        let n = a.summary.clients;
        prop_assert_eq!(a.abc.iter().map(|g| g.clients).sum::<usize>(), n);
        prop_assert_eq!(a.segments.iter().map(|g| g.clients).sum::<usize>(), n);
        prop_assert_eq!(a.xyz.iter().map(|g| g.clients).sum::<usize>(), n);
        let cohort_clients: usize = a.cohorts.rows.iter().map(|r| r.clients).sum();
        prop_assert_eq!(cohort_clients + a.cohorts.older_clients, n);
        if a.summary.revenue > 0.0 {
            let share: f64 = a.abc.iter().map(|g| g.revenue_pct).sum();
            prop_assert!((share - 100.0).abs() < 1e-6);
        }
        // The largest client is always A.
        prop_assert_eq!(a.clients[0].abc, Abc::A);
        for r in &a.cohorts.rows {
            prop_assert_eq!(r.retention_pct[0], 100.0);
            prop_assert!(r.retention_pct.iter().all(|&p| (0.0..=100.0).contains(&p)));
        }
    }

    #[test]
    fn a_larger_a_share_never_shrinks_class_a(data in arbitrary_set(), a in 1.0f64..90.0, up in 0.0f64..10.0) {
        let low = AnalysisSettings { abc_a_pct: a, abc_b_pct: 0.0, ..settings() };
        let high = AnalysisSettings { abc_a_pct: a + up, ..low.clone() };
        let count = |s: &AnalysisSettings| analyze(&data, s).unwrap().abc[0].clients;
        prop_assert!(count(&high) >= count(&low));
    }

    #[test]
    fn wider_xyz_thresholds_never_shrink_x(data in arbitrary_set(), x in 0.0f64..200.0, up in 0.0f64..100.0) {
        let low = AnalysisSettings { xyz_x_cv_pct: x, xyz_y_cv_pct: 500.0, ..settings() };
        let high = AnalysisSettings { xyz_x_cv_pct: x + up, ..low.clone() };
        let count = |s: &AnalysisSettings| analyze(&data, s).unwrap().xyz[0].clients;
        prop_assert!(count(&high) >= count(&low));
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// The two-pass grouping puts every client's rows together, in file order, exactly as
    /// collecting them client by client does, for any number of clients (buckets of one
    /// client up to buckets of many).
    #[test]
    fn grouping_keeps_each_clients_rows_in_file_order(
        rows in proptest::collection::vec((0u32..5000, 0i32..1000, 1u32..100_000), 1..3000),
    ) {
        let data = TransactionSet {
            transactions: rows
                .iter()
                .map(|&(client, day, cents)| Transaction { amount: f64::from(cents) / 100.0, client, day })
                .collect(),
            client_ids: (0..5000).map(|c| format!("C{c}")).collect(),
            ..TransactionSet::default()
        };
        let grouped = group(&data);
        let mut expected: Vec<Vec<(i32, u32)>> = vec![Vec::new(); 5000];
        for (i, &(client, day, _)) in rows.iter().enumerate() {
            expected[client as usize].push((day, i as u32));
        }
        for (c, expected) in expected.iter().enumerate() {
            let range = grouped.offsets[c] as usize..grouped.offsets[c + 1] as usize;
            let got: Vec<(i32, u32)> = grouped.items[range].iter().map(|i| (i.day, i.row)).collect();
            prop_assert_eq!(&got, expected);
        }
    }
}

/// The forecast from the purchase histories the analysis keeps, against the forecast from
/// the rows.
mod forecast {
    use super::*;
    use crate::model::clients::clv::fixtures::{rel_close, CDNOW_TRANSACTIONS};
    use crate::model::clients::clv::{
        predict, predict_from_histories, summarize, ClvSettings, CustomerSummary, FitVerdict,
        TimeUnit,
    };
    use crate::model::clients::csv::sniff;
    use crate::model::clients::mapping::guess_mapping;
    use crate::model::clients::parse::parse_transactions;
    use crate::model::clients::preview;

    #[test]
    fn predict_on_cdnow_transactions() {
        let dialect = sniff(CDNOW_TRANSACTIONS);
        let mapping = guess_mapping(&preview(CDNOW_TRANSACTIONS, &dialect, 20), &dialect);
        let outcome =
            parse_transactions(CDNOW_TRANSACTIONS, &dialect, &mapping, &mut |_| true).unwrap();
        let o = predict(&outcome.data, &ClvSettings::default()).unwrap();
        assert_eq!(o.verdict, FitVerdict::Ok);
        assert_eq!(o.customers, 2357);
        assert_eq!(o.predictions.len(), 2357);
        assert!(o.base_value > 0.0 && o.base_value.is_finite());
        let sum: f64 = o
            .predictions
            .iter()
            .flatten()
            .map(|p| p.predicted_value)
            .sum();
        assert!(rel_close(o.base_value, sum, 1e-12));
        assert!(o.expected_active_clients > 0.0 && o.expected_active_clients < 2357.0);
        // Attach to the analysis table.
        let mut analysis =
            crate::model::clients::analyze(&outcome.data, &Default::default()).unwrap();
        analysis.attach_predictions(&o);
        assert!(analysis.clients.iter().all(|c| c.predicted.is_some()));
    }

    /// `summarize` as it was before the rows were grouped in one buffer: a vector per client.
    fn summarize_per_client(
        data: &TransactionSet,
        calibration_end: i32,
        unit: TimeUnit,
    ) -> Vec<Option<CustomerSummary>> {
        let mut rows: Vec<Vec<(i32, f64)>> = vec![Vec::new(); data.client_count()];
        for t in &data.transactions {
            if t.day <= calibration_end {
                rows[t.client as usize].push((t.day, t.amount));
            }
        }
        rows.into_iter()
            .map(|rows| {
                let first_day = rows.iter().map(|r| r.0).min()?;
                let days: std::collections::BTreeSet<i32> = rows.iter().map(|r| r.0).collect();
                let history = PurchaseHistory {
                    first_day,
                    last_day: *days.last()?,
                    repeat_days: days.len() as u32 - 1,
                    // In file order, as the definition says.
                    repeat_total: rows
                        .iter()
                        .filter(|r| r.0 != first_day)
                        .fold(0.0, |sum, r| sum + r.1),
                };
                Some(history.summary(calibration_end, unit))
            })
            .collect()
    }

    #[test]
    fn the_forecast_from_the_analysis_histories_is_the_forecast_from_the_rows() {
        let text = CDNOW_TRANSACTIONS;
        let d = sniff(text);
        let m = guess_mapping(&preview(text, &d, 20), &d);
        let outcome = parse_transactions(text, &d, &m, &mut |_| true).unwrap();
        let settings = ClvSettings::default();
        let (_, histories) = crate::model::clients::analysis::analyze_with_histories(
            &outcome.data,
            &Default::default(),
        )
        .unwrap();
        let from_rows = predict(&outcome.data, &settings).unwrap();
        let from_histories = predict_from_histories(&histories, &settings).unwrap();
        assert_eq!(from_rows, from_histories);
        assert!(from_rows.predictions.iter().any(Option::is_some));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// Bit for bit: the one-buffer grouping, per-client vectors with a set of days and the
        /// analysis' histories give the same summaries (the same rows summed in file order),
        /// with rows out of day order and many rows on one day.
        #[test]
        fn summaries_are_the_same_from_every_grouping(
            rows in proptest::collection::vec((0u32..12, 0i32..40, 0u32..3, 0u32..100_000), 1..400),
            cut in 0i32..45,
            weeks in any::<bool>(),
        ) {
            let unit = if weeks { TimeUnit::Weeks } else { TimeUnit::Days };
            // Amounts of very different sizes, so the order of a sum shows in its last bits.
            let scale = [0.01, 1.0, 1e7];
            let data = TransactionSet::from_triples(rows.iter().map(|&(c, day, s, cents)| {
                (["a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"][c as usize], 19_000 + day, f64::from(cents) * scale[s as usize] / 7.0)
            }));
            let end = 19_000 + cut;
            prop_assert_eq!(summarize(&data, end, unit), summarize_per_client(&data, end, unit));
            let last = data.transactions.iter().map(|t| t.day).max().unwrap();
            let (_, histories) = crate::model::clients::analysis::analyze_with_histories(&data, &Default::default()).unwrap();
            let from_histories: Vec<Option<CustomerSummary>> =
                histories.iter().map(|h| h.map(|h| h.summary(last, unit))).collect();
            prop_assert_eq!(summarize(&data, last, unit), from_histories);
        }
    }
}
