// CatalogueIndex: the in-memory search index of the public catalogue — the open sites of one
// edition and their tours — answering "which factories, around here, on that day, for whom,
// with places left" in microseconds. Positions sit in a Boost.Geometry R-tree; the other
// filters run over the candidates.
//
// Thread-safety: immutable after construction; every const method may be called from any
// thread. Catalogue (catalogue.h) swaps whole indexes when the data changes.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/geo.h"
#include "domain/accessibility.h"
#include "domain/audience.h"
#include "store/reads/catalogue_queries.h"

namespace juo::services {

struct SearchQuery {
    std::optional<std::string> day;  // 'YYYY-MM-DD', one of the edition's days
    std::optional<LatLon> around;    // with radius_km: only sites within it, nearest first
    double radius_km = 30;
    std::optional<std::string> sector;  // NAF division, "29"
    std::optional<domain::Audience> audience;
    // Sites welcoming every one of these kinds of disability only (domain::AccessBit; 0: any).
    // The search's `wheelchair=1` is the motor kind.
    domain::AccessMask accessibility = 0;
    bool places_left_only = false;  // tours still open with places (and a group place for groups)
    int page = 1;                   // 1-based
    int per_page = 20;
};

struct SearchHit {
    const domain::Site* site = nullptr;
    std::optional<double> distance_km;  // set when the query had `around`
    int matching_sessions = 0;          // tours that pass the day/audience/places filters
    int places_left = 0;                // summed over those tours
};

struct SearchResult {
    long long total = 0;  // matching sites, all pages
    int page = 1;
    int per_page = 20;
    std::vector<SearchHit> hits;  // this page: nearest first with `around`, else by name
};

struct DayCount {
    std::string date;
    long long sites = 0;  // events: sites open that day
    long long sessions = 0;
    long long places_left = 0;
};

class CatalogueIndex {
 public:
    explicit CatalogueIndex(store::CatalogueSnapshot snapshot);
    ~CatalogueIndex();
    CatalogueIndex(const CatalogueIndex&) = delete;
    CatalogueIndex& operator=(const CatalogueIndex&) = delete;

    const domain::Edition& edition() const { return snapshot_.edition; }
    const std::vector<domain::Site>& sites() const { return snapshot_.sites; }
    // The other stored editions (past ones, or a next one being prepared), newest first.
    const std::vector<domain::Edition>& other_editions() const { return snapshot_.other_editions; }

    // The sites matching every filter of `query`, paginated. The query must be valid (see
    // web/search_params: the API rejects bad values before they get here); a page past the
    // end gives no hits and the right total.
    SearchResult Search(const SearchQuery& query) const;

    // The site with this id, or nullptr when it is not open in this edition.
    const domain::Site* FindSite(long long id) const;
    // The tour with this id, or nullptr when it is not in the catalogue.
    const domain::Session* FindSession(long long id) const;
    // The tours of a site, by day and time (empty for an unknown site).
    std::span<const domain::Session> SessionsOf(long long site_id) const;

    // Per day of the edition: sites open, tours, places left.
    const std::vector<DayCount>& day_counts() const { return day_counts_; }
    // Open sites per NAF division.
    const std::map<std::string, long long>& sites_by_division() const { return sites_by_division_; }

 private:
    struct Tree;
    // Compact copies of what the search reads for every candidate, built once: no strings, no
    // trigonometry on the hot path.
    struct SiteRow {
        double x, y, z;  // unit vector of the position: chord length orders like great-circle distance
        int division;    // NAF division as a number, -1 when not numeric
        uint8_t access;  // domain::AccessMask of the site
    };
    struct SessionRow {
        int places_left = 0;     // 0 when not open
        int groups_left = 0;
        int16_t day = -1;        // index in edition().days, -1 when not an edition day
        uint8_t audiences = 0;   // bit (1 << Audience)
        bool open = false;
    };
    struct CompiledQuery;
    std::vector<SiteRow> site_rows_;
    std::vector<SessionRow> session_rows_;  // grouped by site, sites in Z-order (see the .cc)
    store::CatalogueSnapshot snapshot_;
    std::unique_ptr<Tree> tree_;
    std::map<long long, size_t> site_by_id_;
    std::map<long long, size_t> session_by_id_;
    std::vector<std::pair<size_t, size_t>> session_range_;  // by site index: [begin, end) in sessions
    std::vector<std::pair<uint32_t, uint32_t>> row_range_;  // by site index: [begin, end) in session_rows_
    std::vector<size_t> by_name_;                           // site indexes in name order
    std::vector<DayCount> day_counts_;
    std::map<std::string, long long> sites_by_division_;
};

}  // namespace juo::services
