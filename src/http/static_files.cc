#include "http/static_files.h"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <iterator>

#include "common/fingerprint.h"
#include "http/router.h"

namespace juo::http {
namespace {

namespace fs = std::filesystem;

std::string_view TrimSpaces(std::string_view text) {
    while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
    return text;
}

// True when `inner` is `root` or below it; both canonical.
bool IsWithin(const fs::path& root, const fs::path& inner) {
    auto r = root.begin();
    auto i = inner.begin();
    for (; r != root.end(); ++r, ++i) {
        if (i == inner.end() || *r != *i) return false;
    }
    return true;
}

Error NotFound() { return MakeError(ErrorCode::kNotFound, "no such static file"); }

}  // namespace

StaticFiles::StaticFiles(const fs::path& root) {
    std::error_code ec;
    fs::path canonical = fs::canonical(root, ec);
    if (!ec && fs::is_directory(canonical, ec)) root_ = std::move(canonical);
}

std::string_view StaticFiles::ContentTypeFor(std::string_view name) {
    struct Type {
        std::string_view extension;
        std::string_view content_type;
    };
    static constexpr Type kTypes[] = {
        {".css", "text/css; charset=utf-8"},
        {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"},
        {".json", "application/json"},
        {".map", "application/json"},
        {".png", "image/png"},
        {".jpg", "image/jpeg"},
        {".jpeg", "image/jpeg"},
        {".gif", "image/gif"},
        {".webp", "image/webp"},
        {".svg", "image/svg+xml"},
        {".ico", "image/x-icon"},
        {".woff2", "font/woff2"},
        {".woff", "font/woff"},
        {".txt", "text/plain; charset=utf-8"},
        {".html", "text/html; charset=utf-8"},
        {".pdf", "application/pdf"},
    };
    size_t dot = name.rfind('.');
    size_t slash = name.rfind('/');
    if (dot != std::string_view::npos && (slash == std::string_view::npos || dot > slash)) {
        std::string extension(name.substr(dot));
        for (char& c : extension) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        for (const Type& type : kTypes) {
            if (type.extension == extension) return type.content_type;
        }
    }
    return "application/octet-stream";
}

bool StaticFiles::EtagMatches(std::string_view if_none_match, std::string_view etag) {
    while (!if_none_match.empty()) {
        size_t comma = if_none_match.find(',');
        std::string_view candidate = TrimSpaces(if_none_match.substr(0, comma));
        if_none_match =
            comma == std::string_view::npos ? std::string_view() : if_none_match.substr(comma + 1);
        if (candidate == "*") return true;
        if (candidate.substr(0, 2) == "W/") candidate.remove_prefix(2);
        if (candidate == etag) return true;
    }
    return false;
}

Result<Response> StaticFiles::Serve(std::string_view relative, std::string_view if_none_match) const {
    if (root_.empty() || relative.empty()) return NotFound();
    for (std::string_view segment : SplitPath(relative)) {
        if (segment.empty() || segment.front() == '.') return NotFound();
        if (segment.find_first_of(std::string_view("\\\0", 2)) != std::string_view::npos) return NotFound();
    }
    std::error_code ec;
    fs::path real = fs::canonical(root_ / fs::path(relative), ec);
    if (ec || !IsWithin(root_, real)) return NotFound();
    fs::file_status status = fs::status(real, ec);
    if (ec || !fs::is_regular_file(status)) return NotFound();
    uintmax_t size = fs::file_size(real, ec);
    if (ec || size > kMaxFileBytes) return NotFound();
    fs::file_time_type mtime = fs::last_write_time(real, ec);
    if (ec) return NotFound();

    const std::string key(relative);
    std::shared_ptr<const Entry> entry;
    {
        std::lock_guard lock(mutex_);
        auto it = cache_.find(key);
        if (it != cache_.end() && it->second->size == size && it->second->mtime == mtime) entry = it->second;
    }
    if (!entry) {
        std::ifstream in(real, std::ios::binary);
        if (!in) return MakeError(ErrorCode::kUnavailable, "cannot open static file " + real.string());
        auto fresh = std::make_shared<Entry>();
        fresh->body.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (in.bad()) return MakeError(ErrorCode::kUnavailable, "cannot read static file " + real.string());
        fresh->etag = fmt::format("\"{:016x}-{:x}\"", Fnv1a64(fresh->body), fresh->body.size());
        fresh->mtime = mtime;
        fresh->size = size;
        entry = fresh;
        std::lock_guard lock(mutex_);
        cache_[key] = entry;
    }

    const bool vendor = ("/" + key).find("/vendor/") != std::string::npos;
    Response response;
    response.content_type = std::string(ContentTypeFor(key));
    response.headers.emplace_back("ETag", entry->etag);
    response.headers.emplace_back("Cache-Control",
                                  vendor ? "public, max-age=31536000, immutable" : "public, max-age=3600");
    if (!if_none_match.empty() && EtagMatches(if_none_match, entry->etag)) {
        response.status = 304;
        return response;
    }
    response.status = 200;
    response.body = entry->body;
    return response;
}

}  // namespace juo::http
