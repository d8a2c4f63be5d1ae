// Catalogue search: R-tree on positions (bounding box of the radius, then exact haversine),
// site filters, then tour filters over each candidate's tours.
#include "services/catalogue_index.h"

#include <algorithm>
#include <boost/geometry.hpp>
#include <boost/geometry/index/rtree.hpp>
#include <cmath>

#include "common/text.h"

namespace juo::services {

namespace bg = boost::geometry;
namespace bgi = boost::geometry::index;
using Point = bg::model::point<double, 2, bg::cs::cartesian>;  // (longitude, latitude) degrees
using Box = bg::model::box<Point>;
using Entry = std::pair<Point, size_t>;

struct CatalogueIndex::Tree {
    bgi::rtree<Entry, bgi::rstar<16>> rtree;
};

CatalogueIndex::CatalogueIndex(store::CatalogueSnapshot snapshot)
    : snapshot_(std::move(snapshot)), tree_(std::make_unique<Tree>()) {
    const auto& sites = snapshot_.sites;
    std::vector<Entry> entries;
    entries.reserve(sites.size());
    for (size_t i = 0; i < sites.size(); ++i) {
        site_by_id_[sites[i].id] = i;
        entries.emplace_back(Point(sites[i].position.lon, sites[i].position.lat), i);
        ++sites_by_division_[sites[i].naf_division];
    }
    tree_->rtree = bgi::rtree<Entry, bgi::rstar<16>>(entries.begin(), entries.end());  // bulk loading

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

bool CatalogueIndex::SessionMatches(const domain::Session& s, const SearchQuery& q) {
    if (q.day && s.day_date != *q.day) return false;
    if (q.audience && !s.admits(*q.audience)) return false;
    if (q.places_left_only) {
        if (s.status != domain::SessionStatus::kOpen || s.places_left() <= 0) return false;
        bool as_group = q.audience ? domain::IsGroupAudience(*q.audience) : false;
        if (as_group && s.groups_left() <= 0) return false;
    }
    return true;
}

SearchResult CatalogueIndex::Search(const SearchQuery& q) const {
    SearchResult result;
    result.page = std::max(1, q.page);
    result.per_page = std::max(1, q.per_page);
    const auto& sites = snapshot_.sites;
    const auto& sessions = snapshot_.sessions;

    auto evaluate = [&](size_t i, std::optional<double> distance, std::vector<SearchHit>& out) {
        const auto& site = sites[i];
        if (q.sector && site.naf_division != *q.sector) return;
        if (q.wheelchair && !site.wheelchair_access) return;
        SearchHit hit{&site, distance, 0, 0};
        auto [begin, end] = session_range_[i];
        for (size_t k = begin; k < end; ++k) {
            if (!SessionMatches(sessions[k], q)) continue;
            ++hit.matching_sessions;
            if (sessions[k].status == domain::SessionStatus::kOpen)
                hit.places_left += std::max(0, sessions[k].places_left());
        }
        if (hit.matching_sessions > 0) out.push_back(hit);
    };

    std::vector<SearchHit> matches;
    if (q.around) {
        // A box that holds the circle (longitude degrees shrink with latitude), then the exact
        // great-circle distance.
        const LatLon c = *q.around;
        double dlat = q.radius_km / 110.574;
        double dlon =
            q.radius_km / (111.320 * std::max(0.01, std::cos(c.lat * 3.14159265358979323846 / 180)));
        Box box(Point(c.lon - dlon, c.lat - dlat), Point(c.lon + dlon, c.lat + dlat));
        std::vector<Entry> candidates;
        tree_->rtree.query(bgi::intersects(box), std::back_inserter(candidates));
        for (const auto& [point, i] : candidates) {
            double d = HaversineKm(c, sites[i].position);
            if (d <= q.radius_km) evaluate(i, d, matches);
        }
        std::sort(matches.begin(), matches.end(), [](const SearchHit& a, const SearchHit& b) {
            return *a.distance_km != *b.distance_km ? *a.distance_km < *b.distance_km
                                                    : a.site->id < b.site->id;
        });
    } else {
        for (size_t i : by_name_) evaluate(i, std::nullopt, matches);
    }
    result.total = static_cast<long long>(matches.size());
    size_t first = static_cast<size_t>(result.page - 1) * static_cast<size_t>(result.per_page);
    if (first < matches.size()) {
        size_t last = std::min(matches.size(), first + static_cast<size_t>(result.per_page));
        result.hits.assign(matches.begin() + static_cast<long>(first),
                           matches.begin() + static_cast<long>(last));
    }
    return result;
}

}  // namespace juo::services
