// Group request building, storing and decision scope (see group_requests.h).
#include "services/group_requests.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <span>

#include "auth/authorisation.h"
#include "common/clock.h"
#include "common/paris_time.h"
#include "refdata/geocoder.h"
#include "services/audit.h"
#include "services/hosts.h"
#include "store/bookings/capacity_store.h"
#include "store/db/database.h"
#include "store/editions/edition_repository.h"
#include "store/groups/group_request_repository.h"
#include "store/groups/school_repository.h"
#include "store/mail/outbox.h"
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

domain::Audience RequesterAudience(const auth::Principal& who) {
    return HasRole(who, domain::Role::kTeacher) ? domain::Audience::kSchool : domain::Audience::kJobSeekers;
}

std::variant<BuiltRequest, FieldErrors> BuildGroupRequest(Db& db, const auth::Principal& who,
                                                          const GroupRequestInput& in) {
    BuiltRequest built;
    FieldErrors errors;
    auto bad = [&](std::string en, std::string fr, std::string field) {
        errors.push_back(Bad(std::move(en), std::move(fr), std::move(field)));
    };
    domain::GroupRequest& r = built.request;
    r.requester_user_id = who.user_id;
    r.audience = RequesterAudience(who);
    r.level = in.level;
    if (domain::LevelRank(r.level) < 0) bad("choose the group's level", "choisissez le niveau du groupe", "level");
    if (in.pupils < 1 || in.pupils > 200)
        bad("the group counts 1 to 200 pupils or job-seekers", "le groupe compte de 1 à 200 élèves ou participants",
            "pupils");
    if (in.adults < 0 || in.adults > 50) bad("0 to 50 accompanying adults", "de 0 à 50 accompagnateurs", "adults");
    r.pupils = static_cast<int>(std::clamp<long long>(in.pupils, 0, 1000));
    r.adults = static_cast<int>(std::clamp<long long>(in.adults, 0, 1000));
    r.bus_needed = in.bus_needed;
    try {
        // Where the group leaves from: its school (found or new), else the place given.
        if (in.school_id) {
            auto school = store::FindSchool(db, *in.school_id);
            if (!school) {
                bad("choose your school in the list", "choisissez votre établissement dans la liste", "school");
            } else {
                r.school_id = school->id;
                r.position = school->position;
                r.department_code = school->department_code;
            }
        } else if (in.new_school) {
            const NewSchoolInput& n = *in.new_school;
            domain::School school;
            school.to_check = true;
            school.name = n.name;
            if (n.name.size() < 3 || n.name.size() > 200)
                bad("give the school's name", "indiquez le nom de l'établissement", "new_school_name");
            if (!n.uai.empty()) {
                std::string uai = n.uai;
                for (auto& c : uai) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
                if (!domain::IsValidUai(uai))
                    bad("a UAI is 7 digits and a letter (0691234A)", "un UAI compte 7 chiffres et une lettre (0691234A)",
                        "new_school_uai");
                else if (auto same = store::SearchSchools(db, uai, 1); !same.empty() && same[0].uai == uai)
                    bad("a school with this UAI exists: choose it in the list",
                        "un établissement a déjà cet UAI : choisissez-le dans la liste", "new_school_uai");
                school.uai = uai;
            }
            auto kind = domain::ParseSchoolKind(n.kind);
            if (!kind) bad("choose the kind of school", "choisissez le type d'établissement", "new_school_kind");
            school.kind = kind.value_or(domain::SchoolKind::kOther);
            auto priority = domain::ParsePriorityEducation(n.priority.empty() ? "none" : n.priority);
            if (!priority)
                bad("choose REP+, REP or neither", "choisissez REP+, REP ou aucun", "new_school_priority");
            school.priority_education = priority.value_or(domain::PriorityEducation::kNone);
            school.rural = n.rural;
            auto place = refdata::Geocoder::Default().Geocode(n.place);
            if (!place.ok()) {
                errors.push_back(FieldError{place.error(), "new_school_place"});
            } else {
                school.position = place->position;
                school.commune_code = place->commune->code;
                school.commune_name = place->commune->name;
                school.department_code = place->commune->department_code;
                school.region_code = place->commune->region_code;
                r.position = school.position;
                r.department_code = school.department_code;
            }
            built.new_school = std::move(school);
        } else if (r.audience == domain::Audience::kSchool && in.place.empty()) {
            // The form always asks for the school; an API client may still give only a place.
            bad("find your school by its name, town or UAI, or add it",
                "trouvez votre établissement par son nom, sa ville ou son UAI, ou ajoutez-le", "school");
        } else {
            auto place = refdata::Geocoder::Default().Geocode(in.place);
            if (!place.ok()) {
                errors.push_back(FieldError{place.error(), "place"});
            } else {
                r.position = place->position;
                r.department_code = place->commune->department_code;
            }
        }

        if (in.wishes.size() > kMaxWishes)
            bad("at most " + std::to_string(kMaxWishes) + " tours", "au plus " + std::to_string(kMaxWishes) + " visites",
                "wish1");
        store::CapacityStore tours(db);
        std::set<long long> seen;
        std::vector<store::FridayTour> open;  // of the wishes' edition, read once
        for (size_t i = 0; i < in.wishes.size() && i < kMaxWishes; ++i) {
            const long long id = in.wishes[i];
            const std::string field = "wish" + std::to_string(i + 1), text = std::to_string(id);
            auto tour = id > 0 ? tours.LoadSession(id) : std::nullopt;
            // A tour of a factory the organiser has not approved (or refused) is not in the catalogue.
            if (!tour || tour->participation_status != "approved") {
                bad("no tour number " + text, "aucune visite n° " + text, field);
                continue;
            }
            if (std::find(tour->audiences.begin(), tour->audiences.end(), r.audience) == tour->audiences.end()) {
                bad("tour " + text + " is not open to your groups (day " + tour->day_date + ")",
                    "la visite n° " + text + " n'est pas ouverte à vos groupes (le " + tour->day_date + ")", field);
                continue;
            }
            if (!seen.insert(id).second) {
                bad("tour " + text + " is wished twice", "visite n° " + text + " demandée deux fois", field);
                continue;
            }
            if (r.edition_id != 0 && r.edition_id != tour->edition_id) {
                bad("the tours belong to different editions", "les visites sont de deux éditions différentes", field);
                continue;
            }
            if (r.edition_id == 0) open = store::FridayTours(db, tour->edition_id, r.audience);
            r.edition_id = tour->edition_id;
            auto it = std::find_if(open.begin(), open.end(), [&](const auto& t) { return t.session_id == id; });
            if (it == open.end()) {
                bad("tour " + text + " takes no group now", "la visite n° " + text + " n'accueille pas de groupe", field);
                continue;
            }
            if (!it->min_level.empty() && domain::LevelRank(r.level) >= 0 &&
                domain::LevelRank(r.level) < domain::LevelRank(it->min_level)) {
                bad("tour " + text + " is from level " + it->min_level + " up",
                    "la visite n° " + text + " est ouverte à partir du niveau " + it->min_level, field);
                continue;
            }
            domain::Wish w;
            w.rank = static_cast<int>(r.wishes.size()) + 1;
            w.session_id = id;
            r.wishes.push_back(w);
        }
        if (in.radius_km) {
            if (*in.radius_km < 1 || *in.radius_km > 300)
                bad("the distance is 1 to 300 km", "la distance est comprise entre 1 et 300 km", "radius_km");
            else
                r.radius_km = *in.radius_km;
            for (const auto& d : in.sectors) {
                if (!refdata::FindSector(d)) {
                    bad("unknown sector " + d, "secteur inconnu : " + d, "sectors");
                    break;
                }
                if (std::find(r.sector_divisions.begin(), r.sector_divisions.end(), d) == r.sector_divisions.end())
                    r.sector_divisions.push_back(d);
            }
        }
        if (in.wishes.empty() && !in.radius_km)
            bad("pick at least one tour, or any tour within a distance",
                "choisissez au moins une visite, ou toute visite à une distance donnée", "wish1");
        if (r.edition_id == 0 && errors.empty()) {
            auto edition = store::CurrentEdition(db);
            if (!edition.ok())
                errors.push_back(FieldError{edition.error(), ""});
            else
                r.edition_id = edition->id;
        }
    } catch (const std::exception& e) {
        errors.push_back(FieldError{DatabaseError(db, e), ""});
    }
    if (!errors.empty()) return errors;
    r.submitted_at = NowUtcIso();
    return built;
}

