//! Funnel-geometry diagnostics (DESIGN.md §3.1): each seller's actual funnel against the norm.
//!
//! The plan's funnel is the norm. For every seller and stage transition `i -> i + 1`:
//! - actual conversion = count[i+1] / count[i];
//! - deviation = actual - norm, in percentage points;
//! - clients lost = count[i] x max(0, norm - actual);
//! - money lost = clients lost x (product of the norm conversions from stage i+1 to the deal)
//!   x average check: the deals those clients would have become at the norm.
//!
//! A seller's weakest stage loses the most money; the team's training priorities rank the
//! stages by the money lost over all sellers. Problems in a seller's row stay in that row.

use serde::{Deserialize, Serialize};

use crate::model::stage::{check_stages, fields, Stage};
use crate::model::validation::{check_amount, FieldError, Problem, Validator, MAX_AMOUNT};

pub(crate) mod paste;

pub use paste::{parse_pasted_rows, ParsedPaste, RejectReason};

/// Actual counts per stage for one seller (or one period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct SellerActuals {
    pub name: String,
    /// Clients that reached each stage, first stage first. `None` = not entered yet (e.g. a
    /// stage added to the funnel after the counts were typed); saved as `null`.
    pub counts: Vec<Option<f64>>,
}

/// A seller's conversion at one transition, or why there is none.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ActualConversion {
    /// Counts at both stages are known and the first is above zero. In %, may exceed 100.
    Measured { pct: f64 },
    /// Nobody reached the stage: a conversion from it is undefined.
    NoClients,
    /// A count at either stage is missing or invalid (see the row's problems).
    Missing,
}

/// One seller at one transition `stage -> stage + 1`.
#[derive(Debug, Clone, PartialEq)]
pub struct TransitionDiagnosis {
    /// Index of the stage converting (0-based); its norm is that stage's conversion.
    pub stage: usize,
    /// The plan's conversion at this stage, %.
    pub norm_pct: f64,
    pub actual: ActualConversion,
    /// Actual minus norm in percentage points (negative = worse than the norm); `None`
    /// unless measured.
    pub deviation_pp: Option<f64>,
    /// More clients at the next stage than at this one (conversion above 100%, or clients
    /// after a stage nobody reached): allowed (e.g. clients entering mid-funnel), but flagged.
    pub grows_downstream: bool,
    /// Clients who did not reach the next stage but would have at the norm.
    pub clients_lost: f64,
    /// Money those clients would have brought at the norm's downstream conversion.
    pub money_lost: f64,
}

/// One seller's funnel against the norm.
#[derive(Debug, Clone, PartialEq)]
pub struct SellerDiagnosis {
    /// Position of the seller in the inputs (0-based), for the problems' field ids.
    pub row: usize,
    pub name: String,
    /// One per stage with a conversion (all but the last), in stage order.
    pub transitions: Vec<TransitionDiagnosis>,
    /// The stage losing the most money (the earliest on a tie); `None` if nothing is lost.
    pub weakest_stage: Option<usize>,
    /// Money lost over all transitions.
    pub money_lost: f64,
    /// Clients lost over all transitions.
    pub clients_lost: f64,
    /// Problems of this row; they make the affected transitions `Missing`, nothing more.
    /// Field ids: `seller-R-stage-S` for a count, `seller-R` for the row (R, S from 1).
    pub problems: Vec<FieldError>,
}

/// One stage in the team's training priorities.
#[derive(Debug, Clone, PartialEq)]
pub struct TrainingPriority {
    /// Index of the converting stage (0-based).
    pub stage: usize,
    /// Money lost at this stage over all sellers.
    pub money_lost: f64,
    /// Clients lost at this stage over all sellers.
    pub clients_lost: f64,
    /// How many sellers have this as their weakest stage.
    pub weakest_for: usize,
    /// 1 = the most money lost; stages losing the same share a rank.
    pub rank: usize,
}

/// The whole diagnostics table.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostics {
    /// One per seller row, in input order.
    pub sellers: Vec<SellerDiagnosis>,
    /// Every stage with a conversion, most money lost first (stage order on ties).
    pub priorities: Vec<TrainingPriority>,
    /// Money lost by the whole team.
    pub money_lost: f64,
}

/// Test id of a seller's count cell (both numbered from 1 on screen).
pub fn count_field(row: usize, stage: usize) -> String {
    format!("seller-{}-stage-{}", row + 1, stage + 1)
}

/// Test id of a seller's row.
pub fn row_field(row: usize) -> String {
    format!("seller-{}", row + 1)
}

/// Compares every seller's counts with the norm funnel `stages` (DESIGN.md §3.1).
///
/// `Err` only for a broken norm (stage count, conversions, average check); sellers' bad
/// counts are reported inside their [`SellerDiagnosis`].
pub fn diagnose(
    stages: &[Stage],
    avg_check: f64,
    actuals: &[SellerActuals],
) -> Result<Diagnostics, Vec<FieldError>> {
    let mut v = Validator::default();
    check_stages(&mut v, stages);
    let avg_check = v.positive(fields::AVG_CHECK, avg_check);
    v.finish(())?;
    let norm = Norm::new(stages, avg_check);
    let sellers: Vec<SellerDiagnosis> = actuals
        .iter()
        .enumerate()
        .map(|(row, a)| diagnose_seller(&norm, row, a))
        .collect();
    let priorities = training_priorities(&norm, &sellers);
    let money_lost = sellers.iter().map(|s| s.money_lost).sum();
    Ok(Diagnostics {
        sellers,
        priorities,
        money_lost,
    })
}

