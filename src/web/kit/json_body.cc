// The API's JSON body readers (see json_body.h).
#include "web/kit/json_body.h"

#include <algorithm>
#include <cstdint>

namespace juo::web {
namespace json = boost::json;

Result<json::object> JsonObjectBody(const http::Request& request) {
    std::string type = request.Header("content-type");
    if (request.body.empty())
        return MakeError(ErrorCode::kInvalidArgument, "the body is empty: send a JSON object",
                         "le corps de la requête est vide : envoyez un objet JSON");
    if (type.rfind("application/json", 0) != 0)
        return MakeError(ErrorCode::kUnsupportedMediaType, "send the body as application/json",
                         "le corps de la requête doit être en JSON (application/json)");
    boost::system::error_code ec;
    json::value v = json::parse(request.body, ec);
    if (ec || !v.is_object())
        return MakeError(ErrorCode::kInvalidArgument, "the body is not a JSON object",
                         "le corps de la requête n'est pas un objet JSON");
    return std::move(v.as_object());
}

Result<long long> IntMemberOr(const json::object& o, std::string_view name, long long min, long long max,
                              long long fallback) {
    const json::value* v = o.if_contains(name);
    if (!v || v->is_null()) return fallback;
    if (!v->is_int64() && !v->is_uint64())
        return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " must be a whole number",
                         std::string(name) + " doit être un nombre entier");
    long long n = v->is_int64() ? v->as_int64()
                                : static_cast<long long>(std::min<uint64_t>(v->as_uint64(), 1ULL << 62));
    if (n < min || n > max)
        return MakeError(
            ErrorCode::kInvalidArgument,
            std::string(name) + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                ", not " + std::to_string(n),
            std::string(name) + " doit être entre " + std::to_string(min) + " et " + std::to_string(max));
    return n;
}

Result<long long> IntMember(const json::object& o, std::string_view name, long long min, long long max) {
    if (!o.contains(name))
        return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " is missing",
                         std::string(name) + " manque");
    return IntMemberOr(o, name, min, max, 0);
}

Result<std::string> StringMember(const json::object& o, std::string_view name, size_t max_bytes) {
    const json::value* v = o.if_contains(name);
    if (!v || !v->is_string())
        return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " is missing or not a string",
                         std::string(name) + " manque ou n'est pas un texte");
    if (v->as_string().size() > max_bytes)
        return MakeError(ErrorCode::kInvalidArgument,
                         std::string(name) + " is longer than " + std::to_string(max_bytes) + " bytes",
                         std::string(name) + " dépasse " + std::to_string(max_bytes) + " octets");
    return std::string(v->as_string());
}

Result<bool> BoolMemberOr(const json::object& o, std::string_view name, bool fallback) {
    const json::value* v = o.if_contains(name);
    if (!v || v->is_null()) return fallback;
    if (!v->is_bool())
        return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " must be true or false",
                         std::string(name) + " doit valoir true ou false");
    return v->as_bool();
}

Result<std::string> TextMember(const json::object& o, std::string_view name, size_t max_bytes) {
    const json::value* v = o.if_contains(name);
    if (!v || v->is_null()) return std::string();
    if (v->is_bool()) return std::string(v->as_bool() ? "1" : "0");
    if (v->is_int64()) return std::to_string(v->as_int64());
    if (v->is_uint64()) return std::to_string(v->as_uint64());
    if (!v->is_string())
        return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " must be a text, a whole number or a boolean",
                         std::string(name) + " doit être un texte, un nombre entier ou un booléen");
    return StringMember(o, name, max_bytes);
}

}  // namespace juo::web
