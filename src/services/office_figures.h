// The organiser's live view (issue 19, item 4): the figures of the back office's home
// (/organisation) and of its JSON poll (/organisation/chiffres.json) — factories by status, tours,
// places booked and left, group requests waiting, the allocation's state, buses and budget, on an
// event day the check-ins, and the alerts (full tours, approved factories without a tour). The
// organiser sees the whole edition; a regional relay the sites and requests of their departments
// (the same scope as the exports), the allocation and buses being the edition's.
//
// Thread-safety: functions over their arguments; the Db is the caller's (this thread's). No
// database exception passes them: a failure is their Error.
#pragma once

#include <string>
#include <vector>

#include "auth/principal.h"
#include "common/result.h"
#include "domain/edition.h"
#include "services/db.h"
#include "store/reads/office_queries.h"

namespace juo::services {

using OfficeFullTour = store::OfficeFullTour;
using OfficeSiteWithoutTour = store::OfficeSiteWithoutTour;

// Where the Friday allocation stands: no run yet, drafts only, or a run published.
enum class AllocationState { kNotStarted, kDraft, kPublished };

struct OfficeFigures {
    int year = 0;
    long long edition_id = 0;
    // Factories by participation status (codes of domain::ParticipationStatus).
    long long sites_submitted = 0, sites_changes_requested = 0, sites_approved = 0, sites_refused = 0,
              sites_withdrawn = 0, sites_draft = 0;
    long long tours = 0;
    long long places = 0, places_booked = 0, places_left = 0;  // the open tours'
    long long requests_pending = 0;
    AllocationState allocation = AllocationState::kNotStarted;
    long long runs = 0, runs_published = 0;
    long long budget_cents = -1;  // -1: no run has one
    long long buses = 0, buses_cost_cents = 0;
    // The event day (`today` is one of the edition's days): the check-ins so far.
    bool event_day = false;
    std::string today;  // "2026-04-03", Paris
    long long today_bookings = 0, today_booked_people = 0, today_checked_in = 0, today_attended = 0;
    // Alerts.
    long long full_tours = 0;
    std::vector<OfficeFullTour> full_tour_list;  // the soonest first, at most kOfficeAlertList
    long long sites_without_tours = 0;
    std::vector<OfficeSiteWithoutTour> without_tour_list;  // by name, at most kOfficeAlertList
};

inline constexpr int kOfficeAlertList = 10;

// The figures of the current edition as `who` may see them, `today` being the Paris date ("" for
// the clock's). kNotFound when there is no edition yet; kUnavailable when the database fails.
Result<OfficeFigures> ReadOfficeFigures(Db& db, const auth::Principal& who, std::string today = "");

}  // namespace juo::services
