// Plan vs fact (issue 21): reports pasted and typed, the daily control, run-rate and pace,
// the chain-substitution split, decisions, the calendar, reload, a second tab, exports.
//
// The demo plan by hand (the same numbers as src/model/fact/tests.rs, with 5 sellers):
//   10 000 000 from new clients, check 150 000: 67 deals, 168 meetings, 336 qualified,
//   840 leads a month. December 2026 has 23 working days; to the 10th, 8.
//   Seller 1 reports 20, 8, 4, 2 and 300 000 on each of the 8 days; seller 2 reports
//   15, 6, 2, 1 and 140 000 on each but the 10th: 265, 106, 46, 23 and 3 380 000.
//   Target to date 10 000 000 x 8 / 23 = 3 478 260.87; run-rate 3 380 000 / 8 x 23 =
//   9 717 500; left 6 620 000 -> 45 deals -> 113 meetings -> 226 -> 565 leads, over 15 days.
//   Split: plan 840 x 8/23 x 0.08 x 150 000 = 3 506 086.96; leads -326 086.96, stage 1 0,
//   stage 2 -420 000, stage 3 +690 000, check -70 000; total -126 086.96.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, textOf, typeInto, waitForApp, normalizeSpaces } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app.close(); });

const WORKING_TO_THE_10TH = ['01', '02', '03', '04', '07', '08', '09', '10'];

function reportLines() {
  const lines = ['Дата;Продавец;Лиды;Квал.;Встречи;Сделки;Выручка'];
  for (const d of WORKING_TO_THE_10TH) {
    lines.push(`${d}.12.2026;Продавец 1;20;8;4;2;300 000`);
    if (d !== '10') lines.push(`2026-12-${d};Продавец 2;15;6;2;1;140000,00`);
  }
  lines.push('05.12.2026;Сидоров;5;2;1;0;0');
  lines.push('03.12.2026;Продавец 3;abc;2;1;0;0');
  lines.push('01.11.2026;Продавец 3;5;2;1;0;0');
  lines.push('04.12.2026;Продавец 3;5;-2;1;0;0');
  return lines.join('\n');
}

/** Opens the facts page on December 2026 as of the 10th. */
async function openFact(options = {}) {
  const s = await openPage(app, { locale: 'ru-RU', path: '/fact', ...options });
  const { page } = s;
  await page.getByTestId('page-fact').waitFor();
  await page.getByTestId('fact-month').fill('2026-12');
  await page.getByTestId('fact-as-of').fill('2026-12-10');
  await page.getByTestId('fact-as-of').dispatchEvent('change');
  return s;
}

async function pasteReports(page) {
  await page.getByTestId('fact-paste').evaluate((el) => { el.closest('details').open = true; });
  await typeInto(page, 'fact-paste', reportLines());
  await page.getByTestId('fact-paste-add').click();
  await page.getByTestId('fact-paste-unknown').waitFor();
  await page.getByTestId('fact-paste-skip-sellers').click();
  await page.getByTestId('fact-paste-added').waitFor();
}

const money = async (page, id) => normalizeSpaces(await textOf(page, id));

