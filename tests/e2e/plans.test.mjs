// The plans page (issue 7): many plans per device (create, rename, duplicate, switch, delete
// with undo), comparison side by side, plan files (JSON), share links, Excel and CSV, the
// printed report and the demo presets, in Russian and English.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { startApp, openPage, textOf, typeInto, waitForApp, normalizeSpaces } from './harness.mjs';

let app;
before(async () => { app = await startApp(); });
after(async () => { await app.close(); });

const ARTIFACTS = path.join(path.dirname(fileURLToPath(import.meta.url)), 'artifacts');

async function openPlans(locale = 'ru-RU', urlPath = '/plans') {
  const s = await openPage(app, { locale, path: urlPath });
  await s.page.getByTestId('page-plans').waitFor();
  return s;
}

async function goPlans(page) {
  await page.getByTestId('nav-plans').click();
  await page.getByTestId('page-plans').waitFor();
}

async function goFunnel(page) {
  await page.getByTestId('nav-funnel').click();
  await page.getByTestId('page-funnel').waitFor();
}

async function reloadPlans(page) {
  await page.reload();
  await waitForApp(page);
  await page.getByTestId('page-plans').waitFor();
}

/** The stored document (localStorage key `salesplan`), parsed. */
async function stored(page) {
  return JSON.parse(await page.evaluate(() => localStorage.getItem('salesplan')));
}

async function storedRaw(page) {
  return page.evaluate(() => localStorage.getItem('salesplan'));
}

/** The names in the list of plans, top to bottom. */
async function rowNames(page) {
  const count = await page.locator('[data-testid^="open-plan-"]').count();
  const names = [];
  for (let n = 1; n <= count; n++) names.push(await textOf(page, `plan-row-${n}-name`));
  return names;
}

/** Sets the active plan's reverse funnel on the funnel page and returns deals per month. */
async function setFunnel(page, target, check) {
  await goFunnel(page);
  await page.getByTestId('direction-reverse').click();
  await typeInto(page, 'target-revenue', target);
  await typeInto(page, 'avg-check', check);
  return textOf(page, 'deals');
}

/** A number as typed, spaces of any kind removed. */
function digits(s) {
  return s.replace(/\s/g, '');
}

async function dealsOnFunnel(page) {
  await goFunnel(page);
  return textOf(page, 'deals');
}

async function clickToDownload(page, testId) {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId(testId).click(),
  ]);
  const file = await download.path();
  return { name: download.suggestedFilename(), bytes: fs.readFileSync(file) };
}

/** Chooses a file in the import dialog, as a person does from the "Import" button. */
async function importFile(page, name, content) {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByTestId('import-button').click(),
  ]);
  await chooser.setFiles({ name, mimeType: 'application/json', buffer: Buffer.from(content) });
}

async function undoText(page) {
  return normalizeSpaces(await page.getByTestId('undo-bar').locator('p').textContent());
}

/** The comparison classes of a cell (`cmp-higher`, `cmp-lower`, `cmp-missing`). */
async function deltaClasses(page, testId) {
  const classes = (await page.getByTestId(testId).getAttribute('class')) || '';
  return classes.split(/\s+/).filter((c) => c.startsWith('cmp-'));
}

async function hasClass(page, testId, cls) {
  const classes = (await page.getByTestId(testId).getAttribute('class')) || '';
  return classes.split(/\s+/).includes(cls);
}

/** True when the element or one of its ancestors is not rendered (display: none). */
async function hiddenByCss(page, testId) {
  return page.getByTestId(testId).first().evaluate((el) => {
    for (let e = el; e; e = e.parentElement) {
      if (getComputedStyle(e).display === 'none') return true;
    }
    return false;
  });
}

/**
 * Problems of a bar chart as drawn: a label cut off at the left edge, or a value written on
 * a bar in a colour too close to the bar's (contrast below 4.5:1).
 */
async function chartProblems(page, testId) {
  return page.getByTestId(testId).evaluate((svg) => {
    const rgb = (c) => (c.match(/\d+(\.\d+)?/g) || []).slice(0, 3).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const contrast = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p); return (x + 0.05) / (y + 0.05); };
    const problems = [];
    for (const g of svg.querySelectorAll('g')) {
      const rect = g.querySelector('rect');
      const [label, value] = g.querySelectorAll('text');
      if (label.getBBox().x < 0) problems.push(`label cut off: ${label.textContent}`);
      const box = value.getBBox();
      const r = rect.getBBox();
      const onBar = box.x >= r.x && box.x + box.width <= r.x + r.width;
      if (onBar) {
        const ratio = contrast(rgb(getComputedStyle(value).fill), rgb(getComputedStyle(rect).fill));
        if (ratio < 4.5) problems.push(`value on bar hard to read (${ratio.toFixed(1)}:1): ${value.textContent}`);
      }
    }
    return problems;
  });
}

