//! End-to-end worked examples of [`compute`] and property tests of the whole model.

use proptest::prelude::*;

use super::*;
use crate::model::names::variant_names;

fn demo() -> LtvInputs {
    LtvInputs::demo(&variant_names)
}

fn ltv_of(inputs: &LtvInputs) -> Figure {
    compute(inputs).expect("valid inputs").base.ltv
}

fn near(a: f64, b: f64, rel: f64) -> bool {
    (a - b).abs() <= rel * a.abs().max(b.abs()).max(1.0)
}

/// A client worth `margin` per period: check = margin, 1 purchase, 100 % margin.
fn simple(margin: f64, retention_pct: f64, discount_pct: f64, horizon: Option<f64>) -> LtvInputs {
    LtvInputs {
        avg_check: margin,
        purchases_per_period: 1.0,
        gross_margin_pct: 100.0,
        retention_basis: RetentionBasis::Retention,
        retention_pct,
        discount_rate_pct: discount_pct,
        horizon_periods: horizon,
        ..demo()
    }
}

#[test]
fn demo_worked_example() {
    // Margin: 150 000 x 2 x 30 % = 90 000 a month. r = 95 %, d = 1 %, no horizon:
    //   LTV = 90 000 x 1.01 / (0.05 + 0.01) = 1 515 000; undiscounted 90 000 / 0.05 = 1 800 000.
    // LTV:CAC = 1 515 000 / 350 000 = 4.33 -> Healthy (3..5); allowed CAC 1 515 000 / 3 = 505 000.
    // Payback, q = 0.95 / 1.01 = 0.940594: 90 000, 174 554, 254 179, 329 073, 399 518 >= 350 000
    //   -> 5 months.
    // Reactivation: 250 x 60 % = 150 clients x 1 515 000 = 227 250 000.
    let r = compute(&demo()).unwrap();
    assert_eq!(r.period, Period::Month);
    assert_eq!(r.base.margin_per_period, 90_000.0);
    assert_eq!(r.base.lifetime_periods, Some(20.0));
    assert!(near(r.base.ltv.finite().unwrap(), 1_515_000.0, 1e-12));
    assert!(near(
        r.base.ltv_undiscounted.finite().unwrap(),
        1_800_000.0,
        1e-12
    ));
    assert!(near(
        r.ltv_to_cac.unwrap().finite().unwrap(),
        1_515_000.0 / 350_000.0,
        1e-12
    ));
    assert_eq!(r.band, Some(RatioBand::Healthy));
    assert!(near(r.allowed_cac.finite().unwrap(), 505_000.0, 1e-12));
    // Undiscounted: 1 800 000 / 350 000 = 5.14; allowed 1 800 000 / 3 = 600 000.
    assert!(near(
        r.ltv_to_cac_undiscounted.unwrap().finite().unwrap(),
        1_800_000.0 / 350_000.0,
        1e-12
    ));
    assert!(near(
        r.allowed_cac_undiscounted.finite().unwrap(),
        600_000.0,
        1e-12
    ));
    assert_eq!(r.payback_periods, Some(5));
    assert_eq!(r.reactivation.reactivated_clients, 150.0);
    assert!(near(
        r.reactivation.money_on_table.finite().unwrap(),
        227_250_000.0,
        1e-12
    ));
    assert!(r.notices.is_empty());
    assert_eq!(r.segments.segments.len(), 3);
}

#[test]
fn demo_segments_worked_example() {
    // d = 1 %, no horizon, LTV = m x 1.01 / (churn + 0.01):
    // A: 400 000 x 3 x 22 % = 264 000; r 97 % -> x 1.01 / 0.04 = 25.25 -> 6 666 000; x 40 clients
    //    = 266 640 000.
    // B: 150 000 x 2 x 28 % = 84 000; r 95 % -> x 16.8333 = 1 414 000; x 160 = 226 240 000.
    // C: 40 000 x 1 x 35 % = 14 000; r 85 % -> x 1.01 / 0.16 = 6.3125 -> 88 375; x 600
    //    = 53 025 000.
    // Total 545 905 000; A's share 266 640 000 / 545 905 000 = 48.84 %.
    let r = compute(&demo()).unwrap();
    let s = &r.segments;
    let values: Vec<f64> = s
        .segments
        .iter()
        .map(|row| row.base_value.finite().unwrap())
        .collect();
    for (got, want) in values
        .iter()
        .zip([266_640_000.0, 226_240_000.0, 53_025_000.0])
    {
        assert!(near(*got, want, 1e-12), "{got} vs {want}");
    }
    assert!(near(
        s.total_base_value.finite().unwrap(),
        545_905_000.0,
        1e-12
    ));
    assert!(near(
        s.segments[0].share_pct.unwrap(),
        266_640_000.0 / 545_905_000.0 * 100.0,
        1e-12
    ));
    assert_eq!(s.total_clients, 800.0);
    // Development (+5 pp, +10 %, +0.5) on A: 440 000 x 3.5 x 22 % = 338 800 a month;
    //   r 97 + 5 -> 100 % (capped): x 1.01 / 0.01 = 101 -> 34 218 800 per client.
    let a = &s.segments[0];
    assert!(near(a.developed.ltv.finite().unwrap(), 34_218_800.0, 1e-12));
    assert!(s.uplift_value.unwrap() > 0.0);
}

