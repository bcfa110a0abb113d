//! The control reports of the seed: daily (who reported, each seller against the daily norm),
//! weekly and month to date (the team's and each seller's funnel against the plan to date),
//! the run-rate and the pace still needed to reach the month's target.
//!
//! The norms are the plan's reverse funnel for the month: the stage volumes that make the
//! funnel's target (new clients' revenue), spread over the month's working days from the
//! production calendar, and over the funnel's sellers (full-time equivalents).
//!
//! - plan to date at a stage = volume per month x elapsed working days / month's working days;
//! - target to date = target x elapsed / month's working days;
//! - run-rate = revenue / elapsed x month's working days;
//! - deals still needed = ceil(remaining revenue / plan check), and from them, stage by stage
//!   up the funnel (rounded up, as the reverse funnel does), the counts still needed, per
//!   remaining working day and per seller per remaining day.

use chrono::{Datelike, NaiveDate};

use crate::model::calendar::{Month, ProductionCalendar};
use crate::model::funnel::{required_per_month, reverse, round_noise, Stage};
use crate::model::validation::FieldError;
use crate::model::Plan;

use super::deviation::{deviation, Deviation};
use super::{DayReport, FactBook, FactSeller};

/// Red below [`AMBER_FROM`] of the norm, amber from it, green at the norm or above.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Light {
    Green,
    Amber,
    Red,
}

/// The share of a norm from which a figure is amber rather than red.
pub const AMBER_FROM: f64 = 0.8;

impl Light {
    pub fn of(done: f64, norm: f64) -> Light {
        if done >= norm - 1e-9 {
            Light::Green
        } else if done >= norm * AMBER_FROM {
            Light::Amber
        } else {
            Light::Red
        }
    }
}

/// A figure against its norm.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageCheck {
    pub norm: f64,
    pub done: f64,
    /// done / norm in %; `None` for a zero norm.
    pub pct: Option<f64>,
    pub light: Light,
}

impl StageCheck {
    pub fn new(done: f64, norm: f64) -> StageCheck {
        StageCheck {
            norm,
            done,
            pct: (norm > 0.0).then(|| done / norm * 100.0),
            light: Light::of(done, norm),
        }
    }
}

/// One seller on the as-of day.
#[derive(Debug, Clone, PartialEq)]
pub struct DailySeller {
    pub seller: FactSeller,
    /// A report was filed for the day.
    pub reported: bool,
    /// One per funnel stage: the count against the seller's daily norm.
    pub stages: Vec<StageCheck>,
    pub revenue: f64,
    /// Stages (0-based) whose count is above the previous stage's: allowed, but flagged.
    pub grows_at: Vec<usize>,
}

/// The daily control of the as-of day.
#[derive(Debug, Clone, PartialEq)]
pub struct DailyControl {
    pub day: NaiveDate,
    /// False on a weekend or holiday: no norm applies, reports are still shown.
    pub working: bool,
    pub sellers: Vec<DailySeller>,
    /// How many sellers filed a report.
    pub reported: usize,
}

/// A funnel over a period (a week, the month to date) against the plan of that period.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodFunnel {
    pub from: NaiveDate,
    pub to: NaiveDate,
    /// ISO week number for a week, 0 for the month.
    pub iso_week: u32,
    /// Working days of the period in the month, and of them those up to the as-of date.
    pub working_days: u32,
    pub elapsed_days: u32,
    /// The team's counts against the plan for the elapsed days.
    pub stages: Vec<StageCheck>,
    /// The plan for the whole period (all its working days), per stage.
    pub period_plan: Vec<f64>,
    pub revenue: StageCheck,
    /// The same per seller, in roster order.
    pub sellers: Vec<SellerFunnel>,
}

/// One seller's funnel over a period.
#[derive(Debug, Clone, PartialEq)]
pub struct SellerFunnel {
    pub seller: FactSeller,
    pub stages: Vec<StageCheck>,
    pub revenue: StageCheck,
    /// Days of the period with a report.
    pub reports: u32,
}

