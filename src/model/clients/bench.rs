//! Hand-run timings (not timed tests): generate 1,000,000 rows like a Russian Excel export and
//! time every step, and time the BG/NBD fit on CDNOW (data from [`super::sample`]). Run with
//! `cargo test --release --lib model::clients::bench -- --ignored --nocapture`.

use std::time::Instant;

use super::analysis::{analyze, AnalysisSettings};
use super::clv::{fit_bgnbd, fit_gamma_gamma, predict_one, summarize, ClvSettings};
use super::csv::{preview, sniff};
use super::decode::decode;
use super::mapping::guess_mapping;
use super::parse::parse_transactions;
use super::sample::{customer_summaries, generate};

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// CPU time of this thread in ms where Linux tells it (`/proc/thread-self/schedstat`), so a
/// busy shared machine does not inflate the figures; wall-clock time elsewhere.
fn cpu_ms() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e6)
}

/// A stopwatch on CPU time when available.
struct Lap {
    wall: Instant,
    cpu: Option<f64>,
}

impl Lap {
    fn start() -> Self {
        Lap {
            wall: Instant::now(),
            cpu: cpu_ms(),
        }
    }

    fn ms(&self) -> f64 {
        match (self.cpu, cpu_ms()) {
            (Some(a), Some(b)) => b - a,
            _ => ms(self.wall),
        }
    }
}

/// Best of five runs: other processes on a shared machine only ever make a run slower.
const RUNS: usize = 5;

#[test]
#[ignore = "timing, run by hand in release mode"]
fn time_one_million_rows() {
    let text = generate(1_000_000);
    println!("file: {:.1} MB", text.len() as f64 / 1e6);
    let mut best = [f64::INFINITY; 5];
    for _ in 0..RUNS {
        let mut lap = Lap::start();
        let mut split = |i: usize, best: &mut [f64; 5]| {
            best[i] = best[i].min(lap.ms());
            lap = Lap::start();
        };
        let decoded = decode(text.as_bytes()).expect("decodes");
        split(0, &mut best);
        let dialect = sniff(&decoded.text);
        let mapping = guess_mapping(&preview(&decoded.text, &dialect, 20), &dialect);
        split(1, &mut best);
        let outcome =
            parse_transactions(&decoded.text, &dialect, &mapping, &mut |_| true).expect("parses");
        split(2, &mut best);
        let analysis = analyze(&outcome.data, &AnalysisSettings::default()).expect("analyses");
        split(3, &mut best);
        assert_eq!(outcome.data.transactions.len(), 1_000_000);
        assert_eq!(analysis.summary.transactions, 1_000_000);
    }
    for (name, t) in ["decode", "sniff+map", "parse", "analyze"].iter().zip(best) {
        println!("{name:10} {t:7.1} ms (CPU time, best of {RUNS})");
    }
    println!(
        "TOTAL read + analyse: {:.1} ms",
        best[..4].iter().sum::<f64>()
    );
    if std::env::var("BENCH_PREDICT").is_ok() {
        let decoded = decode(text.as_bytes()).expect("decodes");
        let dialect = sniff(&decoded.text);
        let mapping = guess_mapping(&preview(&decoded.text, &dialect, 20), &dialect);
        let outcome =
            parse_transactions(&decoded.text, &dialect, &mapping, &mut |_| true).expect("parses");
        let settings = ClvSettings::default();
        let t = Lap::start();
        let end = outcome
            .data
            .transactions
            .iter()
            .map(|t| t.day)
            .max()
            .unwrap_or(0);
        let summaries = summarize(&outcome.data, end, settings.time_unit);
        let customers: Vec<_> = summaries.iter().flatten().copied().collect();
        let summarize_ms = t.ms();
        let t = Lap::start();
        let bg = fit_bgnbd(&customers).expect("fits");
        let bg_ms = t.ms();
        let t = Lap::start();
        let gg = fit_gamma_gamma(&customers).expect("fits");
        let gg_ms = t.ms();
        let t = Lap::start();
        let value: f64 = customers
            .iter()
            .map(|c| predict_one(&bg.params, &gg.params, c, &settings).predicted_value)
            .sum();
        let predict_ms = t.ms();
        println!(
            "forecast of {} clients: summaries {summarize_ms:.1} ms, BG/NBD fit {bg_ms:.1} ms \
             ({} evaluations), Gamma-Gamma fit {gg_ms:.1} ms ({} evaluations), \
             12-month values {predict_ms:.1} ms (base value {value:.0})",
            customers.len(),
            bg.evaluations,
            gg.evaluations,
        );
    }
}

#[test]
#[ignore = "timing, run by hand in release mode"]
fn time_cdnow_fits() {
    let customers = customer_summaries(include_str!("../../../tests/fixtures/cdnow_summary.csv"));
    let (mut bg_ms, mut gg_ms) = (f64::INFINITY, f64::INFINITY);
    for _ in 0..RUNS {
        let t = Lap::start();
        let fit = fit_bgnbd(&customers).expect("fits");
        bg_ms = bg_ms.min(t.ms());
        let t = Lap::start();
        let gg = fit_gamma_gamma(&customers).expect("fits");
        gg_ms = gg_ms.min(t.ms());
        assert!(fit.converged && gg.converged);
        println!(
            "evaluations: BG/NBD {}, Gamma-Gamma {}",
            fit.evaluations, gg.evaluations
        );
    }
    println!(
        "BG/NBD on {} customers: {bg_ms:.1} ms (CPU time, best of {RUNS})",
        customers.len()
    );
    println!("Gamma-Gamma on the repeat customers: {gg_ms:.1} ms");
}
