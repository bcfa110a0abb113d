use super::*;
use crate::model::stage::ContactType;

/// The demo plan's norm: 40% -> 50% -> 40% -> deal, average check 150 000.
/// A client reaching stage 2 is worth 0.5 x 0.4 x 150 000 = 30 000 at the norm,
/// stage 3: 0.4 x 150 000 = 60 000, the deal stage: 150 000.
fn norm() -> Vec<Stage> {
    let stage = |name: &str, conversion_pct: f64, days: f64, contact: ContactType| Stage {
        name: name.to_string(),
        conversion_pct,
        days,
        contact,
    };
    vec![
        stage("Leads", 40.0, 3.0, ContactType::Call),
        stage("Qualified", 50.0, 7.0, ContactType::Call),
        stage("Meetings", 40.0, 14.0, ContactType::Meeting),
        stage("Deals", 100.0, 0.0, ContactType::Meeting),
    ]
}

const CHECK: f64 = 150_000.0;

fn seller(name: &str, counts: &[f64]) -> SellerActuals {
    SellerActuals {
        name: name.into(),
        counts: counts.iter().copied().map(Some).collect(),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * b.abs().max(1.0)
}

fn measured(t: &TransitionDiagnosis) -> f64 {
    match t.actual {
        ActualConversion::Measured { pct } => pct,
        other => panic!("not measured: {other:?}"),
    }
}

#[test]
fn two_sellers_worked_example() {
    // Anna 100 -> 40 -> 10 -> 4: 40% (0 pp), 25% (-25 pp), 40% (0 pp).
    //   Stage 2 loses 40 x (50% - 25%) = 10 clients x 60 000 = 600 000. Weakest: stage 2.
    // Boris 200 -> 50 -> 25 -> 10: 25% (-15 pp), 50% (0 pp), 40% (0 pp).
    //   Stage 1 loses 200 x 15% = 30 clients x 30 000 = 900 000. Weakest: stage 1.
    // Team: stage 1 900 000, stage 2 600 000, stage 3 0; total 1 500 000.
    let d = diagnose(
        &norm(),
        CHECK,
        &[
            seller("Anna", &[100.0, 40.0, 10.0, 4.0]),
            seller("Boris", &[200.0, 50.0, 25.0, 10.0]),
        ],
    )
    .unwrap();
    let anna = &d.sellers[0];
    assert_eq!(anna.name, "Anna");
    assert!(close(measured(&anna.transitions[1]), 25.0));
    assert!(close(anna.transitions[1].deviation_pp.unwrap(), -25.0));
    assert!(close(anna.transitions[1].clients_lost, 10.0));
    assert!(close(anna.transitions[1].money_lost, 600_000.0));
    assert_eq!(anna.transitions[0].money_lost, 0.0);
    assert_eq!(anna.weakest_stage, Some(1));
    assert!(anna.problems.is_empty());

    let boris = &d.sellers[1];
    assert!(close(boris.transitions[0].deviation_pp.unwrap(), -15.0));
    assert!(close(boris.transitions[0].clients_lost, 30.0));
    assert!(close(boris.money_lost, 900_000.0));
    assert_eq!(boris.weakest_stage, Some(0));

    let order: Vec<(usize, usize, usize)> = d
        .priorities
        .iter()
        .map(|p| (p.stage, p.rank, p.weakest_for))
        .collect();
    assert_eq!(order, vec![(0, 1, 1), (1, 2, 1), (2, 3, 0)]);
    assert!(close(d.priorities[0].money_lost, 900_000.0));
    assert!(close(d.priorities[1].clients_lost, 10.0));
    assert!(close(d.money_lost, 1_500_000.0));
}

#[test]
fn money_not_percentage_points_names_the_weakest_stage() {
    // Norm 50% -> 10% -> deal, check 1 000: a client at stage 2 is worth 100, a deal 1 000.
    // Yana 1 000 -> 420 -> 25: stage 1 is 42% (-8 pp), stage 2 is 5.95% (-4.05 pp).
    // Stage 1 loses 1 000 x 8% = 80 clients x 100 = 8 000; stage 2 loses
    // 420 x 10% - 25 = 17 clients x 1 000 = 17 000: the smaller deviation costs more.
    let mut stages = norm()[1..].to_vec();
    stages[0].conversion_pct = 50.0;
    stages[1].conversion_pct = 10.0;
    let d = diagnose(&stages, 1_000.0, &[seller("Yana", &[1000.0, 420.0, 25.0])]).unwrap();
    let yana = &d.sellers[0];
    assert!(close(yana.transitions[0].deviation_pp.unwrap(), -8.0));
    assert!(close(yana.transitions[0].money_lost, 8_000.0));
    assert!(close(yana.transitions[1].clients_lost, 17.0));
    assert!(close(yana.transitions[1].money_lost, 17_000.0));
    assert_eq!(yana.weakest_stage, Some(1));
}

#[test]
fn zero_clients_make_the_conversion_undefined() {
    // Gleb 50 -> 0 -> 0 -> 0: stage 1 is 0% (-40 pp): 50 x 40% = 20 clients x 30 000 =
    // 600 000; stages 2 and 3 have nobody to convert.
    let d = diagnose(&norm(), CHECK, &[seller("Gleb", &[50.0, 0.0, 0.0, 0.0])]).unwrap();
    let gleb = &d.sellers[0];
    assert!(close(gleb.transitions[0].money_lost, 600_000.0));
    assert_eq!(gleb.transitions[1].actual, ActualConversion::NoClients);
    assert_eq!(gleb.transitions[1].deviation_pp, None);
    assert_eq!(gleb.transitions[2].money_lost, 0.0);
    assert_eq!(gleb.weakest_stage, Some(0));
}

#[test]
fn growth_downstream_is_flagged_and_loses_nothing() {
    // Dasha 10 -> 20 -> 5, deal count missing: 200% (+160 pp, flagged, no loss);
    // 25% (-25 pp): 20 x 25% = 5 clients x 60 000 = 300 000; the last transition is missing.
    let d = diagnose(&norm(), CHECK, &[seller("Dasha", &[10.0, 20.0, 5.0])]).unwrap();
    let dasha = &d.sellers[0];
    let first = &dasha.transitions[0];
    assert!(close(measured(first), 200.0));
    assert!(close(first.deviation_pp.unwrap(), 160.0));
    assert!(first.grows_downstream);
    assert_eq!(first.money_lost, 0.0);
    assert!(close(dasha.transitions[1].money_lost, 300_000.0));
    assert_eq!(dasha.transitions[2].actual, ActualConversion::Missing);
    assert_eq!(
        dasha.problems,
        vec![FieldError::new("seller-1-stage-4", Problem::Empty)]
    );
}

#[test]
fn clients_after_an_empty_stage_are_flagged() {
    let d = diagnose(&norm(), CHECK, &[seller("Egor", &[10.0, 0.0, 3.0, 1.0])]).unwrap();
    let t = &d.sellers[0].transitions[1];
    assert_eq!(t.actual, ActualConversion::NoClients);
    assert!(t.grows_downstream);
}

#[test]
fn bad_counts_stay_in_their_row() {
    // Row 2 has an invalid count at stage 2 and one count too many; row 1 is fine.
    let d = diagnose(
        &norm(),
        CHECK,
        &[
            seller("Anna", &[100.0, 40.0, 20.0, 8.0]),
            seller("Zhenya", &[100.0, f64::NAN, 10.0, 4.0, 1.0]),
        ],
    )
    .unwrap();
    assert!(d.sellers[0].problems.is_empty());
    assert_eq!(d.sellers[0].weakest_stage, None);
    let z = &d.sellers[1];
    assert_eq!(
        z.problems,
        vec![
            FieldError::new("seller-2-stage-2", Problem::NotANumber),
            FieldError::new("seller-2", Problem::CountOutOfRange { min: 4, max: 4 }),
        ]
    );
    assert_eq!(z.transitions[0].actual, ActualConversion::Missing);
    assert_eq!(z.transitions[1].actual, ActualConversion::Missing);
    assert!(close(measured(&z.transitions[2]), 40.0));
}

#[test]
fn no_sellers_gives_zero_priorities() {
    let d = diagnose(&norm(), CHECK, &[]).unwrap();
    assert!(d.sellers.is_empty());
    assert_eq!(d.priorities.len(), 3);
    assert!(d
        .priorities
        .iter()
        .all(|p| p.rank == 1 && p.money_lost == 0.0));
    assert_eq!(d.money_lost, 0.0);
}

#[test]
fn a_broken_norm_is_an_error() {
    let mut stages = norm();
    stages[0].conversion_pct = 150.0;
    let errs = diagnose(&stages, 0.0, &[]).unwrap_err();
    let fields: Vec<&str> = errs.iter().map(|e| e.field.as_str()).collect();
    assert_eq!(fields, ["stage-1-conversion", "avg-check"]);
}

#[test]
fn a_count_not_entered_yet_leaves_its_transitions_missing() {
    // A stage was inserted at position 2 after Anna's counts were typed: 100 -> ? -> 10 -> 4.
    // Both transitions around the gap are unknown; 10 -> 4 is 40% (0 pp) and loses nothing.
    let anna = SellerActuals {
        name: "Anna".into(),
        counts: vec![Some(100.0), None, Some(10.0), Some(4.0)],
    };
    let d = diagnose(&norm(), CHECK, &[anna]).unwrap();
    let a = &d.sellers[0];
    assert_eq!(
        a.problems,
        vec![FieldError::new("seller-1-stage-2", Problem::Empty)]
    );
    assert_eq!(a.transitions[0].actual, ActualConversion::Missing);
    assert_eq!(a.transitions[1].actual, ActualConversion::Missing);
    assert!(close(measured(&a.transitions[2]), 40.0));
    assert_eq!(a.weakest_stage, None);
}
