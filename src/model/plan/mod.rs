//! One plan (a scenario): the inputs of every calculator, linked in one value.
//!
//! Around it: [`summary`] (the key figures of a plan from every calculator's `compute`),
//! [`compare`] (two or three plans side by side) and [`presets`] (realistic demo plans).

use serde::{Deserialize, Serialize};

use super::calendar::{Month, ProductionCalendar};
use super::clients::ClientsInputs;
use super::fact::FactBook;
use super::funnel::FunnelInputs;
use super::headcount::HeadcountInputs;
use super::ltv::LtvInputs;
use super::money::Currency;
use super::names::{Name, Namer};

pub mod compare;
pub mod presets;
pub mod summary;
pub mod target;

pub use compare::{compare, CompareRow, Delta, Kind, Metric};
pub use presets::Preset;
pub use summary::{summarize, PlanSummary, RoleHeadcount};
pub use target::RevenueTarget;

/// One plan; a part missing from a stored document takes the default's.
/// Its `Default` (the demo, named in the default language) needs words, so it is implemented
/// with them, in the text layer's `names` module.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Plan {
    /// Stable identifier within this device's list of plans.
    pub id: String,
    pub name: String,
    /// The client this plan is made for (a consultant keeps plans per client).
    pub client: String,
    pub currency: Currency,
    /// Working days in a month, used by every per-day norm: the calendar's figure for
    /// `month` unless the person typed another (`working_days_typed`).
    pub working_days_per_month: f64,
    /// The month the plan is for (`None`: a typical month, working days typed).
    pub month: Option<Month>,
    /// The working days were typed, not taken from the calendar.
    pub working_days_typed: bool,
    /// Weekends, holidays and the transfers the person marked.
    pub calendar: ProductionCalendar,
    /// Last change, milliseconds since the Unix epoch (0 = unknown).
    pub updated_at_ms: f64,
    /// The one revenue target; the funnel plans its new-client part.
    pub target: RevenueTarget,
    pub funnel: FunnelInputs,
    pub ltv: LtvInputs,
    pub headcount: HeadcountInputs,
    /// Client-base analysis settings and the summary of the last import (never its rows).
    pub clients: ClientsInputs,
    /// Facts per seller and day, and the decisions taken on them.
    #[serde(skip_serializing_if = "FactBook::is_empty")]
    pub facts: FactBook,
}

pub const DEFAULT_WORKING_DAYS: f64 = 21.0;

impl Plan {
    /// The currency of the client base's amounts: the file's when one was set, else the plan's.
    pub fn clients_currency(&self) -> Currency {
        self.clients.currency.unwrap_or(self.currency)
    }

    /// The plan a first visit opens with, so the app is never empty.
    pub fn demo(names: Namer) -> Plan {
        Plan {
            id: "demo".to_string(),
            name: names(Name::DemoPlan),
            client: String::new(),
            currency: Currency::RUB,
            working_days_per_month: DEFAULT_WORKING_DAYS,
            month: None,
            working_days_typed: false,
            calendar: ProductionCalendar::default(),
            updated_at_ms: 0.0,
            target: RevenueTarget::default(),
            funnel: FunnelInputs::demo(names),
            ltv: LtvInputs::demo(names),
            headcount: HeadcountInputs::demo(names),
            clients: ClientsInputs::default(),
            facts: FactBook::default(),
        }
    }

    /// The calendar's working days of the plan's month, when it has one.
    pub fn calendar_working_days(&self) -> Option<u32> {
        self.month.map(|month| self.calendar.working_days(month))
    }

    /// Takes the working days from the calendar again, unless they were typed.
    pub fn sync_working_days(&mut self) {
        if self.working_days_typed {
            return;
        }
        if let Some(days) = self.calendar_working_days().filter(|d| *d > 0) {
            self.working_days_per_month = f64::from(days);
        }
    }
}

/// A plan id unique among `taken`: the time in ms and a random number, both in base 36.
///
/// `random` is a number in 0..1 (the UI passes `Math.random()`); when the id is already
/// taken (two plans in the same millisecond with the same random), a counter is appended.
pub fn new_plan_id(now_ms: f64, random: f64, taken: &[&str]) -> String {
    let time = if now_ms.is_finite() && now_ms > 0.0 {
        now_ms as u64
    } else {
        0
    };
    let noise = if random.is_finite() {
        (random.abs().fract() * 1e9) as u64
    } else {
        0
    };
    let base = format!("p{}{}", base36(time), base36(noise));
    let mut id = base.clone();
    let mut n = 2u32;
    while taken.contains(&id.as_str()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn base36(mut n: u64) -> String {
    const DIGITS: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let mut out = Vec::new();
    loop {
        out.push(DIGITS[(n % 36) as usize]);
        n /= 36;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A name not used by any of `names`: `name`, else `name (2)`, `name (3)`, ...
pub fn unique_name(name: &str, names: &[&str]) -> String {
    if !names.contains(&name) {
        return name.to_string();
    }
    (2..)
        .map(|n| format!("{name} ({n})"))
        .find(|candidate| !names.contains(&candidate.as_str()))
        .unwrap_or_else(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_readable() {
        let a = new_plan_id(1_700_000_000_000.0, 0.5, &[]);
        assert!(a.starts_with('p'));
        assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
        let b = new_plan_id(1_700_000_000_000.0, 0.5, &[&a]);
        assert_ne!(a, b);
        assert_eq!(b, format!("{a}-2"));
        let c = new_plan_id(1_700_000_000_000.0, 0.5, &[&a, &b]);
        assert_eq!(c, format!("{a}-3"));
        assert_ne!(new_plan_id(1.0, 0.1, &[]), new_plan_id(1.0, 0.2, &[]));
        // Nonsense input still gives an id.
        assert_eq!(new_plan_id(f64::NAN, f64::INFINITY, &[]), "p00");
    }

    #[test]
    fn base36_by_hand() {
        assert_eq!(base36(0), "0");
        assert_eq!(base36(35), "z");
        assert_eq!(base36(36), "10");
        assert_eq!(base36(36 * 36 + 1), "101");
    }

    #[test]
    fn unique_names_count_up() {
        assert_eq!(unique_name("Plan", &[]), "Plan");
        assert_eq!(unique_name("Plan", &["Plan"]), "Plan (2)");
        assert_eq!(unique_name("Plan", &["Plan", "Plan (2)"]), "Plan (3)");
    }

    #[test]
    fn an_empty_json_plan_is_the_demo() {
        let plan: Plan = serde_json::from_str("{}").unwrap();
        assert_eq!(plan, Plan::default());
    }
}
