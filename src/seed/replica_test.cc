// Tests of the replica generator: options, determinism, and the shape of the in-memory data.
#include "seed/replica.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "seed/catalogue.h"

namespace juo::seed {
namespace {

TEST(Replica, RejectsBadOptions) {
    ReplicaOptions o;
    o.scale = 0;
    EXPECT_EQ(GenerateReplica(o).error().code, ErrorCode::kInvalidArgument);
    o.scale = kMaxScale + 1;
    EXPECT_FALSE(GenerateReplica(o).ok());
    o.scale = 1;
    o.year = 2024;
    EXPECT_FALSE(GenerateReplica(o).ok());
}

TEST(Replica, SameSeedSameData) {
    ReplicaOptions o;
    auto a = GenerateReplica(o);
    auto b = GenerateReplica(o);
    ASSERT_TRUE(a.ok() && b.ok());
    ASSERT_EQ(a->sites.size(), b->sites.size());
    ASSERT_EQ(a->bookings.size(), b->bookings.size());
    for (size_t i = 0; i < a->sites.size(); ++i) {
        EXPECT_EQ(a->sites[i].name, b->sites[i].name);
        EXPECT_EQ(a->sites[i].position.lat, b->sites[i].position.lat);
    }
    for (size_t i = 0; i < a->bookings.size(); ++i)
        EXPECT_EQ(a->bookings[i].ticket_code, b->bookings[i].ticket_code);
    o.rng_seed = 7;
    auto c = GenerateReplica(o);
    EXPECT_NE(a->sites[0].name + a->sites[1].name, c->sites[0].name + c->sites[1].name);
}

// A site's note never contradicts its ticked kinds: no wheelchair route on a site without motor
// access, no hearing loop without hearing access; and notes are still written (about half the
// sites draw one, fewer keep it).
TEST(Replica, AccessibilityNotesSayWhatTheSiteOffers) {
    for (int seed : {2025, 7}) {
        ReplicaOptions o;
        o.rng_seed = seed;
        auto r = GenerateReplica(o);
        ASSERT_TRUE(r.ok());
        size_t with_note = 0;
        for (const auto& site : r->sites) {
            if (site.accessibility_notes.empty()) continue;
            ++with_note;
            bool found = false;
            for (const auto& note : kAccessibilityNotes) {
                if (site.accessibility_notes != note.text) continue;
                found = true;
                EXPECT_TRUE(note.hearing ? site.hearing_access : site.wheelchair_access)
                    << site.name << ": " << site.accessibility_notes;
            }
            EXPECT_TRUE(found) << site.accessibility_notes;
        }
        EXPECT_GT(with_note, r->sites.size() / 4) << "seed " << seed;
    }
}

TEST(Replica, HasTheShapeOfTheFirstEdition) {
    auto r = GenerateReplica(ReplicaOptions{});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->edition.days.size(), 2u);
    EXPECT_EQ(r->edition.days[0].date, "2025-04-04");  // Friday 4 April 2025
    std::set<long long> open_sites;
    std::map<std::string, std::set<long long>> events;
    for (const auto& s : r->sessions) {
        open_sites.insert(s.site_id);
        events[s.day_date].insert(s.site_id);
    }
    EXPECT_EQ(open_sites.size(), 227u);
    EXPECT_EQ(events["2025-04-04"].size(), 214u);
    EXPECT_EQ(events["2025-04-05"].size(), 76u);
    std::set<std::string> divisions, regions;
    for (long long i : open_sites) {
        divisions.insert(r->sites[static_cast<size_t>(i)].naf_division);
        regions.insert(r->sites[static_cast<size_t>(i)].region_code);
    }
    EXPECT_EQ(divisions.size(), 20u);
    EXPECT_EQ(regions.size(), 18u);  // every region, overseas included
    EXPECT_EQ(r->buses.size(), 75u);
    // Never overbooked in memory either.
    for (const auto& s : r->sessions) {
        EXPECT_LE(s.places_taken, s.capacity_people);
        EXPECT_LE(s.groups_taken, s.capacity_groups);
    }
    std::set<std::string> tickets;
    for (const auto& b : r->bookings) tickets.insert(b.ticket_code);
    EXPECT_EQ(tickets.size(), r->bookings.size());
}

// Issue 18: `--stage requests` — the same edition at the request deadline: open, every request
// pending, no group booking, bus, check-in, survey or quote; the same sites, tours and requests.
TEST(ReplicaTest, AtTheRequestDeadlineEveryRequestIsPendingAndNothingIsBookedForGroups) {
    ReplicaOptions o;
    o.stage = ReplicaOptions::Stage::kRequests;
    auto at = GenerateReplica(o);
    auto after = GenerateReplica({});
    ASSERT_TRUE(at.ok() && after.ok());
    EXPECT_EQ(at->edition.status, domain::EditionStatus::kOpen);
    EXPECT_EQ(at->requests.size(), after->requests.size());
    EXPECT_EQ(at->sessions.size(), after->sessions.size());
    for (const auto& q : at->requests) {
        EXPECT_EQ(q.status, domain::RequestStatus::kPending);
        EXPECT_TRUE(q.decided_at.empty());
    }
    for (const auto& b : at->bookings) EXPECT_NE(b.kind, domain::BookingKind::kGroup);
    EXPECT_GT(at->bookings.size(), 1000u);  // the public's parties stay
    EXPECT_TRUE(at->buses.empty());
    EXPECT_TRUE(at->check_ins.empty());
    EXPECT_TRUE(at->surveys.empty());
    EXPECT_EQ(ParseReplicaStage("requests"), ReplicaOptions::Stage::kRequests);
    EXPECT_EQ(ParseReplicaStage("after-event"), ReplicaOptions::Stage::kAfterEvent);
    EXPECT_FALSE(ParseReplicaStage("later").has_value());
}

}  // namespace
}  // namespace juo::seed
