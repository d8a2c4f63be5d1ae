// Tests of the allocation rounds (issue 18, ADR 0021) on seeded replicas — SQLite, or PostgreSQL
// under JUO_TEST_PG_URL: settings refused with the field named (inf, 1e17, 1e9 s…); a round
// started through the runner reaches 'done' with a draft run, its progress read from the job row;
// a second start while one runs is a conflict, a dead server's job reads abandoned; the run read
// beside first-come, and by a relay for their departments only; publishing at the request
// deadline books the run's buses only (the bilan counts each bus once), with an e-mail to every
// requester and host; publishing on a closed edition, or once a check-in exists, is refused and
// changes nothing.
#include "services/allocation_rounds.h"

#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <map>
#include <mutex>
#include <set>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "seed/replica.h"
#include "store/db/connection_per_thread.h"
#include "store/db/test_database.h"
#include "store/reads/bilan_queries.h"

namespace juo::services {
namespace {

namespace fs = std::filesystem;

RoundSettingsText Text(std::string year = "2025") {
    RoundSettingsText t;
    t.year = std::move(year);
    return t;
}

std::string FieldOf(const std::variant<RoundSettings, FieldError>& r) {
    if (const auto* e = std::get_if<FieldError>(&r)) return e->field;
    return "";
}

TEST(RoundSettingsTest, OutOfRangeValuesAreRefusedNamingTheField) {
    auto t = Text();
    t.budget_eur = "inf";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "budget_eur");
    t.budget_eur = "1e17";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "budget_eur");
    t.budget_eur = "nan";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "budget_eur");
    t.budget_eur = "10000001";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "budget_eur");
    t.budget_eur = "20000";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "");
    t.time_limit_seconds = "1e9";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "time_limit_seconds");
    t.time_limit_seconds = "601";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "time_limit_seconds");
    t.time_limit_seconds = "0.5";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "time_limit_seconds");
    t.time_limit_seconds = "30";
    t.max_buses = "10001";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "max_buses");
    t.max_buses = "2.5";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "max_buses");
    t.max_buses = "75";
    t.seats_per_bus = "0";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "seats_per_bus");
    t.seats_per_bus = "101";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "seats_per_bus");
    t.seats_per_bus = "50";
    t.eur_per_km = "-1";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "eur_per_km");
    t.eur_per_km = "2,5";  // a French decimal comma
    t.pinned = "12:40, 13:41";
    t.excluded = "12:40";
    auto both = ParseRoundSettings(t);
    EXPECT_EQ(FieldOf(both), "excluded");
    EXPECT_NE(std::get<FieldError>(both).error.message_fr.find("imposée et exclue"), std::string::npos);
    t.excluded = "14:x";
    EXPECT_EQ(FieldOf(ParseRoundSettings(t)), "excluded");
    t.excluded = "12:41";
    auto ok = ParseRoundSettings(t);
    ASSERT_EQ(FieldOf(ok), "");
    const auto& s = std::get<RoundSettings>(ok);
    EXPECT_EQ(s.seats_per_bus, 50);
    EXPECT_DOUBLE_EQ(s.eur_per_km, 2.5);
    EXPECT_EQ(*s.budget_eur, 20000);
    EXPECT_EQ(*s.max_buses, 75);
    ASSERT_EQ(s.pinned.size(), 2u);
    EXPECT_EQ(s.pinned[1], (Placement{13, 41}));
    // Stored and read back the same.
    const RoundSettings back = SettingsFromLines(SettingsLines(s));
    EXPECT_EQ(back.pinned, s.pinned);
    EXPECT_EQ(back.excluded, s.excluded);
    EXPECT_EQ(*back.budget_eur, 20000);
    EXPECT_EQ(back.seats_per_bus, 50);
    EXPECT_DOUBLE_EQ(back.eur_per_km, 2.5);
}

auth::Principal Organiser() {
    auth::Principal p;
    p.user_id = 0;
    p.roles.push_back({domain::Role::kOrganiser, "", std::nullopt});
    return p;
}

long long Count(store::Database& db, const std::string& sql) {
    long long n = 0;
    db.sql() << sql, soci::into(n);
    return n;
}

