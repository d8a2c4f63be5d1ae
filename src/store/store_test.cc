// Tests of the SQL layer on real SQLite files, and on PostgreSQL when JUO_TEST_PG_URL is set
// (ctest's store_test_postgresql, through tests/pg/with_postgres.sh): opening, migrations,
// repositories, transactions.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

#include "store/audit/audit_log.h"
#include "store/back_office_test_data.h"
#include "store/bookings/booking_repository.h"
#include "store/db/database.h"
#include "store/editions/edition_repository.h"
#include "store/reads/host_queries.h"
#include "store/db/migrations.h"
#include "store/users/session_repository.h"
#include "store/db/dialect.h"
#include "store/sites/site_profile_queries.h"
#include "store/sites/site_repository.h"
#include "store/surveys/survey_queries.h"
#include "store/surveys/survey_repository.h"
#include "store/db/test_database.h"
#include "store/db/wal_checkpointer.h"

namespace juo::store {
namespace {

namespace fs = std::filesystem;

class StoreTest : public ::testing::Test {
 protected:
    std::string Path(const std::string& name) const { return folder_.Path(name); }
    // The database `name` of this test: a file in the test's folder, or a fresh PostgreSQL schema.
    std::string Url(const std::string& name) { return folder_.Url(name); }

    static domain::Edition MakeEdition(int year) {
        domain::Edition e;
        e.year = year;
        e.name = "édition test";
        e.created_at = "2025-01-01T00:00:00Z";
        e.days = {
            {0, std::to_string(year) + "-04-04", {domain::Audience::kSchool, domain::Audience::kJobSeekers}},
            {0, std::to_string(year) + "-04-05", {domain::Audience::kPublic}}};
        return e;
    }

