//! Property tests of the whole funnel model (issue 3, item 9).

use proptest::prelude::*;

use super::*;
use crate::model::diagnostics::{ActualConversion, Diagnostics, SellerActuals};
use crate::model::plan::RevenueTarget;
use crate::model::validation::FieldError;

/// Any f64, weighted towards values that pass validation so the `Ok` paths run too, with the
/// extremes that break careless arithmetic (NaN, infinities, subnormals, huge values).
fn any_number() -> impl Strategy<Value = f64> {
    prop_oneof![
        4 => 0.0..100.0,
        2 => 1.0..31.0,
        2 => -1e3..1e7,
        1 => 0.0..2e15,
        1 => any::<f64>(),
        1 => prop_oneof![
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(0.0),
            Just(-0.0),
            Just(1e15),
            Just(1e-300),
            Just(5e-324),
            Just(100.0),
            Just(f64::MAX),
        ],
    ]
}

/// Mostly a value from `valid`, sometimes anything: keeps the `Ok` path frequent while every
/// field still meets NaN, infinities and negatives.
fn mostly<S: Strategy<Value = f64> + 'static>(valid: S) -> BoxedStrategy<f64> {
    prop_oneof![8 => valid, 1 => any_number()].boxed()
}

fn contact() -> impl Strategy<Value = ContactType> {
    prop::sample::select(ContactType::ALL.to_vec())
}

fn any_stage() -> impl Strategy<Value = Stage> {
    let conversion = mostly(prop_oneof![
        0.0..=100.0,
        Just(0.0),
        Just(100.0),
        Just(1e-300)
    ]);
    ("[a-zа-я ]{0,4}", conversion, mostly(0.0..100.0), contact()).prop_map(
        |(name, conversion_pct, days, contact)| Stage {
            name,
            conversion_pct,
            days,
            contact,
        },
    )
}

fn any_actuals() -> impl Strategy<Value = Vec<SellerActuals>> {
    prop::collection::vec(
        (
            "[a-z]{0,3}",
            prop::collection::vec(prop::option::weighted(0.9, mostly(0.0..1e6)), 0..14),
        )
            .prop_map(|(name, counts)| SellerActuals { name, counts }),
        0..4,
    )
}

fn any_stage_list() -> impl Strategy<Value = Vec<Stage>> {
    prop_oneof![
        6 => prop::collection::vec(any_stage(), MIN_STAGES..=MAX_STAGES),
        1 => prop::collection::vec(any_stage(), 0..15),
    ]
}

fn any_inputs() -> impl Strategy<Value = (FunnelInputs, RevenueTarget)> {
    let money = || mostly(prop_oneof![0.0..1e9, Just(0.0), Just(1e15)]);
    let avg_check = mostly(prop_oneof![0.01..1e7, Just(5e-324), Just(1e15)]);
    (
        any_stage_list(),
        (avg_check, mostly(0.0..=100.0), any::<bool>()),
        (money(), money(), mostly(1.0..1e6)),
        (any_actuals(), mostly(0.0..=100.0)),
    )
        .prop_map(
            |(
                stages,
                (avg_check, gross_margin_pct, fwd),
                (entry, revenue, sellers),
                (actuals, share),
            )| {
                let target = RevenueTarget {
                    new_clients_per_month: revenue * share / 100.0,
                    existing_clients_per_month: revenue - revenue * share / 100.0,
                };
                let inputs = FunnelInputs {
                    stages,
                    avg_check,
                    gross_margin_pct,
                    direction: if fwd {
                        Direction::Forward
                    } else {
                        Direction::Reverse
                    },
                    entry_per_month: entry,
                    sellers,
                    actuals,
                };
                (inputs, target)
            },
        )
}

/// A valid funnel of 2..=12 stages with conversions in (0, 100].
fn valid_stages() -> impl Strategy<Value = Vec<Stage>> {
    prop::collection::vec(
        prop_oneof![4 => 0.01..=100.0, 1 => Just(100.0), 1 => 1e-9..0.01],
        MIN_STAGES..=MAX_STAGES,
    )
    .prop_map(|conversions| {
        conversions
            .into_iter()
            .map(|conversion_pct| Stage {
                name: "s".into(),
                conversion_pct,
                ..Stage::default()
            })
            .collect()
    })
}

