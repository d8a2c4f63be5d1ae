// Who calls, and may they: the request's session (an "Authorization: Bearer <session id>"
// header for API clients, else the session cookie), the route's rule from auth's authorisation
// table (401 for a signed-in route called anonymously, 403 without the role), and the CSRF check
// of a change made with the cookie (the X-CSRF-Token header, or the form's csrf field). The JSON body
// helpers of the API's POST routes are in json_body.h (included here for the handlers).
//
// Thread-safety: as the services in PeopleContext (all thread-safe); the connection is this
// thread's own (services::ThreadDb).
#pragma once

#include <boost/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "auth/accounts.h"
#include "auth/csrf.h"
#include "auth/hashing_pool.h"
#include "auth/principal.h"
#include "auth/rate_limiter.h"
#include "auth/request_throttle.h"
#include "auth/sessions.h"
#include "booking/engine.h"
#include "booking/manage_link.h"
#include "mail/unsubscribe.h"
#include "common/result.h"
#include "http/message.h"
#include "services/db.h"
#include "services/guest_bookings.h"
#include "web/kit/json_body.h"

namespace juo::services {
class RoundRunner;  // services/allocation_rounds.h
class GuestIntake;  // services/guest_intake.h
}  // namespace juo::services

namespace juo::web {

// What the account, booking and check-in handlers share.
struct PeopleContext {
    const auth::Accounts* accounts = nullptr;
    auth::SessionStore* sessions = nullptr;
    auth::LoginRateLimiter* limiter = nullptr;
    const auth::CsrfSigner* csrf = nullptr;
    booking::BookingEngine* engine = nullptr;
    const services::Connections* db = nullptr;
    std::string public_url = "http://localhost:8080";  // for links in e-mails
    bool secure_cookies = false;                       // behind TLS
    std::string tile_url;          // map tiles for the host's pin (none: the page shows coordinates)
    std::string tile_attribution;
    // Issue 17, password hashing off the handler threads (web/kit/hashing_work.h): the pool
    // where sign-up, sign-in and new-password steps run, and the sign-up and password-reset
    // throttles. Null: hash on the calling thread (tests, tools), no throttle.
    auth::HashingPool* hashing = nullptr;
    auth::RequestThrottle* signup_throttle = nullptr;
    auth::RequestThrottle* reset_throttle = nullptr;
    auth::RequestThrottle* resend_throttle = nullptr;  // confirmation e-mails sent again (issue 21)
    // Issue 17 (guest bookings): the bookings' manage links (none: the pages offer none and the
    // manage page refuses every link) and the limits of guest bookings.
    const booking::ManageLinks* manage = nullptr;
    services::GuestLimits guest_limits;
    // Where a sign-up's write step (the account and its e-mail, after the hash) runs: one thread
    // of its own, so that a durable commit never holds a hashing thread (a full queue: 503).
    // Null: on the calling thread (tests, tools).
    auth::HashingPool* write_steps = nullptr;
    // Where a guest booking's write step (find or create the guest, count the client's attempts)
    // runs before its Book command: the guests waiting are prepared together, one transaction per
    // batch (services/guest_intake.h; a full queue: 503). Null: on the calling thread (tests).
    services::GuestIntake* guest_intake = nullptr;
    // How long the booking form reuses a tour it read (milliseconds; 0: never, as in tests).
    // `juo serve`: a second, so that a rush on a few tours costs one query per tour and second.
    long long tour_reuse_ms = 0;
    // Issue 20 (D): the List-Unsubscribe links of the reminders and surveys (mail/unsubscribe.h),
    // checked by /desabonnement. Null: that page refuses every link.
    const mail::UnsubscribeLinks* unsubscribe = nullptr;
    // Issue 21 (docs/adr/0017): the retention in months ([retention] months; 0: no daily purge),
    // shown to the organiser on the back office's home with the last purge.
    int retention_months = 13;
    // Issue 18 (docs/adr/0021): where allocation rounds run, off the handler threads. Null: the
    // API and the page answer 503 to a start (tests that do not run rounds).
    services::RoundRunner* rounds = nullptr;
};

struct Caller {
    std::optional<auth::Principal> principal;
    std::string session_id;   // empty when anonymous
    bool via_cookie = false;  // the session came from the cookie (so changes need a CSRF token)
};

// The caller of `request` (anonymous when there is no session or it is unknown or expired).
// kUnavailable on a database failure.
Result<Caller> Identify(const PeopleContext& ctx, const http::Request& request);

// Identify, then the route's rule for `method` and `pattern`, then — for a change made with the
// cookie — the CSRF token (`csrf_token`, from the X-CSRF-Token header or the form). Errors:
// kUnauthenticated, kForbidden (no role, or a missing or forged token), kUnavailable.
Result<Caller> Admit(const PeopleContext& ctx, const http::Request& request, std::string_view pattern,
                     std::string_view csrf_token = {});

// The first error among `results`, if any.
template <typename... R>
std::optional<Error> FirstError(const R&... results) {
    std::optional<Error> first;
    ((first || results.ok() ? void() : void(first = results.error())), ...);
    return first;
}

}  // namespace juo::web