// A replica in a fresh database (SQLite file or PostgreSQL schema), at `stage`.
struct Replica {
    std::string url;
    fs::path path;
    std::unique_ptr<store::Database> db;
    Replica(const std::string& name, seed::ReplicaOptions::Stage stage) {
        path = fs::temp_directory_path() / ("juo_rounds_" + name + "_" + std::to_string(::getpid()) + ".db");
        store::RemoveSqliteFiles(path);
        url = store::TestingOnPostgresql() ? store::FreshPostgresqlSchemaUrl() : path.string();
        db = std::move(*store::Database::Open(url, store::OpenMode::kCreateIfMissing));
        seed::ReplicaOptions o;
        o.stage = stage;
        auto replica = *seed::GenerateReplica(o);
        EXPECT_TRUE(seed::WriteReplica(*db, replica, {}).ok());
    }
    ~Replica() {
        db.reset();
        store::RemoveSqliteFiles(path);
    }
};

RoundSettings Quick(long long buses) {
    RoundSettings s;
    s.year = 2025;
    s.max_buses = buses;
    s.time_limit_seconds = 3;
    return s;
}

RoundJob WaitFor(store::Database& db, long long job) {
    for (int i = 0; i < 600; ++i) {
        auto j = FindRoundJob(db, job);
        if (j.ok() && RoundFinished(j->stage)) return *j;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "round " << job << " did not end within 60 s";
    return {};
}

TEST(AllocationRoundsTest, AtTheRequestDeadlineARoundRunsOffThreadAndPublishesEveryBusOnceWithItsEmails) {
    Replica r("requests", seed::ReplicaOptions::Stage::kRequests);
    store::Database& db = *r.db;
    // The replica at the deadline: requests pending, no group booking, bus or check-in.
    EXPECT_GT(Count(db, "SELECT count(*) FROM group_request WHERE status = 'pending'"), 500);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM group_request WHERE status <> 'pending'"), 0);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM booking WHERE kind = 'group'"), 0);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM bus"), 0);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM check_in"), 0);

    // Carry-over: one school had a class refused the year before (an edition 2024 of its own).
    const long long requests_2025 = Count(db, "SELECT count(*) FROM group_request");
    const long long carried = Count(db, "SELECT min(school_id) FROM group_request WHERE school_id IS NOT NULL");
    db.sql() << "INSERT INTO edition (year, name, status, created_at) VALUES (2024, 'JUO 2024', 'archived', "
                "'2024-01-01T00:00:00Z')";
    db.sql() << "INSERT INTO group_request (edition_id, school_id, audience, level, pupils, adults, latitude, "
                "longitude, department_code, status, submitted_at) SELECT e.id, g.school_id, g.audience, g.level, "
                "g.pupils, g.adults, g.latitude, g.longitude, g.department_code, 'refused', '2024-03-01T00:00:00Z' "
                "FROM group_request g, edition e WHERE e.year = 2024 AND g.school_id = :s LIMIT 1",
        soci::use(carried);

    store::ConnectionPerThread connections(r.url);
    RoundRunner runner(connections);
    auth::Principal relay;
    relay.roles.push_back({domain::Role::kRelay, "69", std::nullopt});
    EXPECT_EQ(runner.Start(db, relay, Quick(75)).error().code, ErrorCode::kForbidden);
    RoundSettings bad = Quick(75);
    bad.time_limit_seconds = 1e9;
    EXPECT_EQ(runner.Start(db, Organiser(), bad).error().code, ErrorCode::kInvalidArgument);

    auto job = runner.Start(db, Organiser(), Quick(75));
    ASSERT_TRUE(job.ok()) << job.error().message;
    // One round per edition at a time.
    auto second = runner.Start(db, Organiser(), Quick(75));
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.error().code, ErrorCode::kConflict);
    const RoundJob done = WaitFor(db, *job);
    ASSERT_EQ(done.stage, RoundStage::kDone) << done.error;
    ASSERT_TRUE(done.run_id.has_value());
    EXPECT_DOUBLE_EQ(done.fraction, 1.0);
    EXPECT_EQ(*done.settings.max_buses, 75);

    RunScope all;
    all.all = true;
    auto run = ReadRun(db, *done.run_id, all);
    ASSERT_TRUE(run.ok()) << run.error().message;
    EXPECT_EQ(run->summary.status, "draft");
    EXPECT_EQ(static_cast<long long>(run->decisions.size()), requests_2025);
    EXPECT_GT(run->summary.pupils_served, 0);
    EXPECT_GE(run->summary.pupils_served, run->summary.pupils_served_first_come);  // not worse than first-come
    EXPECT_LE(run->summary.buses, 75);
    EXPECT_GT(run->summary.buses, 0);
    EXPECT_FALSE(run->by_priority.empty());
    EXPECT_FALSE(run->by_region.empty());
    // The run's figures by kind count as the round did: the carried-over school's requests, and
    // "none" the reference of the guarantee (no REP+, REP, rural or carry-over; a first
    // participation does not take a request out of it).
    std::map<std::string, ShareRow> kind;
    for (const auto& k : run->by_priority) kind[k.key] = k;
    ASSERT_TRUE(kind.count("carry_over"));
    EXPECT_EQ(kind["carry_over"].groups_requested,
              Count(db, "SELECT count(*) FROM group_request g JOIN edition e ON e.id = g.edition_id WHERE e.year = "
                        "2025 AND g.school_id = " + std::to_string(carried)));
    ASSERT_TRUE(kind.count("none"));
    EXPECT_EQ(kind["none"].pupils_requested,
              Count(db, "SELECT coalesce(sum(g.pupils), 0) FROM group_request g JOIN edition e ON e.id = "
                        "g.edition_id LEFT JOIN school s ON s.id = g.school_id WHERE e.year = 2025 AND "
                        "coalesce(s.priority_education, 'none') = 'none' AND coalesce(s.rural, 0) = 0 AND "
                        "coalesce(g.school_id, -1) <> " + std::to_string(carried)));
    long long pupils = 0;
    for (const auto& d : run->by_department) pupils += d.pupils_requested;
    EXPECT_EQ(pupils, run->summary.pupils_requested);
    for (const auto& d : run->decisions) {
        EXPECT_FALSE(d.explanation_fr.empty());
        EXPECT_FALSE(d.explanation_en.empty());
    }
    for (const auto& b : run->buses) {
        EXPECT_EQ(b.pickup_time.size(), 5u);
        EXPECT_LT(b.pickup_time, b.starts_at);
        EXPECT_FALSE(b.riders.empty());
    }
    // A draft's planned buses are not in the bilan.
    EXPECT_EQ(store::LoadBilanData(db, 2025)->buses, 0);

    // A relay sees their departments only.
    const std::string dept = run->decisions.front().department;
    relay.roles = {{domain::Role::kRelay, dept, std::nullopt}};
    auto scope = RunScopeOf(relay);
    ASSERT_TRUE(scope.ok());
    auto theirs = ReadRun(db, *done.run_id, *scope);
    ASSERT_TRUE(theirs.ok());
    EXPECT_LT(theirs->decisions.size(), run->decisions.size());
    for (const auto& d : theirs->decisions) EXPECT_EQ(d.department, dept);
    ASSERT_EQ(theirs->by_department.size(), 1u);
    EXPECT_EQ(theirs->by_department[0].key, dept);
    EXPECT_TRUE(theirs->summary_text.empty());
    EXPECT_EQ(PublishRun(db, relay, *done.run_id).error().code, ErrorCode::kForbidden);
    auth::Principal visitor;
    EXPECT_EQ(RunScopeOf(visitor).error().code, ErrorCode::kForbidden);

    // "Based on run R": R's settings under the fields given, R's pins kept.
    RoundSettingsText on;
    on.based_on_run = std::to_string(*done.run_id);
    on.time_limit_seconds = "5";
    on.excluded = "1:2";
    auto resolved = ResolveRoundSettings(db, on);
    ASSERT_EQ(FieldOf(resolved), "") << std::get<FieldError>(resolved).error.message;
    const auto& based = std::get<RoundSettings>(resolved);
    EXPECT_EQ(based.year, 2025);
    EXPECT_EQ(*based.max_buses, 75);  // the run's
    EXPECT_DOUBLE_EQ(based.time_limit_seconds, 5);
    EXPECT_EQ(based.excluded, (std::vector<Placement>{{1, 2}}));
    EXPECT_EQ(*based.based_on_run, *done.run_id);
    on.based_on_run = "999999";
    EXPECT_EQ(FieldOf(ResolveRoundSettings(db, on)), "based_on_run");

    // The bus operator's export: a row per bus group.
    auto table = BusOperatorTable(db, *done.run_id, all);
    ASSERT_TRUE(table.ok());
    EXPECT_EQ(table->table.rows.size(), run->buses.size());
    EXPECT_EQ(table->year, run->summary.year);

    // Published: each bus once in the bilan, the e-mails in the outbox, in one transaction.
    const long long requesters = Count(db, "SELECT count(*) FROM group_request g JOIN app_user u ON u.id = "
                                           "g.requester_user_id");
    ASSERT_TRUE(PublishRun(db, Organiser(), *done.run_id, "https://juo.example").ok());
    auto bilan = store::LoadBilanData(db, 2025);
    ASSERT_TRUE(bilan.ok());
    EXPECT_EQ(bilan->buses, run->summary.buses);
    EXPECT_EQ(bilan->bus_cost_cents, run->summary.bus_cost_cents);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM group_request WHERE status = 'pending'"), 0);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM booking WHERE kind = 'group' AND status = 'confirmed'"),
              run->summary.groups_served);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM email_outbox WHERE kind IN ('allocation.placed', "
                        "'allocation.refused')"),
              requesters);
    EXPECT_GT(Count(db, "SELECT count(*) FROM email_outbox WHERE kind = 'allocation.host_groups'"), 0);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM audit_log WHERE action = 'allocation.publish'"), 1);
    std::string body;
    db.sql() << "SELECT body_text FROM email_outbox WHERE kind = 'allocation.placed' AND body_text LIKE '%car%' "
                "ORDER BY id LIMIT 1",
        soci::into(body);
    EXPECT_NE(body.find("vous prendra à"), std::string::npos) << body;
    EXPECT_NE(body.find("-- English --"), std::string::npos);
    // Every placed request with a bus reads its pickup on the requests page too (its message).
    EXPECT_EQ(Count(db, "SELECT count(*) FROM group_request WHERE status = 'accepted' AND message LIKE "
                        "'%vous prendra à%'"),
              [&] {
                  long long riders = 0;
                  for (const auto& b : run->buses) riders += static_cast<long long>(b.riders.size());
                  return riders;
              }());
    EXPECT_GT(Count(db, "SELECT count(*) FROM group_request WHERE message LIKE '%vous prendra à%'"), 0);
    // A shared bus (one school's classes) says so in a sentence: "avec une autre classe de votre
    // établissement", "avec 2 autres classes de votre établissement" — not "1 autre(s) classe(s)".
    long long shared_riders = 0, pairs = 0;
    for (const auto& b : run->buses) {
        if (b.riders.size() > 1) shared_riders += static_cast<long long>(b.riders.size());
        if (b.riders.size() == 2) pairs += 2;
    }
    ASSERT_GT(shared_riders, 0) << "the scenario has a shared bus";
    EXPECT_EQ(Count(db, "SELECT count(*) FROM group_request WHERE message LIKE '%Vous partagez le car avec une "
                        "autre classe de votre établissement.%'"),
              pairs);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM group_request WHERE message LIKE '%Vous partagez le car avec %"
                        "de votre établissement.%'"),
              shared_riders);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM group_request WHERE message LIKE '%autre(s)%'"), 0);
    // A second round, published over the first, is refused: one published run per edition.
    auto again = RunRound(db, Quick(10), std::nullopt);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(PublishRun(db, Organiser(), *again).error().code, ErrorCode::kConflict);
    EXPECT_EQ(store::LoadBilanData(db, 2025)->buses, run->summary.buses);
}

