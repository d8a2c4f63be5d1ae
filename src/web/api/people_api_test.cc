// Tests of the account and booking API through the real router, with the real booking engine,
// sessions and SQLite (the replica, its edition opened): an authorisation walk over every
// registered route with every role, and the booking rules as HTTP answers (status and error
// code), CSRF for cookie sessions, idempotency, another user's booking.
#include "web/kit/people_test_fixture.h"

namespace juo::web {
namespace {

// Every registered route has a rule, and for every role the answer agrees with the rule: a
// refused role gets 401 (anonymous) or 403 before anything else happens; an allowed one never
// gets them.
TEST_F(PeopleApiTest, EveryRouteWithEveryRole) {
    const std::vector<std::pair<auth::Role, int>> roles = {
        {auth::Role::kAnonymous, -1}, {auth::Role::kVisitor, 0}, {auth::Role::kTeacher, 1},
        {auth::Role::kAdviser, 2},    {auth::Role::kHost, 3},    {auth::Role::kRelay, 4},
        {auth::Role::kOrganiser, 5}};
    int walked = 0;
    for (const auto& [method, pattern] : router_->Routes()) {
        auto rule = auth::FindAccessRule(method, pattern);
        ASSERT_TRUE(rule) << method << " " << pattern << " has no rule in auth/authorisation.cc";
        // These would end the sessions the walk uses: checked below.
        if ((method == "DELETE" && pattern == "/api/v1/sessions") || (method == "POST" && pattern == "/compte/deconnexion"))
            continue;
        // Issue 21: this would erase the walk's users (personal_data_test.cc checks it).
        if (method == "DELETE" && pattern == "/api/v1/me") continue;
        if (pattern == "/compte") continue;  // "my space": a redirection for everyone, by design
        std::string target = pattern;
        for (std::string param : {"{id}", "{year}", "{session_id}"})
            if (auto at = target.find(param); at != std::string::npos)
                target.replace(at, param.size(), "999999");
        for (const auto& [role, user] : roles) {
            auto headers = user < 0 ? std::map<std::string, std::string>{} : As(static_cast<size_t>(user));
            Answer a = Send(method, target, method == "GET" ? "" : "{}", headers);
            bool allowed = rule->allowed.Contains(role);
            std::string code = ErrorCodeOf(a);
            // The allocation page's progress poll (".../etat", issue 18) answers JSON like the API.
            const bool json_poll = pattern.size() > 5 && pattern.compare(pattern.size() - 5, 5, "/etat") == 0;
            const bool page = pattern.rfind("/api/", 0) != 0 && !json_poll;
            // A page refuses an anonymous caller by sending them to the sign-in page, and a
            // signed-in one without the role with the "cannot be done" page.
            const bool sent_to_sign_in = a.status == 303 && a.location.rfind("/compte/connexion", 0) == 0;
            const bool refusal_page = a.status == 403 && a.html.find("Action impossible") != std::string::npos;
            if (allowed) {
                EXPECT_NE(code, "unauthenticated")
                    << method << " " << pattern << " as " << auth::RoleName(role);
                EXPECT_NE(code, "forbidden") << method << " " << pattern << " as " << auth::RoleName(role);
                EXPECT_FALSE(sent_to_sign_in || refusal_page)
                    << method << " " << pattern << " as " << auth::RoleName(role);
            } else if (page && role == auth::Role::kAnonymous) {
                EXPECT_TRUE(sent_to_sign_in) << method << " " << pattern << " answered " << a.status;
            } else if (page) {
                EXPECT_TRUE(refusal_page) << method << " " << pattern << " as " << auth::RoleName(role) << " answered "
                                          << a.status;
            } else {
                EXPECT_EQ(a.status, role == auth::Role::kAnonymous ? 401 : 403)
                    << method << " " << pattern << " as " << auth::RoleName(role);
            }
            ++walked;
        }
    }
    EXPECT_GT(walked, 7 * 20);
}

TEST_F(PeopleApiTest, BookingRulesAsHttpAnswers) {
    EXPECT_EQ(Send("POST", "/api/v1/bookings", BookBody(2)).status, 401);
    EXPECT_EQ(Send("POST", "/api/v1/bookings", BookBody(2), As(3)).status, 403);  // a host does not book
    auto bad = [&](const std::string& body, std::map<std::string, std::string> headers) {
        Answer a = Send("POST", "/api/v1/bookings", body, headers);
        EXPECT_EQ(a.status, 400) << body;
        EXPECT_EQ(ErrorCodeOf(a), "invalid_argument") << body;
    };
    bad("not json", As(0));
    bad("[1,2]", As(0));
    bad("{\"people\":2}", As(0));
    bad("{\"session_id\":\"x\",\"people\":2}", As(0));
    bad("{\"session_id\":" + std::to_string(session_) + ",\"people\":-1}", As(0));
    bad("{\"session_id\":" + std::to_string(session_) + ",\"people\":2,\"audience\":\"martians\"}", As(0));
    auto text = As(0);
    text["content-type"] = "text/plain";
    Answer not_json = Send("POST", "/api/v1/bookings", BookBody(2), text);
    EXPECT_EQ(not_json.status, 415);
    EXPECT_EQ(ErrorCodeOf(not_json), "unsupported_media_type");
    auto long_key = As(0);
    long_key["idempotency-key"] = std::string(300, 'k');
    bad(BookBody(2), long_key);
    EXPECT_EQ(Send("POST", "/api/v1/bookings", "{\"session_id\":999999,\"people\":2}", As(0)).status, 404);

    auto keyed = As(0);
    keyed["idempotency-key"] = "http-1";
    Answer first = Send("POST", "/api/v1/bookings", BookBody(3), keyed);
    ASSERT_EQ(first.status, 201) << json::serialize(first.body);
    long long id = first.body.at("booking").at("id").as_int64();
    Answer again = Send("POST", "/api/v1/bookings", BookBody(3), keyed);
    EXPECT_EQ(again.status, 200);
    EXPECT_EQ(again.body.at("booking").at("id").as_int64(), id);
    EXPECT_TRUE(again.body.at("replayed").as_bool());

    Answer full = Send("POST", "/api/v1/bookings", BookBody(6), As(6));  // 5 places left
    EXPECT_EQ(full.status, 409);
    EXPECT_EQ(ErrorCodeOf(full), "full");
    Answer waits =
        Send("POST", "/api/v1/bookings",
             "{\"session_id\":" + std::to_string(session_) + ",\"people\":6,\"waitlist\":true}", As(6));
    EXPECT_EQ(waits.status, 202);
    EXPECT_FALSE(waits.body.at("waitlist_entry").at("leave_token").as_string().empty());

    Answer not_mine = Send("POST", "/api/v1/bookings/" + std::to_string(id) + "/cancel", "", As(6));
    EXPECT_EQ(not_mine.status, 403);
    Answer mine = Send("GET", "/api/v1/me/bookings", "", As(0));
    ASSERT_EQ(mine.status, 200);
    ASSERT_EQ(mine.body.at("bookings").as_array().size(), 1u);
    EXPECT_EQ(mine.body.at("bookings").at(0).at("tour").at("site_id").as_int64(), site_);
    // Cancelling frees 3 places: 8 free, the waiting party of 6 gets an offer.
    Answer cancelled = Send("POST", "/api/v1/bookings/" + std::to_string(id) + "/cancel", "", As(0));
    ASSERT_EQ(cancelled.status, 200);
    EXPECT_EQ(cancelled.body.at("offers_made").as_int64(), 1);
    Answer offer = Send("GET", "/api/v1/me/bookings", "", As(6));
    ASSERT_EQ(offer.body.at("waitlist").as_array().size(), 1u);
    EXPECT_EQ(offer.body.at("waitlist").at(0).at("entry").at("status").as_string(), "offered");
    long long entry = offer.body.at("waitlist").at(0).at("entry").at("id").as_int64();
    EXPECT_EQ(Send("POST", "/api/v1/waitlist/" + std::to_string(entry) + "/accept", "", As(0)).status, 404);
    Answer accepted = Send("POST", "/api/v1/waitlist/" + std::to_string(entry) + "/accept", "", As(6));
    EXPECT_EQ(accepted.status, 201);
}

TEST_F(PeopleApiTest, ACookieSessionNeedsTheCsrfTokenToChangeAnything) {
    std::map<std::string, std::string> cookie{{"cookie", "juo_session=" + session_ids_[1]}};
    Answer me = Send("GET", "/api/v1/me", "", cookie);
    ASSERT_EQ(me.status, 200);
    std::string token(me.body.at("csrf_token").as_string());
    Answer refused = Send("POST", "/api/v1/bookings", BookBody(1), cookie);
    EXPECT_EQ(refused.status, 403);
    cookie["x-csrf-token"] = "forged";
    EXPECT_EQ(Send("POST", "/api/v1/bookings", BookBody(1), cookie).status, 403);
    cookie["x-csrf-token"] = token;
    Answer ok = Send("POST", "/api/v1/bookings", BookBody(1), cookie);
    EXPECT_NE(ok.status, 403);
    EXPECT_NE(ok.status, 401);
}

TEST_F(PeopleApiTest, SignUpConfirmLoginAndLogout) {
    Answer created = Send(
        "POST", "/api/v1/accounts",
        R"({"email":" Nouvelle@Example.org ","display_name":"Nouvelle","password":"un mot de passe long"})");
    ASSERT_EQ(created.status, 201) << json::serialize(created.body);
    EXPECT_EQ(created.body.at("email").as_string(), "nouvelle@example.org");
    EXPECT_EQ(Send("POST", "/api/v1/accounts",
                   R"({"email":"nouvelle@example.org","display_name":"N","password":"un mot de passe long"})")
                  .status,
              409);
    EXPECT_EQ(
        Send("POST", "/api/v1/accounts", R"({"email":"x@example.org","display_name":"N","password":"court"})")
            .status,
        400);
    // Not confirmed yet: the right password is refused with 403.
    Answer early = Send("POST", "/api/v1/sessions",
                        R"({"email":"nouvelle@example.org","password":"un mot de passe long"})");
    EXPECT_EQ(early.status, 403);
    // The confirmation link is in the outbox, written with the account.
    auto db = std::move(*store::Database::Open(url_, store::OpenMode::kMustExist));
    std::string body;
    db->sql() << "SELECT body_text FROM email_outbox WHERE to_address = 'nouvelle@example.org' AND kind = "
                 "'account.confirm'",
        soci::into(body);
    auto at = body.find("jeton=");
    ASSERT_NE(at, std::string::npos);
    std::string token = body.substr(at + 6, body.find_first_of("\n ", at) - at - 6);
    EXPECT_EQ(Send("POST", "/api/v1/accounts/confirm", "{\"token\":\"" + token + "\"}").status, 200);
    EXPECT_EQ(
        Send("POST", "/api/v1/sessions", R"({"email":"nouvelle@example.org","password":"wrong password!"})")
            .status,
        401);
    Answer login = Send("POST", "/api/v1/sessions",
                        R"({"email":"nouvelle@example.org","password":"un mot de passe long"})");
    ASSERT_EQ(login.status, 201);
    EXPECT_NE(login.set_cookie.find("HttpOnly"), std::string::npos);
    std::string sid(login.body.at("session_id").as_string());
    std::map<std::string, std::string> bearer{{"authorization", "Bearer " + sid}};
    EXPECT_EQ(Send("GET", "/api/v1/me", "", bearer).status, 200);
    EXPECT_EQ(Send("DELETE", "/api/v1/sessions", "", bearer).status, 200);
    EXPECT_EQ(Send("GET", "/api/v1/me", "", bearer).status, 401);
}

}  // namespace
}  // namespace juo::web

