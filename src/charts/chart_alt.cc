// The French text alternatives of the charts; each function reads what the matching Draw*
// function of charts.cc draws.
#include "charts/chart_alt.h"

#include <algorithm>
#include <vector>

#include "common/text.h"

namespace juo::charts {
namespace {

using report::Bilan;

std::string N(long long v) { return FormatThousandsFr(v); }

std::string Count(long long n, const std::string& one, const std::string& many) {
    return N(n) + " " + (n > 1 ? many : one);
}

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        out += (out.empty() ? "" : sep) + p;
    }
    return out;
}

std::string Rate(const report::RateFigure& rate, const std::string& label) {
    return label + " : " +
           (rate.pct ? report::PercentFr(*rate.pct) + " (" + Count(rate.answers, "réponse", "réponses") + ")"
                     : "aucune réponse");
}

std::string Tiles(const Bilan& b) {
    std::string school;
    for (const auto& a : b.visitors.by_audience)
        if (a.code == "school") school = report::PercentFr(a.share_pct) + " de scolaires";
    auto with = [](const std::string& main, const std::string& detail) {
        return detail.empty() ? main : main + " (" + detail + ")";
    };
    return "Les chiffres clés de l'édition, en quatre pavés : " +
           Join({with(report::HeadlineWordsFr(b.headlines.sites, b.sites.open) + " usines ouvertes",
                      b.host_survey.open_again.pct ? report::PercentFr(*b.host_survey.open_again.pct) +
                                                         " veulent participer à une prochaine édition"
                                                   : ""),
                 with(report::HeadlineWordsFr(b.headlines.buses, b.buses.buses) + " bus financés",
                      b.buses.share_of_booked_group_people_pct
                          ? report::PercentFr(*b.buses.share_of_booked_group_people_pct) +
                                " des inscrits en groupe venus en bus"
                          : ""),
                 with(report::HeadlineWordsFr(b.headlines.visitors, b.visitors.attended) + " visiteurs", school),
                 report::HeadlineWordsFr(b.headlines.media, b.media.total) + " retombées média et " +
                     report::HeadlineWordsFr(b.headlines.social_mentions, b.media.social_mentions) +
                     " mentions sur les réseaux sociaux"},
                " ; ") +
           ".";
}

std::string Days(const Bilan& b) {
    std::string text =
        "Diagramme en barres des événements par jour : " + Count(b.events.total, "événement", "événements") +
        " sur " + Count(static_cast<long long>(b.events.days.size()), "jour", "jours");
    std::vector<std::string> days;
    for (const auto& d : b.events.days) {
        std::vector<std::string> audiences;
        for (const auto& a : d.audiences) audiences.push_back(a.label_fr);
        days.push_back(d.day_fr + ", " + Count(d.events, "usine ouverte", "usines ouvertes") +
                       (audiences.empty() ? "" : " (" + Join(audiences, ", ") + ")"));
    }
    return text + (days.empty() ? "" : " ; " + Join(days, " ; ")) + ".";
}

std::string Audience(const Bilan& b) {
    if (b.visitors.attended <= 0)
        return "Diagramme en anneau des visiteurs par public : aucun visiteur compté à l'accueil.";
    std::vector<std::string> parts;
    for (const auto& a : b.visitors.by_audience)
        parts.push_back(a.label_fr + " " + report::PercentFr(a.share_pct) + " (" + N(a.attended) +
                        " venus sur " + N(a.booked_people) + " inscrits" +
                        (a.attendance_pct ? ", " + report::PercentFr(*a.attendance_pct) : std::string()) +
                        ")");
    return "Diagramme en anneau des visiteurs par public : " +
           Count(b.visitors.attended, "visiteur", "visiteurs") + " comptés à l'accueil ; " +
           Join(parts, " ; ") + ".";
}

std::string Satisfaction(const Bilan& b) {
    return "Deux jauges, des industriels satisfaits. " +
           Rate(b.host_survey.satisfied, "Taux de satisfaction des usines") + " ; " +
           Rate(b.host_survey.open_again, "souhaitent rouvrir leurs portes") + ".";
}

std::string Sectors(const Bilan& b) {
    const auto& s = b.sectors;
    std::string text =
        "Barres horizontales : " +
        Count(s.represented, "secteur d'activité représenté", "secteurs d'activité représentés") +
        ", la part des usines ouvertes de chacun face à son poids national";
    std::vector<std::string> top;
    for (size_t i = 0; i < s.sectors.size() && i < 5; ++i) {
        const auto& r = s.sectors[i];
        std::vector<std::string> national;
        if (r.national_establishments_share_pct)
            national.push_back(report::PercentFr(*r.national_establishments_share_pct, 1) +
                               " des établissements en France");
        if (r.national_jobs_share_pct)
            national.push_back(report::PercentFr(*r.national_jobs_share_pct, 1) + " des emplois salariés");
        top.push_back(r.short_fr + " " + report::PercentFr(r.share_of_sites_pct, 1) + " des usines" +
                      (national.empty() ? "" : " (" + Join(national, ", ") + ")"));
    }
    if (!top.empty()) text += ". Les plus présents : " + Join(top, " ; ");
    std::vector<std::string> under;
    for (size_t i = 0; i < s.under_represented.size() && i < 5; ++i) {
        const auto& u = s.under_represented[i];
        under.push_back(u.short_fr + " (" + report::PercentFr(u.site_share_pct, 1) + " des usines pour " +
                        report::PercentFr(u.national_share_pct, 1) +
                        (u.measure == report::ShareMeasure::kJobs ? " des emplois" : " des établissements") +
                        ")");
    }
    if (!under.empty()) {
        text += ". Sous-représentés, moins de la moitié de leur poids national : " + Join(under, " ; ");
        if (s.under_represented.size() > under.size())
            text += " et " + N(static_cast<long long>(s.under_represented.size() - under.size())) +
                    (s.under_represented.size() - under.size() > 1 ? " autres" : " autre");
    }
    return text + ".";
}