#[test]
fn horizon_worked_example_and_curve_end() {
    // m = 100, r = 50 %, d = 0, H = 3: 100 + 50 + 25 = 175.
    let r = compute(&simple(100.0, 50.0, 0.0, Some(3.0))).unwrap();
    assert!(near(r.base.ltv.finite().unwrap(), 175.0, 1e-12));
    assert!(near(r.base.active_periods.finite().unwrap(), 1.75, 1e-12));
    let last = r.curve.last().unwrap();
    assert_eq!(last.period, 3);
    assert!(near(last.discounted, 175.0, 1e-12));
}

#[test]
fn discount_worked_example() {
    // m = 100, r = 100 %, d = 10 %, H = 2: 100 + 100 / 1.1 = 190.909...
    let r = compute(&simple(100.0, 100.0, 10.0, Some(2.0))).unwrap();
    assert!(near(
        r.base.ltv.finite().unwrap(),
        100.0 + 100.0 / 1.1,
        1e-12
    ));
    assert!(near(
        r.base.ltv_undiscounted.finite().unwrap(),
        200.0,
        1e-12
    ));
}

#[test]
fn full_retention_without_discount_or_horizon_is_unbounded_not_an_error() {
    let mut i = simple(100.0, 100.0, 0.0, None);
    i.cac = 250.0;
    let r = compute(&i).unwrap();
    assert_eq!(r.base.ltv, Figure::Unbounded);
    assert_eq!(r.base.ltv_undiscounted, Figure::Unbounded);
    assert_eq!(r.base.lifetime_periods, None);
    assert_eq!(r.allowed_cac, Figure::Unbounded);
    assert_eq!(r.ltv_to_cac, Some(Figure::Unbounded));
    assert_eq!(r.band, Some(RatioBand::UnderInvesting));
    assert_eq!(r.reactivation.money_on_table, Figure::Unbounded);
    assert!(r.sensitivity.is_empty());
    // Payback is still an answer: 100 a period covers 250 in 3 periods.
    assert_eq!(r.payback_periods, Some(3));
    assert_eq!(
        r.notices[0],
        FieldError::new("ltv-horizon", Problem::Unbounded)
    );
    assert_eq!(allowed_cac(&i), None);
    // A horizon makes it finite: 100 x 24.
    i.horizon_periods = Some(24.0);
    let r = compute(&i).unwrap();
    assert_eq!(r.base.ltv, Figure::Finite(2_400.0));
    assert!(r.notices.iter().all(|n| n.field != "ltv-horizon"));
}

#[test]
fn churn_zero_is_retention_hundred() {
    let by_retention = simple(100.0, 100.0, 0.0, None);
    let mut by_churn = by_retention.clone();
    by_churn.retention_basis = RetentionBasis::Churn;
    by_churn.churn_pct = 0.0;
    by_churn.retention_pct = 12.0; // ignored: churn is the basis
    assert_eq!(compute(&by_churn), compute(&by_retention));
    assert_eq!(ltv_of(&by_churn), Figure::Unbounded);
}