fn forward_numbers(f: &ForwardResult) -> Vec<f64> {
    let mut v = vec![
        f.entry_per_month,
        f.deals,
        f.revenue,
        f.gross_profit,
        f.overall_conversion_pct,
    ];
    for s in &f.stages {
        v.extend([s.per_month, s.from_entry_pct, s.lost_per_month]);
    }
    v
}

fn reverse_numbers(r: &ReversePlan) -> Vec<f64> {
    let mut v = vec![r.deals, r.revenue, r.overall_conversion_pct];
    v.extend(r.gross_profit);
    for s in &r.stages {
        v.extend([
            s.per_month,
            s.per_week,
            s.per_day,
            s.per_seller_per_day,
            s.per_seller_per_week,
            s.per_seller_per_month,
        ]);
    }
    v
}

fn sensitivity_numbers(s: &Sensitivity) -> Vec<f64> {
    let mut v = vec![s.entry_per_month, s.base_deals];
    for l in &s.levers {
        v.extend([
            l.conversion_pct,
            l.raised_pct,
            l.extra_deals,
            l.extra_revenue,
            l.extra_gross_profit,
        ]);
    }
    v
}

fn cycle_numbers(c: &Cycle) -> Vec<f64> {
    let mut v = vec![
        c.total_days,
        c.working_weeks,
        c.months,
        c.calendar_days,
        c.months_ahead,
        c.latest_entry_day,
    ];
    v.extend(&c.stage_start_days);
    v
}

fn diagnostics_numbers(d: &Diagnostics) -> Vec<f64> {
    let mut v = vec![d.money_lost];
    for s in &d.sellers {
        v.extend([s.money_lost, s.clients_lost]);
        for t in &s.transitions {
            v.extend([t.norm_pct, t.clients_lost, t.money_lost]);
            v.extend(t.deviation_pp);
            if let ActualConversion::Measured { pct } = t.actual {
                v.push(pct);
            }
        }
    }
    for p in &d.priorities {
        v.extend([p.money_lost, p.clients_lost]);
    }
    v
}

fn problem_numbers(errors: &[FieldError]) -> Vec<f64> {
    use crate::model::validation::Problem;
    errors
        .iter()
        .flat_map(|e| match e.problem {
            Problem::TooLarge { max } => vec![max],
            Problem::OutOfRange { min, max } => vec![min, max],
            _ => vec![],
        })
        .collect()
}

