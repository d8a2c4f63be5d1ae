// juo copy-db (see copy_db.h).
#include "cli/copy_db.h"

#include <unistd.h>

#include <chrono>
#include <iomanip>

#include "cli/cli.h"
#include "cli/progress.h"
#include "common/text.h"
#include "store/db/database.h"
#include "store/db/database_copy.h"

namespace juo::cli {

int RunCopyDb(const std::string& from_url, const std::string& to_url, bool quiet, std::ostream& out,
              std::ostream& err) {
    const auto started = std::chrono::steady_clock::now();
    // On a terminal the current table's count is rewritten in place; every table ends with a line.
    ProgressLine live(err, !quiet && ::isatty(STDERR_FILENO) == 1);
    auto progress = [&](const std::string& table, long long copied, long long total) {
        live.Update("copying " + table, copied, total);
        if (copied == total && !quiet) {
            live.Finish();
            err << "juo: " << table << ": " << FormatThousandsFr(copied) << " / " << FormatThousandsFr(total)
                << " rows\n";
        }
    };
    auto copied = store::CopyDatabase(from_url, to_url, progress);
    live.Finish();
    if (!copied.ok()) {
        Error e = copied.error();
        e.message += " (the target is unchanged)";
        return Fail(err, e);
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    out << "Copied " << store::RedactedDatabaseUrl(from_url) << " into " << store::RedactedDatabaseUrl(to_url)
        << ": " << copied->tables.size() << " tables, " << copied->rows << " rows, schema version "
        << copied->schema_version;
    if (copied->sequences_set > 0) out << ", " << copied->sequences_set << " id sequences set past the largest id";
    out << ", row counts checked, in " << std::fixed << std::setprecision(1) << seconds << " s.\n";
    return 0;
}

}  // namespace juo::cli
