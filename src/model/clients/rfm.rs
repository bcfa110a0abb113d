//! RFM: recency, frequency and monetary scores 1..=5 by quintile, and named segments.
//!
//! Scores are quintiles of the clients' ranks: with `below` clients worse than a value and
//! `equal` clients sharing it, the score is `1 + floor(5 * (below + equal / 2) / n)` (capped
//! at 5), so tied clients share the score of their middle (everyone equal scores 3, not 1).
//! Recency is days since the last purchase (fewer is better, scores higher); frequency is
//! purchase days; monetary is total revenue.
//!
//! Segments use R and F (the RF grid; M is shown, not used), and cover every client:
//!
//! | segment   | rule                 | meaning                                   |
//! |-----------|----------------------|-------------------------------------------|
//! | Champions | R >= 4 and F >= 4    | buy often and bought recently             |
//! | Loyal     | R >= 3 and F >= 3, not a champion | regular buyers               |
//! | Promising | R >= 3 and F <= 2    | bought recently, not often yet (new ones) |
//! | AtRisk    | R <= 2 and F >= 3    | used to buy often, have not lately        |
//! | Sleeping  | R == 2 and F <= 2    | occasional buyers gone quiet              |
//! | Lost      | R == 1 and F <= 2    | occasional buyers gone longest            |

use serde::{Deserialize, Serialize};

/// Named RFM segment; see the module table for the rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Segment {
    Champions,
    Loyal,
    Promising,
    AtRisk,
    Sleeping,
    Lost,
}

impl Segment {
    pub const ALL: [Segment; 6] = [
        Segment::Champions,
        Segment::Loyal,
        Segment::Promising,
        Segment::AtRisk,
        Segment::Sleeping,
        Segment::Lost,
    ];

    /// The segment of a client with recency score `r` and frequency score `f` (1..=5).
    pub fn of(r: u8, f: u8) -> Segment {
        match (r, f) {
            (4.., 4..) => Segment::Champions,
            (3.., 3..) => Segment::Loyal,
            (3.., _) => Segment::Promising,
            (_, 3..) => Segment::AtRisk,
            (2, _) => Segment::Sleeping,
            _ => Segment::Lost,
        }
    }

    /// Segments whose clients the reactivation list offers: they bought and stopped.
    pub fn needs_reactivation(self) -> bool {
        matches!(self, Segment::AtRisk | Segment::Sleeping)
    }

    pub fn index(self) -> usize {
        Segment::ALL.iter().position(|&s| s == self).unwrap_or(0)
    }
}

/// Scores 1..=5 for `values`, where a larger value is better (use negated values otherwise).
/// Tied values share the score of their middle rank. Not-a-number values count as the worst.
///
/// Only each value's rank range matters, so a sort is avoided where it can be: whole
/// numbers in a short span (days, purchase counts) are counted, and values already in
/// order (revenue, after the ABC sort) are taken as they are. A sort of 50,000 clients'
/// indices was a tenth of the 1,000,000-row analysis.
pub fn quintile_scores(values: &[f64]) -> Vec<u8> {
    if let Some(scores) = scores_by_counting(values) {
        return scores;
    }
    let n = values.len();
    let key = |i: usize| {
        let v = values[i];
        if v.is_nan() {
            f64::NEG_INFINITY
        } else {
            v
        }
    };
    let ascending = |a: usize, b: usize| key(a).total_cmp(&key(b));
    let order: Vec<usize> = if (1..n).all(|i| ascending(i - 1, i).is_ge()) {
        (0..n).rev().collect()
    } else {
        let mut order: Vec<usize> = (0..n).collect();
        if !(1..n).all(|i| ascending(i - 1, i).is_le()) {
            order.sort_unstable_by(|&a, &b| ascending(a, b));
        }
        order
    };
    let mut scores = vec![1u8; n];
    let mut start = 0;
    while start < n {
        let mut end = start + 1;
        while end < n && key(order[end]) == key(order[start]) {
            end += 1;
        }
        let score = score_of_ranks(start, end, n);
        for &i in &order[start..end] {
            scores[i] = score;
        }
        start = end;
    }
    scores
}

/// The score of values ranked `start..end` (ascending) among `n`: their middle's quintile.
fn score_of_ranks(start: usize, end: usize, n: usize) -> u8 {
    let middle = start as f64 + (end - start) as f64 / 2.0;
    (1.0 + (5.0 * middle / n as f64).floor()).clamp(1.0, 5.0) as u8
}