test('plans: create, rename, duplicate, switch, delete with undo, and all of it survives a reload', async () => {
  const s = await openPlans('ru-RU');
  const { page } = s;
  assert.deepEqual(await rowNames(page), ['Демо-план']);
  assert.equal(await textOf(page, 'plan-row-1-updated'), 'не менялся');
  assert.equal(await page.getByTestId('delete-plan-1').isDisabled(), true, 'the only plan cannot be deleted');
  // Plan 1: 3 000 000 a month at 50 000 a deal = 60 deals.
  assert.equal(await setFunnel(page, '3 000 000', '50 000'), '60');
  const daysOfFirst = await page.getByTestId('working-days').inputValue();
  assert.equal(daysOfFirst, '21');

  await goPlans(page);
  await page.getByTestId('new-plan').click();
  assert.deepEqual(await rowNames(page), ['Демо-план', 'Новый план']);
  assert.match(await textOf(page, 'plan-row-2-updated'), new RegExp(`^изменён .*${new Date().getFullYear()}`));
  assert.equal(await textOf(page, 'active-plan-name'), 'Новый план');
  await page.getByTestId('plan-row-2-active').waitFor();
  assert.equal(await page.getByTestId('plan-row-1-active').count(), 0);
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Новый план', 'the header shows the active plan');

  // Rename: Enter saves.
  await page.getByTestId('rename-plan-2').click();
  await typeInto(page, 'rename-plan-2-input', 'Северо-Запад');
  await page.getByTestId('rename-plan-2-input').press('Enter');
  assert.deepEqual(await rowNames(page), ['Демо-план', 'Северо-Запад']);
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Северо-Запад');
  // Escape cancels.
  await page.getByTestId('rename-plan-1').click();
  await typeInto(page, 'rename-plan-1-input', 'Не то');
  await page.getByTestId('rename-plan-1-input').press('Escape');
  assert.deepEqual(await rowNames(page), ['Демо-план', 'Северо-Запад']);

  // Plan 2 gets its own numbers: 3 000 000 at 100 000 = 30 deals, 20 working days.
  await typeInto(page, 'working-days', '20');
  assert.equal(await setFunnel(page, '3 000 000', '100 000'), '30');

  // Switching changes what every calculator and the header show.
  await goPlans(page);
  await page.getByTestId('open-plan-1').click();
  assert.equal(await textOf(page, 'active-plan-name'), 'Демо-план');
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Демо-план');
  assert.equal(await page.getByTestId('working-days').inputValue(), daysOfFirst);
  assert.equal(await page.getByTestId('open-plan-1').isDisabled(), true);
  assert.equal(await dealsOnFunnel(page), '60');
  assert.equal(digits(await page.getByTestId('avg-check').inputValue()), '50000');
  await goPlans(page);
  await page.getByTestId('open-plan-2').click();
  assert.equal(await page.getByTestId('plan-name').inputValue(), 'Северо-Запад');
  assert.equal(await page.getByTestId('working-days').inputValue(), '20');
  assert.equal(await dealsOnFunnel(page), '30');

  // Duplicate: a copy next to the original, active, with the same numbers; then it changes
  // on its own.
  await goPlans(page);
  await page.getByTestId('duplicate-plan-2').click();
  assert.deepEqual(await rowNames(page), ['Демо-план', 'Северо-Запад', 'Северо-Запад (копия)']);
  assert.equal(await textOf(page, 'active-plan-name'), 'Северо-Запад (копия)');
  let doc = await stored(page);
  assert.equal(doc.plans.length, 3);
  assert.notEqual(doc.plans[2].id, doc.plans[1].id, 'the copy has an id of its own');
  assert.deepEqual(doc.plans[2].funnel, doc.plans[1].funnel);
  assert.equal(doc.active, doc.plans[2].id);
  assert.equal(await setFunnel(page, '3 000 000', '75 000'), '40');
  await goPlans(page);
  await page.getByTestId('open-plan-2').click();
  assert.equal(await dealsOnFunnel(page), '30', 'the original did not change with its copy');
  await goPlans(page);
  await page.getByTestId('open-plan-3').click();

  // Delete the active plan, then undo: it comes back in its place and active.
  await page.getByTestId('delete-plan-3').click();
  assert.equal(await undoText(page), 'План «Северо-Запад (копия)» удалён.');
  assert.deepEqual(await rowNames(page), ['Демо-план', 'Северо-Запад']);
  assert.equal((await stored(page)).plans.length, 2, 'the delete is saved at once');
  assert.equal(await textOf(page, 'active-plan-name'), 'Северо-Запад');
  await page.getByTestId('undo-delete').click();
  assert.equal(await page.getByTestId('undo-bar').count(), 0);
  assert.deepEqual(await rowNames(page), ['Демо-план', 'Северо-Запад', 'Северо-Запад (копия)']);
  assert.equal(await textOf(page, 'active-plan-name'), 'Северо-Запад (копия)');
  // The first plan too: back at the top.
  await page.getByTestId('delete-plan-1').click();
  assert.deepEqual(await rowNames(page), ['Северо-Запад', 'Северо-Запад (копия)']);
  await page.getByTestId('undo-delete').click();
  assert.deepEqual(await rowNames(page), ['Демо-план', 'Северо-Запад', 'Северо-Запад (копия)']);
  doc = await stored(page);
  assert.deepEqual(doc.plans.map((p) => p.name), ['Демо-план', 'Северо-Запад', 'Северо-Запад (копия)']);

  await reloadPlans(page);
  assert.deepEqual(await rowNames(page), ['Демо-план', 'Северо-Запад', 'Северо-Запад (копия)']);
  assert.equal(await textOf(page, 'active-plan-name'), 'Северо-Запад (копия)');
  assert.equal(await dealsOnFunnel(page), '40');

  // A delete that is not undone is gone after a reload, and so is its undo.
  await goPlans(page);
  await page.getByTestId('delete-plan-1').click();
  await reloadPlans(page);
  assert.deepEqual(await rowNames(page), ['Северо-Запад', 'Северо-Запад (копия)']);
  assert.equal(await page.getByTestId('undo-bar').count(), 0);
  await s.done();
});

