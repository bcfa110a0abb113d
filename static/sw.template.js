// Salesplan service worker. scripts/post-build.mjs fills in the version and the list of the
// hashed build's files, so every build gets its own cache and the old one is dropped.
const VERSION = '__VERSION__';
const ASSETS = __ASSETS__;
const CACHE = `salesplan-${VERSION}`;

self.addEventListener('install', (event) => {
  // No skipWaiting here: a new version waits until the person chooses to reload.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(ASSETS)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys
        .filter((key) => key.startsWith('salesplan-') && key !== CACHE)
        .map((key) => caches.delete(key))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  if (request.mode === 'navigate') {
    // Every page of the app is the same shell; the router picks the page.
    event.respondWith(
      caches.open(CACHE)
        .then((cache) => cache.match('/index.html'))
        .then((hit) => hit || fetch(request)),
    );
    return;
  }
  event.respondWith(
    caches.open(CACHE)
      .then((cache) => cache.match(request, { ignoreSearch: true }))
      .then((hit) => hit || fetch(request)),
  );
});
