// Tests of what the public pages offer: the edition's booking window and each tour's state, as
// French and English sentences with their dates.
#include "web/public/opening_state.h"

#include <gtest/gtest.h>

namespace juo::web {
namespace {

// In the texts, French typography puts narrow no-break spaces in "10 h": compare without them.
std::string Plain(std::string text) {
    for (const std::string nbsp : {"\u202F", "\u00A0"})
        for (size_t at = text.find(nbsp); at != std::string::npos; at = text.find(nbsp)) text.replace(at, nbsp.size(), " ");
    return text;
}

domain::Edition OpenEdition() {
    domain::Edition e;
    e.year = 2026;
    e.status = domain::EditionStatus::kOpen;
    e.registration_opens_at = "2026-09-03T08:00:00Z";   // 10:00 in Paris (summer time)
    e.registration_closes_at = "2026-10-06T21:59:00Z";  // 23:59 in Paris
    e.days = {{1, "2026-10-09", {domain::Audience::kSchool, domain::Audience::kJobSeekers}},
              {2, "2026-10-10", {domain::Audience::kPublic}}};
    return e;
}

domain::Session Tour(const std::string& day, std::vector<domain::Audience> audiences) {
    domain::Session s;
    s.id = 7;
    s.day_date = day;
    s.starts_at = "10:00";
    s.ends_at = "11:30";
    s.capacity_people = 20;
    s.audiences = std::move(audiences);
    return s;
}

TEST(OpeningState, NotYetOpenSaysWhenInFrench) {
    auto w = EditionWindow(OpenEdition(), "2026-09-01T12:00:00Z", Lang::kFr);
    EXPECT_EQ(w.state, WindowState::kNotYetOpen);
    EXPECT_EQ(Plain(w.sentence), "Les réservations ouvrent le jeudi 3 septembre 2026 à 10 h.");
    auto en = EditionWindow(OpenEdition(), "2026-09-01T12:00:00Z", Lang::kEn);
    EXPECT_EQ(Plain(en.sentence), "Bookings open on Thursday 3 September 2026 at 10:00.");
}

TEST(OpeningState, OpenThenClosedByDateOrStatus) {
    EXPECT_EQ(EditionWindow(OpenEdition(), "2026-09-03T08:00:00Z", Lang::kFr).state, WindowState::kOpen);
    EXPECT_TRUE(EditionWindow(OpenEdition(), "2026-09-20T08:00:00Z", Lang::kFr).sentence.empty());
    auto late = EditionWindow(OpenEdition(), "2026-10-07T08:00:00Z", Lang::kFr);
    EXPECT_EQ(late.state, WindowState::kClosed);
    EXPECT_EQ(Plain(late.sentence), "Les réservations sont closes depuis le mardi 6 octobre 2026 à 23 h 59.");
    auto closed = OpenEdition();
    closed.status = domain::EditionStatus::kClosed;
    auto c = EditionWindow(closed, "2026-09-20T08:00:00Z", Lang::kFr);
    EXPECT_EQ(c.state, WindowState::kClosed);
    EXPECT_EQ(c.sentence, "Les réservations de cette édition sont closes.");
    auto draft = OpenEdition();
    draft.status = domain::EditionStatus::kDraft;
    draft.registration_opens_at.clear();
    auto d = EditionWindow(draft, "2026-09-20T08:00:00Z", Lang::kFr);
    EXPECT_EQ(d.state, WindowState::kNotYetOpen);
    EXPECT_EQ(d.sentence, "Les réservations ne sont pas encore ouvertes.");
}

TEST(OpeningState, ToursPastClosedFullForGroupsOrBookable) {
    const auto window = EditionWindow(OpenEdition(), "2026-09-20T08:00:00Z", Lang::kFr);
    auto saturday = Tour("2026-10-10", {domain::Audience::kPublic});
    EXPECT_EQ(OfferFor(saturday, window, "2026-09-20T08:00:00Z", Lang::kFr).state, TourState::kBookable);
    // Past once it has started, as on the booking form: 10:00 in Paris is 08:00 UTC.
    EXPECT_EQ(OfferFor(saturday, window, "2026-10-10T07:59:00Z", Lang::kFr).state, TourState::kBookable);
    auto past = OfferFor(saturday, window, "2026-10-10T08:00:00Z", Lang::kFr);
    EXPECT_EQ(past.state, TourState::kPast);
    EXPECT_EQ(past.sentence, "Cette visite a eu lieu le samedi 10 octobre 2026.");

    auto full = saturday;
    full.places_taken = 20;
    auto waitlist = OfferFor(full, window, "2026-09-20T08:00:00Z", Lang::kFr);
    EXPECT_EQ(waitlist.state, TourState::kWaitlist);
    EXPECT_NE(waitlist.sentence.find("liste d'attente"), std::string::npos);

    auto closed = saturday;
    closed.status = domain::SessionStatus::kClosed;
    EXPECT_EQ(OfferFor(closed, window, "2026-09-20T08:00:00Z", Lang::kFr).state, TourState::kClosed);

    auto friday = Tour("2026-10-09", {domain::Audience::kSchool});
    friday.capacity_groups = 2;
    auto groups = OfferFor(friday, window, "2026-09-20T08:00:00Z", Lang::kFr);
    EXPECT_EQ(groups.state, TourState::kGroupsOnly);
    friday.groups_taken = 2;
    EXPECT_EQ(OfferFor(friday, window, "2026-09-20T08:00:00Z", Lang::kFr).state, TourState::kFull);

    // Before the opening, every tour says so instead of offering a booking.
    const auto before = EditionWindow(OpenEdition(), "2026-09-01T08:00:00Z", Lang::kFr);
    auto shut = OfferFor(saturday, before, "2026-09-01T08:00:00Z", Lang::kFr);
    EXPECT_EQ(shut.state, TourState::kEditionShut);
    EXPECT_EQ(Plain(shut.sentence), "Les réservations ouvrent le jeudi 3 septembre 2026 à 10 h.");
}

}  // namespace
}  // namespace juo::web
