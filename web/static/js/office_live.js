// The back office home on an event day (issue 19, item 4): every 30 seconds, the figures are read
// again from the JSON API (GET /api/v1/organisation/figures, the same session cookie) and the text
// of each [data-figure] cell replaced; the check-in block is an aria-live region, so a screen
// reader hears the new totals. Without JavaScript the page shows the figures of its load and a
// reload refreshes them; nothing else depends on this script.
(function () {
  'use strict';
  var live = document.querySelector('[data-office-live]');
  if (!live || !window.fetch) return;
  var url = live.getAttribute('data-office-live');
  var lang = document.documentElement.lang === 'en' ? 'en' : 'fr';
  url += (url.indexOf('?') < 0 ? '?' : '&') + 'lang=' + lang;
  function refresh() {
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (figures) {
        if (!figures || !figures.text) return;
        Object.keys(figures.text).forEach(function (key) {
          document.querySelectorAll('[data-figure="' + key + '"]').forEach(function (cell) {
            if (cell.textContent !== figures.text[key]) cell.textContent = figures.text[key];
          });
        });
        live.setAttribute('data-refreshed', String(Date.now()));
      })
      .catch(function () { /* offline for a moment: the next round tries again */ });
  }
  var period = Number(live.getAttribute('data-office-period')) || 30000;
  setInterval(refresh, period);
})();
