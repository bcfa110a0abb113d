//! Edits of the LTV page: its inputs, the "what if" scenario, the base's development plan
//! and the segments of the client base.

use crate::model::ltv::{LtvInputs, Period, RetentionBasis, Segment, Uplift, MAX_SEGMENTS};

/// The numbers of an [`Uplift`] (the scenario, the base's development plan).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpliftNumber {
    /// Retention, plus percentage points.
    RetentionPp,
    /// Average check, plus %.
    AvgCheckPct,
    /// Extra purchases per period.
    PurchasesPlus,
}

impl UpliftNumber {
    fn slot(self, uplift: &mut Uplift) -> &mut f64 {
        match self {
            UpliftNumber::RetentionPp => &mut uplift.retention_pp,
            UpliftNumber::AvgCheckPct => &mut uplift.avg_check_pct,
            UpliftNumber::PurchasesPlus => &mut uplift.purchases_plus,
        }
    }
}

/// The LTV inputs' plain number fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LtvNumber {
    AvgCheck,
    PurchasesPerPeriod,
    GrossMargin,
    /// Retention %, typed when the basis is retention.
    Retention,
    /// Churn %, typed when the basis is churn.
    Churn,
    /// Lifetime in periods, typed when the basis is lifetime.
    Lifetime,
    DiscountRate,
    Cac,
    TargetRatio,
    SleepingClients,
    /// Share of sleeping clients a campaign brings back, %.
    ReactivationRate,
    /// A number of the "what if" scenario.
    Scenario(UpliftNumber),
    /// A number of the development plan of the whole base.
    Development(UpliftNumber),
}

/// The number fields of one segment of the client base.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SegmentNumber {
    Clients,
    AvgCheck,
    PurchasesPerPeriod,
    GrossMargin,
    Retention,
}

/// A change to the LTV inputs.
#[derive(Debug, Clone, PartialEq)]
pub enum LtvEdit {
    Set(LtvNumber, f64),
    SetPeriod(Period),
    /// Switches which retention field is typed, filling the others from the current one.
    SetRetentionBasis(RetentionBasis),
    /// The horizon in periods; `None`: unlimited.
    SetHorizon(Option<f64>),
    /// Adds a segment named `name` (nothing at [`MAX_SEGMENTS`]).
    AddSegment {
        name: String,
    },
    RemoveSegment(usize),
    SetSegmentName {
        segment: usize,
        name: String,
    },
    SetSegmentNumber {
        segment: usize,
        number: SegmentNumber,
        value: f64,
    },
}

impl LtvEdit {
    pub fn apply(self, l: &mut LtvInputs) {
        match self {
            LtvEdit::Set(number, value) => {
                let slot = match number {
                    LtvNumber::AvgCheck => &mut l.avg_check,
                    LtvNumber::PurchasesPerPeriod => &mut l.purchases_per_period,
                    LtvNumber::GrossMargin => &mut l.gross_margin_pct,
                    LtvNumber::Retention => &mut l.retention_pct,
                    LtvNumber::Churn => &mut l.churn_pct,
                    LtvNumber::Lifetime => &mut l.lifetime_periods,
                    LtvNumber::DiscountRate => &mut l.discount_rate_pct,
                    LtvNumber::Cac => &mut l.cac,
                    LtvNumber::TargetRatio => &mut l.target_ratio,
                    LtvNumber::SleepingClients => &mut l.sleeping_clients,
                    LtvNumber::ReactivationRate => &mut l.reactivation_pct,
                    LtvNumber::Scenario(n) => n.slot(&mut l.scenario),
                    LtvNumber::Development(n) => n.slot(&mut l.development),
                };
                *slot = value;
            }
            LtvEdit::SetPeriod(period) => l.period = period,
            LtvEdit::SetRetentionBasis(basis) => l.set_retention_basis(basis),
            LtvEdit::SetHorizon(horizon) => l.horizon_periods = horizon,
            LtvEdit::AddSegment { name } => {
                if l.segments.len() < MAX_SEGMENTS {
                    l.segments.push(Segment {
                        name,
                        ..Segment::default()
                    });
                }
            }
            LtvEdit::RemoveSegment(i) => {
                if i < l.segments.len() {
                    l.segments.remove(i);
                }
            }
            LtvEdit::SetSegmentName { segment, name } => {
                if let Some(s) = l.segments.get_mut(segment) {
                    s.name = name;
                }
            }
            LtvEdit::SetSegmentNumber {
                segment,
                number,
                value,
            } => {
                if let Some(s) = l.segments.get_mut(segment) {
                    let slot = match number {
                        SegmentNumber::Clients => &mut s.clients,
                        SegmentNumber::AvgCheck => &mut s.avg_check,
                        SegmentNumber::PurchasesPerPeriod => &mut s.purchases_per_period,
                        SegmentNumber::GrossMargin => &mut s.gross_margin_pct,
                        SegmentNumber::Retention => &mut s.retention_pct,
                    };
                    *slot = value;
                }
            }
        }
    }
}
