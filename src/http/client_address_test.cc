// Tests of the client's address behind trusted proxies (client_address.h).
#include "http/client_address.h"

#include <gtest/gtest.h>

namespace juo::http {
namespace {

const std::vector<std::string> kNginx = {"127.0.0.1", "::1"};

TEST(ClientAddress, APeerThatIsNoTrustedProxyIsTheClientWhateverItsHeadersSay) {
    EXPECT_EQ(ClientAddress("203.0.113.9", "198.51.100.1", kNginx), "203.0.113.9");
    EXPECT_EQ(ClientAddress("203.0.113.9", "", kNginx), "203.0.113.9");
    EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1", {}), "127.0.0.1");  // no proxy trusted
}

TEST(ClientAddress, BehindTheProxyTheClientIsTheAddressItAppended) {
    EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1", kNginx), "198.51.100.1");
    EXPECT_EQ(ClientAddress("::1", " 2001:db8::7 ", kNginx), "2001:db8::7");
    // A client that sends its own X-Forwarded-For cannot choose its address: nginx appends the
    // real one, and only the right-most entries are believed.
    EXPECT_EQ(ClientAddress("127.0.0.1", "10.9.9.9, 198.51.100.1", kNginx), "198.51.100.1");
    // A chain of trusted proxies is walked from the right.
    EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1, 127.0.0.1", kNginx), "198.51.100.1");
    EXPECT_EQ(ClientAddress("127.0.0.1", "::1, 127.0.0.1", kNginx), "::1");
}

TEST(ClientAddress, AnEntryThatIsNoAddressKeepsThePeer) {
    EXPECT_EQ(ClientAddress("127.0.0.1", "unknown", kNginx), "127.0.0.1");
    EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1, evil", kNginx), "127.0.0.1");
    EXPECT_EQ(ClientAddress("127.0.0.1", "198.51.100.1:4444", kNginx), "127.0.0.1");
    EXPECT_EQ(ClientAddress("127.0.0.1", ",", kNginx), "127.0.0.1");
}

TEST(IsIpAddress, LiteralsOnly) {
    EXPECT_TRUE(IsIpAddress("127.0.0.1"));
    EXPECT_TRUE(IsIpAddress("::1"));
    EXPECT_FALSE(IsIpAddress("localhost"));
    EXPECT_FALSE(IsIpAddress("300.1.1.1"));
    EXPECT_FALSE(IsIpAddress(""));
}

}  // namespace
}  // namespace juo::http
