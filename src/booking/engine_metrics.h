// The booking engine's counters as Prometheus series, for GET /metrics (juo serve appends them
// to the HTTP server's own): commands executed, batches committed, the largest batch, batches
// run again after a deadlock or a conflict with another app server, and batches that kept
// losing and ran their commands one per transaction. A rise of the last two on several
// instances means their writers fight over the same rows (docs/deploy.md, "What to watch").
#pragma once

#include <string>

#include "booking/engine.h"

namespace juo::booking {

// Series juo_booking_commands_total, juo_booking_batches_total, juo_booking_largest_batch,
// juo_booking_batches_run_again_total, juo_booking_batches_split_total,
// juo_booking_commands_refused_total (queue full) and juo_booking_queue_depth, each with its HELP
// and TYPE lines; every line ends with a newline.
std::string RenderEngineMetrics(const EngineStats& stats);

}  // namespace juo::booking
