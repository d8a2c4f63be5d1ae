// Tests of the bookings' reads: a tour that is not there, a user without places, and a database
// that fails answered as an error rather than thrown. On a new SQLite file (or a PostgreSQL schema).
#include "services/bookings.h"

#include <gtest/gtest.h>

#include "store/db/test_database.h"

namespace juo::services {
namespace {

TEST(BookingsTest, ReadsAnswerErrorsInsteadOfThrowing) {
    store::TestFolder folder("juo_services_bookings");
    auto db = store::Database::Open(folder.Url("bookings.db"), store::OpenMode::kCreateIfMissing);
    ASSERT_TRUE(db.ok());
    auto tour = TourForBooking(**db, 424242);
    ASSERT_FALSE(tour.ok());
    EXPECT_EQ(tour.error().code, ErrorCode::kNotFound);
    EXPECT_EQ(tour.error().message, "no tour 424242");
    auto places = UserBookingsAndWaitlist(**db, 1);
    ASSERT_TRUE(places.ok());
    EXPECT_TRUE(places->bookings.empty());
    EXPECT_TRUE(places->waiting.empty());

    const bool pg = (*db)->dialect() == store::Dialect::kPostgresql;
    (*db)->sql() << (pg ? "DROP TABLE waitlist_entry CASCADE" : "DROP TABLE waitlist_entry");
    auto broken = UserBookingsAndWaitlist(**db, 1);
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace juo::services
