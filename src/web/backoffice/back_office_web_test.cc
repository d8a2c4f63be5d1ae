// Tests of the organiser's editions, users and roles through the real router, sessions, CSRF and
// SQLite: the pages (CSRF, bad input answered 400 with the form again and nothing changed, a
// conflict 409, a non-organiser refused, the redirect after a change) and the JSON API (4xx JSON
// errors, PATCH, clone, invitations once per host, grants and revocations that take effect at
// once). Each test has its own database: 2025 (closed) and 2026 (in preparation), a factory
// approved in 2025 with a Saturday tour in 2026, and one user per role.
#include <gtest/gtest.h>

#include <algorithm>
#include <boost/json.hpp>
#include <filesystem>

#include "auth/csrf.h"
#include "auth/sessions.h"
#include "http/router.h"
#include "store/back_office_test_data.h"
#include "store/db/connection_per_thread.h"
#include "store/editions/edition_admin.h"
#include "web/api/api_editions.h"
#include "web/api/api_users.h"
#include "web/backoffice/edition_pages.h"
#include "web/backoffice/user_pages.h"
#include "web/routes.h"
#include "web/api/api_editions.h"
#include "web/api/api_users.h"
#include "web/backoffice/edition_pages.h"
#include "web/backoffice/user_pages.h"
#include "web/routes.h"

namespace juo::web {
namespace {

namespace json = boost::json;
using domain::Audience;
using domain::Role;

struct Answer {
    int status = 0;
    json::value body;      // of a JSON answer
    std::string html;      // of a page
    std::string location;  // of a redirection
    std::string etag;      // the ETag header, if any
};

enum User { kAnonymous = -1, kVisitor = 0, kHost, kRelay, kOrganiser, kOrganiser2, kPlain };

class BackOfficeWebTest : public store::testing::DatabaseTest {
 protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        using namespace store::testing;
        old_ = AddEdition(*db_, 2025, domain::EditionStatus::kClosed);
        current_ = AddEdition(*db_, 2026, domain::EditionStatus::kDraft);
        site_ = AddSite(*db_, "Forge de Lyon");
        AddParticipation(*db_, old_, site_, domain::ParticipationStatus::kApproved);
        AddTour(*db_, current_, site_, "2026-04-04", {Audience::kPublic});
        const std::vector<std::pair<std::string, std::vector<domain::RoleGrant>>> people = {
            {"visitor", {{Role::kVisitor, "", std::nullopt}}},
            {"host", {{Role::kHost, "", site_}}},
            {"relay", {{Role::kRelay, "69", std::nullopt}}},
            {"organiser", {{Role::kOrganiser, "", std::nullopt}}},
            {"organiser2", {{Role::kOrganiser, "", std::nullopt}}},
            {"plain", {}}};
        for (const auto& [name, grants] : people) {
            users_.push_back(AddUser(*db_, name + "@example.org", name, grants));
            sessions_.push_back(*store_.Create(*db_, users_.back()));
        }
        connections_ = std::make_unique<store::ConnectionPerThread>(path());
        PeopleContext ctx;
        ctx.sessions = &store_;
        ctx.csrf = &csrf_;
        ctx.db = connections_.get();
        ctx.public_url = "http://test";
        RegisterEditionPages(router_, ctx);
        RegisterUserPages(router_, ctx);
        RegisterEditionApi(router_, ctx);
        RegisterUserApi(router_, ctx);
    }

