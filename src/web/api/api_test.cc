// API v1 tests: every endpoint, every filter and every bad parameter, through the real router
// on the seeded replica in a SQLite file.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>

#include "http/router.h"
#include "seed/test_replica.h"
#include "store/reads/catalogue_queries.h"
#include "store/editions/edition_repository.h"
#include "store/db/test_database.h"
#include "web/api/api_v1.h"
#include "web/api/site_json.h"

namespace juo::web {
namespace {

namespace json = boost::json;
namespace fs = std::filesystem;

struct Answer {
    int status;
    json::value body;
};

// A GET through `router`, as the server would route it; the answer must be JSON.
Answer GetFrom(const http::Router& router, const std::string& target) {
    http::Request req;
    req.method = "GET";
    if (!http::ParseTarget(target, &req).ok()) return {400, {}};
    auto raw_path = target.substr(0, target.find('?'));
    auto match = router.Match("GET", raw_path);
    if (match.outcome != http::RouteMatch::Outcome::kFound) return {404, {}};
    req.path_params = match.params;
    auto resp = (*match.handler)(req);
    EXPECT_EQ(resp.content_type.rfind("application/json", 0), 0u) << target;
    return {resp.status, json::parse(resp.body)};
}

class ApiTest : public ::testing::Test {
 protected:
    static void SetUpTestSuite() {
        path_ = fs::temp_directory_path() / ("juo_api_test_" + std::to_string(::getpid()) + ".db");
        auto db = seed::SeededReplicaFile(path_);
        ASSERT_TRUE(db.ok()) << db.error().message;
        auto catalogue = services::Catalogue::Load(**db);
        ASSERT_TRUE(catalogue.ok());
        catalogue_ = std::move(*catalogue).release();
        router_ = new http::Router();
        RegisterApiV1(*router_, {catalogue_, &refdata::Geocoder::Default()});
    }
    static void TearDownTestSuite() {
        delete router_;
        delete catalogue_;
        store::RemoveSqliteFiles(path_);
    }

    static Answer Get(const std::string& target) { return GetFrom(*router_, target); }
    static void ExpectBad(const std::string& target) {
        auto a = Get(target);
        EXPECT_EQ(a.status, 400) << target;
        ASSERT_TRUE(a.body.is_object()) << target;
        EXPECT_EQ(a.body.at("error").at("code").as_string(), "invalid_argument") << target;
        EXPECT_FALSE(a.body.at("error").at("message").as_string().empty()) << target;
        EXPECT_FALSE(a.body.at("error").at("message_fr").as_string().empty()) << target;
    }
    static long long FirstSiteId() { return catalogue_->Current()->sites().front().id; }

