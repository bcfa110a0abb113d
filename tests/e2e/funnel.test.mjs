// The funnel page (issue 3): a head of sales fills the funnel and reads the contact norms,
// edits the stages, reviews sellers' funnel geometry, and switches language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startApp, openPage, textOf, typeInto, typeKeys, waitForApp, afterFirstPaint, normalizeSpaces } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app.close(); });

async function openFunnel(options = {}) {
  const s = await openPage(app, { locale: 'ru-RU', path: '/funnel', ...options });
  await s.page.getByTestId('page-funnel').waitFor();
  await afterFirstPaint(s.page);
  return s;
}

async function reload(page) {
  await page.reload();
  await waitForApp(page);
  await page.getByTestId('page-funnel').waitFor();
}

async function stageNames(page) {
  const count = await page.locator('[data-testid^="stage-"][data-testid$="-name"]').count();
  const names = [];
  for (let n = 1; n <= count; n++) names.push(await page.getByTestId(`stage-${n}-name`).inputValue());
  return names;
}

test('in Russian: a 4-stage funnel in reverse gives leads per day and per seller', async () => {
  const s = await openFunnel();
  const { page } = s;
  await page.getByTestId('direction-reverse').click();
  assert.equal(await page.getByTestId('direction-reverse').getAttribute('aria-pressed'), 'true');
  for (const [n, name] of [[1, 'Лиды'], [2, 'Квалификация'], [3, 'Встречи'], [4, 'Оплата']]) {
    await typeInto(page, `stage-${n}-name`, name);
  }
  // Typed key by key, as a person does: the page recalculates at every keystroke.
  await typeKeys(page, 'avg-check', '50 000');
  await typeKeys(page, 'target-revenue', '3 100 000');
  await typeKeys(page, 'stage-1-conversion', '25');
  await typeKeys(page, 'stage-2-conversion', '50');
  await typeKeys(page, 'stage-3-conversion', '30');
  await typeKeys(page, 'sellers', '4');
  await typeKeys(page, 'working-days', '20');
  // By hand: deals = ceil(3 100 000 / 50 000) = 62; meetings = ceil(62 / 0.30) =
  // ceil(206.67) = 207; qualified = 207 / 0.5 = 414; leads = 414 / 0.25 = 1 656 a month.
  // Per working day: 1 656 / 20 = 82.8; per seller (4): 20.7 a day, 414 a month;
  // per week: 1 656 / (52 / 12) = 382.15; revenue 62 x 50 000 = 3 100 000.
  assert.equal(await textOf(page, 'deals'), '62');
  assert.equal(await textOf(page, 'stage-4-required'), '62');
  assert.equal(await textOf(page, 'stage-3-required'), '207');
  assert.equal(await textOf(page, 'stage-2-required'), '414');
  assert.equal(await textOf(page, 'stage-1-required'), '1 656');
  assert.equal(await textOf(page, 'leads-per-day'), '82,8');
  assert.equal(await textOf(page, 'stage-1-per-day'), '82,8');
  assert.equal(await textOf(page, 'stage-1-per-week'), '382,2');
  assert.equal(await textOf(page, 'stage-1-per-seller-day'), '20,7');
  assert.equal(await textOf(page, 'stage-1-per-seller-month'), '414,0');
  // Meetings per seller a day: 207 / 20 / 4 = 2.5875.
  assert.equal(await textOf(page, 'stage-3-per-seller-day'), '2,6');
  assert.equal(await textOf(page, 'revenue'), '3 100 000 ₽');
  // Overall: 25% x 50% x 30% = 3.75%.
  assert.equal(await textOf(page, 'overall-conversion'), '3,75 %');
  assert.match(await textOf(page, 'norms-table'), /Квалификация/);
  await page.getByTestId('funnel-chart').waitFor();
  // Everything is in the plan: a reload shows the same norms.
  await reload(page);
  assert.equal(await textOf(page, 'leads-per-day'), '82,8');
  assert.equal(await textOf(page, 'stage-1-per-seller-day'), '20,7');
  assert.equal(await page.getByTestId('stage-2-name').inputValue(), 'Квалификация');
  await s.done();
});

