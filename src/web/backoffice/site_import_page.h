// The organiser's import of factory sites from CSV (/organisation/usines/import), like the media
// import of /organisation/medias: the file pasted, a dry run that lists every problem with its
// line and column, nothing imported until the file is clean, then every row in one transaction
// (services::ImportSites: the sites take part in the current edition, approved; audited).
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
void RegisterSiteImportPage(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web
