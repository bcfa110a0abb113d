//! The client base from its transactions: summary, ABC by revenue, XYZ by the variation of
//! monthly revenue, the ABC-XYZ matrix, RFM segments, the reactivation list, cohorts, the
//! per-client table and the base figures the plan takes over.
//!
//! Definitions used throughout:
//! - "as of" is the last purchase date in the data; recency counts days back from it.
//! - A *purchase* is a client's purchase day: several rows of one client on one day are one
//!   purchase (one order split into lines), as in the BG/NBD model. The average check is
//!   revenue per purchase.
//! - ABC: clients sorted by revenue, largest first; a client is A while the revenue of the
//!   clients before it is below `abc_a_pct` % of the total, B while below
//!   `abc_a_pct + abc_b_pct` %, else C. So the largest client is always A.
//! - XYZ: coefficient of variation (population standard deviation / mean) of the client's
//!   revenue per calendar month over the last `base_window_months` months of the data,
//!   counted from the client's first month if later, months without purchases as 0. X when
//!   CV <= `xyz_x_cv_pct` %, Y when <= `xyz_y_cv_pct` %, else Z. Not classified (`None`) when
//!   fewer than `xyz_min_months` months are observed or nothing was bought in the window.
//!   The last month may be partial; it counts as it is.

use serde::{Deserialize, Serialize};

use super::clv::{ClientPrediction, ClvOutcome, DaysSeen, PurchaseHistory};
use super::cohorts::{CohortBuilder, Cohorts};
use super::dates::{date_of, format_iso, month_index, month_number};
use super::parse::{ByClient, TransactionSet};
use super::rfm::{quintile_scores, Segment};
use crate::model::validation::{check_percent, FieldError, Problem};

/// Average days in a month (365.25 / 12).
pub const DAYS_PER_MONTH: f64 = 30.4375;

/// Settings of the analysis; kept in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct AnalysisSettings {
    /// Share of revenue the A clients make, 0..=100.
    pub abc_a_pct: f64,
    /// Share of revenue the B clients make after the A ones; C is the rest.
    pub abc_b_pct: f64,
    /// Highest coefficient of variation of monthly revenue for X, %.
    pub xyz_x_cv_pct: f64,
    /// Highest coefficient of variation for Y, %; above it is Z.
    pub xyz_y_cv_pct: f64,
    /// Fewest months of history for an XYZ class (2..=24).
    pub xyz_min_months: f64,
    /// A client is active when the last purchase is at most this many days old (1..=3650).
    pub active_window_days: f64,
    /// Months back from the last date for XYZ and for the base figures (1..=120).
    pub base_window_months: f64,
}

impl Default for AnalysisSettings {
    fn default() -> Self {
        AnalysisSettings {
            abc_a_pct: 80.0,
            abc_b_pct: 15.0,
            xyz_x_cv_pct: 10.0,
            xyz_y_cv_pct: 25.0,
            xyz_min_months: 3.0,
            active_window_days: 90.0,
            base_window_months: 12.0,
        }
    }
}

fn check_whole_in(field: &str, value: f64, min: f64, max: f64) -> Result<f64, FieldError> {
    if !value.is_finite() {
        return Err(FieldError::new(field, Problem::NotANumber));
    }
    if value.fract() != 0.0 {
        return Err(FieldError::new(field, Problem::NotWhole));
    }
    if value < min || value > max {
        return Err(FieldError::new(field, Problem::OutOfRange { min, max }));
    }
    Ok(value)
}

