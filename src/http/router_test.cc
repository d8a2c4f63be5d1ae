#include "http/router.h"

#include <gtest/gtest.h>

#include <stdexcept>

namespace juo::http {
namespace {

Handler Named(const std::string& name) {
    return [name](const Request&) { return Response::Text(200, name); };
}

std::string Call(const RouteMatch& match) { return (*match.handler)(Request{}).body; }

TEST(SplitPathTest, Segments) {
    EXPECT_EQ(SplitPath("/a/b"), (std::vector<std::string_view>{"a", "b"}));
    EXPECT_EQ(SplitPath("/"), (std::vector<std::string_view>{""}));
    EXPECT_EQ(SplitPath("/a/"), (std::vector<std::string_view>{"a", ""}));
}

TEST(RouterTest, MatchesExactAndParameterSegments) {
    Router router;
    router.Get("/", Named("root"));
    router.Get("/api/v1/sites/{id}", Named("site"));
    router.Get("/api/v1/sites/{id}/sessions/{session}", Named("session"));
    RouteMatch root = router.Match("GET", "/");
    ASSERT_EQ(root.outcome, RouteMatch::Outcome::kFound);
    EXPECT_EQ(Call(root), "root");

    RouteMatch site = router.Match("GET", "/api/v1/sites/12");
    ASSERT_EQ(site.outcome, RouteMatch::Outcome::kFound);
    EXPECT_EQ(site.pattern, "/api/v1/sites/{id}");
    EXPECT_EQ(site.params, (std::map<std::string, std::string>{{"id", "12"}}));

    RouteMatch session = router.Match("GET", "/api/v1/sites/12/sessions/7");
    ASSERT_EQ(session.outcome, RouteMatch::Outcome::kFound);
    EXPECT_EQ(session.params, (std::map<std::string, std::string>{{"id", "12"}, {"session", "7"}}));

    EXPECT_EQ(router.Match("GET", "/api/v1/sites").outcome, RouteMatch::Outcome::kNotFound);
    EXPECT_EQ(router.Match("GET", "/api/v1/sites/").outcome, RouteMatch::Outcome::kNotFound);
    EXPECT_EQ(router.Match("GET", "/api/v1/sites/12/").outcome, RouteMatch::Outcome::kNotFound);
    EXPECT_EQ(router.Match("GET", "/nothing").outcome, RouteMatch::Outcome::kNotFound);
}

TEST(RouterTest, ParametersAreDecodedPerSegment) {
    Router router;
    router.Get("/files/{name}", Named("file"));
    router.Get("/caf\xC3\xA9", Named("cafe"));
    RouteMatch file = router.Match("GET", "/files/a%2Fb%20c");
    ASSERT_EQ(file.outcome, RouteMatch::Outcome::kFound);
    EXPECT_EQ(file.params.at("name"), "a/b c");
    EXPECT_EQ(router.Match("GET", "/files/a/b").outcome, RouteMatch::Outcome::kNotFound);
    EXPECT_EQ(router.Match("GET", "/files/%zz").outcome, RouteMatch::Outcome::kNotFound);
    EXPECT_EQ(router.Match("GET", "/caf%C3%A9").outcome, RouteMatch::Outcome::kFound);
}

TEST(RouterTest, ExactSegmentsWinWhateverTheOrder) {
    Router router;
    router.Get("/sites/{id}", Named("param"));
    router.Get("/sites/new", Named("new"));
    router.Get("/{a}/edit", Named("any-edit"));
    router.Get("/sites/{id}/edit", Named("site-edit"));
    EXPECT_EQ(Call(router.Match("GET", "/sites/new")), "new");
    EXPECT_EQ(Call(router.Match("GET", "/sites/12")), "param");
    EXPECT_EQ(Call(router.Match("GET", "/sites/12/edit")), "site-edit");
    EXPECT_EQ(Call(router.Match("GET", "/other/edit")), "any-edit");
}

TEST(RouterTest, MethodNotAllowedListsMethodsAndHeadFallsBackToGet) {
    Router router;
    router.Get("/sites/{id}", Named("get"));
    router.Add("DELETE", "/sites/{id}", Named("delete"));
    router.Post("/forms", Named("post"));

    RouteMatch put = router.Match("PUT", "/sites/3");
    EXPECT_EQ(put.outcome, RouteMatch::Outcome::kMethodNotAllowed);
    EXPECT_EQ(put.allow, "DELETE, GET, HEAD");
    EXPECT_EQ(router.Match("GET", "/forms").allow, "POST");

    RouteMatch head = router.Match("HEAD", "/sites/3");
    ASSERT_EQ(head.outcome, RouteMatch::Outcome::kFound);
    EXPECT_EQ(Call(head), "get");
    EXPECT_EQ(router.Match("HEAD", "/forms").outcome, RouteMatch::Outcome::kMethodNotAllowed);
    EXPECT_EQ(router.Match("get", "/sites/3").outcome, RouteMatch::Outcome::kMethodNotAllowed);
}

TEST(RouterTest, AResponseFilterAppliesToTheRoutesAddedWhileItIsSet) {
    Router router;
    router.Get("/before", [](const Request&) { return Response::Text(200, "b"); });
    router.SetResponseFilter([](const Request& request, Response& response) {
        response.AddHeader("X-Area", request.path);
    });
    router.Get("/during", [](const Request&) { return Response::Text(200, "d"); });
    router.AddAsync("POST", "/async", [](const Request&, Reply reply) { reply(Response::Text(202, "a")); });
    router.SetResponseFilter({});
    router.Get("/after", [](const Request&) { return Response::Text(200, "a"); });
    auto headers_of = [&](const std::string& path) {
        Request request;
        request.path = path;
        auto match = router.Match("GET", path);
        EXPECT_EQ(match.outcome, RouteMatch::Outcome::kFound) << path;
        return (*match.handler)(request).headers;
    };
    EXPECT_TRUE(headers_of("/before").empty());
    EXPECT_TRUE(headers_of("/after").empty());
    const auto during = headers_of("/during");
    ASSERT_EQ(during.size(), 1u);
    EXPECT_EQ(during[0].second, "/during");
    Request request;
    request.path = "/async";
    Response answered;
    (*router.Match("POST", "/async").async_handler)(request, [&](Response r) { answered = std::move(r); });
    EXPECT_EQ(answered.status, 202);
    ASSERT_EQ(answered.headers.size(), 1u);
    EXPECT_EQ(answered.headers[0].second, "/async");
}

TEST(RouterTest, RejectsBadPatterns) {
    Router router;
    EXPECT_THROW(router.Get("sites", Named("x")), std::invalid_argument);
    EXPECT_THROW(router.Get("/sites/{}", Named("x")), std::invalid_argument);
    EXPECT_THROW(router.Get("/sites/{id", Named("x")), std::invalid_argument);
    EXPECT_THROW(router.Get("/sites/x{id}", Named("x")), std::invalid_argument);
    EXPECT_THROW(router.Get("/{id}/{id}", Named("x")), std::invalid_argument);
    EXPECT_THROW(router.Get("/ok", Handler()), std::invalid_argument);
    router.Get("/ok", Named("x"));
    EXPECT_THROW(router.Get("/ok", Named("y")), std::invalid_argument);
    router.Post("/ok", Named("y"));
}

}  // namespace
}  // namespace juo::http
