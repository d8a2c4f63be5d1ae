// Computation of the bilan figures from the edition's aggregates.
#include "report/bilan.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <map>
#include <numeric>

#include "common/french_dates.h"
#include "common/text.h"
#include "domain/audience.h"
#include "domain/edition.h"
#include "domain/media.h"
#include "refdata/refdata.h"
#include "report/white_zones.h"

namespace juo::report {
namespace {

std::string Capitalized(std::string text) {
    if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
    return text;
}

std::string PlusRounded(long long value, long long rounded) {
    if (value <= 0) return "0";
    return "+" + FormatThousandsFr(rounded);
}

double Pct(long long part, long long whole) {
    return whole > 0 ? 100.0 * static_cast<double>(part) / static_cast<double>(whole) : 0.0;
}

std::string SectorShortName(const refdata::Sector* sector, const std::string& division) {
    if (!sector) return division;
    if (!sector->short_fr.empty()) return sector->short_fr;
    if (!sector->label_fr.empty()) return sector->label_fr;
    return division;
}

EditionFigures ComputeEdition(const domain::Edition& edition) {
    EditionFigures e;
    e.year = edition.year;
    e.name = edition.name;
    e.ordinal = EditionOrdinal(edition.name, edition.year);
    e.ordinal_fr = OrdinalFr(e.ordinal);
    for (const auto& day : edition.days) e.dates.push_back(day.date);
    std::sort(e.dates.begin(), e.dates.end());
    e.date_phrase_fr = Capitalized(DatePhraseFr(e.dates));
    return e;
}

std::vector<PlaceCount> Places(const std::vector<store::KeyCount>& counts, bool regions) {
    std::vector<PlaceCount> out;
    for (const auto& kc : counts) {
        PlaceCount p{kc.key, kc.key, kc.count};
        if (regions) {
            if (const auto* r = refdata::FindRegion(kc.key)) p.name = r->name;
        } else if (const auto* d = refdata::FindDepartment(kc.key)) {
            p.name = d->name;
        }
        out.push_back(std::move(p));
    }
    std::stable_sort(out.begin(), out.end(), [](const PlaceCount& a, const PlaceCount& b) {
        return a.sites != b.sites ? a.sites > b.sites : a.code < b.code;
    });
    return out;
}

SitesFigures ComputeSites(const store::BilanData& data) {
    SitesFigures s;
    s.open = data.sites_open;
    if (data.edition.target_sites) {
        s.target = *data.edition.target_sites;
        s.target_met = s.open >= *s.target;
    }
    s.by_region = Places(data.sites_by_region, true);
    s.by_department = Places(data.sites_by_department, false);
    return s;
}

std::string AudienceLabelFr(const std::string& code) {
    if (auto a = domain::ParseAudience(code)) return std::string(domain::LabelFr(*a));
    return code;
}

EventFigures ComputeEvents(const store::BilanData& data) {
    EventFigures e;
    for (const auto& day : data.days) {
        DayFigures d;
        d.date = day.date;
        d.weekday_fr = WeekdayFr(day.date);
        d.day_fr = DayFr(day.date);
        d.events = day.events;
        d.sessions = day.sessions;
        for (const auto& code : day.audiences) d.audiences.push_back({code, AudienceLabelFr(code)});
        e.total += day.events;
        e.days.push_back(std::move(d));
    }
    std::stable_sort(e.days.begin(), e.days.end(),
                     [](const DayFigures& a, const DayFigures& b) { return a.date < b.date; });
    return e;
}

SectorsFigures ComputeSectors(const store::BilanData& data) {
    SectorsFigures s;
    long long industrial_establishments = 0;
    for (const auto& sector : refdata::Sectors()) {
        if (!sector.industrial) continue;
        industrial_establishments += sector.national_establishments_excl_craft;
        if (sector.national_salaried_employees) s.jobs_known_divisions.push_back(sector.division);
    }
    auto establishments_share = [&](const refdata::Sector& sector) -> std::optional<double> {
        if (!sector.industrial || industrial_establishments <= 0) return std::nullopt;
        return Pct(sector.national_establishments_excl_craft, industrial_establishments);
    };
    auto jobs_share = [](const refdata::Sector& sector) -> std::optional<double> {
        if (!sector.industrial || !sector.national_salaried_employees) return std::nullopt;
        return Pct(*sector.national_salaried_employees, kNationalIndustryJobs);
    };

    std::map<std::string, long long> sites_by_division;
    long long all_sites = 0;
    for (const auto& kc : data.sites_by_division) {
        if (kc.count <= 0) continue;
        sites_by_division[kc.key] += kc.count;
        all_sites += kc.count;
    }
    for (const auto& [division, sites] : sites_by_division) {
        const refdata::Sector* sector = refdata::FindSector(division);
        SectorFigures f;
        f.division = division;
        f.short_fr = SectorShortName(sector, division);
        f.industrial = sector && sector->industrial;
        f.sites = sites;
        f.share_of_sites_pct = Pct(sites, all_sites);
        if (sector) {
            f.national_establishments_share_pct = establishments_share(*sector);
            f.national_jobs_share_pct = jobs_share(*sector);
        }
        if (f.industrial) s.industrial_sites += sites;
        s.sectors.push_back(std::move(f));
    }
    s.represented = static_cast<long long>(s.sectors.size());
    std::stable_sort(s.sectors.begin(), s.sectors.end(), [](const SectorFigures& a, const SectorFigures& b) {
        return a.sites != b.sites ? a.sites > b.sites : a.division < b.division;
    });
    s.top.assign(s.sectors.begin(), s.sectors.begin() + std::min<size_t>(3, s.sectors.size()));

    if (s.industrial_sites > 0) {
        for (const auto& sector : refdata::Sectors()) {
            if (!sector.industrial) continue;
            auto it = sites_by_division.find(sector.division);
            const long long sites = it == sites_by_division.end() ? 0 : it->second;
            UnderRepresentedSector u;
            u.division = sector.division;
            u.short_fr = SectorShortName(&sector, sector.division);
            u.sites = sites;
            u.site_share_pct = Pct(sites, s.industrial_sites);
            u.national_establishments_share_pct = establishments_share(sector).value_or(0.0);
            u.national_jobs_share_pct = jobs_share(sector);
            u.national_share_pct = u.national_establishments_share_pct;
            if (u.national_jobs_share_pct && *u.national_jobs_share_pct > u.national_share_pct) {
                u.measure = ShareMeasure::kJobs;
                u.national_share_pct = *u.national_jobs_share_pct;
            }
            if (sites == 0 && u.national_share_pct < kUnderRepresentedMinNationalSharePct) continue;
            if (!(u.site_share_pct < u.national_share_pct / 2)) continue;
            u.gap_points = u.national_share_pct - u.site_share_pct;
            s.under_represented.push_back(std::move(u));
        }
        std::stable_sort(s.under_represented.begin(), s.under_represented.end(),
                         [](const UnderRepresentedSector& a, const UnderRepresentedSector& b) {
                             return a.gap_points != b.gap_points ? a.gap_points > b.gap_points
                                                                 : a.division < b.division;
                         });
    }
    return s;
}

AudienceVisitorsFigures MakeAudience(std::string code, std::string label_fr) {
    AudienceVisitorsFigures a;
    a.code = std::move(code);
    a.label_fr = std::move(label_fr);
    return a;
}

VisitorsFigures ComputeVisitors(const store::BilanData& data) {
    VisitorsFigures v;
    for (const auto& [audience, code] : domain::kAudienceCodes)
        v.by_audience.push_back(MakeAudience(std::string(code), std::string(domain::LabelFr(audience))));
    for (const auto& row : data.visitors) {
        auto it = std::find_if(v.by_audience.begin(), v.by_audience.end(),
                               [&](const AudienceVisitorsFigures& a) { return a.code == row.audience; });
        if (it == v.by_audience.end()) {
            v.by_audience.push_back(MakeAudience(row.audience, AudienceLabelFr(row.audience)));
            it = v.by_audience.end() - 1;
        }
        it->attended += row.attended;
        it->booked_people += row.booked_people;
        it->bookings += row.bookings;
        it->checked_in_bookings += row.checked_in_bookings;
    }
    std::vector<long long> attended;
    for (const auto& a : v.by_audience) {
        attended.push_back(a.attended);
        v.attended += a.attended;
        v.booked_people += a.booked_people;
        v.bookings += a.bookings;
        v.checked_in_bookings += a.checked_in_bookings;
    }
    const auto shares = LargestRemainderPercents(attended);
    for (size_t i = 0; i < shares.size(); ++i) {
        v.by_audience[i].share_pct = shares[i];
        v.by_audience[i].attendance_pct =
            RoundedPercent(v.by_audience[i].attended, v.by_audience[i].booked_people);
    }
    v.attendance_pct = RoundedPercent(v.attended, v.booked_people);
    if (data.edition.target_visitors) {
        v.target = *data.edition.target_visitors;
        v.target_met = v.attended >= *v.target;
    }
    return v;
}

std::string Plural(long long n, const char* singular, const char* plural) {
    return FormatThousandsFr(n) + " " + (n > 1 ? plural : singular);
}

GroupRequestsFigures ComputeGroupRequests(const store::BilanData& data) {
    GroupRequestsFigures g;
    g.total = data.group_requests;
    g.accepted = data.group_requests_accepted;
    g.refused = data.group_requests_refused;
    g.bus_needed = data.group_requests_bus_needed;
    std::vector<SiteDemandFigures> ranked;
    for (const auto& d : data.demand) {
        if (d.requests > d.group_capacity) ++g.oversubscribed_sites;
        if (d.group_capacity <= 0 || d.requests <= 0) continue;
        ranked.push_back({d.site_id, d.name, d.commune, d.department_code, d.requests, d.group_capacity,
                          d.accepted_groups,
                          static_cast<double>(d.requests) / static_cast<double>(d.group_capacity)});
    }
    // Ratios compared by cross-multiplication: exact, so equal ratios tie and fall to the requests.
    std::sort(ranked.begin(), ranked.end(), [](const SiteDemandFigures& a, const SiteDemandFigures& b) {
        const long long lhs = a.requests * b.group_capacity, rhs = b.requests * a.group_capacity;
        if (lhs != rhs) return lhs > rhs;
        if (a.requests != b.requests) return a.requests > b.requests;
        if (a.name != b.name) return a.name < b.name;
        return a.site_id < b.site_id;
    });
    if (ranked.size() > 10) ranked.resize(10);
    g.most_requested = std::move(ranked);
    if (!g.most_requested.empty() && g.most_requested[0].requests > g.most_requested[0].group_capacity) {
        g.most_oversubscribed = g.most_requested[0];
        g.most_oversubscribed_fr = g.most_oversubscribed->name + " : " +
                                   Plural(g.most_oversubscribed->accepted_groups, "classe", "classes") +
                                   " pour " + Plural(g.most_oversubscribed->requests, "demande", "demandes");
    }
    return g;
}

BusFigures ComputeBuses(const store::BilanData& data) {
    BusFigures b;
    b.buses = data.buses;
    b.seats = data.bus_seats;
    b.cost_cents = data.bus_cost_cents;
    b.km = data.bus_km;
    b.groups = data.bus_groups;
    b.people = data.bus_people;
    for (const auto& row : data.visitors) {
        auto audience = domain::ParseAudience(row.audience);
        if (audience && domain::IsGroupAudience(*audience)) b.booked_group_people += row.booked_people;
    }
    b.share_of_booked_group_people_pct = RoundedPercent(b.people, b.booked_group_people);
    return b;
}

MediaFigures ComputeMedia(const store::BilanData& data) {
    MediaFigures m;
    for (const auto& [kind, code] : domain::kMediaKindCodes)
        m.by_kind.push_back({std::string(code), std::string(domain::LabelFr(kind)), 0});
    for (const auto& kc : data.media_by_kind) {
        auto it = std::find_if(m.by_kind.begin(), m.by_kind.end(),
                               [&](const MediaKindFigures& k) { return k.code == kc.key; });
        if (it == m.by_kind.end()) {
            m.by_kind.push_back({kc.key, kc.key, 0});
            it = m.by_kind.end() - 1;
        }
        it->count += kc.count;
        m.total += kc.count;
    }
    m.social_mentions = data.social_mentions;
    return m;
}

RateFigure Rate(long long yes, long long answers) { return {answers, yes, RoundedPercent(yes, answers)}; }

std::string MonthFr(const std::string& month) {
    if (month.size() != 7 || month[4] != '-') return month;
    const int m = (month[5] - '0') * 10 + (month[6] - '0');
    if (m < 1 || m > 12) return month;
    return std::string(MonthName(static_cast<unsigned>(m), DateLang::kFr)) + " " + month.substr(0, 4);
}

void ComputeMediaMonths(const store::BilanData& data, MediaFigures& m) {
    std::map<std::string, MediaMonthFigures> months;
    for (const auto& row : data.media_by_month) {
        auto& f = months[row.month];
        if (f.month.empty()) {
            f.month = row.month;
            f.month_fr = MonthFr(row.month);
            f.by_kind.assign(m.by_kind.size(), 0);
        }
        for (size_t k = 0; k < m.by_kind.size(); ++k)
            if (m.by_kind[k].code == row.kind) f.by_kind[k] += row.count;
        f.total += row.count;
    }
    for (auto& [month, f] : months) m.by_month.push_back(std::move(f));
}

ScopeFigures ComputeScope(const store::BilanScope& scope) {
    ScopeFigures s;
    s.national = scope.national();
    s.region_code = scope.region_code;
    s.department_codes = scope.department_codes;
    s.audience = scope.audience;
    if (!scope.audience.empty()) s.audience_label_fr = AudienceLabelFr(scope.audience);
    if (s.national) {
        s.label_fr = "France entière";
    } else if (const auto* r = refdata::FindRegion(scope.region_code)) {
        s.label_fr = r->name;
    } else {
        for (const auto& code : scope.department_codes) {
            const auto* d = refdata::FindDepartment(code);
            s.label_fr += (s.label_fr.empty() ? "" : ", ") + (d ? d->name : code);
        }
    }
    return s;
}

// Departments by code, and regions rolled up from them through refdata.
void ComputeAreas(const store::BilanData& data, Bilan& b) {
    std::map<std::string, AreaFigures> regions;
    for (const auto& a : data.by_department) {
        AreaFigures f{a.code, a.code, "", a.sites, a.attended, a.booked_people, a.requests, a.refused};
        if (const auto* d = refdata::FindDepartment(a.code)) {
            f.name = d->name;
            f.region_code = d->region_code;
        }
        b.departments.push_back(f);
        if (f.region_code.empty()) continue;
        AreaFigures& r = regions[f.region_code];
        if (r.code.empty()) {
            r.code = r.region_code = f.region_code;
            const auto* region = refdata::FindRegion(f.region_code);
            r.name = region ? region->name : f.region_code;
        }
        r.sites += f.sites;
        r.attended += f.attended;
        r.booked_people += f.booked_people;
        r.requests += f.requests;
        r.refused += f.refused;
    }
    std::sort(b.departments.begin(), b.departments.end(),
              [](const AreaFigures& x, const AreaFigures& y) { return x.code < y.code; });
    for (auto& [code, r] : regions) b.regions.push_back(std::move(r));
}

std::vector<TargetFigure> ComputeTargets(const Bilan& b) {
    std::vector<TargetFigure> targets;
    auto add = [&](const char* key, const char* label, std::optional<long long> target, long long actual) {
        if (!target) return;
        targets.push_back({key, label, *target, actual, RoundedPercent(actual, *target), actual >= *target});
    };
    add("sites", "Usines ouvertes", b.sites.target, b.sites.open);
    add("visitors", "Visiteurs", b.visitors.target, b.visitors.attended);
    return targets;
}

long long AttendedOf(const Bilan& b, std::string_view audience) {
    for (const auto& a : b.visitors.by_audience)
        if (a.code == audience) return a.attended;
    return 0;
}

PreviousEditionFigures ComputeChanges(const Bilan& now, const Bilan& before) {
    PreviousEditionFigures p;
    p.year = before.edition.year;
    p.name = before.edition.name;
    auto add = [&](const std::string& key, const std::string& label, long long current, long long previous) {
        ChangeFigure c{key, label, current, previous, std::nullopt, ChangeFr(current, previous)};
        if (previous > 0) c.change_pct = Pct(current - previous, previous);
        p.changes.push_back(std::move(c));
    };
    add("sites", "Usines ouvertes", now.sites.open, before.sites.open);
    add("events", "Événements", now.events.total, before.events.total);
    add("sectors", "Secteurs représentés", now.sectors.represented, before.sectors.represented);
    add("visitors", "Visiteurs", now.visitors.attended, before.visitors.attended);
    for (const auto& a : now.visitors.by_audience)
        add("visitors." + a.code, "Visiteurs : " + a.label_fr, a.attended, AttendedOf(before, a.code));
    add("group_requests", "Demandes de visite de groupe", now.group_requests.total,
        before.group_requests.total);
    add("buses", "Bus financés", now.buses.buses, before.buses.buses);
    add("media", "Retombées médiatiques", now.media.total, before.media.total);
    add("social_mentions", "Mentions sur les réseaux sociaux", now.media.social_mentions,
        before.media.social_mentions);
    add("internships_filled", "Stages pourvus", now.internships.filled, before.internships.filled);
    return p;
}

}  // namespace

std::string_view ToCode(ShareMeasure measure) {
    return measure == ShareMeasure::kJobs ? "jobs" : "establishments";
}

Bilan ComputeBilan(const store::BilanData& data, const store::BilanData* previous,
                   const BilanOptions& options) {
    Bilan b;
    b.edition = ComputeEdition(data.edition);
    b.scope = ComputeScope(data.scope);
    b.sites = ComputeSites(data);
    b.events = ComputeEvents(data);
    b.sectors = ComputeSectors(data);
    b.visitors = ComputeVisitors(data);
    b.group_requests = ComputeGroupRequests(data);
    b.buses = ComputeBuses(data);
    b.media = ComputeMedia(data);
    b.host_survey.satisfied = Rate(data.host_satisfied, data.host_satisfaction_answers);
    b.host_survey.open_again = Rate(data.host_open_again_yes, data.host_open_again_answers);
    b.teaching_kit = {data.teaching_kit_documents, data.teaching_kit_pages};
    b.internships = {data.internship_offers, data.internship_places, data.internship_filled,
                     RoundedPercent(data.internship_filled, data.internship_places)};
    for (const auto& q : data.quotes) b.quotes.push_back({q.text, q.author_label});
    ComputeMediaMonths(data, b.media);
    ComputeAreas(data, b);
    b.white_zones =
        ComputeWhiteZones(data.request_points, data.group_site_points, options.white_zone_radius_km);
    // The edition's targets are national: a region or one audience is not measured against them.
    if (!data.scope.national() || !data.scope.audience.empty()) {
        b.sites.target.reset();
        b.sites.target_met.reset();
        b.visitors.target.reset();
        b.visitors.target_met.reset();
    }
    b.targets = ComputeTargets(b);
    if (previous) b.previous = ComputeChanges(b, ComputeBilan(*previous, nullptr, options));

    b.headlines.sites = HeadlineExact(b.sites.open);
    b.headlines.buses = HeadlineExact(b.buses.buses);
    b.headlines.visitors = HeadlineVisitors(b.visitors.attended);
    b.headlines.media = HeadlineMediaTotal(b.media.total);
    b.headlines.social_mentions = HeadlineMediaTotal(b.media.social_mentions);
    for (const auto& k : b.media.by_kind) b.headlines.media_by_kind.push_back(HeadlineMediaKind(k.count));
    return b;
}

std::string ChangeFr(long long current, long long previous) {
    if (previous <= 0) return current > 0 ? "nouveau" : "=";
    const double pct = Pct(current - previous, previous);
    const long long whole = std::llround(pct);
    if (whole == 0) return "=";
    return (whole > 0 ? "+" : "-") + std::to_string(std::llabs(whole)) + " %";
}

Result<store::BilanScope> MakeScope(std::string_view region_code, const std::vector<std::string>& departments,
                                    std::string_view audience) {
    store::BilanScope scope;
    if (!audience.empty()) {
        if (!domain::ParseAudience(audience))
            return MakeError(ErrorCode::kInvalidArgument, "unknown audience '" + std::string(audience) + "'",
                             "public inconnu : « " + std::string(audience) + " »");
        scope.audience = std::string(audience);
    }
    for (const auto& code : departments)
        if (!refdata::FindDepartment(code))
            return MakeError(ErrorCode::kInvalidArgument, "unknown department '" + code + "'",
                             "département inconnu : « " + code + " »");
    if (region_code.empty()) {
        scope.department_codes = departments;
    } else {
        if (!refdata::FindRegion(region_code))
            return MakeError(ErrorCode::kInvalidArgument, "unknown region '" + std::string(region_code) + "'",
                             "région inconnue : « " + std::string(region_code) + " »");
        scope.region_code = std::string(region_code);
        for (const auto& d : refdata::Departments()) {
            if (d.region_code != region_code) continue;
            if (departments.empty() ||
                std::find(departments.begin(), departments.end(), d.code) != departments.end())
                scope.department_codes.push_back(d.code);
        }
        if (scope.department_codes.empty())
            return MakeError(
                ErrorCode::kInvalidArgument,
                "no department of region " + std::string(region_code) + " was given",
                "aucun des départements donnés n'est dans la région " + std::string(region_code));
    }
    std::sort(scope.department_codes.begin(), scope.department_codes.end());
    scope.department_codes.erase(std::unique(scope.department_codes.begin(), scope.department_codes.end()),
                                 scope.department_codes.end());
    return scope;
}

std::string HeadlineExact(long long value) { return PlusRounded(value, value); }

std::string HeadlineWordsFr(const std::string& headline, long long exact) {
    if (exact <= 0) return "0";
    const std::string shown = headline.rfind('+', 0) == 0 ? headline.substr(1) : headline;
    return shown == FormatThousandsFr(exact) ? shown : "plus de " + shown;
}

std::string HeadlineVisitors(long long value) {
    if (value < 1000) return PlusRounded(value, value);
    if (value < 100000) return PlusRounded(value, value / 1000 * 1000);
    long long unit = 1;
    while (value / unit >= 100) unit *= 10;
    return PlusRounded(value, value / unit * unit);
}

std::string HeadlineMediaTotal(long long value) {
    return PlusRounded(value, value < 50 ? value : value / 50 * 50);
}

std::string HeadlineMediaKind(long long value) {
    return PlusRounded(value, value < 10 ? value : value / 10 * 10);
}

std::string FormatDecimal(double value, int max_decimals) {
    const double scale = std::pow(10.0, std::clamp(max_decimals, 0, 6));
    double rounded = std::round(value * scale) / scale;
    if (rounded == 0) rounded = 0;  // no "-0"
    char buffer[64];
    auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, rounded);
    return ec == std::errc() ? std::string(buffer, end) : std::string("0");
}