test('pasted reports give the daily control, run-rate, pace and the split worked by hand', async () => {
  const s = await openFact();
  const { page } = s;
  assert.equal(await textOf(page, 'calendar-working-days'), '23');
  await pasteReports(page);
  assert.equal(await textOf(page, 'fact-paste-added'), 'Добавлено отчётов: 15.');
  const rejected = await page.getByTestId('fact-paste-rejected').locator('li').allTextContents();
  assert.equal(rejected.length, 4, rejected.join('\n'));
  assert.match(rejected[0], /Строка 1: строка заголовка/);
  assert.match(rejected[1], /столбце 3 не число/);
  assert.match(rejected[2], /01\.11\.2026 не в выбранном месяце/);
  assert.match(rejected[3], /столбце 4 отрицательное/);

  assert.equal(await textOf(page, 'fact-elapsed-days'), '8');
  assert.equal(await money(page, 'fact-revenue'), '3 380 000 ₽');
  assert.equal(await money(page, 'fact-target-to-date'), '3 478 261 ₽');
  assert.equal(await money(page, 'fact-runrate'), '9 717 500 ₽');
  assert.equal(await textOf(page, 'fact-remaining-deals'), '45');
  assert.equal(await textOf(page, 'fact-required-stage-1'), '565');
  assert.equal(await textOf(page, 'fact-required-stage-3'), '113');
  assert.equal(await textOf(page, 'fact-required-stage-1-per-day'), '37,7');
  assert.equal(await textOf(page, 'fact-required-stage-1-per-seller-day'), '7,5');

  assert.equal(await money(page, 'deviation-plan'), '3 506 086,96 ₽');
  assert.equal(await money(page, 'deviation-seller-2-stage-2-conversion'), '-420 000,00 ₽');
  assert.equal(await money(page, 'deviation-leads'), '-326 086,96 ₽');
  assert.equal(await money(page, 'deviation-stage-1-conversion'), '0,00 ₽');
  assert.equal(await money(page, 'deviation-stage-2-conversion'), '-420 000,00 ₽');
  assert.equal(await money(page, 'deviation-stage-3-conversion'), '690 000,00 ₽');
  assert.equal(await money(page, 'deviation-check'), '-70 000,00 ₽');
  assert.equal(await money(page, 'deviation-total'), '-126 086,96 ₽');
  assert.match(await textOf(page, 'deviation-worst'), /Конверсия «Квалифицированы» → «Встречи»/);

  // The 10th: seller 1 at 20 leads against 840 / 23 / 5 = 7.3; seller 2 did not report.
  assert.equal(await textOf(page, 'daily-reported'), 'Отчёт сдали 1 из 5.');
  assert.equal(await textOf(page, 'daily-seller-1-stage-1-done'), '20');
  assert.equal(await textOf(page, 'daily-seller-1-stage-1-norm'), '7,3');
  assert.equal(await page.getByTestId('daily-seller-1-stage-1-light').getAttribute('data-light'), 'green');
  assert.equal(await textOf(page, 'daily-seller-2-reported'), 'нет отчёта');
  assert.equal(await page.getByTestId('daily-seller-2-stage-1-light').getAttribute('data-light'), 'red');
  // Week 49 (December 1-4): 4 x 35 leads against 840 x 4 / 23.
  assert.equal(await textOf(page, 'week-1-stage-1-done'), '140');
  assert.equal(await textOf(page, 'week-1-stage-1-norm'), '146,1');
  await s.done();
});

