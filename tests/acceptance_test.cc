// Acceptance: seed the replica of the 2025 edition into a fresh SQLite file, compute the bilan
// from the stored rows, and check it against the figures of the 2025 report
// (shared/seed/bilan-premiere-edition-2025.txt): 227 factories, 290 events (214 Friday, 76
// Saturday), 20 sectors, 20 000+ visitors split 53/38/9 %, 75 buses, 200+ media (100+ print,
// 70+ web, 20+ broadcast), 350+ social mentions, 95 % satisfied, 90 % would open again, one
// factory with 20 requests for 10 places, a 16-page kit, internships filled.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/cli.h"
#include "report/bilan.h"
#include "seed/replica.h"
#include "store/reads/bilan_queries.h"
#include "store/db/database.h"

namespace juo {
namespace {

namespace fs = std::filesystem;

class Acceptance : public ::testing::Test {
 protected:
    static void SetUpTestSuite() {
        dir_ = fs::temp_directory_path() / ("juo_acceptance_" + std::to_string(::getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    static void TearDownTestSuite() { fs::remove_all(dir_); }

    // Seeds the replica at `scale` into a new file and returns the stored aggregates.
    static store::BilanData SeedAndLoad(int scale, const std::string& file) {
        auto db = store::Database::Open((dir_ / file).string(), store::OpenMode::kCreateIfMissing);
        EXPECT_TRUE(db.ok());
        seed::ReplicaOptions options;
        options.scale = scale;
        auto replica = seed::GenerateReplica(options);
        EXPECT_TRUE(replica.ok());
        auto written = seed::WriteReplica(**db, *replica, {});
        EXPECT_TRUE(written.ok()) << written.error().message;
        // A new connection: the figures come from what was committed to the file.
        db->reset();
        auto reopened = store::Database::Open((dir_ / file).string(), store::OpenMode::kMustExist);
        auto data = store::LoadBilanData(**reopened, 2025);
        EXPECT_TRUE(data.ok());
        return std::move(*data);
    }

    static const report::AudienceVisitorsFigures& Audience(const report::Bilan& b, const std::string& code) {
        for (const auto& a : b.visitors.by_audience)
            if (a.code == code) return a;
        throw std::runtime_error("no audience " + code);
    }
    static long long Media(const report::Bilan& b, const std::string& code) {
        for (const auto& m : b.media.by_kind)
            if (m.code == code) return m.count;
        return 0;
    }

    static fs::path dir_;
};
fs::path Acceptance::dir_;

TEST_F(Acceptance, ReplicaReproducesTheBilanOfTheFirstEdition) {
    auto data = SeedAndLoad(1, "replica.db");
    auto b = report::ComputeBilan(data);
    EXPECT_EQ(b.edition.date_phrase_fr, "Vendredi 4 et samedi 5 avril 2025");
    EXPECT_EQ(b.sites.open, 227);
    EXPECT_EQ(b.headlines.sites, "+227");
    EXPECT_EQ(b.events.total, 290);
    ASSERT_EQ(b.events.days.size(), 2u);
    EXPECT_EQ(b.events.days[0].weekday_fr, "vendredi");
    EXPECT_EQ(b.events.days[0].events, 214);
    EXPECT_EQ(b.events.days[1].events, 76);
    EXPECT_EQ(b.sectors.represented, 20);
    ASSERT_GE(b.sectors.top.size(), 3u);
    EXPECT_EQ(b.sectors.top[0].division, "30");  // aeronautics and transport equipment first
    EXPECT_EQ(b.sectors.top[1].division, "29");  // then automotive
    bool pharma_under = false;
    for (const auto& u : b.sectors.under_represented) pharma_under |= u.division == "21";
    EXPECT_TRUE(pharma_under);

    EXPECT_GE(b.visitors.attended, 20000);
    EXPECT_EQ(b.headlines.visitors, "+20 000");
    EXPECT_NEAR(Audience(b, "school").share_pct, 53, 2);
    EXPECT_NEAR(Audience(b, "public").share_pct, 38, 2);
    EXPECT_NEAR(Audience(b, "job_seekers").share_pct, 9, 2);
    ASSERT_TRUE(b.visitors.target_met.has_value());
    EXPECT_TRUE(*b.visitors.target_met);

    EXPECT_EQ(b.buses.buses, 75);
    EXPECT_EQ(b.headlines.buses, "+75");
    EXPECT_GT(b.buses.cost_cents, 0);

    EXPECT_GE(b.media.total, 200);
    EXPECT_GE(Media(b, "print"), 100);
    EXPECT_GE(Media(b, "web"), 70);
    EXPECT_GE(Media(b, "broadcast"), 20);
    EXPECT_EQ(b.headlines.media, "+200");
    EXPECT_GE(b.media.social_mentions, 350);
    EXPECT_EQ(b.headlines.social_mentions, "+350");

    ASSERT_TRUE(b.host_survey.satisfied.pct.has_value());
    EXPECT_EQ(*b.host_survey.satisfied.pct, 95);
    EXPECT_EQ(*b.host_survey.open_again.pct, 90);
    EXPECT_GE(b.host_survey.satisfied.answers, 100);

    // The oversubscribed factory: 10 classes accepted for 20 requests.
    bool found = false;
    for (const auto& s : data.demand)
        found |= s.requests == 20 && s.group_capacity == 10 && s.accepted_groups == 10;
    EXPECT_TRUE(found);
    EXPECT_GT(b.group_requests.oversubscribed_sites, 1);  // others had to refuse classes too
    EXPECT_GT(b.group_requests.total, b.group_requests.accepted);
    EXPECT_GT(b.group_requests.refused, 0);

    EXPECT_EQ(b.teaching_kit.documents, 1);
    EXPECT_EQ(b.teaching_kit.pages, 16);
    EXPECT_GT(b.internships.filled, 0);
    EXPECT_EQ(b.quotes.size(), 4u);
}

// Scale 75 is about the Journées du Patrimoine (17,000 sites): the same shape, 75 times larger.
TEST_F(Acceptance, ScaleKeepsTheShape) {
    constexpr int K = 75;
    auto b = report::ComputeBilan(SeedAndLoad(K, "replica75.db"));
    EXPECT_EQ(b.sites.open, K * 227);
    EXPECT_EQ(b.events.days[0].events, K * 214);
    EXPECT_EQ(b.events.days[1].events, K * 76);
    EXPECT_EQ(b.sectors.represented, 20);
    EXPECT_EQ(b.buses.buses, K * 75);
    EXPECT_GE(b.visitors.attended, K * 20000);
    EXPECT_NEAR(Audience(b, "school").share_pct, 53, 2);
    EXPECT_NEAR(Audience(b, "public").share_pct, 38, 2);
    EXPECT_NEAR(Audience(b, "job_seekers").share_pct, 9, 2);
    EXPECT_GE(b.media.total, K * 200);
    EXPECT_GE(b.media.social_mentions, K * 350);
    EXPECT_EQ(*b.host_survey.satisfied.pct, 95);
    EXPECT_EQ(*b.host_survey.open_again.pct, 90);
}

TEST_F(Acceptance, ReportCommandPrintsTheSeedsPresentation) {
    std::string db = (dir_ / "cli.db").string();
    std::ostringstream out, err;
    const char* seed_args[] = {"juo", "seed", "--db", db.c_str(), "--quiet"};
    ASSERT_EQ(cli::Run(5, seed_args, out, err), 0) << err.str();
    for (const char* format : {"text", "json", "csv"}) {
        std::ostringstream rout, rerr;
        const char* args[] = {"juo", "report", "--db", db.c_str(), "--edition", "2025", "--format", format};
        ASSERT_EQ(cli::Run(8, args, rout, rerr), 0) << rerr.str();
        EXPECT_NE(rout.str().find("227"), std::string::npos) << format;
    }
    std::ostringstream text, terr;
    const char* args[] = {"juo", "report", "--db", db.c_str()};
    ASSERT_EQ(cli::Run(4, args, text, terr), 0);
    EXPECT_NE(text.str().find("+20 000"), std::string::npos);
    EXPECT_NE(text.str().find("+75"), std::string::npos);
    EXPECT_NE(text.str().find("53 %"), std::string::npos);
}

// Issue 7: a second edition in the same database (twice the factories), the year-on-year
// comparison, scopes that add up to the whole, and the PDF of the replica with its headline
// figures in its text.
TEST_F(Acceptance, SecondEditionAndYearOnYear) {
    std::string db = (dir_ / "two_editions.db").string();
    std::ostringstream out, err;
    const char* seed_2025[] = {"juo", "seed", "--db", db.c_str(), "--quiet"};
    ASSERT_EQ(cli::Run(5, seed_2025, out, err), 0) << err.str();
    const char* seed_2026[] = {"juo", "seed", "--db", db.c_str(), "--edition", "2026", "--quiet"};
    ASSERT_EQ(cli::Run(7, seed_2026, out, err), 0) << err.str();
    // Seeding an edition twice is refused and writes nothing.
    std::ostringstream again_err;
    EXPECT_EQ(cli::Run(7, seed_2026, out, again_err), 4);

    auto conn = store::Database::Open(db, store::OpenMode::kMustExist);
    ASSERT_TRUE(conn.ok());
    auto d2025 = store::LoadBilanData(**conn, 2025);
    auto d2026 = store::LoadBilanData(**conn, 2026);
    ASSERT_TRUE(d2025.ok() && d2026.ok());
    const auto b = report::ComputeBilan(*d2026, &*d2025);
    EXPECT_EQ(b.edition.ordinal, 2);
    ASSERT_TRUE(b.previous.has_value());
    EXPECT_EQ(b.previous->year, 2025);
    const auto& sites = b.previous->changes.at(0);
    ASSERT_EQ(sites.key, "sites");
    EXPECT_EQ(sites.previous, 227);
    EXPECT_EQ(sites.current, 454);  // twice the factories
    EXPECT_EQ(sites.change_fr, "+100 %");
    // 2025's figures did not move when 2026 was added.
    EXPECT_EQ(report::ComputeBilan(*d2025).sites.open, 227);

    // Regions add up to the country; an audience filter keeps only its visitors.
    long long by_region = 0;
    for (const auto& r : b.regions) {
        auto scope = report::MakeScope(r.code, {}, "");
        ASSERT_TRUE(scope.ok());
        auto scoped = store::LoadBilanData(**conn, 2026, *scope);
        ASSERT_TRUE(scoped.ok());
        EXPECT_EQ(scoped->sites_open, r.sites) << r.code;
        EXPECT_EQ(scoped->social_mentions, 0) << "social mentions have no place";
        by_region += scoped->sites_open;
    }
    EXPECT_EQ(by_region, b.sites.open);
    auto school = store::LoadBilanData(**conn, 2026, *report::MakeScope("", {}, "school"));
    ASSERT_TRUE(school.ok());
    const auto bs = report::ComputeBilan(*school);
    EXPECT_EQ(bs.visitors.attended, Audience(b, "school").attended);
    EXPECT_EQ(bs.events.days.at(1).events, 0);  // no Saturday tour admits classes

    std::ostringstream text, terr;
    const char* report_args[] = {"juo", "report", "--db", db.c_str(), "--edition", "2026"};
    ASSERT_EQ(cli::Run(6, report_args, text, terr), 0) << terr.str();
    EXPECT_NE(text.str().find("Par rapport à l'édition 2025"), std::string::npos);
    EXPECT_NE(text.str().find("+100 %"), std::string::npos);
    std::ostringstream bad_out, bad_err;
    const char* bad_region[] = {"juo", "report", "--db", db.c_str(), "--region", "99"};
    EXPECT_EQ(cli::Run(6, bad_region, bad_out, bad_err), 2);
    EXPECT_NE(bad_err.str().find("unknown region"), std::string::npos);
}

TEST_F(Acceptance, PdfOfTheReplicaHoldsTheHeadlineFigures) {
    std::string db = (dir_ / "pdf.db").string(), pdf = (dir_ / "bilan.pdf").string(),
                txt = (dir_ / "bilan.txt").string();
    std::ostringstream out, err;
    const char* seed_args[] = {"juo", "seed", "--db", db.c_str(), "--quiet"};
    ASSERT_EQ(cli::Run(5, seed_args, out, err), 0) << err.str();
    const char* args[] = {"juo", "report", "--db", db.c_str(), "--format", "pdf", "--out", pdf.c_str()};
    ASSERT_EQ(cli::Run(8, args, out, err), 0) << err.str();
    ASSERT_EQ(std::system(("pdftotext " + pdf + " " + txt).c_str()), 0);
    std::ifstream in(txt);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string flat;
    for (char c : text)
        if (!std::isspace(static_cast<unsigned char>(c)) || (!flat.empty() && flat.back() != ' '))
            flat += std::isspace(static_cast<unsigned char>(c)) ? ' ' : c;
    for (const char* expected :
         {"BILAN PREMIÈRE ÉDITION", "+227", "USINES OUVERTES", "+75", "BUS FINANCÉS", "+20 000", "VISITEURS",
          "+200", "RETOMBÉES MÉDIA", "+350 mentions", "290 événements", "20 secteurs d'activité représentés",
          "Scolaires 53 %", "Grand public 38 %", "France Travail 9 %", "95 %", "90 %", "16 pages"})
        EXPECT_NE(flat.find(expected), std::string::npos) << expected;
}

}  // namespace
}  // namespace juo
