// The commands of the capacity engine (engine.h) and what they answer. Every change to places —
// book, cancel, change a party's size, wait, accept an offer, leave the list, check in and undo
// it — is one command, executed by the engine's single writer in order.
//
// Thread-safety: plain values.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "domain/audience.h"
#include "domain/booking.h"

namespace juo::booking {

// Book places for a public party at a session. With `waitlist_if_full`, a party that does not fit
// joins the session's waiting list (as a whole) instead of being refused.
struct Book {
    long long user_id = 0;
    long long session_id = 0;
    int people = 0;
    domain::Audience audience = domain::Audience::kPublic;
    std::string idempotency_key;  // a retried submit with the same key answers the first booking
    bool waitlist_if_full = false;
};

// Cancel a booking: its places are freed at once and offered to the waiting list.
struct Cancel {
    long long user_id = 0;  // the booker; ignored with `by_organiser`
    long long booking_id = 0;
    bool by_organiser = false;
};

// Accept the waiting-list offer `entry_id` (the places are held until it expires), as the
// signed-in user `user_id`, or — with `offer_token`, the offer e-mail's link (manage_link.h) —
// without an account, for the entry's own visitor (user_id is then ignored).
struct AcceptOffer {
    long long user_id = 0;
    long long entry_id = 0;
    std::string offer_token{};  // "{}": {user_id, entry_id} still initialises the rest
};

// Leave the waiting list, by the link's token (no account needed) or as the signed-in user.
struct LeaveWaitlist {
    std::string leave_token;  // either this…
    long long user_id = 0;    // …or this with entry_id
    long long entry_id = 0;
};

// Change the party size of a confirmed public booking, by its booker, before the tour starts
// (1 <= people <= the tour's largest party). Going up takes places only if they are free (else
// kFull, the booking unchanged); going down frees places at once and offers them to the waiting
// list, as a cancellation does.
struct ChangePeople {
    long long user_id = 0;  // the booker
    long long booking_id = 0;
    int people = 0;
};

inline constexpr int kEveryoneBooked = -1;

// Record the attended headcount of a booking at the door, by ticket code. `may_check_in` says
// whether the actor may do it for the booking's site (a host for their own sites).
struct CheckIn {
    std::string ticket_code;
    int attended = 0;  // kEveryoneBooked: the booking's people
    std::optional<long long> by_user;
    std::function<bool(long long site_id)> may_check_in;
};

// Issue 19 (offline check-in, ADR 0022): a check-in a phone made offline and uploaded later, with
// the phone's random nonce and the UTC time it was made. The check-in is recorded as offline with
// that time and the nonce is kept: the same scan uploaded again answers the check-in it made
// (Outcome::replayed) instead of "already checked in", even after an undo; a nonce already used
// for another ticket is kConflict. Otherwise as CheckIn.
struct OfflineCheckIn {
    CheckIn check_in;
    std::string nonce;
    std::string scanned_at;
};

// Issue 19: undo the check-in of a booking (a tap on the wrong line at the door), by booking id.
// The check-in row is removed and the undo audited (booking.check_in_undo, with the headcount
// that was recorded); a check-in takes or frees no place, so places and groups are unchanged.
// kNotFound when the booking does not exist or was not checked in, kForbidden when
// `may_check_in` refuses its site.
struct UndoCheckIn {
    long long booking_id = 0;
    std::optional<long long> by_user;
    std::function<bool(long long site_id)> may_check_in;
};

// A factory's host (or a relay, or the organiser) accepts a Friday group request for one of its
// tours: the group's pupils and adults take places and one group slot, a group booking is made
// for the requester, and the requester is told. The tour must be one the request wished (the
// tour itself or its site) unless the request only gave a radius. `may_act_on_site` says whether
// the actor may decide for the tour's site.
struct AcceptGroupRequest {
    long long request_id = 0;
    long long session_id = 0;
    long long by_user = 0;
    std::string message;  // to the requester, optional
    std::function<bool(long long site_id)> may_act_on_site;
};

// The host refuses a request (with a message saying why); allowed when the actor may act on one
// of the sites the request wished.
struct RefuseGroupRequest {
    long long request_id = 0;
    long long by_user = 0;
    std::string message;
    std::function<bool(long long site_id)> may_act_on_site;
};

// Mail the reminder of tomorrow's tours (UTC date of now + 24 h) to the bookings not reminded
// yet, at most `limit` per run (the engine runs it by itself every minute).
struct SendReminders {
    int limit = 500;
};

// Expire the offers past their time and offer the places to the next entries (the engine also
// runs it by itself every few seconds).
struct ExpireOffers {};

// Offer the places now free on these tours to their waiting lists, in order, then to the groups
// the published allocation left unplaced (issue 19: a host raised a tour's capacity;
// services/tour_changes.h submits it after its commit).
struct OfferFreedPlaces {
    std::vector<long long> session_ids;
};

using Command = std::variant<Book, Cancel, AcceptOffer, LeaveWaitlist, CheckIn, AcceptGroupRequest,
                             RefuseGroupRequest, SendReminders, ExpireOffers, ChangePeople, UndoCheckIn,
                             OfflineCheckIn, OfferFreedPlaces>;

struct Outcome {
    enum class Kind { kBooked, kWaitlisted, kCancelled, kLeft, kCheckedIn, kRefused, kSwept, kChanged, kCheckInUndone };
    Kind kind = Kind::kBooked;
    std::optional<domain::Booking> booking;      // kBooked (a group's too), kCancelled, kCheckedIn, kChanged, kCheckInUndone
    long long request_id = 0;                    // kBooked for a group request, kRefused
    std::optional<domain::WaitlistEntry> entry;  // kWaitlisted, kLeft
    std::string leave_token;                     // kWaitlisted
    bool replayed = false;                       // kBooked: the answer to an earlier submit;
                                                 // kCheckedIn: an offline scan's nonce seen before
    long long check_in_id = 0;                   // kCheckedIn
    int attended = 0;                            // kCheckedIn: the headcount recorded; kCheckInUndone: removed
    int places_left = 0;                         // the session's places left after the command
    int offers_made = 0;                         // waiting-list offers this command triggered
    int groups_placed = 0;                       // unplaced requests given the freed places (issue 18)
    int reminders_sent = 0;                      // SendReminders
    int people_before = 0;                       // kChanged: the party size before the change
};

}  // namespace juo::booking