test('the grid: a bad cell says why and keeps its text, Enter moves down, a block pastes whole', async () => {
  const s = await openFact();
  const { page } = s;
  await pasteReports(page);
  await typeInto(page, 'fact-seller-2-stage-1', 'abc');
  await page.getByTestId('fact-seller-2-stage-1-error').waitFor();
  assert.equal(await page.getByTestId('fact-seller-2-stage-1').inputValue(), 'abc');
  assert.equal(await textOf(page, 'daily-seller-2-reported'), 'нет отчёта');
  await typeInto(page, 'fact-seller-2-stage-1', '12');
  assert.equal(await page.getByTestId('fact-seller-2-stage-1-error').count(), 0);
  assert.equal(await textOf(page, 'daily-seller-2-reported'), 'сдан');
  assert.equal(await textOf(page, 'daily-seller-2-stage-1-done'), '12');

  await page.getByTestId('fact-seller-1-stage-2').focus();
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.testid), 'fact-seller-2-stage-2');

  // A block of two sellers by three columns copied from Excel, pasted at seller 3, stage 2.
  await page.getByTestId('fact-seller-3-stage-2').evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', '9\t4\t2\r\n7\t3\t1\r\n');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  await page.waitForFunction(() => document.querySelector('[data-testid="fact-seller-4-stage-4"]').value === '1');
  assert.equal(await page.getByTestId('fact-seller-3-stage-2').inputValue(), '9');
  assert.equal(await page.getByTestId('fact-seller-3-stage-4').inputValue(), '2');
  assert.equal(await textOf(page, 'daily-reported'), 'Отчёт сдали 4 из 5.');
  // A block with a negative cell is refused whole, with the reason at the cell.
  await page.getByTestId('fact-seller-5-revenue').evaluate((el) => {
    const data = new DataTransfer();
    data.setData('text/plain', '1\t2\n3\t-4\n');
    el.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  });
  assert.match(await textOf(page, 'fact-seller-5-revenue-error'), /строка 2, в столбце 2 отрицательное число/);
  assert.equal(await textOf(page, 'daily-reported'), 'Отчёт сдали 4 из 5.');
  // More meetings than qualified is allowed but flagged.
  await typeInto(page, 'fact-seller-5-stage-1', '3');
  await typeInto(page, 'fact-seller-5-stage-2', '8');
  assert.match(await page.getByTestId('fact-seller-5-stage-2').getAttribute('class'), /cell-flagged/);
  // The month's facts go to the funnel's geometry diagnostics without retyping.
  await page.getByTestId('fact-to-diagnostics').click();
  await page.getByTestId('nav-funnel').click();
  await page.getByTestId('diagnostics-table').waitFor();
  assert.equal(await page.getByTestId('seller-1-stage-1').inputValue(), '160');
  assert.equal(await page.getByTestId('seller-2-stage-1').inputValue(), '117');
  // Once the diagnostics hold rows, a second transfer asks first and says how many.
  await page.getByTestId('nav-fact').click();
  await page.getByTestId('fact-to-diagnostics').click();
  assert.equal(await textOf(page, 'fact-to-diagnostics'), 'Заменить строки диагностики (5) фактом месяца?');
  await page.getByTestId('fact-to-diagnostics').click();
  assert.equal(await textOf(page, 'fact-to-diagnostics'), 'Факт месяца — в диагностику воронки');
  await s.done();
});

test('a decision from the deviation, reload, a second tab following, exports', async () => {
  const s = await openFact();
  const { page, context } = s;
  await pasteReports(page);
  await page.getByTestId('decision-add').click();
  await page.getByTestId('decision-form').waitFor();
  assert.match(normalizeSpaces(await page.getByTestId('decision-found').inputValue()), /Конверсия «Квалифицированы» → «Встречи»: -420 000/);
  await typeInto(page, 'decision-owner', 'РОП Анна');
  await page.getByTestId('decision-due').fill('2026-12-17');
  await page.getByTestId('decision-due').dispatchEvent('change');
  await page.getByTestId('decision-save').click();
  await page.getByTestId('decision-1-found').waitFor();
  assert.equal(await textOf(page, 'decision-1-owner'), 'РОП Анна');
  assert.match(await textOf(page, 'decision-1-kind'), /Обучение на этапе «Квалифицированы»/);
  // 46 meetings of 106 qualified to the 10th.
  assert.equal(await textOf(page, 'decision-1-then'), '43,4 %');
  assert.equal(await textOf(page, 'decision-1-status'), 'в работе');

  await page.reload();
  await waitForApp(page);
  await page.getByTestId('fact-as-of').fill('2026-12-10');
  await page.getByTestId('fact-as-of').dispatchEvent('change');
  assert.equal(await money(page, 'fact-revenue'), '3 380 000 ₽');
  assert.equal(await textOf(page, 'decision-1-owner'), 'РОП Анна');
  // As of the 20th the decision is overdue.
  await page.getByTestId('fact-as-of').fill('2026-12-20');
  await page.getByTestId('fact-as-of').dispatchEvent('change');
  assert.equal(await textOf(page, 'decision-1-status'), 'просрочено');
  await page.getByTestId('decision-1-done').check();
  assert.equal(await textOf(page, 'decision-1-status'), 'выполнено');

  // A second tab of the same browser types a report; this tab follows.
  const other = await context.newPage();
  await other.goto(app.baseUrl + '/fact');
  await waitForApp(other);
  await other.getByTestId('fact-as-of').fill('2026-12-11');
  await other.getByTestId('fact-as-of').dispatchEvent('change');
  await typeInto(other, 'fact-seller-1-revenue', '1000000');
  await page.waitForFunction(() => document.querySelector('[data-testid="fact-revenue"]').textContent.replace(/\s/g, '') === '4380000₽');
  await other.close();

  const download = async (id) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(id).click()]);
    const fs = await import('node:fs');
    return { name: file.suggestedFilename(), bytes: fs.readFileSync(await file.path()) };
  };
  const xlsx = await download('fact-export-xlsx');
  assert.match(xlsx.name, /2026-12\.xlsx$/);
  assert.equal(xlsx.bytes.subarray(0, 2).toString(), 'PK');
  const csv = await download('fact-export-csv');
  const text = csv.bytes.toString('utf8');
  assert.match(text, /Продавец 1/);
  assert.match(text, /Команда/);
  await s.done();
});

