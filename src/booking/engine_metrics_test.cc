// The engine's counters render as Prometheus series, each value on its own line after its HELP
// and TYPE lines.
#include "booking/engine_metrics.h"

#include <gtest/gtest.h>

namespace juo::booking {
namespace {

TEST(EngineMetricsTest, EveryCounterIsASeriesWithItsType) {
    EngineStats stats;
    stats.commands = 1234;
    stats.batches = 56;
    stats.largest_batch = 78;
    stats.batches_run_again = 9;
    stats.batches_split = 1;
    stats.refused = 4;
    stats.queued = 2;
    const std::string text = RenderEngineMetrics(stats);
    for (const char* line :
         {"# TYPE juo_booking_commands_total counter\njuo_booking_commands_total 1234\n",
          "# TYPE juo_booking_batches_total counter\njuo_booking_batches_total 56\n",
          "# TYPE juo_booking_largest_batch gauge\njuo_booking_largest_batch 78\n",
          "# TYPE juo_booking_batches_run_again_total counter\njuo_booking_batches_run_again_total 9\n",
          "# TYPE juo_booking_batches_split_total counter\njuo_booking_batches_split_total 1\n",
          "# TYPE juo_booking_commands_refused_total counter\njuo_booking_commands_refused_total 4\n",
          "# TYPE juo_booking_queue_depth gauge\njuo_booking_queue_depth 2\n"})
        EXPECT_NE(text.find(line), std::string::npos) << line << "\nin:\n" << text;
    EXPECT_EQ(text.back(), '\n');
    EXPECT_NE(RenderEngineMetrics({}).find("\njuo_booking_commands_total 0\n"), std::string::npos);
}

}  // namespace
}  // namespace juo::booking
