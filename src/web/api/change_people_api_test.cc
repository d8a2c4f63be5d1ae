// POST /api/v1/bookings/{id}/people through the real router and booking engine (the people
// fixture: the replica, its edition opened, one user per role): the booker changes the party size
// up and down, a bad body is a 400, someone else's booking a 404, a full tour a 409 with the
// booking unchanged, a started tour a 409.
#include "web/kit/people_test_fixture.h"

namespace juo::web {
namespace {

class ChangePeopleApiTest : public PeopleApiTest {
 protected:
    // Moves the tour to `day` at `starts_at` (the replica's days may be past).
    static void MoveTour(const std::string& day, const std::string& starts_at) {
        auto db = std::move(*store::Database::Open(url_, store::OpenMode::kMustExist));
        db->sql() << "UPDATE session SET day_date = :d, starts_at = :t WHERE id = :s", soci::use(day),
            soci::use(starts_at), soci::use(session_);
    }
    static std::string PeopleBody(int n) { return "{\"people\":" + std::to_string(n) + "}"; }
    static std::string Path(long long id) { return "/api/v1/bookings/" + std::to_string(id) + "/people"; }
};

TEST_F(ChangePeopleApiTest, TheBookerChangesThePartySize) {
    MoveTour("2099-06-06", "10:00");
    Answer booked = Send("POST", "/api/v1/bookings", BookBody(2), As(0));
    ASSERT_EQ(booked.status, 201) << json::serialize(booked.body);
    const long long id = booked.body.at("booking").at("id").as_int64();
    const long long left = booked.body.at("places_left").as_int64();

    Answer up = Send("POST", Path(id), PeopleBody(4), As(0));
    ASSERT_EQ(up.status, 200) << json::serialize(up.body);
    EXPECT_EQ(up.body.at("booking").at("people").as_int64(), 4);
    EXPECT_EQ(up.body.at("people_before").as_int64(), 2);
    EXPECT_EQ(up.body.at("places_left").as_int64(), left - 2);

    for (const std::string bad : {"", "not json", "{}", "{\"people\":0}", "{\"people\":\"3\"}"}) {
        Answer a = Send("POST", Path(id), bad, As(0));
        EXPECT_EQ(a.status, 400) << bad;
        EXPECT_EQ(ErrorCodeOf(a), "invalid_argument") << bad;
    }
    EXPECT_EQ(Send("POST", "/api/v1/bookings/abc/people", PeopleBody(3), As(0)).status, 400);
    EXPECT_EQ(Send("POST", Path(id), PeopleBody(3)).status, 401);
    EXPECT_EQ(Send("POST", Path(id), PeopleBody(3), As(3)).status, 403);  // a host does not book
    Answer not_mine = Send("POST", Path(id), PeopleBody(3), As(6));
    EXPECT_EQ(not_mine.status, 404);
    Answer too_many = Send("POST", Path(id), PeopleBody(999), As(0));  // beyond the largest party
    EXPECT_EQ(too_many.status, 400);
    // Another visitor takes every place left: going up is refused, the booking stays at 4.
    Answer rest = Send("POST", "/api/v1/bookings", BookBody(static_cast<int>(left - 2)), As(6));
    ASSERT_EQ(rest.status, 201) << json::serialize(rest.body);
    Answer full = Send("POST", Path(id), PeopleBody(5), As(0));
    EXPECT_EQ(full.status, 409);
    EXPECT_EQ(ErrorCodeOf(full), "full");
    Answer mine = Send("GET", "/api/v1/me/bookings", "", As(0));
    EXPECT_EQ(mine.body.at("bookings").at(0).at("booking").at("people").as_int64(), 4);

    Answer down = Send("POST", Path(id), PeopleBody(1), As(0));
    ASSERT_EQ(down.status, 200) << json::serialize(down.body);
    EXPECT_EQ(down.body.at("booking").at("people").as_int64(), 1);
    EXPECT_EQ(down.body.at("places_left").as_int64(), 3);  // the 3 freed, the rest taken

    MoveTour("2020-06-06", "10:00");  // the tour is over: nothing changes any more
    Answer past = Send("POST", Path(id), PeopleBody(2), As(0));
    EXPECT_EQ(past.status, 409);
    MoveTour("2099-06-06", "10:00");
    EXPECT_EQ(Send("POST", "/api/v1/bookings/" + std::to_string(id) + "/cancel", "", As(0)).status, 200);
    EXPECT_EQ(Send("POST", Path(id), PeopleBody(2), As(0)).status, 409);  // cancelled
}

}  // namespace
}  // namespace juo::web
