// The tables behind the charts of the bilan, as plain rows, for the exports (CSV, JSON, XLSX):
// one table per chart or list, with French column titles and typed cells. Every table is made
// from the computed Bilan only ("one computation, many renderers").
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "common/csv.h"
#include "common/result.h"
#include "report/bilan.h"

namespace juo::report {

// A cell: text, a whole number, or a decimal (shares in %, kilometres).
using Cell = std::variant<std::string, long long, double>;

// What a column's text cells hold, for the files that type them (the Excel CSV writes dates the
// French way, the workbook writes date cells). kValue: each cell as its variant says. The others
// hold their text in one ISO form — kDate "2025-04-04", kDateTime "2025-04-04 09:30" (Paris
// wall-clock time), kTime "09:30" — and a cell not in that form (an empty one) stays text.
enum class ColumnType { kValue, kDate, kDateTime, kTime };

struct Column {
    std::string code;      // "attended"
    std::string title_fr;  // "Présents"
    ColumnType type = ColumnType::kValue;
};

struct Table {
    std::string code;      // "audiences", used in URLs, file names and sheet names
    std::string title_fr;  // "Visiteurs par public"
    std::vector<Column> columns;
    std::vector<std::vector<Cell>> rows;
};

// A date and time read from a kDate / kDateTime / kTime cell (a kTime cell has no date: year,
// month and day 0; a kDate cell is at 00:00).
struct TableDateTime {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0;
};
// The cell's text read as its column type says; nullopt when it is not in that form (or the
// column is kValue).
std::optional<TableDateTime> ParseTableDateTime(std::string_view text, ColumnType type);

// Every table of the bilan, in a fixed order: audiences, days, sectors, regions, departments,
// most_requested, white_zones, buses, media_by_kind, media_by_month, satisfaction, targets,
// changes (empty without a previous edition).
std::vector<Table> BilanTables(const Bilan& bilan);

// One table by its code; kNotFound for an unknown code.
Result<Table> FindTable(const Bilan& bilan, std::string_view code);

// The `format` value that asks for the Excel (FR) CSV, on every download (pages and API), and the
// suffix of its file name: juo-2025-sites-excel.csv.
inline constexpr std::string_view kCsvExcelFormat = "csv-excel";
inline constexpr std::string_view kCsvExcelFileSuffix = "-excel.csv";

// The table as CSV; the header = the column titles, French.
// - kRfc4180: comma, CRLF, quotes where needed, decimals with a point, the cells' text as is
//   (dates ISO).
// - kExcelFr (what French Excel opens as columns): a UTF-8 byte order mark, `;`, CRLF, decimals
//   with a comma and no thousands separator (Excel reads them as numbers), kDate cells as
//   dd/mm/yyyy and kDateTime cells as dd/mm/yyyy hh:mm (the form French Excel reads as a date
//   and shows unchanged; it reads ISO dates too, but not ISO instants), kTime cells as hh:mm.
// Both neutralise cells a spreadsheet would run as formulas (common/csv.h).
std::string TableCsv(const Table& table, CsvDialect dialect = CsvDialect::kRfc4180);

// Every table as one JSON document: {"edition": 2025, "tables": [{"code", "title_fr", "columns":
// [{"code", "title_fr"}], "rows": [[…]]}]}.
std::string TablesJson(const Bilan& bilan, const std::vector<Table>& tables);

// Every table as an .xlsx workbook (one sheet per table, bold header, numbers as number cells
// rounded as the CSV rounds them (2 decimals at most), the cells of kDate / kDateTime / kTime
// columns as date cells formatted dd/mm/yyyy, dd/mm/yyyy hh:mm and hh:mm).
// kUnavailable when the temporary file cannot be written.
Result<std::string> TablesXlsx(const std::vector<Table>& tables);

}  // namespace juo::report
