// The plain request and response the HTTP server hands to handlers, and the decoding helpers
// they rely on (percent-encoding, query strings, urlencoded forms, cookies).
//
// Handlers (src/web/) see only these types: Boost.Beast and Asio stay inside src/http/*.cc so
// that the rest of the tree compiles fast and never depends on the transport. A Request is
// built by the server once the whole message has been read and its target decoded (a target
// that does not decode is answered 400 before any handler runs); a handler returns a Response
// by value, and the server adds the security headers and writes it.
//
// Thread-safety: plain values and pure functions. A Request is read by one handler call only.
#pragma once

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/result.h"

namespace juo::http {

using ParamList = std::vector<std::pair<std::string, std::string>>;

struct Request {
    std::string method;                              // "GET", as sent (methods are case-sensitive)
    std::string path;                                // percent-decoded path: "/sites/12"
    std::string target;                              // raw target with its query: "/sites?q=caf%C3%A9"
    ParamList query;                                 // decoded query parameters in order, repeats kept
    std::map<std::string, std::string> headers;      // lower-case names; repeats joined with ", "
    std::map<std::string, std::string> path_params;  // from the route pattern: {"id", "12"}
    std::string body;
    std::string remote_address;  // peer IP address, "127.0.0.1" or "::1"

    // The first value of query parameter `name`, or nullptr when it is absent.
    const std::string* Query(std::string_view name) const;
    // Every value of query parameter `name`, in order; empty when it is absent.
    std::vector<std::string> QueryAll(std::string_view name) const;
    // The value of header `name` (any case), or "" when it is absent.
    std::string Header(std::string_view name) const;
    // The value of path parameter `name`, or "" when the route has no such parameter.
    std::string PathParam(std::string_view name) const;
    // The value of cookie `name` from the Cookie header (surrounding double quotes removed), or
    // nullopt when it is absent. Values are returned as sent, not percent-decoded.
    std::optional<std::string> Cookie(std::string_view name) const;
};

struct Response {
    int status = 200;
    std::string content_type = "text/html; charset=utf-8";
    std::string body;
    // Extra headers (Location, Cache-Control, Set-Cookie...). Repeats are sent as repeats. A
    // header named like one the server adds by default (Content-Security-Policy, X-Frame-Options,
    // Referrer-Policy, X-Content-Type-Options, Cache-Control) replaces the default. A name or
    // value holding CR, LF or NUL is a handler bug: the server answers 500 instead.
    std::vector<std::pair<std::string, std::string>> headers;

    // `body` as application/json.
    static Response Json(int status, std::string body);
    // `body` as text/html; charset=utf-8.
    static Response Html(int status, std::string body);
    // `body` as text/plain; charset=utf-8.
    static Response Text(int status, std::string body);
    // A redirection to `location` (303 See Other by default: the answer to a POSTed form).
    static Response Redirect(std::string location, int status = 303);

    // Appends header `name: value`.
    Response& AddHeader(std::string name, std::string value);
};

using Handler = std::function<Response(const Request&)>;

// Answers a request later, from any thread, once (later calls are ignored).
using Reply = std::function<void(Response)>;
// A handler that hands the work to something else (the booking engine's writer) and answers
// through `reply` when it is done; it must not block. The Request stays valid until the reply.
using AsyncHandler = std::function<void(const Request&, Reply)>;

// Decodes %XX escapes (either case of hex digit); when `plus_as_space`, '+' becomes ' ' (query
// strings and forms, not paths). Returns nullopt when a '%' is not followed by two hex digits.
// The result may hold any byte, NUL included; it is not checked for UTF-8.
std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space);

// Parses an application/x-www-form-urlencoded body or a query string (without its '?'):
// "a=1&b=caf%C3%A9+noir&a=2" → {{"a","1"},{"b","café noir"},{"a","2"}}. Empty pieces ("&&")
// are skipped; a piece without '=' is a name with an empty value. Returns nullopt when any
// name or value holds malformed percent-encoding.
std::optional<ParamList> ParseForm(std::string_view text);

// Splits an origin-form request target ("/path?query") into `request->path` (decoded, '+' kept)
// and `request->query` (a "#fragment" is ignored), and stores the target itself in
// `request->target`. Fails with
// kInvalidArgument when the target does not start with '/', holds malformed percent-encoding,
// or when its path decodes to a NUL byte.
Status ParseTarget(std::string_view target, Request* request);

// The entity tag that a request's If-Match header names: abc for "abc" or W/"abc"; empty when
// the header is absent or "*" (any version). For updates that apply only to the version the
// client read (an answer's ETag).
std::string IfMatchTag(const Request& request);

}  // namespace juo::http
