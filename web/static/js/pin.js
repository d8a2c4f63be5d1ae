/* The host's pin: a map where the site's marker can be dragged, kept in step with the latitude
   and longitude fields of the form (which work without it). Reads #pin-map's data- attributes:
     data-tiles, data-attribution  the tile URL template and its credit (no map without tiles)
   and the inputs #f-lat and #f-lon. */
(function () {
  "use strict";

  var el = document.getElementById("pin-map");
  var lat = document.getElementById("f-lat");
  var lon = document.getElementById("f-lon");
  if (!el || !lat || !lon || typeof window.L === "undefined" || !el.getAttribute("data-tiles")) return;
  var L = window.L;
  var start = [parseFloat(lat.value), parseFloat(lon.value)];
  if (isNaN(start[0]) || isNaN(start[1])) return;
  el.hidden = false;
  var map = L.map(el).setView(start, 15);
  L.tileLayer(el.getAttribute("data-tiles"), {
    maxZoom: 19,
    attribution: el.getAttribute("data-attribution") || ""
  }).addTo(map);
  var marker = L.marker(start, { draggable: true, keyboard: true, title: el.getAttribute("data-label") || "" }).addTo(map);

  marker.on("dragend", function () {
    var at = marker.getLatLng();
    lat.value = at.lat.toFixed(6);
    lon.value = at.lng.toFixed(6);
  });
  function fromFields() {
    var a = parseFloat(lat.value), b = parseFloat(lon.value);
    if (isNaN(a) || isNaN(b)) return;
    marker.setLatLng([a, b]);
    map.panTo([a, b]);
  }
  lat.addEventListener("change", fromFields);
  lon.addEventListener("change", fromFields);
})();