/// The month's money: done, due to date and on course.
#[derive(Debug, Clone, PartialEq)]
pub struct RunRate {
    /// The month's target (the funnel's: new clients' revenue).
    pub target: f64,
    pub revenue: f64,
    /// target x elapsed / month's working days.
    pub target_to_date: f64,
    /// revenue / elapsed x month's working days; `None` before the first working day.
    pub runrate: Option<f64>,
    /// Run-rate against the target, %.
    pub runrate_pct: Option<f64>,
    /// What is still to be sold (0 once the target is reached).
    pub remaining_revenue: f64,
}

/// What the rest of the month needs, per stage.
#[derive(Debug, Clone, PartialEq)]
pub struct RequiredPace {
    /// ceil(remaining revenue / plan check).
    pub remaining_deals: f64,
    /// One per stage, first stage first.
    pub stages: Vec<StageNeed>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct StageNeed {
    /// Clients still needed at the stage this month (a whole number).
    pub total: f64,
    /// Per remaining working day; `None` when no working day is left.
    pub per_day: Option<f64>,
    /// Per seller per remaining working day.
    pub per_seller_day: Option<f64>,
}

/// Everything the facts page shows for one month as of one day.
#[derive(Debug, Clone, PartialEq)]
pub struct Control {
    pub month: Month,
    /// The as-of date given.
    pub as_of: NaiveDate,
    pub month_days: u32,
    /// Working days from the first of the month to the as-of date (both included), at most
    /// the month's.
    pub elapsed_days: u32,
    pub remaining_days: u32,
    /// The as-of date is after the month: this is the month's final view.
    pub month_over: bool,
    pub sellers_fte: f64,
    /// The plan's volume per stage for the month (reverse funnel).
    pub plan_per_month: Vec<f64>,
    pub plan_deals: f64,
    pub avg_check: f64,
    pub daily: DailyControl,
    pub weeks: Vec<PeriodFunnel>,
    pub month_to_date: PeriodFunnel,
    pub run_rate: RunRate,
    pub pace: RequiredPace,
    /// The team's revenue gap to date split into causes.
    pub deviation: Deviation,
    /// One per seller of the roster, against the team's plan shared by the funnel's sellers.
    pub seller_deviations: Vec<Deviation>,
}

/// The control of `month` as of `as_of` for the roster `sellers`.
///
/// `Err` when the plan's funnel cannot make a plan (its problems name the funnel's fields),
/// or when the month has no working day.
pub fn control(
    plan: &Plan,
    book: &FactBook,
    sellers: &[FactSeller],
    month: Month,
    as_of: NaiveDate,
) -> Result<Control, Vec<FieldError>> {
    let calendar = &plan.calendar;
    let month_days = calendar.working_days(month);
    let funnel = &plan.funnel;
    let reverse = reverse(
        &funnel.stages,
        funnel.avg_check,
        plan.target.new_clients(),
        f64::from(month_days.max(1)),
        funnel.sellers,
    )?;
    if month_days == 0 {
        return Err(vec![FieldError::new(
            "fact-month",
            crate::model::Problem::OutOfRange {
                min: 1.0,
                max: 31.0,
            },
        )]);
    }
    let stage_count = funnel.stages.len();
    let plan_per_month: Vec<f64> = reverse.stages.iter().map(|s| s.per_month).collect();
    let last_counted = as_of.min(month.last_day());
    let elapsed_days = if as_of < month.first_day() {
        0
    } else {
        calendar.working_days_between(month.first_day(), last_counted)
    };
    let norms = Norms {
        per_month: &plan_per_month,
        month_days: f64::from(month_days),
        target: plan.target.new_clients(),
        sellers: funnel.sellers,
    };
    let period = |from: NaiveDate, to: NaiveDate, iso_week: u32| {
        period_funnel(
            book,
            calendar,
            sellers,
            &norms,
            stage_count,
            from,
            to,
            as_of,
            iso_week,
        )
    };
    let weeks = iso_weeks(month)
        .into_iter()
        .map(|(week, from, to)| period(from, to, week))
        .collect();
    let month_to_date = period(month.first_day(), month.last_day(), 0);
    let daily = daily_control(book, calendar, sellers, &norms, stage_count, as_of);

    let revenue = month_to_date.revenue.done;
    let target = norms.target;
    let elapsed = f64::from(elapsed_days);
    let runrate = (elapsed_days > 0).then(|| revenue / elapsed * norms.month_days);
    let remaining_revenue = (target - revenue).max(0.0);
    let run_rate = RunRate {
        target,
        revenue,
        target_to_date: target * elapsed / norms.month_days,
        runrate,
        runrate_pct: runrate.filter(|_| target > 0.0).map(|r| r / target * 100.0),
        remaining_revenue,
    };
    let remaining_days = month_days - elapsed_days;
    let pace = required_pace(
        &funnel.stages,
        funnel.avg_check,
        remaining_revenue,
        remaining_days,
        funnel.sellers,
    );

    let prorate = elapsed / norms.month_days;
    let conversions: Vec<f64> = funnel
        .stages
        .iter()
        .take(stage_count.saturating_sub(1))
        .map(|s| s.conversion_pct / 100.0)
        .collect();
    let team_counts: Vec<f64> = month_to_date.stages.iter().map(|s| s.done).collect();
    let plan_leads = plan_per_month.first().copied().unwrap_or(0.0);
    let team_deviation = deviation(
        plan_leads * prorate,
        &conversions,
        funnel.avg_check,
        &team_counts,
        revenue,
    );
    let seller_deviations = month_to_date
        .sellers
        .iter()
        .map(|s| {
            let counts: Vec<f64> = s.stages.iter().map(|c| c.done).collect();
            deviation(
                plan_leads * prorate / funnel.sellers,
                &conversions,
                funnel.avg_check,
                &counts,
                s.revenue.done,
            )
        })
        .collect();

    Ok(Control {
        month,
        as_of,
        month_days,
        elapsed_days,
        remaining_days,
        month_over: as_of > month.last_day(),
        sellers_fte: funnel.sellers,
        plan_deals: reverse.deals,
        plan_per_month,
        avg_check: funnel.avg_check,
        daily,
        weeks,
        month_to_date,
        run_rate,
        pace,
        deviation: team_deviation,
        seller_deviations,
    })
}

/// The plan's volumes and how they spread over days and sellers.
struct Norms<'a> {
    per_month: &'a [f64],
    month_days: f64,
    target: f64,
    sellers: f64,
}

