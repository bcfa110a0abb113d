//! LTV:CAC: the ratio, its verdict band, and the comparison of an actual CAC with the
//! highest CAC the LTV allows.

use super::math::Figure;

/// Verdict on an LTV:CAC ratio, relative to the target ratio T (default 3:1):
///
/// | band             | ratio              | at T = 3 | meaning                                        |
/// |------------------|--------------------|----------|------------------------------------------------|
/// | `Loss`           | < 1                | < 1      | a client does not even pay back its acquisition |
/// | `Weak`           | 1 ..< T            | 1 ..< 3  | pays back, but below the target                 |
/// | `Healthy`        | T ..= T x 5/3      | 3 ..= 5  | at or somewhat above the target                 |
/// | `UnderInvesting` | > T x 5/3          | > 5      | acquisition is cheap for the value: spend more  |
///
/// An unbounded ratio (unbounded LTV, CAC > 0) is `UnderInvesting`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RatioBand {
    Loss,
    Weak,
    Healthy,
    UnderInvesting,
}

/// Upper end of `Healthy` as a multiple of the target: 5:1 at the classic 3:1 target.
pub const HEALTHY_UPPER_FACTOR: f64 = 5.0 / 3.0;

/// Relative slack at the band edges: a CAC of exactly LTV / target must read as on target
/// even when the division rounds the ratio to 2.9999999999999996.
const EDGE_SLACK: f64 = 1e-9;

impl RatioBand {
    /// Classifies a ratio against a target ratio (>= 1).
    pub fn classify(ratio: Figure, target_ratio: f64) -> RatioBand {
        let Figure::Finite(r) = ratio else {
            return RatioBand::UnderInvesting;
        };
        let r = r * (1.0 + EDGE_SLACK);
        if r < 1.0 {
            RatioBand::Loss
        } else if r < target_ratio {
            RatioBand::Weak
        } else if r <= target_ratio * HEALTHY_UPPER_FACTOR * (1.0 + 2.0 * EDGE_SLACK) {
            RatioBand::Healthy
        } else {
            RatioBand::UnderInvesting
        }
    }
}

/// LTV / CAC. `None` when the CAC is 0 (or less): there is no ratio, not an infinite one.
pub fn ltv_to_cac(ltv: Figure, cac: f64) -> Option<Figure> {
    (cac > 0.0).then(|| ltv.divided_by(cac))
}

/// An actual CAC (e.g. implied by the sales budget) set against what the LTV allows.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CacComparison {
    /// The CAC being judged, money per new client.
    pub actual_cac: f64,
    /// Highest CAC at the target ratio = LTV / target, money per new client.
    pub allowed_cac: Figure,
    /// LTV / actual CAC; `None` when the actual CAC is 0.
    pub ltv_to_cac: Option<Figure>,
    /// Verdict on that ratio; `None` when there is no ratio.
    pub band: Option<RatioBand>,
    /// Allowed minus actual, money per new client: room left (> 0) or the overspend (< 0).
    /// `None` when the allowed CAC is unbounded.
    pub headroom: Option<f64>,
    /// The actual CAC is at most the allowed one (always true when that is unbounded).
    pub within_allowed: bool,
}

/// Compares `actual_cac` (finite, >= 0) with the CAC allowed by `ltv` at `target_ratio`.
pub(crate) fn compare(ltv: Figure, target_ratio: f64, actual_cac: f64) -> CacComparison {
    let allowed_cac = ltv.divided_by(target_ratio);
    let ratio = ltv_to_cac(ltv, actual_cac);
    CacComparison {
        actual_cac,
        allowed_cac,
        ltv_to_cac: ratio,
        band: ratio.map(|r| RatioBand::classify(r, target_ratio)),
        headroom: allowed_cac.minus(Figure::Finite(actual_cac)),
        within_allowed: allowed_cac.finite().is_none_or(|a| actual_cac <= a),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(r: f64, target: f64) -> RatioBand {
        RatioBand::classify(Figure::Finite(r), target)
    }

    #[test]
    fn classic_bands_at_target_three() {
        assert_eq!(band(0.99, 3.0), RatioBand::Loss);
        assert_eq!(band(1.0, 3.0), RatioBand::Weak);
        assert_eq!(band(2.99, 3.0), RatioBand::Weak);
        assert_eq!(band(2.999_999_999_999_999_6, 3.0), RatioBand::Healthy);
        assert_eq!(band(2.999_99, 3.0), RatioBand::Weak);
        assert_eq!(band(3.0, 3.0), RatioBand::Healthy);
        assert_eq!(band(5.0, 3.0), RatioBand::Healthy);
        assert_eq!(band(5.01, 3.0), RatioBand::UnderInvesting);
        assert_eq!(
            RatioBand::classify(Figure::Unbounded, 3.0),
            RatioBand::UnderInvesting
        );
    }

    #[test]
    fn bands_move_with_the_target() {
        // Target 4: Weak up to 4, Healthy up to 4 x 5/3 = 6.67.
        assert_eq!(band(3.5, 4.0), RatioBand::Weak);
        assert_eq!(band(6.5, 4.0), RatioBand::Healthy);
        assert_eq!(band(6.7, 4.0), RatioBand::UnderInvesting);
    }

    #[test]
    fn zero_cac_has_no_ratio() {
        assert_eq!(ltv_to_cac(Figure::Finite(100.0), 0.0), None);
        assert_eq!(ltv_to_cac(Figure::Unbounded, 0.0), None);
        assert_eq!(
            ltv_to_cac(Figure::Finite(100.0), 25.0),
            Some(Figure::Finite(4.0))
        );
    }

    #[test]
    fn comparison_by_hand() {
        // LTV 1 500 000 at 3:1 allows 500 000; an actual 600 000 overspends by 100 000,
        // ratio 2.5 -> Weak.
        let c = compare(Figure::Finite(1_500_000.0), 3.0, 600_000.0);
        assert_eq!(c.allowed_cac, Figure::Finite(500_000.0));
        assert_eq!(c.headroom, Some(-100_000.0));
        assert_eq!(c.ltv_to_cac, Some(Figure::Finite(2.5)));
        assert_eq!(c.band, Some(RatioBand::Weak));
        assert!(!c.within_allowed);
        // Exactly the allowed CAC sits on the target: Healthy, within.
        let c = compare(Figure::Finite(1_500_000.0), 3.0, 500_000.0);
        assert_eq!(c.band, Some(RatioBand::Healthy));
        assert!(c.within_allowed);
        let c = compare(Figure::Unbounded, 3.0, 1e9);
        assert_eq!(c.headroom, None);
        assert!(c.within_allowed);
        let c = compare(Figure::Finite(1000.0), 3.0, 0.0);
        assert_eq!(c.band, None);
    }
}
