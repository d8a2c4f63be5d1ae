// The organiser's editions (editions.h): the store's reads guarded, its changes forwarded.
#include "services/editions.h"

#include <utility>

#include "store/db/database.h"
#include "store/editions/edition_repository.h"

namespace juo::services {

Result<std::vector<EditionProgress>> ListEditions(Db& db) {
    return Guarded<std::vector<EditionProgress>>(db, [](Db& d) { return store::ListEditionProgress(d); });
}

Result<EditionProgress> FindEditionProgress(Db& db, long long edition_id) {
    auto editions = services::ListEditions(db);
    if (!editions.ok()) return editions.error();
    for (auto& p : *editions)
        if (p.edition.id == edition_id) return std::move(p);
    return MakeError(ErrorCode::kNotFound, "no edition " + std::to_string(edition_id),
                     "aucune édition n°" + std::to_string(edition_id));
}

Result<domain::Edition> FindEdition(Db& db, long long edition_id) {
    return Guarded<domain::Edition>(db, [&](Db& d) { return store::FindEditionById(d, edition_id); });
}

Result<domain::Edition> CurrentEdition(Db& db) {
    return Guarded<domain::Edition>(db, [](Db& d) { return store::CurrentEdition(d); });
}

Result<domain::Edition> UpdateEdition(Db& db, long long edition_id, const EditionEdit& edit,
                                      long long actor_user_id) {
    return Guarded<domain::Edition>(
        db, [&](Db& d) { return store::UpdateEdition(d, edition_id, edit, actor_user_id); });
}

Result<domain::Edition> PatchEdition(Db& db, long long edition_id, const std::string& seen_version,
                                     const std::function<Result<EditionEdit>(EditionEdit current)>& merge,
                                     long long actor_user_id) {
    auto stored = services::FindEdition(db, edition_id);
    if (!stored.ok()) return stored.error();
    auto edit = merge(store::EditOf(*stored));
    if (!edit.ok()) return edit.error();
    edit->seen_version = seen_version.empty() ? store::EditionVersion(*stored) : seen_version;
    return services::UpdateEdition(db, edition_id, *edit, actor_user_id);
}

Result<domain::Edition> CloneEdition(Db& db, int from_year, long long actor_user_id) {
    return Guarded<domain::Edition>(db, [&](Db& d) { return store::CloneEdition(d, from_year, actor_user_id); });
}

Result<InviteOutcome> InvitePreviousHosts(Db& db, long long edition_id, long long actor_user_id,
                                          const InviteComposer& compose) {
    return Guarded<InviteOutcome>(
        db, [&](Db& d) { return store::InvitePreviousHosts(d, edition_id, actor_user_id, compose); });
}

}  // namespace juo::services
