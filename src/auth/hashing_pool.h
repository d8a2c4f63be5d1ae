// HashingPool: where password hashes (argon2id, tens of milliseconds and 64 MiB each) run, so that
// no HTTP handler thread and no database transaction ever waits on one.
//
// At most `threads` jobs run at once (one per core by default: a hash is pure CPU, more threads
// would only make every hash slower), and at most `queue_capacity` wait. When the queue is full,
// Submit refuses at once (kUnavailable, "busy"): the web layer answers 503 with Retry-After
// (kRetryAfterSeconds) rather than letting a sign-up rush grow an unbounded backlog that starves
// bookings. A job is a whole account step — throttle check, hash, short write, reply — so its
// thread never holds a database write lock while it hashes (the step hashes first, then writes).
//
// The threads run at a lower priority (HashingPoolOptions::nice): when the cores are busy, hashes
// wait for what bookings leave; during a booking rush (HashingPoolOptions::busy) they also rest
// between jobs, half of the time at most.
//
// Thread-safety: thread-safe. Submit may be called from any thread, jobs run on the pool's own
// threads. Stop (or the destructor) runs the jobs already queued, then joins; Submit refuses
// after Stop. A job must not throw (one that does is caught and logged, and the pool goes on).
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "common/result.h"

namespace juo::auth {

struct HashingPoolOptions {
    int threads = 0;             // 0: std::thread::hardware_concurrency() (at least 1)
    size_t queue_capacity = 64;  // jobs waiting for a thread, beyond those running
    // How many niceness steps the pool's threads run below the process (Linux, per thread; 0:
    // as the process). Hashes are pure CPU: at 19 the scheduler gives the booking engine, the I/O
    // and handler threads the cores first and the hashes what is left, so a sign-up rush slows
    // sign-ups, not bookings (docs/adr/0006; bench/opening_day.sh measures both). Ignored where
    // it cannot be set.
    int nice = 19;
    // What its threads are called (common/this_thread.h: `top -H`, `perf`), 15 bytes at most.
    const char* thread_name = "juo-hash";
    // Issue 17: when set and true after a job (juo serve: the booking engine is in a rush), the
    // thread rests as long as the job took before taking the next one, so that hashes take at
    // most half of their cores while bookings need them. A low priority alone did not do it:
    // argon2id's 19 MiB per hash also takes memory bandwidth and cache, and on PostgreSQL the
    // database's own processes are not the pool's to outrank (docs/adr/0024). Sign-ups then
    // wait (the queue is bounded: 503 beyond); with no rush they run at full speed.
    std::function<bool()> busy;
    // How the thread rests (tests watch it); std::this_thread::sleep_for when empty.
    std::function<void(std::chrono::steady_clock::duration)> rest;
};

class HashingPool {
 public:
    // What the web layer puts in Retry-After when Submit refuses.
    static constexpr long long kRetryAfterSeconds = 2;

    explicit HashingPool(HashingPoolOptions options = {});
    ~HashingPool();
    HashingPool(const HashingPool&) = delete;
    HashingPool& operator=(const HashingPool&) = delete;

    // Queues `job`. Ok when queued; kUnavailable (English and French: "busy, retry in a few
    // seconds") when the queue holds queue_capacity jobs already or the pool is stopped — the
    // job is then dropped, never run.
    Status Submit(std::function<void()> job);

    // Runs what is queued, then joins the threads. Idempotent.
    void Stop();

    int threads() const { return static_cast<int>(threads_.size()); }
    size_t queue_capacity() const { return options_.queue_capacity; }
    // Jobs waiting (not yet running), and the most that ever ran at once: for tests and metrics.
    size_t queued() const;
    int peak_running() const;

    // The refusal Submit returns when the queue is full.
    static Error BusyError();

 private:
    void Work();

    HashingPoolOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<std::function<void()>> queue_;
    bool stopping_ = false;
    int running_ = 0;
    int peak_running_ = 0;
    std::vector<std::thread> threads_;
};

}  // namespace juo::auth