Result<long long> StoreGroupRequest(Db& db, domain::GroupRequest& request, const NewRequestMail& mail) {
    BuiltRequest built{request, std::nullopt};
    auto id = StoreGroupRequest(db, built, mail, {});
    if (id.ok()) request = built.request;
    return id;
}

Result<long long> StoreGroupRequest(Db& db, BuiltRequest& built, const NewRequestMail& mail,
                                    const RequestAckMail& ack) {
    domain::GroupRequest& request = built.request;
    return db.InTransaction<long long>([&]() -> Result<long long> {
        if (built.new_school) {
            store::InsertSchools(db, std::span<domain::School>(&*built.new_school, 1));
            request.school_id = built.new_school->id;
            Audit(db, request.requester_user_id.value_or(0), "school.create", "school", built.new_school->id,
                  built.new_school->name + " (" + built.new_school->commune_name + "), " +
                      std::string(domain::ToCode(built.new_school->priority_education)) +
                      (built.new_school->rural ? ", rural" : ""));
        }
        JUO_TRY(store::InsertGroupRequests(db, std::span<domain::GroupRequest>(&request, 1)));
        Audit(db, request.requester_user_id.value_or(0), "group_request.create", "group_request", request.id,
              std::to_string(request.people()) + " people, " + std::to_string(request.wishes.size()) + " wishes" +
                  (request.radius_km ? ", within " + std::to_string(static_cast<int>(*request.radius_km)) + " km" : ""));
        if (mail)
            for (const auto& [site_id, site_name] : store::WishedSites(db, request.id))
                MailHosts(db, site_id, "group_request.new", mail(site_name, request));
        if (ack) {
            auto view = store::FindGroupRequestView(db, request.id);
            if (view && !view->requester_email.empty()) {
                MailText text = ack(*view, store::RequestDeadline(db, request.edition_id).value_or(""));
                store::OutgoingEmail m;
                m.kind = "group_request.ack";
                m.to_address = view->requester_email;
                m.subject = text.subject;
                m.body_text = text.body;
                store::OutboxWriter(db).Enqueue(m);
            }
        }
        return request.id;
    });
}

