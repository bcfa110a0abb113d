//! Native benchmarks of the model through the crate's public API: `cargo bench` (README,
//! "Performance"). CI does not run them.
//!
//! - `funnel`, `headcount`, `ltv`: what a page computes on every keystroke, on the demo plan;
//! - `clients_1m`: reading and analysing 1,000,000 generated transactions
//!   ([`salesplan::model::clients::sample::generate`]), step by step and as the import worker
//!   does it ([`Session`]: open, read, analyse, forecast), 10 samples each;
//! - `clv_cdnow`: the BG/NBD and Gamma-Gamma fits on the CDNOW sample (2,357 customers).
//!
//! `cargo bench -- clients_1m/parse` runs the benchmarks whose name contains the filter.

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, SamplingMode, Throughput};

use salesplan::i18n::names::namer;
use salesplan::i18n::Lang;
use salesplan::model::clients::clv::{fit_bgnbd, fit_gamma_gamma, predict, ClvSettings};
use salesplan::model::clients::sample::{customer_summaries, generate};
use salesplan::model::clients::{
    analyze, decode, guess_mapping, parse_transactions, preview, sniff, AnalysisSettings,
};
use salesplan::model::funnel::{self, MAX_STAGES};
use salesplan::model::ltv::{self, LtvInputs, MAX_SEGMENTS};
use salesplan::model::{headcount, Plan};
use salesplan::worker::protocol::AnalyzeRequest;
use salesplan::worker::session::Session;

/// Rows of the generated transactions file.
const ROWS: usize = 1_000_000;
/// Rows the column-mapping step previews (as the worker does).
const PREVIEW_ROWS: usize = 20;

const CDNOW_SUMMARY: &str = include_str!("../tests/fixtures/cdnow_summary.csv");

fn calculators(c: &mut Criterion) {
    let plan = Plan::demo(&namer(Lang::En));
    let f = &plan.funnel;
    let days = plan.working_days_per_month;

    let mut group = c.benchmark_group("funnel");
    group.bench_function("reverse_demo_4_stages", |b| {
        b.iter(|| {
            funnel::reverse(
                black_box(&f.stages),
                black_box(f.avg_check),
                black_box(plan.target.new_clients()),
                black_box(days),
                black_box(f.sellers),
            )
            .expect("the demo funnel plans")
        })
    });
    // The longest funnel allowed: MAX_STAGES stages of 80 % each.
    let long: Vec<funnel::Stage> = (0..MAX_STAGES)
        .map(|i| funnel::Stage {
            name: format!("Stage {}", i + 1),
            conversion_pct: if i + 1 == MAX_STAGES { 100.0 } else { 80.0 },
            ..funnel::Stage::default()
        })
        .collect();
    group.bench_function(format!("reverse_{MAX_STAGES}_stages"), |b| {
        b.iter(|| {
            funnel::reverse(
                black_box(&long),
                black_box(f.avg_check),
                black_box(plan.target.new_clients()),
                black_box(days),
                black_box(f.sellers),
            )
            .expect("the long funnel plans")
        })
    });
    group.bench_function("page_compute_demo", |b| {
        b.iter(|| {
            funnel::compute(black_box(f), black_box(&plan.target), black_box(days))
                .expect("the demo funnel computes")
        })
    });
    group.finish();

    let mut group = c.benchmark_group("headcount");
    group.bench_function("compute_demo", |b| {
        b.iter(|| headcount::compute(black_box(&plan)).expect("the demo plan computes"))
    });
    group.finish();

    let mut group = c.benchmark_group("ltv");
    let demo = LtvInputs::demo(&namer(Lang::En));
    assert!(!demo.segments.is_empty(), "the demo LTV has segments");
    group.bench_function(
        format!("compute_demo_{}_segments", demo.segments.len()),
        |b| b.iter(|| ltv::compute(black_box(&demo)).expect("the demo LTV computes")),
    );
    let mut full = demo.clone();
    full.segments = (0..MAX_SEGMENTS)
        .map(|i| ltv::Segment {
            name: format!("Segment {}", i + 1),
            ..demo.segments[i % demo.segments.len()].clone()
        })
        .collect();
    group.bench_function(format!("compute_{MAX_SEGMENTS}_segments"), |b| {
        b.iter(|| ltv::compute(black_box(&full)).expect("the full LTV computes"))
    });
    group.finish();
}

