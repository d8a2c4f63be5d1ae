// Accounts (see accounts.h).
#include "services/accounts.h"

#include "services/account_emails.h"
#include "store/db/database.h"
#include "store/mail/outbox.h"

namespace juo::services {
namespace {

// Runs `fn(db)` in a transaction on this thread's connection.
template <typename T, typename Fn>
Result<T> InThreadTransaction(const Connections& connections, Fn&& fn) {
    auto db = ThreadDb(connections);
    if (!db.ok()) return db.error();
    return (*db)->InTransaction<T>([&]() -> Result<T> { return fn(**db); });
}

}  // namespace

Result<auth::EmailedToken> SignUpAndMailConfirmation(const Connections& connections,
                                                     const auth::Accounts& accounts,
                                                     const auth::SignUpRequest& request,
                                                     const std::string& public_url, const std::string& next) {
    auto prepared = PrepareSignUp(accounts, request);  // the hash, before any transaction
    if (!prepared.ok()) return prepared.error();
    return CompleteSignUp(connections, accounts, *prepared, public_url, next);
}

Result<auth::PreparedSignUp> PrepareSignUp(const auth::Accounts& accounts, const auth::SignUpRequest& request) {
    return accounts.PrepareSignUp(request);
}

Result<auth::EmailedToken> CompleteSignUp(const Connections& connections, const auth::Accounts& accounts,
                                          const auth::PreparedSignUp& prepared, const std::string& public_url,
                                          const std::string& next) {
    return InThreadTransaction<auth::EmailedToken>(connections, [&](Db& db) -> Result<auth::EmailedToken> {
        auto t = accounts.SignUp(db, prepared);
        if (!t.ok()) return t.error();
        store::OutboxWriter outbox(db);
        auto email = ConfirmAddressEmail(*t, public_url, next);
        outbox.Enqueue(email);
        return t;
    });
}

Result<long long> ConfirmAddress(const Connections& connections, const auth::Accounts& accounts,
                                 std::string_view token) {
    return InThreadTransaction<long long>(connections,
                                          [&](Db& db) { return accounts.ConfirmEmail(db, token); });
}

Result<std::string> ConfirmAddressAndSignIn(const Connections& connections, const auth::Accounts& accounts,
                                            auth::SessionStore& sessions, std::string_view token,
                                            std::string_view user_agent) {
    return InThreadTransaction<std::string>(connections, [&](Db& db) -> Result<std::string> {
        auto confirmed = accounts.ConfirmAddress(db, token);
        if (!confirmed.ok()) return confirmed.error();
        return sessions.Create(db, confirmed->user_id, user_agent);
    });
}

Result<bool> MailConfirmationAgain(const Connections& connections, const auth::Accounts& accounts,
                                   std::string_view email, const std::string& public_url) {
    return InThreadTransaction<bool>(connections, [&](Db& db) -> Result<bool> {
        auto token = accounts.ResendConfirmation(db, email);
        if (!token.ok()) return token.error();
        if (!*token) return false;
        store::OutboxWriter outbox(db);
        auto message = ConfirmAddressEmail(**token, public_url);
        outbox.Enqueue(message);
        return true;
    });
}

Result<bool> MailPasswordReset(const Connections& connections, const auth::Accounts& accounts,
                               std::string_view email, const std::string& public_url) {
    return InThreadTransaction<bool>(connections, [&](Db& db) -> Result<bool> {
        auto token = accounts.RequestPasswordReset(db, email);
        if (!token.ok()) return token.error();
        if (!*token) return false;
        store::OutboxWriter outbox(db);
        auto message = ResetPasswordEmail(**token, public_url);
        outbox.Enqueue(message);
        return true;
    });
}

Result<long long> ResetPassword(const Connections& connections, const auth::Accounts& accounts,
                                auth::SessionStore& sessions, std::string_view token,
                                std::string_view password) {
    // Refuse a bad password or a bad link before the hash, and hash before the transaction.
    JUO_TRY(auth::CheckPasswordRules(password));
    auto db = ThreadDb(connections);
    if (!db.ok()) return db.error();
    JUO_TRY(accounts.CheckResetToken(**db, token));
    auto prepared = accounts.PreparePassword(password);
    if (!prepared.ok()) return prepared.error();
    auto user = InThreadTransaction<long long>(
        connections, [&](Db& db) { return accounts.ResetPassword(db, sessions, token, *prepared); });
    if (user.ok()) sessions.ForgetUser(*user);
    return user;
}

}  // namespace juo::services
