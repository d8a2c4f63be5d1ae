// Catalogue search: R-tree on positions (bounding box of the radius, then exact haversine),
// site filters, then tour filters over each candidate's tours.
#include "services/catalogue_index.h"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <boost/iterator/function_output_iterator.hpp>
#include <cmath>

#include "common/text.h"

namespace juo::services {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
// (longitude, latitude) degrees. Floats keep the entries small (36 bytes, the index of 17,700
// sites stays in cache under load: docs/perf.md); the box is only a pre-filter, widened below.
using Point = bg::model::point<float, 2, bg::cs::cartesian>;
using Box = bg::model::box<Point>;

// What the R-tree holds per site: its position and everything the search filters read, so that
// a candidate costs no second memory access until a site passes the site filters (leaves are
// contiguous: the scan is sequential).
struct Entry {
    Point point;
    float x, y, z;  // unit vector of the position: chord length orders like great-circle distance
    uint32_t site;  // index in sites()
    uint32_t sessions_begin;
    uint32_t sessions_end;
    int8_t division;  // NAF division as a number (01..99), -1 when not numeric
    uint8_t access;   // domain::AccessMask of the site
};

struct EntryIndexable {
    using result_type = const Point&;
    result_type operator()(const Entry& e) const { return e.point; }
};

struct EntryEqual {
    bool operator()(const Entry& a, const Entry& b) const { return a.site == b.site; }
};

using Rtree = bgi::rtree<Entry, bgi::rstar<16>, EntryIndexable, EntryEqual>;

struct CatalogueIndex::Tree {
    Rtree rtree;
};

namespace {

constexpr double kEarthRadiusKm = 6371.0;
constexpr double kDegToRad = 3.14159265358979323846 / 180.0;

unsigned AudienceBit(domain::Audience a) { return 1u << static_cast<unsigned>(a); }

// "29" → 29; anything that is not two digits → -1.
int DivisionNumber(const std::string& division) {
    if (division.size() != 2 || division[0] < '0' || division[0] > '9' || division[1] < '0' ||
        division[1] > '9')
        return -1;
    return (division[0] - '0') * 10 + (division[1] - '0');
}

// Interleaves the bits of the position quantised on a 2^20 grid: nearby positions get nearby codes.
uint64_t MortonCode(const LatLon& p) {
    auto quantise = [](double v, double lo, double hi) {
        double t = std::clamp((v - lo) / (hi - lo), 0.0, 1.0);
        return static_cast<uint64_t>(t * ((1u << 20) - 1));
    };
    uint64_t x = quantise(p.lon, -180, 180), y = quantise(p.lat, -90, 90), code = 0;
    for (int b = 0; b < 20; ++b) code |= ((x >> b) & 1) << (2 * b) | ((y >> b) & 1) << (2 * b + 1);
    return code;
}

}  // namespace

// A query with its strings and distances turned into what the rows hold.
struct CatalogueIndex::CompiledQuery {
    int day = -1;  // -1: any day
    bool day_unknown = false;
    unsigned audience = 0;  // 0: any audience
    bool as_group = false;
    bool places_left_only = false;
    int division = -1;      // -1: any sector
    double max_chord2 = 0;  // squared chord of the radius on the unit sphere
    double cx = 0, cy = 0, cz = 0;
};

CatalogueIndex::CatalogueIndex(store::CatalogueSnapshot snapshot)
    : snapshot_(std::move(snapshot)), tree_(std::make_unique<Tree>()) {
    const auto& sites = snapshot_.sites;
    for (size_t i = 0; i < sites.size(); ++i) {
        site_by_id_[sites[i].id] = i;
        ++sites_by_division_[sites[i].naf_division];
    }

    // Sessions come ordered by site: record each site's range.
    session_range_.assign(sites.size(), {0, 0});
    const auto& sessions = snapshot_.sessions;
    for (size_t k = 0; k < sessions.size(); ++k) session_by_id_[sessions[k].id] = k;
    for (size_t k = 0; k < sessions.size();) {
        size_t end = k;
        while (end < sessions.size() && sessions[end].site_id == sessions[k].site_id) ++end;
        if (auto it = site_by_id_.find(sessions[k].site_id); it != site_by_id_.end())
            session_range_[it->second] = {k, end};
        k = end;
    }

    site_rows_.reserve(sites.size());
    for (const auto& site : sites) {
        double lat = site.position.lat * kDegToRad, lon = site.position.lon * kDegToRad;
        site_rows_.push_back({std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat),
                              DivisionNumber(site.naf_division),
                              static_cast<uint8_t>(domain::AccessOf(site))});
    }
    // The tours' compact rows, laid out in the sites' Z-order (Morton code of the position) so
    // that the tours of nearby sites — the candidates of one search — sit close in memory.
    std::vector<size_t> spatial(sites.size());
    for (size_t i = 0; i < sites.size(); ++i) spatial[i] = i;
    std::vector<uint64_t> morton(sites.size());
    for (size_t i = 0; i < sites.size(); ++i) morton[i] = MortonCode(sites[i].position);
    std::sort(spatial.begin(), spatial.end(), [&](size_t a, size_t b) { return morton[a] < morton[b]; });
    row_range_.assign(sites.size(), {0, 0});
    session_rows_.reserve(sessions.size());
    for (size_t i : spatial) {
        row_range_[i].first = static_cast<uint32_t>(session_rows_.size());
        for (size_t k = session_range_[i].first; k < session_range_[i].second; ++k) {
            const auto& x = sessions[k];
            SessionRow row;
            for (size_t d = 0; d < snapshot_.edition.days.size(); ++d)
                if (snapshot_.edition.days[d].date == x.day_date) row.day = static_cast<int16_t>(d);
            for (auto a : x.audiences) row.audiences |= static_cast<uint8_t>(AudienceBit(a));
            row.open = x.status == domain::SessionStatus::kOpen;
            row.places_left = row.open ? std::max(0, x.places_left()) : 0;
            row.groups_left = row.open ? std::max(0, x.groups_left()) : 0;
            session_rows_.push_back(row);
        }
        row_range_[i].second = static_cast<uint32_t>(session_rows_.size());
    }

