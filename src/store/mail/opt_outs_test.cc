// The bulk e-mail opt-outs (migration 0012): recorded once per address and list, read back, and
// the "not opted out" condition the reminder query uses. On SQLite, and on PostgreSQL with
// JUO_TEST_PG_URL (mail_opt_outs_test_postgresql).
#include "store/mail/opt_outs.h"

#include <gtest/gtest.h>

#include "store/db/test_database.h"

namespace juo::store {
namespace {

TEST(MailOptOuts, RecordedOncePerAddressAndList) {
    TestFolder folder("juo_mail_opt_outs_test");
    auto db = std::move(*Database::Open(folder.Url("o.db"), OpenMode::kCreateIfMissing));
    auto first = db->InTransaction<bool>([&]() -> Result<bool> {
        return RecordOptOut(*db, "famille@example.org", "reminder", "2026-01-01T00:00:00Z");
    });
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_TRUE(*first);
    auto again = db->InTransaction<bool>([&]() -> Result<bool> {
        return RecordOptOut(*db, "famille@example.org", "reminder", "2026-01-02T00:00:00Z");
    });
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(*again);  // a second click changes nothing
    EXPECT_TRUE(HasOptedOut(*db, "famille@example.org", "reminder"));
    EXPECT_FALSE(HasOptedOut(*db, "famille@example.org", "survey"));  // per list
    EXPECT_FALSE(HasOptedOut(*db, "autre@example.org", "reminder"));
    EXPECT_EQ(OptedOutAddresses(*db, "reminder"), std::set<std::string>{"famille@example.org"});
    EXPECT_TRUE(OptedOutAddresses(*db, "survey").empty());
    // An unknown list is refused by the table itself.
    auto bad = db->InTransaction<bool>([&]() -> Result<bool> {
        return RecordOptOut(*db, "famille@example.org", "news", "2026-01-01T00:00:00Z");
    });
    EXPECT_FALSE(bad.ok());
    // The condition compares in lower case.
    long long n = -1;
    db->sql() << "SELECT count(*) FROM (SELECT 'Famille@Example.org' AS email UNION ALL SELECT 'x@example.org') u "
                 "WHERE " + NotOptedOutSql("u.email", "reminder"),
        soci::into(n);
    EXPECT_EQ(n, 1);
}

}  // namespace
}  // namespace juo::store