/// [`quintile_scores`] for whole numbers (up to 2^53) whose span is at most the count (or
/// 4,096): a table of how many clients have each value gives every value's ranks. `None`
/// otherwise.
fn scores_by_counting(values: &[f64]) -> Option<Vec<u8>> {
    let n = values.len();
    let (mut lo, mut hi) = (f64::INFINITY, f64::NEG_INFINITY);
    for &v in values {
        // Whole and exact: beyond 2^53 neighbouring values could share a slot.
        if !v.is_finite() || v.fract() != 0.0 || v.abs() > 9.0e15 {
            return None;
        }
        lo = lo.min(v);
        hi = hi.max(v);
    }
    let span = hi - lo;
    if n == 0 || span > n.max(4_096) as f64 {
        return None;
    }
    let slot = |v: f64| (v - lo) as usize;
    let mut counts = vec![0u32; slot(hi) + 1];
    for &v in values {
        counts[slot(v)] += 1;
    }
    let mut score = vec![0u8; counts.len()];
    let mut below = 0;
    for (value, &count) in counts.iter().enumerate() {
        if count > 0 {
            let end = below + count as usize;
            score[value] = score_of_ranks(below, end, n);
            below = end;
        }
    }
    Some(values.iter().map(|&v| score[slot(v)]).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn five_distinct_values_get_one_to_five() {
        assert_eq!(
            quintile_scores(&[50.0, 10.0, 40.0, 20.0, 30.0]),
            vec![5, 1, 4, 2, 3]
        );
    }

    #[test]
    fn ten_values_two_per_score() {
        let v: Vec<f64> = (0..10).map(f64::from).collect();
        assert_eq!(quintile_scores(&v), vec![1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    }

    #[test]
    fn ties_share_the_middle_rank() {
        // Four tied: below 0, equal 4 -> 1 + floor(5 * (0 + 2) / 5) = 3.
        // The top one: below 4, equal 1 -> 1 + floor(5 * 4.5 / 5) = 5.
        assert_eq!(
            quintile_scores(&[1.0, 1.0, 1.0, 1.0, 9.0]),
            vec![3, 3, 3, 3, 5]
        );
        assert_eq!(quintile_scores(&[7.0; 4]), vec![3; 4]);
        assert_eq!(quintile_scores(&[]), Vec::<u8>::new());
        // NaN is the worst: 1 + floor(5 * 0.5 / 2) = 2; then 1 + floor(5 * 1.5 / 2) = 4.
        assert_eq!(quintile_scores(&[f64::NAN, 1.0]), vec![2, 4]);
    }

    /// The sort every shortcut must agree with.
    fn scores_by_sorting(values: &[f64]) -> Vec<u8> {
        let key = |v: f64| if v.is_nan() { f64::NEG_INFINITY } else { v };
        let n = values.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by(|&a, &b| key(values[a]).total_cmp(&key(values[b])));
        let mut scores = vec![0u8; n];
        let mut start = 0;
        while start < n {
            let mut end = start + 1;
            while end < n && key(values[order[end]]) == key(values[order[start]]) {
                end += 1;
            }
            for &i in &order[start..end] {
                scores[i] = score_of_ranks(start, end, n);
            }
            start = end;
        }
        scores
    }

    #[test]
    fn counting_and_ordered_shortcuts_agree_with_a_sort() {
        let days: Vec<f64> = (0..5_000).map(|i| -f64::from((i * 7919) % 731)).collect();
        let wide: Vec<f64> = (0..100).map(|i| f64::from(i * 1_000_000)).collect();
        let mut revenue: Vec<f64> = (0..3_000)
            .map(|i| f64::from((i * 31) % 977) * 1.5)
            .collect();
        revenue.sort_by(|a, b| b.total_cmp(a));
        let mut rising = revenue.clone();
        rising.reverse();
        for values in [days, wide, revenue, rising, vec![-0.0, 0.0, 0.0, 1.0]] {
            assert_eq!(quintile_scores(&values), scores_by_sorting(&values));
        }
    }

    proptest! {
        #[test]
        fn every_path_gives_the_scores_of_a_sort(
            values in proptest::collection::vec(
                prop_oneof![
                    (-40i32..40).prop_map(f64::from),
                    (-1e6f64..1e6),
                    Just(f64::NAN),
                    Just(f64::INFINITY),
                ],
                0..200,
            ),
            sorted in 0u8..3,
            whole in any::<bool>(),
        ) {
            let mut values = values;
            if whole {
                // Whole finite numbers only, so the counting path is taken.
                values = values.iter().filter(|v| v.is_finite()).map(|v| (v / 1e4).round()).collect();
            }
            match sorted {
                1 => values.sort_by(|a, b| b.total_cmp(a)),
                2 => values.sort_by(|a, b| a.total_cmp(b)),
                _ => {}
            }
            prop_assert_eq!(quintile_scores(&values), scores_by_sorting(&values));
        }
    }

    #[test]
    fn segment_grid_covers_every_cell() {
        assert_eq!(Segment::of(5, 5), Segment::Champions);
        assert_eq!(Segment::of(4, 4), Segment::Champions);
        assert_eq!(Segment::of(3, 5), Segment::Loyal);
        assert_eq!(Segment::of(5, 3), Segment::Loyal);
        assert_eq!(Segment::of(5, 1), Segment::Promising);
        assert_eq!(Segment::of(2, 5), Segment::AtRisk);
        assert_eq!(Segment::of(1, 3), Segment::AtRisk);
        assert_eq!(Segment::of(2, 2), Segment::Sleeping);
        assert_eq!(Segment::of(1, 1), Segment::Lost);
        for r in 1..=5 {
            for f in 1..=5 {
                let _ = Segment::of(r, f);
            }
        }
    }
}