    // The request through the router, as `user`: a Bearer session for the API, the session cookie
    // (and, when `csrf`, the form's or header's token) otherwise.
    Answer Send(const std::string& method, const std::string& target, int user, const std::string& body = "",
                bool csrf = true, const std::vector<std::pair<std::string, std::string>>& headers = {}) {
        http::Request req;
        for (const auto& [name, value] : headers) req.headers[name] = value;
        req.method = method;
        EXPECT_TRUE(http::ParseTarget(target, &req).ok()) << target;
        const bool api = target.rfind("/api/", 0) == 0;
        req.body = body;
        if (!body.empty())
            req.headers["content-type"] = api ? "application/json" : "application/x-www-form-urlencoded";
        if (user >= 0) {
            const std::string& session = sessions_[static_cast<size_t>(user)];
            if (api) {
                req.headers["authorization"] = "Bearer " + session;
            } else {
                req.headers["cookie"] = "juo_session=" + session;
                if (csrf && method != "GET")
                    req.body = "csrf=" + csrf_.SessionToken(session) + "&" + req.body;
            }
        }
        auto match = router_.Match(method, req.path);
        if (match.outcome != http::RouteMatch::Outcome::kFound) return {404, {}, "", ""};
        req.path_params = match.params;
        http::Response resp = (*match.handler)(req);
        Answer a{resp.status, {}, "", "", ""};
        for (const auto& [k, v] : resp.headers) {
            if (k == "Location") a.location = v;
            if (k == "ETag") a.etag = v;
        }
        if (resp.content_type.rfind("application/json", 0) == 0)
            a.body = json::parse(resp.body);
        else
            a.html = resp.body;
        return a;
    }
    static std::string ErrorCodeOf(const Answer& a) {
        if (!a.body.is_object() || !a.body.as_object().contains("error")) return "";
        return std::string(a.body.at("error").at("code").as_string());
    }
    domain::Edition Stored(long long id) { return *store::FindEditionById(*db_, id); }
    long long Count(const std::string& sql) {
        long long n = 0;
        db_->sql() << sql, soci::into(n);
        return n;
    }
    std::string EditionPage(long long id) { return "/organisation/editions/" + std::to_string(id); }
    // The edit form's fields for edition 2026 as stored, with `changes` (a field replaced, or added).
    static std::string EditForm(std::vector<std::pair<std::string, std::string>> changes = {}) {
        std::vector<std::pair<std::string, std::string>> fields = {{"name", "%C3%89dition+2026"},
                                                                   {"status", "draft"},
                                                                   {"target_sites", "100"},
                                                                   {"target_visitors", "5000"},
                                                                   {"opens", ""},
                                                                   {"closes", ""},
                                                                   {"max_party_size", "6"},
                                                                   {"day_0", "2026-04-03"},
                                                                   {"day_0_school", "1"},
                                                                   {"day_0_job_seekers", "1"},
                                                                   {"day_1", "2026-04-04"},
                                                                   {"day_1_public", "1"},
                                                                   {"day_2", ""}};
        for (auto& [name, value] : changes) {
            auto it =
                std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return f.first == name; });
            if (it != fields.end())
                it->second = value;
            else
                fields.emplace_back(name, value);
        }
        std::string body;
        for (const auto& [name, value] : fields) body += (body.empty() ? "" : "&") + name + "=" + value;
        return body;
    }

    std::unique_ptr<store::ConnectionPerThread> connections_;
    auth::SessionStore store_;
    auth::CsrfSigner csrf_ = *auth::CsrfSigner::FromSecret(auth::CsrfSigner::NewSecret());
    http::Router router_;
    std::vector<long long> users_;
    std::vector<std::string> sessions_;
    long long old_ = 0, current_ = 0, site_ = 0;
};

TEST_F(BackOfficeWebTest, OnlyTheOrganiserGetsThePages) {
    for (const std::string page : {"/organisation/editions", "/organisation/utilisateurs"}) {
        Answer anonymous = Send("GET", page, kAnonymous);
        EXPECT_EQ(anonymous.status, 303) << page;
        EXPECT_EQ(anonymous.location.rfind("/compte/connexion", 0), 0u) << page;
        for (int user : {kVisitor, kHost, kRelay, kPlain}) {
            Answer refused = Send("GET", page, user);
            EXPECT_EQ(refused.status, 403) << page << " as " << user;
            EXPECT_NE(refused.html.find("Action impossible"), std::string::npos);
        }
        EXPECT_EQ(Send("GET", page, kOrganiser).status, 200) << page;
    }
    EXPECT_EQ(Send("POST", EditionPage(current_), kRelay, EditForm()).status, 403);
    EXPECT_EQ(Send("GET", "/api/v1/organisation/editions", kAnonymous).status, 401);
    EXPECT_EQ(Send("GET", "/api/v1/organisation/editions", kHost).status, 403);
    EXPECT_EQ(Send("GET", "/api/v1/users", kRelay).status, 403);
    EXPECT_EQ(ErrorCodeOf(Send("GET", "/api/v1/users", kRelay)), "forbidden");
}

