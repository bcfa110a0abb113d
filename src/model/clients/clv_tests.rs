// Reference values are printed by the Python library `lifetimes` to full f64 precision.
#![allow(clippy::excessive_precision)]

use super::*;
use crate::model::clients::csv::sniff;
use crate::model::clients::dates::days_from_civil;
use crate::model::clients::mapping::guess_mapping;
use crate::model::clients::parse::parse_transactions;
use crate::model::clients::preview;
use proptest::prelude::*;

/// CDNOW sample summary (Fader, Hardie & Lee): ID, x, t_x, T (weeks), zbar (mean repeat spend).
const CDNOW_SUMMARY: &str = include_str!("../../../tests/fixtures/cdnow_summary.csv");
/// The same 2,357 customers' transactions, 1997-01-01 .. 1998-06-30.
const CDNOW_TRANSACTIONS: &str =
    include_str!("../../../tests/fixtures/cdnow_sample_transactions.csv");

fn cdnow() -> Vec<CustomerSummary> {
    CDNOW_SUMMARY
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Vec<f64> = l.trim().split(',').map(|s| s.parse().unwrap()).collect();
            CustomerSummary {
                frequency: v[1],
                recency: v[2],
                t: v[3],
                monetary: v[4],
            }
        })
        .collect()
}

fn round_to(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

#[test]
fn cdnow_bgnbd_matches_published_parameters() {
    let customers = cdnow();
    assert_eq!(customers.len(), 2357);
    let fit = fit_bgnbd(&customers).unwrap();
    let p = fit.params;
    assert!(fit.converged);
    // Fader, Hardie & Lee (2005): r = 0.243, alpha = 4.414, a = 0.793, b = 2.426, LL = -9582.4.
    assert_eq!(round_to(p.r, 3), 0.243, "{p:?}");
    assert_eq!(round_to(p.alpha, 3), 4.414, "{p:?}");
    assert_eq!(round_to(p.a, 3), 0.793, "{p:?}");
    assert_eq!(round_to(p.b, 3), 2.426, "{p:?}");
    assert_eq!(
        round_to(fit.log_likelihood, 1),
        -9582.4,
        "{}",
        fit.log_likelihood
    );
    assert_eq!(fit.customers, 2357);
}

#[test]
fn cdnow_gamma_gamma_matches_published_parameters() {
    let fit = fit_gamma_gamma(&cdnow()).unwrap();
    let p = fit.params;
    assert!(fit.converged);
    assert_eq!(fit.customers, 946);
    // Fader, Hardie & Lee, "RFM and CLV" / note 025: p = 6.25, q = 3.74, v = 15.44, fitted on
    // the exact mean spends. This fixture has them rounded to cents, which moves v to 15.448
    // (`lifetimes` reports 15.45 on it too); the exact figures are checked from the
    // transactions in `cdnow_transactions_give_the_published_summary`.
    assert_eq!(round_to(p.p, 2), 6.25, "{p:?}");
    assert_eq!(round_to(p.q, 2), 3.74, "{p:?}");
    assert_eq!(round_to(p.v, 2), 15.45, "{p:?}");
}

#[test]
fn cdnow_transactions_give_the_published_summary() {
    let dialect = sniff(CDNOW_TRANSACTIONS);
    let mapping = guess_mapping(&preview(CDNOW_TRANSACTIONS, &dialect, 20), &dialect);
    let outcome =
        parse_transactions(CDNOW_TRANSACTIONS, &dialect, &mapping, &mut |_| true).unwrap();
    assert_eq!(outcome.rejected_rows(), 0);
    assert_eq!(outcome.data.transactions.len(), 6919);
    // Eight free orders (amount 0.00) are purchases too.
    assert_eq!(outcome.zero_amount_rows, 8);
    let end = days_from_civil(1997, 9, 30);
    let ours = summarize(&outcome.data, end, TimeUnit::Weeks);
    let published = cdnow();
    assert_eq!(ours.len(), published.len());
    // Client ids 0001..2357 appear in order, so index i is published customer i + 1.
    for (i, (o, p)) in ours.iter().zip(&published).enumerate() {
        let o = o.unwrap();
        assert_eq!(o.frequency, p.frequency, "customer {}", i + 1);
        assert!((o.recency - p.recency).abs() < 0.006, "customer {}", i + 1);
        assert!((o.t - p.t).abs() < 0.006, "customer {}", i + 1);
        assert!(
            (o.monetary - p.monetary).abs() < 0.006,
            "customer {}",
            i + 1
        );
    }
    let customers: Vec<CustomerSummary> = ours.into_iter().flatten().collect();
    let fit = fit_bgnbd(&customers).unwrap().params;
    assert_eq!(
        [
            round_to(fit.r, 3),
            round_to(fit.alpha, 3),
            round_to(fit.a, 3),
            round_to(fit.b, 3)
        ],
        [0.243, 4.414, 0.793, 2.426]
    );
    // With the exact mean spends Gamma-Gamma gives the published p = 6.25, q = 3.74, v = 15.44.
    let gg = fit_gamma_gamma(&customers).unwrap();
    assert_eq!(gg.customers, 946);
    assert_eq!(
        [
            round_to(gg.params.p, 2),
            round_to(gg.params.q, 2),
            round_to(gg.params.v, 2)
        ],
        [6.25, 3.74, 15.44]
    );
}

/// The published CDNOW parameters.
const CDNOW_BG: BgNbdParams = BgNbdParams {
    r: 0.243,
    alpha: 4.414,
    a: 0.793,
    b: 2.426,
};

fn customer(frequency: f64, recency: f64, t: f64) -> CustomerSummary {
    CustomerSummary {
        frequency,
        recency,
        t,
        monetary: 0.0,
    }
}

fn rel_close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1e-300)
}

