// MIME composition.
#include "mail/mime.h"

#include <cstdio>
#include <ctime>

#include "common/clock.h"

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

}  // namespace

std::string Base64Lines(std::string_view bytes) {
    std::string flat = Base64(bytes), out;
    for (size_t i = 0; i < flat.size(); i += 76) out += flat.substr(i, 76) + "\r\n";
    return out;
}

std::string EncodeHeader(std::string_view text) {
    if (IsAscii(text)) return std::string(text);
    // Encoded words of at most 75 characters: split the text on UTF-8 boundaries, 45 bytes a word.
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        size_t end = std::min(text.size(), start + 45);
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
    out += "From: " + EncodeHeader(m.from) + "\r\n";
    out += "To: " + m.to + "\r\n";
    out += "Subject: " + EncodeHeader(m.subject) + "\r\n";
    out += "Date: " + m.date + "\r\n";
    out += "Message-ID: " + m.message_id + "\r\n";
    out += "MIME-Version: 1.0\r\n";
    const std::string text_part =
        "Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
        Base64Lines(m.body_text);
    if (m.attachments.empty()) return out + text_part;
    const std::string boundary =
        "juo-" + std::to_string(std::hash<std::string>{}(m.message_id + m.body_text));
    out += "Content-Type: multipart/mixed; boundary=\"" + boundary + "\"\r\n\r\n";
    out += "--" + boundary + "\r\n" + text_part;
    for (const auto& a : m.attachments) {
        out += "--" + boundary + "\r\n";
        out += "Content-Type: " + a.content_type + "; name=\"" + a.filename + "\"\r\n";
        out += "Content-Transfer-Encoding: base64\r\n";
        out += "Content-Disposition: attachment; filename=\"" + a.filename + "\"\r\n\r\n";
        out += Base64Lines(a.bytes);
    }
    out += "--" + boundary + "--\r\n";
    return out;
}

}  // namespace juo::mail
