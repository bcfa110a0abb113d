// Storage full (issue 25, item 6): edits localStorage refuses are never lost. The notice
// offers them as a plan file (which the plans page imports in another browser), this tab's
// sessionStorage keeps a copy that a reload restores, and a save that succeeds later clears
// the notice and the copy.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startApp, openPage, textOf, typeInto, waitForApp, watchErrors } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app.close(); });

/**
 * A tab whose localStorage refuses every write with a QuotaExceededError, as a full quota
 * does, while sessionStorage keeps working. Writes succeed again once `window.__room` is set
 * or, for the loads after it, once this tab's sessionStorage holds `test-room`.
 * `sessionFull`: sessionStorage refuses the app's copy of the unsaved edits too.
 */
async function openFull({ locale = 'en-US', sessionFull = false } = {}) {
  const context = await app.browser.newContext({ locale, acceptDownloads: true });
  await context.addInitScript((sessionFull) => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = function (key, value) {
      const local = this === window.localStorage;
      const room = window.__room || sessionStorage.getItem('test-room') === '1';
      if ((local && !room) || (!local && sessionFull && key === 'salesplan-unsaved')) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return original.call(this, key, value);
    };
  }, sessionFull);
  const page = await context.newPage();
  const errors = [];
  watchErrors(page, errors);
  await page.goto(app.baseUrl + '/');
  await waitForApp(page);
  return { context, page, errors };
}

async function notice(page) {
  const bar = page.getByTestId('notice');
  await bar.waitFor();
  return {
    kind: await bar.getAttribute('data-notice'),
    kept: await bar.getAttribute('data-kept'),
    text: await textOf(page, 'notice-text'),
  };
}

function stored(page) {
  return page.evaluate(() => localStorage.getItem('salesplan'));
}

function sessionCopy(page) {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('salesplan-unsaved')));
}

async function reload(page) {
  await page.reload();
  await waitForApp(page);
}

test('storage full: the notice offers the plan as a file, and the file reopens with the edits', async () => {
  const { context, page, errors } = await openFull();
  await typeInto(page, 'plan-name', 'Edits kept in a file');
  let n = await notice(page);
  assert.equal(n.kind, 'save-failed');
  assert.equal(n.kept, 'session');
  assert.match(n.text, /storage is full.*unsaved edits are kept in this tab/);
  assert.equal(await stored(page), null, 'localStorage refused it');
  assert.equal((await sessionCopy(page)).document.plans[0].name, 'Edits kept in a file');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('notice-download').click(),
  ]);
  assert.match(download.suggestedFilename(), /^salesplan-unsaved-edits-\d{4}-\d{2}-\d{2}\.json$/);
  const file = fs.readFileSync(await download.path(), 'utf8');
  const parsed = JSON.parse(file);
  assert.equal(parsed.format, 'salesplan-plans');
  assert.equal(parsed.plans[0].name, 'Edits kept in a file');

  n = await notice(page);
  assert.equal(n.kind, 'save-failed');
  assert.equal(n.kept, 'file');
  assert.match(n.text, /unsaved edits are in the downloaded file: import it on the Plans page/);
  await page.getByTestId('notice-dismiss').click();
  assert.equal(await page.getByTestId('notice').count(), 0);
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Edits kept in a file', 'nothing reverted');
  assert.deepEqual(errors, []);
  await context.close();

  // Another browser with room to save: the plans page's import opens the file.
  const other = await openPage(app, { locale: 'en-US', path: '/plans' });
  await other.page.getByTestId('page-plans').waitFor();
  const [chooser] = await Promise.all([
    other.page.waitForEvent('filechooser'),
    other.page.getByTestId('import-button').click(),
  ]);
  await chooser.setFiles({ name: download.suggestedFilename(), mimeType: 'application/json', buffer: Buffer.from(file) });
  // The file's plan is the demo plan, edited: the same id as this browser's demo plan.
  await other.page.getByTestId('import-question').waitFor();
  await other.page.getByTestId('import-replace').click();
  assert.equal(await textOf(other.page, 'plan-row-1-name'), 'Edits kept in a file');
  assert.equal(await other.page.getByTestId('plan-name').inputValue(), 'Edits kept in a file');
  await reload(other.page);
  assert.equal(await other.page.getByTestId('plan-name').inputValue(), 'Edits kept in a file', 'saved there');
  await other.done();
});

