// Storage safety: two tabs editing the same plan, stored documents with wrong field types.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, textOf, typeInto, waitForApp, openWithStored, storedBackups, watchErrors } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app.close(); });

/** Records console errors and uncaught exceptions of a page into `errors`. */
/** Two tabs of one browser (one context, so one localStorage), both with the app open. */
async function openTwoTabs(locale) {
  const context = await app.browser.newContext({ locale, viewport: { width: 1280, height: 900 } });
  const errors = [];
  const tabs = [];
  for (let i = 0; i < 2; i += 1) {
    const page = await context.newPage();
    watchErrors(page, errors);
    await page.goto(app.baseUrl + '/');
    await waitForApp(page);
    tabs.push(page);
  }
  return { context, errors, a: tabs[0], b: tabs[1] };
}

/** Waits until the input with `testId` shows `value` (it follows another tab's save). */
async function waitForValue(page, testId, value) {
  await page.waitForFunction(
    ([id, v]) => document.querySelector(`[data-testid="${id}"]`)?.value === v,
    [testId, value],
  );
}

function stored(page) {
  return page.evaluate(() => JSON.parse(localStorage.getItem('salesplan')));
}

test('two tabs: an edit in one is followed by the other, a later edit builds on it, both survive', async () => {
  const { context, errors, a, b } = await openTwoTabs('en-US');
  await typeInto(a, 'plan-name', 'Edited in A');
  await waitForValue(b, 'plan-name', 'Edited in A');
  // B says why what it shows changed; A, whose own edit it was, says nothing.
  await b.locator('[data-notice="changed-in-other-tab"]').waitFor();
  assert.match(await textOf(b, 'notice-text'), /This plan was changed in another tab; showing its version/);
  assert.equal(await a.getByTestId('notice').count(), 0);

  await typeInto(b, 'working-days', '20');
  await waitForValue(a, 'working-days', '20');
  const doc = await stored(b);
  assert.equal(doc.plans[0].name, 'Edited in A', "B's save kept A's edit");
  assert.equal(doc.plans[0].working_days_per_month, 20);

  await a.reload();
  await waitForApp(a);
  assert.equal(await a.getByTestId('plan-name').inputValue(), 'Edited in A');
  assert.equal(await a.getByTestId('working-days').inputValue(), '20');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs: a field with a bad typed value keeps it, the rest follows, and the next edit keeps both', async () => {
  const { context, errors, a, b } = await openTwoTabs('ru-RU');
  await typeInto(b, 'working-days', 'abc');
  assert.match(await textOf(b, 'working-days-error'), /число/i);

  await typeInto(a, 'plan-name', 'Клиент из вкладки A');
  await waitForValue(b, 'plan-name', 'Клиент из вкладки A');
  await b.locator('[data-notice="changed-in-other-tab"]').waitFor();
  assert.match(await textOf(b, 'notice-text'), /изменён в другой вкладке; показана его версия/);
  // What the person typed in B is not silently replaced.
  assert.equal(await b.getByTestId('working-days').inputValue(), 'abc');
  assert.equal(await b.getByTestId('working-days-error').count(), 1);

  await typeInto(b, 'working-days', '19');
  const doc = await stored(b);
  assert.equal(doc.plans[0].name, 'Клиент из вкладки A');
  assert.equal(doc.plans[0].working_days_per_month, 19);

  await a.reload();
  await waitForApp(a);
  assert.equal(await a.getByTestId('plan-name').inputValue(), 'Клиент из вкладки A');
  assert.equal(await a.getByTestId('working-days').inputValue(), '19');
  assert.deepEqual(errors, []);
  await context.close();
});

test('two tabs: a document the other tab wrote that cannot be read is never overwritten', async () => {
  const { context, errors, a, b } = await openTwoTabs('en-US');
  await typeInto(b, 'plan-name', 'Work in B');
  const future = JSON.stringify({ schema: 99, plans: [{ name: 'From a newer app' }] });
  await a.evaluate((raw) => localStorage.setItem('salesplan', raw), future);
  await b.locator('[data-notice="unreadable-in-other-tab"]').waitFor();
  assert.match(await textOf(b, 'notice-text'), /Another tab saved the data by a newer version.*not being saved now/);

  await typeInto(b, 'plan-name', 'More work in B');
  assert.equal(await b.evaluate(() => localStorage.getItem('salesplan')), future, 'B did not overwrite it');

  // Reloaded, B keeps the text it cannot read under a backup key and says so.
  await b.reload();
  await waitForApp(b);
  assert.match(await textOf(b, 'notice-text'), /newer version.*Nothing was deleted/);
  const kept = await b.evaluate(() => Object.keys(localStorage)
    .filter((k) => k.startsWith('salesplan.backup.'))
    .map((k) => localStorage.getItem(k)));
  assert.deepEqual(kept, [future]);
  assert.deepEqual(errors, []);
  await context.close();
});

test('an edit right after another tab saved, before its storage event arrives, builds on that save', async () => {
  const context = await app.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  watchErrors(page, errors);
  await page.goto(app.baseUrl + '/');
  await waitForApp(page);
  await typeInto(page, 'plan-name', 'Mine');
  // A write this page gets no `storage` event for, as when another tab's event is still queued.
  await page.evaluate(() => {
    const doc = JSON.parse(localStorage.getItem('salesplan'));
    doc.plans[0].name = 'Saved by another tab';
    localStorage.setItem('salesplan', JSON.stringify(doc));
  });
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Mine');
  await typeInto(page, 'working-days', '18');
  const doc = await stored(page);
  assert.equal(doc.plans[0].name, 'Saved by another tab', 'the other save was not overwritten');
  assert.equal(doc.plans[0].working_days_per_month, 18);
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Saved by another tab');
  assert.equal(await page.getByTestId('notice').getAttribute('data-notice'), 'changed-in-other-tab');
  assert.deepEqual(errors, []);
  await context.close();
});

