// Imports on a real SQLite file holding the replica: clean files import, and broken ones
// (wrong encoding, missing columns, bad postcodes, bad dates, duplicates, an unclosed quote)
// report every bad row with its line and column and change nothing.
#include <gtest/gtest.h>

#include <filesystem>

#include "importer/imports.h"
#include "seed/replica.h"
#include "store/db/test_database.h"

namespace juo::importer {
namespace {

namespace fs = std::filesystem;

class ImporterTest : public ::testing::Test {
 protected:
    void SetUp() override {
        path_ = fs::temp_directory_path() / ("juo_importer_test_" + std::to_string(::getpid()) + "_" +
                                             ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".db");
        store::RemoveSqliteFiles(path_);
        db_ = std::move(*store::Database::Open(path_.string(), store::OpenMode::kCreateIfMissing));
        static const auto replica = *seed::GenerateReplica({});
        auto copy = replica;
        ASSERT_TRUE(seed::WriteReplica(*db_, copy, {}).ok());
    }
    void TearDown() override {
        db_.reset();
        store::RemoveSqliteFiles(path_);
    }
    long long Count(const std::string& sql) {
        long long n = 0;
        db_->sql() << sql, soci::into(n);
        return n;
    }
    fs::path path_;
    std::unique_ptr<store::Database> db_;
};

TEST(Csv, QuotesSeparatorsAndLines) {
    auto p = ParseCsv("\xEF\xBB\xBFtype;média;titre\r\npresse;\"Le Progrès\";\"Les \"\"usines\"\"\nouvertes\"\r\n\r\nweb;x;y\n");
    ASSERT_FALSE(p.problem);
    ASSERT_EQ(p.table.header.size(), 3u);
    EXPECT_EQ(p.table.header[1], "média");
    ASSERT_EQ(p.table.rows.size(), 2u);
    EXPECT_EQ(p.table.rows[0].line, 2);
    EXPECT_EQ(p.table.rows[0].fields[2], "Les \"usines\"\nouvertes");
    EXPECT_EQ(p.table.rows[1].line, 5);  // the quoted line break counts, the blank line is skipped
    EXPECT_TRUE(FindColumn(p.table.header, {"media"}).has_value());  // accents and case ignored
    EXPECT_TRUE(ParseCsv("a,b\n\"open,1\n").problem.has_value());
    EXPECT_TRUE(ParseCsv("type,m\xe9" "dia\n").problem.has_value());  // Latin-1, not UTF-8
    EXPECT_TRUE(ParseCsv("").problem.has_value());
}

TEST_F(ImporterTest, FiftyMediaMentionsImportAtOnce) {
    const long long before = Count("SELECT count(*) FROM media_mention");
    std::string csv = "type,média,titre,date,url,département\n";
    for (int i = 0; i < 50; ++i)
        csv += std::string(i % 3 == 0 ? "presse" : i % 3 == 1 ? "web" : "radio") + ",Média " + std::to_string(i) +
               ",Portes ouvertes " + std::to_string(i) + ",0" + std::to_string(1 + i % 9) + "/04/2025,,69\n";
    auto dry = ImportMedia(*db_, 2025, csv, true);
    ASSERT_TRUE(dry.ok()) << dry.error().message;
    EXPECT_TRUE(dry->problems.empty());
    EXPECT_EQ(dry->rows, 50);
    EXPECT_EQ(dry->imported, 0);
    EXPECT_EQ(Count("SELECT count(*) FROM media_mention"), before);
    auto done = ImportMedia(*db_, 2025, csv, false);
    ASSERT_TRUE(done.ok());
    EXPECT_EQ(done->imported, 50);
    EXPECT_EQ(Count("SELECT count(*) FROM media_mention"), before + 50);
    EXPECT_EQ(Count("SELECT count(*) FROM media_mention WHERE outlet = 'Média 2' AND kind = 'broadcast' AND "
                    "published_on = '2025-04-03'"),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'media_mention.import'"), 1);
    EXPECT_FALSE(ImportMedia(*db_, 2031, csv, true).ok());  // no such edition
}

TEST_F(ImporterTest, BrokenMediaFilesReportEveryRowAndChangeNothing) {
    const long long before = Count("SELECT count(*) FROM media_mention");
    auto missing = ImportMedia(*db_, 2025, "type,titre\npresse,x\n", false);
    ASSERT_TRUE(missing.ok());
    ASSERT_EQ(missing->problems.size(), 2u);  // média and date
    EXPECT_EQ(missing->problems[0].line, 1);
    auto bad = ImportMedia(*db_, 2025,
                           "type;média;date;département\n"
                           "presse;Le Progrès;2025-04-05;69\n"
                           "pigeon;Le Progrès;2025-04-05;69\n"
                           "web;Lyon Mag;31/02/2025;69\n"
                           "web;Lyon Mag;2025-04-06;999\n"
                           "presse;Le Progrès;2025-04-05;69\n",
                           false);
    ASSERT_TRUE(bad.ok());
    ASSERT_EQ(bad->problems.size(), 4u);
    EXPECT_EQ(bad->problems[0].line, 3);
    EXPECT_EQ(bad->problems[0].column, "type");
    EXPECT_EQ(bad->problems[1].column, "date");
    EXPECT_EQ(bad->problems[2].column, "departement");
    EXPECT_EQ(bad->problems[3].line, 6);  // the duplicate of line 2
    EXPECT_EQ(bad->imported, 0);
    auto latin1 = ImportMedia(*db_, 2025, "type,m\xe9" "dia,date\npresse,x,2025-04-05\n", false);
    ASSERT_TRUE(latin1.ok());
    ASSERT_EQ(latin1->problems.size(), 1u);
    EXPECT_NE(latin1->problems[0].reason_fr.find("UTF-8"), std::string::npos);
    EXPECT_EQ(Count("SELECT count(*) FROM media_mention"), before);
}

TEST_F(ImporterTest, SitesImportCleanFilesAndRefuseBrokenOnes) {
    const long long sites = Count("SELECT count(*) FROM site");
    auto bad = ImportSites(*db_, 2025,
                           "entreprise;siret;naf;adresse;code_postal;commune;fauteuil\n"
                           "Fonderie A;;24.51Z;1 rue A;69003;;oui\n"
                           "Fonderie B;12345678901234;24.51Z;1 rue B;69003;;non\n"
                           "Fonderie C;;2451Z;1 rue C;6900;;\n"
                           "Fonderie D;;XX;1 rue D;69003;;\n"
                           "Fonderie A;;24.51Z;1 rue A;69003;;oui\n"
                           "Fonderie E;;24.51Z;1 rue E;69003;Atlantide;\n",
                           false);
    ASSERT_TRUE(bad.ok()) << bad.error().message;
    ASSERT_EQ(bad->problems.size(), 5u);
    EXPECT_EQ(bad->problems[0].column, "siret");
    EXPECT_EQ(bad->problems[1].column, "code_postal");
    EXPECT_EQ(bad->problems[2].column, "naf");
    EXPECT_EQ(bad->problems[3].column, "nom");  // Fonderie A again
    EXPECT_EQ(bad->problems[4].column, "commune");
    EXPECT_EQ(Count("SELECT count(*) FROM site"), sites);
    EXPECT_EQ(ImportSites(*db_, 2025, "entreprise,adresse\nx,y\n", false)->problems.size(), 2u);  // naf, code_postal
    auto no_address = ImportSites(*db_, 2025, "entreprise,naf,adresse,code_postal\nFonderie F,24.51Z,,69003\n", false);
    ASSERT_EQ(no_address->problems.size(), 1u);
    EXPECT_EQ(no_address->problems[0].column, "adresse");

    auto good = ImportSites(*db_, 2025,
                            "entreprise,naf,adresse,code_postal,commune,age_min\n"
                            "Fonderie A,24.51Z,1 rue A,69003,,14\n"
                            "Verrerie B,2313Z,2 rue B,42000,Saint-Étienne,\n",
                            false);
    ASSERT_TRUE(good.ok());
    EXPECT_TRUE(good->problems.empty());
    EXPECT_EQ(good->imported, 2);
    EXPECT_EQ(Count("SELECT count(*) FROM site"), sites + 2);
    EXPECT_EQ(Count("SELECT count(*) FROM site t JOIN participation p ON p.site_id = t.id WHERE t.name = 'Verrerie B' "
                    "AND t.commune_name = 'Saint-Étienne' AND t.naf_code = '23.13Z' AND p.status = 'approved'"),
              1);
    auto again = ImportSites(*db_, 2025, "entreprise,naf,adresse,code_postal\nFonderie A,24.51Z,1 rue A,69003\n", false);
    ASSERT_EQ(again->problems.size(), 1u);  // already stored
    EXPECT_EQ(Count("SELECT count(*) FROM site"), sites + 2);
}

// The five accessibility kinds of the national nomenclature, each from its own column.
TEST_F(ImporterTest, SitesImportTheFiveAccessibilityKinds) {
    auto r = ImportSites(*db_, 2025,
                         "entreprise;naf;adresse;code_postal;fauteuil;auditif;visuel;mental;psychique\n"
                         "Tuilerie K;23.32Z;1 rue K;69003;oui;non;x;;Oui\n",
                         false);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->problems.empty());
    EXPECT_EQ(Count("SELECT count(*) FROM site WHERE name = 'Tuilerie K' AND wheelchair_access = 1 AND hearing_access = 0 "
                    "AND visual_access = 1 AND mental_access = 0 AND psychic_access = 1"),
              1);
}

}  // namespace
}  // namespace juo::importer
