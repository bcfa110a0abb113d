// The LTV page (issue 5): worked examples in both languages, edge cases as answers,
// scenarios, segments, reactivation, problems at the field, persistence and a phone screen.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, textOf, typeInto, waitForApp, normalizeSpaces, afterFirstPaint } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app.close(); });

async function openLtv(locale, viewport) {
  const s = await openPage(app, { locale, path: '/ltv', viewport });
  await s.page.getByTestId('page-ltv').waitFor();
  await afterFirstPaint(s.page);
  return s;
}

/** Types several fields in order: [[testId, text], ...]. */
async function fill(page, pairs) {
  for (const [id, text] of pairs) await typeInto(page, id, text);
}

/** Everything the page shows, to look for NaN, infinity and the like. */
async function pageText(page) {
  return normalizeSpaces(await page.getByTestId('page-ltv').innerText());
}

function assertNoBrokenNumbers(text) {
  assert.doesNotMatch(text, /NaN|inf|∞|undefined/i, 'no NaN, infinity or undefined on screen');
}

test('worked example in Russian: LTV, ratio, verdict, allowed CAC, payback', async () => {
  const s = await openLtv('ru-RU');
  const { page } = s;
  // Margin per month: 10 000 x 1 x 40 % = 4 000. Retention 80 % -> churn 20 %, lifetime
  // 1 / 0.2 = 5 months. No discount, no horizon: LTV = 4 000 x 5 = 20 000 (= undiscounted).
  // LTV:CAC = 20 000 / 5 000 = 4 -> healthy (3..5). Allowed CAC at 3:1 = 20 000 / 3 = 6 666.67.
  // Payback: month 1 brings 4 000 < 5 000; month 2 adds 4 000 x 0.8 = 3 200 -> 7 200 >= 5 000
  // -> 2 months.
  await fill(page, [
    ['ltv-avg-check', '10 000'],
    ['ltv-frequency', '1'],
    ['ltv-margin', '40'],
    ['ltv-retention', '80'],
    ['ltv-discount', '0'],
    ['ltv-cac', '5000'],
  ]);
  assert.equal(await page.getByTestId('ltv-horizon-unlimited').isChecked(), true);
  assert.equal(await textOf(page, 'ltv-margin-per-period'), '4 000 ₽');
  assert.equal(await textOf(page, 'ltv-expected-lifetime'), '5 месяцев');
  assert.equal(await textOf(page, 'ltv-churn-computed'), '20 %');
  assert.equal(await textOf(page, 'ltv-lifetime-computed'), '5 месяцев');
  assert.equal(await textOf(page, 'ltv-value'), '20 000 ₽');
  assert.equal(await textOf(page, 'ltv-undiscounted'), '20 000 ₽');
  assert.equal(await textOf(page, 'ltv-cac-ratio'), '4,00 : 1');
  assert.equal(await textOf(page, 'ltv-verdict'), 'Здоровое');
  assert.match(await textOf(page, 'ltv-verdict-text'), /На цели 3 : 1 или выше/);
  assert.equal(await textOf(page, 'ltv-allowed-cac'), '6 667 ₽');
  assert.equal(await textOf(page, 'ltv-payback'), '2 месяца');
  // Below the target: CAC 8 000 -> 20 000 / 8 000 = 2.5.
  await typeInto(page, 'ltv-cac', '8000');
  assert.equal(await textOf(page, 'ltv-cac-ratio'), '2,50 : 1');
  assert.equal(await textOf(page, 'ltv-verdict'), 'Ниже цели');
  assert.ok(await page.getByTestId('ltv-verdict').evaluate((e) => e.classList.contains('badge-warn')));
  // Over the LTV: 20 000 / 25 000 = 0.8 -> loss; 4 000 x (1 + .8 + .64 + ...) never reaches 25 000.
  await typeInto(page, 'ltv-cac', '25000');
  assert.equal(await textOf(page, 'ltv-verdict'), 'Убыточно');
  assert.ok(await page.getByTestId('ltv-verdict').evaluate((e) => e.classList.contains('badge-bad')));
  assert.equal(await textOf(page, 'ltv-payback'), 'не окупается');
  // The curve is drawn with its CAC line; sensitivity ranks retention first.
  assert.equal(await page.getByTestId('ltv-curve').locator('.ltv-cac-line').count(), 1);
  assert.equal(await textOf(page, 'ltv-sensitivity-1-input'), 'Удержание');
  await s.done();
});

