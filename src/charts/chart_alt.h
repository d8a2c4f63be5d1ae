// Text alternatives of the bilan's charts, in French: what a screen reader says instead of the
// picture (the /Alt of each Figure in the tagged PDF bilan). Each text is built from the very
// figures the chart draws (its title, then the key numbers), never from constants, so that the
// words and the picture cannot disagree.
//
// Thread-safety: pure functions of their arguments.
#pragma once

#include <string>

#include "charts/charts.h"
#include "report/bilan.h"

namespace juo::charts {

// The alternative text of `id` for this bilan: one or a few French sentences, plain UTF-8, never
// empty, ending with a full stop. Example for the map: "Carte des usines ouvertes par département
// et des zones blanches : 87 départements ont au moins une usine ouverte, le plus grand nombre
// dans le Nord (12 usines) ; …".
std::string ChartAltFr(const report::Bilan& bilan, ChartId id);

}  // namespace juo::charts
