// `juo purge [--db DB] [--before DATE] [--dry-run] [--config FILE] [--quiet]` (issue 21 item 2,
// docs/adr/0017): anonymises the personal data of the editions whose last day is before DATE and
// deletes what is kept only for a while (services/retention.h). DATE defaults to today (Paris)
// minus the retention of the configuration ([retention] months in the TOML file of --config or
// $JUO_CONFIG, or $JUO_RETENTION_MONTHS; 13 by default); a DATE after today is refused. Prints a
// line per step and the counts per kind; --dry-run prints the same counts and changes nothing.
// Exit 0 on success, 2 for a bad flag or date, 5 when the database fails (the steps done stay
// done: run again).
#pragma once

#include <map>
#include <ostream>
#include <string>

namespace juo::cli {

struct PurgeFlags {
    bool db_given = false;  // --db on the command line (else the configuration's, or ./juo.db)
    std::string before;     // empty: today minus the retention
    bool dry_run = false;
    bool quiet = false;
    std::string config_path;  // empty: $JUO_CONFIG, if set
    std::string today;        // 'YYYY-MM-DD' (Paris); empty: today (tests set it)
};

int RunPurge(const std::string& db_url, const PurgeFlags& flags, const std::map<std::string, std::string>& env,
             std::ostream& out, std::ostream& err);

}  // namespace juo::cli
