// The exports and imports of the back office's JSON API:
//   GET  /api/v1/exports/{list}?format=json|csv|csv-excel|xlsx[&edition=YEAR] — a list as the
//        exports page gives it (services/exports.h, export_files.h), json being an array of
//        objects keyed by the column codes with the enumerations' codes and UTC instants (the
//        files: French labels, Paris times); the same scoping (organiser: every row, relay:
//        their departments).
//   POST /api/v1/imports/sites|media[?dry_run=1][&edition=YEAR] — the CSV file as the body
//        (text/csv), checked row by row (services/imports.h); the report as JSON, 422 with every
//        problem when the file is not clean (nothing imported), 200 otherwise.
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
void RegisterExportApi(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web
