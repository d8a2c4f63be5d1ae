// The organiser's audit log: who changed what and when, newest first, filtered by action (a
// prefix: "booking." for every booking change), entity and actor, 100 entries a page.
#include "http/router.h"
#include "store/audit_log.h"
#include "web/people_page_kit.h"
#include "web/people_pages.h"

namespace juo::web {
namespace {

constexpr const char* kAudit = "/organisation/journal";
constexpr int kPageSize = 100;

}  // namespace

void RegisterAuditPage(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kAudit, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kAudit);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        store::AuditFilter filter;
        auto text = [&](const char* name, size_t max) {
            const std::string* v = req.Query(name);
            return v ? std::string(v->substr(0, max)) : std::string();
        };
        filter.action_prefix = text("action", 60);
        filter.entity = text("entity", 60);
        filter.actor = text("actor", 100);
        filter.limit = kPageSize + 1;  // one more tells whether an older page exists
        if (const std::string page = text("page", 6); !page.empty()) {
            auto n = ParsePositiveId(page);
            if (!n || *n > 100000)
                return RefusalPage(req, MakeError(ErrorCode::kInvalidArgument, "page is a positive number",
                                                  "la page est un nombre positif"));
            filter.offset = static_cast<int>((*n - 1) * kPageSize);
        }
        auto db = ctx.db->Get();
        if (!db.ok()) return RefusalPage(req, db.error());
        std::vector<domain::AuditEntry> entries;
        try {
            entries = store::FindAudit(**db, filter);
        } catch (const std::exception& e) {
            return RefusalPage(req, (*db)->FromException(e));
        }
        PageData d = CommonPageData(req, std::string(Msg(lang, "audit_title")));
        d.set("action", PageLink(req, kAudit));
        if (lang == Lang::kEn) d.set("lang_hidden", std::string("en"));
        d.set("action_value", filter.action_prefix);
        d.set("entity_value", filter.entity);
        d.set("actor_value", filter.actor);
        PageData rows(PageData::type::list);
        const bool more = static_cast<int>(entries.size()) > kPageSize;
        if (more) entries.pop_back();
        for (const auto& e : entries) {
            PageData row;
            row.set("at", e.at);
            row.set("actor", e.actor_label);
            row.set("action", e.action);
            row.set("entity", e.entity + (e.entity_id ? " " + std::to_string(*e.entity_id) : ""));
            row.set("detail", e.detail);
            rows.push_back(row);
        }
        d.set("has_entries", !entries.empty());
        d.set("entries", rows);
        if (more) {
            http::ParamList params = {{"action", filter.action_prefix}, {"entity", filter.entity},
                                      {"actor", filter.actor},
                                      {"page", std::to_string(filter.offset / kPageSize + 2)}};
            d.set("next_url", PageLink(req, kAudit, params));
        }
        return PageResponse(req, 200, RenderInLayout("audit", d));
    });
}

}  // namespace juo::web