test('in English: two or three plans compared side by side, differences marked', async () => {
  const s = await openPlans('en-US');
  const { page } = s;
  // Plan 1 (the demo) as each calculator shows it.
  await goFunnel(page);
  const leadsOfFirst = await textOf(page, 'stage-1-required');
  await page.getByTestId('nav-ltv').click();
  await page.getByTestId('page-ltv').waitFor();
  const ltvOfFirst = await textOf(page, 'ltv-value');
  await page.getByTestId('nav-headcount').click();
  await page.getByTestId('page-headcount').waitFor();
  const budgetOfFirst = await textOf(page, 'budget-month');
  await goFunnel(page);
  const firstAvgCheck = Number(digits(await page.getByTestId('avg-check').inputValue()).replace(/,/g, ''));
  assert.ok(firstAvgCheck > 0);

  // Plan 2: a copy with twice the average check needs fewer deals, so fewer leads.
  await goPlans(page);
  await page.getByTestId('duplicate-plan-1').click();
  await goFunnel(page);
  await typeInto(page, 'avg-check', String(firstAvgCheck * 2));
  const leadsOfSecond = await textOf(page, 'stage-1-required');
  // Plan 3: a preset with other roles; plan 4: one more, not compared.
  await goPlans(page);
  await page.getByTestId('preset-b2b-services').click();
  await page.getByTestId('new-plan').click();
  assert.deepEqual(await rowNames(page), ['Demo plan', 'Demo plan (copy)', 'Complex B2B services', 'New plan']);

  await page.getByTestId('compare-hint').waitFor();
  await page.getByTestId('compare-plan-1').check();
  await page.getByTestId('compare-hint').waitFor();
  await page.getByTestId('compare-plan-2').check();
  await page.getByTestId('compare-table').waitFor();
  assert.equal(await page.getByTestId('compare-hint').count(), 0);
  await page.getByTestId('compare-plan-3').check();
  assert.equal(await page.getByTestId('compare-plan-4').isDisabled(), true, 'at most three plans');
  assert.equal(await textOf(page, 'compare-head-1'), 'Demo plan');
  assert.equal(await textOf(page, 'compare-head-2'), 'Demo plan (copy)');
  assert.equal(await textOf(page, 'compare-head-3'), 'Complex B2B servicesDemo client');

  // Every headline row is there.
  for (const key of ['revenue-plan', 'leads', 'role-1', 'headcount', 'budget', 'ltv', 'ltv-cac']) {
    await page.getByTestId(`compare-row-${key}`).waitFor();
  }
  // The first plan's cells are what its calculators show.
  assert.equal(await textOf(page, 'compare-leads-1'), leadsOfFirst);
  assert.equal(await textOf(page, 'compare-ltv-1'), ltvOfFirst);
  assert.equal(await textOf(page, 'compare-budget-1'), budgetOfFirst);
  // Fewer leads in plan 2: marked lower, and the row as differing.
  assert.ok((await textOf(page, 'compare-leads-2')).startsWith(leadsOfSecond));
  assert.notEqual(leadsOfSecond, leadsOfFirst);
  assert.ok(await hasClass(page, 'compare-leads-2', 'cmp-lower'));
  assert.match(await textOf(page, 'compare-leads-2'), /▼ \(lower than the first plan\)$/);
  assert.ok(await hasClass(page, 'compare-row-leads', 'cmp-differs'));
  // The same LTV inputs in plans 1 and 2: not marked; the preset's LTV differs.
  assert.equal(await textOf(page, 'compare-ltv-2'), ltvOfFirst);
  assert.deepEqual(await deltaClasses(page, 'compare-ltv-2'), []);
  assert.ok(await hasClass(page, 'compare-row-ltv', 'cmp-differs'));
  assert.ok(
    (await hasClass(page, 'compare-ltv-3', 'cmp-higher')) || (await hasClass(page, 'compare-ltv-3', 'cmp-lower')),
  );
  // Revenue plans of plans 1 and 2 are equal, the preset's is another.
  assert.equal(await textOf(page, 'compare-revenue-plan-1'), await textOf(page, 'compare-revenue-plan-2'));
  assert.deepEqual(await deltaClasses(page, 'compare-revenue-plan-2'), []);
  assert.deepEqual(await deltaClasses(page, 'compare-revenue-plan-1'), []);
  // Roles are matched by name: a role only the preset has is "not comparable" for the demo.
  const doc = await stored(page);
  const demoRoles = doc.plans[0].headcount.roles.map((r) => r.name);
  const roleRows = await page.locator('[data-testid^="compare-row-role-"]').count();
  const presetRoles = doc.plans[2].headcount.roles.map((r) => r.name);
  assert.ok(roleRows >= new Set([...demoRoles, ...presetRoles]).size);
  let missing = 0;
  for (let n = 1; n <= roleRows; n++) {
    const label = await page.getByTestId(`compare-row-role-${n}`).locator('th').textContent();
    const name = label.replace(/^Headcount — /, '');
    if (!demoRoles.includes(name)) {
      assert.equal(await textOf(page, `compare-role-${n}-1`), '—');
      assert.ok(await hasClass(page, `compare-role-${n}-3`, 'cmp-missing'));
      missing++;
    }
  }
  assert.ok(missing > 0, 'the preset has roles the demo has not');

  // Unticking one leaves two; clearing leaves the hint.
  await page.getByTestId('compare-plan-3').uncheck();
  assert.equal(await page.getByTestId('compare-head-3').count(), 0);
  await page.getByTestId('compare-head-2').waitFor();
  await page.getByTestId('compare-clear').click();
  await page.getByTestId('compare-hint').waitFor();
  assert.equal(await page.getByTestId('compare-plan-1').isChecked(), false);
  await s.done();
});

