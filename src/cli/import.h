// `juo import sites|media FILE [--db DB] [--edition YEAR] [--dry-run]`: checks every row of a CSV
// file, prints each problem (line, column, reason), and imports nothing unless the file is clean
// (then all of it, in one transaction). Exit 0 when clean (imported, or checked with --dry-run),
// 1 when the file has problems, and the exit codes of every juo error otherwise (an unreadable
// file or database, an unknown edition).
#pragma once

#include <ostream>
#include <string>

namespace juo::cli {

struct ImportFlags {
    std::string what;  // "sites" or "media"
    std::string file;
    std::string year_text = "2025";
    bool dry_run = false;
};

int RunImport(const std::string& db_url, const ImportFlags& flags, std::ostream& out, std::ostream& err);

}  // namespace juo::cli
