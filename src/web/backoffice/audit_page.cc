// See audit_page.h.
#include "web/backoffice/audit_page.h"

#include "http/router.h"
#include "services/audit_journal.h"
#include "web/backoffice/audit_filter.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kAudit = "/organisation/journal";

}  // namespace

void RegisterAuditPage(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kAudit, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kAudit);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        auto read = ReadAuditFilter(req);
        if (!read.ok()) return RefusalPage(req, read.error());
        const services::AuditFilter& filter = *read;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto page = services::FindAuditPage(**db, filter);
        if (!page.ok()) return RefusalPage(req, page.error());
        const services::AuditPage& found = *page;
        PageData d = CommonPageData(req, std::string(Msg(lang, "audit_title")));
        d.set("action", PageLink(req, kAudit));
        if (lang == Lang::kEn) d.set("lang_hidden", std::string("en"));
        d.set("action_value", filter.action_prefix);
        d.set("entity_value", filter.entity);
        d.set("actor_value", filter.actor);
        PageData rows(PageData::type::list);
        for (const auto& e : found.entries) {
            PageData row;
            row.set("at", e.at);
            row.set("actor", e.actor_label);
            row.set("action", e.action);
            row.set("entity", e.entity + (e.entity_id ? " " + std::to_string(*e.entity_id) : ""));
            row.set("detail", e.detail);
            rows.push_back(row);
        }
        d.set("has_entries", !found.entries.empty());
        d.set("entries", rows);
        if (found.more) {
            http::ParamList params = {{"action", filter.action_prefix}, {"entity", filter.entity},
                                      {"actor", filter.actor},
                                      {"page", std::to_string(found.page + 1)}};
            d.set("next_url", PageLink(req, kAudit, params));
        }
        return PageResponse(req, 200, RenderInLayout("audit", d));
    });
}

}  // namespace juo::web