test('JSON files: one plan and all plans round-trip; a clash asks; wrong files change nothing', async () => {
  const a = await openPlans('ru-RU');
  await a.page.getByTestId('new-plan').click();
  await typeInto(a.page, 'plan-client', 'ООО «Ромашка»');
  assert.equal(await setFunnel(a.page, '3 100 000', '50 000'), '62');
  await goPlans(a.page);
  const one = await clickToDownload(a.page, 'export-plan-2');
  const all = await clickToDownload(a.page, 'export-all');
  assert.match(one.name, /^salesplan-новый-план-\d{4}-\d{2}-\d{2}\.json$/);
  assert.match(all.name, /^salesplan-все-планы-\d{4}-\d{2}-\d{2}\.json$/);
  const docA = await stored(a.page);
  const oneFile = JSON.parse(one.bytes.toString('utf8'));
  const allFile = JSON.parse(all.bytes.toString('utf8'));
  assert.equal(allFile.format, 'salesplan-plans');
  assert.equal(allFile.schema, docA.schema);
  assert.deepEqual(allFile.plans, docA.plans, 'the file holds the plans as stored');
  assert.deepEqual(oneFile.plans, [docA.plans[1]]);
  await a.done();

  // The one-plan file in a fresh browser: no clash, so no question; the plan is equal.
  const c = await openPlans('ru-RU');
  await importFile(c.page, one.name, one.bytes);
  await c.page.getByTestId('import-message').waitFor();
  assert.equal(await textOf(c.page, 'import-message'), 'Загружено планов: 1. Откройте нужный в списке.');
  assert.equal(await c.page.getByTestId('import-question').count(), 0);
  const docC = await stored(c.page);
  assert.deepEqual(docC.plans.slice(1), [docA.plans[1]], 'round trip of one plan: equal, id and time kept');
  assert.equal(docC.active, 'demo', 'an import does not switch the active plan');
  await c.done();

  // A fresh browser: its demo plan has the same id as the file's, so the import asks.
  const b = await openPlans('ru-RU');
  const { page } = b;
  await importFile(page, all.name, all.bytes);
  await page.getByTestId('import-question').waitFor();
  assert.match(await textOf(page, 'import-question'), /«Демо-план»/);
  assert.equal(await storedRaw(page), null, 'nothing is written before the answer');
  await page.getByTestId('import-replace').click();
  assert.match(await textOf(page, 'import-message'), /^Загружено планов: 2\. Заменено: 1\./);
  assert.deepEqual((await stored(page)).plans, docA.plans, 'round trip: the plans are equal');
  assert.deepEqual(await rowNames(page), ['Демо-план', 'Новый план']);

  // The one-plan file again: its id is here now. Cancel changes nothing; keep both adds a copy.
  let before = await storedRaw(page);
  await importFile(page, one.name, one.bytes);
  await page.getByTestId('import-question').waitFor();
  assert.match(await textOf(page, 'import-question'), /«Новый план»/);
  await page.getByTestId('import-cancel').click();
  assert.equal(await textOf(page, 'import-message'), 'Загрузка отменена, ничего не изменилось.');
  assert.equal(await storedRaw(page), before);
  await importFile(page, one.name, one.bytes);
  await page.getByTestId('import-keep-both').click();
  assert.deepEqual(await rowNames(page), ['Демо-план', 'Новый план', 'Новый план (2)']);
  const docB = await stored(page);
  assert.notEqual(docB.plans[2].id, docB.plans[1].id);
  const { id: _i1, name: _n1, ...copy } = docB.plans[2];
  const { id: _i2, name: _n2, ...original } = docA.plans[1];
  assert.deepEqual(copy, original, 'the kept copy holds the same plan');
  // Replace with a changed plan of the same id: the plan here takes the file's content.
  const changed = structuredClone(oneFile);
  changed.plans[0].client = 'ЗАО «Лютик»';
  await importFile(page, 'changed.json', JSON.stringify(changed));
  await page.getByTestId('import-replace').click();
  assert.deepEqual(await rowNames(page), ['Демо-план', 'Новый план', 'Новый план (2)']);
  assert.equal(await textOf(page, 'plan-row-2-client'), 'ЗАО «Лютик»');

  // Wrong files: a clear message, and the stored document does not change.
  before = await storedRaw(page);
  const wrong = [
    ['notes.json', 'name;client\n1;2', /не в формате JSON/],
    ['other.json', '{"hello":"world"}', /^Это JSON, но не файл планов Salesplan/],
    ['future.json', '{"format":"salesplan-plans","schema":99,"plans":[{}]}', /более новой версией Salesplan \(схема 99\)/],
    ['empty.json', '{"format":"salesplan-plans","schema":2,"plans":[]}', /В файле нет ни одного плана/],
    ['bad.json', '{"format":"salesplan-plans","schema":2,"plans":[{"funnel":{"avg_check":"много"}}]}', /План №1 в файле повреждён/],
    ['huge.json', ' '.repeat(6 * 1024 * 1024), /^Файл слишком большой \(6,0 МБ\)\. Можно загрузить файл планов до 5 МБ\.$/],
  ];
  for (const [name, content, message] of wrong) {
    await importFile(page, name, content);
    await page.getByTestId('import-message').filter({ hasText: message }).waitFor();
    assert.ok(await hasClass(page, 'import-message', 'plans-message-bad'), name);
    assert.equal(await page.getByTestId('import-message').getAttribute('role'), 'alert');
    assert.equal(await page.getByTestId('import-question').count(), 0);
    assert.equal(await storedRaw(page), before, `${name} changed nothing`);
  }
  assert.deepEqual(await rowNames(page), ['Демо-план', 'Новый план', 'Новый план (2)']);
  await b.done();
});

