// The HTML alternative of an e-mail (see html_body.h).
#include "mail/html_body.h"

#include <array>

namespace juo::mail {
namespace {

constexpr std::string_view kFooterFr = "Ne plus recevoir ce type d'e-mail : ";
constexpr std::string_view kFooterEn = "Stop receiving this kind of e-mail: ";

// The lines of `text` (LF or CRLF), without their line ends.
std::vector<std::string_view> Lines(std::string_view text) {
    std::vector<std::string_view> out;
    size_t start = 0;
    while (start <= text.size()) {
        size_t end = text.find('\n', start);
        std::string_view line = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
        if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
        out.push_back(line);
        if (end == std::string_view::npos) break;
        start = end + 1;
    }
    return out;
}

bool IsBlank(std::string_view line) { return line.find_first_not_of(" \t") == std::string_view::npos; }

// The lines from `from` to `to`, blank ones at either end removed, joined with LF.
std::string JoinTrimmed(const std::vector<std::string_view>& lines, size_t from, size_t to) {
    while (from < to && IsBlank(lines[from])) ++from;
    while (to > from && IsBlank(lines[to - 1])) --to;
    std::string out;
    for (size_t i = from; i < to; ++i) {
        if (i > from) out += '\n';
        out += lines[i];
    }
    return out;
}

// A word's characters: ASCII letters and any byte of a multi-byte UTF-8 character (accents).
bool IsWordByte(unsigned char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c >= 0x80; }

// An http(s) address starting at `at`: its length, trailing punctuation left out; 0 when none.
size_t LinkLength(std::string_view line, size_t at) {
    const std::string_view rest = line.substr(at);
    if (rest.rfind("https://", 0) != 0 && rest.rfind("http://", 0) != 0) return 0;
    if (at > 0 && IsWordByte(static_cast<unsigned char>(line[at - 1]))) return 0;
    size_t n = 0;
    while (n < rest.size() && rest[n] != ' ' && rest[n] != '\t' && rest[n] != '<' && rest[n] != '>' &&
           rest[n] != '"')
        ++n;
    while (n > 0 && std::string_view(".,;:!?)").find(rest[n - 1]) != std::string_view::npos) --n;
    return rest.substr(0, n).find("://") + 3 < n ? n : 0;
}

// One line of text as HTML: escaped, its addresses as links.
std::string LineHtml(std::string_view line) {
    std::string out;
    size_t i = 0;
    while (i < line.size()) {
        if (size_t n = LinkLength(line, i); n > 0) {
            const std::string url = EscapeHtml(line.substr(i, n));
            out += "<a href=\"" + url + "\" style=\"color:#0b57a4\">" + url + "</a>";
            i += n;
        } else {
            out += EscapeHtml(line.substr(i, 1));
            ++i;
        }
    }
    return out;
}

// A section's paragraphs: blocks of lines between blank lines, lines joined with <br>.
std::string SectionHtml(std::string_view text) {
    std::string out;
    std::string paragraph;
    auto flush = [&] {
        if (!paragraph.empty()) out += "<p style=\"margin:0 0 1em\">" + paragraph + "</p>\n";
        paragraph.clear();
    };
    for (std::string_view line : Lines(text)) {
        if (IsBlank(line)) {
            flush();
            continue;
        }
        if (!paragraph.empty()) paragraph += "<br>\n";
        paragraph += LineHtml(line);
    }
    flush();
    return out;
}

}  // namespace

std::string EscapeHtml(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string GuessLanguage(std::string_view text) {
    static constexpr std::array<std::string_view, 16> kFrench = {
        "bonjour", "votre", "vos", "vous", "est", "les", "des", "une", "pour", "avec",
        "le", "la", "du", "sur", "ici", "merci"};
    static constexpr std::array<std::string_view, 16> kEnglish = {
        "hello", "your", "you", "the", "is", "are", "for", "with", "of", "to",
        "and", "here", "this", "thank", "on", "an"};
    int fr = 0, en = 0;
    size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
        size_t start = i;
        while (i < text.size() && IsWordByte(static_cast<unsigned char>(text[i]))) ++i;
        if (start == i) break;
        std::string word(text.substr(start, i - start));
        for (char& c : word)
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
        for (auto w : kFrench) fr += word == w;
        for (auto w : kEnglish) en += word == w;
    }
    return en > fr ? "en" : "fr";
}

std::vector<TextSection> SplitSections(std::string_view text) {
    const auto lines = Lines(text);
    std::vector<TextSection> out;
    size_t start = 0;
    for (size_t i = 0; i <= lines.size(); ++i) {
        if (i < lines.size() && lines[i] != "---") continue;
        std::string section = JoinTrimmed(lines, start, i);
        if (!section.empty()) out.push_back({"", std::move(section)});
        start = i + 1;
    }
    if (out.size() == 2) {
        out[0].lang = GuessLanguage(out[0].text);
        out[1].lang = out[0].lang == "en" ? "fr" : "en";
    } else {
        for (auto& s : out) s.lang = GuessLanguage(s.text);
    }
    return out;
}

std::string HtmlBody(std::string_view text, std::string_view title, std::string_view unsubscribe_url) {
    const auto sections = SplitSections(text);
    const std::string first = sections.empty() ? "fr" : sections.front().lang;
    std::string out =
        "<!DOCTYPE html>\n<html lang=\"" + first +
        "\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>" +
        EscapeHtml(title) +
        "</title>\n</head>\n"
        "<body style=\"margin:0;padding:16px;background:#ffffff;color:#1b1b1b;"
        "font-family:Arial,Helvetica,sans-serif;font-size:16px;line-height:1.5\">\n";
    for (size_t i = 0; i < sections.size(); ++i) {
        if (i > 0) out += "<hr style=\"border:0;border-top:1px solid #cccccc;margin:24px 0\">\n";
        out += "<div lang=\"" + sections[i].lang + "\" style=\"max-width:40em\">\n" + SectionHtml(sections[i].text) +
               "</div>\n";
    }
    if (!unsubscribe_url.empty()) {
        const std::string url = EscapeHtml(unsubscribe_url);
        const std::string link = "<a href=\"" + url + "\" style=\"color:#555555\">";
        out += "<hr style=\"border:0;border-top:1px solid #cccccc;margin:24px 0\">\n"
               "<p lang=\"fr\" style=\"margin:0 0 0.5em;font-size:14px;color:#555555\">" +
               EscapeHtml(kFooterFr) + link + "se désabonner</a></p>\n" +
               "<p lang=\"en\" style=\"margin:0;font-size:14px;color:#555555\">" + EscapeHtml(kFooterEn) + link +
               "unsubscribe</a></p>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

std::string UnsubscribeTextFooter(std::string_view unsubscribe_url) {
    return "\n\n-- \n" + std::string(kFooterFr) + std::string(unsubscribe_url) + "\n" + std::string(kFooterEn) +
           std::string(unsubscribe_url) + "\n";
}

}  // namespace juo::mail