test('diagnostics of two sellers, typed and pasted, name each one\'s weakest stage', async () => {
  const s = await openFunnel();
  const { page } = s;
  assert.match(await textOf(page, 'diagnostics-empty'), /Добавьте продавцов/);
  // Demo norm: 40% -> 50% -> 40% -> deal, check 150 000.
  await page.getByTestId('add-seller').click();
  await typeInto(page, 'seller-1-name', 'Анна');
  for (const [stage, count] of [[1, '100'], [2, '40'], [3, '10'], [4, '4']]) {
    await typeInto(page, `seller-1-stage-${stage}`, count);
  }
  // Boris from a spreadsheet: a header row, Boris, and a row with an empty cell.
  await typeInto(page, 'paste-rows',
    'Продавец\tЛиды\tКвал.\tВстречи\tСделки\nБорис\t200\t50\t25\t10\nВера\t150\t\t30\t12');
  await page.getByTestId('paste-apply').click();
  assert.match(await textOf(page, 'paste-result'), /Добавлено строк: 1/);
  assert.equal(await textOf(page, 'paste-rejected-1'), 'Строка 1: заголовок таблицы — пропущен');
  assert.equal(await textOf(page, 'paste-rejected-2'), 'Строка 3: пустая ячейка в столбце 3');
  assert.equal(await page.getByTestId('seller-2-name').inputValue(), 'Борис');
  // Anna: 40/100 = 40% (0 pp), 10/40 = 25% (-25 pp), 4/10 = 40%. Stage 2 loses
  // 40 x 25% = 10 clients x (40% x 150 000) = 600 000: her weakest stage.
  assert.equal(await textOf(page, 'seller-1-stage-2-actual'), '25,0 %');
  assert.equal(await textOf(page, 'seller-1-stage-2-deviation'), '−25,0 п.п.');
  assert.match(await page.getByTestId('seller-1-stage-2-deviation').getAttribute('class'), /dev-bad/);
  assert.match(await page.getByTestId('seller-1-stage-1-deviation').getAttribute('class'), /dev-good/);
  assert.equal(await textOf(page, 'seller-1-stage-2-lost'), '−600 000 ₽');
  assert.equal(await textOf(page, 'seller-1-weakest'), 'Квалифицированы → Встречи');
  // Boris: 50/200 = 25% (-15 pp): 200 x 15% = 30 clients x (50% x 40% x 150 000) = 900 000.
  assert.equal(await textOf(page, 'seller-2-stage-1-deviation'), '−15,0 п.п.');
  assert.equal(await textOf(page, 'seller-2-weakest'), 'Лиды → Квалифицированы');
  assert.equal(await textOf(page, 'seller-2-lost'), '900 000 ₽');
  // The team: stage 1 first (900 000), then stage 2 (600 000); 1 500 000 in all.
  assert.equal(await textOf(page, 'priority-1-stage'), 'Лиды → Квалифицированы');
  assert.equal(await textOf(page, 'priority-1-lost'), '900 000 ₽');
  assert.equal(await textOf(page, 'priority-2-stage'), 'Квалифицированы → Встречи');
  assert.equal(await textOf(page, 'team-lost'), '1 500 000 ₽');
  await page.getByTestId('geometry-chart').waitFor();
  // Saved with the plan; a seller can be removed.
  await reload(page);
  assert.equal(await textOf(page, 'seller-2-weakest'), 'Лиды → Квалифицированы');
  await page.getByTestId('remove-seller-1').click();
  assert.equal(await page.getByTestId('seller-1-name').inputValue(), 'Борис');
  assert.equal(await page.getByTestId('seller-2-name').count(), 0);
  await s.done();
});

