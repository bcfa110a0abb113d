//! Each client as the models see it: frequency, recency, T and mean repeat spend, from the
//! transactions (`lifetimes`' `summary_data_from_transaction_data`) or from the purchase
//! history an analysis keeps of each client.

use serde::{Deserialize, Serialize};

use super::TimeUnit;
use crate::model::clients::parse::{ByClient, TransactionSet};

/// One customer as the models see it (see the [`super`] docs for the definitions).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct CustomerSummary {
    pub frequency: f64,
    pub recency: f64,
    pub t: f64,
    pub monetary: f64,
}

/// Per client (indexed like [`TransactionSet::client_ids`]) the summary at `calibration_end`
/// (days since 1970-01-01); `None` for clients whose first purchase is after it.
pub fn summarize(
    data: &TransactionSet,
    calibration_end: i32,
    unit: TimeUnit,
) -> Vec<Option<CustomerSummary>> {
    // Each client's purchases together in one buffer, in file order within a client.
    let ByClient { offsets, items } =
        data.group_by_client(|t| t.day <= calibration_end, |_, t| (t.day, t.amount));
    let mut days = DaysSeen::new(items.iter().map(|p| p.0));
    offsets
        .windows(2)
        .enumerate()
        .map(|(c, w)| {
            let purchases = &items[w[0] as usize..w[1] as usize];
            let history = PurchaseHistory::of(purchases, &mut days, c as u32 + 1)?;
            Some(history.summary(calibration_end, unit))
        })
        .collect()
}

/// Which days a client bought on, for counting distinct days without sorting: one slot per
/// day of the data holding the stamp of the last client that bought that day.
pub struct DaysSeen {
    first_day: i32,
    stamps: Vec<u32>,
}

impl DaysSeen {
    /// Room for every day of `days` (the days a client will be asked about).
    pub fn new(days: impl Iterator<Item = i32>) -> Self {
        let (lo, hi) = days.fold((i32::MAX, i32::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
        DaysSeen::between(lo, hi)
    }

    /// Room for the days `first..=last`.
    pub fn between(first: i32, last: i32) -> Self {
        let len = if first <= last {
            (last - first) as usize + 1
        } else {
            0
        };
        DaysSeen {
            first_day: first,
            stamps: vec![0; len],
        }
    }

    /// Marks `day` for the client with `stamp` (never 0, unique to the client); true when
    /// it was not marked for that client yet.
    #[inline]
    pub fn first_visit(&mut self, day: i32, stamp: u32) -> bool {
        let slot = &mut self.stamps[(day - self.first_day) as usize];
        let new = *slot != stamp;
        *slot = stamp;
        new
    }
}

/// What the models need of one client's purchases, in days: the analysis keeps it for each
/// client from its grouping, so the forecast needs no second pass over the rows (and no
/// second copy of them).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PurchaseHistory {
    pub first_day: i32,
    pub last_day: i32,
    /// Purchase days after the first one.
    pub repeat_days: u32,
    /// The amounts of those days, summed in file order.
    pub repeat_total: f64,
}

impl PurchaseHistory {
    /// The history of one client's purchases `(day, amount)`, in file order; `None` when
    /// there are none. `stamp` as for [`DaysSeen::first_visit`].
    pub fn of(purchases: &[(i32, f64)], days: &mut DaysSeen, stamp: u32) -> Option<Self> {
        let first_day = purchases.iter().map(|p| p.0).min()?;
        let last_day = purchases.iter().map(|p| p.0).max()?;
        let mut history = PurchaseHistory {
            first_day,
            last_day,
            repeat_days: 0,
            repeat_total: 0.0,
        };
        for &(day, amount) in purchases {
            let new_day = days.first_visit(day, stamp);
            if day != first_day {
                history.repeat_total += amount;
                history.repeat_days += u32::from(new_day);
            }
        }
        Some(history)
    }