test('the calendar: a transfer changes the month\'s working days, the plan bar follows its month', async () => {
  const s = await openFact();
  const { page } = s;
  await page.getByTestId('fact-calendar').evaluate((el) => { el.open = true; });
  await page.getByTestId('calendar-day-2026-12-31').click();
  assert.equal(await textOf(page, 'calendar-working-days'), '22');
  assert.equal(await page.getByTestId('calendar-day-2026-12-31').getAttribute('data-working'), 'false');
  await page.getByTestId('calendar-day-2026-12-26').click();
  assert.equal(await textOf(page, 'calendar-working-days'), '23');
  // The plan bar on the funnel page: the plan's month takes the calendar's 23 days.
  await page.getByTestId('nav-funnel').click();
  await page.getByTestId('plan-month').fill('2026-12');
  await page.getByTestId('plan-month').dispatchEvent('change');
  assert.equal(await page.getByTestId('working-days').inputValue(), '23');
  await typeInto(page, 'working-days', '20');
  await page.getByTestId('working-days-use-calendar').click();
  assert.equal(await page.getByTestId('working-days').inputValue(), '23');
  // A bad month in the facts page's field is answered next to it.
  await page.getByTestId('nav-fact').click();
  await page.getByTestId('fact-month').evaluate((el) => {
    el.type = 'text';
    el.value = '2026-13';
    el.dispatchEvent(new Event('change', { bubbles: true }));
  });
  await page.getByTestId('fact-month-error').waitFor();
  await s.done();
});

test('English: the page and its figures in English format', async () => {
  const s = await openFact({ locale: 'en-US' });
  const { page } = s;
  await page.getByTestId('fact-paste').evaluate((el) => { el.closest('details').open = true; });
  await typeInto(page, 'fact-paste', '2026-12-01;Seller 1;10;4;2;1;150000.5');
  await page.getByTestId('fact-paste-add').click();
  await page.getByTestId('fact-paste-added').waitFor();
  assert.equal(await textOf(page, 'fact-paste-added'), 'Reports added: 1.');
  assert.equal(await money(page, 'fact-revenue'), '₽150,001');
  assert.match(await textOf(page, 'daily-reported'), /0 of 5 sellers filed a report/);
  await s.done();
});