test('share link: made here, previewed in another browser, saved as a new plan; markup stays text', async () => {
  const a = await openPlans('ru-RU');
  const name = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> План 🚀 «Ёлка»';
  const client = '<b>ООО</b> «Ромашка» & Co';
  await a.page.getByTestId('new-plan').click();
  await typeInto(a.page, 'plan-name', name);
  await typeInto(a.page, 'plan-client', client);
  assert.equal(await setFunnel(a.page, '3 100 000', '50 000'), '62');
  await goPlans(a.page);
  assert.equal(await textOf(a.page, 'plan-row-2-name'), name);
  const shown = {};
  for (const f of ['revenue', 'leads', 'headcount', 'budget', 'ltv', 'ltv-cac']) shown[f] = await textOf(a.page, `report-${f}`);
  await a.page.getByTestId('share-plan-2').click();
  await a.page.getByTestId('share-panel').waitFor();
  const link = await a.page.getByTestId('share-link').inputValue();
  assert.ok(link.startsWith(`${app.baseUrl}/plans#share=v1.`), link);
  await a.page.getByTestId('share-status').filter({ hasText: /Ссылка скопирована|Скопируйте ссылку/ }).waitFor();
  const planA = (await stored(a.page)).plans[1];
  assert.equal(await a.page.evaluate(() => window.__xss), undefined);
  await a.done();

  // Another browser opens the link: a preview, and nothing saved yet.
  const b = await openPlans('ru-RU', link.slice(app.baseUrl.length));
  const { page } = b;
  await page.getByTestId('share-preview').waitFor();
  assert.equal(await textOf(page, 'share-preview-name'), name, 'markup is shown as text');
  assert.equal(await textOf(page, 'share-preview-client'), client);
  assert.equal(await page.locator('[data-testid="share-preview"] script, [data-testid="share-preview"] img, [data-testid="share-preview"] b').count(), 0);
  for (const [f, value] of Object.entries(shown)) {
    assert.equal(await textOf(page, `share-preview-${f}`), value, `share-preview-${f}`);
  }
  assert.deepEqual(await rowNames(page), ['Демо-план'], 'the link changed nothing yet');
  assert.equal(await storedRaw(page), null);
  await page.getByTestId('share-save').click();
  assert.equal(await page.getByTestId('share-preview').count(), 0);
  assert.deepEqual(await rowNames(page), ['Демо-план', name]);
  assert.equal(await textOf(page, 'active-plan-name'), name);
  assert.equal(await page.getByTestId('plan-name').inputValue(), name);
  assert.equal(new URL(page.url()).hash, '', 'the link is gone from the address');
  const docB = await stored(page);
  const { id: idB, updated_at_ms: _tB, ...planB } = docB.plans[1];
  const { id: idA, updated_at_ms: _tA, ...expected } = planA;
  assert.deepEqual(planB, expected, 'the saved plan is the shared one (new id and time)');
  assert.ok(idB && idB !== 'demo');
  assert.equal(docB.active, idB);
  assert.equal(await dealsOnFunnel(page), '62');
  await page.reload();
  await waitForApp(page);
  await goPlans(page);
  assert.equal(await page.getByTestId('share-preview').count(), 0, 'a reload does not open the link again');
  assert.deepEqual(await rowNames(page), ['Демо-план', name]);
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await b.done();

  // Broken links: a clear message, nothing saved.
  const data = link.split('#share=')[1];
  const broken = [
    [`#share=${data.slice(0, Math.floor(data.length / 2))}`, 'Ссылка повреждена — скорее всего, её скопировали не целиком. Попросите прислать её ещё раз.'],
    [`#share=v1.${'!'.repeat(20)}`, 'Ссылка повреждена — скорее всего, её скопировали не целиком. Попросите прислать её ещё раз.'],
    ['#share=', 'Ссылка пустая: в ней нет плана.'],
    ['#share=v7.abc', 'Ссылка сделана более новой версией Salesplan или обрезана. Обновите страницу или попросите прислать план файлом.'],
  ];
  for (const [fragment, message] of broken) {
    const c = await openPlans('ru-RU', `/plans${fragment}`);
    await c.page.getByTestId('share-message').waitFor();
    assert.equal(await textOf(c.page, 'share-message'), message, fragment);
    assert.equal(await c.page.getByTestId('share-save').count(), 0);
    await c.page.getByTestId('share-dismiss').click();
    assert.equal(await c.page.getByTestId('share-preview').count(), 0);
    assert.deepEqual(await rowNames(c.page), ['Демо-план']);
    assert.equal(await storedRaw(c.page), null, 'a broken link writes nothing');
    await c.done();
  }
});

/** Reads a ZIP archive: entries stored or deflated, with their CRC checked. */
function unzip(buf) {
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  assert.ok(eocd >= 0, 'a ZIP archive');
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  const entries = new Map();
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(at), 0x02014b50, 'central directory record');
    const method = buf.readUInt16LE(at + 10);
    const crc = buf.readUInt32LE(at + 16);
    const packed = buf.readUInt32LE(at + 20);
    const size = buf.readUInt32LE(at + 24);
    const nameLen = buf.readUInt16LE(at + 28);
    const extraLen = buf.readUInt16LE(at + 30);
    const commentLen = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString('utf8', at + 46, at + 46 + nameLen);
    assert.equal(buf.readUInt32LE(local), 0x04034b50, 'local header');
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + packed);
    let data;
    if (method === 0) data = raw;
    else if (method === 8) data = zlib.inflateRawSync(raw);
    else assert.fail(`unknown compression ${method} of ${name}`);
    assert.equal(data.length, size, name);
    assert.equal(zlib.crc32(data) >>> 0, crc, `CRC of ${name}`);
    entries.set(name, data.toString('utf8'));
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

function xmlText(s) {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}

/** The rows of a worksheet: each a list of cells { attrs, text, number }. */
function sheetRows(xml) {
  return [...xml.matchAll(/<row [^>]*>(.*?)<\/row>/gs)].map(([, row]) =>
    [...row.matchAll(/<c ([^>]*?)(?:\/>|>(.*?)<\/c>)/gs)].map(([, attrs, inner = '']) => {
      const t = /\bt="([^"]+)"/.exec(attrs)?.[1];
      const s = Number(/\bs="(\d+)"/.exec(attrs)?.[1] || 0);
      const v = /<v>([^<]*)<\/v>/.exec(inner)?.[1];
      const text = /<t[^>]*>([^<]*)<\/t>/.exec(inner)?.[1];
      return { t, s, value: t === undefined && v !== undefined ? v : undefined, text: text === undefined ? undefined : xmlText(text) };
    }));
}

