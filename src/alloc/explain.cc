// Explanations of the allocation's decisions.
#include "alloc/explain.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>

#include "alloc/state.h"
#include "common/french_dates.h"

namespace juo::alloc {
namespace {

// Sessions bucketed by 1° cells, for "the nearest sessions with room".
class SessionGrid {
 public:
    explicit SessionGrid(const Problem& p) {
        for (size_t s = 0; s < p.sessions.size(); ++s)
            cells_[Key(Cell(p.sessions[s].position.lat), Cell(p.sessions[s].position.lon))].push_back(
                static_cast<int>(s));
    }
    template <typename Fn>
    void Visit(LatLon c, double km, Fn&& fn) const {
        double dlat = km / 111.0, dlon = km / (111.0 * std::max(0.2, std::cos(c.lat * M_PI / 180)));
        for (long long a = Cell(c.lat - dlat); a <= Cell(c.lat + dlat); ++a)
            for (long long b = Cell(c.lon - dlon); b <= Cell(c.lon + dlon); ++b)
                if (auto it = cells_.find(Key(a, b)); it != cells_.end())
                    for (int s : it->second) fn(s);
    }

 private:
    static long long Cell(double deg) { return static_cast<long long>(std::floor(deg)); }
    static long long Key(long long a, long long b) { return a * 1000 + b; }
    std::unordered_map<long long, std::vector<int>> cells_;
};

std::string Km(double km) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f km", km);
    return buf;
}

}  // namespace

const char* ReasonCode(Reason r) {
    switch (r) {
        case Reason::kFull:
            return "full";
        case Reason::kBudget:
            return "budget";
        case Reason::kDistance:
            return "distance";
        case Reason::kNotAdmitted:
            return "not_admitted";
        case Reason::kGaveWay:
            return "gave_way";
    }
    return "?";
}

std::vector<Explanation> Explain(const Instance& in, const Allocation& a, int max_alternatives,
                                 double max_km) {
    const Problem& p = *in.problem;
    State st(in);
    for (int k : a.chosen)
        if (k >= 0) st.Add(k);
    SessionGrid grid(p);
    std::vector<Explanation> out(p.requests.size());
    for (size_t i = 0; i < p.requests.size(); ++i) {
        const Request& r = p.requests[i];
        Explanation& e = out[i];
        int chosen = a.chosen[i];
        const Candidate* got = chosen >= 0 ? &p.candidates[static_cast<size_t>(chosen)] : nullptr;
        e.rank = got ? got->rank : 0;
        e.outcome = !got ? Outcome::kRefused
                         : (got->rank == 1 && !got->by_radius ? Outcome::kFirstWish : Outcome::kMoved);
        if (e.outcome == Outcome::kFirstWish) {
            e.text_en = "Served at its first wish.";
            e.text_fr = "Accepté sur le premier vœu.";
            continue;
        }
        auto add = [&](Reason why) {
            if (std::find(e.reasons.begin(), e.reasons.end(), why) == e.reasons.end())
                e.reasons.push_back(why);
        };
        // Why each better-ranked candidate was not given.
        for (int k : in.by_request[i]) {
            const Candidate& c = p.candidates[static_cast<size_t>(k)];
            if (got && (c.rank > got->rank || k == chosen)) continue;
            bool room = st.people_left(c.session) >= r.people() && st.groups_left(c.session) >= 1;
            if (!room)
                add(Reason::kFull);
            else if (in.pool_of[static_cast<size_t>(k)] >= 0 && (got || !st.CanAdd(k)))
                add(Reason::kBudget);  // refused: no bus left; moved: that bus was dearer than the one it got
            else
                add(Reason::kGaveWay);
        }
        if (in.by_request[i].empty())
            add(r.wishes == 0 && r.radius_km ? Reason::kDistance : Reason::kNotAdmitted);
        if (in.by_request[i].empty() && r.wishes > 0 && r.radius_km) add(Reason::kDistance);

        // Alternatives with room, nearest first.
        std::vector<Alternative> alts;
        int own = got ? got->session : -1;
        grid.Visit(r.position, max_km, [&](int s) {
            const Session& ses = p.sessions[static_cast<size_t>(s)];
            if (s == own || !(r.job_seekers ? ses.admits_job_seekers : ses.admits_school)) return;
            if (ses.min_level_rank >= 0 && r.level_rank < ses.min_level_rank) return;
            if (st.people_left(s) < r.people() || st.groups_left(s) < 1) return;
            double km = HaversineKm(r.position, ses.position);
            if (km <= max_km) alts.push_back({s, km, st.people_left(s), st.groups_left(s)});
        });
        std::sort(alts.begin(), alts.end(), [](const Alternative& x, const Alternative& y) {
            return x.km != y.km ? x.km < y.km : x.session < y.session;
        });
        if (static_cast<int>(alts.size()) > max_alternatives)
            alts.resize(static_cast<size_t>(max_alternatives));
        e.alternatives = alts;

        std::string why_en, why_fr;
        for (Reason why : e.reasons) {
            const char* en = "";
            const char* fr = "";
            switch (why) {
                case Reason::kFull:
                    if (got)
                        en = "a better wish was full", fr = "un vœu mieux classé était complet";
                    else
                        en = "its wishes were full", fr = "ses vœux étaient complets";
                    break;
                case Reason::kBudget:
                    en = "the bus budget could not pay its bus there",
                    fr = "le budget des cars ne permettait pas son car";
                    break;
                case Reason::kDistance:
                    en = "no session within its radius", fr = "aucune visite dans son rayon";
                    break;
                case Reason::kNotAdmitted:
                    en = "no wish admits its audience, level or size",
                    fr = "aucun vœu n'accueille ce public, ce niveau ou cet effectif";
                    break;
                case Reason::kGaveWay:
                    en = "places went to groups that weigh more (fairness, priority, wish rank)",
                    fr = "les places sont allées à des groupes prioritaires (équité, priorité, rang du vœu)";
                    break;
            }
            why_en += (why_en.empty() ? "" : "; ") + std::string(en);
            why_fr += (why_fr.empty() ? "" : " ; ") + std::string(fr);
        }
        if (got) {
            e.text_en = "Served at wish " + std::to_string(got->rank) + (got->by_radius ? " (radius)" : "") +
                        ": " + why_en + ".";
            e.text_fr = "Accepté sur le vœu " + std::to_string(got->rank) + " : " + why_fr + ".";
        } else {
            e.text_en = "Refused: " + why_en + ".";
            e.text_fr = "Refusé : " + why_fr + ".";
        }
        if (!alts.empty()) {
            e.text_en += " Alternatives with places left:";
            e.text_fr += " Visites avec des places :";
            for (const auto& alt : alts) {
                const Session& ses = p.sessions[static_cast<size_t>(alt.session)];
                const std::string room = " (" + Km(alt.km) + ", " + std::to_string(alt.places_left) + " places)";
                e.text_en += " " + ses.site_name + " " + ClockTime(ses.starts_at, DateLang::kEn) + room;
                e.text_fr += " " + ses.site_name + " " + ClockTime(ses.starts_at, DateLang::kFr) + room;
                if (&alt != &alts.back()) e.text_en += ",", e.text_fr += ",";
            }
            e.text_en += ".";
            e.text_fr += ".";
        }
    }
    return out;
}

}  // namespace juo::alloc
