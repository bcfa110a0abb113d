// The app shell: pages and URLs, languages, number format, persistence, storage faults.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, textOf, typeInto, waitForApp, openWithStored, storedBackups } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app.close(); });

test('header, navigation and a URL per page that survives reload', async () => {
  const s = await openPage(app, { locale: 'ru-RU' });
  const { page } = s;
  assert.equal(await textOf(page, 'product-name'), 'Salesplan');
  for (const [nav, pageId, path] of [
    ['nav-funnel', 'page-funnel', '/funnel'],
    ['nav-ltv', 'page-ltv', '/ltv'],
    ['nav-headcount', 'page-headcount', '/headcount'],
    ['nav-fact', 'page-fact', '/fact'],
    ['nav-clients', 'page-clients', '/clients'],
    ['nav-plans', 'page-plans', '/plans'],
  ]) {
    await page.getByTestId(nav).click();
    await page.getByTestId(pageId).waitFor();
    assert.equal(new URL(page.url()).pathname, path);
    assert.equal(await page.getByTestId(nav).getAttribute('aria-current'), 'page');
    await page.reload();
    await waitForApp(page);
    await page.getByTestId(pageId).waitFor();
  }
  await s.done();
});

test('an unknown URL shows a helpful not-found page', async () => {
  const s = await openPage(app, { locale: 'en-US', path: '/no/such/page' });
  await s.page.getByTestId('page-not-found').waitFor();
  assert.match(await textOf(s.page, 'page-not-found'), /Page not found/);
  await s.done();
});

test('language follows the browser, switches in the header and is remembered', async () => {
  const s = await openPage(app, { locale: 'en-US' });
  const { page } = s;
  assert.equal(await textOf(page, 'nav-funnel'), 'Funnel');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  await page.getByTestId('lang-ru').click();
  assert.equal(await textOf(page, 'nav-funnel'), 'Воронка');
  await page.reload();
  await waitForApp(page);
  assert.equal(await textOf(page, 'nav-funnel'), 'Воронка');
  assert.equal(await page.locator('html').getAttribute('lang'), 'ru');
  await s.done();
});

test('a Russian browser starts in Russian with a demo plan', async () => {
  const s = await openPage(app, { locale: 'ru-RU' });
  assert.equal(await textOf(s.page, 'nav-funnel'), 'Воронка');
  assert.equal(await s.page.getByTestId('plan-name').inputValue(), 'Демо-план');
  await s.done();
});

test('plan settings are saved on every change and restored on reload', async () => {
  const s = await openPage(app, { locale: 'ru-RU' });
  const { page } = s;
  await typeInto(page, 'plan-name', 'Клиент Альфа');
  await page.getByTestId('currency').selectOption('USD');
  await typeInto(page, 'working-days', '20,5');
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Клиент Альфа');
  assert.equal(await page.getByTestId('currency').inputValue(), 'USD');
  assert.equal(await page.getByTestId('working-days').inputValue(), '20,5');
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('salesplan')));
  assert.equal(stored.schema, 3);
  assert.equal(stored.plans[0].working_days_per_month, 20.5);
  await s.done();
});

test('a bad number gets a message at the field and the last valid value is kept', async () => {
  const s = await openPage(app, { locale: 'en-US' });
  const { page } = s;
  await typeInto(page, 'working-days', '45');
  assert.match(await textOf(page, 'working-days-error'), /Allowed from 1 to 31/);
  await typeInto(page, 'working-days', 'abc');
  assert.match(await textOf(page, 'working-days-error'), /Enter a number/);
  await page.reload();
  await waitForApp(page);
  assert.equal(await page.getByTestId('working-days').inputValue(), '21');
  await typeInto(page, 'working-days', '1 0');
  assert.equal(await page.getByTestId('working-days-error').count(), 0);
  await s.done();
});

test('corrupt JSON is kept under a backup key, the app starts clean and says so', async () => {
  const raw = '{"schema":2,"plans":[{"name":"Precious';
  const { page, context, errors } = await openWithStored(app, raw);
  assert.match(await textOf(page, 'notice-text'), /damaged.*Nothing was deleted/);
  assert.deepEqual(await storedBackups(page), [raw]);
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Demo plan');
  await typeInto(page, 'plan-name', 'New work');
  assert.deepEqual(await storedBackups(page), [raw], 'the backup survives new saves');
  assert.deepEqual(errors, []);
  await context.close();
});

test('a document from a future version is never overwritten', async () => {
  const raw = JSON.stringify({ schema: 99, plans: [{ name: 'From the future' }] });
  const { page, context, errors } = await openWithStored(app, raw);
  assert.match(await textOf(page, 'notice-text'), /newer version/);
  assert.deepEqual(await storedBackups(page), [raw]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a schema 1 document is migrated forward and its plan kept', async () => {
  const raw = JSON.stringify({ schema: 1, settings: { lang: 'En' }, plan: { name: 'Old plan', currency: 'EUR' } });
  const { page, context, errors } = await openWithStored(app, raw, 'ru-RU');
  assert.match(await textOf(page, 'notice-text'), /upgraded from version 1/);
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Old plan');
  assert.equal(await page.getByTestId('currency').inputValue(), 'EUR');
  await page.getByTestId('notice-dismiss').click();
  assert.equal(await page.getByTestId('notice').count(), 0);
  await typeInto(page, 'plan-name', 'Old plan 2');
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('salesplan')));
  assert.equal(stored.schema, 3);
  assert.equal(stored.plans[0].name, 'Old plan 2');
  assert.deepEqual(errors, []);
  await context.close();
});

test('works on a 360 px phone screen without horizontal scrolling', async () => {
  const s = await openPage(app, { locale: 'ru-RU', viewport: { width: 360, height: 740 } });
  const overflow = await s.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  await s.done();
});