TEST_F(BackOfficeWebTest, TheEditionsListShowsDaysTargetsAndProgress) {
    Answer list = Send("GET", "/organisation/editions?lang=en", kOrganiser);
    ASSERT_EQ(list.status, 200);
    const auto at2026 = list.html.find("data-year=\"2026\""), at2025 = list.html.find("data-year=\"2025\"");
    ASSERT_NE(at2026, std::string::npos);
    ASSERT_NE(at2025, std::string::npos);
    EXPECT_LT(at2026, at2025);  // newest first
    EXPECT_NE(list.html.find("Friday 3 April 2026"), std::string::npos);
    EXPECT_NE(list.html.find("Schools"), std::string::npos);
    EXPECT_NE(list.html.find("Approved factories: 1 / 100"), std::string::npos);  // 2025's
    EXPECT_NE(list.html.find("Booked visitors: 0 / 5,000"), std::string::npos);
    EXPECT_NE(list.html.find("Invite the hosts of 2025"), std::string::npos);
    EXPECT_NE(list.html.find("name=\"from_year\" value=\"2026\""), std::string::npos);
    EXPECT_EQ(list.html.find("??"), std::string::npos);  // every message exists
    Answer fr = Send("GET", "/organisation/editions", kOrganiser);
    EXPECT_NE(fr.html.find("2027 à partir de 2026"), std::string::npos);
}

TEST_F(BackOfficeWebTest, TheEditFormChecksCsrfAndInputAndChangesNothingWhenRefused) {
    const std::string page = EditionPage(current_);
    Answer form = Send("GET", page, kOrganiser);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.html.find("name=\"day_0\""), std::string::npos);
    EXPECT_NE(form.html.find("name=\"day_2\""), std::string::npos);  // the empty row to add a day
    EXPECT_EQ(form.html.find("??"), std::string::npos);
    const auto before = Stored(current_);

    EXPECT_EQ(Send("POST", page, kOrganiser, EditForm(), false).status, 403);  // no token
    EXPECT_EQ(Send("POST", page, kOrganiser, "csrf=forged&" + EditForm(), false).status, 403);
    Answer bad = Send("POST", page, kOrganiser, EditForm({{"target_sites", "beaucoup"}}));
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.html.find("data-edition-form"), std::string::npos);  // the form again
    EXPECT_NE(bad.html.find("un nombre entier de 0 à 10"), std::string::npos);
    Answer outside = Send("POST", page, kOrganiser, EditForm({{"opens", "2025-12-01"}}));
    EXPECT_EQ(outside.status, 400);
    EXPECT_NE(outside.html.find("pas en 2026"), std::string::npos);
    EXPECT_NE(outside.html.find("value=\"2025-12-01\""), std::string::npos);  // as it was sent
    EXPECT_EQ(
        Send("POST", page, kOrganiser, EditForm({{"opens", "2026-03-01"}, {"closes", "2026-02-01"}})).status,
        400);
    // A new day without an audience; Saturday (it has a tour) removed.
    Answer no_audience = Send("POST", page, kOrganiser, EditForm({{"day_2", "2026-04-05"}}));
    EXPECT_EQ(no_audience.status, 400);
    EXPECT_NE(no_audience.html.find("aucun public"), std::string::npos);
    Answer tours = Send("POST", page, kOrganiser, EditForm({{"day_1_remove", "1"}}));
    EXPECT_EQ(tours.status, 409);
    EXPECT_NE(tours.html.find("a encore 1 visite"), std::string::npos);
    EXPECT_EQ(Send("POST", "/organisation/editions/999999", kOrganiser, EditForm()).status, 404);
    const auto unchanged = Stored(current_);
    EXPECT_EQ(unchanged.days.size(), before.days.size());
    EXPECT_EQ(unchanged.registration_opens_at, before.registration_opens_at);
    EXPECT_EQ(CountAudit("edition.update"), 0);

    // A good form: Sunday added for the public, Friday removed, the window set.
    Answer saved = Send("POST", page, kOrganiser,
                        EditForm({{"day_2", "2026-04-05"},
                                  {"day_2_public", "1"},
                                  {"day_0_remove", "1"},
                                  {"opens", "2026-01-12"},
                                  {"closes", "2026-03-31"}}));
    ASSERT_EQ(saved.status, 303) << saved.html;
    EXPECT_NE(saved.location.find("fait=1"), std::string::npos);
    const auto after = Stored(current_);
    ASSERT_EQ(after.days.size(), 2u);
    EXPECT_EQ(after.days[0].date, "2026-04-04");
    EXPECT_EQ(after.days[1].date, "2026-04-05");
    EXPECT_EQ(after.registration_opens_at, "2026-01-11T23:00:00Z");
    EXPECT_EQ(CountAudit("edition.update"), 1);
    Answer shown = Send("GET", page + "?fait=1", kOrganiser);
    EXPECT_NE(shown.html.find("Modifications enregistrées"), std::string::npos);
    EXPECT_NE(shown.html.find("value=\"2026-01-12\""), std::string::npos);
}

