// Tests of the Friday requests of issue 18 (ADR 0018) on the seeded replica — SQLite, or
// PostgreSQL under JUO_TEST_PG_URL: the school found by name, town or UAI; every error of a form
// at once; a new school stored with the request and marked to check, then confirmed; the
// acknowledgement e-mail; edit and cancel until the request deadline, and only one's own; a host
// marking wish 1 unavailable leaves wishes 2 and 3 open (and the allocation's data without it);
// first-come decisions only without a deadline or once the round is published.
#include "services/group_requests.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "seed/replica.h"
#include "store/db/test_database.h"
#include "store/groups/allocation_queries.h"
#include "store/users/user_repository.h"

namespace juo::services {
namespace {

namespace fs = std::filesystem;

// The code of a failed Status (kOk-like "none" when it succeeded).
std::string Code(const Status& s) { return s.ok() ? "ok" : std::string(ErrorCodeName(s.error().code)); }
std::string Code(ErrorCode c) { return std::string(ErrorCodeName(c)); }

class FridayRequestsTest : public ::testing::Test {
 protected:
    static void SetUpTestSuite() {
        path_ = fs::temp_directory_path() / ("juo_services_friday_" + std::to_string(::getpid()) + ".db");
        store::RemoveSqliteFiles(path_);
        const std::string url = store::TestingOnPostgresql() ? store::FreshPostgresqlSchemaUrl() : path_.string();
        db_ = std::move(*store::Database::Open(url, store::OpenMode::kCreateIfMissing)).release();
        auto replica = *seed::GenerateReplica({});
        ASSERT_TRUE(seed::WriteReplica(*db_, replica, {}).ok());
        // Three Friday tours at three different sites, open to schools with a group slot.
        auto choices = RequestChoices(*db_, domain::Audience::kSchool);
        ASSERT_TRUE(choices.ok());
        for (const auto& t : choices->tours) {
            if (!t.min_level.empty()) continue;
            if (std::any_of(tours_.begin(), tours_.end(), [&](const FridayTour& o) { return o.site_id == t.site_id; }))
                continue;
            tours_.push_back(t);
            if (tours_.size() == 3) break;
        }
        ASSERT_EQ(tours_.size(), 3u);
        std::vector<domain::User> users(3);
        const char* emails[] = {"prof-a@example.org", "prof-b@example.org", "hote-1@example.org"};
        for (int i = 0; i < 3; ++i) {
            users[i].email = emails[i];
            users[i].display_name = emails[i];
            users[i].email_confirmed_at = users[i].created_at = "2026-01-01T00:00:00Z";
        }
        users[0].roles.push_back(domain::RoleGrant{domain::Role::kTeacher, "", std::nullopt});
        users[1].roles.push_back(domain::RoleGrant{domain::Role::kTeacher, "", std::nullopt});
        users[2].roles.push_back(domain::RoleGrant{domain::Role::kHost, "", tours_[0].site_id});
        ASSERT_TRUE(store::InsertUsers(*db_, users).ok());
        for (int i = 0; i < 3; ++i) {
            who_[i].user_id = users[i].id;
            who_[i].roles = users[i].roles;
        }
    }
    static void TearDownTestSuite() {
        delete db_;
        db_ = nullptr;
        store::RemoveSqliteFiles(path_);
    }
    void SetUp() override { store::SetRequestDeadline(*db_, Edition(), ""); }

    static long long Edition() { return RequestChoices(*db_, domain::Audience::kSchool)->phase.edition_id; }
    long long Count(const std::string& sql) {
        long long n = 0;
        db_->sql() << sql, soci::into(n);
        return n;
    }
    domain::School AnySchool() {
        long long id = 0;
        db_->sql() << "SELECT min(id) FROM school WHERE uai IS NOT NULL AND to_check = 0", soci::into(id);
        auto school = SchoolById(*db_, id);
        EXPECT_TRUE(school.ok() && *school) << "no school with a UAI";
        return school.ok() && *school ? **school : domain::School{};
    }
    GroupRequestInput Valid(long long school_id) {
        GroupRequestInput in;
        in.level = "3e";
        in.pupils = 24;
        in.adults = 2;
        in.school_id = school_id;
        for (const auto& t : tours_) in.wishes.push_back(t.session_id);
        return in;
    }
    long long Store(const GroupRequestInput& in, const auth::Principal& who) {
        auto built = BuildGroupRequest(*db_, who, in);
        auto* b = std::get_if<BuiltRequest>(&built);
        EXPECT_NE(b, nullptr);
        if (!b) return 0;
        auto id = StoreGroupRequest(*db_, *b, {}, [](const GroupRequestView& v, const std::string& deadline) {
            return MailText{"Accusé " + std::to_string(v.request.id), v.school_name + " / " + deadline};
        });
        EXPECT_TRUE(id.ok());
        return id.ok() ? *id : 0;
    }

