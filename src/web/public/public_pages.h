// The public web pages: home (the edition, its figures, a quick search and the map of open
// factories), search (every filter of the catalogue, results with distances, pagination and a
// map of the page's hits), one page per factory (its tours by day with places left) and an about
// page. Server-rendered with the page kit (page_kit.h: templates, layout, error pages), in French
// by default and in English with ?lang=en (see i18n.h). Every page works without JavaScript; the
// Leaflet maps are an enhancement driven by /static/js/map.js from data- attributes (no inline
// script: the CSP is script-src 'self').
//
// Routes: GET /, GET /recherche (GET /search redirects there with its query), GET /usines/{id},
// GET /a-propos. Search parameters mean what they mean in the JSON API (search_params.h); a bad
// one gives a 400 page with the form and the message next to the field, never a 500.
//
// Thread-safety: handlers read the catalogue's current index and immutable tables only; they
// may run on any number of threads at once.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "http/message.h"
#include "refdata/geocoder.h"
#include "services/catalogue.h"

namespace juo::http {
class Router;
}

namespace juo::web {

struct PagesContext {
    const services::Catalogue* catalogue = nullptr;  // required; outlives the router
    const refdata::Geocoder* geocoder = nullptr;     // required; outlives the router
    // Map tiles, "https://tile.openstreetmap.org/{z}/{x}/{y}.png"; empty = no map, text only.
    std::string tile_url;
    // Plain text credit for the tiles, shown on the map and in the footer ("© les contributeurs
    // d'OpenStreetMap"). Not HTML: it is escaped.
    std::string tile_attribution;
    // The current UTC instant ("2026-09-03T08:00:00Z"), for what the pages offer (opening_state.h):
    // empty = the system clock (NowUtcIso). Tests set it.
    std::function<std::string()> now;
    // Issue 19: the page of a factory the catalogue does not list (waiting for approval, or
    // approved less than a catalogue refresh ago) for whoever manages it; nullopt: the 404.
    // Unset: always the 404. Called on that path only, never for a listed factory.
    std::function<std::optional<http::Response>(const http::Request&, long long site_id)> unlisted_site;
};

// Adds the page routes to `router`. Throws std::invalid_argument when a route is already taken
// or a context pointer is null (start-up errors).
void RegisterPages(http::Router& router, PagesContext context);

}  // namespace juo::web
