// The ChangePeople command (commands.h) on a real SQLite file (or, under JUO_TEST_PG_URL, a
// PostgreSQL schema), with the fixture of booking_test.cc (a public tour of 10 places, parties of
// at most 6): going up takes free places or is refused with the booking unchanged, going down
// frees places and offers them to the waiting list, only the booker may change it, never once
// checked in or once the tour has started, never beyond the tour's capacity even when many
// change and book at once; the e-mail carries the updated calendar event (a higher SEQUENCE),
// and the cancellation's one removes it.
#include <gtest/gtest.h>

#include <thread>
#include <vector>

#include "booking/booking_test_fixture.h"
#include "booking/engine.h"
#include "mail/attachments.h"
#include "store/bookings/capacity_store.h"

namespace juo::booking {
namespace {

class ChangePeopleTest : public BookingTest {
 protected:
    void SetUp() override {
        BookingTest::SetUp();
        // The tour a month after the tests' clock (the replica's days may be past).
        db_->sql() << "UPDATE session SET day_date = '2026-04-04', starts_at = '10:00', ends_at = '11:30' "
                      "WHERE id = :s",
            soci::use(session_);
    }
    Result<Outcome> Change(long long user, long long booking, int people) {
        return engine_->Call(ChangePeople{user, booking, people});
    }
    int PeopleOf(long long booking) {
        int n = 0;
        db_->sql() << "SELECT people FROM booking WHERE id = :id", soci::use(booking), soci::into(n);
        return n;
    }
};

TEST_F(ChangePeopleTest, GoingUpTakesFreePlacesAndIsAuditedAndMailed) {
    auto b = BookParty(users_[0], 2);
    ASSERT_TRUE(b.ok());
    auto r = Change(users_[0], b->booking->id, 5);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, Outcome::Kind::kChanged);
    EXPECT_EQ(r->people_before, 2);
    EXPECT_EQ(r->booking->people, 5);
    EXPECT_EQ(r->places_left, 5);
    EXPECT_EQ(PlacesTaken(), 5);
    EXPECT_EQ(PeopleOf(b->booking->id), 5);
    const std::string id = std::to_string(b->booking->id);
    EXPECT_EQ(
        Count("SELECT count(*) FROM audit_log WHERE action = 'booking.change_people' AND entity_id = " + id),
        1);
    EXPECT_EQ(
        Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.changed' AND booking_id = " + id), 1);
    // The same size again changes nothing and mails nothing.
    auto same = Change(users_[0], b->booking->id, 5);
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.changed'"), 1);
}

TEST_F(ChangePeopleTest, GoingUpIsRefusedWhenFullAndTheBookingStaysAsItWas) {
    auto a = BookParty(users_[0], 6);
    auto b = BookParty(users_[1], 3);
    ASSERT_TRUE(a.ok() && b.ok());
    auto r = Change(users_[1], b->booking->id, 5);  // 1 free, 2 asked
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kFull);
    EXPECT_NE(r.error().message_fr.find("reste à 3 personnes"), std::string::npos) << r.error().message_fr;
    EXPECT_EQ(PeopleOf(b->booking->id), 3);
    EXPECT_EQ(PlacesTaken(), 9);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.changed'"), 0);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'booking.change_people'"), 0);
    ASSERT_TRUE(Change(users_[1], b->booking->id, 4).ok());  // exactly the last place
    EXPECT_EQ(PlacesTaken(), 10);
    // Beyond the largest party, or none at all: refused as a booking would be.
    auto too_many = Change(users_[1], b->booking->id, 7);
    ASSERT_FALSE(too_many.ok());
    EXPECT_EQ(too_many.error().code, ErrorCode::kInvalidArgument);
    auto none = Change(users_[1], b->booking->id, 0);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(ConfirmedPeople(), 10);
}

TEST_F(ChangePeopleTest, GoingDownFreesPlacesAndOffersThemToTheWaitingList) {
    auto a = BookParty(users_[0], 6);
    auto b = BookParty(users_[1], 4);
    ASSERT_TRUE(a.ok() && b.ok());
    auto waiting = BookParty(users_[2], 2, "", true);
    ASSERT_TRUE(waiting.ok());
    ASSERT_EQ(waiting->kind, Outcome::Kind::kWaitlisted);
    auto r = Change(users_[0], a->booking->id, 3);  // 3 freed: the party of 2 is offered
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->offers_made, 1);
    EXPECT_EQ(r->places_left, 1);
    EXPECT_EQ(PlacesTaken(), 9);  // 3 + 4 booked, 2 held for the offer
    EXPECT_EQ(ConfirmedPeople(), 7);
    EXPECT_EQ(Count("SELECT count(*) FROM waitlist_entry WHERE status = 'offered'"), 1);
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'waitlist.offer' AND to_address = "
                    "'visiteur2@example.org'"),
              1);
    auto accepted = engine_->Call(AcceptOffer{users_[2], waiting->entry->id});
    ASSERT_TRUE(accepted.ok()) << accepted.error().message;
    EXPECT_EQ(PlacesTaken(), ConfirmedPeople());
}