/** The number cell right of a row's label, e.g. "Сделок в месяц" -> { value, s }. */
function valueOf(rows, label) {
  const row = rows.find((r) => r[0] && r[0].text === label);
  assert.ok(row, `a row "${label}"`);
  return row[1];
}

test('Excel: a sheet per calculator, numbers as numbers with formats; CSV per table', async () => {
  const s = await openPlans('ru-RU');
  const { page } = s;
  await typeInto(page, 'plan-client', 'ООО «Ромашка»');
  // 3 100 000 / 50 000 = 62 deals a month.
  assert.equal(await setFunnel(page, '3 100 000', '50 000'), '62');
  await goPlans(page);
  const xlsx = await clickToDownload(page, 'export-xlsx-1');
  assert.match(xlsx.name, /^salesplan-демо-план-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const parts = unzip(xlsx.bytes);
  for (const part of ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/styles.xml']) {
    assert.ok(parts.has(part), part);
  }
  const names = [...parts.get('xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => xmlText(m[1]));
  assert.deepEqual(names, ['Воронка', 'LTV', 'Штат и бюджет']);
  names.forEach((_, i) => assert.ok(parts.has(`xl/worksheets/sheet${i + 1}.xml`)));

  // Styles: the index of each cell style -> its number format.
  const styles = parts.get('xl/styles.xml');
  const xfs = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)[1]).matchAll(/<xf ([^>]*?)\/?>/g)].map((m) => m[1]);
  const formats = new Map([...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]*)"/g)].map((m) => [Number(m[1]), xmlText(m[2])]));
  const formatOf = (s) => {
    const xf = xfs[s];
    assert.ok(xf, `style ${s} exists`);
    assert.match(xf, /applyNumberFormat="1"/, `style ${s} applies a number format`);
    const id = Number(/numFmtId="(\d+)"/.exec(xf)[1]);
    assert.ok(id > 0, `style ${s} has a number format`);
    return formats.get(id) ?? `builtin ${id}`;
  };

  const funnel = sheetRows(parts.get('xl/worksheets/sheet1.xml'));
  assert.equal(funnel[0][0].text, 'Демо-план — ООО «Ромашка»', 'the sheet heads with plan and client');
  const deals = valueOf(funnel, 'Сделок в месяц');
  assert.equal(deals.value, '62', 'deals as a number, not text');
  assert.equal(formatOf(deals.s), '#,##0');
  // The funnel's target is the plan's new-client part; the plan's whole is beside it
  // (3 100 000 typed on the funnel page + the demo's 40 000 000 from existing clients).
  const target = valueOf(funnel, 'Выручка от новых клиентов в месяц');
  assert.equal(target.value, '3100000');
  assert.equal(valueOf(funnel, 'План выручки в месяц (весь план)').value, '43100000');
  assert.match(formatOf(target.s), /₽/, 'money has a currency format');
  const check = valueOf(funnel, 'Средний чек');
  assert.equal(check.value, '50000');
  // Conversions are stored as shares with a percent format.
  const doc = await stored(page);
  const stagesHeader = funnel.findIndex((r) => r[0]?.text === 'Этап');
  assert.ok(stagesHeader > 0);
  const firstStage = funnel[stagesHeader + 1];
  assert.equal(firstStage[0].text, doc.plans[0].funnel.stages[0].name);
  assert.equal(Number(firstStage[1].value), doc.plans[0].funnel.stages[0].conversion_pct / 100);
  assert.equal(formatOf(firstStage[1].s), '0.0%');
  // Every sheet has numbers written as numbers, each with a number format; none as text.
  for (let i = 1; i <= names.length; i++) {
    const xml = parts.get(`xl/worksheets/sheet${i}.xml`);
    assert.doesNotMatch(xml, /t="s"/, 'no shared strings');
    const cells = sheetRows(xml).flat();
    const numbers = cells.filter((c) => c.value !== undefined);
    assert.ok(numbers.length >= 3, `sheet ${i} has numbers`);
    for (const c of numbers) {
      assert.ok(Number.isFinite(Number(c.value)), `a number: ${c.value}`);
      formatOf(c.s);
    }
    for (const c of cells.filter((c) => c.text !== undefined)) {
      assert.doesNotMatch(c.text, /^-?[\d\s\u00a0]+([.,]\d+)?\s*(₽|%)?$/, `a number written as text: ${c.text}`);
    }
  }
  // The LTV sheet's LTV is the LTV page's figure.
  const ltvRows = sheetRows(parts.get('xl/worksheets/sheet2.xml'));
  const ltv = valueOf(ltvRows, 'LTV');
  await page.getByTestId('nav-ltv').click();
  await page.getByTestId('page-ltv').waitFor();
  assert.equal(digits(await textOf(page, 'ltv-value')).replace('₽', '').replace(',', '.'),
    String(Math.round(Number(ltv.value))));

  // CSV of a table: Russian separators, the numbers plain.
  await goPlans(page);
  const inputs = await clickToDownload(page, 'export-csv-funnel-inputs');
  assert.match(inputs.name, /^демо-план-\d{4}-\d{2}-\d{2}-funnel-inputs\.csv$/);
  const inputsText = inputs.bytes.toString('utf8');
  assert.ok(inputsText.startsWith('\ufeffПараметр;Значение\r\n'), inputsText);
  assert.match(inputsText, /\r\nВыручка от новых клиентов в месяц;3100000\r\n/);
  assert.match(inputsText, /\r\nСредний чек;50000\r\n/);
  const results = (await clickToDownload(page, 'export-csv-funnel-results')).bytes.toString('utf8');
  assert.match(results, /\r\nСделок в месяц;62\r\n/);
  const stagesCsv = (await clickToDownload(page, 'export-csv-funnel-stages')).bytes.toString('utf8');
  const lines = stagesCsv.replace(/^\ufeff/, '').split('\r\n').filter(Boolean);
  assert.equal(lines.length, 1 + doc.plans[0].funnel.stages.length);
  assert.equal(lines[0].split(';')[0], 'Этап');
  doc.plans[0].funnel.stages.forEach((st, i) => assert.equal(lines[i + 1].split(';')[0], st.name));
  await s.done();
});

