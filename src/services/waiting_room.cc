// The waiting room (waiting_room.h).
#include "services/waiting_room.h"

#include <cmath>
#include <cstring>
#include <optional>

#include "auth/crypto.h"
#include "common/clock.h"
#include "store/db/database.h"
#include "store/waiting_room/waiting_room_store.h"

namespace juo::services {
namespace {

// The highest rank let through at `now`.
long long AdmittedThrough(const store::WaitingRoomRow& room, const WaitingRoomOptions& o, long long now) {
    if (now < room.opens_at || !room.drawn) return 0;
    const long long elapsed = std::max<long long>(0, now - room.base_at);
    return room.base_rank + static_cast<long long>(std::floor(o.rate_per_second * static_cast<double>(elapsed)));
}

long long RandomDraw() {
    const std::string bytes = auth::RandomBytes(8);
    unsigned long long v = 0;
    std::memcpy(&v, bytes.data(), sizeof v);
    return static_cast<long long>(v >> 2);  // 62 bits, positive on both databases
}

// A visitor with a ranked ticket: let through (recorded) or told how far.
Result<WaitingPlace> Ranked(Db& db, const WaitingRoomOptions& o, const store::WaitingRoomRow& room,
                            const store::WaitingTicketRow& ticket, long long now, WaitingPlace place) {
    place.rank = *ticket.rank;
    const long long through = AdmittedThrough(room, o, now);
    if (*ticket.rank <= through) {
        if (!ticket.admitted_at) {
            auto marked = db.InTransaction<Unit>([&]() -> Result<Unit> {
                store::MarkWaitingTicketAdmitted(db, ticket.id, now);
                return Unit{};
            });
            if (!marked.ok()) return marked.error();
        }
        place.pass = true;
        return place;
    }
    place.ahead = *ticket.rank - through - 1;  // the ranks between the last one let through and this one
    place.wait_seconds =
        static_cast<long long>(std::ceil(static_cast<double>(*ticket.rank - through) / o.rate_per_second));
    return place;
}

// Takes a ticket: before T with a random key; from T the next rank of the shared sequence (after
// drawing the tickets taken before T, if no server did yet).
Result<store::WaitingTicketRow> TakeTicket(Db& db, const WaitingRoomOptions& o, const std::string& opening,
                                           long long opens_at, long long now, const std::string& token_hash,
                                           store::WaitingRoomRow* room_out) {
    return db.InTransaction<store::WaitingTicketRow>([&]() -> Result<store::WaitingTicketRow> {
        store::WaitingRoomRow room = store::LockWaitingRoom(db, opening, opens_at);
        store::WaitingTicketRow ticket;
        ticket.opening = opening;
        ticket.arrived_at = now;
        if (!room.drawn && now < opens_at) {
            ticket.draw = RandomDraw();
        } else {
            if (!room.drawn) {
                room.last_rank = store::DrawWaitingTickets(db, opening, opens_at);
                room.drawn = true;
                room.base_rank = 0;
                room.base_at = opens_at;
            }
            // Nobody waits: the pace starts again from here, so that admissions unused while the
            // room was quiet are not handed to a crowd arriving later all at once.
            if (AdmittedThrough(room, o, now) >= room.last_rank) {
                room.base_rank = room.last_rank;
                room.base_at = now;
            }
            ticket.rank = ++room.last_rank;
            store::UpdateWaitingRoom(db, room);
        }
        store::InsertWaitingTicket(db, ticket, token_hash);
        *room_out = room;
        return ticket;
    });
}

// Draws the tickets taken before T, once, and returns the room as it is now.
Result<store::WaitingRoomRow> Drawn(Db& db, const std::string& opening, long long opens_at) {
    return db.InTransaction<store::WaitingRoomRow>([&]() -> Result<store::WaitingRoomRow> {
        store::WaitingRoomRow room = store::LockWaitingRoom(db, opening, opens_at);
        if (!room.drawn) {
            room.last_rank = store::DrawWaitingTickets(db, opening, opens_at);
            room.drawn = true;
            room.base_rank = 0;
            room.base_at = opens_at;
        }
        return room;
    });
}

}  // namespace

Result<WaitingPlace> ArriveAtWaitingRoom(Db& db, const WaitingRoomOptions& o, std::string_view token, long long now,
                                         bool overloaded) {
    WaitingPlace place;
    std::optional<std::string> opening;
    std::optional<store::WaitingTicketRow> ticket;
    std::optional<store::WaitingRoomRow> room;
    const bool token_ok = auth::IsTokenShaped(token);
    const std::string token_hash = token_ok ? auth::Sha256Hex(token) : std::string();
    auto read = Guarded<bool>(db, [&](Db& d) {
        opening = store::CurrentRegistrationOpening(d);
        if (!opening) return true;
        if (token_ok) ticket = store::FindWaitingTicket(d, token_hash);
        room = store::FindWaitingRoom(d, *opening);
        return true;
    });
    if (!read.ok()) return read.error();
    if (!opening) {
        place.pass = true;
        return place;
    }
    const auto opens_at = EpochFromUtcIso(*opening);
    if (!opens_at) {  // a malformed instant is no reason to keep anybody out
        place.pass = true;
        return place;
    }
    place.opening = *opening;
    place.opens_at = *opens_at;
    if (ticket && ticket->opening != *opening) ticket.reset();  // another opening's ticket
    // An admission holds for a while; once over, the visitor is a new arrival.
    if (ticket && ticket->admitted_at) {
        if (now - *ticket->admitted_at < o.admitted_seconds) {
            place.pass = true;
            place.rank = ticket->rank.value_or(0);
            return place;
        }
        ticket.reset();
    }

    if (ticket) {
        if (!ticket->rank && now >= *opens_at) {
            auto drawn = Drawn(db, *opening, *opens_at);
            if (!drawn.ok()) return drawn.error();
            room = *drawn;
            auto again = Guarded<std::optional<store::WaitingTicketRow>>(
                db, [&](Db& d) { return store::FindWaitingTicket(d, token_hash); });
            if (!again.ok()) return again.error();
            if (!*again) return MakeError(ErrorCode::kInternal, "waiting room: a ticket vanished during the draw");
            ticket = **again;
        }
        if (!ticket->rank) {
            auto count = Guarded<long long>(db, [&](Db& d) { return store::CountUndrawnTickets(d, *opening); });
            if (!count.ok()) return count.error();
            place.before_opening = true;
            place.waiting = *count;
            place.wait_seconds = *opens_at - now;
            return place;
        }
        return Ranked(db, o, *room, *ticket, now, place);
    }

    // No ticket. Before the room opens, and after T while nobody waits and the server keeps up,
    // the visitor goes on.
    if (now < *opens_at - o.opens_before_seconds) {
        place.pass = true;
        return place;
    }
    if (now >= *opens_at) {
        if (room && !room->drawn) {
            auto drawn = Drawn(db, *opening, *opens_at);
            if (!drawn.ok()) return drawn.error();
            room = *drawn;
        }
        const bool queue = room && room->last_rank > AdmittedThrough(*room, o, now);
        if (!queue && !overloaded) {
            place.pass = true;
            return place;
        }
    }
    const std::string new_token = auth::NewToken();
    store::WaitingRoomRow locked;
    auto taken = TakeTicket(db, o, *opening, *opens_at, now, auth::Sha256Hex(new_token), &locked);
    if (!taken.ok()) return taken.error();
    place.new_token = new_token;
    if (!taken->rank) {
        auto count = Guarded<long long>(db, [&](Db& d) { return store::CountUndrawnTickets(d, *opening); });
        if (!count.ok()) return count.error();
        place.before_opening = true;
        place.waiting = *count;
        place.wait_seconds = *opens_at - now;
        return place;
    }
    return Ranked(db, o, locked, *taken, now, place);
}

Result<long long> PurgeWaitingRoom(Db& db, const WaitingRoomOptions& o, long long now) {
    return db.InTransaction<long long>(
        [&]() -> Result<long long> { return store::PurgeWaitingTickets(db, now - o.keep_seconds); });
}

}  // namespace juo::services
