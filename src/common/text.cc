// Search folding and French number formatting.
#include "common/text.h"

#include <charconv>

#include <cstdint>

namespace juo {
namespace {

// ASCII fold of a code point in U+00C0..U+017F, or nullptr when there is none.
const char* FoldLatin(uint32_t cp) {
    if (cp >= 0xC0 && cp <= 0xC5) return "a";
    if (cp == 0xC6) return "ae";
    if (cp == 0xC7) return "c";
    if (cp >= 0xC8 && cp <= 0xCB) return "e";
    if (cp >= 0xCC && cp <= 0xCF) return "i";
    if (cp == 0xD1) return "n";
    if ((cp >= 0xD2 && cp <= 0xD6) || cp == 0xD8) return "o";
    if (cp >= 0xD9 && cp <= 0xDC) return "u";
    if (cp == 0xDD) return "y";
    if (cp == 0xDF) return "ss";
    if (cp >= 0xE0 && cp <= 0xE5) return "a";
    if (cp == 0xE6) return "ae";
    if (cp == 0xE7) return "c";
    if (cp >= 0xE8 && cp <= 0xEB) return "e";
    if (cp >= 0xEC && cp <= 0xEF) return "i";
    if (cp == 0xF1) return "n";
    if ((cp >= 0xF2 && cp <= 0xF6) || cp == 0xF8) return "o";
    if (cp >= 0xF9 && cp <= 0xFC) return "u";
    if (cp == 0xFD || cp == 0xFF) return "y";
    if (cp == 0x152 || cp == 0x153) return "oe";
    if (cp == 0x178) return "y";
    if (cp >= 0x100 && cp <= 0x17F) {
        // Latin Extended-A comes in case pairs; map the common base letters.
        static const char* const kBase[] = {
            "a", "a", "a", "a", "a", "a", "c",  "c",  "c", "c", "c", "c", "c",  "c",  "d", "d", "d", "d", "e",
            "e", "e", "e", "e", "e", "e", "e",  "e",  "e", "g", "g", "g", "g",  "g",  "g", "g", "g", "h", "h",
            "h", "h", "i", "i", "i", "i", "i",  "i",  "i", "i", "i", "i", "ij", "ij", "j", "j", "k", "k", "k",
            "l", "l", "l", "l", "l", "l", "l",  "l",  "l", "l", "n", "n", "n",  "n",  "n", "n", "n", "n", "n",
            "o", "o", "o", "o", "o", "o", "oe", "oe", "r", "r", "r", "r", "r",  "r",  "s", "s", "s", "s", "s",
            "s", "s", "s", "t", "t", "t", "t",  "t",  "t", "u", "u", "u", "u",  "u",  "u", "u", "u", "u", "u",
            "u", "u", "w", "w", "y", "y", "y",  "z",  "z", "z", "z", "z", "z",  "s"};
        return kBase[cp - 0x100];
    }
    return nullptr;
}

}  // namespace

std::string FoldForSearch(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    bool pending_space = false;
    auto emit = [&](const char* s) {
        if (pending_space && !out.empty()) out.push_back(' ');
        pending_space = false;
        out.append(s);
    };
    size_t i = 0;
    while (i < text.size()) {
        auto c = static_cast<unsigned char>(text[i]);
        uint32_t cp = 0;
        size_t len = 1;
        if (c < 0x80) {
            cp = c;
        } else if ((c >> 5) == 0x6 && i + 1 < text.size()) {
            cp = ((c & 0x1Fu) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
            len = 2;
        } else if ((c >> 4) == 0xE && i + 2 < text.size()) {
            cp = ((c & 0x0Fu) << 12) | ((static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6) |
                 (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
            len = 3;
        } else {
            len = (c >> 3) == 0x1E ? 4 : 1;
            cp = 0xFFFD;
        }
        i += len;
        if (cp < 0x80) {
            char ch = static_cast<char>(cp);
            if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
            if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) {
                const char buf[2] = {ch, 0};
                emit(buf);
            } else {
                pending_space = true;
            }
        } else if (const char* folded = FoldLatin(cp)) {
            emit(folded);
        } else {
            pending_space = true;  // dashes, typographic apostrophes and spaces, symbols separate words
        }
    }
    return out;
}

std::string FormatThousandsFr(long long value, bool nbsp) {
    const std::string sep = nbsp ? "\u202F" : " ";
    bool negative = value < 0;
    unsigned long long magnitude =
        negative ? 0ULL - static_cast<unsigned long long>(value) : static_cast<unsigned long long>(value);
    std::string digits = std::to_string(magnitude);
    std::string out;
    int count = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
        if (count > 0 && count % 3 == 0) out.insert(0, sep);
        out.insert(out.begin(), *it);
        ++count;
    }
    return negative ? "-" + out : out;
}

void AppendJsonString(std::string& out, std::string_view text, bool html_safe) {
    out += '"';
    size_t run = 0;  // start of the pending run of characters that need no escape
    for (size_t i = 0; i < text.size(); ++i) {
        auto c = static_cast<unsigned char>(text[i]);
        bool html = html_safe && (c == '<' || c == '>' || c == '&');
        if (c != '"' && c != '\\' && c >= 0x20 && !html) continue;
        out.append(text.data() + run, i - run);
        run = i + 1;
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\r':
                out += "\\r";
                break;
            case '\t':
                out += "\\t";
                break;
            default: {
                static const char* kHex = "0123456789abcdef";
                out += "\\u00";
                out += kHex[c >> 4];
                out += kHex[c & 15];
            }
        }
    }
    out.append(text.data() + run, text.size() - run);
    out += '"';
}

std::string_view Trim(std::string_view text) {
    const char* ws = " \t\r\n\f\v";
    auto first = text.find_first_not_of(ws);
    if (first == std::string_view::npos) return {};
    auto last = text.find_last_not_of(ws);
    return text.substr(first, last - first + 1);
}

std::optional<long long> ParsePositiveId(std::string_view text) {
    long long id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || id <= 0) return std::nullopt;
    return id;
}

}  // namespace juo
