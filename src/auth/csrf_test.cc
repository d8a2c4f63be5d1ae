// Tests of CSRF tokens: per-session tokens and signed anonymous form tokens.
#include "auth/csrf.h"

#include <gtest/gtest.h>

#include "auth/crypto.h"

namespace juo::auth {
namespace {

constexpr long long kNow = 1775030400;

CsrfSigner Signer() { return *CsrfSigner::FromSecret(CsrfSigner::NewSecret()); }

TEST(CsrfTest, SecretMustBe32Bytes) {
    EXPECT_EQ(CsrfSigner::FromSecret("short").error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(CsrfSigner::FromSecret(std::string(33, 'k')).error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(CsrfSigner::FromSecret(std::string(32, 'k')).ok());
    EXPECT_EQ(CsrfSigner::NewSecret().size(), 32u);
}

TEST(CsrfTest, SessionTokenIsTheHmacOfTheSessionUnderTheSecret) {
    CsrfSigner signer = Signer();
    std::string session = NewToken();
    std::string token = signer.SessionToken(session);
    EXPECT_TRUE(IsTokenShaped(token));
    EXPECT_EQ(token, signer.SessionToken(session));  // stable for the session's life
    EXPECT_TRUE(signer.CheckSessionToken(session, token).ok());

    // Another session's token, a forged token, an empty one, another server secret: refused.
    std::string other_session = NewToken();
    auto other = signer.CheckSessionToken(other_session, token);
    ASSERT_FALSE(other.ok());
    EXPECT_EQ(other.error().code, ErrorCode::kForbidden);
    EXPECT_FALSE(other.error().message_fr.empty());
    std::string forged = token;
    forged[5] = forged[5] == 'A' ? 'B' : 'A';
    EXPECT_FALSE(signer.CheckSessionToken(session, forged).ok());
    EXPECT_FALSE(signer.CheckSessionToken(session, "").ok());
    EXPECT_FALSE(signer.CheckSessionToken("", signer.SessionToken("")).ok());
    EXPECT_FALSE(signer.CheckSessionToken(session, token.substr(0, 42)).ok());
    EXPECT_FALSE(Signer().CheckSessionToken(session, token).ok());
    // Same secret, new object (another app server): accepted.
    std::string secret = CsrfSigner::NewSecret();
    EXPECT_TRUE(CsrfSigner::FromSecret(secret)
                    ->CheckSessionToken(session, CsrfSigner::FromSecret(secret)->SessionToken(session))
                    .ok());
}

TEST(CsrfTest, AnonymousTokenExpiresAndIsBoundToItsBinding) {
    CsrfSigner signer = Signer();
    std::string token = signer.AnonymousToken(kNow);
    EXPECT_NE(token, signer.AnonymousToken(kNow));  // a fresh nonce each time
    EXPECT_TRUE(signer.CheckAnonymousToken(token, kNow).ok());
    EXPECT_TRUE(signer.CheckAnonymousToken(token, kNow + CsrfSigner::kAnonymousTtlSeconds - 1).ok());
    auto expired = signer.CheckAnonymousToken(token, kNow + CsrfSigner::kAnonymousTtlSeconds);
    ASSERT_FALSE(expired.ok());
    EXPECT_EQ(expired.error().code, ErrorCode::kForbidden);
    EXPECT_NE(expired.error().message.find("expired"), std::string::npos);

    std::string short_lived = signer.AnonymousToken(kNow, {}, 60);
    EXPECT_TRUE(signer.CheckAnonymousToken(short_lived, kNow + 59).ok());
    EXPECT_FALSE(signer.CheckAnonymousToken(short_lived, kNow + 60).ok());

    std::string bound = signer.AnonymousToken(kNow, "browser-cookie-1");
    EXPECT_TRUE(signer.CheckAnonymousToken(bound, kNow, "browser-cookie-1").ok());
    EXPECT_FALSE(signer.CheckAnonymousToken(bound, kNow, "browser-cookie-2").ok());
    EXPECT_FALSE(signer.CheckAnonymousToken(bound, kNow).ok());
}

TEST(CsrfTest, AnonymousTokenCannotBeForgedOrReused) {
    CsrfSigner signer = Signer();
    std::string token = signer.AnonymousToken(kNow);
    // Pushing the expiry forward breaks the MAC.
    auto raw = *Base64UrlDecode(token);
    raw[0] = static_cast<char>(raw[0] + 1);
    EXPECT_FALSE(signer.CheckAnonymousToken(Base64UrlEncode(raw), kNow).ok());
    EXPECT_FALSE(signer.CheckAnonymousToken("", kNow).ok());
    EXPECT_FALSE(signer.CheckAnonymousToken("not base64 !", kNow).ok());
    EXPECT_FALSE(signer.CheckAnonymousToken(token.substr(0, token.size() - 2), kNow).ok());
    EXPECT_FALSE(Signer().CheckAnonymousToken(token, kNow).ok());
    // A session token is not an anonymous token, and the reverse.
    std::string session = NewToken();
    EXPECT_FALSE(signer.CheckAnonymousToken(signer.SessionToken(session), kNow).ok());
    EXPECT_FALSE(signer.CheckSessionToken(session, token).ok());
}

}  // namespace
}  // namespace juo::auth