test('a 0% conversion in reverse is explained at the field and the last result stays', async () => {
  const s = await openFunnel();
  const { page } = s;
  // Demo: 10 000 000 / 150 000 -> 67 deals -> 168 -> 336 -> 840 leads / 21 days = 40 a day.
  assert.equal(await textOf(page, 'leads-per-day'), '40,0');
  await typeInto(page, 'stage-2-conversion', '0');
  assert.match(await textOf(page, 'stage-2-conversion-error'), /Конверсия 0 % — план недостижим/);
  assert.equal(await textOf(page, 'leads-per-day'), '40,0');
  assert.equal(await textOf(page, 'stage-1-required'), '840');
  await page.getByTestId('stale-note').waitFor();
  assert.match(await page.getByTestId('funnel-results').getAttribute('class'), /stale/);
  // Other invalid values: over 100% and an empty check, each at its own field.
  await typeInto(page, 'stage-1-conversion', '120');
  assert.equal(await textOf(page, 'stage-1-conversion-error'), 'Не больше 100 %');
  await typeInto(page, 'avg-check', '');
  assert.equal(await textOf(page, 'avg-check-error'), 'Введите значение');
  await typeInto(page, 'avg-check', '-5');
  assert.equal(await textOf(page, 'avg-check-error'), 'Не может быть отрицательным');
  assert.equal(await textOf(page, 'leads-per-day'), '40,0');
  // Fixed: the message goes away and the results are current again.
  await typeInto(page, 'stage-2-conversion', '25');
  await typeInto(page, 'stage-1-conversion', '40');
  await typeInto(page, 'avg-check', '150000');
  assert.equal(await page.getByTestId('stage-2-conversion-error').count(), 0);
  assert.equal(await page.getByTestId('stale-note').count(), 0);
  // 67 -> 168 -> 168 / 0.25 = 672 -> 672 / 0.4 = 1 680 leads / 21 = 80 a day.
  assert.equal(await textOf(page, 'leads-per-day'), '80,0');
  // In forward mode a 0% conversion is fine: the clients simply stop there.
  await page.getByTestId('direction-forward').click();
  await typeInto(page, 'stage-2-conversion', '0');
  assert.equal(await page.getByTestId('stage-2-conversion-error').count(), 0);
  assert.equal(await textOf(page, 'deals'), '0,00');
  await s.done();
});

test('stages can be inserted, renamed, moved and removed, and a reload keeps the funnel', async () => {
  const s = await openFunnel();
  const { page } = s;
  assert.deepEqual(await stageNames(page), ['Лиды', 'Квалифицированы', 'Встречи', 'Сделки']);
  assert.match(await textOf(page, 'stage-3-roles'), /Специалист по развитию/);
  // A new stage converts 100%, so inserting it changes nothing until its conversion is typed.
  await page.getByTestId('add-stage-after-2').click();
  assert.deepEqual(await stageNames(page), ['Лиды', 'Квалифицированы', 'Новый этап', 'Встречи', 'Сделки']);
  assert.equal(await textOf(page, 'stage-count'), '5 / 12');
  assert.equal(await textOf(page, 'leads-per-day'), '40,0');
  // The headcount role of the meetings stage follows it to position 4.
  assert.match(await textOf(page, 'stage-4-roles'), /Специалист по развитию/);
  await typeInto(page, 'stage-3-name', 'Презентация');
  await typeInto(page, 'stage-3-conversion', '50');
  // 67 deals -> 168 meetings -> 336 presentations -> 672 qualified -> 1 680 leads; / 21 = 80.
  assert.equal(await textOf(page, 'stage-3-required'), '336');
  assert.equal(await textOf(page, 'leads-per-day'), '80,0');
  await page.getByTestId('move-stage-3-up').click();
  assert.deepEqual(await stageNames(page), ['Лиды', 'Презентация', 'Квалифицированы', 'Встречи', 'Сделки']);
  assert.equal(await page.getByTestId('stage-2-conversion').inputValue(), '50');
  assert.equal(await textOf(page, 'stage-2-required'), '672');
  assert.match(await textOf(page, 'stage-4-roles'), /Специалист по развитию/);
  await page.getByTestId('move-stage-1-down').click();
  assert.deepEqual(await stageNames(page), ['Презентация', 'Лиды', 'Квалифицированы', 'Встречи', 'Сделки']);
  // The last stage is the deal: no conversion input; its down button is off.
  assert.equal(await page.getByTestId('stage-5-conversion').count(), 0);
  assert.ok(await page.getByTestId('move-stage-5-down').isDisabled());
  await page.getByTestId('add-stage').click();
  assert.equal(await page.getByTestId('stage-6-name').inputValue(), 'Новый этап');
  assert.equal(await page.getByTestId('stage-5-conversion').inputValue(), '100');
  await reload(page);
  assert.deepEqual(await stageNames(page),
    ['Презентация', 'Лиды', 'Квалифицированы', 'Встречи', 'Сделки', 'Новый этап']);
  // Remove down to the minimum of two stages: the remove buttons turn off with a reason.
  await page.getByTestId('remove-stage-6').click();
  await page.getByTestId('remove-stage-1').click();
  assert.deepEqual(await stageNames(page), ['Лиды', 'Квалифицированы', 'Встречи', 'Сделки']);
  assert.equal(await textOf(page, 'leads-per-day'), '40,0');
  await page.getByTestId('remove-stage-2').click();
  await page.getByTestId('remove-stage-2').click();
  assert.deepEqual(await stageNames(page), ['Лиды', 'Сделки']);
  assert.ok(await page.getByTestId('remove-stage-1').isDisabled());
  assert.match(await textOf(page, 'stage-limit-note'), /не меньше 2 этапов/);
  // And up to the maximum of twelve.
  for (let i = 0; i < 10; i++) await page.getByTestId('add-stage').click();
  assert.equal(await textOf(page, 'stage-count'), '12 / 12');
  assert.ok(await page.getByTestId('add-stage').isDisabled());
  assert.ok(await page.getByTestId('add-stage-after-1').isDisabled());
  assert.match(await textOf(page, 'stage-limit-note'), /не больше 12/);
  await reload(page);
  assert.equal((await stageNames(page)).length, 12);
  await s.done();
});

