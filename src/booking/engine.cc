// The capacity engine (engine.h): its queue and writer thread, batches in one transaction run
// again after a deadlock or split when they keep losing, and the writer's machinery (writer.h):
// the batch's state, places and rows deferred to the batch's end on PostgreSQL, savepoints. The
// commands themselves are in writer_commands.cc.
#include "booking/engine.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <future>
#include <map>
#include <utility>

#include "booking/writer.h"
#include "common/clock.h"
#include "common/this_thread.h"
#include "store/audit/audit_log.h"
#include "store/bookings/capacity_store.h"
#include "store/db/database.h"
#include "store/db/incident.h"
#include "store/db/dialect.h"
#include "store/mail/outbox.h"
#include "store/db/wal_checkpointer.h"

namespace juo::booking {

namespace {

// The writer's own connection: fsync'd commits when durable, and no automatic checkpoint inside
// its commits (the WalCheckpointer thread does them).
Result<std::unique_ptr<store::Database>> OpenWriterDatabase(const EngineOptions& options) {
    auto db = store::Database::Open(options.db_url, store::OpenMode::kMustExist);
    if (!db.ok()) return db.error();
    try {
        // PostgreSQL's commits are durable already (synchronous_commit = on) and it checkpoints
        // by itself, off the committing backend.
        if ((*db)->dialect() == store::Dialect::kSqlite) {
            if (options.durable) (*db)->sql() << "PRAGMA synchronous = FULL";
            (*db)->sql() << "PRAGMA wal_autocheckpoint = 0";
        }
        (*db)->ReadThroughMemoryMap();
    } catch (const std::exception& e) {
        return MakeError(ErrorCode::kUnavailable, std::string("booking engine: ") + e.what());
    }
    return db;
}

// Hands a command's answer to its callback. A callback that throws is its caller's bug: it must not
// end the writer thread (std::terminate, the whole process with it) nor keep the rest of the batch
// from hearing its answers, so it is logged and the writer goes on.
void Answer(const BookingEngine::Callback& done, Result<Outcome> result) {
    try {
        done(std::move(result));
    } catch (const std::exception& e) {
        spdlog::error("booking: a reply callback threw: {}", e.what());
    } catch (...) {
        spdlog::error("booking: a reply callback threw a non-standard exception");
    }
}

}  // namespace

// ---- BookingEngine::Writer: the machinery (writer.h) ----

BookingEngine::Writer::Writer(const EngineOptions& o, std::unique_ptr<store::Database> database)
    : options(o),
      db(std::move(database)),
      store(std::make_unique<store::CapacityStore>(*db)),
      outbox(std::make_unique<store::OutboxWriter>(*db)),
      audit(std::make_unique<store::AuditWriter>(*db)),
      savepoint((db->sql().prepare << "SAVEPOINT juo_command")),
      release((db->sql().prepare << "RELEASE SAVEPOINT juo_command")),
      rollback_to((db->sql().prepare << "ROLLBACK TO SAVEPOINT juo_command")) {}

void BookingEngine::Writer::BeginBatch(bool defer, int books) {
    defer_places = defer;
    batch_sessions.clear();
    pending_places.clear();
    books_in_batch = books;
    booking_ids.clear();
    batch_keys.clear();
    batch_booked.clear();
    store->ForgetDeferredBookings(0);
    audit->ForgetDeferred(0);
    outbox->ForgetDeferred(0);
}

void BookingEngine::Writer::RenewStatements() {
    store = std::make_unique<store::CapacityStore>(*db);
    outbox = std::make_unique<store::OutboxWriter>(*db);
    audit = std::make_unique<store::AuditWriter>(*db);
}

long long BookingEngine::Writer::NextBookingId() {
    if (booking_ids.empty()) {
        booking_ids = store->ReserveBookingIds(std::max(1, books_in_batch));
        std::reverse(booking_ids.begin(), booking_ids.end());  // taken from the back, in order
    }
    const long long id = booking_ids.back();
    booking_ids.pop_back();
    return id;
}

BookingEngine::Writer::Mark BookingEngine::Writer::Marked() const {
    return {pending_places, audit->deferred(), outbox->deferred()};
}

void BookingEngine::Writer::Restore(const Mark& m) {
    pending_places = m.places;
    audit->ForgetDeferred(m.audit_rows);
    outbox->ForgetDeferred(m.outbox_rows);
}

void BookingEngine::Writer::WriteDeferredRows() {
    store->WriteDeferredBookings();  // first: the e-mails refer to them
    outbox->WriteDeferred();
    audit->WriteDeferred();
}

// The tour, with the places this batch took or gave back so far.
std::optional<store::SessionForBooking> BookingEngine::Writer::LoadSession(long long id) {
    if (!defer_places) return store->LoadSession(id);
    auto it = batch_sessions.find(id);
    if (it == batch_sessions.end()) {
        auto read = store->LoadSession(id);
        if (!read) return std::nullopt;
        it = batch_sessions.emplace(id, std::move(*read)).first;
    }
    store::SessionForBooking s = it->second;
    if (auto p = pending_places.find(id); p != pending_places.end()) {
        s.places_taken += p->second.people;
        s.groups_taken += p->second.groups;
    }
    return s;
}

bool BookingEngine::Writer::TakePlaces(long long id, int people, int groups) {
    if (!defer_places) return store->TryTakePlaces(id, people, groups);
    auto s = LoadSession(id);
    if (!s || s->status != "open" || s->places_taken + people > s->capacity_people ||
        s->groups_taken + groups > s->capacity_groups)
        return false;
    pending_places[id].people += people;
    pending_places[id].groups += groups;
    return true;
}

void BookingEngine::Writer::ReleasePlaces(long long id, int people, int groups) {
    if (!defer_places) return store->ReleasePlaces(id, people, groups);
    pending_places[id].people -= people;
    pending_places[id].groups -= groups;
}

// Writes the batch's places; false when a tour no longer has them (the batch must run again).
bool BookingEngine::Writer::ApplyDeferredPlaces() {
    for (const auto& [id, change] : pending_places)  // in id order: no deadlock between servers
        if ((change.people != 0 || change.groups != 0) && !store->ApplyPlaces(id, change.people, change.groups))
            return false;
    return true;
}

void BookingEngine::Writer::Audit(std::optional<long long> actor, const std::string& action,
                                  const std::string& entity, long long id, const std::string& detail) {
    domain::AuditEntry e;
    e.at = now;
    e.actor_user_id = actor;
    e.actor_label = actor ? "user:" + std::to_string(*actor) : "system:booking";
    e.action = action;
    e.entity = entity;
    e.entity_id = id;
    e.detail = detail;
    if (defer_places)
        audit->Defer(e);
    else
        audit->Append(e);
}

void BookingEngine::Writer::Send(store::OutgoingEmail email) {
    email.created_at = now;
    if (defer_places)
        outbox->Defer(email);
    else
        outbox->Enqueue(email);
}

// One command inside the batch's transaction, in its own savepoint.
Result<Outcome> BookingEngine::Writer::ExecuteInSavepoint(const Command& command) {
    // PostgreSQL, places counted for the end of the batch: a booking writes nothing before
    // its last check (every refusal comes first: no place taken, no row kept), so it needs no
    // savepoint and nothing to undo — two round trips and a subtransaction fewer per booking.
    // Should it throw, the transaction is aborted and ExecuteBatch runs the whole batch again,
    // with a savepoint per command.
    if (defer_places && std::holds_alternative<Book>(command)) return Execute(std::get<Book>(command));
    if (defer_places) store->WriteDeferredBookings();  // the command may read them
    const Mark before = Marked();  // undone with the savepoint
    savepoint.execute(true);
    Result<Outcome> result = MakeError(ErrorCode::kInternal, "not executed");
    for (int attempt = 1;; ++attempt) {
        Restore(before);
        try {
            result = std::visit([this](const auto& c) { return Execute(c); }, command);
            break;
        } catch (const std::exception& e) {
            // PostgreSQL, several app servers: another server committed the same booking,
            // idempotency key or check-in after this command checked for it (a unique index
            // refused the insert). Undo the command and run it once more: it now sees the
            // other server's row and answers as for a repeat (a replay, "already booked").
            if (attempt == 1 && db->dialect() == store::Dialect::kPostgresql && store::IsUniqueViolation(e)) {
                spdlog::info("booking: command met a concurrent write, running it again: {}", e.what());
                rollback_to.execute(true);
                continue;
            }
            // A statement that failed may be left open on the connection (SQLite), or the
            // transaction is aborted (PostgreSQL): fail the whole batch, which Run retries
            // (deadlock) or answers 503 (nothing commits) and reopens.
            if (!store::IsTransientConflict(e)) spdlog::error("booking: command failed: {}", e.what());
            throw;
        }
    }
    if (!result.ok()) {
        rollback_to.execute(true);
        Restore(before);
    }
    release.execute(true);
    return result;
}

// ---- BookingEngine ----

Result<std::unique_ptr<BookingEngine>> BookingEngine::Start(EngineOptions options) {
    auto db = OpenWriterDatabase(options);
    if (!db.ok()) return db.error();
    std::unique_ptr<BookingEngine> engine(new BookingEngine(std::move(options)));
    try {
        engine->writer_ = std::make_unique<Writer>(engine->options_, std::move(*db));
    } catch (const std::exception& e) {
        return MakeError(ErrorCode::kUnavailable, std::string("booking engine: ") + e.what());
    }
    engine->checkpointer_ = std::make_unique<store::WalCheckpointer>(engine->options_.db_url);
    engine->thread_ = std::thread([e = engine.get()] {
        NameThisThread("juo-engine");
        e->Run();
    });
    return engine;
}

BookingEngine::BookingEngine(EngineOptions options) : options_(std::move(options)) {
    if (!options_.now) options_.now = [] { return NowUtcIso(); };
}

BookingEngine::~BookingEngine() { Stop(); }

void BookingEngine::Submit(Command command, Callback done) {
    bool full = false;
    {
        std::lock_guard lock(mutex_);
        full = static_cast<int>(queue_.size()) >= std::max(1, options_.max_queue);
        if (!stopping_ && !full) {
            queue_.push_back({std::move(command), std::move(done)});
            wake_.notify_one();
            return;
        }
        if (full) ++stats_.refused;
    }
    if (full) {
        // The writer is behind by max_queue commands: an answer now ("try again in a few
        // seconds") is kinder than one after a wait that outlasts every client's timeout.
        done(MakeError(ErrorCode::kUnavailable, "too many bookings at once: try again in a few seconds",
                       "trop de réservations en même temps : réessayez dans quelques secondes"));
        return;
    }
    done(MakeError(ErrorCode::kUnavailable, "the booking engine is stopping",
                   "service en cours d'arrêt, réessayez"));
}

int BookingEngine::queue_depth() const {
    std::lock_guard lock(mutex_);
    return static_cast<int>(queue_.size());
}

Result<Outcome> BookingEngine::Call(Command command) {
    auto promise = std::make_shared<std::promise<Result<Outcome>>>();
    auto future = promise->get_future();
    Submit(std::move(command), [promise](Result<Outcome> r) { promise->set_value(std::move(r)); });
    return future.get();
}

void BookingEngine::Stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
        wake_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
}

