// The waiting room's rows (waiting_room_store.h).
#include "store/waiting_room/waiting_room_store.h"

#include <string_view>

#include "store/db/dialect.h"

namespace juo::store {
namespace {

std::optional<long long> Optional(long long value, soci::indicator ind) {
    return ind == soci::i_ok ? std::optional<long long>(value) : std::nullopt;
}

}  // namespace

std::optional<std::string> CurrentRegistrationOpening(Database& db) {
    std::string opening, status;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT registration_opens_at, status FROM edition ORDER BY year DESC LIMIT 1", soci::into(opening, ind),
        soci::into(status);
    if (!db.sql().got_data() || ind != soci::i_ok || opening.empty() || status != "open") return std::nullopt;
    return opening;
}

std::optional<WaitingRoomRow> FindWaitingRoom(Database& db, const std::string& opening) {
    WaitingRoomRow r;
    int drawn = 0;
    db.sql() << "SELECT opening, opens_at, drawn, last_rank, base_rank, base_at FROM waiting_room WHERE opening = :o",
        soci::use(opening), soci::into(r.opening), soci::into(r.opens_at), soci::into(drawn), soci::into(r.last_rank),
        soci::into(r.base_rank), soci::into(r.base_at);
    if (!db.sql().got_data()) return std::nullopt;
    r.drawn = drawn != 0;
    return r;
}

WaitingRoomRow LockWaitingRoom(Database& db, const std::string& opening, long long opens_at) {
    db.sql() << "INSERT INTO waiting_room (opening, opens_at, drawn, last_rank, base_rank, base_at) "
                "VALUES (:o, :t, 0, 0, 0, :t2) ON CONFLICT (opening) DO NOTHING",
        soci::use(opening), soci::use(opens_at), soci::use(opens_at);
    WaitingRoomRow r;
    int drawn = 0;
    db.sql() << "SELECT opening, opens_at, drawn, last_rank, base_rank, base_at FROM waiting_room WHERE opening = :o" +
                    std::string(LockedForChange(db.dialect())),
        soci::use(opening), soci::into(r.opening), soci::into(r.opens_at), soci::into(drawn), soci::into(r.last_rank),
        soci::into(r.base_rank), soci::into(r.base_at);
    r.drawn = drawn != 0;
    return r;
}

std::optional<WaitingTicketRow> FindWaitingTicket(Database& db, const std::string& token_hash) {
    WaitingTicketRow t;
    long long draw = 0, rank = 0, admitted = 0;
    soci::indicator draw_ind = soci::i_null, rank_ind = soci::i_null, admitted_ind = soci::i_null;
    db.sql() << "SELECT id, opening, draw, queue_rank, arrived_at, admitted_at FROM waiting_ticket "
                "WHERE token_hash = :h",
        soci::use(token_hash), soci::into(t.id), soci::into(t.opening), soci::into(draw, draw_ind),
        soci::into(rank, rank_ind), soci::into(t.arrived_at), soci::into(admitted, admitted_ind);
    if (!db.sql().got_data()) return std::nullopt;
    t.draw = Optional(draw, draw_ind);
    t.rank = Optional(rank, rank_ind);
    t.admitted_at = Optional(admitted, admitted_ind);
    return t;
}

void InsertWaitingTicket(Database& db, WaitingTicketRow& t, const std::string& token_hash) {
    long long draw = t.draw.value_or(0), rank = t.rank.value_or(0);
    soci::indicator draw_ind = t.draw ? soci::i_ok : soci::i_null;
    soci::indicator rank_ind = t.rank ? soci::i_ok : soci::i_null;
    db.sql() << "INSERT INTO waiting_ticket (opening, token_hash, draw, queue_rank, arrived_at) "
                "VALUES (:o, :h, :d, :r, :at)",
        soci::use(t.opening), soci::use(token_hash), soci::use(draw, draw_ind), soci::use(rank, rank_ind),
        soci::use(t.arrived_at);
    t.id = db.LastInsertId("waiting_ticket");
}

long long DrawWaitingTickets(Database& db, const std::string& opening, long long opens_at) {
    // One statement on both databases (UPDATE … FROM: SQLite 3.33+, PostgreSQL); ties of the
    // 62-bit draw, should there be any, go by id.
    db.sql() << "UPDATE waiting_ticket SET queue_rank = r.n FROM (SELECT id, row_number() OVER (ORDER BY draw, id) AS n "
                "FROM waiting_ticket WHERE opening = :o AND draw IS NOT NULL AND queue_rank IS NULL) AS r "
                "WHERE waiting_ticket.id = r.id",
        soci::use(opening);
    long long n = 0;
    db.sql() << "SELECT count(*) FROM waiting_ticket WHERE opening = :o AND queue_rank IS NOT NULL", soci::use(opening),
        soci::into(n);
    db.sql() << "UPDATE waiting_room SET drawn = 1, last_rank = :n, base_rank = 0, base_at = :t WHERE opening = :o",
        soci::use(n), soci::use(opens_at), soci::use(opening);
    return n;
}

void UpdateWaitingRoom(Database& db, const WaitingRoomRow& r) {
    db.sql() << "UPDATE waiting_room SET last_rank = :l, base_rank = :b, base_at = :at WHERE opening = :o",
        soci::use(r.last_rank), soci::use(r.base_rank), soci::use(r.base_at), soci::use(r.opening);
}

void MarkWaitingTicketAdmitted(Database& db, long long ticket_id, long long at) {
    db.sql() << "UPDATE waiting_ticket SET admitted_at = :at WHERE id = :id AND admitted_at IS NULL", soci::use(at),
        soci::use(ticket_id);
}

long long CountUndrawnTickets(Database& db, const std::string& opening) {
    long long n = 0;
    db.sql() << "SELECT count(*) FROM waiting_ticket WHERE opening = :o AND queue_rank IS NULL", soci::use(opening),
        soci::into(n);
    return n;
}

long long PurgeWaitingTickets(Database& db, long long before) {
    long long n = 0;
    db.sql() << "SELECT count(*) FROM waiting_ticket WHERE arrived_at < :b", soci::use(before), soci::into(n);
    db.sql() << "DELETE FROM waiting_ticket WHERE arrived_at < :b", soci::use(before);
    db.sql() << "DELETE FROM waiting_room WHERE opens_at < :b AND NOT EXISTS "
                "(SELECT 1 FROM waiting_ticket t WHERE t.opening = waiting_room.opening)",
        soci::use(before);
    return n;
}

}  // namespace juo::store
