// The back office's CSV imports (see imports.h).
#include "services/imports.h"

#include "store/db/database.h"

namespace juo::services {

Result<ImportReport> ImportMedia(Db& db, int year, std::string_view csv, bool dry_run, long long actor) {
    return Guarded<ImportReport>(db, [&](Db& d) { return importer::ImportMedia(d, year, csv, dry_run, actor); });
}

Result<ImportReport> ImportSites(Db& db, int year, std::string_view csv, bool dry_run, long long actor) {
    return Guarded<ImportReport>(db, [&](Db& d) { return importer::ImportSites(d, year, csv, dry_run, actor); });
}

}  // namespace juo::services