impl AnalysisSettings {
    /// Field ids: `abc-a-share`, `abc-b-share`, `xyz-x-cv`, `xyz-y-cv`, `xyz-min-months`,
    /// `active-window-days`, `base-window-months`.
    pub fn validate(&self) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        match check_percent("abc-a-share", self.abc_a_pct) {
            Ok(0.0) => errors.push(FieldError::new("abc-a-share", Problem::MustBePositive)),
            Ok(a) => {
                if let Err(e) = check_percent("abc-b-share", self.abc_b_pct).and_then(|b| {
                    if a + b > 100.0 {
                        Err(FieldError::new(
                            "abc-b-share",
                            Problem::OutOfRange {
                                min: 0.0,
                                max: 100.0 - a,
                            },
                        ))
                    } else {
                        Ok(b)
                    }
                }) {
                    errors.push(e);
                }
            }
            Err(e) => errors.push(e),
        }
        match check_cv("xyz-x-cv", self.xyz_x_cv_pct) {
            Ok(x) => {
                if let Err(e) = check_cv("xyz-y-cv", self.xyz_y_cv_pct).and_then(|y| {
                    if y < x {
                        Err(FieldError::new(
                            "xyz-y-cv",
                            Problem::OutOfRange {
                                min: x,
                                max: MAX_CV_PCT,
                            },
                        ))
                    } else {
                        Ok(y)
                    }
                }) {
                    errors.push(e);
                }
            }
            Err(e) => errors.push(e),
        }
        let wholes = [
            ("xyz-min-months", self.xyz_min_months, 2.0, 24.0),
            ("active-window-days", self.active_window_days, 1.0, 3650.0),
            ("base-window-months", self.base_window_months, 1.0, 120.0),
        ];
        for (field, value, min, max) in wholes {
            if let Err(e) = check_whole_in(field, value, min, max) {
                errors.push(e);
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Highest CV threshold accepted, %.
const MAX_CV_PCT: f64 = 1000.0;

fn check_cv(field: &str, value: f64) -> Result<f64, FieldError> {
    if !value.is_finite() {
        return Err(FieldError::new(field, Problem::NotANumber));
    }
    if value < 0.0 {
        return Err(FieldError::new(field, Problem::Negative));
    }
    if value > MAX_CV_PCT {
        return Err(FieldError::new(
            field,
            Problem::OutOfRange {
                min: 0.0,
                max: MAX_CV_PCT,
            },
        ));
    }
    Ok(value)
}

/// ABC class by revenue share.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Abc {
    A,
    B,
    C,
}

/// XYZ class by the stability of monthly revenue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Xyz {
    X,
    Y,
    Z,
}

impl Abc {
    pub const ALL: [Abc; 3] = [Abc::A, Abc::B, Abc::C];
    fn index(self) -> usize {
        self as usize
    }
}

impl Xyz {
    pub const ALL: [Xyz; 3] = [Xyz::X, Xyz::Y, Xyz::Z];
}

/// The whole file in a few numbers.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Summary {
    pub clients: usize,
    /// Rows imported.
    pub transactions: usize,
    /// Client purchase days (see the module docs).
    pub purchases: usize,
    /// Days since 1970-01-01 of the first and the last purchase (0 when there is no data).
    pub first_day: i32,
    pub last_day: i32,
    /// Calendar months from the first to the last purchase, both included.
    pub months: usize,
    pub revenue: f64,
    /// Revenue per purchase.
    pub avg_check: f64,
}

/// One client, as the table and the export show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientRow {
    /// The client id as in the file.
    pub id: String,
    /// Index into [`TransactionSet::client_ids`].
    pub client: u32,
    pub revenue: f64,
    /// Purchase days.
    pub purchases: u32,
    /// Rows of the file.
    pub transactions: u32,
    pub first_day: i32,
    pub last_day: i32,
    /// Days from the last purchase to the last date of the data.
    pub recency_days: i32,
    /// Revenue per purchase.
    pub avg_check: f64,
    pub abc: Abc,
    pub xyz: Option<Xyz>,
    /// Coefficient of variation of monthly revenue, %, when XYZ could be computed.
    pub cv_pct: Option<f64>,
    /// RFM scores 1..=5.
    pub r: u8,
    pub f: u8,
    pub m: u8,
    pub segment: Segment,
    /// Manager and segment columns of the client's latest purchase ("" when not given).
    pub manager: String,
    pub client_segment: String,
    /// Filled by [`Analysis::attach_predictions`]: BG/NBD + Gamma-Gamma predictions.
    pub predicted: Option<ClientPrediction>,
}

/// Clients and revenue of a group (an ABC class, a segment, a matrix cell).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct GroupTotals {
    pub clients: usize,
    pub revenue: f64,
    /// Share of all clients, %.
    pub clients_pct: f64,
    /// Share of all revenue, %.
    pub revenue_pct: f64,
}

