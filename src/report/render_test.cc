// Tests of the renderers (text, JSON, CSV) and of the whole path from a real SQLite database
// through store::LoadBilanData to ComputeBilan.
#include <gtest/gtest.h>
#include <unistd.h>

#include <boost/json.hpp>
#include <filesystem>
#include <map>

#include "report/bilan.h"
#include "report/render_csv.h"
#include "report/render_json.h"
#include "report/render_text.h"
#include "report/test_data.h"
#include "store/bookings/booking_repository.h"
#include "store/bookings/bus_repository.h"
#include "store/db/database.h"
#include "store/editions/edition_repository.h"
#include "store/groups/group_request_repository.h"
#include "store/sites/internship_repository.h"
#include "store/media/media_repository.h"
#include "store/users/session_repository.h"
#include "store/sites/site_repository.h"
#include "store/surveys/survey_repository.h"
#include "store/sites/teaching_kit_repository.h"

namespace juo::report {
namespace {

namespace json = boost::json;

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(RenderTextTest, HeadlinesAndSectionsInTheSeedOrder) {
    const std::string text = RenderText(ComputeBilan(testing::Seed2025()));
    for (const char* line :
         {"BILAN — 1re ÉDITION\n", "Vendredi 4 et samedi 5 avril 2025\n", "+227 USINES OUVERTES\n",
          "90 % veulent participer à une prochaine édition\n", "+75 BUS FINANCÉS\n", "+20 000 VISITEURS\n",
          "53 % scolaires · 38 % grand public · 9 % France Travail\n", "+200 RETOMBÉES MÉDIA\n",
          "+350 mentions sur les réseaux sociaux\n", "1 KIT PÉDAGOGIQUE DE 16 PAGES\n"})
        EXPECT_TRUE(Has(text, line)) << line << "\n" << text;
    size_t previous = 0;
    for (const char* section :
         {"Les industriels se sont mobilisés", "La représentativité de l'industrie",
          "Des industriels satisfaits", "Les visiteurs ont répondu présent", "Les classes se sont déplacées",
          "Le financement des bus", "Un vrai moment pédagogique", "\nStages\n",
          "Les médias ont largement couvert", "Témoignages"}) {
        const size_t at = text.find(section);
        ASSERT_NE(at, std::string::npos) << section;
        EXPECT_GT(at, previous) << section << " is out of order";
        previous = at;
    }
    for (const char* figure :
         {"227 usines ouvertes",
          "290 événements sur les 2 jours :",
          "- 214 événements le vendredi 4 avril",
          "- 76 événements le samedi 5 avril",
          "20 secteurs d'activité représentés",
          "- Aéronautique, ferroviaire et naval",
          "- Pharmacie (21) : 1 usine, 0,4 % des usines industrielles",
          "2,3 % des emplois salariés",
          "95 % : taux de satisfaction parmi les usines participantes (120 réponses)",
          "90 % souhaitent rouvrir leurs portes pour la prochaine édition (120 réponses)",
          "(20 634 visiteurs comptés à l'accueil",
          "- Scolaires : 53 %",
          "- Grand public : 38 %",
          "- France Travail : 9 %",
          "Objectif atteint pour cette 1re édition (20 000 visiteurs visés)",
          "ex. Mécachimique : 10 classes pour 20 demandes !",
          "45 123 €",
          "6 010 km",
          "25 % des personnes inscrites en groupe",
          "Un kit pédagogique de 16 pages",
          "12 offres de stage (30 places), 18 places pourvues",
          "- +100 parutions papier (104)",
          "- +70 parutions sur le web (76)",
          "- +20 broadcasts (TV/radio/podcast) (23)",
          "+350 mentions (362)",
          "« J'ai appris des choses » — élève de 3e"})
        EXPECT_TRUE(Has(text, figure)) << figure << "\n" << text;
    EXPECT_EQ(text, RenderText(ComputeBilan(testing::Seed2025())));  // stable
    EXPECT_EQ(text.back(), '\n');
}

TEST(RenderTextTest, MissingAnswersAndUnmetTargetsAreSaid) {
    auto data = testing::Seed2025();
    data.host_satisfaction_answers = data.host_satisfied = 0;
    data.host_open_again_answers = data.host_open_again_yes = 0;
    data.edition.target_visitors = 50000;
    const std::string text = RenderText(ComputeBilan(data));
    EXPECT_TRUE(Has(text, "n/a : taux de satisfaction parmi les usines participantes (0 réponse)"));
    EXPECT_FALSE(Has(text, "veulent participer"));
    EXPECT_TRUE(Has(text, "Objectif non atteint pour cette 1re édition (50 000 visiteurs visés)"));
    // An empty edition renders too.
    EXPECT_TRUE(Has(RenderText(ComputeBilan(store::BilanData{})), "0 USINES OUVERTES"));
}

TEST(RenderJsonTest, ParsesBackWithTheFigures) {
    const std::string text = RenderJson(ComputeBilan(testing::Seed2025()));
    EXPECT_EQ(text.back(), '\n');
    const json::value v = json::parse(text);
    const auto& o = v.as_object();
    std::vector<std::string> keys;
    for (const auto& [key, value] : o) keys.emplace_back(key);
    EXPECT_EQ(keys, (std::vector<std::string>{"edition", "scope", "headlines", "sites", "events", "sectors",
                                              "visitors", "group_requests", "buses", "media", "host_survey",
                                              "teaching_kit", "internships", "quotes", "regions",
                                              "departments", "white_zones", "targets", "previous_edition"}));
    EXPECT_TRUE(v.at("previous_edition").is_null());
    EXPECT_EQ(v.at("white_zones").at("departments").at(0).at("code").as_string(), "13");
    EXPECT_EQ(v.at("visitors").at("attendance_pct").as_int64(), 90);
    EXPECT_EQ(v.at("media").at("by_month").at(0).at("month").as_string(), "2025-03");
    EXPECT_EQ(v.at("edition").at("year").as_int64(), 2025);
    EXPECT_EQ(v.at("edition").at("date_phrase_fr").as_string(), "Vendredi 4 et samedi 5 avril 2025");
    EXPECT_EQ(v.at("headlines").at("visitors").as_string(), "+20 000");
    EXPECT_EQ(v.at("headlines").at("media_by_kind").at("web").as_string(), "+70");
    EXPECT_EQ(v.at("sites").at("open").as_int64(), 227);
    EXPECT_TRUE(v.at("sites").at("target").is_null());
    EXPECT_EQ(v.at("events").at("by_day").at(0).at("events").as_int64(), 214);
    EXPECT_EQ(v.at("events").at("by_day").at(1).at("weekday_fr").as_string(), "samedi");
    EXPECT_EQ(v.at("sectors").at("represented").as_int64(), 20);
    EXPECT_EQ(v.at("sectors").at("top").at(0).at("division").as_string(), "30");
    bool pharma = false;
    for (const auto& u : v.at("sectors").at("under_represented").as_array())
        if (u.at("division").as_string() == "21") {
            pharma = true;
            EXPECT_EQ(u.at("measure").as_string(), "jobs");
            EXPECT_NEAR(u.at("national_share_pct").to_number<double>(), 2.31, 1e-9);
        }
    EXPECT_TRUE(pharma);
    const auto& visitors = v.at("visitors");
    EXPECT_EQ(visitors.at("attended").as_int64(), 20634);
    EXPECT_EQ(visitors.at("target_met").as_bool(), true);
    EXPECT_EQ(visitors.at("by_audience").at(0).at("code").as_string(), "school");
    EXPECT_EQ(visitors.at("by_audience").at(0).at("share_pct").as_int64(), 53);
    EXPECT_EQ(visitors.at("by_audience").at(2).at("share_pct").as_int64(), 9);
    EXPECT_EQ(v.at("group_requests").at("most_oversubscribed").at("requests").as_int64(), 20);
    EXPECT_EQ(v.at("buses").at("cost_cents").as_int64(), 4512345);
    EXPECT_NEAR(v.at("buses").at("cost_euros").to_number<double>(), 45123.45, 1e-9);
    EXPECT_EQ(v.at("buses").at("share_of_booked_group_people_pct").as_int64(), 25);
    EXPECT_EQ(v.at("media").at("total").as_int64(), 203);
    EXPECT_EQ(v.at("media").at("social_mentions").as_int64(), 362);
    EXPECT_EQ(v.at("host_survey").at("satisfied").at("pct").as_int64(), 95);
    EXPECT_EQ(v.at("teaching_kit").at("pages").as_int64(), 16);
    EXPECT_EQ(v.at("quotes").at(1).at("text").as_string(), "J'aimerais bien y travailler, \"vraiment\"");
    EXPECT_FALSE(Has(text, "E-")) << "doubles in exponent form";
    EXPECT_EQ(text, RenderJson(ComputeBilan(testing::Seed2025())));

    const json::value empty = json::parse(RenderJson(ComputeBilan(store::BilanData{})));
    EXPECT_TRUE(empty.at("host_survey").at("satisfied").at("pct").is_null());
    EXPECT_TRUE(empty.at("group_requests").at("most_oversubscribed").is_null());
}

// Splits RFC 4180 text into records of fields.
std::vector<std::vector<std::string>> ParseCsv(const std::string& text) {
    std::vector<std::vector<std::string>> rows(1, std::vector<std::string>(1));
    bool quoted = false;
    for (size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
                rows.back().back() += '"';
                ++i;
            } else if (c == '"') {
                quoted = false;
            } else {
                rows.back().back() += c;
            }
        } else if (c == '"') {
            quoted = true;
        } else if (c == ',') {
            rows.back().emplace_back();
        } else if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') {
            ++i;
            rows.emplace_back(1);
        } else {
            rows.back().back() += c;
        }
    }
    if (rows.back().size() == 1 && rows.back()[0].empty()) rows.pop_back();
    return rows;
}

