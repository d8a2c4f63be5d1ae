// See back_office_home.h.
#include "web/backoffice/back_office_home.h"

#include "auth/authorisation.h"
#include "http/router.h"
#include "web/host/host_kit.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kHome = "/organisation";

}  // namespace

void RegisterBackOfficeHome(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kHome, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kHome);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        const auth::Principal& who = *a.caller->principal;
        PageData d = CommonPageData(req, MsgString(lang, "office_title"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto queue = services::ModerationQueue(**db, who);
        if (queue.ok())
            d.set("waiting", MsgCount(lang, "office_waiting", static_cast<long long>(queue->size())));
        else if (queue.error().code == ErrorCode::kUnavailable)  // the database failed (not: no edition yet)
            return RefusalPage(req, queue.error());
        // Each screen the caller's roles open (the route table decides).
        PageData links(PageData::type::list);
        for (const char* path : {"/organisation/moderation", "/organisation/moderation/visites", "/organisation/editions", "/organisation/utilisateurs",
                                 "/organisation/exports", "/organisation/usines/import", "/organisation/medias",
                                 "/organisation/kit", "/organisation/enquetes", "/organisation/journal", "/bilan"}) {
            // The bilan's pages are not in the people's route table: open to both roles.
            if (std::string_view(path) != "/bilan" && !auth::Allowed("GET", path, auth::RolesOf(&who))) continue;
            PageData link;
            link.set("url", PageLink(req, path));
            link.set("label", MsgString(lang, std::string("office_link") + path));
            link.set("hint", MsgString(lang, std::string("office_hint") + path));
            links.push_back(link);
        }
        d.set("links", links);
        return PageResponse(req, 200, RenderInLayout("back_office_home", d));
    });
}

}  // namespace juo::web