test('print: only the report, under a header with plan, client and date', async () => {
  const s = await openPlans('ru-RU');
  const { page } = s;
  await typeInto(page, 'plan-name', 'План 2026');
  await typeInto(page, 'plan-client', 'ООО «Ромашка»');
  // On screen the header is not shown and the controls are.
  assert.equal(await hiddenByCss(page, 'print-header'), true);
  assert.equal(await hiddenByCss(page, 'nav-funnel'), false);
  assert.equal(await hiddenByCss(page, 'new-plan'), false);

  await page.emulateMedia({ media: 'print' });
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, 'plans-print.png'), fullPage: true });
  assert.equal(await hiddenByCss(page, 'print-header'), false);
  assert.equal(await textOf(page, 'print-plan-name'), 'План 2026');
  assert.equal(await textOf(page, 'print-client'), 'Клиент: ООО «Ромашка»');
  const date = await textOf(page, 'print-date');
  const now = new Date();
  assert.ok(date.includes(String(now.getFullYear())), date);
  assert.match(date, new RegExp(`(^|\\D)${now.getDate()}(\\D|$)`));
  // Navigation and editing controls are not printed; the report's tables are.
  for (const id of ['nav-funnel', 'lang-en', 'plan-name', 'working-days', 'new-plan', 'import-button', 'export-all',
    'open-plan-1', 'compare-plan-1', 'preset-b2b-services', 'print-report', 'export-csv-funnel-inputs']) {
    assert.equal(await hiddenByCss(page, id), true, `${id} is hidden in print`);
  }
  for (const id of ['report-revenue', 'report-funnel-inputs', 'report-ltv-figures']) {
    assert.equal(await hiddenByCss(page, id), false, `${id} is printed`);
  }
  assert.equal(await page.getByTestId('nav-funnel').evaluate((el) => getComputedStyle(el.closest('header')).display), 'none');
  // The report's charts: labels whole, values on the bars readable.
  for (const id of ['report-chart-funnel', 'report-chart-headcount', 'report-chart-segments']) {
    assert.deepEqual(await chartProblems(page, id), [], id);
  }
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await hiddenByCss(page, 'new-plan'), false);
  await s.done();
});

test('in English: each demo preset opens as a copy and the calculators show its numbers', async () => {
  const s = await openPlans('en-US');
  const { page } = s;
  // By hand from the presets: deals = revenue target / average check.
  const presets = [
    ['b2b-distribution', 'B2B distribution', '12,000,000', '150'],
    ['b2b-services', 'Complex B2B services', '9,000,000', '5'],
    ['b2c-services', 'B2C services', '6,000,000', '240'],
  ];
  let count = 1;
  for (const [key, title, target, deals] of presets) {
    await goPlans(page);
    await page.getByTestId(`preset-${key}`).click();
    count++;
    assert.equal(await textOf(page, 'preset-message'), `A copy of “${title}” is open: it is now the active plan.`);
    assert.equal(await textOf(page, 'active-plan-name'), title);
    assert.equal((await rowNames(page)).length, count);
    const doc = await stored(page);
    const plan = doc.plans[count - 1];
    assert.equal(doc.active, plan.id);
    assert.notEqual(plan.id, `preset-${key}`, 'a copy with an id of its own');
    assert.equal(await page.getByTestId('plan-name').inputValue(), title);
    assert.equal(await page.getByTestId('plan-client').inputValue(), 'Demo client');
    await goFunnel(page);
    assert.equal(await page.getByTestId('direction-reverse').getAttribute('aria-pressed'), 'true');
    assert.equal((await page.getByTestId('target-revenue').inputValue()).replace(/[\s\u00a0]/g, '').replace(/,/g, ''), target.replace(/,/g, ''));
    assert.equal(await textOf(page, 'deals'), deals);
    assert.equal(await page.getByTestId('stage-1-name').inputValue(), plan.funnel.stages[0].name);
    await page.getByTestId('nav-ltv').click();
    await page.getByTestId('page-ltv').waitFor();
    assert.doesNotMatch(await textOf(page, 'ltv-value'), /^—?$/);
    await page.getByTestId('nav-headcount').click();
    await page.getByTestId('page-headcount').waitFor();
    assert.doesNotMatch(await textOf(page, 'budget-month'), /^—?$/);
    assert.equal(await page.getByTestId('role-1-name').inputValue(), plan.headcount.roles[0].name);
  }
  // The same preset again: a second copy under a numbered name, the first one untouched.
  await goPlans(page);
  await page.getByTestId('preset-b2b-services').click();
  assert.equal(await textOf(page, 'active-plan-name'), 'Complex B2B services (2)');
  assert.equal(await textOf(page, 'preset-message'), 'A copy of “Complex B2B services” is open: it is now the active plan.');
  // Once another plan is open, the message is no longer true and goes.
  await page.getByTestId('open-plan-1').click();
  assert.equal(await page.getByTestId('preset-message').count(), 0);
  await page.getByTestId('preset-b2c-services').click();
  assert.equal(await textOf(page, 'preset-message'), 'A copy of “B2C services” is open: it is now the active plan.');
  await page.getByTestId('open-plan-2').click();
  assert.equal(await page.getByTestId('preset-message').count(), 0);
  assert.deepEqual(await rowNames(page), ['Demo plan', 'B2B distribution', 'Complex B2B services', 'B2C services', 'Complex B2B services (2)', 'B2C services (2)']);
  await s.done();
});

