// Prints the first-load bytes of the built site (dist/): wasm, js and css, raw and gzip,
// against the budget of the finished app (300 KB gzip).
//
// The app is over that budget today (see README "Performance": most of the wasm is the
// pages' own rendering code, monomorphised per yew component). Until it is brought down,
// this check fails on a regression: above CEILING_GZIP, the size of the last measured
// build plus a margin. Lower the ceiling as the size comes down; never raise it silently.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const BUDGET_GZIP = 300 * 1024;
const CEILING_GZIP = 540 * 1024;
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
console.log(`${'first load total'.padEnd(44)} ${kb(raw).padStart(10)} raw ${kb(gz).padStart(10)} gzip (budget ${kb(BUDGET_GZIP)}, ceiling ${kb(CEILING_GZIP)})`);
if (gz > BUDGET_GZIP) console.log(`over the budget by ${kb(gz - BUDGET_GZIP)} (a known miss, see README "Performance")`);
if (gz > CEILING_GZIP) {
  console.log(`over the ceiling by ${kb(gz - CEILING_GZIP)}: the first load grew`);
  process.exit(1);
}
