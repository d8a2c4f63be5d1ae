#include "http/static_files.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <thread>

#include "http/decode_for_tests.h"
#include "http/http_date.h"

namespace juo::http {
namespace {

namespace fs = std::filesystem;

void WriteFile(const fs::path& path, const std::string& content) {
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << content;
}

// A fresh directory tree: root/{site.css, vendor/lib.js, sub/}, and secret.txt beside root.
class StaticFilesTest : public ::testing::Test {
 protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("juo_static_" + std::to_string(std::random_device()()));
        root_ = dir_ / "static";
        WriteFile(root_ / "site.css", "body{color:red}");
        WriteFile(root_ / "vendor" / "lib.js", "let x=1;");
        WriteFile(root_ / ".hidden", "no");
        fs::create_directories(root_ / "sub");
        WriteFile(dir_ / "secret.txt", "secret");
        fs::create_symlink(dir_ / "secret.txt", root_ / "link.txt");
    }
    void TearDown() override { fs::remove_all(dir_); }

    fs::path dir_;
    fs::path root_;
};

TEST_F(StaticFilesTest, ServesWithTypeEtagAndCacheControl) {
    StaticFiles files(root_);
    auto css = files.Serve("site.css", "");
    ASSERT_TRUE(css.ok());
    EXPECT_EQ(css->status, 200);
    EXPECT_EQ(css->body, "body{color:red}");
    EXPECT_EQ(css->content_type, "text/css; charset=utf-8");
    ASSERT_EQ(css->headers.size(), 3u);  // small: no coded forms, no Vary
    EXPECT_EQ(css->headers[0].first, "ETag");
    const std::string etag = css->headers[0].second;
    EXPECT_EQ(etag.front(), '"');
    EXPECT_EQ(css->headers[1].second, "public, max-age=3600");
    EXPECT_EQ(css->headers[2].first, "Last-Modified");
    EXPECT_EQ(css->headers[2].second.size(), 29u);  // an IMF-fixdate

    auto again = files.Serve("site.css", etag);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->status, 304);
    EXPECT_TRUE(again->body.empty());
    EXPECT_EQ(files.Serve("site.css", "\"other\", W/" + etag)->status, 304);
    EXPECT_EQ(files.Serve("site.css", "\"other\"")->status, 200);

    auto js = files.Serve("vendor/lib.js", "");
    ASSERT_TRUE(js.ok());
    EXPECT_EQ(js->content_type, "text/javascript; charset=utf-8");
    EXPECT_EQ(js->headers[1].second, "public, max-age=31536000, immutable");
}

// Issue 19: a service worker may control pages outside its folder and is revalidated each time.
TEST_F(StaticFilesTest, AServiceWorkerMayControlThePagesItIsRegisteredFor) {
    WriteFile(root_ / "js" / "checkin-sw.js", "self.addEventListener('fetch', () => {});");
    StaticFiles files(root_);
    auto sw = files.Serve("js/checkin-sw.js", "");
    ASSERT_TRUE(sw.ok());
    EXPECT_EQ(sw->content_type, "text/javascript; charset=utf-8");
    auto header = [&](const char* name) {
        for (const auto& [key, value] : sw->headers)
            if (key == name) return value;
        return std::string();
    };
    EXPECT_EQ(header("Service-Worker-Allowed"), "/");
    EXPECT_EQ(header("Cache-Control"), "no-cache");
    auto plain = files.Serve("vendor/lib.js", "");
    ASSERT_TRUE(plain.ok());
    for (const auto& [key, value] : plain->headers) EXPECT_NE(key, "Service-Worker-Allowed");
}

TEST_F(StaticFilesTest, RereadsAChangedFile) {
    StaticFiles files(root_);
    const std::string first = files.Serve("site.css", "")->headers[0].second;
    WriteFile(root_ / "site.css", "body{color:blue;margin:0}");
    auto changed = files.Serve("site.css", first);
    ASSERT_TRUE(changed.ok());
    EXPECT_EQ(changed->status, 200);
    EXPECT_EQ(changed->body, "body{color:blue;margin:0}");
    EXPECT_NE(changed->headers[0].second, first);
}

