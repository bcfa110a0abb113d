// The client-base forecast (issue 22): a calibration end with the check on the days after
// it, the horizon in weeks or months, the file's own currency, exports that name them.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, textOf, normalizeSpaces, seriousViolations } from './harness.mjs';
import { pad, sales, russianExcelFile } from './sales-files.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app.close(); });

async function streamToBuffer(stream) {
  const chunks = [];
  for await (const chunk of stream) chunks.push(chunk);
  return Buffer.concat(chunks);
}

const number = (text) => Number(text.replace(/\s/g, '').replace(',', '.'));

/** What the holdout must count: clients who bought by `end`, and their purchase days after it. */
function holdoutOf(data, end) {
  const key = (r) => `${r.year}-${pad(r.month)}-${pad(r.day)}`;
  const firstDay = new Map();
  for (const r of data.rows) {
    const d = key(r);
    if (!firstDay.has(r.client) || d < firstDay.get(r.client)) firstDay.set(r.client, d);
  }
  const inCalibration = new Set([...firstDay].filter(([, d]) => d <= end).map(([c]) => c));
  const days = new Set(data.rows.filter((r) => inCalibration.has(r.client) && key(r) > end).map((r) => `${r.client}|${key(r)}`));
  return { clients: inCalibration.size, actual: days.size };
}

test('a calibration end checks the forecast on the days after it; horizon, currency and exports follow', async () => {
  const data = sales(300);
  const s = await openPage(app, { locale: 'ru-RU', path: '/clients' });
  const { page } = s;
  await page.getByTestId('page-clients').waitFor();
  await page.getByTestId('import-file').setInputFiles({ name: 'продажи.csv', mimeType: 'text/csv', buffer: russianExcelFile(data) });
  await page.getByTestId('import-preview').waitFor({ timeout: 20000 });
  await page.getByTestId('analyze').click();
  await page.getByTestId('forecast-verdict').waitFor({ timeout: 60000 });
  assert.equal(await page.getByTestId('holdout').count(), 0, 'no calibration end: no holdout');

  await page.getByTestId('import-settings').locator('summary').click();
  // A date after the file's last one: said at the field, the forecast stays as it was.
  await page.getByTestId('forecast-calibration-end').fill('2030-01-01');
  assert.match(await textOf(page, 'forecast-calibration-end-error'), /в периоде файла/);
  assert.equal(await page.getByTestId('holdout').count(), 0);

  const end = '2024-12-31';
  await page.getByTestId('forecast-calibration-end').fill(end);
  await page.getByTestId('holdout-table').waitFor({ timeout: 60000 });
  assert.equal(await page.getByTestId('forecast-calibration-end-error').count(), 0);
  const want = holdoutOf(data, end);
  let clients = 0;
  for (let g = 0; g < 8; g++) clients += number(await textOf(page, `holdout-group-${g}-clients`));
  assert.equal(clients, want.clients);
  assert.equal(number(await textOf(page, 'holdout-total-actual')), want.actual);
  assert.ok(number(await textOf(page, 'holdout-total-predicted')) > 0);
  assert.match(await textOf(page, 'holdout-summary'), /^С 01\.01\.2025 по \d\d\.\d\d\.2025 модель, подобранная по покупкам до 31\.12\.2024, ожидала/);
  assert.match(await textOf(page, 'holdout-error'), /^[−-]?\d+,\d %$/);
  await page.getByTestId('holdout-chart').waitFor();

  // The horizon in weeks keeps its length: 12 months are 52 weeks.
  await page.getByTestId('forecast-horizon-unit').selectOption('weeks');
  await page.waitForFunction(() => document.querySelector('[data-testid="forecast-horizon"]').value === '52');
  await page.getByText('Ценность базы на 52 нед.').waitFor({ timeout: 60000 });
  // The model's parameters at full precision beside the rounded figure.
  await page.getByTestId('fit-details').locator('summary').click();
  const r = page.getByTestId('forecast-param-r');
  const full = Number(await r.getAttribute('data-value'));
  assert.ok(full > 0);
  assert.equal(number(await textOf(page, 'forecast-param-r')), Math.round(full * 1e4) / 1e4);

  // The file's amounts in dollars beside a plan in roubles.
  await page.getByTestId('clients-currency').selectOption('USD');
  await page.waitForFunction(() => /\$/.test(document.querySelector('[data-testid="revenue-total"]').textContent));
  assert.deepEqual(await seriousViolations(page), [], 'the forecast with its holdout passes axe');

  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-clients-csv').click()]);
  const lines = (await streamToBuffer(await csv.createReadStream())).toString('utf8').replace(/^\ufeff/, '').trim().split(/\r\n/);
  const header = normalizeSpaces(lines[0]).split(';');
  assert.ok(header.includes('Выручка (USD)'), lines[0]);
  const value = header.indexOf('Прогноз ценности за 52 нед., ставка 1 % в мес. (USD)');
  const alive = header.indexOf('Вероятность активности (0–1)');
  assert.ok(value > 0 && alive > 0, lines[0]);
  assert.equal(lines.length, data.clients + 1);
  for (const line of lines.slice(1)) {
    const cells = line.split(';');
    const p = Number(cells[alive].replace(',', '.'));
    assert.ok(p >= 0 && p <= 1, `a probability is a fraction: ${cells[alive]}`);
    // Shortest round-trip numbers: no float noise such as 0,30000000000000004.
    assert.doesNotMatch(cells[value], /\d{17}/);
  }

  // Everything set is the plan's: it survives a reload.
  await page.reload();
  await page.getByTestId('page-clients').waitFor();
  await page.getByTestId('import-file').setInputFiles({ name: 'продажи.csv', mimeType: 'text/csv', buffer: russianExcelFile(data) });
  await page.getByTestId('import-preview').waitFor({ timeout: 20000 });
  await page.getByTestId('import-settings').locator('summary').click();
  assert.equal(await page.getByTestId('forecast-calibration-end').inputValue(), end);
  assert.equal(await page.getByTestId('forecast-horizon-unit').inputValue(), 'weeks');
  assert.equal(await page.getByTestId('clients-currency').inputValue(), 'USD');
  await s.done();
});