Result<FridayPhase> PhaseOf(Db& db, long long edition_id, const std::string& now) {
    return Guarded<FridayPhase>(db, [&](Db& d) -> FridayPhase {
        FridayPhase phase;
        phase.edition_id = edition_id;
        if (edition_id == 0) {
            auto edition = store::CurrentEdition(d);
            if (!edition.ok()) return phase;
            phase.edition_id = edition->id;
        }
        phase.deadline = store::RequestDeadline(d, phase.edition_id).value_or("");
        phase.published = store::HasPublishedRun(d, phase.edition_id);
        // UTC ISO instants of one format compare as text.
        phase.collecting = !phase.published && (phase.deadline.empty() || (now.empty() ? NowUtcIso() : now) < phase.deadline);
        return phase;
    });
}

Result<FridayChoices> RequestChoices(Db& db, domain::Audience audience) {
    auto phase = PhaseOf(db, 0);
    if (!phase.ok()) return phase.error();
    FridayChoices choices;
    choices.phase = *phase;
    if (phase->edition_id == 0) return choices;
    auto tours = Guarded<std::vector<FridayTour>>(
        db, [&](Db& d) { return store::FridayTours(d, phase->edition_id, audience); });
    if (!tours.ok()) return tours.error();
    choices.tours = std::move(*tours);
    return choices;
}

FieldErrors CapacityWarnings(const GroupRequestView& view) {
    FieldErrors out;
    const int people = view.request.people();
    for (const auto& w : view.wishes) {
        if (!w.session_id || w.unavailable) continue;
        const std::string field = "wish" + std::to_string(w.rank), n = std::to_string(w.places_left),
                          p = std::to_string(people);
        if (w.groups_left <= 0)
            out.push_back(Bad(w.site_name + ": no group slot left on this tour",
                              w.site_name + " : plus aucun créneau de groupe sur cette visite", field));
        else if (w.places_left < people)
            out.push_back(Bad(w.site_name + ": " + n + " places left for your group of " + p,
                              w.site_name + " : " + n + " places restantes pour votre groupe de " + p, field));
    }
    return out;
}

namespace {

// The request `id` when `who` made it (kNotFound otherwise: another's request is not disclosed),
// still pending, while its edition collects requests.
Result<GroupRequestView> EditableRequest(Db& db, const auth::Principal& who, long long id, const std::string& now) {
    auto view = FindGroupRequest(db, id);
    if (!view.ok()) return view.error();
    if (!*view || (*view)->request.requester_user_id != who.user_id)
        return MakeError(ErrorCode::kNotFound, "no request " + std::to_string(id),
                         "aucune demande n° " + std::to_string(id));
    if ((*view)->request.status != domain::RequestStatus::kPending)
        return MakeError(ErrorCode::kConflict, "this request is no longer pending: it cannot be changed",
                         "cette demande n'est plus en attente : elle ne peut plus être modifiée");
    auto phase = PhaseOf(db, (*view)->request.edition_id, now);
    if (!phase.ok()) return phase.error();
    if (!phase->collecting)
        return MakeError(ErrorCode::kConflict, "the request deadline has passed: write to the organiser",
                         "la date limite des demandes est passée : écrivez à l'organisateur");
    return std::move(**view);
}

}  // namespace

