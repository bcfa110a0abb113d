// Registers the service worker and tells the app when a new version is ready. The app shows
// a notice and reloads only when the person presses its button, never in the middle of an edit.
(function () {
  if (!('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  let waiting = null;
  let applying = false;

  function announce(worker) {
    waiting = worker;
    window.salesplanUpdateReady = true;
    window.dispatchEvent(new CustomEvent('salesplan-update-ready'));
  }

  window.salesplanApplyUpdate = function () {
    if (!waiting) return;
    applying = true;
    waiting.postMessage('skip-waiting');
  };

  // Registered once the app is up and the person has left the page alone for a moment:
  // installing fetches and stores every file of the site (a few MB), which must compete
  // neither with the first start nor with the first edits after it (measured on /headcount:
  // the first edits took 35-115 ms with the install running, 28-69 ms without). At the
  // latest LATEST_MS after the start, so offline support always comes. Nor with an import:
  // while its workers read and analyse a file the app sets window.salesplanBusy and says
  // so with a salesplan-busy event (src/ui/import/worker_link.rs); the quiet time starts
  // when they are done.
  const QUIET_MS = 2000;
  const LATEST_MS = 30000;
  let lastInput = performance.now();
  ['input', 'keydown', 'pointerdown', 'wheel', 'touchstart', 'dragenter', 'drop', 'salesplan-busy'].forEach(function (type) {
    window.addEventListener(type, function () { lastInput = performance.now(); }, { capture: true, passive: true });
  });
  let scheduled = false;
  function registerLater() {
    if (scheduled) return;
    scheduled = true;
    const started = performance.now();
    (function whenQuiet() {
      const now = performance.now();
      if (window.salesplanBusy) lastInput = now;
      const quietFor = now - lastInput;
      if (quietFor < QUIET_MS && now - started < LATEST_MS) {
        setTimeout(whenQuiet, QUIET_MS - quietFor);
      } else if (window.requestIdleCallback) {
        window.requestIdleCallback(register, { timeout: 2000 });
      } else {
        register();
      }
    })();
  }
  window.addEventListener('TrunkApplicationStarted', registerLater);
  window.addEventListener('SalesplanFullStarted', registerLater);
  // Should the app not start, offline support still comes, later.
  window.addEventListener('load', function () { setTimeout(registerLater, 3000); });

  // navigator.serviceWorker is first touched here, not at the start: creating it took the
  // fresh page's main thread several ms before the app had started (this script's start:
  // about 10 ms in a CPU profile before, 1-2 ms after).
  function register() {
    navigator.serviceWorker.addEventListener('controllerchange', function () {
      if (applying) location.reload();
    });
    navigator.serviceWorker.register('/sw.js').then(function (registration) {
      if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
      registration.addEventListener('updatefound', function () {
        const worker = registration.installing;
        if (!worker) return;
        worker.addEventListener('statechange', function () {
          if (worker.state === 'installed' && navigator.serviceWorker.controller) announce(worker);
        });
      });
    }).catch(function () { /* no offline mode; the app works online as before */ });
  }
})();