EngineStats BookingEngine::stats() const {
    std::lock_guard lock(mutex_);
    EngineStats stats = stats_;
    stats.queued = static_cast<long long>(queue_.size());
    return stats;
}

// The tours a batch books places on, known before it runs (a cancellation's tour is known only
// once its booking is read).
std::vector<long long> BookingEngine::SessionsBooked(const std::vector<Pending>& batch) {
    std::vector<long long> ids;
    for (const auto& p : batch) {
        if (const auto* book = std::get_if<Book>(&p.command)) ids.push_back(book->session_id);
        if (const auto* accept = std::get_if<AcceptGroupRequest>(&p.command)) ids.push_back(accept->session_id);
    }
    return ids;
}

int BookingEngine::BookingsIn(const std::vector<Pending>& batch) {
    return static_cast<int>(
        std::count_if(batch.begin(), batch.end(), [](const Pending& p) { return std::holds_alternative<Book>(p.command); }));
}

void BookingEngine::ExecuteBatch(const std::vector<Pending>& batch, std::vector<Result<Outcome>>& results) {
    if (RunInOneTransaction(batch, results) != BatchEnd::kKeptLosing || batch.size() == 1) return;
    // Several app servers raced on the same rows (the same tickets cancelled or checked in on
    // both, the same keys sent to both) in orders that deadlock again and again: give up on
    // grouping and run each command alone, in the batch's order. A command alone holds few rows
    // and wins its race after a retry or two.
    spdlog::warn("booking: batch of {} commands kept losing deadlocks; its commands run one per transaction",
                 batch.size());
    {
        std::lock_guard lock(mutex_);
        ++stats_.batches_split;
    }
    results.clear();
    // Each lost deadlock costs PostgreSQL's deadlock_timeout (1 s) before it is reported: past
    // kSplitBudget the rest of the batch answers 503 (retry) rather than hold this writer, and
    // every booking of the instance behind it, for minutes.
    const auto deadline = std::chrono::steady_clock::now() + kSplitBudget;
    for (const auto& p : batch) {
        std::vector<Result<Outcome>> one;
        if (!writer_) {  // the connection was lost on the way
            one.push_back(MakeError(ErrorCode::kUnavailable, "the booking database is unavailable",
                                    "la base des réservations est indisponible, réessayez"));
        } else if (std::chrono::steady_clock::now() > deadline) {
            one.push_back(MakeError(ErrorCode::kUnavailable, "the booking database is too busy: try again",
                                    "la base des réservations est trop occupée, réessayez"));
        } else {
            RunInOneTransaction({Pending{p.command, nullptr}}, one);
        }
        results.push_back(std::move(one.front()));
    }
}

