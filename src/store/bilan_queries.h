// The aggregates behind the bilan, read from the stored rows of one edition: counts and sums
// only. report/ turns them into figures (shares, rounding, rankings) and renders them.
//
// Thread-safety: takes a Database, which is single-threaded.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "domain/edition.h"
#include "store/database.h"

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

struct QuoteRow {
    std::string text;
    std::string author_label;
};

struct BilanData {
    domain::Edition edition;
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

// Reads the aggregates of the edition of `year`. kNotFound when there is no such edition,
// kUnavailable on a database failure.
Result<BilanData> LoadBilanData(Database& db, int year);

}  // namespace juo::store
