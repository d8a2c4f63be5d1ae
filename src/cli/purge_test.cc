// `juo purge` (cli/purge.h): its flags, its exit codes and one-line errors, a dry run and a real
// run on a seeded SQLite file, and a second run that finds nothing to do. The purge's rules are
// tested in services/retention_test.cc.
#include "cli/purge.h"

#include <gtest/gtest.h>

#include <sstream>
#include <vector>

#include "cli/cli.h"
#include "seed/replica.h"
#include "store/db/database.h"
#include "store/db/test_database.h"

namespace juo::cli {
namespace {

struct Outcome {
    int code;
    std::string out, err;
};

Outcome Juo(std::vector<std::string> args) {
    args.insert(args.begin(), "juo");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    int code = Run(static_cast<int>(argv.size()), argv.data(), out, err);
    return {code, out.str(), err.str()};
}

class PurgeCliTest : public ::testing::Test {
 protected:
    void SetUp() override {
        db_path_ = folder_.Path("purge.db");
        auto db = store::Database::Open(db_path_, store::OpenMode::kCreateIfMissing);
        ASSERT_TRUE(db.ok());
        auto replica = seed::GenerateReplica({});
        ASSERT_TRUE(replica.ok());
        ASSERT_TRUE(seed::WriteReplica(**db, *replica, {}).ok());
    }
    long long Erased() {
        auto db = store::Database::Open(db_path_, store::OpenMode::kMustExist);
        long long n = 0;
        (*db)->sql() << "SELECT count(*) FROM app_user WHERE deleted_at IS NOT NULL", soci::into(n);
        return n;
    }
    Outcome Purge(const PurgeFlags& flags, const std::map<std::string, std::string>& env = {}) {
        std::ostringstream out, err;
        int code = RunPurge(db_path_, flags, env, out, err);
        return {code, out.str(), err.str()};
    }
    store::TestFolder folder_{"juo_purge_cli"};
    std::string db_path_;
};

TEST_F(PurgeCliTest, BadFlagsAreRefusedWithOneLineAndNothingChanges) {
    struct Case {
        std::vector<std::string> args;
        std::string says;
    };
    for (const Case& c : std::vector<Case>{
             {{"--before", "2025-13-01"}, "not a date"},
             {{"--before", "05/11/2025"}, "not a date"},
             {{"--before", "2999-01-01"}, "after today"},
             {{"--before"}, "--before"},
             {{"--dry-run=maybe"}, "dry-run"},
             {{"--bogus"}, "bogus"},
         }) {
        std::vector<std::string> args = {"purge", "--db", db_path_};
        args.insert(args.end(), c.args.begin(), c.args.end());
        auto r = Juo(args);
        EXPECT_EQ(r.code, 2) << c.args[0] << ": " << r.err;
        EXPECT_NE(r.err.find(c.says), std::string::npos) << r.err;
        EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    }
    auto missing = Juo({"purge", "--db", folder_.Path("nothing-here.db"), "--before", "2025-11-05"});
    EXPECT_NE(missing.code, 0);
    EXPECT_EQ(Erased(), 0);
}

TEST_F(PurgeCliTest, TheRetentionComesFromTheConfiguration) {
    PurgeFlags flags;
    flags.db_given = true;
    flags.today = "2026-12-05";
    flags.dry_run = true;
    auto r = Purge(flags);
    EXPECT_EQ(r.code, 0) << r.err;
    EXPECT_NE(r.out.find("before 2025-11-05 (retention 13 months)"), std::string::npos) << r.out;
    r = Purge(flags, {{"JUO_RETENTION_MONTHS", "24"}});
    EXPECT_NE(r.out.find("before 2024-12-05 (retention 24 months)"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("editions ended before 2024-12-05: none"), std::string::npos) << r.out;
    r = Purge(flags, {{"JUO_RETENTION_MONTHS", "0"}});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("give --before"), std::string::npos) << r.err;
    r = Purge(flags, {{"JUO_RETENTION_MONTHS", "treize"}});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("JUO_RETENTION_MONTHS"), std::string::npos) << r.err;
    EXPECT_EQ(Erased(), 0);
}

TEST_F(PurgeCliTest, DryRunThenPurgeThenNothingLeft) {
    auto dry = Juo({"purge", "--db", db_path_, "--before", "2025-11-05", "--dry-run"});
    ASSERT_EQ(dry.code, 0) << dry.err;
    EXPECT_NE(dry.out.find("Dry run: nothing was changed"), std::string::npos) << dry.out;
    EXPECT_EQ(Erased(), 0);
    auto real = Juo({"purge", "--db", db_path_, "--before", "2025-11-05"});
    ASSERT_EQ(real.code, 0) << real.err;
    EXPECT_NE(real.out.find("Purge audited"), std::string::npos) << real.out;
    // The same counts as the dry run's (the line "Would change" / "Changed" apart).
    auto counts = [](const std::string& text) { return text.substr(text.find(" (editions ended")); };
    auto without_time = [&](const std::string& text) {
        std::string c = counts(text);
        return c.substr(0, c.find("e-mail bodies emptied"));
    };
    EXPECT_EQ(without_time(dry.out), without_time(real.out));
    EXPECT_GT(Erased(), 3000);
    auto again = Juo({"purge", "--db", db_path_, "--before", "2025-11-05", "--quiet"});
    ASSERT_EQ(again.code, 0) << again.err;
    EXPECT_NE(again.out.find("Nothing to purge"), std::string::npos) << again.out;
}

}  // namespace
}  // namespace juo::cli