impl Norms<'_> {
    /// The team's plan at `stage` for `days` working days.
    fn stage(&self, stage: usize, days: u32) -> f64 {
        self.per_month[stage] * f64::from(days) / self.month_days
    }

    fn revenue(&self, days: u32) -> f64 {
        self.target * f64::from(days) / self.month_days
    }
}

/// Sums of a set of reports: the count at each stage and the revenue.
fn totals<'a>(
    reports: impl Iterator<Item = &'a DayReport>,
    stage_count: usize,
) -> (Vec<f64>, f64, u32) {
    let mut counts = vec![0.0; stage_count];
    let mut revenue = 0.0;
    let mut filed = 0;
    for report in reports {
        for (stage, count) in counts.iter_mut().enumerate() {
            *count += report.count(stage);
        }
        revenue += report.revenue.unwrap_or(0.0);
        filed += 1;
    }
    (counts, revenue, filed)
}

#[allow(clippy::too_many_arguments)]
fn period_funnel(
    book: &FactBook,
    calendar: &ProductionCalendar,
    sellers: &[FactSeller],
    norms: &Norms,
    stage_count: usize,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
    iso_week: u32,
) -> PeriodFunnel {
    let working_days = calendar.working_days_between(from, to);
    let elapsed_days = if as_of < from {
        0
    } else {
        calendar.working_days_between(from, as_of.min(to))
    };
    // Facts of days after the as-of date are not counted: the plan is pro-rated to it.
    let reports = book.reports_between(from, as_of.min(to));
    let checks = |counts: &[f64], share: f64| -> Vec<StageCheck> {
        counts
            .iter()
            .enumerate()
            .map(|(stage, &done)| StageCheck::new(done, norms.stage(stage, elapsed_days) * share))
            .collect()
    };
    let (team, revenue, _) = totals(
        reports
            .iter()
            .filter(|r| sellers.iter().any(|s| s.id == r.seller)),
        stage_count,
    );
    let per_seller = 1.0 / norms.sellers;
    let seller_funnels = sellers
        .iter()
        .map(|seller| {
            let (counts, revenue, filed) = totals(
                reports.iter().filter(|r| r.seller == seller.id),
                stage_count,
            );
            SellerFunnel {
                seller: seller.clone(),
                stages: checks(&counts, per_seller),
                revenue: StageCheck::new(revenue, norms.revenue(elapsed_days) * per_seller),
                reports: filed,
            }
        })
        .collect();
    PeriodFunnel {
        from,
        to,
        iso_week,
        working_days,
        elapsed_days,
        stages: checks(&team, 1.0),
        period_plan: (0..stage_count)
            .map(|stage| norms.stage(stage, working_days))
            .collect(),
        revenue: StageCheck::new(revenue, norms.revenue(elapsed_days)),
        sellers: seller_funnels,
    }
}

