// For the tests of the API and the pages through the real router (people_api_test.cc,
// api_host_test.cc): a request sent through a router, asynchronous handlers included, and its
// answer (status, JSON body or page, cookie, redirection).
//
// Thread-safety: SendThrough waits for the answer; call it from the test's thread.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <future>
#include <map>
#include <memory>
#include <string>

#include "http/router.h"

namespace juo::web {

struct Answer {
    int status = 0;
    boost::json::value body;
    std::string set_cookie;
    std::string location;  // of a redirection
    std::string html;      // of a page
    std::string content_type;
    std::string raw;  // the body as sent
    std::string etag;
    std::string cache_control;
};

// Sends a request through `router` (asynchronous handlers included) and waits for the answer; a
// body without a content-type header is sent as application/json.
inline Answer SendThrough(http::Router& router, const std::string& method, const std::string& target,
                          const std::string& body = "", std::map<std::string, std::string> headers = {}) {
    http::Request req;
    req.method = method;
    EXPECT_TRUE(http::ParseTarget(target, &req).ok()) << target;
    req.body = body;
    req.remote_address = "127.0.0.1";
    if (!body.empty() && !headers.count("content-type")) headers["content-type"] = "application/json";
    req.headers = std::move(headers);
    auto match = router.Match(method, target.substr(0, target.find('?')));
    Answer a;
    a.status = 404;
    if (match.outcome != http::RouteMatch::Outcome::kFound) return a;
    req.path_params = match.params;
    http::Response resp;
    if (match.async_handler) {
        auto promise = std::make_shared<std::promise<http::Response>>();
        auto future = promise->get_future();
        (*match.async_handler)(req, [promise](http::Response r) { promise->set_value(std::move(r)); });
        resp = future.get();
    } else {
        resp = (*match.handler)(req);
    }
    a.status = resp.status;
    for (const auto& [k, v] : resp.headers) {
        if (k == "Set-Cookie") a.set_cookie = v;
        if (k == "Location") a.location = v;
        if (k == "ETag") a.etag = v;
        if (k == "Cache-Control") a.cache_control = v;
    }
    a.content_type = resp.content_type;
    a.raw = resp.body;
    if (resp.content_type.rfind("application/json", 0) == 0)
        a.body = boost::json::parse(resp.body);
    else
        a.html = resp.body;
    return a;
}

// The error code of a JSON error answer ("invalid_argument", "forbidden"…), or "".
inline std::string ErrorCodeOf(const Answer& a) {
    if (!a.body.is_object() || !a.body.as_object().contains("error")) return "";
    return std::string(a.body.at("error").at("code").as_string());
}

}  // namespace juo::web
