// EngineRush: whether the booking engine is in a rush — it executed at least `per_second`
// commands a second over the last measuring window — for background work that gives way to
// bookings while one lasts (issue 17: the hashing pool rests between hashes, auth/hashing_pool.h).
// It reads a counter of executed commands (BookingEngine::stats().commands) at most once per
// window; between readings it answers what it last found.
//
// Thread-safety: thread-safe (one mutex); the counter and clock functions it is given are called
// under it.
#pragma once

#include <chrono>
#include <functional>
#include <mutex>

namespace juo::booking {

class EngineRush {
 public:
    using Clock = std::chrono::steady_clock;

    explicit EngineRush(std::function<long long()> commands, double per_second = 50,
                        Clock::duration window = std::chrono::milliseconds(500),
                        std::function<Clock::time_point()> now = Clock::now);

    // True when the commands executed since the last reading came at `per_second` or faster.
    bool operator()();

 private:
    std::function<long long()> commands_;
    double per_second_;
    Clock::duration window_;
    std::function<Clock::time_point()> now_;
    std::mutex mutex_;
    bool started_ = false, rush_ = false;
    long long last_count_ = 0;
    Clock::time_point last_time_;
};

}  // namespace juo::booking
