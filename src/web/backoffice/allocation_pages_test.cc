// Tests of /organisation/repartition (allocation_pages.cc) through the real router, sessions, CSRF
// and SQLite, on the 2025 replica at the request deadline (seed stage "requests": every Friday
// request pending) with one round solved by services::RunRound: every error of a wrong form at
// once and no round started; a relay reads but neither runs, pins nor publishes, and sees only
// their departments' decisions; the result beside first-come; pins carried in the address; the
// bus operator's CSV; publishing behind its confirmation and CSRF; discarding.
//
// Each test has its own database file. Not thread-safe (one test thread).
#include <gtest/gtest.h>

#include <future>

#include <filesystem>
#include <regex>

#include "auth/csrf.h"
#include "auth/sessions.h"
#include "http/router.h"
#include "seed/replica.h"
#include "services/allocation_rounds.h"
#include "store/back_office_test_data.h"
#include "store/db/connection_per_thread.h"
#include "web/backoffice/allocation_pages.h"

namespace juo::web {
namespace {

using domain::Role;

struct Answer {
    int status = 0;
    std::string body;
    std::string location;
    std::string content_type;
};

enum User { kOrganiser = 0, kRelay, kTeacher };

class AllocationPagesTest : public ::testing::Test {
 protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() /
               ("juo_alloc_pages_" + std::to_string(::getpid()) + "_" +
                ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
        const std::string file = (dir_ / "juo.db").string();
        auto db = store::Database::Open(file, store::OpenMode::kCreateIfMissing);
        ASSERT_TRUE(db.ok()) << db.error().message;
        db_ = std::move(*db);
        seed::ReplicaOptions options;
        options.stage = seed::ReplicaOptions::Stage::kRequests;
        auto replica = seed::GenerateReplica(options);
        ASSERT_TRUE(replica.ok()) << replica.error().message;
        ASSERT_TRUE(seed::WriteReplica(*db_, *replica, {}).ok());
        const std::vector<std::pair<std::string, std::vector<domain::RoleGrant>>> people = {
            {"organiser", {{Role::kOrganiser, "", std::nullopt}}},
            {"relay", {{Role::kRelay, "69", std::nullopt}}},
            {"teacher", {{Role::kTeacher, "", std::nullopt}}}};
        for (const auto& [name, grants] : people) {
            users_.push_back(store::testing::AddUser(*db_, name + "@alloc.example.org", name, grants));
            sessions_.push_back(*store_.Create(*db_, users_.back()));
        }
        services::RoundSettings settings;
        settings.year = 2025;
        settings.budget_eur = 50'000;
        settings.time_limit_seconds = 2;
        settings.seed = 7;
        auto run = services::RunRound(*db_, settings, users_[kOrganiser]);
        ASSERT_TRUE(run.ok()) << run.error().message;
        run_ = *run;
        connections_ = std::make_unique<store::ConnectionPerThread>(file);
        PeopleContext ctx;
        ctx.sessions = &store_;
        ctx.csrf = &csrf_;
        ctx.db = connections_.get();
        ctx.public_url = "http://test";
        ctx.tile_url = "https://tile.openstreetmap.org/{z}/{x}/{y}.png";
        RegisterAllocationPages(router_, ctx);
    }
    void TearDown() override {
        connections_.reset();
        db_.reset();
        std::filesystem::remove_all(dir_);
    }

    // The request through the router with `user`'s session cookie (and, when `csrf`, the form's
    // token for a POST).
    Answer Send(const std::string& method, const std::string& target, int user, const std::string& body = "",
                bool csrf = true) {
        http::Request req;
        req.method = method;
        EXPECT_TRUE(http::ParseTarget(target, &req).ok()) << target;
        req.body = body;
        if (!body.empty() || method == "POST") req.headers["content-type"] = "application/x-www-form-urlencoded";
        const std::string& session = sessions_[static_cast<size_t>(user)];
        req.headers["cookie"] = "juo_session=" + session;
        if (csrf && method == "POST") req.body = "csrf=" + csrf_.SessionToken(session) + "&" + req.body;
        auto match = router_.Match(method, req.path);
        if (match.outcome != http::RouteMatch::Outcome::kFound) return {404, "", "", ""};
        req.path_params = match.params;
        http::Response resp;
        if (match.async_handler) {  // publish and discard answer from another thread
            std::promise<http::Response> answer;
            (*match.async_handler)(req, [&](http::Response r) { answer.set_value(std::move(r)); });
            resp = answer.get_future().get();
        } else {
            resp = (*match.handler)(req);
        }
        Answer a{resp.status, resp.body, "", resp.content_type};
        for (const auto& [k, v] : resp.headers)
            if (k == "Location") a.location = v;
        return a;
    }
    long long Count(const std::string& sql) {
        long long n = 0;
        db_->sql() << sql, soci::into(n);
        return n;
    }
    std::string RunPage() const { return "/organisation/repartition/" + std::to_string(run_); }
    static int Occurrences(const std::string& text, const std::string& what) {
        int n = 0;
        for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    }