// Two organisers open the edit form; the first saves; the second's save (from the older form) is
// refused with 409 and the form comes back with the edition as saved and its new version (not
// with the second's values: saved again, they would undo the first's change unseen); the second
// makes their change again on it. Through the API: the ETag, If-Match (412 when stale) and a
// PATCH without If-Match merged onto the latest edition.
TEST_F(BackOfficeWebTest, TwoOrganisersEditingAtOnceDoNotOverwriteEachOther) {
    const std::string page = EditionPage(current_);
    auto version_in = [](const std::string& html) {
        const std::string mark = "name=\"version\" value=\"";
        const size_t at = html.find(mark);
        return at == std::string::npos ? std::string() : html.substr(at + mark.size(), 16);
    };
    const std::string seen_by_first = version_in(Send("GET", page, kOrganiser).html);
    const std::string seen_by_second = version_in(Send("GET", page, kOrganiser2).html);
    ASSERT_EQ(seen_by_first.size(), 16u);
    EXPECT_EQ(seen_by_first, seen_by_second);
    EXPECT_EQ(seen_by_first, store::EditionVersion(Stored(current_)));

    Answer first = Send("POST", page, kOrganiser, EditForm({{"version", seen_by_first}, {"target_sites", "120"}}));
    ASSERT_EQ(first.status, 303) << first.html;
    Answer second =
        Send("POST", page, kOrganiser2, EditForm({{"version", seen_by_second}, {"target_visitors", "9000"}}));
    EXPECT_EQ(second.status, 409);
    EXPECT_NE(second.html.find("Quelqu&apos;un d&apos;autre a enregistré cette édition"), std::string::npos)
        << second.html;
    EXPECT_NE(second.html.find("value=\"120\""), std::string::npos);  // the edition as saved
    EXPECT_EQ(second.html.find("value=\"9000\""), std::string::npos);  // not the refused values
    EXPECT_EQ(Stored(current_).target_sites, 120);                     // the first's save stands
    EXPECT_EQ(Stored(current_).target_visitors, 5000);
    EXPECT_EQ(CountAudit("edition.update"), 1);
    const std::string offered = version_in(second.html);
    EXPECT_EQ(offered, store::EditionVersion(Stored(current_)));
    // The second organiser makes their change again on the form as it came back.
    Answer again = Send("POST", page, kOrganiser2,
                        EditForm({{"version", offered}, {"target_sites", "120"}, {"target_visitors", "9000"}}));
    EXPECT_EQ(again.status, 303) << again.html;
    EXPECT_EQ(Stored(current_).target_visitors, 9000);
    EXPECT_EQ(Stored(current_).target_sites, 120);

    const std::string one = "/api/v1/organisation/editions/" + std::to_string(current_);
    Answer got = Send("GET", one, kOrganiser);
    ASSERT_EQ(got.status, 200);
    const std::string tag = "\"" + store::EditionVersion(Stored(current_)) + "\"";
    EXPECT_EQ(got.etag, tag);
    EXPECT_EQ(got.body.at("edition").at("version").as_string(), store::EditionVersion(Stored(current_)));
    Answer stale = Send("PATCH", one, kOrganiser, R"({"max_party_size": 5})", true,
                        {{"if-match", "\"" + seen_by_first + "\""}});
    EXPECT_EQ(stale.status, 412);
    EXPECT_EQ(ErrorCodeOf(stale), "stale");
    EXPECT_EQ(Stored(current_).max_party_size, 6);
    Answer fresh = Send("PATCH", one, kOrganiser, R"({"max_party_size": 5})", true, {{"if-match", tag}});
    ASSERT_EQ(fresh.status, 200) << json::serialize(fresh.body);
    EXPECT_EQ(Stored(current_).max_party_size, 5);
    EXPECT_NE(fresh.etag, tag);  // a new version
    EXPECT_EQ(fresh.etag, "\"" + store::EditionVersion(Stored(current_)) + "\"");
    // Without If-Match a patch names the fields it changes; the others are kept as stored.
    Answer merged = Send("PATCH", one, kOrganiser, R"({"name": "JUO 2026"})");
    ASSERT_EQ(merged.status, 200);
    EXPECT_EQ(Stored(current_).max_party_size, 5);
    EXPECT_EQ(Stored(current_).target_visitors, 9000);
}

