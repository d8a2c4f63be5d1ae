// The tables as an .xlsx workbook through libxlsxwriter, which writes to a file: a private
// temporary file is written, read back and removed.
#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "report/tables.h"

namespace juo::report {

Result<std::string> TablesXlsx(const std::vector<Table>& tables) {
    char path[] = "/tmp/juo-tables-XXXXXX";
    const int fd = mkstemp(path);
    if (fd < 0) return MakeError(ErrorCode::kUnavailable, "cannot create a temporary file for the workbook");
    close(fd);
    lxw_workbook* workbook = workbook_new(path);
    if (!workbook) {
        std::remove(path);
        return MakeError(ErrorCode::kUnavailable, "cannot create the workbook");
    }
    lxw_format* bold = workbook_add_format(workbook);
    format_set_bold(bold);
    // Date cells: a number of days since 1900 shown through a date format, so that a column of
    // dates sorts, filters and computes as dates in Excel and LibreOffice.
    auto number_format = [&](const char* pattern) {
        lxw_format* f = workbook_add_format(workbook);
        format_set_num_format(f, pattern);
        return f;
    };
    lxw_format* date_format = number_format("dd/mm/yyyy");
    lxw_format* date_time_format = number_format("dd/mm/yyyy hh:mm");
    lxw_format* time_format = number_format("hh:mm");
    for (const auto& t : tables) {
        // Sheet names: at most 31 characters, unique; the table codes are.
        lxw_worksheet* sheet = workbook_add_worksheet(workbook, t.code.substr(0, 31).c_str());
        for (size_t c = 0; c < t.columns.size(); ++c) {
            worksheet_write_string(sheet, 0, static_cast<lxw_col_t>(c), t.columns[c].title_fr.c_str(), bold);
            worksheet_set_column(sheet, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c),
                                 c == 1 ? 32 : 16, nullptr);
        }
        // The text dates of a typed column, as date cells.
        auto write_date = [&](lxw_row_t row, lxw_col_t col, const std::string& text, ColumnType type) {
            const auto when = ParseTableDateTime(text, type);
            if (!when) return false;
            if (type == ColumnType::kTime) {
                worksheet_write_number(sheet, row, col, (when->hour * 60 + when->minute) / 1440.0, time_format);
                return true;
            }
            lxw_datetime value{when->year, when->month, when->day, when->hour, when->minute, 0};
            worksheet_write_datetime(sheet, row, col, &value,
                                     type == ColumnType::kDate ? date_format : date_time_format);
            return true;
        };
        for (size_t r = 0; r < t.rows.size(); ++r)
            for (size_t c = 0; c < t.rows[r].size(); ++c) {
                const auto row = static_cast<lxw_row_t>(r + 1);
                const auto col = static_cast<lxw_col_t>(c);
                const Cell& cell = t.rows[r][c];
                const ColumnType type = c < t.columns.size() ? t.columns[c].type : ColumnType::kValue;
                if (const auto* s = std::get_if<std::string>(&cell)) {
                    if (!s->empty() && !write_date(row, col, *s, type))
                        worksheet_write_string(sheet, row, col, s->c_str(), nullptr);
                } else if (const auto* n = std::get_if<long long>(&cell)) {
                    worksheet_write_number(sheet, row, col, static_cast<double>(*n), nullptr);
                } else {
                    // Rounded as the CSV and the JSON round it (FormatDecimal, 2 decimals): the
                    // same cells in every file.
                    worksheet_write_number(sheet, row, col, std::stod(FormatDecimal(std::get<double>(cell), 2)),
                                           nullptr);
                }
            }
    }
    const lxw_error error = workbook_close(workbook);
    std::string bytes;
    if (error == LXW_NO_ERROR) {
        std::ifstream in(path, std::ios::binary);
        bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
    std::remove(path);
    if (error != LXW_NO_ERROR || bytes.empty())
        return MakeError(ErrorCode::kUnavailable,
                         std::string("cannot write the workbook: ") + lxw_strerror(error));
    return bytes;
}

}  // namespace juo::report