TEST(AllocationRoundsTest, AJobWhoseServerDiedReadsAbandonedAndDoesNotBlockTheNextStart) {
    Replica r("abandoned", seed::ReplicaOptions::Stage::kRequests);
    store::Database& db = *r.db;
    long long edition = Count(db, "SELECT id FROM edition");
    db.sql() << "INSERT INTO allocation_job (edition_id, state, stage, fraction, settings, time_limit_seconds, "
                "started_at, updated_at) VALUES (:e, 'running', 'cbc', 0.4, 'year=2025', 30, "
                "'2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
        soci::use(edition);
    const long long dead = Count(db, "SELECT max(id) FROM allocation_job");
    EXPECT_EQ(FindRoundJob(db, dead)->stage, RoundStage::kAbandoned);
    store::ConnectionPerThread connections(r.url);
    RoundRunner runner(connections);
    auto job = runner.Start(db, Organiser(), Quick(5));
    ASSERT_TRUE(job.ok()) << job.error().message;
    EXPECT_EQ(WaitFor(db, *job).stage, RoundStage::kDone);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM allocation_job WHERE state = 'abandoned'"), 1);
    EXPECT_EQ(FindRoundJob(db, 999999).error().code, ErrorCode::kNotFound);
}

// A round with neither a budget nor a bus count takes the edition's financed buses as its limit,
// and stores that limit: a round based on it keeps it even once those buses are cancelled (as
// publishing does), and an impossible pin names where the limit came from.
TEST(AllocationRoundsTest, ARunBasedOnAFallbackRunKeepsItsBusLimit) {
    Replica r("fallback", seed::ReplicaOptions::Stage::kAfterEvent);
    store::Database& db = *r.db;
    RoundSettings s;
    s.year = 2025;
    s.time_limit_seconds = 3;
    auto first = RunRound(db, s, std::nullopt);
    ASSERT_TRUE(first.ok()) << first.error().message;
    RunScope all;
    all.all = true;
    auto run = ReadRun(db, *first, all);
    ASSERT_TRUE(run.ok());
    ASSERT_TRUE(run->settings.max_buses.has_value());
    EXPECT_EQ(*run->settings.max_buses, 75);
    db.sql() << "UPDATE bus SET status = 'cancelled' WHERE allocation_run_id IS NULL";
    RoundSettingsText text;
    text.year = "2025";
    text.time_limit_seconds = "3";
    text.based_on_run = std::to_string(*first);
    auto based = ResolveRoundSettings(db, text);
    ASSERT_TRUE(std::holds_alternative<RoundSettings>(based));
    EXPECT_EQ(*std::get<RoundSettings>(based).max_buses, 75);
    // With no limit given and none financed any more, a pinned group that needs a bus cannot
    // go, and the error says the limit is the edition's financed buses, 0.
    long long request = 0, session = 0;
    db.sql() << "SELECT g.id, w.session_id FROM group_request g JOIN group_request_wish w ON w.request_id = g.id "
                "WHERE g.bus_needed = 1 AND w.rank = 1 AND w.session_id IS NOT NULL ORDER BY g.id LIMIT 1",
        soci::into(request), soci::into(session);
    ASSERT_GT(request, 0);
    s.pinned.push_back({request, session});
    auto refused = RunRound(db, s, std::nullopt);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("financed buses, 0"), std::string::npos) << refused.error().message;
}