test('English labels and number format after switching the language; forward mode', async () => {
  const s = await openFunnel();
  const { page } = s;
  assert.equal(await textOf(page, 'direction-reverse'), 'Обратный: от плана выручки');
  await page.getByTestId('lang-en').click();
  assert.match(await textOf(page, 'page-funnel'), /Sales funnel/);
  assert.match(await textOf(page, 'page-funnel'), /Contact norms/);
  assert.match(await textOf(page, 'page-funnel'), /Funnel geometry by seller/);
  assert.equal(await textOf(page, 'direction-reverse'), 'Reverse: from the revenue target');
  assert.equal(await textOf(page, 'leads-per-day'), '40.0');
  assert.equal(await textOf(page, 'revenue'), '₽10,050,000');
  assert.match(await textOf(page, 'cycle-entry'),
    /leads must enter the funnel in the month before, by the end of its working day 18/);
  // Forward: 1 000 leads x 40% x 50% x 40% = 80 deals x 150 000 = 12 000 000; margin 30%.
  await page.getByTestId('direction-forward').click();
  assert.equal(await page.getByTestId('direction-forward').getAttribute('aria-pressed'), 'true');
  assert.equal(await textOf(page, 'stage-1-volume'), '1,000');
  assert.equal(await textOf(page, 'stage-3-volume'), '200');
  assert.equal(await textOf(page, 'stage-4-volume'), '80.0');
  assert.equal(await textOf(page, 'deals'), '80.00');
  assert.equal(await textOf(page, 'revenue'), '₽12,000,000');
  assert.equal(await textOf(page, 'gross-profit'), '₽3,600,000');
  assert.equal(await textOf(page, 'overall-conversion'), '8.00%');
  await typeInto(page, 'entry-per-month', '2000');
  assert.equal(await textOf(page, 'deals'), '160.00');
  await reload(page);
  assert.equal(await page.getByTestId('direction-forward').getAttribute('aria-pressed'), 'true');
  assert.equal(await textOf(page, 'deals'), '160.00');
  await s.done();
});

/** What a field shows, with every kind of space made a plain space. */
async function fieldText(page, testId) {
  return normalizeSpaces(await page.getByTestId(testId).inputValue());
}