#[test]
fn conditional_expectations_match_reference_values() {
    // References from eq. (10) evaluated with mpmath at 30 digits (the paper reports 1.226
    // for the 39-week expectation of the customer with x = 2, t_x = 30.43, T = 38.86).
    let cases = [
        (
            (0.0, 0.0, 38.86),
            [
                0.024_035_220_456_206_93,
                0.195_098_052_011_262_64,
                1.464_547_771_448_239_5,
            ],
            1.0,
        ),
        (
            (2.0, 30.43, 38.86),
            [
                0.159_744_154_627_506_87,
                1.226_028_174_767_144_5,
                7.319_313_811_711_104_8,
            ],
            0.726_578_570_080_672_9,
        ),
        (
            (7.0, 29.43, 38.86),
            [
                0.452_427_021_752_194_1,
                3.337_053_274_851_416_5,
                17.773_468_968_100_761,
            ],
            0.641_756_345_946_107_3,
        ),
        (
            (29.0, 37.71, 38.0),
            [
                2.798_529_736_502_120_4,
                20.052_948_986_496_79,
                100.279_207_269_291_95,
            ],
            0.969_129_518_159_339_5,
        ),
        (
            (200.0, 38.0, 39.0),
            [
                13.603_482_799_017_508,
                96.958_136_240_231_747,
                479.826_608_314_964_96,
            ],
            0.704_953_052_004_726_7,
        ),
    ];
    for ((x, tx, t), expected, alive) in cases {
        let c = customer(x, tx, t);
        for (horizon, want) in [4.345, 39.0, 520.0].into_iter().zip(expected) {
            let got = CDNOW_BG.expected_purchases(horizon, &c);
            assert!(
                rel_close(got, want, 1e-9),
                "x={x} t={horizon}: {got} vs {want}"
            );
        }
        let got = CDNOW_BG.probability_alive(&c);
        assert!(rel_close(got, alive, 1e-12), "x={x}: {got} vs {alive}");
    }
}