    std::filesystem::path dir_;
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<store::ConnectionPerThread> connections_;
    auth::SessionStore store_;
    auth::CsrfSigner csrf_ = *auth::CsrfSigner::FromSecret(auth::CsrfSigner::NewSecret());
    http::Router router_;
    std::vector<long long> users_;
    std::vector<std::string> sessions_;
    long long run_ = 0;
};

TEST_F(AllocationPagesTest, TheListShowsTheFormAndTheRunToTheOrganiserOnly) {
    Answer a = Send("GET", "/organisation/repartition?edition=2025", kOrganiser);
    ASSERT_EQ(a.status, 200) << a.body;
    EXPECT_NE(a.body.find("data-alloc-form"), std::string::npos);
    EXPECT_NE(a.body.find("name=\"guarantee\" type=\"checkbox\" value=\"1\" checked"), std::string::npos)
        << "the priority guarantee is on by default";
    EXPECT_NE(a.body.find("data-run=\"" + std::to_string(run_) + "\""), std::string::npos);
    Answer relay = Send("GET", "/organisation/repartition?edition=2025", kRelay);
    ASSERT_EQ(relay.status, 200);
    EXPECT_EQ(relay.body.find("data-alloc-form"), std::string::npos) << "a relay does not run rounds";
    EXPECT_NE(relay.body.find("data-run=\"" + std::to_string(run_) + "\""), std::string::npos);
    EXPECT_EQ(Send("GET", "/organisation/repartition?edition=2025", kTeacher).status, 403);
}

TEST_F(AllocationPagesTest, AWrongFormShowsEveryErrorAtOnceAndStartsNothing) {
    const long long jobs = Count("SELECT COUNT(*) FROM allocation_job");
    Answer a = Send("POST", "/organisation/repartition?edition=2025", kOrganiser,
                    "seats_per_bus=0&eur_per_bus=350&eur_per_km=-3&limit=budget&budget_eur=inf&"
                    "time_limit_seconds=1e9&seed=5&guarantee=1");
    EXPECT_EQ(a.status, 400);
    for (const char* field : {"seats_per_bus", "eur_per_km", "budget_eur", "time_limit_seconds"})
        EXPECT_NE(a.body.find("id=\"f-" + std::string(field) + "\" name=\"" + field), std::string::npos) << field;
    const auto summary = a.body.substr(a.body.find("data-alloc-errors"));
    EXPECT_EQ(Occurrences(summary.substr(0, summary.find("</ul>")), "<li>"), 4) << summary.substr(0, 2000);
    EXPECT_EQ(Occurrences(a.body, "aria-invalid=\"true\""), 4);
    EXPECT_NE(a.body.find("value=\"1e9\""), std::string::npos) << "what was typed stays";
    // A budget chosen but not given is an error too.
    Answer b = Send("POST", "/organisation/repartition?edition=2025", kOrganiser,
                    "seats_per_bus=55&eur_per_bus=350&eur_per_km=2.5&limit=budget&budget_eur=&time_limit_seconds=5&seed=1");
    EXPECT_EQ(b.status, 400);
    EXPECT_NE(b.body.find("Indiquez le budget"), std::string::npos);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM allocation_job"), jobs);
    // Without a runner (ctx.rounds null) a right form is refused with 503, and as a relay 403.
    EXPECT_EQ(Send("POST", "/organisation/repartition?edition=2025", kOrganiser,
                   "seats_per_bus=55&eur_per_bus=350&eur_per_km=2.5&limit=none&time_limit_seconds=5&seed=1").status,
              503);
    EXPECT_EQ(Send("POST", "/organisation/repartition?edition=2025", kRelay,
                   "seats_per_bus=55&eur_per_bus=350&eur_per_km=2.5&limit=none&time_limit_seconds=5&seed=1").status,
              403);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM allocation_job"), jobs);
}

TEST_F(AllocationPagesTest, TheResultSitsBesideFirstComeWithPinsInTheAddress) {
    Answer a = Send("GET", RunPage(), kOrganiser);
    ASSERT_EQ(a.status, 200) << a.body;
    for (const char* key : {"data-alloc-breakdown=\"priority\"", "data-alloc-breakdown=\"department\"",
                            "data-alloc-breakdown=\"region\"", "data-alloc-buses", "data-fact=\"seed\">7<",
                            "data-alloc-publish", "data-alloc-discard", "data-points=\"[["})
        EXPECT_NE(a.body.find(key), std::string::npos) << key;
    // The bound's source in French on the French page (it is stored in English).
    for (const char* english : {"the flow bound", "the LP bound", "Lagrangian bound", "GLPK's"})
        EXPECT_EQ(a.body.find(english), std::string::npos) << english;
    EXPECT_TRUE(a.body.find("la borne") != std::string::npos || a.body.find("optimum prouvé par GLPK") != std::string::npos);
    // A placed decision offers a pin; following it marks the decision and arms "solve again".
    std::smatch m;
    ASSERT_TRUE(std::regex_search(a.body, m, std::regex("href=\"([^\"]*epingler=(\\d+)(%3A|:)(\\d+)[^\"]*)\"")));
    const std::string request = m[2];
    std::string link = std::regex_replace(std::string(m[1]), std::regex("&amp;"), "&");
    link = link.substr(0, link.find('#'));
    Answer pinned = Send("GET", link, kOrganiser);
    ASSERT_EQ(pinned.status, 200);
    EXPECT_NE(pinned.body.find("id=\"r-" + request + "\" data-request=\"" + request + "\""), std::string::npos);
    EXPECT_NE(pinned.body.find("data-pin=\"pending_pin\""), std::string::npos);
    EXPECT_NE(pinned.body.find("name=\"pinned\" value=\"" + request + ":" + std::string(m[4]) + "\""), std::string::npos);
    // A search by the request's number finds it alone.
    Answer found = Send("GET", RunPage() + "?q=" + request, kOrganiser);
    EXPECT_EQ(Occurrences(found.body, "class=\"alloc-decision "), 1);
}

TEST_F(AllocationPagesTest, ARelayReadsTheirDepartmentsOnlyAndCannotDecide) {
    Answer a = Send("GET", RunPage(), kRelay);
    ASSERT_EQ(a.status, 200) << a.body;
    EXPECT_EQ(a.body.find("data-alloc-publish"), std::string::npos);
    EXPECT_EQ(a.body.find("epingler="), std::string::npos);
    // Every decision shown is of the Rhône (69).
    std::regex meta("class=\"alloc-decision__meta\">([^<]*)<");
    int shown = 0;
    for (auto it = std::sregex_iterator(a.body.begin(), a.body.end(), meta); it != std::sregex_iterator(); ++it, ++shown)
        EXPECT_NE((*it)[1].str().find("(69)"), std::string::npos) << (*it)[1].str();
    EXPECT_GT(shown, 0);
    EXPECT_EQ(Send("GET", RunPage() + "/publier", kRelay).status, 403);
    EXPECT_EQ(Send("POST", RunPage() + "/publier", kRelay).status, 403);
    Answer csv = Send("GET", RunPage() + "/export?format=csv", kRelay);
    EXPECT_EQ(csv.status, 200);
    EXPECT_EQ(csv.content_type.rfind("text/csv", 0), 0u) << csv.content_type;
}

TEST_F(AllocationPagesTest, PublishingSaysWhatWillHappenAndNeedsTheToken) {
    Answer confirm = Send("GET", RunPage() + "/publier", kOrganiser);
    ASSERT_EQ(confirm.status, 200);
    EXPECT_NE(confirm.body.find("data-alloc-consequences"), std::string::npos);
    EXPECT_NE(confirm.body.find("annulés et remplacés"), std::string::npos);
    EXPECT_EQ(Send("POST", RunPage() + "/publier", kOrganiser, "", /*csrf=*/false).status, 403);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM allocation_run WHERE status = 'published'"), 0);
    Answer done = Send("POST", RunPage() + "/publier", kOrganiser);
    EXPECT_EQ(done.status, 303) << done.body.substr(0, 3000);
    EXPECT_NE(done.location.find("publie=1"), std::string::npos);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM allocation_run WHERE status = 'published'"), 1);
    Answer after = Send("GET", RunPage(), kOrganiser);
    EXPECT_EQ(after.body.find("data-alloc-publish"), std::string::npos) << "a published run has no decision left";
    EXPECT_NE(after.body.find("data-alloc-exports"), std::string::npos);
}

TEST_F(AllocationPagesTest, EveryPageInBothLanguagesHasAllItsWords) {
    const std::string run = RunPage();
    for (const std::string& lang : {std::string("fr"), std::string("en")}) {
        for (const std::string& page : {std::string("/organisation/repartition?edition=2025"), run, run + "/publier"}) {
            Answer a = Send("GET", page + (page.find('?') == std::string::npos ? "?" : "&") + "lang=" + lang, kOrganiser);
            ASSERT_EQ(a.status, 200) << page;
            EXPECT_EQ(a.body.find("??"), std::string::npos) << page << " (" << lang << "): a missing message near "
                                                            << a.body.substr(std::min(a.body.size(), a.body.find("??")), 80);
            EXPECT_NE(a.body.find("<html lang=\"" + lang + "\""), std::string::npos) << page;
        }
    }
    Answer en = Send("GET", run + "?lang=en", kOrganiser);
    EXPECT_NE(en.body.find("The decisions, request by request"), std::string::npos);
}

TEST_F(AllocationPagesTest, DiscardingADraft) {
    Answer done = Send("POST", RunPage(), kOrganiser, "action=discard");
    EXPECT_EQ(done.status, 303);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM allocation_run WHERE status = 'discarded'"), 1);
    Answer again = Send("POST", RunPage(), kOrganiser, "action=discard");
    EXPECT_EQ(again.status, 409) << "a discarded run is not a draft";
    EXPECT_EQ(Send("POST", RunPage(), kOrganiser, "action=other").status, 400);
}

}  // namespace
}  // namespace juo::web