    static fs::path path_;
    static services::Catalogue* catalogue_;
    static http::Router* router_;
};
fs::path ApiTest::path_;
services::Catalogue* ApiTest::catalogue_ = nullptr;
http::Router* ApiTest::router_ = nullptr;

// A search hit starts with the same members as the site answer (the search copies them from
// SiteMembersCache, the site endpoint writes them afresh).
TEST_F(ApiTest, SearchHitsCarryTheSiteMembers) {
    auto a = Get("/api/v1/search?near=Lyon&radius=30");
    ASSERT_EQ(a.status, 200);
    const auto& hit = a.body.at("results").at(0).as_object();
    auto site = Get("/api/v1/sites/" + std::to_string(hit.at("id").as_int64()));
    ASSERT_EQ(site.status, 200);
    for (const char* key : {"id", "name", "sector", "sector_name_fr", "naf_code", "commune", "postcode",
                            "department", "region", "lat", "lon", "wheelchair_access"})
        EXPECT_EQ(hit.at(key), site.body.at(key)) << key;
}

// The cache writes the members once per index, and again for a new index.
TEST_F(ApiTest, SiteMembersCacheFollowsTheIndex) {
    SiteMembersCache cache;
    auto index = catalogue_->Current();
    auto first = cache.For(index);
    ASSERT_EQ(first->size(), index->sites().size());
    EXPECT_EQ(cache.For(index), first);  // same index: same texts
    JsonWriter w;
    WriteSiteMembers(w, index->sites().front());
    EXPECT_EQ(first->front(), w.Take());

    auto db = store::Database::Open(path_.string(), store::OpenMode::kMustExist);
    ASSERT_TRUE(db.ok());
    auto snapshot = store::LoadCatalogue(**db, index->edition().year);
    ASSERT_TRUE(snapshot.ok());
    auto rebuilt = std::make_shared<const services::CatalogueIndex>(std::move(*snapshot));
    auto second = cache.For(rebuilt);
    EXPECT_NE(second, first);  // another index: written again
    EXPECT_EQ(*second, *first);
}

TEST_F(ApiTest, Editions) {
    auto a = Get("/api/v1/editions");
    ASSERT_EQ(a.status, 200);
    ASSERT_EQ(a.body.at("editions").as_array().size(), 1u);  // the replica holds one edition
    const auto& e = a.body.at("editions").at(0);
    EXPECT_EQ(e.at("year").as_int64(), 2025);
    EXPECT_TRUE(e.at("current").as_bool());
    EXPECT_EQ(e.at("open_sites").as_int64(), 227);
    EXPECT_EQ(e.at("days").at(0).at("events").as_int64(), 214);
    EXPECT_EQ(e.at("days").at(1).at("events").as_int64(), 76);
    EXPECT_EQ(Get("/api/v1/editions/2025").status, 200);
    EXPECT_EQ(Get("/api/v1/editions/2030").status, 404);
    ExpectBad("/api/v1/editions/abc");
}

// With several stored editions, the newest is the current one (with counts) and the others are
// listed after it, newest first, each readable by its year.
TEST(ApiEditions, ListsEveryStoredEditionNewestFirst) {
    auto path = fs::temp_directory_path() / ("juo_api_editions_" + std::to_string(::getpid()) + ".db");
    store::RemoveSqliteFiles(path);
    {
        auto db = store::Database::Open(path.string(), store::OpenMode::kCreateIfMissing);
        ASSERT_TRUE(db.ok());
        for (int year : {2026, 2025, 2027}) {
            domain::Edition e;
            e.year = year;
            e.name = "édition " + std::to_string(year);
            e.created_at = "2025-01-01T00:00:00Z";
            e.days = {{0, std::to_string(year) + "-04-03", {domain::Audience::kSchool}},
                      {0, std::to_string(year) + "-04-04", {domain::Audience::kPublic}}};
            ASSERT_TRUE(store::InsertEdition(**db, e).ok());
        }
        auto catalogue = services::Catalogue::Load(**db);
        ASSERT_TRUE(catalogue.ok());
        http::Router router;
        RegisterApiV1(router, {catalogue->get(), &refdata::Geocoder::Default()});
        auto [status, body] = GetFrom(router, "/api/v1/editions");
        ASSERT_EQ(status, 200);
        const auto& list = body.at("editions").as_array();
        ASSERT_EQ(list.size(), 3u);
        EXPECT_EQ(list[0].at("year").as_int64(), 2027);
        EXPECT_TRUE(list[0].at("current").as_bool());
        EXPECT_EQ(list[0].at("open_sites").as_int64(), 0);
        EXPECT_EQ(list[1].at("year").as_int64(), 2026);
        EXPECT_EQ(list[2].at("year").as_int64(), 2025);
        EXPECT_FALSE(list[2].at("current").as_bool());
        EXPECT_FALSE(list[2].as_object().contains("open_sites"));
        EXPECT_EQ(list[2].at("days").at(1).at("date").as_string(), "2025-04-04");
        auto [past_status, past] = GetFrom(router, "/api/v1/editions/2025");
        EXPECT_EQ(past_status, 200);
        EXPECT_EQ(past.at("name").as_string(), "édition 2025");
        EXPECT_EQ(past.at("status").as_string(), "draft");
        EXPECT_EQ(GetFrom(router, "/api/v1/editions/2028").status, 404);
    }
    store::RemoveSqliteFiles(path);
}

TEST_F(ApiTest, SitesListAndPages) {
    auto a = Get("/api/v1/sites");
    ASSERT_EQ(a.status, 200);
    EXPECT_EQ(a.body.at("total").as_int64(), 227);
    EXPECT_EQ(a.body.at("results").as_array().size(), 20u);
    auto p = Get("/api/v1/sites?page=12&per_page=20");
    EXPECT_EQ(p.body.at("results").as_array().size(), 7u);  // 227 = 11 × 20 + 7
    EXPECT_EQ(p.body.at("pages").as_int64(), 12);
    EXPECT_TRUE(Get("/api/v1/sites?page=13").body.at("results").as_array().empty());
}

TEST_F(ApiTest, SiteSessionsAndSessionById) {
    long long id = FirstSiteId();
    auto a = Get("/api/v1/sites/" + std::to_string(id));
    ASSERT_EQ(a.status, 200);
    EXPECT_EQ(a.body.at("id").as_int64(), id);
    const auto& tours = a.body.at("sessions").as_array();
    ASSERT_FALSE(tours.empty());
    EXPECT_FALSE(a.body.at("safety_rules").as_string().empty());
    auto s = Get("/api/v1/sites/" + std::to_string(id) + "/sessions");
    EXPECT_EQ(s.body.at("sessions").as_array().size(), tours.size());
    long long session = tours.at(0).at("id").as_int64();
    auto one = Get("/api/v1/sessions/" + std::to_string(session));
    ASSERT_EQ(one.status, 200);
    EXPECT_EQ(one.body.at("site_id").as_int64(), id);
    EXPECT_GE(one.body.at("places_left").as_int64(), 0);
    EXPECT_EQ(Get("/api/v1/sites/999999").status, 404);
    EXPECT_EQ(Get("/api/v1/sites/999999/sessions").status, 404);
    EXPECT_EQ(Get("/api/v1/sessions/999999").status, 404);
    for (const char* bad : {"abc", "-1", "0", "1.5", "99999999999999999999", "12abc"}) {
        ExpectBad(std::string("/api/v1/sites/") + bad);
        ExpectBad(std::string("/api/v1/sessions/") + bad);
    }
}

TEST_F(ApiTest, SearchAroundATownForSaturday) {
    auto a = Get("/api/v1/search?near=Lyon&radius=30&day=saturday");
    ASSERT_EQ(a.status, 200);
    EXPECT_EQ(a.body.at("near").as_string(), "Lyon (69)");
    double last = -1;
    for (const auto& h : a.body.at("results").as_array()) {
        double d = h.at("distance_km").as_double();
        EXPECT_LE(d, 30.0);
        EXPECT_GE(d, last);  // nearest first
        last = d;
        EXPECT_GE(h.at("matching_sessions").as_int64(), 1);
        // Every result has a Saturday tour.
        auto tours = Get("/api/v1/sites/" + std::to_string(h.at("id").as_int64()) + "/sessions");
        bool saturday = false;
        for (const auto& t : tours.body.at("sessions").as_array())
            saturday |= t.at("day").as_string() == "2025-04-05";
        EXPECT_TRUE(saturday);
    }
    // The same centre by postcode and by coordinates.
    auto by_postcode = Get("/api/v1/search?near=69001&radius=30&day=saturday");
    EXPECT_EQ(by_postcode.body.at("total"), a.body.at("total"));
    auto by_coordinates = Get("/api/v1/search?lat=45.758&lon=4.835&radius=30&day=saturday");
    EXPECT_EQ(by_coordinates.status, 200);
    auto wider = Get("/api/v1/search?near=Lyon&radius=200");
    EXPECT_GT(wider.body.at("total").as_int64(), a.body.at("total").as_int64());
    auto accents = Get("/api/v1/search?near=saint-%C3%89tienne&radius=50");
    EXPECT_EQ(accents.status, 200);
    EXPECT_EQ(accents.body.at("near").as_string(), "Saint-Étienne (42)");
}

TEST_F(ApiTest, SearchFilters) {
    auto sector = Get("/api/v1/search?sector=30&per_page=100");
    ASSERT_EQ(sector.status, 200);
    EXPECT_GT(sector.body.at("total").as_int64(), 0);
    for (const auto& h : sector.body.at("results").as_array()) EXPECT_EQ(h.at("sector").as_string(), "30");
    auto wheelchair = Get("/api/v1/search?wheelchair=1&per_page=100");
    EXPECT_LT(wheelchair.body.at("total").as_int64(), 227);
    for (const auto& h : wheelchair.body.at("results").as_array())
        EXPECT_TRUE(h.at("wheelchair_access").as_bool());
    // The five kinds of the nomenclature: every site listed welcomes every kind asked for.
    auto kinds = Get("/api/v1/search?accessibility=motor,visual&per_page=100");
    ASSERT_EQ(kinds.status, 200);
    EXPECT_GT(kinds.body.at("total").as_int64(), 0);
    EXPECT_LT(kinds.body.at("total").as_int64(), wheelchair.body.at("total").as_int64());
    for (const auto& h : kinds.body.at("results").as_array()) {
        std::vector<std::string> listed;
        for (const auto& k : h.at("accessibility").as_array()) listed.emplace_back(k.as_string());
        EXPECT_NE(std::find(listed.begin(), listed.end(), "motor"), listed.end());
        EXPECT_NE(std::find(listed.begin(), listed.end(), "visual"), listed.end());
        EXPECT_TRUE(h.at("wheelchair_access").as_bool());
    }
    // Repeated parameters (a form's checkboxes) mean the same as the list; /api/v1/sites too.
    auto repeated = Get("/api/v1/sites?accessibility=visual&accessibility=motor&per_page=100");
    EXPECT_EQ(repeated.body.at("total").as_int64(), kinds.body.at("total").as_int64());
    auto psychic = Get("/api/v1/search?accessibility=psychic");
    EXPECT_GT(psychic.body.at("total").as_int64(), 0);
    EXPECT_LT(psychic.body.at("total").as_int64(), 227);
    auto bad = Get("/api/v1/search?accessibility=motor,flying");
    EXPECT_EQ(bad.status, 400);
    auto schools = Get("/api/v1/search?audience=school&available=1&per_page=100");
    EXPECT_GT(schools.body.at("total").as_int64(), 0);
    EXPECT_LT(schools.body.at("total").as_int64(), 214);  // some Friday tours are full
    auto friday = Get("/api/v1/search?day=vendredi");
    EXPECT_EQ(friday.body.at("total").as_int64(), 214);
    auto saturday = Get("/api/v1/search?day=2025-04-05");
    EXPECT_EQ(saturday.body.at("total").as_int64(), 76);
    auto jobs = Get("/api/v1/search?audience=job_seekers");
    EXPECT_GT(jobs.body.at("total").as_int64(), 0);
    auto pub = Get("/api/v1/search?audience=public");
    EXPECT_EQ(pub.body.at("total").as_int64(), 76);
    auto unknown_param = Get("/api/v1/search?lang=en&foo=bar");
    EXPECT_EQ(unknown_param.body.at("total").as_int64(), 227);
}

TEST_F(ApiTest, EveryBadParameterIsA400) {
    const std::string long_text(101, 'a');
    for (const std::string& q : std::vector<std::string>{
             "radius=0",        "radius=500",      "radius=abc",        "radius=1e999",     "radius=nan",
             "sector=99",       "sector=abc",      "sector=01",         "audience=kids",    "day=sunday",
             "day=2025-04-06",  "near=Xyzzyville", "near=" + long_text, "page=0",           "page=abc",
             "page=-1",         "per_page=1000",   "per_page=0",        "wheelchair=maybe", "available=2",
             "lat=45",          "lon=4",           "lat=91&lon=4",      "lat=abc&lon=4",    "lat=45&lon=181",
             "accessibility=flying", "foo=" + long_text}) {
        ExpectBad("/api/v1/search?" + q);
    }
    ExpectBad("/api/v1/sites?per_page=101");
}

TEST_F(ApiTest, SectorsCommunesAndMap) {
    auto s = Get("/api/v1/sectors");
    ASSERT_EQ(s.status, 200);
    bool pharma = false;
    long long open = 0;
    for (const auto& x : s.body.at("sectors").as_array()) {
        if (x.at("code").as_string() == "21") pharma = x.at("name_fr").as_string() == "Pharmacie";
        open += x.at("open_sites").as_int64();
    }
    EXPECT_TRUE(pharma);
    EXPECT_EQ(open, 227);
    auto c = Get("/api/v1/communes?q=lyo&limit=5");
    ASSERT_EQ(c.status, 200);
    EXPECT_EQ(c.body.at("communes").at(0).at("name").as_string(), "Lyon");
    EXPECT_LE(c.body.at("communes").as_array().size(), 5u);
    ExpectBad("/api/v1/communes");
    ExpectBad("/api/v1/communes?q=");
    ExpectBad("/api/v1/communes?q=lyo&limit=50");
    ExpectBad("/api/v1/communes?q=lyo&limit=x");
    ExpectBad("/api/v1/communes?q=" + std::string(101, 'a'));
    auto m = Get("/api/v1/map");
    ASSERT_EQ(m.status, 200);
    EXPECT_EQ(m.body.at("sites").as_array().size(), 227u);
    EXPECT_EQ(m.body.at("sites").at(0).as_array().size(), 5u);
}

}  // namespace
}  // namespace juo::web
