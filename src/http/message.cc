#include "http/message.h"

#include <algorithm>
#include <cctype>

namespace juo::http {
namespace {

int HexValue(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string ToLower(std::string_view text) {
    std::string out(text);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

std::string_view TrimSpaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

}  // namespace

const std::string* Request::Query(std::string_view name) const {
    for (const auto& [key, value] : query) {
        if (key == name) return &value;
    }
    return nullptr;
}

std::vector<std::string> Request::QueryAll(std::string_view name) const {
    std::vector<std::string> values;
    for (const auto& [key, value] : query) {
        if (key == name) values.push_back(value);
    }
    return values;
}

std::string Request::Header(std::string_view name) const {
    auto it = headers.find(ToLower(name));
    return it == headers.end() ? std::string() : it->second;
}

std::string Request::PathParam(std::string_view name) const {
    auto it = path_params.find(std::string(name));
    return it == path_params.end() ? std::string() : it->second;
}

std::optional<std::string> Request::Cookie(std::string_view name) const {
    auto it = headers.find("cookie");
    if (it == headers.end()) return std::nullopt;
    std::string_view rest = it->second;
    while (!rest.empty()) {
        size_t end = rest.find(';');
        std::string_view pair = TrimSpaces(rest.substr(0, end));
        rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
        size_t eq = pair.find('=');
        if (eq == std::string_view::npos) continue;
        if (TrimSpaces(pair.substr(0, eq)) != name) continue;
        std::string_view value = TrimSpaces(pair.substr(eq + 1));
        if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
            value = value.substr(1, value.size() - 2);
        }
        return std::string(value);
    }
    return std::nullopt;
}

Response Response::Json(int status, std::string body) {
    Response r;
    r.status = status;
    r.content_type = "application/json";
    r.body = std::move(body);
    return r;
}

Response Response::Html(int status, std::string body) {
    Response r;
    r.status = status;
    r.content_type = "text/html; charset=utf-8";
    r.body = std::move(body);
    return r;
}

Response Response::Text(int status, std::string body) {
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.body = std::move(body);
    return r;
}

Response Response::Redirect(std::string location, int status) {
    Response r;
    r.status = status;
    r.content_type = "text/plain; charset=utf-8";
    r.headers.emplace_back("Location", std::move(location));
    return r;
}

Response& Response::AddHeader(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
}

std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space) {
    std::string out;
    out.reserve(text.size());
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (c == '%') {
            if (i + 2 >= text.size()) return std::nullopt;
            int hi = HexValue(text[i + 1]);
            int lo = HexValue(text[i + 2]);
            if (hi < 0 || lo < 0) return std::nullopt;
            out.push_back(static_cast<char>(hi * 16 + lo));
            i += 2;
        } else if (c == '+' && plus_as_space) {
            out.push_back(' ');
        } else {
            out.push_back(c);
        }
    }
    return out;
}

std::optional<ParamList> ParseForm(std::string_view text) {
    ParamList params;
    while (!text.empty()) {
        size_t end = text.find('&');
        std::string_view piece = text.substr(0, end);
        text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
        if (piece.empty()) continue;
        size_t eq = piece.find('=');
        auto name = PercentDecode(piece.substr(0, eq), true);
        auto value = eq == std::string_view::npos ? std::optional<std::string>(std::string())
                                                  : PercentDecode(piece.substr(eq + 1), true);
        if (!name || !value) return std::nullopt;
        params.emplace_back(std::move(*name), std::move(*value));
    }
    return params;
}

std::string IfMatchTag(const Request& request) {
    std::string tag = request.Header("if-match");
    if (tag.rfind("W/", 0) == 0) tag.erase(0, 2);
    if (tag.size() >= 2 && tag.front() == '"' && tag.back() == '"') tag = tag.substr(1, tag.size() - 2);
    return tag == "*" ? std::string() : tag;
}

Status ParseTarget(std::string_view target, Request* request) {
    if (target.empty() || target.front() != '/') {
        return MakeError(ErrorCode::kInvalidArgument, "request target must start with '/'");
    }
    // A fragment is never sent by a browser; ignore one if a client does.
    std::string_view without_fragment = target.substr(0, target.find('#'));
    size_t question = without_fragment.find('?');
    std::string_view raw_path = without_fragment.substr(0, question);
    auto path = PercentDecode(raw_path, false);
    if (!path) return MakeError(ErrorCode::kInvalidArgument, "malformed percent-encoding in the path");
    if (path->find('\0') != std::string::npos) {
        return MakeError(ErrorCode::kInvalidArgument, "NUL byte in the path");
    }
    ParamList query;
    if (question != std::string_view::npos) {
        auto parsed = ParseForm(without_fragment.substr(question + 1));
        if (!parsed) {
            return MakeError(ErrorCode::kInvalidArgument, "malformed percent-encoding in the query");
        }
        query = std::move(*parsed);
    }
    request->target = std::string(target);
    request->path = std::move(*path);
    request->query = std::move(query);
    return Ok();
}

}  // namespace juo::http
