// BookingEngine::Writer: everything the capacity engine's writer thread owns (engine.h) — its
// own database connection, its prepared savepoint statements, the state of the batch it runs —
// and one Execute per command of commands.h. Private to src/booking, in two files:
//   engine.cc            the machinery: a batch's state, the places and rows a batch defers to
//                        its end on PostgreSQL (places before rows, ADR 0008), the audit and
//                        e-mail rows, and ExecuteInSavepoint (one savepoint per command, a command
//                        run once more after another server's unique row); the engine's queue,
//                        transactions and retries of whole batches are there too.
//   writer_commands.cc   the commands: book, cancel, change a party's size, accept an offer,
//                        leave the waiting list, check in, accept or refuse a group request,
//                        send reminders, expire offers, and the waiting list's promotion they
//                        share. They read and write through the store and the machinery's
//                        primitives (LoadSession, TakePlaces, ReleasePlaces, Audit, Send),
//                        never COMMIT or roll back themselves.
// See docs/adr/0003 (the engine) and docs/adr/0008 (several app servers on PostgreSQL).
//
// Thread-safety: none. BookingEngine::Start builds it before the writer thread starts; from then
// on only the writer thread uses it (and rebuilds it there after a failed batch).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "booking/commands.h"
#include "booking/engine.h"
#include "common/result.h"
#include "store/audit/audit_log.h"
#include "store/bookings/capacity_store.h"
#include "store/db/database.h"
#include "store/groups/group_request_queries.h"
#include "store/mail/outbox.h"

namespace juo::booking {

struct BookingEngine::Writer {
    const EngineOptions& options;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<store::CapacityStore> store;
    std::unique_ptr<store::OutboxWriter> outbox;
    std::unique_ptr<store::AuditWriter> audit;
    soci::statement savepoint, release, rollback_to;
    std::string now;  // the batch's instant

    // PostgreSQL, several app servers (ADR 0008): a batch's places are counted here, per tour,
    // while its commands run, and written at its end — one conditional UPDATE per tour, in id
    // order (ApplyDeferredPlaces), then the batch's rows, then COMMIT. The hot tour's row is then
    // locked for the batch's last statements only, not for the whole batch, so another server's
    // batch runs its commands meanwhile. The tours are read once per batch; should another server
    // have taken the places since, the UPDATE refuses and the batch runs again with places taken
    // one by one. Places before rows: a batch that runs again locks its tours first, then writes
    // its rows; were this batch to write its rows first, a booking with the same Idempotency-Key
    // or visitor in both would make each wait for the other (a deadlock, found after a second).
    // (Bookings written before another command of the batch, which may read them, still come
    // before the places.)
    struct PlaceChange {
        int people = 0;
        int groups = 0;
    };
    bool defer_places = false;
    std::map<long long, store::SessionForBooking> batch_sessions;  // as read by this batch
    std::map<long long, PlaceChange> pending_places;               // taken (+) or given back (-)

    // In the same mode, the batch's rows are written at its end too (WriteDeferredRows), many per
    // statement: a booking's row (its id drawn beforehand from the sequence, for all the batch's
    // bookings in one round trip), its audit entry and its e-mail — one round trip per booking
    // (the visitor read with "already booked?" and the Idempotency-Key) instead of five. The
    // unique indexes still judge the rows when they are written: should another server have
    // committed the same key or visitor meanwhile, the batch runs again, rows written one by one.
    // Bookings are written before any other command runs, as it may read them.
    int books_in_batch = 0;
    std::vector<long long> booking_ids;                      // drawn, not used yet
    std::map<std::string, domain::Booking> batch_keys;       // Idempotency-Key → booking
    std::set<std::pair<long long, long long>> batch_booked;  // (visitor, tour)

    // Prepares the savepoint statements on `database`, the writer's own connection.
    Writer(const EngineOptions& o, std::unique_ptr<store::Database> database);