FieldErrors EditGroupRequest(Db& db, const auth::Principal& who, long long id, const GroupRequestInput& input,
                             const std::string& now) {
    auto current = EditableRequest(db, who, id, now);
    if (!current.ok()) return {FieldError{current.error(), ""}};
    auto built = BuildGroupRequest(db, who, input);
    if (auto* errors = std::get_if<FieldErrors>(&built)) return *errors;
    auto& b = std::get<BuiltRequest>(built);
    b.request.id = id;
    if (b.request.edition_id != current->request.edition_id)
        return {Bad("the tours belong to another edition", "les visites sont d'une autre édition", "wish1")};
    auto done = db.InTransaction<bool>([&]() -> Result<bool> {
        if (b.new_school) {
            store::InsertSchools(db, std::span<domain::School>(&*b.new_school, 1));
            b.request.school_id = b.new_school->id;
            Audit(db, who.user_id, "school.create", "school", b.new_school->id, b.new_school->name);
        }
        JUO_TRY(store::UpdateGroupRequest(db, b.request));
        Audit(db, who.user_id, "group_request.edit", "group_request", id,
              std::to_string(b.request.people()) + " people, " + std::to_string(b.request.wishes.size()) + " wishes");
        return true;
    });
    if (!done.ok()) return {FieldError{done.error(), ""}};
    return {};
}

Status CancelGroupRequest(Db& db, const auth::Principal& who, long long id, const std::string& now) {
    auto current = EditableRequest(db, who, id, now);
    if (!current.ok()) return current.error();
    auto done = db.InTransaction<bool>([&]() -> Result<bool> {
        const std::string at = NowUtcIso();
        if (!store::SetRequestDecision(db, id, domain::RequestStatus::kCancelled, "", at))
            return MakeError(ErrorCode::kConflict, "this request was decided meanwhile",
                             "cette demande a été traitée entre-temps");
        Audit(db, who.user_id, "group_request.cancel", "group_request", id, "cancelled by the requester", at);
        // Issue 19: the hosts the request was sent to are told it is withdrawn (or their digest).
        const auto& r = current->request;
        const std::string n = std::to_string(id), people = std::to_string(r.people());
        for (const auto& [site_id, site_name] : store::WishedSites(db, id))
            MailHosts(db, site_id, "group_request.cancelled",
                      MailText{"Demande de groupe annulée : " + site_name + " / Group request cancelled",
                               "Bonjour,\n\nLa demande de visite de groupe n°" + n + " (" + r.level + ", " + people +
                                   " personnes) qui souhaitait " + site_name +
                                   " a été annulée par son auteur. Rien à faire de votre côté.\n\nLes Journées "
                                   "Usines Ouvertes\n\n---\n\nHello,\n\nGroup visit request no. " + n + " (" +
                                   r.level + ", " + people + " people) that wished " + site_name +
                                   " was cancelled by its author. Nothing to do on your side.\n\nJournées Usines "
                                   "Ouvertes"});
        return true;
    });
    if (!done.ok()) return done.error();
    return Ok();
}

Status MarkWishUnavailable(Db& db, const auth::Principal& who, long long id, int rank) {
    auto view = FindGroupRequest(db, id);
    if (!view.ok()) return view.error();
    if (!*view) return MakeError(ErrorCode::kNotFound, "no request " + std::to_string(id),
                                 "aucune demande n° " + std::to_string(id));
    const auto& wishes = (*view)->wishes;
    auto wish = std::find_if(wishes.begin(), wishes.end(), [&](const WishView& w) { return w.rank == rank; });
    if (wish == wishes.end())
        return MakeError(ErrorCode::kNotFound, "this request has no wish " + std::to_string(rank),
                         "cette demande n'a pas de vœu n° " + std::to_string(rank));
    if (!MayDecide(who, *wish))
        return MakeError(ErrorCode::kForbidden, "this wish is not at one of your sites",
                         "ce vœu ne concerne pas l'un de vos sites");
    const auto status = (*view)->request.status;
    if (status != domain::RequestStatus::kPending && status != domain::RequestStatus::kWaitlisted)
        return MakeError(ErrorCode::kConflict, "this request is already decided", "cette demande est déjà traitée");
    auto done = db.InTransaction<bool>([&]() -> Result<bool> {
        const std::string at = NowUtcIso();
        if (!store::MarkWishUnavailable(db, id, rank, who.user_id, at))
            return MakeError(ErrorCode::kConflict, "this wish is already marked unavailable",
                             "ce vœu est déjà marqué indisponible");
        Audit(db, who.user_id, "group_request.wish_unavailable", "group_request", id,
              "wish " + std::to_string(rank) + " (" + wish->site_name + ")", at);
        return true;
    });
    if (!done.ok()) return done.error();
    return Ok();
}