test('number fields show grouped digits out of focus; typing stays free', async () => {
  const s = await openFunnel();
  const { page } = s;
  // The demo's target, 10 000 000 ₽ / 150 000 ₽ = 66.7 -> 67 deals.
  assert.equal(await fieldText(page, 'target-revenue'), '10 000 000');
  assert.equal(await fieldText(page, 'avg-check'), '150 000');
  assert.match(await page.getByTestId('target-revenue').inputValue(), /^10[\u00a0\u202f]000[\u00a0\u202f]000$/,
    'groups are no-break spaces');
  assert.equal(await textOf(page, 'deals'), '67');
  // While the field has the focus the text is as typed, not reformatted.
  await page.getByTestId('target-revenue').fill('12500000');
  assert.equal(await page.getByTestId('target-revenue').inputValue(), '12500000');
  await page.getByTestId('target-revenue').press('Tab');
  assert.equal(await fieldText(page, 'target-revenue'), '12 500 000');
  // 12 500 000 / 150 000 = 83.3 -> 84 deals x 150 000 = 12 600 000 ₽.
  assert.equal(await textOf(page, 'deals'), '84');
  assert.equal(await textOf(page, 'revenue'), '12 600 000 ₽');
  // A grouped value edited in place, without clearing it, still reads.
  await page.getByTestId('avg-check').click();
  await page.getByTestId('avg-check').press('End');
  await page.getByTestId('avg-check').press('Backspace');
  await page.getByTestId('avg-check').press('Backspace');
  await page.getByTestId('avg-check').press('Backspace');
  await page.getByTestId('avg-check').pressSequentially('250');
  assert.equal(await fieldText(page, 'avg-check'), '150 250');
  assert.equal(await page.getByTestId('avg-check-error').count(), 0);
  await page.getByTestId('avg-check').press('Tab');
  assert.equal(await fieldText(page, 'avg-check'), '150 250');
  // 12 500 000 / 150 250 = 83.2 -> 84 deals.
  assert.equal(await textOf(page, 'deals'), '84');
  assert.equal(await textOf(page, 'revenue'), '12 621 000 ₽');
  // A text with a problem stays as typed after leaving the field, with its message.
  await page.getByTestId('avg-check').fill('15 0x');
  await page.getByTestId('avg-check').press('Tab');
  assert.equal(await page.getByTestId('avg-check').inputValue(), '15 0x');
  assert.equal(await page.getByTestId('avg-check').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.getByTestId('avg-check-error').count(), 1);
  await page.getByTestId('avg-check').fill('150000');
  await page.getByTestId('avg-check').press('Tab');
  assert.equal(await fieldText(page, 'avg-check'), '150 000');
  // In English the same values are grouped with commas.
  await page.getByTestId('lang-en').click();
  assert.equal(await fieldText(page, 'target-revenue'), '12,500,000');
  assert.equal(await fieldText(page, 'avg-check'), '150,000');
  await typeInto(page, 'target-revenue', '3,100,000');
  await page.getByTestId('target-revenue').press('Tab');
  assert.equal(await fieldText(page, 'target-revenue'), '3,100,000');
  // 3 100 000 / 150 000 = 20.7 -> 21 deals.
  assert.equal(await textOf(page, 'deals'), '21');
  await reload(page);
  assert.equal(await fieldText(page, 'target-revenue'), '3,100,000');
  await s.done();
});

test('sensitivity ranks +10 points first and the cycle says when leads must enter', async () => {
  const s = await openFunnel();
  const { page } = s;
  // Demo cycle: 3 + 7 + 14 + 0 = 24 working days of 21: enter the month before, by day 18.
  assert.equal(await textOf(page, 'cycle-days'), '24');
  assert.match(await textOf(page, 'cycle-entry'), /в предыдущем месяце, не позже конца 18-го рабочего дня/);
  await page.getByTestId('cycle-chart').waitFor();
  await typeInto(page, 'stage-3-conversion', '60');
  // Reverse: 67 deals / 0.6 = 111.7 -> 112 -> 224 -> 560 leads. +10 pp on each stage:
  // leads 40 -> 50%: 560 x 0.5 x 0.6 x 0.1 = 16.8 deals x 150 000 = 2 520 000;
  // qualified 50 -> 60%: 560 x 0.4 x 0.6 x 0.1 = 13.44; meetings 60 -> 70%: 560 x 0.4 x 0.5 x
  // 0.1 = 11.2. +10% relative gives every stage the same 560 x 12% x 10% = 6.72 deals.
  assert.equal(await page.getByTestId('sensitivity-row-1').getAttribute('data-stage'), '1');
  assert.equal(await page.getByTestId('sensitivity-row-2').getAttribute('data-stage'), '2');
  assert.equal(await page.getByTestId('sensitivity-row-3').getAttribute('data-stage'), '3');
  assert.equal(await textOf(page, 'sensitivity-row-1-deals'), '+16,8');
  assert.equal(await textOf(page, 'sensitivity-row-1-revenue'), '+2 520 000 ₽');
  assert.equal(await textOf(page, 'sensitivity-row-3-deals'), '+11,2');
  assert.equal(await textOf(page, 'sensitivity-row-1-relative'), '+1 008 000 ₽');
  assert.equal(await textOf(page, 'sensitivity-row-3-relative'), '+1 008 000 ₽');
  assert.match(await page.getByTestId('sensitivity-row-1').getAttribute('class'), /highlight/);
  assert.match(await textOf(page, 'biggest-lever'), /Лиды → Квалифицированы.*\+\u2060?16,8 сделки и \+\u2060?2 520 000 ₽/);
  await s.done();
});

