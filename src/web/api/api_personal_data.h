// The API of a person's data (issue 21, docs/adr/0015): GET /api/v1/me/export and DELETE
// /api/v1/me for the signed-in person; GET /api/v1/users/{id}/export and DELETE /api/v1/users/{id}
// for the organiser, on the person's request (audited with the organiser as actor).
//
// Thread-safety: as PeopleContext.
#pragma once

#include "http/router.h"
#include "web/kit/caller.h"

namespace juo::web {

void RegisterPersonalDataApi(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web