Status FirstComeDecisionAllowed(Db& db, long long id) {
    auto view = FindGroupRequest(db, id);
    if (!view.ok()) return view.error();
    if (!*view) return Ok();  // the engine says "not found" in its own words
    auto phase = PhaseOf(db, (*view)->request.edition_id);
    if (!phase.ok()) return phase.error();
    if (phase->deadline.empty() || phase->published) return Ok();
    return MakeError(ErrorCode::kConflict,
                     "requests are decided by the allocation round; before it, mark a wish your tour cannot take",
                     "les demandes sont décidées par la répartition ; avant elle, signalez le vœu que votre visite "
                     "ne peut pas accueillir");
}

Status SetRequestDeadline(Db& db, const auth::Principal& who, long long edition_id, const std::string& paris_date) {
    if (!who.Has(domain::Role::kOrganiser))  // the route's rule says so too; the use case does not rely on it
        return MakeError(ErrorCode::kForbidden, "only the organiser sets the request deadline",
                         "seul l'organisateur fixe la date limite des demandes");
    std::string deadline;
    if (!paris_date.empty()) {
        deadline = ParisLocalToUtc(paris_date, 23, 59, 59);
        if (deadline.empty())
            return MakeError(ErrorCode::kInvalidArgument, "give the deadline as a date", "indiquez la date limite");
    }
    auto done = db.InTransaction<bool>([&]() -> Result<bool> {
        if (!store::SetRequestDeadline(db, edition_id, deadline))
            return MakeError(ErrorCode::kNotFound, "no edition " + std::to_string(edition_id),
                             "aucune édition n°" + std::to_string(edition_id));
        Audit(db, who.user_id, "edition.request_deadline", "edition", edition_id,
              deadline.empty() ? "none: first-come" : deadline);
        return true;
    });
    if (!done.ok()) return done.error();
    return Ok();
}

Result<std::optional<domain::School>> SchoolById(Db& db, long long id) {
    return Guarded<std::optional<domain::School>>(db, [&](Db& d) { return store::FindSchool(d, id); });
}

Result<std::vector<domain::School>> FindSchools(Db& db, const std::string& query, int limit) {
    if (query.size() > 100) return std::vector<domain::School>{};
    return Guarded<std::vector<domain::School>>(db, [&](Db& d) { return store::SearchSchools(d, query, limit); });
}

Result<std::vector<domain::School>> SchoolsToCheck(Db& db, const auth::Principal& who, int limit) {
    std::vector<std::string> departments;
    bool all = false;
    for (const auto& g : who.roles) {
        if (g.role == domain::Role::kOrganiser) all = true;
        if (g.role == domain::Role::kRelay && !g.department_code.empty()) departments.push_back(g.department_code);
    }
    return Guarded<std::vector<domain::School>>(
        db, [&](Db& d) { return store::SchoolsToCheck(d, departments, all, limit); });
}

Status ConfirmSchool(Db& db, const auth::Principal& who, long long id, domain::PriorityEducation priority, bool rural) {
    auto school = Guarded<std::optional<domain::School>>(db, [&](Db& d) { return store::FindSchool(d, id); });
    if (!school.ok()) return school.error();
    if (!*school)
        return MakeError(ErrorCode::kNotFound, "no school " + std::to_string(id),
                         "aucun établissement n° " + std::to_string(id));
    const bool organiser = HasRole(who, domain::Role::kOrganiser);
    const bool relay = std::any_of(who.roles.begin(), who.roles.end(), [&](const auto& g) {
        return g.role == domain::Role::kRelay && g.department_code == (*school)->department_code;
    });
    if (!organiser && !relay)
        return MakeError(ErrorCode::kForbidden, "this school is outside your departments",
                         "cet établissement est hors de vos départements");
    auto done = db.InTransaction<bool>([&]() -> Result<bool> {
        // Only a school waiting to be checked: the reference schools' flags are not edited here.
        if (!store::ConfirmSchool(db, id, priority, rural))
            return MakeError(ErrorCode::kConflict, "this school is not waiting to be checked",
                             "cet établissement n'est pas à vérifier");
        Audit(db, who.user_id, "school.confirm", "school", id,
              std::string(domain::ToCode(priority)) + (rural ? ", rural" : ""));
        return true;
    });
    if (!done.ok()) return done.error();
    return Ok();
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