// A request cancelled after the run was computed is never brought back by publishing it.
TEST(AllocationRoundsTest, PublishingARunWithARequestCancelledSinceIsRefusedAndChangesNothing) {
    Replica r("cancelled", seed::ReplicaOptions::Stage::kRequests);
    store::Database& db = *r.db;
    auto run = RunRound(db, Quick(75), std::nullopt);
    ASSERT_TRUE(run.ok()) << run.error().message;
    db.sql() << "UPDATE group_request SET status = 'cancelled' WHERE id = (SELECT min(request_id) FROM "
                "allocation_assignment WHERE run_id = "
             << *run << ")";
    const std::vector<std::string> counts = {"SELECT count(*) FROM booking WHERE status = 'confirmed'",
                                             "SELECT count(*) FROM group_request WHERE status = 'cancelled'",
                                             "SELECT count(*) FROM bus WHERE status = 'booked'",
                                             "SELECT count(*) FROM email_outbox"};
    std::vector<long long> before;
    for (const auto& q : counts) before.push_back(Count(db, q));
    auto refused = PublishRun(db, Organiser(), *run);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
    EXPECT_NE(refused.error().message.find("cancelled since"), std::string::npos) << refused.error().message;
    for (size_t i = 0; i < counts.size(); ++i) EXPECT_EQ(Count(db, counts[i]), before[i]) << counts[i];
}

