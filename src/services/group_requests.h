// Group requests, the use case the pages and the JSON API both run: building a request from what
// the requester gave (level, headcounts, where the group leaves from, up to three tours) with a
// clear error naming the field, storing it with its audit entry, the requests of a requester, the
// requests a host, relay or organiser may decide (with the tours a site wish leaves to choose),
// the rule the capacity engine applies to their decision, and a tour's visitor list for its host.
// Issue 18 (ADR 0018, the one Friday process): the school found or created with the request,
// every error of a form at once, "any tour within N km in these sectors", the request deadline
// (edit and cancel until then), the acknowledgement e-mail, a host marking one wish unavailable
// (the request stays open), first-come decisions only once the round is published, the tours
// a request may wish, and the schools the organiser or a relay checks.
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
#include "domain/school.h"
#include "services/db.h"
#include "store/bookings/booking_queries.h"
#include "store/groups/group_request_queries.h"

namespace juo::services {

// The read models the pages and the API render.
using WishView = store::WishView;
using GroupRequestView = store::GroupRequestView;
using TourSummary = store::TourSummary;
using BookingView = store::BookingView;
using FridayTour = store::FridayTour;

inline constexpr int kMaxWishes = 3;

// An e-mail as the web layer words it: its subject and its text (hosts.h's e-mails too).
struct MailText {
    std::string subject, body;
};

// Issue 19: the e-mail to the hosts of a site a new request wishes, from the site's name and the
// request (its id set).
using NewRequestMail = std::function<MailText(const std::string& site_name, const domain::GroupRequest& request)>;

// Issue 18: a school the requester did not find, created with the request and marked to check.
struct NewSchoolInput {
    std::string name;
    std::string uai;       // optional
    std::string place;     // its town or postcode, geocoded
    std::string kind;      // domain::SchoolKind code
    std::string priority;  // "none", "rep", "rep_plus"
    bool rural = false;
};

struct GroupRequestInput {
    std::string level;
    long long pupils = 0;
    long long adults = 0;
    bool bus_needed = false;
    std::string place;               // where a group without a school leaves from (town or postcode)
    std::vector<long long> wishes;   // tour ids, first choice first
    // Issue 18.
    std::optional<long long> school_id;      // a school found by name, town or UAI…
    std::optional<NewSchoolInput> new_school;  // …or one to create (a teacher gives one of them)
    std::optional<double> radius_km;         // "any tour within radius_km…
    std::vector<std::string> sectors;        // …in these NAF divisions" (none: any sector)
};

// A refusal with the input field it is about ("pupils", "place", "wish2"…; empty for none).
struct FieldError {
    Error error;
    std::string field;
};
// Every refusal of a form, in the form's order (issue 18: all errors shown at once).
using FieldErrors = std::vector<FieldError>;

// A request ready to store, with the school to create first when the requester gave a new one.
struct BuiltRequest {
    domain::GroupRequest request;
    std::optional<domain::School> new_school;
};

// The request `who` (a teacher: a class; an adviser: a job-seeker group) describes, checked, with
// every error found: known level, 1–200 pupils, 0–50 adults; for a teacher a school (found, or a
// new one with a name, a known town, a kind and a valid UAI if any), for an adviser a place the
// geocoder knows; 0–3 distinct tours that exist, are open, admit the group's audience and level
// and belong to one edition, and/or a radius of 1–300 km with known sectors; at least one of them
// (read on `db`).
std::variant<BuiltRequest, FieldErrors> BuildGroupRequest(Db& db, const auth::Principal& who,
                                                          const GroupRequestInput& input);

// Stores the request and its audit entry (group_request.create) in one transaction; the request id.
// With `mail`, the hosts of each site the request wishes are e-mailed in the same transaction
// (kind group_request.new, issue 19).
Result<long long> StoreGroupRequest(Db& db, domain::GroupRequest& request, const NewRequestMail& mail = {});

// Issue 18: the acknowledgement e-mail to the requester, from the stored request (its summary) and
// the edition's request deadline (empty: none).
using RequestAckMail = std::function<MailText(const GroupRequestView& request, const std::string& deadline)>;

// Stores `built` (its new school first, marked to check, audit school.create), as above, and with
// `ack` e-mails the requester in the same transaction (kind group_request.ack).
Result<long long> StoreGroupRequest(Db& db, BuiltRequest& built, const NewRequestMail& mail,
                                    const RequestAckMail& ack);

// Where the Friday process of an edition stands (ADR 0018).
struct FridayPhase {
    long long edition_id = 0;
    std::string deadline;     // UTC instant; empty: no round planned, every request is first-come
    bool collecting = true;   // before the deadline (or no deadline): requests edited, cancelled
    bool published = false;   // the allocation round is published
};

// The phase of edition `edition_id` (0: the current edition) at `now` (a UTC instant; empty: now).
Result<FridayPhase> PhaseOf(Db& db, long long edition_id, const std::string& now = {});

// The tours a group of `audience` may wish in the current edition, with the phase.
struct FridayChoices {
    FridayPhase phase;
    std::vector<FridayTour> tours;
};
Result<FridayChoices> RequestChoices(Db& db, domain::Audience audience);

// The audience of the requests `who` makes (a teacher: school; otherwise job-seekers).
domain::Audience RequesterAudience(const auth::Principal& who);

// The warnings of a request's wishes against what is left (issue 18): a tour with fewer places
// than the group's people, or no group slot left; the field is the wish's ("wish2"). Not errors:
// the allocation may still place the group elsewhere.
FieldErrors CapacityWarnings(const GroupRequestView& view);

// Issue 18: rewrites request `id` of `who` from `input` (checked as BuildGroupRequest does) while
// the edition collects requests; kNotFound (not theirs either), kConflict once decided or after
// the deadline (in `errors`' first entry, field empty). Audit group_request.edit.
FieldErrors EditGroupRequest(Db& db, const auth::Principal& who, long long id, const GroupRequestInput& input,
                             const std::string& now = {});

// Cancels request `id` of `who` until the deadline; kNotFound, kConflict as above. Audit
// group_request.cancel.
Status CancelGroupRequest(Db& db, const auth::Principal& who, long long id, const std::string& now = {});

// A host (relay, organiser) says their tour cannot take wish `rank` of request `id`: the wish is
// skipped by the allocation, the request stays open with its other wishes. kNotFound (no such
// request or wish), kForbidden (not their site), kConflict (decided, or already marked). Audit
// group_request.wish_unavailable.
Status MarkWishUnavailable(Db& db, const auth::Principal& who, long long id, int rank);

// Whether a host may accept or refuse request `id` first-come now: always when the edition has no
// request deadline; otherwise only once the round is published (kConflict before, saying why).
Status FirstComeDecisionAllowed(Db& db, long long id);

// The organiser sets edition `edition_id`'s request deadline to the end of `paris_date`
// ('YYYY-MM-DD', 23:59:59 in Paris), or clears it with an empty date (no round: first-come).
// kInvalidArgument for a date that does not exist, kForbidden for anyone but the organiser,
// kNotFound for an unknown edition. Audit edition.request_deadline.
Status SetRequestDeadline(Db& db, const auth::Principal& who, long long edition_id, const std::string& paris_date);

// The school `id`, or nullopt.
Result<std::optional<domain::School>> SchoolById(Db& db, long long id);

// Schools by name, town or UAI (at most `limit`), for the form's suggestions.
Result<std::vector<domain::School>> FindSchools(Db& db, const std::string& query, int limit);

// The schools created by requesters that `who` (organiser: all; relay: their departments) checks.
Result<std::vector<domain::School>> SchoolsToCheck(Db& db, const auth::Principal& who, int limit);

// Confirms school `id` with its priority flags; kNotFound, kForbidden (a relay outside their
// departments). Audit school.confirm.
Status ConfirmSchool(Db& db, const auth::Principal& who, long long id, domain::PriorityEducation priority,
                     bool rural);

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