TEST_F(ChangePeopleTest, OnlyTheBookerChangesAConfirmedBooking) {
    auto b = BookParty(users_[0], 2);
    ASSERT_TRUE(b.ok());
    auto other = Change(users_[1], b->booking->id, 3);
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, ErrorCode::kNotFound);  // someone else's booking is not shown
    auto unknown = Change(users_[0], 99999999, 3);
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(unknown.error().code, ErrorCode::kNotFound);
    ASSERT_TRUE(engine_->Call(Cancel{users_[0], b->booking->id, false}).ok());
    auto cancelled = Change(users_[0], b->booking->id, 3);
    ASSERT_FALSE(cancelled.ok());
    EXPECT_EQ(cancelled.error().code, ErrorCode::kConflict);
    EXPECT_EQ(PlacesTaken(), 0);
    EXPECT_EQ(PeopleOf(b->booking->id), 2);
}

TEST_F(ChangePeopleTest, NotOnceCheckedInNorOnceTheTourHasStarted) {
    auto a = BookParty(users_[0], 2);
    auto b = BookParty(users_[1], 2);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_TRUE(engine_->Call(CheckIn{a->booking->ticket_code, 2, users_[5], nullptr}).ok());
    auto checked = Change(users_[0], a->booking->id, 1);
    ASSERT_FALSE(checked.ok());
    EXPECT_EQ(checked.error().code, ErrorCode::kConflict);
    SetNow("2026-04-04T08:00:01Z");  // 10:00:01 in Paris (summer time): the tour has started
    auto past = Change(users_[1], b->booking->id, 1);
    ASSERT_FALSE(past.ok());
    EXPECT_EQ(past.error().code, ErrorCode::kConflict);
    EXPECT_NE(past.error().message_fr.find("déjà commencé"), std::string::npos);
    EXPECT_EQ(PlacesTaken(), 4);
    EXPECT_EQ(ConfirmedPeople(), 4);
}

// Many visitors change their party up and down while others book: the places taken always equal
// the people confirmed plus the places held for offers, and never exceed the capacity.
TEST_F(ChangePeopleTest, NoOverbookingWhenManyChangeAndBookAtOnce) {
    std::vector<long long> bookings;
    for (int i = 0; i < 5; ++i) {
        auto b = BookParty(users_[i], 1);
        ASSERT_TRUE(b.ok());
        bookings.push_back(b->booking->id);
    }
    std::vector<std::thread> threads;
    for (int t = 0; t < 5; ++t)
        threads.emplace_back([&, t] {
            for (int round = 0; round < 20; ++round)
                (void)engine_->Call(ChangePeople{users_[t], bookings[t], 1 + (round + t) % 6});
        });
    for (int t = 5; t < 15; ++t)
        threads.emplace_back([&, t] { (void)BookParty(users_[t], 1 + t % 3, "", true); });
    for (auto& th : threads) th.join();
    long long held = 0;
    soci::indicator ind;
    db_->sql() << "SELECT sum(people) FROM waitlist_entry WHERE session_id = :s AND status = 'offered'",
        soci::use(session_), soci::into(held, ind);
    if (ind != soci::i_ok) held = 0;
    EXPECT_LE(PlacesTaken(), 10);
    EXPECT_EQ(PlacesTaken(), ConfirmedPeople() + held);
}