    std::vector<Entry> entries;
    entries.reserve(sites.size());
    for (size_t i = 0; i < sites.size(); ++i) {
        const SiteRow& r = site_rows_[i];
        entries.push_back({Point(static_cast<float>(sites[i].position.lon), static_cast<float>(sites[i].position.lat)),
                           static_cast<float>(r.x), static_cast<float>(r.y), static_cast<float>(r.z),
                           static_cast<uint32_t>(i), row_range_[i].first, row_range_[i].second,
                           static_cast<int8_t>(r.division), r.access});
    }
    tree_->rtree = Rtree(entries.begin(), entries.end());  // bulk loading (packed, nearby sites together)

    std::vector<std::string> folded(sites.size());
    for (size_t i = 0; i < sites.size(); ++i) folded[i] = FoldForSearch(sites[i].name);
    by_name_.resize(sites.size());
    for (size_t i = 0; i < sites.size(); ++i) by_name_[i] = i;
    std::sort(by_name_.begin(), by_name_.end(), [&](size_t a, size_t b) {
        return folded[a] != folded[b] ? folded[a] < folded[b] : sites[a].id < sites[b].id;
    });

    for (const auto& day : snapshot_.edition.days) {
        DayCount c;
        c.date = day.date;
        long long last_site = -1;
        for (const auto& s : sessions) {
            if (s.day_date != day.date) continue;
            ++c.sessions;
            if (s.status == domain::SessionStatus::kOpen) c.places_left += std::max(0, s.places_left());
            if (s.site_id != last_site) ++c.sites;  // sessions are grouped by site
            last_site = s.site_id;
        }
        day_counts_.push_back(c);
    }
}

CatalogueIndex::~CatalogueIndex() = default;

const domain::Site* CatalogueIndex::FindSite(long long id) const {
    auto it = site_by_id_.find(id);
    return it == site_by_id_.end() ? nullptr : &snapshot_.sites[it->second];
}

const domain::Session* CatalogueIndex::FindSession(long long id) const {
    auto it = session_by_id_.find(id);
    return it == session_by_id_.end() ? nullptr : &snapshot_.sessions[it->second];
}

std::span<const domain::Session> CatalogueIndex::SessionsOf(long long site_id) const {
    auto it = site_by_id_.find(site_id);
    if (it == site_by_id_.end()) return {};
    auto [begin, end] = session_range_[it->second];
    return std::span<const domain::Session>(snapshot_.sessions.data() + begin, end - begin);
}

