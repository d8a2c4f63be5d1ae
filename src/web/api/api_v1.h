// The public JSON API, version 1: the same reads as the public pages (editions, sites, tours,
// search with the page's filters, sectors, communes autocomplete, the map's points). Documented
// in docs/api/openapi.yaml. Every error is {"error": {"code", "message", "message_fr"}} with a
// 4xx status; a malformed parameter is a 400, never a 500.
//
// Thread-safety: handlers only read the catalogue's current index; safe on any thread.
#pragma once

#include "http/message.h"
#include "refdata/geocoder.h"
#include "services/catalogue.h"

namespace juo::http {
class Router;
}

namespace juo::web {

struct ApiContext {
    const services::Catalogue* catalogue = nullptr;
    const refdata::Geocoder* geocoder = nullptr;
};

// Adds the /api/v1/… routes to `router`.
void RegisterApiV1(http::Router& router, ApiContext context);

// The JSON error response for an Error (status from http::HttpStatusFor: 400 for invalid
// input, 404 for not found…).
http::Response ApiError(const Error& error);

}  // namespace juo::web
