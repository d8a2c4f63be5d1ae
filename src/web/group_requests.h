// Group requests as the pages and the JSON API both handle them: building a request from what
// the requester gave (level, headcounts, where the group leaves from, up to three tours) with a
// clear error naming the field, storing it with its audit entry, the requests a host, relay or
// organiser may decide, and the rule the capacity engine applies to their decision.
//
// Thread-safety: as PeopleContext; the Database is this thread's.
#pragma once

#include <functional>
#include <string>
#include <variant>
#include <vector>

#include "auth/principal.h"
#include "domain/group_request.h"
#include "store/group_request_queries.h"
#include "web/caller.h"

namespace juo::web {

inline constexpr int kMaxWishes = 3;

struct GroupRequestInput {
    std::string level;
    long long pupils = 0;
    long long adults = 0;
    bool bus_needed = false;
    std::string place;               // the school's town or postcode, geocoded
    std::vector<long long> wishes;   // tour ids, first choice first
};

// A refusal with the input field it is about ("pupils", "place", "wish2"…; empty for none).
struct FieldError {
    Error error;
    std::string field;
};

// The request `who` (a teacher: a class; an adviser: a job-seeker group) describes, checked:
// known level, 1–200 pupils, 0–50 adults, a place the geocoder knows, 1–3 distinct tours that
// exist, are open to the group's audience and belong to one edition.
std::variant<domain::GroupRequest, FieldError> BuildGroupRequest(const PeopleContext& ctx,
                                                                 const auth::Principal& who,
                                                                 const GroupRequestInput& input);

// Stores the request and its audit entry in one transaction; the request id.
Result<long long> StoreGroupRequest(const PeopleContext& ctx, domain::GroupRequest& request);

// Whether `who` may decide on a wish (its site: a host's own, a relay's department, anything for
// the organiser).
bool MayDecide(const auth::Principal& who, const store::WishView& wish);

// The requests `who` may decide on (at least one wish they may decide), pending first; at most
// `limit`.
std::vector<store::GroupRequestView> RequestsToDecide(store::Database& db, const auth::Principal& who, int limit);

// The site rule of the engine's AcceptGroupRequest / RefuseGroupRequest for request `id`: the
// sites of its wishes that `who` may decide on, or any site `who` acts on (host, organiser).
Result<std::function<bool(long long)>> DecisionRule(const PeopleContext& ctx, const auth::Principal& who,
                                                    long long request_id);

}  // namespace juo::web
