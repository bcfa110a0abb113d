// Time to interactive of one page, timed in the page with the Performance API (from the
// navigation's start, so Playwright's own round trips are not counted): `ready` is when the
// app has started (`TrunkApplicationStarted`), the page's section (`page-<route>`) and its
// input are on screen; `answered` is when a first edit typed at that moment has been taken
// by the app: the page's figure changed in the DOM or, on pages without a figure for the
// input, the document saved with the edit (localStorage). Used by bench-browser.mjs and
// ab-interactive.mjs.
//
// Each first visit is in a fresh context (empty cache and storage, service workers
// blocked), which headless Chromium opens as a new window. Opening a window builds the
// browser's own UI too, keeping one of this machine's two cores busy for about a second;
// a person navigates in a window that is already open, so the navigation waits `SETTLE_MS`.
export const SETTLE_MS = 1500;

/**
 * What is edited on each page: `value` is typed into `input`; `output`, when given, is the
 * figure that must change, otherwise the answer is the save of the typed value. The values
 * differ from the demo plan's and from each other, so that every page of one context
 * (the repeat visit) still has an edit to answer.
 */
export const PAGES = [
  { route: '/', section: 'page-home', input: 'plan-name', value: 'Bench home' },
  { route: '/funnel', section: 'page-funnel', input: 'target-revenue', output: 'stage-1-required', value: '12345678' },
  { route: '/ltv', section: 'page-ltv', input: 'ltv-avg-check', output: 'ltv-value', value: '123456' },
  { route: '/headcount', section: 'page-headcount', input: 'revenue-plan', output: 'total-headcount', value: '98765432' },
  { route: '/clients', section: 'page-clients', input: 'plan-name', value: 'Bench clients' },
  { route: '/plans', section: 'page-plans', input: 'plan-name', output: 'active-plan-name', value: 'Bench plans' },
];

/** The CDP throttled profile: 4x CPU slowdown, 9 Mbit/s each way, 150 ms round trip. */
export const THROTTLED = { cpuRate: 4, latencyMs: 150, bitsPerSecond: 9_000_000 };

/** A fresh context (a new window) and its page, `settleMs` after the window opened. */
export async function openWindow(browser, contextOptions = {}, settleMs = SETTLE_MS) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  if (settleMs > 0) await page.waitForTimeout(settleMs);
  return { context, page };
}

/** Applies `profile` (see THROTTLED) to `page` through the Chrome DevTools Protocol. */
export async function throttle(page, profile) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  const bytes = profile.bitsPerSecond / 8;
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: profile.latencyMs, downloadThroughput: bytes, uploadThroughput: bytes,
  });
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: profile.cpuRate });
  return cdp;
}

/**
 * Installs the probe in `page` for all its next navigations: on each, the entry of PAGES
 * whose route is the address's path is measured.
 */
export async function installProbe(page) {
  await page.addInitScript((pages) => {
    const spec = pages.find((p) => p.route === location.pathname);
    if (!spec) return;
    const { section, input, output } = spec;
    const value = spec.value;
    const marks = (window.__interactive = {});
    const answer = () => {
      if (marks.answered) return;
      marks.answered = performance.now();
      console.log('bench:answered');
    };
    if (!output) {
      // The app saves the document in an effect after rendering the edit.
      const setItem = Storage.prototype.setItem;
      Storage.prototype.setItem = function (key, text) {
        setItem.call(this, key, text);
        if (marks.ready && String(text).includes(value)) answer();
      };
    }
    let started = false;
    addEventListener('TrunkApplicationStarted', () => { started = true; check(); });
    function check() {
      const field = document.querySelector(`[data-testid="${input}"]`);
      const figure = output && document.querySelector(`[data-testid="${output}"]`);
      if (marks.ready || !started || !document.querySelector(`[data-testid="${section}"]`)) return;
      if (!field || !field.offsetParent || (output && !figure)) return;
      marks.ready = performance.now();
      if (figure) {
        const before = figure.textContent;
        new MutationObserver((_, observer) => {
          if (figure.textContent !== before) { observer.disconnect(); answer(); }
        }).observe(figure, { childList: true, subtree: true, characterData: true });
      }
      const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      setter.call(field, value);
      field.dispatchEvent(new Event('input', { bubbles: true }));
    }
    new MutationObserver(check).observe(document, { childList: true, subtree: true });
  }, PAGES);
}

/**
 * Navigates `page` (with the probe installed) to `baseUrl` + `spec.route`; resolves to
 * { ready, answered } in ms from the navigation's start.
 */
export async function measureNavigation(page, baseUrl, spec) {
  // Waited for by the page's console, not by polling it: Playwright's polling evaluates
  // its own script in the page, on the main thread, between ready and answered.
  const answeredSeen = page.waitForEvent('console', { predicate: (m) => m.text() === 'bench:answered', timeout: 30000 });
  await page.goto(baseUrl + spec.route);
  await answeredSeen;
  const marks = await page.evaluate(() => window.__interactive);
  return { ready: Math.round(marks.ready), answered: Math.round(marks.answered) };
}

/**
 * A first visit: `spec`'s page loaded in a fresh context (no cache, service workers
 * blocked), `settleMs` after the window opened, throttled by `profile` if given.
 */
export async function interactiveLoad(browser, baseUrl, { spec = PAGES[1], settleMs = SETTLE_MS, profile = null } = {}) {
  const { context, page } = await openWindow(browser, { serviceWorkers: 'block' }, settleMs);
  try {
    if (profile) await throttle(page, profile);
    await installProbe(page);
    return await measureNavigation(page, baseUrl, spec);
  } finally {
    await context.close();
  }
}