TEST(RenderCsvTest, HeaderAndOneRowPerFigure) {
    const std::string text = RenderCsv(ComputeBilan(testing::Seed2025()));
    ASSERT_EQ(text.rfind("section,key,label_fr,value\r\n", 0), 0u);
    const auto rows = ParseCsv(text);
    std::map<std::string, std::string> values;
    for (const auto& row : rows) {
        ASSERT_EQ(row.size(), 4u) << row[0];
        values[row[0] + "/" + row[1]] = row[3];
    }
    EXPECT_EQ(values["sites/open"], "227");
    EXPECT_EQ(values["sites/target"], "");
    EXPECT_EQ(values["sites/region.84"], "120");
    EXPECT_EQ(values["events/day.2025-04-04.events"], "214");
    EXPECT_EQ(values["events/day.2025-04-05.weekday"], "samedi");
    EXPECT_EQ(values["visitors/school.share_pct"], "53");
    EXPECT_EQ(values["visitors/public.share_pct"], "38");
    EXPECT_EQ(values["visitors/job_seekers.share_pct"], "9");
    EXPECT_EQ(values["visitors/job_seekers.attended"], "1857");
    EXPECT_EQ(values["visitors/target_met"], "1");
    EXPECT_EQ(values["sectors/sector.30.sites"], "30");
    EXPECT_EQ(values["sectors/under_represented.21.measure"], "jobs");
    EXPECT_EQ(values["media/print"], "104");
    EXPECT_EQ(values["media/broadcast"], "23");
    EXPECT_EQ(values["headlines/visitors"], "+20 000");
    EXPECT_EQ(values["buses/cost_euros"], "45123.45");
    EXPECT_EQ(values["host_survey/open_again_pct"], "90");
    EXPECT_EQ(values["quotes/quote.2"], "J'aimerais bien y travailler, \"vraiment\"");
    EXPECT_TRUE(Has(text, "\"J'aimerais bien y travailler, \"\"vraiment\"\"\""));
    int audiences = 0;
    for (const auto& row : rows)
        if (row[0] == "visitors" && row[1].size() > 10 && row[1].substr(row[1].size() - 10) == ".share_pct")
            ++audiences;
    EXPECT_EQ(audiences, 3);
}