#[test]
fn gamma_gamma_expectation_matches_reference_values() {
    let gg = GammaGammaParams {
        p: 6.25,
        q: 3.74,
        v: 15.44,
    };
    // Population mean v p / (q - 1) = 15.44 * 6.25 / 2.74.
    assert!(rel_close(
        gg.population_mean(),
        35.218_978_102_189_78,
        1e-12
    ));
    assert!(rel_close(
        gg.expected_average_spend(0.0, 0.0),
        35.218_978_102_189_78,
        1e-12
    ));
    // Weight p x / (p x + q - 1) = 12.5 / 15.24 on 22.35, the rest on the population mean.
    assert!(rel_close(
        gg.expected_average_spend(2.0, 22.35),
        24.663_713_910_761_156,
        1e-12
    ));
    assert!(rel_close(
        gg.expected_average_spend(29.0, 26.26),
        26.393_418_120_550_03,
        1e-12
    ));
    let unbounded = GammaGammaParams { q: 0.9, ..gg };
    assert_eq!(unbounded.expected_average_spend(1.0, 10.0), 0.0);
}

#[test]
fn value_is_the_discounted_sum_of_monthly_purchases() {
    let gg = GammaGammaParams {
        p: 6.25,
        q: 3.74,
        v: 15.44,
    };
    let c = CustomerSummary {
        frequency: 2.0,
        recency: 30.43,
        t: 38.86,
        monetary: 22.35,
    };
    let settings = ClvSettings {
        horizon_months: 3.0,
        monthly_discount_pct: 10.0,
        margin_pct: 50.0,
        ..ClvSettings::default()
    };
    let p = predict_one(&CDNOW_BG, &gg, &c, &settings);
    let e = |months: f64| CDNOW_BG.expected_purchases(months * 4.345, &c);
    let spend = gg.expected_average_spend(2.0, 22.35);
    // (E(1m) - 0) / 1.1 + (E(2m) - E(1m)) / 1.1² + (E(3m) - E(2m)) / 1.1³, times 50 % margin.
    let want = 0.5 * spend * (e(1.0) / 1.1 + (e(2.0) - e(1.0)) / 1.21 + (e(3.0) - e(2.0)) / 1.331);
    assert!(rel_close(p.predicted_value, want, 1e-12));
    assert!(rel_close(p.expected_purchases, e(3.0), 1e-12));
    assert_eq!(p.expected_avg_spend, spend);
    assert!(rel_close(
        p.probability_alive,
        0.726_578_570_080_672_9,
        1e-12
    ));
}

#[test]
fn summaries_merge_same_day_purchases() {
    let day0 = days_from_civil(2024, 1, 1);
    let data = TransactionSet::from_triples([
        ("a", day0, 10.0),
        ("a", day0, 5.0),
        ("a", day0 + 7, 20.0),
        ("a", day0 + 7, 20.0),
        ("a", day0 + 14, 30.0),
        ("a", day0 + 70, 99.0),
        ("b", day0 + 21, 1.0),
        ("c", day0 + 50, 1.0),
    ]);
    let s = summarize(&data, day0 + 28, TimeUnit::Weeks);
    // a: purchase days 0, 7, 14 (70 is after the end): 2 repeats, recency 2 weeks, T 4 weeks,
    // mean repeat spend (40 + 30) / 2 = 35.
    assert_eq!(
        s[0],
        Some(CustomerSummary {
            frequency: 2.0,
            recency: 2.0,
            t: 4.0,
            monetary: 35.0
        })
    );
    assert_eq!(
        s[1],
        Some(CustomerSummary {
            frequency: 0.0,
            recency: 0.0,
            t: 1.0,
            monetary: 0.0
        })
    );
    // c first bought after the end of the calibration.
    assert_eq!(s[2], None);
    let days = summarize(&data, day0 + 28, TimeUnit::Days);
    assert_eq!(days[0].map(|c| (c.recency, c.t)), Some((14.0, 28.0)));
}