TEST_F(BackOfficeWebTest, InviteOnceThenCloneFromThePages) {
    const std::string invite = EditionPage(current_) + "/invitations";
    EXPECT_EQ(Send("POST", invite, kOrganiser, "x=1", false).status, 403);
    Answer first = Send("POST", invite, kOrganiser, "x=1");
    ASSERT_EQ(first.status, 303) << first.html;
    EXPECT_NE(first.location.find("invites=1&deja=0"), std::string::npos) << first.location;
    Answer second = Send("POST", invite, kOrganiser, "x=1");
    EXPECT_NE(second.location.find("invites=0&deja=1"), std::string::npos) << second.location;
    EXPECT_NE(
        Send("GET", "/organisation/editions?invites=0&deja=1", kOrganiser).html.find("0 hôte(s) invité(s)"),
        std::string::npos);
    std::string body, subject;
    db_->sql() << "SELECT body_text, subject FROM email_outbox WHERE to_address = 'host@example.org'",
        soci::into(body), soci::into(subject);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox"), 1);
    EXPECT_NE(body.find("Forge de Lyon"), std::string::npos);
    EXPECT_NE(body.find("http://test/usine"), std::string::npos);
    EXPECT_NE(body.find("Hello host"), std::string::npos);  // then in English
    EXPECT_NE(subject.find("2026"), std::string::npos);
    // Inviting to an older edition is refused, on the list page.
    Answer old = Send("POST", EditionPage(old_) + "/invitations", kOrganiser, "x=1");
    EXPECT_EQ(old.status, 409);
    EXPECT_NE(old.html.find("data-year=\"2026\""), std::string::npos);

    EXPECT_EQ(Send("POST", "/organisation/editions/clone", kOrganiser, "from_year=deux").status, 400);
    EXPECT_EQ(Send("POST", "/organisation/editions/clone", kOrganiser, "from_year=2025").status, 409);
    Answer cloned = Send("POST", "/organisation/editions/clone", kOrganiser, "from_year=2026");
    ASSERT_EQ(cloned.status, 303) << cloned.html;
    auto next = store::FindEditionByYear(*db_, 2027);
    ASSERT_TRUE(next.ok());
    EXPECT_NE(cloned.location.find(EditionPage(next->id) + "?cree=1"), std::string::npos) << cloned.location;
    EXPECT_EQ(next->days[0].date, "2027-04-09");  // Friday of ISO week 14
    EXPECT_EQ(next->status, domain::EditionStatus::kDraft);
    Answer again = Send("POST", "/organisation/editions/clone", kOrganiser, "from_year=2026");
    EXPECT_EQ(again.status, 409);
    EXPECT_NE(again.html.find("existe déjà"), std::string::npos);
}

