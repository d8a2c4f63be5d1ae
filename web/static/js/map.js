/* JUO maps: an enhancement over pages that work without them. Reads everything from the
   data- attributes of #map (no inline script: the CSP allows scripts from this origin only):
     data-tiles        tile URL template; no map without it
     data-attribution  plain-text credit for the tiles
     data-source       URL of GET /api/v1/map ({"sites": [[id, lat, lon, name, places_left], ...]})
     data-sites        the same points as JSON, given in the page
     data-center       "lat,lon" of the searched place, with data-radius-km
     data-link-suffix  appended to /usines/{id} links ("?lang=en")
     data-label-*      the words of the popups, in the page's language
     data-label-state  when the edition is not open for bookings, what its popups say instead
                       of the places left
   Until the map is drawn, the page shows its text fallback; names are always set as text. */
(function () {
  "use strict";

  var el = document.getElementById("map");
  if (!el || typeof window.L === "undefined" || !el.getAttribute("data-tiles")) return;
  var L = window.L;
  var block = el.parentNode;
  var lang = document.documentElement.lang || "fr";
  var numberFormat = new Intl.NumberFormat(lang === "en" ? "en-GB" : "fr-FR");

  function attr(name) {
    return el.getAttribute("data-" + name) || "";
  }

  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }

  function popupFor(point) {
    var id = point[0], name = point[3], places = point[4];
    var box = document.createElement("div");
    var title = document.createElement("span");
    title.className = "map-popup__name";
    title.textContent = name;
    box.appendChild(title);
    var status = document.createElement("span");
    status.textContent = attr("label-state") ||
      (places > 0 ? numberFormat.format(places) + " " + attr("label-places") : attr("label-full"));
    box.appendChild(status);
    box.appendChild(document.createElement("br"));
    var link = document.createElement("a");
    link.href = "/usines/" + encodeURIComponent(String(id)) + attr("link-suffix");
    link.textContent = attr("label-open");
    box.appendChild(link);
    return box;
  }

  function markerFor(point) {
    var marker = L.marker([point[1], point[2]], { title: point[3], alt: point[3], keyboard: true });
    marker.bindPopup(function () { return popupFor(point); });
    return marker;
  }

  function validPoint(p) {
    return Array.isArray(p) && p.length >= 5 && isFinite(p[1]) && isFinite(p[2]);
  }

  // Draws the map only now: a page whose scripts did not load keeps its text fallback.
  block.classList.add("is-ready");
  el.setAttribute("role", "region");
  el.setAttribute("aria-label", attr("label"));

  var map = L.map(el, { scrollWheelZoom: false, zoomSnap: 0.5 }).setView([46.6, 2.4], window.innerWidth < 640 ? 5 : 5.5);
  var tiles = L.tileLayer(attr("tiles"), {
    maxZoom: 18,
    attribution: escapeText(attr("attribution"))
  }).addTo(map);

  var tileErrors = 0;
  tiles.on("tileerror", function () {
    if (++tileErrors !== 3) return;  // a few lost tiles happen; many mean no background at all
    var note = document.createElement("p");
    note.className = "map-note";
    note.setAttribute("role", "status");
    note.textContent = attr("label-tiles-error");
    block.appendChild(note);
  });

  function show(points) {
    points = points.filter(validPoint);
    if (!points.length) return;
    if (points.length === 1) {
      markerFor(points[0]).addTo(map);
      map.setView([points[0][1], points[0][2]], 13);
      return;
    }
    var layer = typeof L.markerClusterGroup === "function"
      ? L.markerClusterGroup({ showCoverageOnHover: false, maxClusterRadius: 50 })
      : L.featureGroup();
    points.forEach(function (p) { layer.addLayer(markerFor(p)); });
    map.addLayer(layer);
    if (!fitToPoints) return;  // the home map keeps its view of mainland France
    // Overseas departments would zoom the map out to the whole world: frame the mainland
    // points when there are some, all points otherwise.
    var mainland = points.filter(function (p) {
      return p[1] > 41 && p[1] < 51.5 && p[2] > -5.5 && p[2] < 10;
    });
    var framed = mainland.length ? mainland : points;
    var bounds = L.latLngBounds(framed.map(function (p) { return [p[1], p[2]]; }));
    if (circle) bounds.extend(circle.getBounds());
    if (bounds.isValid()) map.fitBounds(bounds, { padding: [24, 24], maxZoom: 12 });
  }

  var circle = null;
  var center = attr("center").split(",").map(Number);
  var radiusKm = Number(attr("radius-km"));
  if (center.length === 2 && isFinite(center[0]) && isFinite(center[1]) && radiusKm > 0) {
    circle = L.circle(center, {
      radius: radiusKm * 1000, color: "#14213d", weight: 2, fill: false, interactive: false
    }).addTo(map);
    map.fitBounds(circle.getBounds());
  }

  var source = attr("source");
  var fitToPoints = !source;
  var inline = attr("sites");
  if (inline) {
    try {
      show(JSON.parse(inline));
    } catch (e) {
      /* a malformed data block leaves the bare map: the list holds the same factories */
    }
  }
  if (source && window.fetch) {
    fetch(source, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : { sites: [] }; })
      .then(function (data) { show((data && data.sites) || []); })
      .catch(function () { /* the map stays, without markers; the search still lists them all */ });
  }
})();
