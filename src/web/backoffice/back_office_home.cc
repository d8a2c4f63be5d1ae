// See back_office_home.h.
#include "web/backoffice/back_office_home.h"

#include "auth/authorisation.h"
#include "http/router.h"
#include "web/host/host_kit.h"
#include "web/kit/people_page_kit.h"
#include "common/french_dates.h"
#include "common/paris_time.h"
#include "services/retention.h"

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
        // [block: retention (issue 21, docs/adr/0017)] The organiser sees how long personal data
        // is kept and what the last purge did.
        if (auth::Allowed("GET", "/organisation/utilisateurs", auth::RolesOf(&who))) {
            d.set("retention", ctx.retention_months > 0
                                   ? MsgFormat(lang, "office_retention", {std::to_string(ctx.retention_months)})
                                   : MsgString(lang, "office_retention_off"));
            auto last = services::LatestPurge(**db);
            if (!last.ok()) return RefusalPage(req, last.error());
            if (*last) {
                auto day = ParseIsoDate(ParisDateOf((*last)->at));
                d.set("last_purge",
                      MsgFormat(lang, "office_last_purge",
                                {day ? LongDate(*day, lang == Lang::kFr ? DateLang::kFr : DateLang::kEn)
                                     : (*last)->at,
                                 MsgCount(lang, "office_purged_accounts", (*last)->accounts)}));
            } else {
                d.set("last_purge", MsgString(lang, "office_no_purge"));
            }
        }
        // [end of block: retention]
        return PageResponse(req, 200, RenderInLayout("back_office_home", d));
    });
}

}  // namespace juo::web