bool BookingEngine::RolledBack() {
    try {
        writer_->db->sql() << "ROLLBACK";
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

void BookingEngine::PauseBeforeAttempt(int attempt) {
    // Two writers that deadlocked and retry at once tend to meet again: a random pause, longer
    // with each attempt (at most 2^attempt ms), lets one of them go first.
    const int most_us = 1000 << std::min(attempt, 6);
    std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, most_us)(jitter_)));
}

BookingEngine::BatchEnd BookingEngine::RunInOneTransaction(const std::vector<Pending>& batch,
                                                           std::vector<Result<Outcome>>& results) {
    // PostgreSQL: places counted during the batch and written at its end (Writer::defer_places);
    // SQLite holds its one write lock for the whole batch anyway, and takes them one by one.
    bool defer = writer_->db->dialect() == store::Dialect::kPostgresql;
    for (int attempt = 1;; ++attempt) {
        results.clear();
        try {
            // SQLite: BEGIN IMMEDIATE takes the write lock first (waiting in the busy handler, ADR
            // 0025), so that a read inside the batch never has to upgrade — the upgrade fails at
            // once when another connection wrote in between (SQLITE_BUSY_SNAPSHOT). PostgreSQL
            // locks rows.
            writer_->db->sql() << std::string(store::BeginWriteTransaction(writer_->db->dialect()));
            writer_->BeginBatch(defer, BookingsIn(batch));
            if (!defer) writer_->store->LockSessions(SessionsBooked(batch));
            for (const auto& p : batch) results.push_back(writer_->ExecuteInSavepoint(p.command));
            if (defer && !writer_->ApplyDeferredPlaces()) {
                // Another server took places on one of these tours since this batch read it.
                writer_->db->sql() << "ROLLBACK";
                spdlog::info("booking: batch of {} commands runs again, taking places one by one", batch.size());
                defer = false;
                --attempt;  // not a failure
                continue;
            }
            if (defer) writer_->WriteDeferredRows();  // after the places: the tours' locks first
            writer_->db->sql() << "COMMIT";
            checkpointer_->Note();
            return BatchEnd::kCommitted;
        } catch (const std::exception& e) {
            // PostgreSQL, several app servers: two batches locked the same rows in opposite
            // orders (deadlock) and this one was chosen to give way, or a booking run without a
            // savepoint met another server's row (a unique index): roll back and run the whole
            // batch again — the other batch has gone on meanwhile — the second time with a
            // savepoint per command and places taken one by one.
            const bool transient = store::IsTransientConflict(e);
            const bool rolled_back = (defer || transient) && RolledBack();  // false: the connection is gone
            if (rolled_back && (defer || attempt < kBatchAttempts)) {
                spdlog::warn("booking: batch of {} commands met a concurrent transaction, runs again (attempt {}): {}",
                             batch.size(), attempt + 1, e.what());
                {
                    std::lock_guard lock(mutex_);
                    ++stats_.batches_run_again;
                }
                if (transient) PauseBeforeAttempt(attempt);
                writer_->RenewStatements();
                defer = false;
                continue;
            }
            // Issue 21: the database's words go to the log under an incident number, never to a
            // client.
            const std::string incident = store::NewIncidentId();
            results.assign(batch.size(),
                           MakeError(ErrorCode::kUnavailable,
                                     "the database could not answer (incident " + incident + "): try again",
                                     "erreur de la base de données (incident " + incident + "), réessayez"));
            spdlog::warn("booking: incident {}: batch of {} commands: {}", incident, batch.size(), e.what());
            if (rolled_back) return BatchEnd::kKeptLosing;  // a transient conflict, every attempt lost
            spdlog::error("booking: batch of {} commands failed (incident {})", batch.size(), incident);
            // Start again from a fresh connection: a failed statement may still be open in this one
            // (closing it rolls back what the batch wrote).
            writer_.reset();
            return BatchEnd::kFailed;
        }
    }
}

