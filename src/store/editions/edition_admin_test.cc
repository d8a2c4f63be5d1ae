// Tests of the organiser's editions in the store (edition_admin.h): ISO weeks,
// the clone's dates and refusals, every check of an edit (and that a refused edit changes
// nothing), the progress counts, and the invitation of last year's hosts, once per host.
#include "store/editions/edition_admin.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>

#include "store/audit/audit_log.h"
#include "store/back_office_test_data.h"
#include "store/db/dialect.h"
#include "store/editions/edition_repository.h"

namespace juo::store {
namespace {

using domain::Audience;
using domain::EditionStatus;
using domain::ParticipationStatus;
using namespace store::testing;

class EditionAdminTest : public DatabaseTest {
 protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        organiser_ =
            AddUser(*db_, "orga@example.org", "Orga", {{domain::Role::kOrganiser, "", std::nullopt}});
    }

    long long organiser_ = 0;
};

// Paris time (ParisLocalToUtc, ParisDateOf) is tested in common/paris_time_test.cc.
TEST(IsoWeeks, SameWeekdayNextYear) {
    // Friday 4 April 2025 (week 14) → Friday 3 April 2026; Saturday 5 → Saturday 4.
    EXPECT_EQ(SameIsoWeekdayNextYear("2025-04-04"), "2026-04-03");
    EXPECT_EQ(SameIsoWeekdayNextYear("2025-04-05"), "2026-04-04");
    // 2026 has 53 ISO weeks: its week 14 is later in the year than 2027's, the weekday stays.
    EXPECT_EQ(SameIsoWeekdayNextYear("2026-04-03"), "2027-04-09");
    // Around New Year: stay in the next calendar year, on the same weekday.
    EXPECT_EQ(SameIsoWeekdayNextYear("2025-12-29"), "2026-12-28");  // ISO week 1 of 2026
    EXPECT_EQ(SameIsoWeekdayNextYear("2021-01-01"), "2022-01-07");  // ISO week 53 of 2020
    EXPECT_EQ(SameIsoWeekdayNextYear("2025-13-01"), "");
}

TEST(EditionNames, TheCloneNamesTheNewYear) {
    EXPECT_EQ(NextEditionName("Édition 2025", 2025), "Édition 2026");
    EXPECT_EQ(NextEditionName("JUO 2025 (2025)", 2025), "JUO 2026 (2026)");
    EXPECT_EQ(NextEditionName("1re édition", 2025), "2e édition");
    EXPECT_EQ(NextEditionName("12e édition", 2036), "13e édition");
    EXPECT_EQ(NextEditionName("Journées Usines Ouvertes", 2025), "Journées Usines Ouvertes 2026");
}

TEST_F(EditionAdminTest, CloneMovesTheDaysAndTheWindowToTheSameWeekdayAYearLater) {
    const long long id = AddEdition(*db_, 2025, EditionStatus::kClosed);
    db_->sql() << "UPDATE edition SET registration_opens_at = '2025-01-13T08:00:00Z', "
                  "registration_closes_at = '2025-04-01T21:59:00Z', max_party_size = 5 WHERE id = :i",
        soci::use(id);
    auto clone = CloneEdition(*db_, 2025, organiser_);
    ASSERT_TRUE(clone.ok()) << clone.error().message;
    auto stored = FindEditionByYear(*db_, 2026);
    ASSERT_TRUE(stored.ok());
    EXPECT_EQ(stored->id, clone->id);
    EXPECT_EQ(stored->name, "Édition 2026");
    EXPECT_EQ(stored->status, EditionStatus::kDraft);
    EXPECT_EQ(stored->target_sites, 100);
    EXPECT_EQ(stored->target_visitors, 5000);
    EXPECT_EQ(stored->max_party_size, 5);
    ASSERT_EQ(stored->days.size(), 2u);
    EXPECT_EQ(stored->days[0].date, "2026-04-03");
    EXPECT_EQ(stored->days[0].audiences, (std::vector<Audience>{Audience::kJobSeekers, Audience::kSchool}));
    EXPECT_EQ(stored->days[1].date, "2026-04-04");
    EXPECT_EQ(stored->days[1].audiences, std::vector<Audience>{Audience::kPublic});
    // Monday 13 January 2025, 9:00 in Paris → Monday 12 January 2026, 9:00; Tuesday 1 April 2025,
    // 23:59 (summer time) → Tuesday 31 March 2026, 23:59.
    EXPECT_EQ(stored->registration_opens_at, "2026-01-12T08:00:00Z");
    EXPECT_EQ(stored->registration_closes_at, "2026-03-31T21:59:00Z");
    EXPECT_EQ(CountAudit("edition.clone"), 1);
    EXPECT_EQ(CurrentEdition(*db_)->year, 2026);  // the clone is the edition hosts enrol into

    // Once only; never from an older edition; an unknown year is a 404.
    EXPECT_EQ(CloneEdition(*db_, 2025, organiser_).error().code, ErrorCode::kConflict);
    EXPECT_EQ(CloneEdition(*db_, 2030, organiser_).error().code, ErrorCode::kNotFound);
    AddEdition(*db_, 2028);
    auto older = CloneEdition(*db_, 2026, organiser_);
    ASSERT_FALSE(older.ok());
    EXPECT_EQ(older.error().code, ErrorCode::kConflict);
    EXPECT_NE(older.error().message_fr.find("2028"), std::string::npos);
    EXPECT_FALSE(FindEditionByYear(*db_, 2027).ok());
    EXPECT_EQ(CountAudit("edition.clone"), 1);
}

TEST_F(EditionAdminTest, AnEditIsCheckedAndAuditedAndARefusedOneChangesNothing) {
    const long long id = AddEdition(*db_, 2026);
    const long long site = AddSite(*db_, "Forge");
    AddTour(*db_, id, site, "2026-04-04", {Audience::kPublic});
    auto original = *FindEditionById(*db_, id);
    const EditionEdit base = EditOf(original);

    auto refused = [&](EditionEdit edit, ErrorCode code, const std::string& words) {
        auto r = UpdateEdition(*db_, id, edit, organiser_);
        ASSERT_FALSE(r.ok()) << words;
        EXPECT_EQ(r.error().code, code) << r.error().message;
        EXPECT_NE(r.error().message.find(words), std::string::npos) << r.error().message;
        EXPECT_FALSE(r.error().message_fr.empty());
    };
    EditionEdit e = base;
    e.name = "";
    refused(e, ErrorCode::kInvalidArgument, "name");
    e = base;
    e.target_sites = -1;
    refused(e, ErrorCode::kInvalidArgument, "factories");
    e = base;
    e.registration_opens_on = "2026-02-30";
    refused(e, ErrorCode::kInvalidArgument, "not a date");
    e = base;
    e.registration_opens_on = "2025-12-01";
    refused(e, ErrorCode::kInvalidArgument, "not in 2026");
    e = base;
    e.registration_opens_on = "2026-03-10";
    e.registration_closes_on = "2026-03-09";
    refused(e, ErrorCode::kInvalidArgument, "close after");
    e = base;
    e.days[0].audiences.clear();
    refused(e, ErrorCode::kInvalidArgument, "no audience");
    e = base;
    e.days.push_back({0, "2027-04-02", {Audience::kSchool}});
    refused(e, ErrorCode::kInvalidArgument, "not in 2026");
    e = base;
    e.days.push_back({0, "2026-04-03", {Audience::kPublic}});
    refused(e, ErrorCode::kInvalidArgument, "twice");
    e = base;
    e.max_party_size = 0;
    refused(e, ErrorCode::kInvalidArgument, "party size");
    // Saturday has a public tour: neither the day nor its public audience can go.
    e = base;
    e.days.pop_back();
    refused(e, ErrorCode::kConflict, "still has 1 tours");
    e = base;
    e.days[1].audiences = {Audience::kSchool};
    refused(e, ErrorCode::kConflict, "public");
    // One open edition at a time.
    const long long other = AddEdition(*db_, 2025, EditionStatus::kOpen);
    e = base;
    e.status = EditionStatus::kOpen;
    refused(e, ErrorCode::kConflict, "2025 is open");
    auto after_refusals = *FindEditionById(*db_, id);
    EXPECT_EQ(after_refusals.name, original.name);
    EXPECT_EQ(after_refusals.days.size(), 2u);
    EXPECT_EQ(after_refusals.status, EditionStatus::kDraft);
    EXPECT_EQ(CountAudit("edition.update"), 0);

    // A good edit: name, targets, window, status, Friday dropped (no tour) and Thursday added,
    // public added on Saturday.
    db_->sql() << "UPDATE edition SET status = 'closed' WHERE id = :i", soci::use(other);
    e = base;
    e.name = "Édition 2026 — printemps";
    e.target_sites = 0;
    e.target_visitors = std::nullopt;
    e.registration_opens_on = "2026-01-12";
    e.registration_closes_on = "2026-03-31";
    e.status = EditionStatus::kOpen;
    e.max_party_size = 8;
    e.days = {{0, "2026-04-04", {Audience::kPublic, Audience::kJobSeekers}},
              {0, "2026-04-02", {Audience::kSchool}}};
    auto updated = UpdateEdition(*db_, id, e, organiser_);
    ASSERT_TRUE(updated.ok()) << updated.error().message;
    EXPECT_EQ(updated->name, "Édition 2026 — printemps");
    EXPECT_EQ(updated->target_sites, 0);
    EXPECT_FALSE(updated->target_visitors.has_value());
    EXPECT_EQ(updated->registration_opens_at, "2026-01-11T23:00:00Z");   // 00:00 in Paris
    EXPECT_EQ(updated->registration_closes_at, "2026-03-31T21:59:59Z");  // 23:59:59 in Paris
    EXPECT_EQ(updated->status, EditionStatus::kOpen);
    EXPECT_EQ(updated->max_party_size, 8);
    ASSERT_EQ(updated->days.size(), 2u);
    EXPECT_EQ(updated->days[0].date, "2026-04-02");
    EXPECT_EQ(updated->days[1].date, "2026-04-04");
    EXPECT_EQ(updated->days[1].audiences.size(), 2u);
    EXPECT_EQ(updated->days[1].id, original.days[1].id);  // a kept day keeps its row
    auto log = FindAudit(*db_, {"edition.update", "edition", "", 10, 0});
    ASSERT_EQ(log.size(), 1u);
    EXPECT_EQ(log[0].entity_id, id);
    EXPECT_EQ(log[0].actor_user_id, organiser_);
    EXPECT_NE(log[0].detail.find("-2026-04-03"), std::string::npos) << log[0].detail;
    EXPECT_NE(log[0].detail.find("+2026-04-02"), std::string::npos);
    EXPECT_NE(log[0].detail.find("~2026-04-04"), std::string::npos);

    // The same form again changes nothing and writes nothing; a date left as it was keeps the
    // stored instant (9:00, not midnight).
    db_->sql() << "UPDATE edition SET registration_opens_at = '2026-01-12T08:00:00Z' WHERE id = :i",
        soci::use(id);
    auto same = UpdateEdition(*db_, id, EditOf(*FindEditionById(*db_, id)), organiser_);
    ASSERT_TRUE(same.ok());
    EXPECT_EQ(same->registration_opens_at, "2026-01-12T08:00:00Z");
    EXPECT_EQ(CountAudit("edition.update"), 1);
    EXPECT_EQ(UpdateEdition(*db_, 999999, e, organiser_).error().code, ErrorCode::kNotFound);
}

// The version names every field an edit may change, whatever the order the days come in.
TEST_F(EditionAdminTest, TheVersionChangesWithEveryEditableField) {
    const long long id = AddEdition(*db_, 2026, EditionStatus::kDraft);
    const domain::Edition e = *FindEditionById(*db_, id);
    const std::string v = EditionVersion(e);
    EXPECT_EQ(v.size(), 16u);
    EXPECT_EQ(EditionVersion(*FindEditionById(*db_, id)), v);  // read again: the same
    domain::Edition reversed = e;
    std::reverse(reversed.days.begin(), reversed.days.end());
    EXPECT_EQ(EditionVersion(reversed), v);
    std::vector<domain::Edition> changed(9, e);
    changed[0].name += "!";
    changed[1].target_sites = 12;
    changed[2].target_visitors = 3400;
    changed[3].registration_opens_at = "2026-01-12T08:00:00Z";
    changed[4].registration_closes_at = "2026-03-31T21:59:59Z";
    changed[5].max_party_size = e.max_party_size + 1;
    changed[6].status = EditionStatus::kOpen;
    changed[7].days.push_back({0, "2026-04-06", {Audience::kPublic}});
    changed[8].days[0].audiences.push_back(changed[8].days[0].audiences.front() == Audience::kPublic
                                               ? Audience::kSchool
                                               : Audience::kPublic);
    for (size_t i = 0; i < changed.size(); ++i) EXPECT_NE(EditionVersion(changed[i]), v) << "field " << i;
}

// Two organisers edit the same edition: the second, who read it before the first saved, is told
// so (kStale) and nothing of theirs is written — also when both save at the same instant on two
// app servers: the later one waits for the first's commit, then sees its version.
TEST_F(EditionAdminTest, AnEditOfAnOlderVersionIsRefusedAndWritesNothing) {
    const long long id = AddEdition(*db_, 2026, EditionStatus::kDraft);
    const domain::Edition read = *FindEditionById(*db_, id);
    ASSERT_NE(read.target_sites, std::optional<int>(300));
    EditionEdit mine = EditOf(read);
    mine.seen_version = EditionVersion(read);
    mine.target_sites = 300;

    auto other = Database::Open(url(), OpenMode::kMustExist);
    ASSERT_TRUE(other.ok()) << other.error().message;
    (*other)->sql() << std::string(BeginWriteTransaction((*other)->dialect()));
    (*other)->sql() << "UPDATE edition SET name = 'Renommée' WHERE id = :i", soci::use(id);
    std::atomic<bool> done{false};
    Result<domain::Edition> result = MakeError(ErrorCode::kInternal, "not run");
    std::thread saving([&] {
        result = UpdateEdition(*db_, id, mine, organiser_);
        done = true;
    });
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    const bool waited = !done.load();
    (*other)->sql() << "COMMIT";
    saving.join();
    EXPECT_TRUE(waited);  // for the other organiser's commit
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code, ErrorCode::kStale);
    EXPECT_NE(result.error().message_fr.find("modifiée par quelqu'un d'autre"), std::string::npos);
    const domain::Edition now = *FindEditionById(*db_, id);
    EXPECT_EQ(now.name, "Renommée");
    EXPECT_EQ(now.target_sites, read.target_sites);  // nothing of the refused edit
    EXPECT_EQ(CountAudit("edition.update"), 0);