const WRONG_TYPES = [
  ['a number field holding text',
    { schema: 2, active: 'a', plans: [{ id: 'a', name: 'Precious', working_days_per_month: 'twenty' }] }],
  ['a list where a section belongs',
    { schema: 2, active: 'a', plans: [{ id: 'a', name: 'Precious', funnel: [1, 2] }] }],
  ['an object where the list of plans belongs',
    { schema: 2, active: 'a', plans: { a: { id: 'a', name: 'Precious' } } }],
  ['a number where the active plan id belongs',
    { schema: 2, active: 7, plans: [{ id: 'a', name: 'Precious' }] }],
];

for (const [what, document] of WRONG_TYPES) {
  test(`a stored document with ${what} is kept under a backup key, the app starts and says so`, async () => {
    const raw = JSON.stringify(document);
    const { page, context, errors } = await openWithStored(app, raw);
    assert.match(await textOf(page, 'notice-text'), /unknown format.*Nothing was deleted: a copy is kept in localStorage under "salesplan\.backup\.\d+"/);
    assert.equal(await page.getByTestId('notice').getAttribute('data-notice'), 'unreadable');
    assert.deepEqual(await storedBackups(page), [raw]);
    assert.equal(await page.getByTestId('plan-name').inputValue(), 'Demo plan');
    await typeInto(page, 'plan-name', 'New work');
    assert.deepEqual(await storedBackups(page), [raw], 'the backup survives new saves');
    assert.equal((await stored(page)).plans[0].name, 'New work');
    await page.reload();
    await waitForApp(page);
    assert.equal(await page.getByTestId('plan-name').inputValue(), 'New work');
    assert.deepEqual(await storedBackups(page), [raw]);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('a stored document with wrong types says so in Russian too', async () => {
  const raw = JSON.stringify(WRONG_TYPES[0][1]);
  const { page, context, errors } = await openWithStored(app, raw, 'ru-RU');
  assert.match(await textOf(page, 'notice-text'), /неизвестный формат.*Они не удалены/);
  assert.deepEqual(await storedBackups(page), [raw]);
  assert.deepEqual(errors, []);
  await context.close();
});

/**
 * Hand-made lz-string link data (URI-safe alphabet) of 'a' repeated at least `units` times:
 * every code names the entry just being made, so a few kilobytes unpack to millions of
 * characters (the same construction as `lz_bomb` in src/storage/share.rs).
 */
function lzBomb(units) {
  const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+-$';
  let out = '';
  let current = 0;
  let filled = 0;
  const write = (code, width) => {
    for (let i = 0; i < width; i += 1) {
      current = (current << 1) | (Math.floor(code / 2 ** i) % 2);
      filled += 1;
      if (filled === 6) {
        out += ALPHABET[current];
        current = 0;
        filled = 0;
      }
    }
  };
  write(0, 2);
  write('a'.charCodeAt(0), 8);
  let [dictionary, bits, enlargeIn, total, w] = [4, 3, 4, 1, 1];
  while (total < units) {
    write(dictionary, bits);
    w += 1;
    total += w;
    dictionary += 1;
    enlargeIn -= 1;
    if (enlargeIn === 0) {
      enlargeIn = 2 ** bits;
      bits += 1;
    }
  }
  write(2, bits);
  write(0, 12);
  return out;
}

test('a share link that would unpack to hundreds of megabytes is refused with a clear message', async () => {
  const data = `v1.${lzBomb(200_000_000)}`;
  assert.ok(data.length < 64_000, `${data.length}`);
  const context = await app.browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const errors = [];
  watchErrors(page, errors);
  await page.goto(`${app.baseUrl}/plans#share=${data}`);
  await waitForApp(page);
  assert.match(await textOf(page, 'share-message'), /too large for a link.*Send it as a file/);
  // The app goes on working.
  await typeInto(page, 'plan-name', 'Still here');
  assert.equal((await stored(page)).plans[0].name, 'Still here');
  assert.deepEqual(errors, []);
  await context.close();
});

test('an overlong share link and an oversized plans file are refused with a clear message', async () => {
  const context = await app.browser.newContext({ locale: 'ru-RU' });
  const page = await context.newPage();
  const errors = [];
  watchErrors(page, errors);
  await page.goto(`${app.baseUrl}/plans#share=v1.${'A'.repeat(70_000)}`);
  await waitForApp(page);
  assert.match(await textOf(page, 'share-message'), /План слишком большой для ссылки.*Отправьте его файлом/);

  await page.getByTestId('import-file').setInputFiles({
    name: 'plans.json',
    mimeType: 'application/json',
    buffer: Buffer.alloc(6 * 1024 * 1024, ' '),
  });
  assert.match(await textOf(page, 'import-message'), /Файл слишком большой \(6,0 МБ\)\. Можно загрузить файл планов до 5 МБ/);
  assert.deepEqual(errors, []);
  await context.close();
});
