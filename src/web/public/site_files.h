// The site's files for crawlers and browsers: /robots.txt (everything may be crawled but the
// signed-in spaces, the API and the demo; it names the sitemap), /sitemap.xml (the home, search,
// about, bilan and press pages, and the page of every factory open in the catalogue's current
// edition, as absolute addresses under the configured public URL), /manifest.webmanifest (the
// web app manifest: name, icons, colours; the layout links it) and /favicon.ico (the logo as a
// PNG-in-ICO, web/static/img/favicon.ico embedded at build time: scripts/make_icons.sh makes it).
//
// Routes: GET /robots.txt, GET /sitemap.xml, GET /manifest.webmanifest, GET /favicon.ico (anyone;
// auth/authorisation.cc). The sitemap is built from the catalogue's in-memory index, never from
// the database; a catalogue of more than 50,000 open factories (the sitemap protocol's limit)
// lists the first 50,000 by id.
//
// Thread-safety: handlers read the catalogue's current index and immutable strings only; they may
// run on any number of threads at once.
#pragma once

#include <string>

#include "services/catalogue.h"

namespace juo::http {
class Router;
}

namespace juo::web {

struct SiteFilesContext {
    const services::Catalogue* catalogue = nullptr;  // required; outlives the router
    // The site's public address, scheme and host ("https://usines-ouvertes.example.fr"; a
    // trailing '/' is ignored): the sitemap's and robots.txt's addresses start with it.
    std::string public_url;
};

// Adds the four routes to `router`. Throws std::invalid_argument when a route is already taken,
// the catalogue is null or the public URL is not an http(s) address (start-up errors).
void RegisterSiteFiles(http::Router& router, SiteFilesContext context);

}  // namespace juo::web