    // Read again: the same edit on the new version applies; a form without version is not checked.
    mine = EditOf(now);
    mine.seen_version = EditionVersion(now);
    mine.target_sites = 300;
    auto applied = UpdateEdition(*db_, id, mine, organiser_);
    ASSERT_TRUE(applied.ok()) << applied.error().message;
    EXPECT_EQ(applied->target_sites, 300);
    EXPECT_EQ(applied->name, "Renommée");
    EXPECT_EQ(UpdateEdition(*db_, id, mine, organiser_).error().code, ErrorCode::kStale);  // used once
    mine.seen_version.clear();
    mine.target_sites = 301;
    EXPECT_TRUE(UpdateEdition(*db_, id, mine, organiser_).ok());
}

TEST_F(EditionAdminTest, TheListCountsApprovedFactoriesAndBookings) {
    const long long old = AddEdition(*db_, 2025, EditionStatus::kClosed);
    const long long current = AddEdition(*db_, 2026, EditionStatus::kOpen);
    const long long a = AddSite(*db_, "A"), b = AddSite(*db_, "B");
    AddParticipation(*db_, old, a, ParticipationStatus::kApproved);
    AddParticipation(*db_, old, b, ParticipationStatus::kApproved);
    AddParticipation(*db_, current, a, ParticipationStatus::kApproved);
    AddParticipation(*db_, current, b, ParticipationStatus::kSubmitted);
    const long long tour = AddTour(*db_, current, a, "2026-04-04", {Audience::kPublic});
    for (const auto& [code, people, status] :
         {std::tuple{"T1", 3, "confirmed"}, std::tuple{"T2", 2, "confirmed"},
          std::tuple{"T3", 4, "cancelled"}}) {
        std::string c = code, s = status;
        int n = people;
        db_->sql()
            << "INSERT INTO booking (edition_id, session_id, kind, audience, people, status, ticket_code, "
               "created_at) VALUES (:e, :s, 'party', 'public', :p, :st, :c, '2026-03-01T00:00:00Z')",
            soci::use(current), soci::use(tour), soci::use(n), soci::use(s), soci::use(c);
    }
    auto list = ListEditionProgress(*db_);
    ASSERT_EQ(list.size(), 2u);
    EXPECT_EQ(list[0].edition.year, 2026);  // newest first
    EXPECT_EQ(list[0].approved_sites, 1);
    EXPECT_EQ(list[0].bookings, 2);
    EXPECT_EQ(list[0].booked_visitors, 5);
    EXPECT_EQ(list[0].edition.days.size(), 2u);
    EXPECT_EQ(list[1].edition.year, 2025);
    EXPECT_EQ(list[1].approved_sites, 2);
    EXPECT_EQ(list[1].bookings, 0);
}

