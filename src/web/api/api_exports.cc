// See api_exports.h.
#include "web/api/api_exports.h"

#include "http/router.h"
#include "services/exports.h"
#include "services/imports.h"
#include "web/api/api_v1.h"
#include "web/kit/export_files.h"
#include "web/backoffice/import_reports.h"

namespace juo::web {
namespace {

http::Response Import(const PeopleContext& ctx, const http::Request& req, const char* pattern, bool sites) {
    auto caller = Admit(ctx, req, pattern);
    if (!caller.ok()) return ApiError(caller.error());
    const std::string type = req.Header("content-type");
    if (type.rfind("text/csv", 0) != 0 && type.rfind("text/plain", 0) != 0)
        return ApiError(MakeError(ErrorCode::kUnsupportedMediaType, "send the file as text/csv",
                                  "envoyez le fichier en text/csv"));
    const std::string* dry = req.Query("dry_run");
    const bool dry_run = dry && (*dry == "1" || *dry == "true");
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return ApiError(db.error());
    auto edition = services::RequestedEdition(**db, EditionQuery(req));
    if (!edition.ok()) return ApiError(edition.error());
    const long long user = caller->principal->user_id;
    auto report = sites ? services::ImportSites(**db, edition->year, req.body, dry_run, user)
                        : services::ImportMedia(**db, edition->year, req.body, dry_run, user);
    if (!report.ok()) return ApiError(report.error());
    http::Response r = http::Response::Json(report->problems.empty() ? 200 : 422, ImportReportJson(*report, dry_run));
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

}  // namespace

void RegisterExportApi(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", "/api/v1/exports/{list}", [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, "/api/v1/exports/{list}");
        if (!caller.ok()) return ApiError(caller.error());
        const std::string* format = req.Query("format");
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        auto edition = services::RequestedEdition(**db, EditionQuery(req));
        if (!edition.ok()) return ApiError(edition.error());
        const std::string_view kind = format ? std::string_view(*format) : std::string_view("json");
        // The JSON keeps the codes and UTC instants programs compare; the files are for people.
        auto table = services::ExportTable(**db, req.PathParam("list"), edition->id,
                                           services::ExportScopeOf(*caller->principal),
                                           kind == "json" ? services::ExportValues::kCodes
                                                          : services::ExportValues::kFrench);
        if (!table.ok()) return ApiError(table.error());
        auto file = ExportDownload(*table, edition->year, kind, true);
        if (!file.ok()) return ApiError(file.error());
        return *file;
    });
    router.Add("POST", "/api/v1/imports/sites", [ctx](const http::Request& req) {
        return Import(ctx, req, "/api/v1/imports/sites", true);
    });
    router.Add("POST", "/api/v1/imports/media", [ctx](const http::Request& req) {
        return Import(ctx, req, "/api/v1/imports/media", false);
    });
}

}  // namespace juo::web