/// The ABC-XYZ matrix: `cells[abc][xyz]`, where xyz 0..=2 are X, Y, Z and 3 holds the
/// clients XYZ could not classify (too new or no purchases in the window).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct AbcXyzMatrix {
    pub cells: [[GroupTotals; 4]; 3],
}

impl AbcXyzMatrix {
    pub fn cell(&self, abc: Abc, xyz: Option<Xyz>) -> &GroupTotals {
        &self.cells[abc.index()][xyz_slot(xyz)]
    }
}

/// A client for the reactivation list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ReactivationRow {
    pub id: String,
    pub last_day: i32,
    pub recency_days: i32,
    pub revenue: f64,
    pub purchases: u32,
    pub avg_check: f64,
    pub segment: Segment,
}

/// The figures the plan's LTV and headcount pages take over with one click.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct BaseFigures {
    /// Clients whose last purchase is at most `active_window_days` old.
    pub active_clients: usize,
    pub active_window_days: f64,
    /// Revenue per purchase over the base window.
    pub avg_check: f64,
    /// Purchases per client per month over the base window, among the clients who bought in it.
    pub purchases_per_client_per_month: f64,
    /// Monthly retention, %: of the clients who bought in the active window before the last
    /// one, the share who bought again in the last one, as a monthly rate
    /// (`share^(30.4375 / window days)`). `None` when the data is shorter than two windows.
    pub monthly_retention_pct: Option<f64>,
    /// Months the base window really covered (shorter when the data is).
    pub window_months: f64,
    /// Clients on the reactivation list (segments at risk and sleeping).
    pub sleeping_clients: usize,
    /// Their revenue so far.
    pub sleeping_revenue: f64,
}

/// Everything the analysis pages show.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Analysis {
    pub summary: Summary,
    /// One row per client, largest revenue first.
    pub clients: Vec<ClientRow>,
    /// Totals of A, B, C.
    pub abc: [GroupTotals; 3],
    /// Totals of X, Y, Z and (index 3) not classified.
    pub xyz: [GroupTotals; 4],
    pub matrix: AbcXyzMatrix,
    /// Totals per segment, in the order of [`Segment::ALL`].
    pub segments: [GroupTotals; 6],
    /// At-risk and sleeping clients, largest revenue first.
    pub reactivation: Vec<ReactivationRow>,
    pub cohorts: Cohorts,
    pub base: BaseFigures,
}

impl Analysis {
    /// Copies the forecast's predictions into the per-client table.
    pub fn attach_predictions(&mut self, outcome: &ClvOutcome) {
        for row in &mut self.clients {
            row.predicted = outcome
                .predictions
                .get(row.client as usize)
                .copied()
                .flatten();
        }
    }
}

/// Analyses the transactions. Errors only for invalid settings; no data gives an empty analysis.
pub fn analyze(
    data: &TransactionSet,
    settings: &AnalysisSettings,
) -> Result<Analysis, Vec<FieldError>> {
    analyze_with_histories(data, settings).map(|(analysis, _)| analysis)
}

/// [`analyze`], and each client's [`PurchaseHistory`] (indexed like
/// [`TransactionSet::client_ids`], `None` for a client without rows), taken from the
/// analysis' grouping for [`super::clv::predict_from_histories`].
pub fn analyze_with_histories(
    data: &TransactionSet,
    settings: &AnalysisSettings,
) -> Result<(Analysis, Vec<Option<PurchaseHistory>>), Vec<FieldError>> {
    settings.validate()?;
    if data.transactions.is_empty() {
        return Ok((Analysis::default(), Vec::new()));
    }
    let grouped = group(data);
    let clients = grouped.clients();
    let ctx = Context::new(data, settings);
    let mut cohorts = CohortBuilder::new(ctx.first_month, ctx.last_month);
    let mut stats: Vec<ClientStats> = Vec::with_capacity(clients);
    let mut scratch = Scratch::new(&ctx);
    let ByClient { offsets, items } = grouped;
    for (c, run) in offsets.windows(2).enumerate() {
        let range = run[0] as usize..run[1] as usize;
        if range.is_empty() {
            continue;
        }
        let mut s = client_stats(
            &items[range],
            &ctx,
            &mut cohorts,
            &mut scratch,
            c as u32 + 1,
        );
        s.client = c as u32;
        stats.push(s);
    }
    drop(items);
    let mut histories = vec![None; clients];
    for s in &stats {
        histories[s.client as usize] = Some(PurchaseHistory {
            first_day: s.first_day,
            last_day: s.last_day,
            repeat_days: s.purchases - 1,
            repeat_total: s.repeat_total,
        });
    }
    Ok((
        build(data, settings, &ctx, stats, cohorts.finish()),
        histories,
    ))
}

