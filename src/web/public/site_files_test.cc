// Tests of robots.txt, sitemap.xml, the web manifest and the favicon through the router, on the
// seeded replica in a SQLite file: status and content type of each, the sitemap checked by
// xmllint (Debian's libxml2-utils; a structural check when it is missing) and against the
// catalogue's open factories, robots.txt read as a crawler would (RFC 9309's longest match).
#include "web/public/site_files.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <optional>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "http/router.h"
#include "seed/test_replica.h"
#include "store/db/test_database.h"
#include "web/templates.h"

namespace juo::web {
namespace {

namespace fs = std::filesystem;

constexpr const char* kPublicUrl = "https://usines-ouvertes.example.fr";

class SiteFilesTest : public ::testing::Test {
 protected:
    static void SetUpTestSuite() {
        path_ = fs::temp_directory_path() / ("juo_site_files_test_" + std::to_string(::getpid()) + ".db");
        auto db = seed::SeededReplicaFile(path_);
        ASSERT_TRUE(db.ok()) << db.error().message;
        auto catalogue = services::Catalogue::Load(**db);
        ASSERT_TRUE(catalogue.ok());
        catalogue_ = std::move(*catalogue).release();
        router_ = new http::Router();
        RegisterSiteFiles(*router_, {catalogue_, std::string(kPublicUrl) + "/"});  // the '/' is dropped
    }
    static void TearDownTestSuite() {
        delete router_;
        delete catalogue_;
        store::RemoveSqliteFiles(path_);
    }

    static http::Response Get(const http::Router& router, const std::string& path) {
        http::Request req;
        req.method = "GET";
        EXPECT_TRUE(http::ParseTarget(path, &req).ok()) << path;
        auto match = router.Match("GET", path);
        if (match.outcome != http::RouteMatch::Outcome::kFound) {
            ADD_FAILURE() << path << " is not routed";
            return http::Response::Text(404, "");
        }
        req.path_params = match.params;
        return (*match.handler)(req);
    }
    static http::Response Get(const std::string& path) { return Get(*router_, path); }

    static std::string HeaderOf(const http::Response& r, const std::string& name) {
        for (const auto& [k, v] : r.headers)
            if (k == name) return v;
        return "";
    }

