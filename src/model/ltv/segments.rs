//! Segments of the client base: today's value, its potential under a development plan, and
//! each segment's share.

use super::figures::{figures, LtvFigures};
use super::inputs::{field, LtvInputs, Segment, Uplift};
use super::math::{Figure, Terms, Unit};
use super::validate::uplift;
use crate::model::validation::Validator;

/// Most segments the page accepts.
pub const MAX_SEGMENTS: usize = 12;

/// A segment whose inputs passed the checks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CheckedSegment {
    pub name: String,
    pub clients: f64,
    pub unit: Unit,
    pub development: Uplift,
    /// Field prefix of the development plan in use (own or global), for notices.
    pub development_prefix: String,
}

/// Checks the segment list; `global` is the validated global development plan.
pub(crate) fn validate(
    v: &mut Validator,
    inputs: &LtvInputs,
    global: Uplift,
) -> Vec<CheckedSegment> {
    v.count(field::SEGMENTS, inputs.segments.len(), 0, MAX_SEGMENTS);
    inputs
        .segments
        .iter()
        .enumerate()
        .map(|(i, s)| validate_one(v, i, s, global))
        .collect()
}

fn validate_one(v: &mut Validator, i: usize, s: &Segment, global: Uplift) -> CheckedSegment {
    let f = |part: &str| field::segment(i, part);
    let clients = v.amount(&f("clients"), s.clients);
    let unit = Unit {
        avg_check: v.amount(&f("avg-check"), s.avg_check),
        purchases: v.amount(&f("frequency"), s.purchases_per_period),
        margin_pct: v.percent(&f("margin"), s.gross_margin_pct),
        churn_pct: 100.0 - v.percent(&f("retention"), s.retention_pct),
    };
    let (development, development_prefix) = match &s.development {
        Some(own) => {
            let prefix = field::segment_development(i);
            (uplift(v, &prefix, own), prefix)
        }
        None => (global, field::DEVELOPMENT.to_string()),
    };
    CheckedSegment {
        name: s.name.clone(),
        clients,
        unit,
        development,
        development_prefix,
    }
}

/// One segment's row.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentReport {
    pub name: String,
    /// Active clients today.
    pub clients: f64,
    /// One client's figures today.
    pub today: LtvFigures,
    /// The development plan applied (the segment's own, or the global one).
    pub development: Uplift,
    /// One client's figures after development.
    pub developed: LtvFigures,
    /// clients x today's LTV, money.
    pub base_value: Figure,
    /// clients x developed LTV, money.
    pub potential_value: Figure,
    /// potential - base, money; `None` when either is unbounded.
    pub uplift_value: Option<f64>,
    /// This segment's share of the total base value, percent; `None` when that total is 0 or
    /// unbounded.
    pub share_pct: Option<f64>,
}

/// All segments with totals.
#[derive(Debug, Clone, PartialEq)]
pub struct SegmentsReport {
    pub segments: Vec<SegmentReport>,
    pub total_clients: f64,
    /// Value of today's client base: sum of clients x LTV, money.
    pub total_base_value: Figure,
    /// Its value after development, money.
    pub total_potential_value: Figure,
    /// potential - base, money; `None` when either is unbounded.
    pub uplift_value: Option<f64>,
    /// Relative growth of the base's value, percent; `None` when base is 0 or unbounded.
    pub uplift_pct: Option<f64>,
}

pub(crate) fn report(segments: &[CheckedSegment], terms: &Terms) -> SegmentsReport {
    let mut rows: Vec<SegmentReport> = segments.iter().map(|s| row(s, terms)).collect();
    let sum = |value: fn(&SegmentReport) -> Figure| {
        rows.iter()
            .fold(Figure::Finite(0.0), |acc, r| acc.plus(value(r)))
    };
    let total_base_value = sum(|r| r.base_value);
    let total_potential_value = sum(|r| r.potential_value);
    let total_clients = rows.iter().map(|r| r.clients).sum();
    for r in &mut rows {
        r.share_pct = share_pct(r.base_value, total_base_value);
    }
    SegmentsReport {
        segments: rows,
        total_clients,
        total_base_value,
        total_potential_value,
        uplift_value: total_potential_value.minus(total_base_value),
        uplift_pct: super::scenarios::change_pct(total_potential_value, total_base_value),
    }
}

fn row(s: &CheckedSegment, terms: &Terms) -> SegmentReport {
    let today = figures(&s.unit, terms);
    let developed = figures(&s.unit.with_uplift(&s.development), terms);
    let base_value = today.ltv.times(s.clients);
    let potential_value = developed.ltv.times(s.clients);
    SegmentReport {
        name: s.name.clone(),
        clients: s.clients,
        today,
        development: s.development,
        developed,
        base_value,
        potential_value,
        uplift_value: potential_value.minus(base_value),
        share_pct: None,
    }
}

