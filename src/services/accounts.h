// Accounts: the account steps the JSON API and the pages share (sign up, confirm the address,
// ask for and set a new password). Each runs in one transaction on this thread's connection,
// with its e-mail (account_emails.h) written to the outbox in the same transaction.
//
// Thread-safety: any thread; `accounts` and `sessions` are thread-safe, and the connection used is
// the calling thread's own (ThreadDb).
#pragma once

#include <string>
#include <string_view>

#include "auth/accounts.h"
#include "auth/sessions.h"
#include "common/result.h"
#include "services/db.h"

namespace juo::services {

// Creates the account and mails the confirmation link (whose address starts with `public_url`).
Result<auth::EmailedToken> SignUpAndMailConfirmation(const Connections& connections,
                                                     const auth::Accounts& accounts,
                                                     const auth::SignUpRequest& request,
                                                     const std::string& public_url);

// Confirms the address of the link's token; the user id.
Result<long long> ConfirmAddress(const Connections& connections, const auth::Accounts& accounts,
                                 std::string_view token);

// Mails a reset link (whose address starts with `public_url`) when `email` has an account (true),
// else does nothing (false).
Result<bool> MailPasswordReset(const Connections& connections, const auth::Accounts& accounts,
                               std::string_view email, const std::string& public_url);

// Sets the new password of the link's token, ends the user's sessions; the user id.
Result<long long> ResetPassword(const Connections& connections, const auth::Accounts& accounts,
                                auth::SessionStore& sessions, std::string_view token,
                                std::string_view password);

}  // namespace juo::services
