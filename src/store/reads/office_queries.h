// The organiser's live figures in the store (the back office's home, /organisation, and its JSON
// poll): factories by participation status, tours and places, group requests waiting, the
// allocation's runs, buses and their cost, the day's check-ins, and the alerts (full tours,
// approved factories without a tour). One edition, within an ExportScope (a relay's departments).
// Throws soci::soci_error on database failures.
//
// Thread-safety: functions over their arguments; the Database is the caller's (this thread's).
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "store/db/database.h"
#include "store/reads/export_queries.h"

namespace juo::store {

struct OfficeFullTour {
    long long session_id = 0, site_id = 0;
    std::string site_name, day_date, starts_at;
    long long capacity_people = 0;
};

struct OfficeSiteWithoutTour {
    long long site_id = 0;
    std::string site_name, commune_name, department_code;
};

struct OfficeFigureRows {
    std::vector<std::pair<std::string, long long>> participations;  // status code → count
    long long tours = 0;              // not cancelled
    long long places = 0;             // capacity of the open tours
    long long places_booked = 0;      // people booked on the open tours
    long long requests_pending = 0;
    long long runs = 0, runs_draft = 0, runs_published = 0;
    std::string latest_run_status;    // "" when no run
    long long budget_cents = -1;      // the latest published run's budget (else the latest run's); -1: none
    long long buses = 0, buses_cost_cents = 0;  // not cancelled
    bool event_day = false;           // `today` is one of the edition's days
    long long today_booked_people = 0, today_bookings = 0;  // confirmed, on today's tours
    long long today_checked_in = 0, today_attended = 0;     // bookings checked in, people present
    long long full_tours = 0;         // open tours with no place left
    std::vector<OfficeFullTour> full_tour_list;          // at most `list_limit`, soonest first
    long long sites_without_tours = 0;                   // approved, no tour (cancelled ones aside)
    std::vector<OfficeSiteWithoutTour> without_tour_list;  // at most `list_limit`, by name
};

// The figures of `edition_id` within `scope` (sites and requests by their department; runs and
// buses are the edition's), with `today` ("2026-04-03", Paris) for the day's check-ins.
OfficeFigureRows ReadOfficeFigures(Database& db, long long edition_id, const ExportScope& scope,
                                   const std::string& today, int list_limit);

}  // namespace juo::store