/// Dates the whole analysis refers to.
struct Context {
    first_day: i32,
    as_of: i32,
    first_month: i32,
    last_month: i32,
    /// Month number of each day from `first_day` on, so the hot loop does no calendar math.
    month_of_day: Vec<i32>,
    window_first_month: i32,
    window_first_day: i32,
    active_from_day: i32,
    previous_from_day: i32,
    xyz_min_months: i32,
    x_cv: f64,
    y_cv: f64,
}

impl Context {
    fn new(data: &TransactionSet, settings: &AnalysisSettings) -> Self {
        let (first_day, as_of) = data
            .transactions
            .iter()
            .fold((i32::MAX, i32::MIN), |(lo, hi), t| {
                (lo.min(t.day), hi.max(t.day))
            });
        let first_month = month_index(first_day);
        let last_month = month_index(as_of);
        let month_of_day = month_table(first_day, as_of);
        let window_months = settings.base_window_months as i32;
        let active = settings.active_window_days as i32;
        Context {
            first_day,
            as_of,
            first_month,
            last_month,
            month_of_day,
            window_first_month: last_month - window_months + 1,
            window_first_day: as_of - (f64::from(window_months) * DAYS_PER_MONTH).round() as i32
                + 1,
            active_from_day: as_of - active + 1,
            previous_from_day: as_of - 2 * active + 1,
            xyz_min_months: settings.xyz_min_months as i32,
            x_cv: settings.xyz_x_cv_pct,
            y_cv: settings.xyz_y_cv_pct,
        }
    }

    fn month(&self, day: i32) -> i32 {
        let i = (day - self.first_day) as usize;
        self.month_of_day.get(i).copied().unwrap_or(self.last_month)
    }

    /// Index of `month` (a month of the data) in the per-month tables.
    fn month_offset(&self, month: i32) -> usize {
        (month - self.first_month) as usize
    }
}

/// Month numbers of every day from `first` to `last`, walking the calendar once.
fn month_table(first: i32, last: i32) -> Vec<i32> {
    let len = (last - first + 1).max(0) as usize;
    date_of(first)
        .iter_days()
        .take(len)
        .map(month_number)
        .collect()
}

/// One purchase in a client's group. The row number rides in what would be padding.
#[derive(Debug, Clone, Copy, Default)]
struct Item {
    day: i32,
    /// Index into the transactions (and tags).
    row: u32,
    amount: f64,
}

/// Each client's purchases together, each with its row (see [`TransactionSet::group_by_client`]).
type Grouped = ByClient<Item>;

fn group(data: &TransactionSet) -> Grouped {
    data.group_by_client(
        |_| true,
        |row, t| Item {
            day: t.day,
            row: row as u32,
            amount: t.amount,
        },
    )
}

/// What one pass over a client's purchases yields.
#[derive(Debug, Clone, Copy, Default)]
struct ClientStats {
    client: u32,
    last_row: u32,
    revenue: f64,
    purchases: u32,
    transactions: u32,
    first_day: i32,
    last_day: i32,
    cv_pct: Option<f64>,
    window_revenue: f64,
    window_purchases: u32,
    /// Revenue on the days after the first, in order (see [`PurchaseHistory`]).
    repeat_total: f64,
    bought_previous_window: bool,
    bought_active_window: bool,
}