/// The norm funnel in the form the comparison needs.
struct Norm {
    /// Conversion of every converting stage, %.
    pct: Vec<f64>,
    /// For each transition, the value of one client reaching the next stage: the norm
    /// conversions from there to the deal times the average check.
    value_at_next: Vec<f64>,
}

impl Norm {
    fn new(stages: &[Stage], avg_check: f64) -> Norm {
        let pct: Vec<f64> = stages
            .iter()
            .take(stages.len().saturating_sub(1))
            .map(|s| s.conversion_pct)
            .collect();
        let value_at_next = (0..pct.len())
            .map(|i| pct[i + 1..].iter().map(|p| p / 100.0).product::<f64>() * avg_check)
            .collect();
        Norm { pct, value_at_next }
    }

    fn stage_count(&self) -> usize {
        self.pct.len() + 1
    }
}

fn diagnose_seller(norm: &Norm, row: usize, actuals: &SellerActuals) -> SellerDiagnosis {
    let (counts, problems) = clean_counts(row, &actuals.counts, norm.stage_count());
    let transitions: Vec<TransitionDiagnosis> = (0..norm.pct.len())
        .map(|i| diagnose_transition(norm, i, counts[i], counts[i + 1]))
        .collect();
    let weakest_stage = transitions
        .iter()
        .filter(|t| t.money_lost > 0.0)
        .fold(None::<&TransitionDiagnosis>, |best, t| match best {
            Some(b) if b.money_lost >= t.money_lost => Some(b),
            _ => Some(t),
        })
        .map(|t| t.stage);
    SellerDiagnosis {
        row,
        name: actuals.name.clone(),
        money_lost: transitions.iter().map(|t| t.money_lost).sum(),
        clients_lost: transitions.iter().map(|t| t.clients_lost).sum(),
        transitions,
        weakest_stage,
        problems,
    }
}

/// One count per stage (`None` where missing or invalid), and the row's problems.
fn clean_counts(
    row: usize,
    raw: &[Option<f64>],
    stages: usize,
) -> (Vec<Option<f64>>, Vec<FieldError>) {
    let mut v = Validator::default();
    let counts = (0..stages)
        .map(|i| match raw.get(i).copied().flatten() {
            None => {
                v.push(FieldError::new(count_field(row, i), Problem::Empty));
                None
            }
            Some(c) => check_amount(&count_field(row, i), c)
                .map_err(|e| v.push(e))
                .ok(),
        })
        .collect();
    // Fewer counts are reported cell by cell above; extra ones on the row.
    if raw.len() > stages {
        v.count(&row_field(row), raw.len(), stages, stages);
    }
    (counts, v.into_errors())
}

fn diagnose_transition(
    norm: &Norm,
    stage: usize,
    here: Option<f64>,
    next: Option<f64>,
) -> TransitionDiagnosis {
    let norm_pct = norm.pct[stage];
    let actual = match (here, next) {
        (Some(h), Some(n)) if h > 0.0 => ActualConversion::Measured {
            // Capped so that absurd counts (1e15 after 1e-300) stay finite.
            pct: (n / h * 100.0).min(MAX_AMOUNT),
        },
        // Counts are checked to be >= 0 and finite, so here `h` is zero.
        (Some(_), Some(_)) => ActualConversion::NoClients,
        _ => ActualConversion::Missing,
    };
    let (deviation_pp, clients_lost) = match (actual, here) {
        (ActualConversion::Measured { pct }, Some(h)) => {
            (Some(pct - norm_pct), h * (norm_pct - pct).max(0.0) / 100.0)
        }
        _ => (None, 0.0),
    };
    TransitionDiagnosis {
        stage,
        norm_pct,
        actual,
        deviation_pp,
        grows_downstream: matches!((here, next), (Some(h), Some(n)) if n > h),
        clients_lost,
        money_lost: clients_lost * norm.value_at_next[stage],
    }
}

fn training_priorities(norm: &Norm, sellers: &[SellerDiagnosis]) -> Vec<TrainingPriority> {
    let mut priorities: Vec<TrainingPriority> = (0..norm.pct.len())
        .map(|stage| TrainingPriority {
            stage,
            money_lost: sellers
                .iter()
                .map(|s| s.transitions[stage].money_lost)
                .sum(),
            clients_lost: sellers
                .iter()
                .map(|s| s.transitions[stage].clients_lost)
                .sum(),
            weakest_for: sellers
                .iter()
                .filter(|s| s.weakest_stage == Some(stage))
                .count(),
            rank: 0,
        })
        .collect();
    let losses: Vec<f64> = priorities.iter().map(|p| p.money_lost).collect();
    for p in priorities.iter_mut() {
        p.rank = 1 + losses.iter().filter(|&&other| other > p.money_lost).count();
    }
    priorities.sort_by_key(|p| (p.rank, p.stage));
    priorities
}

#[cfg(test)]
mod tests;
