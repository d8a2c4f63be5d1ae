// Issue 17, the account steps off the handler threads, through the router with the real pages
// and API: a sign-up started from a booking comes back to it (the link keeps `next`, confirming
// signs in), a guest's address can be signed up for, the sign-up and reset throttles answer 429
// with Retry-After, and a full hashing pool answers 503 with Retry-After. On the seeded replica
// of people_test_fixture.h (SQLite, or PostgreSQL under JUO_TEST_PG_URL).
#include <soci/soci.h>

#include "web/account/account_pages.h"
#include "web/kit/people_page_kit.h"
#include "web/kit/people_test_fixture.h"

namespace juo::web {
namespace {

// A response with its headers, for Retry-After.
http::Response Raw(http::Router& router, const std::string& method, const std::string& target,
                   const std::string& body, std::map<std::string, std::string> headers, const std::string& ip) {
    http::Request req;
    req.method = method;
    EXPECT_TRUE(http::ParseTarget(target, &req).ok());
    req.body = body;
    req.remote_address = ip;
    req.headers = std::move(headers);
    auto match = router.Match(method, target.substr(0, target.find('?')));
    EXPECT_EQ(match.outcome, http::RouteMatch::Outcome::kFound) << target;
    req.path_params = match.params;
    if (!match.async_handler) return (*match.handler)(req);
    std::promise<http::Response> answer;
    (*match.async_handler)(req, [&](http::Response r) { answer.set_value(std::move(r)); });
    return answer.get_future().get();
}

std::string HeaderOf(const http::Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers)
        if (k == name) return v;
    return "";
}

class AccountFlowTest : public PeopleApiTest {
 protected:
    // A context like the server's: the pool, and throttles when asked.
    PeopleContext Context(auth::HashingPool* pool, bool throttles) {
        PeopleContext c{accounts_, sessions_, limiter_, csrf_, engine_, connections_, "http://test", false};
        c.hashing = pool;
        if (throttles) {
            c.signup_throttle = &signup_;
            c.reset_throttle = &reset_;
            c.resend_throttle = &resend_;
        }
        return c;
    }
    std::unique_ptr<http::Router> Routes(const PeopleContext& c) {
        auto r = std::make_unique<http::Router>();
        RegisterAccountPages(*r, c);
        RegisterAccountApi(*r, c);
        return r;
    }
    static std::map<std::string, std::string> FormHeaders() {
        return {{"content-type", "application/x-www-form-urlencoded"}};
    }
    std::string Db1(const std::string& sql) {
        auto db = std::move(*store::Database::Open(url_, store::OpenMode::kMustExist));
        std::string out;
        soci::indicator ind;
        db->sql() << sql, soci::into(out, ind);
        return ind == soci::i_ok ? out : "";
    }
    // The confirmation link's path and query in the last e-mail to `to`.
    std::string ConfirmLink(const std::string& to) {
        std::string body = Db1("SELECT body_text FROM email_outbox WHERE to_address = '" + to +
                               "' AND kind = 'account.confirm' ORDER BY id DESC LIMIT 1");
        auto at = body.find("http://test/compte/confirmation?");
        EXPECT_NE(at, std::string::npos) << body;
        if (at == std::string::npos) return "";
        at += std::string("http://test").size();
        return body.substr(at, body.find_first_of("\n ", at) - at);
    }

