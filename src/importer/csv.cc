// CSV parsing (see csv.h).
#include "importer/csv.h"

#include "common/text.h"

namespace juo::importer {
namespace {

bool IsUtf8(std::string_view s) {
    for (size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        const size_t extra = c < 0x80 ? 0 : (c & 0xE0) == 0xC0 ? 1 : (c & 0xF0) == 0xE0 ? 2 : (c & 0xF8) == 0xF0 ? 3 : 4;
        if (extra == 4 || (extra == 1 && c < 0xC2)) return false;  // a stray continuation, an overlong pair
        if (i + extra >= s.size() && extra > 0) return false;        // cut short at the end
        for (size_t k = 1; k <= extra; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += 1 + extra;
    }
    return true;
}

// The line number of each byte offset is counted as we go.
struct Reader {
    std::string_view text;
    size_t pos = 0;
    int line = 1;
    char separator = ',';

    bool AtEnd() const { return pos >= text.size(); }

    // One record; false at the end. `problem` is set on an unterminated quote.
    bool Next(std::vector<std::string>& fields, int& start_line, std::optional<ImportProblem>& problem) {
        fields.clear();
        if (AtEnd()) return false;
        start_line = line;
        std::string field;
        bool quoted = false, was_quoted = false;
        while (!AtEnd()) {
            char c = text[pos++];
            if (quoted) {
                if (c == '"') {
                    if (!AtEnd() && text[pos] == '"') {
                        field += '"';
                        ++pos;
                    } else {
                        quoted = false;
                    }
                } else {
                    if (c == '\n') ++line;
                    field += c;
                }
                continue;
            }
            if (c == '"' && field.empty() && !was_quoted) {
                quoted = was_quoted = true;
            } else if (c == separator) {
                fields.push_back(std::move(field));
                field.clear();
                was_quoted = false;
            } else if (c == '\r') {
                // part of CRLF
            } else if (c == '\n') {
                ++line;
                fields.push_back(std::move(field));
                return true;
            } else {
                field += c;
            }
        }
        if (quoted) {
            problem = ImportProblem{start_line, "", "a quoted field is never closed", "un champ entre guillemets n'est jamais fermé"};
            return false;
        }
        fields.push_back(std::move(field));
        return true;
    }
};

bool Blank(const std::vector<std::string>& fields) {
    for (const auto& f : fields)
        if (!Trim(f).empty()) return false;
    return true;
}

}  // namespace

CsvParse ParseCsv(std::string_view text) {
    CsvParse out;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
    if (!IsUtf8(text)) {
        out.problem = ImportProblem{0, "", "the file is not UTF-8 text (save it as \"CSV UTF-8\")",
                                    "le fichier n'est pas en UTF-8 (enregistrez-le en « CSV UTF-8 »)"};
        return out;
    }
    Reader reader{text};
    const std::string_view first_line = text.substr(0, text.find('\n'));
    size_t commas = 0, semicolons = 0;
    for (char c : first_line) {
        commas += c == ',';
        semicolons += c == ';';
    }
    reader.separator = semicolons > commas ? ';' : ',';
    std::vector<std::string> fields;
    int line = 0;
    if (!reader.Next(fields, line, out.problem) || Blank(fields)) {
        if (!out.problem) out.problem = ImportProblem{1, "", "the file is empty: the first line names the columns",
                                                      "le fichier est vide : la première ligne nomme les colonnes"};
        return out;
    }
    for (auto& f : fields) out.table.header.push_back(std::string(Trim(f)));
    while (reader.Next(fields, line, out.problem)) {
        if (Blank(fields)) continue;
        CsvRow row;
        row.line = line;
        for (auto& f : fields) row.fields.push_back(std::string(Trim(f)));
        out.table.rows.push_back(std::move(row));
    }
    return out;
}

std::optional<size_t> FindColumn(const std::vector<std::string>& header, std::initializer_list<std::string_view> names) {
    for (size_t i = 0; i < header.size(); ++i) {
        const std::string folded = FoldForSearch(header[i]);
        for (auto name : names)
            if (folded == FoldForSearch(name)) return i;
    }
    return std::nullopt;
}

}  // namespace juo::importer
