// Registers the back office's and the host space's JSON API (api_back_office.h).
#include "web/api_back_office.h"

namespace juo::web {

void RegisterBackOfficeApi([[maybe_unused]] http::Router& router, [[maybe_unused]] const PeopleContext& ctx) {
    // [block: editions, users and roles]
    RegisterEditionApi(router, ctx);
    RegisterUserApi(router, ctx);
    // [end of block: editions, users and roles]
    // [block: exports, imports, social mentions]
    RegisterExportApi(router, ctx);
    RegisterMediaApi(router, ctx);
    // [end of block: exports, imports, social mentions]
    // [block: host space: site profile, photo, internships, re-enrolment, teaching kit]
    RegisterHostSpaceApi(router, ctx);
    // [end of block: host space: site profile, photo, internships, re-enrolment, teaching kit]
    // [block: api of existing pages]
    RegisterHostApi(router, ctx);
    RegisterOrganiserApi(router, ctx);
    // [end of block: api of existing pages]
}

}  // namespace juo::web
