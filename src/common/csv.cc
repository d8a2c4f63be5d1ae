// CSV fields and rows (csv.h).
#include "common/csv.h"

namespace juo {

std::string CsvField(std::string_view text) {
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

namespace {

template <typename Fields>
std::string Row(const Fields& fields) {
    std::string out;
    bool first = true;
    for (std::string_view f : fields) {
        if (!first) out += ',';
        first = false;
        out += CsvField(f);
    }
    return out + "\r\n";
}

}  // namespace

std::string CsvRow(std::initializer_list<std::string_view> fields) { return Row(fields); }

std::string CsvRow(std::span<const std::string> fields) { return Row(fields); }

}  // namespace juo
