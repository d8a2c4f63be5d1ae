#include "booking/engine_metrics.h"

#include <fmt/format.h>

namespace juo::booking {
namespace {

void Append(std::string& out, const char* name, const char* type, const char* help, long long value) {
    out += fmt::format("# HELP {} {}\n# TYPE {} {}\n{} {}\n", name, help, name, type, name, value);
}

}  // namespace

std::string RenderEngineMetrics(const EngineStats& stats) {
    std::string out;
    Append(out, "juo_booking_commands_total", "counter", "Commands executed by the booking engine's writer.",
           stats.commands);
    Append(out, "juo_booking_batches_total", "counter", "Batches of commands executed, one transaction each.",
           stats.batches);
    Append(out, "juo_booking_largest_batch", "gauge", "Commands in the largest batch since the start.",
           stats.largest_batch);
    Append(out, "juo_booking_batches_run_again_total", "counter",
           "Batches rolled back and run again after a deadlock or another server's write.",
           stats.batches_run_again);
    Append(out, "juo_booking_batches_split_total", "counter",
           "Batches that kept losing deadlocks and ran their commands one per transaction.", stats.batches_split);
    Append(out, "juo_booking_commands_refused_total", "counter",
           "Commands refused at once (503) because the engine's queue was full.", stats.refused);
    Append(out, "juo_booking_queue_depth", "gauge", "Commands waiting for the booking engine's writer.",
           stats.queued);
    return out;
}

}  // namespace juo::booking
