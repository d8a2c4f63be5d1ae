#include "http/metrics.h"

#include <fmt/format.h>

#include <algorithm>

namespace juo::http {
namespace {

std::string_view NormaliseMethod(std::string_view method) {
    static constexpr std::string_view kKnown[] = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"};
    for (std::string_view known : kKnown) {
        if (method == known) return known;
    }
    return "OTHER";
}

void AppendLabelValue(std::string& out, std::string_view value) {
    for (char c : value) {
        if (c == '\\') {
            out += "\\\\";
        } else if (c == '"') {
            out += "\\\"";
        } else if (c == '\n') {
            out += "\\n";
        } else {
            out.push_back(c);
        }
    }
}

}  // namespace

void Metrics::Count(std::string_view method, std::string_view route, int status) {
    if (status >= 500) errors_.fetch_add(1, std::memory_order_relaxed);
    Key key(std::string(NormaliseMethod(method)), std::string(route), status);
    std::lock_guard lock(mutex_);
    ++requests_[key];
}

void Metrics::Observe(std::chrono::nanoseconds duration) {
    const double seconds = std::chrono::duration<double>(duration).count();
    size_t bucket = 0;
    while (bucket < kBucketBounds.size() && seconds > kBucketBounds[bucket]) ++bucket;
    buckets_[bucket].fetch_add(1, std::memory_order_relaxed);
    duration_sum_ns_.fetch_add(static_cast<uint64_t>(std::max<int64_t>(0, duration.count())),
                               std::memory_order_relaxed);
}

void Metrics::Record(std::string_view method, std::string_view route, int status,
                     std::chrono::nanoseconds duration) {
    Observe(duration);
    Count(method, route, status);
}

void Metrics::CountRefused(std::string_view reason) {
    std::lock_guard lock(mutex_);
    auto it = refused_.find(reason);
    if (it == refused_.end()) it = refused_.emplace(std::string(reason), 0).first;
    ++it->second;
}

uint64_t Metrics::RefusedCount(std::string_view reason) const {
    std::lock_guard lock(mutex_);
    auto it = refused_.find(reason);
    return it == refused_.end() ? 0 : it->second;
}

uint64_t Metrics::RequestCount(std::string_view method, std::string_view route, int status) const {
    Key key(std::string(NormaliseMethod(method)), std::string(route), status);
    std::lock_guard lock(mutex_);
    auto it = requests_.find(key);
    return it == requests_.end() ? 0 : it->second;
}

std::string Metrics::RenderPrometheus() const {
    std::string out;
    out += "# HELP juo_http_requests_total HTTP requests answered, by method, route pattern and status.\n";
    out += "# TYPE juo_http_requests_total counter\n";
    {
        std::lock_guard lock(mutex_);
        for (const auto& [key, count] : requests_) {
            out += "juo_http_requests_total{method=\"";
            AppendLabelValue(out, std::get<0>(key));
            out += "\",route=\"";
            AppendLabelValue(out, std::get<1>(key));
            out += fmt::format("\",status=\"{}\"}} {}\n", std::get<2>(key), count);
        }
    }
    out += "# HELP juo_http_requests_refused_total Requests answered 503 at once: a bounded queue was full.\n";
    out += "# TYPE juo_http_requests_refused_total counter\n";
    {
        std::lock_guard lock(mutex_);
        if (refused_.empty()) out += "juo_http_requests_refused_total{reason=\"handler_queue\"} 0\n";
        for (const auto& [reason, count] : refused_) {
            out += "juo_http_requests_refused_total{reason=\"";
            AppendLabelValue(out, reason);
            out += fmt::format("\"}} {}\n", count);
        }
    }
    out += "# HELP juo_http_request_duration_seconds Time from a request read to its response written.\n";
    out += "# TYPE juo_http_request_duration_seconds histogram\n";
    uint64_t cumulative = 0;
    for (size_t i = 0; i < buckets_.size(); ++i) {
        cumulative += buckets_[i].load(std::memory_order_relaxed);
        std::string bound = i < kBucketBounds.size() ? fmt::format("{}", kBucketBounds[i]) : "+Inf";
        out += fmt::format("juo_http_request_duration_seconds_bucket{{le=\"{}\"}} {}\n", bound, cumulative);
    }
    out += fmt::format("juo_http_request_duration_seconds_sum {}\n",
                       static_cast<double>(duration_sum_ns_.load(std::memory_order_relaxed)) / 1e9);
    // The count is the +Inf bucket, so that a scrape never sees them disagree.
    out += fmt::format("juo_http_request_duration_seconds_count {}\n", cumulative);
    out += "# HELP juo_http_errors_total HTTP responses with a 5xx status.\n";
    out += "# TYPE juo_http_errors_total counter\n";
    out += fmt::format("juo_http_errors_total {}\n", errors_.load(std::memory_order_relaxed));
    out += "# HELP juo_http_connections_open HTTP connections currently open.\n";
    out += "# TYPE juo_http_connections_open gauge\n";
    out += fmt::format("juo_http_connections_open {}\n", connections_open_.load(std::memory_order_relaxed));
    return out;
}

}  // namespace juo::http