/// Space [`client_stats`] reuses from client to client, so that a client's purchases are
/// taken in file order and never sorted (sorting them by day was a third of the analysis).
/// Each slot carries the stamp of the client that last wrote it, so nothing is cleared.
struct Scratch {
    days: DaysSeen,
    /// Per month from the first one: the stamp of the last client that bought that month,
    /// and that client's revenue in it.
    month_stamp: Vec<u32>,
    month_revenue: Vec<f64>,
}

impl Scratch {
    fn new(ctx: &Context) -> Self {
        let months = (ctx.last_month - ctx.first_month + 1).max(0) as usize;
        Scratch {
            days: DaysSeen::between(ctx.first_day, ctx.as_of),
            month_stamp: vec![0; months],
            month_revenue: vec![0.0; months],
        }
    }
}

/// One client's statistics from its purchases (in any order). `stamp` is unique to the
/// client and never 0.
fn client_stats(
    items: &[Item],
    ctx: &Context,
    cohorts: &mut CohortBuilder,
    scratch: &mut Scratch,
    stamp: u32,
) -> ClientStats {
    // The latest purchase (the later row on the same day) shows the manager and segment.
    let (first_day, last_day, last_row) =
        items
            .iter()
            .fold((i32::MAX, i32::MIN, 0), |(first, last, row), i| {
                let later = (i.day, i.row) > (last, row);
                (
                    first.min(i.day),
                    if later { i.day } else { last },
                    if later { i.row } else { row },
                )
            });
    let first_month = ctx.month(first_day);
    let last_month = ctx.month(last_day);
    let cohort = cohorts.client(first_month);
    let xyz_from = first_month.max(ctx.window_first_month);
    let mut s = ClientStats {
        first_day,
        last_day,
        last_row,
        transactions: items.len() as u32,
        ..ClientStats::default()
    };
    for &Item { day, amount, .. } in items {
        s.revenue += amount;
        if day != first_day {
            s.repeat_total += amount;
        }
        let new_day = scratch.days.first_visit(day, stamp);
        s.purchases += u32::from(new_day);
        if day >= ctx.window_first_day {
            s.window_revenue += amount;
            s.window_purchases += u32::from(new_day);
        }
        s.bought_active_window |= day >= ctx.active_from_day;
        s.bought_previous_window |= day >= ctx.previous_from_day && day < ctx.active_from_day;
        let m = ctx.month_offset(ctx.month(day));
        if scratch.month_stamp[m] != stamp {
            scratch.month_stamp[m] = stamp;
            scratch.month_revenue[m] = 0.0;
        }
        scratch.month_revenue[m] += amount;
    }
    let (mut sum, mut sum_sq) = (0.0, 0.0);
    for month in first_month..=last_month {
        let m = ctx.month_offset(month);
        if scratch.month_stamp[m] == stamp {
            close_month(
                cohorts,
                cohort,
                month,
                scratch.month_revenue[m],
                xyz_from,
                &mut sum,
                &mut sum_sq,
            );
        }
    }
    let months = ctx.last_month - xyz_from + 1;
    if months >= ctx.xyz_min_months && sum > 0.0 {
        let n = f64::from(months);
        let mean = sum / n;
        let variance = (sum_sq / n - mean * mean).max(0.0);
        s.cv_pct = Some(variance.sqrt() / mean * 100.0).filter(|v| v.is_finite());
    }
    s
}

fn close_month(
    cohorts: &mut CohortBuilder,
    cohort: Option<usize>,
    month: i32,
    revenue: f64,
    xyz_from: i32,
    sum: &mut f64,
    sum_sq: &mut f64,
) {
    if let Some(c) = cohort {
        cohorts.purchase_month(c, month, revenue);
    }
    if month >= xyz_from {
        *sum += revenue;
        *sum_sq += revenue * revenue;
    }
}

fn xyz_of(cv_pct: Option<f64>, ctx: &Context) -> Option<Xyz> {
    cv_pct.map(|cv| {
        if cv <= ctx.x_cv {
            Xyz::X
        } else if cv <= ctx.y_cv {
            Xyz::Y
        } else {
            Xyz::Z
        }
    })
}

