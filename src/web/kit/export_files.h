// The exports' requests and downloads, shared by the exports page (export_pages.cc) and the JSON
// API (api_exports.cc, api_media.cc): the edition asked for, and a list's table
// (services/exports.h) as a CSV, Excel (FR) CSV, XLSX or JSON file named juo-YEAR-LIST.EXT
// (juo-YEAR-LIST-excel.csv for the Excel CSV).
//
// Thread-safety: pure functions over their arguments.
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "http/message.h"
#include "report/tables.h"

namespace juo::web {

// The request's `?edition=YEAR` as sent ("" without it): services::RequestedEdition's argument.
std::string_view EditionQuery(const http::Request& request);

// The rows as a JSON array of objects keyed by the column codes (numbers stay numbers).
std::string TableJsonObjects(const report::Table& table);

// The table as an attachment: `format` csv (RFC 4180), csv-excel (report::kCsvExcelFormat: BOM,
// `;`, decimal commas, dd/mm/yyyy dates), xlsx or (when `allow_json`) json, named
// juo-YEAR-LIST.EXT or juo-YEAR-LIST-excel.csv, with its content type (text/csv; charset=utf-8 for
// both CSVs). kInvalidArgument for another format, kUnavailable
// when the workbook cannot be written.
Result<http::Response> ExportDownload(const report::Table& table, int year, std::string_view format,
                                      bool allow_json);

}  // namespace juo::web