fn report_numbers(r: &FunnelReport) -> Vec<f64> {
    let mut v = Vec::new();
    match &r.forward {
        Ok(f) => v.extend(forward_numbers(f)),
        Err(e) => v.extend(problem_numbers(e)),
    }
    match &r.reverse {
        Ok(p) => v.extend(reverse_numbers(p)),
        Err(e) => v.extend(problem_numbers(e)),
    }
    v.extend(cycle_numbers(&r.cycle));
    v.extend(sensitivity_numbers(&r.sensitivity));
    v.extend(sensitivity_numbers(&r.sensitivity_points));
    v.extend(diagnostics_numbers(&r.diagnostics));
    v
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn compute_never_panics_nor_returns_nan(
        (inputs, target) in any_inputs(),
        days in mostly(1.0..=31.0),
    ) {
        match compute(&inputs, &target, days) {
            Ok(report) => {
                for x in report_numbers(&report) {
                    prop_assert!(x.is_finite(), "{x} in {report:?}");
                }
            }
            Err(errors) => prop_assert!(!errors.is_empty()),
        }
    }

    #[test]
    fn valid_extreme_funnels_stay_finite(
        stages in valid_stages(),
        avg_check in prop_oneof![Just(5e-324), Just(1e-300), 0.01..1e15, Just(1e15)],
        target in prop_oneof![Just(0.0), 0.0..1e15, Just(1e15)],
        entry in prop_oneof![Just(0.0), 0.0..1e15, Just(1e15)],
        days in 1.0..=31.0,
        sellers in 1.0..=1e6,
        fwd in any::<bool>(),
    ) {
        let inputs = FunnelInputs {
            stages,
            avg_check,
            gross_margin_pct: 30.0,
            direction: if fwd { Direction::Forward } else { Direction::Reverse },
            entry_per_month: entry,
            sellers,
            actuals: Vec::new(),
        };
        let target = RevenueTarget {
            new_clients_per_month: target,
            existing_clients_per_month: 0.0,
        };
        // Forward mode can always compute a valid funnel; reverse may say "too large".
        let result = compute(&inputs, &target, days);
        if fwd {
            prop_assert!(result.is_ok());
        }
        if let Ok(report) = result {
            for x in report_numbers(&report) {
                prop_assert!(x.is_finite(), "{x} in {report:?}");
            }
        }
    }

    #[test]
    fn higher_conversion_never_needs_more_leads(
        stages in valid_stages(),
        pick in any::<prop::sample::Index>(),
        raise in 0.0..=1.0f64,
        avg_check in 1.0..1e6,
        target in 0.0..1e10,
    ) {
        let i = pick.index(stages.len() - 1);
        let mut better = stages.clone();
        let c = stages[i].conversion_pct;
        better[i].conversion_pct = c + (100.0 - c) * raise;
        let before = reverse(&stages, avg_check, target, 21.0, 3.0);
        let after = reverse(&better, avg_check, target, 21.0, 3.0);
        if let Ok(before) = before {
            let Ok(after) = after else {
                return Err(TestCaseError::fail("a higher conversion made the plan impossible"));
            };
            for (a, b) in after.stages.iter().zip(&before.stages) {
                prop_assert!(a.per_month <= b.per_month, "{} > {}", a.per_month, b.per_month);
            }
        }
    }

    #[test]
    fn reverse_plan_run_forward_reaches_the_target(
        stages in valid_stages(),
        avg_check in 0.01..1e7,
        target in 0.0..1e12,
    ) {
        if let Ok(plan) = reverse(&stages, avg_check, target, 21.0, 2.0) {
            prop_assert!(plan.deals * avg_check >= target * (1.0 - 1e-11));
            let f = forward(&stages, avg_check, 50.0, plan.leads_per_month()).unwrap();
            // Rounding noise below 1e-12 per stage is forgiven (see `round_noise`).
            prop_assert!(
                f.deals >= plan.deals * (1.0 - 1e-10),
                "forward {} < planned {}", f.deals, plan.deals
            );
            prop_assert!(f.revenue >= target * (1.0 - 1e-10));
        }
    }

    #[test]
    fn sensitivity_gains_are_ranked_and_never_negative(
        stages in valid_stages(),
        entry in 0.0..1e9,
        points in any::<bool>(),
    ) {
        let step = if points { Step::TenPoints } else { Step::TenPercentRelative };
        let s = sensitivity(&stages, 100.0, 50.0, entry, step).unwrap();
        prop_assert_eq!(s.levers.len(), stages.len() - 1);
        prop_assert!(s.levers.iter().all(|l| l.extra_deals >= 0.0));
        prop_assert!(s.levers.windows(2).all(|w| w[0].rank <= w[1].rank));
        let max = s.levers.iter().map(|l| l.extra_deals).fold(0.0, f64::max);
        if let Some(stage) = s.biggest {
            let top = s.levers.iter().find(|l| l.stage == stage).unwrap();
            prop_assert!(top.extra_deals >= max * (1.0 - 1e-9));
        } else {
            prop_assert_eq!(max, 0.0);
        }
    }

    #[test]
    fn weakest_stage_loses_the_most(
        stages in valid_stages(),
        counts in prop::collection::vec(prop::collection::vec(0.0..1e6, 12), 1..4),
    ) {
        let actuals: Vec<SellerActuals> = counts
            .into_iter()
            .map(|c| SellerActuals {
                name: "x".into(),
                counts: c[..stages.len()].iter().copied().map(Some).collect(),
            })
            .collect();
        let d = crate::model::diagnostics::diagnose(&stages, 1_000.0, &actuals).unwrap();
        for s in &d.sellers {
            let max = s.transitions.iter().map(|t| t.money_lost).fold(0.0, f64::max);
            match s.weakest_stage {
                Some(w) => prop_assert_eq!(s.transitions[w].money_lost, max),
                None => prop_assert_eq!(max, 0.0),
            }
        }
        let by_stage: f64 = d.priorities.iter().map(|p| p.money_lost).sum();
        prop_assert!((by_stage - d.money_lost).abs() <= 1e-6 * d.money_lost.max(1.0));
    }
}