TEST_F(BackOfficeWebTest, EditionsThroughTheApi) {
    Answer list = Send("GET", "/api/v1/organisation/editions", kOrganiser);
    ASSERT_EQ(list.status, 200);
    ASSERT_EQ(list.body.at("editions").as_array().size(), 2u);
    EXPECT_EQ(list.body.at("editions").at(1).at("approved_sites").as_int64(), 1);
    const std::string one = "/api/v1/organisation/editions/" + std::to_string(current_);
    Answer got = Send("GET", one, kOrganiser);
    ASSERT_EQ(got.status, 200);
    EXPECT_EQ(got.body.at("edition").at("days").at(1).at("audiences").at(0).as_string(), "public");
    EXPECT_EQ(Send("GET", "/api/v1/organisation/editions/999999", kOrganiser).status, 404);

    auto refused = [&](const std::string& body, int status) {
        Answer a = Send("PATCH", one, kOrganiser, body);
        EXPECT_EQ(a.status, status) << body << " " << json::serialize(a.body);
        EXPECT_FALSE(a.body.at("error").at("message_fr").as_string().empty()) << body;
    };
    refused("not json", 400);
    refused(R"({"target_sites": -1})", 400);
    refused(R"({"target_sites": "many"})", 400);
    refused(R"({"status": "sleeping"})", 400);
    refused(R"({"colour": "blue"})", 400);
    refused(R"({"registration_opens_on": "2026-04-01", "registration_closes_on": "2026-03-01"})", 400);
    refused(R"({"days": [{"date": "2026-04-03", "audiences": []}]})", 400);
    refused(R"({"days": [{"date": "2026-04-03", "audiences": ["martians"]}]})", 400);
    refused(R"({"days": [{"date": "2026-04-03", "audiences": ["school"]}]})", 409);  // Saturday has a tour
    EXPECT_EQ(Stored(current_).days.size(), 2u);
    Answer patched = Send("PATCH", one, kOrganiser,
                          R"({"name": "JUO 2026", "target_visitors": null, "status": "open",
                              "registration_opens_on": "2026-01-12", "max_party_size": 4})");
    ASSERT_EQ(patched.status, 200) << json::serialize(patched.body);
    const auto& e = patched.body.at("edition");
    EXPECT_EQ(e.at("name").as_string(), "JUO 2026");
    EXPECT_TRUE(e.at("target_visitors").is_null());
    EXPECT_EQ(e.at("target_sites").as_int64(), 100);  // not given: kept
    EXPECT_EQ(e.at("status").as_string(), "open");
    EXPECT_EQ(e.at("registration_opens_on").as_string(), "2026-01-12");
    EXPECT_EQ(e.at("registration_opens_at").as_string(), "2026-01-11T23:00:00Z");
    EXPECT_EQ(e.at("max_party_size").as_int64(), 4);

    Answer invited = Send("POST", one + "/invitations", kOrganiser, "{}");
    ASSERT_EQ(invited.status, 200);
    EXPECT_EQ(invited.body.at("invited").as_int64(), 1);
    EXPECT_EQ(Send("POST", one + "/invitations", kOrganiser, "{}").body.at("already_invited").as_int64(), 1);

    EXPECT_EQ(Send("POST", "/api/v1/organisation/editions/clone", kOrganiser, "{}").status, 400);
    EXPECT_EQ(
        Send("POST", "/api/v1/organisation/editions/clone", kOrganiser, R"({"from_year": 2025})").status,
        409);
    Answer clone = Send("POST", "/api/v1/organisation/editions/clone", kOrganiser, R"({"from_year": 2026})");
    ASSERT_EQ(clone.status, 201) << json::serialize(clone.body);
    EXPECT_EQ(clone.body.at("edition").at("year").as_int64(), 2027);
    EXPECT_EQ(clone.body.at("edition").at("status").as_string(), "draft");
    EXPECT_EQ(clone.body.at("edition").at("name").as_string(), "JUO 2027");
    EXPECT_EQ(ErrorCodeOf(
                  Send("POST", "/api/v1/organisation/editions/clone", kOrganiser, R"({"from_year": 2026})")),
              "conflict");
}

// Another app server revokes an organiser's role, or signs an organiser out (rows changed in the
// database, this server's session cache not told): reads may answer from the cache for up to its
// TTL, but a change is judged on the session and roles as stored — refused at once.
TEST_F(BackOfficeWebTest, AStaffChangeIsJudgedOnTheRolesAsStoredNotAsCached) {
    const std::string one = "/api/v1/organisation/editions/" + std::to_string(current_);
    ASSERT_EQ(Send("GET", one, kOrganiser2).status, 200);  // cached now
    ASSERT_EQ(Send("GET", one, kOrganiser).status, 200);
    db_->sql() << "DELETE FROM user_role WHERE user_id = :u", soci::use(users_[kOrganiser2]);
    db_->sql() << "DELETE FROM auth_session WHERE user_id = :u", soci::use(users_[kOrganiser]);
    EXPECT_EQ(Send("GET", one, kOrganiser2).status, 200);  // the cache's answer, for up to its TTL
    Answer revoked = Send("PATCH", one, kOrganiser2, R"({"name": "Plus organisateur"})");
    EXPECT_EQ(revoked.status, 403) << json::serialize(revoked.body);
    Answer signed_out = Send("PATCH", one, kOrganiser, R"({"name": "Déconnecté"})");
    EXPECT_EQ(signed_out.status, 401) << json::serialize(signed_out.body);
    EXPECT_EQ(Stored(current_).name, "Édition 2026");
    EXPECT_EQ(CountAudit("edition.update"), 0);
    // The fresh read refreshed the cache: reads see the revocation too now.
    EXPECT_EQ(Send("GET", one, kOrganiser2).status, 403);
}

