// The CSV imports' reports (services/imports.h) as the pages and the API show them: every
// problem with its line and column in the page's language (the _csv_import.mustache partial),
// and the JSON answer {rows, imported, dry_run, problems: [{line, column, reason, reason_fr}]}.
//
// Thread-safety: pure functions over their arguments.
#pragma once

#include <string>

#include "services/imports.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {

// The pasted CSV of a form's `csv` field, untrimmed (its line breaks are the file's).
std::string PastedCsv(const Form& form);

// Sets the partial's problem data (has_problems, problems_title, problems) of `report`, and keeps
// the pasted text and the dry-run box as they were sent.
void SetImportProblems(PageData& data, const services::ImportReport& report, const Form& form, Lang lang);

// The report as JSON.
std::string ImportReportJson(const services::ImportReport& report, bool dry_run);

}  // namespace juo::web