    static fs::path path_;
    static services::Catalogue* catalogue_;
    static http::Router* router_;
};
fs::path SiteFilesTest::path_;
services::Catalogue* SiteFilesTest::catalogue_ = nullptr;
http::Router* SiteFilesTest::router_ = nullptr;

// The <loc> values of a sitemap, entities decoded.
std::vector<std::string> Locs(const std::string& xml) {
    std::vector<std::string> out;
    std::regex loc("<loc>([^<]*)</loc>");
    for (auto it = std::sregex_iterator(xml.begin(), xml.end(), loc); it != std::sregex_iterator(); ++it) {
        std::string v = (*it)[1];
        for (auto [entity, c] : {std::pair{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""},
                                 {"&apos;", "'"}})
            for (size_t at = v.find(entity); at != std::string::npos; at = v.find(entity, at + 1))
                v.replace(at, std::string(entity).size(), c);
        out.push_back(v);
    }
    return out;
}

// xmllint's verdict on `xml` ("" when well-formed), or nullopt when xmllint is not installed.
std::optional<std::string> Xmllint(const std::string& xml) {
    const char* candidates[] = {"/usr/bin/xmllint", "/usr/local/bin/xmllint"};
    std::string program;
    for (const char* c : candidates)
        if (::access(c, X_OK) == 0) program = c;
    if (program.empty()) return std::nullopt;
    fs::path file = fs::temp_directory_path() / ("juo_sitemap_" + std::to_string(::getpid()) + ".xml");
    fs::path log = file;
    log += ".log";
    std::ofstream(file, std::ios::binary) << xml;
    int status = std::system((program + " --noout " + file.string() + " >" + log.string() + " 2>&1").c_str());
    std::stringstream out;
    out << std::ifstream(log).rdbuf();
    fs::remove(file);
    fs::remove(log);
    std::string said = out.str().substr(0, 600);  // the first errors say enough
    if (status != 0) return "xmllint exit " + std::to_string(status) + ": " + said;
    return said;
}

// Whether a crawler obeying `robots` (its "User-agent: *" group, the only one here) may fetch
// `path`: the longest matching Allow or Disallow rule wins, Allow on a tie (RFC 9309 §2.2.2).
bool MayCrawl(const std::string& robots, const std::string& path) {
    std::istringstream in(robots);
    size_t best = 0;
    bool allowed = true;
    for (std::string line; std::getline(in, line);) {
        for (auto [prefix, allow] : {std::pair{"Allow: ", true}, {"Disallow: ", false}}) {
            std::string p = prefix;
            if (line.rfind(p, 0) != 0) continue;
            std::string rule = line.substr(p.size());
            if (rule.empty() || path.rfind(rule, 0) != 0) continue;
            if (rule.size() > best || (rule.size() == best && allow)) {
                best = rule.size();
                allowed = allow;
            }
        }
    }
    return allowed;
}

TEST_F(SiteFilesTest, RobotsNamesTheSitemapAndKeepsCrawlersOutOfPrivateSpaces) {
    auto r = Get("/robots.txt");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "text/plain; charset=utf-8");
    EXPECT_NE(r.body.find("User-agent: *\n"), std::string::npos) << r.body;
    EXPECT_NE(r.body.find("\nSitemap: https://usines-ouvertes.example.fr/sitemap.xml\n"), std::string::npos)
        << r.body;
    for (const char* path : {"/compte", "/compte/connexion", "/usine", "/usine/12/visites", "/organisation/journal",
                             "/accueil/pointage", "/api/v1/sites", "/demo/courriels"})
        EXPECT_FALSE(MayCrawl(r.body, path)) << path << "\n" << r.body;
    // "/usine" (the host space) is a prefix of the public factory pages: they stay crawlable.
    for (const char* path : {"/", "/recherche", "/usines/12", "/a-propos", "/bilan", "/presse", "/sitemap.xml"})
        EXPECT_TRUE(MayCrawl(r.body, path)) << path << "\n" << r.body;
}

TEST_F(SiteFilesTest, SitemapIsValidXmlListingThePublicPagesAndEveryOpenFactory) {
    auto r = Get("/sitemap.xml");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "application/xml; charset=utf-8");
    EXPECT_EQ(r.body.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", 0), 0u);
    EXPECT_NE(r.body.find("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"), std::string::npos);
    if (auto lint = Xmllint(r.body)) {
        EXPECT_EQ(*lint, "");
    } else {
        // No xmllint: every <url> holds one <loc>, and the document closes what it opens.
        EXPECT_EQ(r.body.substr(r.body.size() - 10), "</urlset>\n");
        std::regex url_line("  <url><loc>[^<>&]*(&amp;[^<>&]*)*</loc></url>");
        std::istringstream lines(r.body);
        std::string line;
        std::getline(lines, line);
        std::getline(lines, line);
        while (std::getline(lines, line) && line != "</urlset>") EXPECT_TRUE(std::regex_match(line, url_line)) << line;
    }

    auto locs = Locs(r.body);
    std::set<std::string> set(locs.begin(), locs.end());
    EXPECT_EQ(set.size(), locs.size()) << "an address listed twice";
    for (const char* page : {"/", "/recherche", "/a-propos", "/bilan", "/presse"})
        EXPECT_TRUE(set.count(std::string(kPublicUrl) + page)) << page;
    auto index = catalogue_->Current();
    ASSERT_FALSE(index->sites().empty());
    size_t factories = 0;
    for (const auto& l : locs) factories += l.rfind(std::string(kPublicUrl) + "/usines/", 0) == 0;
    EXPECT_EQ(factories, index->sites().size());  // the catalogue holds the open factories only
    for (const auto& site : index->sites())
        EXPECT_TRUE(set.count(std::string(kPublicUrl) + "/usines/" + std::to_string(site.id))) << site.id;
}

TEST_F(SiteFilesTest, SitemapEscapesThePublicUrl) {
    http::Router router;
    RegisterSiteFiles(router, {catalogue_, "https://juo.example/a&b<c>"});
    auto r = Get(router, "/sitemap.xml");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("<loc>https://juo.example/a&amp;b&lt;c&gt;/recherche</loc>"), std::string::npos);
    EXPECT_EQ(r.body.find("a&b"), std::string::npos);
    if (auto lint = Xmllint(r.body)) {
        EXPECT_EQ(*lint, "");
    }
}