#[test]
fn the_three_retention_bases_agree() {
    // Retention 80 % = churn 20 % = lifetime 5 periods.
    let by_retention = simple(100.0, 80.0, 2.0, None);
    let mut by_churn = by_retention.clone();
    by_churn.retention_basis = RetentionBasis::Churn;
    by_churn.churn_pct = 20.0;
    let mut by_lifetime = by_retention.clone();
    by_lifetime.retention_basis = RetentionBasis::Lifetime;
    by_lifetime.lifetime_periods = 5.0;
    let a = ltv_of(&by_retention).finite().unwrap();
    let b = ltv_of(&by_churn).finite().unwrap();
    let c = ltv_of(&by_lifetime).finite().unwrap();
    // 100 x 1.02 / 0.22 = 463.64.
    assert!(near(a, 100.0 * 1.02 / 0.22, 1e-12));
    assert!(near(a, b, 1e-12) && near(a, c, 1e-12));
}

#[test]
fn zero_cac_gives_no_ratio() {
    let mut i = demo();
    i.cac = 0.0;
    let r = compute(&i).unwrap();
    assert_eq!(r.ltv_to_cac, None);
    assert_eq!(r.band, None);
    assert_eq!(r.payback_periods, Some(0));
    assert!(r.allowed_cac.finite().is_some());
}

#[test]
fn zero_retention_counts_period_zero_only() {
    let r = compute(&simple(100.0, 0.0, 5.0, None)).unwrap();
    assert!(near(r.base.ltv.finite().unwrap(), 100.0, 1e-12));
    assert_eq!(r.base.lifetime_periods, Some(1.0));
}

#[test]
fn unbounded_scenario_and_segment_get_notices() {
    let mut i = demo();
    i.discount_rate_pct = 0.0;
    i.segments[1].retention_pct = 100.0;
    let r = compute(&i).unwrap();
    let fields: Vec<&str> = r.notices.iter().map(|n| n.field.as_str()).collect();
    // Base 95 % + 5 pp = 100 %: the what-if is unbounded; segment A 97 + 5 -> 100 % too
    // (development), segment B is unbounded today; C 85 + 5 stays finite.
    assert_eq!(
        fields,
        [
            "scenario-retention",
            "development-retention",
            "segment-2-retention"
        ]
    );
    assert!(r.notices.iter().all(|n| n.problem == Problem::Unbounded));
}

#[test]
fn errors_from_every_section_come_together() {
    let mut i = demo();
    i.avg_check = f64::NAN;
    i.scenario.retention_pp = 200.0;
    i.segments[0].gross_margin_pct = -1.0;
    i.sleeping_clients = -5.0;
    i.reactivation_pct = 101.0;
    let fields: Vec<String> = compute(&i)
        .unwrap_err()
        .into_iter()
        .map(|e| e.field)
        .collect();
    assert_eq!(
        fields,
        [
            "ltv-avg-check",
            "scenario-retention",
            "segment-1-margin",
            "sleeping-clients",
            "reactivation-rate"
        ]
    );
    // The headcount link reads only the main inputs: a broken segment does not hide it.
    let mut i = demo();
    i.segments[0].gross_margin_pct = -1.0;
    assert!(compute(&i).is_err());
    assert!(near(allowed_cac(&i).unwrap(), 505_000.0, 1e-12));
}

#[test]
fn compare_cac_for_the_headcount_page() {
    // Allowed 505 000; a budget implying 404 000 per client: ratio 1 515 000 / 404 000 = 3.75.
    let c = compare_cac(&demo(), 404_000.0).unwrap();
    assert!(near(c.headroom.unwrap(), 101_000.0, 1e-12));
    assert_eq!(c.band, Some(RatioBand::Healthy));
    assert!(c.within_allowed);
    assert!(compare_cac(&demo(), f64::NAN).is_none());
    assert!(compare_cac(&demo(), -1.0).is_none());
    let mut broken = demo();
    broken.target_ratio = 0.0;
    assert!(compare_cac(&broken, 1.0).is_none());
}

// ---------------------------------------------------------------- properties

/// Sum of m r^t / (1+d)^t for t < n, one period at a time.
fn brute_force(margin: f64, r: f64, d: f64, n: u32) -> f64 {
    let q = r / (1.0 + d);
    let (mut weight, mut sum) = (1.0, 0.0);
    for _ in 0..n {
        sum += margin * weight;
        weight *= q;
    }
    sum
}

/// `a >= b` up to rounding, unbounded above everything.
fn at_least(a: Figure, b: Figure) -> bool {
    match (a, b) {
        (Figure::Unbounded, _) => true,
        (Figure::Finite(_), Figure::Unbounded) => false,
        (Figure::Finite(a), Figure::Finite(b)) => a >= b - 1e-9 * b.abs().max(1.0),
    }
}

