// Group request building, storing and decision scope (see group_requests.h).
#include "services/group_requests.h"

#include <algorithm>
#include <set>
#include <span>

#include "auth/authorisation.h"
#include "common/clock.h"
#include "refdata/geocoder.h"
#include "services/audit.h"
#include "services/hosts.h"
#include "store/bookings/capacity_store.h"
#include "store/db/database.h"
#include "store/groups/group_request_repository.h"
#include "store/reads/host_day_queries.h"

namespace juo::services {
namespace {

FieldError Bad(std::string en, std::string fr, std::string field) {
    return FieldError{MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr)), std::move(field)};
}

bool HasRole(const auth::Principal& p, domain::Role role) {
    return std::any_of(p.roles.begin(), p.roles.end(), [&](const auto& g) { return g.role == role; });
}

}  // namespace

std::variant<domain::GroupRequest, FieldError> BuildGroupRequest(Db& db, const auth::Principal& who,
                                                                 const GroupRequestInput& in) {
    domain::GroupRequest r;
    r.requester_user_id = who.user_id;
    r.audience = HasRole(who, domain::Role::kTeacher) ? domain::Audience::kSchool : domain::Audience::kJobSeekers;
    r.level = in.level;
    if (domain::LevelRank(r.level) < 0) return Bad("choose the group's level", "choisissez le niveau du groupe", "level");
    if (in.pupils < 1 || in.pupils > 200)
        return Bad("the group counts 1 to 200 pupils or job-seekers",
                   "le groupe compte de 1 à 200 élèves ou participants", "pupils");
    if (in.adults < 0 || in.adults > 50) return Bad("0 to 50 accompanying adults", "de 0 à 50 accompagnateurs", "adults");
    r.pupils = static_cast<int>(in.pupils);
    r.adults = static_cast<int>(in.adults);
    r.bus_needed = in.bus_needed;
    auto place = refdata::Geocoder::Default().Geocode(in.place);
    if (!place.ok()) return FieldError{place.error(), "place"};
    r.position = place->position;
    r.department_code = place->commune->department_code;
    if (in.wishes.empty()) return Bad("name at least one tour", "indiquez au moins une visite", "wish1");
    if (in.wishes.size() > kMaxWishes)
        return Bad("at most " + std::to_string(kMaxWishes) + " tours", "au plus " + std::to_string(kMaxWishes) + " visites",
                   "wish1");
    try {
        store::CapacityStore tours(db);
        std::set<long long> seen;
        for (size_t i = 0; i < in.wishes.size(); ++i) {
            const long long id = in.wishes[i];
            const std::string field = "wish" + std::to_string(i + 1), text = std::to_string(id);
            auto tour = id > 0 ? tours.LoadSession(id) : std::nullopt;
            // A tour of a factory the organiser has not approved (or refused) is not in the catalogue.
            if (!tour || tour->participation_status != "approved")
                return Bad("no tour number " + text, "aucune visite n° " + text, field);
            if (std::find(tour->audiences.begin(), tour->audiences.end(), r.audience) == tour->audiences.end())
                return Bad("tour " + text + " is not open to your groups (day " + tour->day_date + ")",
                           "la visite n° " + text + " n'est pas ouverte à vos groupes (le " + tour->day_date + ")",
                           field);
            if (!seen.insert(id).second)
                return Bad("tour " + text + " is wished twice", "visite n° " + text + " demandée deux fois", field);
            if (r.edition_id != 0 && r.edition_id != tour->edition_id)
                return Bad("the tours belong to different editions", "les visites sont de deux éditions différentes",
                           field);
            r.edition_id = tour->edition_id;
            domain::Wish w;
            w.rank = static_cast<int>(i) + 1;
            w.session_id = id;
            r.wishes.push_back(w);
        }
    } catch (const std::exception& e) {
        return FieldError{DatabaseError(db, e), ""};
    }
    r.submitted_at = NowUtcIso();
    return r;
}

