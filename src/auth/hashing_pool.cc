// The bounded password-hashing pool (see hashing_pool.h).
#include "auth/hashing_pool.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>

#include "common/this_thread.h"

namespace juo::auth {

HashingPool::HashingPool(HashingPoolOptions options) : options_(options) {
    int n = options_.threads > 0 ? options_.threads : static_cast<int>(std::thread::hardware_concurrency());
    n = std::max(1, n);
    threads_.reserve(static_cast<size_t>(n));
    for (int i = 0; i < n; ++i)
        threads_.emplace_back([this] {
            NameThisThread(options_.thread_name);
            if (!LowerThisThreadsPriority(options_.nice))
                spdlog::warn("hashing pool: cannot lower the threads' priority");
            Work();
        });
}

HashingPool::~HashingPool() { Stop(); }

Error HashingPool::BusyError() {
    return MakeError(ErrorCode::kUnavailable, "too many sign-ins and sign-ups at once: try again in a few seconds",
                     "Beaucoup de personnes se connectent en ce moment : réessayez dans quelques secondes.");
}

Status HashingPool::Submit(std::function<void()> job) {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ || queue_.size() >= options_.queue_capacity) return BusyError();
        queue_.push_back(std::move(job));
    }
    wake_.notify_one();
    return Ok();
}

void HashingPool::Stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && threads_.empty()) return;
        stopping_ = true;
    }
    wake_.notify_all();
    for (auto& t : threads_)
        if (t.joinable()) t.join();
    threads_.clear();
}

size_t HashingPool::queued() const {
    std::lock_guard lock(mutex_);
    return queue_.size();
}

int HashingPool::peak_running() const {
    std::lock_guard lock(mutex_);
    return peak_running_;
}

void HashingPool::Work() {
    std::unique_lock lock(mutex_);
    for (;;) {
        wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
        if (queue_.empty()) return;  // stopping, and nothing left to run
        std::function<void()> job = std::move(queue_.front());
        queue_.pop_front();
        ++running_;
        peak_running_ = std::max(peak_running_, running_);
        lock.unlock();
        const auto started = std::chrono::steady_clock::now();
        try {
            job();
        } catch (const std::exception& e) {
            spdlog::error("hashing pool: a job threw: {}", e.what());
        } catch (...) {
            spdlog::error("hashing pool: a job threw");
        }
        if (options_.busy && options_.busy()) {  // a booking rush: rest as long as the job took
            const auto took = std::chrono::steady_clock::now() - started;
            if (options_.rest)
                options_.rest(took);
            else
                std::this_thread::sleep_for(took);
        }
        lock.lock();
        --running_;
    }
}

}  // namespace juo::auth
