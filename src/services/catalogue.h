// Catalogue: the public catalogue service. Holds the current CatalogueIndex of the latest
// edition and rebuilds it when the stored data changes (checked by a cheap fingerprint query,
// so it also sees changes made by other processes).
//
// Thread-safety: Current() may be called from any thread at any time; it returns an index that
// stays valid as long as the caller holds it. Refresh() may run concurrently with Current() but
// not with another Refresh() on the same Database (a Database is single-threaded).
#pragma once

#include <memory>
#include <mutex>
#include <string>

#include "common/result.h"
#include "services/catalogue_index.h"
#include "store/db/database.h"

namespace juo::services {

class Catalogue {
 public:
    // Builds the index of the latest edition. kNotFound when the database has no edition.
    static Result<std::unique_ptr<Catalogue>> Load(store::Database& db);

    std::shared_ptr<const CatalogueIndex> Current() const;

    // Rebuilds the index when the data changed since the last build; returns whether it did.
    Result<bool> Refresh(store::Database& db);

 private:
    Catalogue() = default;
    mutable std::mutex mutex_;
    std::shared_ptr<const CatalogueIndex> current_;
    std::string fingerprint_;
};

}  // namespace juo::services
