// Metrics: the server's request counters, latency histogram and open-connection gauge, rendered
// in the Prometheus text exposition format for GET /metrics.
//
// Series: juo_http_requests_total{method,route,status} (route is the matched route pattern or a
// built-in name, "unmatched" otherwise, and methods outside the standard ones count as "OTHER",
// so that clients cannot grow the label set), juo_http_request_duration_seconds (histogram,
// buckets 0.5 ms to 5 s), juo_http_errors_total (responses with a 5xx status) and
// juo_http_connections_open (gauge) and juo_http_requests_refused_total{reason} (answered 503
// at once because a bounded queue was full; reason "handler_queue" for the handler pool).
//
// When: the server counts a request (the labelled counter, and the error counter for a 5xx) before
// its answer is written, so that whoever has the answer — the client, or nginx's client — and
// then reads /metrics finds it counted; the duration (read to written) is observed after the
// write. A scrape may thus see a request counted whose duration is not in the histogram yet.
//
// Thread-safety: every method may be called from any thread. The histogram, the error counter
// and the gauge are atomics; the labelled counter takes a mutex for one small map update.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <tuple>

namespace juo::http {

class Metrics {
 public:
    // Upper bounds of the latency buckets, in seconds (the +Inf bucket is implied).
    static constexpr std::array<double, 13> kBucketBounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                             0.1,    0.25,  0.5,    1.0,   2.5,  5.0};

    void ConnectionOpened() { connections_open_.fetch_add(1, std::memory_order_relaxed); }
    void ConnectionClosed() { connections_open_.fetch_sub(1, std::memory_order_relaxed); }
    int64_t connections_open() const { return connections_open_.load(std::memory_order_relaxed); }

    // Counts one answered request (before its answer is written).
    void Count(std::string_view method, std::string_view route, int status);
    // Adds one request's duration, from read to written, to the histogram.
    void Observe(std::chrono::nanoseconds duration);
    // Count and Observe.
    void Record(std::string_view method, std::string_view route, int status,
                std::chrono::nanoseconds duration);

    // Counts one request refused because a queue was full (it is also counted by Count).
    void CountRefused(std::string_view reason);
    uint64_t RefusedCount(std::string_view reason) const;

    // The count recorded for these labels (method as given; normalised like Record does).
    uint64_t RequestCount(std::string_view method, std::string_view route, int status) const;

    // All series in the Prometheus text format (version 0.0.4), ending with a newline.
    std::string RenderPrometheus() const;

 private:
    using Key = std::tuple<std::string, std::string, int>;  // method, route, status

    mutable std::mutex mutex_;
    std::map<Key, uint64_t> requests_;  // guarded by mutex_
    std::map<std::string, uint64_t, std::less<>> refused_;  // guarded by mutex_

    std::array<std::atomic<uint64_t>, kBucketBounds.size() + 1> buckets_{};  // not cumulative
    std::atomic<uint64_t> duration_sum_ns_{0};
    std::atomic<uint64_t> errors_{0};
    std::atomic<int64_t> connections_open_{0};
};

}  // namespace juo::http