test('storage full: a reload of the tab restores the edits from its sessionStorage; a save once there is room clears the copy', async () => {
  const { context, page, errors } = await openFull({ locale: 'ru-RU' });
  await typeInto(page, 'plan-name', 'Правка до перезагрузки');
  assert.equal((await notice(page)).kind, 'save-failed');

  await reload(page);
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Правка до перезагрузки');
  let n = await notice(page);
  assert.equal(n.kind, 'restored');
  assert.equal(n.kept, 'session', 'the save tried at once failed, the copy is still there');
  assert.match(n.text, /не смогла сохранить до перезагрузки, восстановлены из её сессии\. Они ещё не сохранены/);
  assert.equal(await page.getByTestId('notice-download').count(), 1);
  assert.equal(await stored(page), null);

  // Still full: a later edit tries again and the copy follows it.
  await typeInto(page, 'plan-name', 'Вторая правка');
  assert.equal((await notice(page)).kind, 'restored');
  assert.equal((await sessionCopy(page)).document.plans[0].name, 'Вторая правка');

  // Room again, then a reload: restored and saved at once, the copy cleared.
  await page.evaluate(() => sessionStorage.setItem('test-room', '1'));
  await reload(page);
  await page.locator('[data-notice="restored"][data-kept="saved"]').waitFor();
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Вторая правка');
  n = await notice(page);
  assert.equal(n.kind, 'restored');
  assert.equal(n.kept, 'saved');
  assert.match(n.text, /Теперь они сохранены\./);
  assert.equal(await page.getByTestId('notice-download').count(), 0);
  assert.equal(JSON.parse(await stored(page)).plans[0].name, 'Вторая правка');
  assert.equal(await sessionCopy(page), null);

  await reload(page);
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Вторая правка');
  assert.equal(await page.getByTestId('notice').count(), 0);
  assert.deepEqual(errors, []);
  await context.close();
});

test('storage full and no room in the session either: the notice says only a download keeps the edits; the next save clears it', async () => {
  const { context, page, errors } = await openFull({ sessionFull: true });
  await typeInto(page, 'plan-name', 'Only in memory');
  let n = await notice(page);
  assert.equal(n.kind, 'save-failed');
  assert.equal(n.kept, 'memory');
  assert.match(n.text, /could not keep a copy of the unsaved edits either: .*only a downloaded file keeps them/);
  assert.equal(await sessionCopy(page), null);
  assert.equal(await page.getByTestId('notice-download').count(), 1);

  await page.evaluate(() => { window.__room = true; });
  await typeInto(page, 'plan-name', 'Saved at last');
  await page.waitForFunction(() => !document.querySelector('[data-testid="notice"]'));
  assert.equal(JSON.parse(await stored(page)).plans[0].name, 'Saved at last');
  assert.deepEqual(errors, []);
  await context.close();
});

test('storage full in one tab, then another tab saves: its version shows, this tab\'s edits are set aside as a file', async () => {
  const { context, page: a, errors } = await openFull();
  const b = await context.newPage();
  watchErrors(b, errors);
  await b.goto(app.baseUrl + '/');
  await waitForApp(b);
  await b.evaluate(() => { window.__room = true; });

  await typeInto(a, 'plan-name', 'Unsaved in A');
  assert.equal((await notice(a)).kind, 'save-failed');
  await typeInto(b, 'working-days', '19');
  await a.locator('[data-notice="set-aside"]').waitFor();
  assert.equal(await a.getByTestId('working-days').inputValue(), '19', "A follows B's save");
  assert.match(await textOf(a, 'notice-text'), /Another tab saved the data.*set aside: download them as a file/);

  const [download] = await Promise.all([
    a.waitForEvent('download'),
    a.getByTestId('notice-download').click(),
  ]);
  const parsed = JSON.parse(fs.readFileSync(await download.path(), 'utf8'));
  assert.equal(parsed.plans[0].name, 'Unsaved in A');
  assert.equal((await notice(a)).kept, 'file');
  assert.match(await textOf(a, 'notice-text'), /set aside and are in the downloaded file/);
  assert.deepEqual(errors, []);
  await context.close();
});
