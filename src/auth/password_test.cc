// Tests of password rules and argon2id hashing, e-mail normalisation and the crypto helpers.
#include "auth/password.h"

#include <gtest/gtest.h>

#include "auth/crypto.h"
#include "auth/email.h"

namespace juo::auth {
namespace {

TEST(PasswordTest, RulesOnLength) {
    EXPECT_EQ(CheckPasswordRules("short").error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(CheckPasswordRules("123456789").error().message_fr.find("au moins 10"), std::string::npos);
    EXPECT_TRUE(CheckPasswordRules("1234567890").ok());
    EXPECT_TRUE(CheckPasswordRules(std::string(128, 'x')).ok());
    auto too_long = CheckPasswordRules(std::string(129, 'x'));
    ASSERT_FALSE(too_long.ok());
    EXPECT_NE(too_long.error().message.find("128"), std::string::npos);
    EXPECT_FALSE(too_long.error().message_fr.empty());
}

TEST(PasswordTest, HashAndVerify) {
    auto hash = HashPassword("correct horse battery", PasswordCost::ForTests());
    ASSERT_TRUE(hash.ok());
    EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
    EXPECT_TRUE(VerifyPassword(*hash, "correct horse battery"));
    EXPECT_FALSE(VerifyPassword(*hash, "correct horse batterY"));
    EXPECT_FALSE(VerifyPassword(*hash, ""));
    EXPECT_FALSE(VerifyPassword("", "correct horse battery"));
    EXPECT_FALSE(VerifyPassword("$argon2id$garbage", "correct horse battery"));
    // A random salt: the same password hashes differently.
    EXPECT_NE(*hash, *HashPassword("correct horse battery", PasswordCost::ForTests()));
    EXPECT_EQ(HashPassword("tiny", PasswordCost::ForTests()).error().code, ErrorCode::kInvalidArgument);
}

TEST(PasswordTest, ProductionCostIsInteractiveAndNeedsRehashDetectsCheapHashes) {
    PasswordCost interactive = PasswordCost::Interactive();
    EXPECT_EQ(interactive.memlimit, 64u * 1024 * 1024);
    EXPECT_EQ(interactive.opslimit, 2u);
    auto strong = HashPassword("a real password", interactive);
    ASSERT_TRUE(strong.ok());
    EXPECT_NE(strong->find("m=65536,t=2"), std::string::npos) << *strong;
    EXPECT_TRUE(VerifyPassword(*strong, "a real password"));
    auto cheap = HashPassword("a real password", PasswordCost::ForTests());
    EXPECT_TRUE(PasswordNeedsRehash(*cheap, interactive));
    EXPECT_FALSE(PasswordNeedsRehash(*strong, interactive));
    EXPECT_TRUE(PasswordNeedsRehash("", interactive));
}

TEST(EmailTest, NormalisesAndValidates) {
    EXPECT_EQ(*NormaliseEmail("  Anne.Martin@Example.FR \t"), "anne.martin@example.fr");
    EXPECT_EQ(*NormaliseEmail("x@y.fr"), "x@y.fr");
    for (const char* bad : {"", "   ", "anne", "anne@", "@example.fr", "anne@example", "anne@@example.fr",
                            "an ne@example.fr", "anne@example.fr.", "a@b@c.fr"}) {
        auto r = NormaliseEmail(bad);
        ASSERT_FALSE(r.ok()) << bad;
        EXPECT_EQ(r.error().code, ErrorCode::kInvalidArgument);
        EXPECT_FALSE(r.error().message_fr.empty());
    }
    EXPECT_FALSE(NormaliseEmail("anne\x01@example.fr").ok());
    EXPECT_FALSE(NormaliseEmail(std::string(65, 'a') + "@example.fr").ok());
    EXPECT_TRUE(NormaliseEmail(std::string(64, 'a') + "@example.fr").ok());
    EXPECT_FALSE(NormaliseEmail("a@" + std::string(250, 'b') + ".fr").ok());
}

TEST(CryptoTest, TokensBase64AndHashes) {
    std::string token = NewToken();
    EXPECT_EQ(token.size(), kTokenTextLength);
    EXPECT_TRUE(IsTokenShaped(token));
    EXPECT_NE(token, NewToken());
    EXPECT_FALSE(IsTokenShaped(token.substr(1)));
    EXPECT_FALSE(IsTokenShaped(token.substr(1) + "="));
    EXPECT_EQ(Base64UrlDecode(token)->size(), kTokenBytes);
    EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
    EXPECT_EQ(*Base64UrlDecode("-_8"), "\xfb\xff");
    EXPECT_FALSE(Base64UrlDecode("ab+c").has_value());
    EXPECT_FALSE(Base64UrlDecode("a").has_value());
    // FIPS 180-2 test vector.
    EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    EXPECT_TRUE(ConstantTimeEquals("same", "same"));
    EXPECT_FALSE(ConstantTimeEquals("same", "sane"));
    EXPECT_FALSE(ConstantTimeEquals("same", "same!"));
}

}  // namespace
}  // namespace juo::auth
