// Browser benchmark of the built site (run `bash scripts/bench.sh`, which builds it first;
// this script builds nothing). Serves dist/ (or SALESPLAN_DIST) on 127.0.0.1 and measures in
// headless Chromium, each figure against its budget (docs/performance.md):
// - first-load bytes, gzip: index.html and every wasm, js and css file it links;
// - first visit to every page, navigation to interactive (scripts/interactive-probe.mjs),
//   p50 of fresh contexts (no cache, service workers blocked), unthrottled on loopback and
//   throttled (CDP: 4x CPU, 9 Mbit/s, 150 ms RTT); the budget holds the worst page's p50;
// - repeat visit: the same, navigating in a context whose service worker controls the page;
// - input-to-screen latency on every calculator: an edit of an input until the page's
//   headline figure has changed in the DOM (p50/p95 over 100 edits);
// - import + analysis of generated files of 100 000 and 1 000 000 rows through the Clients
//   page (file dropped, the worker reads and analyses, results on screen);
// - the BG/NBD fit on the CDNOW sample (tests/fixtures/cdnow_sample_transactions.csv)
//   imported through the Clients page, the worker's own clock, beside lifetimes'
//   BetaGeoFitter().fit on the same summary in Python (when its venv is there).
// Writes bench/results.json and bench/results.md (the latest run) and prints the table. A
// missed budget prints "over"; the exit code is non-zero for it only with BENCH_STRICT=1,
// as the figures of a shared machine are noisy.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from 'playwright-core';
import { serve } from './static-server.mjs';
import { PAGES, THROTTLED, installProbe, interactiveLoad, measureNavigation, openWindow } from './interactive-probe.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const DIST = process.env.SALESPLAN_DIST || path.join(ROOT, 'dist');
const OUT = path.join(ROOT, 'bench');
const BUDGET = {
  firstLoadGzipKB: 450,
  interactiveMs: 400,
  throttledMs: 1000,
  repeatMs: 300,
  inputP95Ms: 16,
  import1MRowsMs: 446,
  bgnbdTimesFaster: 6,
};
/** Fresh loads per page (first visits) and contexts (repeat visits); the p50 is reported. */
const LOADS = Number(process.env.BENCH_LOADS || 5);
const WORKER_FILES = ['salesplan-worker_loader.js', 'salesplan-worker.js', 'salesplan-worker_bg.wasm'];

// Each calculator: where to go, what to type into, which figure must change.
const CALCULATORS = [
  { page: '/funnel', input: 'target-revenue', output: 'stage-1-required', values: ['10 000 000', '12 500 000'] },
  { page: '/ltv', input: 'ltv-avg-check', output: 'ltv-value', values: ['150 000', '175 000'] },
  { page: '/headcount', input: 'revenue-plan', output: 'total-headcount', values: ['30 000 000', '60 000 000'] },
  // Plan vs fact with a full month of 20 sellers: a revenue cell of the day's grid moves the
  // month's revenue (and every control table with it).
  { page: '/fact', input: 'fact-seller-1-revenue', output: 'fact-revenue', values: ['100 000', '125 000'], prepare: fullFactMonth },
];

/** December 2026 reported by 20 sellers on each weekday, pasted through the page's paste box. */
async function fullFactMonth(page) {
  await page.getByTestId('fact-month').fill('2026-12');
  await page.getByTestId('fact-as-of').fill('2026-12-31');
  await page.getByTestId('fact-as-of').dispatchEvent('change');
  const lines = [];
  for (let d = 1; d <= 31; d++) {
    const day = new Date(Date.UTC(2026, 11, d));
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6) continue;
    for (let s = 1; s <= 20; s++) lines.push(`${String(d).padStart(2, '0')}.12.2026;Bench ${s};${30 + s};${12 + (s % 5)};${5 + (s % 3)};${1 + (s % 2)};${150000 + s * 1000}`);
  }
  await page.getByTestId('fact-paste').evaluate((el) => { el.closest('details').open = true; });
  await page.getByTestId('fact-paste').fill(lines.join('\n'));
  await page.getByTestId('fact-paste-add').click();
  await page.getByTestId('fact-paste-add-sellers').click();
  await page.getByTestId('fact-paste-added').waitFor();
}

function percentile(sorted, p) {
  if (!sorted.length) return null;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)];
}

