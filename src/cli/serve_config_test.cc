// Tests of the serve configuration: each source, precedence and every bad value.
#include "cli/serve_config.h"

#include <gtest/gtest.h>

#include <fstream>
#include <string>

namespace juo::cli {
namespace {

TEST(ServeConfig, ParsesListenAddresses) {
    ServeConfig c;
    ASSERT_TRUE(ParseListen("0.0.0.0:9000", &c).ok());
    EXPECT_EQ(c.host, "0.0.0.0");
    EXPECT_EQ(c.port, 9000);
    ASSERT_TRUE(ParseListen("[::1]:8081", &c).ok());
    EXPECT_EQ(c.host, "::1");
    EXPECT_EQ(c.port, 8081);
    ASSERT_TRUE(ParseListen(":0", &c).ok());
    EXPECT_EQ(c.host, "127.0.0.1");
    for (const char* bad : {"8080", "host:", "host:99999", "host:-1", "::1:80", "[::1]8080", "[::1", "h:8o"})
        EXPECT_FALSE(ParseListen(bad, &c).ok()) << bad;
}

TEST(ServeConfig, TomlThenEnvironment) {
    ServeConfig c;
    ASSERT_TRUE(ApplyToml(R"(db = "a.db"
listen = "127.0.0.1:9001"
handler_threads = 4
hash_threads = 3
[map]
tile_url = "https://{s}.tiles.example.org/{z}/{x}/{y}.png"
[limits]
read_timeout_seconds = 30
)",
                          &c)
                    .ok());
    EXPECT_EQ(c.db, "a.db");
    EXPECT_EQ(c.port, 9001);
    EXPECT_EQ(c.handler_threads, 4);
    EXPECT_EQ(c.hash_threads, 3);
    EXPECT_EQ(c.read_timeout_seconds, 30);
    EXPECT_EQ(TileOrigin(c.tile_url), "https://*.tiles.example.org");
    ASSERT_TRUE(
        ApplyEnvironment({{"JUO_DB", "b.db"}, {"JUO_LISTEN", "[::1]:9002"}, {"HOME", "/root"}}, &c).ok());
    EXPECT_EQ(c.db, "b.db");
    EXPECT_EQ(c.host, "::1");
    EXPECT_EQ(c.handler_threads, 4);  // untouched by the environment
    EXPECT_TRUE(ValidateServeConfig(c).ok());
    ASSERT_TRUE(ApplyEnvironment({{"JUO_HASH_THREADS", "1"}}, &c).ok());
    EXPECT_EQ(c.hash_threads, 1);
    EXPECT_FALSE(ApplyEnvironment({{"JUO_HASH_THREADS", "0"}}, &c).ok());
    ServeConfig bad;
    EXPECT_FALSE(ApplyToml("hash_threads = 65\n", &bad).ok());
}

TEST(ServeConfig, QueueBoundsAndTheWaitingRoom) {
    ServeConfig c;
    EXPECT_EQ(c.max_queued_requests, 256);
    EXPECT_EQ(c.booking_max_queue, 4096);
    EXPECT_TRUE(c.waiting_room);
    ASSERT_TRUE(ApplyToml(R"([limits]
max_queued_requests = 0
retry_after_seconds = 10
[bookings]
max_queue = 100
[waiting_room]
enabled = false
rate_per_second = 12.5
engine_queue_threshold = 64
admitted_minutes = 20
refresh_seconds = 10
)",
                          &c)
                    .ok());
    EXPECT_EQ(c.max_queued_requests, 0);
    EXPECT_EQ(c.retry_after_seconds, 10);
    EXPECT_EQ(c.booking_max_queue, 100);
    EXPECT_FALSE(c.waiting_room);
    EXPECT_DOUBLE_EQ(c.waiting_room_rate, 12.5);
    EXPECT_EQ(c.waiting_room_engine_queue, 64);
    EXPECT_EQ(c.waiting_room_admitted_minutes, 20);
    EXPECT_EQ(c.waiting_room_refresh_seconds, 10);
    ASSERT_TRUE(ApplyEnvironment({{"JUO_MAX_QUEUED_REQUESTS", "32"},
                                  {"JUO_BOOKING_MAX_QUEUE", "2000"},
                                  {"JUO_WAITING_ROOM", "1"},
                                  {"JUO_WAITING_ROOM_RATE", "80"},
                                  {"JUO_RETRY_AFTER_SECONDS", "3"},
                                  {"JUO_WAITING_ROOM_ENGINE_QUEUE", "0"}},
                                 &c)
                    .ok());
    EXPECT_EQ(c.max_queued_requests, 32);
    EXPECT_EQ(c.booking_max_queue, 2000);
    EXPECT_TRUE(c.waiting_room);
    EXPECT_DOUBLE_EQ(c.waiting_room_rate, 80);
    EXPECT_EQ(c.retry_after_seconds, 3);
    EXPECT_EQ(c.waiting_room_engine_queue, 0);
    for (const char* bad : {"[bookings]\nmax_queue = 0", "[waiting_room]\nrate_per_second = 0",
                            "[waiting_room]\nrefresh_seconds = 1", "[limits]\nretry_after_seconds = 0"})
        EXPECT_FALSE(ApplyToml(bad, &c).ok()) << bad;
    EXPECT_FALSE(ApplyEnvironment({{"JUO_BOOKING_MAX_QUEUE", "lots"}}, &c).ok());
    EXPECT_FALSE(ApplyEnvironment({{"JUO_WAITING_ROOM", "yes"}}, &c).ok());
    // The rate's variable takes decimals as the file does, within the same bounds.
    ASSERT_TRUE(ApplyEnvironment({{"JUO_WAITING_ROOM_RATE", "0.5"}}, &c).ok());
    EXPECT_DOUBLE_EQ(c.waiting_room_rate, 0.5);
    for (const char* bad : {"0", "0.05", "100001", "5/s", "", "nan"}) {
        auto refused = ApplyEnvironment({{"JUO_WAITING_ROOM_RATE", bad}}, &c);
        ASSERT_FALSE(refused.ok()) << bad;
        EXPECT_NE(refused.error().message.find("JUO_WAITING_ROOM_RATE"), std::string::npos);
    }
    EXPECT_DOUBLE_EQ(c.waiting_room_rate, 0.5);
}

