//! Plan vs fact: the manager's loop of the seed, "standards -> measurement -> decisions".
//!
//! The plan's funnel and norms are the standards; [`FactBook`] holds the measurement (each
//! seller's daily report: the count at every funnel stage and the revenue) and the decisions
//! taken on deviations. [`control`] checks the facts against the norms for a day, each ISO
//! week and the month to date, with the run-rate and the pace still needed; [`deviation`]
//! splits the revenue gap into its causes by chain substitution; [`paste`] reads report
//! lines pasted from a spreadsheet and [`activities`] a CRM export of activities;
//! [`decisions`] follows a decision's metric.
//!
//! Working days come from the plan's production calendar (`model::calendar`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::diagnostics::SellerActuals;
use crate::model::names::{Name, Namer};
use crate::model::validation::MAX_AMOUNT;

pub mod activities;
pub mod control;
pub mod decisions;
pub mod deviation;
pub mod paste;

#[cfg(test)]
mod tests;

pub use control::{
    control, Control, DailyControl, DailySeller, Light, PeriodFunnel, RequiredPace, RunRate,
    StageCheck,
};
pub use decisions::{Decision, DecisionKind, DecisionMetric, DecisionReview};
pub use deviation::{deviation, Deviation, Factor};
pub use paste::{parse_cell_block, parse_fact_lines, FactPaste, FactReject, PastedReport};

use super::calendar::Month;

/// Largest roster of sellers the facts page keeps.
pub const MAX_FACT_SELLERS: usize = 100;

/// One seller of the facts page; reports point at the id, so renaming keeps them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FactSeller {
    pub id: u32,
    pub name: String,
}

/// One seller's report of one day. Stored with short keys: a year of 20 sellers fits in
/// a few hundred kilobytes of localStorage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DayReport {
    #[serde(rename = "d", with = "crate::model::calendar::iso_date")]
    pub day: NaiveDate,
    #[serde(rename = "s")]
    pub seller: u32,
    /// Count at each funnel stage, first stage first; `None` = the cell was left empty.
    #[serde(rename = "c", default)]
    pub counts: Vec<Option<f64>>,
    #[serde(rename = "r", default)]
    pub revenue: Option<f64>,
}

impl DayReport {
    /// Whether anything was typed: a report with no cell is no report.
    pub fn is_empty(&self) -> bool {
        self.revenue.is_none() && self.counts.iter().all(Option::is_none)
    }

    /// The count at `stage`, 0 when empty.
    pub fn count(&self, stage: usize) -> f64 {
        self.counts.get(stage).copied().flatten().unwrap_or(0.0)
    }
}

/// A cell of the facts grid: a stage's count or the revenue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FactCell {
    Stage(usize),
    Revenue,
}

/// Facts, the roster they belong to, and the decisions taken on them; part of the plan.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct FactBook {
    /// The month the facts page shows (`None`: the current month).
    pub month: Option<Month>,
    /// The sellers who report; empty until the first edit, when the funnel's sellers are
    /// named ([`FactBook::roster`]).
    pub sellers: Vec<FactSeller>,
    /// Sorted by day, then seller; never holds an empty report. A stored or imported list
    /// is put in that order when read ([`clean_reports`]).
    #[serde(deserialize_with = "clean_reports")]
    pub reports: Vec<DayReport>,
    pub decisions: Vec<Decision>,
    /// The last seller id given: ids are never reused, so a removed seller's decisions never
    /// pass to a new one.
    pub last_seller_id: u32,
}