fn clients_1m(c: &mut Criterion) {
    let text = generate(ROWS);
    let bytes = text.as_bytes();
    let dialect = sniff(&text);
    let mapping = guess_mapping(&preview(&text, &dialect, PREVIEW_ROWS), &dialect);
    let outcome = parse_transactions(&text, &dialect, &mapping, &mut |_| true).expect("parses");
    assert_eq!(outcome.data.transactions.len(), ROWS);

    let mut group = c.benchmark_group("clients_1m");
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(8))
        .throughput(Throughput::Elements(ROWS as u64));

    group.bench_function("decode", |b| {
        b.iter(|| decode(black_box(bytes)).expect("decodes").text.len())
    });
    group.bench_function("sniff_and_map", |b| {
        b.iter(|| {
            let dialect = sniff(black_box(&text));
            guess_mapping(&preview(&text, &dialect, PREVIEW_ROWS), &dialect)
        })
    });
    group.bench_function("parse", |b| {
        b.iter(|| {
            parse_transactions(black_box(&text), &dialect, &mapping, &mut |_| true).expect("parses")
        })
    });
    group.bench_function("read_decode_sniff_parse", |b| {
        b.iter(|| {
            let decoded = decode(black_box(bytes)).expect("decodes");
            let dialect = sniff(&decoded.text);
            let mapping = guess_mapping(&preview(&decoded.text, &dialect, PREVIEW_ROWS), &dialect);
            parse_transactions(&decoded.text, &dialect, &mapping, &mut |_| true).expect("parses")
        })
    });
    let settings = AnalysisSettings::default();
    group.bench_function("analyze_abc_xyz_rfm_cohorts", |b| {
        b.iter(|| analyze(black_box(&outcome.data), &settings).expect("analyses"))
    });
    group.measurement_time(Duration::from_secs(60));
    group.bench_function("predict_bgnbd_gamma_gamma", |b| {
        b.iter(|| predict(black_box(&outcome.data), &ClvSettings::default()).expect("predicts"))
    });
    // The worker's whole job on a dropped file: open (decode, sniff, preview, map), then
    // read, analyse and forecast (BG/NBD + Gamma-Gamma on every client).
    group.bench_function("session_open_analyze_forecast", |b| {
        b.iter_batched(
            || bytes.to_vec(),
            |file| {
                let (mut session, opened) = Session::open("sales.csv", file).expect("opens");
                let request = AnalyzeRequest {
                    dialect: opened.dialect,
                    mapping: opened.mapping,
                    analysis: AnalysisSettings::default(),
                    clv: ClvSettings::default(),
                };
                let (report, _) = session
                    .analyze(&request, &|| 0.0, &mut |_, _| true)
                    .expect("analyses");
                let (forecast, _) = session
                    .forecast(&request, &|| 0.0, &mut |_, _| true)
                    .expect("forecasts");
                report.with_forecast(forecast)
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

fn clv_cdnow(c: &mut Criterion) {
    let customers = customer_summaries(CDNOW_SUMMARY);
    assert_eq!(customers.len(), 2357);
    let mut group = c.benchmark_group("clv_cdnow");
    group
        .sample_size(20)
        .sampling_mode(SamplingMode::Flat)
        .measurement_time(Duration::from_secs(6));
    group.bench_function("fit_bgnbd", |b| {
        b.iter(|| fit_bgnbd(black_box(&customers)).expect("fits"))
    });
    group.bench_function("fit_gamma_gamma", |b| {
        b.iter(|| fit_gamma_gamma(black_box(&customers)).expect("fits"))
    });
    group.finish();
}

criterion_group!(benches, calculators, clv_cdnow, clients_1m);
criterion_main!(benches);