std::string PercentFr(int pct) { return std::to_string(pct) + " %"; }

std::string PercentFr(double pct, int decimals) {
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", std::clamp(decimals, 0, 6), pct);
    std::string text = buffer;
    std::replace(text.begin(), text.end(), '.', ',');
    return text + " %";
}

std::optional<int> RoundedPercent(long long part, long long whole) {
    if (whole <= 0) return std::nullopt;
    return static_cast<int>((200 * part + whole) / (2 * whole));
}

std::vector<int> LargestRemainderPercents(const std::vector<long long>& values) {
    std::vector<int> shares(values.size(), 0);
    long long total = 0;
    for (long long v : values) total += std::max(0LL, v);
    if (total <= 0) return shares;
    std::vector<long long> remainders(values.size());
    int assigned = 0;
    for (size_t i = 0; i < values.size(); ++i) {
        const long long scaled = 100 * std::max(0LL, values[i]);
        shares[i] = static_cast<int>(scaled / total);
        remainders[i] = scaled % total;
        assigned += shares[i];
    }
    std::vector<size_t> order(values.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t a, size_t b) { return remainders[a] > remainders[b]; });
    for (size_t k = 0; assigned < 100 && k < order.size(); ++k, ++assigned) ++shares[order[k]];
    return shares;
}

