// The bilan as one JSON object for reuse (web dashboard, scripts): snake_case keys in a fixed
// order, numbers as numbers (shares in % rounded to two decimals), null for absent figures.
//
// Thread-safety: a pure function of its argument.
#pragma once

#include <boost/json/value.hpp>
#include <string>

#include "report/bilan.h"

namespace juo::report {

// The bilan as a JSON value (objects keep the insertion order documented by RenderJson).
boost::json::value BilanToJson(const Bilan& bilan);

// The bilan as indented JSON text (two spaces), ending with a newline. Top-level keys, in order:
// edition, scope, headlines, sites, events, sectors, visitors, group_requests, buses, media,
// host_survey, teaching_kit, internships, quotes, regions, departments, white_zones, targets,
// previous_edition (null without a previous edition).
std::string RenderJson(const Bilan& bilan);

}  // namespace juo::report
