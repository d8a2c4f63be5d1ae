// The host's day in the store (issue 19): what the host dashboard and the check-in page read of
// a host's sites — each site's figures (requests to decide, groups accepted, internship offers),
// its next day with tours from a date, that day's tours with booked and checked-in counts, and
// the day's expected bookings (parties and groups) with their names and check-ins; and the sites
// a new group request wishes (their hosts are mailed).
//
// Read-only. Throws soci::soci_error on database failures (call through services::Guarded).
// Thread-safety: on one Database (one thread).
#pragma once

#include <optional>
#include <utility>
#include <string>
#include <vector>

#include "store/db/database.h"

namespace juo::store {

// What a site's card on the dashboard counts in `edition_id`.
struct SiteDayFigures {
    int requests_to_decide = 0;  // pending or waitlisted requests with a wish for the site or its tours
    int groups_accepted = 0;     // confirmed group bookings at its tours
    int group_people = 0;        // their pupils and adults
    int internships = 0;         // its internship offers
};
SiteDayFigures SiteFigures(Database& db, long long site_id, long long edition_id);

// The first day on or after `from_day` ("2026-04-03") with an open tour of the site in
// `edition_id`, or nullopt.
std::optional<std::string> NextTourDay(Database& db, long long site_id, long long edition_id,
                                       const std::string& from_day);

// A tour of the day with its counts (confirmed bookings only).
struct DayTourRow {
    long long session_id = 0;
    long long site_id = 0;
    std::string day_date, starts_at, ends_at;
    int capacity_people = 0;
    int booked_people = 0;   // people of its confirmed bookings
    int bookings = 0;        // its confirmed bookings (parties and groups)
    int groups = 0;          // of which groups
    int checked_in = 0;      // bookings checked in
    int arrived_people = 0;  // the headcounts recorded
};
// The site's open tours on `day`, by start time.
std::vector<DayTourRow> DayTours(Database& db, long long site_id, const std::string& day);

// A booking expected at the door on the day.
struct ExpectedRow {
    long long booking_id = 0;
    long long session_id = 0;
    long long site_id = 0;
    std::string day_date, starts_at, ends_at;
    std::string ticket_code;
    std::string kind;         // "party" or "group"
    std::string booker_name;  // the account's display name ("" once erased)
    std::string school_name;  // a group's school ("" for a party or a France Travail group)
    std::string level;        // a group's level ("" for a party)
    int people = 0;
    std::optional<int> attended;  // the headcount recorded at check-in
};
// The confirmed bookings of the site's open tours on `day`, by tour then booking.
std::vector<ExpectedRow> ExpectedOnDay(Database& db, long long site_id, const std::string& day);

// The sites a stored group request wishes (a tour's site or a site), each once: (id, name), by id.
std::vector<std::pair<long long, std::string>> WishedSites(Database& db, long long request_id);

}  // namespace juo::store
