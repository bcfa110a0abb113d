//! Customer lifetime value (DESIGN.md §3.2).

use serde::{Deserialize, Serialize};

/// Everything the LTV page keeps in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct LtvInputs {}
