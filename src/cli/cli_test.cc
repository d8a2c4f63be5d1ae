// Tests of the command line: flags, exit codes and one-line errors, on real database files.
#include "cli/cli.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

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

}  // namespace
}  // namespace juo::cli