fn retention() -> impl Strategy<Value = f64> {
    prop_oneof![
        0.0..=100.0,
        Just(0.0),
        Just(100.0),
        99.0..100.0,
        Just(100.0 - 1e-12)
    ]
}

fn discount() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), 0.0..5.0, 0.0..=100.0, Just(1e-9)]
}

fn horizon() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![
        Just(None),
        (1u32..=MAX_HORIZON).prop_map(|h| Some(f64::from(h)))
    ]
}

fn money() -> impl Strategy<Value = f64> {
    prop_oneof![Just(0.0), 0.0..1e6, 0.0..=1e15, Just(1e15)]
}

/// Valid main inputs, edges included.
fn valid_inputs() -> impl Strategy<Value = LtvInputs> {
    (
        (money(), 0.0..50.0f64, 0.0..=100.0f64, retention()),
        (discount(), horizon(), money(), 1.0..=100.0f64),
    )
        .prop_map(
            |((check, freq, margin, ret), (d, h, cac, target))| LtvInputs {
                avg_check: check,
                purchases_per_period: freq,
                gross_margin_pct: margin,
                retention_basis: RetentionBasis::Retention,
                retention_pct: ret,
                discount_rate_pct: d,
                horizon_periods: h,
                cac,
                target_ratio: target,
                ..demo()
            },
        )
}

/// Any f64 at all, weighted towards the nasty ones.
fn wild() -> impl Strategy<Value = f64> {
    prop_oneof![
        any::<f64>(),
        Just(f64::NAN),
        Just(f64::INFINITY),
        Just(f64::NEG_INFINITY),
        Just(0.0),
        Just(-0.0),
        Just(100.0),
        Just(f64::MIN_POSITIVE),
        Just(5e-324),
        Just(1e15),
        -1e3..1e3,
        0.0..=100.0,
    ]
}

fn wild_uplift() -> impl Strategy<Value = Uplift> {
    (wild(), wild(), wild()).prop_map(|(r, c, p)| Uplift {
        retention_pp: r,
        avg_check_pct: c,
        purchases_plus: p,
    })
}

fn wild_segment() -> impl Strategy<Value = Segment> {
    (
        (wild(), wild(), wild()),
        (wild(), wild(), proptest::option::of(wild_uplift())),
    )
        .prop_map(|((clients, check, freq), (margin, ret, dev))| Segment {
            name: "S".into(),
            clients,
            avg_check: check,
            purchases_per_period: freq,
            gross_margin_pct: margin,
            retention_pct: ret,
            development: dev,
        })
}

fn wild_inputs() -> impl Strategy<Value = LtvInputs> {
    let basis = prop_oneof![
        Just(RetentionBasis::Retention),
        Just(RetentionBasis::Churn),
        Just(RetentionBasis::Lifetime)
    ];
    (
        (wild(), wild(), wild(), basis, wild(), wild(), wild()),
        (wild(), proptest::option::of(wild()), wild(), wild()),
        (
            wild_uplift(),
            wild_uplift(),
            prop::collection::vec(wild_segment(), 0..4),
        ),
        (wild(), wild()),
    )
        .prop_map(
            |(
                (check, freq, margin, basis, ret, churn, life),
                (d, h, cac, target),
                (scenario, development, segments),
                (sleeping, rate),
            )| LtvInputs {
                period: Period::Month,
                avg_check: check,
                purchases_per_period: freq,
                gross_margin_pct: margin,
                retention_basis: basis,
                retention_pct: ret,
                churn_pct: churn,
                lifetime_periods: life,
                discount_rate_pct: d,
                horizon_periods: h,
                cac,
                target_ratio: target,
                scenario,
                segments,
                development,
                sleeping_clients: sleeping,
                reactivation_pct: rate,
            },
        )
}

