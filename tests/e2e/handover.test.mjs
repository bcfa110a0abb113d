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

test('the funnel loads without the full app; opening LTV hands over and keeps the edits', async () => {
  const { page, done } = await openPage(app, { locale: 'en-US', path: '/funnel' });
  await page.getByTestId('page-funnel').waitFor();
  const first = await wasmFetched(page);
  assert.equal(first.length, 1, `one wasm file on the first load, got ${first}`);
  assert.ok(!FULL_WASM.test(first[0]), 'the first load is the light app');

  await typeInto(page, 'plan-name', 'Before the handover');
  await page.getByTestId('nav-ltv').click();
  await page.getByTestId('page-ltv').waitFor({ timeout: 15000 });
  assert.ok((await wasmFetched(page)).some((p) => FULL_WASM.test(p)), 'the full app was fetched');
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
  assert.equal((await wasmFetched(page)).filter((p) => FULL_WASM.test(p)).length, 1);

  // Back in history lands on the funnel page of the full app.
  await page.goBack();
  await page.getByTestId('page-funnel').waitFor();
  await done();
});

test('pointing at a link to a full-app page starts fetching it, without leaving the funnel', async () => {
  const { page, done } = await openPage(app, { locale: 'en-US', path: '/funnel' });
  await page.getByTestId('page-funnel').waitFor();
  assert.ok(!(await wasmFetched(page)).some((p) => FULL_WASM.test(p)));
  await page.getByTestId('nav-plans').hover();
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((e) => e.name.endsWith('/salesplan-full_bg.wasm')));
  assert.equal(await page.getByTestId('page-funnel').count(), 1, 'still on the funnel');
  await page.getByTestId('nav-plans').click();
  await page.getByTestId('page-plans').waitFor({ timeout: 15000 });
  assert.equal((await wasmFetched(page)).filter((p) => FULL_WASM.test(p)).length, 1, 'fetched once');
  await done();
});

test('going back to the funnel while the full app is fetched keeps the light app', async () => {
  const context = await app.browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // A slow network: the full app's wasm arrives a second after it is asked for.
  await page.route(FULL_WASM, async (route) => {
    await new Promise((r) => setTimeout(r, 1000));
    await route.continue();
  });
  await page.goto(app.baseUrl + '/funnel');
  await waitForApp(page);
  await page.getByTestId('nav-ltv').click();
  await page.getByTestId('page-handing-over').waitFor();
  await page.getByTestId('nav-funnel').click();
  await page.getByTestId('page-funnel').waitFor();
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((e) => e.name.endsWith('/salesplan-full_bg.wasm')));
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => window.salesplanHandedOver), undefined, 'no handover');
  assert.equal(await page.getByTestId('page-funnel').count(), 1);
  // The compiled app is kept: the next visit hands over without fetching it again.
  await page.getByTestId('nav-ltv').click();
  await page.getByTestId('page-ltv').waitFor({ timeout: 15000 });
  assert.equal((await wasmFetched(page)).filter((p) => FULL_WASM.test(p)).length, 1);
  assert.deepEqual(pageErrors, []);
  await context.close();
});

test('a few seconds after the start the full app is fetched unasked, and a click then is quick', async () => {
  const { page, done } = await openPage(app, { locale: 'en-US', path: '/funnel' });
  await page.getByTestId('page-funnel').waitFor();
  await page.waitForFunction(() => performance.getEntriesByType('resource')
    .some((e) => e.name.endsWith('/salesplan-full_bg.wasm')), null, { timeout: 10000 });
  assert.equal(await page.getByTestId('page-funnel').count(), 1, 'still on the funnel');
  await page.getByTestId('nav-ltv').click();
  await page.getByTestId('page-ltv').waitFor({ timeout: 15000 });
  assert.equal((await wasmFetched(page)).filter((p) => FULL_WASM.test(p)).length, 1, 'fetched once');
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
  // No service worker: it would have cached the full app (and requests it makes are not
  // routed here), which is the point of it; this is the visit before that.
  const context = await app.browser.newContext({ locale: 'en-US', serviceWorkers: 'block' });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  let blocked = true;
  await page.route(FULL_WASM, (route) => (blocked ? route.abort('internetdisconnected') : route.continue()));
  await page.goto(app.baseUrl + '/funnel');
  await waitForApp(page);

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
