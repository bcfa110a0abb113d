//! Edits of the clients page and the import: the analysis and forecast settings, the summary
//! of the last import kept in the plan, and carrying the base's figures into the plan.

use crate::model::clients::clv::{ClvSettings, HorizonUnit, TimeUnit};
use crate::model::clients::{apply_base_figures, AnalysisSettings, BaseFigures, ImportSummary};
use crate::model::{Currency, Plan};

/// The analysis settings' number fields (ABC / XYZ and the base).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AnalysisNumber {
    /// Share of revenue of group A, %.
    AbcAShare,
    /// Share of revenue of group B, %.
    AbcBShare,
    /// Highest variation of monthly revenue for X, %.
    XyzXVariation,
    /// Highest variation for Y, %.
    XyzYVariation,
    ActiveWindowDays,
    BaseWindowMonths,
}

/// The forecast (CLV) settings' number fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClvNumber {
    /// In the settings' [`HorizonUnit`].
    Horizon,
    MonthlyDiscount,
    Margin,
    MinRepeatCustomers,
}

/// A change to the clients part of the plan.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientsEdit {
    SetAnalysis(AnalysisNumber, f64),
    SetClv(ClvNumber, f64),
    SetTimeUnit(TimeUnit),
    /// The horizon's unit; the horizon keeps its length (12 months become 52 weeks).
    SetHorizonUnit(HorizonUnit),
    /// The last day of the calibration period (days since 1970-01-01); `None`: the file's
    /// last date, no holdout.
    SetCalibrationEnd(Option<i32>),
    /// The currency of the file's amounts; `None`: the plan's.
    SetFileCurrency(Option<Currency>),
    /// Keeps the summary of a finished analysis in the plan (boxed: it is large).
    RememberImport(Box<ImportSummary>),
    /// Drops the kept summary.
    ForgetImport,
    /// Carries the base's figures into the LTV and headcount inputs
    /// (`clients::apply_base_figures`).
    ApplyBaseFigures(BaseFigures),
}

impl ClientsEdit {
    pub fn apply(self, plan: &mut Plan) {
        let c = &mut plan.clients;
        match self {
            ClientsEdit::SetAnalysis(number, value) => {
                *analysis_slot(&mut c.analysis, number) = value
            }
            ClientsEdit::SetClv(number, value) => *clv_slot(&mut c.clv, number) = value,
            ClientsEdit::SetTimeUnit(unit) => c.clv.time_unit = unit,
            ClientsEdit::SetHorizonUnit(unit) => {
                let clv = &mut c.clv;
                if clv.horizon_unit != unit && clv.horizon.is_finite() {
                    let months = clv.horizon_months();
                    clv.horizon = (months / unit.months()).round().clamp(1.0, unit.max());
                }
                clv.horizon_unit = unit;
            }
            ClientsEdit::SetCalibrationEnd(day) => c.clv.calibration_end = day,
            ClientsEdit::SetFileCurrency(currency) => c.currency = currency,
            ClientsEdit::RememberImport(summary) => c.last_import = Some(*summary),
            ClientsEdit::ForgetImport => c.last_import = None,
            ClientsEdit::ApplyBaseFigures(base) => {
                apply_base_figures(plan, &base);
            }
        }
    }
}

fn analysis_slot(a: &mut AnalysisSettings, number: AnalysisNumber) -> &mut f64 {
    match number {
        AnalysisNumber::AbcAShare => &mut a.abc_a_pct,
        AnalysisNumber::AbcBShare => &mut a.abc_b_pct,
        AnalysisNumber::XyzXVariation => &mut a.xyz_x_cv_pct,
        AnalysisNumber::XyzYVariation => &mut a.xyz_y_cv_pct,
        AnalysisNumber::ActiveWindowDays => &mut a.active_window_days,
        AnalysisNumber::BaseWindowMonths => &mut a.base_window_months,
    }
}

fn clv_slot(c: &mut ClvSettings, number: ClvNumber) -> &mut f64 {
    match number {
        ClvNumber::Horizon => &mut c.horizon,
        ClvNumber::MonthlyDiscount => &mut c.monthly_discount_pct,
        ClvNumber::Margin => &mut c.margin_pct,
        ClvNumber::MinRepeatCustomers => &mut c.min_repeat_customers,
    }
}