TEST_F(BackOfficeWebTest, ACookieSessionNeedsTheCsrfHeaderForTheApi) {
    http::Request req;
    req.method = "PATCH";
    ASSERT_TRUE(http::ParseTarget("/api/v1/organisation/editions/" + std::to_string(current_), &req).ok());
    req.body = R"({"name": "Par cookie"})";
    req.headers = {{"content-type", "application/json"}, {"cookie", "juo_session=" + sessions_[kOrganiser]}};
    auto match = router_.Match("PATCH", req.path);
    ASSERT_EQ(match.outcome, http::RouteMatch::Outcome::kFound);
    req.path_params = match.params;
    EXPECT_EQ((*match.handler)(req).status, 403);
    req.headers["x-csrf-token"] = csrf_.SessionToken(sessions_[kOrganiser]);
    EXPECT_EQ((*match.handler)(req).status, 200);
    EXPECT_EQ(Stored(current_).name, "Par cookie");
}

TEST_F(BackOfficeWebTest, UsersAndRolesFromThePages) {
    Answer search = Send("GET", "/organisation/utilisateurs?q=PLAIN", kOrganiser);
    ASSERT_EQ(search.status, 200);
    EXPECT_NE(search.html.find("plain@example.org"), std::string::npos);
    EXPECT_EQ(search.html.find("relay@example.org"), std::string::npos);
    EXPECT_EQ(search.html.find("??"), std::string::npos);
    EXPECT_NE(Send("GET", "/organisation/utilisateurs?q=relay", kOrganiser).html.find("Relais régional (69)"),
              std::string::npos);
    EXPECT_EQ(Send("GET", "/organisation/utilisateurs?page=0", kOrganiser).status, 400);

    const std::string page = "/organisation/utilisateurs/" + std::to_string(users_[kPlain]);
    Answer form = Send("GET", page, kOrganiser);
    ASSERT_EQ(form.status, 200);
    EXPECT_NE(form.html.find("aucun rôle"), std::string::npos);
    EXPECT_EQ(form.html.find("??"), std::string::npos);
    EXPECT_EQ(Send("GET", "/organisation/utilisateurs/999999", kOrganiser).status, 404);

    // The plain user is a visitor: the back office refuses them (the session lookup is cached).
    EXPECT_EQ(Send("GET", "/api/v1/users", kPlain).status, 403);
    EXPECT_EQ(Send("POST", page, kOrganiser, "action=grant&role=relay&department=", false).status, 403);
    Answer unknown = Send("POST", page, kOrganiser, "action=grant&role=relay&department=99");
    EXPECT_EQ(unknown.status, 400);
    EXPECT_NE(unknown.html.find("pas un code de département"), std::string::npos);
    EXPECT_NE(unknown.html.find("<option value=\"relay\" selected>"), std::string::npos);  // the form as sent
    EXPECT_EQ(Send("POST", page, kOrganiser, "action=grant&role=relay&department=").status, 400);
    EXPECT_EQ(Send("POST", page, kOrganiser, "action=grant&role=host&site=999999").status, 400);
    EXPECT_EQ(Send("POST", page, kOrganiser, "action=grant&role=king").status, 400);
    EXPECT_EQ(Count("SELECT count(*) FROM user_role WHERE user_id = " + std::to_string(users_[kPlain])), 0);

    Answer granted = Send("POST", page, kOrganiser, "action=grant&role=organiser");
    ASSERT_EQ(granted.status, 303) << granted.html;
    EXPECT_NE(granted.location.find("fait=grant"), std::string::npos);
    EXPECT_EQ(Send("GET", "/api/v1/users", kPlain).status, 200);  // at once, despite the cache
    EXPECT_EQ(Send("POST", page, kOrganiser, "action=grant&role=organiser").status, 409);  // no duplicate
    EXPECT_EQ(CountAudit("role.grant"), 1);

    // Nobody revokes their own organiser role.
    const std::string mine = "/organisation/utilisateurs/" + std::to_string(users_[kOrganiser]);
    long long my_grant = 0;
    db_->sql() << "SELECT id FROM user_role WHERE user_id = :u", soci::use(users_[kOrganiser]),
        soci::into(my_grant);
    Answer self = Send("POST", mine, kOrganiser, "action=revoke&grant=" + std::to_string(my_grant));
    EXPECT_EQ(self.status, 409);
    EXPECT_NE(self.html.find("votre propre rôle"), std::string::npos);
    long long plain_grant = 0;
    db_->sql() << "SELECT id FROM user_role WHERE user_id = :u", soci::use(users_[kPlain]),
        soci::into(plain_grant);
    EXPECT_EQ(Send("POST", mine, kOrganiser, "action=revoke&grant=" + std::to_string(plain_grant)).status,
              404);
    Answer revoked = Send("POST", page, kOrganiser, "action=revoke&grant=" + std::to_string(plain_grant));
    ASSERT_EQ(revoked.status, 303);
    EXPECT_EQ(Send("GET", "/api/v1/users", kPlain).status, 403);  // at once
    EXPECT_EQ(CountAudit("role.revoke"), 1);
}

