//! Funnel-geometry diagnostics (DESIGN.md §3.1): each seller's actual funnel against the norm.

use serde::{Deserialize, Serialize};

/// Actual counts per stage for one seller (or one period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SellerActuals {
    pub name: String,
    /// Clients that reached each stage, first stage first.
    pub counts: Vec<f64>,
}