fn daily_control(
    book: &FactBook,
    calendar: &ProductionCalendar,
    sellers: &[FactSeller],
    norms: &Norms,
    stage_count: usize,
    day: NaiveDate,
) -> DailyControl {
    let working = calendar.is_working(day);
    let norm_days = u32::from(working);
    let rows: Vec<DailySeller> = sellers
        .iter()
        .map(|seller| {
            let report = book.report(day, seller.id);
            DailySeller {
                seller: seller.clone(),
                reported: report.is_some(),
                stages: (0..stage_count)
                    .map(|stage| {
                        let done = report.map_or(0.0, |r| r.count(stage));
                        StageCheck::new(done, norms.stage(stage, norm_days) / norms.sellers)
                    })
                    .collect(),
                revenue: report.and_then(|r| r.revenue).unwrap_or(0.0),
                grows_at: report.map(grows_at).unwrap_or_default(),
            }
        })
        .collect();
    DailyControl {
        day,
        working,
        reported: rows.iter().filter(|s| s.reported).count(),
        sellers: rows,
    }
}

/// Stages of a report whose count is above the previous stage's.
pub fn grows_at(report: &DayReport) -> Vec<usize> {
    (1..report.counts.len())
        .filter(|&i| match (report.counts[i - 1], report.counts[i]) {
            (Some(before), Some(after)) => after > before,
            (None, Some(after)) => after > 0.0,
            _ => false,
        })
        .collect()
}

/// The ISO weeks that meet `month`: their number and their days within the month.
pub fn iso_weeks(month: Month) -> Vec<(u32, NaiveDate, NaiveDate)> {
    let mut weeks: Vec<(u32, NaiveDate, NaiveDate)> = Vec::new();
    for day in month.days() {
        let week = day.iso_week().week();
        match weeks.last_mut() {
            Some((w, _, to)) if *w == week => *to = day,
            _ => weeks.push((week, day, day)),
        }
    }
    weeks
}

fn required_pace(
    stages: &[Stage],
    avg_check: f64,
    remaining_revenue: f64,
    remaining_days: u32,
    sellers: f64,
) -> RequiredPace {
    let remaining_deals = round_noise(remaining_revenue / avg_check).ceil();
    // Never above the month's plan (remaining <= target), so always within the model's range.
    let totals =
        required_per_month(stages, remaining_deals).unwrap_or_else(|| vec![0.0; stages.len()]);
    let days = f64::from(remaining_days);
    RequiredPace {
        remaining_deals,
        stages: totals
            .into_iter()
            .map(|total| StageNeed {
                total,
                per_day: (remaining_days > 0).then(|| total / days),
                per_seller_day: (remaining_days > 0).then(|| total / days / sellers),
            })
            .collect(),
    }
}
