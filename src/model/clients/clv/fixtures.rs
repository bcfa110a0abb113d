//! What the tests of the models share: the CDNOW sample and comparisons of floats.

use super::{BgNbdParams, CustomerSummary};

/// CDNOW sample summary (Fader, Hardie & Lee): ID, x, t_x, T (weeks), zbar (mean repeat spend).
pub const CDNOW_SUMMARY: &str = include_str!("../../../../tests/fixtures/cdnow_summary.csv");
/// The same 2,357 customers' transactions, 1997-01-01 .. 1998-06-30.
pub const CDNOW_TRANSACTIONS: &str =
    include_str!("../../../../tests/fixtures/cdnow_sample_transactions.csv");

pub fn cdnow() -> Vec<CustomerSummary> {
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

pub fn round_to(x: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (x * f).round() / f
}

/// The published CDNOW parameters.
pub const CDNOW_BG: BgNbdParams = BgNbdParams {
    r: 0.243,
    alpha: 4.414,
    a: 0.793,
    b: 2.426,
};

pub fn rel_close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol * b.abs().max(1e-300)
}
