// Tests of `juo copy-db`'s store part: the foreign-key order (pure), SameDatabase, and copies
// SQLite file → the test database (a SQLite file, or a PostgreSQL schema when JUO_TEST_PG_URL is
// set: database_copy_test_postgresql) → a new SQLite file, with the refusals and the rollback.
#include "store/db/database_copy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "store/db/database.h"
#include "store/db/migrations.h"
#include "store/db/test_database.h"

namespace juo::store {
namespace {

namespace fs = std::filesystem;

TEST(OrderForForeignKeysTest, PutsEveryTableAfterTheTablesItReferences) {
    // booking → session → site → organisation; booking → app_user; ties keep the given order.
    const std::vector<std::string> tables = {"booking", "app_user", "session", "site", "organisation", "audience"};
    const std::vector<ForeignKey> keys = {{"booking", "session_id", "session"},
                                          {"booking", "user_id", "app_user"},
                                          {"session", "site_id", "site"},
                                          {"site", "organisation_id", "organisation"},
                                          {"app_user", "organisation_id", "organisation"},
                                          {"site", "audience", "not_listed"}};
    auto order = OrderForForeignKeys(tables, keys);
    ASSERT_TRUE(order.ok()) << order.error().message;
    EXPECT_EQ(*order, (std::vector<std::string>{"organisation", "app_user", "site", "session", "booking", "audience"}));
}

TEST(OrderForForeignKeysTest, LeavesSelfReferencesOutAndNamesACycle) {
    auto self = OrderForForeignKeys({"node", "tree"}, {{"node", "parent_id", "node"}, {"node", "tree_id", "tree"}});
    ASSERT_TRUE(self.ok()) << self.error().message;
    EXPECT_EQ(*self, (std::vector<std::string>{"tree", "node"}));

    auto cycle = OrderForForeignKeys({"a", "b", "c", "d"},
                                     {{"a", "b_id", "b"}, {"b", "c_id", "c"}, {"c", "b_id", "b"}, {"d", "a_id", "a"}});
    ASSERT_FALSE(cycle.ok());
    EXPECT_EQ(cycle.error().code, ErrorCode::kInvalidArgument);
    EXPECT_NE(cycle.error().message.find("b → c → b"), std::string::npos) << cycle.error().message;
}

// `result` failed with `code`, saying `text`.
template <typename T>
void ExpectRefused(const Result<T>& result, ErrorCode code, const std::string& text) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, code) << result.error().message;
    EXPECT_NE(result.error().message.find(text), std::string::npos) << result.error().message;
}

class DatabaseCopyTest : public ::testing::Test {
 protected:
    std::string Path(const std::string& name) const { return folder_.Path(name); }
    std::string Url(const std::string& name) { return folder_.Url(name); }
    static std::unique_ptr<Database> Open(const std::string& url) {
        auto db = Database::Open(url, OpenMode::kCreateIfMissing);
        EXPECT_TRUE(db.ok()) << db.error().message;
        return db.ok() ? std::move(*db) : nullptr;
    }
    static long long Count(Database& db, const std::string& table) {
        long long n = 0;
        db.sql() << "SELECT count(*) FROM " + table, soci::into(n);
        return n;
    }

    // A JUO database with rows whose copy can go wrong: explicit ids that are not 1, 2, 3; text
    // with tabs, newlines, backslashes, quotes and accents; a double that prints with 17 digits;
    // NULLs; a 64-bit integer; a site that references a file (stored_file comes after site by
    // name, before it by foreign key).
    static void FillSource(Database& db) {
        const std::string awkward = "Tab\there, \"quotes\", 'apostrophe', back\\slash\\N, new\nline\r, Zoë ✓";
        const double latitude = 0.1 + 0.2;
        db.sql() << "INSERT INTO edition (id, year, name, status, created_at) VALUES (7, 2025, 'Édition', 'open', "
                    "'2025-01-01T00:00:00Z')";
        db.sql() << "INSERT INTO organisation (id, name, siret, created_at) VALUES (3, :n, NULL, '2025-01-02')",
            soci::use(awkward);
        db.sql() << "INSERT INTO app_user (id, email, display_name, organisation_id, created_at) VALUES "
                    "(11, 'a@example.org', 'Zoë', 3, '2025-01-03')";
        db.sql() << "INSERT INTO stored_file (id, sha256, mime_type, size_bytes, content_base64, uploaded_by, "
                    "created_at) VALUES (5, 'abc', 'image/png', 3, 'AAEC', 11, '2025-01-04')";
        db.sql() << "INSERT INTO site (id, organisation_id, name, naf_code, naf_division, address, postcode, "
                    "commune_code, commune_name, department_code, region_code, latitude, longitude, photo_file_id, "
                    "created_at) VALUES (2, 3, 'Usine', '10.71A', '10', '1 rue', '69001', '69381', 'Lyon', '69', "
                    "'84', :lat, -4.5, 5, '2025-01-05')",
            soci::use(latitude);
        db.sql() << "INSERT INTO audit_log (id, at, actor_label, action, entity, entity_id) VALUES "
                    "(9, '2025-01-06', 'system', 'test', 'site', 1099511627776)";
    }

