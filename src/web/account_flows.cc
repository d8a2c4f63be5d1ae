// Shared account steps (see account_flows.h).
#include "web/account_flows.h"

#include "store/outbox.h"
#include "web/account_emails.h"

namespace juo::web {

Result<auth::EmailedToken> SignUpAndMailConfirmation(const PeopleContext& ctx, const auth::SignUpRequest& request) {
    return InThreadTransaction<auth::EmailedToken>(ctx, [&](store::Database& db) -> Result<auth::EmailedToken> {
        auto t = ctx.accounts->SignUp(db, request);
        if (!t.ok()) return t.error();
        store::OutboxWriter outbox(db);
        auto email = ConfirmAddressEmail(*t, ctx.public_url);
        outbox.Enqueue(email);
        return t;
    });
}

Result<long long> ConfirmAddress(const PeopleContext& ctx, std::string_view token) {
    return InThreadTransaction<long long>(ctx,
                                          [&](store::Database& db) { return ctx.accounts->ConfirmEmail(db, token); });
}

Result<bool> MailPasswordReset(const PeopleContext& ctx, std::string_view email) {
    return InThreadTransaction<bool>(ctx, [&](store::Database& db) -> Result<bool> {
        auto token = ctx.accounts->RequestPasswordReset(db, email);
        if (!token.ok()) return token.error();
        if (!*token) return false;
        store::OutboxWriter outbox(db);
        auto message = ResetPasswordEmail(**token, ctx.public_url);
        outbox.Enqueue(message);
        return true;
    });
}

Result<long long> ResetPassword(const PeopleContext& ctx, std::string_view token, std::string_view password) {
    auto user = InThreadTransaction<long long>(ctx, [&](store::Database& db) {
        return ctx.accounts->ResetPassword(db, *ctx.sessions, token, password);
    });
    if (user.ok()) ctx.sessions->ForgetUser(*user);
    return user;
}

}  // namespace juo::web
