// Tests of sign-up, e-mail confirmation, login and password reset on a real SQLite database.
#include "auth/accounts.h"

#include <gtest/gtest.h>

#include "auth/crypto.h"
#include "auth/limited_login.h"
#include "auth/test_support.h"
#include "store/users/account_repository.h"

namespace juo::auth {
namespace {

using testing::TestClock;
using testing::TestDatabase;

class AccountsTest : public ::testing::Test {
 protected:
    AccountsTest()
        : db_(files_.Open()),
          accounts_(AccountsConfig{PasswordCost::ForTests(), 48 * 3600, 3600}, clock_.clock()),
          sessions_(SessionConfig{}, clock_.clock()) {}

    SignUpRequest Request(std::string email = "Anne.Martin@Example.fr") {
        SignUpRequest r;
        r.email = std::move(email);
        r.display_name = "  Anne Martin ";
        r.password = "un mot de passe solide";
        r.role = domain::Role::kTeacher;
        r.locale = "fr";
        return r;
    }

    // Signs up in a transaction, as the server will (the e-mail goes to the outbox there).
    Result<EmailedToken> SignUp(const SignUpRequest& r) {
        return db_->InTransaction<EmailedToken>([&] { return accounts_.SignUp(*db_, r); });
    }
    // Signs up and confirms; returns the user id.
    long long Confirmed(const SignUpRequest& r) {
        auto signed_up = SignUp(r);
        EXPECT_TRUE(signed_up.ok()) << signed_up.error().message;
        EXPECT_TRUE(accounts_.ConfirmEmail(*db_, signed_up->token).ok());
        return signed_up->user_id;
    }

    TestDatabase files_;
    TestClock clock_;
    std::unique_ptr<store::Database> db_;
    Accounts accounts_;
    SessionStore sessions_;
};

TEST_F(AccountsTest, SignUpStoresANormalisedUnconfirmedAccountAndOnlyTheTokenHash) {
    auto r = SignUp(Request());
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_GT(r->user_id, 0);
    EXPECT_EQ(r->email, "anne.martin@example.fr");
    EXPECT_EQ(r->display_name, "Anne Martin");
    EXPECT_EQ(r->locale, "fr");
    EXPECT_TRUE(IsTokenShaped(r->token));

    auto row = store::FindAccountByEmail(*db_, "anne.martin@example.fr");
    ASSERT_TRUE(row.has_value());
    EXPECT_TRUE(row->email_confirmed_at.empty());
    EXPECT_EQ(row->password_hash.rfind("$argon2id$", 0), 0u);
    auto roles = store::LoadRoleGrants(*db_, r->user_id);
    ASSERT_EQ(roles.size(), 1u);
    EXPECT_EQ(roles[0].role, domain::Role::kTeacher);

    // The database holds the token's hash, never the token.
    int raw = -1, hashed = -1;
    const std::string token_hash = Sha256Hex(r->token);  // soci::use keeps a reference: no temporary
    db_->sql() << "SELECT count(*) FROM auth_token WHERE token_hash = :t", soci::use(r->token),
        soci::into(raw);
    db_->sql() << "SELECT count(*) FROM auth_token WHERE token_hash = :t AND purpose = 'confirm_email'",
        soci::use(token_hash), soci::into(hashed);
    EXPECT_EQ(raw, 0);
    EXPECT_EQ(hashed, 1);
}

TEST_F(AccountsTest, SignUpRefusesBadInputAndDuplicates) {
    ASSERT_TRUE(SignUp(Request()).ok());
    auto duplicate = SignUp(Request("  ANNE.MARTIN@example.FR"));
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code, ErrorCode::kConflict);
    EXPECT_FALSE(duplicate.error().message_fr.empty());