    // Every value FillSource wrote, read back.
    static void ExpectFilled(Database& db) {
        std::string name;
        soci::indicator siret = soci::i_ok;
        std::string siret_value;
        db.sql() << "SELECT name, siret FROM organisation WHERE id = 3", soci::into(name), soci::into(siret_value, siret);
        EXPECT_EQ(name, "Tab\there, \"quotes\", 'apostrophe', back\\slash\\N, new\nline\r, Zoë ✓");
        EXPECT_EQ(siret, soci::i_null);
        double latitude = 0, longitude = 0;
        long long photo = 0;
        db.sql() << "SELECT latitude, longitude, photo_file_id FROM site WHERE id = 2", soci::into(latitude),
            soci::into(longitude), soci::into(photo);
        EXPECT_EQ(latitude, 0.1 + 0.2);  // exactly: the last bit too
        EXPECT_EQ(longitude, -4.5);
        EXPECT_EQ(photo, 5);
        long long entity = 0;
        db.sql() << "SELECT entity_id FROM audit_log WHERE id = 9", soci::into(entity);
        EXPECT_EQ(entity, 1099511627776LL);
        long long uploader = 0;
        db.sql() << "SELECT uploaded_by FROM stored_file WHERE id = 5", soci::into(uploader);
        EXPECT_EQ(uploader, 11);
        EXPECT_EQ(Count(db, "edition"), 1);
        EXPECT_EQ(Count(db, "audience"), 3);
        EXPECT_EQ(Count(db, "schema_migrations"), LatestSchemaVersion());
    }

    TestFolder folder_{"juo_copy_test"};
};

TEST_F(DatabaseCopyTest, CopiesThereAndBackKeepingIdsNullsAndTypes) {
    auto source = Open(Path("source.db"));
    ASSERT_TRUE(source);
    FillSource(*source);
    source.reset();

    std::vector<std::string> progressed;
    auto there = CopyDatabase(Path("source.db"), Url("copy"), [&](const std::string& table, long long n, long long total) {
        if (n == total) progressed.push_back(table);
    });
    ASSERT_TRUE(there.ok()) << there.error().message;
    EXPECT_EQ(there->rows, 6 + 3 + LatestSchemaVersion());
    EXPECT_EQ(there->schema_version, LatestSchemaVersion());
    EXPECT_EQ(progressed.size(), there->tables.size());
    auto position = [&](const std::string& t) {
        return std::find_if(there->tables.begin(), there->tables.end(), [&](const CopiedTable& c) { return c.name == t; }) -
               there->tables.begin();
    };
    EXPECT_LT(position("stored_file"), position("site"));
    EXPECT_LT(position("app_user"), position("stored_file"));

    auto copy = Open(Url("copy"));
    ASSERT_TRUE(copy);
    ExpectFilled(*copy);
    // The next ordinary insert takes the id after the largest (PostgreSQL: the sequence was set).
    copy->sql() << "INSERT INTO organisation (name, created_at) VALUES ('next', '2025-02-01')";
    EXPECT_EQ(copy->LastInsertId("organisation"), 4);
    if (TestingOnPostgresql()) {
        EXPECT_GT(there->sequences_set, 20);
    }
    copy->sql() << "DELETE FROM organisation WHERE id = 4";
    copy.reset();

    auto back = CopyDatabase(Url("copy"), Path("back.db"));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->rows, there->rows);
    auto returned = Open(Path("back.db"));
    ASSERT_TRUE(returned);
    ExpectFilled(*returned);
    std::string applied_source, applied_back;
    returned->sql() << "SELECT applied_at FROM schema_migrations WHERE version = 1", soci::into(applied_back);
    auto original = Open(Path("source.db"));
    original->sql() << "SELECT applied_at FROM schema_migrations WHERE version = 1", soci::into(applied_source);
    EXPECT_EQ(applied_back, applied_source);  // the source's history, not the copy's own migration
}

