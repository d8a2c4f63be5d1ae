// BookingEngine: the capacity engine. Every command that changes places (commands.h) goes
// through one writer thread that owns its own database connection and executes the queued
// commands in batches: one transaction per batch (group commit), one savepoint per command so
// that a failing command changes nothing while the others of its batch commit. A command's
// answer is delivered only after its batch committed, so a confirmed booking is on disk before
// anyone hears of it (SQLite WAL; with `durable`, synchronous=FULL: fsync'd at each commit).
// Places are taken by a conditional UPDATE in the database (store/capacity_store.h): the
// database, not this process's memory, is what never oversells. See docs/adr/0003.
//
// Thread-safety: Submit and Call may be called from any thread; callbacks run on the writer
// thread and must be quick (post the answer to the caller's executor); one that throws is
// logged and ignored, the writer goes on. Stop drains the queue.
#pragma once

#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "booking/commands.h"
#include "booking/manage_link.h"
#include "common/result.h"

namespace juo::store {
class WalCheckpointer;
}

namespace juo::booking {

struct EngineOptions {
    std::string db_url;                                       // the writer opens its own connection
    int max_batch = 256;                                      // commands per transaction at most
    // Commands that may wait for the writer; Submit refuses more with kUnavailable (503 +
    // Retry-After) rather than let the wait grow. About half a second of the writer's work.
    int max_queue = 4096;
    std::chrono::seconds offer_ttl = std::chrono::hours(24);  // how long a waiting-list offer holds places
    std::chrono::milliseconds sweep_every = std::chrono::seconds(5);  // offer expiry check
    std::chrono::milliseconds remind_every = std::chrono::minutes(1);  // reminder e-mails; 0 = never
    bool durable = true;                                              // fsync each commit (synchronous=FULL)
    std::string base_url = "http://localhost:8080";                   // for the links in e-mails
    std::function<std::string()> now;                                 // UTC ISO instant; NowUtcIso by default
    // Issue 17 (guest bookings): the manage link's path of a booking (manage_link.h) for its
    // confirmation e-mail; unset: the e-mail points to "my bookings".
    std::function<std::string(long long booking_id, const std::string& ticket_code)> manage_path;
    // Issue 17 (a guest accepts a waiting-list offer): signs the offer e-mail's accept link and
    // checks AcceptOffer's offer_token (manage_link.h). Unset: the e-mail points to "my bookings"
    // and every token is refused. Must outlive the engine.
    const ManageLinks* offer_links = nullptr;
};

struct EngineStats {
    long long commands = 0;
    long long batches = 0;
    long long largest_batch = 0;
    long long batches_run_again = 0;  // after a deadlock or a conflict with another app server
    long long batches_split = 0;      // kept losing: their commands ran one per transaction
    long long refused = 0;            // Submit found the queue full (max_queue)
    long long queued = 0;             // commands waiting for the writer now
};

class BookingEngine {
 public:
    using Callback = std::function<void(Result<Outcome>)>;

    // Opens the writer's connection and starts the writer. kUnavailable when the database
    // cannot be opened.
    static Result<std::unique_ptr<BookingEngine>> Start(EngineOptions options);
    ~BookingEngine();  // Stop()
    BookingEngine(const BookingEngine&) = delete;
    BookingEngine& operator=(const BookingEngine&) = delete;

    // Queues a command; `done` is called once, on the writer thread, after the command's batch
    // committed (or failed). After Stop, or when max_queue commands are waiting already, answers
    // kUnavailable at once, on the calling thread.
    void Submit(Command command, Callback done);
    // Commands waiting for the writer now (the waiting room engages when it is high).
    int queue_depth() const;
    // Submits and waits for the answer.
    Result<Outcome> Call(Command command);
    // Executes the queued commands, then stops the writer. Idempotent.
    void Stop();

    EngineStats stats() const;

 private:
    struct Writer;
    explicit BookingEngine(EngineOptions options);
    void Run();

    EngineOptions options_;
    std::unique_ptr<Writer> writer_;
    std::unique_ptr<store::WalCheckpointer> checkpointer_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    struct Pending {
        Command command;
        Callback done;
    };
    // Runs a batch in one transaction; fills `results`, one per command. A batch that keeps
    // losing deadlocks to another app server runs its commands one per transaction instead, so
    // that a race on a few rows never turns a whole batch into errors.
    void ExecuteBatch(const std::vector<Pending>& batch, std::vector<Result<Outcome>>& results);
    enum class BatchEnd { kCommitted, kKeptLosing, kFailed };
    // One transaction, run again (up to kBatchAttempts times, after a short random pause) when
    // it loses a deadlock. Always fills `results`: 503s unless kCommitted.
    BatchEnd RunInOneTransaction(const std::vector<Pending>& batch, std::vector<Result<Outcome>>& results);
    void PauseBeforeAttempt(int attempt);
    bool RolledBack();  // the writer's transaction rolled back; false when the connection is gone
    static constexpr int kBatchAttempts = 6;
    static constexpr std::chrono::seconds kSplitBudget{10};  // for a split batch's commands
    static std::vector<long long> SessionsBooked(const std::vector<Pending>& batch);
    static int BookingsIn(const std::vector<Pending>& batch);  // its Book commands
    std::deque<Pending> queue_;
    bool stopping_ = false;
    EngineStats stats_;
    std::minstd_rand jitter_{std::random_device{}()};  // writer thread only
    std::thread thread_;
};

}  // namespace juo::booking
