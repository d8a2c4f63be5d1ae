// Every route of JUO in one place: the first file to open to find what serves a URL. Each line
// of routes.cc registers one file's routes; that file's header says what its pages or endpoints
// do, and auth/authorisation.cc holds each route's rule (who may call it).
//
//   web/public/     anyone: home, search, a factory's page, about, the bilan and the press page;
//                   robots.txt, sitemap.xml, the web manifest and the favicon
//   web/account/    a signed-in person: account, bookings, group requests, surveys
//   web/host/       a factory's host: registration, tours, profile, internships, kit, check-in
//   web/backoffice/ organisers and relays: editions, users, moderation, exports, imports, media
//   web/api/        the JSON API /api/v1 (docs/api/openapi.yaml)
//   web/demo/       demo mode only (juo serve --demo): the e-mails of the outbox, /demo/courriels
//   web/kit/        what the handlers share: the caller, page and API kits, JSON, i18n
//
// Thread-safety: call at start-up, before the server runs; the handlers it adds run on the
// server's threads (see each file's header).
#pragma once

#include "refdata/geocoder.h"
#include "services/bilan_service.h"
#include "services/catalogue.h"
#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// What the routes need; every pointer outlives the router.
struct RoutesContext {
    PeopleContext people;
    const services::Catalogue* catalogue = nullptr;
    const refdata::Geocoder* geocoder = nullptr;
    services::BilanService* bilans = nullptr;
    std::string tile_url;          // map tiles (empty: no map)
    std::string tile_attribution;  // their credit, plain text
    // Demo mode (juo serve --demo, a local SQLite demo): the demo mailbox's routes and the banner
    // on every page (SetDemoBanner). Off: neither (the routes answer 404).
    bool demo = false;
};

// Adds every route of the site and the API to `router`, and sets the page kit's demo banner to
// `ctx.demo`. Throws std::invalid_argument when a route is taken twice or a pointer is null
// (start-up errors).
void RegisterRoutes(http::Router& router, const RoutesContext& ctx);

// The parts of RegisterRoutes that tests register on their own: every page of people with an
// account (account, host, back office), and the back office's and host space's JSON API.
void RegisterPeoplePages(http::Router& router, const PeopleContext& ctx);
void RegisterBackOfficeApi(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web