TEST_F(StaticFilesTest, RefusesTraversalDirectoriesAndHiddenFiles) {
    StaticFiles files(root_);
    for (std::string_view path : {"", "../secret.txt", "sub/../../secret.txt", "./site.css", "sub", "sub/",
                                  ".hidden", "link.txt", "missing.css", "a//b", "vendor\\lib.js"}) {
        auto served = files.Serve(path, "");
        ASSERT_FALSE(served.ok()) << path;
        EXPECT_EQ(served.error().code, ErrorCode::kNotFound) << path;
    }
    EXPECT_FALSE(files.Serve(std::string_view("site.css\0x", 10), "").ok());
    StaticFiles absent(dir_ / "absent");
    EXPECT_FALSE(absent.Serve("site.css", "").ok());
}

TEST_F(StaticFilesTest, ConcurrentServesAgree) {
    StaticFiles files(root_);
    std::vector<std::thread> threads;
    std::atomic<int> good{0};
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            for (int i = 0; i < 50; ++i) {
                auto r = files.Serve("site.css", "");
                if (r.ok() && r->body == "body{color:red}") ++good;
            }
        });
    }
    for (auto& thread : threads) thread.join();
    EXPECT_EQ(good.load(), 200);
}

std::string Header(const Response& r, std::string_view name) {
    const std::string* value = FindHeader(r, name);
    return value ? *value : std::string();
}

Request GetWith(std::vector<std::pair<std::string, std::string>> headers, std::string method = "GET") {
    Request r;
    r.method = std::move(method);
    for (auto& [name, value] : headers) r.headers[name] = value;
    return r;
}

// leaflet.js and the stylesheets are compressed once, when read: each coding has its own strong
// ETag, any of which revalidates.
TEST_F(StaticFilesTest, TextFilesAreServedCompressedAsTheRequestPrefers) {
    std::string script;
    for (int i = 0; i < 300; ++i) script += "function f" + std::to_string(i) + "(a){return a*" + std::to_string(i) + ";}\n";
    WriteFile(root_ / "vendor" / "big.js", script);
    StaticFiles files(root_);

    auto identity = files.Serve("vendor/big.js", GetWith({}));
    ASSERT_TRUE(identity.ok());
    EXPECT_EQ(identity->body, script);
    EXPECT_EQ(Header(*identity, "Content-Encoding"), "");
    EXPECT_EQ(Header(*identity, "Vary"), "Accept-Encoding");
    const std::string etag = Header(*identity, "ETag");

    auto gz = files.Serve("vendor/big.js", GetWith({{"accept-encoding", "gzip"}}));
    ASSERT_TRUE(gz.ok());
    EXPECT_EQ(Header(*gz, "Content-Encoding"), "gzip");
    EXPECT_EQ(Header(*gz, "Vary"), "Accept-Encoding");
    EXPECT_EQ(testing::Gunzip(gz->body), script);
    const std::string gz_etag = Header(*gz, "ETag");
    EXPECT_EQ(gz_etag, etag.substr(0, etag.size() - 1) + "-gz\"");

    auto br = files.Serve("vendor/big.js", GetWith({{"accept-encoding", "gzip, deflate, br"}}));
    ASSERT_TRUE(br.ok());
    EXPECT_EQ(Header(*br, "Content-Encoding"), "br");
    EXPECT_EQ(testing::Unbrotli(br->body), script);
    EXPECT_LT(br->body.size(), gz->body.size());
    const std::string br_etag = Header(*br, "ETag");
    EXPECT_NE(br_etag, gz_etag);

    // HEAD: the same headers, the coded length.
    auto head = files.Serve("vendor/big.js", GetWith({{"accept-encoding", "gzip"}}, "HEAD"));
    EXPECT_EQ(Header(*head, "Content-Encoding"), "gzip");
    EXPECT_EQ(head->body.size(), gz->body.size());

    for (const std::string& tag : {etag, gz_etag, br_etag, "W/" + gz_etag}) {
        auto cached = files.Serve("vendor/big.js", GetWith({{"accept-encoding", "gzip"}, {"if-none-match", tag}}));
        EXPECT_EQ(cached->status, 304) << tag;
        EXPECT_TRUE(cached->body.empty());
        EXPECT_EQ(Header(*cached, "ETag"), gz_etag);
        EXPECT_EQ(Header(*cached, "Vary"), "Accept-Encoding");
    }
    EXPECT_EQ(files.Serve("vendor/big.js", GetWith({{"if-none-match", "\"x-gz\""}}))->status, 200);

    // Already-compressed types are never coded again.
    WriteFile(root_ / "photo.png", std::string(4000, 'p'));
    auto png = files.Serve("photo.png", GetWith({{"accept-encoding", "gzip, br"}}));
    EXPECT_EQ(Header(*png, "Content-Encoding"), "");
    EXPECT_EQ(Header(*png, "Vary"), "");
    EXPECT_EQ(png->body.size(), 4000u);
}