// [block: retention (issue 21)]
TEST(ServeConfig, RetentionMonths) {
    ServeConfig c;
    EXPECT_EQ(c.retention_months, 13);
    ASSERT_TRUE(ApplyToml("[retention]\nmonths = 24\n", &c).ok());
    EXPECT_EQ(c.retention_months, 24);
    ASSERT_TRUE(ApplyEnvironment({{"JUO_RETENTION_MONTHS", "0"}}, &c).ok());
    EXPECT_EQ(c.retention_months, 0) << "0: no daily purge";
    for (const char* bad : {"[retention]\nmonths = -1\n", "[retention]\nmonths = 1201\n",
                            "[retention]\nmonths = \"13\"\n", "[retention]\ndays = 30\n"})
        EXPECT_FALSE(ApplyToml(bad, &c).ok()) << bad;
    EXPECT_FALSE(ApplyEnvironment({{"JUO_RETENTION_MONTHS", "treize"}}, &c).ok());
}
// [end of block: retention]

TEST(ServeConfig, TrustedProxies) {
    ServeConfig c;
    ASSERT_TRUE(ApplyToml("[security]\ntrusted_proxies = [\"127.0.0.1\", \"::1\"]", &c).ok());
    EXPECT_EQ(c.trusted_proxies, (std::vector<std::string>{"127.0.0.1", "::1"}));
    EXPECT_TRUE(ValidateServeConfig(c).ok());
    ASSERT_TRUE(ApplyEnvironment({{"JUO_TRUSTED_PROXIES", " 10.0.0.2 ,10.0.0.3,"}}, &c).ok());
    EXPECT_EQ(c.trusted_proxies, (std::vector<std::string>{"10.0.0.2", "10.0.0.3"}));
    EXPECT_FALSE(ApplyToml("[security]\ntrusted_proxies = \"127.0.0.1\"", &c).ok());  // not a list
    EXPECT_FALSE(ApplyToml("[security]\ntrusted_proxies = [1]", &c).ok());
    ASSERT_TRUE(ApplyEnvironment({{"JUO_TRUSTED_PROXIES", "nginx.local"}}, &c).ok());
    auto invalid = ValidateServeConfig(c);
    ASSERT_FALSE(invalid.ok());
    EXPECT_NE(invalid.error().message.find("nginx.local"), std::string::npos);
}

