// Parsing of the message catalogue's text.
#include "web/kit/message_table.h"

#include <optional>
#include <unordered_set>

#include "web/i18n_messages.h"

namespace juo::web {
namespace {

int HexDigit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

void AppendUtf8(std::string& out, unsigned cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// `field` with its escapes decoded, or nullopt for an unknown or incomplete escape.
std::optional<std::string> Unescape(std::string_view field) {
    std::string out;
    out.reserve(field.size());
    for (size_t i = 0; i < field.size(); ++i) {
        if (field[i] != '\\') {
            out += field[i];
            continue;
        }
        if (++i == field.size()) return std::nullopt;
        switch (field[i]) {
            case 'n':
                out += '\n';
                break;
            case 't':
                out += '\t';
                break;
            case '\\':
                out += '\\';
                break;
            case 'u': {
                if (field.size() - i < 5) return std::nullopt;
                unsigned cp = 0;
                for (size_t k = 1; k <= 4; ++k) {
                    int d = HexDigit(field[i + k]);
                    if (d < 0) return std::nullopt;
                    cp = cp * 16 + static_cast<unsigned>(d);
                }
                AppendUtf8(out, cp);
                i += 4;
                break;
            }
            default:
                return std::nullopt;
        }
    }
    return out;
}

bool IsKey(std::string_view key) {
    if (key.empty()) return false;
    for (char c : key)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '/')) return false;
    return true;
}

}  // namespace

MessageTable ParseMessageTable(std::string_view text) {
    MessageTable table;
    std::unordered_set<std::string_view> keys;
    size_t line_no = 0;
    while (!text.empty()) {
        ++line_no;
        size_t eol = text.find('\n');
        std::string_view line = text.substr(0, eol);
        text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
        if (line.empty() || line.front() == '#') continue;
        ++table.message_lines;
        auto problem = [&](std::string_view reason) {
            table.problems.push_back("line " + std::to_string(line_no) + ": " + std::string(reason));
        };
        size_t tab1 = line.find('\t');
        size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
        if (tab2 == std::string_view::npos || line.find('\t', tab2 + 1) != std::string_view::npos) {
            problem("expected key<TAB>French<TAB>English (3 fields)");
            continue;
        }
        Message m{line.substr(0, tab1), line.substr(tab1 + 1, tab2 - tab1 - 1), line.substr(tab2 + 1)};
        if (!IsKey(m.key)) {
            problem("key '" + std::string(m.key) + "' is not made of a-z, 0-9, _ and /");
            continue;
        }
        if (m.fr.empty() || m.en.empty()) {
            problem("'" + std::string(m.key) + "' has an empty text");
            continue;
        }
        bool escapes_ok = true;
        for (std::string_view* field : {&m.fr, &m.en}) {
            if (field->find('\\') == std::string_view::npos) continue;
            std::optional<std::string> decoded = Unescape(*field);
            if (!decoded) {
                escapes_ok = false;
                break;
            }
            *field = table.unescaped.emplace_back(std::move(*decoded));
        }
        if (!escapes_ok) {
            problem("unknown escape in '" + std::string(m.key) + "' (use \\n \\t \\\\ or \\uXXXX)");
            continue;
        }
        if (!keys.insert(m.key).second) {
            problem("duplicate key '" + std::string(m.key) + "'");
            continue;
        }
        table.messages.push_back(m);
    }
    return table;
}

std::string_view EmbeddedMessageTable() { return i18n_data::kMessagesTsv; }

}  // namespace juo::web
