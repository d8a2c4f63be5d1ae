// The organiser's live figures (see office_figures.h).
#include "services/office_figures.h"

#include "common/clock.h"
#include "common/paris_time.h"
#include "services/exports.h"
#include "store/db/database.h"
#include "store/editions/edition_repository.h"

namespace juo::services {

Result<OfficeFigures> ReadOfficeFigures(Db& db, const auth::Principal& who, std::string today) {
    if (today.empty()) today = ParisDateOf(NowUtcIso());
    auto edition = Guarded<domain::Edition>(db, [](Db& d) { return store::CurrentEdition(d); });
    if (!edition.ok()) return edition.error();
    const ExportScope scope = ExportScopeOf(who);
    auto rows = Guarded<store::OfficeFigureRows>(db, [&](Db& d) {
        return store::ReadOfficeFigures(d, edition->id, scope, today, kOfficeAlertList);
    });
    if (!rows.ok()) return rows.error();
    const store::OfficeFigureRows& r = *rows;
    OfficeFigures f;
    f.year = edition->year;
    f.edition_id = edition->id;
    for (const auto& [status, n] : r.participations) {
        if (status == "submitted") f.sites_submitted = n;
        else if (status == "changes_requested") f.sites_changes_requested = n;
        else if (status == "approved") f.sites_approved = n;
        else if (status == "refused") f.sites_refused = n;
        else if (status == "withdrawn") f.sites_withdrawn = n;
        else if (status == "draft") f.sites_draft = n;
    }
    f.tours = r.tours;
    f.places = r.places;
    f.places_booked = r.places_booked;
    f.places_left = r.places - r.places_booked;
    f.requests_pending = r.requests_pending;
    f.runs = r.runs;
    f.runs_published = r.runs_published;
    f.allocation = r.runs_published > 0 ? AllocationState::kPublished
                   : r.runs_draft > 0   ? AllocationState::kDraft
                                        : AllocationState::kNotStarted;
    f.budget_cents = r.budget_cents;
    f.buses = r.buses;
    f.buses_cost_cents = r.buses_cost_cents;
    f.event_day = r.event_day;
    f.today = today;
    f.today_bookings = r.today_bookings;
    f.today_booked_people = r.today_booked_people;
    f.today_checked_in = r.today_checked_in;
    f.today_attended = r.today_attended;
    f.full_tours = r.full_tours;
    f.full_tour_list = r.full_tour_list;
    f.sites_without_tours = r.sites_without_tours;
    f.without_tour_list = r.without_tour_list;
    return f;
}

}  // namespace juo::services
