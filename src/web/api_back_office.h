// The JSON API of the back office and the host space: what the organiser's, the relays' and the
// hosts' pages do, for scripts and other tools. Each part is in its own file (api_*.cc) and is
// registered here; documented in docs/api/openapi.yaml.
//
// Thread-safety: handlers only use the thread-safe services of PeopleContext.
#pragma once

#include "web/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

void RegisterBackOfficeApi(http::Router& router, const PeopleContext& ctx);

// The parts.
// [block: editions, users and roles]
// The organiser's editions (api_editions.cc) and users and roles (api_users.cc).
void RegisterEditionApi(http::Router& router, const PeopleContext& ctx);
void RegisterUserApi(http::Router& router, const PeopleContext& ctx);
// [end of block: editions, users and roles]
// [block: exports, imports, social mentions]
// Exports of every list and the CSV imports (api_exports.cc); media mentions and social-mention
// counts (api_media.cc).
void RegisterExportApi(http::Router& router, const PeopleContext& ctx);
void RegisterMediaApi(http::Router& router, const PeopleContext& ctx);
// [end of block: exports, imports, social mentions]
// [block: host space: site profile, photo, internships, re-enrolment, teaching kit]
void RegisterHostSpaceApi(http::Router& router, const PeopleContext& ctx);
// [end of block: host space: site profile, photo, internships, re-enrolment, teaching kit]
// [block: api of existing pages]
// The host space and the moderation queue (api_host.cc); surveys, quotes and the audit log
// (api_organiser.cc).
void RegisterHostApi(http::Router& router, const PeopleContext& ctx);
void RegisterOrganiserApi(http::Router& router, const PeopleContext& ctx);
// [end of block: api of existing pages]

}  // namespace juo::web
