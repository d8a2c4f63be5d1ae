// The e-mails of accounts (accounts.h writes them to the outbox), as outbox rows: the address
// confirmation link after sign-up and the password reset link, in the account's language first
// and the other one below.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "auth/accounts.h"
#include "store/mail/outbox.h"

namespace juo::services {

// `next`, when not empty, is a path inside the site the link returns to once confirmed (the
// booking a sign-up started from).
store::OutgoingEmail ConfirmAddressEmail(const auth::EmailedToken& token, const std::string& base_url,
                                         const std::string& next = {});
store::OutgoingEmail ResetPasswordEmail(const auth::EmailedToken& token, const std::string& base_url);

}  // namespace juo::services
