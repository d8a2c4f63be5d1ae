// The waiting room of registration openings (issue 17, docs/adr/0010): fair access to the booking
// form when an edition opens its registrations at T (the edition's registration_opens_at).
//
// - A visitor who reaches a gated page in the hour before T takes a ticket (a random token kept
//   in a cookie; only its SHA-256 is stored) with a random key. At T the keys are drawn into
//   ranks 1..N once, by whichever app server sees T first: refreshing at 9:59:59 gains nothing,
//   and a visitor who comes back with the same cookie keeps the ticket.
// - After T a visitor without a ticket queues first-come, behind every ticket taken before T,
//   while there is a queue (someone still waiting) or while the server is overloaded (the
//   caller says so: the booking engine's queue above a threshold); otherwise they pass.
// - From T, ranks up to base_rank + rate × (now − base_at) are let through: `rate_per_second`
//   for the whole installation. When a ticket is taken while nobody waits, the pace starts again
//   from the last rank (unused admissions are not banked for later crowds).
// - A ticket let through is recorded (admitted_at) and passes for `admitted_seconds`.
// The state is in the database (store/waiting_room): several app servers share one sequence of
// ranks (the room's row is locked while a rank is taken) and agree on the order. Works without
// JavaScript: the room's page refreshes itself (web/public/waiting_room_pages.h).
//
// Thread-safety: the functions use only the Db given (this thread's connection).
#pragma once

#include <string>
#include <string_view>

#include "common/result.h"
#include "services/db.h"

namespace juo::services {

struct WaitingRoomOptions {
    // Visitors let through per second, across all app servers. The default lets through about
    // what the page path confirms comfortably on the 2-core reference machine (docs/perf.md:
    // 500-800 page bookings/s) while visitors take tens of seconds to fill the form.
    double rate_per_second = 50;
    long long admitted_seconds = 30 * 60;  // an admitted visitor passes this long
    long long opens_before_seconds = 60 * 60;  // the room takes tickets from T minus this
    long long keep_seconds = 2 * 24 * 3600;   // tickets are purged this long after their arrival
    int refresh_seconds = 15;                 // the room's page reloads itself this often
};

// Where a visitor stands.
struct WaitingPlace {
    bool pass = false;            // go on to the page
    std::string new_token;        // a ticket was just taken: the cookie to set (else empty)
    bool before_opening = false;  // the ticket waits for the draw at T
    std::string opening;          // T, UTC ISO
    long long opens_at = 0;       // T, Unix seconds
    long long rank = 0;           // place in line from 1; 0 before the draw
    long long ahead = 0;          // people in line before this one (ranks not let through yet)
    long long waiting = 0;        // before the draw: tickets taken so far
    long long wait_seconds = 0;   // estimated wait (before the draw: until T)
};

// Decides for a visitor at a gated page, `token` being their cookie's ticket (empty: none) and
// `now` Unix seconds; `overloaded`: the server is behind (new arrivals queue even with nobody
// waiting). Takes a ticket when the visitor must wait and has none, records an admission.
// Passes when no edition opens its registrations or the room is not engaged. kUnavailable on a
// database failure.
Result<WaitingPlace> ArriveAtWaitingRoom(Db& db, const WaitingRoomOptions& options, std::string_view token,
                                         long long now, bool overloaded);

// Deletes the tickets older than options.keep_seconds (and the rooms left empty). Returns how
// many tickets went.
Result<long long> PurgeWaitingRoom(Db& db, const WaitingRoomOptions& options, long long now);

}  // namespace juo::services
