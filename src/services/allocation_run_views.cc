// See allocation_rounds.h: runs read beside first-come, published (with the e-mails to requesters
// and hosts), discarded, and the bus operator's export.
//
// Thread-safety: functions over their arguments; the Db is the calling thread's.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>

#include "common/clock.h"
#include "common/french_dates.h"
#include "refdata/refdata.h"
#include "services/allocation_rounds.h"
#include "services/audit.h"
#include "services/hosts.h"
#include "store/editions/edition_repository.h"
#include "store/groups/allocation_queries.h"
#include "store/groups/group_request_queries.h"
#include "store/mail/outbox.h"

namespace juo::services {
namespace {

Error NoRun(long long id) {
    return MakeError(ErrorCode::kNotFound, "no allocation run " + std::to_string(id),
                     "aucune répartition n'a le numéro " + std::to_string(id));
}

Error OrganiserOnly(const char* what_en, const char* what_fr) {
    return MakeError(ErrorCode::kForbidden, std::string("only the organiser may ") + what_en,
                     std::string("seul l'organisateur peut ") + what_fr);
}

// The priority kinds a request has (every one that applies), or {"none"}.
std::vector<std::string> KindsOf(const store::RunRequestRow& r) {
    std::vector<std::string> k;
    if (r.priority_education == "rep_plus") k.push_back("rep_plus");
    if (r.priority_education == "rep") k.push_back("rep");
    if (r.rural) k.push_back("rural");
    if (r.first_time) k.push_back("first_time");
    if (r.carry_over) k.push_back("carry_over");
    if (k.empty() || (k.size() == 1 && k.front() == "first_time")) k.push_back("none");
    return k;
}

std::string KindLabel(const std::string& k) {
    if (k == "rep_plus") return "REP+";
    if (k == "rep") return "REP";
    if (k == "rural") return "Rural";
    if (k == "first_time") return "Première participation";
    if (k == "carry_over") return "Refusée l'an dernier";
    return "Sans priorité";
}

std::string RegionOfDepartment(const std::string& department) {
    const auto* d = refdata::FindDepartment(department);
    return d ? d->region_code : std::string();
}

// Minutes of 'HH:MM', or -1.
int Minutes(const std::string& hhmm) {
    if (hhmm.size() < 5 || hhmm[2] != ':') return -1;
    return std::atoi(hhmm.substr(0, 2).c_str()) * 60 + std::atoi(hhmm.substr(3, 2).c_str());
}

// The pickup: the tour's start less the drive one way (road km at 50 km/h on average) and a
// quarter of an hour, rounded down to five minutes.
std::string PickupTime(const std::string& starts_at, double one_way_road_km) {
    int start = Minutes(starts_at);
    if (start < 0) return "";
    int at = start - 15 - static_cast<int>(std::ceil(one_way_road_km / 50.0 * 60.0));
    at = std::max(0, at - at % 5);
    char buf[8];
    std::snprintf(buf, sizeof buf, "%02d:%02d", at / 60, at % 60);
    return buf;
}

std::string PickupPlace(const store::RunRequestRow& r) {
    if (!r.school_name.empty()) return r.school_name + (r.school_town.empty() ? "" : ", " + r.school_town);
    return "le point de départ du groupe (" + r.department + ")";
}

struct Built {
    RunView view;
    store::AllocationRunRead read;
};

void Add(std::map<std::string, ShareRow>& rows, const std::string& key, const std::string& label,
         const store::RunRequestRow& r) {
    auto& row = rows[key];
    row.key = key;
    row.label = label;
    ++row.groups_requested;
    row.pupils_requested += r.pupils;
    if (r.session_id) ++row.groups_served, row.pupils_served += r.pupils;
    if (r.first_come_session_id) ++row.groups_served_first_come, row.pupils_served_first_come += r.pupils;
}

std::vector<ShareRow> Rows(std::map<std::string, ShareRow>& m) {
    std::vector<ShareRow> out;
    for (auto& [k, v] : m) out.push_back(std::move(v));
    return out;
}

RunSummary SummaryOf(const store::AllocationRunRead& read, const RunScope& scope) {
    const auto& run = read.run;
    RunSummary s;
    s.id = run.id;
    s.year = read.year;
    s.status = std::string(domain::ToCode(run.status));
    s.created_at = run.created_at;
    s.published_at = run.published_at;
    s.created_by = run.created_by;
    s.objective = run.objective;
    s.gap = run.gap;
    s.bound = run.bound.value_or(0);
    s.optimal = run.optimal;
    s.bound_source = run.bound_source;
    s.method = run.method_text;
    for (const auto& r : read.requests) {
        if (!scope.Includes(r.department)) continue;
        ++s.groups_requested;
        s.pupils_requested += r.pupils;
        if (r.session_id) ++s.groups_served, s.pupils_served += r.pupils;
        if (r.first_come_session_id) ++s.groups_served_first_come, s.pupils_served_first_come += r.pupils;
    }
    if (scope.all) {
        for (const auto& g : read.bus_groups) {
            s.buses += static_cast<int>(g.bus_ids.size());
            s.bus_cost_cents += g.cost_cents;
        }
        s.buses_first_come = run.first_come_buses;
        s.bus_cost_cents_first_come = run.first_come_cost_cents;
    } else {
        std::map<long long, const store::RunRequestRow*> by_id;
        for (const auto& r : read.requests) by_id[r.request_id] = &r;
        for (const auto& g : read.bus_groups) {
            bool in = std::any_of(g.request_ids.begin(), g.request_ids.end(),
                                  [&](long long id) { return scope.Includes(by_id[id]->department); });
            if (!in) continue;
            s.buses += static_cast<int>(g.bus_ids.size());
            s.bus_cost_cents += g.cost_cents;
        }
    }
    return s;
}

RunView ViewOf(const store::AllocationRunRead& read, const RunScope& scope) {
    RunView v;
    v.summary = SummaryOf(read, scope);
    v.settings = SettingsFromLines(read.run.settings);
    v.summary_text = scope.all ? read.run.summary : std::string();  // the whole edition's figures
    v.guarantee_cost_pupils = read.run.guarantee_cost_pupils;
    std::map<std::string, ShareRow> kinds, departments, regions;
    std::map<long long, const store::RunRequestRow*> by_id;
    for (const auto& r : read.requests) by_id[r.request_id] = &r;
    for (const auto& r : read.requests) {
        if (!scope.Includes(r.department)) continue;
        for (const auto& k : KindsOf(r)) Add(kinds, k, KindLabel(k), r);
        const auto* d = refdata::FindDepartment(r.department);
        Add(departments, r.department, d ? d->name : r.department, r);
        std::string region = RegionOfDepartment(r.department);
        const auto* reg = refdata::FindRegion(region);
        Add(regions, region, reg ? reg->name : region, r);
    }
    static const char* const kOrder[] = {"rep_plus", "rep", "rural", "first_time", "carry_over", "none"};
    for (const char* k : kOrder)
        if (auto it = kinds.find(k); it != kinds.end()) v.by_priority.push_back(it->second);
    v.by_department = Rows(departments);
    v.by_region = Rows(regions);

    std::map<long long, bool> on_bus;
    for (const auto& g : read.bus_groups) {
        bool in = std::any_of(g.request_ids.begin(), g.request_ids.end(),
                              [&](long long id) { return scope.Includes(by_id[id]->department); });
        for (long long id : g.request_ids) on_bus[id] = true;
        if (!in) continue;
        BusView b;
        b.session_id = g.session_id;
        if (auto it = read.sessions.find(g.session_id); it != read.sessions.end()) {
            const auto& t = it->second;
            b.site_name = t.site_name;
            b.site_address = t.site_address + ", " + t.site_postcode + " " + t.site_town;
            b.site_town = t.site_town;
            b.department = t.department;
            b.date = t.date;
            b.starts_at = t.starts_at;
        }
        b.buses = static_cast<int>(g.bus_ids.size());
        b.seats = g.seats;
        b.cost_cents = g.cost_cents;
        b.km = g.km;
        const double one_way = b.buses > 0 ? g.km / b.buses / 2 : 0;
        b.pickup_time = PickupTime(b.starts_at, one_way);
        for (long long id : g.request_ids) {
            const auto& r = *by_id[id];
            if (!scope.Includes(r.department)) {  // a relay sees that another department's group rides, not which
                b.riders.push_back({0, "(" + r.department + ")", "", "", "", r.pupils, r.adults});
                continue;
            }
            b.riders.push_back({r.request_id, r.school_name, r.school_town, r.school_uai, PickupPlace(r), r.pupils,
                                r.adults});
        }
        v.buses.push_back(std::move(b));
    }
    for (const auto& r : read.requests) {
        if (!scope.Includes(r.department)) continue;
        DecisionView d;
        d.request_id = r.request_id;
        d.requester_name = r.requester_name;
        d.school_name = r.school_name;
        d.department = r.department;
        d.level = r.level;
        d.priority = KindsOf(r).front();
        d.pupils = r.pupils;
        d.adults = r.adults;
        d.bus_needed = r.bus_needed;
        d.session_id = r.session_id;
        d.wish_rank = r.wish_rank;
        d.outcome = !r.session_id                       ? DecisionOutcome::kRefused
                    : r.wish_rank.value_or(1) == 1 ? DecisionOutcome::kFirstWish
                                                        : DecisionOutcome::kMoved;
        if (r.session_id)
            if (auto it = read.sessions.find(*r.session_id); it != read.sessions.end()) {
                d.site_name = it->second.site_name;
                d.date = it->second.date;
                d.starts_at = it->second.starts_at;
            }
        for (const auto& p : v.settings.pinned)
            if (p.request_id == r.request_id && r.session_id && p.session_id == *r.session_id) d.pinned = true;
        for (const auto& x : v.settings.excluded)
            if (x.request_id == r.request_id) d.excluded_sessions.push_back(x.session_id);
        d.has_bus = on_bus.count(r.request_id) > 0;
        d.explanation_fr = r.explanation;
        d.explanation_en = r.explanation_en;
        d.first_come_session_id = r.first_come_session_id;
        v.decisions.push_back(std::move(d));
    }
    return v;
}

Result<store::AllocationRunRead> Read(Db& db, long long id) {
    auto read = store::ReadAllocationRun(db, id);
    if (!read.ok()) return read.error();
    if (!*read) return NoRun(id);
    return std::move(**read);
}

// ---- the e-mails of a publication -------------------------------------------------------------

// "vendredi 8 janvier 2027 à 9 h" / "Friday 8 January 2027 at 9:00"; the stored date when it is
// not one.
std::string When(const std::string& iso, const std::string& starts_at, DateLang lang) {
    auto d = ParseIsoDate(iso);
    return (d ? LongDate(*d, lang) : iso) + (lang == DateLang::kFr ? " à " : " at ") +
           ClockTime(starts_at, lang);
}

// The number of other groups on request r's bus. A bus carries the classes of one school only
// (alloc/instance.cc pools groups by school and tour), so the others are the same school's.
size_t OtherRiders(const store::RunRequestRow& r, const BusView& b) {
    size_t others = 0;
    for (const auto& x : b.riders) others += x.request_id != r.request_id ? 1 : 0;
    return others;
}

// "Un car financé par l'organisation vous prendra à 8 h 10 devant … . Vous partagez le car avec
// une autre classe de votre établissement." (or English): the bus of a placed request, for its
// e-mail and its requests page.
std::string BusSentence(const store::RunRequestRow& r, const BusView& b, DateLang lang) {
    const bool fr = lang == DateLang::kFr;
    const std::string pickup = ClockTime(b.pickup_time, lang);
    std::string out = fr ? "Un car financé par l'organisation vous prendra à " + pickup + " devant "
                         : "A bus paid by the organiser picks you up at " + pickup + " at ";
    out += PickupPlace(r) + ".";
    const size_t others = OtherRiders(r, b);
    if (others == 0)
        return out + (fr ? " Le car est pour votre groupe seul." : " The bus carries your group only.");
    const std::string n = std::to_string(others);
    if (fr)
        return out + " Vous partagez le car avec " +
               (others == 1 ? "une autre classe" : n + " autres classes") + " de votre établissement.";
    return out + " You share the bus with " + (others == 1 ? "one other class" : n + " other classes") +
           " from your school.";
}

store::OutgoingEmail RequesterMail(const store::RunRequestRow& r, const store::AllocationRunRead& read,
                                   const std::map<long long, const BusView*>& bus_of,
                                   const std::string& public_url) {
    store::OutgoingEmail m;
    m.kind = r.session_id ? "allocation.placed" : "allocation.refused";
    m.to_address = r.requester_email;
    std::string who = r.school_name.empty() ? "votre groupe" : "votre classe de " + r.school_name;
    std::string who_en = r.school_name.empty() ? "your group" : "your class at " + r.school_name;
    std::string fr, en;
    if (r.session_id) {
        const auto& t = read.sessions.at(*r.session_id);
        m.subject = "Votre visite du vendredi est confirmée — Your Friday visit is confirmed";
        fr = "Bonjour,\n\nLa répartition des visites du vendredi est publiée : " + who + " (" +
             std::to_string(r.pupils) + " élèves, " + std::to_string(r.adults) + " accompagnateurs) visitera\n  " +
             t.site_name + "\n  " + t.site_address + ", " + t.site_postcode + " " + t.site_town + "\n  le " +
             When(t.date, t.starts_at, DateLang::kFr) + ".\n";
        en = "Hello,\n\nThe Friday allocation is published: " + who_en + " (" + std::to_string(r.pupils) +
             " pupils, " + std::to_string(r.adults) + " adults) will visit\n  " + t.site_name + "\n  " +
             t.site_address + ", " + t.site_postcode + " " + t.site_town + "\n  on " +
             When(t.date, t.starts_at, DateLang::kEn) + ".\n";
        if (auto it = bus_of.find(r.request_id); it != bus_of.end()) {
            const BusView& b = *it->second;
            fr += "\n" + BusSentence(r, b, DateLang::kFr) + "\n";
            en += "\n" + BusSentence(r, b, DateLang::kEn) + "\n";
        } else if (r.bus_needed) {
            fr += "\nAucun car n'a pu être financé pour votre groupe : prévoyez votre transport.\n";
            en += "\nNo bus could be paid for your group: please arrange your own transport.\n";
        }
        fr += "\n" + r.explanation + "\n";
        en += "\n" + r.explanation_en + "\n";
    } else {
        m.subject = "Votre demande de visite du vendredi n'a pas pu être retenue — Your Friday request could not be met";
        fr = "Bonjour,\n\nLa répartition des visites du vendredi est publiée. Nous n'avons pas pu placer " + who +
             ".\n\n" + r.explanation +
             "\n\nLes places libérées seront proposées aux demandes non placées, dans l'ordre de leurs vœux.\n";
        en = "Hello,\n\nThe Friday allocation is published. We could not place " + who_en + ".\n\n" +
             r.explanation_en + "\n\nPlaces freed later go to the requests not placed, by their ranked wishes.\n";
    }
    std::string link = public_url.empty() ? "" : "\n" + public_url + "/compte/demandes\n";
    m.body_text = fr + link + "\n-- English --\n\n" + en + link;
    return m;
}

}  // namespace

std::string_view DecisionOutcomeCode(DecisionOutcome o) {
    switch (o) {
        case DecisionOutcome::kFirstWish:
            return "first_wish";
        case DecisionOutcome::kMoved:
            return "moved";
        case DecisionOutcome::kRefused:
            return "refused";
    }
    return "refused";
}

bool RunScope::Includes(std::string_view department) const {
    if (all) return true;
    return std::find(departments.begin(), departments.end(), department) != departments.end();
}

Result<RunScope> RunScopeOf(const auth::Principal& who) {
    RunScope scope;
    if (who.Has(domain::Role::kOrganiser)) {
        scope.all = true;
        return scope;
    }
    for (const auto& g : who.roles)
        if (g.role == domain::Role::kRelay && !g.department_code.empty()) scope.departments.push_back(g.department_code);
    if (scope.departments.empty())
        return MakeError(ErrorCode::kForbidden, "only the organiser and regional relays see allocation runs",
                         "seuls l'organisateur et les relais régionaux voient les répartitions");
    return scope;
}

Result<std::vector<RunSummary>> RunsOf(Db& db, int year, const RunScope& scope) {
    auto edition = Guarded<domain::Edition>(db, [&](Db& d) { return store::FindEditionByYear(d, year); });
    if (!edition.ok()) return edition.error();
    auto runs = store::AllocationRunsOf(db, edition->id);
    if (!runs.ok()) return runs.error();
    std::vector<RunSummary> out;
    for (const auto& r : *runs) {
        auto read = Read(db, r.id);
        if (!read.ok()) return read.error();
        out.push_back(SummaryOf(*read, scope));
    }
    return out;
}

Result<RunView> ReadRun(Db& db, long long id, const RunScope& scope) {
    auto read = Read(db, id);
    if (!read.ok()) return read.error();
    return ViewOf(*read, scope);
}

Status PublishRun(Db& db, const auth::Principal& who, long long id, const std::string& public_url) {
    if (!who.Has(domain::Role::kOrganiser)) return OrganiserOnly("publish an allocation run", "publier une répartition");
    auto read = Read(db, id);
    if (!read.ok()) return read.error();
    RunScope all;
    all.all = true;
    const RunView view = ViewOf(*read, all);
    std::map<long long, const BusView*> bus_of;
    for (const auto& b : view.buses)
        for (const auto& x : b.riders) bus_of[x.request_id] = &b;
    // The hosts' e-mails: per site, the groups coming by tour.
    std::map<long long, std::vector<const store::RunRequestRow*>> by_site;
    for (const auto& r : read->requests)
        if (r.session_id) by_site[read->sessions.at(*r.session_id).site_id].push_back(&r);

    return store::PublishAllocationRun(db, id, [&]() -> Status {
        store::OutboxWriter outbox(db);
        int mails = 0;
        for (const auto& r : read->requests) {
            // The requests page says the bus pickup too, not only the e-mail.
            if (auto it = bus_of.find(r.request_id); r.session_id && it != bus_of.end())
                store::SetRequestMessage(db, r.request_id,
                                         r.explanation + " " + BusSentence(r, *it->second, DateLang::kFr));
            if (r.requester_email.empty()) continue;
            auto m = RequesterMail(r, *read, bus_of, public_url);
            outbox.Enqueue(m);
            ++mails;
        }
        for (const auto& [site_id, groups] : by_site) {
            const auto& first = read->sessions.at(*groups.front()->session_id);
            std::map<long long, std::vector<const store::RunRequestRow*>> by_tour;
            for (const auto* g : groups) by_tour[*g->session_id].push_back(g);
            std::string fr =
                "Bonjour,\n\nLa répartition des visites du vendredi est publiée. Les groupes qui viendront "
                "à " +
                first.site_name + " :\n";
            std::string en = "Hello,\n\nThe Friday allocation is published. The groups coming to " +
                             first.site_name + ":\n";
            for (const auto& [tour, list] : by_tour) {
                const auto& t = read->sessions.at(tour);
                int pupils = 0, adults = 0;
                for (const auto* g : list) pupils += g->pupils, adults += g->adults;
                fr += "\n" + When(t.date, t.starts_at, DateLang::kFr) + " — " + std::to_string(list.size()) +
                      " groupe(s), " + std::to_string(pupils) + " élèves et " + std::to_string(adults) +
                      " accompagnateurs :\n";
                en += "\n" + When(t.date, t.starts_at, DateLang::kEn) + " — " + std::to_string(list.size()) +
                      " group(s), " + std::to_string(pupils) + " pupils and " + std::to_string(adults) +
                      " adults:\n";
                for (const auto* g : list) {
                    std::string name = g->school_name.empty() ? "groupe n° " + std::to_string(g->request_id)
                                                              : g->school_name + " (" + g->school_town + ")";
                    std::string line = "  - " + name + ", " + g->level + ", " + std::to_string(g->pupils) + " + " +
                                       std::to_string(g->adults);
                    const bool bus = bus_of.count(g->request_id) > 0;
                    fr += line + (bus ? ", en car financé" : "") + "\n";
                    en += line + (bus ? ", by a paid bus" : "") + "\n";
                }
            }
            const std::string link = public_url.empty() ? "" : "\n" + public_url + "/usine\n";
            MailText mail{"Les groupes du vendredi qui vous rendront visite — The Friday groups visiting you",
                          fr + link + "\n-- English --\n\n" + en + link};
            MailHosts(db, site_id, "allocation.host_groups", mail);
            ++mails;
        }
        Audit(db, who.user_id, "allocation.publish", "allocation_run", id,
              std::to_string(view.summary.groups_served) + " groups placed, " +
                  std::to_string(view.summary.groups_requested - view.summary.groups_served) + " refused, " +
                  std::to_string(view.summary.buses) + " buses; " + std::to_string(mails) + " e-mails");
        return Ok();
    });
}

Status DiscardRun(Db& db, const auth::Principal& who, long long id) {
    if (!who.Has(domain::Role::kOrganiser)) return OrganiserOnly("discard an allocation run", "écarter une répartition");
    JUO_TRY(store::DiscardAllocationRun(db, id));
    return db.InTransaction<Unit>([&]() -> Status {
        Audit(db, who.user_id, "allocation.discard", "allocation_run", id, "");
        return Ok();
    });
}

Result<BusOperatorExport> BusOperatorTable(Db& db, long long id, const RunScope& scope) {
    auto read = Read(db, id);
    if (!read.ok()) return read.error();
    const RunView view = ViewOf(*read, scope);
    BusOperatorExport out;
    out.year = view.summary.year;
    report::Table& t = out.table;
    t.code = "cars-" + std::to_string(id);
    t.title_fr = "Cars de la répartition " + std::to_string(id);
    using report::ColumnType;
    t.columns = {{"pickup_time", "Heure de prise en charge", ColumnType::kTime},
                 {"pickup_school", "Établissement", ColumnType::kValue},
                 {"pickup_town", "Commune de prise en charge", ColumnType::kValue},
                 {"pickup_place", "Lieu de prise en charge", ColumnType::kValue},
                 {"uai", "UAI", ColumnType::kValue},
                 {"site", "Usine", ColumnType::kValue},
                 {"site_address", "Adresse de l'usine", ColumnType::kValue},
                 {"date", "Date", ColumnType::kDate},
                 {"tour_time", "Heure de la visite", ColumnType::kTime},
                 {"tour_id", "Visite n°", ColumnType::kValue},
                 {"buses", "Cars", ColumnType::kValue},
                 {"seats", "Places par car", ColumnType::kValue},
                 {"pupils", "Élèves", ColumnType::kValue},
                 {"adults", "Accompagnateurs", ColumnType::kValue},
                 {"km", "Km (aller-retour, tous cars)", ColumnType::kValue},
                 {"cost_eur", "Coût (€)", ColumnType::kValue},
                 {"requests", "Demandes", ColumnType::kValue}};
    for (const auto& b : view.buses) {
        long long pupils = 0, adults = 0;
        std::string requests;
        for (const auto& x : b.riders) {
            pupils += x.pupils;
            adults += x.adults;
            if (x.request_id > 0) requests += (requests.empty() ? "" : " ") + std::to_string(x.request_id);
        }
        // The pickup of the first rider the reader may see (a relay: one of their departments).
        const auto seen = std::find_if(b.riders.begin(), b.riders.end(), [](const auto& x) { return x.request_id > 0; });
        const auto& r = seen != b.riders.end() ? *seen : b.riders.front();
        t.rows.push_back({b.pickup_time, r.school_name, r.school_town, r.pickup_address, r.school_uai, b.site_name,
                          b.site_address, b.date, b.starts_at, b.session_id, static_cast<long long>(b.buses),
                          static_cast<long long>(b.seats), pupils, adults, std::round(b.km * 10) / 10,
                          static_cast<double>(b.cost_cents) / 100, requests});
    }
    return out;
}

}  // namespace juo::services
