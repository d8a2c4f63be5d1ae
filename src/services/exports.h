// The back office's exports, the use case behind the exports page (web/export_pages.cc) and the
// JSON API (web/api_exports.cc): which rows a caller may export (the organiser every row, a
// regional relay the rows of their departments: store/export_queries.h says what that means for
// each list), the edition asked for, and each list as a table (French column titles, column codes
// as JSON keys; enumerations as French labels and instants as Paris time for the files, as their
// codes and UTC for the API's JSON). Web encodes the table as a CSV, Excel CSV, XLSX or JSON
// download (web/export_files.h).
//
// Thread-safety: functions over their arguments; the Db is the caller's (this thread's). No
// database exception passes them: a failure is their Error.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "common/result.h"
#include "domain/edition.h"
#include "report/tables.h"
#include "services/db.h"
#include "store/reads/export_queries.h"

namespace juo::services {

// The rows an export may hold: every department (the organiser) or a relay's departments.
using ExportScope = store::ExportScope;

// The lists, in the page's order.
inline constexpr std::string_view kExportLists[] = {"sites", "sessions", "requests", "bookings", "media", "answers"};

// The organiser: everything; otherwise the departments of the caller's relay grants (none for
// anyone else).
ExportScope ExportScopeOf(const auth::Principal& who);

// The edition of `year` (`?edition=YEAR`: "2026"), or the current one when `year` is empty.
// kInvalidArgument for a malformed year, kNotFound for an unknown edition.
Result<domain::Edition> RequestedEdition(Db& db, std::string_view year);

// The years of every edition, for the exports page's chooser.
Result<std::vector<int>> ExportEditionYears(Db& db);

// What the cells hold: kFrench for the files people open (CSV, Excel CSV, XLSX): the enumerations'
// French labels ("acceptée", "Scolaires": exports_labels.h) and instants as Paris time to the
// minute ("2025-01-14 08:10", a kDateTime column); kCodes for programs (the API's JSON): the
// codes ("accepted", "school") and UTC instants ("2025-01-14T07:10:54Z") as stored.
enum class ExportValues { kFrench, kCodes };

// The list `list` of `edition_id` within `scope` (one query); dates, times and instants in typed
// columns (report::ColumnType). kNotFound for an unknown list.
Result<report::Table> ExportTable(Db& db, std::string_view list, long long edition_id, const ExportScope& scope,
                                  ExportValues values = ExportValues::kFrench);

}  // namespace juo::services