    auto r = Request("other@example.fr");
    r.password = "short";
    EXPECT_EQ(SignUp(r).error().code, ErrorCode::kInvalidArgument);
    r = Request("not an e-mail");
    EXPECT_EQ(SignUp(r).error().code, ErrorCode::kInvalidArgument);
    r = Request("other@example.fr");
    r.display_name = "   ";
    EXPECT_EQ(SignUp(r).error().code, ErrorCode::kInvalidArgument);
    r.display_name = std::string(101, 'n');
    EXPECT_EQ(SignUp(r).error().code, ErrorCode::kInvalidArgument);
    r = Request("other@example.fr");
    r.locale = "de";
    EXPECT_EQ(SignUp(r).error().code, ErrorCode::kInvalidArgument);
    for (auto role : {domain::Role::kRelay, domain::Role::kOrganiser}) {
        r = Request("other@example.fr");
        r.role = role;
        EXPECT_EQ(SignUp(r).error().code, ErrorCode::kInvalidArgument);
    }
    r = Request("host@example.fr");
    r.role = domain::Role::kHost;
    r.locale = "";
    auto host = SignUp(r);
    ASSERT_TRUE(host.ok());
    EXPECT_EQ(host->locale, "fr");
    // Nothing was written by the refused attempts.
    int users = 0;
    db_->sql() << "SELECT count(*) FROM app_user", soci::into(users);
    EXPECT_EQ(users, 2);
}

TEST_F(AccountsTest, LoginRefusesUnconfirmedThenAcceptsAfterConfirmation) {
    auto r = SignUp(Request());
    ASSERT_TRUE(r.ok());
    auto before = accounts_.Login(*db_, "anne.martin@example.fr", "un mot de passe solide");
    ASSERT_FALSE(before.ok());
    EXPECT_EQ(before.error().code, ErrorCode::kForbidden);
    EXPECT_NE(before.error().message_fr.find("confirmée"), std::string::npos);

    auto confirmed = accounts_.ConfirmEmail(*db_, r->token);
    ASSERT_TRUE(confirmed.ok()) << confirmed.error().message;
    EXPECT_EQ(*confirmed, r->user_id);
    auto after = accounts_.Login(*db_, " Anne.Martin@EXAMPLE.fr", "un mot de passe solide");
    ASSERT_TRUE(after.ok()) << after.error().message;
    EXPECT_EQ(*after, r->user_id);
}

TEST_F(AccountsTest, WrongPasswordAndUnknownEmailFailAlike) {
    Confirmed(Request());
    auto wrong = accounts_.Login(*db_, "anne.martin@example.fr", "pas le bon mot de passe");
    auto unknown = accounts_.Login(*db_, "nobody@example.fr", "un mot de passe solide");
    ASSERT_FALSE(wrong.ok());
    ASSERT_FALSE(unknown.ok());
    EXPECT_EQ(wrong.error().code, ErrorCode::kUnauthenticated);
    EXPECT_EQ(unknown.error().code, wrong.error().code);
    EXPECT_EQ(unknown.error().message, wrong.error().message);
    EXPECT_EQ(unknown.error().message_fr, wrong.error().message_fr);
    // An unconfirmed account with a wrong password does not reveal that it exists either.
    ASSERT_TRUE(SignUp(Request("new@example.fr")).ok());
    auto unconfirmed_wrong = accounts_.Login(*db_, "new@example.fr", "pas le bon mot de passe");
    EXPECT_EQ(unconfirmed_wrong.error().message, wrong.error().message);
    EXPECT_EQ(accounts_.Login(*db_, "not an e-mail", "x").error().code, ErrorCode::kInvalidArgument);
}

TEST_F(AccountsTest, ConfirmationTokenIsSingleUseAndExpires) {
    auto first = SignUp(Request());
    ASSERT_TRUE(accounts_.ConfirmEmail(*db_, first->token).ok());
    auto again = accounts_.ConfirmEmail(*db_, first->token);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error().code, ErrorCode::kConflict);

    auto second = SignUp(Request("late@example.fr"));
    clock_.Advance(48 * 3600);  // exactly at expiry: expired
    auto late = accounts_.ConfirmEmail(*db_, second->token);
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(late.error().message_fr.find("expiré"), std::string::npos);
    EXPECT_EQ(accounts_.Login(*db_, "late@example.fr", "un mot de passe solide").error().code,
              ErrorCode::kForbidden);

