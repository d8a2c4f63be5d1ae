// The JSON body helpers of the API's POST routes: the body as a JSON object, and its members read
// with their bounds (a whole number within [min, max], a string of at most so many bytes, a
// boolean), each failure a kInvalidArgument with a French and an English message. Apart from the
// caller (caller.h) so that it depends on nothing but http::Request and Boost.JSON: the fuzz
// harness fuzz/json_body_fuzz.cc links it alone.
//
// Thread-safety: pure functions.
#pragma once

#include <boost/json.hpp>
#include <string>
#include <string_view>

#include "common/result.h"
#include "http/message.h"

namespace juo::web {

// The body as a JSON object: kInvalidArgument when it is empty or not a JSON object,
// kUnsupportedMediaType (415) when it is sent in another content type than application/json.
Result<boost::json::object> JsonObjectBody(const http::Request& request);
// A required integer member within [min, max].
Result<long long> IntMember(const boost::json::object& o, std::string_view name, long long min,
                            long long max);
// An optional integer member (default when absent).
Result<long long> IntMemberOr(const boost::json::object& o, std::string_view name, long long min,
                              long long max, long long fallback);
// A required string member, at most `max_bytes` long (an empty string is kept).
Result<std::string> StringMember(const boost::json::object& o, std::string_view name, size_t max_bytes);
// An optional boolean member.
Result<bool> BoolMemberOr(const boost::json::object& o, std::string_view name, bool fallback);
// An optional member as a form would carry it, for the checks the pages and the API share: a
// string as is (at most `max_bytes`), an integer in decimal, true / false as "1" / "0"; "" when
// absent or null. kInvalidArgument for an array, an object or a fraction.
Result<std::string> TextMember(const boost::json::object& o, std::string_view name, size_t max_bytes);

}  // namespace juo::web
