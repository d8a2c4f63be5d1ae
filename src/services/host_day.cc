// The host's day (see host_day.h).
#include "services/host_day.h"

#include <algorithm>
#include <cstdio>

#include "common/paris_time.h"
#include "common/text.h"
#include "domain/booking.h"
#include "store/editions/edition_repository.h"

namespace juo::services {
namespace {

std::vector<long long> HostedSiteIds(const auth::Principal& who) {
    std::vector<long long> ids;
    for (const auto& g : who.roles)
        if (g.role == domain::Role::kHost && g.site_id) ids.push_back(*g.site_id);
    return ids;
}

// The UTC instant a tour starts, "" when its time is not readable.
std::string StartUtc(const std::string& day, const std::string& starts_at) {
    int h = 0, m = 0;
    if (std::sscanf(starts_at.c_str(), "%d:%d", &h, &m) != 2) return "";
    return ParisLocalToUtc(day, h, m, 0);
}

}  // namespace

Result<HostDashboardView> HostDashboard(Db& db, const auth::Principal& who, const std::string& now_utc) {
    return Guarded<HostDashboardView>(db, [&](Db& db) -> Result<HostDashboardView> {
        auto edition = store::CurrentEdition(db);
        if (!edition.ok()) return edition.error();
        HostDashboardView out;
        out.edition = *edition;
        out.today = ParisDateOf(now_utc);
        for (auto& view : store::HostSites(db, HostedSiteIds(who), edition->id, 200)) {
            SiteDashboard s;
            s.view = std::move(view);
            if (s.view.participation_id != 0) {
                s.figures = store::SiteFigures(db, s.view.site.id, edition->id);
                if (auto day = store::NextTourDay(db, s.view.site.id, edition->id, out.today)) {
                    s.day = *day;
                    s.is_today = *day == out.today;
                    s.tours = store::DayTours(db, s.view.site.id, *day);
                }
            }
            out.requests_to_decide += s.figures.requests_to_decide;
            out.sites.push_back(std::move(s));
        }
        return out;
    });
}

bool MatchesSearch(const Arrival& a, std::string_view query) {
    const std::string folded = FoldForSearch(Trim(query));
    if (folded.empty()) return true;
    if (FoldForSearch(a.name).find(folded) != std::string::npos) return true;
    if (FoldForSearch(a.site_name).find(folded) != std::string::npos) return true;
    // A code from its fourth character on: fewer would match names' letters by chance.
    const std::string code = domain::NormaliseTicketCode(query);
    return code.size() >= 4 && a.row.ticket_code.find(code) != std::string::npos;
}

Result<CheckInDay> CheckInList(Db& db, const auth::Principal& who, const std::string& now_utc,
                               std::string_view query) {
    return Guarded<CheckInDay>(db, [&](Db& db) -> Result<CheckInDay> {
        auto edition = store::CurrentEdition(db);
        if (!edition.ok()) return edition.error();
        CheckInDay out;
        out.today = ParisDateOf(now_utc);
        out.query = std::string(Trim(query));
        auto sites = store::HostSites(db, HostedSiteIds(who), edition->id, 200);
        std::erase_if(sites, [](const store::HostSiteView& v) { return v.participation_id == 0; });
        // One day for all the host's sites: today, or the earliest next day with tours.
        for (const auto& v : sites)
            if (auto day = store::NextTourDay(db, v.site.id, edition->id, out.today))
                if (out.day.empty() || *day < out.day) out.day = *day;
        if (out.day.empty()) return out;
        std::vector<Arrival> all;
        for (const auto& v : sites)
            for (auto& row : store::ExpectedOnDay(db, v.site.id, out.day)) {
                Arrival a;
                a.site_name = v.site.name;
                a.group = row.kind == "group";
                a.name = a.group ? (row.school_name.empty() ? row.booker_name : row.school_name) +
                                       (row.level.empty() ? "" : " · " + row.level)
                                 : row.booker_name;
                const std::string starts = StartUtc(row.day_date, row.starts_at);
                a.tour_started = !starts.empty() && now_utc >= starts;
                a.row = std::move(row);
                all.push_back(std::move(a));
            }
        std::stable_sort(all.begin(), all.end(), [](const Arrival& x, const Arrival& y) {
            return x.row.starts_at != y.row.starts_at ? x.row.starts_at < y.row.starts_at
                                                      : x.row.session_id < y.row.session_id;
        });
        for (auto& a : all) {
            auto& t = out.totals;
            ++t.bookings;
            t.booked_people += a.row.people;
            if (a.row.attended) {
                ++t.arrived;
                t.arrived_people += *a.row.attended;
            } else if (a.tour_started) {
                ++t.no_shows;
                t.no_show_people += a.row.people;
            }
            if (MatchesSearch(a, out.query)) out.arrivals.push_back(std::move(a));
        }
        return out;
    });
}

}  // namespace juo::services