std::string Map(const Bilan& b) {
    long long with_sites = 0;
    const report::AreaFigures* most = nullptr;
    for (const auto& d : b.departments) {
        if (d.sites <= 0) continue;
        ++with_sites;
        if (!most || d.sites > most->sites) most = &d;
    }
    std::string text = "Carte des usines ouvertes par département et des zones blanches : ";
    if (!most)
        text += "aucun département n'a d'usine ouverte";
    else
        text += (with_sites > 1 ? N(with_sites) + " départements ont" : std::string("1 département a")) +
                " au moins une usine ouverte, le plus grand nombre dans le département " + most->name + " (" +
                most->code + ", " + Count(most->sites, "usine", "usines") + ")";
    const auto& z = b.white_zones;
    std::vector<std::string> far;
    long long far_count = 0, refused_only = 0;
    for (const auto& d : z.departments) {
        if (d.far_requests > 0) {
            ++far_count;
            if (far.size() < 5) far.push_back(d.name);
        } else {
            ++refused_only;
        }
    }
    const std::string radius = report::FormatDecimal(z.radius_km, 0) + " km";
    if (far_count == 0)
        text += " ; aucune zone blanche (toute demande de groupe avait une usine à moins de " + radius + ")";
    else
        text +=
            " ; " + Count(far_count, "département", "départements") +
            " en zone blanche, contour rouge, où des demandes de groupe n'avaient aucune usine à moins de " +
            radius + " (" + Join(far, ", ") + (far_count > static_cast<long long>(far.size()) ? "…" : "") +
            ")";
    if (refused_only > 0)
        text += " ; " + Count(refused_only, "autre département", "autres départements") +
                ", contour orange, avec des demandes refusées faute de place";
    return text + ".";
}

std::string Media(const Bilan& b) {
    std::vector<std::string> kinds;
    for (const auto& k : b.media.by_kind) kinds.push_back(k.label_fr + " " + N(k.count));
    return "Barres horizontales des retombées médiatiques par type : " +
           Count(b.media.total, "retombée", "retombées") + (kinds.empty() ? "" : ", " + Join(kinds, " ; ")) +
           " ; et " + Count(b.media.social_mentions, "mention", "mentions") + " sur les réseaux sociaux.";
}

std::string MediaMonths(const Bilan& b) {
    if (b.media.by_month.empty()) return "Retombées médiatiques par mois : aucune retombée enregistrée.";
    std::vector<std::string> months;
    for (const auto& m : b.media.by_month) months.push_back(m.month_fr + " : " + N(m.total));
    std::vector<std::string> kinds;
    for (const auto& k : b.media.by_kind) kinds.push_back(k.label_fr);
    return "Barres empilées des retombées médiatiques par mois" +
           (kinds.empty() ? std::string() : " et par type (" + Join(kinds, ", ") + ")") + " : " +
           Join(months, " ; ") + ".";
}

std::string Changes(const Bilan& b) {
    if (!b.previous) return "Évolution sur un an : pas d'édition précédente dans les données.";
    std::vector<std::string> rows;
    for (const auto& ch : b.previous->changes)
        rows.push_back(ch.label_fr + " : " + N(ch.current) + " contre " + N(ch.previous) + " (" +
                       (ch.change_fr == "=" ? std::string("stable") : ch.change_fr) + ")");
    return "Comparaison de l'édition " + std::to_string(b.edition.year) + " avec " +
           std::to_string(b.previous->year) + (rows.empty() ? "" : " : " + Join(rows, " ; ")) + ".";
}

}  // namespace

std::string ChartAltFr(const Bilan& bilan, ChartId id) {
    switch (id) {
        case ChartId::kTiles:
            return Tiles(bilan);
        case ChartId::kAudience:
            return Audience(bilan);
        case ChartId::kDays:
            return Days(bilan);
        case ChartId::kSectors:
            return Sectors(bilan);
        case ChartId::kMap:
            return Map(bilan);
        case ChartId::kMedia:
            return Media(bilan);
        case ChartId::kMediaMonths:
            return MediaMonths(bilan);
        case ChartId::kSatisfaction:
            return Satisfaction(bilan);
        case ChartId::kChanges:
            return Changes(bilan);
    }
    return "Graphique.";
}

}  // namespace juo::charts
