// A person's rights of access and erasure (personal_data.h).
#include "services/personal_data.h"

#include "auth/sessions.h"
#include "services/audit.h"
#include "store/db/database.h"

namespace juo::services {
namespace {

Error NoUser(long long user_id) {
    return MakeError(ErrorCode::kNotFound, "no user " + std::to_string(user_id),
                     "aucun utilisateur n°" + std::to_string(user_id));
}

}  // namespace

Result<PersonalData> ExportPersonalData(Db& db, long long user_id, long long actor_user_id) {
    auto data = Guarded<std::optional<PersonalData>>(db, [&](Db& d) { return store::LoadPersonalData(d, user_id); });
    if (!data.ok()) return data.error();
    if (!*data) return NoUser(user_id);
    if (actor_user_id != user_id) {
        auto audited = db.InTransaction<Unit>([&]() -> Result<Unit> {
            Audit(db, actor_user_id, "user.export", "app_user", user_id, "personal data exported on request");
            return Unit{};
        });
        if (!audited.ok()) return audited.error();
    }
    return std::move(**data);
}

Result<ErasePlan> PlanErase(Db& db, long long user_id, const std::string& now) {
    auto plan = Guarded<ErasePlan>(db, [&](Db& d) { return store::PlanErase(d, user_id, now); });
    if (!plan.ok()) return plan;
    if (!plan->found) return NoUser(user_id);
    if (plan->last_organiser)
        return MakeError(ErrorCode::kConflict,
                         "the last organiser's account cannot be erased: make someone else organiser first",
                         "le compte du dernier organisateur ne peut pas être supprimé : nommez d'abord un autre "
                         "organisateur");
    return plan;
}

Result<ErasedAccount> EraseAccount(Db& db, auth::SessionStore& sessions, long long user_id,
                                   long long actor_user_id, const std::string& now) {
    auto done = Guarded<ErasedAccount>(
        db, [&](Db& d) { return store::EraseAccount(d, user_id, actor_user_id, now); });
    if (done.ok()) sessions.ForgetUser(user_id);
    return done;
}

}  // namespace juo::services
