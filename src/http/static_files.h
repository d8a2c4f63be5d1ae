// StaticFiles: serves the files of one directory (CSS, scripts, images, fonts) under /static/.
//
// A file is read once and kept in memory with its strong ETag (a 64-bit FNV-1a hash of the
// content) and, for a text-like file of at least kMinCompressBytes (encoding.h
// IsCompressibleType), its gzip (level 9) and br (quality 11) forms, compressed once when the
// file is read, never per request; it is read again when its size or modification time changes,
// so that an edited stylesheet shows up without a restart. Answers carry Cache-Control
// "public, max-age=3600", or a year and "immutable" for paths with a "vendor" directory
// (third-party files copied with a versioned name), Last-Modified (the file's modification
// time), and for compressed-capable files Vary: Accept-Encoding and the coding the request
// prefers (encoding.h PreferredCoding; HEAD included, the length is the coded one). Each coding
// has its own strong ETag ("<hash>-<size>", "…-gz", "…-br"). 304 Not Modified when
// If-None-Match names any of the file's current ETags (a cache keyed by Vary holds the coding it
// asked for), or, without If-None-Match, when If-Modified-Since is not before the modification
// time (whole seconds).
//
// Refused (kNotFound, so that nothing tells what exists): empty paths, ".", ".." or empty
// segments, hidden names (leading '.'), backslashes and NUL bytes, anything whose real path
// (symbolic links resolved) leaves the root, directories, special files, and files larger than
// kMaxFileBytes.
//
// Thread-safety: Serve may be called from any number of threads at once (the cache takes a
// mutex; contents are shared immutable buffers).
#pragma once

#include <cstdint>
#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/result.h"
#include "http/delivery.h"
#include "http/message.h"

namespace juo::http {

class StaticFiles {
 public:
    static constexpr uintmax_t kMaxFileBytes = 32u << 20;

    // `root` should be an existing directory; when it is not, every Serve fails with kNotFound.
    explicit StaticFiles(const std::filesystem::path& root);

    static constexpr size_t kMinCompressBytes = 1024;

    // Serves `relative` (the decoded path after "/static/", e.g. "css/site.css") for `request`
    // (its Accept-Encoding, If-None-Match and If-Modified-Since). On success the response is a
    // 200 with the content, coded as the request prefers, or a 304 without body (see above).
    // Fails with kNotFound when the path is refused or absent, kUnavailable when the file cannot
    // be read.
    Result<Response> Serve(std::string_view relative, const Request& request) const;
    // The same for a GET whose only header is If-None-Match: `if_none_match` (possibly empty).
    Result<Response> Serve(std::string_view relative, std::string_view if_none_match) const;

    // The Content-Type for a file name, from its extension; "application/octet-stream" otherwise.
    static std::string_view ContentTypeFor(std::string_view name);

    // True when the If-None-Match header value names `etag` (weak comparison, "*" matches).
    static bool EtagMatches(std::string_view if_none_match, std::string_view etag);

 private:
    struct Entry {
        std::string body;
        std::string etag;             // of the identity body: "\"<hash>-<size>\""
        std::string gzip;             // the body gzipped, or empty when not worth it
        std::string br;               // the body in brotli, or empty when not worth it
        std::string last_modified;    // the modification time as an HTTP date
        long long mtime_seconds = 0;  // the modification time, Unix seconds
        std::filesystem::file_time_type mtime;
        uintmax_t size = 0;
    };

    std::filesystem::path root_;  // canonical; empty when the root does not exist
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, std::shared_ptr<const Entry>> cache_;  // guarded by mutex_
};

}  // namespace juo::http
