// See export_pages.h.
#include "web/backoffice/export_pages.h"

#include "http/router.h"
#include "services/exports.h"
#include "web/kit/export_files.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kExports = "/organisation/exports";
constexpr const char* kExportFile = "/organisation/exports/{list}";

}  // namespace

void RegisterExportPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kExports, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kExports);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        const auth::Principal& who = *a.caller->principal;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        PageData d = CommonPageData(req, MsgString(lang, "exports_title"));
        auto edition = services::RequestedEdition(**db, EditionQuery(req));
        if (!edition.ok()) return RefusalPage(req, edition.error());
        auto years = services::ExportEditionYears(**db);
        if (!years.ok()) return RefusalPage(req, years.error());
        const std::string year = std::to_string(edition->year);
        d.set("intro", MsgFormat(lang, "exports_intro", {edition->name + " (" + year + ")"}));
        PageData editions(PageData::type::list);
        for (int y : *years) editions.push_back(OptionData(std::to_string(y), std::to_string(y), y == edition->year));
        d.set("editions", editions);
        PageData lists(PageData::type::list);
        for (auto list : services::kExportLists) {
            const std::string code(list);
            PageData item;
            item.set("code", code);
            item.set("label", MsgString(lang, "export_" + code));
            item.set("help", MsgString(lang, "export_" + code + "_help"));
            item.set("csv_url", PageLink(req, "/organisation/exports/" + code, {{"format", "csv"}, {"edition", year}}));
            item.set("xlsx_url", PageLink(req, "/organisation/exports/" + code, {{"format", "xlsx"}, {"edition", year}}));
            item.set("csv_excel_url", PageLink(req, "/organisation/exports/" + code,
                                               {{"format", std::string(report::kCsvExcelFormat)}, {"edition", year}}));
            lists.push_back(item);
        }
        d.set("lists", lists);
        const services::ExportScope scope = services::ExportScopeOf(who);
        if (!scope.everything) {
            std::string departments;
            for (const auto& code : scope.departments) departments += (departments.empty() ? "" : ", ") + code;
            d.set("scope_note", MsgFormat(lang, "exports_scope_relay", {departments}));
        } else {
            d.set("import_url", PageLink(req, "/organisation/usines/import"));
            d.set("media_url", PageLink(req, "/organisation/medias"));
        }
        d.set("action", PageLink(req, kExports));
        if (lang == Lang::kEn) d.set("lang_hidden", std::string("en"));
        return PageResponse(req, 200, RenderInLayout("exports", d));
    });

    router.Add("GET", kExportFile, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kExportFile);
        if (a.refusal) return *a.refusal;
        const std::string* format = req.Query("format");
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto edition = services::RequestedEdition(**db, EditionQuery(req));
        if (!edition.ok()) return RefusalPage(req, edition.error());
        auto table = services::ExportTable(**db, req.PathParam("list"), edition->id,
                                           services::ExportScopeOf(*a.caller->principal));
        if (!table.ok()) return RefusalPage(req, table.error());
        auto file = ExportDownload(*table, edition->year, format ? *format : "csv", false);
        if (!file.ok()) return RefusalPage(req, file.error());
        return *file;
    });
}

}  // namespace juo::web
