/* The organiser's allocation page (/organisation/repartition/{id}, issue 18): two enhancements
   over a page that works without JavaScript.
   1. While a round solves, [data-alloc-progress] names a JSON address answering
      {"state": "running"|"done"|"failed"|..., "percent": 0..100, "text": "..."}; it is read every
      two seconds, the bar and its aria-live text updated, and the page reloaded once the round
      has ended (without JavaScript, a <noscript> refresh and a link do the same).
   2. The result's map (#alloc-map): Leaflet circles, one per point of data-points
      ([[lat, lon, label, pupils, fcfs_pupils], ...]), sized by the pupils the round serves there;
      the tables above say the same in words, so the map is never the only way to read them.
   No inline script (the CSP allows scripts from this origin only); names are set as text. */
(function () {
  "use strict";

  var progress = document.querySelector("[data-alloc-progress]");
  if (progress && window.fetch) {
    var url = progress.getAttribute("data-alloc-progress");
    var bar = progress.querySelector("[data-alloc-bar]");
    var text = progress.querySelector("[data-alloc-progress-text]");
    var done = progress.getAttribute("data-done-url") || window.location.href;
    var poll = function () {
      fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (p) {
          if (!p) return;
          if (typeof p.percent === "number" && bar) {
            bar.value = p.percent;
            bar.textContent = p.percent + " %";
          }
          if (p.text && text && text.textContent !== p.text) text.textContent = p.text;
          if (p.state && p.state !== "running" && p.state !== "queued") {
            window.location.replace(done);
            return;
          }
          setTimeout(poll, 2000);
        })
        .catch(function () { setTimeout(poll, 4000); });
    };
    setTimeout(poll, 1000);
  }

  var el = document.getElementById("alloc-map");
  if (!el || typeof window.L === "undefined" || !el.getAttribute("data-tiles")) return;
  var points;
  try {
    points = JSON.parse(el.getAttribute("data-points") || "[]");
  } catch (e) {
    return;
  }
  if (!Array.isArray(points) || points.length === 0) return;
  var L = window.L;
  var lang = document.documentElement.lang || "fr";
  var fmt = new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR");
  el.parentNode.classList.add("is-ready");  // shown before Leaflet measures it
  var map = L.map(el, { scrollWheelZoom: false });
  L.tileLayer(el.getAttribute("data-tiles"), {
    maxZoom: 18,
    attribution: el.getAttribute("data-attribution") || "",
  }).addTo(map);
  var most = 1;
  points.forEach(function (p) { most = Math.max(most, p[3] || 0, p[4] || 0); });
  var bounds = [];
  points.forEach(function (p) {
    if (!isFinite(p[0]) || !isFinite(p[1])) return;
    var radius = 4 + 20 * Math.sqrt((p[3] || 0) / most);
    var circle = L.circleMarker([p[0], p[1]], {
      radius: radius, color: "#14213d", weight: 1, fillColor: "#ffb300", fillOpacity: 0.7,
    });
    circle.bindPopup(function () {
      var box = document.createElement("div");
      var name = document.createElement("strong");
      name.textContent = p[2];
      box.appendChild(name);
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(fmt.format(p[3] || 0) + " " + el.getAttribute("data-label-pupils")));
      box.appendChild(document.createElement("br"));
      box.appendChild(document.createTextNode(fmt.format(p[4] || 0) + " " + el.getAttribute("data-label-fcfs")));
      return box;
    });
    circle.addTo(map);
    bounds.push([p[0], p[1]]);
  });
  // Metropolitan France when it has points: the overseas departments are drawn too, a pan away.
  var metropole = bounds.filter(function (b) { return b[0] > 41 && b[0] < 51.5 && b[1] > -5.5 && b[1] < 10; });
  var view = metropole.length ? metropole : bounds;
  if (view.length) map.fitBounds(view, { padding: [20, 20], maxZoom: 10 });
})();
