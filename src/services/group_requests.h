// Group requests, the use case the pages and the JSON API both run: building a request from what
// the requester gave (level, headcounts, where the group leaves from, up to three tours) with a
// clear error naming the field, storing it with its audit entry, the requests of a requester, the
// requests a host, relay or organiser may decide (with the tours a site wish leaves to choose),
// the rule the capacity engine applies to their decision, and a tour's visitor list for its host.
//
// No database exception leaves these functions: a failure is its Error (kUnavailable).
//
// Thread-safety: pure functions over their arguments; the Db is this thread's.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "auth/principal.h"
#include "common/result.h"
#include "domain/group_request.h"
#include "services/db.h"
#include "store/bookings/booking_queries.h"
#include "store/groups/group_request_queries.h"

namespace juo::services {

// The read models the pages and the API render.
using WishView = store::WishView;
using GroupRequestView = store::GroupRequestView;
using TourSummary = store::TourSummary;
using BookingView = store::BookingView;

inline constexpr int kMaxWishes = 3;

// An e-mail as the web layer words it: its subject and its text (hosts.h's e-mails too).
struct MailText {
    std::string subject, body;
};

// Issue 19: the e-mail to the hosts of a site a new request wishes, from the site's name and the
// request (its id set).
using NewRequestMail = std::function<MailText(const std::string& site_name, const domain::GroupRequest& request)>;

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
// exist, are open to the group's audience and belong to one edition (read on `db`).
std::variant<domain::GroupRequest, FieldError> BuildGroupRequest(Db& db, const auth::Principal& who,
                                                                 const GroupRequestInput& input);

// Stores the request and its audit entry (group_request.create) in one transaction; the request id.
// With `mail`, the hosts of each site the request wishes are e-mailed in the same transaction
// (kind group_request.new, issue 19).
Result<long long> StoreGroupRequest(Db& db, domain::GroupRequest& request, const NewRequestMail& mail = {});

// The request `id` with its wishes, or nullopt.
Result<std::optional<GroupRequestView>> FindGroupRequest(Db& db, long long id);

// Every request of `user_id`, newest first.
Result<std::vector<GroupRequestView>> RequestsOf(Db& db, long long user_id);

// Whether `who` may decide on a wish (its site: a host's own, a relay's department, anything for
// the organiser).
bool MayDecide(const auth::Principal& who, const WishView& wish);

// The requests `who` may decide on (at least one wish they may decide), pending first; at most
// `limit`.
Result<std::vector<GroupRequestView>> RequestsToDecide(Db& db, const auth::Principal& who, int limit);

// The open tours of site `site_id` open to `audience`, by day and time: the choices of a wish
// that names a site rather than a tour.
Result<std::vector<TourSummary>> OpenSiteTours(Db& db, long long site_id, domain::Audience audience);

// The site rule of the engine's AcceptGroupRequest / RefuseGroupRequest for request `id`: the
// sites of its wishes that `who` may decide on, or any site `who` acts on (host, organiser).
Result<std::function<bool(long long)>> DecisionRule(Db& db, const auth::Principal& who, long long request_id);

// The bookings of tour `session_id` for `who`, who manages its site: kNotFound for an unknown
// tour, kForbidden when it is not at one of their sites.
Result<std::vector<BookingView>> TourBookings(Db& db, const auth::Principal& who, long long session_id);

}  // namespace juo::services