TEST(ServeConfig, AccountsBookingsAndMail) {
    ServeConfig c;
    ASSERT_TRUE(ApplyToml(R"(io_threads = 2
public_url = "https://juo.example.org"
[mail]
maildir = "/var/mail/juo"
from = "JUO <juo@example.org>"
[security]
secure_cookies = true
secret = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
[bookings]
durable = false
offer_ttl_hours = 48
)",
                          &c)
                    .ok());
    EXPECT_EQ(c.io_threads, 2);
    EXPECT_EQ(c.public_url, "https://juo.example.org");
    EXPECT_EQ(c.maildir, "/var/mail/juo");
    EXPECT_TRUE(c.secure_cookies);
    EXPECT_FALSE(c.durable);
    EXPECT_EQ(c.offer_ttl_hours, 48);
    ASSERT_TRUE(
        ApplyEnvironment(
            {{"JUO_SMTP_URL", "smtp://127.0.0.1:2525"}, {"JUO_SMTP_PASSWORD", "pw"}, {"JUO_DURABLE", "1"}},
            &c)
            .ok());
    EXPECT_TRUE(c.durable);
    EXPECT_EQ(c.smtp_password, "pw");
    EXPECT_TRUE(ValidateServeConfig(c).ok());
    EXPECT_FALSE(ApplyEnvironment({{"JUO_DURABLE", "yes"}}, &c).ok());
    EXPECT_FALSE(ApplyToml("[bookings]\noffer_ttl_hours = 0", &c).ok());
    ServeConfig bad;
    bad.secret_hex = "abc";
    EXPECT_FALSE(ValidateServeConfig(bad).ok());
    bad = ServeConfig{};
    bad.public_url = "juo.example.org";
    EXPECT_FALSE(ValidateServeConfig(bad).ok());
    bad = ServeConfig{};
    bad.smtp_url = "http://mail";
    EXPECT_FALSE(ValidateServeConfig(bad).ok());
}

// Demo mode: off by default; from the file, JUO_DEMO or --demo (cli.cc); refused on PostgreSQL.
TEST(ServeConfig, DemoModeOnlyOnSqlite) {
    ServeConfig c;
    EXPECT_FALSE(c.demo);
    ASSERT_TRUE(ApplyToml("demo = true", &c).ok());
    EXPECT_TRUE(c.demo);
    ASSERT_TRUE(ApplyEnvironment({{"JUO_DEMO", "0"}}, &c).ok());
    EXPECT_FALSE(c.demo);
    ASSERT_TRUE(ApplyEnvironment({{"JUO_DEMO", "1"}}, &c).ok());
    EXPECT_TRUE(c.demo);
    EXPECT_FALSE(ApplyEnvironment({{"JUO_DEMO", "yes"}}, &c).ok());
    EXPECT_FALSE(ApplyToml("demo = \"yes\"", &c).ok());
    c.db = "demo.db";
    EXPECT_TRUE(ValidateServeConfig(c).ok());
    for (std::string url : {"postgresql://juo@db.example.org/juo", "postgres://juo:secret@localhost/juo"}) {
        c.db = url;
        auto refused = ValidateServeConfig(c);
        ASSERT_FALSE(refused.ok()) << url;
        EXPECT_NE(refused.error().message.find("demo mode is for a local SQLite demo"), std::string::npos);
        EXPECT_EQ(refused.error().message.find("secret"), std::string::npos) << "no credentials in the error";
        c.demo = false;
        EXPECT_TRUE(ValidateServeConfig(c).ok());
        c.demo = true;
    }
}

