// StaticFiles: serves the files of one directory (CSS, scripts, images, fonts) under /static/.
//
// A file is read once and kept in memory with its strong ETag (a 64-bit FNV-1a hash of the
// content); it is read again when its size or modification time changes, so that an edited
// stylesheet shows up without a restart. Answers carry Cache-Control "public, max-age=3600", or
// a year and "immutable" for paths with a "vendor" directory (third-party files copied with a
// versioned name), and 304 Not Modified when If-None-Match names the current ETag.
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
#include "http/message.h"

namespace juo::http {

class StaticFiles {
 public:
    static constexpr uintmax_t kMaxFileBytes = 32u << 20;

    // `root` should be an existing directory; when it is not, every Serve fails with kNotFound.
    explicit StaticFiles(const std::filesystem::path& root);

    // Serves `relative` (the decoded path after "/static/", e.g. "css/site.css"). On success the
    // response is a 200 with the content, or a 304 without body when `if_none_match` (the
    // request's If-None-Match header, possibly empty) matches the ETag. Fails with kNotFound when
    // the path is refused or absent, kUnavailable when the file cannot be read.
    Result<Response> Serve(std::string_view relative, std::string_view if_none_match) const;

    // The Content-Type for a file name, from its extension; "application/octet-stream" otherwise.
    static std::string_view ContentTypeFor(std::string_view name);

    // True when the If-None-Match header value names `etag` (weak comparison, "*" matches).
    static bool EtagMatches(std::string_view if_none_match, std::string_view etag);

 private:
    struct Entry {
        std::string body;
        std::string etag;
        std::filesystem::file_time_type mtime;
        uintmax_t size = 0;
    };

    std::filesystem::path root_;  // canonical; empty when the root does not exist
    mutable std::mutex mutex_;
    mutable std::unordered_map<std::string, std::shared_ptr<const Entry>> cache_;  // guarded by mutex_
};

}  // namespace juo::http
