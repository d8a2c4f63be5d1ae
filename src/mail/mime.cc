// MIME composition.
#include "mail/mime.h"

#include <cstdio>
#include <ctime>
#include <vector>

#include "common/clock.h"
#include "mail/html_body.h"

namespace juo::mail {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string Base64(std::string_view in) {
    std::string out;
    out.reserve((in.size() + 2) / 3 * 4);
    size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        uint32_t v = (static_cast<unsigned char>(in[i]) << 16) |
                     (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 63];
        out += kAlphabet[(v >> 6) & 63];
        out += kAlphabet[v & 63];
    }
    if (i < in.size()) {
        uint32_t v = static_cast<unsigned char>(in[i]) << 16;
        if (i + 1 < in.size()) v |= static_cast<unsigned char>(in[i + 1]) << 8;
        out += kAlphabet[v >> 18];
        out += kAlphabet[(v >> 12) & 63];
        out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
        out += '=';
    }
    return out;
}

bool IsAscii(std::string_view text) {
    for (unsigned char c : text)
        if (c >= 0x80 || c == '\r' || c == '\n') return false;
    return true;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// A plain addr-spec: dot-atom characters around one '@', nothing a header could break on.
bool IsPlainAddress(std::string_view a) {
    const size_t at = a.find('@');
    if (at == std::string_view::npos || at == 0 || at + 1 == a.size() ||
        a.find('@', at + 1) != std::string_view::npos)
        return false;
    for (unsigned char c : a)
        if (c <= 0x20 || c >= 0x7F ||
            std::string_view("()<>[]:;,\"\\").find(static_cast<char>(c)) != std::string_view::npos)
            return false;
    return true;
}

// RFC 5322 specials: a display name holding one must be a quoted string.
bool HasSpecials(std::string_view name) {
    return name.find_first_of("()<>[]:;@\\,.\"") != std::string_view::npos;
}

// The header line "Name: value" folded (RFC 5322 §2.2.3) at its spaces into lines of at most 78
// characters where it can: a word longer than that (a URL) gets a line of its own. The value's own
// folds ("\r\n " between encoded words) count as spaces.
std::string FoldHeader(std::string_view name, const std::string& value) {
    std::vector<std::string> words;
    std::string word;
    for (size_t i = 0; i < value.size(); ++i) {
        const char c = value[i];
        if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
            if (!word.empty()) words.push_back(std::move(word));
            word.clear();
        } else {
            word += c;
        }
    }
    if (!word.empty()) words.push_back(std::move(word));
    std::string out(name);
    out += ":";
    size_t line = out.size();
    for (const auto& w : words) {
        if (line + 1 + w.size() > 78 && line > name.size() + 1) {
            out += "\r\n";
            line = 0;
        }
        out += " " + w;
        line += 1 + w.size();
    }
    return out + "\r\n";
}

}  // namespace

std::string Mailbox::Domain() const { return address.substr(address.rfind('@') + 1); }

std::optional<Mailbox> ParseMailbox(std::string_view text) {
    text = Trim(text);
    Mailbox m;
    std::string_view address = text;
    if (!text.empty() && text.back() == '>') {
        const size_t open = text.rfind('<');
        if (open == std::string_view::npos) return std::nullopt;
        address = text.substr(open + 1, text.size() - open - 2);
        std::string_view name = Trim(text.substr(0, open));
        if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
            name = name.substr(1, name.size() - 2);
            for (size_t i = 0; i < name.size(); ++i) {
                if (name[i] == '\\' && i + 1 < name.size()) ++i;
                m.display_name += name[i];
            }
        } else {
            m.display_name = std::string(name);
        }
        for (char c : m.display_name)
            if (c == '\r' || c == '\n') return std::nullopt;
    }
    if (!IsPlainAddress(address)) return std::nullopt;
    m.address = std::string(address);
    return m;
}

