// Fuzzes the request target parser (http::ParseTarget: path and query splitting, percent-decoding)
// that every request goes through before any handler, and the Request accessors over its result.
// Invariants: a parsed target keeps the target as sent; the path starts with '/' and holds no
// NUL; writing the decoded path and query back (percent-encoded) and parsing again gives the same
// path and parameters; Query/QueryAll agree with the parameter list; PercentDecode reverses
// PercentEncode for any bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "http/message.h"
#include "percent_encode.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    using namespace juo;
    const std::string_view input(reinterpret_cast<const char*>(data), size);

    // Any bytes survive an encode / decode round trip, with or without '+' as a space.
    auto decoded = http::PercentDecode(fuzz::PercentEncode(input), false);
    FUZZ_CHECK(decoded && *decoded == input);
    decoded = http::PercentDecode(fuzz::PercentEncode(input, "+"), true);
    FUZZ_CHECK(decoded && *decoded == input);

    http::Request request;
    if (!http::ParseTarget(input, &request).ok()) {
        FUZZ_CHECK(request.target.empty() && request.path.empty() && request.query.empty());
        return 0;
    }
    FUZZ_CHECK(request.target == input);
    FUZZ_CHECK(!request.path.empty() && request.path.front() == '/');
    FUZZ_CHECK(request.path.find('\0') == std::string::npos);

    std::string again = fuzz::PercentEncode(request.path, "/");
    if (!request.query.empty()) again += "?" + fuzz::EncodeForm(request.query);
    http::Request reparsed;
    FUZZ_CHECK(http::ParseTarget(again, &reparsed).ok());
    FUZZ_CHECK(reparsed.path == request.path);
    FUZZ_CHECK(reparsed.query == request.query);

    for (const auto& [name, value] : request.query) {
        const std::string* first = request.Query(name);
        FUZZ_CHECK(first != nullptr);
        const auto all = request.QueryAll(name);
        FUZZ_CHECK(!all.empty() && all.front() == *first);
    }
    // The cookie and header accessors over bytes a client chooses.
    request.headers["cookie"] = std::string(input);
    request.headers["if-match"] = std::string(input);
    (void)request.Cookie("juo_session");
    (void)request.Cookie(request.path);
    (void)http::IfMatchTag(request);
    return 0;
}
