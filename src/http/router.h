// Router: maps a method and a path to the handler registered for a route pattern.
//
// A pattern is a path of segments, each either exact ("sites") or a named parameter in braces
// ("{id}", matching one non-empty segment): "/api/v1/sites/{id}". Matching works on the raw
// (still percent-encoded) path, segment by segment, so "%2F" inside a segment stays inside that
// segment's decoded value and never creates a new segment. Where several patterns match a path,
// the one with an exact segment at the first position where they differ wins
// ("/sites/new" beats "/sites/{id}"), whatever the order of registration. A HEAD request is
// served by the GET handler of the route when no HEAD handler is registered (the server drops
// the body). A path that matches no pattern is a 404; a path that matches patterns of other
// methods only is a 405 whose Allow lists those methods.
//
// Thread-safety: Add is not thread-safe and must happen before the router is handed to a
// Server; Match is const and may be called from any number of threads at once.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace juo::http {

struct RouteMatch {
    enum class Outcome { kFound, kNotFound, kMethodNotAllowed };
    Outcome outcome = Outcome::kNotFound;
    const Handler* handler = nullptr;             // set when kFound for a synchronous route
    const AsyncHandler* async_handler = nullptr;  // set when kFound for an asynchronous route
    std::string pattern;                          // the matched pattern when kFound: the metrics label
    std::map<std::string, std::string> params;    // decoded parameter values when kFound
    std::string allow;        // when kMethodNotAllowed: "GET, HEAD, POST" (sorted, HEAD with GET)
    bool run_inline = false;  // when kFound: the route asked to run on the I/O thread
};

// How a route's handler runs.
enum class Execution {
    kPool,    // on the handler thread pool (default): for anything that may block or take time
    kInline,  // on the connection's I/O thread, skipping two thread hand-offs: only for handlers
              // that neither block nor take more than some tens of microseconds (in-memory reads)
};

class Router {
 public:
    // Registers `handler` for `method` (e.g. "GET", case-sensitive) and `pattern`. Throws
    // std::invalid_argument (a programming error, found at start-up) when the pattern does not
    // start with '/', has an empty or malformed "{...}" segment, repeats a parameter name, or
    // was already registered for that method, or when the handler is empty.
    void Add(std::string method, std::string pattern, Handler handler,
             Execution execution = Execution::kPool);
    void Get(std::string pattern, Handler handler, Execution execution = Execution::kPool) {
        Add("GET", std::move(pattern), std::move(handler), execution);
    }
    void Post(std::string pattern, Handler handler) { Add("POST", std::move(pattern), std::move(handler)); }
    // Registers an asynchronous handler, which answers through its Reply, from any thread, when
    // its work is done (a booking engine's callback, for instance). With Execution::kInline (the
    // default) it runs on the I/O thread and must neither block nor take time; with
    // Execution::kPool it runs on the handler pool (bounded like every pool route) and may read
    // the database before it hands its work on: the pool thread is free as soon as the handler
    // returns, whether or not it has replied. Throws like Add.
    void AddAsync(std::string method, std::string pattern, AsyncHandler handler,
                  Execution execution = Execution::kInline);

    // A change made to every response of the routes added from now on, after their handler
    // (synchronous) or before their reply (asynchronous): what a whole area of the site shares,
    // such as the people pages' Cache-Control. SetResponseFilter({}) ends it; routes added before
    // keep theirs.
    using ResponseFilter = std::function<void(const Request&, Response&)>;
    void SetResponseFilter(ResponseFilter filter) { filter_ = std::move(filter); }

    // Finds the route for `method` and `raw_path` (the target's path before '?', not decoded).
    // A segment with malformed percent-encoding matches no pattern.
    RouteMatch Match(std::string_view method, std::string_view raw_path) const;

    bool empty() const { return routes_.empty(); }

    // Every registered (method, pattern), in registration order: for tests that walk the routes.
    std::vector<std::pair<std::string, std::string>> Routes() const;

 private:
    struct Segment {
        bool is_param = false;
        std::string text;  // the literal, or the parameter name
    };
    struct Route {
        std::string method;
        std::string pattern;
        std::vector<Segment> segments;
        Handler handler;
        AsyncHandler async_handler;
        Execution execution = Execution::kPool;
    };
    // Checks and stores a route whose handler is set.
    void AddRoute(Route route);

    std::vector<Route> routes_;
    ResponseFilter filter_;
};

// Splits a path on '/' after the leading one: "/a/b" → {"a","b"}, "/" → {""}, "/a/" → {"a",""}.
std::vector<std::string_view> SplitPath(std::string_view path);

}  // namespace juo::http
