// `juo serve`: opens the database, builds the catalogue, registers the pages and the JSON API,
// and serves them until SIGTERM/SIGINT, refreshing the catalogue when the data changes.
//
// Thread-safety: called once from the CLI's thread.
#pragma once

#include <iosfwd>

#include "cli/serve_config.h"

namespace juo::cli {

// Serves until a signal; returns the process exit status (0 after a graceful stop).
int RunServe(const ServeConfig& config, std::ostream& out, std::ostream& err);

}  // namespace juo::cli