TEST_F(EditionAdminTest, LastYearsHostsAreInvitedOncePerEdition) {
    const long long old = AddEdition(*db_, 2025, EditionStatus::kClosed);
    const long long current = AddEdition(*db_, 2026, EditionStatus::kDraft);
    const long long a = AddSite(*db_, "Atelier A"), b = AddSite(*db_, "Brasserie B"),
                    c = AddSite(*db_, "Chais C"), d = AddSite(*db_, "Draperie D");
    AddParticipation(*db_, old, a, ParticipationStatus::kApproved);
    AddParticipation(*db_, old, b, ParticipationStatus::kApproved);
    AddParticipation(*db_, old, c, ParticipationStatus::kRefused);  // not approved last year
    AddParticipation(*db_, old, d, ParticipationStatus::kApproved);
    AddParticipation(*db_, current, d, ParticipationStatus::kSubmitted);  // already enrolled
    auto host = [](long long site) { return domain::RoleGrant{domain::Role::kHost, "", site}; };
    AddUser(*db_, "anne@example.org", "Anne", {host(a), host(b)});  // two sites: one e-mail
    AddUser(*db_, "bruno@example.org", "Bruno", {host(b)});
    AddUser(*db_, "chloe@example.org", "Chloé", {host(c)});
    AddUser(*db_, "denis@example.org", "Denis", {host(d)});
    const long long gone = AddUser(*db_, "eve@example.org", "Ève", {host(a)});
    db_->sql() << "UPDATE app_user SET deleted_at = '2025-06-01T00:00:00Z' WHERE id = :i", soci::use(gone);

    std::vector<InviteRecipient> composed;
    auto compose = [&](const InviteRecipient& r, const domain::Edition& e) {
        composed.push_back(r);
        OutgoingEmail m;
        m.subject = "Invitation " + std::to_string(e.year);
        m.body_text = "Bonjour " + r.display_name;
        m.kind = "ignored";  // the store sets the kind and the address
        return m;
    };
    auto first = InvitePreviousHosts(*db_, current, organiser_, compose);
    ASSERT_TRUE(first.ok()) << first.error().message;
    EXPECT_EQ(first->invited, 2);
    EXPECT_EQ(first->already_invited, 0);
    ASSERT_EQ(composed.size(), 2u);
    EXPECT_EQ(composed[0].email, "anne@example.org");
    EXPECT_EQ(composed[0].site_names, (std::vector<std::string>{"Atelier A", "Brasserie B"}));
    EXPECT_EQ(composed[1].email, "bruno@example.org");
    auto outbox = [&](const std::string& address) {
        long long n = 0;
        const std::string kind = InviteKind(current);
        db_->sql() << "SELECT count(*) FROM email_outbox WHERE kind = :k AND to_address = :a",
            soci::use(kind), soci::use(address), soci::into(n);
        return n;
    };
    EXPECT_EQ(outbox("anne@example.org"), 1);
    EXPECT_EQ(outbox("bruno@example.org"), 1);
    EXPECT_EQ(outbox("chloe@example.org") + outbox("denis@example.org") + outbox("eve@example.org"), 0);

    // A second run mails nobody again.
    auto second = InvitePreviousHosts(*db_, current, organiser_, compose);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->invited, 0);
    EXPECT_EQ(second->already_invited, 2);
    EXPECT_EQ(outbox("anne@example.org"), 1);
    // A message that failed for good does not count: Bruno is tried again.
    db_->sql() << "UPDATE email_outbox SET status = 'failed' WHERE to_address = 'bruno@example.org'";
    auto third = InvitePreviousHosts(*db_, current, organiser_, compose);
    EXPECT_EQ(third->invited, 1);
    EXPECT_EQ(outbox("bruno@example.org"), 2);
    EXPECT_EQ(CountAudit("edition.invite_hosts"), 3);
    auto log = FindAudit(*db_, {"edition.invite_hosts", "", "", 1, 0});
    EXPECT_NE(log[0].detail.find("1 hosts of 2025 invited, 1 invited before"), std::string::npos)
        << log[0].detail;

    // Only the latest edition (the one hosts enrol into), not closed, with an edition before it.
    EXPECT_EQ(InvitePreviousHosts(*db_, old, organiser_, compose).error().code, ErrorCode::kConflict);
    EXPECT_EQ(InvitePreviousHosts(*db_, 999999, organiser_, compose).error().code, ErrorCode::kNotFound);
    db_->sql() << "UPDATE edition SET status = 'closed' WHERE id = :i", soci::use(current);
    EXPECT_EQ(InvitePreviousHosts(*db_, current, organiser_, compose).error().code, ErrorCode::kConflict);
    db_->sql() << "DELETE FROM edition WHERE year = 2025";
    db_->sql() << "UPDATE edition SET status = 'draft' WHERE id = :i", soci::use(current);
    EXPECT_EQ(InvitePreviousHosts(*db_, current, organiser_, compose).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(CountAudit("edition.invite_hosts"), 3);
}

}  // namespace
}  // namespace juo::store
