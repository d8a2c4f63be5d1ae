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

store::OutgoingEmail ConfirmAddressEmail(const auth::EmailedToken& token, const std::string& base_url);
store::OutgoingEmail ResetPasswordEmail(const auth::EmailedToken& token, const std::string& base_url);

}  // namespace juo::services
