// Prints the first-load bytes of the built site (dist/): wasm, js and css, raw and gzip,
// against the budget (450 KB gzip, docs/performance.md). The budget is not met yet; until it
// is, the check fails above the regression gate, today's size with a little room.
//
// The first load is the whole app. The import worker loads only when a file is opened; its
// size is printed too, so its growth is seen, but it is not part of the budget.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const BUDGET_GZIP = 450 * 1024;
// Raised from 545 KB with the plan-vs-fact page (issue 21: its page, model, CRM import and
// export, about 81 KB gzip); see docs/performance.md.
const GATE_GZIP = 625 * 1024;
const dist = path.resolve(process.argv[2] || 'dist');
const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');

// What the first load fetches: index.html and every asset it links.
const files = ['index.html'];
for (const m of html.matchAll(/(?:href|src)="\/?([^"?#]+\.(?:wasm|js|css))"/g)) files.push(m[1]);
const unique = [...new Set(files)];

let raw = 0;
let gz = 0;
const rows = unique.map((f) => {
  const body = fs.readFileSync(path.join(dist, f));
  const g = zlib.gzipSync(body, { level: 9 }).length;
  raw += body.length;
  gz += g;
  return { file: f, raw: body.length, gzip: g };
});
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
for (const r of rows) console.log(`${r.file.padEnd(44)} ${kb(r.raw).padStart(10)} raw ${kb(r.gzip).padStart(10)} gzip`);
console.log(`${'first load total'.padEnd(44)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gzip (budget ${kb(BUDGET_GZIP)})`);
const worker = ['salesplan-worker_loader.js', 'salesplan-worker.js', 'salesplan-worker_bg.wasm']
  .map((f) => fs.readFileSync(path.join(dist, f)));
const workerRaw = worker.reduce((s, b) => s + b.length, 0);
const workerGz = worker.reduce((s, b) => s + zlib.gzipSync(b, { level: 9 }).length, 0);
console.log(`${'on demand: import worker'.padEnd(44)} ${kb(workerRaw).padStart(10)} raw ${kb(workerGz).padStart(10)} gzip`);
if (gz > BUDGET_GZIP) console.log(`over the budget by ${kb(gz - BUDGET_GZIP)}`);
if (gz > GATE_GZIP) {
  console.log(`over the regression gate (${kb(GATE_GZIP)}) by ${kb(gz - GATE_GZIP)}: the first load grew`);
  process.exit(1);
}