fn ratio(part: f64, whole: f64) -> f64 {
    if whole > 0.0 && part.is_finite() {
        part / whole
    } else {
        0.0
    }
}

/// Puts the per-client statistics together into the analysis.
fn build(
    data: &TransactionSet,
    settings: &AnalysisSettings,
    ctx: &Context,
    stats: Vec<ClientStats>,
    cohorts: Cohorts,
) -> Analysis {
    let stats = by_revenue(stats);
    let total_revenue: f64 = stats.iter().map(|s| s.revenue).sum();
    let total_clients = stats.len() as f64;
    let recency: Vec<f64> = stats
        .iter()
        .map(|s| -f64::from(ctx.as_of - s.last_day))
        .collect();
    let frequency: Vec<f64> = stats.iter().map(|s| f64::from(s.purchases)).collect();
    let monetary: Vec<f64> = stats.iter().map(|s| s.revenue).collect();
    let (r, f, m) = (
        quintile_scores(&recency),
        quintile_scores(&frequency),
        quintile_scores(&monetary),
    );
    let a_limit = settings.abc_a_pct / 100.0 * total_revenue;
    let b_limit = (settings.abc_a_pct + settings.abc_b_pct) / 100.0 * total_revenue;
    let mut before = 0.0;
    let mut clients = Vec::with_capacity(stats.len());
    for (i, s) in stats.iter().enumerate() {
        let abc = if before < a_limit {
            Abc::A
        } else if before < b_limit {
            Abc::B
        } else {
            Abc::C
        };
        before += s.revenue;
        let last = data.tags.get(s.last_row as usize);
        let name = |names: &[String], idx: Option<u32>| {
            idx.and_then(|k| names.get(k as usize))
                .cloned()
                .unwrap_or_default()
        };
        clients.push(ClientRow {
            id: data
                .client_ids
                .get(s.client as usize)
                .cloned()
                .unwrap_or_else(|| format!("#{}", s.client + 1)),
            client: s.client,
            revenue: s.revenue,
            purchases: s.purchases,
            transactions: s.transactions,
            first_day: s.first_day,
            last_day: s.last_day,
            recency_days: ctx.as_of - s.last_day,
            avg_check: ratio(s.revenue, f64::from(s.purchases)),
            abc,
            xyz: xyz_of(s.cv_pct, ctx),
            cv_pct: s.cv_pct,
            r: r[i],
            f: f[i],
            m: m[i],
            segment: Segment::of(r[i], f[i]),
            manager: name(&data.managers, last.map(|t| t.manager)),
            client_segment: name(&data.segments, last.map(|t| t.segment)),
            predicted: None,
        });
    }
    // Every group's clients and revenue in one pass, each group's revenue added in the
    // clients' order.
    let mut cells = [[(0usize, 0.0); 4]; 3];
    let mut by_abc = [(0usize, 0.0); 3];
    let mut by_xyz = [(0usize, 0.0); 4];
    let mut by_segment = [(0usize, 0.0); 6];
    for c in &clients {
        let add = |group: &mut (usize, f64)| *group = (group.0 + 1, group.1 + c.revenue);
        add(&mut cells[c.abc.index()][xyz_slot(c.xyz)]);
        add(&mut by_abc[c.abc.index()]);
        add(&mut by_xyz[xyz_slot(c.xyz)]);
        add(&mut by_segment[c.segment.index()]);
    }
    let totals = |(n, rev): (usize, f64)| GroupTotals {
        clients: n,
        revenue: rev,
        clients_pct: ratio(n as f64, total_clients) * 100.0,
        revenue_pct: ratio(rev, total_revenue) * 100.0,
    };
    let matrix = AbcXyzMatrix {
        cells: cells.map(|row| row.map(totals)),
    };
    let abc = by_abc.map(totals);
    let xyz = by_xyz.map(totals);
    let segments = by_segment.map(totals);
    let reactivation = reactivation_list(&clients);
    let base = base_figures(settings, ctx, &stats, &reactivation);
    let purchases: usize = stats.iter().map(|s| s.purchases as usize).sum();
    Analysis {
        summary: Summary {
            clients: clients.len(),
            transactions: data.transactions.len(),
            purchases,
            first_day: ctx.first_day,
            last_day: ctx.as_of,
            months: (ctx.last_month - ctx.first_month + 1) as usize,
            revenue: total_revenue,
            avg_check: ratio(total_revenue, purchases as f64),
        },
        clients,
        abc,
        xyz,
        matrix,
        segments,
        reactivation,
        cohorts,
        base,
    }
}