SearchResult CatalogueIndex::Search(const SearchQuery& q) const {
    SearchResult result;
    result.page = std::max(1, q.page);
    result.per_page = std::max(1, q.per_page);
    const auto& sites = snapshot_.sites;

    CompiledQuery c;
    if (q.day) {
        for (size_t d = 0; d < snapshot_.edition.days.size(); ++d)
            if (snapshot_.edition.days[d].date == *q.day) c.day = static_cast<int>(d);
        c.day_unknown = c.day < 0;
    }
    if (q.audience) {
        c.audience = AudienceBit(*q.audience);
        c.as_group = domain::IsGroupAudience(*q.audience);
    }
    c.places_left_only = q.places_left_only;
    if (q.sector) {
        c.division = DivisionNumber(*q.sector);
        if (c.division < 0) return result;  // no site has a malformed division
    }
    if (c.day_unknown) return result;  // no tour on a day the edition does not have
    const uint8_t access = static_cast<uint8_t>(q.accessibility);

    // Candidates carry a sort key: squared chord (nearest first) or name rank.
    struct Candidate {
        double key;
        size_t site;
        int matching;
        int places;
    };
    std::vector<Candidate> matches;
    matches.reserve(q.around ? 256 : sites.size());
    // A site that passed the site filters: count its tours that pass the tour filters.
    auto evaluate = [&](size_t i, size_t begin, size_t end, double key) {
        int matching = 0, places = 0;
        for (size_t k = begin; k < end; ++k) {
            const SessionRow& row = session_rows_[k];
            if (c.day >= 0 && row.day != c.day) continue;
            if (c.audience && !(row.audiences & c.audience)) continue;
            if (c.places_left_only && (row.places_left <= 0 || (c.as_group && row.groups_left <= 0)))
                continue;
            ++matching;
            places += row.places_left;
        }
        if (matching > 0) matches.push_back({key, i, matching, places});
    };

    if (q.around) {
        // A box that holds the circle (longitude degrees shrink with latitude), then the exact
        // test on the unit sphere: chord² = |a - b|², monotonic in great-circle distance.
        const LatLon center = *q.around;
        double lat = center.lat * kDegToRad, lon = center.lon * kDegToRad;
        c.cx = std::cos(lat) * std::cos(lon);
        c.cy = std::cos(lat) * std::sin(lon);
        c.cz = std::sin(lat);
        double half_angle = std::min(q.radius_km / kEarthRadiusKm, 3.14159265358979323846) / 2;
        c.max_chord2 = 4 * std::sin(half_angle) * std::sin(half_angle);
        double dlat = q.radius_km / 110.574;
        double dlon = q.radius_km / (111.320 * std::max(0.01, std::cos(lat)));
        constexpr double kMargin = 1e-3;  // degrees (~100 m): float rounding never cuts the circle
        Box box(Point(static_cast<float>(center.lon - dlon - kMargin), static_cast<float>(center.lat - dlat - kMargin)),
                Point(static_cast<float>(center.lon + dlon + kMargin), static_cast<float>(center.lat + dlat + kMargin)));
        tree_->rtree.query(bgi::intersects(box), boost::make_function_output_iterator([&](const Entry& e) {
                               if (c.division >= 0 && e.division != c.division) return;
                               if ((e.access & access) != access) return;
                               double dx = e.x - c.cx, dy = e.y - c.cy, dz = e.z - c.cz;
                               double chord2 = dx * dx + dy * dy + dz * dz;
                               if (chord2 <= c.max_chord2)
                                   evaluate(e.site, e.sessions_begin, e.sessions_end, chord2);
                           }));
    } else {
        for (size_t rank = 0; rank < by_name_.size(); ++rank) {
            size_t i = by_name_[rank];
            if (c.division >= 0 && site_rows_[i].division != c.division) continue;
            if ((site_rows_[i].access & access) != access) continue;
            evaluate(i, row_range_[i].first, row_range_[i].second, static_cast<double>(rank));
        }
    }

    result.total = static_cast<long long>(matches.size());
    const size_t first = static_cast<size_t>(result.page - 1) * static_cast<size_t>(result.per_page);
    if (first >= matches.size()) return result;
    const size_t last = std::min(matches.size(), first + static_cast<size_t>(result.per_page));
    // Only the requested page needs ordering: partial sort up to its last hit.
    auto by_key = [&](const Candidate& a, const Candidate& b) {
        return a.key != b.key ? a.key < b.key : sites[a.site].id < sites[b.site].id;
    };
    std::partial_sort(matches.begin(), matches.begin() + static_cast<long>(last), matches.end(), by_key);
    for (size_t k = first; k < last; ++k) {
        const auto& m = matches[k];
        SearchHit hit{&sites[m.site], std::nullopt, m.matching, m.places};
        if (q.around) hit.distance_km = HaversineKm(*q.around, sites[m.site].position);
        result.hits.push_back(hit);
    }
    return result;
}

}  // namespace juo::services
