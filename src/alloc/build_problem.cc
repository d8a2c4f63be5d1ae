// Building the solver's Problem from stored rows, with the input checks of issue 5.
#include "alloc/build_problem.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "alloc/instance.h"
#include "alloc/validator.h"

namespace juo::alloc {
namespace {

// Collects input errors; the message names up to five of them and how many there were.
class Problems {
 public:
    void Add(std::string en) {
        if (list_.size() < 5) list_.push_back(std::move(en));
        ++count_;
    }
    bool empty() const { return count_ == 0; }
    Error ToError() const {
        std::string en = "allocation input rejected: ";
        for (size_t i = 0; i < list_.size(); ++i) en += (i ? "; " : "") + list_[i];
        if (count_ > list_.size()) en += "; and " + std::to_string(count_ - list_.size()) + " more";
        return MakeError(
            ErrorCode::kInvalidArgument, en,
            "données de répartition refusées (" + std::to_string(count_) + " erreur(s)) : " + list_.front());
    }

 private:
    std::vector<std::string> list_;
    size_t count_ = 0;
};

std::string RequestName(const domain::GroupRequest& r) { return "request " + std::to_string(r.id); }

}  // namespace

const char* PriorityKindCode(int index) {
    static const char* const kCodes[kPriorityKinds] = {"rep_plus", "rep", "rural", "first_time", "carry_over"};
    return index >= 0 && index < kPriorityKinds ? kCodes[index] : "none";
}

Result<Problem> BuildProblem(const ProblemInput& in) {
    Problems problems;
    if (in.bus.budget_cents && *in.bus.budget_cents < 0)
        problems.Add("the bus budget is below zero (" + std::to_string(*in.bus.budget_cents / 100) + " EUR)");
    if (in.bus.max_buses && *in.bus.max_buses < 0)
        problems.Add("the number of buses is below zero (" + std::to_string(*in.bus.max_buses) + ")");
    if (in.bus.cost.seats <= 0) problems.Add("a bus needs at least one seat");
    if (in.bus.cost.fixed_cents < 0 || in.bus.cost.per_km_cents < 0)
        problems.Add("bus prices are below zero");

    std::unordered_map<long long, const domain::Site*> site_by_id;
    for (const auto& s : in.sites) site_by_id[s.id] = &s;
    std::unordered_map<long long, const domain::School*> school_by_id;
    for (const auto& s : in.schools) school_by_id[s.id] = &s;

    Problem p;
    p.bus = in.bus;
    std::unordered_set<long long> edition_sessions;
    std::unordered_map<long long, int> session_index;
    std::map<long long, std::vector<int>> sessions_of_site;  // ordered: deterministic radius scans
    int largest_session = 0;
    for (const auto& s : in.sessions) {
        edition_sessions.insert(s.id);
        bool school = s.admits(domain::Audience::kSchool), jobs = s.admits(domain::Audience::kJobSeekers);
        if (s.status != domain::SessionStatus::kOpen || (!school && !jobs) || s.capacity_groups <= 0)
            continue;
        auto site = site_by_id.find(s.site_id);
        if (site == site_by_id.end()) {
            problems.Add("session " + std::to_string(s.id) + " is at unknown site " +
                         std::to_string(s.site_id));
            continue;
        }
        if (!IsValidPosition(site->second->position))
            problems.Add("site " + std::to_string(s.site_id) + " has an impossible position");
        Session out;
        out.id = s.id;
        out.site_id = s.site_id;
        out.site_name = site->second->name;
        out.department = site->second->department_code;
        out.naf_division = site->second->naf_division;
        out.starts_at = s.starts_at;
        out.position = site->second->position;
        out.capacity_people = s.capacity_people;
        out.places_left = std::max(0, s.capacity_people - s.places_taken);
        out.groups_left = std::max(0, s.capacity_groups - s.groups_taken);
        out.min_level_rank = s.min_level.empty() ? -1 : domain::LevelRank(s.min_level);
        out.admits_school = school;
        out.admits_job_seekers = jobs;
        largest_session = std::max(largest_session, s.capacity_people);
        session_index[s.id] = static_cast<int>(p.sessions.size());
        sessions_of_site[s.site_id].push_back(static_cast<int>(p.sessions.size()));
        p.sessions.push_back(std::move(out));
    }

    const std::unordered_set<long long> carried(in.carried_over_school_ids.begin(),
                                                in.carried_over_school_ids.end());
    for (const auto& r : in.requests) {
        const domain::School* school = nullptr;
        if (r.school_id) {
            auto it = school_by_id.find(*r.school_id);
            if (it != school_by_id.end()) school = it->second;
        }
        if (r.pupils <= 0) problems.Add(RequestName(r) + " has " + std::to_string(r.pupils) + " pupils");
        if (r.adults < 0) problems.Add(RequestName(r) + " has " + std::to_string(r.adults) + " adults");
        if (!IsValidPosition(r.position) || (r.position.lat == 0 && r.position.lon == 0))
            problems.Add(RequestName(r) + " has an impossible position");
        if (r.people() > largest_session)
            problems.Add(RequestName(r) + " has " + std::to_string(r.people()) +
                         " people, more than any session takes (" + std::to_string(largest_session) + ")");
        if (r.radius_km && !(*r.radius_km > 0))
            problems.Add(RequestName(r) + " has a radius that is not positive");
        for (const auto& w : r.wishes) {
            if (w.session_id && !edition_sessions.count(*w.session_id))
                problems.Add(RequestName(r) + " wish " + std::to_string(w.rank) + " names session " +
                             std::to_string(*w.session_id) + ", which is not in this edition");
            if (w.site_id && !site_by_id.count(*w.site_id))
                problems.Add(RequestName(r) + " wish " + std::to_string(w.rank) + " names site " +
                             std::to_string(*w.site_id) + ", which is not in this edition");
        }
        Request out;
        out.id = r.id;
        out.has_school = r.school_id.has_value();
        out.school_key = r.school_id
                             ? *r.school_id
                             : (r.requester_user_id ? -1'000'000'000LL - *r.requester_user_id : -r.id);
        out.department = r.department_code;
        out.position = r.position;
        out.pupils = r.pupils;
        out.adults = r.adults;
        out.level_rank = domain::LevelRank(r.level);
        out.job_seekers = r.audience == domain::Audience::kJobSeekers;
        out.bus_needed = r.bus_needed;
        const bool carry = r.school_id && carried.count(*r.school_id);
        out.priority_pct = domain::PriorityPct(r, school, carry);  // the weights' one place
        if (school && school->priority_education == domain::PriorityEducation::kRepPlus) out.kinds |= kKindRepPlus;
        if (school && school->priority_education == domain::PriorityEducation::kRep) out.kinds |= kKindRep;
        if (school && school->rural) out.kinds |= kKindRural;
        if (r.first_time) out.kinds |= kKindFirstTime;
        if (carry) out.kinds |= kKindCarryOver;
        out.priority = !school                                                             ? "none"
                       : school->priority_education == domain::PriorityEducation::kRepPlus ? "rep_plus"
                       : school->priority_education == domain::PriorityEducation::kRep     ? "rep"
                       : school->rural                                                     ? "rural"
                                                                                           : "none";
        out.submitted_at = r.submitted_at;
        out.wishes = static_cast<int>(r.wishes.size());
        out.radius_km = r.radius_km;
        p.requests.push_back(std::move(out));
    }
    // Pins and exclusions: known requests, a pair not both pinned and excluded, one pin a request.
    std::unordered_map<long long, int> request_index;
    for (size_t i = 0; i < in.requests.size(); ++i) request_index[in.requests[i].id] = static_cast<int>(i);
    std::set<std::pair<long long, long long>> excluded(in.excluded.begin(), in.excluded.end());
    std::map<long long, long long> pin_of;  // request id -> session id
    for (const auto& [request, session] : in.pinned) {
        const std::string pair = "request " + std::to_string(request) + " at tour " + std::to_string(session);
        if (!request_index.count(request))
            problems.Add("pin of " + pair + ": the request is not among those to allocate");
        if (excluded.count({request, session})) problems.Add(pair + " is both pinned and excluded");
        auto [it, added] = pin_of.emplace(request, session);
        if (!added && it->second != session)
            problems.Add("request " + std::to_string(request) + " is pinned to two tours (" +
                         std::to_string(it->second) + " and " + std::to_string(session) + ")");
    }
    for (const auto& [request, session] : in.excluded)
        if (!request_index.count(request))
            problems.Add("exclusion of request " + std::to_string(request) + " at tour " +
                         std::to_string(session) + ": the request is not among those to allocate");
    if (!problems.empty()) return problems.ToError();
    p.excluded = in.excluded;
    for (const auto& [request, session] : pin_of) p.pinned.emplace_back(request, session);
    p.carried_over_school_ids = in.carried_over_school_ids;

    // Candidates: each session once per request, at the best rank that names it.
    for (size_t i = 0; i < in.requests.size(); ++i) {
        const auto& r = in.requests[i];
        const auto& req = p.requests[i];
        std::map<int, Candidate> best;  // by session index
        auto consider = [&](int s, int rank, bool by_radius) {
            const Session& ses = p.sessions[static_cast<size_t>(s)];
            if (!(req.job_seekers ? ses.admits_job_seekers : ses.admits_school)) return;
            if (ses.min_level_rank >= 0 && req.level_rank < ses.min_level_rank) return;
            if (req.people() > ses.places_left || ses.groups_left < 1) return;
            auto [it, added] = best.try_emplace(s);
            if (!added && it->second.rank <= rank) return;
            it->second =
                Candidate{static_cast<int>(i), s, rank, by_radius, HaversineKm(req.position, ses.position)};
        };
        int last_rank = 0;
        for (const auto& w : r.wishes) {
            last_rank = std::max(last_rank, w.rank);
            if (w.session_id) {
                auto it = session_index.find(*w.session_id);
                if (it != session_index.end()) consider(it->second, w.rank, false);
            } else if (w.site_id) {
                auto it = sessions_of_site.find(*w.site_id);
                if (it != sessions_of_site.end())
                    for (int s : it->second) consider(s, w.rank, false);
            }
        }
        if (r.radius_km) {
            std::unordered_set<std::string> sectors(r.sector_divisions.begin(), r.sector_divisions.end());
            for (const auto& [site, list] : sessions_of_site) {
                const Session& first = p.sessions[static_cast<size_t>(list.front())];
                if (!sectors.empty() && !sectors.count(first.naf_division)) continue;
                if (HaversineKm(req.position, first.position) > *r.radius_km) continue;
                for (int s : list) consider(s, last_rank + 1, true);
            }
        }
        std::vector<Candidate> list;
        for (const auto& [s, c] : best) list.push_back(c);
        if (auto pin = pin_of.find(r.id); pin != pin_of.end()) {
            const bool candidate = std::any_of(list.begin(), list.end(), [&](const Candidate& c) {
                return p.sessions[static_cast<size_t>(c.session)].id == pin->second;
            });
            if (!candidate)
                problems.Add("request " + std::to_string(r.id) + " cannot be pinned to tour " +
                             std::to_string(pin->second) +
                             ": that tour is not one of its candidates (not wished, closed, wrong "
                             "audience or level, or too small)");
        }
        std::sort(list.begin(), list.end(), [](const Candidate& a, const Candidate& b) {
            return a.rank != b.rank ? a.rank < b.rank : a.session < b.session;
        });
        p.candidates.insert(p.candidates.end(), list.begin(), list.end());
    }
    if (!problems.empty()) return problems.ToError();
    // The pins together must fit: sessions' places and groups, and their buses in the budget.
    if (!p.pinned.empty()) {
        Instance in = Compile(p);
        Allocation only{std::vector<int>(p.requests.size(), -1)};
        for (size_t i = 0; i < p.requests.size(); ++i) only.chosen[i] = in.pinned[i];
        for (const auto& v : Validate(p, SessionsOf(p, only), Evaluate(in, only).bus_groups))
            problems.Add("the pinned placements alone do not fit: " + v);
        if (!problems.empty()) return problems.ToError();
    }
    return p;
}

}  // namespace juo::alloc
