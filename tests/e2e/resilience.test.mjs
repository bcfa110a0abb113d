// Offline, updates, storage faults, the panic safety net, and the security boundary.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startApp, openPage, textOf, typeInto, waitForApp } from './harness.mjs';
import { serve } from '../../scripts/static-server.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app.close(); });

const DIST = process.env.SALESPLAN_DIST || path.resolve('dist');
const PAGES = ['/', '/funnel', '/ltv', '/headcount', '/clients', '/plans'];

/** A private copy of the build on its own server, so a test may change or stop it. */
async function privateSite() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'salesplan-site-'));
  fs.cpSync(DIST, dir, { recursive: true });
  const server = await serve(dir, 0, '127.0.0.1');
  return { dir, server, url: `http://127.0.0.1:${server.address().port}` };
}

async function controlledBySw(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 10000 });
}

/**
 * Visits the app once (the service worker installs), then stops the server and takes the
 * browser offline, so only the service worker can answer, and opens `urlPath`.
 */
async function offlineAfterOneVisit(urlPath) {
  const site = await privateSite();
  const context = await app.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(site.url + '/');
  await waitForApp(page);
  await controlledBySw(page);
  await new Promise((r) => site.server.close(r));
  await context.setOffline(true);
  await page.goto(site.url + urlPath);
  await waitForApp(page);
  return { page, context, errors };
}

test('after one visit the app loads and works with the network off', async () => {
  const { page, context, errors } = await offlineAfterOneVisit('/funnel');
  await page.getByTestId('page-funnel').waitFor();
  await typeInto(page, 'plan-name', 'Offline edit');
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Offline edit');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a sales file is imported and analysed with the network off (the worker is cached too)', async () => {
  const { page, context, errors } = await offlineAfterOneVisit('/clients');
  const rows = ['client,date,amount'];
  for (let c = 1; c <= 30; c++) {
    for (let m = 1; m <= 3; m++) rows.push(`C${c},2024-0${m}-1${c % 9},${100 + c}.50`);
  }
  await page.getByTestId('import-file').setInputFiles({
    name: 'offline.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')),
  });
  await page.getByTestId('import-preview').waitFor({ timeout: 20000 });
  await page.getByTestId('analyze').click();
  await page.getByTestId('clients-results').waitFor({ timeout: 20000 });
  assert.equal(await textOf(page, 'clients-count'), '30');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a new version is offered with a notice and applied only on request', async () => {
  const site = await privateSite();
  const context = await app.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(site.url + '/');
  await waitForApp(page);
  await controlledBySw(page);
  await typeInto(page, 'plan-name', 'Mid-edit');
  await page.evaluate(() => { window.marker = 'still here'; });
  // Publish a "new build": a different service worker version.
  const swPath = path.join(site.dir, 'sw.js');
  fs.writeFileSync(swPath, fs.readFileSync(swPath, 'utf8').replace(/const VERSION = "[^"]+"/, 'const VERSION = "next"'));
  await page.evaluate(() => navigator.serviceWorker.getRegistration().then((r) => r.update()));
  await page.getByTestId('update-ready').waitFor({ timeout: 10000 });
  assert.equal(await page.evaluate(() => window.marker), 'still here', 'no reload in the middle of an edit');
  await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
  await waitForApp(page);
  assert.equal(await page.evaluate(() => window.marker), undefined);
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Mid-edit');
  await context.close();
  await new Promise((r) => site.server.close(r));
});

test('the app installs: a manifest with icons and a service worker', async () => {
  const s = await openPage(app, { locale: 'en-US' });
  const manifest = await s.page.evaluate(async () => {
    const href = document.querySelector('link[rel=manifest]').href;
    return (await fetch(href)).json();
  });
  assert.equal(manifest.display, 'standalone');
  assert.ok(manifest.icons.some((i) => i.sizes === '512x512'));
  await controlledBySw(s.page);
  await s.done();
});

test('every page requests nothing from any other origin and runs no inline script', async () => {
  const context = await app.browser.newContext({ locale: 'ru-RU' });
  const page = await context.newPage();
  const foreign = [];
  const violations = [];
  page.on('request', (r) => { if (!r.url().startsWith(app.baseUrl) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreign.push(r.url()); });
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) violations.push(m.text()); });
  for (const p of PAGES) {
    await page.goto(app.baseUrl + p);
    await waitForApp(page);
  }
  const inline = await page.evaluate(() => [...document.scripts].filter((s) => !s.src && s.textContent.trim()).length);
  const csp = await page.evaluate(() => document.querySelector('meta[http-equiv="Content-Security-Policy"]').content);
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/);
  assert.doesNotMatch(csp, /script-src[^;]*unsafe-inline/);
  assert.equal(inline, 0);
  assert.deepEqual(foreign, []);
  assert.deepEqual(violations, []);
  await context.close();
});

test('markup typed into a name is shown as text', async () => {
  const s = await openPage(app, { locale: 'en-US' });
  const evil = '<img src=x onerror="window.pwned=1"><script>window.pwned=2</script>';
  await typeInto(s.page, 'plan-name', evil);
  await s.page.reload();
  await waitForApp(s.page);
  assert.equal(await s.page.getByTestId('plan-name').inputValue(), evil);
  assert.equal(await s.page.evaluate(() => window.pwned), undefined);
  assert.equal(await s.page.locator('img[src=x]').count(), 0);
  await s.done();
});

test('quota exceeded on save: a notice, work goes on, the stored copy is kept', async () => {
  const context = await app.browser.newContext({ locale: 'en-US' });
  await context.addInitScript(() => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      if (window.__quotaFull) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return original.call(this, key, value);
    };
  });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(app.baseUrl + '/');
  await waitForApp(page);
  await typeInto(page, 'plan-name', 'Saved before');
  const before = await page.evaluate(() => localStorage.getItem('salesplan'));
  await page.evaluate(() => { window.__quotaFull = true; });
  await typeInto(page, 'plan-name', 'Not saved yet');
  assert.match(await textOf(page, 'notice-text'), /storage is full/);
  assert.equal(await page.evaluate(() => localStorage.getItem('salesplan')), before, 'stored copy intact');
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Not saved yet', 'work goes on');
  await page.evaluate(() => { window.__quotaFull = false; });
  await typeInto(page, 'plan-name', 'Saved after');
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('salesplan')));
  assert.equal(stored.plans[0].name, 'Saved after');
  assert.deepEqual(errors, []);
  await context.close();
});

test('should a panic happen, a calm message offers a reload and the data is intact', async () => {
  const context = await app.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(app.baseUrl + '/funnel');
  await waitForApp(page);
  await typeInto(page, 'plan-name', 'Kept through a crash');
  await page.goto(app.baseUrl + '/funnel?simulate-panic');
  await page.getByTestId('crash-overlay').waitFor({ timeout: 10000 });
  assert.match(await textOf(page, 'crash-overlay'), /Your data is safe/);
  await page.getByTestId('crash-reload').click();
  await waitForApp(page);
  assert.equal(new URL(page.url()).pathname, '/funnel');
  assert.equal(await page.getByTestId('crash-overlay').count(), 0);
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Kept through a crash');
  await context.close();
});
