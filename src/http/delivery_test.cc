#include "http/delivery.h"

#include <gtest/gtest.h>

#include "common/fingerprint.h"
#include "http/decode_for_tests.h"

namespace juo::http {
namespace {

Request Get(std::vector<std::pair<std::string, std::string>> headers = {}, std::string method = "GET") {
    Request r;
    r.method = std::move(method);
    r.path = r.target = "/page";
    for (auto& [name, value] : headers) r.headers[name] = value;
    return r;
}

std::string Page() {
    std::string html = "<!doctype html><title>Usines</title><ul>";
    for (int i = 0; i < 200; ++i) html += "<li>Visite de l'usine " + std::to_string(i) + "</li>";
    return html + "</ul>";
}

Response PageResponse() {
    Response r = Response::Html(200, Page());
    r.AddHeader("Cache-Control", "no-cache");
    r.AddHeader("Vary", "Cookie");
    return r;
}

std::vector<std::string> All(const Response& r, std::string_view name) {
    std::vector<std::string> out;
    for (const auto& [n, v] : r.headers)
        if (n == name) out.push_back(v);
    return out;
}

TEST(DeliveryTest, EtagMatchingIsWeakAndTakesListsAndStar) {
    EXPECT_TRUE(EtagMatches("\"a\"", "\"a\""));
    EXPECT_TRUE(EtagMatches("W/\"a\"", "\"a\""));
    EXPECT_TRUE(EtagMatches("\"a\"", "W/\"a\""));
    EXPECT_TRUE(EtagMatches(" \"b\" ,W/\"a\"", "W/\"a\""));
    EXPECT_TRUE(EtagMatches("*", "W/\"a\""));
    EXPECT_FALSE(EtagMatches("\"b\"", "\"a\""));
    EXPECT_FALSE(EtagMatches("", "\"a\""));
    EXPECT_FALSE(EtagMatches("\"a\"", ""));
    EXPECT_FALSE(EtagMatches("W/\"ab\"", "\"a\""));
    EXPECT_EQ(BodyEtag("abc"), "W/\"e71fa2190541574b\"");
}

TEST(DeliveryTest, GzipWhenAcceptedWithVaryAndAWeakEtagOfTheIdentityBody) {
    Response r = PageResponse();
    Deliver(Get({{"accept-encoding", "gzip"}}), r);
    EXPECT_EQ(r.status, 200);
    ASSERT_NE(FindHeader(r, "Content-Encoding"), nullptr);
    EXPECT_EQ(*FindHeader(r, "Content-Encoding"), "gzip");
    EXPECT_EQ(All(r, "Vary"), std::vector<std::string>{"Cookie, Accept-Encoding"});
    EXPECT_EQ(*FindHeader(r, "ETag"), BodyEtag(Page()));
    EXPECT_EQ(testing::Gunzip(r.body), Page());
    EXPECT_LT(r.body.size(), Page().size() / 4);

    Response br = PageResponse();
    Deliver(Get({{"accept-encoding", "gzip, deflate, br"}}), br);
    EXPECT_EQ(*FindHeader(br, "Content-Encoding"), "br");
    EXPECT_EQ(testing::Unbrotli(br.body), Page());
    EXPECT_EQ(*FindHeader(br, "ETag"), BodyEtag(Page()));  // one weak tag for every coding
}

TEST(DeliveryTest, IdentityWhenNotAcceptedButStillVary) {
    for (const char* accept : {"", "gzip;q=0", "identity", "deflate", "*;q=0"}) {
        Response r = PageResponse();
        Deliver(Get({{"accept-encoding", accept}}), r);
        EXPECT_EQ(r.body, Page()) << accept;
        EXPECT_EQ(FindHeader(r, "Content-Encoding"), nullptr) << accept;
        EXPECT_EQ(All(r, "Vary"), std::vector<std::string>{"Cookie, Accept-Encoding"}) << accept;
    }
}

TEST(DeliveryTest, SmallOrBinaryOrCodedOrPartialBodiesAreLeftAlone) {
    const auto gzip = Get({{"accept-encoding", "gzip"}});
    Response small = Response::Json(200, "{\"ok\":true}");
    Deliver(gzip, small);
    EXPECT_EQ(small.body, "{\"ok\":true}");
    EXPECT_EQ(FindHeader(small, "Vary"), nullptr);

    Response png;
    png.content_type = "image/png";
    png.body = std::string(5000, 'x');
    Deliver(gzip, png);
    EXPECT_EQ(png.body.size(), 5000u);
    EXPECT_EQ(FindHeader(png, "Content-Encoding"), nullptr);
    EXPECT_EQ(FindHeader(png, "Vary"), nullptr);

    Response coded = PageResponse();
    coded.AddHeader("Content-Encoding", "gzip");
    Deliver(gzip, coded);
    EXPECT_EQ(coded.body, Page());
    EXPECT_EQ(All(coded, "Content-Encoding").size(), 1u);

    Response partial = PageResponse();
    partial.status = 206;
    partial.AddHeader("Content-Range", "bytes 0-99/5000");
    Deliver(gzip, partial);
    EXPECT_EQ(partial.body, Page());

    Response huge = Response::Text(200, std::string(3000, 'a'));
    Deliver(gzip, huge, DeliveryOptions{.min_compress_bytes = 1024, .max_compress_bytes = 2048});
    EXPECT_EQ(huge.body.size(), 3000u);
    EXPECT_EQ(*FindHeader(huge, "Vary"), "Accept-Encoding");
}

TEST(DeliveryTest, HeadKeepsTheIdentityBodyForItsLength) {
    Response r = PageResponse();
    Deliver(Get({{"accept-encoding", "gzip"}}, "HEAD"), r);
    EXPECT_EQ(r.body, Page());
    EXPECT_EQ(FindHeader(r, "Content-Encoding"), nullptr);
    EXPECT_EQ(*FindHeader(r, "ETag"), BodyEtag(Page()));
    EXPECT_EQ(All(r, "Vary"), std::vector<std::string>{"Cookie, Accept-Encoding"});
}

TEST(DeliveryTest, IfNoneMatchGives304WithoutBodyKeepingVary) {
    const std::string etag = BodyEtag(Page());
    for (const std::string& inm : {etag, "\"other\", " + etag, std::string("*"), etag.substr(2)}) {
        Response r = PageResponse();
        Deliver(Get({{"accept-encoding", "gzip"}, {"if-none-match", inm}}), r);
        EXPECT_EQ(r.status, 304) << inm;
        EXPECT_TRUE(r.body.empty()) << inm;
        EXPECT_EQ(*FindHeader(r, "ETag"), etag);
        EXPECT_EQ(FindHeader(r, "Content-Encoding"), nullptr);
        EXPECT_EQ(*FindHeader(r, "Vary"), "Cookie, Accept-Encoding");
        EXPECT_EQ(*FindHeader(r, "Cache-Control"), "no-cache");
    }
    Response head = PageResponse();
    Deliver(Get({{"if-none-match", etag}}, "HEAD"), head);
    EXPECT_EQ(head.status, 304);

    Response other = PageResponse();
    Deliver(Get({{"accept-encoding", "gzip"}, {"if-none-match", "W/\"0000000000000000\""}}), other);
    EXPECT_EQ(other.status, 200);
    EXPECT_EQ(testing::Gunzip(other.body), Page());
}

TEST(DeliveryTest, OnlySuccessfulGetsGetValidators) {
    Response post = PageResponse();
    Deliver(Get({{"if-none-match", "*"}}, "POST"), post);
    EXPECT_EQ(post.status, 200);
    EXPECT_EQ(FindHeader(post, "ETag"), nullptr);

    Response missing = PageResponse();
    missing.status = 404;
    Deliver(Get({{"if-none-match", "*"}}), missing);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(FindHeader(missing, "ETag"), nullptr);

    Response personal = Response::Html(200, Page());
    personal.AddHeader("Cache-Control", "private, no-store");
    Deliver(Get({{"if-none-match", "*"}}), personal);
    EXPECT_EQ(personal.status, 200);
    EXPECT_EQ(FindHeader(personal, "ETag"), nullptr);
}

// The edition API's version ETag (a PATCH sends it back in If-Match) now answers 304 too; it
// turns weak when the body is compressed, as its bytes then differ from the identity ones.
TEST(DeliveryTest, AHandlersOwnEtagIsHonouredAndWeakenedWhenCompressed) {
    auto make = [] {
        Response r = Response::Json(200, "{\"edition\":{\"name\":\"" + std::string(2000, 'e') + "\"}}");
        r.AddHeader("Cache-Control", "private, no-store");
        r.AddHeader("ETag", "\"v42\"");
        return r;
    };
    Response plain = make();
    Deliver(Get(), plain);
    EXPECT_EQ(*FindHeader(plain, "ETag"), "\"v42\"");
    Response gz = make();
    Deliver(Get({{"accept-encoding", "gzip"}}), gz);
    EXPECT_EQ(*FindHeader(gz, "ETag"), "W/\"v42\"");
    EXPECT_EQ(*FindHeader(gz, "Content-Encoding"), "gzip");
    for (const char* inm : {"\"v42\"", "W/\"v42\""}) {
        Response again = make();
        Deliver(Get({{"accept-encoding", "gzip"}, {"if-none-match", inm}}), again);
        EXPECT_EQ(again.status, 304) << inm;
        EXPECT_TRUE(again.body.empty());
    }
}

// Shared answers are compressed once and found again by their body; personal ones never kept.
TEST(DeliveryTest, SharedAnswersAreCompressedOnceAndKept) {
    CompressionCache cache(1 << 20);
    const auto gzip = Get({{"accept-encoding", "gzip"}});
    Response first = PageResponse();
    EXPECT_TRUE(Deliver(gzip, first, {}, &cache));
    EXPECT_GT(cache.bytes(), Page().size());
    const size_t kept = cache.bytes();
    Response second = PageResponse();
    // A cache hit needs no compression: even with nothing allowed to compress here, it is done.
    EXPECT_TRUE(Deliver(gzip, second, {}, &cache, 0));
    EXPECT_EQ(second.body, first.body);
    EXPECT_EQ(*FindHeader(second, "Content-Encoding"), "gzip");
    EXPECT_EQ(cache.bytes(), kept);

    // Another body, another coding: not found, so refused here (max 0), then done on a second call.
    Response br = PageResponse();
    const auto brotli = Get({{"accept-encoding", "br"}});
    EXPECT_FALSE(Deliver(brotli, br, {}, &cache, 0));
    EXPECT_EQ(br.body, Page());
    EXPECT_EQ(FindHeader(br, "Content-Encoding"), nullptr);
    EXPECT_TRUE(Deliver(brotli, br, {}, &cache));
    EXPECT_EQ(testing::Unbrotli(br.body), Page());
    EXPECT_EQ(All(br, "ETag").size(), 1u);
    EXPECT_EQ(All(br, "Vary"), std::vector<std::string>{"Cookie, Accept-Encoding"});

    Response personal = PageResponse();
    personal.headers[0].second = "private, no-store";
    personal.body += "<p>Bonjour Camille</p>";
    const size_t before = cache.bytes();
    EXPECT_TRUE(Deliver(gzip, personal, {}, &cache));
    EXPECT_EQ(*FindHeader(personal, "Content-Encoding"), "gzip");
    EXPECT_EQ(cache.bytes(), before);
}

TEST(DeliveryTest, TheCacheKeepsWithinItsBudget) {
    CompressionCache cache(64 * 1024);
    for (int i = 0; i < 50; ++i) {
        std::string body = Page() + std::to_string(i);
        cache.Put(body, Fnv1a64(body), Coding::kGzip, *GzipCompress(body, 5));
        EXPECT_LE(cache.bytes(), 64u * 1024);
    }
    const std::string last = Page() + "49";
    EXPECT_TRUE(cache.Find(last, Fnv1a64(last), Coding::kGzip).has_value());
    const std::string oldest = Page() + "0";
    EXPECT_FALSE(cache.Find(oldest, Fnv1a64(oldest), Coding::kGzip).has_value());  // the oldest went first
    EXPECT_FALSE(cache.Find(last, Fnv1a64(last), Coding::kBrotli).has_value());
    // The same hash with other bytes (a forged collision) is not a hit.
    EXPECT_FALSE(cache.Find(oldest, Fnv1a64(last), Coding::kGzip).has_value());
    const std::string big(20000, 'x');
    cache.Put(big, Fnv1a64(big), Coding::kGzip, std::string(10, 'z'));  // > a quarter: not kept
    EXPECT_FALSE(cache.Find(big, Fnv1a64(big), Coding::kGzip).has_value());
}

}  // namespace
}  // namespace juo::http
