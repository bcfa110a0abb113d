//! The plan's one revenue target: what the sales unit brings per month, as its two parts:
//! new clients (who come through the funnel) and existing clients (served from the base).
//! The funnel page plans and edits the new-client part; the headcount page staffs both and
//! edits the whole and the share; the plans report shows them all. One value, so the pages
//! cannot disagree. The parts are stored (not the share), so the funnel's target is exactly
//! what was typed and its deals are never off by a rounding of the share.

use serde::{Deserialize, Serialize};

use crate::model::validation::{check_amount, Validator};

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct RevenueTarget {
    /// Revenue per month from new clients: the funnel's target.
    pub new_clients_per_month: f64,
    /// Revenue per month from existing clients.
    pub existing_clients_per_month: f64,
}

impl Default for RevenueTarget {
    /// The demo: 50 mln a month, 10 mln of it from new clients (20 %).
    fn default() -> Self {
        RevenueTarget {
            new_clients_per_month: 10_000_000.0,
            existing_clients_per_month: 40_000_000.0,
        }
    }
}

impl RevenueTarget {
    /// Revenue per month from new and existing clients.
    pub fn total(&self) -> f64 {
        self.new_clients_per_month + self.existing_clients_per_month
    }

    pub fn new_clients(&self) -> f64 {
        self.new_clients_per_month
    }

    pub fn existing_clients(&self) -> f64 {
        self.existing_clients_per_month
    }

    /// Share of new clients in the total, 0..=100 (0 for a plan without revenue); outside
    /// that range while a part is negative (a page flags it).
    pub fn new_client_share_pct(&self) -> f64 {
        let total = self.total();
        if self.existing_clients_per_month == 0.0 && self.new_clients_per_month > 0.0 {
            // Exactly, not total / total x 100 with its rounding.
            100.0
        } else if total == 0.0 {
            if self.new_clients_per_month == 0.0 {
                0.0
            } else {
                f64::INFINITY
            }
        } else {
            self.new_clients_per_month / total * 100.0
        }
    }

    /// Share of existing clients: what the new share leaves.
    pub fn existing_client_share_pct(&self) -> f64 {
        100.0 - self.new_client_share_pct()
    }

    /// A new total with the same split (a plan without revenue puts it on existing clients,
    /// its share of new clients being 0).
    pub fn set_total(&mut self, total: f64) {
        let before = self.total();
        self.new_clients_per_month = if before.is_finite() && before != 0.0 {
            // One product, one quotient: 60 mln x 10 mln / 50 mln is 12 mln exactly.
            total * self.new_clients_per_month / before
        } else {
            0.0
        };
        self.existing_clients_per_month = total - self.new_clients_per_month;
    }

    /// A new share of new clients with the same total.
    pub fn set_new_client_share(&mut self, share_pct: f64) {
        let total = self.total();
        // x (share / 100): 100 % is then the total exactly, with nothing left negative.
        self.new_clients_per_month = total * (share_pct / 100.0);
        self.existing_clients_per_month = total - self.new_clients_per_month;
    }

    /// Checks the whole and, when it is a valid amount, the share into `v` (the headcount
    /// page's fields).
    pub fn check(&self, v: &mut Validator, total_field: &str, share_field: &str) {
        v.amount(total_field, self.total());
        if check_amount(total_field, self.total()).is_ok() {
            v.percent(share_field, self.new_client_share_pct());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(new: f64, existing: f64) -> RevenueTarget {
        RevenueTarget {
            new_clients_per_month: new,
            existing_clients_per_month: existing,
        }
    }

    #[test]
    fn the_parts_add_up_to_the_target() {
        let t = RevenueTarget::default();
        assert_eq!(t.total(), 50_000_000.0);
        assert_eq!(t.new_client_share_pct(), 20.0);
        assert_eq!(t.existing_client_share_pct(), 80.0);
        assert_eq!(target(0.0, 0.0).new_client_share_pct(), 0.0);
    }

    #[test]
    fn a_new_total_keeps_the_split_and_a_new_share_keeps_the_total() {
        let mut t = RevenueTarget::default();
        t.set_total(60_000_000.0);
        assert_eq!((t.new_clients(), t.existing_clients()), (12e6, 48e6));
        t.set_new_client_share(35.5);
        assert_eq!(t.total(), 60e6);
        assert_eq!(t.new_clients(), 21_300_000.0);
        let mut empty = target(0.0, 0.0);
        empty.set_total(5e6);
        assert_eq!((empty.new_clients(), empty.existing_clients()), (0.0, 5e6));
    }

    #[test]
    fn bad_numbers_are_named_by_the_page_field() {
        let mut t = RevenueTarget::default();
        t.set_new_client_share(120.0);
        let mut v = Validator::default();
        t.check(&mut v, "revenue-plan", "new-share");
        let fields: Vec<String> = v.into_errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["new-share"]);
        // A bad total says nothing of the share: one message, on the total.
        let mut v = Validator::default();
        target(-1.0, 0.0).check(&mut v, "revenue-plan", "new-share");
        let fields: Vec<String> = v.into_errors().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["revenue-plan"]);
    }
}
