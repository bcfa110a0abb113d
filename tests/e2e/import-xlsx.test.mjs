// Issue 22, part 7: a transactions file saved as .xlsx (the way most CRM exports reach a
// consultant) is read in the import worker, with the same columns guessed, rows refused and
// totals as the CSV of the same rows. The fixtures are written by openpyxl
// (tests/fixtures/make_xlsx.py): sales.xlsx (shared strings, date cells) and sales.csv.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startApp, openPage, textOf } from './harness.mjs';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures');
const salesXlsx = fs.readFileSync(path.join(fixtures, 'sales.xlsx'));
const salesCsv = fs.readFileSync(path.join(fixtures, 'sales.csv'));
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app.close(); });

async function openClients() {
  const s = await openPage(app, { locale: 'ru-RU', path: '/clients' });
  await s.page.getByTestId('page-clients').waitFor();
  return s;
}

/** Drops a file on the drop zone, as a person drags it from the desktop. */
async function dropFile(page, name, buffer, type) {
  const transfer = await page.evaluateHandle(({ name, bytes, type }) => {
    const dt = new DataTransfer();
    dt.items.add(new File([new Uint8Array(bytes)], name, { type }));
    return dt;
  }, { name, bytes: [...buffer], type });
  await page.getByTestId('import-drop').dispatchEvent('dragover', { dataTransfer: transfer });
  await page.getByTestId('import-drop').dispatchEvent('drop', { dataTransfer: transfer });
}

const MAPPING = ['map-client', 'map-date', 'map-amount', 'map-manager'];
const TOTALS = ['clients-count', 'transactions-count', 'revenue-total', 'rejected-rows'];

/** Opens a file, reads the guessed columns, analyses it and reads the totals. */
async function importFile(page, name, buffer, type) {
  await dropFile(page, name, buffer, type);
  await page.getByTestId('import-preview').waitFor({ timeout: 20000 });
  const seen = { file: await textOf(page, 'import-file-name') };
  for (const id of MAPPING) seen[id] = await page.getByTestId(id).inputValue();
  await page.getByTestId('analyze').click();
  await page.getByTestId('clients-results').waitFor({ timeout: 60000 });
  for (const id of TOTALS) seen[id] = await textOf(page, id);
  // Each reason's count (its examples show the rows as read: `;` in the CSV, tabs in the
  // sheet's text).
  seen.negative = (await textOf(page, 'rejected-negative-amount')).split('строка')[0];
  seen.date = (await textOf(page, 'rejected-date-out-of-range')).split('строка')[0];
  return seen;
}

test('an .xlsx dropped on the page gives the totals of its CSV', async () => {
  const s = await openClients();
  const { page } = s;
  const fromCsv = await importFile(page, 'продажи.csv', salesCsv, 'text/csv');
  await page.getByTestId('import-other-file').click();
  await page.getByTestId('import-drop').waitFor();
  const fromXlsx = await importFile(page, 'продажи.xlsx', salesXlsx, XLSX_TYPE);
  assert.equal(fromXlsx.file, 'продажи.xlsx');
  assert.deepEqual({ ...fromXlsx, file: '' }, { ...fromCsv, file: '' });
  assert.deepEqual(MAPPING.map((id) => fromXlsx[id]), ['0', '1', '2', '3']);
  assert.equal(fromXlsx['clients-count'], '300');
  assert.equal(fromXlsx['revenue-total'], '33 473 462 ₽');
  assert.match(fromXlsx['rejected-rows'], /не загружено: 2/);
  assert.match(fromXlsx.negative, /Отрицательная сумма.*: 1$/);
  assert.match(fromXlsx.date, /Несуществующая дата.*: 1$/);
  await s.done();
});

test('a broken, an empty or a mislabelled workbook is named plainly and the page stays usable', async () => {
  const s = await openClients();
  const { page } = s;
  const problem = async (name, buffer, pattern) => {
    await dropFile(page, name, buffer, XLSX_TYPE);
    // The message of this file (the one before may still be shown while it is read).
    await page.waitForFunction((source) => {
      const el = document.querySelector('[data-testid="import-problem"]');
      return el && new RegExp(source).test(el.textContent);
    }, pattern.source, { timeout: 20000 });
    await page.getByTestId('import-drop').waitFor();
  };
  // Cut short, as a broken download.
  await problem('cut.xlsx', salesXlsx.subarray(0, salesXlsx.length - 200), /Книга Excel повреждена/);
  await problem('empty.xlsx', Buffer.alloc(0), /Файл пустой/);
  // An old binary .xls (an OLE file).
  await problem('old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]), /старый формат \.xls/);
  // After all that, a good workbook still reads.
  await dropFile(page, 'sales.xlsx', salesXlsx, XLSX_TYPE);
  await page.getByTestId('import-preview').waitFor({ timeout: 20000 });
  assert.equal(await page.getByTestId('map-client').inputValue(), '0');
  await s.done();
});