    auth::HashingPool pool_{auth::HashingPoolOptions{2, 8}};
    auth::RequestThrottle signup_{auth::ThrottleConfig::SignUp()};
    auth::RequestThrottle reset_{auth::ThrottleConfig::PasswordReset()};
    auth::RequestThrottle resend_{auth::ThrottleConfig::ConfirmationResend()};
};

TEST_F(AccountFlowTest, ASignUpStartedFromABookingComesBackToItSignedIn) {
    auto routes = Routes(Context(&pool_, false));
    const std::string booking = "/reserver/" + std::to_string(session_);
    // The sign-in page's "create one" link keeps next=.
    auto signin = Raw(*routes, "GET", "/compte/connexion?next=" + booking, "", {}, "198.51.100.1");
    EXPECT_NE(signin.body.find("/compte/inscription?next=%2Freserver%2F" + std::to_string(session_)),
              std::string::npos)
        << signin.body;
    auto form = Raw(*routes, "GET", "/compte/inscription?next=" + booking, "", {}, "198.51.100.1");
    EXPECT_NE(form.body.find("name=\"next\" value=\"" + booking + "\""), std::string::npos);
    auto created = Raw(*routes, "POST", "/compte/inscription",
                       "csrf=" + AnonymousFormToken(Context(nullptr, false)) +
                           "&display_name=Lou&email=lou%40example.org&password=un+long+secret+%21&next=" + booking,
                       FormHeaders(), "198.51.100.1");
    ASSERT_EQ(created.status, 201) << created.body;
    const std::string link = ConfirmLink("lou@example.org");
    EXPECT_NE(link.find("&next=" + booking), std::string::npos) << link;
    auto confirmed = Raw(*routes, "GET", link, "", {}, "198.51.100.1");
    ASSERT_EQ(confirmed.status, 303) << confirmed.body;
    EXPECT_EQ(HeaderOf(confirmed, "Location"), booking);
    const std::string cookie = HeaderOf(confirmed, "Set-Cookie");
    const std::string name = std::string(auth::kSessionCookieName) + "=";
    ASSERT_EQ(cookie.rfind(name, 0), 0u) << cookie;
    const std::string session = cookie.substr(name.size(), cookie.find(';') - name.size());
    auto me = Raw(*routes, "GET", "/api/v1/me", "", {{"authorization", "Bearer " + session}}, "198.51.100.1");
    EXPECT_EQ(me.status, 200);
    // The link worked once; a foreign next= is ignored.
    EXPECT_EQ(Raw(*routes, "GET", link, "", {}, "198.51.100.1").status, 409);
}

TEST_F(AccountFlowTest, AGuestsAddressCanBeSignedUpForAndTheBookingsStayTheirs) {
    {
        auto db = std::move(*store::Database::Open(url_, store::OpenMode::kMustExist));
        db->sql() << "INSERT INTO app_user (email, display_name, locale, created_at) VALUES "
                     "('guest@example.org', 'Invitée', 'fr', '2026-01-01T00:00:00Z')";
    }
    const std::string guest_id = Db1("SELECT CAST(id AS TEXT) FROM app_user WHERE email = 'guest@example.org'");
    auto routes = Routes(Context(&pool_, false));
    auto created = Raw(*routes, "POST", "/api/v1/accounts",
                       R"({"email":"guest@example.org","display_name":"G","password":"un long secret !"})",
                       {{"content-type", "application/json"}}, "198.51.100.2");
    ASSERT_EQ(created.status, 201) << created.body;
    EXPECT_NE(created.body.find("\"user_id\":" + guest_id), std::string::npos) << created.body;
    // Before the address is confirmed the password does not work.
    auto early = Raw(*routes, "POST", "/api/v1/sessions", R"({"email":"guest@example.org","password":"un long secret !"})",
                     {{"content-type", "application/json"}}, "198.51.100.2");
    EXPECT_EQ(early.status, 401);
    EXPECT_EQ(Raw(*routes, "GET", ConfirmLink("guest@example.org"), "", {}, "198.51.100.2").status, 303);
    auto login = Raw(*routes, "POST", "/api/v1/sessions", R"({"email":"guest@example.org","password":"un long secret !"})",
                     {{"content-type", "application/json"}}, "198.51.100.2");
    ASSERT_EQ(login.status, 201) << login.body;
    EXPECT_NE(login.body.find("\"id\":" + guest_id), std::string::npos);  // the same user: the same bookings
    EXPECT_NE(login.body.find("\"role\":\"visitor\""), std::string::npos);
    // An address with a password is still refused.
    auto again = Raw(*routes, "POST", "/api/v1/accounts",
                     R"({"email":"guest@example.org","display_name":"G","password":"un autre secret !"})",
                     {{"content-type", "application/json"}}, "198.51.100.3");
    EXPECT_EQ(again.status, 409);
}

TEST_F(AccountFlowTest, SignUpAndResetThrottlesAnswer429WithRetryAfter) {
    auto routes = Routes(Context(&pool_, true));
    auto sign_up = [&](int i, const std::string& ip) {
        return Raw(*routes, "POST", "/api/v1/accounts",
                   R"({"email":"t)" + std::to_string(i) + R"(@example.org","display_name":"T","password":"un long secret !"})",
                   {{"content-type", "application/json"}}, ip);
    };
    for (int i = 0; i < 5; ++i) EXPECT_EQ(sign_up(i, "2001:db8:7:7::" + std::to_string(i)).status, 201) << i;
    auto refused = sign_up(9, "2001:db8:7:7::99");  // the same /64
    EXPECT_EQ(refused.status, 429);
    EXPECT_NE(refused.body.find("Trop de demandes d'inscription"), std::string::npos) << refused.body;
    EXPECT_FALSE(HeaderOf(refused, "Retry-After").empty());
    EXPECT_EQ(sign_up(9, "2001:db8:7:8::1").status, 201);
    // The page answers the same with a sentence in French.
    auto page = Raw(*routes, "POST", "/compte/inscription",
                    "csrf=" + AnonymousFormToken(Context(nullptr, false)) +
                        "&display_name=T&email=t20%40example.org&password=un+long+secret+%21",
                    FormHeaders(), "2001:db8:7:7::5");
    EXPECT_EQ(page.status, 429);
    EXPECT_FALSE(HeaderOf(page, "Retry-After").empty());
    EXPECT_NE(page.body.find("réessayez dans"), std::string::npos);

    auto reset = [&](const std::string& ip) {
        return Raw(*routes, "POST", "/api/v1/password-resets", R"({"email":"t1@example.org"})",
                   {{"content-type", "application/json"}}, ip);
    };
    for (int i = 0; i < 3; ++i) EXPECT_EQ(reset("198.51.100." + std::to_string(20 + i)).status, 202) << i;
    auto too_many = reset("198.51.100.30");
    EXPECT_EQ(too_many.status, 429);
    EXPECT_FALSE(HeaderOf(too_many, "Retry-After").empty());
    auto reset_page = Raw(*routes, "POST", "/compte/mot-de-passe-oublie",
                          "csrf=" + AnonymousFormToken(Context(nullptr, false)) + "&email=t1%40example.org",
                          FormHeaders(), "198.51.100.31");
    EXPECT_EQ(reset_page.status, 429);
    EXPECT_NE(reset_page.body.find("Trop de demandes de nouveau mot de passe"), std::string::npos);
}

// Issue 21: the confirmation link can be asked again, throttled per address and per client.
TEST_F(AccountFlowTest, TheConfirmationLinkSentAgainIsThrottled) {
    auto routes = Routes(Context(&pool_, true));
    auto resend = [&](const std::string& email, const std::string& ip) {
        return Raw(*routes, "POST", "/api/v1/accounts/confirmation-emails", R"({"email":")" + email + R"("})",
                   {{"content-type", "application/json"}}, ip);
    };
    for (int i = 0; i < 3; ++i) EXPECT_EQ(resend("perdu@example.org", "198.51.100." + std::to_string(50 + i)).status, 202);
    auto by_address = resend("PERDU@example.org", "198.51.100.60");
    EXPECT_EQ(by_address.status, 429);
    EXPECT_FALSE(HeaderOf(by_address, "Retry-After").empty());
    EXPECT_NE(by_address.body.find("e-mail de confirmation"), std::string::npos) << by_address.body;
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(resend("p" + std::to_string(i) + "@example.org", "2001:db8:5::" + std::to_string(i + 1)).status, 202);
    EXPECT_EQ(resend("p9@example.org", "2001:db8:5:0:ffff::1").status, 429);  // the same /64
    EXPECT_EQ(resend("p9@example.org", "2001:db8:6::1").status, 202);
}

TEST_F(AccountFlowTest, AFullHashingPoolAnswers503WithRetryAfter) {
    auth::HashingPool full(auth::HashingPoolOptions{1, 0});  // no room at all: every job is refused
    auto routes = Routes(Context(&full, false));
    auto api = Raw(*routes, "POST", "/api/v1/sessions", R"({"email":"role0@example.org","password":"whatever it is"})",
                   {{"content-type", "application/json"}}, "198.51.100.40");
    EXPECT_EQ(api.status, 503);
    EXPECT_EQ(HeaderOf(api, "Retry-After"), std::to_string(auth::HashingPool::kRetryAfterSeconds));
    auto page = Raw(*routes, "POST", "/compte/connexion",
                    "csrf=" + AnonymousFormToken(Context(nullptr, false)) + "&email=role0%40example.org&password=x",
                    FormHeaders(), "198.51.100.40");
    EXPECT_EQ(page.status, 503);
    EXPECT_FALSE(HeaderOf(page, "Retry-After").empty());
    EXPECT_NE(page.body.find("réessayez dans quelques secondes"), std::string::npos);
}

}  // namespace
}  // namespace juo::web
