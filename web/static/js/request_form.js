/* The Friday request form (issue 18), progressively enhanced; the form works without it.
   - School: live suggestions from GET /api/v1/schools?q= as radio buttons (the "Chercher" button
     stays for a search without JavaScript); choosing one re-shows the form with the tours nearest it.
   - Wishes: the tour list's "Choisir" buttons fill the first free wish select instead of
     re-sending the form; a map (#request-map, with tiles only) shows the listed tours, each
     marker's popup picks it as the next wish (by mouse, or Enter on the marker then on the button).
   - Live capacity warnings beside each wish: no group slot left, or fewer places than the
     group's pupils and adults (the same warning the server writes without JavaScript).
   - Tours above the chosen level are hidden from the list. */
(function () {
  "use strict";

  var form = document.querySelector("[data-request-form]");
  if (!form) return;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-wish]"));

  function people() {
    var n = 0;
    form.querySelectorAll("[data-people]").forEach(function (input) {
      var v = parseInt(input.value, 10);
      if (!isNaN(v) && v > 0) n += v;
    });
    return n;
  }

  function warn() {
    var group = people();
    selects.forEach(function (select) {
      var out = form.querySelector('[data-warning-for="' + select.name + '"]');
      if (!out) return;
      var option = select.options[select.selectedIndex];
      var text = "";
      if (option && option.value) {
        var places = parseInt(option.getAttribute("data-places"), 10);
        var groups = parseInt(option.getAttribute("data-groups"), 10);
        if (groups <= 0) text = form.getAttribute("data-label-no-slot");
        else if (group > 0 && places < group)
          text = form.getAttribute("data-label-few-places").replace("{places}", places).replace("{people}", group);
      }
      out.textContent = text;
    });
  }

  function pick(id) {
    var free = null;
    for (var i = 0; i < selects.length; i++) {
      if (selects[i].value === id) { selects[i].focus(); return selects[i]; }
      if (!free && !selects[i].value) free = selects[i];
    }
    if (!free) return null;
    free.value = id;
    free.dispatchEvent(new Event("change", { bubbles: true }));
    return free;
  }

  selects.forEach(function (s) { s.addEventListener("change", warn); });
  form.querySelectorAll("[data-people]").forEach(function (i) { i.addEventListener("input", warn); });
  warn();

  // "Choisir" in the list: fill the next wish, no round trip.
  form.querySelectorAll('button[name="add"]').forEach(function (button) {
    button.addEventListener("click", function (event) {
      var chosen = pick(button.value);
      if (!chosen) return;  // three wishes already: let the server say so
      event.preventDefault();
      chosen.focus();
    });
  });

  // Level: hide the tours that start above it.
  var level = form.querySelector("[data-level]");
  function filterLevel() {
    if (!level) return;
    var option = level.options[level.selectedIndex];
    var rank = option ? parseInt(option.getAttribute("data-rank"), 10) : NaN;
    form.querySelectorAll("tr[data-tour]").forEach(function (row) {
      var min = parseInt(row.getAttribute("data-min-rank"), 10);
      row.hidden = !isNaN(rank) && min >= 0 && rank < min;
    });
  }
  if (level) { level.addEventListener("change", filterLevel); filterLevel(); }

  // School suggestions; choosing one shows the tours nearest it (the server sorts them).
  var search = form.querySelector("[data-school-search]");
  var results = form.querySelector("[data-school-results]");
  if (results) {
    results.addEventListener("change", function (event) {
      if (event.target.name !== "school_id") return;
      var step = document.createElement("input");
      step.type = "hidden";
      step.name = "action";
      step.value = "school";
      form.appendChild(step);
      form.submit();
    });
  }
  if (search && results && window.fetch) {
    var timer = null;
    var last = "";
    search.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = search.value.trim();
        if (q.length < 2 || q === last) return;
        last = q;
        fetch("/api/v1/schools?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (body) {
            if (!body || search.value.trim() !== q) return;
            results.textContent = "";
            body.schools.forEach(function (s) {
              var label = document.createElement("label");
              label.className = "radio";
              var input = document.createElement("input");
              input.type = "radio";
              input.name = "school_id";
              input.value = String(s.id);
              label.appendChild(input);
              var flags = [];
              if (s.priority_education === "rep_plus") flags.push("REP+");
              if (s.priority_education === "rep") flags.push("REP");
              label.appendChild(document.createTextNode(" " + s.name + ", " + s.commune + " (" + s.department + ")" +
                (s.uai ? " · " + s.uai : "") + (flags.length ? " · " + flags.join(", ") : "")));
              results.appendChild(label);
            });
          })
          .catch(function () {});
      }, 250);
    });
  }

  // The map of the listed tours (only with tiles and Leaflet).
  var el = document.getElementById("request-map");
  if (!el || typeof window.L === "undefined" || !el.getAttribute("data-tiles")) return;
  var rows = Array.prototype.slice.call(form.querySelectorAll("tr[data-tour]"));
  if (!rows.length) return;
  var L = window.L;
  el.hidden = false;
  var map = L.map(el, { scrollWheelZoom: false });
  L.tileLayer(el.getAttribute("data-tiles"), { maxZoom: 18, attribution: el.getAttribute("data-attribution") || "" }).addTo(map);
  var bounds = [];
  rows.forEach(function (row) {
    var at = [parseFloat(row.getAttribute("data-lat")), parseFloat(row.getAttribute("data-lon"))];
    if (isNaN(at[0]) || isNaN(at[1])) return;
    bounds.push(at);
    var id = row.getAttribute("data-tour");
    var marker = L.marker(at, { keyboard: true, title: row.getAttribute("data-name") }).addTo(map);
    var box = document.createElement("div");
    var name = document.createElement("p");
    name.textContent = row.cells[0].textContent + " — " + row.cells[1].textContent + " — " + row.cells[2].textContent;
    box.appendChild(name);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--small";
    button.setAttribute("data-map-pick", id);
    button.textContent = form.getAttribute("data-label-pick");
    button.addEventListener("click", function () {
      var chosen = pick(id);
      if (chosen) { map.closePopup(); chosen.focus(); }
    });
    box.appendChild(button);
    // Keyboard: Enter on a marker opens its popup with the focus on its button (Enter again picks
    // the tour), Escape closes it and gives the focus back to the marker. preventScroll: the popup
    // may still be panning into view, and focus would scroll the map's box (overflow: hidden).
    box.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      map.closePopup();
      if (marker.getElement()) marker.getElement().focus();
    });
    marker.bindPopup(box);
    marker.on("popupopen", function () { button.focus({ preventScroll: true }); });
  });
  var center = el.getAttribute("data-center");
  if (center) {
    var c = center.split(",").map(parseFloat);
    L.circleMarker(c, { radius: 7, color: "#14213d", fillOpacity: 0.9 }).addTo(map);
    bounds.push(c);
  }
  if (bounds.length) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 11 });
})();
