// Tests of the account steps: each writes its e-mail to the outbox in its own transaction (the
// link from the outbox confirms the address or sets the new password), and an unknown address
// asks for a reset without any e-mail. On a new SQLite file (or a PostgreSQL schema).
#include "services/accounts.h"

#include <gtest/gtest.h>
#include <soci/soci.h>

#include "services/account_emails.h"
#include "store/db/connection_per_thread.h"
#include "store/db/test_database.h"

namespace juo::services {
namespace {

class AccountsTest : public ::testing::Test {
 protected:
    void SetUp() override {
        url_ = folder_.Url("accounts.db");
        ASSERT_TRUE(store::Database::Open(url_, store::OpenMode::kCreateIfMissing).ok());
        connections_ = std::make_unique<Connections>(url_);
    }
    // The outbox's messages of `kind`: {to_address, body_text}.
    std::vector<std::pair<std::string, std::string>> Outbox(const std::string& kind) {
        auto db = ThreadDb(*connections_);
        std::vector<std::pair<std::string, std::string>> out;
        soci::rowset<soci::row> rows =
            ((*db)->sql().prepare
                 << "SELECT to_address, body_text FROM email_outbox WHERE kind = :k ORDER BY id",
             soci::use(kind));
        for (const auto& r : rows) out.emplace_back(r.get<std::string>(0), r.get<std::string>(1));
        return out;
    }
    // The token of the link (after "jeton=") in an e-mail's body.
    static std::string LinkToken(const std::string& body) {
        auto at = body.find("jeton=") + 6;
        return body.substr(at, body.find('\n', at) - at);
    }

    store::TestFolder folder_{"juo_services_accounts"};
    std::string url_;
    std::unique_ptr<Connections> connections_;
    auth::Accounts accounts_{auth::AccountsConfig{auth::PasswordCost::ForTests()}};
    auth::SessionStore sessions_;
};

TEST_F(AccountsTest, SignUpMailsTheLinkThatConfirmsTheAddress) {
    auto token = SignUpAndMailConfirmation(
        *connections_, accounts_,
        {"Ada@Example.org", "Ada", "un long mot de passe", domain::Role::kVisitor, "en"}, "https://juo.test");
    ASSERT_TRUE(token.ok()) << token.error().message;
    auto mails = Outbox("account.confirm");
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].first, "ada@example.org");
    EXPECT_NE(mails[0].second.find("https://juo.test/compte/confirmation?jeton=" + token->token),
              std::string::npos);
    EXPECT_EQ(mails[0].second.rfind("Hello Ada", 0), 0u);  // English first
    auto user = ConfirmAddress(*connections_, accounts_, LinkToken(mails[0].second));
    ASSERT_TRUE(user.ok()) << user.error().message;
    EXPECT_EQ(*user, token->user_id);
    EXPECT_EQ(ConfirmAddress(*connections_, accounts_, LinkToken(mails[0].second)).error().code,
              ErrorCode::kConflict);
}

TEST_F(AccountsTest, ResetMailsALinkOnlyForAnAccount) {
    auto unknown = MailPasswordReset(*connections_, accounts_, "nobody@example.org", "https://juo.test");
    ASSERT_TRUE(unknown.ok());
    EXPECT_FALSE(*unknown);
    EXPECT_TRUE(Outbox("account.reset").empty());

    auto token = SignUpAndMailConfirmation(
        *connections_, accounts_,
        {"bob@example.org", "Bob", "un long mot de passe", domain::Role::kVisitor, "fr"}, "https://juo.test");
    ASSERT_TRUE(token.ok());
    auto sent = MailPasswordReset(*connections_, accounts_, "bob@example.org", "https://juo.test");
    ASSERT_TRUE(sent.ok());
    EXPECT_TRUE(*sent);
    auto mails = Outbox("account.reset");
    ASSERT_EQ(mails.size(), 1u);
    EXPECT_EQ(mails[0].second.rfind("Bonjour Bob", 0), 0u);  // French first
    EXPECT_NE(mails[0].second.find("https://juo.test/compte/nouveau-mot-de-passe?jeton="), std::string::npos);
    auto user = ResetPassword(*connections_, accounts_, sessions_, LinkToken(mails[0].second),
                              "un tout nouveau secret");
    ASSERT_TRUE(user.ok()) << user.error().message;
    EXPECT_EQ(*user, token->user_id);
}

TEST(AccountEmailsTest, TheAccountsLanguageComesFirst) {
    auth::EmailedToken t{7, "c@example.org", "Chloé", "fr", "abc"};
    auto fr = ConfirmAddressEmail(t, "https://x");
    EXPECT_EQ(fr.kind, "account.confirm");
    EXPECT_EQ(fr.to_address, "c@example.org");
    EXPECT_EQ(fr.subject, "Confirmez votre adresse e-mail");
    t.locale = "en";
    auto en = ResetPasswordEmail(t, "https://x");
    EXPECT_EQ(en.kind, "account.reset");
    EXPECT_EQ(en.subject, "New password");
    EXPECT_NE(en.body_text.find("https://x/compte/nouveau-mot-de-passe?jeton=abc"), std::string::npos);
}

}  // namespace
}  // namespace juo::services