TEST_F(BackOfficeWebTest, UsersAndRolesThroughTheApi) {
    Answer list = Send("GET", "/api/v1/users?q=example.org", kOrganiser);
    ASSERT_EQ(list.status, 200);
    EXPECT_EQ(list.body.at("users").as_array().size(), 6u);
    EXPECT_FALSE(list.body.at("more").as_bool());
    EXPECT_EQ(Send("GET", "/api/v1/users?page=abc", kOrganiser).status, 400);
    const std::string roles = "/api/v1/users/" + std::to_string(users_[kPlain]) + "/roles";
    auto refused = [&](const std::string& body, int status) {
        Answer a = Send("POST", roles, kOrganiser, body);
        EXPECT_EQ(a.status, status) << body << " " << json::serialize(a.body);
        EXPECT_FALSE(ErrorCodeOf(a).empty());
    };
    refused("{}", 400);
    refused(R"({"role": "relay"})", 400);
    refused(R"({"role": "relay", "department": "99"})", 400);
    refused(R"({"role": "host", "site_id": 999999})", 400);
    refused(R"({"role": "host", "site_id": "one"})", 400);
    EXPECT_EQ(Send("POST", "/api/v1/users/999999/roles", kOrganiser, R"({"role": "teacher"})").status, 404);

    Answer host =
        Send("POST", roles, kOrganiser, R"({"role": "host", "site_id": )" + std::to_string(site_) + "}");
    ASSERT_EQ(host.status, 201) << json::serialize(host.body);
    const long long grant = host.body.at("grant_id").as_int64();
    EXPECT_EQ(host.body.at("user").at("roles").at(0).at("site_name").as_string(), "Forge de Lyon");
    Answer relay = Send("POST", roles, kOrganiser, R"({"role": "relay", "department": "2a"})");
    ASSERT_EQ(relay.status, 201);
    EXPECT_EQ(relay.body.at("user").at("roles").at(1).at("department").as_string(), "2A");
    refused(R"({"role": "relay", "department": "2A"})", 409);

    const std::string mine = "/api/v1/users/" + std::to_string(users_[kOrganiser]) + "/roles/";
    long long my_grant = 0;
    db_->sql() << "SELECT id FROM user_role WHERE user_id = :u", soci::use(users_[kOrganiser]),
        soci::into(my_grant);
    EXPECT_EQ(ErrorCodeOf(Send("DELETE", mine + std::to_string(my_grant), kOrganiser)), "conflict");
    EXPECT_EQ(Send("DELETE", mine + std::to_string(my_grant), kOrganiser2).status,
              200);  // another organiser may
    EXPECT_EQ(Send("DELETE", mine + std::to_string(grant), kOrganiser2).status, 404);  // not that user's
    Answer gone = Send("DELETE", roles + "/" + std::to_string(grant), kOrganiser2);
    ASSERT_EQ(gone.status, 200);
    EXPECT_EQ(gone.body.at("user").at("roles").as_array().size(), 1u);
    Answer user = Send("GET", "/api/v1/users/" + std::to_string(users_[kPlain]), kOrganiser2);
    EXPECT_EQ(user.body.at("user").at("roles").at(0).at("role").as_string(), "relay");
}

}  // namespace
}  // namespace juo::web
