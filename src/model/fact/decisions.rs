//! Decisions taken on deviations (the last step of the manager's loop): what was found, what
//! was decided, who does it by when, and the metric it should move: its value when decided
//! against its value at the due date (or today, before it).
//!
//! A metric is a figure comparable across periods: leads per working day, a stage's
//! conversion, the average check, revenue per working day over the month's working days.
//! When decided, it is read over the month to date (what was found); afterwards over the
//! days after the decision up to the due date (or today, before it): the effect, even when
//! the due date falls in the next month.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::calendar::{Month, ProductionCalendar};

use super::FactBook;

/// What kind of measure was decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum DecisionKind {
    /// Training on a stage of the funnel.
    #[default]
    Training,
    Coaching,
    LeadRedistribution,
    NormChange,
    Hiring,
    Other,
}

impl DecisionKind {
    pub const ALL: [DecisionKind; 6] = [
        DecisionKind::Training,
        DecisionKind::Coaching,
        DecisionKind::LeadRedistribution,
        DecisionKind::NormChange,
        DecisionKind::Hiring,
        DecisionKind::Other,
    ];
}

/// The figure a decision should move.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum DecisionMetric {
    /// Leads (first-stage count) per elapsed working day.
    #[default]
    Leads,
    /// Conversion from this stage (0-based) to the next, %.
    Conversion(usize),
    /// Revenue per deal.
    Check,
    /// The month's revenue run-rate.
    Revenue,
}

/// One decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Decision {
    pub id: u32,
    /// The day it was taken (the page's as-of date).
    #[serde(with = "crate::model::calendar::iso_date")]
    pub decided_on: NaiveDate,
    /// The deviation found, in the person's words.
    pub found: String,
    pub kind: DecisionKind,
    pub metric: DecisionMetric,
    /// The seller it is about (`None`: the team).
    pub seller: Option<u32>,
    pub owner: String,
    #[serde(with = "crate::model::calendar::iso_date")]
    pub due: NaiveDate,
    pub done: bool,
    /// The metric when decided (`None`: not measurable then).
    pub value_then: Option<f64>,
}

/// A decision's metric then and at its due date (or as of now, before it).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DecisionReview {
    pub value_then: Option<f64>,
    pub value_at: Option<f64>,
    /// The day `value_at` is read: the due date once reached, else the as-of date.
    pub read_on: NaiveDate,
    pub due_reached: bool,
    /// The decision is open and its due date has passed.
    pub overdue: bool,
}

impl Decision {
    pub fn review(
        &self,
        book: &FactBook,
        calendar: &ProductionCalendar,
        stage_count: usize,
        as_of: NaiveDate,
    ) -> DecisionReview {
        let due_reached = as_of >= self.due;
        let read_on = if due_reached { self.due } else { as_of };
        let after = self.decided_on.succ_opt().unwrap_or(self.decided_on);
        DecisionReview {
            value_then: self.value_then,
            value_at: metric_over(
                book,
                calendar,
                stage_count,
                self.metric,
                self.seller,
                after,
                read_on,
            ),
            read_on,
            due_reached,
            overdue: !self.done && as_of > self.due,
        }
    }
}

/// The value of `metric` over the month to date of `day`, for one seller or the team.
pub fn metric_value(
    book: &FactBook,
    calendar: &ProductionCalendar,
    stage_count: usize,
    metric: DecisionMetric,
    seller: Option<u32>,
    day: NaiveDate,
) -> Option<f64> {
    let first = Month::of(day).first_day();
    metric_over(book, calendar, stage_count, metric, seller, first, day)
}

/// The value of `metric` over the days `from..=to` (`None` when it cannot be measured: no
/// working day, nobody at the stage, no deal).
pub fn metric_over(
    book: &FactBook,
    calendar: &ProductionCalendar,
    stage_count: usize,
    metric: DecisionMetric,
    seller: Option<u32>,
    from: NaiveDate,
    to: NaiveDate,
) -> Option<f64> {
    if to < from {
        return None;
    }
    let mut counts = vec![0.0; stage_count];
    let mut revenue = 0.0;
    for report in book
        .reports_between(from, to)
        .iter()
        .filter(|r| seller.is_none_or(|id| r.seller == id))
    {
        for (stage, count) in counts.iter_mut().enumerate() {
            *count += report.count(stage);
        }
        revenue += report.revenue.unwrap_or(0.0);
    }
    let days = f64::from(calendar.working_days_between(from, to));
    let count = |i: usize| counts.get(i).copied().unwrap_or(0.0);
    match metric {
        DecisionMetric::Leads => (days > 0.0).then(|| count(0) / days),
        DecisionMetric::Conversion(stage) => {
            (count(stage) > 0.0).then(|| count(stage + 1) / count(stage) * 100.0)
        }
        DecisionMetric::Check => {
            let deals = count(stage_count.saturating_sub(1));
            (deals > 0.0).then(|| revenue / deals)
        }
        DecisionMetric::Revenue => {
            (days > 0.0).then(|| revenue / days * f64::from(calendar.working_days(Month::of(to))))
        }
    }
}

impl FactBook {
    /// Records a decision with the next id; its value then is read on `decided_on`.
    #[allow(clippy::too_many_arguments)]
    pub fn add_decision(
        &mut self,
        calendar: &ProductionCalendar,
        stage_count: usize,
        decided_on: NaiveDate,
        found: String,
        kind: DecisionKind,
        metric: DecisionMetric,
        seller: Option<u32>,
        owner: String,
        due: NaiveDate,
    ) -> u32 {
        let id = self.decisions.iter().map(|d| d.id).max().unwrap_or(0) + 1;
        let value_then = metric_value(self, calendar, stage_count, metric, seller, decided_on);
        self.decisions.push(Decision {
            id,
            decided_on,
            found,
            kind,
            metric,
            seller,
            owner,
            due,
            done: false,
            value_then,
        });
        id
    }

    pub fn set_decision_done(&mut self, id: u32, done: bool) {
        if let Some(decision) = self.decisions.iter_mut().find(|d| d.id == id) {
            decision.done = done;
        }
    }

    pub fn remove_decision(&mut self, id: u32) {
        self.decisions.retain(|d| d.id != id);
    }

    /// Keeps decisions on the conversion they measure when the funnel's stages change: `map`
    /// gives a stage's new index, `None` when the stage (or its conversion) is gone; such a
    /// decision then measures the lead flow, with no value then.
    pub(super) fn remap_decision_stages(&mut self, map: impl Fn(usize) -> Option<usize>) {
        for decision in &mut self.decisions {
            if let DecisionMetric::Conversion(stage) = decision.metric {
                if let Some(moved) = map(stage) {
                    decision.metric = DecisionMetric::Conversion(moved);
                } else {
                    decision.metric = DecisionMetric::Leads;
                    decision.value_then = None;
                }
            }
        }
    }
}
