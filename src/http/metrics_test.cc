#include "http/metrics.h"

#include <gtest/gtest.h>

namespace juo::http {
namespace {

using std::chrono::microseconds;
using std::chrono::milliseconds;

TEST(MetricsTest, CountsByLabelsAndBoundsMethods) {
    Metrics metrics;
    metrics.Record("GET", "/sites/{id}", 200, microseconds(300));
    metrics.Record("GET", "/sites/{id}", 200, milliseconds(3));
    metrics.Record("BREW", "unmatched", 404, milliseconds(30));
    metrics.Record("POST", "/forms", 500, milliseconds(7000));
    EXPECT_EQ(metrics.RequestCount("GET", "/sites/{id}", 200), 2u);
    EXPECT_EQ(metrics.RequestCount("OTHER", "unmatched", 404), 1u);
    EXPECT_EQ(metrics.RequestCount("COFFEE", "unmatched", 404), 1u);

    std::string text = metrics.RenderPrometheus();
    EXPECT_NE(text.find("# TYPE juo_http_requests_total counter\n"), std::string::npos);
    EXPECT_NE(text.find("juo_http_requests_total{method=\"GET\",route=\"/sites/{id}\",status=\"200\"} 2\n"),
              std::string::npos);
    EXPECT_NE(text.find("juo_http_requests_total{method=\"OTHER\",route=\"unmatched\",status=\"404\"} 1\n"),
              std::string::npos);
    EXPECT_NE(text.find("# TYPE juo_http_request_duration_seconds histogram\n"), std::string::npos);
    EXPECT_NE(text.find("juo_http_request_duration_seconds_bucket{le=\"0.0005\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("juo_http_request_duration_seconds_bucket{le=\"0.005\"} 2\n"), std::string::npos);
    EXPECT_NE(text.find("juo_http_request_duration_seconds_bucket{le=\"5\"} 3\n"), std::string::npos);
    EXPECT_NE(text.find("juo_http_request_duration_seconds_bucket{le=\"+Inf\"} 4\n"), std::string::npos);
    EXPECT_NE(text.find("juo_http_request_duration_seconds_count 4\n"), std::string::npos);
    EXPECT_NE(text.find("juo_http_request_duration_seconds_sum 7.0333\n"), std::string::npos);
    EXPECT_NE(text.find("juo_http_errors_total 1\n"), std::string::npos);
    EXPECT_NE(text.find("juo_http_connections_open 0\n"), std::string::npos);
}

// The server counts a request before its answer is written and times it after (metrics.h).
TEST(MetricsTest, CountAndObserveApart) {
    Metrics metrics;
    metrics.Count("POST", "/api/v1/bookings", 503);
    EXPECT_EQ(metrics.RequestCount("POST", "/api/v1/bookings", 503), 1u);
    std::string text = metrics.RenderPrometheus();
    EXPECT_NE(text.find("juo_http_errors_total 1\n"), std::string::npos);
    EXPECT_NE(text.find("juo_http_request_duration_seconds_count 0\n"), std::string::npos);
    metrics.Observe(milliseconds(2));
    text = metrics.RenderPrometheus();
    EXPECT_NE(text.find("juo_http_request_duration_seconds_bucket{le=\"0.0025\"} 1\n"), std::string::npos);
    EXPECT_NE(text.find("juo_http_request_duration_seconds_count 1\n"), std::string::npos);
    EXPECT_EQ(metrics.RequestCount("POST", "/api/v1/bookings", 503), 1u);
}

TEST(MetricsTest, ConnectionGaugeAndLabelEscaping) {
    Metrics metrics;
    metrics.ConnectionOpened();
    metrics.ConnectionOpened();
    metrics.ConnectionClosed();
    EXPECT_EQ(metrics.connections_open(), 1);
    metrics.Record("GET", "a\"b\\c", 200, microseconds(1));
    std::string text = metrics.RenderPrometheus();
    EXPECT_NE(text.find("route=\"a\\\"b\\\\c\""), std::string::npos);
    EXPECT_NE(text.find("juo_http_connections_open 1\n"), std::string::npos);
}

}  // namespace
}  // namespace juo::http