TEST_F(DatabaseCopyTest, CopiesATableThatReferencesItself) {
    // A child row before its parent in id order: only a second pass can satisfy the key.
    auto source = Open(Url("tree_source"));
    auto target = Open(Url("tree_target"));
    ASSERT_TRUE(source && target);
    for (Database* db : {source.get(), target.get()})
        db->sql() << "CREATE TABLE node (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES node(id), label TEXT)";
    source->sql() << "INSERT INTO node (id, parent_id, label) VALUES (3, NULL, 'root')";
    source->sql() << "INSERT INTO node (id, parent_id, label) VALUES (1, 3, 'child')";
    source->sql() << "INSERT INTO node (id, parent_id, label) VALUES (2, 1, 'grandchild')";
    source.reset();
    target.reset();

    auto copied = CopyDatabase(Url("tree_source"), Url("tree_target"));
    ASSERT_TRUE(copied.ok()) << copied.error().message;
    auto copy = Open(Url("tree_target"));
    long long parent_of_1 = 0, parent_of_2 = 0;
    copy->sql() << "SELECT parent_id FROM node WHERE id = 1", soci::into(parent_of_1);
    copy->sql() << "SELECT parent_id FROM node WHERE id = 2", soci::into(parent_of_2);
    EXPECT_EQ(parent_of_1, 3);
    EXPECT_EQ(parent_of_2, 1);
    EXPECT_EQ(Count(*copy, "node"), 3);
}

TEST_F(DatabaseCopyTest, RefusesANonEmptyTargetAndLeavesItAsItWas) {
    auto source = Open(Path("source.db"));
    FillSource(*source);
    source.reset();
    auto target = Open(Url("busy"));
    target->sql() << "INSERT INTO edition (id, year, name, created_at) VALUES (1, 2030, 'déjà là', '2030-01-01')";
    target.reset();

    ExpectRefused(CopyDatabase(Path("source.db"), Url("busy")), ErrorCode::kConflict,
                  "not empty (table edition holds 1 rows)");
    auto after = Open(Url("busy"));
    EXPECT_EQ(Count(*after, "edition"), 1);
    EXPECT_EQ(Count(*after, "organisation"), 0);

    // A freshly migrated target holds only the migrations' own rows: that is empty.
    Open(Url("fresh"));
    auto into_fresh = CopyDatabase(Path("source.db"), Url("fresh"));
    ASSERT_TRUE(into_fresh.ok()) << into_fresh.error().message;
    ExpectFilled(*Open(Url("fresh")));
}

TEST_F(DatabaseCopyTest, RefusesWhatIsNotAJuoDatabaseAtTheLatestVersion) {
    ExpectRefused(CopyDatabase(Path("a.db"), "sqlite:" + Path("./a.db")), ErrorCode::kInvalidArgument, "same database");

    ExpectRefused(CopyDatabase(Path("missing.db"), Path("out.db")), ErrorCode::kUnavailable, "does not exist");
    EXPECT_FALSE(fs::exists(Path("missing.db")));
    EXPECT_FALSE(fs::exists(Path("out.db")));

    {
        soci::session other("sqlite3", "db=" + Path("other.db"));
        other << "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT)";
    }
    ExpectRefused(CopyDatabase(Path("other.db"), Path("out.db")), ErrorCode::kInvalidArgument, "not a JUO database");
    EXPECT_FALSE(fs::exists(Path("out.db")));

    // A JUO database of an older version: migrate it first (the copy never migrates its source).
    {
        auto old = Database::Open(Path("old.db"), OpenMode::kCreateIfMissing, SchemaUpdate::kNone);
        ASSERT_TRUE(old.ok()) << old.error().message;
        ASSERT_TRUE(CurrentSchemaVersion(**old).ok());
        for (const auto& m : Migrations())
            if (m.version < LatestSchemaVersion()) ApplyMigration(**old, m);
    }
    ExpectRefused(CopyDatabase(Path("old.db"), Path("out.db")), ErrorCode::kConflict, "juo migrate");
    EXPECT_FALSE(fs::exists(Path("out.db")));
    auto old_version = Database::Open(Path("old.db"), OpenMode::kMustExist, SchemaUpdate::kNone);
    ASSERT_TRUE(old_version.ok());
    EXPECT_EQ(CurrentSchemaVersion(**old_version).value(), LatestSchemaVersion() - 1);  // untouched
}