    // A lost e-mail: a new link works; nothing to send for confirmed or unknown addresses.
    auto resent = accounts_.ResendConfirmation(*db_, "LATE@example.fr");
    ASSERT_TRUE(resent.ok() && resent->has_value());
    EXPECT_TRUE(accounts_.ConfirmEmail(*db_, (*resent)->token).ok());
    EXPECT_FALSE(accounts_.ResendConfirmation(*db_, "late@example.fr")->has_value());
    EXPECT_FALSE(accounts_.ResendConfirmation(*db_, "nobody@example.fr")->has_value());

    EXPECT_EQ(accounts_.ConfirmEmail(*db_, "garbage").error().code, ErrorCode::kNotFound);
    EXPECT_EQ(accounts_.ConfirmEmail(*db_, NewToken()).error().code, ErrorCode::kNotFound);
}

TEST_F(AccountsTest, ResetTokenCannotConfirmAndConfirmationTokenCannotReset) {
    auto signed_up = SignUp(Request());
    EXPECT_EQ(accounts_.ResetPassword(*db_, sessions_, signed_up->token, "nouveau mot de passe").error().code,
              ErrorCode::kNotFound);
    auto reset = accounts_.RequestPasswordReset(*db_, "anne.martin@example.fr");
    ASSERT_TRUE(reset.ok() && reset->has_value());
    EXPECT_EQ(accounts_.ConfirmEmail(*db_, (*reset)->token).error().code, ErrorCode::kNotFound);
}

TEST_F(AccountsTest, PasswordResetChangesPasswordOnceAndEndsEverySession) {
    long long user = Confirmed(Request());
    auto phone = sessions_.Create(*db_, user, "phone");
    auto laptop = sessions_.Create(*db_, user, "laptop");
    ASSERT_TRUE(phone.ok() && laptop.ok());
    ASSERT_TRUE(sessions_.Lookup(*db_, *phone)->has_value());  // cached now
    ASSERT_TRUE(sessions_.Lookup(*db_, *laptop)->has_value());
    EXPECT_EQ(sessions_.CachedCount(), 2u);

    auto unknown = accounts_.RequestPasswordReset(*db_, "nobody@example.fr");
    ASSERT_TRUE(unknown.ok());
    EXPECT_FALSE(unknown->has_value());
    auto request = db_->InTransaction<std::optional<EmailedToken>>(
        [&] { return accounts_.RequestPasswordReset(*db_, " ANNE.martin@example.fr"); });
    ASSERT_TRUE(request.ok() && request->has_value());
    const std::string token = (*request)->token;
    EXPECT_EQ((*request)->user_id, user);
    EXPECT_EQ((*request)->display_name, "Anne Martin");

    // A password that breaks the rules leaves the link usable.
    EXPECT_EQ(accounts_.ResetPassword(*db_, sessions_, token, "court").error().code,
              ErrorCode::kInvalidArgument);
    auto done = db_->InTransaction<long long>(
        [&] { return accounts_.ResetPassword(*db_, sessions_, token, "un tout nouveau secret"); });
    ASSERT_TRUE(done.ok()) << done.error().message;
    EXPECT_EQ(*done, user);

    EXPECT_EQ(sessions_.CachedCount(), 0u);
    EXPECT_FALSE(sessions_.Lookup(*db_, *phone)->has_value());
    EXPECT_FALSE(sessions_.Lookup(*db_, *laptop)->has_value());
    EXPECT_EQ(accounts_.Login(*db_, "anne.martin@example.fr", "un mot de passe solide").error().code,
              ErrorCode::kUnauthenticated);
    EXPECT_TRUE(accounts_.Login(*db_, "anne.martin@example.fr", "un tout nouveau secret").ok());
    EXPECT_EQ(accounts_.ResetPassword(*db_, sessions_, token, "encore un autre secret").error().code,
              ErrorCode::kConflict);
}

