// The waiting room's rows (migration 9, services/waiting_room.h): one waiting_room row per
// registration opening — the shared sequence of ranks and the admission pace — and its tickets,
// each known by the SHA-256 of its cookie token. The SQL is the same on SQLite and PostgreSQL.
//
// Every function throws soci::soci_error on database failures. The functions that change a room
// expect to run inside a write transaction that locked it (LockWaitingRoom), so that several app
// servers hand out ranks from one sequence without collisions.
// Thread-safety: as the Database (one connection per thread).
#pragma once

#include <optional>
#include <string>

#include "store/db/database.h"

namespace juo::store {

struct WaitingRoomRow {
    std::string opening;     // the edition's registration_opens_at (UTC ISO)
    long long opens_at = 0;  // the same in Unix seconds
    bool drawn = false;      // the tickets taken before the opening are ranked
    long long last_rank = 0;
    long long base_rank = 0;
    long long base_at = 0;
};

struct WaitingTicketRow {
    long long id = 0;
    std::string opening;
    std::optional<long long> draw;        // set for a ticket taken before the opening
    std::optional<long long> rank;        // set once drawn, or at once after the opening
    long long arrived_at = 0;
    std::optional<long long> admitted_at;
};

// The registration opening of the latest edition when it is open for registrations (status
// 'open' and an opening instant set), or nullopt.
std::optional<std::string> CurrentRegistrationOpening(Database& db);

// The room of `opening`, or nullopt when nobody has queued for it yet. Plain read.
std::optional<WaitingRoomRow> FindWaitingRoom(Database& db, const std::string& opening);

// Creates the room when missing (base_at = opens_at), then reads it locked against the other app
// servers' changes until the transaction ends. Inside a write transaction.
WaitingRoomRow LockWaitingRoom(Database& db, const std::string& opening, long long opens_at);

// The ticket with this token hash, or nullopt.
std::optional<WaitingTicketRow> FindWaitingTicket(Database& db, const std::string& token_hash);

// Inserts a ticket; its id is set.
void InsertWaitingTicket(Database& db, WaitingTicketRow& ticket, const std::string& token_hash);

// Ranks the room's tickets taken before the opening 1..N in the order of their random draw, and
// marks the room drawn with last_rank N (base at opens_at). Returns N. Inside the transaction that
// locked the room, once (drawn false).
long long DrawWaitingTickets(Database& db, const std::string& opening, long long opens_at);

// Writes the room's last rank and admission pace.
void UpdateWaitingRoom(Database& db, const WaitingRoomRow& room);

// Records the first admission of a ticket (kept when already set).
void MarkWaitingTicketAdmitted(Database& db, long long ticket_id, long long at);

// Tickets taken before the opening that wait for the draw.
long long CountUndrawnTickets(Database& db, const std::string& opening);

// Deletes the tickets that arrived before `before` (Unix seconds), then the rooms whose opening
// is before it and that hold no ticket. Returns the tickets deleted.
long long PurgeWaitingTickets(Database& db, long long before);

}  // namespace juo::store
