// See site_import_page.h.
#include "web/backoffice/site_import_page.h"

#include "http/router.h"
#include "services/exports.h"
#include "services/imports.h"
#include "web/backoffice/import_reports.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kSiteImport = "/organisation/usines/import";

http::Response SiteImportPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                              const domain::Edition& edition, int status, const std::string& notice,
                              const services::ImportReport* report, const Form& form) {
    const Lang lang = PageLang(req);
    PageData d = CommonPageData(req, MsgString(lang, "site_import_title"));
    d.set("edition_label", edition.name + " (" + std::to_string(edition.year) + ")");
    d.set("import_action", PageLink(req, kSiteImport));
    d.set("exports_url", PageLink(req, "/organisation/exports"));
    d.set("csrf", ctx.csrf->SessionToken(caller.session_id));
    if (!notice.empty()) d.set("notice", notice);
    if (report) SetImportProblems(d, *report, form, lang);
    return PageResponse(req, status, RenderInLayout("site_import", d));
}

}  // namespace

void RegisterSiteImportPage(http::Router& router, const PeopleContext& ctx) {
    auto edition_of = [ctx]() -> Result<domain::Edition> {
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return db.error();
        return services::RequestedEdition(**db, "");  // the current edition
    };
    router.Add("GET", kSiteImport, [ctx, edition_of](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kSiteImport);
        if (a.refusal) return *a.refusal;
        auto edition = edition_of();
        if (!edition.ok()) return RefusalPage(req, edition.error());
        const std::string* done = req.Query("importees");
        return SiteImportPage(ctx, req, *a.caller, *edition, 200,
                              done ? MsgFormat(PageLang(req), "site_import_done", {*done}) : "", nullptr, Form{});
    });
    router.Add("POST", kSiteImport, [ctx, edition_of](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kSiteImport, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto edition = edition_of();
        if (!edition.ok()) return RefusalPage(req, edition.error());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        const bool dry_run = form.Has("dry_run");
        auto report = services::ImportSites(**db, edition->year, PastedCsv(form), dry_run, a.caller->principal->user_id);
        if (!report.ok()) return RefusalPage(req, report.error());
        if (!report->problems.empty())
            return SiteImportPage(ctx, req, *a.caller, *edition, 400, "", &*report, form);
        if (dry_run)
            return SiteImportPage(ctx, req, *a.caller, *edition, 200,
                                  MsgFormat(lang, "media_dry_run_ok", {std::to_string(report->rows)}), nullptr, Form{});
        return http::Response::Redirect(PageLink(req, kSiteImport, {{"importees", std::to_string(report->imported)}}));
    });
}

}  // namespace juo::web
