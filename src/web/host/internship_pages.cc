// See internship_pages.h.
#include "web/host/internship_pages.h"

#include "domain/internship.h"
#include "http/router.h"
#include "web/host/host_kit.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kInternships = "/usine/{id}/stages";

std::string InternshipsPath(long long site_id) { return "/usine/" + std::to_string(site_id) + "/stages"; }

http::Response InternshipsPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                               const services::SiteAccess& access, services::Db& db, int status, const Form& form,
                               const std::string& notice, const std::string& error) {
    const Lang lang = PageLang(req);
    const auto& site = access.view.site;
    auto internships = services::SiteInternships(db, access);
    if (!internships.ok()) return RefusalPage(req, internships.error());
    PageData d = CommonPageData(req, MsgFormat(lang, "internships_page_title", {site.name}));
    d.set("heading", MsgFormat(lang, "internships_page_title", {site.name}));
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
    const std::string action = PageLink(req, InternshipsPath(site.id));
    d.set("csrf", csrf);
    d.set("action", action);
    d.set("profile_url", PageLink(req, "/usine/" + std::to_string(site.id) + "/fiche"));
    PageData offers(PageData::type::list);
    for (const auto& o : *internships) {
        PageData item;
        item.set("id", std::to_string(o.id));
        item.set("kind", MsgString(lang, "internship_" + std::string(domain::ToCode(o.kind))));
        item.set("title", o.title);
        item.set("places", MsgCount(lang, "internship_places", o.places));
        item.set("filled", std::to_string(o.filled));
        item.set("max", std::to_string(o.places));
        item.set("csrf", csrf);
        item.set("action", action);
        offers.push_back(item);
    }
    d.set("offers", offers);
    PageData kinds(PageData::type::list);
    const std::string kind = form.Get("kind");
    for (const auto& [k, code] : domain::kInternshipKindCodes)
        kinds.push_back(OptionData(std::string(code), MsgString(lang, "internship_" + std::string(code)), kind == code));
    d.set("kinds", kinds);
    d.set("form_title", form.Get("title"));
    d.set("form_places", form.Has("places") ? form.Get("places") : "1");
    return PageResponse(req, status, RenderInLayout("internships", d));
}

}  // namespace

void RegisterInternshipPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kInternships, [ctx](const http::Request& req) {
        return WithSite(ctx, req, kInternships, nullptr, [&](const Caller& caller, const services::SiteAccess& access, services::Db& db) {
            const std::string* done = req.Query("fait");
            return InternshipsPage(ctx, req, caller, access, db, 200, Form{},
                                   done ? MsgString(PageLang(req), "internship_done_" + *done) : "", "");
        });
    });
    router.Add("POST", kInternships, [ctx](const http::Request& req) {
        const Form form = ReadForm(req);
        return WithSite(ctx, req, kInternships, &form, [&](const Caller& caller, const services::SiteAccess& access, services::Db& db) {
            const std::string action = form.Get("action");
            const long long user = caller.principal->user_id;
            Status done = action == "add" ? services::AddInternship(db, user, access, InternshipInputOf(form))
                          : action == "filled"
                              ? services::SetInternshipFilled(db, user, access, form.Get("offer"), form.Get("filled"))
                              : Status(MakeError(ErrorCode::kInvalidArgument, "unknown action", "action inconnue"));
            if (!done.ok())
                return InternshipsPage(ctx, req, caller, access, db, PageStatus(done.error()), form, "",
                                       ErrorText(done.error(), PageLang(req)));
            return http::Response::Redirect(PageLink(req, InternshipsPath(access.view.site.id), {{"fait", action}}));
        });
    });
}

}  // namespace juo::web
