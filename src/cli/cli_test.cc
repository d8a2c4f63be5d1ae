// Tests of the command line: flags, exit codes and one-line errors, on real database files.
#include "cli/cli.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

#include "auth/accounts.h"
#include "auth/sessions.h"
#include "common/clock.h"
#include "store/db/database.h"

namespace juo::cli {
namespace {

namespace fs = std::filesystem;

struct Outcome {
    int code;
    std::string out;
    std::string err;
};

Outcome Juo(std::vector<std::string> args) {
    args.insert(args.begin(), "juo");
    std::vector<const char*> argv;
    for (const auto& a : args) argv.push_back(a.c_str());
    std::ostringstream out, err;
    int code = Run(static_cast<int>(argv.size()), argv.data(), out, err);
    return {code, out.str(), err.str()};
}

class CliTest : public ::testing::Test {
 protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("juo_cli_test_" + std::to_string(::getpid()) + "_" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
    }
    void TearDown() override { fs::remove_all(dir_); }
    std::string Path(const std::string& name) const { return (dir_ / name).string(); }
    // Seeds the 2025 replica into `db` and gives its bilan in JSON.
    static Outcome SeedAndReport(const std::string& db) {
        auto seeded = Juo({"seed", "--db", db, "--quiet"});
        if (seeded.code != 0) return seeded;
        return Juo({"report", "--db", db, "--format", "json"});
    }
    fs::path dir_;
};

bool OneLine(const std::string& s) { return !s.empty() && s.find('\n') == s.size() - 1; }

TEST_F(CliTest, VersionAndHelp) {
    auto v = Juo({"--version"});
    EXPECT_EQ(v.code, 0);
    EXPECT_EQ(v.out.rfind("juo ", 0), 0u);
    for (const char* sub : {"migrate", "seed", "report"}) {
        auto h = Juo({sub, "--help"});
        EXPECT_EQ(h.code, 0) << sub;
        EXPECT_NE(h.out.find("--db"), std::string::npos) << sub;
    }
}

TEST_F(CliTest, BadFlagsFailWithOneLine) {
    for (auto args : std::vector<std::vector<std::string>>{{},
                                                           {"frobnicate"},
                                                           {"report", "--nope"},
                                                           {"report", "--format", "xml"},
                                                           {"seed", "--scale", "0"},
                                                           {"seed", "--scale", "abc"},
                                                           {"seed", "--year", "1999"}}) {
        auto r = Juo(args);
        EXPECT_EQ(r.code, 2) << (args.empty() ? "" : args[0]);
        EXPECT_TRUE(OneLine(r.err)) << r.err;
    }
    auto r = Juo({"report", "--edition", "20x5", "--db", Path("x.db")});
    EXPECT_EQ(r.code, 2);
    EXPECT_NE(r.err.find("20x5"), std::string::npos);
}

TEST_F(CliTest, UnreadableOrMissingDatabases) {
    auto missing = Juo({"report", "--db", Path("none.db")});
    EXPECT_EQ(missing.code, 5);
    EXPECT_TRUE(OneLine(missing.err));
    EXPECT_NE(missing.err.find("does not exist"), std::string::npos);
    EXPECT_FALSE(fs::exists(Path("none.db")));  // a report never creates a database

    std::ofstream(Path("text.db")) << std::string(4096, 'x');
    auto junk = Juo({"report", "--db", Path("text.db")});
    EXPECT_EQ(junk.code, 5);
    EXPECT_TRUE(OneLine(junk.err)) << junk.err;

    EXPECT_EQ(Juo({"migrate", "--db", Path("new.db")}).code, 0);
    EXPECT_EQ(Juo({"report", "--db", Path("new.db")}).code, 3);  // no edition 2025 yet
    EXPECT_EQ(Juo({"seed", "--db", "postgresql://localhost/juo"}).code, 5);
}

TEST_F(CliTest, SeedTwiceIsRefusedAndChangesNothing) {
    auto first = Juo({"seed", "--db", Path("demo.db"), "--quiet"});
    ASSERT_EQ(first.code, 0) << first.err;
    EXPECT_NE(first.out.find("Seeded the replica of edition 2025"), std::string::npos);
    auto size = fs::file_size(Path("demo.db"));
    auto second = Juo({"seed", "--db", Path("demo.db"), "--quiet"});
    EXPECT_EQ(second.code, 4);
    EXPECT_TRUE(OneLine(second.err));
    EXPECT_NE(second.err.find("already exists"), std::string::npos);
    EXPECT_EQ(fs::file_size(Path("demo.db")), size);
    auto other_year = Juo({"report", "--db", Path("demo.db"), "--edition", "2030"});
    EXPECT_EQ(other_year.code, 3);
    EXPECT_NE(other_year.err.find("2025"), std::string::npos);  // says which editions exist
}

// Editions share a database: each later one is seeded beside the others (schools, users and
// sites of its own, none colliding with another edition's).
TEST_F(CliTest, ThreeEditionsAreSeededIntoOneDatabase) {
    for (const char* year : {"2025", "2026", "2027"}) {
        auto seeded = Juo({"seed", "--db", Path("three.db"), "--edition", year, "--quiet"});
        ASSERT_EQ(seeded.code, 0) << year << ": " << seeded.err;
        EXPECT_NE(seeded.out.find(std::string("Seeded the replica of edition ") + year), std::string::npos);
    }
    auto report = Juo({"report", "--db", Path("three.db"), "--edition", "2027", "--format", "json"});
    EXPECT_EQ(report.code, 0) << report.err;
}

TEST_F(CliTest, AllocateWritesADraftRunThatIsPublishedOnce) {
    // Issue 18: the replica at the request deadline (no group booking, bus or check-in yet).
    ASSERT_EQ(Juo({"seed", "--db", Path("a.db"), "--stage", "requests", "--quiet"}).code, 0);
    auto dry = Juo({"allocate", "--db", Path("a.db"), "--dry-run", "--buses", "75", "--time-limit", "60",
                    "--export-mps", Path("a.mps")});
    ASSERT_EQ(dry.code, 0) << dry.err;
    // The MPS file is written, and is the model branch and cut gets (same rows and columns).
    {
        std::ifstream mps(Path("a.mps"));
        std::string first;
        std::getline(mps, first);
        EXPECT_EQ(first.rfind("NAME", 0), 0u) << first;
        int rows = 0, columns = 0, cbc_columns = 0, cbc_rows = 0;
        auto at = dry.out.find("Wrote the MIP to ");
        ASSERT_NE(at, std::string::npos) << dry.out;
        ASSERT_EQ(std::sscanf(dry.out.c_str() + dry.out.find("(MPS, ", at), "(MPS, %d rows, %d columns",
                              &rows, &columns),
                  2);
        at = dry.out.find("Branch and cut: ");
        ASSERT_NE(at, std::string::npos) << dry.out;
        ASSERT_EQ(
            std::sscanf(dry.out.c_str() + at, "Branch and cut: %d columns, %d rows", &cbc_columns, &cbc_rows),
            2);
        EXPECT_EQ(rows, cbc_rows);
        EXPECT_EQ(columns, cbc_columns);
        EXPECT_GT(rows, 1000);
        EXPECT_NE(dry.out.find("our objective = -(MPS objective)"), std::string::npos);
    }
    auto unwritable =
        Juo({"allocate", "--db", Path("a.db"), "--dry-run", "--quiet", "--export-mps", Path("no/dir/a.mps")});
    EXPECT_EQ(unwritable.code, 5);
    EXPECT_TRUE(OneLine(unwritable.err));
    EXPECT_NE(unwritable.err.find("no/dir/a.mps"), std::string::npos) << unwritable.err;
    EXPECT_EQ(Juo({"allocate", "--db", Path("a.db"), "--dry-run", "--export-mps", ""}).code, 2);
    EXPECT_NE(dry.out.find("first come"), std::string::npos);
    EXPECT_NE(dry.out.find("pupils by department"), std::string::npos);
    EXPECT_NE(dry.out.find("not written: --dry-run"), std::string::npos);
    // The replica's allocation is proven optimal by GLPK (HiGHS agrees: docs/perf.md).
    EXPECT_NE(dry.out.find("optimal, proven by GLPK."), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("Proof (GLPK, "), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("schools left out       0 "), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("departments left out   0 "), std::string::npos) << dry.out;
    // [block: alloc-seed-guarantee, issue 18] the seed and the guarantee, on by default
    EXPECT_NE(dry.out.find("Seed 1: "), std::string::npos) << dry.out;
    EXPECT_NE(dry.out.find("Priority guarantee: on (ADR 0019)"), std::string::npos) << dry.out;
    auto plain = Juo({"allocate", "--db", Path("a.db"), "--dry-run", "--time-limit", "10", "--seed", "7",
                      "--no-priority-guarantee"});
    ASSERT_EQ(plain.code, 0) << plain.err;
    EXPECT_NE(plain.out.find("Seed 7: "), std::string::npos) << plain.out;
    EXPECT_NE(plain.out.find("Priority guarantee: off"), std::string::npos) << plain.out;
    EXPECT_EQ(Juo({"allocate", "--db", Path("a.db"), "--dry-run", "--seed", "abc"}).code, 2);
    // [end of block: alloc-seed-guarantee]
    EXPECT_EQ(Juo({"allocate", "--db", Path("a.db"), "--budget", "-5"}).code, 2);
    EXPECT_EQ(Juo({"allocate", "--db", Path("a.db"), "--edition", "2031"}).code, 3);
    // Issue 18: bad flag values give one clear line naming the flag, and nothing runs.
    for (const auto& [flag, value] : std::vector<std::pair<std::string, std::string>>{
             {"--budget", "inf"}, {"--budget", "1e17"}, {"--budget", "nan"}, {"--time-limit", "1e9"},
             {"--time-limit", "0"}, {"--buses", "-3"}, {"--buses", "20000"}, {"--seats", "0"},
             {"--eur-per-km", "-1"}, {"--pin", "12"}}) {
        auto bad = Juo({"allocate", "--db", Path("a.db"), flag, value});
        EXPECT_EQ(bad.code, 2) << flag << " " << value << ": " << bad.err;
        EXPECT_TRUE(OneLine(bad.err)) << bad.err;
        EXPECT_EQ(bad.err.rfind("juo: error: " + flag + ": ", 0), 0u) << bad.err;
        EXPECT_NE(bad.err.find(value), std::string::npos) << bad.err;
    }

    auto run = Juo({"allocate", "--db", Path("a.db"), "--buses", "75", "--time-limit", "60"});
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_NE(run.out.find("Wrote draft allocation run 1 "), std::string::npos) << run.out;
    {
        // A refused group's stored explanation names a real factory with places left.
        auto db = store::Database::Open(Path("a.db"), store::OpenMode::kMustExist);
        ASSERT_TRUE(db.ok());
        // The seeded stage stands at the request deadline: the last request's instant (ADR 0018),
        // and the run decided every request.
        long long after_deadline = -1, decided = 0, requests = 0;
        (*db)->sql() << "SELECT count(*) FROM group_request g JOIN edition e ON e.id = g.edition_id "
                        "WHERE e.request_deadline IS NULL OR g.submitted_at > e.request_deadline",
            soci::into(after_deadline);
        EXPECT_EQ(after_deadline, 0);
        (*db)->sql() << "SELECT count(*) FROM allocation_assignment WHERE run_id = 1", soci::into(decided);
        (*db)->sql() << "SELECT count(*) FROM group_request WHERE status <> 'cancelled'", soci::into(requests);
        EXPECT_EQ(decided, requests);
        std::string text;
        (*db)->sql()
            << "SELECT explanation FROM allocation_assignment WHERE run_id = 1 AND session_id IS NULL "
               "AND explanation LIKE '%Visites avec des places%' ORDER BY request_id LIMIT 1",
            soci::into(text);
        const std::string marker = "Visites avec des places : ";
        auto at = text.find(marker);
        ASSERT_NE(at, std::string::npos) << text;
        std::string first = text.substr(at + marker.size());
        first = first.substr(0, first.find(" ("));             // "Site name 9 h 30"
        std::string site = first.substr(0, first.rfind(' '));  // drop the time
        int sites = 0, with_room = 0;
        (*db)->sql() << "SELECT count(*) FROM site WHERE name = :n", soci::use(site), soci::into(sites);
        (*db)->sql()
            << "SELECT count(*) FROM session s JOIN site t ON t.id = s.site_id WHERE t.name = :n AND "
               "s.capacity_groups > 0",
            soci::use(site), soci::into(with_room);
        EXPECT_EQ(sites, 1) << site;
        EXPECT_GT(with_room, 0) << site;
    }
    EXPECT_EQ(Juo({"allocation", "publish", "--db", Path("a.db"), "--run", "9"}).code, 3);
    auto published = Juo({"allocation", "publish", "--db", Path("a.db"), "--run", "1"});
    ASSERT_EQ(published.code, 0) << published.err;
    EXPECT_NE(published.out.find("e-mails to every requester and host"), std::string::npos) << published.out;
    EXPECT_EQ(Juo({"allocation", "publish", "--db", Path("a.db"), "--run", "1"}).code, 4);
    EXPECT_EQ(Juo({"allocation", "discard", "--db", Path("a.db"), "--run", "1"}).code, 4);

    auto second = Juo({"allocate", "--db", Path("a.db"), "--buses", "75", "--time-limit", "60"});
    ASSERT_EQ(second.code, 0) << second.err;
    EXPECT_EQ(Juo({"allocation", "publish", "--db", Path("a.db"), "--run", "2"}).code,
              4);  // one published run
    EXPECT_EQ(Juo({"allocation", "discard", "--db", Path("a.db"), "--run", "2"}).code, 0);

    // The published run is in place: one confirmed group booking per accepted request, at its
    // assigned session, and buses that carry them.
    auto db = store::Database::Open(Path("a.db"), store::OpenMode::kMustExist);
    ASSERT_TRUE(db.ok());
    int accepted = 0, booked = 0, matching = 0, carried = 0, buses = 0;
    (*db)->sql() << "SELECT count(*) FROM group_request WHERE status = 'accepted'", soci::into(accepted);
    (*db)->sql() << "SELECT count(*) FROM booking WHERE kind = 'group' AND status = 'confirmed'",
        soci::into(booked);
    (*db)->sql() << "SELECT count(*) FROM booking b JOIN allocation_assignment a ON a.request_id = "
                    "b.group_request_id AND a.run_id = 1 AND a.session_id = b.session_id WHERE b.status = "
                    "'confirmed'",
        soci::into(matching);
    (*db)->sql() << "SELECT count(DISTINCT bb.booking_id) FROM bus_booking bb JOIN bus ON bus.id = bb.bus_id "
                    "WHERE bus.allocation_run_id = 1",
        soci::into(carried);
    (*db)->sql() << "SELECT count(*) FROM bus WHERE allocation_run_id = 1 AND status = 'booked'",
        soci::into(buses);
    EXPECT_GT(accepted, 0);
    EXPECT_EQ(booked, accepted);
    EXPECT_EQ(matching, accepted);
    EXPECT_GT(carried, 0);
    EXPECT_GT(buses, 0);
    EXPECT_LE(buses, 75);
    // Issue 18: the bilan counts each bus once — the run's buses and cost, nothing else.
    long long run_cost = 0;
    (*db)->sql() << "SELECT coalesce(sum(cost_cents), 0) FROM bus WHERE allocation_run_id = 1", soci::into(run_cost);
    auto report = Juo({"report", "--db", Path("a.db"), "--format", "json"});
    ASSERT_EQ(report.code, 0) << report.err;
    auto figures = boost::json::parse(report.out).as_object().at("buses").as_object();
    EXPECT_EQ(figures.at("buses").to_number<long long>(), buses);
    EXPECT_EQ(figures.at("cost_cents").to_number<long long>(), run_cost);
}

// Issue 18: publishing on a closed edition (the replica after the event, with its check-ins) is
// refused and cancels nothing: the bilan's figures are the same before and after.
TEST_F(CliTest, PublishingOnAClosedEditionIsRefusedAndCancelsNothing) {
    ASSERT_EQ(Juo({"seed", "--db", Path("closed.db"), "--quiet"}).code, 0);
    auto before = Juo({"report", "--db", Path("closed.db"), "--format", "json"});
    ASSERT_EQ(before.code, 0) << before.err;
    auto run = Juo({"allocate", "--db", Path("closed.db"), "--buses", "75", "--time-limit", "20", "--quiet"});
    ASSERT_EQ(run.code, 0) << run.err;
    EXPECT_EQ(run.err, "");  // --quiet: no progress
    auto refused = Juo({"allocation", "publish", "--db", Path("closed.db"), "--run", "1"});
    EXPECT_EQ(refused.code, 4);
    EXPECT_NE(refused.err.find("the edition is closed"), std::string::npos) << refused.err;
    auto after = Juo({"report", "--db", Path("closed.db"), "--format", "json"});
    ASSERT_EQ(after.code, 0) << after.err;
    const auto b = boost::json::parse(before.out).as_object(), a = boost::json::parse(after.out).as_object();
    EXPECT_EQ(a.at("buses"), b.at("buses"));
    EXPECT_EQ(a.at("headlines"), b.at("headlines"));
    EXPECT_EQ(b.at("buses").as_object().at("buses").to_number<long long>(), 75);
}

TEST_F(CliTest, ImportChecksEveryRowAndImportsAllOrNothing) {
    ASSERT_EQ(Juo({"seed", "--db", Path("i.db"), "--quiet"}).code, 0);
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(Path(name), std::ios::binary) << text;
        return Path(name);
    };
    const std::string broken = write("broken.csv",
                                     "type;média;date\npresse;Le Progrès;2025-04-05\npigeon;X;2025-04-05\n"
                                     "web;Y;2025-13-01\n");
    auto bad = Juo({"import", "media", broken, "--db", Path("i.db")});
    EXPECT_EQ(bad.code, 1);
    EXPECT_NE(bad.err.find("line 3, column type"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("line 4, column date"), std::string::npos) << bad.err;
    EXPECT_NE(bad.err.find("nothing imported"), std::string::npos);
    const std::string clean = write("clean.csv", "type,média,date\npresse,Le Progrès,2025-04-05\nweb,Lyon Mag,05/04/2025\n");
    auto dry = Juo({"import", "media", clean, "--db", Path("i.db"), "--dry-run"});
    EXPECT_EQ(dry.code, 0) << dry.err;
    EXPECT_NE(dry.out.find("2 row(s), no problem"), std::string::npos) << dry.out;
    auto done = Juo({"import", "media", clean, "--db", Path("i.db")});
    EXPECT_EQ(done.code, 0) << done.err;
    EXPECT_NE(done.out.find("2 media row(s) imported"), std::string::npos) << done.out;
    EXPECT_EQ(Juo({"import", "media", Path("missing.csv"), "--db", Path("i.db")}).code, 5);
    EXPECT_NE(Juo({"import", "films", clean, "--db", Path("i.db")}).code, 0);
    EXPECT_EQ(Juo({"import", "sites", clean, "--db", Path("i.db")}).code, 1);  // not a sites file
}


TEST_F(CliTest, BackupAndRestoreGiveBackTheSameBilan) {
    const auto report = SeedAndReport(Path("live.db"));
    ASSERT_EQ(report.code, 0) << report.err;

    auto backup = Juo({"backup", "--db", Path("live.db"), "--to", Path("copy.db")});
    ASSERT_EQ(backup.code, 0) << backup.err;
    EXPECT_NE(backup.out.find("backup written"), std::string::npos);
    EXPECT_EQ(Juo({"report", "--db", Path("copy.db"), "--format", "json"}).out, report.out);
    // Never over an existing file.
    auto again = Juo({"backup", "--db", Path("live.db"), "--to", Path("copy.db")});
    EXPECT_NE(again.code, 0);
    EXPECT_TRUE(OneLine(again.err));

    // Restored into a new place: the same bilan. Over an existing database only with --force.
    ASSERT_EQ(Juo({"restore", "--from", Path("copy.db"), "--db", Path("restored.db")}).code, 0);
    EXPECT_EQ(Juo({"report", "--db", Path("restored.db"), "--format", "json"}).out, report.out);
    EXPECT_NE(Juo({"restore", "--from", Path("copy.db"), "--db", Path("restored.db")}).code, 0);
    EXPECT_EQ(Juo({"restore", "--from", Path("copy.db"), "--db", Path("restored.db"), "--force"}).code, 0);

    // Not a backup: refused, the database untouched.
    { std::ofstream(Path("notes.txt")) << "not a database"; }
    const auto size = fs::file_size(Path("restored.db"));
    auto bad = Juo({"restore", "--from", Path("notes.txt"), "--db", Path("restored.db"), "--force"});
    EXPECT_NE(bad.code, 0);
    EXPECT_NE(bad.err.find("not a JUO backup"), std::string::npos) << bad.err;
    EXPECT_EQ(fs::file_size(Path("restored.db")), size);
    EXPECT_NE(Juo({"restore", "--from", Path("missing.db"), "--db", Path("restored.db"), "--force"}).code, 0);
}

TEST_F(CliTest, CopyDbCopiesIntoAnEmptyDatabaseAndRefusesTheRest) {
    const auto report = SeedAndReport(Path("live.db"));
    ASSERT_EQ(report.code, 0) << report.err;

    auto copied = Juo({"copy-db", "--from", Path("live.db"), "--to", Path("copy.db")});
    ASSERT_EQ(copied.code, 0) << copied.err;
    EXPECT_NE(copied.out.find("row counts checked"), std::string::npos) << copied.out;
    EXPECT_NE(copied.err.find("juo: booking: "), std::string::npos) << copied.err;  // progress per table
    EXPECT_EQ(Juo({"report", "--db", Path("copy.db"), "--format", "json"}).out, report.out);
    EXPECT_TRUE(Juo({"copy-db", "--quiet", "--from", Path("live.db"), "--to", Path("quiet.db")}).err.empty());

    // Bad input: an error on stderr, the exit status of its kind, nothing written.
    const auto size = fs::file_size(Path("copy.db"));
    for (const auto& [args, code] : std::vector<std::pair<std::vector<std::string>, int>>{
             {{"copy-db", "--from", Path("live.db")}, 2},
             {{"copy-db", "--from", Path("live.db"), "--to", Path("x.db"), "--merge"}, 2},
             {{"copy-db", "--from", Path("live.db"), "--to", Path("live.db")}, 2},
             {{"copy-db", "--from", Path("live.db"), "--to", Path("copy.db")}, 4},
             {{"copy-db", "--from", Path("missing.db"), "--to", Path("x.db")}, 5},
             {{"copy-db", "--from", Path("live.db"), "--to", "postgresql://juo@127.0.0.1:1/juo"}, 5}}) {
        auto refused = Juo(args);
        EXPECT_EQ(refused.code, code) << args.back() << ": " << refused.err;
        EXPECT_NE(refused.err.find("juo: error: "), std::string::npos) << refused.err;
    }
    EXPECT_EQ(fs::file_size(Path("copy.db")), size);
    EXPECT_FALSE(fs::exists(Path("x.db")));
}

// [block: open edition and demo accounts]
// The users of a database file, for comparisons: how many, and how many at the demo domain.
std::pair<long long, long long> UserCounts(const std::string& path) {
    auto db = store::Database::Open(path, store::OpenMode::kMustExist);
    EXPECT_TRUE(db.ok());
    long long all = 0, demo = 0;
    (*db)->sql() << "SELECT count(*) FROM app_user", soci::into(all);
    (*db)->sql() << "SELECT count(*) FROM app_user WHERE email LIKE '%demo.juo.test'", soci::into(demo);
    return {all, demo};
}

TEST_F(CliTest, ASeedWithoutTheDemoFlagHasNoDemoAccount) {
    ASSERT_EQ(Juo({"seed", "--db", Path("plain.db"), "--quiet"}).code, 0);
    auto plain = Juo({"seed", "--db", Path("plain.db"), "--open-now", "--quiet"});
    ASSERT_EQ(plain.code, 0) << plain.err;
    EXPECT_EQ(plain.out.find("demo.juo.test"), std::string::npos);
    EXPECT_EQ(UserCounts(Path("plain.db")).second, 0);
    // The same seeds with the flag: the same seeded users, and six more at the demo domain.
    ASSERT_EQ(Juo({"seed", "--db", Path("demo.db"), "--quiet"}).code, 0);
    ASSERT_EQ(Juo({"seed", "--db", Path("demo.db"), "--open-now", "--demo-accounts", "--quiet"}).code, 0);
    auto [plain_users, plain_demo] = UserCounts(Path("plain.db"));
    auto [demo_users, demo_demo] = UserCounts(Path("demo.db"));
    EXPECT_EQ(demo_demo, 6);
    EXPECT_EQ(demo_users, plain_users + 6);
}

TEST_F(CliTest, OpenNowSeedsAnEditionOpenTodayWithItsDaysAhead) {
    ASSERT_EQ(Juo({"seed", "--db", Path("open.db"), "--quiet"}).code, 0);  // 2025, for the bilan
    auto seeded = Juo({"seed", "--db", Path("open.db"), "--open-now", "--quiet"});
    ASSERT_EQ(seeded.code, 0) << seeded.err;
    EXPECT_NE(seeded.out.find("is open: registrations from"), std::string::npos) << seeded.out;
    auto db = store::Database::Open(Path("open.db"), store::OpenMode::kMustExist);
    ASSERT_TRUE(db.ok());
    int year = 0;
    std::string status, opens, closes, first_day, now = NowUtcIso();
    (*db)->sql() << "SELECT year, status, registration_opens_at, registration_closes_at FROM edition "
                    "WHERE year = (SELECT max(year) FROM edition)",
        soci::into(year), soci::into(status), soci::into(opens), soci::into(closes);
    (*db)->sql() << "SELECT min(day_date) FROM edition_day d JOIN edition e ON e.id = d.edition_id "
                    "WHERE e.year = :y",
        soci::use(year), soci::into(first_day);
    EXPECT_GT(year, 2025);
    EXPECT_EQ(status, "open");
    EXPECT_LT(opens, now);
    EXPECT_GT(closes, now);
    EXPECT_GT(first_day, now.substr(0, 10));
    EXPECT_LT(closes, first_day);
    long long pending = 0, decided = 0, future_bookings = 0, check_ins = 0;
    (*db)->sql() << "SELECT count(*) FROM group_request r JOIN edition e ON e.id = r.edition_id "
                    "WHERE e.year = :y AND r.status = 'pending'",
        soci::use(year), soci::into(pending);
    (*db)->sql() << "SELECT count(*) FROM group_request r JOIN edition e ON e.id = r.edition_id "
                    "WHERE e.year = :y AND r.status <> 'pending'",
        soci::use(year), soci::into(decided);
    (*db)->sql() << "SELECT count(*) FROM booking b JOIN edition e ON e.id = b.edition_id "
                    "WHERE e.year = :y AND b.created_at > :now",
        soci::use(year), soci::use(now), soci::into(future_bookings);
    (*db)->sql() << "SELECT count(*) FROM check_in c JOIN booking b ON b.id = c.booking_id "
                    "JOIN edition e ON e.id = b.edition_id WHERE e.year = :y",
        soci::use(year), soci::into(check_ins);
    EXPECT_GT(pending, 0);  // the Friday round has not run
    EXPECT_EQ(decided, 0);
    EXPECT_EQ(future_bookings, 0);
    EXPECT_EQ(check_ins, 0);

    // Refused, with the edition to give: another year than the open days', an earlier edition
    // than one the database holds.
    auto wrong_year = Juo({"seed", "--db", Path("other.db"), "--edition", "2099", "--open-now", "--quiet"});
    EXPECT_EQ(wrong_year.code, 2);
    EXPECT_TRUE(OneLine(wrong_year.err));
    EXPECT_NE(wrong_year.err.find("that is edition " + std::to_string(year)), std::string::npos) << wrong_year.err;
    const std::string later = std::to_string(year + 1);
    ASSERT_EQ(Juo({"seed", "--db", Path("later.db"), "--edition", later, "--quiet"}).code, 0);
    auto behind = Juo({"seed", "--db", Path("later.db"), "--open-now", "--quiet"});
    EXPECT_EQ(behind.code, 4);
    EXPECT_NE(behind.err.find("holds edition " + later), std::string::npos) << behind.err;
    auto help = Juo({"seed", "--help"});
    EXPECT_NE(help.out.find("--open-now"), std::string::npos);
    EXPECT_NE(help.out.find("--demo-accounts"), std::string::npos);
}

TEST_F(CliTest, DemoAccountsSignInWithTheirPrintedPasswords) {
    auto seeded = Juo({"seed", "--db", Path("demo.db"), "--open-now", "--demo-accounts", "--public-url",
                       "http://localhost:9999/", "--quiet"});
    ASSERT_EQ(seeded.code, 0) << seeded.err;
    // Each table row: role label, e-mail, password, start URL.
    struct Row {
        std::string email, password, url;
    };
    std::vector<Row> rows;
    std::istringstream lines(seeded.out);
    for (std::string line; std::getline(lines, line);) {
        auto at = line.find("@demo.juo.test");
        if (at == std::string::npos || line.find("  ", 0) != 0) continue;
        std::istringstream fields(line.substr(line.rfind(' ', at) + 1));
        Row r;
        fields >> r.email >> r.password >> r.url;
        rows.push_back(r);
    }
    ASSERT_EQ(rows.size(), 6u) << seeded.out;
    const char* roles[] = {"visitor", "teacher", "adviser", "host", "relay", "organiser"};
    auto db = store::Database::Open(Path("demo.db"), store::OpenMode::kMustExist);
    ASSERT_TRUE(db.ok());
    auth::Accounts accounts;
    auth::SessionStore sessions;
    for (size_t i = 0; i < rows.size(); ++i) {
        SCOPED_TRACE(rows[i].email);
        EXPECT_EQ(rows[i].url.rfind("http://localhost:9999/compte/connexion?next=%2F", 0), 0u) << rows[i].url;
        auto user = accounts.Login(**db, rows[i].email, rows[i].password);
        ASSERT_TRUE(user.ok()) << user.error().message;
        auto session = sessions.Create(**db, *user);
        ASSERT_TRUE(session.ok());
        auto who = sessions.Lookup(**db, *session);
        ASSERT_TRUE(who.ok() && *who);
        ASSERT_FALSE((*who)->roles.empty());
        EXPECT_EQ(domain::ToCode((*who)->roles.front().role), roles[i]);
        if (i == 3) EXPECT_TRUE((*who)->roles.front().site_id.has_value());
        if (i == 4) EXPECT_FALSE((*who)->roles.front().department_code.empty());
    }
    EXPECT_NE(seeded.out.find("L'hôte gère l'usine "), std::string::npos);
    EXPECT_NE(seeded.out.find("Le relais régional couvre la région "), std::string::npos);
    // The passwords are printed once: they are not in the database, only their hashes.
    long long clear = 0;
    (*db)->sql() << "SELECT count(*) FROM app_user WHERE password_hash = :p", soci::use(rows[0].password),
        soci::into(clear);
    EXPECT_EQ(clear, 0);
}
// [end of block: open edition and demo accounts]

// `juo serve --demo` is documented, and refused on PostgreSQL before any connection is tried.
TEST_F(CliTest, ServeDemoOnlyOnSqlite) {
    auto help = Juo({"serve", "--help"});
    EXPECT_EQ(help.code, 0);
    EXPECT_NE(help.out.find("--demo"), std::string::npos);
    EXPECT_NE(help.out.find("/demo/courriels"), std::string::npos);
    auto refused = Juo({"serve", "--demo", "--db", "postgresql://juo:secret@127.0.0.1:1/juo"});
    EXPECT_NE(refused.code, 0);
    EXPECT_TRUE(OneLine(refused.err)) << refused.err;
    EXPECT_NE(refused.err.find("demo mode is for a local SQLite demo"), std::string::npos) << refused.err;
    EXPECT_EQ(refused.err.find("secret"), std::string::npos) << "no password in the message";
}

}  // namespace
}  // namespace juo::cli
