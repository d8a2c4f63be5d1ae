// A person's rights (issue 21): the export holds every section; nobody else may export or erase
// someone; the erasure cancels future bookings through the engine (places freed, the waiting list
// offered), keeps past bookings anonymously (the bilan unchanged), leaves the waiting lists, and
// the person can never sign in again; the organiser's on-request actions are audited; the last
// organiser cannot erase themselves. Through the router, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "report/render_json.h"
#include "store/db/binding.h"
#include "services/bilan_service.h"
#include "web/kit/account_erasure.h"
#include "web/kit/people_test_fixture.h"

namespace juo::web {
namespace {

class PersonalDataTest : public PeopleApiTest {
 protected:
    // A new visitor with a session; returns {user id, Bearer headers}.
    static std::pair<long long, std::map<std::string, std::string>> NewVisitor(const std::string& email) {
        auto db = std::move(*store::Database::Open(url_, store::OpenMode::kMustExist));
        std::vector<domain::User> users(1);
        users[0].email = email;
        users[0].display_name = "Personne " + email;
        users[0].email_confirmed_at = users[0].created_at = "2026-01-01T00:00:00Z";
        users[0].roles.push_back({domain::Role::kVisitor, "", std::nullopt});
        EXPECT_TRUE(store::InsertUsers(*db, users).ok());
        std::string sid = *sessions_->Create(*db, users[0].id, "TestBrowser/1.0");
        return {users[0].id, {{"authorization", "Bearer " + sid}}};
    }
    static std::unique_ptr<store::Database> Db() {
        return std::move(*store::Database::Open(url_, store::OpenMode::kMustExist));
    }
    static long long Scalar(const std::string& sql) {
        auto db = Db();
        long long v = 0;
        db->sql() << sql, soci::into(v);
        return v;
    }
    // Public open sessions other than the fixture's, `n` of them.
    static std::vector<long long> OtherSessions(int n) {
        auto db = Db();
        std::vector<long long> ids;
        soci::rowset<soci::row> rows =
            (db->sql().prepare << "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id "
                                  "WHERE a.audience = 'public' AND s.status = 'open' AND s.id <> :s ORDER BY s.id "
                                  "DESC",
             soci::use(session_));
        for (const auto& r : rows) {
            ids.push_back(store::RowInt(r, 0));
            if (static_cast<int>(ids.size()) == n) break;
        }
        return ids;
    }
    static std::string Bilan() {
        auto service = std::move(*services::BilanService::Open(url_, std::chrono::seconds(0)));
        auto bilan = service->Get({});
        EXPECT_TRUE(bilan.ok());
        return bilan.ok() ? report::RenderJson(**bilan) : "";
    }
    static std::string Book(long long session, int people, const std::map<std::string, std::string>& who,
                            bool wait = false) {
        Answer a = Send("POST", "/api/v1/bookings",
                        "{\"session_id\":" + std::to_string(session) + ",\"people\":" + std::to_string(people) +
                            (wait ? ",\"waitlist\":true}" : "}"),
                        who);
        EXPECT_TRUE(a.status == 201 || a.status == 202) << a.raw;
        return a.raw;
    }
};

TEST_F(PersonalDataTest, TheExportHoldsEverySectionAndNoSecret) {
    auto [id, who] = NewVisitor("export@example.org");
    Book(session_, 1, who);
    Answer a = Send("GET", "/api/v1/me/export", "", who);
    ASSERT_EQ(a.status, 200) << a.raw;
    EXPECT_EQ(a.cache_control, "private, no-store");
    const auto& o = a.body.as_object();
    for (const char* section : {"exported_at", "account", "roles", "bookings", "waiting_list", "group_requests",
                                "survey_answers", "sessions", "audit", "emails", "mail_opt_outs"})
        EXPECT_TRUE(o.contains(section)) << section;
    EXPECT_EQ(o.at("account").at("email").as_string(), "export@example.org");
    EXPECT_EQ(o.at("account").at("id").as_int64(), id);
    EXPECT_EQ(o.at("roles").as_array().size(), 1u);
    ASSERT_EQ(o.at("bookings").as_array().size(), 1u);
    const auto& b = o.at("bookings").as_array()[0].as_object();
    EXPECT_EQ(b.at("status").as_string(), "confirmed");
    EXPECT_FALSE(b.at("ticket_code").as_string().empty());
    EXPECT_EQ(b.at("tour").at("session_id").as_int64(), session_);
    ASSERT_EQ(o.at("sessions").as_array().size(), 1u);
    EXPECT_EQ(o.at("sessions").as_array()[0].at("user_agent").as_string(), "TestBrowser/1.0");
    EXPECT_FALSE(o.at("audit").as_array().empty());   // the booking, by them
    EXPECT_FALSE(o.at("emails").as_array().empty());  // the confirmation
    // Never the session's id, a password hash or an e-mail body.
    const std::string bearer = who.at("authorization").substr(7);
    EXPECT_EQ(a.raw.find(bearer), std::string::npos);
    EXPECT_EQ(a.raw.find("password_hash"), std::string::npos);
    EXPECT_EQ(a.raw.find("body"), std::string::npos);
    // Cancel it again so the fixture's tour keeps its places.
    const long long booking = b.at("id").as_int64();
    EXPECT_EQ(Send("POST", "/api/v1/bookings/" + std::to_string(booking) + "/cancel", "", who).status, 200);
}

TEST_F(PersonalDataTest, TheDownloadIsAnAttachmentNamedByTheDay) {
    services::PersonalData d;
    d.account.email = "x@example.org";
    http::Response r = PersonalDataDownload(d);
    std::string disposition;
    for (const auto& [k, v] : r.headers)
        if (k == "Content-Disposition") disposition = v;
    EXPECT_EQ(disposition.rfind("attachment; filename=\"juo-mes-donnees-20", 0), 0u) << disposition;
    EXPECT_NE(disposition.find(".json\""), std::string::npos);
    EXPECT_EQ(r.content_type, "application/json; charset=utf-8");
}

TEST_F(PersonalDataTest, NobodyElseMayExportOrErase) {
    auto [id, who] = NewVisitor("mine@example.org");
    const std::string target = "/api/v1/users/" + std::to_string(id);
    for (size_t other : {0, 1, 3, 4, 6}) {  // visitor, teacher, host, relay, another visitor
        EXPECT_EQ(Send("GET", target + "/export", "", As(other)).status, 403) << other;
        EXPECT_EQ(Send("DELETE", target, "", As(other)).status, 403) << other;
        EXPECT_EQ(Send("GET", "/organisation/utilisateurs/" + std::to_string(id) + "/donnees", "", As(other)).status,
                  403);
        EXPECT_EQ(Send("POST", "/organisation/utilisateurs/" + std::to_string(id) + "/supprimer",
                       "email=mine%40example.org", {{"authorization", As(other).at("authorization")},
                                                    {"content-type", "application/x-www-form-urlencoded"}})
                      .status,
                  403);
    }
    EXPECT_EQ(Send("GET", target + "/export", "", {}).status, 401);
    EXPECT_EQ(Send("DELETE", "/api/v1/me", "", {}).status, 401);
    // Nothing changed.
    EXPECT_EQ(Scalar("SELECT count(*) FROM app_user WHERE email = 'mine@example.org' AND deleted_at IS NULL"), 1);
    EXPECT_EQ(Send("GET", "/api/v1/me/export", "", who).status, 200);
    // An unknown user is a 404 for the organiser.
    EXPECT_EQ(Send("GET", "/api/v1/users/99999999/export", "", As(5)).status, 404);
    EXPECT_EQ(Send("DELETE", "/api/v1/users/99999999", "", As(5)).status, 404);
}

TEST_F(PersonalDataTest, ErasingCancelsFutureBookingsAndKeepsPastOnes) {
    auto sessions = OtherSessions(3);
    ASSERT_EQ(sessions.size(), 3u);
    const long long future = sessions[0], past = sessions[1], full = sessions[2];
    {
        auto db = Db();
        db->sql() << "UPDATE session SET day_date = '2099-06-01', capacity_people = places_taken + 2 WHERE id = :s",
            soci::use(future);
        db->sql() << "UPDATE session SET day_date = '2001-04-06', capacity_people = places_taken + 10 WHERE id = :s",
            soci::use(past);
        db->sql() << "UPDATE session SET day_date = '2099-06-02', capacity_people = places_taken + 1 WHERE id = :s",
            soci::use(full);
    }
    auto [id, who] = NewVisitor("erase@example.org");
    auto [waiting_id, waiting] = NewVisitor("waits@example.org");
    auto [filler_id, filler] = NewVisitor("fills@example.org");
    // A future booking that fills its tour; someone waits behind it.
    Book(future, 2, who);
    Book(future, 1, waiting, true);
    EXPECT_EQ(Scalar("SELECT count(*) FROM waitlist_entry WHERE status = 'waiting' AND user_id = " +
                     std::to_string(waiting_id)),
              1);
    // A past booking, checked in at the door.
    Answer booked = Send("POST", "/api/v1/bookings",
                         "{\"session_id\":" + std::to_string(past) + ",\"people\":3}", who);
    ASSERT_EQ(booked.status, 201) << booked.raw;
    const std::string code(booked.body.at("booking").at("ticket_code").as_string());
    const long long past_booking = booked.body.at("booking").at("id").as_int64();
    Answer checked = Send("POST", "/api/v1/check-ins", "{\"ticket_code\":\"" + code + "\",\"attended\":3}", As(5));
    ASSERT_EQ(checked.status, 200) << checked.raw;
    // A place on a full tour's waiting list.
    Book(full, 1, filler);
    Book(full, 1, who, true);
    const long long taken_before = Scalar("SELECT places_taken FROM session WHERE id = " + std::to_string(future));
    // The address had left the surveys (ADR 0014); another address had too.
    Db()->sql() << "INSERT INTO mail_opt_out (address, list, created_at) VALUES ('erase@example.org', 'survey', "
                   "'2026-01-01T00:00:00Z'), ('someone-else@example.org', 'survey', '2026-01-01T00:00:00Z')";
    Answer exported = Send("GET", "/api/v1/me/export", "", who);
    ASSERT_EQ(exported.body.at("mail_opt_outs").as_array().size(), 1u);
    EXPECT_EQ(exported.body.at("mail_opt_outs").as_array()[0].at("list").as_string(), "survey");

    Answer erased = Send("DELETE", "/api/v1/me", "", who);
    ASSERT_EQ(erased.status, 200) << erased.raw;
    EXPECT_TRUE(erased.body.at("erased").as_bool());
    EXPECT_EQ(erased.body.at("bookings_kept_anonymous").as_int64(), 2);  // the past one and the cancelled one

    const std::string u = std::to_string(id);
    // The future booking is cancelled, its places freed and offered to the one waiting.
    EXPECT_EQ(Scalar("SELECT count(*) FROM booking WHERE user_id = " + u + " AND session_id = " +
                     std::to_string(future) + " AND status = 'cancelled'"),
              1);
    EXPECT_EQ(Scalar("SELECT count(*) FROM waitlist_entry WHERE status = 'offered' AND user_id = " +
                     std::to_string(waiting_id)),
              1);
    EXPECT_EQ(Scalar("SELECT places_taken FROM session WHERE id = " + std::to_string(future)),
              taken_before - 2 + 1);  // freed, then held by the offer
    // Off every waiting list.
    EXPECT_EQ(Scalar("SELECT count(*) FROM waitlist_entry WHERE user_id = " + u), 0);
    // The past booking stays, with its check-in, tied to an anonymous account.
    EXPECT_EQ(Scalar("SELECT count(*) FROM booking b JOIN check_in c ON c.booking_id = b.id WHERE b.id = " +
                     std::to_string(past_booking) + " AND b.status = 'confirmed' AND c.attended = 3"),
              1);
    // The account: anonymous, no password, no session, never again.
    EXPECT_EQ(Scalar("SELECT count(*) FROM app_user WHERE id = " + u +
                     " AND deleted_at IS NOT NULL AND password_hash IS NULL AND email = 'compte-supprime-" + u +
                     "@juo.invalid' AND display_name = 'Compte supprimé'"),
              1);
    EXPECT_EQ(Scalar("SELECT count(*) FROM app_user WHERE email = 'erase@example.org'"), 0);
    EXPECT_EQ(Scalar("SELECT count(*) FROM mail_opt_out WHERE address = 'erase@example.org'"), 0);
    EXPECT_EQ(Scalar("SELECT count(*) FROM mail_opt_out WHERE address = 'someone-else@example.org'"), 1);
    EXPECT_EQ(Scalar("SELECT count(*) FROM auth_session WHERE user_id = " + u), 0);
    EXPECT_EQ(Scalar("SELECT count(*) FROM user_role WHERE user_id = " + u), 0);
    EXPECT_EQ(Scalar("SELECT count(*) FROM audit_log WHERE action = 'user.erase' AND entity_id = " + u +
                     " AND actor_user_id = " + u),
              1);
    EXPECT_EQ(Send("GET", "/api/v1/me", "", who).status, 401);
    Answer login = Send("POST", "/api/v1/sessions", "{\"email\":\"erase@example.org\",\"password\":\"whatever-long-1\"}");
    EXPECT_EQ(login.status, 401) << login.raw;
    // A second erasure finds nobody.
    EXPECT_EQ(Send("DELETE", "/api/v1/me", "", who).status, 401);
    EXPECT_EQ(Send("DELETE", "/api/v1/users/" + u, "", As(5)).status, 404);
    EXPECT_EQ(Send("GET", "/api/v1/users/" + u + "/export", "", As(5)).status, 404);
    (void)filler_id;
}

// The bilan counts past visits: erasing someone who came leaves every figure as it was.
TEST_F(PersonalDataTest, ErasingSomeoneWhoCameLeavesTheBilanAsItWas) {
    auto sessions = OtherSessions(5);
    ASSERT_EQ(sessions.size(), 5u);
    const long long past = sessions[4];
    {
        auto db = Db();
        db->sql() << "UPDATE session SET day_date = '2001-04-06', capacity_people = places_taken + 10 WHERE id = :s",
            soci::use(past);
    }
    auto [id, who] = NewVisitor("came@example.org");
    Answer booked = Send("POST", "/api/v1/bookings", "{\"session_id\":" + std::to_string(past) + ",\"people\":4}", who);
    ASSERT_EQ(booked.status, 201) << booked.raw;
    const std::string code(booked.body.at("booking").at("ticket_code").as_string());
    ASSERT_EQ(Send("POST", "/api/v1/check-ins", "{\"ticket_code\":\"" + code + "\",\"attended\":3}", As(5)).status,
              200);
    const std::string before = Bilan();
    ASSERT_FALSE(before.empty());
    Answer erased = Send("DELETE", "/api/v1/me", "", who);
    ASSERT_EQ(erased.status, 200) << erased.raw;
    EXPECT_EQ(erased.body.at("bookings_kept_anonymous").as_int64(), 1);
    const std::string after = Bilan();
    EXPECT_TRUE(before == after) << "the bilan changed";
    EXPECT_EQ(Scalar("SELECT count(*) FROM booking WHERE user_id = " + std::to_string(id) + " AND status = 'confirmed'"),
              1);
}

TEST_F(PersonalDataTest, TheOrganiserActsOnRequestAndIsAudited) {
    auto [id, who] = NewVisitor("request@example.org");
    const std::string u = std::to_string(id);
    Answer exported = Send("GET", "/api/v1/users/" + u + "/export", "", As(5));
    ASSERT_EQ(exported.status, 200) << exported.raw;
    EXPECT_EQ(exported.body.at("account").at("email").as_string(), "request@example.org");
    const std::string organiser = std::to_string(Scalar("SELECT id FROM app_user WHERE email = 'role5@example.org'"));
    EXPECT_EQ(Scalar("SELECT count(*) FROM audit_log WHERE action = 'user.export' AND entity_id = " + u +
                     " AND actor_user_id = " + organiser),
              1);
    // The page's form wants the account's address typed.
    const std::map<std::string, std::string> form = {{"authorization", As(5).at("authorization")},
                                                     {"content-type", "application/x-www-form-urlencoded"}};
    Answer wrong = Send("POST", "/organisation/utilisateurs/" + u + "/supprimer", "email=other%40example.org", form);
    EXPECT_EQ(wrong.status, 400);
    Answer page = Send("GET", "/organisation/utilisateurs/" + u, "", As(5));
    EXPECT_NE(page.html.find("/supprimer"), std::string::npos);
    EXPECT_NE(page.html.find("Exporter ses données"), std::string::npos);
    Answer done = Send("POST", "/organisation/utilisateurs/" + u + "/supprimer", "email=Request%40example.org", form);
    ASSERT_EQ(done.status, 200) << done.html;
    EXPECT_EQ(Scalar("SELECT count(*) FROM audit_log WHERE action = 'user.erase' AND entity_id = " + u +
                     " AND actor_user_id = " + organiser),
              1);
    EXPECT_EQ(Send("GET", "/api/v1/me", "", who).status, 401);
}

TEST_F(PersonalDataTest, TheLastOrganiserCannotEraseThemselves) {
    // The replica's own organisers step down: the fixture's is the last one.
    const std::string me = std::to_string(Scalar("SELECT id FROM app_user WHERE email = 'role5@example.org'"));
    Db()->sql() << "DELETE FROM user_role WHERE role = 'organiser' AND user_id <> " + me;
    Answer a = Send("DELETE", "/api/v1/me", "", As(5));
    EXPECT_EQ(a.status, 409) << a.raw;
    EXPECT_NE(a.raw.find("organis"), std::string::npos);
    EXPECT_EQ(Send("GET", "/api/v1/me", "", As(5)).status, 200);
}

TEST_F(PersonalDataTest, ThePagesExplainDownloadAndErase) {
    auto [id, who] = NewVisitor("pages@example.org");
    Answer data = Send("GET", "/compte/donnees", "", who);
    ASSERT_EQ(data.status, 200);
    EXPECT_NE(data.html.find("Mes données"), std::string::npos);
    EXPECT_NE(data.html.find("/api/v1/me/export"), std::string::npos);
    EXPECT_NE(data.html.find("/compte/supprimer"), std::string::npos);
    Answer bookings = Send("GET", "/compte/reservations", "", who);
    EXPECT_NE(bookings.html.find("/compte/donnees"), std::string::npos);
    EXPECT_EQ(Send("GET", "/compte/donnees?lang=en", "", who).html.find("My data") != std::string::npos, true);
    // With the cookie, the form needs its CSRF token.
    const std::string sid = who.at("authorization").substr(7);
    Answer forged = Send("POST", "/compte/supprimer", "email=pages%40example.org",
                         {{"cookie", "juo_session=" + sid}, {"content-type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(forged.status, 403);
    const std::map<std::string, std::string> form = {{"authorization", who.at("authorization")},
                                                     {"content-type", "application/x-www-form-urlencoded"}};
    EXPECT_EQ(Send("POST", "/compte/supprimer", "email=someone%40example.org", form).status, 400);
    Answer done = Send("POST", "/compte/supprimer", "email=pages%40example.org", form);
    ASSERT_EQ(done.status, 200) << done.html;
    EXPECT_NE(done.html.find("Votre compte est supprimé"), std::string::npos);
    EXPECT_NE(done.set_cookie.find("juo_session=;"), std::string::npos) << done.set_cookie;
    EXPECT_EQ(Scalar("SELECT count(*) FROM app_user WHERE id = " + std::to_string(id) + " AND deleted_at IS NOT NULL"),
              1);
}

}  // namespace
}  // namespace juo::web
