// The back office's CSV imports, the use case behind the site import page
// (web/site_import_page.cc), the media page's import (web/media_page.cc) and the API's
// POST /api/v1/imports/… (web/api_exports.cc): every row checked before anything is written, a
// file with any problem imports nothing and the report lists each problem with its line and column
// (importer/imports.h says which columns each file has); a clean file is written in one
// transaction, audited as the back-office user's. The edition an import goes to is
// services::RequestedEdition (services/exports.h).
//
// Thread-safety: functions over their arguments; the Db is the caller's (this thread's). No
// database exception passes them: a failure is their Error.
#pragma once

#include <string_view>

#include "common/result.h"
#include "importer/imports.h"
#include "services/db.h"

namespace juo::services {

// What an import read, found wrong (empty: the file is clean) and wrote.
using ImportReport = importer::ImportReport;
using ImportProblem = importer::ImportProblem;

// Checks (and unless `dry_run`, imports) the media mentions of `csv` into edition `year`, by
// user `actor`. kNotFound for an unknown edition, kUnavailable on a database failure; the file's
// problems are in the report.
Result<ImportReport> ImportMedia(Db& db, int year, std::string_view csv, bool dry_run, long long actor);

// The same for factory sites (they take part in the edition, approved).
Result<ImportReport> ImportSites(Db& db, int year, std::string_view csv, bool dry_run, long long actor);

}  // namespace juo::services
