// multipart/form-data parsing (see multipart.h).
#include "http/multipart.h"

#include <algorithm>
#include <cctype>

namespace juo::http {
namespace {

std::string Lower(std::string_view s) {
    std::string out(s);
    std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
    return out;
}

std::string_view Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
    return s;
}

// The value of parameter `key` in a header value's "; key=value" list (quoted or not), or nullopt
// when it is absent or a quoted value is never closed. The list is read from left to right, quoted
// strings whole: a ';' or "key=" inside quotes (name="a; filename=b") is part of the value and never
// starts a parameter. The first parameter named `key` wins.
std::optional<std::string> Parameter(std::string_view header, std::string_view key) {
    size_t at = header.find(';');
    while (at != std::string_view::npos) {
        ++at;
        const size_t key_end = header.find_first_of("=;", at);
        if (key_end == std::string_view::npos) return std::nullopt;
        if (header[key_end] == ';') {  // a parameter without a value
            at = key_end;
            continue;
        }
        const std::string name = Lower(Trim(header.substr(at, key_end - at)));
        size_t v = key_end + 1;
        while (v < header.size() && (header[v] == ' ' || header[v] == '\t')) ++v;
        std::string value;
        if (v < header.size() && header[v] == '"') {
            bool closed = false;
            for (++v; v < header.size(); ++v) {
                if (header[v] == '\\' && v + 1 < header.size()) {
                    value += header[++v];
                } else if (header[v] == '"') {
                    closed = true;
                    ++v;
                    break;
                } else {
                    value += header[v];
                }
            }
            if (!closed) return std::nullopt;
            at = header.find(';', v);  // what follows the closing quote, up to the next ';', is ignored
        } else {
            const size_t end = header.find(';', v);
            value = std::string(Trim(header.substr(v, end == std::string_view::npos ? std::string_view::npos : end - v)));
            at = end;
        }
        if (name == key) return value;
    }
    return std::nullopt;
}

}  // namespace

std::optional<std::string> MultipartBoundary(std::string_view content_type) {
    const std::string type = Lower(Trim(content_type.substr(0, content_type.find(';'))));
    if (type != "multipart/form-data") return std::nullopt;
    auto boundary = Parameter(content_type, "boundary");
    if (!boundary || boundary->empty() || boundary->size() > 70) return std::nullopt;
    return boundary;
}

std::optional<std::vector<FormPart>> ParseMultipart(std::string_view body, std::string_view boundary) {
    const std::string delimiter = "--" + std::string(boundary);
    const std::string next = "\r\n" + delimiter;
    if (body.substr(0, delimiter.size()) != delimiter) return std::nullopt;
    size_t at = delimiter.size();
    std::vector<FormPart> parts;
    while (true) {
        if (body.substr(at, 2) == "--") return parts;  // the closing delimiter
        // Transport padding, then the line break that ends the delimiter line.
        while (at < body.size() && (body[at] == ' ' || body[at] == '\t')) ++at;
        if (body.substr(at, 2) != "\r\n") return std::nullopt;
        at += 2;
        const size_t headers_end = body.find("\r\n\r\n", at);
        if (headers_end == std::string_view::npos) return std::nullopt;
        FormPart part;
        bool has_disposition = false;
        std::string_view headers = body.substr(at, headers_end - at);
        while (!headers.empty()) {
            const size_t eol = headers.find("\r\n");
            std::string_view line = headers.substr(0, eol);
            headers = eol == std::string_view::npos ? std::string_view() : headers.substr(eol + 2);
            const size_t colon = line.find(':');
            if (colon == std::string_view::npos) return std::nullopt;
            const std::string name = Lower(Trim(line.substr(0, colon)));
            std::string_view value = Trim(line.substr(colon + 1));
            if (name == "content-disposition") {
                if (Lower(Trim(value.substr(0, value.find(';')))) != "form-data") return std::nullopt;
                auto field = Parameter(value, "name");
                if (!field || field->empty()) return std::nullopt;
                part.name = *field;
                if (auto filename = Parameter(value, "filename")) {
                    part.is_file = true;
                    // Browsers send the base name; older ones sent a full Windows path.
                    const size_t slash = filename->find_last_of("/\\");
                    // Control characters dropped: a quoted-pair (a backslash before a CR, an LF or a
                    // NUL) can put them in the name, which a download's Content-Disposition would
                    // then carry (found by fuzz/multipart_fuzz.cc).
                    part.filename.clear();
                    for (char c : std::string_view(*filename).substr(slash == std::string::npos ? 0 : slash + 1))
                        if (static_cast<unsigned char>(c) >= 0x20 && c != 0x7F) part.filename += c;
                }
                has_disposition = true;
            } else if (name == "content-type") {
                part.content_type = Lower(value);
            }
        }
        if (!has_disposition) return std::nullopt;
        at = headers_end + 4;
        const size_t end = body.find(next, at);
        if (end == std::string_view::npos) return std::nullopt;
        part.body = std::string(body.substr(at, end - at));
        parts.push_back(std::move(part));
        at = end + next.size();
    }
}

}  // namespace juo::http