test('in English: list, undo, wrong file and broken link speak English', async () => {
  const s = await openPlans('en-US');
  const { page } = s;
  await page.getByTestId('new-plan').click();
  await page.getByTestId('duplicate-plan-2').click();
  assert.deepEqual(await rowNames(page), ['Demo plan', 'New plan', 'New plan (copy)']);
  assert.equal(await textOf(page, 'plan-row-2-client'), 'No client');
  assert.equal(await textOf(page, 'plan-row-1-updated'), 'never changed');
  assert.match(await textOf(page, 'plan-row-2-updated'), new RegExp(`^changed .*${new Date().getFullYear()}`));
  await page.getByTestId('delete-plan-3').click();
  assert.equal(await undoText(page), 'Plan “New plan (copy)” deleted.');
  assert.equal(await textOf(page, 'undo-delete'), 'Undo');
  await page.getByTestId('undo-close').click();
  assert.equal(await page.getByTestId('undo-bar').count(), 0);
  assert.deepEqual(await rowNames(page), ['Demo plan', 'New plan']);
  const before = await storedRaw(page);
  await importFile(page, 'future.json', '{"format":"salesplan-plans","schema":99,"plans":[{}]}');
  await page.getByTestId('import-message').waitFor();
  assert.equal(await textOf(page, 'import-message'),
    'The file was saved by a newer Salesplan (schema 99). Reload the page to get the new version, then import it again.');
  await importFile(page, 'notes.json', 'not json at all');
  await page.getByTestId('import-message').filter({ hasText: 'not JSON' }).waitFor();
  assert.equal(await storedRaw(page), before);
  // Files in English: sheet names, CSV with commas and a decimal point.
  const xlsx = await clickToDownload(page, 'export-xlsx-1');
  const parts = unzip(xlsx.bytes);
  const names = [...parts.get('xl/workbook.xml').matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(names, ['Funnel', 'LTV', 'Headcount']);
  assert.match(parts.get('xl/styles.xml'), /formatCode="&quot;₽&quot;#,##0"/);
  const csv = (await clickToDownload(page, 'export-csv-funnel-inputs')).bytes.toString('utf8');
  assert.ok(csv.startsWith('\ufeffParameter,Value\r\n'), csv);
  assert.match(csv, /\r\nGross margin,\d+(\.\d+)?\r\n/);
  // Switching the language on the page switches the page.
  await page.getByTestId('lang-ru').click();
  assert.match(await textOf(page, 'new-plan'), /^Новый план$/);
  await page.getByTestId('lang-en').click();
  await s.done();

  const b = await openPlans('en-US', '/plans#share=v1.AAAA');
  await b.page.getByTestId('share-message').waitFor();
  assert.equal(await textOf(b.page, 'share-message'), 'The link is damaged, probably copied only in part. Ask for it again.');
  await b.done();
});

// Issue 25: one revenue target. The funnel page edits the new-client part, the headcount
// page the whole and its split, and the plans report shows the same figures.
// Demo: 10 000 000 from new clients + 40 000 000 from existing ones. New clients 20 000 000:
// the plan is 60 000 000, a third from new clients; deals ceil(20 000 000 / 150 000) = 134,
// meetings ceil(134 / 0.4) = 335, qualified 670, leads ceil(670 / 0.4) = 1 675.
test('one revenue target: set on the funnel page, read on headcount and in the plans report', async () => {
  const s = await openPlans();
  const { page } = s;
  await goFunnel(page);
  await typeInto(page, 'target-revenue', '20000000');
  assert.equal(normalizeSpaces(await textOf(page, 'funnel-plan-revenue')), '60 000 000 ₽');
  assert.equal(await textOf(page, 'deals'), '134');
  await page.getByTestId('nav-headcount').click();
  await page.getByTestId('revenue-plan').waitFor();
  assert.equal(normalizeSpaces(await page.getByTestId('revenue-plan').inputValue()), '60 000 000');
  assert.equal(normalizeSpaces(await page.getByTestId('new-share').inputValue()), '33,3333333333');
  assert.equal(normalizeSpaces(await textOf(page, 'new-revenue')), '20 000 000 ₽');
  assert.equal(normalizeSpaces(await textOf(page, 'existing-revenue')), '40 000 000 ₽');
  assert.equal(await textOf(page, 'new-clients'), '134');
  await goPlans(page);
  assert.equal(normalizeSpaces(await textOf(page, 'report-revenue')), '60 000 000 ₽');
  assert.equal(normalizeSpaces(await textOf(page, 'report-new-revenue')), '20 000 000 ₽');
  assert.equal(normalizeSpaces(await textOf(page, 'report-leads')), '1 675');
  // The whole changed on the headcount page keeps the split: 90 000 000 -> 30 000 000 new.
  await page.getByTestId('nav-headcount').click();
  await typeInto(page, 'revenue-plan', '90000000');
  assert.equal(normalizeSpaces(await textOf(page, 'new-revenue')), '30 000 000 ₽');
  await goFunnel(page);
  assert.equal(normalizeSpaces(await page.getByTestId('target-revenue').inputValue()), '30 000 000');
  assert.equal(await textOf(page, 'deals'), '200');
  await s.done();
});
