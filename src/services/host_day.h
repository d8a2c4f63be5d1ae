// The host's day (issue 19), the use cases of the host dashboard and the check-in page: for each
// site a host runs, the requests to decide, the groups accepted, the internship offers and the
// tours of today (or of the next day with tours) with their booked and checked-in counts; and the
// day's expected parties and groups at the door, searchable by name or ticket code, with the live
// totals (booked, arrived, no-show: the people of bookings not checked in at tours that have
// started). Read-only: check-ins and their undo are commands of the booking engine.
//
// Scope: the sites of `who`'s host grants (a relay or the organiser checks in by code only).
//
// Thread-safety: functions over their arguments; the Db is this thread's.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "auth/principal.h"
#include "domain/edition.h"
#include "services/db.h"
#include "store/reads/host_day_queries.h"
#include "store/reads/host_queries.h"

namespace juo::services {

using DayTourRow = store::DayTourRow;

// One site's card on the dashboard.
struct SiteDashboard {
    store::HostSiteView view;
    store::SiteDayFigures figures;
    std::string day;         // today or the next day with tours ("" when none is left)
    bool is_today = false;   // `day` is today (Paris)
    std::vector<DayTourRow> tours;  // that day's open tours with their counts
};

struct HostDashboardView {
    domain::Edition edition;  // the current one
    std::string today;        // Paris date of `now`
    std::vector<SiteDashboard> sites;
    int requests_to_decide = 0;  // over the sites (a request wishing two of them counts twice)
};

// The dashboard of `who`'s sites at `now_utc` ("2026-04-03T08:00:00Z"): kNotFound without a
// current edition.
Result<HostDashboardView> HostDashboard(Db& db, const auth::Principal& who, const std::string& now_utc);

// A booking expected at the door.
struct Arrival {
    store::ExpectedRow row;
    std::string site_name;
    std::string name;          // the party's booker, or the group's school and level
    bool group = false;
    bool tour_started = false;  // its tour's start is past at `now`
    bool no_show() const { return tour_started && !row.attended; }
};

// The totals of the day, over every expected booking (the search does not change them).
struct CheckInTotals {
    int bookings = 0, booked_people = 0;
    int arrived = 0, arrived_people = 0;    // bookings checked in, headcounts recorded
    int no_shows = 0, no_show_people = 0;   // not checked in, tour started
};

struct CheckInDay {
    std::string today;          // Paris date of `now`
    std::string day;            // the day listed: today, or the next day with tours ("" for none)
    std::vector<Arrival> arrivals;  // those matching the search, by start time then booking
    CheckInTotals totals;
    std::string query;          // the search as typed, trimmed
};

// The day's expected bookings at `who`'s sites at `now_utc`, those matching `query` (empty:
// all): a name containing it (accents and case ignored) or a ticket code containing it (dashes,
// spaces and case ignored). kNotFound without a current edition.
Result<CheckInDay> CheckInList(Db& db, const auth::Principal& who, const std::string& now_utc,
                               std::string_view query);

// Whether `row` matches the search `query` as CheckInList reads it.
bool MatchesSearch(const Arrival& arrival, std::string_view query);

}  // namespace juo::services
