// The account steps the JSON API and the pages share: each in one transaction on this thread's
// connection, with its e-mail written to the outbox in the same transaction.
//
// Thread-safety: as PeopleContext (thread-safe services, a connection per thread).
#pragma once

#include <string>
#include <string_view>

#include "auth/accounts.h"
#include "common/result.h"
#include "web/caller.h"

namespace juo::web {

// Runs `fn(db)` in a transaction on this thread's connection.
template <typename T, typename Fn>
Result<T> InThreadTransaction(const PeopleContext& ctx, Fn&& fn) {
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return db.error();
    return (*db)->InTransaction<T>([&]() -> Result<T> { return fn(**db); });
}

// Creates the account and mails the confirmation link.
Result<auth::EmailedToken> SignUpAndMailConfirmation(const PeopleContext& ctx, const auth::SignUpRequest& request);

// Confirms the address of the link's token; the user id.
Result<long long> ConfirmAddress(const PeopleContext& ctx, std::string_view token);

// Mails a reset link when `email` has an account (true), else does nothing (false).
Result<bool> MailPasswordReset(const PeopleContext& ctx, std::string_view email);

// Sets the new password of the link's token, ends the user's sessions; the user id.
Result<long long> ResetPassword(const PeopleContext& ctx, std::string_view token, std::string_view password);

}  // namespace juo::web
