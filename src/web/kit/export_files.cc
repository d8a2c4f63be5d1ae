// The exports' downloads (see export_files.h).
#include "web/kit/export_files.h"

#include "web/kit/json_writer.h"

namespace juo::web {

std::string_view EditionQuery(const http::Request& request) {
    const std::string* year = request.Query("edition");
    return year ? std::string_view(*year) : std::string_view();
}

std::string TableJsonObjects(const report::Table& table) {
    JsonWriter w;
    w.BeginArray();
    for (const auto& row : table.rows) {
        w.BeginObject();
        for (size_t c = 0; c < row.size() && c < table.columns.size(); ++c) {
            w.Key(table.columns[c].code);
            if (const auto* s = std::get_if<std::string>(&row[c]))
                w.String(*s);
            else if (const auto* n = std::get_if<long long>(&row[c]))
                w.Int(*n);
            else
                w.Double(std::get<double>(row[c]));
        }
        w.EndObject();
    }
    w.EndArray();
    return w.Take();
}

Result<http::Response> ExportDownload(const report::Table& table, int year, std::string_view format,
                                      bool allow_json) {
    http::Response r;
    const bool excel_csv = format == report::kCsvExcelFormat;
    if (format == "csv" || excel_csv) {
        r = http::Response::Text(
            200, report::TableCsv(table, excel_csv ? CsvDialect::kExcelFr : CsvDialect::kRfc4180));
        r.content_type = "text/csv; charset=utf-8";
    } else if (format == "xlsx") {
        auto bytes = report::TablesXlsx({table});
        if (!bytes.ok()) return bytes.error();
        r = http::Response::Text(200, std::move(*bytes));
        r.content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    } else if (format == "json" && allow_json) {
        r = http::Response::Json(200, TableJsonObjects(table));
    } else {
        return allow_json ? MakeError(ErrorCode::kInvalidArgument, "format is csv, csv-excel, xlsx or json",
                                      "format : csv, csv-excel, xlsx ou json")
                          : MakeError(ErrorCode::kInvalidArgument, "format is csv, csv-excel or xlsx",
                                      "format : csv, csv-excel ou xlsx");
    }
    const std::string name = "juo-" + std::to_string(year) + "-" + table.code +
                             (excel_csv ? std::string(report::kCsvExcelFileSuffix) : "." + std::string(format));
    if (format != "json") r.AddHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

}  // namespace juo::web