TEST(AllocationRoundsTest, PublishingOnAClosedEditionOrOnceCheckInsExistIsRefusedAndChangesNothing) {
    Replica r("closed", seed::ReplicaOptions::Stage::kAfterEvent);
    store::Database& db = *r.db;
    auto run = RunRound(db, Quick(75), std::nullopt);
    ASSERT_TRUE(run.ok()) << run.error().message;
    const std::vector<std::string> counts = {
        "SELECT count(*) FROM booking WHERE status = 'confirmed'",
        "SELECT count(*) FROM booking WHERE kind = 'group' AND status = 'confirmed'",
        "SELECT count(*) FROM bus WHERE status = 'booked'",
        "SELECT count(*) FROM group_request WHERE status = 'accepted'",
        "SELECT count(*) FROM email_outbox",
        "SELECT count(*) FROM check_in"};
    std::vector<long long> before;
    for (const auto& q : counts) before.push_back(Count(db, q));
    const long long bilan_buses = store::LoadBilanData(db, 2025)->buses;
    EXPECT_EQ(bilan_buses, 75);
    auto closed = PublishRun(db, Organiser(), *run);
    ASSERT_FALSE(closed.ok());
    EXPECT_EQ(closed.error().code, ErrorCode::kConflict);
    EXPECT_NE(closed.error().message_fr.find("close"), std::string::npos);
    // Open again, but people were checked in: still refused.
    db.sql() << "UPDATE edition SET status = 'open'";
    auto checked_in = PublishRun(db, Organiser(), *run);
    ASSERT_FALSE(checked_in.ok());
    EXPECT_EQ(checked_in.error().code, ErrorCode::kConflict);
    EXPECT_NE(checked_in.error().message.find("checked in"), std::string::npos);
    for (size_t i = 0; i < counts.size(); ++i) EXPECT_EQ(Count(db, counts[i]), before[i]) << counts[i];
    EXPECT_EQ(store::LoadBilanData(db, 2025)->buses, bilan_buses);
    RunScope all;
    all.all = true;
    EXPECT_EQ(ReadRun(db, *run, all)->summary.status, "draft");
    // A pin is honoured, and first-come (which knows no pins) is still checked: a request that
    // first-come places elsewhere, pinned where the run put it.
    auto first = ReadRun(db, *run, all);
    ASSERT_TRUE(first.ok());
    std::optional<Placement> pin;
    for (const auto& d : first->decisions)
        if (d.session_id && d.first_come_session_id != d.session_id) {
            pin = Placement{d.request_id, *d.session_id};
            break;
        }
    ASSERT_TRUE(pin.has_value());
    RoundSettings pinned = Quick(75);
    pinned.pinned = {*pin};
    auto with_pin = RunRound(db, pinned, std::nullopt);
    ASSERT_TRUE(with_pin.ok()) << with_pin.error().message;
    auto read_pin = ReadRun(db, *with_pin, all);
    ASSERT_TRUE(read_pin.ok());
    for (const auto& d : read_pin->decisions)
        if (d.request_id == pin->request_id) {
            EXPECT_TRUE(d.pinned);
            EXPECT_EQ(d.session_id, pin->session_id);
        }
    EXPECT_EQ(read_pin->settings.pinned, pinned.pinned);
    // Discarded: its planned buses cancelled, the audit entry written.
    ASSERT_TRUE(DiscardRun(db, Organiser(), *run).ok());
    EXPECT_EQ(ReadRun(db, *run, all)->summary.status, "discarded");
    EXPECT_EQ(DiscardRun(db, Organiser(), *run).error().code, ErrorCode::kConflict);
    EXPECT_EQ(Count(db, "SELECT count(*) FROM audit_log WHERE action = 'allocation.discard'"), 1);
}