const gzipKB = (files) => files.reduce((kb, f) => kb + zlib.gzipSync(fs.readFileSync(path.join(DIST, f)), { level: 9 }).length / 1024, 0);
const rawKB = (files) => files.reduce((kb, f) => kb + fs.statSync(path.join(DIST, f)).size / 1024, 0);

/** The first load: index.html and what it links; the import worker (on demand) beside it. */
function firstLoadBytes() {
  const html = fs.readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const files = [...new Set(['index.html', ...[...html.matchAll(/(?:href|src)="\/?([^"?#]+\.(?:wasm|js|css))"/g)].map((m) => m[1])])];
  const worker = WORKER_FILES.filter((f) => fs.existsSync(path.join(DIST, f)));
  return { files, rawKB: rawKB(files), gzipKB: gzipKB(files), workerGzipKB: worker.length ? gzipKB(worker) : null };
}

/** Per page: { route, p50, readyP50, runsMs } of the `answered` times of `loads`. */
function summarize(route, loads) {
  const answered = loads.map((l) => l.answered).sort((a, b) => a - b);
  const ready = loads.map((l) => l.ready).sort((a, b) => a - b);
  return { route, p50: percentile(answered, 50), readyP50: percentile(ready, 50), runsMs: answered };
}

/** The pages' summaries and the worst page's p50, which the budget holds. */
function worstOf(pages) {
  const worst = pages.reduce((w, p) => (p.p50 > w.p50 ? p : w));
  return { p50: worst.p50, worstRoute: worst.route, pages };
}

/** First visits: LOADS fresh loads of every page, taken in turns (page by page, round by round). */
async function firstVisits(browser, baseUrl, profile) {
  const loads = PAGES.map(() => []);
  for (let round = 0; round < LOADS; round++) {
    for (const [i, spec] of PAGES.entries()) loads[i].push(await interactiveLoad(browser, baseUrl, { spec, profile }));
  }
  return worstOf(PAGES.map((spec, i) => summarize(spec.route, loads[i])));
}

/**
 * Repeat visits: in a fresh context, a first load of / left alone until its service worker
 * controls the page (the app registers it after 2 s without input), then a navigation to
 * every page in turn, each answered from the service worker's cache; LOADS contexts.
 */
async function repeatVisits(browser, baseUrl) {
  const loads = PAGES.map(() => []);
  for (let round = 0; round < LOADS; round++) {
    const { context, page } = await openWindow(browser, { serviceWorkers: 'allow' });
    try {
      await page.goto(baseUrl + '/');
      await page.evaluate(async () => {
        await navigator.serviceWorker.ready;
        if (!navigator.serviceWorker.controller) {
          await new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
        }
      });
      await installProbe(page);
      for (const [i, spec] of PAGES.entries()) {
        const load = await measureNavigation(page, baseUrl, spec);
        if (!(await page.evaluate(() => navigator.serviceWorker.controller !== null))) {
          throw new Error(`repeat visit of ${spec.route} not controlled by the service worker`);
        }
        loads[i].push(load);
      }
    } finally {
      await context.close();
    }
  }
  return worstOf(PAGES.map((spec, i) => summarize(spec.route, loads[i])));
}

async function inputLatency(browser, baseUrl, calc) {
  const { context, page } = await openWindow(browser, { locale: 'ru-RU', serviceWorkers: 'block' });
  await page.goto(baseUrl + calc.page);
  await page.getByTestId('plan-name').waitFor();
  if (calc.prepare) await calc.prepare(page);
  if (!(await page.getByTestId(calc.input).count()) || !(await page.getByTestId(calc.output).count())) {
    await context.close();
    return { page: calc.page, skipped: `no ${calc.input} / ${calc.output} on the page` };
  }
  const samples = await page.evaluate(async ({ input, output, values }) => {
    const el = document.querySelector(`[data-testid="${input}"]`);
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
    const out = [];
    for (let i = 0; i < 100; i++) {
      const target = document.querySelector(`[data-testid="${output}"]`);
      const before = target ? target.textContent : '';
      const changed = new Promise((resolve) => {
        const obs = new MutationObserver(() => {
          const now = document.querySelector(`[data-testid="${output}"]`);
          if (now && now.textContent !== before) { obs.disconnect(); resolve(performance.now()); }
        });
        obs.observe(document.body, { subtree: true, childList: true, characterData: true });
        setTimeout(() => { obs.disconnect(); resolve(null); }, 1000);
      });
      const t0 = performance.now();
      setter.call(el, values[i % 2]);
      el.dispatchEvent(new Event('input', { bubbles: true }));
      const t1 = await changed;
      if (t1 !== null) out.push(t1 - t0);
      await new Promise((r) => requestAnimationFrame(() => r()));
    }
    return out;
  }, { input: calc.input, output: calc.output, values: calc.values });
  await context.close();
  samples.sort((a, b) => a - b);
  return { page: calc.page, edits: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/**
 * Import through the real page. The file (`;`, decimal comma, dd.mm.yyyy, 50 000 clients,
 * about 23 bytes a row) is generated inside the page and dropped on the drop zone, so the
 * figures are the app's, not the cost of sending megabytes through the test driver. `openMs`:
 * drop to the columns preview (the worker reads the start of the File, guesses the encoding,
 * dialect and columns); `readMs`: the worker's own clock from the Analyse request to all rows
 * read (the File's bytes read, decoded and parsed); `analyseMs`: ABC/XYZ/RFM/cohorts; both
 * are read from `import-timings`. `ms` = read + analyse, what the budget covers; the preview
 * step, the forecast and the wall-clock times until they are on screen are reported beside
 * it. Analyse is clicked a second after the preview shows, as a person checks the columns
 * first, so the click does not meet V8 still collecting the page's generated strings.
 */
const PAUSE_BEFORE_ANALYSE_MS = 1000;
/** Imports in a fresh context each; the median, as one run is at the mercy of the machine's noise. */
const IMPORT_RUNS = Number(process.env.BENCH_IMPORT_RUNS || 3);

/** The run with the median `ms` of IMPORT_RUNS, with every run's `ms` beside it. */
async function importMedian(browser, baseUrl, rows) {
  const runs = [];
  for (let i = 0; i < IMPORT_RUNS; i++) runs.push(await importBench(browser, baseUrl, rows));
  runs.sort((a, b) => a.ms - b.ms);
  return { ...runs[Math.floor((runs.length - 1) / 2)], runsMs: runs.map((r) => r.ms) };
}

async function importBench(browser, baseUrl, rows) {
  const { context, page } = await openWindow(browser, { locale: 'en-US', serviceWorkers: 'block' });
  await page.goto(baseUrl + '/clients');
  await page.getByTestId('import-drop').waitFor();
  const opened = await page.evaluate(async (n) => {
    const pad = (v) => String(v).padStart(2, '0');
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const parts = ['Client;Date;Amount\n'];
    for (let i = 0; i < n; i++) {
      const client = Math.floor(rand() ** 2 * 50_000);
      const month = Math.floor(rand() * 24);
      parts.push(`C${client};${pad(1 + Math.floor(rand() * 28))}.${pad((month % 12) + 1)}.${2023 + Math.floor(month / 12)};${100 + Math.floor(rand() * 90_000)},${pad(Math.floor(rand() * 100))}\n`);
    }
    const file = new File(parts, 'bench.csv', { type: 'text/csv' });
    const drop = new DataTransfer();
    drop.items.add(file);
    const zone = document.querySelector('[data-testid="import-drop"]');
    const start = performance.now();
    const shown = new Promise((resolve) => {
      const check = () => document.querySelector('[data-testid="import-preview"]');
      const observer = new MutationObserver(() => {
        if (check()) { observer.disconnect(); resolve(performance.now() - start); }
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));
    return { bytes: file.size, openMs: await shown };
  }, rows);
  await page.waitForTimeout(PAUSE_BEFORE_ANALYSE_MS);
  const analyseStart = Date.now();
  await page.getByTestId('analyze').click();
  await page.getByTestId('clients-results').waitFor({ timeout: 300000 });
  const wallMs = Date.now() - analyseStart;
  // The forecast follows the results; its time is read once it is there.
  await page.getByTestId('forecast-verdict').waitFor({ timeout: 300000 });
  const forecastWallMs = Date.now() - analyseStart;
  const timing = page.getByTestId('import-timings');
  const worker = {
    readMs: Number(await timing.getAttribute('data-read-ms')),
    analyseMs: Number(await timing.getAttribute('data-analyse-ms')),
    forecastMs: Number(await timing.getAttribute('data-forecast-ms')),
    memoryMB: Math.round(Number(await timing.getAttribute('data-memory-bytes')) / 2 ** 20),
  };
  await context.close();
  return {
    rows,
    megabytes: +(opened.bytes / 2 ** 20).toFixed(1),
    openMs: Math.round(opened.openMs),
    ...worker,
    resultsOnScreenMs: wallMs,
    forecastOnScreenMs: forecastWallMs,
    ms: worker.readMs + worker.analyseMs,
  };
}

/** The CDNOW sample (2,357 customers, 1997-01 .. 1998-06), the usual test of BG/NBD. */
const CDNOW_FILE = path.join(ROOT, 'tests', 'fixtures', 'cdnow_sample_transactions.csv');
/** Python with lifetimes 0.11 (BENCH_LIFETIMES_PYTHON; skipped when it is not there). */
const LIFETIMES_PYTHON = process.env.BENCH_LIFETIMES_PYTHON || '/work/venv-lifetimes/bin/python';
/** Fits timed on each side; the median is reported. */
const FIT_RUNS = 5;

/**
 * One import of the CDNOW sample through the Clients page (the file picked, its columns as
 * guessed, Analyse): the BG/NBD fit's time in the worker (`data-bgnbd-fit-ms`, the worker's
 * `performance.now()` around the fit alone) and the fitted parameters.
 */
async function cdnowFit(browser, baseUrl) {
  const { context, page } = await openWindow(browser, { locale: 'en-US', serviceWorkers: 'block' });
  await page.goto(baseUrl + '/clients');
  await page.getByTestId('import-drop').waitFor();
  await page.getByTestId('import-file').setInputFiles(CDNOW_FILE);
  await page.getByTestId('import-preview').waitFor({ timeout: 60000 });
  await page.getByTestId('analyze').click();
  await page.getByTestId('forecast-verdict').waitFor({ timeout: 60000 });
  const timing = page.getByTestId('import-timings');
  const param = async (id) => Number(await page.getByTestId(id).getAttribute('data-value'));
  const run = {
    fitMs: Number(await timing.getAttribute('data-bgnbd-fit-ms')),
    forecastMs: Number(await timing.getAttribute('data-forecast-ms')),
    params: { r: await param('forecast-param-r'), alpha: await param('forecast-param-alpha'), a: await param('forecast-param-a'), b: await param('forecast-param-b') },
  };
  await context.close();
  return run;
}

/**
 * lifetimes' BetaGeoFitter().fit on the summary the app fits (lifetimes' definitions, which
 * the app shares: same-day purchases merged, frequency = repeat purchase days, recency and T
 * in weeks of 7 days, T up to the file's last date), FIT_RUNS fits timed without the import.
 */
const LIFETIMES_SCRIPT = `
import json, sys, time
import pandas as pd
from lifetimes import BetaGeoFitter
df = pd.read_csv(sys.argv[1], dtype={"customer_id": str, "date": str})
df["day"] = pd.to_datetime(df["date"], format="%Y%m%d")
end = df["day"].max()
g = df.groupby("customer_id")["day"]
first, last, days = g.min(), g.max(), g.nunique()
frequency = (days - 1).astype(float)
recency = (last - first).dt.days / 7.0
T = (end - first).dt.days / 7.0
runs = []
for _ in range(int(sys.argv[2])):
    t0 = time.perf_counter()
    fitter = BetaGeoFitter().fit(frequency, recency, T)
    runs.append((time.perf_counter() - t0) * 1e3)
print(json.dumps({"customers": int(len(days)), "runsMs": runs, "params": {k: float(v) for k, v in fitter.params_.items()}}))
`;

function lifetimesFit() {
  if (!fs.existsSync(LIFETIMES_PYTHON)) return { skipped: `no ${LIFETIMES_PYTHON}` };
  const out = spawnSync(LIFETIMES_PYTHON, ['-c', LIFETIMES_SCRIPT, CDNOW_FILE, String(FIT_RUNS)], { encoding: 'utf8', timeout: 300000 });
  if (out.status !== 0) return { skipped: `lifetimes failed: ${(out.stderr || out.error || '').toString().trim().split('\n').pop()}` };
  const result = JSON.parse(out.stdout.trim().split('\n').pop());
  const sorted = [...result.runsMs].sort((a, b) => a - b);
  return { ...result, medianMs: percentile(sorted, 50) };
}

/** Both sides, the ratio, and how far apart the fitted parameters are. */
async function cdnowBench(browser, baseUrl) {
  if (!fs.existsSync(CDNOW_FILE)) return { skipped: `no ${CDNOW_FILE}` };
  const runs = [];
  for (let i = 0; i < FIT_RUNS; i++) runs.push(await cdnowFit(browser, baseUrl));
  runs.sort((a, b) => a.fitMs - b.fitMs);
  const browserSide = { ...runs[Math.floor((runs.length - 1) / 2)], runsMs: runs.map((r) => r.fitMs) };
  const lifetimes = lifetimesFit();
  const result = { browser: browserSide, lifetimes };
  if (!lifetimes.skipped) {
    result.timesFaster = lifetimes.medianMs / browserSide.fitMs;
    result.maxParamRelDiff = Math.max(...Object.keys(browserSide.params).map((k) => Math.abs(browserSide.params[k] - lifetimes.params[k]) / Math.abs(lifetimes.params[k])));
  }
  return result;
}

const server = await serve(DIST, 0, '127.0.0.1');
const baseUrl = `http://127.0.0.1:${server.address().port}`;
// BENCH_ONLY runs only some parts while working on one budget (comma-separated: load,
// throttled, repeat, latency, import, cdnow); BENCH_CHROMIUM_FLAGS adds browser flags (e.g.
// `--js-flags=--no-liftoff`).
const PARTS = ['load', 'throttled', 'repeat', 'latency', 'import', 'cdnow'];
const only = new Set((process.env.BENCH_ONLY || PARTS.join(',')).split(',').map((p) => p.trim()));
const extraFlags = (process.env.BENCH_CHROMIUM_FLAGS || '').split(' ').filter(Boolean);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, ...extraFlags] });
const started = Date.now();
const results = { date: new Date().toISOString(), machine: `${process.platform} ${process.arch}, node ${process.version}`, loadsPerPage: LOADS };
const skipped = { skipped: true };
results.firstLoad = firstLoadBytes();
results.interactive = only.has('load') ? await firstVisits(browser, baseUrl, null) : skipped;
results.throttled = only.has('throttled') ? { profile: THROTTLED, ...(await firstVisits(browser, baseUrl, THROTTLED)) } : skipped;
results.repeat = only.has('repeat') ? await repeatVisits(browser, baseUrl) : skipped;
results.latency = [];
for (const calc of CALCULATORS) {
  results.latency.push(only.has('latency') ? await inputLatency(browser, baseUrl, calc) : { page: calc.page, skipped: true });
}
results.import = only.has('import')
  ? [await importMedian(browser, baseUrl, 100_000), await importMedian(browser, baseUrl, 1_000_000)]
  : [{ rows: 100_000, skipped: true }, { rows: 1_000_000, skipped: true }];
results.cdnow = only.has('cdnow') ? await cdnowBench(browser, baseUrl) : skipped;
results.durationS = Math.round((Date.now() - started) / 1000);
await browser.close();
server.close();

// Rows of [measure, result, budget, ok (true / false / null: no budget or skipped)].
function cdnowRows(c) {
  const name = 'BG/NBD fit, CDNOW sample (2,357 customers): in the browser (worker) against lifetimes 0.11';
  const budget = `≥ ${BUDGET.bgnbdTimesFaster}x faster`;
  if (c.skipped) return [[name, `skipped (${c.skipped === true ? 'BENCH_ONLY' : c.skipped})`, budget, null]];
  const b = c.browser;
  const ms = (v) => `${v.toFixed(2)} ms`;
  const browserText = `browser median of ${b.runsMs.length} imports ${ms(b.fitMs)} (${b.runsMs.map((v) => v.toFixed(2)).join(' / ')}; whole forecast ${b.forecastMs.toFixed(1)} ms)`;
  if (c.lifetimes.skipped) return [[`${name}; ${browserText}; lifetimes ${c.lifetimes.skipped}`, ms(b.fitMs), budget, null]];
  const l = c.lifetimes;
  return [[
    `${name}; ${browserText}; lifetimes BetaGeoFitter().fit on the same summary, median of ${l.runsMs.length} fits ${ms(l.medianMs)} (${l.runsMs.map((v) => v.toFixed(0)).join(' / ')}); parameters apart by at most ${(c.maxParamRelDiff * 100).toPrecision(2)} %`,
    `${ms(b.fitMs)} / ${ms(l.medianMs)} = ${c.timesFaster.toFixed(1)}x faster`,
    budget,
    c.timesFaster >= BUDGET.bgnbdTimesFaster,
  ]];
}
const navigationRows = (name, r, budgetMs) => (r.skipped
  ? [[name, 'skipped', `≤ ${budgetMs} ms`, null]]
  : [
    [`${name}: worst page's p50 (${r.worstRoute}), first edit answered`, `${r.p50} ms`, `≤ ${budgetMs} ms`, r.p50 <= budgetMs],
    ...r.pages.map((p) => [`&nbsp;&nbsp;${p.route}: p50 answered (ready); every load: ${p.runsMs.join(' / ')} ms`, `${p.p50} ms (${p.readyP50} ms)`, '', null]),
  ]);
const fl = results.firstLoad;
const checks = [
  [`first load, gzip (${fl.files.length} files, ${fl.rawKB.toFixed(0)} KB raw)`, `${fl.gzipKB.toFixed(1)} KB`, `≤ ${BUDGET.firstLoadGzipKB} KB`, fl.gzipKB <= BUDGET.firstLoadGzipKB],
  ...(fl.workerGzipKB === null ? [] : [['import worker, on demand, gzip', `${fl.workerGzipKB.toFixed(1)} KB`, '', null]]),
  ...navigationRows(`first visit, unthrottled (p50 of ${LOADS} fresh loads a page)`, results.interactive, BUDGET.interactiveMs),
  ...navigationRows(`first visit, throttled (4x CPU, 9 Mbit/s, 150 ms RTT; p50 of ${LOADS})`, results.throttled, BUDGET.throttledMs),
  ...navigationRows(`repeat visit, service worker (p50 of ${LOADS} contexts)`, results.repeat, BUDGET.repeatMs),
  ...results.latency.map((l) => l.skipped
    ? [`input-to-screen ${l.page}`, 'skipped', `p95 ≤ ${BUDGET.inputP95Ms} ms`, null]
    : [`input-to-screen ${l.page} (p50 / p95, ${l.edits} edits)`, `${l.p50.toFixed(1)} / ${l.p95.toFixed(1)} ms`, `p95 ≤ ${BUDGET.inputP95Ms} ms`, l.p95 <= BUDGET.inputP95Ms]),
  ...results.import.map((r) => r.skipped
    ? [`import + analysis, ${r.rows.toLocaleString('en')} rows`, 'skipped', r.rows === 1_000_000 ? `≤ ${BUDGET.import1MRowsMs} ms` : '', null]
    : [`import + analysis, ${r.rows.toLocaleString('en')} rows (${r.megabytes} MB), median of ${r.runsMs.length} runs (${r.runsMs.map((ms) => ms.toFixed(0)).join(' / ')} ms); the median run: read ${r.readMs.toFixed(0)} + analyse ${r.analyseMs.toFixed(0)} ms (columns step ${r.openMs} ms after the drop; forecast ${r.forecastMs.toFixed(0)} ms; results on screen ${r.resultsOnScreenMs} ms and the forecast ${r.forecastOnScreenMs} ms after the click; worker's memory ${r.memoryMB} MB)`, `${r.ms.toFixed(0)} ms`, r.rows === 1_000_000 ? `≤ ${BUDGET.import1MRowsMs} ms` : '', r.rows === 1_000_000 ? r.ms <= BUDGET.import1MRowsMs : null]),
  ...cdnowRows(results.cdnow),
];
const mark = (ok) => (ok === null ? '' : ok ? 'ok' : 'over');
const md = [
  `Benchmark of ${results.date} (${results.machine}, headless Chromium, loopback; ${results.durationS} s)`,
  '',
  '| measure | result | budget | |',
  '|---|---|---|---|',
  ...checks.map(([m, r, b, ok]) => `| ${m} | ${r} | ${b} | ${mark(ok)} |`),
].join('\n');
fs.mkdirSync(OUT, { recursive: true });
fs.writeFileSync(path.join(OUT, 'results.json'), JSON.stringify(results, null, 2));
fs.writeFileSync(path.join(OUT, 'results.md'), md + '\n');
console.log(md);
const over = checks.filter(([, , , ok]) => ok === false).length;
console.log(`${checks.filter(([, , , ok]) => ok === true).length} within budget, ${over} over`);
process.exit(over && process.env.BENCH_STRICT === '1' ? 1 : 0);
