#include "http/static_files.h"

#include <fmt/format.h>

#include <cctype>
#include <fstream>
#include <iterator>

#include "common/fingerprint.h"
#include "http/encoding.h"
#include "http/http_date.h"
#include "http/router.h"

namespace juo::http {
namespace {

namespace fs = std::filesystem;

// The strong ETag of a coded form: "<hash>-<size>" → "<hash>-<size>-gz".
std::string CodedEtag(const std::string& etag, std::string_view suffix) {
    return etag.substr(0, etag.size() - 1) + "-" + std::string(suffix) + "\"";
}

// Files are compressed once, at the highest levels: the cost is paid on the first request only.
constexpr int kStaticGzipLevel = 9;
constexpr int kStaticBrotliQuality = 11;

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
        {".xml", "application/xml"},
        {".webmanifest", "application/manifest+json"},
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
    return http::EtagMatches(if_none_match, etag);
}

Result<Response> StaticFiles::Serve(std::string_view relative, std::string_view if_none_match) const {
    Request request;
    request.method = "GET";
    if (!if_none_match.empty()) request.headers["if-none-match"] = std::string(if_none_match);
    return Serve(relative, request);
}

Result<Response> StaticFiles::Serve(std::string_view relative, const Request& request) const {
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
        const auto seconds = std::chrono::floor<std::chrono::seconds>(std::chrono::file_clock::to_sys(mtime));
        fresh->mtime_seconds = seconds.time_since_epoch().count();
        fresh->last_modified = FormatHttpDate(seconds);
        if (fresh->body.size() >= kMinCompressBytes && IsCompressibleType(ContentTypeFor(key))) {
            // Outside the mutex: two first requests may both compress; either result is right.
            auto gz = GzipCompress(fresh->body, kStaticGzipLevel);
            if (gz && gz->size() < fresh->body.size()) fresh->gzip = std::move(*gz);
            auto br = BrotliCompress(fresh->body, kStaticBrotliQuality);
            if (br && br->size() < fresh->body.size()) fresh->br = std::move(*br);
        }
        entry = fresh;
        std::lock_guard lock(mutex_);
        cache_[key] = entry;
    }

    const bool vendor = ("/" + key).find("/vendor/") != std::string::npos;
    const bool coded_forms = !entry->gzip.empty() || !entry->br.empty();
    Coding coding = coded_forms ? PreferredCoding(request.Header("accept-encoding")) : Coding::kIdentity;
    if (coding == Coding::kBrotli && entry->br.empty()) coding = Coding::kGzip;
    if (coding == Coding::kGzip && entry->gzip.empty()) coding = Coding::kIdentity;
    const std::string_view suffix = coding == Coding::kBrotli ? "br" : "gz";

    Response response;
    response.content_type = std::string(ContentTypeFor(key));
    response.headers.emplace_back("ETag",
                                  coding == Coding::kIdentity ? entry->etag : CodedEtag(entry->etag, suffix));
    // A service worker ("…-sw.js", issue 19: the check-in page's) may control pages outside
    // /static/js/ (the page registers it with its own scope), and the browser must see a new
    // version at once: it revalidates on every check.
    const bool service_worker = key.size() > 6 && key.ends_with("-sw.js");
    if (service_worker) response.headers.emplace_back("Service-Worker-Allowed", "/");
    response.headers.emplace_back("Cache-Control", vendor           ? "public, max-age=31536000, immutable"
                                                   : service_worker ? "no-cache"
                                                                    : "public, max-age=3600");
    response.headers.emplace_back("Last-Modified", entry->last_modified);
    if (coded_forms) response.headers.emplace_back("Vary", "Accept-Encoding");

    const std::string if_none_match = request.Header("if-none-match");
    bool not_modified = false;
    if (!if_none_match.empty()) {
        // Any coding's tag: the cache that asks holds the coding its Vary key selected.
        not_modified = EtagMatches(if_none_match, entry->etag) ||
                       (!entry->gzip.empty() && EtagMatches(if_none_match, CodedEtag(entry->etag, "gz"))) ||
                       (!entry->br.empty() && EtagMatches(if_none_match, CodedEtag(entry->etag, "br")));
    } else if (auto since = ParseHttpDate(request.Header("if-modified-since"))) {
        not_modified = entry->mtime_seconds <= since->time_since_epoch().count();
    }
    if (not_modified) {
        response.status = 304;
        return response;
    }
    response.status = 200;
    if (coding != Coding::kIdentity) response.headers.emplace_back("Content-Encoding", std::string(CodingName(coding)));
    response.body = coding == Coding::kBrotli ? entry->br : coding == Coding::kGzip ? entry->gzip : entry->body;
    return response;
}

}  // namespace juo::http