    TestFolder folder_{"juo_store_test"};
};

// The test is about SQLite files or pragmas.
#define JUO_SQLITE_ONLY() \
    if (TestingOnPostgresql()) GTEST_SKIP() << "SQLite only"

TEST_F(StoreTest, ParsesDatabaseUrls) {
    EXPECT_EQ(ParseDatabaseUrl("juo.db")->target, "juo.db");
    EXPECT_EQ(ParseDatabaseUrl("sqlite:///tmp/x.db")->target, "/tmp/x.db");
    EXPECT_EQ(ParseDatabaseUrl("postgresql://u@localhost/juo")->dialect, Dialect::kPostgresql);
    EXPECT_EQ(ParseDatabaseUrl("mysql://x").error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(ParseDatabaseUrl("").error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(RedactedDatabaseUrl("postgresql://juo:secret@127.0.0.1:5432/juo?x=1"),
              "postgresql://juo:***@127.0.0.1:5432/juo?x=1");
    EXPECT_EQ(RedactedDatabaseUrl("postgresql://juo@host/db"), "postgresql://juo@host/db");
    EXPECT_EQ(RedactedDatabaseUrl("/tmp/juo.db"), "/tmp/juo.db");
    EXPECT_EQ(PostgresqlConnectString("postgresql://juo:pw@127.0.0.1:5433/juo?options=-csearch_path%3Dt1").value(),
              "user=juo password=pw dbname=juo host=127.0.0.1 port=5433 options=-csearch_path=t1");
    EXPECT_EQ(PostgresqlConnectString("postgresql://h/db?options=-c%20a%3Db").error().code,
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(PostgresqlConnectString("postgresql://h/db?nonsense=1").error().code, ErrorCode::kInvalidArgument);
    // For pg_dump's command line: everything but the password, which comes apart.
    auto login = SplitPostgresqlPassword("postgresql://juo:s%3Acr%27t@127.0.0.1:5433/juo?application_name=a%20b");
    ASSERT_TRUE(login.ok()) << login.error().message;
    EXPECT_EQ(login->password, "s:cr't");
    EXPECT_EQ(login->conninfo, "user='juo' dbname='juo' host='127.0.0.1' port='5433' application_name='a b'");
    EXPECT_EQ(SplitPostgresqlPassword("postgresql://h/o%27k").value().conninfo, "dbname='o\\'k' host='h'");
    EXPECT_EQ(SplitPostgresqlPassword("postgresql://h/db").value().password, "");
}

TEST_F(StoreTest, CreatesAndMigratesANewDatabase) {
    auto db = Database::Open(Url("a.db"), OpenMode::kCreateIfMissing);
    ASSERT_TRUE(db.ok()) << db.error().message;
    EXPECT_EQ(*CurrentSchemaVersion(**db), LatestSchemaVersion());
    if ((*db)->dialect() == Dialect::kSqlite) {
        std::string mode;
        (*db)->sql() << "PRAGMA journal_mode", soci::into(mode);
        EXPECT_EQ(mode, "wal");
        int fk = 0;
        (*db)->sql() << "PRAGMA foreign_keys", soci::into(fk);
        EXPECT_EQ(fk, 1);
    }
    int audiences = 0;
    (*db)->sql() << "SELECT count(*) FROM audience", soci::into(audiences);
    EXPECT_EQ(audiences, 3);
    // A second open migrates nothing more.
    db->reset();
    auto again = Database::Open(Url("a.db"), OpenMode::kMustExist);
    ASSERT_TRUE(again.ok());
    auto outcome = Migrate(**again);
    EXPECT_EQ(outcome->from_version, outcome->to_version);
}

TEST_F(StoreTest, RefusesMissingAndUnreadableFiles) {
    JUO_SQLITE_ONLY();
    auto missing = Database::Open(Path("none.db"), OpenMode::kMustExist);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("does not exist"), std::string::npos);

    std::ofstream(Path("junk.db"))
        << "this is not a database, just some text that is long enough to matter......";
    auto junk = Database::Open(Path("junk.db"), OpenMode::kMustExist);
    ASSERT_FALSE(junk.ok());
    EXPECT_EQ(junk.error().code, ErrorCode::kUnavailable);

    EXPECT_FALSE(Database::Open(Path("no/such/folder/x.db"), OpenMode::kCreateIfMissing).ok());
    EXPECT_FALSE(Database::Open(folder_.dir().string(), OpenMode::kCreateIfMissing).ok());
}

TEST_F(StoreTest, AnUnreachablePostgresqlServerIsAnErrorWithoutItsPassword) {
    // Port 1 on loopback: nothing listens there.
    auto db = Database::Open("postgresql://juo:secret@127.0.0.1:1/juo?connect_timeout=5", OpenMode::kMustExist);
    ASSERT_FALSE(db.ok());
    EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
    // Issue 21: the error says an incident number; the database's name (password hidden) and
    // libpq's words are in the log line under that number.
    EXPECT_NE(db.error().message.find("incident "), std::string::npos) << db.error().message;
    EXPECT_EQ(db.error().message.find("secret"), std::string::npos);
    EXPECT_EQ(db.error().message.find("127.0.0.1"), std::string::npos);
}

TEST_F(StoreTest, RefusesADatabaseFromANewerJuo) {
    {
        auto db = Database::Open(Url("new.db"), OpenMode::kCreateIfMissing);
        ASSERT_TRUE(db.ok()) << db.error().message;
        (*db)->sql()
            << "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 'x')";
    }
    auto newer = Database::Open(Url("new.db"), OpenMode::kMustExist);
    ASSERT_FALSE(newer.ok());
    EXPECT_EQ(newer.error().code, ErrorCode::kConflict);
    EXPECT_NE(newer.error().message.find("999"), std::string::npos);
}

TEST_F(StoreTest, InsertsAndFindsEditions) {
    auto db = std::move(*Database::Open(Url("e.db"), OpenMode::kCreateIfMissing));
    auto e = MakeEdition(2025);
    e.target_visitors = 20000;
    ASSERT_TRUE(InsertEdition(*db, e).ok());
    EXPECT_GT(e.id, 0);
    auto dup = MakeEdition(2025);
    EXPECT_EQ(InsertEdition(*db, dup).error().code, ErrorCode::kConflict);
    auto found = FindEditionByYear(*db, 2025);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->id, e.id);
    EXPECT_EQ(found->target_visitors, 20000);
    EXPECT_FALSE(found->target_sites.has_value());
    ASSERT_EQ(found->days.size(), 2u);
    EXPECT_EQ(found->days[0].audiences.size(), 2u);
    EXPECT_EQ(found->days[1].audiences[0], domain::Audience::kPublic);
    auto none = FindEditionByYear(*db, 2026);
    ASSERT_FALSE(none.ok());
    EXPECT_EQ(none.error().code, ErrorCode::kNotFound);
    EXPECT_NE(none.error().message.find("2025"), std::string::npos);  // names the editions it has
}

TEST_F(StoreTest, TransactionRollsBackOnError) {
    auto db = std::move(*Database::Open(Url("t.db"), OpenMode::kCreateIfMissing));
    auto result = db->InTransaction<Unit>([&]() -> Result<Unit> {
        auto e = MakeEdition(2025);
        JUO_TRY(InsertEdition(*db, e));
        return MakeError(ErrorCode::kInvalidArgument, "stop here");
    });
    EXPECT_FALSE(result.ok());
    EXPECT_FALSE(FindEditionByYear(*db, 2025).ok());
    // A database exception becomes an error, not a crash.
    auto broken = db->InTransaction<Unit>([&]() -> Result<Unit> {
        db->sql() << "INSERT INTO no_such_table VALUES (1)";
        return Unit{};
    });
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.error().code, ErrorCode::kUnavailable);
}

TEST_F(StoreTest, SitesSessionsBookingsAndCounters) {
    auto db = std::move(*Database::Open(Url("s.db"), OpenMode::kCreateIfMissing));
    auto status = db->InTransaction<Unit>([&]() -> Result<Unit> {
        auto e = MakeEdition(2025);
        JUO_TRY(InsertEdition(*db, e));
        std::vector<domain::Organisation> orgs{{0, "ACME", "", "2025-01-01T00:00:00Z"}};
        InsertOrganisations(*db, orgs);
        domain::Site site;
        site.organisation_id = orgs[0].id;
        site.name = "Usine ACME";
        site.naf_code = "29.10Z";
        site.naf_division = "29";
        site.address = "1 rue de l'Usine";
        site.postcode = "69001";
        site.commune_code = "69123";
        site.commune_name = "Lyon";
        site.department_code = "69";
        site.region_code = "84";
        site.position = {45.76, 4.83};
        site.created_at = "2025-01-01T00:00:00Z";
        std::vector<domain::Site> sites{site};
        JUO_TRY(InsertSites(*db, sites));
        domain::Session s;
        s.edition_id = e.id;
        s.site_id = sites[0].id;
        s.day_date = "2025-04-05";
        s.starts_at = "10:00";
        s.ends_at = "11:30";
        s.capacity_people = 10;
        s.audiences = {domain::Audience::kPublic};
        std::vector<domain::Session> sessions{s};
        JUO_TRY(InsertSessions(*db, sessions));
        std::vector<domain::Booking> bookings(2);
        for (int i = 0; i < 2; ++i) {
            bookings[i].edition_id = e.id;
            bookings[i].session_id = sessions[0].id;
            bookings[i].people = 4;
            bookings[i].ticket_code = "T" + std::to_string(i);
            bookings[i].created_at = "2025-03-01T00:00:00Z";
        }
        InsertBookings(*db, bookings);
        JUO_TRY(RecountSessionCounters(*db, e.id));
        int taken = 0;
        db->sql() << "SELECT places_taken FROM session WHERE id = :id", soci::use(sessions[0].id),
            soci::into(taken);
        EXPECT_EQ(taken, 8);
        std::vector<domain::CheckIn> bad{{0, bookings[0].id, 9, "2025-04-05T08:00:00Z", {}}};
        EXPECT_EQ(InsertCheckIns(*db, bad, bookings).error().code, ErrorCode::kInvalidArgument);
        std::vector<domain::CheckIn> good{{0, bookings[0].id, 3, "2025-04-05T08:00:00Z", {}}};
        JUO_TRY(InsertCheckIns(*db, good, bookings));
        // One more party of 4 overbooks the session: the recount refuses it.
        std::vector<domain::Booking> extra{bookings[0]};
        extra[0].ticket_code = "T9";
        InsertBookings(*db, extra);
        auto recount = RecountSessionCounters(*db, e.id);
        EXPECT_EQ(recount.error().code, ErrorCode::kConflict);
        return Unit{};
    });
    ASSERT_TRUE(status.ok()) << status.error().message;
}

// Two organisers decide one registration at once (two connections: two app servers): the second
// decision waits for the first's commit, then finds the registration decided and writes nothing.
TEST_F(StoreTest, ARegistrationIsDecidedOnceWhenTwoDecideAtOnce) {
    auto first = std::move(*Database::Open(Url("m.db"), OpenMode::kCreateIfMissing));
    auto second = std::move(*Database::Open(Url("m.db"), OpenMode::kMustExist));
    const long long edition = testing::AddEdition(*first, 2025);
    testing::AddParticipation(*first, edition, testing::AddSite(*first, "Usine ACME"),
                              domain::ParticipationStatus::kSubmitted);
    long long participation = 0;
    first->sql() << "SELECT id FROM participation WHERE edition_id = :e", soci::use(edition), soci::into(participation);
    ASSERT_GT(participation, 0);
    Result<bool> refused = false;
    std::atomic<bool> refused_done{false};
    std::thread other;
    auto approved = first->InTransaction<bool>([&]() -> Result<bool> {
        const bool done = DecideParticipation(*first, participation, domain::ParticipationStatus::kApproved, "t1");
        other = std::thread([&] {
            refused = second->InTransaction<bool>([&]() -> Result<bool> {
                return DecideParticipation(*second, participation, domain::ParticipationStatus::kRefused, "t2");
            });
            refused_done = true;
        });
        std::this_thread::sleep_for(std::chrono::milliseconds(300));
        EXPECT_FALSE(refused_done.load());  // it waits for this commit (the row's lock, SQLite's write lock)
        return done;
    });
    other.join();
    ASSERT_TRUE(approved.ok()) << approved.error().message;
    EXPECT_TRUE(*approved);
    ASSERT_TRUE(refused.ok()) << refused.error().message;
    EXPECT_FALSE(*refused);
    std::string status;
    first->sql() << "SELECT status FROM participation WHERE id = :id", soci::use(participation), soci::into(status);
    EXPECT_EQ(status, "approved");
}

// A profile's version read for a change (SaveProfile) waits for another server's save of the same
// site to commit, then sees it: two saves from one version cannot both pass the version check.
TEST_F(StoreTest, AProfileVersionReadForAChangeWaitsForAnotherServersSave) {
    auto first = std::move(*Database::Open(Url("p.db"), OpenMode::kCreateIfMissing));
    auto second = std::move(*Database::Open(Url("p.db"), OpenMode::kMustExist));
    const long long site = testing::AddSite(*first, "Usine ACME");
    auto read = [&] {
        return first->InTransaction<std::string>([&]() -> Result<std::string> {
            auto v = LockedSiteProfileVersion(*first, site);
            if (!v) return MakeError(ErrorCode::kNotFound, "no site");
            return *v;
        });
    };
    const auto before = read();
    ASSERT_TRUE(before.ok()) << before.error().message;
    EXPECT_EQ(before->size(), 16u);
    EXPECT_FALSE(first->InTransaction<bool>([&]() -> Result<bool> {
                          return LockedSiteProfileVersion(*first, 999999).has_value();
                      }).value());
    second->sql() << std::string(BeginWriteTransaction(second->dialect()));
    second->sql() << "UPDATE site SET description = 'Nouvelle description' WHERE id = :s", soci::use(site);
    std::atomic<bool> done{false};
    Result<std::string> during = MakeError(ErrorCode::kInternal, "not run");
    std::thread reading([&] {
        during = read();
        done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const bool waited = !done.load();
    second->sql() << "COMMIT";
    reading.join();
    EXPECT_TRUE(waited);  // for the other save's commit
    ASSERT_TRUE(during.ok()) << during.error().message;
    EXPECT_NE(*during, *before);  // and it sees that save
}

TEST_F(StoreTest, InvalidSiteIsRefused) {
    auto db = std::move(*Database::Open(Url("v.db"), OpenMode::kCreateIfMissing));
    auto result = db->InTransaction<Unit>([&]() -> Result<Unit> {
        std::vector<domain::Organisation> orgs{{0, "ACME", "", "x"}};
        InsertOrganisations(*db, orgs);
        std::vector<domain::Site> sites(1);
        sites[0].organisation_id = orgs[0].id;
        sites[0].name = "Bad";
        sites[0].naf_code = "bad";
        JUO_TRY(InsertSites(*db, sites));
        return Unit{};
    });
    ASSERT_FALSE(result.ok());
    int orgs = -1;
    db->sql() << "SELECT count(*) FROM organisation", soci::into(orgs);
    EXPECT_EQ(orgs, 0);  // nothing half-applied
}

TEST_F(StoreTest, AuditLogKeepsEntries) {
    auto db = std::move(*Database::Open(Url("a.db"), OpenMode::kCreateIfMissing));
    domain::AuditEntry entry;
    entry.actor_label = "system:test";
    entry.action = "edition.create";
    entry.entity = "edition";
    entry.entity_id = 1;
    AppendAudit(*db, entry);
    auto latest = LatestAudit(*db, 10);
    ASSERT_EQ(latest.size(), 1u);
    EXPECT_EQ(latest[0].action, "edition.create");
    EXPECT_EQ(latest[0].entity_id, 1);
    EXPECT_FALSE(latest[0].at.empty());
}

TEST_F(StoreTest, AuditLogFiltersByActionEntityAndActorAndPages) {
    auto db = std::move(*Database::Open(Url("f.db"), OpenMode::kCreateIfMissing));
    auto add = [&](std::string label, std::string action, std::string entity) {
        domain::AuditEntry e;
        e.actor_label = std::move(label);
        e.action = std::move(action);
        e.entity = std::move(entity);
        AppendAudit(*db, e);
    };
    add("user:1", "booking.create", "booking");
    add("user:2", "booking.cancel", "booking");
    add("import", "media_mention.import", "media_mention");
    add("user:1", "waitlist.join", "waitlist_entry");
    auto actions = [](const std::vector<domain::AuditEntry>& v) {
        std::vector<std::string> out;
        for (const auto& e : v) out.push_back(e.action);
        return out;
    };
    AuditFilter f;
    EXPECT_EQ(FindAudit(*db, f).size(), 4u);
    f.action_prefix = "booking.";
    EXPECT_EQ(actions(FindAudit(*db, f)), (std::vector<std::string>{"booking.cancel", "booking.create"}));
    f = {};
    f.entity = "media_mention";
    EXPECT_EQ(actions(FindAudit(*db, f)), (std::vector<std::string>{"media_mention.import"}));
    f = {};
    f.actor = "user:1";
    EXPECT_EQ(actions(FindAudit(*db, f)), (std::vector<std::string>{"waitlist.join", "booking.create"}));
    f = {};
    f.limit = 2;
    f.offset = 2;
    EXPECT_EQ(actions(FindAudit(*db, f)), (std::vector<std::string>{"booking.cancel", "booking.create"}));
    f = {};
    f.action_prefix = "%";  // a LIKE wildcard typed in the filter matches as LIKE does; nothing breaks
    EXPECT_EQ(FindAudit(*db, f).size(), 4u);
}

TEST_F(StoreTest, ADraftSurveyIsMarkedSentOnce) {
    auto db = std::move(*Database::Open(Url("s.db"), OpenMode::kCreateIfMissing));
    auto edition = MakeEdition(2025);
    ASSERT_TRUE(InsertEdition(*db, edition).ok());
    domain::Survey survey;
    survey.edition_id = edition.id;
    survey.title = "Bilan";
    survey.status = "draft";
    std::vector<domain::SurveyQuestion> questions(1);
    questions[0].position = 1;
    questions[0].text_fr = "Satisfait ?";
    InsertSurvey(*db, survey, questions);
    ASSERT_EQ(FindSurvey(*db, survey.id)->survey.status, "draft");
    EXPECT_TRUE(MarkSurveySent(*db, survey.id, "2025-04-01T08:00:00Z"));
    auto sent = FindSurvey(*db, survey.id);
    EXPECT_EQ(sent->survey.status, "sent");
    EXPECT_EQ(sent->survey.sent_at, "2025-04-01T08:00:00Z");
    EXPECT_FALSE(MarkSurveySent(*db, survey.id, "2025-04-02T08:00:00Z"));  // sent already
    EXPECT_EQ(FindSurvey(*db, survey.id)->survey.sent_at, "2025-04-01T08:00:00Z");
    EXPECT_FALSE(MarkSurveySent(*db, survey.id + 1, "2025-04-02T08:00:00Z"));
}

TEST_F(StoreTest, CheckpointerCopiesTheLogIntoTheFileOnlyAfterCommits) {
    JUO_SQLITE_ONLY();
    const std::string path = Path("wal.db");
    auto db = std::move(*Database::Open(path, OpenMode::kCreateIfMissing));
    db->sql() << "PRAGMA wal_autocheckpoint = 0";  // as the booking writer
    db->sql() << "CREATE TABLE blob_rows (x BLOB)";
    const std::string blob(10000, 'x');
    for (int i = 0; i < 100; ++i) db->sql() << "INSERT INTO blob_rows (x) VALUES (:x)", soci::use(blob);
    const auto before = fs::file_size(path);  // the rows are in the log, not in the file yet

    WalCheckpointer checkpointer(path, std::chrono::milliseconds(10));
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    EXPECT_EQ(checkpointer.checkpoints(), 0);  // nothing noted: idle
    EXPECT_EQ(fs::file_size(path), before);

    checkpointer.Note();
    for (int i = 0; i < 500 && checkpointer.checkpoints() == 0; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    EXPECT_EQ(checkpointer.checkpoints(), 1);  // one per note, however many rounds pass
    EXPECT_GE(fs::file_size(path), before + 1'000'000);
}

// Deferred entries are written many rows per statement (rows_insert.h), past one statement's
// rows, with NULLs, quotes and accents intact, in the order they were added; forgotten ones not.
TEST_F(StoreTest, DeferredAuditEntriesAreWrittenTogetherInOrder) {
    auto db = std::move(*Database::Open(Url("d.db"), OpenMode::kCreateIfMissing));
    AuditWriter writer(*db);
    constexpr int kRows = 1203;
    for (int i = 0; i < kRows; ++i) {
        domain::AuditEntry e;
        e.at = "2026-11-29T10:00:00Z";
        e.actor_label = "l'usine « n°" + std::to_string(i) + " »";
        e.action = "test.defer";
        e.entity = "row";
        if (i % 2 == 0) e.entity_id = i;
        e.detail = i % 5 == 0 ? "" : "détail; DROP TABLE x; '" + std::to_string(i);
        writer.Defer(e);
    }
    EXPECT_EQ(writer.deferred(), static_cast<size_t>(kRows));
    writer.ForgetDeferred(kRows - 3);
    EXPECT_EQ(writer.deferred(), static_cast<size_t>(kRows - 3));
    auto written = db->InTransaction<Unit>([&]() -> Result<Unit> {
        writer.WriteDeferred();
        return Unit{};
    });
    ASSERT_TRUE(written.ok()) << written.error().message;
    EXPECT_EQ(writer.deferred(), 0u);
    auto latest = LatestAudit(*db, kRows);
    ASSERT_EQ(latest.size(), static_cast<size_t>(kRows - 3));
    for (size_t k = 0; k < latest.size(); ++k) {
        const int i = kRows - 4 - static_cast<int>(k);  // newest first
        const auto& e = latest[k];
        EXPECT_EQ(e.actor_label, "l'usine « n°" + std::to_string(i) + " »");
        EXPECT_FALSE(e.actor_user_id.has_value());
        EXPECT_EQ(e.entity_id, i % 2 == 0 ? std::optional<long long>(i) : std::nullopt);
        EXPECT_EQ(e.detail, i % 5 == 0 ? "" : "détail; DROP TABLE x; '" + std::to_string(i));
        if (::testing::Test::HasFailure()) break;
    }
}

TEST_F(StoreTest, LastInsertIdIsThisTablesNewRow) {
    auto db = std::move(*Database::Open(Url("i.db"), OpenMode::kCreateIfMissing));
    db->sql() << "INSERT INTO organisation (name, created_at) VALUES ('A', 'x')";
    const long long first = db->LastInsertId("organisation");
    db->sql() << "INSERT INTO organisation (name, created_at) VALUES ('B', 'x')";
    const long long second = db->LastInsertId("organisation");
    EXPECT_GT(first, 0);
    EXPECT_EQ(second, first + 1);
    std::string name;
    db->sql() << "SELECT name FROM organisation WHERE id = :id", soci::use(second), soci::into(name);
    EXPECT_EQ(name, "B");
}

TEST_F(StoreTest, AFailedStatementRollsBackItsTransactionWithAClearError) {
    auto db = std::move(*Database::Open(Url("u.db"), OpenMode::kCreateIfMissing));
    auto e = MakeEdition(2025);
    ASSERT_TRUE(InsertEdition(*db, e).ok());
    // The UNIQUE (year) constraint, hit behind the repository's back: kUnavailable on both
    // dialects, and the transaction's earlier insert is gone.
    auto duplicate = db->InTransaction<Unit>([&]() -> Result<Unit> {
        db->sql() << "INSERT INTO organisation (name, created_at) VALUES ('A', 'x')";
        db->sql() << "INSERT INTO edition (year, name, created_at) VALUES (2025, 'again', 'x')";
        return Unit{};
    });
    ASSERT_FALSE(duplicate.ok());
    EXPECT_EQ(duplicate.error().code, ErrorCode::kUnavailable);
    // Issue 21: no database text in the error (a response may show it): an incident number only,
    // the details (SQLSTATE, the database's name) in the log.
    EXPECT_EQ(duplicate.error().message.find(db->display_name()), std::string::npos) << duplicate.error().message;
    EXPECT_NE(duplicate.error().message.find("incident "), std::string::npos) << duplicate.error().message;
    EXPECT_NE(duplicate.error().message_fr.find("incident "), std::string::npos);
    for (const char* leak : {"[23505]", "edition", "UNIQUE", "INSERT", "constraint"}) {
        EXPECT_EQ(duplicate.error().message.find(leak), std::string::npos) << leak;
        EXPECT_EQ(duplicate.error().message_fr.find(leak), std::string::npos) << leak;
    }
    if (TestingOnPostgresql())
        EXPECT_EQ(duplicate.error().message.find(TestPostgresqlUrl()), std::string::npos);  // no password
    int organisations = -1;
    db->sql() << "SELECT count(*) FROM organisation", soci::into(organisations);
    EXPECT_EQ(organisations, 0);
    // The connection is usable after the failure.
    EXPECT_TRUE(FindEditionByYear(*db, 2025).ok());
}

}  // namespace
}  // namespace juo::store
