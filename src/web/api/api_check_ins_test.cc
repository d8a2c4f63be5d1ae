// Tests of the check-in JSON API (issue 19 items 2-3) through the real router and engine on the
// replica (web/kit/people_test_fixture.h): a phone's batch of offline scans answers one result per
// scan and counts once when sent again (even after an undo); a malformed batch is refused whole;
// the day's list and the undo; the routes are the site staff's.
#include "web/kit/people_test_fixture.h"

namespace juo::web {
namespace {

TEST_F(PeopleApiTest, OfflineScansSyncOnceTheDayListsAndUndo) {
    Answer booked = Send("POST", "/api/v1/bookings", BookBody(2), As(6));
    ASSERT_EQ(booked.status, 201) << json::serialize(booked.body);
    const std::string code(booked.body.at("booking").at("ticket_code").as_string());
    const long long booking = booked.body.at("booking").at("id").as_int64();
    std::string typed = code.substr(0, 4) + "-" + code.substr(4);
    for (char& c : typed) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const std::string batch =
        "{\"scans\":[{\"nonce\":\"api-test-nonce-000001\",\"ticket_code\":\"" + typed +
        "\",\"attended\":-1,\"scanned_at\":\"2030-04-05T08:12:40.123Z\"},"
        "{\"nonce\":\"api-test-nonce-000002\",\"ticket_code\":\"ZZZZ-ZZZZ-ZZ\",\"attended\":1,"
        "\"scanned_at\":\"2030-04-05T08:13:00Z\"}]}";
    const auto host = As(3);

    Answer first = Send("POST", "/api/v1/check-ins/sync", batch, host);
    ASSERT_EQ(first.status, 200) << json::serialize(first.body);
    const auto& results = first.body.at("results").as_array();
    ASSERT_EQ(results.size(), 2u);
    EXPECT_EQ(results[0].at("status").as_string(), "checked_in");
    EXPECT_EQ(results[0].at("ticket_code").as_string(), code);
    EXPECT_EQ(results[0].at("booking_id").as_int64(), booking);
    EXPECT_EQ(results[0].at("attended").as_int64(), 2);  // everyone booked
    EXPECT_EQ(results[1].at("status").as_string(), "refused");
    EXPECT_EQ(results[1].at("error_fr").as_string(), "aucun billet ZZZZZZZZZZ");
    EXPECT_TRUE(results[1].at("booking_id").is_null());

    Answer again = Send("POST", "/api/v1/check-ins/sync", batch, host);
    ASSERT_EQ(again.status, 200);
    EXPECT_EQ(again.body.at("counts").at("already_synced").as_int64(), 1);
    EXPECT_EQ(again.body.at("counts").at("checked_in").as_int64(), 0);
    EXPECT_EQ(again.body.at("counts").at("refused").as_int64(), 1);
    auto db = connections_->Get();
    ASSERT_TRUE(db.ok());
    auto count = [&](const std::string& sql) {
        long long n = 0;
        (*db)->sql() << sql, soci::into(n);
        return n;
    };
    const std::string id = std::to_string(booking);
    EXPECT_EQ(
        count("SELECT count(*) FROM check_in WHERE offline = 1 AND scanned_at = '2030-04-05T08:12:40Z' AND "
              "booking_id = " +
              id),
        1);

    // The day's list as the page keeps it (its day is the tour's or none at all: the totals are there).
    Answer day = Send("GET", "/api/v1/host/check-ins/day", "", host);
    ASSERT_EQ(day.status, 200) << json::serialize(day.body);
    EXPECT_TRUE(day.body.at("totals").at("arrived_people").is_int64());
    EXPECT_TRUE(day.body.at("arrivals").is_array());

    // Undo, then the late same upload: the ticket is not checked in again.
    Answer undone = Send("DELETE", "/api/v1/bookings/" + id + "/check-in", "", host);
    ASSERT_EQ(undone.status, 200) << json::serialize(undone.body);
    EXPECT_EQ(Send("DELETE", "/api/v1/bookings/" + id + "/check-in", "", host).status, 404);
    EXPECT_EQ(
        Send("POST", "/api/v1/check-ins/sync", batch, host).body.at("counts").at("already_synced").as_int64(),
        1);
    EXPECT_EQ(count("SELECT count(*) FROM check_in WHERE booking_id = " + id), 0);

    // A visitor may not; a malformed batch is refused whole, naming the scan.
    EXPECT_EQ(Send("POST", "/api/v1/check-ins/sync", batch, As(0)).status, 403);
    EXPECT_EQ(Send("DELETE", "/api/v1/bookings/" + id + "/check-in", "", As(6)).status, 403);
    EXPECT_EQ(Send("POST", "/api/v1/check-ins/sync", "{\"scans\":[]}", host).status, 400);
    Answer bad = Send("POST", "/api/v1/check-ins/sync",
                      "{\"scans\":[{\"nonce\":\"short\",\"ticket_code\":\"" + code +
                          "\",\"attended\":1,\"scanned_at\":\"2030-04-05T08:12:40Z\"}]}",
                      host);
    EXPECT_EQ(bad.status, 400);
    EXPECT_NE(json::serialize(bad.body).find("scans[0]"), std::string::npos) << json::serialize(bad.body);
}

}  // namespace
}  // namespace juo::web