    /// The summary at `calibration_end` (not before `last_day`).
    pub fn summary(&self, calibration_end: i32, unit: TimeUnit) -> CustomerSummary {
        let repeat_days = self.repeat_days as usize;
        CustomerSummary {
            frequency: repeat_days as f64,
            recency: f64::from(self.last_day - self.first_day) / unit.days(),
            t: f64::from(calibration_end - self.first_day) / unit.days(),
            monetary: if repeat_days > 0 {
                self.repeat_total / repeat_days as f64
            } else {
                0.0
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::clients::clv::fixtures::{cdnow, round_to, CDNOW_TRANSACTIONS};
    use crate::model::clients::clv::{fit_bgnbd, fit_gamma_gamma};
    use crate::model::clients::csv::sniff;
    use crate::model::clients::dates::days_from_civil;
    use crate::model::clients::mapping::guess_mapping;
    use crate::model::clients::parse::parse_transactions;
    use crate::model::clients::preview;

    #[test]
    fn cdnow_transactions_give_the_published_summary() {
        let dialect = sniff(CDNOW_TRANSACTIONS);
        let mapping = guess_mapping(&preview(CDNOW_TRANSACTIONS, &dialect, 20), &dialect);
        let outcome =
            parse_transactions(CDNOW_TRANSACTIONS, &dialect, &mapping, &mut |_| true).unwrap();
        assert_eq!(outcome.rejected_rows(), 0);
        assert_eq!(outcome.data.transactions.len(), 6919);
        // Eight free orders (amount 0.00) are purchases too.
        assert_eq!(outcome.zero_amount_rows, 8);
        let end = days_from_civil(1997, 9, 30);
        let ours = summarize(&outcome.data, end, TimeUnit::Weeks);
        let published = cdnow();
        assert_eq!(ours.len(), published.len());
        // Client ids 0001..2357 appear in order, so index i is published customer i + 1.
        for (i, (o, p)) in ours.iter().zip(&published).enumerate() {
            let o = o.unwrap();
            assert_eq!(o.frequency, p.frequency, "customer {}", i + 1);
            assert!((o.recency - p.recency).abs() < 0.006, "customer {}", i + 1);
            assert!((o.t - p.t).abs() < 0.006, "customer {}", i + 1);
            assert!(
                (o.monetary - p.monetary).abs() < 0.006,
                "customer {}",
                i + 1
            );
        }
        let customers: Vec<CustomerSummary> = ours.into_iter().flatten().collect();
        let fit = fit_bgnbd(&customers).unwrap().params;
        assert_eq!(
            [
                round_to(fit.r, 3),
                round_to(fit.alpha, 3),
                round_to(fit.a, 3),
                round_to(fit.b, 3)
            ],
            [0.243, 4.414, 0.793, 2.426]
        );
        // With the exact mean spends Gamma-Gamma gives the published p = 6.25, q = 3.74, v = 15.44.
        let gg = fit_gamma_gamma(&customers).unwrap();
        assert_eq!(gg.customers, 946);
        assert_eq!(
            [
                round_to(gg.params.p, 2),
                round_to(gg.params.q, 2),
                round_to(gg.params.v, 2)
            ],
            [6.25, 3.74, 15.44]
        );
    }

    #[test]
    fn summaries_merge_same_day_purchases() {
        let day0 = days_from_civil(2024, 1, 1);
        let data = TransactionSet::from_triples([
            ("a", day0, 10.0),
            ("a", day0, 5.0),
            ("a", day0 + 7, 20.0),
            ("a", day0 + 7, 20.0),
            ("a", day0 + 14, 30.0),
            ("a", day0 + 70, 99.0),
            ("b", day0 + 21, 1.0),
            ("c", day0 + 50, 1.0),
        ]);
        let s = summarize(&data, day0 + 28, TimeUnit::Weeks);
        // a: purchase days 0, 7, 14 (70 is after the end): 2 repeats, recency 2 weeks, T 4 weeks,
        // mean repeat spend (40 + 30) / 2 = 35.
        assert_eq!(
            s[0],
            Some(CustomerSummary {
                frequency: 2.0,
                recency: 2.0,
                t: 4.0,
                monetary: 35.0
            })
        );
        assert_eq!(
            s[1],
            Some(CustomerSummary {
                frequency: 0.0,
                recency: 0.0,
                t: 1.0,
                monetary: 0.0
            })
        );
        // c first bought after the end of the calibration.
        assert_eq!(s[2], None);
        let days = summarize(&data, day0 + 28, TimeUnit::Days);
        assert_eq!(days[0].map(|c| (c.recency, c.t)), Some((14.0, 28.0)));
    }
}
