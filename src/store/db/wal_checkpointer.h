// WalCheckpointer: copies a SQLite database's write-ahead log back into the main file from a
// thread of its own, so the booking writer's commits never pay for it.
//
// By default SQLite checkpoints inside the COMMIT that makes the log pass 1,000 pages: under a
// booking rush that was the writer thread, and every answer of that batch waited for it
// (docs/perf.md, booking section). The writer turns its automatic checkpoints off and calls
// Note() after each commit; this thread runs a PASSIVE checkpoint (it never blocks readers or
// the writer) at most every `interval` while commits keep coming, and not at all when idle.
// Other connections keep their automatic checkpoints.
//
// Thread-safety: Note may be called from any thread. PostgreSQL has no use for it (a no-op).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

namespace juo::store {

class WalCheckpointer {
 public:
    // Starts the thread, which opens its own connection to `db_url` on first use.
    explicit WalCheckpointer(std::string db_url,
                             std::chrono::milliseconds interval = std::chrono::milliseconds(250));
    ~WalCheckpointer();  // checkpoints what is left, then stops
    WalCheckpointer(const WalCheckpointer&) = delete;
    WalCheckpointer& operator=(const WalCheckpointer&) = delete;

    // A transaction committed on the database: a checkpoint is due within `interval`.
    void Note() { pending_.store(true, std::memory_order_relaxed); }

    // Checkpoints run so far (for tests).
    long long checkpoints() const { return checkpoints_.load(); }

 private:
    void Run();

    std::string db_url_;
    std::chrono::milliseconds interval_;
    std::atomic<bool> pending_{false};
    std::atomic<long long> checkpoints_{0};
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::thread thread_;
};

}  // namespace juo::store
