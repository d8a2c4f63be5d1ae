// See audit_page.h.
#include "web/backoffice/audit_page.h"

#include "http/router.h"
#include "services/audit_journal.h"
#include "services/audit_labels.h"
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
        // Names, French labels, Paris times and a link to the object where a page shows it
        // (issue 19, item 4); the codes stay in data attributes and in the API.
        const services::LabelLang label_lang = lang == Lang::kFr ? services::LabelLang::kFr : services::LabelLang::kEn;
        for (const auto& e : found.entries) {
            PageData row;
            row.set("at", FormatParisInstant(e.at, lang));
            row.set("at_iso", e.at);
            row.set("actor", services::AuditActorName(e, label_lang));
            row.set("actor_code", e.actor_label);
            row.set("action", e.action);
            row.set("action_label", services::AuditActionLabel(e.action, label_lang));
            const std::string entity = CapitalizeFirst(services::AuditEntityLabel(e.entity, label_lang));
            row.set("entity", e.entity_id ? MsgFormat(lang, "audit_object_number", {entity, std::to_string(*e.entity_id)})
                                          : entity);
            const services::AuditLink link = services::AuditLinkOf(e);
            std::string url;
            switch (link.kind) {
                case services::AuditLink::Kind::kSite:
                    url = "/usine/" + std::to_string(link.id) + "/fiche";
                    break;
                case services::AuditLink::Kind::kUser:
                    url = "/organisation/utilisateurs/" + std::to_string(link.id);
                    break;
                case services::AuditLink::Kind::kEdition:
                    url = "/organisation/editions/" + std::to_string(link.id);
                    break;
                case services::AuditLink::Kind::kNone:
                    break;
            }
            if (!url.empty()) row.set("entity_url", PageLink(req, url));
            if (e.actor_user_id) row.set("actor_url", PageLink(req, "/organisation/utilisateurs/" + std::to_string(*e.actor_user_id)));
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
