// The first load is the light app (start page and funnel); the other pages are in the full
// app, which it hands the page over to (src/ui/handover.rs). These tests read what a person
// sees: the edits made before the handover are there after it, the browser never shows two
// apps at once, and a full-app page that cannot be loaded says so and can be retried.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, textOf, typeInto, waitForApp } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app.close(); });

const FULL_WASM = /salesplan-full_bg\.wasm$/;

/** The wasm files the page has fetched so far (their names, without hashes for the light one). */
function wasmFetched(page) {
  return page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname)
    .filter((p) => p.endsWith('.wasm')));
}

/** How many times the page has fetched the full app's wasm. */
async function fullAppFetches(page) {
  return (await wasmFetched(page)).filter((p) => FULL_WASM.test(p)).length;
}

/** Waits until the page has fetched the full app's wasm (without any navigation). */
function fullAppFetched(page, timeout = 30000) {
  return page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((e) => e.name.endsWith('/salesplan-full_bg.wasm')), null, { timeout });
}

/**
 * After the full app was fetched in advance: the funnel is still shown, and following the
 * `nav` link opens `pageId` without fetching the full app again.
 */
async function prefetchedThenOpened(page, nav, pageId) {
  assert.equal(await page.getByTestId('page-funnel').count(), 1, 'still on the funnel');
  await page.getByTestId(nav).click();
  await page.getByTestId(pageId).waitFor({ timeout: 15000 });
  assert.equal(await fullAppFetches(page), 1, 'fetched once');
}

/**
 * The funnel in a fresh context before the service worker caches anything (it would answer
 * the full app's requests, which are then not routed here), with `route` answering the
 * full app's wasm. `pageErrors` collects uncaught exceptions; the failed fetches a test
 * makes are expected console errors.
 */
async function funnelWithFullAppRouted(route) {
  const context = await app.browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.route(FULL_WASM, route);
  await page.goto(app.baseUrl + '/funnel');
  await waitForApp(page);
  return { page, context, pageErrors };
}

test('the funnel loads without the full app; opening LTV hands over and keeps the edits', async () => {
  const { page, done } = await openPage(app, { locale: 'en-US', path: '/funnel' });
  await page.getByTestId('page-funnel').waitFor();
  const first = await wasmFetched(page);
  assert.equal(first.length, 1, `one wasm file on the first load, got ${first}`);
  assert.ok(!FULL_WASM.test(first[0]), 'the first load is the light app');

  await typeInto(page, 'plan-name', 'Before the handover');
  await page.getByTestId('nav-ltv').click();
  await page.getByTestId('page-ltv').waitFor({ timeout: 15000 });
  assert.equal(await fullAppFetches(page), 1, 'the full app was fetched');
  // One app on the page: one header, one main, and the edit made in the light app.
  assert.equal(await page.locator('header.app-header').count(), 1);
  assert.equal(await page.locator('main').count(), 1);
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Before the handover');

  // The full app now has every page, the funnel included, with no second handover.
  await page.getByTestId('nav-funnel').click();
  await page.getByTestId('page-funnel').waitFor();
  await typeInto(page, 'plan-name', 'After the handover');
  await page.getByTestId('nav-headcount').click();
  await page.getByTestId('page-headcount').waitFor();
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'After the handover');
  assert.equal(await fullAppFetches(page), 1);

  // Back in history lands on the funnel page of the full app.
  await page.goBack();
  await page.getByTestId('page-funnel').waitFor();
  await done();
});

test('pointing at a link to a full-app page starts fetching it, without leaving the funnel', async () => {
  const { page, done } = await openPage(app, { locale: 'en-US', path: '/funnel' });
  await page.getByTestId('page-funnel').waitFor();
  assert.equal(await fullAppFetches(page), 0);
  await page.getByTestId('nav-plans').hover();
  await fullAppFetched(page);
  await prefetchedThenOpened(page, 'nav-plans', 'page-plans');
  await done();
});

test('going back to the funnel while the full app is fetched keeps the light app', async () => {
  // A slow network: the full app's wasm arrives a second after it is asked for.
  const { page, context, pageErrors } = await funnelWithFullAppRouted(async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue();
  });
  await page.getByTestId('nav-ltv').click();
  await page.getByTestId('page-handing-over').waitFor();
  await page.getByTestId('nav-funnel').click();
  await page.getByTestId('page-funnel').waitFor();
  await fullAppFetched(page);
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.salesplanHandedOver), undefined, 'no handover');
  assert.equal(await page.getByTestId('page-funnel').count(), 1);
  // The compiled app is kept: the next visit hands over without fetching it again.
  await page.getByTestId('nav-ltv').click();
  await page.getByTestId('page-ltv').waitFor({ timeout: 15000 });
  assert.equal(await fullAppFetches(page), 1);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('a few seconds after the start the full app is fetched unasked, and a click then is quick', async () => {
  const { page, done } = await openPage(app, { locale: 'en-US', path: '/funnel' });
  await page.getByTestId('page-funnel').waitFor();
  await fullAppFetched(page, 10000);
  await prefetchedThenOpened(page, 'nav-ltv', 'page-ltv');
  await done();
});

test('a keyboard user who opens a full-app page keeps the focus on its navigation link', async () => {
  const { page, done } = await openPage(app, { locale: 'en-US', path: '/' });
  await page.getByTestId('nav-headcount').focus();
  await page.keyboard.press('Enter');
  await page.getByTestId('page-headcount').waitFor({ timeout: 15000 });
  await page.waitForFunction(() => document.activeElement?.dataset.testid === 'nav-headcount');
  await done();
});

test('an address of a full-app page opens it directly, language included', async () => {
  const { page, done } = await openPage(app, { locale: 'ru-RU', path: '/plans' });
  await page.getByTestId('page-plans').waitFor({ timeout: 15000 });
  // The start-up script went straight to the full app: the light one never started.
  assert.equal(await page.evaluate(() => typeof window.wasmBindings), 'undefined');
  assert.equal(await page.locator('header.app-header').count(), 1);
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'ru');
  await done();
});

test('a full-app page that cannot be loaded says so, the funnel still works, and retry opens it', async () => {
  let blocked = true;
  const { page, context, pageErrors } = await funnelWithFullAppRouted((route) =>
    (blocked ? route.abort('internetdisconnected') : route.continue()));

  await page.getByTestId('nav-clients').click();
  await page.getByTestId('handover-failed').waitFor();
  assert.match(await textOf(page, 'handover-failed'), /could not be loaded/);

  await page.getByTestId('nav-funnel').click();
  await page.getByTestId('page-funnel').waitFor();
  await typeInto(page, 'plan-name', 'Still working');
  await page.getByTestId('nav-clients').click();
  await page.getByTestId('handover-failed').waitFor();

  blocked = false;
  await page.getByTestId('handover-retry').click();
  await page.getByTestId('page-clients').waitFor({ timeout: 15000 });
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Still working');
  assert.deepEqual(pageErrors, []);
  await context.close();
});