test('a CRM export of activities: columns and types mapped to stages, a seller\'s day counted, unknown sellers added', async () => {
  const s = await openFact();
  const { page } = s;
  const csv = [
    'ID;Дата создания;Ответственный;Тип активности;Сумма',
    '1;01.12.2026 10:00;Продавец 1;Звонок;',
    '2;01.12.2026 11:00;Продавец 1;Звонок;',
    '3;01.12.2026;Продавец 1;Встреча;',
    '4;01.12.2026;Продавец 1;Сделки;150 000',
    '5;02.12.2026;Сидоров;Звонок;',
    '6;30.11.2026;Продавец 1;Звонок;',
    '7;02.12.2026;Продавец 1;Письмо;',
    '8;abc;Продавец 1;Звонок;',
  ].join('\r\n');
  await page.getByTestId('fact-import').evaluate((el) => { el.open = true; });
  await page.getByTestId('fact-import-file').setInputFiles({ name: 'crm.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await page.getByTestId('fact-import-mapping').waitFor();
  // Columns guessed from their names; "Сделки" is a stage's name, the others are mapped here.
  assert.equal(await page.getByTestId('fact-import-date').inputValue(), '1');
  assert.equal(await page.getByTestId('fact-import-seller').inputValue(), '2');
  assert.equal(await page.getByTestId('fact-import-kind').inputValue(), '3');
  assert.equal(await page.getByTestId('fact-import-amount').inputValue(), '4');
  assert.equal(await textOf(page, 'fact-import-kind-1'), 'Звонок');
  assert.equal(await page.getByTestId('fact-import-kind-3-stage').inputValue(), '3');
  await page.getByTestId('fact-import-kind-1-stage').selectOption('0');
  await page.getByTestId('fact-import-kind-2-stage').selectOption('2');
  assert.match(await textOf(page, 'fact-import-summary'),
    /строк 8\. В этом месяце отчётов продавцов по дням: 2 \(взято строк 5\); строк других месяцев 1, без этапа 1, не взято 1\./);
  assert.match(await textOf(page, 'fact-import-rejected'), /Строка 9: в первой ячейке не дата/);
  await page.getByTestId('fact-import-add').click();
  await page.getByTestId('fact-import-unknown').waitFor();
  await page.getByTestId('fact-import-add-sellers').click();
  assert.equal(await textOf(page, 'fact-import-added'), 'Добавлено отчётов: 2.');
  await page.getByTestId('fact-as-of').fill('2026-12-01');
  await page.getByTestId('fact-as-of').dispatchEvent('change');
  assert.equal(await textOf(page, 'daily-seller-1-stage-1-done'), '2');
  assert.equal(await textOf(page, 'daily-seller-1-stage-3-done'), '1');
  assert.equal(await textOf(page, 'daily-seller-1-stage-4-done'), '1');
  assert.equal(await money(page, 'fact-revenue'), '150 000 ₽');
  assert.equal(await page.getByTestId('fact-seller-6-name').inputValue(), 'Сидоров');
  await s.done();
});

test('a CRM file that is not a table is refused plainly', async () => {
  const s = await openFact();
  const { page } = s;
  await page.getByTestId('fact-import').evaluate((el) => { el.open = true; });
  await page.getByTestId('fact-import-file').setInputFiles({ name: 'empty.csv', mimeType: 'text/csv', buffer: Buffer.alloc(0) });
  await page.getByTestId('fact-import-error').waitFor();
  assert.match(await textOf(page, 'fact-import-error'), /пуст/i);
  await s.done();
});

test('a CRM export saved as .xlsx (date and time cells) goes the same way', async () => {
  const fs = await import('node:fs');
  const path = await import('node:path');
  const xlsx = fs.readFileSync(path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/crm_activities.xlsx'));
  const s = await openFact();
  const { page } = s;
  await page.getByTestId('fact-import').evaluate((el) => { el.open = true; });
  await page.getByTestId('fact-import-file').setInputFiles({
    name: 'активности.xlsx',
    mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    buffer: xlsx,
  });
  await page.getByTestId('fact-import-mapping').waitFor();
  await page.getByTestId('fact-import-kind-1-stage').selectOption('0');
  await page.getByTestId('fact-import-kind-2-stage').selectOption('2');
  assert.match(await textOf(page, 'fact-import-summary'), /строк 6\. В этом месяце отчётов продавцов по дням: 2 \(взято строк 5\); строк других месяцев 1/);
  await page.getByTestId('fact-import-add').click();
  assert.equal(await textOf(page, 'fact-import-added'), 'Добавлено отчётов: 2.');
  await page.getByTestId('fact-as-of').fill('2026-12-02');
  await page.getByTestId('fact-as-of').dispatchEvent('change');
  assert.equal(await money(page, 'fact-revenue'), '120 001 ₽');
  assert.equal(await textOf(page, 'mtd-seller-1-stage-1-done'), '2');
  assert.equal(await textOf(page, 'mtd-seller-2-stage-1-done'), '1');
  await s.done();
});
