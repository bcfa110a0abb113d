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

  navigator.serviceWorker.addEventListener('controllerchange', function () {
    if (applying) location.reload();
  });

  // Registered once the app is up and the page idle: installing fetches and stores every
  // file of the site, which must not compete with the first start for the network and CPU.
  let scheduled = false;
  function registerLater() {
    if (scheduled) return;
    scheduled = true;
    if (window.requestIdleCallback) window.requestIdleCallback(register, { timeout: 2000 });
    else setTimeout(register, 500);
  }
  window.addEventListener('TrunkApplicationStarted', registerLater);
  window.addEventListener('SalesplanFullStarted', registerLater);
  // Should the app not start, offline support still comes, later.
  window.addEventListener('load', function () { setTimeout(registerLater, 3000); });

  function register() {
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