test('worked example in English with a discount rate and English number format', async () => {
  const s = await openLtv('en-US');
  const { page } = s;
  await page.getByTestId('currency').selectOption('USD');
  // Margin: 2,500 x 2 x 50 % = 2,500 a month. r = 90 %, d = 1 %, unlimited:
  //   LTV = 2,500 x 1.01 / (0.10 + 0.01) = 22,954.55; undiscounted 2,500 / 0.1 = 25,000.
  // LTV:CAC = 22,954.55 / 9,000 = 2.55 -> below the 3:1 target. Allowed CAC 22,954.55 / 3
  //   = 7,651.52. Payback, q = 0.9 / 1.01 = 0.891089: cumulative 2,500; 4,727.72; 6,712.82;
  //   8,481.72; 10,057.96 >= 9,000 -> 5 months.
  await fill(page, [
    ['ltv-avg-check', '2500'],
    ['ltv-frequency', '2'],
    ['ltv-margin', '50'],
    ['ltv-retention', '90'],
    ['ltv-discount', '1'],
    ['ltv-cac', '9000'],
  ]);
  assert.equal(await textOf(page, 'ltv-margin-per-period'), '$2,500');
  assert.equal(await textOf(page, 'ltv-expected-lifetime'), '10 months');
  assert.equal(await textOf(page, 'ltv-value'), '$22,955');
  assert.equal(await textOf(page, 'ltv-undiscounted'), '$25,000');
  assert.equal(await textOf(page, 'ltv-cac-ratio'), '2.55 : 1');
  assert.equal(await textOf(page, 'ltv-verdict'), 'Below target');
  assert.match(await textOf(page, 'ltv-verdict-text'), /below the 3 : 1 target: at this LTV pay at most \$7,652 per client/);
  assert.equal(await textOf(page, 'ltv-allowed-cac'), '$7,652');
  assert.equal(await textOf(page, 'ltv-payback'), '5 months');
  // A target of 2:1 moves the allowed CAC to 22,954.55 / 2 = 11,477.27 and the verdict to healthy.
  await typeInto(page, 'ltv-target-ratio', '2');
  assert.equal(await textOf(page, 'ltv-allowed-cac'), '$11,477');
  assert.equal(await textOf(page, 'ltv-verdict'), 'Healthy');
  // The period relabels the answers: the same numbers per quarter.
  await page.getByTestId('ltv-period').selectOption('quarter');
  assert.equal(await textOf(page, 'ltv-payback'), '5 quarters');
  assert.match(await textOf(page, 'page-ltv'), /Margin per client per quarter/);
  await s.done();
});

test('retention 100 % without discount or horizon is unbounded and asks for a horizon', async () => {
  const s = await openLtv('ru-RU');
  const { page } = s;
  await fill(page, [['ltv-retention', '100'], ['ltv-discount', '0']]);
  assert.equal(await textOf(page, 'ltv-value'), 'без ограничения');
  assert.equal(await textOf(page, 'ltv-allowed-cac'), 'без ограничения');
  assert.match(await textOf(page, 'ltv-unbounded'), /LTV без ограничения.*Задайте горизонт/);
  assert.match(await textOf(page, 'ltv-horizon-error'), /задайте горизонт/);
  assert.equal(await textOf(page, 'ltv-verdict'), 'Нужен горизонт');
  assert.equal(await textOf(page, 'ltv-expected-lifetime'), 'без ограничения');
  assert.equal(await page.getByTestId('ltv-sensitivity-empty').count(), 1);
  assertNoBrokenNumbers(await pageText(page));
  // Demo margin 150 000 x 2 x 30 % = 90 000 a month; 24 months, nobody leaves, no discount:
  // 90 000 x 24 = 2 160 000.
  await typeInto(page, 'ltv-horizon', '24');
  assert.equal(await page.getByTestId('ltv-horizon-unlimited').isChecked(), false);
  assert.equal(await textOf(page, 'ltv-value'), '2 160 000 ₽');
  assert.equal(await page.getByTestId('ltv-unbounded').count(), 0);
  assert.equal(await page.getByTestId('ltv-horizon-error').count(), 0);
  // Back to unlimited with the box; turning it off again offers 36 months: 90 000 x 36.
  await page.getByTestId('ltv-horizon-unlimited').check();
  assert.equal(await page.getByTestId('ltv-horizon').inputValue(), '');
  assert.equal(await textOf(page, 'ltv-value'), 'без ограничения');
  await page.getByTestId('ltv-horizon-unlimited').uncheck();
  assert.equal(await page.getByTestId('ltv-horizon').inputValue(), '36');
  assert.equal(await textOf(page, 'ltv-value'), '3 240 000 ₽');
  // An empty horizon is unlimited too; a fractional one is refused at the field.
  await typeInto(page, 'ltv-horizon', '');
  assert.equal(await page.getByTestId('ltv-horizon-unlimited').isChecked(), true);
  await typeInto(page, 'ltv-horizon', '2,5');
  assert.match(await textOf(page, 'ltv-horizon-error'), /целое число/);
  await s.done();
});

