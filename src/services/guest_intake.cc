// The guest bookings' grouped write step (see guest_intake.h).
#include "services/guest_intake.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <ctime>
#include <exception>
#include <vector>

#include "common/this_thread.h"

namespace juo::services {
namespace {

Error BusyError() {
    return MakeError(ErrorCode::kUnavailable, "Many people are booking right now: try again in a few seconds.",
                     "Beaucoup de personnes réservent en ce moment : réessayez dans quelques secondes.");
}

}  // namespace

GuestIntake::GuestIntake(const Connections& connections, GuestIntakeOptions options)
    : connections_(connections), options_(options) {
    options_.max_batch = std::max<size_t>(1, options_.max_batch);
    thread_ = std::thread([this] {
        NameThisThread("juo-guests");
        Work();
    });
}

GuestIntake::~GuestIntake() { Stop(); }

Status GuestIntake::Submit(GuestRequest request, Done done) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || queue_.size() >= options_.capacity) return BusyError();
        queue_.push_back(Waiting{std::move(request), std::move(done)});
    }
    wake_.notify_one();
    return Ok();
}

void GuestIntake::Stop() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
}

size_t GuestIntake::largest_batch() const {
    std::lock_guard lock(mutex_);
    return largest_batch_;
}

void GuestIntake::Work() {
    for (;;) {
        std::vector<Waiting> batch;
        {
            std::unique_lock lock(mutex_);
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty()) return;  // stopping, and nothing left to prepare
            const size_t n = std::min(queue_.size(), options_.max_batch);
            batch.reserve(n);
            for (size_t i = 0; i < n; ++i) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
            largest_batch_ = std::max(largest_batch_, n);
        }
        std::vector<Result<long long>> answers;
        if (auto db = ThreadDb(connections_); !db.ok()) {
            answers.assign(batch.size(), Result<long long>(db.error()));
        } else {
            std::vector<GuestRequest> requests;
            requests.reserve(batch.size());
            for (auto& w : batch) requests.push_back(w.request);
            answers = PrepareGuestBookings(**db, requests, options_.limits,
                                           static_cast<long long>(std::time(nullptr)));
        }
        for (size_t i = 0; i < batch.size(); ++i) {
            try {
                batch[i].done(std::move(answers[i]));
            } catch (const std::exception& e) {
                spdlog::error("guest intake: a callback threw: {}", e.what());
            }
        }
    }
}

}  // namespace juo::services