#[test]
fn thin_data_gets_a_verdict_not_an_error() {
    let day0 = days_from_civil(2024, 1, 1);
    let data = TransactionSet::from_triples([("a", day0, 1.0), ("b", day0 + 3, 2.0)]);
    let o = predict(&data, &ClvSettings::default()).unwrap();
    assert_eq!(
        o.verdict,
        FitVerdict::TooFewRepeatCustomers { have: 0, need: 50 }
    );
    assert!(o.predictions.is_empty());
    assert_eq!(o.base_value, 0.0);
}

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
    let mut analysis = crate::model::clients::analyze(&outcome.data, &Default::default()).unwrap();
    attach(&mut analysis, &o);
    assert!(analysis.clients.iter().all(|c| c.predicted.is_some()));
}

#[test]
fn settings_are_validated() {
    let bad = ClvSettings {
        horizon_months: 0.0,
        monthly_discount_pct: -1.0,
        margin_pct: 150.0,
        min_repeat_customers: 2.5,
        ..ClvSettings::default()
    };
    let fields: Vec<String> = bad
        .validate()
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        [
            "clv-horizon-months",
            "clv-discount-rate",
            "clv-margin",
            "clv-min-repeat"
        ]
    );
    assert!(predict(&TransactionSet::default(), &bad).is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn predictions_are_finite_and_sane(
        r in 0.01f64..10.0, alpha in 0.01f64..100.0, a in 0.01f64..10.0, b in 0.01f64..10.0,
        x in 0u32..300, rec_share in 0.0f64..1.0, t in 0.1f64..200.0, horizon in 1u32..121,
        p in 0.1f64..20.0, q in 1.01f64..20.0, v in 0.1f64..1000.0, m in 0.0f64..1e6,
    ) {
        let bg = BgNbdParams { r, alpha, a, b };
        let gg = GammaGammaParams { p, q, v };
        let c = CustomerSummary {
            frequency: f64::from(x),
            recency: if x == 0 { 0.0 } else { rec_share * t },
            t,
            monetary: if x == 0 { 0.0 } else { m },
        };
        let settings = ClvSettings { horizon_months: f64::from(horizon), ..ClvSettings::default() };
        let pred = predict_one(&bg, &gg, &c, &settings);
        prop_assert!(pred.expected_purchases.is_finite() && pred.expected_purchases >= 0.0);
        prop_assert!((0.0..=1.0).contains(&pred.probability_alive));
        prop_assert!(pred.predicted_value.is_finite() && pred.predicted_value >= 0.0);
        // More time ahead never means fewer expected purchases.
        let e1 = bg.expected_purchases(10.0, &c);
        let e2 = bg.expected_purchases(20.0, &c);
        prop_assert!(e2 >= e1 * (1.0 - 1e-9), "{} {}", e1, e2);
    }

}

proptest! {
    // Few cases: a degenerate sample can use the optimizer's whole budget.
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn fits_never_panic(rows in proptest::collection::vec((0u32..20, 0.0f64..1.0, 0.0f64..50.0, 0.0f64..500.0), 0..60)) {
        let customers: Vec<CustomerSummary> = rows
            .iter()
            .map(|&(x, share, t, m)| CustomerSummary {
                frequency: f64::from(x),
                recency: if x == 0 { 0.0 } else { share * t },
                t,
                monetary: if x == 0 { 0.0 } else { m },
            })
            .collect();
        if let Some(f) = fit_bgnbd(&customers) {
            prop_assert!(f.log_likelihood.is_finite());
            prop_assert!([f.params.r, f.params.alpha, f.params.a, f.params.b].iter().all(|v| v.is_finite() && *v > 0.0));
        }
        if let Some(f) = fit_gamma_gamma(&customers) {
            prop_assert!(f.log_likelihood.is_finite());
        }
    }
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
    let (_, histories) =
        crate::model::clients::analysis::analyze_with_histories(&outcome.data, &Default::default())
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
