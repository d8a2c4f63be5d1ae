// Replica stages: media coverage and social mentions, the surveys (hosts, teachers, pupils) and
// the quotes picked from them, internship offers, the teaching kit, and the staff accounts.
#include <algorithm>
#include <map>

#include "common/clock.h"
#include "refdata/refdata.h"
#include "seed/catalogue.h"
#include "seed/generation.h"

namespace juo::seed {
namespace {

// Per unit of scale: 104 print, 74 web, 23 broadcast mentions (201: "+200"), 362 social mentions.
constexpr int kPrintMentions = 104;
constexpr int kWebMentions = 74;
constexpr int kBroadcastMentions = 23;
constexpr int kSocialMentions = 362;
constexpr int kSocialWeeks = 8;
// Host survey: 200 answers per unit; 95 % satisfied (rating 4 or 5), 90 % would open again.
constexpr int kHostRespondents = 200;
constexpr double kHostSatisfiedShare = 0.95;
constexpr double kHostOpenAgainShare = 0.90;
constexpr int kPupilRespondents = 400;
constexpr int kInternshipOffers = 28;

std::string RegionName(const std::string& code) {
    const auto* r = refdata::FindRegion(code);
    return r ? r->name : code;
}
std::string DepartmentName(const std::string& code) {
    const auto* d = refdata::FindDepartment(code);
    return d ? d->name : code;
}

// Shuffled list with exactly `yes` true values among `n`.
std::vector<bool> ExactShare(Rng& rng, int n, int yes) {
    std::vector<bool> v(n, false);
    std::fill(v.begin(), v.begin() + std::min(n, yes), true);
    for (int i = n; i-- > 1;) std::vector<bool>::swap(v[i], v[static_cast<size_t>(rng.Int(0, i))]);
    return v;
}

}  // namespace

void GenerateOutreach(GenerationContext& ctx) {
    Rng rng = ctx.root.Fork(6);
    auto& r = ctx.replica;
    const int K = ctx.K();
    const long long event = ParisSpringToEpoch(ctx.friday, 12, 0);

    // Media: most articles in the fortnight around the event, some announcements before it.
    auto add_media = [&](domain::MediaKind kind, int count) {
        for (int i = 0; i < count; ++i) {
            const auto& site = r.sites[rng.Int(0, static_cast<long long>(ctx.open_sites) - 1)];
            domain::MediaMention m;
            m.kind = kind;
            m.department_code = site.department_code;
            long long offset = rng.Chance(0.7) ? rng.Int(-7, 10) : rng.Int(-60, 30);
            m.published_on = UtcIsoFromEpoch(event + offset * 86400).substr(0, 10);
            switch (kind) {
                case domain::MediaKind::kPrint:
                    m.outlet = rng.Chance(0.6)
                                   ? "Presse quotidienne régionale — " + RegionName(site.region_code)
                                   : "Hebdomadaire local — " + DepartmentName(site.department_code);
                    break;
                case domain::MediaKind::kWeb:
                    m.outlet = rng.Chance(0.5)
                                   ? "Site d'information — " + DepartmentName(site.department_code)
                                   : "Portail économique — " + RegionName(site.region_code);
                    m.url = "https://example.org/actualites/juo-" + std::to_string(ctx.options.year) + "-" +
                            std::to_string(r.media.size() + 1);
                    break;
                case domain::MediaKind::kBroadcast:
                    m.outlet = rng.Chance(0.5)   ? "Radio locale — " + DepartmentName(site.department_code)
                               : rng.Chance(0.7) ? "Télévision régionale — " + RegionName(site.region_code)
                                                 : "Podcast industrie et territoires";
                    break;
            }
            m.title = offset < 0 ? "Journées Usines Ouvertes : " + site.name + " ouvre ses portes"
                                 : "Retour sur la visite de " + site.name;
            r.media.push_back(std::move(m));
        }
    };
    add_media(domain::MediaKind::kPrint, kPrintMentions * K);
    add_media(domain::MediaKind::kWeb, kWebMentions * K);
    add_media(domain::MediaKind::kBroadcast, kBroadcastMentions * K);

    // Social mentions counted per network and week, around the event week.
    std::vector<double> week_weights = {1, 2, 3, 5, 12, 6, 3, 2};
    std::vector<double> cell_weights;
    for (size_t n = 0; n < kSocialNetworks.size(); ++n)
        for (double w : week_weights) cell_weights.push_back(w * (n == 0 ? 2.0 : 1.0));
    std::vector<int> cells(cell_weights.size(), 0);
    for (int i = 0; i < kSocialMentions * K; ++i) ++cells[rng.Weighted(cell_weights)];
    for (size_t n = 0; n < kSocialNetworks.size(); ++n)
        for (int w = 0; w < kSocialWeeks; ++w) {
            domain::SocialMentions s;
            s.network = std::string(kSocialNetworks[n]);
            long long start = event - 4 * 86400LL + static_cast<long long>(w - 4) * 7 * 86400;
            s.period_start = UtcIsoFromEpoch(start).substr(0, 10);
            s.period_end = UtcIsoFromEpoch(start + 6 * 86400LL).substr(0, 10);
            s.mentions = cells[n * kSocialWeeks + w];
            r.social.push_back(std::move(s));
        }

    const std::string sent_at = UtcIsoFromEpoch(event + 3 * 86400LL);
    // Host satisfaction survey.
    {
        GeneratedSurvey g;
        g.survey.audience = domain::SurveyAudience::kHosts;
        g.survey.title = "Enquête de satisfaction des usines participantes";
        g.survey.sent_at = sent_at;
        g.questions = {{0, 0, 1, domain::QuestionKind::kRating, std::string(domain::kQuestionSatisfaction),
                        "Êtes-vous satisfait·e de votre participation (1 à 5) ?"},
                       {0, 0, 2, domain::QuestionKind::kYesNo, std::string(domain::kQuestionOpenAgain),
                        "Souhaitez-vous rouvrir vos portes lors de la prochaine édition ?"},
                       {0, 0, 3, domain::QuestionKind::kText, std::string(domain::kQuestionComment),
                        "Un commentaire, une suggestion ?"}};
        int n = std::min<int>(kHostRespondents * K, static_cast<int>(ctx.open_sites));
        auto satisfied = ExactShare(rng, n, static_cast<int>(std::lround(kHostSatisfiedShare * n)));
        auto again = ExactShare(rng, n, static_cast<int>(std::lround(kHostOpenAgainShare * n)));
        std::vector<size_t> sites(ctx.open_sites);
        for (size_t i = 0; i < sites.size(); ++i) sites[i] = i;
        for (size_t i = sites.size(); i-- > 1;)
            std::swap(sites[i], sites[rng.Int(0, static_cast<long long>(i))]);
        for (int i = 0; i < n; ++i) {
            store::ResponseWithAnswers resp;
            resp.response.site_id = static_cast<long long>(sites[i]);
            resp.response.respondent_label = "Référent·e du site";
            resp.response.submitted_at = UtcIsoFromEpoch(event + rng.Int(3, 20) * 86400);
            domain::SurveyAnswer rating, yes_no;
            rating.question_id = 0;
            rating.rating = satisfied[i] ? static_cast<int>(rng.Int(4, 5)) : static_cast<int>(rng.Int(2, 3));
            yes_no.question_id = 1;
            yes_no.yes_no = again[i];
            resp.answers = {rating, yes_no};
            if (rng.Chance(0.3)) {
                domain::SurveyAnswer text;
                text.question_id = 2;
                text.text = std::string(kHostComments[rng.Int(0, kHostComments.size() - 1)]);
                resp.answers.push_back(text);
            }
            g.responses.push_back(std::move(resp));
        }
        r.surveys.push_back(std::move(g));
    }
    // Pupils' survey after the visit: what they will remember; the bilan's quotes come from it.
    {
        GeneratedSurvey g;
        g.survey.audience = domain::SurveyAudience::kVisitors;
        g.survey.title = "Et toi, qu'as-tu retenu de ta visite ?";
        g.survey.sent_at = sent_at;
        g.questions = {{0, 0, 1, domain::QuestionKind::kRating, std::string(domain::kQuestionSatisfaction),
                        "As-tu aimé la visite (1 à 5) ?"},
                       {0, 0, 2, domain::QuestionKind::kText, std::string(domain::kQuestionComment),
                        "Qu'as-tu retenu de ta visite ?"}};
        const int n = kPupilRespondents * K;
        for (int i = 0; i < n; ++i) {
            store::ResponseWithAnswers resp;
            resp.response.respondent_label = rng.Chance(0.7) ? "Élève de 3e" : "Élève de lycée professionnel";
            resp.response.submitted_at = UtcIsoFromEpoch(event + rng.Int(1, 10) * 86400);
            domain::SurveyAnswer rating, text;
            rating.question_id = 0;
            rating.rating = static_cast<int>(rng.Chance(0.85) ? rng.Int(4, 5) : rng.Int(2, 3));
            text.question_id = 1;
            text.text = i < static_cast<int>(kSeedQuotes.size())
                            ? std::string(kSeedQuotes[i])
                            : std::string(kPupilWords[rng.Int(0, kPupilWords.size() - 1)]);
            resp.answers = {rating, text};
            g.responses.push_back(std::move(resp));
        }
        for (size_t i = 0; i < kSeedQuotes.size(); ++i) {
            domain::Quote q;
            q.text = std::string(kSeedQuotes[i]);
            q.author_label = g.responses[i].response.respondent_label;
            q.response_id = (static_cast<long long>(r.surveys.size()) << 32) | static_cast<long long>(i);
            q.published = true;
            r.quotes.push_back(std::move(q));
        }
        r.surveys.push_back(std::move(g));
    }

    // Internship offers posted after the Friday visits; some filled at once.
    static const std::pair<domain::InternshipKind, const char*> kOffers[] = {
        {domain::InternshipKind::kStage3e, "Stage d'observation de 3e"},
        {domain::InternshipKind::kStageSeconde, "Stage de seconde"},
        {domain::InternshipKind::kApprentissage, "Contrat d'apprentissage"}};
    for (int i = 0; i < kInternshipOffers * K; ++i) {
        size_t site = static_cast<size_t>(rng.Int(0, static_cast<long long>(ctx.open_sites) - 1));
        const auto& [kind, title] = kOffers[rng.Weighted({0.5, 0.25, 0.25})];
        domain::InternshipOffer o;
        o.site_id = static_cast<long long>(site);
        o.kind = kind;
        o.title = std::string(title) + " — " + r.sites[site].name;
        o.places = static_cast<int>(rng.Int(1, 4));
        o.filled = rng.Chance(0.6) ? static_cast<int>(rng.Int(1, o.places)) : 0;
        o.created_at = UtcIsoFromEpoch(event + rng.Int(1, 15) * 86400);
        r.internships.push_back(std::move(o));
    }

    // Open now: only the announcements already published; the surveys, their quotes and the
    // internship offers come after the event.
    if (ctx.open) {
        const std::string today = ctx.options.open_on;
        std::erase_if(r.media, [&](const domain::MediaMention& m) { return m.published_on >= today; });
        std::erase_if(r.social, [&](const domain::SocialMentions& s) { return s.period_end >= today; });
        r.surveys.clear();
        r.quotes.clear();
        r.internships.clear();
    }

    r.teaching_kit.title =
        "Kit pédagogique des Journées Usines Ouvertes : l'industrie, ses enjeux, ses métiers";
    r.teaching_kit.audience = "both";
    r.teaching_kit.pages = 16;
    r.teaching_kit.file_path = "kit/juo-" + std::to_string(ctx.options.year) + "-kit-pedagogique.pdf";
    r.teaching_kit.published = true;
    r.teaching_kit.downloads = static_cast<int>(rng.Int(900, 1500)) * K;
}

void GenerateStaffUsers(GenerationContext& ctx) {
    auto& r = ctx.replica;
    const std::string created = r.edition.created_at;
    domain::User organiser;
    organiser.email = ctx.Mail("organisation", "juo.example.org");
    organiser.display_name = "Équipe d'organisation JUO";
    organiser.roles = {{domain::Role::kOrganiser, "", std::nullopt}};
    organiser.created_at = created;
    r.users.push_back(organiser);
    // One regional relay (a CCI) per region, scoped to its departments.
    for (const auto& region : refdata::Regions()) {
        domain::User relay;
        relay.email = ctx.Mail("relais-" + region.code, "cci.example.org");
        relay.display_name = "Relais régional — " + region.name;
        relay.created_at = created;
        for (const auto& d : refdata::Departments())
            if (d.region_code == region.code)
                relay.roles.push_back({domain::Role::kRelay, d.code, std::nullopt});
        r.users.push_back(std::move(relay));
    }
    // One host account per factory.
    for (size_t i = 0; i < r.sites.size(); ++i) {
        domain::User host;
        host.email = ctx.Mail("hote-" + std::to_string(i + 1), "usine.example.org");
        host.display_name = "Référent·e — " + r.sites[i].name;
        host.organisation_id = static_cast<long long>(r.site_organisation_index[i]);
        host.roles = {{domain::Role::kHost, "", static_cast<long long>(i)}};
        host.created_at = r.sites[i].created_at;
        r.users.push_back(std::move(host));
    }
}

}  // namespace juo::seed