// Two app servers (two engines on one database) change the same bookings at once, while others
// book through both: each change is applied once or refused, and the places match the bookings.
TEST_F(ChangePeopleTest, TwoEnginesChangingTheSameBookingsKeepThePlacesRight) {
    auto second = StartEngine();
    ASSERT_TRUE(second);
    std::vector<long long> bookings;
    for (int i = 0; i < 3; ++i) {
        auto b = BookParty(users_[i], 2);
        ASSERT_TRUE(b.ok());
        bookings.push_back(b->booking->id);
    }
    std::vector<std::thread> threads;
    for (int t = 0; t < 6; ++t)
        threads.emplace_back([&, t] {
            BookingEngine& engine = t % 2 ? *second : *engine_;
            for (int round = 0; round < 15; ++round)
                (void)engine.Call(ChangePeople{users_[t / 2], bookings[t / 2], 1 + (round * 5 + t) % 6});
        });
    for (int t = 10; t < 16; ++t)
        threads.emplace_back([&, t] {
            BookingEngine& engine = t % 2 ? *second : *engine_;
            (void)engine.Call(Book{users_[t], session_, 1, domain::Audience::kPublic, "", false});
        });
    for (auto& th : threads) th.join();
    EXPECT_LE(PlacesTaken(), 10);
    EXPECT_EQ(PlacesTaken(), ConfirmedPeople());
}

TEST_F(ChangePeopleTest, TheCalendarEventIsUpdatedThenCancelledWithAHigherSequence) {
    auto b = BookParty(users_[0], 2);
    ASSERT_TRUE(b.ok());
    store::CapacityStore store(*db_);
    auto first = mail::BookingIcs(store, b->booking->id, "2026-03-01T10:00:00Z");
    ASSERT_TRUE(first);
    EXPECT_NE(first->bytes.find("SEQUENCE:0\r\n"), std::string::npos);
    EXPECT_NE(first->bytes.find("METHOD:PUBLISH\r\n"), std::string::npos);
    ASSERT_TRUE(Change(users_[0], b->booking->id, 3).ok());
    auto changed = mail::BookingAttachments(store, b->booking->id, "2026-03-01T10:00:00Z");
    ASSERT_EQ(changed.size(), 2u);  // the ticket and the updated event
    EXPECT_NE(changed[1].bytes.find("SEQUENCE:1\r\n"), std::string::npos);
    EXPECT_NE(changed[1].bytes.find("3 personne(s)"), std::string::npos);
    ASSERT_TRUE(engine_->Call(Cancel{users_[0], b->booking->id, false}).ok());
    // The cancellation e-mail names the booking, so the sender attaches the event that removes it.
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'booking.cancelled' AND booking_id = " +
                    std::to_string(b->booking->id)),
              1);
    auto cancelled = mail::BookingAttachments(store, b->booking->id, "2026-03-01T10:00:00Z");
    ASSERT_EQ(cancelled.size(), 1u);  // no ticket any more
    EXPECT_EQ(cancelled[0].filename, "visite-annulee.ics");
    EXPECT_NE(cancelled[0].bytes.find("METHOD:CANCEL\r\n"), std::string::npos);
    EXPECT_NE(cancelled[0].bytes.find("STATUS:CANCELLED\r\n"), std::string::npos);
    EXPECT_NE(cancelled[0].bytes.find("SEQUENCE:2\r\n"), std::string::npos);
    EXPECT_NE(cancelled[0].bytes.find("UID:booking-" + std::to_string(b->booking->id) + "@juo\r\n"),
              std::string::npos);
}

}  // namespace
}  // namespace juo::booking