Result<long long> StoreGroupRequest(Db& db, domain::GroupRequest& request, const NewRequestMail& mail) {
    return db.InTransaction<long long>([&]() -> Result<long long> {
        JUO_TRY(store::InsertGroupRequests(db, std::span<domain::GroupRequest>(&request, 1)));
        Audit(db, request.requester_user_id.value_or(0), "group_request.create", "group_request", request.id,
              std::to_string(request.people()) + " people, " + std::to_string(request.wishes.size()) + " wishes");
        if (mail)
            for (const auto& [site_id, site_name] : store::WishedSites(db, request.id))
                MailHosts(db, site_id, "group_request.new", mail(site_name, request));
        return request.id;
    });
}

Result<std::optional<GroupRequestView>> FindGroupRequest(Db& db, long long id) {
    return Guarded<std::optional<GroupRequestView>>(db, [&](Db& d) { return store::FindGroupRequestView(d, id); });
}

Result<std::vector<GroupRequestView>> RequestsOf(Db& db, long long user_id) {
    return Guarded<std::vector<GroupRequestView>>(db, [&](Db& d) { return store::RequestsOfRequester(d, user_id); });
}

bool MayDecide(const auth::Principal& who, const WishView& wish) {
    return auth::CanManageSite(who, wish.site_id, wish.department_code);
}

Result<std::vector<GroupRequestView>> RequestsToDecide(Db& db, const auth::Principal& who, int limit) {
    std::vector<long long> sites;
    std::vector<std::string> departments;
    bool all = false;
    for (const auto& g : who.roles) {
        if (g.role == domain::Role::kHost && g.site_id) sites.push_back(*g.site_id);
        if (g.role == domain::Role::kOrganiser) all = true;
        // Issue 21: a relay's departments filter in the query, before its LIMIT.
        if (g.role == domain::Role::kRelay && !g.department_code.empty()) departments.push_back(g.department_code);
    }
    auto views = Guarded<std::vector<GroupRequestView>>(
        db, [&](Db& d) { return store::RequestsForSites(d, 0, sites, all, limit, departments); });
    if (!views.ok()) return views.error();
    std::erase_if(*views, [&](const GroupRequestView& v) {
        return std::none_of(v.wishes.begin(), v.wishes.end(), [&](const auto& w) { return MayDecide(who, w); });
    });
    return views;
}

Result<std::vector<TourSummary>> OpenSiteTours(Db& db, long long site_id, domain::Audience audience) {
    return Guarded<std::vector<TourSummary>>(db, [&](Db& d) { return store::SiteTours(d, site_id, audience); });
}

Result<std::function<bool(long long)>> DecisionRule(Db& db, const auth::Principal& who, long long request_id) {
    auto view = FindGroupRequest(db, request_id);
    if (!view.ok()) return view.error();
    std::set<long long> allowed;
    if (*view)
        for (const auto& w : (*view)->wishes)
            if (MayDecide(who, w)) allowed.insert(w.site_id);
    return std::function<bool(long long)>(
        [allowed, who](long long site) { return allowed.count(site) > 0 || auth::CanActOnSite(who, site); });
}

Result<std::vector<BookingView>> TourBookings(Db& db, const auth::Principal& who, long long session_id) {
    try {
        store::CapacityStore tours(db);
        auto tour = tours.LoadSession(session_id);
        if (!tour)
            return MakeError(ErrorCode::kNotFound, "no tour " + std::to_string(session_id),
                             "aucune visite n°" + std::to_string(session_id));
        if (!auth::CanManageSite(who, tour->site_id, tour->site_department))
            return MakeError(ErrorCode::kForbidden, "this tour is not at one of your sites",
                             "cette visite n'a pas lieu dans l'un de vos sites");
        return store::SessionBookings(db, session_id);
    } catch (const std::exception& e) {
        return DatabaseError(db, e);
    }
}

}  // namespace juo::services
