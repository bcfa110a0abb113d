// Accessibility: axe-core on every page (both languages) finds no serious or critical
// violation; the app can be used with the keyboard alone.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, waitForApp, seriousViolations } from './harness.mjs';

const PAGES = ['/', '/funnel', '/ltv', '/headcount', '/fact', '/clients', '/plans', '/no-such-page'];

let app;
before(async () => { app = await startApp(); });
after(async () => { await app.close(); });

for (const locale of ['ru-RU', 'en-US']) {
  test(`axe finds no serious or critical violation on any page (${locale})`, async () => {
    const context = await app.browser.newContext({ locale });
    const page = await context.newPage();
    const found = {};
    for (const p of PAGES) {
      await page.goto(app.baseUrl + p);
      await waitForApp(page);
      await page.waitForTimeout(100);
      const v = await seriousViolations(page);
      if (v.length) found[p] = v;
    }
    await context.close();
    assert.deepEqual(found, {});
  });
}

test('the keyboard alone reaches the navigation and switches pages and language', async () => {
  const context = await app.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(app.baseUrl + '/');
  await waitForApp(page);
  // Tab until the Funnel link has focus, then press Enter.
  let focused = '';
  for (let i = 0; i < 15 && focused !== 'nav-funnel'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') || '');
  }
  assert.equal(focused, 'nav-funnel');
  const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
  assert.notEqual(outline, 'none', 'focus is visible');
  await page.keyboard.press('Enter');
  await page.getByTestId('page-funnel').waitFor();
  for (let i = 0; i < 15 && focused !== 'lang-ru'; i++) {
    await page.keyboard.press('Tab');
    focused = await page.evaluate(() => document.activeElement?.getAttribute('data-testid') || '');
  }
  await page.keyboard.press('Enter');
  assert.equal((await page.getByTestId('nav-funnel').textContent()).trim(), 'Воронка');
  await context.close();
});
