// Tests of the waiting room's gate and page on the people fixture (a seeded replica, the real
// services): before the opening the gate sends a visitor to /file-d-attente with a ticket
// cookie; the page says the place will be drawn, reloads itself (Refresh) and keeps the ticket;
// once the visitor's turn has come the page sends them on to `suite` (a local path only) and the
// gate lets them through. The order itself is tested in services/waiting_room_test.cc.
#include "web/public/waiting_room_pages.h"

#include <ctime>

#include "common/clock.h"
#include "web/kit/people_test_fixture.h"

namespace juo::web {
namespace {

class WaitingRoomPagesTest : public PeopleApiTest {
 protected:
    static void SetUpTestSuite() {
        PeopleApiTest::SetUpTestSuite();
        WaitingRoomConfig config;
        config.options.rate_per_second = 1000;
        ConfigureWaitingRoom(config);
    }
    void SetOpening(long long from_now) {
        auto db = std::move(*store::Database::Open(url_, store::OpenMode::kMustExist));
        const std::string at = UtcIsoFromEpoch(static_cast<long long>(std::time(nullptr)) + from_now);
        db->sql() << "UPDATE edition SET registration_opens_at = :a", soci::use(at);
    }
    void TearDown() override {
        auto db = std::move(*store::Database::Open(url_, store::OpenMode::kMustExist));
        db->sql() << "UPDATE edition SET registration_opens_at = NULL";
        db->sql() << "DELETE FROM waiting_ticket";
        db->sql() << "DELETE FROM waiting_room";
    }
    static http::Request Get(const std::string& target, const std::string& cookie = "") {
        http::Request req;
        req.method = "GET";
        EXPECT_TRUE(http::ParseTarget(target, &req).ok());
        if (!cookie.empty()) req.headers["cookie"] = cookie;
        return req;
    }
    static PeopleContext Context() {
        return PeopleContext{accounts_, sessions_, limiter_, csrf_, engine_, connections_, "http://test", false};
    }
    static std::string CookieOf(const http::Response& r) {
        for (const auto& [k, v] : r.headers)
            if (k == "Set-Cookie") return v.substr(0, v.find(';'));
        return {};
    }
    static std::string HeaderOf(const http::Response& r, const std::string& name) {
        for (const auto& [k, v] : r.headers)
            if (k == name) return v;
        return {};
    }
};

TEST_F(WaitingRoomPagesTest, WithoutAnOpeningTheGateLetsEveryoneThrough) {
    EXPECT_FALSE(WaitingRoomGate(Context(), Get("/reserver/" + std::to_string(session_))).has_value());
}

TEST_F(WaitingRoomPagesTest, BeforeTheOpeningVisitorsWaitWithATicketAndGoOnWhenTheirTurnComes) {
    SetOpening(20 * 60);
    const std::string form = "/reserver/" + std::to_string(session_);
    auto gate = WaitingRoomGate(Context(), Get(form));
    ASSERT_TRUE(gate.has_value());
    EXPECT_EQ(gate->status, 303);
    EXPECT_EQ(HeaderOf(*gate, "Location"), "/file-d-attente?suite=%2Freserver%2F" + std::to_string(session_));
    const std::string cookie = CookieOf(*gate);
    ASSERT_EQ(cookie.rfind("juo_file=", 0), 0u);
    for (const auto& [k, v] : gate->headers)
        if (k == "Set-Cookie") EXPECT_NE(v.find("HttpOnly"), std::string::npos);

    http::Router router;
    RegisterWaitingRoomPages(router, Context());
    Answer room = SendThrough(router, "GET", "/file-d-attente?suite=%2Freserver%2F" + std::to_string(session_), "",
                              {{"cookie", cookie}});
    ASSERT_EQ(room.status, 200);
    EXPECT_NE(room.html.find("tirée au sort"), std::string::npos);
    EXPECT_NE(room.html.find("1 personne attend"), std::string::npos);
    EXPECT_TRUE(room.set_cookie.empty());  // the same ticket
    Answer english = SendThrough(router, "GET", "/file-d-attente?suite=%2F&lang=en", "", {{"cookie", cookie}});
    EXPECT_NE(english.html.find("drawn at random"), std::string::npos);
    // The page reloads itself without JavaScript.
    http::Request raw = Get("/file-d-attente?suite=%2Freserver%2F1", cookie);
    auto match = router.Match("GET", "/file-d-attente");
    http::Response page = (*match.handler)(raw);
    EXPECT_EQ(HeaderOf(page, "Refresh"), "15; url=/file-d-attente?suite=%2Freserver%2F1");

    // The opening has come, and with 1,000 a second this visitor's turn at once.
    SetOpening(-5);
    Answer go = SendThrough(router, "GET", "/file-d-attente?suite=%2Freserver%2F" + std::to_string(session_), "",
                            {{"cookie", cookie}});
    EXPECT_EQ(go.status, 303);
    EXPECT_EQ(go.location, form);
    EXPECT_FALSE(WaitingRoomGate(Context(), Get(form, cookie)).has_value());  // admitted: passes
    // `suite` is a local path only.
    Answer elsewhere = SendThrough(router, "GET", "/file-d-attente?suite=%2F%2Fevil.example%2F", "", {{"cookie", cookie}});
    EXPECT_EQ(elsewhere.status, 303);
    EXPECT_EQ(elsewhere.location, "/");
}

}  // namespace
}  // namespace juo::web
