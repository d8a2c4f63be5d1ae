// French plain-text rendering of the bilan.
#include "report/render_text.h"

#include <cmath>

#include "common/text.h"

namespace juo::report {
namespace {

std::string N(long long value) { return FormatThousandsFr(value); }

// "1 usine" / "227 usines": French takes the singular for 0 and 1.
std::string Count(long long n, const std::string& singular, const std::string& plural) {
    return N(n) + " " + (n > 1 ? plural : singular);
}

std::string Euros(long long cents) { return N((cents + (cents >= 0 ? 50 : -50)) / 100) + " €"; }

// Number of characters (code points) of UTF-8 text, for underlines.
size_t Width(const std::string& text) {
    size_t n = 0;
    for (unsigned char c : text)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

std::string LowerFirst(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

class Writer {
 public:
    void Line(const std::string& text = {}) { out_ += text + "\n"; }
    void Item(const std::string& text) { out_ += "- " + text + "\n"; }
    void Section(const std::string& title) {
        out_ += "\n" + title + "\n" + std::string(Width(title), '-') + "\n";
    }
    std::string Take() { return std::move(out_); }

 private:
    std::string out_;
};

void Title(Writer& w, const Bilan& b) {
    const std::string title = "BILAN — " + b.edition.ordinal_fr + " ÉDITION";
    w.Line(title);
    w.Line(std::string(Width(title), '='));
    w.Line("Journées Usines Ouvertes " + std::to_string(b.edition.year));
    if (!b.edition.date_phrase_fr.empty()) w.Line(b.edition.date_phrase_fr);
    if (!b.scope.national || !b.scope.audience.empty())
        w.Line("Périmètre : " + b.scope.label_fr +
               (b.scope.audience.empty() ? "" : " — public : " + b.scope.audience_label_fr));
}

void HeadlineTiles(Writer& w, const Bilan& b) {
    w.Line();
    w.Line(b.headlines.sites + " USINES OUVERTES");
    if (b.host_survey.open_again.pct)
        w.Line(PercentFr(*b.host_survey.open_again.pct) + " veulent participer à une prochaine édition");
    w.Line();
    w.Line(b.headlines.buses + " BUS FINANCÉS");
    w.Line();
    w.Line(b.headlines.visitors + " VISITEURS");
    if (b.visitors.attended > 0) {
        std::string split;
        for (const auto& a : b.visitors.by_audience) {
            if (!split.empty()) split += " · ";
            split += PercentFr(a.share_pct) + " " +
                     (a.code == "job_seekers" ? a.label_fr : LowerFirst(a.label_fr));
        }
        w.Line(split);
    }
    w.Line();
    w.Line(b.headlines.media + " RETOMBÉES MÉDIA");
    w.Line(b.headlines.social_mentions + " mentions sur les réseaux sociaux");
    if (b.teaching_kit.documents > 0) {
        w.Line();
        if (b.teaching_kit.documents == 1)
            w.Line("1 KIT PÉDAGOGIQUE DE " + N(b.teaching_kit.pages) + " PAGES");
        else
            w.Line(N(b.teaching_kit.documents) + " DOCUMENTS PÉDAGOGIQUES, " + N(b.teaching_kit.pages) +
                   " PAGES");
    }
}

std::string TargetPhrase(const std::optional<long long>& target, const std::optional<bool>& met,
                         const std::string& unit_plural) {
    if (!target) return "";
    return " (objectif : " + N(*target) + " " + unit_plural + ", " + (*met ? "atteint" : "non atteint") + ")";
}

void Sites(Writer& w, const Bilan& b) {
    w.Section("Les industriels se sont mobilisés");
    w.Line(Count(b.sites.open, "usine ouverte", "usines ouvertes") +
           TargetPhrase(b.sites.target, b.sites.target_met, "usines"));
    const long long days = static_cast<long long>(b.events.days.size());
    w.Line(Count(b.events.total, "événement", "événements") +
           (days == 1 ? std::string(" sur 1 jour :") : " sur les " + N(days) + " jours :"));
    for (const auto& d : b.events.days) {
        std::string audiences;
        for (const auto& a : d.audiences) audiences += (audiences.empty() ? "" : ", ") + a.label_fr;
        w.Item(Count(d.events, "événement", "événements") + " le " + d.day_fr + " (" +
               Count(d.sessions, "visite", "visites") + (audiences.empty() ? "" : " ; " + audiences) + ")");
    }
    if (!b.sites.by_region.empty()) {
        w.Line("Usines par région :");
        for (const auto& r : b.sites.by_region) w.Item(r.name + " : " + N(r.sites));
    }
    if (!b.sites.by_department.empty()) {
        constexpr size_t kShown = 10;
        w.Line(b.sites.by_department.size() > kShown ? "Départements les plus représentés (10 premiers sur " +
                                                           N(b.sites.by_department.size()) + ") :"
                                                     : "Usines par département :");
        for (size_t i = 0; i < b.sites.by_department.size() && i < kShown; ++i) {
            const auto& d = b.sites.by_department[i];
            w.Item(d.name + (d.name == d.code ? "" : " (" + d.code + ")") + " : " + N(d.sites));
        }
    }
}

void Sectors(Writer& w, const Bilan& b) {
    const auto& s = b.sectors;
    w.Section("La représentativité de l'industrie");
    w.Line(Count(s.represented, "secteur d'activité représenté", "secteurs d'activité représentés"));
    if (!s.top.empty()) {
        w.Line("Les secteurs les plus représentés :");
        for (const auto& t : s.top)
            w.Item(t.short_fr + " : " + Count(t.sites, "usine", "usines") + " (" +
                   PercentFr(t.share_of_sites_pct, 1) + " des usines)");
    }
    if (!s.under_represented.empty()) {
        w.Line("Secteurs sous-représentés au regard de leur poids national :");
        for (const auto& u : s.under_represented) {
            std::string line =
                u.short_fr + " (" + u.division + ") : " +
                (u.sites == 0 ? std::string("aucune usine")
                              : Count(u.sites, "usine", "usines") + ", " + PercentFr(u.site_share_pct, 1) +
                                    " des usines industrielles") +
                ", pour " + PercentFr(u.national_establishments_share_pct, 1) +
                " des établissements industriels";
            if (u.national_jobs_share_pct)
                line += " et " + PercentFr(*u.national_jobs_share_pct, 1) + " des emplois salariés";
            w.Item(line);
        }
    }
    std::string known;
    for (const auto& division : s.jobs_known_divisions) known += (known.empty() ? "" : ", ") + division;
    w.Line("Poids national : établissements employeurs privés hors artisanat commercial (divisions 05 à 39)" +
           (known.empty() ? std::string(".")
                          : " ; emplois salariés, connus pour la division " + known + ", rapportés aux " +
                                N(kNationalIndustryJobs) + " emplois salariés de l'industrie (" +
                                std::to_string(kNationalIndustryJobsYear) + ")."));
}

void HostSurvey(Writer& w, const Bilan& b) {
    const auto& h = b.host_survey;
    w.Section("Des industriels satisfaits");
    auto rate = [](const RateFigure& r) { return r.pct ? PercentFr(*r.pct) : std::string("n/a"); };
    w.Line(rate(h.satisfied) + " : taux de satisfaction parmi les usines participantes (" +
           Count(h.satisfied.answers, "réponse", "réponses") + ")");
    w.Line(rate(h.open_again) + " souhaitent rouvrir leurs portes pour la prochaine édition (" +
           Count(h.open_again.answers, "réponse", "réponses") + ")");
}

void Visitors(Writer& w, const Bilan& b) {
    const auto& v = b.visitors;
    w.Section("Les visiteurs ont répondu présent");
    w.Line(b.headlines.visitors + " visiteurs (" + Count(v.attended, "visiteur compté", "visiteurs comptés") +
           " à l'accueil, " + Count(v.booked_people, "personne inscrite", "personnes inscrites") + ")");
    for (const auto& a : v.by_audience)
        w.Item(a.label_fr + " : " + PercentFr(a.share_pct) + " (" + Count(a.attended, "venu", "venus") +
               " ; " + Count(a.booked_people, "inscrit", "inscrits") + ", " +
               Count(a.bookings, "réservation", "réservations") + " dont " +
               Count(a.checked_in_bookings, "pointée", "pointées") + ")");
    if (v.target)
        w.Line(std::string(*v.target_met ? "Objectif atteint" : "Objectif non atteint") + " pour cette " +
               b.edition.ordinal_fr + " édition (" + N(*v.target) + " visiteurs visés)");
}

void Classes(Writer& w, const Bilan& b) {
    const auto& g = b.group_requests;
    w.Section("Les classes se sont déplacées");
    w.Line(Count(g.total, "demande de visite de groupe", "demandes de visite de groupes") + " : " +
           Count(g.accepted, "acceptée", "acceptées") + ", " + Count(g.refused, "refusée", "refusées") +
           " ; " + N(g.bus_needed) + " avec un besoin de bus");
    if (g.oversubscribed_sites > 0)
        w.Line(Count(g.oversubscribed_sites, "usine a", "usines ont") +
               " reçu plus de demandes que de places de groupes");
    if (!g.most_requested.empty()) {
        w.Line("Les usines les plus demandées :");
        for (const auto& d : g.most_requested)
            w.Item(d.name + (d.commune.empty() ? "" : " (" + d.commune + ")") + " : " +
                   Count(d.requests, "demande", "demandes") + " pour " +
                   Count(d.group_capacity, "place de groupe", "places de groupes") + ", " +
                   Count(d.accepted_groups, "groupe accueilli", "groupes accueillis"));
    }
    if (g.most_oversubscribed)
        w.Line("Face au succès, certaines usines ont dû refuser des visites (ex. " +
               g.most_oversubscribed_fr + " !)");
}

void Buses(Writer& w, const Bilan& b) {
    const auto& bus = b.buses;
    w.Section("Le financement des bus, la clé du succès");
    w.Line(b.headlines.buses + " bus financés par l'organisation pour acheminer les scolaires");
    w.Line(Count(bus.buses, "bus", "bus") + ", " + Count(bus.seats, "place", "places") + ", coût " +
           Euros(bus.cost_cents) + ", " + N(std::llround(bus.km)) + " km ; " +
           Count(bus.groups, "groupe transporté", "groupes transportés") + " (" +
           Count(bus.people, "personne inscrite", "personnes inscrites") + " dans ces groupes)");
    if (bus.share_of_booked_group_people_pct)
        w.Line(PercentFr(*bus.share_of_booked_group_people_pct) +
               " des personnes inscrites en groupe (scolaires et France Travail) ont un bus financé (" +
               N(bus.people) + " sur " + N(bus.booked_group_people) + ")");
}

void TeachingKit(Writer& w, const Bilan& b) {
    const auto& k = b.teaching_kit;
    w.Section("Un vrai moment pédagogique");
    if (k.documents == 0)
        w.Line("Aucun document pédagogique publié");
    else if (k.documents == 1)
        w.Line("Un kit pédagogique de " + Count(k.pages, "page", "pages") +
               " mis à disposition des élèves et des enseignants");
    else
        w.Line(N(k.documents) + " documents pédagogiques (" + Count(k.pages, "page", "pages") +
               ") mis à disposition des élèves et des enseignants");
}

void Internships(Writer& w, const Bilan& b) {
    const auto& i = b.internships;
    w.Section("Stages");
    w.Line(Count(i.offers, "offre de stage", "offres de stage") + " (" + Count(i.places, "place", "places") +
           "), " + Count(i.filled, "place pourvue", "places pourvues") + " à l'issue des visites");
}

void Media(Writer& w, const Bilan& b) {
    const auto& m = b.media;
    w.Section("Les médias ont largement couvert");
    w.Line(b.headlines.media + " retombées médiatiques (" + N(m.total) + ")");
    for (size_t i = 0; i < m.by_kind.size(); ++i)
        w.Item(b.headlines.media_by_kind[i] + " " + m.by_kind[i].label_fr + " (" + N(m.by_kind[i].count) +
               ")");
    w.Line("Un fort relais sur les réseaux sociaux : " + b.headlines.social_mentions + " mentions (" +
           N(m.social_mentions) + ")");
}

void Quotes(Writer& w, const Bilan& b) {
    w.Section("Témoignages");
    if (b.quotes.empty()) w.Line("Aucun témoignage publié");
    for (const auto& q : b.quotes) w.Line("« " + q.text + " »" + (q.author.empty() ? "" : " — " + q.author));
}

void WhiteZones(Writer& w, const Bilan& b) {
    const auto& z = b.white_zones;
    w.Section("Zones blanches : la demande sans usine");
    w.Line(Count(z.far_requests, "demande", "demandes") + " sans usine ouverte aux groupes à moins de " +
           FormatDecimal(z.radius_km, 0) + " km, " +
           Count(z.refused, "demande refusée", "demandes refusées"));
    constexpr size_t kShown = 10;
    for (size_t i = 0; i < z.departments.size() && i < kShown; ++i) {
        const auto& d = z.departments[i];
        w.Item(d.name + " (" + d.code + ") : " + Count(d.far_requests, "demande", "demandes") +
               " trop loin, " + Count(d.refused, "refusée", "refusées") + " sur " + N(d.requests));
    }
    if (z.departments.size() > kShown)
        w.Line("… et " + Count(static_cast<long long>(z.departments.size() - kShown), "autre département",
                               "autres départements"));
}

void Targets(Writer& w, const Bilan& b) {
    if (b.targets.empty() && !b.previous) return;
    w.Section("Objectifs et évolution");
    for (const auto& t : b.targets)
        w.Item(t.label_fr + " : " + N(t.actual) + " pour un objectif de " + N(t.target) +
               (t.pct_of_target ? " (" + PercentFr(*t.pct_of_target) + ")" : "") +
               (t.met ? ", atteint" : ", non atteint"));
    if (!b.previous) return;
    w.Line("Par rapport à l'édition " + std::to_string(b.previous->year) + " :");
    for (const auto& c : b.previous->changes)
        w.Item(c.label_fr + " : " + N(c.current) + " contre " + N(c.previous) + " (" + c.change_fr + ")");
}

}  // namespace

std::string RenderText(const Bilan& b) {
    Writer w;
    Title(w, b);
    HeadlineTiles(w, b);
    Sites(w, b);
    Sectors(w, b);
    HostSurvey(w, b);
    Visitors(w, b);
    Classes(w, b);
    Buses(w, b);
    TeachingKit(w, b);
    Internships(w, b);
    Media(w, b);
    Quotes(w, b);
    WhiteZones(w, b);
    Targets(w, b);
    return w.Take();
}

}  // namespace juo::report
