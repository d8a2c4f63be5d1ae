// Fuzzes the API's JSON body readers (web/kit/json_body.h): JsonObjectBody over the body of any
// POST /api/v1/..., then the member readers every handler uses, on each member of the object.
// Invariants: a body read as an object serialises and parses back to the same value; a whole
// number read is within its bounds and is the member's value; a string read is at most its byte
// limit and is the member's value; a boolean read is the member's; TextMember gives "1"/"0" for
// booleans and the decimal of integers; an absent member gives the fallback; a body sent with
// another content type is refused as such.
#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "web/kit/json_body.h"

namespace json = boost::json;

namespace {

// Equal values, doubles within a relative 1e-12: Boost.JSON 1.81 parses decimals to the nearest
// double or one next to it, and an overflowing number (1e999) as infinity, which it writes back as
// 1e99999. Neither is the readers' concern: they take no fractions.
bool Equivalent(const json::value& a, const json::value& b) {
    if (a.is_double() && b.is_double()) {
        const double x = a.as_double(), y = b.as_double();
        if (x == y) return true;
        return std::isfinite(x) && std::isfinite(y) && std::fabs(x - y) <= 1e-12 * std::max(std::fabs(x), std::fabs(y));
    }
    if (a.kind() != b.kind()) return false;
    if (a.is_array()) {
        const auto &p = a.as_array(), &q = b.as_array();
        if (p.size() != q.size()) return false;
        for (size_t i = 0; i < p.size(); ++i)
            if (!Equivalent(p[i], q[i])) return false;
        return true;
    }
    if (a.is_object()) {
        const auto &p = a.as_object(), &q = b.as_object();
        if (p.size() != q.size()) return false;
        for (const auto& member : p) {
            const json::value* other = q.if_contains(member.key());
            if (!other || !Equivalent(member.value(), *other)) return false;
        }
        return true;
    }
    return a == b;
}

bool HasInfinity(const json::value& v) {
    if (v.is_double()) return !std::isfinite(v.as_double());
    if (v.is_array()) return std::any_of(v.as_array().begin(), v.as_array().end(), HasInfinity);
    if (v.is_object())
        return std::any_of(v.as_object().begin(), v.as_object().end(),
                           [](const auto& member) { return HasInfinity(member.value()); });
    return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace juo;
    http::Request request;
    request.body.assign(reinterpret_cast<const char*>(data), size);
    request.headers["content-type"] = "text/plain";
    {
        auto refused = web::JsonObjectBody(request);
        FUZZ_CHECK(!refused.ok() && refused.error().code == ErrorCode::kUnsupportedMediaType);
    }
    request.headers["content-type"] = "application/json; charset=utf-8";
    auto object = web::JsonObjectBody(request);
    if (!object.ok()) {
        FUZZ_CHECK(object.error().code == ErrorCode::kInvalidArgument);
        return 0;
    }
    const json::object& o = *object;
    // Written back, it reads the same; except an infinity (from 1e999), which JSON cannot write.
    boost::system::error_code ec;
    const json::value again = json::parse(json::serialize(o), ec);
    if (ec) FUZZ_CHECK(HasInfinity(o));
    else FUZZ_CHECK(Equivalent(again, json::value(o)));

    FUZZ_CHECK(web::IntMemberOr(o, "\x01" "absent", 1, 10, 7).value() == 7);
    FUZZ_CHECK(!web::IntMember(o, "\x01" "absent", 1, 10).ok());
    FUZZ_CHECK(web::BoolMemberOr(o, "\x01" "absent", true).value() == true);
    FUZZ_CHECK(web::TextMember(o, "\x01" "absent", 10).value().empty());

    int members = 0;
    for (const auto& member : o) {
        if (++members > 16) break;
        const std::string_view name = member.key();
        const json::value& v = member.value();
        if (auto n = web::IntMemberOr(o, name, -1000, 1000, 0); n.ok()) {
            FUZZ_CHECK(*n >= -1000 && *n <= 1000);
            if (!v.is_null()) FUZZ_CHECK(v.is_int64() ? v.as_int64() == *n : v.as_uint64() == static_cast<uint64_t>(*n));
        }
        if (auto n = web::IntMember(o, name, 0, 1LL << 62); n.ok()) FUZZ_CHECK(*n >= 0 && *n <= (1LL << 62));
        if (auto s = web::StringMember(o, name, 16); s.ok()) {
            FUZZ_CHECK(s->size() <= 16 && v.is_string() && v.as_string() == *s);
        } else {
            FUZZ_CHECK(!v.is_string() || v.as_string().size() > 16);
        }
        if (auto b = web::BoolMemberOr(o, name, false); b.ok()) {
            FUZZ_CHECK(v.is_null() || (v.is_bool() && v.as_bool() == *b));
        } else {
            FUZZ_CHECK(!v.is_bool() && !v.is_null());
        }
        if (auto t = web::TextMember(o, name, 64); t.ok()) {
            if (v.is_bool()) FUZZ_CHECK(*t == (v.as_bool() ? "1" : "0"));
            if (v.is_int64()) FUZZ_CHECK(*t == std::to_string(v.as_int64()));
            if (v.is_uint64()) FUZZ_CHECK(*t == std::to_string(v.as_uint64()));
            if (v.is_string()) FUZZ_CHECK(v.as_string() == *t);
            FUZZ_CHECK(!v.is_array() && !v.is_object() && !v.is_double());
        }
    }
    return 0;
}
