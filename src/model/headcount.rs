//! Headcount and budget (DESIGN.md §3.3).

use serde::{Deserialize, Serialize};

/// Everything the headcount page keeps in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct HeadcountInputs {}