/// Reads reports as stored, then sorts them, keeps the last of a seller's day when a file
/// edited by hand holds two, empties cells that are not a count (negative or beyond the
/// model's range) and drops empty reports: the lookups rely on the order.
fn clean_reports<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Vec<DayReport>, D::Error> {
    let mut reports = Vec::<DayReport>::deserialize(deserializer)?;
    let valid = |v: Option<f64>| v.filter(|x| x.is_finite() && (0.0..=MAX_AMOUNT).contains(x));
    for report in &mut reports {
        for count in &mut report.counts {
            *count = valid(*count);
        }
        report.revenue = valid(report.revenue);
    }
    // A stable sort keeps the file's order within a seller's day; the last one wins.
    reports.sort_by_key(|r| (r.day, r.seller));
    let mut clean: Vec<DayReport> = Vec::with_capacity(reports.len());
    for report in reports {
        match clean.last_mut() {
            Some(last) if (last.day, last.seller) == (report.day, report.seller) => *last = report,
            _ => clean.push(report),
        }
    }
    clean.retain(|r| !r.is_empty());
    Ok(clean)
}

impl FactBook {
    pub fn is_empty(&self) -> bool {
        self.month.is_none()
            && self.sellers.is_empty()
            && self.reports.is_empty()
            && self.decisions.is_empty()
            && self.last_seller_id == 0
    }

    /// The roster: the stored sellers, or (before any edit) one per seller of the funnel,
    /// named "Seller 1", "Seller 2", ... with ids 1, 2, ...
    pub fn roster(&self, funnel_sellers: f64, names: Namer) -> Vec<FactSeller> {
        // Once settled, the stored roster is the roster, even when every seller was removed.
        if !self.sellers.is_empty() || self.last_seller_id > 0 {
            return self.sellers.clone();
        }
        let count = if funnel_sellers.is_finite() {
            funnel_sellers.ceil().clamp(1.0, MAX_FACT_SELLERS as f64) as u32
        } else {
            1
        };
        (1..=count)
            .map(|id| FactSeller {
                id,
                name: format!("{} {id}", names(Name::Seller)),
            })
            .collect()
    }

    /// Stores the roster [`FactBook::roster`] shows, so an edit can point at its ids.
    pub fn settle_roster(&mut self, funnel_sellers: f64, names: Namer) {
        if self.sellers.is_empty() && self.last_seller_id == 0 {
            self.sellers = self.roster(funnel_sellers, names);
            self.last_seller_id = self.sellers.iter().map(|s| s.id).max().unwrap_or(0);
        }
    }

    /// Adds a seller (refused beyond [`MAX_FACT_SELLERS`]); returns the new id.
    pub fn add_seller(&mut self, name: String) -> Option<u32> {
        if self.sellers.len() >= MAX_FACT_SELLERS {
            return None;
        }
        let id = self
            .sellers
            .iter()
            .map(|s| s.id)
            .max()
            .unwrap_or(0)
            .max(self.last_seller_id)
            + 1;
        self.last_seller_id = id;
        self.sellers.push(FactSeller { id, name });
        Some(id)
    }

    pub fn rename_seller(&mut self, id: u32, name: String) {
        if let Some(seller) = self.sellers.iter_mut().find(|s| s.id == id) {
            seller.name = name;
        }
    }

    /// Removes a seller and their reports (the page asks first when there are reports).
    pub fn remove_seller(&mut self, id: u32) {
        self.sellers.retain(|s| s.id != id);
        self.reports.retain(|r| r.seller != id);
    }

    /// The seller whose name is `name` (trimmed, any case).
    pub fn seller_named(&self, name: &str) -> Option<u32> {
        let wanted = name.trim().to_lowercase();
        self.sellers
            .iter()
            .find(|s| s.name.trim().to_lowercase() == wanted)
            .map(|s| s.id)
    }

    pub fn report(&self, day: NaiveDate, seller: u32) -> Option<&DayReport> {
        self.find(day, seller).ok().map(|i| &self.reports[i])
    }

    fn find(&self, day: NaiveDate, seller: u32) -> Result<usize, usize> {
        self.reports
            .binary_search_by(|r| (r.day, r.seller).cmp(&(day, seller)))
    }

