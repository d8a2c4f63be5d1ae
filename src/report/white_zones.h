// White zones: departments where school demand found no factory. A group request is a
// white-zone request when no open site with group tours lies within the radius of it, or when it
// was refused. The bilan lists those departments (and the map colours them) so that the next
// edition recruits factories there.
//
// Thread-safety: a pure function of its arguments.
#pragma once

#include <vector>

#include "report/bilan.h"
#include "store/reads/bilan_queries.h"

namespace juo::report {

// Counts, per department, the requests, their pupils, the refused ones and those with no site of
// `sites` within radius_km (haversine). Departments with neither far nor refused requests are
// left out; names come from refdata (the code when unknown). Sorted by unserved requests
// (far + refused), most first, then by code.
WhiteZonesFigures ComputeWhiteZones(const std::vector<store::RequestPoint>& requests,
                                    const std::vector<store::SitePoint>& sites, double radius_km);

}  // namespace juo::report
