// Accounts: the account steps the JSON API and the pages share (sign up, confirm the address,
// ask for and set a new password). Each writes in one short transaction on this thread's
// connection, with its e-mail (account_emails.h) written to the outbox in the same transaction.
// A step that hashes a password hashes first, outside the transaction (auth/accounts.h): the
// web layer runs those steps on the hashing pool (auth/hashing_pool.h), never on a handler
// thread.
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

// Hashes the password, then creates the account (or completes a guest's: auth/accounts.h) and
// mails the confirmation link (whose address starts with `public_url`, and carries `next`, a
// path inside the site to return to once confirmed, when not empty).
// The two halves of SignUpAndMailConfirmation, for callers that run them on different threads:
// the hash (no database), then the short write with the e-mail.
Result<auth::PreparedSignUp> PrepareSignUp(const auth::Accounts& accounts, const auth::SignUpRequest& request);
Result<auth::EmailedToken> CompleteSignUp(const Connections& connections, const auth::Accounts& accounts,
                                          const auth::PreparedSignUp& prepared, const std::string& public_url,
                                          const std::string& next = {});
Result<auth::EmailedToken> SignUpAndMailConfirmation(const Connections& connections,
                                                     const auth::Accounts& accounts,
                                                     const auth::SignUpRequest& request,
                                                     const std::string& public_url, const std::string& next = {});

// Confirms the address of the link's token; the user id.
Result<long long> ConfirmAddress(const Connections& connections, const auth::Accounts& accounts,
                                 std::string_view token);

// Confirms the address of the link's token and opens a session for its user (confirming signs
// the person in, issue 17): the session id for the cookie. `user_agent` as SessionStore::Create.
Result<std::string> ConfirmAddressAndSignIn(const Connections& connections, const auth::Accounts& accounts,
                                            auth::SessionStore& sessions, std::string_view token,
                                            std::string_view user_agent);

// Mails the confirmation link again to an account whose address is not confirmed yet (issue 21:
// the only way out for someone who lost the first e-mail); true when an e-mail was queued, false
// for an unknown or already confirmed address (the caller answers the same either way).
Result<bool> MailConfirmationAgain(const Connections& connections, const auth::Accounts& accounts,
                                   std::string_view email, const std::string& public_url);

// Mails a reset link (whose address starts with `public_url`) when `email` has an account (true),
// else does nothing (false).
Result<bool> MailPasswordReset(const Connections& connections, const auth::Accounts& accounts,
                               std::string_view email, const std::string& public_url);

// Checks the link (a read), hashes the new password (no transaction), then sets it in a short
// write and ends the user's sessions; the user id.
Result<long long> ResetPassword(const Connections& connections, const auth::Accounts& accounts,
                                auth::SessionStore& sessions, std::string_view token,
                                std::string_view password);

}  // namespace juo::services
