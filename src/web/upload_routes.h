// The routes that take an upload (issue 21): a factory's photo, a teaching-kit PDF, a CSV import.
// Only these may carry a large body (12 MiB: a 10 MiB PDF in a form); every other request is held
// to a small one (1 MiB) by the app server (http::ServerOptions::large_body_route) and by nginx
// (deploy/nginx/juo.conf names the same paths: keep both lists together).
//
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string_view>

namespace juo::web {

inline constexpr size_t kUploadBodyBytes = size_t{12} << 20;
inline constexpr size_t kSmallBodyBytes = size_t{1} << 20;

// Whether `method` `path` (no query string) is one of the upload routes:
//   POST /usine/{id}/photo, PUT /api/v1/host/sites/{id}/photo,
//   POST /organisation/kit, POST /api/v1/organisation/teaching-kit,
//   POST /organisation/usines/import, POST /organisation/medias,
//   POST /api/v1/imports/sites, POST /api/v1/imports/media.
bool IsUploadRoute(std::string_view method, std::string_view path);

}  // namespace juo::web
