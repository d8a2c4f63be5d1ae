// Whether the booking engine is in a rush (see engine_rush.h).
#include "booking/engine_rush.h"

#include <utility>

namespace juo::booking {

EngineRush::EngineRush(std::function<long long()> commands, double per_second, Clock::duration window,
                       std::function<Clock::time_point()> now)
    : commands_(std::move(commands)), per_second_(per_second), window_(window), now_(std::move(now)) {}

bool EngineRush::operator()() {
    std::lock_guard lock(mutex_);
    const Clock::time_point now = now_();
    if (!started_) {
        started_ = true;
        last_count_ = commands_();
        last_time_ = now;
        return rush_;
    }
    if (now - last_time_ < window_) return rush_;
    const long long count = commands_();
    const double seconds = std::chrono::duration<double>(now - last_time_).count();
    rush_ = static_cast<double>(count - last_count_) >= per_second_ * seconds;
    last_count_ = count;
    last_time_ = now;
    return rush_;
}

}  // namespace juo::booking
