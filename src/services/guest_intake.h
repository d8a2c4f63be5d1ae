// GuestIntake: the write step of guest bookings (issue 17; docs/adr/0011-guest-booking.md), off
// the handler threads and grouped. A guest booking must find or create its guest and count its
// client's attempt in the database before the engine's Book command; done one transaction per
// guest, the commit (an fsync on a durable SQLite file, a WAL flush on PostgreSQL) bounded guest
// bookings at 40–54 % of the API's rate. The intake's one thread takes every guest waiting (up to
// `max_batch`) and prepares them all in one transaction (PrepareGuestBookings), then hands each
// answer to its callback: one commit for a batch, as the booking engine does for its commands.
//
// Bounded: at most `capacity` guests wait; Submit refuses beyond (kUnavailable, the hashing pool's
// "busy" words: the page answers 503 with Retry-After).
//
// Thread-safety: thread-safe. Submit may be called from any thread; callbacks run on the intake's
// thread, after the batch's commit, and must not block (they hand the command to the engine).
// Stop (or the destructor) prepares what is queued, then joins; Submit refuses after Stop.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "common/result.h"
#include "services/db.h"
#include "services/guest_bookings.h"

namespace juo::services {

struct GuestIntakeOptions {
    GuestLimits limits;
    size_t capacity = 1024;  // guests waiting
    size_t max_batch = 128;  // guests prepared in one transaction
};

class GuestIntake {
 public:
    using Done = std::function<void(Result<long long>)>;  // the user id to book for, or why not

    GuestIntake(const Connections& connections, GuestIntakeOptions options);
    ~GuestIntake();
    GuestIntake(const GuestIntake&) = delete;
    GuestIntake& operator=(const GuestIntake&) = delete;

    // Queues `request`; `done` gets its answer. kUnavailable (busy, or stopped) when refused: then
    // `done` is never called.
    Status Submit(GuestRequest request, Done done);

    // Prepares what is queued, then joins. Idempotent.
    void Stop();

    // The largest batch prepared so far: for tests.
    size_t largest_batch() const;

 private:
    struct Waiting {
        GuestRequest request;
        Done done;
    };
    void Work();

    const Connections& connections_;
    GuestIntakeOptions options_;
    mutable std::mutex mutex_;
    std::condition_variable wake_;
    std::deque<Waiting> queue_;
    bool stopping_ = false;
    size_t largest_batch_ = 0;
    std::thread thread_;
};

}  // namespace juo::services