TEST(ServeConfig, RefusesBadValues) {
    ServeConfig c;
    auto e = ApplyToml("db = 3", &c);
    ASSERT_FALSE(e.ok());
    EXPECT_NE(e.error().message.find("'db'"), std::string::npos);
    EXPECT_FALSE(ApplyToml("handler_threads = 0", &c).ok());
    EXPECT_FALSE(ApplyToml("colour = \"blue\"", &c).ok());
    auto syntax = ApplyToml("db = \"x\"\nlisten = ", &c);
    ASSERT_FALSE(syntax.ok());
    EXPECT_NE(syntax.error().message.find("line 2"), std::string::npos);
    EXPECT_FALSE(ApplyEnvironment({{"JUO_HANDLER_THREADS", "many"}}, &c).ok());
    EXPECT_FALSE(ApplyEnvironment({{"JUO_LISTEN", "nope"}}, &c).ok());
    c = ServeConfig{};
    c.tile_url = "ftp://x/{z}/{x}/{y}";
    EXPECT_FALSE(ValidateServeConfig(c).ok());
    c.tile_url = "https://x/tiles.png";
    EXPECT_FALSE(ValidateServeConfig(c).ok());
}

// A key under the wrong section, or misspelt inside one, is refused with its name instead of
// being ignored (TOML puts every key after [waiting_room] into that section).
TEST(ServeConfig, RefusesUnknownKeysInsideSections) {
    ServeConfig c;
    auto misplaced = ApplyToml("[waiting_room]\nenabled = true\ndemo = true", &c);
    ASSERT_FALSE(misplaced.ok());
    EXPECT_NE(misplaced.error().message.find("'waiting_room.demo'"), std::string::npos)
        << misplaced.error().message;
    EXPECT_FALSE(c.demo);
    auto misspelt = ApplyToml("[mail]\nsmtp_password = \"x\"", &c);
    ASSERT_FALSE(misspelt.ok());
    EXPECT_NE(misspelt.error().message.find("'mail.smtp_password'"), std::string::npos);
    auto not_table = ApplyToml("map = 3", &c);
    ASSERT_FALSE(not_table.ok());
    EXPECT_NE(not_table.error().message.find("'map'"), std::string::npos);
    EXPECT_TRUE(ApplyToml("demo = true\n[waiting_room]\nenabled = false", &c).ok());
    EXPECT_TRUE(c.demo);
    EXPECT_FALSE(c.waiting_room);
}

// The sample in serve_config.h's header is the configuration's documentation: it must parse,
// and its values must arrive where it says.
TEST(ServeConfig, TheSampleInThisHeaderParses) {
    std::ifstream header(JUO_SOURCE_DIR "/src/cli/serve_config.h");
    ASSERT_TRUE(header) << "cannot read " JUO_SOURCE_DIR "/src/cli/serve_config.h";
    std::string line, sample;
    bool inside = false;
    while (std::getline(header, line)) {
        if (!inside) {
            inside = line.rfind("//   # juo.toml", 0) == 0;
            continue;
        }
        if (line.rfind("//   ", 0) != 0) break;
        sample += line.substr(5) + "\n";
    }
    ASSERT_GT(sample.size(), 1000u) << sample;
    ServeConfig c;
    auto applied = ApplyToml(sample, &c);
    ASSERT_TRUE(applied.ok()) << applied.error().message << "\n" << sample;
    EXPECT_TRUE(ValidateServeConfig(c).ok());
    EXPECT_EQ(c.static_dir, "build/default/static");
    EXPECT_EQ(c.hash_threads, 1);
    EXPECT_EQ(c.maildir, "/var/lib/juo/mail");
    EXPECT_EQ(c.smtp_url, "smtp://relay.example.fr:587");
    EXPECT_EQ(c.smtp_user, "juo");
    EXPECT_EQ(c.trusted_proxies, (std::vector<std::string>{"127.0.0.1", "::1"}));
    EXPECT_EQ(c.tile_url, ServeConfig{}.tile_url);
    EXPECT_EQ(c.waiting_room_refresh_seconds, 15);
    EXPECT_EQ(c.retention_months, 13);
}

}  // namespace
}  // namespace juo::cli