TEST_F(AccountsTest, ResetRetiresOtherResetLinksConfirmsTheAddressAndExpiresAfterAnHour) {
    auto signed_up = SignUp(Request());  // never confirmed
    auto first = accounts_.RequestPasswordReset(*db_, "anne.martin@example.fr");
    auto second = accounts_.RequestPasswordReset(*db_, "anne.martin@example.fr");
    ASSERT_TRUE(accounts_.ResetPassword(*db_, sessions_, (*second)->token, "un tout nouveau secret").ok());
    EXPECT_EQ(
        accounts_.ResetPassword(*db_, sessions_, (*first)->token, "encore un autre secret").error().code,
        ErrorCode::kConflict);
    // The link proved the address: login works without the confirmation e-mail.
    EXPECT_TRUE(accounts_.Login(*db_, "anne.martin@example.fr", "un tout nouveau secret").ok());

    auto third = accounts_.RequestPasswordReset(*db_, "anne.martin@example.fr");
    clock_.Advance(3600);
    auto late = accounts_.ResetPassword(*db_, sessions_, (*third)->token, "encore un autre secret");
    ASSERT_FALSE(late.ok());
    EXPECT_EQ(late.error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(accounts_.Login(*db_, "anne.martin@example.fr", "un tout nouveau secret").ok());
}

TEST_F(AccountsTest, LoginUpgradesAHashMadeWithAnOlderCost) {
    long long user = Confirmed(Request());
    Accounts stronger(AccountsConfig{PasswordCost{2, 16 * 1024}, 48 * 3600, 3600}, clock_.clock());
    auto before = store::FindAccountById(*db_, user)->password_hash;
    EXPECT_TRUE(PasswordNeedsRehash(before, stronger.config().password_cost));
    ASSERT_TRUE(stronger.Login(*db_, "anne.martin@example.fr", "un mot de passe solide").ok());
    auto after = store::FindAccountById(*db_, user)->password_hash;
    EXPECT_NE(after, before);
    EXPECT_FALSE(PasswordNeedsRehash(after, stronger.config().password_cost));
    EXPECT_TRUE(accounts_.Login(*db_, "anne.martin@example.fr", "un mot de passe solide").ok());
}

}  // namespace
}  // namespace juo::auth

namespace juo::auth {
namespace {

TEST_F(AccountsTest, LimitedLoginRefusesAfterFiveWrongPasswordsEvenWithTheRightOne) {
    Confirmed(Request());
    LoginRateLimiter limiter(RateLimitConfig{}, clock_.clock());
    for (int i = 0; i < 5; ++i)
        EXPECT_EQ(LimitedLogin(accounts_, limiter, *db_, "anne.martin@example.fr", "mauvais mot de passe",
                               "10.1.1.1")
                      .error()
                      .code,
                  ErrorCode::kUnauthenticated);
    auto blocked = LimitedLogin(accounts_, limiter, *db_, "anne.martin@example.fr", "un mot de passe solide",
                                "10.1.1.2");
    ASSERT_FALSE(blocked.ok());
    EXPECT_EQ(blocked.error().code, ErrorCode::kTooManyRequests);
    EXPECT_NE(blocked.error().message.find("15 minutes"), std::string::npos) << blocked.error().message;
    clock_.Advance(15 * 60);
    EXPECT_TRUE(
        LimitedLogin(accounts_, limiter, *db_, "anne.martin@example.fr", "un mot de passe solide", "10.1.1.2")
            .ok());
    // The success cleared the e-mail's count: four more mistakes are still allowed.
    for (int i = 0; i < 4; ++i)
        EXPECT_EQ(LimitedLogin(accounts_, limiter, *db_, "anne.martin@example.fr", "mauvais mot de passe",
                               "10.1.1.3")
                      .error()
                      .code,
                  ErrorCode::kUnauthenticated);
    EXPECT_TRUE(
        LimitedLogin(accounts_, limiter, *db_, "anne.martin@example.fr", "un mot de passe solide", "10.1.1.3")
            .ok());
    // Unconfirmed accounts (right password) are not counted as failures.
    ASSERT_TRUE(SignUp(Request("new@example.fr")).ok());
    for (int i = 0; i < 6; ++i)
        EXPECT_EQ(LimitedLogin(accounts_, limiter, *db_, "new@example.fr", "un mot de passe solide", "")
                      .error()
                      .code,
                  ErrorCode::kForbidden);
}

}  // namespace
}  // namespace juo::auth
