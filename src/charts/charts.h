// The charts of the bilan, drawn once with Cairo/Pango onto any surface: the same code makes the
// SVG pictures of the web dashboard and the vector graphics of the PDF. Each chart reads only
// the computed Bilan (report/bilan.h).
//
// Thread-safety: pure functions of their arguments (see canvas.h for Pango).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "charts/canvas.h"
#include "report/bilan.h"

namespace juo::charts {

enum class ChartId {
    kTiles,         // big-number tiles
    kAudience,      // audience donut
    kDays,          // events per day
    kSectors,       // sectors' share of sites beside the national shares
    kMap,           // France by department: sites, white zones
    kMedia,         // media by type and social mentions
    kMediaMonths,   // media by month
    kSatisfaction,  // satisfaction and "would open again" gauges
    kChanges,       // year-on-year comparison
};

struct ChartInfo {
    ChartId id;
    std::string_view code;  // "tiles", used in URLs and file names
    std::string_view title_fr;
};

// Every chart, in dashboard order.
const std::vector<ChartInfo>& Charts();

// The chart of a code, or nullopt.
std::optional<ChartId> ParseChart(std::string_view code);

// The natural size of a chart for this bilan (some grow with their rows), in user units.
Box ChartSize(const report::Bilan& bilan, ChartId id);

// Draws the chart into `box`.
void DrawChart(Canvas& canvas, const Box& box, const report::Bilan& bilan, ChartId id);

// The chart as a standalone SVG document at its natural size.
std::string ChartSvg(const report::Bilan& bilan, ChartId id);

}  // namespace juo::charts
