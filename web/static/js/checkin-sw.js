// Service worker of the check-in page (issue 19 item 3, ADR 0022), registered by checkin.js with
// the scope /accueil/pointage (the server lets it: Service-Worker-Allowed, http/static_files.cc).
// It keeps the page's shell so that the page opens with no network: the page itself as last
// fetched (network first: online, the list and totals are always the server's), its style sheet,
// script, icons and manifest (served from the cache, refreshed in the background). A check-in form
// that cannot reach the server (a weak signal the phone takes for a network) opens the kept page
// with ?hors-reseau=1: the page's script then queues the scan it was sending. It keeps no
// answer of the API: the page keeps the day's list and its queue of scans itself (localStorage).
// A fetch of the page that the server sends to the sign-in page (signed out, session expired)
// drops the kept page: the phone then keeps nothing personal of the host's.
'use strict';
var CACHE = 'juo-checkin-v1';
var PAGE = '/accueil/pointage';
var SHELL = ['/static/css/juo.css', '/static/js/checkin.js', '/static/checkin.webmanifest',
  '/static/img/logo.svg', '/static/img/favicon.svg', '/static/img/icon-192.png'];

self.addEventListener('install', function (event) {
  event.waitUntil(caches.open(CACHE).then(function (cache) {
    return Promise.all([
      cache.addAll(SHELL),
      fetch(PAGE, { credentials: 'same-origin' }).then(function (r) {
        return r.ok && !r.redirected ? cache.put(PAGE, r) : null;
      }).catch(function () {})
    ]);
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener('activate', function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf('juo-checkin-') === 0 && n !== CACHE; })
      .map(function (n) { return caches.delete(n); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener('fetch', function (event) {
  var request = event.request;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  // A check-in sent on a weak signal (the phone believes it is online): when the form cannot reach
  // the server, the page opens from the cache with ?hors-reseau=1 and its script queues the scan.
  if (request.method === 'POST' && request.mode === 'navigate' && url.pathname === PAGE) {
    event.respondWith(fetch(request).catch(function () { return Response.redirect(PAGE + '?hors-reseau=1', 303); }));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate' && url.pathname === PAGE) {
    event.respondWith(fetch(request).then(function (response) {
      return caches.open(CACHE).then(function (cache) {
        if (response.redirected) return cache.delete(PAGE).then(function () { return response; });
        // The page as its link opens it: the whole list, no search, no notice of a check-in.
        if (response.ok && url.search === '') return cache.put(PAGE, response.clone()).then(function () { return response; });
        return response;
      });
    }).catch(function () {
      return caches.match(PAGE).then(function (kept) { return kept || Response.error(); });
    }));
    return;
  }
  if (SHELL.indexOf(url.pathname) >= 0) {
    event.respondWith(caches.open(CACHE).then(function (cache) {
      return cache.match(url.pathname).then(function (kept) {
        var fresh = fetch(request).then(function (response) {
          if (response.ok) cache.put(url.pathname, response.clone());
          return response;
        });
        if (!kept) return fresh;
        fresh.catch(function () {});
        return kept;
      });
    }));
  }
});
