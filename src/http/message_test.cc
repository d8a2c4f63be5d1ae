#include "http/message.h"

#include <gtest/gtest.h>

namespace juo::http {
namespace {

TEST(PercentDecodeTest, DecodesEscapesAndPlus) {
    EXPECT_EQ(PercentDecode("caf%C3%A9", false), "café");
    EXPECT_EQ(PercentDecode("a+b%2Fc", false), "a+b/c");
    EXPECT_EQ(PercentDecode("a+b%2fc", true), "a b/c");
    EXPECT_EQ(PercentDecode("", true), "");
}

TEST(PercentDecodeTest, RejectsMalformedEscapes) {
    EXPECT_FALSE(PercentDecode("%", true));
    EXPECT_FALSE(PercentDecode("%4", true));
    EXPECT_FALSE(PercentDecode("abc%zz", true));
    EXPECT_FALSE(PercentDecode("%g0", true));
}

TEST(ParseFormTest, KeepsOrderRepeatsAndEmptyValues) {
    auto form = ParseForm("a=1&b=caf%C3%A9+noir&&a=2&flag&empty=");
    ASSERT_TRUE(form);
    ParamList expected = {{"a", "1"}, {"b", "café noir"}, {"a", "2"}, {"flag", ""}, {"empty", ""}};
    EXPECT_EQ(*form, expected);
    EXPECT_TRUE(ParseForm("")->empty());
}

TEST(ParseFormTest, RejectsMalformedEncoding) {
    EXPECT_FALSE(ParseForm("a=%ZZ"));
    EXPECT_FALSE(ParseForm("a%=1"));
}

TEST(ParseTargetTest, SplitsPathAndQuery) {
    Request request;
    ASSERT_TRUE(ParseTarget("/sites/caf%C3%A9?q=a+b&p=a%2Fb&q=2", &request).ok());
    EXPECT_EQ(request.path, "/sites/café");
    EXPECT_EQ(request.target, "/sites/caf%C3%A9?q=a+b&p=a%2Fb&q=2");
    ASSERT_NE(request.Query("q"), nullptr);
    EXPECT_EQ(*request.Query("q"), "a b");
    EXPECT_EQ(request.QueryAll("q"), (std::vector<std::string>{"a b", "2"}));
    EXPECT_EQ(*request.Query("p"), "a/b");
    EXPECT_EQ(request.Query("missing"), nullptr);
    EXPECT_TRUE(request.QueryAll("missing").empty());
}

TEST(ParseTargetTest, IgnoresAFragment) {
    Request request;
    ASSERT_TRUE(ParseTarget("/a#frag?x=1", &request).ok());
    EXPECT_EQ(request.path, "/a");
    EXPECT_TRUE(request.query.empty());
    ASSERT_TRUE(ParseTarget("/a?x=1#frag", &request).ok());
    EXPECT_EQ(*request.Query("x"), "1");
}

TEST(ParseTargetTest, RejectsBadTargets) {
    Request request;
    EXPECT_FALSE(ParseTarget("", &request).ok());
    EXPECT_FALSE(ParseTarget("http://example.org/", &request).ok());
    EXPECT_FALSE(ParseTarget("*", &request).ok());
    EXPECT_FALSE(ParseTarget("/a%zz", &request).ok());
    EXPECT_FALSE(ParseTarget("/a?x=%e", &request).ok());
    EXPECT_FALSE(ParseTarget("/a%00b", &request).ok());
    EXPECT_EQ(ParseTarget("/a?x=%zz", &request).error().code, ErrorCode::kInvalidArgument);
}

TEST(RequestTest, HeaderAndCookieLookup) {
    Request request;
    request.headers["content-type"] = "text/plain";
    request.headers["cookie"] = "theme=dark; sid=\"abc=def\";  lang = fr ;broken";
    EXPECT_EQ(request.Header("Content-Type"), "text/plain");
    EXPECT_EQ(request.Header("x-missing"), "");
    EXPECT_EQ(request.Cookie("sid"), "abc=def");
    EXPECT_EQ(request.Cookie("theme"), "dark");
    EXPECT_EQ(request.Cookie("lang"), "fr");
    EXPECT_EQ(request.Cookie("broken"), std::nullopt);
    EXPECT_EQ(request.Cookie("the"), std::nullopt);
    request.path_params["id"] = "12";
    EXPECT_EQ(request.PathParam("id"), "12");
    EXPECT_EQ(request.PathParam("other"), "");
}

TEST(ResponseTest, Factories) {
    Response json = Response::Json(201, "{}");
    EXPECT_EQ(json.status, 201);
    EXPECT_EQ(json.content_type, "application/json");
    Response html = Response::Html(200, "<p>");
    EXPECT_EQ(html.content_type, "text/html; charset=utf-8");
    Response redirect = Response::Redirect("/sites/3");
    EXPECT_EQ(redirect.status, 303);
    ASSERT_EQ(redirect.headers.size(), 1u);
    EXPECT_EQ(redirect.headers[0], (std::pair<std::string, std::string>{"Location", "/sites/3"}));
    EXPECT_EQ(Response::Redirect("/", 302).status, 302);
}

TEST(IfMatchTagTest, StrongWeakAnyAndAbsent) {
    Request request;
    EXPECT_EQ(IfMatchTag(request), "");
    request.headers["if-match"] = "\"3f2a9c\"";
    EXPECT_EQ(IfMatchTag(request), "3f2a9c");
    request.headers["if-match"] = "W/\"3f2a9c\"";
    EXPECT_EQ(IfMatchTag(request), "3f2a9c");
    request.headers["if-match"] = "*";
    EXPECT_EQ(IfMatchTag(request), "");
    request.headers["if-match"] = "unquoted";
    EXPECT_EQ(IfMatchTag(request), "unquoted");
}

}  // namespace
}  // namespace juo::http