    /// Sets one cell of a report (`None` empties it); a report left with no cell is removed.
    pub fn set_cell(&mut self, day: NaiveDate, seller: u32, cell: FactCell, value: Option<f64>) {
        let at = match self.find(day, seller) {
            Ok(at) => at,
            Err(at) => {
                if value.is_none() {
                    return;
                }
                self.reports.insert(
                    at,
                    DayReport {
                        day,
                        seller,
                        counts: Vec::new(),
                        revenue: None,
                    },
                );
                at
            }
        };
        let report = &mut self.reports[at];
        match cell {
            FactCell::Revenue => report.revenue = value,
            FactCell::Stage(stage) => {
                if report.counts.len() <= stage {
                    report.counts.resize(stage + 1, None);
                }
                report.counts[stage] = value;
            }
        }
        if report.is_empty() {
            self.reports.remove(at);
        }
    }

    /// Puts a whole report in place of the day's report of its seller (an empty one removes it).
    pub fn put_report(&mut self, report: DayReport) {
        match self.find(report.day, report.seller) {
            Ok(at) if report.is_empty() => {
                self.reports.remove(at);
            }
            Ok(at) => self.reports[at] = report,
            Err(_) if report.is_empty() => {}
            Err(at) => self.reports.insert(at, report),
        }
    }

    /// The reports of the days `from..=to`.
    pub fn reports_between(&self, from: NaiveDate, to: NaiveDate) -> &[DayReport] {
        let start = self.reports.partition_point(|r| r.day < from);
        let end = self.reports.partition_point(|r| r.day <= to);
        &self.reports[start..end.max(start)]
    }

    /// Each seller's counts of the month up to `as_of`, as rows of the funnel's geometry
    /// diagnostics (so the month's facts are diagnosed without retyping).
    pub fn month_actuals(
        &self,
        sellers: &[FactSeller],
        month: Month,
        as_of: NaiveDate,
        stage_count: usize,
    ) -> Vec<SellerActuals> {
        let reports = self.reports_between(month.first_day(), as_of.min(month.last_day()));
        sellers
            .iter()
            .map(|seller| {
                let mut counts = vec![0.0; stage_count];
                for report in reports.iter().filter(|r| r.seller == seller.id) {
                    for (stage, count) in counts.iter_mut().enumerate() {
                        *count += report.count(stage);
                    }
                }
                SellerActuals {
                    name: seller.name.clone(),
                    counts: counts.into_iter().map(Some).collect(),
                }
            })
            .collect()
    }

    /// Keeps the counts on their stages when the funnel inserts a stage at `at`.
    pub fn stage_inserted(&mut self, at: usize) {
        for report in &mut self.reports {
            if at <= report.counts.len() {
                report.counts.insert(at, None);
            }
        }
        self.remap_decision_stages(|s| Some(if s >= at { s + 1 } else { s }));
    }

    /// Drops the counts of a removed stage (`stage_count`: the stages left).
    pub fn stage_removed(&mut self, at: usize, stage_count: usize) {
        for report in &mut self.reports {
            if at < report.counts.len() {
                report.counts.remove(at);
            }
        }
        self.reports.retain(|r| !r.is_empty());
        // A conversion from the removed stage, or from the new last stage, is gone.
        self.remap_decision_stages(|s| {
            let moved = match s.cmp(&at) {
                std::cmp::Ordering::Less => Some(s),
                std::cmp::Ordering::Equal => None,
                std::cmp::Ordering::Greater => Some(s - 1),
            };
            moved.filter(|&m| m + 1 < stage_count)
        });
    }

    /// Moves the counts with a stage moved from `from` to `to`.
    pub fn stage_moved(&mut self, from: usize, to: usize) {
        let reach = from.max(to) + 1;
        for report in &mut self.reports {
            if report.counts.len() > from.min(to) {
                if report.counts.len() < reach {
                    report.counts.resize(reach, None);
                }
                let count = report.counts.remove(from);
                report.counts.insert(to, count);
            }
        }
        // A conversion stays with the stage it leaves.
        self.remap_decision_stages(|s| {
            Some(if s == from {
                to
            } else if from < s && s <= to {
                s - 1
            } else if to <= s && s < from {
                s + 1
            } else {
                s
            })
        });
    }
}
