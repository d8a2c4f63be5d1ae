// Tests of the exports, media and imports services over a real database (SQLite, or PostgreSQL
// with JUO_TEST_PG_URL): who may export which rows, the edition asked for, the lists as tables,
// the media mentions' input rules, their audited changes and the media page's overview, and the
// CSV import's dry run.
#include <gtest/gtest.h>

#include "services/exports.h"
#include "services/exports_labels.h"
#include "services/imports.h"
#include "services/media.h"
#include "store/back_office_test_data.h"

namespace juo::services {
namespace {

using store::testing::AddEdition;
using store::testing::AddParticipation;
using store::testing::AddSite;
using store::testing::AddUser;

class ServicesBackOfficeTest : public store::testing::DatabaseTest {
 protected:
    void SetUp() override {
        DatabaseTest::SetUp();
        old_ = AddEdition(*db_, 2025, domain::EditionStatus::kClosed);
        current_ = AddEdition(*db_, 2026, domain::EditionStatus::kOpen);
        AddParticipation(*db_, current_, AddSite(*db_, "Aciérie de Lyon"), domain::ParticipationStatus::kApproved);
        organiser_ = AddUser(*db_, "orga@example.org", "Orga", {{domain::Role::kOrganiser, "", std::nullopt}});
    }
    long long old_ = 0, current_ = 0, organiser_ = 0;
};

auth::Principal WithGrants(std::vector<domain::RoleGrant> grants) {
    auth::Principal p;
    p.user_id = 7;
    p.roles = std::move(grants);
    return p;
}

TEST(ExportScopeTest, OrganiserEverythingRelayTheirDepartmentsOthersNothing) {
    EXPECT_TRUE(ExportScopeOf(WithGrants({{domain::Role::kOrganiser, "", std::nullopt}})).everything);
    const ExportScope relay = ExportScopeOf(WithGrants(
        {{domain::Role::kRelay, "69", std::nullopt}, {domain::Role::kRelay, "38", std::nullopt},
         {domain::Role::kHost, "", 3}}));
    EXPECT_FALSE(relay.everything);
    EXPECT_EQ(relay.departments, (std::vector<std::string>{"69", "38"}));
    const ExportScope host = ExportScopeOf(WithGrants({{domain::Role::kHost, "", 3}}));
    EXPECT_FALSE(host.everything);
    EXPECT_TRUE(host.departments.empty());
}

TEST_F(ServicesBackOfficeTest, RequestedEditionIsTheYearOrTheCurrentOne) {
    auto current = RequestedEdition(*db_, "");
    ASSERT_TRUE(current.ok()) << current.error().message;
    EXPECT_EQ(current->year, 2026);
    auto old = RequestedEdition(*db_, "2025");
    ASSERT_TRUE(old.ok());
    EXPECT_EQ(old->id, old_);
    EXPECT_EQ(RequestedEdition(*db_, "20x5").error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(RequestedEdition(*db_, "26").error().code, ErrorCode::kInvalidArgument);
    EXPECT_EQ(RequestedEdition(*db_, "2031").error().code, ErrorCode::kNotFound);
    auto years = ExportEditionYears(*db_);
    ASSERT_TRUE(years.ok());
    EXPECT_EQ(*years, (std::vector<int>{2025, 2026}));
}

TEST_F(ServicesBackOfficeTest, ExportTableKeepsToTheScope) {
    auto all = ExportTable(*db_, "sites", current_, ExportScope::Everything());
    ASSERT_TRUE(all.ok()) << all.error().message;
    EXPECT_EQ(all->code, "sites");
    EXPECT_EQ(all->title_fr, "Sites participants");
    ASSERT_EQ(all->rows.size(), 1u);
    EXPECT_EQ(std::get<std::string>(all->rows[0][1]), "Aciérie de Lyon");
    auto elsewhere = ExportTable(*db_, "sites", current_, ExportScope::Departments({"38"}));
    ASSERT_TRUE(elsewhere.ok());
    EXPECT_TRUE(elsewhere->rows.empty());
    for (auto list : kExportLists) EXPECT_TRUE(ExportTable(*db_, list, current_, ExportScope::Everything()).ok()) << list;
    EXPECT_EQ(ExportTable(*db_, "visitors", current_, ExportScope::Everything()).error().code, ErrorCode::kNotFound);
}

TEST(ExportLabelsTest, CodesBecomeFrenchWordsAndUnknownCodesStay) {
    EXPECT_EQ(ExportLabelFr(ExportEnum::kAudience, "school"), "Scolaires");
    EXPECT_EQ(ExportLabelFr(ExportEnum::kAudiences, "job_seekers,school"), "France Travail, Scolaires");
    EXPECT_EQ(ExportLabelFr(ExportEnum::kAudiences, ""), "");
    EXPECT_EQ(ExportLabelFr(ExportEnum::kRequestStatus, "accepted"), "acceptée");
    EXPECT_EQ(ExportLabelFr(ExportEnum::kParticipationStatus, "approved"), "validée");
    EXPECT_EQ(ExportLabelFr(ExportEnum::kSessionStatus, "open"), "ouverte");
    EXPECT_EQ(ExportLabelFr(ExportEnum::kBookingKind, "group"), "groupe");
    EXPECT_EQ(ExportLabelFr(ExportEnum::kBookingStatus, "cancelled"), "annulée");
    EXPECT_EQ(ExportLabelFr(ExportEnum::kMediaKind, "print"), "Presse écrite");
    EXPECT_EQ(ExportLabelFr(ExportEnum::kSurveyAudience, "hosts"), "Usines");
    EXPECT_EQ(ExportLabelFr(ExportEnum::kQuestionKind, "yes_no"), "Oui / non");
    EXPECT_EQ(ExportLabelFr(ExportEnum::kRequestStatus, "surprise"), "surprise");
    // Paris time: winter UTC+1, summer UTC+2; anything else as is.
    EXPECT_EQ(ParisMinuteOf("2025-01-14T07:10:54Z"), "2025-01-14 08:10");
    EXPECT_EQ(ParisMinuteOf("2025-04-04T22:30:00Z"), "2025-04-05 00:30");
    EXPECT_EQ(ParisMinuteOf("hier"), "hier");
}

TEST_F(ServicesBackOfficeTest, ExportValuesInFrenchForFilesAndCodesForTheApi) {
    auto french = ExportTable(*db_, "sites", current_, ExportScope::Everything());
    ASSERT_TRUE(french.ok()) << french.error().message;
    ASSERT_EQ(french->rows.size(), 1u);
    EXPECT_EQ(std::get<std::string>(french->rows[0][4]), "validée");
    auto codes = ExportTable(*db_, "sites", current_, ExportScope::Everything(), ExportValues::kCodes);
    ASSERT_TRUE(codes.ok());
    EXPECT_EQ(std::get<std::string>(codes->rows[0][4]), "approved");
    auto sessions = ExportTable(*db_, "sessions", current_, ExportScope::Everything());
    ASSERT_TRUE(sessions.ok());
    EXPECT_EQ(sessions->columns[5].type, report::ColumnType::kDate);
    EXPECT_EQ(sessions->columns[6].type, report::ColumnType::kTime);
}

TEST_F(ServicesBackOfficeTest, MediaMentionInputIsChecked) {
    auto m = ReadMediaMention({"PRINT", "Le Progrès", "", "2026-04-01", "https://example.org/a", "2a"}, current_);
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m->kind, domain::MediaKind::kPrint);
    EXPECT_EQ(m->department_code, "2A");
    EXPECT_EQ(ReadMediaMention({"tract", "X", "", "2026-04-01", "", ""}, current_).error().code,
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(ReadMediaMention({"web", "X", "", "2026-04-01", "", "99"}, current_).error().code,
              ErrorCode::kInvalidArgument);
    EXPECT_EQ(ReadSocialMentions({"LinkedIn", "2026-04-01", "2026-04-07", "-3"}, current_).error().code,
              ErrorCode::kInvalidArgument);
    auto s = ReadSocialMentions({"LinkedIn", "2026-04-01", "2026-04-07", "12"}, current_);
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ(s->network, "linkedin");
}

TEST_F(ServicesBackOfficeTest, MediaChangesAreAuditedAndShownInTheOverview) {
    auto m = ReadMediaMention({"web", "Le Dauphiné", "Portes ouvertes", "2026-04-02", "", "38"}, current_);
    ASSERT_TRUE(m.ok());
    ASSERT_TRUE(AddMediaMention(*db_, organiser_, *m).ok());
    EXPECT_GT(m->id, 0);
    m->outlet = "Le Dauphiné libéré";
    ASSERT_TRUE(EditMediaMention(*db_, organiser_, *m).ok());
    auto found = FindMediaMention(*db_, m->id);
    ASSERT_TRUE(found.ok() && *found);
    EXPECT_EQ((*found)->outlet, "Le Dauphiné libéré");
    auto counts = ReadSocialMentions({"x", "2026-04-01", "2026-04-07", "5"}, current_);
    ASSERT_TRUE(counts.ok());
    ASSERT_TRUE(AddSocialMentions(*db_, organiser_, *counts).ok());

    auto overview = ReadMediaOverview(*db_, 1, 50);
    ASSERT_TRUE(overview.ok()) << overview.error().message;
    EXPECT_EQ(overview->edition.id, current_);
    EXPECT_EQ(overview->mentions.total, 1);
    ASSERT_EQ(overview->mentions.mentions.size(), 1u);
    ASSERT_EQ(overview->social.size(), 1u);
    EXPECT_EQ(overview->social[0].mentions, 5);
    EXPECT_EQ(ListMediaMentions(*db_, current_, 2, 50)->mentions.size(), 0u);
    EXPECT_EQ(ListMediaMentions(*db_, current_, 2, 50)->total, 1);
    // Pages outside 1..kMaxMediaPage are refused before (page - 1) * page_size can overflow.
    EXPECT_TRUE(ListMediaMentions(*db_, current_, kMaxMediaPage, 50).ok());
    for (long long page : {0LL, -1LL, kMaxMediaPage + 1, 9223372036854775807LL}) {
        EXPECT_EQ(ListMediaMentions(*db_, current_, page, 50).error().code, ErrorCode::kInvalidArgument) << page;
        EXPECT_EQ(ReadMediaOverview(*db_, page, 50).error().code, ErrorCode::kInvalidArgument) << page;
    }

    ASSERT_TRUE(RemoveMediaMention(*db_, organiser_, m->id).ok());
    ASSERT_TRUE(RemoveSocialMentions(*db_, organiser_, counts->id).ok());
    EXPECT_EQ(RemoveMediaMention(*db_, organiser_, m->id).error().code, ErrorCode::kNotFound);
    EXPECT_EQ(RemoveSocialMentions(*db_, organiser_, counts->id).error().code, ErrorCode::kNotFound);
    EXPECT_FALSE(*FindMediaMention(*db_, m->id));
    EXPECT_TRUE(ListSocialMentions(*db_, current_)->empty());
    EXPECT_EQ(CountAudit("media_mention.create"), 1);
    EXPECT_EQ(CountAudit("media_mention.update"), 1);
    EXPECT_EQ(CountAudit("media_mention.delete"), 1);
    EXPECT_EQ(CountAudit("social_mentions.create"), 1);
    EXPECT_EQ(CountAudit("social_mentions.delete"), 1);
}

TEST_F(ServicesBackOfficeTest, ImportDryRunWritesNothing) {
    const std::string csv = "type,média,date\npresse,Le Progrès,2026-04-01\nweb,Lyon Mag,2026-04-02\n";
    auto dry = ImportMedia(*db_, 2026, csv, true, organiser_);
    ASSERT_TRUE(dry.ok()) << dry.error().message;
    EXPECT_EQ(dry->rows, 2);
    EXPECT_TRUE(dry->problems.empty());
    EXPECT_EQ(dry->imported, 0);
    EXPECT_EQ(ListMediaMentions(*db_, current_, 1, 50)->total, 0);
    auto done = ImportMedia(*db_, 2026, csv, false, organiser_);
    ASSERT_TRUE(done.ok());
    EXPECT_EQ(done->imported, 2);
    EXPECT_EQ(ListMediaMentions(*db_, current_, 1, 50)->total, 2);
    auto bad = ImportSites(*db_, 2026, "entreprise\nAcier SA\n", true, organiser_);
    ASSERT_TRUE(bad.ok());
    EXPECT_FALSE(bad->problems.empty());
    EXPECT_EQ(ImportMedia(*db_, 2031, csv, true, organiser_).error().code, ErrorCode::kNotFound);
}

}  // namespace
}  // namespace juo::services