test('the funnel page fits a 360 px phone screen', async () => {
  const s = await openFunnel({ viewport: { width: 360, height: 740 } });
  const { page } = s;
  await page.getByTestId('add-seller').click();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `page is ${overflow}px wider than the screen`);
  assert.ok(await page.getByTestId('leads-per-day').isVisible());
  await s.done();
});

// Time to interactive (issue 9): a fresh page's first frame lays out only the funnel's top
// (inputs, figures and the norms); the stage rows, the chart's drawing, the cycle,
// sensitivity and diagnostics follow right after its paint, and nothing above them moves.
// And the page keeps to few fonts (size x weight), each a call to the browser in that
// first layout.
test('the first frame holds the inputs and results; the rest follows; few fonts', async () => {
  const context = await app.browser.newContext({ locale: 'ru-RU', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.addInitScript(() => {
    // Size (whole px, as the renderer keys them) x bold of every visible text and field
    // (not the charts': SVG text is drawn at the chart's scale).
    window.fontsInUse = () => {
      const seen = new Set();
      for (const el of document.querySelectorAll('body *')) {
        if (el.closest('svg')) continue;
        const hasText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
        if (!hasText && !['INPUT', 'SELECT', 'TEXTAREA', 'BUTTON'].includes(el.tagName)) continue;
        const style = getComputedStyle(el);
        if (style.display === 'none' || style.visibility === 'hidden') continue;
        const bold = Number(style.fontWeight) >= 600 ? 'bold' : 'normal';
        seen.add(`${Math.trunc(parseFloat(style.fontSize))}px ${bold} ${style.fontFamily.split(',')[0]}`);
      }
      return [...seen].sort();
    };
    new MutationObserver((_, observer) => {
      if (!document.querySelector('[data-testid="target-revenue"]')) return;
      observer.disconnect();
      requestAnimationFrame(() => {
        const has = (selector) => document.querySelector(selector) !== null;
        const chart = document.querySelector('[data-testid="funnel-chart"]');
        window.firstFrame = {
          results: has('[data-testid="stage-1-required"]'),
          stageRows: has('[data-testid="stage-1"]'),
          chartFrame: chart !== null,
          chartDrawn: has('[data-testid="funnel-chart"] rect'),
          cycle: has('[data-testid="cycle"]'),
          diagnostics: has('[data-testid="diagnostics"]'),
        };
        window.normsTopFirst = document.querySelector('[data-testid="norms-table"]').getBoundingClientRect().top;
        window.firstFonts = window.fontsInUse();
      });
    }).observe(document, { childList: true, subtree: true });
  });
  await page.goto(app.baseUrl + '/funnel');
  await page.getByTestId('diagnostics').waitFor();
  await page.getByTestId('cycle').waitFor();
  await page.getByTestId('stage-1').waitFor();
  assert.deepEqual(await page.evaluate(() => window.firstFrame), {
    results: true, stageRows: false, chartFrame: true, chartDrawn: false, cycle: false, diagnostics: false,
  });
  // The chart's empty frame had its final size: the norms below it did not move.
  const normsTop = await page.evaluate(() => document.querySelector('[data-testid="norms-table"]').getBoundingClientRect().top);
  assert.equal(normsTop, await page.evaluate(() => window.normsTopFirst));
  assert.ok(await page.locator('[data-testid="funnel-chart"] rect').count() >= 4, 'the chart is drawn after the first paint');

  // Fonts: five in the first frame, seven once everything is there.
  const firstFonts = await page.evaluate(() => window.firstFonts);
  assert.ok(firstFonts.length <= 5, `the first frame uses ${firstFonts.length} fonts: ${firstFonts.join('; ')}`);
  const fonts = await page.evaluate(() => window.fontsInUse());
  assert.ok(fonts.length <= 7, `the funnel page uses ${fonts.length} fonts: ${fonts.join('; ')}`);
  await context.close();
});