TEST_F(DatabaseCopyTest, AFailureHalfWayLeavesTheTargetAsItWas) {
    // A site whose organisation does not exist (foreign keys off in the source): the target's
    // key refuses it after the tables before it were copied.
    auto source = Open(Path("source.db"));
    FillSource(*source);
    source->sql() << "PRAGMA foreign_keys = OFF";
    source->sql() << "UPDATE site SET organisation_id = 999";
    source.reset();

    // The database's words ("table site: FOREIGN KEY…") go to the log under an incident number.
    ExpectRefused(CopyDatabase(Path("source.db"), Url("target")), ErrorCode::kUnavailable, "incident");
    if (TestingOnPostgresql()) {
        // The empty schema is empty again: not even the migrations stayed.
        auto target = Database::Open(Url("target"), OpenMode::kMustExist, SchemaUpdate::kNone);
        ASSERT_TRUE(target.ok());
        long long tables = -1;
        (*target)->sql() << "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
            soci::into(tables);
        EXPECT_EQ(tables, 0);
    } else {
        EXPECT_FALSE(fs::exists(Path("target"))) << "the file the copy created is removed";
    }

    // Into a migrated, empty target: still migrated and empty afterwards (its audience rows back).
    Open(Url("migrated"));
    // The database's words ("table site: FOREIGN KEY…") go to the log under an incident number.
    ExpectRefused(CopyDatabase(Path("source.db"), Url("migrated")), ErrorCode::kUnavailable, "incident");
    auto migrated = Open(Url("migrated"));
    EXPECT_EQ(Count(*migrated, "organisation"), 0);
    EXPECT_EQ(Count(*migrated, "audience"), 3);
    EXPECT_EQ(Count(*migrated, "schema_migrations"), LatestSchemaVersion());
}

TEST(SameDatabaseTest, ComparesFilesAndPostgresqlDatabases) {
    const auto dir = fs::temp_directory_path() / ("juo_same_db_" + std::to_string(::getpid()));
    fs::create_directories(dir / "sub");
    { std::ofstream((dir / "a.db").string()) << "x"; }
    fs::create_symlink(dir / "a.db", dir / "link.db");
    EXPECT_TRUE(SameDatabase((dir / "a.db").string(), (dir / "sub" / ".." / "a.db").string()));
    EXPECT_TRUE(SameDatabase((dir / "a.db").string(), "sqlite:" + (dir / "link.db").string()));
    EXPECT_TRUE(SameDatabase((dir / "new.db").string(), (dir / "sub" / ".." / "new.db").string()));
    EXPECT_FALSE(SameDatabase((dir / "a.db").string(), (dir / "b.db").string()));
    fs::remove_all(dir);

    EXPECT_TRUE(SameDatabase("postgresql://juo:one@db.internal:5432/juo", "postgres://other:two@db.internal/juo"));
    EXPECT_FALSE(SameDatabase("postgresql://juo@db.internal/juo", "postgresql://juo@db.internal/juo_copy"));
    EXPECT_FALSE(SameDatabase("postgresql://juo@db.internal/juo", "postgresql://juo@db.internal:5433/juo"));
    EXPECT_FALSE(SameDatabase("postgresql://juo@h/juo?options=-csearch_path%3Da",
                              "postgresql://juo@h/juo?options=-csearch_path%3Db"));
    EXPECT_FALSE(SameDatabase("postgresql://juo@h/juo", "/tmp/juo.db"));
}

}  // namespace
}  // namespace juo::store
