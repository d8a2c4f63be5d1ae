// The back office's exports page (/organisation/exports): every list of an edition (sites, tours,
// group requests, bookings, media mentions, survey answers) as CSV, Excel CSV and XLSX links, an
// edition chooser, and the downloads themselves
// (/organisation/exports/{list}?format=csv|csv-excel|xlsx&edition=YEAR).
// The organiser exports every row; a regional relay the rows of their departments
// (services/exports.h).
//
// Thread-safety: the handlers run on the server's handler pool, on this thread's connection
// (services::ThreadDb) and the thread-safe services of PeopleContext.
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

// Adds this file's routes to `router` (their rules: auth/authorisation.cc). Throws
// std::invalid_argument when a route is already taken (a start-up error).
void RegisterExportPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web
