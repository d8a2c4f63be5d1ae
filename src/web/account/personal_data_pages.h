// "Mes données" (issue 21, docs/adr/0015): /compte/donnees says what is kept about the signed-in
// person and why, with a link that downloads it all (GET /api/v1/me/export) and one to
// /compte/supprimer, where the person erases their account after typing their address (the
// session is already proof of who they are; typing the address guards against a slip, and the
// form carries the session's CSRF token). The erasure runs through web/kit/account_erasure.h.
//
// Thread-safety: the handlers run on the handler pool (the erasure's end on the engine's or the
// write steps' thread), on that thread's connection.
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

void RegisterPersonalDataPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web
