//! One plan (a scenario): the inputs of every calculator, linked in one value.

use serde::{Deserialize, Serialize};

use crate::i18n::{tr, Lang};

use super::funnel::FunnelInputs;
use super::headcount::HeadcountInputs;
use super::ltv::LtvInputs;
use super::money::Currency;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Plan {
    /// Stable identifier within this device's list of plans.
    pub id: String,
    pub name: String,
    /// The client this plan is made for (a consultant keeps plans per client).
    pub client: String,
    pub currency: Currency,
    /// Working days in a month, used by every per-day norm.
    pub working_days_per_month: f64,
    /// Last change, milliseconds since the Unix epoch (0 = unknown).
    pub updated_at_ms: f64,
    pub funnel: FunnelInputs,
    pub ltv: LtvInputs,
    pub headcount: HeadcountInputs,
}

pub const DEFAULT_WORKING_DAYS: f64 = 21.0;

impl Default for Plan {
    fn default() -> Self {
        Plan::demo(Lang::Ru)
    }
}

impl Plan {
    /// The plan a first visit opens with, so the app is never empty.
    pub fn demo(lang: Lang) -> Plan {
        Plan {
            id: "demo".to_string(),
            name: tr(lang, "Демо-план", "Demo plan").to_string(),
            client: String::new(),
            currency: Currency::RUB,
            working_days_per_month: DEFAULT_WORKING_DAYS,
            updated_at_ms: 0.0,
            funnel: FunnelInputs::demo(lang),
            ltv: LtvInputs::demo(lang),
            headcount: HeadcountInputs::demo(lang),
        }
    }
}
