// Tests of the bilan dashboard, its charts, PDF and exports, and the press page, through the real
// router on the seeded replica.
#include "store/db/test_database.h"
#include "web/public/bilan_pages.h"

#include <gtest/gtest.h>

#include <regex>

#include <filesystem>

#include "http/router.h"
#include "seed/replica.h"
#include "store/reads/bilan_queries.h"

namespace juo::web {
namespace {

namespace fs = std::filesystem;

class BilanPagesTest : public ::testing::Test {
 protected:
    static void SetUpTestSuite() {
        path_ = fs::temp_directory_path() / ("juo_bilan_pages_" + std::to_string(::getpid()) + ".db");
        store::RemoveSqliteFiles(path_);
        {
            auto db = store::Database::Open(path_.string(), store::OpenMode::kCreateIfMissing);
            ASSERT_TRUE(db.ok());
            auto replica = seed::GenerateReplica({});
            ASSERT_TRUE(seed::WriteReplica(**db, *replica, {}).ok());
            auto data = store::LoadBilanData(**db, 2025);
            ASSERT_TRUE(data.ok());
            bilan_ = new report::Bilan(report::ComputeBilan(*data));
        }
        auto service = services::BilanService::Open(path_.string());
        ASSERT_TRUE(service.ok());
        service_ = service->release();
        router_ = new http::Router();
        RegisterBilanPages(*router_, service_);
    }
    static void TearDownTestSuite() {
        delete router_;
        delete service_;
        delete bilan_;
        store::RemoveSqliteFiles(path_);
    }
    static http::Response Get(const std::string& target) {
        http::Request req;
        req.method = "GET";
        EXPECT_TRUE(http::ParseTarget(target, &req).ok()) << target;
        auto match = router_->Match("GET", target.substr(0, target.find('?')));
        EXPECT_EQ(match.outcome, http::RouteMatch::Outcome::kFound) << target;
        req.path_params = match.params;
        return (*match.handler)(req);
    }
    static inline fs::path path_;
    static inline services::BilanService* service_ = nullptr;
    static inline http::Router* router_ = nullptr;
    static inline report::Bilan* bilan_ = nullptr;
};

TEST_F(BilanPagesTest, DashboardShowsTheFiguresChartsAndExports) {
    auto r = Get("/bilan");
    ASSERT_EQ(r.status, 200) << r.body;
    // Issue 19 (4): the headlines as the 2025 report means them, never as a change: an exact count
    // without a sign, a rounded one as "plus de …".
    const std::string sites = bilan_->headlines.sites.substr(1), visitors = bilan_->headlines.visitors.substr(1);
    EXPECT_NE(r.body.find(">" + sites + "</span> <span class=\"bilan-tile__label\">usines ouvertes"), std::string::npos);
    EXPECT_EQ(r.body.find(bilan_->headlines.sites + "</span>"), std::string::npos);
    EXPECT_NE(r.body.find(">plus de " + visitors + "</span>"), std::string::npos) << visitors;
    EXPECT_NE(r.body.find("/bilan/graphiques/map.svg"), std::string::npos);
    EXPECT_EQ(r.body.find("/bilan/graphiques/tiles.svg"), std::string::npos);  // the tiles are text
    EXPECT_NE(r.body.find("/bilan/bilan.pdf"), std::string::npos);
    EXPECT_NE(r.body.find("/bilan/tableaux/white_zones.csv"), std::string::npos);
    EXPECT_NE(r.body.find("/bilan/tableaux/white_zones.csv?format=csv-excel"), std::string::npos);
    EXPECT_NE(r.body.find(bilan_->group_requests.most_requested.at(0).name), std::string::npos);
    auto en = Get("/bilan?lang=en");
    EXPECT_NE(en.body.find("Booked and attended"), std::string::npos);
    EXPECT_NE(en.body.find("Report of the 1st edition (2025)"), std::string::npos);
    EXPECT_NE(en.body.find("Friday 4 and Saturday 5 April 2025"), std::string::npos) << "dates in English";
}

TEST_F(BilanPagesTest, FiltersNarrowTheFigures) {
    auto r = Get("/bilan?region=84&audience=school");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find("Auvergne-Rhône-Alpes — Scolaires"), std::string::npos);
    EXPECT_NE(r.body.find("/bilan/graphiques/audience.svg?region=84&amp;audience=school"), std::string::npos);
    EXPECT_EQ(Get("/bilan?region=99").status, 400);
    EXPECT_EQ(Get("/bilan?audience=aliens").status, 400);
    EXPECT_EQ(Get("/bilan?edition=abc").status, 400);
    EXPECT_EQ(Get("/bilan?edition=2031").status, 404);
}

TEST_F(BilanPagesTest, ChartsAreSvg) {
    auto r = Get("/bilan/graphiques/tiles.svg");
    ASSERT_EQ(r.status, 200);
    EXPECT_EQ(r.content_type, "image/svg+xml");
    bool csp = false;
    for (const auto& [name, value] : r.headers)
        csp = csp || (name == "Content-Security-Policy" &&
                      value.find("style-src 'unsafe-inline'") != std::string::npos);
    EXPECT_TRUE(csp) << "Cairo's SVG styles its shapes inline";
    EXPECT_NE(r.body.find("<svg"), std::string::npos);
    EXPECT_EQ(Get("/bilan/graphiques/pie.svg").status, 404);
    EXPECT_EQ(Get("/bilan/graphiques/tiles.png").status, 404);
}

// [block: organiser live view, issue 19 item 4] The sectors' shares are decimals: a comma in the
// Excel (FR) CSV, a point in the plain CSV (RFC 4180, for programs), a number cell in the XLSX.
TEST_F(BilanPagesTest, DecimalsAreCommasInTheExcelCsvAndNumbersInTheWorkbook) {
    auto excel = Get("/bilan/tableaux/sectors.csv?format=csv-excel");
    ASSERT_EQ(excel.status, 200);
    const std::string row = excel.body.substr(excel.body.find("\r\n") + 2);
    EXPECT_TRUE(std::regex_search(row, std::regex(";[0-9]+,[0-9]+;"))) << row.substr(0, 200);
    EXPECT_FALSE(std::regex_search(row, std::regex(";[0-9]+\\.[0-9]+;"))) << row.substr(0, 200);
    auto plain = Get("/bilan/tableaux/sectors.csv");
    const std::string plain_row = plain.body.substr(plain.body.find("\r\n") + 2);
    EXPECT_TRUE(std::regex_search(plain_row, std::regex(",[0-9]+\\.[0-9]+,"))) << plain_row.substr(0, 200);
}
// [end of block: organiser live view]

TEST_F(BilanPagesTest, PdfAndTables) {
    auto pdf = Get("/bilan/bilan.pdf?region=11");
    ASSERT_EQ(pdf.status, 200);
    EXPECT_EQ(pdf.content_type, "application/pdf");
    EXPECT_EQ(pdf.body.rfind("%PDF-", 0), 0u);
    auto csv = Get("/bilan/tableaux/audiences.csv");
    ASSERT_EQ(csv.status, 200);
    EXPECT_EQ(csv.body.rfind("Public,Libellé,Réservations", 0), 0u);
    EXPECT_EQ(Get("/bilan/tableaux/nope.csv").status, 404);
    auto excel = Get("/bilan/tableaux/days.csv?format=csv-excel");
    ASSERT_EQ(excel.status, 200);
    EXPECT_EQ(excel.content_type, "text/csv; charset=utf-8");
    EXPECT_EQ(excel.body.rfind("\xEF\xBB\xBF" "Date;Jour;Événements;Visites\r\n", 0), 0u) << excel.body;
    EXPECT_NE(excel.body.find("/2025;"), std::string::npos) << excel.body;
    EXPECT_EQ(Get("/bilan/tableaux/days.csv?format=ods").status, 400);
    // The plain CSV of the same table keeps its ISO dates.
    EXPECT_EQ(Get("/bilan/tableaux/days.csv").body.rfind("Date,Jour,Événements,Visites\r\n2025-", 0), 0u);
    auto xlsx = Get("/bilan/tableaux.xlsx");
    ASSERT_EQ(xlsx.status, 200);
    EXPECT_EQ(xlsx.body.substr(0, 2), "PK");
    auto json = Get("/bilan/tableaux.json");
    ASSERT_EQ(json.status, 200);
    EXPECT_NE(json.body.find("\"white_zones\""), std::string::npos);
}

TEST_F(BilanPagesTest, PressPageHasAggregatesOnly) {
    auto r = Get("/presse");
    ASSERT_EQ(r.status, 200);
    EXPECT_NE(r.body.find(">" + bilan_->headlines.sites.substr(1) + "</span>"), std::string::npos);
    EXPECT_NE(r.body.find("/presse/graphiques/audience.svg"), std::string::npos);
    // No factory is named on the press page (the dashboard lists the most requested ones).
    for (const auto& site : bilan_->group_requests.most_requested)
        EXPECT_EQ(r.body.find(site.name), std::string::npos);
    // Filters are for the dashboard: the press page ignores them.
    EXPECT_EQ(Get("/presse?region=84").body.find("Auvergne"), std::string::npos);
}

}  // namespace
}  // namespace juo::web