// Blocks the works that call Hold() until Release().
struct Gate {
    std::mutex m;
    std::condition_variable cv;
    bool released = false;
    std::atomic<int> holding{0};
    void Hold() {
        ++holding;
        std::unique_lock lock(m);
        cv.wait(lock, [&] { return released; });
    }
    void Release() {
        {
            std::lock_guard lock(m);
            released = true;
        }
        cv.notify_all();
    }
    bool WaitHolding(int n) {
        for (int i = 0; i < 2000 && holding < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
        return holding >= n;
    }
};
// Releases a gate when it goes out of scope: declared after the runner, it is destroyed before it,
// so a failed assertion does not leave the runner's end waiting on a held work for ever.
struct ReleaseAtEnd {
    Gate& gate;
    ~ReleaseAtEnd() { gate.Release(); }
};

TEST(RoundRunnerTest, WorkAsideRunsOnAFewThreadsWithTheirConnectionsAndWhatCannotWaitIsRefusedAtOnce) {
    store::TestFolder folder("aside");
    const std::string& url = folder.Url("aside.db");
    ASSERT_TRUE(store::Database::Open(url, store::OpenMode::kCreateIfMissing).ok());
    store::ConnectionPerThread connections(url);
    const auto caller = std::this_thread::get_id();
    std::mutex m;
    std::condition_variable ran_cv;
    std::set<std::thread::id> threads;
    std::set<Db*> connections_used;
    int ran = 0, refused = 0;
    auto record = [&](Result<Db*> db) {
        ASSERT_TRUE(db.ok()) << db.error().message;
        {
            std::lock_guard lock(m);
            threads.insert(std::this_thread::get_id());
            connections_used.insert(*db);
            ++ran;
        }
        ran_cv.notify_all();
    };
    Gate gate;
    RoundRunner runner(connections, AsideLimits{2, 3});
    ReleaseAtEnd release_at_end{gate};
    // Two long works hold both aside threads.
    for (int i = 0; i < 2; ++i)
        runner.RunAside([&](Result<Db*> db) {
            record(db);
            gate.Hold();
        });
    ASSERT_TRUE(gate.WaitHolding(2));
    // Three more wait for them; a sixth has no room: refused at once, on the caller's thread.
    for (int i = 0; i < 3; ++i) runner.RunAside(record);
    runner.RunAside([&](Result<Db*> db) {
        ASSERT_FALSE(db.ok());
        EXPECT_EQ(db.error().code, ErrorCode::kUnavailable);
        EXPECT_EQ(std::this_thread::get_id(), caller);
        ++refused;
    });
    EXPECT_EQ(refused, 1);
    std::unique_lock lock(m);
    EXPECT_EQ(ran, 2);  // the three waiting ones have not run
    lock.unlock();
    gate.Release();
    lock.lock();
    ASSERT_TRUE(ran_cv.wait_for(lock, std::chrono::seconds(20), [&] { return ran == 5; }));
    EXPECT_EQ(threads.size(), 2u);
    EXPECT_EQ(threads.count(caller), 0u);
    EXPECT_EQ(connections_used.size(), 2u);  // one connection per aside thread, kept between works
}

TEST(RoundRunnerTest, WhenTheServerStopsEveryWorkAsideIsAnsweredTheOnesNotStartedWithUnavailable) {
    store::TestFolder folder("aside_stop");
    const std::string& url = folder.Url("aside.db");
    ASSERT_TRUE(store::Database::Open(url, store::OpenMode::kCreateIfMissing).ok());
    store::ConnectionPerThread connections(url);
    std::atomic<int> ran{0}, stopped{0}, other{0};
    Gate gate;
    auto runner = std::make_unique<RoundRunner>(connections, AsideLimits{1, 4});
    ReleaseAtEnd release_at_end{gate};
    runner->RunAside([&](Result<Db*> db) {
        if (db.ok()) ++ran;
        gate.Hold();
    });
    ASSERT_TRUE(gate.WaitHolding(1));
    for (int i = 0; i < 3; ++i)
        runner->RunAside([&](Result<Db*> db) {
            if (db.ok())
                ++ran;
            else if (db.error().code == ErrorCode::kUnavailable)
                ++stopped;
            else
                ++other;
        });
    // The runner ends while its one thread is held: released a moment later, the thread answers the
    // three waiting works (run if it took them before the stop, else kUnavailable) and ends.
    std::thread release([&] {
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
        gate.Release();
    });
    runner.reset();
    release.join();
    EXPECT_EQ(ran + stopped, 4);  // each answered once: none lost, none twice
    EXPECT_GE(ran.load(), 1);
    EXPECT_EQ(other.load(), 0);
}

}  // namespace
}  // namespace juo::services