TEST_F(SiteFilesTest, ManifestNamesTheSiteItsIconsAndColours) {
    auto r = Get("/manifest.webmanifest");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "application/manifest+json");
    boost::system::error_code ec;
    auto doc = boost::json::parse(r.body, ec);
    ASSERT_FALSE(ec) << r.body;
    const auto& m = doc.as_object();
    EXPECT_EQ(m.at("name").as_string(), "Journées Usines Ouvertes");
    EXPECT_EQ(m.at("short_name").as_string(), "JUO");
    EXPECT_EQ(m.at("start_url").as_string(), "/");
    EXPECT_EQ(m.at("display").as_string(), "standalone");
    EXPECT_TRUE(std::regex_match(std::string(m.at("theme_color").as_string()), std::regex("#[0-9a-f]{6}")));
    const auto& icons = m.at("icons").as_array();
    std::set<std::string> sizes;
    for (const auto& icon : icons) {
        std::string src(icon.at("src").as_string());
        sizes.insert(std::string(icon.at("sizes").as_string()));
        ASSERT_EQ(src.rfind("/static/", 0), 0u) << src;
        // Served by the static files from the build's copy of web/static.
        EXPECT_TRUE(fs::is_regular_file(fs::path(JUO_DEFAULT_STATIC_DIR) / src.substr(8))) << src;
    }
    EXPECT_TRUE(sizes.count("192x192") && sizes.count("512x512"));  // what browsers ask to install
}

TEST_F(SiteFilesTest, FaviconIsAnIcoOfPngImages) {
    auto r = Get("/favicon.ico");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "image/x-icon");
    ASSERT_GT(r.body.size(), 6u + 16u + 8u);
    const auto* b = reinterpret_cast<const unsigned char*>(r.body.data());
    EXPECT_EQ(std::string(r.body, 0, 4), std::string("\0\0\1\0", 4));  // ICONDIR: reserved, type 1 (icon)
    const unsigned count = b[4] | (b[5] << 8);
    ASSERT_GE(count, 1u);
    for (unsigned i = 0; i < count; ++i) {
        const unsigned char* e = b + 6 + 16 * i;
        const size_t size = e[8] | (e[9] << 8) | (e[10] << 16) | (size_t(e[11]) << 24);
        const size_t offset = e[12] | (e[13] << 8) | (e[14] << 16) | (size_t(e[15]) << 24);
        ASSERT_LE(offset + size, r.body.size()) << "image " << i;
        EXPECT_EQ(r.body.substr(offset, 8), "\x89PNG\r\n\x1a\n") << "image " << i;
    }
    EXPECT_NE(HeaderOf(r, "Cache-Control").find("max-age="), std::string::npos);
}

TEST_F(SiteFilesTest, TheLayoutLinksTheManifestAndTheIcons) {
    std::string layout(templates::k_layout);
    EXPECT_NE(layout.find("<link rel=\"manifest\" href=\"/manifest.webmanifest\">"), std::string::npos);
    EXPECT_NE(layout.find("<link rel=\"icon\" href=\"/favicon.ico\""), std::string::npos);
    EXPECT_NE(layout.find("<link rel=\"icon\" href=\"/static/img/favicon.svg\""), std::string::npos);
}

TEST_F(SiteFilesTest, BadContextsAreStartUpErrors) {
    http::Router router;
    EXPECT_THROW(RegisterSiteFiles(router, {nullptr, kPublicUrl}), std::invalid_argument);
    EXPECT_THROW(RegisterSiteFiles(router, {catalogue_, "usines-ouvertes.example.fr"}), std::invalid_argument);
    RegisterSiteFiles(router, {catalogue_, kPublicUrl});
    EXPECT_THROW(RegisterSiteFiles(router, {catalogue_, kPublicUrl}), std::invalid_argument);  // taken twice
}

}  // namespace
}  // namespace juo::web
