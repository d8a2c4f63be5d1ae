// Personal data (issue 21, docs/adr/0015): a person's rights of access and erasure. The export is
// everything stored about one account (store/users/personal_data_queries.h lists it); the erasure
// anonymises the account and what refers to it in one transaction, after the booking engine has
// cancelled the person's future bookings and taken them off the waiting lists (the web layer
// hands those commands to the engine: web/kit/account_erasure.h). The organiser may do either
// for a person on request; both are audited with the organiser as actor.
//
// Every function returns its Error (a database failure as kUnavailable): none throws.
// Thread-safety: a Db is used by one thread (services::ThreadDb); the SessionStore is thread-safe.
#pragma once

#include <string>

#include "common/result.h"
#include "services/db.h"
#include "store/users/personal_data_queries.h"

namespace juo::auth {
class SessionStore;
}

namespace juo::services {

using PersonalData = store::PersonalData;
using ErasePlan = store::ErasePlan;
using ErasedAccount = store::ErasedAccount;

// Everything about live user `user_id`, asked by `actor_user_id` (the user, or an organiser on
// the person's request: then audited "user.export"). kNotFound for no live user.
Result<PersonalData> ExportPersonalData(Db& db, long long user_id, long long actor_user_id);

// What the engine must do before erasing user `user_id` at `now` (UTC ISO instant): the future
// bookings to cancel and the waiting-list entries to leave. kNotFound (no live user), kConflict
// (the last organiser, with a message saying what to do).
Result<ErasePlan> PlanErase(Db& db, long long user_id, const std::string& now);

// Erases user `user_id` for `actor_user_id` at `now` (one transaction, "user.erase" audited),
// then forgets the user's cached sessions. kNotFound, kConflict (last organiser, or a booking made
// since the plan: plan again), kUnavailable.
Result<ErasedAccount> EraseAccount(Db& db, auth::SessionStore& sessions, long long user_id,
                                   long long actor_user_id, const std::string& now);

}  // namespace juo::services
