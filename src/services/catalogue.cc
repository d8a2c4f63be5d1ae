// Catalogue holder.
#include "services/catalogue.h"

#include "store/reads/catalogue_queries.h"

namespace juo::services {

Result<std::unique_ptr<Catalogue>> Catalogue::Load(store::Database& db) {
    std::unique_ptr<Catalogue> catalogue(new Catalogue());
    auto built = catalogue->Refresh(db);
    if (!built.ok()) return built.error();
    return catalogue;
}

std::shared_ptr<const CatalogueIndex> Catalogue::Current() const {
    std::lock_guard lock(mutex_);
    return current_;
}

Result<bool> Catalogue::Refresh(store::Database& db) {
    auto fingerprint = store::CatalogueFingerprint(db);
    if (!fingerprint.ok()) return fingerprint.error();
    {
        std::lock_guard lock(mutex_);
        if (current_ && *fingerprint == fingerprint_) return false;
    }
    auto year = store::LatestEditionYear(db);
    if (!year.ok()) return year.error();
    auto snapshot = store::LoadCatalogue(db, *year);
    if (!snapshot.ok()) return snapshot.error();
    auto index = std::make_shared<const CatalogueIndex>(std::move(*snapshot));  // built outside the lock
    std::lock_guard lock(mutex_);
    current_ = std::move(index);
    fingerprint_ = std::move(*fingerprint);
    return true;
}

}  // namespace juo::services