std::string FormatMailbox(std::string_view text) {
    auto m = ParseMailbox(text);
    if (!m) {
        std::string out;
        for (char c : text)
            if (c != '\r' && c != '\n') out += c;
        return out;
    }
    if (m->display_name.empty()) return m->address;
    std::string name;
    if (!IsAscii(m->display_name)) {
        name = EncodeHeader(m->display_name);
    } else if (HasSpecials(m->display_name)) {
        name = "\"";
        for (char c : m->display_name) {
            if (c == '"' || c == '\\') name += '\\';
            name += c;
        }
        name += '"';
    } else {
        name = m->display_name;
    }
    return name + " <" + m->address + ">";
}

std::string Base64Lines(std::string_view bytes) {
    std::string flat = Base64(bytes), out;
    for (size_t i = 0; i < flat.size(); i += 76) out += flat.substr(i, 76) + "\r\n";
    return out;
}

std::string EncodeHeader(std::string_view text) {
    if (IsAscii(text)) return std::string(text);
    // Encoded words of at most 75 characters: split the text on UTF-8 boundaries.
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        // 39 bytes: a 64-character word, so "Subject: " and a word fit in 78 characters.
        size_t end = std::min(text.size(), start + 39);
        while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + Base64(text.substr(start, end - start)) + "?=";
        start = end;
    }
    return out;
}

std::string RfcDate(const std::string& iso) {
    auto epoch = EpochFromUtcIso(iso);
    if (!epoch) return iso;
    std::tm tm{};
    time_t t = static_cast<time_t>(*epoch);
    gmtime_r(&t, &tm);  // fills the weekday
    static const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
    static const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    char buf[64];
    snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[tm.tm_wday], tm.tm_mday,
             kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
    return buf;
}

std::string Compose(const Message& m) {
    std::string out;
    out += FoldHeader("From", FormatMailbox(m.from));
    out += FoldHeader("To", FormatMailbox(m.to));
    out += FoldHeader("Subject", EncodeHeader(m.subject));
    out += "Date: " + m.date + "\r\n";
    out += "Message-ID: " + m.message_id + "\r\n";
    std::string url;  // no line break may get into a header
    for (char c : m.unsubscribe_url)
        if (c != '\r' && c != '\n' && c != '<' && c != '>') url += c;
    if (!url.empty()) {
        out += "List-Unsubscribe:\r\n <" + url + ">\r\n";
        if (url.rfind("https://", 0) == 0) out += "List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n";
    }
    out += "MIME-Version: 1.0\r\n";
    const std::string text = url.empty() ? m.body_text : m.body_text + UnsubscribeTextFooter(url);
    const std::string text_part =
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
        Base64Lines(text);
    const std::string html_part =
        "Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
        Base64Lines(HtmlBody(m.body_text, m.subject, url));
    // Boundaries start with "juo-": a '-' never occurs in base64, so no part can hold one.
    const std::string tag = std::to_string(std::hash<std::string>{}(m.message_id + m.body_text));
    const std::string alt = "juo-alt-" + tag;
    const std::string alternative = "Content-Type: multipart/alternative; boundary=\"" + alt + "\"\r\n\r\n" +
                                    "--" + alt + "\r\n" + text_part + "--" + alt + "\r\n" + html_part + "--" + alt +
                                    "--\r\n";
    if (m.attachments.empty()) return out + alternative;
    const std::string boundary = "juo-mix-" + tag;
    out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary + "\r\n" + alternative;
    for (const auto& a : m.attachments) {
        out += "--" + boundary + "\r\n";
        out += "Content-Type: " + a.content_type + ";\r\n name=\"" + a.filename + "\"\r\n";  // folded: <= 78
        out += "Content-Transfer-Encoding: base64\r\n";
        out += "Content-Disposition: attachment; filename=\"" + a.filename + "\"\r\n\r\n";
        out += Base64Lines(a.bytes);
    }
    out += "--" + boundary + "--\r\n";
    return out;
}

}  // namespace juo::mail
