// Shared end-to-end harness: serves the built site (dist/) on 127.0.0.1, starts Debian's
// Chromium through playwright-core, and fails a test on any console error or uncaught
// exception of the page.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/static-server.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Starts the server and the browser once per test file. */
export async function startApp() {
  // SALESPLAN_DIST lets several builds (e.g. a debug one) be tested side by side.
  const server = await serve(process.env.SALESPLAN_DIST || path.join(ROOT, 'dist'), 0, '127.0.0.1');
  const { port } = server.address();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async close() {
      await browser.close();
      await new Promise((r) => server.close(r));
    },
  };
}

/**
 * Opens a fresh browser context (its own empty localStorage) in the given locale and
 * records every console error and page error. Call `done()` at the end of the test:
 * it asserts there were none.
 */
export async function openPage(app, { locale = 'ru-RU', path: urlPath = '/', viewport } = {}) {
  const context = await app.browser.newContext({ locale, viewport: viewport || { width: 1280, height: 900 } });
  const page = await context.newPage();
  const problems = [];
  watchErrors(page, problems);
  await page.goto(app.baseUrl + urlPath);
  await waitForApp(page);
  return {
    page,
    context,
    problems,
    async done() {
      await context.close();
      assert.deepEqual(problems, [], 'the page logged errors');
    },
  };
}

/** Records the page's console errors and uncaught exceptions into `problems`. */
export function watchErrors(page, problems) {
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`uncaught: ${err.message}`));
}

/**
 * Opens the app in a fresh context whose localStorage holds `raw` under the document's key
 * before the app starts (on the first load only, so a reload shows what the app did with it).
 */
export async function openWithStored(app, raw, locale = 'en-US') {
  const context = await app.browser.newContext({ locale });
  await context.addInitScript((value) => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('salesplan', value);
      sessionStorage.setItem('seeded', '1');
    }
  }, raw);
  const page = await context.newPage();
  const errors = [];
  watchErrors(page, errors);
  await page.goto(app.baseUrl + '/');
  await waitForApp(page);
  return { page, context, errors };
}

/** The texts kept under backup keys (`salesplan.backup.<time>`). */
export function storedBackups(page) {
  return page.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('salesplan.backup.'))
    .map((k) => localStorage.getItem(k)));
}

/** Waits until the wasm app has rendered its header. */
export async function waitForApp(page) {
  await page.getByTestId('product-name').waitFor({ state: 'visible', timeout: 15000 });
}

/**
 * Waits until the page's parts below the fold are there: they render one frame after the
 * app's first paint (`use_after_first_paint`), so a test that counts them at once can find
 * none. Two frames and a task after that are past it.
 */
export async function afterFirstPaint(page) {
  await page.evaluate(() => new Promise((resolve) => {
    requestAnimationFrame(() => setTimeout(() => requestAnimationFrame(() => setTimeout(resolve, 0)), 0));
  }));
}

/** The visible text of a test id, with every kind of space made a plain space. */
export async function textOf(page, testId) {
  const text = await page.getByTestId(testId).first().textContent();
  return normalizeSpaces(text || '');
}

export function normalizeSpaces(s) {
  return s.replace(/[\u00a0\u202f\u2009]/g, ' ').trim();
}

/** Replaces a field's text in one input event (like a paste or autofill). */
export async function typeInto(page, testId, text) {
  await page.getByTestId(testId).fill(text);
}

/** Types into a field key by key, as a person does (an input event per character). */
export async function typeKeys(page, testId, text) {
  const input = page.getByTestId(testId);
  await input.fill('');
  await input.pressSequentially(text);
}

let axeSource;

/**
 * Serious or critical accessibility violations on the page as it is now (axe-core).
 * evaluate() runs outside the page's CSP, so axe is injected without weakening it.
 */
export async function seriousViolations(page) {
  axeSource ??= fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
}
