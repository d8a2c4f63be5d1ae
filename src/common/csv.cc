// CSV fields and rows (csv.h).
#include "common/csv.h"

namespace juo {

namespace {

// A number as the exports write them: an optional sign, digits (in groups of three after a space,
// a no-break space or a narrow no-break space, as French writes "+20 000"), an optional decimal
// part (point or comma) and exponent ("-3", "-0.5", "12,5", "1e+20").
bool IsPlainNumber(std::string_view t) {
    size_t i = 0;
    auto digits = [&] {
        const size_t from = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
        return i - from;
    };
    auto group_separator = [&]() -> size_t {
        for (std::string_view sep : {std::string_view(" "), std::string_view("\u00A0"), std::string_view("\u202F")})
            if (t.substr(i, sep.size()) == sep) return sep.size();
        return 0;
    };
    if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
    const size_t lead = digits();
    if (lead == 0) return false;
    if (lead <= 3)
        while (const size_t sep = group_separator()) {
            i += sep;
            if (digits() != 3) return false;
        }
    if (i < t.size() && (t[i] == '.' || t[i] == ',')) {
        ++i;
        if (digits() == 0) return false;
    }
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
        if (digits() == 0) return false;
    }
    return i == t.size();
}

// Whether a spreadsheet would read the cell as a formula (OWASP, "CSV Injection").
bool LooksLikeFormula(std::string_view t) {
    if (t.empty()) return false;
    switch (t.front()) {
        case '=':
        case '+':
        case '-':
        case '@':
        case '\t':
        case '\r':
            return !IsPlainNumber(t);
        default:
            return false;
    }
}

}  // namespace

std::string CsvField(std::string_view text, CsvDialect dialect) {
    if (LooksLikeFormula(text)) return CsvField("'" + std::string(text), dialect);
    const char* specials = dialect == CsvDialect::kExcelFr ? ";\"\r\n" : ",\"\r\n";
    if (text.find_first_of(specials) == std::string_view::npos) return std::string(text);
    std::string quoted = "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

namespace {

template <typename Fields>
std::string Row(const Fields& fields, CsvDialect dialect) {
    const char separator = dialect == CsvDialect::kExcelFr ? ';' : ',';
    std::string out;
    bool first = true;
    for (std::string_view f : fields) {
        if (!first) out += separator;
        first = false;
        out += CsvField(f, dialect);
    }
    return out + "\r\n";
}

}  // namespace

std::string CsvRow(std::initializer_list<std::string_view> fields, CsvDialect dialect) {
    return Row(fields, dialect);
}

std::string CsvRow(std::span<const std::string> fields, CsvDialect dialect) { return Row(fields, dialect); }

}  // namespace juo