test('CAC 0 gives no ratio and churn 0 an unbounded lifetime, never inf or NaN', async () => {
  const s = await openLtv('en-US');
  const { page } = s;
  await typeInto(page, 'ltv-cac', '0');
  assert.equal(await textOf(page, 'ltv-cac-ratio'), 'no ratio (CAC is 0)');
  assert.equal(await textOf(page, 'ltv-verdict'), 'No verdict');
  assert.equal(await textOf(page, 'ltv-payback'), 'nothing to pay back');
  assert.equal(await textOf(page, 'scenario-base-ratio'), 'no ratio (CAC is 0)');
  assert.equal(await textOf(page, 'scenario-delta-ratio'), '—');
  assertNoBrokenNumbers(await pageText(page));
  // Churn 0 is retention 100 %: with the demo's 1 % discount the LTV stays finite,
  // 90,000 x 1.01 / 0.01 = 9,090,000; the lifetime and the undiscounted sum are unbounded.
  await page.getByTestId('ltv-basis-churn').click();
  assert.equal(await page.getByTestId('ltv-churn').inputValue(), '5');
  await typeInto(page, 'ltv-churn', '0');
  assert.equal(await textOf(page, 'ltv-retention-computed'), '100%');
  assert.equal(await textOf(page, 'ltv-lifetime-computed'), 'unbounded');
  assert.equal(await textOf(page, 'ltv-expected-lifetime'), 'unbounded');
  assert.equal(await textOf(page, 'ltv-undiscounted'), 'unbounded');
  assert.equal(await textOf(page, 'ltv-value'), '₽9,090,000');
  assertNoBrokenNumbers(await pageText(page));
  // A lifetime of 10 months is churn 10 %: 90,000 x 1.01 / 0.11 = 826,363.64.
  await page.getByTestId('ltv-basis-lifetime').click();
  await typeInto(page, 'ltv-lifetime', '10');
  assert.equal(await textOf(page, 'ltv-churn-computed'), '10%');
  assert.equal(await textOf(page, 'ltv-retention-computed'), '90%');
  assert.equal(await textOf(page, 'ltv-value'), '₽826,364');
  await s.done();
});

test('an invalid value gets a message at its field and the last valid result stays', async () => {
  const s = await openLtv('ru-RU');
  const { page } = s;
  assert.equal(await textOf(page, 'ltv-value'), '1 515 000 ₽');
  await typeInto(page, 'ltv-margin', '120');
  assert.match(await textOf(page, 'ltv-margin-error'), /Не больше 100 %/);
  assert.equal(await textOf(page, 'ltv-value'), '1 515 000 ₽');
  await typeInto(page, 'ltv-avg-check', 'сто');
  assert.match(await textOf(page, 'ltv-avg-check-error'), /Нужно число/);
  assert.equal(await textOf(page, 'ltv-value'), '1 515 000 ₽');
  // Fixing the fields recalculates at once: check 200 000 -> 120 000 a month x 1.01 / 0.06.
  await typeInto(page, 'ltv-margin', '30');
  await typeInto(page, 'ltv-avg-check', '200000');
  assert.equal(await page.getByTestId('ltv-margin-error').count(), 0);
  assert.equal(await textOf(page, 'ltv-value'), '2 020 000 ₽');
  await s.done();
});