// ---- The whole path through a real SQLite database.

class BilanFromDatabaseTest : public ::testing::Test {
 protected:
    void SetUp() override {
        dir_ = std::filesystem::temp_directory_path() / ("juo_report_test_" + std::to_string(::getpid()));
        std::filesystem::remove_all(dir_);
        std::filesystem::create_directories(dir_);
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::filesystem::path dir_;
};

domain::Site MakeSite(long long organisation, const std::string& name, const std::string& naf,
                      const std::string& postcode, const std::string& commune_code,
                      const std::string& commune, const std::string& department, const std::string& region,
                      LatLon position) {
    domain::Site s;
    s.organisation_id = organisation;
    s.name = name;
    s.naf_code = naf;
    s.naf_division = naf.substr(0, 2);
    s.address = "1 rue de l'Usine";
    s.postcode = postcode;
    s.commune_code = commune_code;
    s.commune_name = commune;
    s.department_code = department;
    s.region_code = region;
    s.position = position;
    s.created_at = "2025-01-01T00:00:00Z";
    return s;
}

domain::Session MakeSession(long long edition, long long site, const std::string& day, int people, int groups,
                            std::vector<domain::Audience> audiences) {
    domain::Session s;
    s.edition_id = edition;
    s.site_id = site;
    s.day_date = day;
    s.starts_at = "09:30";
    s.ends_at = "11:00";
    s.capacity_people = people;
    s.capacity_groups = groups;
    s.audiences = std::move(audiences);
    return s;
}

TEST_F(BilanFromDatabaseTest, FiguresMatchWhatWasInserted) {
    auto opened = store::Database::Open((dir_ / "bilan.db").string(), store::OpenMode::kCreateIfMissing);
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    auto& db = **opened;
    using domain::Audience;
    auto status = db.InTransaction<Unit>([&]() -> Result<Unit> {
        domain::Edition e;
        e.year = 2025;
        e.name = "1re édition";
        e.target_sites = 3;
        e.target_visitors = 100;
        e.created_at = "2025-01-01T00:00:00Z";
        e.days = {{0, "2025-04-04", {Audience::kSchool, Audience::kJobSeekers}},
                  {0, "2025-04-05", {Audience::kPublic}}};
        JUO_TRY(store::InsertEdition(db, e));

        std::vector<domain::Organisation> orgs{{0, "Mécachimique SA", "", "2025-01-01T00:00:00Z"},
                                               {0, "Pharma SAS", "", "2025-01-01T00:00:00Z"}};
        store::InsertOrganisations(db, orgs);
        std::vector<domain::Site> sites{MakeSite(orgs[0].id, "Mécachimique", "29.10Z", "69001", "69123",
                                                 "Lyon", "69", "84", {45.76, 4.83}),
                                        MakeSite(orgs[0].id, "Mécachimique Est", "29.32Z", "69100", "69266",
                                                 "Villeurbanne", "69", "84", {45.77, 4.88}),
                                        MakeSite(orgs[1].id, "Pharma Paris", "21.20Z", "75013", "75056",
                                                 "Paris", "75", "11", {48.83, 2.36})};
        JUO_TRY(store::InsertSites(db, sites));
        std::vector<domain::Participation> participations;
        for (const auto& s : sites)
            participations.push_back({0, e.id, s.id, domain::ParticipationStatus::kApproved,
                                      "2025-02-01T00:00:00Z", "2025-02-02T00:00:00Z"});
        store::InsertParticipations(db, participations);

        std::vector<domain::Session> sessions{
            MakeSession(e.id, sites[0].id, "2025-04-04", 60, 2, {Audience::kSchool, Audience::kJobSeekers}),
            MakeSession(e.id, sites[0].id, "2025-04-04", 30, 1, {Audience::kSchool}),
            MakeSession(e.id, sites[0].id, "2025-04-05", 20, 0, {Audience::kPublic}),
            MakeSession(e.id, sites[1].id, "2025-04-04", 30, 1, {Audience::kJobSeekers}),
            MakeSession(e.id, sites[2].id, "2025-04-05", 20, 0, {Audience::kPublic})};
        JUO_TRY(store::InsertSessions(db, sessions));

        // Four group requests: three for Mécachimique (two accepted, one refused), one for its Est site.
        std::vector<domain::GroupRequest> requests(4);
        for (size_t i = 0; i < requests.size(); ++i) {
            auto& r = requests[i];
            r.edition_id = e.id;
            r.audience = i == 3 ? Audience::kJobSeekers : Audience::kSchool;
            r.level = i == 3 ? "adultes" : "3e";
            r.pupils = 20;
            r.adults = 2;
            r.bus_needed = i == 0 || i == 2;
            r.position = {45.7, 4.8};
            r.department_code = "69";
            r.status = i == 2 ? domain::RequestStatus::kRefused : domain::RequestStatus::kAccepted;
            r.submitted_at = "2025-03-01T00:00:00Z";
            r.wishes = {{1, std::nullopt, i == 3 ? sites[1].id : sites[0].id}};
        }
        JUO_TRY(store::InsertGroupRequests(db, requests));

        auto booking = [&](long long session, domain::BookingKind kind, Audience audience, int people) {
            domain::Booking b;
            b.edition_id = e.id;
            b.session_id = session;
            b.kind = kind;
            b.audience = audience;
            b.people = people;
            b.created_at = "2025-03-10T00:00:00Z";
            return b;
        };
        using domain::BookingKind;
        std::vector<domain::Booking> bookings{
            booking(sessions[0].id, BookingKind::kGroup, Audience::kSchool, 25),
            booking(sessions[1].id, BookingKind::kGroup, Audience::kSchool, 20),
            booking(sessions[3].id, BookingKind::kGroup, Audience::kJobSeekers, 10),
            booking(sessions[2].id, BookingKind::kParty, Audience::kPublic, 4),
            booking(sessions[2].id, BookingKind::kParty, Audience::kPublic, 3),
            booking(sessions[4].id, BookingKind::kParty, Audience::kPublic, 5),
            booking(sessions[4].id, BookingKind::kParty, Audience::kPublic, 2)};
        bookings[6].status = domain::BookingStatus::kCancelled;  // not counted
        for (size_t i = 0; i < bookings.size(); ++i) bookings[i].ticket_code = "T" + std::to_string(i);
        bookings[0].group_request_id = requests[0].id;
        bookings[1].group_request_id = requests[1].id;
        bookings[2].group_request_id = requests[3].id;
        store::InsertBookings(db, bookings);
        JUO_TRY(store::RecountSessionCounters(db, e.id));
        // Attended: school 24 + 20, France Travail 8, public 4 + 2; the party of 5 never came.
        std::vector<domain::CheckIn> check_ins;
        for (auto [index, attended] :
             std::vector<std::pair<int, int>>{{0, 24}, {1, 20}, {2, 8}, {3, 4}, {4, 2}})
            check_ins.push_back({0, bookings[index].id, attended, "2025-04-04T08:00:00Z", {}});
        JUO_TRY(store::InsertCheckIns(db, check_ins, bookings));

        std::vector<domain::Bus> buses(2);
        buses[0] = {0, e.id, std::nullopt, 55, 50000, 40.5, {bookings[0].id}};
        buses[1] = {0, e.id, std::nullopt, 30, 42000, 12.0, {bookings[2].id}};
        store::InsertBuses(db, buses);

        std::vector<domain::MediaMention> media;
        for (auto kind : {domain::MediaKind::kPrint, domain::MediaKind::kPrint, domain::MediaKind::kWeb,
                          domain::MediaKind::kBroadcast}) {
            domain::MediaMention m;
            m.edition_id = e.id;
            m.kind = kind;
            m.outlet = "Le Progrès";
            m.published_on = "2025-04-06";
            media.push_back(m);
        }
        JUO_TRY(store::InsertMediaMentions(db, media));
        std::vector<domain::SocialMentions> social{{0, e.id, "linkedin", "2025-04-01", "2025-04-30", 30},
                                                   {0, e.id, "instagram", "2025-04-01", "2025-04-30", 12}};
        store::InsertSocialMentions(db, social);

        domain::Survey survey;
        survey.edition_id = e.id;
        survey.audience = domain::SurveyAudience::kHosts;
        survey.title = "Votre avis";
        std::vector<domain::SurveyQuestion> questions{
            {0, 0, 1, domain::QuestionKind::kRating, std::string(domain::kQuestionSatisfaction),
             "Satisfait ?"},
            {0, 0, 2, domain::QuestionKind::kYesNo, std::string(domain::kQuestionOpenAgain), "Rouvrir ?"}};
        store::InsertSurvey(db, survey, questions);
        auto response = [&](long long site, std::vector<domain::SurveyAnswer> answers) {
            store::ResponseWithAnswers r;
            r.response.survey_id = survey.id;
            r.response.site_id = site;
            r.response.submitted_at = "2025-04-10T00:00:00Z";
            r.answers = std::move(answers);
            return r;
        };
        auto rating = [&](int value) {
            return domain::SurveyAnswer{0, questions[0].id, value, std::nullopt, ""};
        };
        auto yes_no = [&](bool value) {
            return domain::SurveyAnswer{0, questions[1].id, std::nullopt, value, ""};
        };
        std::vector<store::ResponseWithAnswers> responses{response(sites[0].id, {rating(5), yes_no(true)}),
                                                          response(sites[1].id, {rating(4), yes_no(false)}),
                                                          response(sites[2].id, {rating(2)})};
        JUO_TRY(store::InsertResponses(db, questions, responses));
        std::vector<domain::Quote> quotes{
            {0, e.id, "J'ai appris des choses", "élève de 3e", std::nullopt, true},
            {0, e.id, "Pas publié", "élève", std::nullopt, false}};
        store::InsertQuotes(db, quotes);

        domain::TeachingKitDocument kit;
        kit.edition_id = e.id;
        kit.title = "Kit pédagogique";
        kit.pages = 16;
        kit.published = true;
        store::InsertTeachingKitDocument(db, kit);
        domain::TeachingKitDocument draft = kit;
        draft.title = "Brouillon";
        draft.pages = 4;
        draft.published = false;
        store::InsertTeachingKitDocument(db, draft);

        std::vector<domain::InternshipOffer> offers(2);
        offers[0] = {0, e.id, sites[0].id,           domain::InternshipKind::kStage3e, "Stage de 3e",
                     3, 1,    "2025-04-07T00:00:00Z"};
        offers[1] = {
            0, e.id, sites[2].id,           domain::InternshipKind::kStageSeconde, "Stage de seconde",
            2, 2,    "2025-04-07T00:00:00Z"};
        JUO_TRY(store::InsertInternshipOffers(db, offers));
        return Unit{};
    });
    ASSERT_TRUE(status.ok()) << status.error().message;

    auto data = store::LoadBilanData(db, 2025);
    ASSERT_TRUE(data.ok()) << data.error().message;
    const Bilan b = ComputeBilan(*data);

    EXPECT_EQ(b.edition.date_phrase_fr, "Vendredi 4 et samedi 5 avril 2025");
    EXPECT_EQ(b.sites.open, 3);
    EXPECT_EQ(b.sites.target_met, true);
    ASSERT_EQ(b.sites.by_region.size(), 2u);
    EXPECT_EQ(b.sites.by_region[0].name, "Auvergne-Rhône-Alpes");
    EXPECT_EQ(b.sites.by_region[0].sites, 2);
    ASSERT_EQ(b.sites.by_department.size(), 2u);
    EXPECT_EQ(b.sites.by_department[1].name, "Paris");

    EXPECT_EQ(b.events.total, 4);  // Friday: both Mécachimique sites; Saturday: Mécachimique and Pharma
    ASSERT_EQ(b.events.days.size(), 2u);
    EXPECT_EQ(b.events.days[0].events, 2);
    EXPECT_EQ(b.events.days[0].sessions, 3);
    EXPECT_EQ(b.events.days[0].weekday_fr, "vendredi");
    EXPECT_EQ(b.events.days[1].events, 2);
    EXPECT_EQ(b.events.days[1].sessions, 2);

    EXPECT_EQ(b.sectors.represented, 2);
    EXPECT_EQ(b.sectors.top[0].short_fr, "Automobile");
    EXPECT_EQ(b.sectors.top[0].sites, 2);

    const auto& v = b.visitors;
    EXPECT_EQ(v.attended, 58);
    EXPECT_EQ(v.booked_people, 67);
    EXPECT_EQ(v.bookings, 6);
    EXPECT_EQ(v.checked_in_bookings, 5);
    // 44 / 6 / 8 of 58: 75.9 / 10.3 / 13.8 → 76 / 10 / 14.
    EXPECT_EQ(v.by_audience[0].attended, 44);
    EXPECT_EQ(v.by_audience[0].share_pct, 76);
    EXPECT_EQ(v.by_audience[1].attended, 6);
    EXPECT_EQ(v.by_audience[1].booked_people, 12);
    EXPECT_EQ(v.by_audience[1].share_pct, 10);
    EXPECT_EQ(v.by_audience[2].attended, 8);
    EXPECT_EQ(v.by_audience[2].share_pct, 14);
    EXPECT_EQ(v.target_met, false);

    const auto& g = b.group_requests;
    EXPECT_EQ(g.total, 4);
    EXPECT_EQ(g.accepted, 3);
    EXPECT_EQ(g.refused, 1);
    EXPECT_EQ(g.bus_needed, 2);
    ASSERT_EQ(g.most_requested.size(), 2u);
    EXPECT_EQ(g.most_requested[0].name, "Mécachimique");
    EXPECT_EQ(g.most_requested[0].requests, 3);
    EXPECT_EQ(g.most_requested[0].group_capacity, 3);
    EXPECT_EQ(g.most_requested[0].accepted_groups, 2);
    EXPECT_FALSE(g.most_oversubscribed.has_value());  // 3 requests for 3 group places

    EXPECT_EQ(b.buses.buses, 2);
    EXPECT_EQ(b.buses.seats, 85);
    EXPECT_EQ(b.buses.cost_cents, 92000);
    EXPECT_DOUBLE_EQ(b.buses.km, 52.5);
    EXPECT_EQ(b.buses.groups, 2);
    EXPECT_EQ(b.buses.people, 35);
    EXPECT_EQ(b.buses.booked_group_people, 55);
    EXPECT_EQ(b.buses.share_of_booked_group_people_pct, 64);

    EXPECT_EQ(b.media.total, 4);
    EXPECT_EQ(b.media.by_kind[0].count, 2);
    EXPECT_EQ(b.media.by_kind[1].count, 1);
    EXPECT_EQ(b.media.by_kind[2].count, 1);
    EXPECT_EQ(b.media.social_mentions, 42);

    EXPECT_EQ(b.host_survey.satisfied.answers, 3);
    EXPECT_EQ(b.host_survey.satisfied.pct, 67);
    EXPECT_EQ(b.host_survey.open_again.answers, 2);
    EXPECT_EQ(b.host_survey.open_again.pct, 50);

    EXPECT_EQ(b.teaching_kit.documents, 1);
    EXPECT_EQ(b.teaching_kit.pages, 16);
    EXPECT_EQ(b.internships.offers, 2);
    EXPECT_EQ(b.internships.places, 5);
    EXPECT_EQ(b.internships.filled, 3);
    ASSERT_EQ(b.quotes.size(), 1u);
    EXPECT_EQ(b.quotes[0].text, "J'ai appris des choses");

    const std::string text = RenderText(b);
    EXPECT_TRUE(Has(text, "+3 USINES OUVERTES")) << text;
    EXPECT_TRUE(Has(text, "+58 VISITEURS"));
    EXPECT_TRUE(Has(text, "(58 visiteurs comptés à l'accueil"));
}

}  // namespace
}  // namespace juo::report