TEST_F(StaticFilesTest, IfModifiedSinceGives304UnlessTheFileIsNewer) {
    const auto when = fs::file_time_type::clock::now() - std::chrono::hours(48);
    fs::last_write_time(root_ / "site.css", when);
    StaticFiles files(root_);
    auto first = files.Serve("site.css", GetWith({}));
    const std::string last_modified = Header(*first, "Last-Modified");
    auto parsed = ParseHttpDate(last_modified);
    ASSERT_TRUE(parsed.has_value()) << last_modified;
    EXPECT_EQ(*parsed, std::chrono::floor<std::chrono::seconds>(std::chrono::file_clock::to_sys(when)));

    EXPECT_EQ(files.Serve("site.css", GetWith({{"if-modified-since", last_modified}}))->status, 304);
    EXPECT_EQ(files.Serve("site.css", GetWith({{"if-modified-since", FormatHttpDate(*parsed + std::chrono::hours(1))}}))
                  ->status,
              304);
    EXPECT_EQ(files.Serve("site.css", GetWith({{"if-modified-since", FormatHttpDate(*parsed - std::chrono::seconds(1))}}))
                  ->status,
              200);
    EXPECT_EQ(files.Serve("site.css", GetWith({{"if-modified-since", "not a date"}}))->status, 200);
    // If-None-Match wins over If-Modified-Since (RFC 9110 §13.1.3).
    EXPECT_EQ(files.Serve("site.css", GetWith({{"if-modified-since", last_modified}, {"if-none-match", "\"other\""}}))
                  ->status,
              200);
}

TEST(StaticFilesTypesTest, ContentTypes) {
    EXPECT_EQ(StaticFiles::ContentTypeFor("a.css"), "text/css; charset=utf-8");
    EXPECT_EQ(StaticFiles::ContentTypeFor("a/b.JS"), "text/javascript; charset=utf-8");
    EXPECT_EQ(StaticFiles::ContentTypeFor("x.png"), "image/png");
    EXPECT_EQ(StaticFiles::ContentTypeFor("x.svg"), "image/svg+xml");
    EXPECT_EQ(StaticFiles::ContentTypeFor("favicon.ico"), "image/x-icon");
    EXPECT_EQ(StaticFiles::ContentTypeFor("f.woff2"), "font/woff2");
    EXPECT_EQ(StaticFiles::ContentTypeFor("d.json"), "application/json");
    EXPECT_EQ(StaticFiles::ContentTypeFor("d.js.map"), "application/json");
    EXPECT_EQ(StaticFiles::ContentTypeFor("r.txt"), "text/plain; charset=utf-8");
    EXPECT_EQ(StaticFiles::ContentTypeFor("p.html"), "text/html; charset=utf-8");
    EXPECT_EQ(StaticFiles::ContentTypeFor("site.webmanifest"), "application/manifest+json");
    EXPECT_EQ(StaticFiles::ContentTypeFor("noext"), "application/octet-stream");
    EXPECT_EQ(StaticFiles::ContentTypeFor("dir.css/file"), "application/octet-stream");
}

TEST(StaticFilesTypesTest, EtagMatching) {
    EXPECT_TRUE(StaticFiles::EtagMatches("\"a\"", "\"a\""));
    EXPECT_TRUE(StaticFiles::EtagMatches(" \"b\" , \"a\"", "\"a\""));
    EXPECT_TRUE(StaticFiles::EtagMatches("W/\"a\"", "\"a\""));
    EXPECT_TRUE(StaticFiles::EtagMatches("*", "\"a\""));
    EXPECT_FALSE(StaticFiles::EtagMatches("\"b\"", "\"a\""));
    EXPECT_FALSE(StaticFiles::EtagMatches("", "\"a\""));
}

}  // namespace
}  // namespace juo::http
