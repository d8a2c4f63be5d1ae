// The organiser's media page: the edition's media mentions by kind, and their import from CSV
// (pasted from the spreadsheet; every row checked, all or nothing, each problem with its line and
// column: importer/imports.h).
#include "http/router.h"
#include "importer/imports.h"
#include "store/edition_repository.h"
#include "store/media_repository.h"
#include "web/people_page_kit.h"
#include "web/people_pages.h"

namespace juo::web {
namespace {

constexpr const char* kMedia = "/organisation/medias";

http::Response MediaPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                         const std::string& notice, const importer::ImportReport* report, const Form& form) {
    const Lang lang = PageLang(req);
    auto db = ctx.db->Get();
    if (!db.ok()) return RefusalPage(req, db.error());
    PageData d = CommonPageData(req, MsgString(lang, "media_title"));
    try {
        auto edition = store::CurrentEdition(**db);
        if (!edition.ok()) return RefusalPage(req, edition.error());
        d.set("edition_label", edition->name + " (" + std::to_string(edition->year) + ")");
        PageData counts(PageData::type::list);
        for (const auto& [kind, n] : store::MediaCountsByKind(**db, edition->id)) {
            PageData row;
            row.set("kind", kind);
            row.set("label", MsgString(lang, "media_kind_" + kind));
            row.set("count", FormatNumber(n, lang));
            counts.push_back(row);
        }
        d.set("counts", counts);
    } catch (const std::exception& e) {
        return RefusalPage(req, (*db)->FromException(e));
    }
    d.set("action", PageLink(req, kMedia));
    d.set("csrf", ctx.csrf->SessionToken(caller.session_id));
    if (!notice.empty()) d.set("notice", notice);
    if (report && !report->problems.empty()) {
        d.set("has_problems", true);
        d.set("problems_title", MsgFormat(lang, "media_problems", {std::to_string(report->problems.size())}));
        PageData problems(PageData::type::list);
        for (const auto& p : report->problems) {
            PageData item;
            item.set("line", std::to_string(p.line));
            item.set("text", MsgFormat(lang, "media_problem_at", {std::to_string(p.line), p.column}) + " " +
                                 (lang == Lang::kFr ? p.reason_fr : p.reason));
            problems.push_back(item);
        }
        d.set("problems", problems);
        d.set("csv", form.Get("csv"));
        d.set("dry_run", form.Has("dry_run"));
    }
    return PageResponse(req, status, RenderInLayout("media", d));
}

}  // namespace

void RegisterMediaPage(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kMedia, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kMedia);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        const std::string* done = req.Query("importees");
        return MediaPage(ctx, req, *a.caller, 200, done ? MsgFormat(lang, "media_imported", {*done}) : "", nullptr, Form{});
    });
    router.Add("POST", kMedia, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kMedia, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto db = ctx.db->Get();
        if (!db.ok()) return RefusalPage(req, db.error());
        Result<domain::Edition> edition = MakeError(ErrorCode::kInternal, "not read");
        try {
            edition = store::CurrentEdition(**db);
        } catch (const std::exception& e) {
            return RefusalPage(req, (*db)->FromException(e));
        }
        if (!edition.ok()) return RefusalPage(req, edition.error());
        // The form keeps the pasted text as it is (line breaks included): read it untrimmed.
        std::string csv;
        for (const auto& [k, v] : form.fields)
            if (k == "csv") csv = v;
        const bool dry_run = form.Has("dry_run");
        auto report = importer::ImportMedia(**db, edition->year, csv, dry_run);
        if (!report.ok()) return RefusalPage(req, report.error());
        if (!report->problems.empty()) return MediaPage(ctx, req, *a.caller, 400, "", &*report, form);
        if (dry_run)
            return MediaPage(ctx, req, *a.caller, 200, MsgFormat(lang, "media_dry_run_ok", {std::to_string(report->rows)}),
                             nullptr, Form{});
        return http::Response::Redirect(PageLink(req, kMedia, {{"importees", std::to_string(report->imported)}}));
    });
}

}  // namespace juo::web
