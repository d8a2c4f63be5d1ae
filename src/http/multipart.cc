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

// The value of parameter `key` in a header value's "; key=value" list (quoted or not).
std::optional<std::string> Parameter(std::string_view header, std::string_view key) {
    size_t at = 0;
    while ((at = header.find(';', at)) != std::string_view::npos) {
        ++at;
        std::string_view rest = Trim(header.substr(at));
        const size_t eq = rest.find('=');
        if (eq == std::string_view::npos) continue;
        if (Lower(Trim(rest.substr(0, eq))) != key) continue;
        std::string_view value = Trim(rest.substr(eq + 1));
        if (!value.empty() && value.front() == '"') {
            std::string out;
            for (size_t i = 1; i < value.size(); ++i) {
                if (value[i] == '\\' && i + 1 < value.size()) {
                    out += value[++i];
                } else if (value[i] == '"') {
                    return out;
                } else {
                    out += value[i];
                }
            }
            return std::nullopt;  // unterminated quote
        }
        return std::string(value.substr(0, value.find(';')));
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
                    part.filename = slash == std::string::npos ? *filename : filename->substr(slash + 1);
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
