// See school_pages.h.
#include "web/backoffice/school_pages.h"

#include "http/router.h"
#include "services/group_requests.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kSchools = "/organisation/ecoles";
constexpr const char* kDeadline = "/organisation/editions/{id}/date-limite-demandes";

http::Response SchoolsPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                           const std::string& notice, const std::string& error) {
    const Lang lang = PageLang(req);
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    auto schools = services::SchoolsToCheck(**db, *caller.principal, 200);
    if (!schools.ok()) return RefusalPage(req, schools.error());
    const std::string heading = MsgString(lang, "schools_check_title");
    PageData d = CommonPageData(req, heading);
    d.set("heading", heading);
    d.set("intro", MsgString(lang, "schools_check_intro"));
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
    PageData items(PageData::type::list);
    for (const auto& s : *schools) {
        PageData item;
        item.set("id", std::to_string(s.id));
        item.set("name", s.name);
        item.set("commune", s.commune_name);
        item.set("department", s.department_code);
        item.set("kind", MsgString(lang, "school_kind_" + std::string(domain::ToCode(s.kind))));
        if (!s.uai.empty()) item.set("uai", s.uai);
        PageData priorities(PageData::type::list);
        for (const char* p : {"none", "rep", "rep_plus"}) {
            PageData o = OptionData(p, MsgString(lang, std::string("school_priority_") + p),
                                    domain::ToCode(s.priority_education) == p);
            priorities.push_back(o);
        }
        item.set("priorities", priorities);
        item.set("rural", s.rural);
        item.set("csrf", csrf);
        item.set("action", PageLink(req, kSchools));
        items.push_back(item);
    }
    d.set("schools", items);
    return PageResponse(req, status, RenderInLayout("schools_to_check", d));
}

}  // namespace

void RegisterSchoolPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kSchools, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kSchools);
        if (a.refusal) return *a.refusal;
        std::string notice;
        if (req.Query("fait")) notice = MsgString(PageLang(req), "schools_check_done");
        return SchoolsPage(ctx, req, *a.caller, 200, notice, "");
    });
    router.Add("POST", kSchools, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kSchools, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto id = ParsePositiveId(form.Get("school"));
        auto priority = domain::ParsePriorityEducation(form.Get("priority"));
        if (!id || !priority) return SchoolsPage(ctx, req, *a.caller, 400, "", MsgString(lang, "bad_form"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return SchoolsPage(ctx, req, *a.caller, 503, "", ErrorText(db.error(), lang));
        auto done = services::ConfirmSchool(**db, *a.caller->principal, *id, *priority, form.Has("rural"));
        if (!done.ok()) return SchoolsPage(ctx, req, *a.caller, PageStatus(done.error()), "", ErrorText(done.error(), lang));
        return http::Response::Redirect(PageLink(req, kSchools, {{"fait", "1"}}));
    });
    // The edition's request deadline, from its page (organisers).
    router.Add("POST", kDeadline, [ctx](const http::Request& req) {
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kDeadline, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto id = ParsePositiveId(req.PathParam("id"));
        if (!id) return RefusalPage(req, MakeError(ErrorCode::kNotFound, "no such edition", "édition introuvable"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto done = services::SetRequestDeadline(**db, *a.caller->principal, *id, form.Get("request_deadline"));
        if (!done.ok()) return RefusalPage(req, done.error());
        return http::Response::Redirect(
            PageLink(req, "/organisation/editions/" + std::to_string(*id), {{"fait", "1"}}));
    });
}

}  // namespace juo::web