    // ---- The machinery (engine.cc) ----

    // Starts a batch: `defer` counts places and keeps rows for the batch's end (PostgreSQL);
    // `books` is the number of Book commands, whose ids are drawn together.
    void BeginBatch(bool defer, int books);
    // Makes the prepared statements of store, outbox and audit anew, after a batch that failed
    // and will run again. Debian's SOCI 4.0 PostgreSQL backend allocates a statement's parameter
    // buffers before each execution and frees them after it: one whose execution threw (a
    // deadlock) keeps them, and its next execution allocates over them, a leak (make check's
    // LeakSanitizer saw one). Destroying the statement frees them.
    void RenewStatements();
    // A booking id drawn from the sequence for this batch (all of them in one round trip).
    long long NextBookingId();

    // What a command that fails leaves undone (with its savepoint, when it has one).
    struct Mark {
        std::map<long long, PlaceChange> places;
        size_t audit_rows = 0, outbox_rows = 0;
    };
    Mark Marked() const;
    void Restore(const Mark& m);

    // The batch's deferred bookings, e-mails and audit entries, many per statement.
    void WriteDeferredRows();
    // The tour, with the places this batch took or gave back so far.
    std::optional<store::SessionForBooking> LoadSession(long long id);
    // Takes places if the tour is open and has them (in the database, or counted for the batch's
    // end); false otherwise.
    bool TakePlaces(long long id, int people, int groups);
    void ReleasePlaces(long long id, int people, int groups);
    // Writes the batch's places; false when a tour no longer has them (the batch must run again).
    bool ApplyDeferredPlaces();
    // An audit entry and an e-mail of the command, at the batch's instant (kept for the batch's
    // end when it defers).
    void Audit(std::optional<long long> actor, const std::string& action, const std::string& entity,
               long long id, const std::string& detail);
    void Send(store::OutgoingEmail email);

    // One command inside the batch's transaction, in its own savepoint.
    Result<Outcome> ExecuteInSavepoint(const Command& command);

    // ---- The commands (writer_commands.cc) ----

    Result<Outcome> Execute(const Book& c);
    Result<Outcome> Execute(const Cancel& c);
    Result<Outcome> Execute(const AcceptOffer& c);
    Result<Outcome> Execute(const LeaveWaitlist& c);
    Result<Outcome> Execute(const CheckIn& c);
    Result<Outcome> Execute(const AcceptGroupRequest& c);
    Result<Outcome> Execute(const RefuseGroupRequest& c);
    Result<Outcome> Execute(const SendReminders& c);
    Result<Outcome> Execute(const ExpireOffers&);
    Result<Outcome> Execute(const OfferFreedPlaces& c);
    Result<Outcome> Execute(const ChangePeople& c);
    Result<Outcome> Execute(const UndoCheckIn& c);
    Result<Outcome> Execute(const OfflineCheckIn& c);
    // CheckIn and OfflineCheckIn (`nonce` empty for the first).
    Result<Outcome> CheckInTicket(const CheckIn& c, const std::string& nonce, const std::string& scanned_at);

    // What the commands share: the tour or user, or kNotFound; the waiting list's promotion after
    // places free up (the offers made); a booking's replay by its Idempotency-Key; a group
    // request still undecided.
    Result<store::SessionForBooking> Session(long long id);
    Result<store::UserContact> User(long long id);
    int Promote(long long session_id);
    // Issue 18 (ADR 0018, step 4): the places and group slot free on the tour go to the requests
    // the published allocation run left unplaced that wished it, whole groups only, in their
    // order (store::UnplacedRequestsWishing); each placed group's requester and the factory's
    // hosts are mailed. How many groups were placed.
    int PlaceUnplacedGroups(long long session_id);
    std::optional<Result<Outcome>> Replay(const Book& c);
    Result<store::GroupRequestView> UndecidedRequest(long long id);
};

}  // namespace juo::booking