std::string WeekdayFr(std::string_view date) {
    auto ymd = ParseIsoDate(date);
    return ymd ? std::string(WeekdayName(ymd->weekday, DateLang::kFr)) : "";
}

std::string DayFr(std::string_view date) {
    auto ymd = ParseIsoDate(date);
    if (!ymd) return std::string(date);
    return LongDate(*ymd, DateLang::kFr, /*with_year=*/false);
}

std::string DatePhraseFr(std::vector<std::string> dates) {
    std::sort(dates.begin(), dates.end());
    std::vector<std::optional<CalendarDate>> parsed;
    for (const auto& date : dates) parsed.push_back(ParseIsoDate(date));
    std::string phrase;
    for (size_t i = 0; i < dates.size(); ++i) {
        if (i > 0) phrase += i + 1 == dates.size() ? " et " : ", ";
        if (!parsed[i]) {
            phrase += dates[i];
            continue;
        }
        const CalendarDate& day = *parsed[i];
        const CalendarDate* next = i + 1 < dates.size() && parsed[i + 1] ? &*parsed[i + 1] : nullptr;
        phrase += WeekdayAndDay(day, DateLang::kFr);
        // Month and year are said once, after the last day that shares them.
        if (!next || next->month != day.month || next->year != day.year)
            phrase += " " + std::string(MonthName(day.month, DateLang::kFr));
        if (!next || next->year != day.year) phrase += " " + std::to_string(day.year);
    }
    return phrase;
}

std::string OrdinalFr(int n) { return std::to_string(n) + (n == 1 ? "re" : "e"); }

int EditionOrdinal(std::string_view name, int year) {
    size_t i = 0;
    while (i < name.size() && name[i] == ' ') ++i;
    int n = 0;
    size_t digits = 0;
    for (; i < name.size() && std::isdigit(static_cast<unsigned char>(name[i])); ++i, ++digits)
        if (digits < 4) n = n * 10 + (name[i] - '0');
    // A number of one to three digits is an ordinal; four digits is a year ("JUO 2026").
    if (digits > 0 && digits <= 3 && n > 0) return n;
    return std::max(1, year - (domain::kFirstEditionYear - 1));
}

}  // namespace juo::report
