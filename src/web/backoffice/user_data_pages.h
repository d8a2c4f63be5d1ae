// The organiser's on-request actions on a person's data (issue 21, docs/adr/0015), from the user's
// back-office page: /organisation/utilisateurs/{id}/donnees downloads their export ("user.export"
// audited with the organiser as actor); /organisation/utilisateurs/{id}/supprimer erases the
// account after the organiser types its address ("user.erase", the organiser as actor; the
// future bookings cancelled by the organiser through the engine).
//
// Thread-safety: as PeopleContext; handlers on the handler pool.
#pragma once

#include "web/kit/caller.h"

namespace juo::http {
class Router;
}

namespace juo::web {

void RegisterUserDataPages(http::Router& router, const PeopleContext& ctx);

}  // namespace juo::web
