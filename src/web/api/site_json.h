// JSON encoders of sites and tours shared by the API answers (search hits, a site, its tours),
// and SiteMembersCache: the members every site answer starts with, written once per catalogue
// index so that the search (the hot path, docs/perf.md) copies them instead of re-encoding 20
// sites per request.
//
// Thread-safety: the Write* functions are pure; SiteMembersCache::For may be called from any
// thread (one mutex around the swap; the returned texts are immutable).
#pragma once

#include <memory>
#include <mutex>
#include <span>
#include <string>
#include <vector>

#include "domain/session.h"
#include "domain/site.h"
#include "services/catalogue_index.h"
#include "web/kit/json_writer.h"

namespace juo::web {

// A tour as a JSON object.
void WriteSession(JsonWriter& w, const domain::Session& s);
// Tours as a JSON array.
void WriteSessions(JsonWriter& w, std::span<const domain::Session> sessions);
// The members every site answer starts with (id, name, sector, place, position, wheelchair
// access, the accessibility kinds), without braces.
void WriteSiteMembers(JsonWriter& w, const domain::Site& s);

class SiteMembersCache {
 public:
    // The members text of each site of `index`, in index.sites() order (see WriteSiteMembers);
    // written on the first call after the index changed.
    std::shared_ptr<const std::vector<std::string>> For(
        const std::shared_ptr<const services::CatalogueIndex>& index) const;

 private:
    mutable std::mutex mutex_;
    mutable std::weak_ptr<const services::CatalogueIndex> index_;
    mutable std::shared_ptr<const std::vector<std::string>> members_;
};

}  // namespace juo::web