    static inline fs::path path_;
    static inline store::Database* db_ = nullptr;
    static inline std::vector<FridayTour> tours_;
    static inline auth::Principal who_[3];  // teacher A, teacher B, the host of tours_[0]'s site
};

TEST_F(FridayRequestsTest, FindsASchoolByNameTownOrUai) {
    const domain::School s = AnySchool();
    auto by = [&](const std::string& q) {
        auto found = FindSchools(*db_, q, 50);
        EXPECT_TRUE(found.ok());
        return std::any_of(found->begin(), found->end(), [&](const domain::School& f) { return f.id == s.id; });
    };
    EXPECT_TRUE(by(s.uai));
    std::string lower_uai = s.uai;
    lower_uai.back() = static_cast<char>(std::tolower(static_cast<unsigned char>(lower_uai.back())));
    EXPECT_TRUE(by(" " + lower_uai + " "));
    EXPECT_TRUE(by(s.commune_name));
    EXPECT_TRUE(by(s.name.substr(s.name.find(' ') + 1, 10) + " " + s.commune_name));
    EXPECT_TRUE(by("college " + s.commune_name) || s.kind != domain::SchoolKind::kCollege);  // "Collège", unaccented
    EXPECT_FALSE(by("zzzz-no-such-school"));
    EXPECT_TRUE(FindSchools(*db_, "a", 10)->empty());   // too short to search
    EXPECT_TRUE(FindSchools(*db_, "%_", 10)->empty());  // LIKE's wildcards are plain text
}

TEST_F(FridayRequestsTest, ShowsEveryErrorAtOnceEachWithItsField) {
    GroupRequestInput in = Valid(AnySchool().id);
    in.school_id.reset();
    in.new_school = NewSchoolInput{"X", "123", "nowhere at all", "castle", "rep", false};
    in.pupils = 0;
    in.wishes = {tours_[0].session_id, 999999999, tours_[0].session_id};
    in.radius_km = 500;
    auto built = BuildGroupRequest(*db_, who_[0], in);
    auto* errors = std::get_if<FieldErrors>(&built);
    ASSERT_NE(errors, nullptr);
    std::vector<std::string> fields;
    for (const auto& e : *errors) fields.push_back(e.field);
    EXPECT_EQ(fields, (std::vector<std::string>{"pupils", "new_school_name", "new_school_uai", "new_school_kind",
                                                "new_school_place", "wish2", "wish3", "radius_km"}));
    for (const auto& e : *errors) EXPECT_FALSE(e.error.message_fr.empty()) << e.field;
}

TEST_F(FridayRequestsTest, ANewSchoolIsStoredToCheckWithTheRequestAndTheRequesterIsAcknowledged) {
    GroupRequestInput in = Valid(0);
    in.school_id.reset();
    in.new_school = NewSchoolInput{"Collège des Essais", "", "Lyon", "college", "rep_plus", true};
    const long long id = Store(in, who_[0]);
    ASSERT_GT(id, 0);
    auto view = FindGroupRequest(*db_, id);
    ASSERT_TRUE(view.ok() && *view);
    EXPECT_EQ((*view)->school_name, "Collège des Essais");
    EXPECT_TRUE((*view)->school_to_check);
    EXPECT_EQ((*view)->request.department_code, "69");
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'group_request.ack' AND to_address = "
                    "'prof-a@example.org' AND subject = 'Accusé " + std::to_string(id) + "'"),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'school.create'"), 1);
    // The organiser sees it to check, and confirms it with corrected flags.
    auth::Principal organiser;
    organiser.user_id = who_[2].user_id;
    organiser.roles.push_back(domain::RoleGrant{domain::Role::kOrganiser, "", std::nullopt});
    auto to_check = SchoolsToCheck(*db_, organiser, 50);
    ASSERT_TRUE(to_check.ok());
    ASSERT_EQ(to_check->size(), 1u);
    EXPECT_EQ(to_check->front().priority_education, domain::PriorityEducation::kRepPlus);
    EXPECT_TRUE(to_check->front().rural);
    auth::Principal relay_elsewhere;
    relay_elsewhere.user_id = who_[2].user_id;
    relay_elsewhere.roles.push_back(domain::RoleGrant{domain::Role::kRelay, "2A", std::nullopt});
    EXPECT_TRUE(SchoolsToCheck(*db_, relay_elsewhere, 50)->empty());
    EXPECT_EQ(Code(ConfirmSchool(*db_, relay_elsewhere, to_check->front().id, domain::PriorityEducation::kRep, false)), Code(ErrorCode::kForbidden));
    ASSERT_TRUE(ConfirmSchool(*db_, organiser, to_check->front().id, domain::PriorityEducation::kRep, false).ok());
    // Once checked (as any reference school), its flags are not edited through this path.
    EXPECT_EQ(Code(ConfirmSchool(*db_, organiser, to_check->front().id, domain::PriorityEducation::kRepPlus, true)),
              Code(ErrorCode::kConflict));
    EXPECT_TRUE(SchoolsToCheck(*db_, organiser, 50)->empty());
    EXPECT_EQ(Count("SELECT count(*) FROM school WHERE priority_education = 'rep' AND rural = 0 AND id = " +
                    std::to_string(to_check->front().id)),
              1);
}

TEST_F(FridayRequestsTest, OnlyTheOrganiserSetsTheDeadlineOfAnEditionThatExists) {
    auth::Principal organiser;
    organiser.user_id = who_[2].user_id;
    organiser.roles.push_back(domain::RoleGrant{domain::Role::kOrganiser, "", std::nullopt});
    EXPECT_EQ(Code(SetRequestDeadline(*db_, who_[0], Edition(), "2099-01-01")), Code(ErrorCode::kForbidden));
    EXPECT_EQ(Code(SetRequestDeadline(*db_, organiser, 999999, "2099-01-01")), Code(ErrorCode::kNotFound));
    EXPECT_EQ(Code(SetRequestDeadline(*db_, organiser, Edition(), "2099-02-30")), Code(ErrorCode::kInvalidArgument));
    EXPECT_EQ(Count("SELECT count(*) FROM edition WHERE request_deadline IS NOT NULL"), 0);
    ASSERT_TRUE(SetRequestDeadline(*db_, organiser, Edition(), "2099-01-01").ok());
    EXPECT_EQ(Count("SELECT count(*) FROM edition WHERE request_deadline = '2099-01-01T22:59:59Z' AND id = " +
                    std::to_string(Edition())),
              1);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'edition.request_deadline'"), 1);
}

TEST_F(FridayRequestsTest, EditAndCancelUntilTheDeadlineAndOnlyOnesOwn) {
    const long long id = Store(Valid(AnySchool().id), who_[0]);
    ASSERT_GT(id, 0);
    store::SetRequestDeadline(*db_, Edition(), "2099-01-01T00:00:00Z");
    GroupRequestInput changed = Valid(AnySchool().id);
    changed.pupils = 20;
    changed.wishes = {tours_[2].session_id, tours_[1].session_id};
    EXPECT_EQ(EditGroupRequest(*db_, who_[1], id, changed).front().error.code, ErrorCode::kNotFound);  // another's
    EXPECT_EQ(Code(CancelGroupRequest(*db_, who_[1], id)), Code(ErrorCode::kNotFound));
    auto errors = EditGroupRequest(*db_, who_[0], id, changed);
    ASSERT_TRUE(errors.empty()) << errors.front().error.message;
    auto view = FindGroupRequest(*db_, id);
    EXPECT_EQ((*view)->request.pupils, 20);
    ASSERT_EQ((*view)->wishes.size(), 2u);
    EXPECT_EQ((*view)->wishes[0].session_id, tours_[2].session_id);
    // After the deadline: neither edited nor cancelled.
    EXPECT_EQ(EditGroupRequest(*db_, who_[0], id, changed, "2099-01-02T00:00:00Z").front().error.code,
              ErrorCode::kConflict);
    EXPECT_EQ(Code(CancelGroupRequest(*db_, who_[0], id, "2099-01-02T00:00:00Z")), Code(ErrorCode::kConflict));
    const long long told = Count("SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE r.role = "
                                 "'host' AND u.deleted_at IS NULL AND r.site_id IN (SELECT coalesce(w.site_id, "
                                 "s.site_id) FROM group_request_wish w LEFT JOIN session s ON s.id = w.session_id "
                                 "WHERE w.request_id = " + std::to_string(id) + ")");
    ASSERT_TRUE(CancelGroupRequest(*db_, who_[0], id).ok());
    // The hosts it was sent to are told (issue 19).
    EXPECT_EQ(Count("SELECT count(*) FROM email_outbox WHERE kind = 'group_request.cancelled' AND body_text LIKE '%n°" +
                    std::to_string(id) + " %'"),
              told);
    EXPECT_EQ(Count("SELECT count(*) FROM group_request WHERE status = 'cancelled' AND id = " + std::to_string(id)), 1);
    EXPECT_EQ(Code(CancelGroupRequest(*db_, who_[0], id)), Code(ErrorCode::kConflict));  // no longer pending
}

TEST_F(FridayRequestsTest, ARefusalOfWish1LeavesWishes2And3Open) {
    store::SetRequestDeadline(*db_, Edition(), "2099-01-01T00:00:00Z");
    const long long id = Store(Valid(AnySchool().id), who_[0]);
    ASSERT_GT(id, 0);
    const auth::Principal& host = who_[2];  // hosts tours_[0]'s site: wish 1
    EXPECT_EQ(Code(MarkWishUnavailable(*db_, host, id, 2)), Code(ErrorCode::kForbidden));  // not their site
    EXPECT_EQ(Code(MarkWishUnavailable(*db_, host, id, 4)), Code(ErrorCode::kNotFound));
    // Before the round, the host neither accepts nor refuses the whole request.
    EXPECT_EQ(Code(FirstComeDecisionAllowed(*db_, id)), Code(ErrorCode::kConflict));
    ASSERT_TRUE(MarkWishUnavailable(*db_, host, id, 1).ok());
    EXPECT_EQ(Code(MarkWishUnavailable(*db_, host, id, 1)), Code(ErrorCode::kConflict));  // already marked
    auto view = FindGroupRequest(*db_, id);
    ASSERT_TRUE(view.ok() && *view);
    EXPECT_EQ((*view)->request.status, domain::RequestStatus::kPending);
    ASSERT_EQ((*view)->wishes.size(), 3u);
    EXPECT_TRUE((*view)->wishes[0].unavailable);
    EXPECT_FALSE((*view)->wishes[1].unavailable);
    EXPECT_FALSE((*view)->wishes[2].unavailable);
    // The allocation's data skips wish 1 and keeps wishes 2 and 3.
    int year = 0;
    const long long edition = Edition();
    db_->sql() << "SELECT year FROM edition WHERE id = :e", soci::use(edition), soci::into(year);
    auto data = store::LoadAllocationData(*db_, year);
    ASSERT_TRUE(data.ok()) << data.error().message;
    auto it = std::find_if(data->requests.begin(), data->requests.end(),
                           [&](const domain::GroupRequest& r) { return r.id == id; });
    ASSERT_NE(it, data->requests.end());
    ASSERT_EQ(it->wishes.size(), 2u);
    EXPECT_EQ(it->wishes[0].rank, 2);
    EXPECT_EQ(it->wishes[0].session_id, tours_[1].session_id);
    EXPECT_EQ(it->wishes[1].session_id, tours_[2].session_id);
    // An edit that keeps the tour keeps the mark.
    GroupRequestInput same = Valid(AnySchool().id);
    ASSERT_TRUE(EditGroupRequest(*db_, who_[0], id, same).empty());
    EXPECT_TRUE((*FindGroupRequest(*db_, id))->wishes[0].unavailable);
    EXPECT_EQ(Count("SELECT count(*) FROM audit_log WHERE action = 'group_request.wish_unavailable'"), 1);
    // A request made after the deadline is not in the round (ADR 0018: it is decided first-come
    // once the round is published).
    store::SetRequestDeadline(*db_, Edition(), "2000-01-01T00:00:00Z");
    auto late = store::LoadAllocationData(*db_, year);
    ASSERT_TRUE(late.ok()) << late.error().message;
    EXPECT_TRUE(std::none_of(late->requests.begin(), late->requests.end(),
                             [&](const domain::GroupRequest& r) { return r.id == id; }));
    // Without a request deadline, every request is first-come.
    store::SetRequestDeadline(*db_, Edition(), "");
    EXPECT_TRUE(FirstComeDecisionAllowed(*db_, id).ok());
}

TEST_F(FridayRequestsTest, WarnsOfATourWithTooFewPlacesOrNoGroupSlot) {
    const long long id = Store(Valid(AnySchool().id), who_[0]);
    ASSERT_GT(id, 0);
    auto view = FindGroupRequest(*db_, id);
    GroupRequestView v = **view;
    v.wishes[0].places_left = 13;
    v.wishes[0].groups_left = 1;
    v.wishes[1].groups_left = 0;
    v.wishes[2].places_left = 100;
    v.wishes[2].groups_left = 2;
    auto warnings = CapacityWarnings(v);
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_EQ(warnings[0].field, "wish1");
    EXPECT_NE(warnings[0].error.message_fr.find("13 places restantes pour votre groupe de 26"), std::string::npos);
    EXPECT_EQ(warnings[1].field, "wish2");
}

}  // namespace
}  // namespace juo::services