fn share_pct(part: Figure, total: Figure) -> Option<f64> {
    let total = total.finite().filter(|t| *t > 0.0)?;
    let share = part.finite()? / total * 100.0;
    share.is_finite().then_some(share)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::names::variant_names;

    fn checked(inputs: &LtvInputs) -> Vec<CheckedSegment> {
        let mut v = Validator::default();
        let s = validate(&mut v, inputs, inputs.development);
        v.finish(s).unwrap()
    }

    fn segment(
        clients: f64,
        avg_check: f64,
        purchases: f64,
        margin: f64,
        retention: f64,
    ) -> Segment {
        Segment {
            name: String::new(),
            clients,
            avg_check,
            purchases_per_period: purchases,
            gross_margin_pct: margin,
            retention_pct: retention,
            development: None,
        }
    }

    const NO_DISCOUNT: Terms = Terms {
        discount_pct: 0.0,
        horizon: None,
    };

    #[test]
    fn two_segments_by_hand() {
        // S1: 10 clients, margin 100 x 1 x 100 % = 100, r = 50 % -> LTV 100 / 0.5 = 200;
        //     value 2 000.
        // S2: 30 clients, margin 50 x 2 x 50 % = 50, r = 75 % -> LTV 50 / 0.25 = 200;
        //     value 6 000. Total 8 000: shares 25 % and 75 %.
        // Development +10 % check only: S1 LTV 220 -> 2 200; S2 LTV 220 -> 6 600; 8 800.
        let mut inputs = LtvInputs::demo(&variant_names);
        inputs.segments = vec![
            segment(10.0, 100.0, 1.0, 100.0, 50.0),
            segment(30.0, 50.0, 2.0, 50.0, 75.0),
        ];
        inputs.development = Uplift {
            avg_check_pct: 10.0,
            ..Uplift::NONE
        };
        let r = report(&checked(&inputs), &NO_DISCOUNT);
        assert_eq!(r.total_clients, 40.0);
        let base = r.total_base_value.finite().unwrap();
        let potential = r.total_potential_value.finite().unwrap();
        assert!((base - 8_000.0).abs() < 1e-9, "{base}");
        assert!((potential - 8_800.0).abs() < 1e-9, "{potential}");
        assert!((r.segments[0].share_pct.unwrap() - 25.0).abs() < 1e-9);
        assert!((r.segments[1].share_pct.unwrap() - 75.0).abs() < 1e-9);
        assert!((r.uplift_value.unwrap() - 800.0).abs() < 1e-9);
        assert!((r.uplift_pct.unwrap() - 10.0).abs() < 1e-9);
    }

    #[test]
    fn own_development_overrides_the_global_one() {
        let mut inputs = LtvInputs::demo(&variant_names);
        inputs.segments = vec![segment(1.0, 100.0, 1.0, 100.0, 50.0)];
        inputs.segments[0].development = Some(Uplift {
            retention_pp: 25.0,
            ..Uplift::NONE
        });
        let c = checked(&inputs);
        assert_eq!(c[0].development_prefix, "segment-1-development");
        // r 50 -> 75 %: LTV 100 / 0.25 = 400.
        let r = report(&c, &NO_DISCOUNT);
        assert_eq!(r.segments[0].developed.ltv, Figure::Finite(400.0));
    }

    #[test]
    fn an_unbounded_segment_leaves_shares_undefined() {
        let mut inputs = LtvInputs::demo(&variant_names);
        inputs.segments = vec![
            segment(10.0, 100.0, 1.0, 100.0, 100.0),
            segment(10.0, 100.0, 1.0, 100.0, 50.0),
            segment(0.0, 100.0, 1.0, 100.0, 100.0),
        ];
        let r = report(&checked(&inputs), &NO_DISCOUNT);
        assert_eq!(r.total_base_value, Figure::Unbounded);
        assert!(r.segments.iter().all(|s| s.share_pct.is_none()));
        // No clients, no value, even with an unbounded LTV.
        assert_eq!(r.segments[2].base_value, Figure::Finite(0.0));
        assert_eq!(r.uplift_value, None);
    }

    #[test]
    fn empty_list_gives_zero_totals() {
        let mut inputs = LtvInputs::demo(&variant_names);
        inputs.segments.clear();
        let r = report(&checked(&inputs), &NO_DISCOUNT);
        assert_eq!(r.total_base_value, Figure::Finite(0.0));
        assert_eq!(r.uplift_pct, None);
    }

    #[test]
    fn bad_segment_fields_are_named_and_too_many_are_refused() {
        let mut inputs = LtvInputs::demo(&variant_names);
        inputs.segments[1].clients = -3.0;
        inputs.segments[1].retention_pct = 101.0;
        inputs.segments[2].development = Some(Uplift {
            avg_check_pct: -101.0,
            ..Uplift::NONE
        });
        let mut v = Validator::default();
        validate(&mut v, &inputs, inputs.development);
        let fields: Vec<String> = v
            .finish(())
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "segment-2-clients",
                "segment-2-retention",
                "segment-3-development-avg-check"
            ]
        );
        inputs.segments = vec![Segment::default(); MAX_SEGMENTS + 1];
        let mut v = Validator::default();
        validate(&mut v, &inputs, inputs.development);
        assert_eq!(v.finish(()).unwrap_err()[0].field, "segments");
    }
}
