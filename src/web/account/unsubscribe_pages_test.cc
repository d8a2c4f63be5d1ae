// The unsubscribe page (issue 20, ADR 0014) through the real router, on an empty database: GET
// shows the question in French then English with a button and records nothing (link scanners
// prefetch); POST records the opt-out — the page's form or a mail client's one-click POST
// (RFC 8058: body "List-Unsubscribe=One-Click", no cookie, no CSRF token) — and a second POST is
// no error; a forged, cut or incomplete link is refused and records nothing; no secret configured:
// every link refused. On SQLite, and on PostgreSQL with JUO_TEST_PG_URL.
#include "web/account/unsubscribe_pages.h"

#include "http/router.h"
#include "store/db/connection_per_thread.h"
#include "store/db/test_database.h"
#include "web/kit/api_test_kit.h"

namespace juo::web {
namespace {

class UnsubscribePagesTest : public ::testing::Test {
 protected:
    void SetUp() override {
        const std::string url = folder_.Url("unsubscribe.db");
        auto db = store::Database::Open(url, store::OpenMode::kCreateIfMissing);
        ASSERT_TRUE(db.ok()) << db.error().message;
        db_ = std::move(*db);
        connections_ = std::make_unique<store::ConnectionPerThread>(url);
        PeopleContext ctx;
        ctx.db = connections_.get();
        ctx.unsubscribe = &links_;
        RegisterUnsubscribePages(router_, ctx);
        PeopleContext without;
        without.db = connections_.get();
        RegisterUnsubscribePages(no_secret_, without);
    }
    long long OptOuts() {
        long long n = 0;
        db_->sql() << "SELECT count(*) FROM mail_opt_out", soci::into(n);
        return n;
    }
    std::string Path(const std::string& list, const std::string& address) {
        return links_.Url("", list, address);
    }
    static std::map<std::string, std::string> OneClick() {
        return {{"content-type", "application/x-www-form-urlencoded"}};
    }

    store::TestFolder folder_{"juo_unsubscribe_pages"};
    std::unique_ptr<store::Database> db_;
    std::unique_ptr<store::ConnectionPerThread> connections_;
    mail::UnsubscribeLinks links_{"the installation's secret"};
    http::Router router_, no_secret_;
};

TEST_F(UnsubscribePagesTest, GetAsksAndChangesNothingThenPostUnsubscribes) {
    const std::string path = Path("reminder", "Famille@example.org");
    EXPECT_EQ(path.rfind("/desabonnement?liste=reminder&adresse=famille%40example.org&jeton=", 0), 0u) << path;
    for (int i = 0; i < 3; ++i) {  // a scanner fetching the link, then the person
        Answer page = SendThrough(router_, "GET", path);
        ASSERT_EQ(page.status, 200) << page.html;
        EXPECT_NE(page.html.find("<section lang=\"fr\""), std::string::npos);
        EXPECT_NE(page.html.find("<section lang=\"en\""), std::string::npos);
        EXPECT_LT(page.html.find("Ne plus recevoir les rappels de visite"), page.html.find("Stop receiving the tour"));
        EXPECT_NE(page.html.find("famille@example.org"), std::string::npos);
        EXPECT_NE(page.html.find("method=\"post\""), std::string::npos);
        EXPECT_NE(page.html.find("name=\"List-Unsubscribe\" value=\"One-Click\""), std::string::npos);
        EXPECT_EQ(page.html.find("name=\"csrf\""), std::string::npos);
    }
    EXPECT_EQ(OptOuts(), 0);
    // The mail client's one-click POST: the header's URL, that body, nothing else.
    Answer done = SendThrough(router_, "POST", path, "List-Unsubscribe=One-Click", OneClick());
    ASSERT_EQ(done.status, 200) << done.html;
    EXPECT_NE(done.html.find("ne recevra plus les rappels de visite"), std::string::npos);
    EXPECT_NE(done.html.find("Done:"), std::string::npos);
    EXPECT_EQ(OptOuts(), 1);
    // Again (the person clicks the page's button after the client did): no error, one row.
    EXPECT_EQ(SendThrough(router_, "POST", path, "List-Unsubscribe=One-Click", OneClick()).status, 200);
    EXPECT_EQ(OptOuts(), 1);
    // The page now says it is done, with no button.
    Answer after = SendThrough(router_, "GET", path);
    EXPECT_EQ(after.status, 200);
    EXPECT_NE(after.html.find("ne reçoit déjà plus"), std::string::npos);
    EXPECT_EQ(after.html.find("method=\"post\""), std::string::npos);
    // The other list is separate; its parts may come in the form's body too.
    const std::string survey = Path("survey", "famille@example.org");
    const std::string query = survey.substr(survey.find('?') + 1);
    EXPECT_EQ(SendThrough(router_, "POST", "/desabonnement", query, OneClick()).status, 200);
    EXPECT_EQ(OptOuts(), 2);
}

TEST_F(UnsubscribePagesTest, ABadLinkIsRefusedAndRecordsNothing) {
    const std::string good = Path("survey", "a@example.org");
    const std::string token = good.substr(good.find("jeton=") + 6);
    for (const std::string& bad : std::vector<std::string>{
             "/desabonnement", "/desabonnement?liste=survey&adresse=a%40example.org",
          "/desabonnement?liste=survey&adresse=b%40example.org&jeton=" + token,
          "/desabonnement?liste=reminder&adresse=a%40example.org&jeton=" + token,
          "/desabonnement?liste=news&adresse=a%40example.org&jeton=" + token,
          "/desabonnement?liste=survey&adresse=a%40example.org&jeton=" + token.substr(2)}) {
        Answer get = SendThrough(router_, "GET", bad);
        EXPECT_TRUE(get.status == 400 || get.status == 403) << bad << " " << get.status;
        EXPECT_EQ(get.html.find("method=\"post\""), std::string::npos) << bad;
        EXPECT_EQ(SendThrough(router_, "POST", bad, "List-Unsubscribe=One-Click", OneClick()).status, get.status)
            << bad;
    }
    EXPECT_EQ(OptOuts(), 0);
    // Without a configured secret, even a well-made link opens nothing.
    EXPECT_EQ(SendThrough(no_secret_, "GET", good).status, 403);
    EXPECT_EQ(SendThrough(no_secret_, "POST", good, "List-Unsubscribe=One-Click", OneClick()).status, 403);
    EXPECT_EQ(OptOuts(), 0);
}

}  // namespace
}  // namespace juo::web
