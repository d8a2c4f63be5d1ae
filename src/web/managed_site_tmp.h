// TEMPORARY until host_actions.h lands: the site of a route for its host, relay or organiser.
#pragma once
#include <string_view>
#include "auth/authorisation.h"
#include "store/edition_repository.h"
#include "store/host_queries.h"
#include "web/people_page_kit.h"

namespace juo::web {
struct SiteAccess {
    store::HostSiteView view;
    domain::Edition edition;
};
inline Result<SiteAccess> ManagedSite(store::Database& db, std::string_view id_text, const auth::Principal& who) {
    auto id = ParsePositiveId(id_text);
    if (!id) return MakeError(ErrorCode::kNotFound, "no such site", "site introuvable");
    auto edition = store::CurrentEdition(db);
    if (!edition.ok()) return edition.error();
    auto sites = store::HostSites(db, {*id}, edition->id, 1);
    if (sites.empty())
        return MakeError(ErrorCode::kNotFound, "no site " + std::to_string(*id), "aucun site n°" + std::to_string(*id));
    if (!auth::CanManageSite(who, *id, sites.front().site.department_code))
        return MakeError(ErrorCode::kForbidden, "this is not one of your sites", "ce site n'est pas l'un des vôtres");
    return SiteAccess{sites.front(), *edition};
}
}  // namespace juo::web