test('what-if scenario side by side with the base, with deltas', async () => {
  const s = await openLtv('ru-RU');
  const { page } = s;
  // Base (demo): 1 515 000. Check +20 % only: margin 108 000 -> LTV 1 818 000, +303 000 (+20 %).
  // Ratio 1 515 000 / 350 000 = 4,33 -> 1 818 000 / 350 000 = 5,19 (+0,87).
  // Allowed CAC 505 000 -> 606 000 (+101 000).
  await fill(page, [
    ['scenario-retention', '0'],
    ['scenario-avg-check', '20'],
    ['scenario-frequency', '0'],
  ]);
  assert.equal(await textOf(page, 'scenario-base-ltv'), '1 515 000 ₽');
  assert.equal(await textOf(page, 'scenario-whatif-ltv'), '1 818 000 ₽');
  assert.equal(await textOf(page, 'scenario-delta-ltv'), '+303 000 ₽');
  assert.equal(await textOf(page, 'scenario-delta-ltv-pct'), '(+20,0 %)');
  assert.equal(await textOf(page, 'scenario-base-ratio'), '4,33 : 1');
  assert.equal(await textOf(page, 'scenario-whatif-ratio'), '5,19 : 1');
  assert.equal(await textOf(page, 'scenario-delta-ratio'), '+0,87');
  assert.equal(await textOf(page, 'scenario-whatif-allowed-cac'), '606 000 ₽');
  assert.equal(await textOf(page, 'scenario-delta-allowed-cac'), '+101 000 ₽');
  // Retention +5 pp reaches 100 % with a 1 % discount: 108 000 x 1.01 / 0.01 = 10 908 000.
  await typeInto(page, 'scenario-retention', '5');
  assert.equal(await textOf(page, 'scenario-whatif-retention'), '100 %');
  assert.equal(await textOf(page, 'scenario-whatif-lifetime'), 'без ограничения');
  assert.equal(await textOf(page, 'scenario-whatif-ltv'), '10 908 000 ₽');
  // A decline is red: check -10 %, retention 0 -> 1 363 500, -151 500.
  await fill(page, [['scenario-retention', '0'], ['scenario-avg-check', '-10']]);
  assert.equal(await textOf(page, 'scenario-delta-ltv'), '-151 500 ₽');
  await s.done();
});

test('segments: base value, shares, add and remove, development potential, chart', async () => {
  const s = await openLtv('ru-RU');
  const { page } = s;
  // Demo, d = 1 %, LTV = margin x 1.01 / (churn + 0.01):
  //   A: 400 000 x 3 x 22 % = 264 000 x 1.01 / 0.04 = 6 666 000 x 40 = 266 640 000
  //   B: 150 000 x 2 x 28 % = 84 000 x 1.01 / 0.06 = 1 414 000 x 160 = 226 240 000
  //   C: 40 000 x 1 x 35 % = 14 000 x 1.01 / 0.16 = 88 375 x 600 = 53 025 000
  assert.equal(await textOf(page, 'base-value'), '545 905 000 ₽');
  // B down to 100 clients: 141 400 000; base 266 640 000 + 141 400 000 + 53 025 000
  // = 461 065 000; A's share 266 640 000 / 461 065 000 = 57,8 %.
  await typeInto(page, 'segment-2-clients', '100');
  assert.equal(await textOf(page, 'segment-2-ltv'), '1 414 000 ₽');
  assert.equal(await textOf(page, 'segment-2-value'), '141 400 000 ₽');
  assert.equal(await textOf(page, 'base-value'), '461 065 000 ₽');
  assert.equal(await textOf(page, 'segment-1-share'), '57,8 %');
  assert.equal(await textOf(page, 'segments-total-clients'), '740');
  // A new segment (100 clients, 100 000 x 1 x 30 % = 30 000 a month, r 90 %):
  //   30 000 x 1.01 / 0.11 = 275 454,55 -> x 100 = 27 545 455.
  await page.getByTestId('add-segment').click();
  assert.equal(await page.getByTestId('segment-4-name').inputValue(), 'Сегмент 4');
  assert.equal(await textOf(page, 'segment-4-value'), '27 545 455 ₽');
  await typeInto(page, 'segment-4-name', 'D — новые');
  await page.getByTestId('remove-segment-1').click();
  assert.equal(await page.getByTestId('segment-1-name').inputValue(), 'B — постоянные');
  assert.equal(await page.getByTestId('segment-3-name').inputValue(), 'D — новые');
  // 141 400 000 + 53 025 000 + 27 545 455 (27 545 454,55 exactly) = 221 970 454,55.
  assert.equal(await textOf(page, 'base-value'), '221 970 455 ₽');
  await page.getByTestId('remove-segment-3').click();
  assert.equal(await page.getByTestId('segment-3-name').count(), 0);
  assert.equal(await textOf(page, 'base-value'), '194 425 000 ₽');
  // No development: potential equals today's value. Check +10 % only: every LTV +10 %.
  await fill(page, [
    ['development-retention', '0'],
    ['development-avg-check', '0'],
    ['development-frequency', '0'],
  ]);
  assert.equal(await textOf(page, 'base-potential'), '194 425 000 ₽');
  assert.equal(await textOf(page, 'base-uplift'), '0 ₽');
  await typeInto(page, 'development-avg-check', '10');
  assert.equal(await textOf(page, 'base-potential'), '213 867 500 ₽');
  assert.equal(await textOf(page, 'base-uplift'), '+19 442 500 ₽');
  // The chart has a bar per segment.
  assert.equal(await page.getByTestId('segments-chart').locator('rect').count(), 2);
  // A bad value is named at its cell.
  await typeInto(page, 'segment-1-retention', '101');
  assert.match(await textOf(page, 'segment-1-retention-error'), /Не больше 100 %/);
  await s.done();
});