/// Every number in a report, so none can hide a NaN or an infinity.
fn numbers(r: &LtvReport) -> Vec<f64> {
    fn fig(out: &mut Vec<f64>, f: Figure) {
        out.extend(f.finite());
    }
    fn figures(out: &mut Vec<f64>, f: &LtvFigures) {
        out.extend([
            f.avg_check,
            f.purchases_per_period,
            f.gross_margin_pct,
            f.retention_pct,
            f.churn_pct,
            f.revenue_per_period,
            f.margin_per_period,
        ]);
        out.extend(f.lifetime_periods);
        for x in [f.active_periods, f.ltv_undiscounted, f.ltv] {
            fig(out, x);
        }
    }
    fn side(out: &mut Vec<f64>, s: &ScenarioSide) {
        figures(out, &s.figures);
        fig(out, s.allowed_cac);
        s.ltv_to_cac.into_iter().for_each(|x| fig(out, x));
    }
    let mut out = vec![r.cac, r.target_ratio];
    figures(&mut out, &r.base);
    fig(&mut out, r.allowed_cac);
    r.ltv_to_cac.into_iter().for_each(|x| fig(&mut out, x));
    for p in &r.curve {
        out.extend([p.discounted, p.undiscounted]);
    }
    for s in &r.sensitivity {
        out.extend([s.from, s.to]);
        out.extend(s.change_pct);
        fig(&mut out, s.ltv_after);
        fig(&mut out, s.change);
    }
    side(&mut out, &r.scenario.base);
    side(&mut out, &r.scenario.what_if);
    let d = &r.scenario.delta;
    out.extend([
        d.avg_check,
        d.purchases_per_period,
        d.retention_pp,
        d.margin_per_period,
    ]);
    out.extend(
        [
            d.lifetime_periods,
            d.ltv,
            d.ltv_pct,
            d.allowed_cac,
            d.ltv_to_cac,
        ]
        .into_iter()
        .flatten(),
    );
    let s = &r.segments;
    for row in &s.segments {
        out.push(row.clients);
        figures(&mut out, &row.today);
        figures(&mut out, &row.developed);
        for x in [row.base_value, row.potential_value] {
            fig(&mut out, x);
        }
        out.extend(row.uplift_value);
        out.extend(row.share_pct);
    }
    out.push(s.total_clients);
    for x in [s.total_base_value, s.total_potential_value] {
        fig(&mut out, x);
    }
    out.extend(s.uplift_value);
    out.extend(s.uplift_pct);
    let re = &r.reactivation;
    out.extend([
        re.sleeping_clients,
        re.reactivation_pct,
        re.reactivated_clients,
    ]);
    fig(&mut out, re.money_on_table);
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn closed_form_matches_the_period_by_period_sum(
        margin in 0.0..1e6f64,
        ret in retention(),
        d in discount(),
        h in 1u32..=MAX_HORIZON,
    ) {
        let ltv = ltv_of(&simple(margin, ret, d, Some(f64::from(h)))).finite().unwrap();
        let brute = brute_force(margin, ret / 100.0, d / 100.0, h);
        prop_assert!(near(ltv, brute, 1e-9), "closed {} brute {}", ltv, brute);
        let plain = compute(&simple(margin, ret, d, Some(f64::from(h)))).unwrap();
        let plain_brute = brute_force(margin, ret / 100.0, 0.0, h);
        prop_assert!(near(plain.base.ltv_undiscounted.finite().unwrap(), plain_brute, 1e-9));
    }

    #[test]
    fn unlimited_horizon_is_the_limit_of_the_sum(
        margin in 1.0..1e6f64,
        ret in 0.0..99.0f64,
        d in discount(),
    ) {
        // With q <= 0.99 the tail after 5 000 periods is below 0.99^5000 / 0.01 ~ 1e-20.
        let ltv = ltv_of(&simple(margin, ret, d, None)).finite().unwrap();
        let brute = brute_force(margin, ret / 100.0, d / 100.0, 5_000);
        prop_assert!(near(ltv, brute, 1e-9), "closed {} brute {}", ltv, brute);
    }

    #[test]
    fn ltv_never_falls_when_retention_rises(
        inputs in valid_inputs(),
        a in retention(),
        b in retention(),
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let low = ltv_of(&LtvInputs { retention_pct: lo, ..inputs.clone() });
        let high = ltv_of(&LtvInputs { retention_pct: hi, ..inputs });
        prop_assert!(at_least(high, low), "{:?} < {:?}", high, low);
    }

    #[test]
    fn ltv_never_falls_when_margin_rises(
        inputs in valid_inputs(),
        a in 0.0..=100.0f64,
        b in 0.0..=100.0f64,
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let low = ltv_of(&LtvInputs { gross_margin_pct: lo, ..inputs.clone() });
        let high = ltv_of(&LtvInputs { gross_margin_pct: hi, ..inputs });
        prop_assert!(at_least(high, low), "{:?} < {:?}", high, low);
    }

    #[test]
    fn discounting_never_raises_ltv(inputs in valid_inputs(), a in discount(), b in discount()) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let less = compute(&LtvInputs { discount_rate_pct: lo, ..inputs.clone() }).unwrap();
        let more = compute(&LtvInputs { discount_rate_pct: hi, ..inputs }).unwrap();
        prop_assert!(at_least(less.base.ltv, more.base.ltv));
        prop_assert!(at_least(more.base.ltv_undiscounted, more.base.ltv));
    }

    #[test]
    fn a_longer_horizon_never_lowers_ltv(
        inputs in valid_inputs(),
        a in 1u32..=MAX_HORIZON,
        b in 1u32..=MAX_HORIZON,
    ) {
        let (lo, hi) = if a <= b { (a, b) } else { (b, a) };
        let at = |h: Option<u32>| ltv_of(&LtvInputs {
            horizon_periods: h.map(f64::from),
            ..inputs.clone()
        });
        prop_assert!(at_least(at(Some(hi)), at(Some(lo))));
        prop_assert!(at_least(at(None), at(Some(hi))));
    }

    #[test]
    fn payback_is_the_first_period_covering_the_cac(inputs in valid_inputs()) {
        let r = compute(&inputs).unwrap();
        let m = r.base.margin_per_period;
        let (ret, d) = (r.base.retention_pct / 100.0, inputs.discount_rate_pct / 100.0);
        let cum = |n: u32| brute_force(m, ret, d, n);
        match r.payback_periods {
            Some(0) => prop_assert_eq!(inputs.cac, 0.0),
            Some(n) => {
                prop_assert!(cum(n) >= inputs.cac * (1.0 - 1e-8));
                prop_assert!(cum(n - 1) < inputs.cac * (1.0 + 1e-8));
            }
            None => {
                let limit = inputs.horizon_periods.map_or(MAX_HORIZON, |h| h as u32);
                prop_assert!(cum(limit) < inputs.cac * (1.0 + 1e-8));
            }
        }
    }

    #[test]
    fn allowed_cac_sits_exactly_on_the_target(inputs in valid_inputs()) {
        let r = compute(&inputs).unwrap();
        match r.base.ltv {
            Figure::Finite(ltv) => {
                let allowed = allowed_cac(&inputs).unwrap();
                prop_assert!(near(allowed * inputs.target_ratio, ltv, 1e-12));
                if allowed > 0.0 {
                    let c = compare_cac(&inputs, allowed).unwrap();
                    prop_assert!(c.within_allowed);
                    prop_assert_eq!(c.band, Some(RatioBand::Healthy));
                }
            }
            Figure::Unbounded => prop_assert_eq!(allowed_cac(&inputs), None),
        }
    }

    #[test]
    fn segment_shares_add_up_to_hundred(inputs in wild_inputs()) {
        if let Ok(r) = compute(&inputs) {
            let s = &r.segments;
            if s.total_base_value.finite().is_some_and(|t| t > 0.0) {
                let sum: f64 = s.segments.iter().filter_map(|row| row.share_pct).sum();
                prop_assert!(near(sum, 100.0, 1e-9), "{}", sum);
            }
        }
    }

    #[test]
    fn never_panics_nans_or_infinities(inputs in wild_inputs()) {
        match compute(&inputs) {
            Ok(r) => {
                for x in numbers(&r) {
                    prop_assert!(x.is_finite(), "{} in {:?}", x, r);
                }
                prop_assert!(r.curve.len() <= 1 + CURVE_MAX_POINTS as usize);
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
        let _ = allowed_cac(&inputs).map(|a| assert!(a.is_finite()));
        let _ = compare_cac(&inputs, 1.0);
    }

    #[test]
    fn valid_edges_always_compute_finite(inputs in valid_inputs(), segs in prop::collection::vec(
        (money(), money(), 0.0..50.0f64, 0.0..=100.0f64, retention()), 0..4)
    ) {
        let segments = segs.into_iter().map(|(clients, check, freq, margin, ret)| Segment {
            clients, avg_check: check, purchases_per_period: freq,
            gross_margin_pct: margin, retention_pct: ret, ..Segment::default()
        }).collect();
        let r = compute(&LtvInputs { segments, ..inputs });
        prop_assert!(r.is_ok(), "{:?}", r);
        if let Ok(r) = r {
            for x in numbers(&r) {
                prop_assert!(x.is_finite());
            }
        }
    }
}