/**
 * Drops a generated file of `rows` rows of 50,000 clients (`;`, decimal comma, dd.mm.yyyy)
 * on the drop zone. Made inside the page, so megabytes do not pass through the driver.
 */
async function dropLargeFile(page, rows) {
  await page.evaluate((n) => {
    const pad = (v) => String(v).padStart(2, '0');
    let seed = 12345;
    const rand = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const parts = ['Клиент;Дата;Сумма\n'];
    for (let i = 0; i < n; i++) {
      const client = Math.floor(rand() ** 2 * 50_000);
      const month = Math.floor(rand() * 24);
      parts.push(`К${client};${pad(1 + Math.floor(rand() * 28))}.${pad((month % 12) + 1)}.${2023 + Math.floor(month / 12)};${100 + Math.floor(rand() * 90_000)},${pad(Math.floor(rand() * 100))}\n`);
    }
    const drop = new DataTransfer();
    drop.items.add(new File(parts, 'большой.csv', { type: 'text/csv' }));
    const zone = document.querySelector('[data-testid="import-drop"]');
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: drop, bubbles: true, cancelable: true }));
  }, rows);
}

test('Cancel during the forecast stops it, keeps the results and offers to run it again', async () => {
  const s = await openPage(app, { locale: 'ru-RU', path: '/clients' });
  const { page } = s;
  await page.getByTestId('import-drop').waitFor();
  // 1,000,000 rows of 50,000 clients: the forecast after the results takes several hundred
  // ms, time enough to press Cancel as a person would.
  await dropLargeFile(page, 1_000_000);
  await page.getByTestId('import-preview').waitFor({ timeout: 30000 });
  await page.getByTestId('analyze').click();
  await page.getByTestId('forecast-pending').waitFor({ timeout: 60000 });
  const clients = await textOf(page, 'clients-count');
  await page.getByTestId('forecast-cancel').click();
  await page.getByTestId('forecast-cancelled').waitFor({ timeout: 5000 });
  assert.match(await textOf(page, 'forecast-cancelled'), /^Прогноз остановлен/);
  // The analysis stays as it was, not dimmed, and no problem is shown: the person asked for it.
  assert.equal(await textOf(page, 'clients-count'), clients);
  assert.equal(await page.getByTestId('clients-results').getAttribute('aria-busy'), 'false');
  assert.equal(await page.getByTestId('import-problem').count(), 0);
  assert.equal(await page.getByTestId('forecast-pending').count(), 0);
  // The worker that held the analysis for the exports is gone: they wait for the forecast.
  assert.equal(await page.getByTestId('export-clients-csv').isDisabled(), true);
  // Longer than the whole forecast takes (checked below): a forecast still running would be here.
  const waitedMs = 3000;
  await page.waitForTimeout(waitedMs);
  assert.equal(await page.getByTestId('forecast-verdict').count(), 0, 'the cancelled forecast never lands');
  assert.equal(await page.getByTestId('forecast-cancelled').count(), 1);

  // Run again: a new worker reads the file again, the results stay meanwhile, the forecast comes.
  await page.getByTestId('forecast-run-again').click();
  await page.getByTestId('forecast-verdict').waitFor({ timeout: 60000 });
  assert.equal(await textOf(page, 'clients-count'), clients);
  assert.equal(await page.getByTestId('forecast-cancelled').count(), 0);
  assert.equal(await page.getByTestId('export-clients-csv').isDisabled(), false);
  const forecastMs = Number(await page.getByTestId('import-timings').getAttribute('data-forecast-ms'));
  assert.ok(forecastMs > 0 && forecastMs < waitedMs, `the forecast takes ${forecastMs} ms, less than the wait after Cancel`);
  const fitMs = Number(await page.getByTestId('import-timings').getAttribute('data-bgnbd-fit-ms'));
  assert.ok(fitMs > 0 && fitMs < forecastMs, `the BG/NBD fit is part of the forecast: ${fitMs} of ${forecastMs} ms`);
  await s.done();
});
