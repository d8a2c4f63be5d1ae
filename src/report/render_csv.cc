// Long-format CSV rendering of the bilan.
#include "report/render_csv.h"

#include "common/csv.h"

namespace juo::report {
namespace {

class Rows {
 public:
    Rows() { Raw("section", "key", "label_fr", "value"); }

    void Text(const std::string& key, const std::string& label, const std::string& value) {
        Raw(section_, key, label, value);
    }
    void Int(const std::string& key, const std::string& label, long long value) {
        Raw(section_, key, label, std::to_string(value));
    }
    void Dec(const std::string& key, const std::string& label, double value) {
        Raw(section_, key, label, FormatDecimal(value, 2));
    }
    template <typename T>
    void Opt(const std::string& key, const std::string& label, const std::optional<T>& value) {
        if constexpr (std::is_same_v<T, bool>)
            Raw(section_, key, label, value ? (*value ? "1" : "0") : "");
        else if constexpr (std::is_floating_point_v<T>)
            Raw(section_, key, label, value ? FormatDecimal(*value, 2) : "");
        else
            Raw(section_, key, label, value ? std::to_string(*value) : "");
    }
    void Section(std::string name) { section_ = std::move(name); }
    std::string Take() { return std::move(out_); }

 private:
    void Raw(const std::string& a, const std::string& b, const std::string& c, const std::string& d) {
        out_ += CsvRow({a, b, c, d});
    }
    std::string section_;
    std::string out_;
};

void EditionRows(Rows& r, const Bilan& b) {
    r.Section("edition");
    r.Int("year", "Année", b.edition.year);
    r.Text("name", "Nom de l'édition", b.edition.name);
    r.Int("ordinal", "Numéro de l'édition", b.edition.ordinal);
    r.Text("date_phrase", "Dates", b.edition.date_phrase_fr);
    for (size_t i = 0; i < b.edition.dates.size(); ++i)
        r.Text("date." + std::to_string(i + 1), "Jour " + std::to_string(i + 1), b.edition.dates[i]);
}

void HeadlinesRows(Rows& r, const Bilan& b) {
    r.Section("headlines");
    r.Text("sites", "Usines ouvertes (titre)", b.headlines.sites);
    r.Text("buses", "Bus financés (titre)", b.headlines.buses);
    r.Text("visitors", "Visiteurs (titre)", b.headlines.visitors);
    r.Text("media", "Retombées média (titre)", b.headlines.media);
    r.Text("social_mentions", "Mentions sur les réseaux sociaux (titre)", b.headlines.social_mentions);
    for (size_t i = 0; i < b.media.by_kind.size(); ++i)
        r.Text("media." + b.media.by_kind[i].code, "Médias — " + b.media.by_kind[i].label_fr + " (titre)",
               b.headlines.media_by_kind[i]);
}

void SitesRows(Rows& r, const Bilan& b) {
    r.Section("sites");
    r.Int("open", "Usines ouvertes", b.sites.open);
    r.Opt("target", "Objectif d'usines", b.sites.target);
    r.Opt("target_met", "Objectif d'usines atteint", b.sites.target_met);
    for (const auto& p : b.sites.by_region) r.Int("region." + p.code, "Usines — " + p.name, p.sites);
    for (const auto& p : b.sites.by_department) r.Int("department." + p.code, "Usines — " + p.name, p.sites);
}

void EventsRows(Rows& r, const Bilan& b) {
    r.Section("events");
    r.Int("total", "Événements", b.events.total);
    for (const auto& d : b.events.days) {
        const std::string key = "day." + d.date + ".";
        std::string audiences;
        for (const auto& a : d.audiences) audiences += (audiences.empty() ? "" : ", ") + a.label_fr;
        r.Text(key + "weekday", "Jour — " + d.day_fr, d.weekday_fr);
        r.Int(key + "events", "Événements — " + d.day_fr, d.events);
        r.Int(key + "sessions", "Visites — " + d.day_fr, d.sessions);
        r.Text(key + "audiences", "Publics — " + d.day_fr, audiences);
    }
}

void SectorsRows(Rows& r, const Bilan& b) {
    const auto& s = b.sectors;
    r.Section("sectors");
    r.Int("represented", "Secteurs d'activité représentés", s.represented);
    r.Int("industrial_sites", "Usines des divisions industrielles (05 à 39)", s.industrial_sites);
    std::string known;
    for (const auto& d : s.jobs_known_divisions) known += (known.empty() ? "" : " ") + d;
    r.Text("jobs_known_divisions", "Divisions dont les emplois salariés sont connus", known);
    r.Int("national_industry_jobs",
          "Emplois salariés de l'industrie (" + std::to_string(kNationalIndustryJobsYear) + ")",
          kNationalIndustryJobs);
    for (const auto& f : s.sectors) {
        const std::string key = "sector." + f.division + ".";
        r.Int(key + "sites", "Usines — " + f.short_fr, f.sites);
        r.Dec(key + "share_of_sites_pct", "Part des usines (%) — " + f.short_fr, f.share_of_sites_pct);
        r.Opt(key + "national_establishments_share_pct",
              "Part nationale des établissements (%) — " + f.short_fr, f.national_establishments_share_pct);
        r.Opt(key + "national_jobs_share_pct", "Part nationale des emplois salariés (%) — " + f.short_fr,
              f.national_jobs_share_pct);
    }
    for (size_t i = 0; i < s.top.size(); ++i)
        r.Text("top." + std::to_string(i + 1), "Secteur le plus représenté no " + std::to_string(i + 1),
               s.top[i].short_fr);
    for (const auto& u : s.under_represented) {
        const std::string key = "under_represented." + u.division + ".";
        r.Int(key + "sites", "Sous-représenté : usines — " + u.short_fr, u.sites);
        r.Dec(key + "site_share_pct", "Sous-représenté : part des usines industrielles (%) — " + u.short_fr,
              u.site_share_pct);
        r.Dec(key + "national_establishments_share_pct",
              "Sous-représenté : part nationale des établissements (%) — " + u.short_fr,
              u.national_establishments_share_pct);
        r.Opt(key + "national_jobs_share_pct",
              "Sous-représenté : part nationale des emplois salariés (%) — " + u.short_fr,
              u.national_jobs_share_pct);
        r.Text(key + "measure", "Sous-représenté : mesure comparée — " + u.short_fr,
               std::string(ToCode(u.measure)));
        r.Dec(key + "gap_points", "Sous-représenté : écart (points) — " + u.short_fr, u.gap_points);
    }
}

void VisitorsRows(Rows& r, const Bilan& b) {
    const auto& v = b.visitors;
    r.Section("visitors");
    r.Int("attended", "Visiteurs comptés à l'accueil", v.attended);
    r.Int("booked_people", "Personnes inscrites", v.booked_people);
    r.Int("bookings", "Réservations", v.bookings);
    r.Int("checked_in_bookings", "Réservations pointées", v.checked_in_bookings);
    r.Opt("target", "Objectif de visiteurs", v.target);
    r.Opt("target_met", "Objectif de visiteurs atteint", v.target_met);
    for (const auto& a : v.by_audience) {
        const std::string key = a.code + ".";
        r.Int(key + "attended", "Visiteurs comptés — " + a.label_fr, a.attended);
        r.Int(key + "share_pct", "Part des visiteurs (%) — " + a.label_fr, a.share_pct);
        r.Int(key + "booked_people", "Personnes inscrites — " + a.label_fr, a.booked_people);
        r.Int(key + "bookings", "Réservations — " + a.label_fr, a.bookings);
        r.Int(key + "checked_in_bookings", "Réservations pointées — " + a.label_fr, a.checked_in_bookings);
        r.Opt(key + "attendance_pct", "Présents / inscrits (%) — " + a.label_fr, a.attendance_pct);
    }
    r.Opt("attendance_pct", "Présents / inscrits (%)", v.attendance_pct);
}

void GroupRequestsRows(Rows& r, const Bilan& b) {
    const auto& g = b.group_requests;
    r.Section("group_requests");
    r.Int("total", "Demandes de visite de groupes", g.total);
    r.Int("accepted", "Demandes acceptées", g.accepted);
    r.Int("refused", "Demandes refusées", g.refused);
    r.Int("bus_needed", "Demandes avec besoin de bus", g.bus_needed);
    r.Int("oversubscribed_sites", "Usines avec plus de demandes que de places de groupes",
          g.oversubscribed_sites);
    for (size_t i = 0; i < g.most_requested.size(); ++i) {
        const auto& d = g.most_requested[i];
        const std::string key = "most_requested." + std::to_string(i + 1) + ".";
        r.Text(key + "site", "Usine la plus demandée no " + std::to_string(i + 1), d.name);
        r.Int(key + "requests", "Demandes — " + d.name, d.requests);
        r.Int(key + "group_capacity", "Places de groupes — " + d.name, d.group_capacity);
        r.Int(key + "accepted_groups", "Groupes accueillis — " + d.name, d.accepted_groups);
        r.Dec(key + "requests_per_group_place", "Demandes par place de groupe — " + d.name,
              d.requests_per_group_place);
    }
    r.Text("most_oversubscribed", "Usine la plus sollicitée", g.most_oversubscribed_fr);
}

void BusesRows(Rows& r, const Bilan& b) {
    const auto& bus = b.buses;
    r.Section("buses");
    r.Int("buses", "Bus financés", bus.buses);
    r.Int("seats", "Places dans les bus", bus.seats);
    r.Dec("cost_euros", "Coût des bus (€)", static_cast<double>(bus.cost_cents) / 100);
    r.Dec("km", "Kilomètres parcourus", bus.km);
    r.Int("groups", "Groupes transportés", bus.groups);
    r.Int("people", "Personnes inscrites transportées", bus.people);
    r.Int("booked_group_people", "Personnes inscrites en groupe", bus.booked_group_people);
    r.Opt("share_of_booked_group_people_pct",
          "Part des personnes inscrites en groupe transportées en bus (%)",
          bus.share_of_booked_group_people_pct);
}

void MediaRows(Rows& r, const Bilan& b) {
    r.Section("media");
    r.Int("total", "Retombées médiatiques", b.media.total);
    for (const auto& k : b.media.by_kind) r.Int(k.code, "Médias — " + k.label_fr, k.count);
    r.Int("social_mentions", "Mentions sur les réseaux sociaux", b.media.social_mentions);
    for (const auto& m : b.media.by_month)
        for (size_t k = 0; k < m.by_kind.size() && k < b.media.by_kind.size(); ++k)
            r.Int("month." + m.month + "." + b.media.by_kind[k].code,
                  "Médias — " + b.media.by_kind[k].label_fr + " — " + m.month_fr, m.by_kind[k]);
}

void HostSurveyRows(Rows& r, const Bilan& b) {
    const auto& h = b.host_survey;
    r.Section("host_survey");
    r.Opt("satisfied_pct", "Usines satisfaites (%)", h.satisfied.pct);
    r.Int("satisfied_answers", "Réponses sur la satisfaction", h.satisfied.answers);
    r.Opt("open_again_pct", "Usines souhaitant rouvrir (%)", h.open_again.pct);
    r.Int("open_again_answers", "Réponses sur une prochaine édition", h.open_again.answers);
}

void RestRows(Rows& r, const Bilan& b) {
    r.Section("teaching_kit");
    r.Int("documents", "Documents pédagogiques", b.teaching_kit.documents);
    r.Int("pages", "Pages du kit pédagogique", b.teaching_kit.pages);
    r.Section("internships");
    r.Int("offers", "Offres de stage", b.internships.offers);
    r.Int("places", "Places de stage", b.internships.places);
    r.Int("filled", "Places de stage pourvues", b.internships.filled);
    r.Opt("filled_pct", "Places de stage pourvues (%)", b.internships.filled_pct);
    r.Section("quotes");
    for (size_t i = 0; i < b.quotes.size(); ++i)
        r.Text("quote." + std::to_string(i + 1),
               "Témoignage" + (b.quotes[i].author.empty() ? "" : " — " + b.quotes[i].author),
               b.quotes[i].text);
}

void MoreRows(Rows& r, const Bilan& b) {
    r.Section("scope");
    r.Text("label", "Périmètre", b.scope.label_fr);
    r.Text("audience", "Public", b.scope.audience_label_fr);
    for (const auto* areas : {&b.regions, &b.departments}) {
        const bool regions = areas == &b.regions;
        r.Section(regions ? "regions" : "departments");
        for (const auto& a : *areas) {
            const std::string key = a.code + ".";
            r.Int(key + "sites", "Usines — " + a.name, a.sites);
            r.Int(key + "attended", "Visiteurs comptés — " + a.name, a.attended);
            r.Int(key + "booked_people", "Personnes inscrites — " + a.name, a.booked_people);
            r.Int(key + "requests", "Demandes de groupes — " + a.name, a.requests);
            r.Int(key + "refused", "Demandes refusées — " + a.name, a.refused);
        }
    }
    r.Section("white_zones");
    r.Dec("radius_km", "Rayon (km)", b.white_zones.radius_km);
    r.Int("far_requests", "Demandes sans usine dans le rayon", b.white_zones.far_requests);
    r.Int("refused", "Demandes refusées", b.white_zones.refused);
    for (const auto& z : b.white_zones.departments) {
        r.Int(z.code + ".far_requests", "Demandes sans usine dans le rayon — " + z.name, z.far_requests);
        r.Int(z.code + ".refused", "Demandes refusées — " + z.name, z.refused);
    }
    r.Section("targets");
    for (const auto& t : b.targets) {
        r.Int(t.key + ".target", "Objectif — " + t.label_fr, t.target);
        r.Int(t.key + ".actual", "Réalisé — " + t.label_fr, t.actual);
        r.Opt(t.key + ".pct_of_target", "Réalisé / objectif (%) — " + t.label_fr, t.pct_of_target);
    }
    if (b.previous) {
        r.Section("previous_edition");
        r.Int("year", "Édition précédente", b.previous->year);
        for (const auto& c : b.previous->changes) {
            r.Int(c.key + ".previous", c.label_fr + " (" + std::to_string(b.previous->year) + ")",
                  c.previous);
            r.Text(c.key + ".change", "Évolution — " + c.label_fr, c.change_fr);
        }
    }
}

}  // namespace

std::string RenderCsv(const Bilan& bilan) {
    Rows rows;
    EditionRows(rows, bilan);
    HeadlinesRows(rows, bilan);
    SitesRows(rows, bilan);
    EventsRows(rows, bilan);
    SectorsRows(rows, bilan);
    VisitorsRows(rows, bilan);
    GroupRequestsRows(rows, bilan);
    BusesRows(rows, bilan);
    MediaRows(rows, bilan);
    HostSurveyRows(rows, bilan);
    RestRows(rows, bilan);
    MoreRows(rows, bilan);
    return rows.Take();
}

}  // namespace juo::report