namespace juo::web {
namespace {

// Page forms: the session cookie needs the form's CSRF token, bad input re-shows the form with a
// 4xx and changes nothing, a resubmitted form books once, another user's booking is refused.
TEST_F(PeopleApiTest, BookingPagesRefuseBadInputAndBookOncePerForm) {
    auto db = connections_->Get();
    ASSERT_TRUE(db.ok());
    long long tour = 0;
    (*db)->sql() << "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id WHERE a.audience = "
                    "'public' AND s.status = 'open' AND s.capacity_people - s.places_taken >= 10 ORDER BY s.id DESC "
                    "LIMIT 1",
        soci::into(tour);
    auto taken = [&] {
        int n = 0;
        (*db)->sql() << "SELECT places_taken FROM session WHERE id = :s", soci::use(tour), soci::into(n);
        return n;
    };
    // Issue 17: a past tour shows its state instead of a form; the replica's edition is 2025.
    (*db)->sql() << "UPDATE session SET day_date = '2031-10-04' WHERE id = :s", soci::use(tour);
    const int before = taken();
    const std::string target = "/reserver/" + std::to_string(tour);
    auto cookie = [](size_t user) {
        return std::map<std::string, std::string>{{"cookie", "juo_session=" + session_ids_[user]},
                                                  {"content-type", "application/x-www-form-urlencoded"}};
    };
    const std::string token = csrf_->SessionToken(session_ids_[0]);
    auto form = [&](const std::string& fields) { return "csrf=" + token + "&" + fields; };

    EXPECT_EQ(Send("POST", target, "people=2&form_key=k1", cookie(0)).status, 403);         // no token
    EXPECT_EQ(Send("POST", target, "csrf=forged&people=2&form_key=k1", cookie(0)).status, 403);
    Answer bad = Send("POST", target, form("people=deux&form_key=k1"), cookie(0));
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(bad.html.find("f-people"), std::string::npos);  // the form again, the field marked
    EXPECT_EQ(Send("POST", target, form("people=0&form_key=k1"), cookie(0)).status, 400);
    EXPECT_EQ(Send("POST", target, form("people=2"), cookie(0)).status, 400);  // no form key: reload
    EXPECT_EQ(Send("POST", target, form("people=99&form_key=k1"), cookie(0)).status, 400);  // above the maximum
    EXPECT_EQ(Send("POST", "/reserver/999999", form("people=2&form_key=k1"), cookie(0)).status, 404);
    EXPECT_EQ(taken(), before);

    // Issue 17: a booking lands on its confirmation page (the booking's manage page).
    Answer booked = Send("POST", target, form("people=2&form_key=k2"), cookie(0));
    EXPECT_EQ(booked.status, 303);
    EXPECT_NE(Send("GET", booked.location, "", cookie(0)).html.find("data-ticket-code"), std::string::npos);
    Answer again = Send("POST", target, form("people=2&form_key=k2"), cookie(0));  // the same form resubmitted
    EXPECT_EQ(again.status, 303);
    EXPECT_EQ(again.location, booked.location);
    EXPECT_EQ(taken(), before + 2);

    long long booking = 0;
    (*db)->sql() << "SELECT max(id) FROM booking WHERE session_id = :s", soci::use(tour), soci::into(booking);
    const std::string other_token = csrf_->SessionToken(session_ids_[6]);
    Answer theirs = Send("POST", "/compte/reservations",
                         "csrf=" + other_token + "&action=cancel&confirm=1&booking=" + std::to_string(booking), cookie(6));
    EXPECT_EQ(theirs.status, 403);
    EXPECT_NE(theirs.html.find("pas la vôtre"), std::string::npos);
    EXPECT_EQ(taken(), before + 2);
    Answer mine = Send("POST", "/compte/reservations",
                       form("action=cancel&confirm=1&booking=" + std::to_string(booking)), cookie(0));
    EXPECT_EQ(mine.status, 303);
    EXPECT_EQ(taken(), before);
    EXPECT_EQ(Send("POST", "/compte/reservations", form("action=fly"), cookie(0)).status, 400);
}

// A replayed booking and a check-in answer the tour's real places left (they answered 0), and
// a ticket is accepted as its QR code holds it ("JUO:" + code), in any case, with dashes or
// spaces: by the API and by the check-in page alike.
TEST_F(PeopleApiTest, TicketFormatsAndPlacesLeftAtTheDoor) {
    auto db = connections_->Get();
    ASSERT_TRUE(db.ok());
    long long tour = 0;
    (*db)->sql()
        << "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id WHERE a.audience = "
           "'public' AND s.status = 'open' AND s.capacity_people - s.places_taken >= 10 AND s.id <> :s "
           "ORDER BY s.id DESC LIMIT 1 OFFSET 1",
        soci::use(session_), soci::into(tour);
    ASSERT_NE(tour, 0);
    auto left = [&] {
        int capacity = 0, taken = 0;
        (*db)->sql() << "SELECT capacity_people, places_taken FROM session WHERE id = :s", soci::use(tour),
            soci::into(capacity), soci::into(taken);
        return capacity - taken;
    };
    const std::string book = "{\"session_id\":" + std::to_string(tour) + ",\"people\":2}";
    auto keyed = As(0);
    keyed["idempotency-key"] = "places-left-1";
    Answer first = Send("POST", "/api/v1/bookings", book, keyed);
    ASSERT_EQ(first.status, 201) << json::serialize(first.body);
    EXPECT_EQ(first.body.at("places_left").as_int64(), left());
    Answer replayed = Send("POST", "/api/v1/bookings", book, keyed);
    ASSERT_EQ(replayed.status, 200) << json::serialize(replayed.body);
    EXPECT_TRUE(replayed.body.at("replayed").as_bool());
    EXPECT_EQ(replayed.body.at("places_left").as_int64(), first.body.at("places_left").as_int64());
    const std::string code(first.body.at("booking").at("ticket_code").as_string());
    ASSERT_EQ(code.size(), 10u);

    auto check_in = [&](const std::string& ticket) {
        return Send("POST", "/api/v1/check-ins", "{\"ticket_code\":\"" + ticket + "\",\"attended\":2}",
                    As(5));
    };
    std::string lower = code;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string dashed = code.substr(0, 4) + "-" + code.substr(4, 4) + "-" + code.substr(8);
    // What the QR code holds.
    Answer in = check_in("JUO:" + code);
    ASSERT_EQ(in.status, 200) << json::serialize(in.body);
    EXPECT_EQ(in.body.at("booking").at("ticket_code").as_string(), code);
    EXPECT_EQ(in.body.at("places_left").as_int64(), left());
    EXPECT_GT(in.body.at("places_left").as_int64(), 0);
    // The same ticket in other forms is found (already checked in), not unknown.
    for (const std::string& form : {lower, dashed, "juo:" + lower, "Juo: " + dashed,
                                    " " + code.substr(0, 5) + " " + code.substr(5) + " "}) {
        Answer again = check_in(form);
        EXPECT_EQ(again.status, 409) << form << " " << json::serialize(again.body);
        EXPECT_EQ(ErrorCodeOf(again), "conflict") << form;
    }
    EXPECT_EQ(check_in("JUO:").status, 400);
    EXPECT_EQ(check_in(" - ").status, 400);
    Answer unknown = check_in("juo:zzzz-zzzz-zz");
    EXPECT_EQ(unknown.status, 404);
    EXPECT_NE(json::serialize(unknown.body).find("ZZZZZZZZZZ"), std::string::npos)
        << json::serialize(unknown.body);

    // The check-in page, the same formats.
    Answer other = Send("POST", "/api/v1/bookings", book, As(6));
    ASSERT_EQ(other.status, 201) << json::serialize(other.body);
    const std::string other_code(other.body.at("booking").at("ticket_code").as_string());
    std::string other_lower = other_code;
    for (char& c : other_lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::map<std::string, std::string> page{{"cookie", "juo_session=" + session_ids_[5]},
                                                  {"content-type", "application/x-www-form-urlencoded"}};
    const std::string token = csrf_->SessionToken(session_ids_[5]);
    auto page_check_in = [&](const std::string& ticket) {
        return Send("POST", "/accueil/pointage", "csrf=" + token + "&code=" + ticket, page);
    };
    // Issue 19: a check-in answers a redirect to the list (its fresh totals).
    EXPECT_EQ(page_check_in("juo%3A" + other_lower.substr(0, 4) + "-" + other_lower.substr(4)).status, 303);
    EXPECT_EQ(page_check_in("JUO%3A" + other_code).status, 409);
    EXPECT_EQ(
        page_check_in(other_code.substr(0, 4) + "-" + other_code.substr(4, 4) + "-" + other_code.substr(8))
            .status,
        409);
    EXPECT_EQ(page_check_in(other_lower).status, 409);
    EXPECT_EQ(page_check_in("JUO%3A").status, 400);
}

// The group request API: a teacher's request with clear 400s, the organiser's decision through
// the engine, a relay sees only their department's requests, a second decision is a 409.
TEST_F(PeopleApiTest, GroupRequestsThroughTheApi) {
    auto db = connections_->Get();
    ASSERT_TRUE(db.ok());
    long long school_tour = 0, public_tour = session_;
    std::string department;
    (*db)->sql() << "SELECT s.id, t.department_code FROM session s JOIN site t ON t.id = s.site_id JOIN "
                    "session_audience a ON a.session_id = s.id WHERE a.audience = 'school' AND s.status = 'open' "
                    "AND s.capacity_people - s.places_taken >= 30 AND s.capacity_groups > s.groups_taken AND "
                    "(s.min_level IS NULL OR s.min_level = '4e') ORDER BY s.id LIMIT 1",
        soci::into(school_tour), soci::into(department);
    ASSERT_GT(school_tour, 0);
    auto body = [](const std::string& level, int pupils, const std::string& place, long long wish) {
        return "{\"level\":\"" + level + "\",\"pupils\":" + std::to_string(pupils) +
               ",\"adults\":2,\"bus_needed\":true,\"place\":\"" + place + "\",\"wishes\":[" + std::to_string(wish) +
               "]}";
    };
    auto refused = [&](const std::string& b, size_t user, int status) {
        Answer a = Send("POST", "/api/v1/group-requests", b, As(user));
        EXPECT_EQ(a.status, status) << b << " " << json::serialize(a.body);
    };
    refused(body("3e", 24, "Lyon", school_tour), 0, 403);  // a visitor does not request groups
    refused(body("CM2", 24, "Lyon", school_tour), 1, 400);
    refused(body("3e", 0, "Lyon", school_tour), 1, 400);
    refused(body("3e", 24, "Atlantide", school_tour), 1, 404);
    refused(body("3e", 24, "Lyon", public_tour), 1, 400);  // a Saturday tour
    refused(body("3e", 24, "Lyon", 999999), 1, 400);
    refused("{\"level\":\"3e\",\"pupils\":24,\"place\":\"Lyon\",\"wishes\":\"x\"}", 1, 400);

    Answer made = Send("POST", "/api/v1/group-requests", body("3e", 24, "Lyon", school_tour), As(1));
    ASSERT_EQ(made.status, 201) << json::serialize(made.body);
    const long long id = made.body.at("group_request").at("id").as_int64();
    EXPECT_EQ(made.body.at("group_request").at("status").as_string(), "pending");
    EXPECT_EQ(made.body.at("group_request").at("department").as_string(), "69");
    Answer mine = Send("GET", "/api/v1/me/group-requests", "", As(1));
    ASSERT_EQ(mine.status, 200);
    EXPECT_EQ(mine.body.at("group_requests").as_array().size(), 1u);

    auto sees = [&](size_t user) {
        Answer a = Send("GET", "/api/v1/host/group-requests", "", As(user));
        EXPECT_EQ(a.status, 200);
        for (const auto& r : a.body.at("group_requests").as_array())
            if (r.at("id").as_int64() == id) return true;
        return false;
    };
    EXPECT_TRUE(sees(5));  // the organiser
    // The test's relay covers the department of the public tour's site: it sees the request only
    // when the school tour is in that department too.
    std::string relay_department;
    (*db)->sql() << "SELECT department_code FROM site WHERE id = :s", soci::use(site_), soci::into(relay_department);
    EXPECT_EQ(sees(4), relay_department == department);

    const std::string accept = "/api/v1/group-requests/" + std::to_string(id) + "/accept";
    EXPECT_EQ(Send("POST", accept, "{\"session_id\":" + std::to_string(school_tour) + "}", As(1)).status, 403);
    EXPECT_EQ(Send("POST", accept, "{}", As(5)).status, 400);
    Answer accepted = Send("POST", accept, "{\"session_id\":" + std::to_string(school_tour) + ",\"message\":\"Bienvenue\"}",
                           As(5));
    ASSERT_EQ(accepted.status, 201) << json::serialize(accepted.body);
    EXPECT_EQ(accepted.body.at("booking").at("people").as_int64(), 26);
    EXPECT_EQ(accepted.body.at("group_request_id").as_int64(), id);
    Answer twice = Send("POST", "/api/v1/group-requests/" + std::to_string(id) + "/refuse", "{}", As(5));
    EXPECT_EQ(twice.status, 409);
    mine = Send("GET", "/api/v1/me/group-requests", "", As(1));
    EXPECT_EQ(mine.body.at("group_requests").at(0).at("status").as_string(), "accepted");
    EXPECT_EQ(mine.body.at("group_requests").at(0).at("ticket_code").as_string().size(), 10u);
}

// The hole of issue 21: a tour of a factory the organiser refused (or has not approved yet) was
// booked by its id through the API, 201 and a confirmation e-mail. Now it is "no such tour" (404),
// and a group request cannot wish for it (400); nothing is written or mailed.
TEST_F(PeopleApiTest, ATourOfAFactoryNotApprovedIsNeitherBookedNorRequested) {
    auto db = connections_->Get();
    ASSERT_TRUE(db.ok());
    long long school_tour = 0;
    (*db)->sql() << "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id WHERE a.audience = "
                    "'school' AND s.status = 'open' AND (s.min_level IS NULL OR s.min_level = '4e') ORDER BY s.id "
                    "LIMIT 1",
        soci::into(school_tour);
    ASSERT_GT(school_tour, 0);
    auto set_participation = [&](long long tour, const std::string& status) {
        (*db)->sql() << "UPDATE participation SET status = :st WHERE site_id = (SELECT site_id FROM session WHERE "
                        "id = :s) AND edition_id = (SELECT edition_id FROM session WHERE id = :s2)",
            soci::use(status), soci::use(tour), soci::use(tour);
    };
    auto count = [&](const std::string& sql) {
        long long n = 0;
        (*db)->sql() << sql, soci::into(n);
        return n;
    };
    const long long bookings = count("SELECT count(*) FROM booking"), mails = count("SELECT count(*) FROM email_outbox"),
                    requests = count("SELECT count(*) FROM group_request");
    for (const std::string status : {"refused", "submitted"}) {
        set_participation(session_, status);
        set_participation(school_tour, status);
        Answer booked = Send("POST", "/api/v1/bookings", BookBody(1), As(6));
        EXPECT_EQ(booked.status, 404) << status << " " << booked.raw;
        EXPECT_EQ(ErrorCodeOf(booked), "not_found") << booked.raw;
        Answer requested = Send("POST", "/api/v1/group-requests",
                                "{\"level\":\"3e\",\"pupils\":24,\"adults\":2,\"place\":\"Lyon\",\"wishes\":[" +
                                    std::to_string(school_tour) + "]}",
                                As(1));
        EXPECT_EQ(requested.status, 400) << status << " " << requested.raw;
        EXPECT_NE(requested.raw.find("no tour number " + std::to_string(school_tour)), std::string::npos)
            << requested.raw;
    }
    set_participation(session_, "approved");
    set_participation(school_tour, "approved");
    EXPECT_EQ(count("SELECT count(*) FROM booking"), bookings);
    EXPECT_EQ(count("SELECT count(*) FROM email_outbox"), mails);
    EXPECT_EQ(count("SELECT count(*) FROM group_request"), requests);
}

// Pages behind a sign-in hold personal data: "private, no-store", so that no shared cache and no
// browser disk keeps them; public pages keep "no-cache" (revalidated, never personal).
TEST_F(PeopleApiTest, PersonalPagesAreNeverStoredPublicPagesAreRevalidated) {
    for (const auto& [target, user] : std::vector<std::pair<std::string, size_t>>{
             {"/compte/reservations", 0}, {"/compte/demandes", 1}, {"/usine", 3}, {"/organisation", 5}}) {
        Answer a = Send("GET", target, "", As(user));
        EXPECT_EQ(a.status, 200) << target;
        EXPECT_EQ(a.cache_control, "private, no-store") << target;
    }
    Answer redirect = Send("GET", "/compte/reservations");  // to the sign-in page
    EXPECT_EQ(redirect.status, 303);
    EXPECT_EQ(redirect.cache_control, "private, no-store");
    EXPECT_EQ(Send("GET", "/compte/connexion").cache_control, "private, no-store");  // its form's token
    for (const std::string& target :
         std::vector<std::string>{"/", "/recherche", "/a-propos", "/usines/" + std::to_string(site_)}) {
        Answer a = Send("GET", target, "", As(0));  // signed in or not, the same public page
        EXPECT_EQ(a.status, 200) << target;
        EXPECT_EQ(a.cache_control, "no-cache") << target;
        EXPECT_EQ(Send("GET", target).cache_control, "no-cache") << target;
    }
}

}  // namespace
}  // namespace juo::web
