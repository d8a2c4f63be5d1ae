// The aggregates behind the bilan, read from the stored rows of one edition: counts and sums
// only. report/ turns them into figures (shares, rounding, rankings) and renders them.
//
// Thread-safety: takes a Database, which is single-threaded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/edition.h"
#include "store/db/database.h"

namespace juo::store {

struct KeyCount {
    std::string key;
    long long count = 0;
};

struct DayActivity {
    std::string date;
    std::vector<std::string> audiences;  // codes of the audiences the day admits
    long long events = 0;                // sites open that day (a site's tours on one day are one event)
    long long sessions = 0;
};

struct AudienceVisitors {
    std::string audience;  // code
    long long bookings = 0;
    long long booked_people = 0;
    long long checked_in_bookings = 0;
    long long attended = 0;  // sum of check-in headcounts
};

struct SiteDemand {
    long long site_id = 0;
    std::string name;
    std::string commune;
    std::string department_code;
    long long requests = 0;         // group requests that wished for the site or one of its sessions
    long long accepted_groups = 0;  // confirmed group bookings at its sessions
    long long group_capacity = 0;   // sum of its sessions' group capacity
};

// The part of France and the audience a bilan is computed for; empty members mean "all". A
// relay's dashboard passes its departments here (roles are wired in by the accounts issue).
struct BilanScope {
    std::string region_code;                    // for display only: the region the departments make up
    std::vector<std::string> department_codes;  // INSEE codes; empty = the whole country
    std::string audience;                       // audience code; empty = every audience
    bool national() const { return department_codes.empty(); }
};

// Media mentions of one kind published in one month ('YYYY-MM').
struct MediaMonth {
    std::string kind;
    std::string month;
    long long count = 0;
};

// Activity of one department (report/ rolls departments up into regions).
struct AreaActivity {
    std::string code;
    long long sites = 0;          // open sites
    long long attended = 0;       // sum of check-in headcounts at its sites
    long long booked_people = 0;  // confirmed bookings at its sites
    long long requests = 0;       // group requests from its schools / groups
    long long refused = 0;        // of which refused
};

// A group request as a point, for the white zones (is there a site within N km?).
struct RequestPoint {
    double lat = 0;
    double lon = 0;
    std::string department_code;
    long long pupils = 0;
    bool refused = false;
};

struct SitePoint {
    double lat = 0;
    double lon = 0;
};

struct QuoteRow {
    std::string text;
    std::string author_label;
};

struct BilanData {
    domain::Edition edition;
    BilanScope scope;
    long long sites_open = 0;  // approved participations with at least one non-cancelled session
    std::vector<KeyCount> sites_by_region;
    std::vector<KeyCount> sites_by_department;
    std::vector<KeyCount> sites_by_division;
    std::vector<DayActivity> days;
    std::vector<AudienceVisitors> visitors;
    long long group_requests = 0;
    long long group_requests_accepted = 0;
    long long group_requests_refused = 0;
    long long group_requests_bus_needed = 0;
    std::vector<SiteDemand> demand;  // every open site with group requests or group capacity
    long long buses = 0;
    long long bus_seats = 0;
    long long bus_cost_cents = 0;
    double bus_km = 0;
    long long bus_groups = 0;
    long long bus_people = 0;  // booked people of the groups the buses carry
    std::vector<KeyCount> media_by_kind;
    std::vector<MediaMonth> media_by_month;    // by kind then month
    std::vector<AreaActivity> by_department;   // departments with sites or requests, by code
    std::vector<RequestPoint> request_points;  // non-cancelled group requests
    std::vector<SitePoint> group_site_points;  // open sites with a tour open to groups
    long long social_mentions = 0;
    long long host_satisfaction_answers = 0;
    long long host_satisfied = 0;  // ratings >= domain::kSatisfiedFromRating
    long long host_open_again_answers = 0;
    long long host_open_again_yes = 0;
    long long teaching_kit_documents = 0;
    long long teaching_kit_pages = 0;
    long long internship_offers = 0;
    long long internship_places = 0;
    long long internship_filled = 0;
    std::vector<QuoteRow> quotes;  // published quotes, in order of entry
};

// Reads the aggregates of the edition of `year`, restricted to `scope`. kNotFound when there is no
// such edition, kInvalidArgument for an unknown department or audience code, kUnavailable on a
// database failure. Under a departmental scope, social mentions are 0 (they have no place), quotes
// stay national, and media mentions without a department are left out.
Result<BilanData> LoadBilanData(Database& db, int year, const BilanScope& scope = {});

// Whether the database holds an edition of `year` (false on any failure).
bool HasEdition(Database& db, int year);

// An edition's data and, when the database holds it, the previous edition's (the year-on-year
// comparison). The previous edition is read at the same time on a second connection of its own,
// so the two cost about the longer of them. Errors as LoadBilanData.
struct BilanDataPair {
    BilanData current;
    std::optional<BilanData> previous;
};
Result<BilanDataPair> LoadBilanWithPrevious(Database& db, int year, const BilanScope& scope = {});

}  // namespace juo::store
