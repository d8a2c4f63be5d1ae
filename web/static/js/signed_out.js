// After signing out (issue 19): what the check-in page kept on this phone about visitors goes —
// the day's list (names and codes) and the last sync report in localStorage, and the page itself in
// the service worker's cache. Queued offline scans stay (codes, headcounts and times, no names):
// they are uploaded when the same host signs in again, so that no scan made at the door is lost.
(function () {
  'use strict';
  try {
    var store = window.localStorage;
    var doomed = [];
    for (var i = 0; i < store.length; i++) {
      var key = store.key(i);
      if (key && (key.indexOf('juo.checkin.day.') === 0 || key.indexOf('juo.checkin.report.') === 0)) doomed.push(key);
    }
    doomed.forEach(function (key) { store.removeItem(key); });
  } catch (e) { /* no storage: nothing was kept */ }
  var done = function () { document.documentElement.setAttribute('data-signed-out-cleared', '1'); };
  if (!window.caches) { done(); return; }
  caches.keys().then(function (names) {
    return Promise.all(names.filter(function (n) { return n.indexOf('juo-checkin-') === 0; }).map(function (n) {
      return caches.open(n).then(function (cache) { return cache.delete('/accueil/pointage'); });
    }));
  }).then(done, done);
})();
