// Tests of the group requests', surveys' and audit journal's services on their own (the pages and
// the JSON API over them are tested in src/web): the checks that need no data, and the audit
// journal's pages on an empty SQLite file.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <algorithm>
#include <map>

#include "services/audit.h"
#include "services/audit_journal.h"
#include "services/group_requests.h"
#include "services/surveys.h"
#include "store/db/database.h"

namespace juo::services {
namespace {

class TempDb : public ::testing::Test {
 protected:
    void SetUp() override {
        path_ = std::filesystem::temp_directory_path() /
                ("juo_requests_surveys_test_" + std::to_string(::getpid()) + ".db");
        std::filesystem::remove(path_);
        auto db = store::Database::Open(path_.string(), store::OpenMode::kCreateIfMissing);
        ASSERT_TRUE(db.ok());
        db_ = std::move(*db);
    }
    void TearDown() override {
        db_.reset();
        std::filesystem::remove(path_);
    }
    std::filesystem::path path_;
    std::unique_ptr<Db> db_;
};

auth::Principal Teacher() {
    auth::Principal p;
    p.user_id = 7;
    p.roles.push_back(domain::RoleGrant{domain::Role::kTeacher, "", std::nullopt});
    return p;
}

using GroupRequestsTest = TempDb;

TEST_F(GroupRequestsTest, NamesTheFieldOfEachRefusal) {
    // Issue 18: every refusal at once, each with its field.
    auto fields = [&](GroupRequestInput in, const auth::Principal& who) {
        auto built = BuildGroupRequest(*db_, who, in);
        std::vector<std::string> out;
        if (auto* problems = std::get_if<FieldErrors>(&built))
            for (const auto& p : *problems) out.push_back(p.field);
        return out;
    };
    auto has = [](const std::vector<std::string>& v, const std::string& f) {
        return std::find(v.begin(), v.end(), f) != v.end();
    };
    GroupRequestInput ok{"3e", 24, 2, false, "Lyon", {1}};
    GroupRequestInput bad = ok;
    bad.level = "6e";
    bad.pupils = 0;
    bad.adults = 51;
    bad.wishes.clear();
    bad.place.clear();
    auto all = fields(bad, Teacher());
    EXPECT_TRUE(has(all, "level"));
    EXPECT_TRUE(has(all, "pupils"));
    EXPECT_TRUE(has(all, "adults"));
    EXPECT_TRUE(has(all, "school"));  // a teacher gives a school, found or new
    EXPECT_TRUE(has(all, "wish1"));
    EXPECT_EQ(all.size(), 5u);
    auth::Principal adviser;
    adviser.user_id = 8;
    adviser.roles.push_back(domain::RoleGrant{domain::Role::kAdviser, "", std::nullopt});
    GroupRequestInput nowhere = ok;
    nowhere.place = "nowhere at all";
    EXPECT_TRUE(has(fields(nowhere, adviser), "place"));
    GroupRequestInput four = ok;
    four.wishes = {1, 2, 3, 4};
    EXPECT_TRUE(has(fields(four, adviser), "wish1"));
    EXPECT_TRUE(has(fields(ok, adviser), "wish1"));  // no tour 1 in an empty database
}

TEST_F(GroupRequestsTest, NothingToDecideInAnEmptyDatabase) {
    auth::Principal organiser;
    organiser.user_id = 1;
    organiser.roles.push_back(domain::RoleGrant{domain::Role::kOrganiser, "", std::nullopt});
    auto requests = RequestsToDecide(*db_, organiser, 10);
    ASSERT_TRUE(requests.ok());
    EXPECT_TRUE(requests->empty());
    auto found = FindGroupRequest(*db_, 42);
    ASSERT_TRUE(found.ok());
    EXPECT_FALSE(found->has_value());
    EXPECT_EQ(TourBookings(*db_, organiser, 42).error().code, ErrorCode::kNotFound);
}

TEST(Surveys, ParsesTheQuestionsNotation) {
    auto q = ParseQuestions("note : Votre journée ? [satisfaction]\noui-non: Reviendriez-vous ?\n\nUn mot ?\n");
    ASSERT_TRUE(q.ok());
    ASSERT_EQ(q->size(), 3u);
    EXPECT_EQ((*q)[0].kind, domain::QuestionKind::kRating);
    EXPECT_EQ((*q)[0].code, "satisfaction");
    EXPECT_EQ((*q)[0].text_fr, "Votre journée ?");
    EXPECT_EQ((*q)[1].kind, domain::QuestionKind::kYesNo);
    EXPECT_EQ((*q)[2].kind, domain::QuestionKind::kText);
    EXPECT_EQ((*q)[2].position, 3);
    EXPECT_FALSE(ParseQuestions("\n\n").ok());
    EXPECT_EQ(ReadSurvey({"", "hosts", "Un mot ?"}).error().message, "Give a title and choose the recipients.");
    EXPECT_EQ(ReadSurvey({"Bilan", "nobody", "Un mot ?"}).error().code, ErrorCode::kInvalidArgument);
    EXPECT_TRUE(ReadSurvey({"Bilan", "teachers", "Un mot ?"}).ok());
}

TEST(Surveys, ReadsAResponse) {
    SurveyResults survey;
    survey.survey.id = 5;
    survey.survey.audience = domain::SurveyAudience::kVisitors;
    for (auto [id, kind] : {std::pair{1LL, domain::QuestionKind::kRating}, {2LL, domain::QuestionKind::kYesNo},
                            {3LL, domain::QuestionKind::kText}}) {
        QuestionResult q;
        q.question.id = id;
        q.question.kind = kind;
        survey.questions.push_back(q);
    }
    const Recipient recipient{9, "v@example.org", "V", std::nullopt};
    auto read = [&](std::map<long long, std::string> values) {
        return ReadResponse(survey, recipient, 9, [&](long long id) { return values[id]; });
    };
    auto r = read({{1, "4"}, {3, "Très bien"}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->answers.size(), 2u);
    EXPECT_EQ(r->response.respondent_label, "visitors");
    EXPECT_EQ(read({{1, "6"}}).error().message, "A rating is from 1 to 5.");
    EXPECT_EQ(read({{2, "peut-être"}}).error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(read({}).error().message_fr, "Répondez à au moins une question.");
}

using AuditJournalTest = TempDb;

TEST_F(AuditJournalTest, PagesNewestFirst) {
    ASSERT_TRUE(db_->InTransaction<Unit>([&]() -> Status {
                       for (int i = 1; i <= kAuditPageSize + 1; ++i) Audit(*db_, 0, "test.write", "thing", i, "");
                       Audit(*db_, 0, "other.write", "thing", 0, "");
                       return Ok();
                   }).ok());
    AuditFilter filter;
    filter.action_prefix = "test.";
    auto first = FindAuditPage(*db_, filter);
    ASSERT_TRUE(first.ok());
    EXPECT_EQ(first->page, 1);
    EXPECT_TRUE(first->more);
    ASSERT_EQ(first->entries.size(), static_cast<size_t>(kAuditPageSize));
    EXPECT_EQ(first->entries.front().entity_id, kAuditPageSize + 1);
    filter.offset = kAuditPageSize;
    auto second = FindAuditPage(*db_, filter);
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(second->page, 2);
    EXPECT_FALSE(second->more);
    ASSERT_EQ(second->entries.size(), 1u);
    EXPECT_EQ(second->entries[0].entity_id, 1);
}

}  // namespace
}  // namespace juo::services