/// The statistics largest revenue first, ties by client number so the order does not
/// depend on the sort. Sorted as 16-byte keys, then moved once: sorting the statistics
/// themselves moved 80 bytes per swap and took three times as long.
fn by_revenue(stats: Vec<ClientStats>) -> Vec<ClientStats> {
    // `total_cmp`'s order as an integer: flip the magnitude bits of negative numbers.
    let ordered_bits = |x: f64| {
        let bits = x.to_bits() as i64;
        bits ^ (((bits >> 63) as u64) >> 1) as i64
    };
    let mut order: Vec<(std::cmp::Reverse<i64>, u32, u32)> = stats
        .iter()
        .enumerate()
        .map(|(i, s)| {
            (
                std::cmp::Reverse(ordered_bits(s.revenue)),
                s.client,
                i as u32,
            )
        })
        .collect();
    order.sort_unstable();
    order.iter().map(|&(_, _, i)| stats[i as usize]).collect()
}

/// The matrix column of an XYZ class; 3 holds the clients not classified.
fn xyz_slot(xyz: Option<Xyz>) -> usize {
    xyz.map_or(3, |x| x as usize)
}

/// Clients in the segments that stopped buying, largest revenue first (the table's order).
fn reactivation_list(clients: &[ClientRow]) -> Vec<ReactivationRow> {
    clients
        .iter()
        .filter(|c| c.segment.needs_reactivation())
        .map(|c| ReactivationRow {
            id: c.id.clone(),
            last_day: c.last_day,
            recency_days: c.recency_days,
            revenue: c.revenue,
            purchases: c.purchases,
            avg_check: c.avg_check,
            segment: c.segment,
        })
        .collect()
}

fn base_figures(
    settings: &AnalysisSettings,
    ctx: &Context,
    stats: &[ClientStats],
    reactivation: &[ReactivationRow],
) -> BaseFigures {
    let span_days = f64::from(ctx.as_of - ctx.first_day + 1);
    let window_days = (settings.base_window_months * DAYS_PER_MONTH)
        .round()
        .min(span_days);
    let window_months = window_days / DAYS_PER_MONTH;
    let window_clients = stats.iter().filter(|s| s.window_purchases > 0).count();
    let window_purchases: f64 = stats.iter().map(|s| f64::from(s.window_purchases)).sum();
    let window_revenue: f64 = stats.iter().map(|s| s.window_revenue).sum();
    let previous = stats.iter().filter(|s| s.bought_previous_window).count();
    let stayed = stats
        .iter()
        .filter(|s| s.bought_previous_window && s.bought_active_window)
        .count();
    let active_days = settings.active_window_days;
    let monthly_retention_pct = (span_days >= 2.0 * active_days && previous > 0).then(|| {
        let share = stayed as f64 / previous as f64;
        share.powf(DAYS_PER_MONTH / active_days) * 100.0
    });
    BaseFigures {
        active_clients: stats.iter().filter(|s| s.bought_active_window).count(),
        active_window_days: active_days,
        avg_check: ratio(window_revenue, window_purchases),
        purchases_per_client_per_month: ratio(
            ratio(window_purchases, window_clients as f64),
            window_months,
        ),
        monthly_retention_pct,
        window_months,
        sleeping_clients: reactivation.len(),
        sleeping_revenue: reactivation.iter().map(|r| r.revenue).sum(),
    }
}

impl Summary {
    /// `yyyy-mm-dd` of the first and last purchase, for the page header.
    pub fn period(&self) -> (String, String) {
        (format_iso(self.first_day), format_iso(self.last_day))
    }
}

#[cfg(test)]
#[path = "analysis_tests.rs"]
mod tests;
