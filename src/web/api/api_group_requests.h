// The JSON API of Friday group requests: a teacher's or adviser's request and their list, the
// requests a host, relay or organiser may decide (scoped to their sites or departments), the
// decision (accept for one tour — places and a group slot through the capacity engine — or
// refuse, the requester mailed either way), and a tour's visitor list for its host.
//
// Routes: POST /api/v1/group-requests, GET /api/v1/me/group-requests,
// GET /api/v1/host/group-requests, POST /api/v1/group-requests/{id}/accept|refuse,
// GET /api/v1/host/sessions/{id}/bookings. Documented in docs/api/openapi.yaml.
//
// Thread-safety: handlers only use the thread-safe services of PeopleContext.
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

void RegisterGroupRequestApi(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web
