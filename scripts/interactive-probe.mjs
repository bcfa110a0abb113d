// One fresh load of the funnel, timed in the page with the Performance API (from navigation
// start, so Playwright's own round trips are not counted): `ready` is when the app has
// started (its wasm `main` ran and attached its handlers) and the funnel's revenue input is
// on screen; `answered` is when a first edit typed at that moment has changed the funnel's
// figure, i.e. the page demonstrably responds. Used by bench-browser.mjs (time to
// interactive) and ab-interactive.mjs (two builds compared).
//
// Each load is in a fresh context, which headless Chromium opens as a new window. Opening a
// window builds the browser's own UI too: a whole-browser trace showed its omnibox popup
// (a WebUI page, chrome://omnibox-popup.top-chrome) in a renderer of its own keeping one of
// this machine's two cores busy for about a second, all through a navigation started at
// once. A person navigates in a window that is already open, so by default the navigation
// waits until the window has settled (`SETTLE_MS`); `settleMs: 0` is the method used
// until then (answered p50 about 200 ms later, and twice as spread).
export const SETTLE_MS = 1500;

/** A fresh context (a new window) and its page, `settleMs` after the window opened. */
export async function openWindow(browser, contextOptions = {}, settleMs = SETTLE_MS) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  if (settleMs > 0) await page.waitForTimeout(settleMs);
  return { context, page };
}

/**
 * Loads `baseUrl`/funnel in a fresh browser context (a new window), `settleMs` after opening
 * it; resolves to { ready, answered } in ms from the navigation's start.
 */
export async function interactiveLoad(browser, baseUrl, { settleMs = SETTLE_MS } = {}) {
  const { context, page } = await openWindow(browser, {}, settleMs);
  try {
    await page.addInitScript(() => {
      let started = false;
      addEventListener('TrunkApplicationStarted', () => { started = true; check(); });
      const marks = (window.__interactive = {});
      function check() {
        const input = document.querySelector('[data-testid="target-revenue"]');
        const output = document.querySelector('[data-testid="stage-1-required"]');
        if (marks.ready || !started || !input || !output || !input.offsetParent) return;
        marks.ready = performance.now();
        const before = output.textContent;
        new MutationObserver((_, observer) => {
          if (output.textContent !== before) {
            marks.answered = performance.now();
            observer.disconnect();
            console.log('bench:answered');
          }
        }).observe(output, { childList: true, subtree: true, characterData: true });
        const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
        setter.call(input, '12345678');
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
      new MutationObserver(check).observe(document, { childList: true, subtree: true });
    });
    // Waited for by the page's console, not by polling it: Playwright's polling evaluates
    // its own 300 KB script in the page, on the main thread, between ready and answered.
    const answeredSeen = page.waitForEvent('console', { predicate: (m) => m.text() === 'bench:answered', timeout: 30000 });
    await page.goto(baseUrl + '/funnel');
    await answeredSeen;
    const marks = await page.evaluate(() => window.__interactive);
    return { ready: Math.round(marks.ready), answered: Math.round(marks.answered) };
  } finally {
    await context.close();
  }
}
