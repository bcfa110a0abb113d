//! Monthly acquisition cohorts: clients grouped by the month of their first purchase, their
//! retention (share of the cohort buying in month k after acquisition) and the cumulative
//! revenue per client (historic LTV).

use serde::{Deserialize, Serialize};

use super::dates::format_month;

/// Cohorts older than this many months before the last month are not shown (a stray old
/// date would otherwise make the table huge); their clients are counted in `older_clients`.
pub const MAX_COHORT_MONTHS: i32 = 120;

/// One acquisition month.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CohortRow {
    /// `yyyy-mm` of the first purchase.
    pub month: String,
    /// Clients acquired that month.
    pub clients: usize,
    /// Element k: % of the cohort that bought in month k after acquisition (k = 0 is 100).
    /// One element per month observed, so later cohorts have shorter rows.
    pub retention_pct: Vec<f64>,
    /// Element k: revenue of the cohort in months 0..=k divided by the cohort's clients.
    pub cumulative_revenue_per_client: Vec<f64>,
}

/// The cohort table, oldest cohort first.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Cohorts {
    pub rows: Vec<CohortRow>,
    /// Clients acquired before the oldest cohort shown.
    pub older_clients: usize,
}

/// Collects cohort counts while the clients are walked once.
pub struct CohortBuilder {
    first_month: i32,
    sizes: Vec<u32>,
    active: Vec<Vec<u32>>,
    revenue: Vec<Vec<f64>>,
    older_clients: usize,
}

impl CohortBuilder {
    /// Cohorts from `first_month` (or [`MAX_COHORT_MONTHS`] back) to `last_month`, both as
    /// [`super::dates::month_index`] numbers.
    pub fn new(first_month: i32, last_month: i32) -> Self {
        let first_month = first_month.max(last_month - MAX_COHORT_MONTHS + 1);
        let count = (last_month - first_month + 1).max(0) as usize;
        CohortBuilder {
            first_month,
            sizes: vec![0; count],
            active: (0..count).map(|c| vec![0; count - c]).collect(),
            revenue: (0..count).map(|c| vec![0.0; count - c]).collect(),
            older_clients: 0,
        }
    }

    /// Registers a client acquired in `month`; returns its cohort, `None` when too old.
    pub fn client(&mut self, month: i32) -> Option<usize> {
        let cohort = usize::try_from(month - self.first_month).ok();
        match cohort.filter(|&c| c < self.sizes.len()) {
            Some(c) => {
                self.sizes[c] += 1;
                Some(c)
            }
            None => {
                self.older_clients += 1;
                None
            }
        }
    }

    /// Adds one month in which a client of `cohort` bought for `revenue` in total.
    pub fn purchase_month(&mut self, cohort: usize, month: i32, revenue: f64) {
        let k = month - self.first_month - cohort as i32;
        let Ok(k) = usize::try_from(k) else { return };
        if let (Some(a), Some(r)) = (
            self.active.get_mut(cohort).and_then(|row| row.get_mut(k)),
            self.revenue.get_mut(cohort).and_then(|row| row.get_mut(k)),
        ) {
            *a += 1;
            *r += revenue;
        }
    }

    pub fn finish(self) -> Cohorts {
        let rows = self
            .sizes
            .iter()
            .enumerate()
            .filter(|&(_, &size)| size > 0)
            .map(|(c, &size)| {
                let size_f = f64::from(size);
                let mut running = 0.0;
                CohortRow {
                    month: format_month(self.first_month + c as i32),
                    clients: size as usize,
                    retention_pct: self.active[c]
                        .iter()
                        .map(|&a| f64::from(a) * 100.0 / size_f)
                        .collect(),
                    cumulative_revenue_per_client: self.revenue[c]
                        .iter()
                        .map(|&r| {
                            running += r;
                            running / size_f
                        })
                        .collect(),
                }
            })
            .collect();
        Cohorts {
            rows,
            older_clients: self.older_clients,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::clients::dates::{days_from_civil, month_index};

    #[test]
    fn two_cohorts_by_hand() {
        let jan = month_index(days_from_civil(2024, 1, 10));
        let mut b = CohortBuilder::new(jan, jan + 2);
        // January: client 1 buys in Jan (100) and Mar (50); client 2 only in Jan (300).
        let c = b.client(jan).unwrap();
        b.purchase_month(c, jan, 100.0);
        b.purchase_month(c, jan + 2, 50.0);
        let c = b.client(jan).unwrap();
        b.purchase_month(c, jan, 300.0);
        // February: client 3 buys in Feb (10) and Mar (20).
        let c = b.client(jan + 1).unwrap();
        b.purchase_month(c, jan + 1, 10.0);
        b.purchase_month(c, jan + 2, 20.0);
        let t = b.finish();
        assert_eq!(t.rows.len(), 2);
        let r = &t.rows[0];
        assert_eq!((r.month.as_str(), r.clients), ("2024-01", 2));
        // Month 0: 2/2 = 100 %, month 1: 0/2, month 2: 1/2 = 50 %.
        assert_eq!(r.retention_pct, vec![100.0, 0.0, 50.0]);
        // (100 + 300) / 2 = 200; no revenue in Feb; + 50 / 2 = 225.
        assert_eq!(r.cumulative_revenue_per_client, vec![200.0, 200.0, 225.0]);
        let r = &t.rows[1];
        assert_eq!(r.retention_pct, vec![100.0, 100.0]);
        assert_eq!(r.cumulative_revenue_per_client, vec![10.0, 30.0]);
    }

    #[test]
    fn old_cohorts_are_counted_not_shown() {
        let mut b = CohortBuilder::new(0, 500);
        assert_eq!(b.client(10), None);
        assert!(b.client(500).is_some());
        let t = b.finish();
        assert_eq!(t.older_clients, 1);
        assert_eq!(t.rows.len(), 1);
    }
}
