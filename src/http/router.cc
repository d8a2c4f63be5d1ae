#include "http/router.h"

#include <algorithm>
#include <set>
#include <stdexcept>

namespace juo::http {

std::vector<std::string_view> SplitPath(std::string_view path) {
    std::vector<std::string_view> segments;
    if (!path.empty() && path.front() == '/') path.remove_prefix(1);
    while (true) {
        size_t slash = path.find('/');
        segments.push_back(path.substr(0, slash));
        if (slash == std::string_view::npos) break;
        path.remove_prefix(slash + 1);
    }
    return segments;
}

void Router::Add(std::string method, std::string pattern, Handler handler, Execution execution) {
    if (!handler) throw std::invalid_argument("route " + method + " " + pattern + ": empty handler");
    Route route;
    route.method = std::move(method);
    route.pattern = std::move(pattern);
    route.execution = execution;
    route.handler = std::move(handler);
    if (filter_)
        route.handler = [inner = std::move(route.handler), filter = filter_](const Request& request) {
            Response response = inner(request);
            filter(request, response);
            return response;
        };
    AddRoute(std::move(route));
}

void Router::AddAsync(std::string method, std::string pattern, AsyncHandler handler, Execution execution) {
    if (!handler) throw std::invalid_argument("route " + method + " " + pattern + ": empty handler");
    Route route;
    route.method = std::move(method);
    route.pattern = std::move(pattern);
    route.execution = execution;
    route.async_handler = std::move(handler);
    if (filter_)
        // The Request outlives the reply (AsyncHandler's contract).
        route.async_handler = [inner = std::move(route.async_handler), filter = filter_](const Request& request,
                                                                                         Reply reply) {
            inner(request, [&request, filter, reply = std::move(reply)](Response response) {
                filter(request, response);
                reply(std::move(response));
            });
        };
    AddRoute(std::move(route));
}

void Router::AddRoute(Route route) {
    const std::string& method = route.method;
    const std::string& pattern = route.pattern;
    auto fail = [&](const std::string& why) {
        throw std::invalid_argument("route " + method + " " + pattern + ": " + why);
    };
    if (method.empty()) fail("empty method");
    if (pattern.empty() || pattern.front() != '/') fail("the pattern must start with '/'");
    std::set<std::string> names;
    for (std::string_view piece : SplitPath(pattern)) {
        Segment segment;
        if (!piece.empty() && piece.front() == '{') {
            if (piece.size() < 3 || piece.back() != '}') fail("malformed parameter segment");
            segment.is_param = true;
            segment.text = std::string(piece.substr(1, piece.size() - 2));
            if (segment.text.find_first_of("{}/") != std::string::npos) fail("malformed parameter name");
            if (!names.insert(segment.text).second) fail("repeated parameter name");
        } else {
            if (piece.find_first_of("{}") != std::string_view::npos) fail("braces inside a segment");
            segment.text = std::string(piece);
        }
        route.segments.push_back(std::move(segment));
    }
    for (const Route& other : routes_) {
        if (other.method == method && other.pattern == pattern) fail("registered twice");
    }
    routes_.push_back(std::move(route));
}

std::vector<std::pair<std::string, std::string>> Router::Routes() const {
    std::vector<std::pair<std::string, std::string>> out;
    out.reserve(routes_.size());
    for (const Route& r : routes_) out.emplace_back(r.method, r.pattern);
    return out;
}

RouteMatch Router::Match(std::string_view method, std::string_view raw_path) const {
    RouteMatch result;
    std::vector<std::string_view> raw_segments = SplitPath(raw_path);
    std::vector<std::string> decoded;
    decoded.reserve(raw_segments.size());
    for (std::string_view raw : raw_segments) {
        auto segment = PercentDecode(raw, false);
        if (!segment) return result;  // kNotFound
        decoded.push_back(std::move(*segment));
    }

    // Of the routes whose pattern matches the path, keep per method the most specific one: the
    // one with a literal at the first position where two patterns differ in kind.
    auto matches = [&](const Route& route) {
        if (route.segments.size() != decoded.size()) return false;
        for (size_t i = 0; i < decoded.size(); ++i) {
            const Segment& s = route.segments[i];
            if (s.is_param ? decoded[i].empty() : s.text != decoded[i]) return false;
        }
        return true;
    };
    auto more_specific = [](const Route& a, const Route& b) {
        for (size_t i = 0; i < a.segments.size(); ++i) {
            if (a.segments[i].is_param != b.segments[i].is_param) return !a.segments[i].is_param;
        }
        return false;
    };

    const Route* best = nullptr;
    const Route* best_get = nullptr;
    std::set<std::string> allowed;
    for (const Route& route : routes_) {
        if (!matches(route)) continue;
        allowed.insert(route.method);
        if (route.method == method && (best == nullptr || more_specific(route, *best))) best = &route;
        if (route.method == "GET" && (best_get == nullptr || more_specific(route, *best_get))) {
            best_get = &route;
        }
    }
    if (best == nullptr && method == "HEAD") best = best_get;
    if (best == nullptr) {
        if (allowed.empty()) return result;  // kNotFound
        if (allowed.count("GET")) allowed.insert("HEAD");
        result.outcome = RouteMatch::Outcome::kMethodNotAllowed;
        for (const std::string& m : allowed) {
            if (!result.allow.empty()) result.allow += ", ";
            result.allow += m;
        }
        return result;
    }
    result.outcome = RouteMatch::Outcome::kFound;
    if (best->async_handler)
        result.async_handler = &best->async_handler;
    else
        result.handler = &best->handler;
    result.run_inline = best->execution == Execution::kInline;
    result.pattern = best->pattern;
    for (size_t i = 0; i < decoded.size(); ++i) {
        if (best->segments[i].is_param) result.params[best->segments[i].text] = std::move(decoded[i]);
    }
    return result;
}

}  // namespace juo::http