void BookingEngine::Run() {
    auto next_sweep = std::chrono::steady_clock::now() + options_.sweep_every;
    auto next_reminders = std::chrono::steady_clock::now() + options_.remind_every;
    for (;;) {
        std::vector<Pending> batch;
        {
            std::unique_lock lock(mutex_);
            wake_.wait_until(lock, next_sweep, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() && stopping_) return;
            while (!queue_.empty() && static_cast<int>(batch.size()) < options_.max_batch) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        if (std::chrono::steady_clock::now() >= next_sweep) {
            batch.push_back({ExpireOffers{}, [](Result<Outcome> r) {
                                 if (!r.ok())
                                     spdlog::warn("booking: offer expiry failed: {}", r.error().message);
                             }});
            next_sweep = std::chrono::steady_clock::now() + options_.sweep_every;
        }
        if (options_.remind_every.count() > 0 && std::chrono::steady_clock::now() >= next_reminders) {
            batch.push_back({SendReminders{}, [](Result<Outcome> r) {
                                 if (!r.ok())
                                     spdlog::warn("booking: reminders failed: {}", r.error().message);
                                 else if (r->reminders_sent > 0)
                                     spdlog::info("booking: {} reminder e-mails queued", r->reminders_sent);
                             }});
            next_reminders = std::chrono::steady_clock::now() + options_.remind_every;
        }
        if (batch.empty()) continue;

        std::vector<Result<Outcome>> results;
        results.reserve(batch.size());
        if (!writer_) {
            try {
                auto db = OpenWriterDatabase(options_);
                if (db.ok()) writer_ = std::make_unique<Writer>(options_, std::move(*db));
            } catch (const std::exception& e) {
                spdlog::error("booking: reopening the database failed: {}", e.what());
            }
            if (!writer_) {
                for (auto& p : batch)
                    Answer(p.done, MakeError(ErrorCode::kUnavailable, "the booking database is unavailable",
                                             "la base des réservations est indisponible, réessayez"));
                continue;
            }
        }
        writer_->now = options_.now();
        ExecuteBatch(batch, results);
        {
            std::lock_guard lock(mutex_);
            stats_.commands += static_cast<long long>(batch.size());
            ++stats_.batches;
            stats_.largest_batch =
                std::max<long long>(stats_.largest_batch, static_cast<long long>(batch.size()));
        }
        for (size_t i = 0; i < batch.size(); ++i) Answer(batch[i].done, std::move(results[i]));
    }
}

}  // namespace juo::booking
