// The upload routes (see upload_routes.h).
#include "web/upload_routes.h"

#include <algorithm>
#include <cctype>

namespace juo::web {
namespace {

// `path` is `prefix` + a positive number + `suffix`.
bool IdBetween(std::string_view path, std::string_view prefix, std::string_view suffix) {
    if (path.size() <= prefix.size() + suffix.size() || !path.starts_with(prefix) || !path.ends_with(suffix))
        return false;
    std::string_view id = path.substr(prefix.size(), path.size() - prefix.size() - suffix.size());
    return !id.empty() && id.size() <= 18 &&
           std::all_of(id.begin(), id.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace

bool IsUploadRoute(std::string_view method, std::string_view path) {
    if (method == "PUT") return IdBetween(path, "/api/v1/host/sites/", "/photo");
    if (method != "POST") return false;
    return IdBetween(path, "/usine/", "/photo") || path == "/organisation/kit" ||
           path == "/api/v1/organisation/teaching-kit" || path == "/organisation/usines/import" ||
           path == "/organisation/medias" || path == "/api/v1/imports/sites" || path == "/api/v1/imports/media";
}

}  // namespace juo::web
