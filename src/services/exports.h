// The back office's exports, shared by the exports page (export_pages.cc) and the JSON API
// (api_exports.cc): which rows a caller may export (the organiser every row, a regional relay the
// rows of their departments: store/export_queries.h says what that means for each list), the
// edition asked for, each list as a table (French column titles, column codes as JSON keys,
// enumerations as their codes), and the table as a CSV, XLSX or JSON download named
// juo-YEAR-LIST.EXT.
//
// Thread-safety: pure functions over their arguments; the Database is the caller's.
#pragma once

#include <string>
#include <string_view>

#include "auth/principal.h"
#include "common/result.h"
#include "domain/edition.h"
#include "http/message.h"
#include "report/tables.h"
#include "store/database.h"
#include "store/export_queries.h"

namespace juo::web {

// The lists, in the page's order.
inline constexpr std::string_view kExportLists[] = {"sites", "sessions", "requests", "bookings", "media", "answers"};

// The organiser: everything; otherwise the departments of the caller's relay grants (none for
// anyone else).
store::ExportScope ExportScopeOf(const auth::Principal& who);

// The edition of `?edition=YEAR`, or the current one without it. kInvalidArgument for a
// malformed year, kNotFound for an unknown edition. Throws soci::soci_error.
Result<domain::Edition> RequestedEdition(store::Database& db, const http::Request& request);

// The list `list` of `edition_id` within `scope` (one query). kNotFound for an unknown list.
// Throws soci::soci_error.
Result<report::Table> ExportTable(store::Database& db, std::string_view list, long long edition_id,
                                  const store::ExportScope& scope);

// The rows as a JSON array of objects keyed by the column codes (numbers stay numbers).
std::string TableJsonObjects(const report::Table& table);

// The table as an attachment: `format` csv, xlsx or (when `allow_json`) json, named
// juo-YEAR-LIST.EXT, with its content type. kInvalidArgument for another format, kUnavailable
// when the workbook cannot be written.
Result<http::Response> ExportDownload(const report::Table& table, int year, std::string_view format,
                                      bool allow_json);

}  // namespace juo::web
