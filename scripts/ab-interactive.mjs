// Time to interactive of two (or more) builds, compared: first visits (see
// interactive-probe.mjs) alternate between the builds in one browser (ABBA...), so both meet
// the same moments of a machine whose speed drifts from minute to minute. Prints, per build,
// the median and quartiles of `ready` and `answered` and every load.
// Usage: node scripts/ab-interactive.mjs DIR_A DIR_B [loads per build, default 20]
// (each DIR a built site, e.g. a copy of dist/ with one change). AB_PAGE picks the page
// (a route of PAGES, default /funnel); AB_THROTTLED=1 applies the throttled profile.
import { chromium } from 'playwright-core';
import { serve } from './static-server.mjs';
import { PAGES, THROTTLED, interactiveLoad } from './interactive-probe.mjs';
import { CHROMIUM_ARGS } from '../tests/e2e/harness.mjs';

const args = process.argv.slice(2);
const loads = /^\d+$/.test(args[args.length - 1] || '') ? Number(args.pop()) : 20;
if (args.length < 2) {
  console.error('usage: node scripts/ab-interactive.mjs DIR_A DIR_B [loads per build]');
  process.exit(2);
}
const spec = PAGES.find((p) => p.route === (process.env.AB_PAGE || '/funnel'));
if (!spec) {
  console.error(`AB_PAGE must be one of ${PAGES.map((p) => p.route).join(' ')}`);
  process.exit(2);
}
const profile = process.env.AB_THROTTLED === '1' ? THROTTLED : null;
const servers = await Promise.all(args.map((dir) => serve(dir, 0, '127.0.0.1')));
const bases = servers.map((s) => `http://127.0.0.1:${s.address().port}`);
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const results = args.map(() => []);
try {
  for (let round = 0; round < loads; round++) {
    const order = args.map((_, i) => i);
    if (round % 2) order.reverse();
    for (const i of order) results[i].push(await interactiveLoad(browser, bases[i], { spec, profile }));
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.close());
}
const quantile = (values, q) => {
  const sorted = values.slice().sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
console.log(`${spec.route}, ${profile ? 'throttled' : 'unthrottled'}, ${loads} loads per build`);
args.forEach((dir, i) => {
  const of = (key) => results[i].map((r) => r[key]);
  const summary = (key) => `${key} ${quantile(of(key), 0.5)} ms (quartiles ${quantile(of(key), 0.25)}-${quantile(of(key), 0.75)})`;
  console.log(`${dir}: ${summary('ready')}, ${summary('answered')}`);
  console.log(`  answered, every load: ${of('answered').join(' ')}`);
});
