// BilanService: scope checks, then LoadBilanWithPrevious (the edition and the one before), then
// ComputeBilan, cached by query for max_age.
#include "services/bilan_service.h"

#include "store/reads/bilan_queries.h"
#include "store/editions/edition_repository.h"

namespace juo::services {

Result<std::unique_ptr<BilanService>> BilanService::Open(const std::string& db_url,
                                                         std::chrono::seconds max_age) {
    auto db = store::Database::Open(db_url, store::OpenMode::kMustExist);
    if (!db.ok()) return db.error();
    return std::unique_ptr<BilanService>(new BilanService(std::move(*db), max_age));
}

std::vector<int> BilanService::Years() {
    std::lock_guard lock(mutex_);
    try {
        return store::ListEditionYears(*db_);
    } catch (const std::exception&) {
        return {};
    }
}

Result<std::shared_ptr<const report::Bilan>> BilanService::Get(const BilanQuery& query) {
    auto scope = report::MakeScope(query.region, query.departments, query.audience);
    if (!scope.ok()) return scope.error();
    std::lock_guard lock(mutex_);
    int year = query.year;
    if (year == 0) {
        std::vector<int> years;
        try {
            years = store::ListEditionYears(*db_);
        } catch (const std::exception&) {
        }
        if (years.empty())
            return MakeError(ErrorCode::kNotFound, "no edition yet", "aucune édition pour l'instant");
        year = years.back();
    }
    std::string key = std::to_string(year) + "|" + scope->audience;
    for (const auto& d : scope->department_codes) key += "|" + d;
    const auto now = std::chrono::steady_clock::now();
    if (auto it = cache_.find(key); it != cache_.end() && now - it->second.computed < max_age_)
        return it->second.bilan;
    auto data = store::LoadBilanWithPrevious(*db_, year, *scope);
    if (!data.ok()) return data.error();
    auto bilan = std::make_shared<const report::Bilan>(
        report::ComputeBilan(data->current, data->previous ? &*data->previous : nullptr));
    // Old entries go so that the cache stays small whatever the queries.
    for (auto it = cache_.begin(); it != cache_.end();)
        it = now - it->second.computed >= max_age_ ? cache_.erase(it) : std::next(it);
    cache_[key] = {now, bilan};
    return bilan;
}

}  // namespace juo::services