test('reactivation: sleeping clients x rate x LTV is the money on the table', async () => {
  const s = await openLtv('ru-RU');
  const { page } = s;
  // Demo: 250 x 60 % = 150 clients x 1 515 000 = 227 250 000.
  assert.equal(await page.getByTestId('reactivation-rate').inputValue(), '60');
  assert.equal(await textOf(page, 'reactivation-money'), '227 250 000 ₽');
  // 100 x 50 % = 50 x 1 515 000 = 75 750 000.
  await fill(page, [['sleeping-clients', '100'], ['reactivation-rate', '50']]);
  assert.equal(await textOf(page, 'reactivated-clients'), '50');
  assert.equal(await textOf(page, 'reactivation-money'), '75 750 000 ₽');
  // The LTV moves the money: margin 60 % doubles the LTV to 3 030 000 -> 151 500 000.
  await typeInto(page, 'ltv-margin', '60');
  assert.equal(await textOf(page, 'reactivation-money'), '151 500 000 ₽');
  await typeInto(page, 'reactivation-rate', '150');
  assert.match(await textOf(page, 'reactivation-rate-error'), /Не больше 100 %/);
  assert.equal(await textOf(page, 'reactivation-money'), '151 500 000 ₽');
  await s.done();
});

test('every input is saved in the plan and survives a reload', async () => {
  const s = await openLtv('ru-RU');
  const { page } = s;
  await page.getByTestId('ltv-period').selectOption('quarter');
  await page.getByTestId('ltv-basis-churn').click();
  await fill(page, [
    ['ltv-avg-check', '120000'],
    ['ltv-churn', '12,5'],
    ['ltv-horizon', '12'],
    ['ltv-cac', '400000'],
    ['ltv-target-ratio', '4'],
    ['scenario-avg-check', '15'],
    ['segment-2-name', 'Опт'],
    ['segment-3-retention', '80'],
    ['development-frequency', '1'],
    ['sleeping-clients', '75'],
  ]);
  const before = {
    ltv: await textOf(page, 'ltv-value'),
    base: await textOf(page, 'base-value'),
    money: await textOf(page, 'reactivation-money'),
  };
  await page.reload();
  await waitForApp(page);
  await page.getByTestId('page-ltv').waitFor();
  assert.equal(await page.getByTestId('ltv-period').inputValue(), 'quarter');
  assert.equal(await page.getByTestId('ltv-basis-churn').getAttribute('aria-pressed'), 'true');
  for (const [id, value] of [
    ['ltv-avg-check', '120 000'],
    ['ltv-churn', '12,5'],
    ['ltv-horizon', '12'],
    ['ltv-cac', '400 000'],
    ['ltv-target-ratio', '4'],
    ['scenario-avg-check', '15'],
    ['segment-2-name', 'Опт'],
    ['segment-3-retention', '80'],
    ['development-frequency', '1'],
    ['sleeping-clients', '75'],
  ]) {
    assert.equal(normalizeSpaces(await page.getByTestId(id).inputValue()), value, id);
  }
  assert.equal(await page.getByTestId('ltv-horizon-unlimited').isChecked(), false);
  assert.deepEqual({
    ltv: await textOf(page, 'ltv-value'),
    base: await textOf(page, 'base-value'),
    money: await textOf(page, 'reactivation-money'),
  }, before);
  const stored = JSON.parse(await page.evaluate(() => localStorage.getItem('salesplan')));
  const ltv = stored.plans[0].ltv;
  assert.equal(ltv.period, 'Quarter');
  assert.equal(ltv.retention_basis, 'Churn');
  assert.equal(ltv.churn_pct, 12.5);
  assert.equal(ltv.horizon_periods, 12);
  assert.equal(ltv.segments[1].name, 'Опт');
  await s.done();
});

test('the LTV page fits a 360 px phone screen', async () => {
  const s = await openLtv('ru-RU', { width: 360, height: 740 });
  const { page } = s;
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  // Inputs and the headline stay usable: type and read.
  await typeInto(page, 'ltv-avg-check', '300000');
  assert.equal(await textOf(page, 'ltv-value'), '3 030 000 ₽');
  await s.done();
});
