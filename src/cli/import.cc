// juo import (see import.h).
#include "cli/import.h"

#include <fstream>
#include <sstream>

#include "cli/cli.h"
#include "domain/edition.h"
#include "importer/imports.h"
#include "store/db/database.h"

namespace juo::cli {

int RunImport(const std::string& db_url, const ImportFlags& flags, std::ostream& out, std::ostream& err) {
    auto year = domain::ParseEditionYear(flags.year_text);
    if (!year.ok()) return Fail(err, year.error());
    std::ifstream file(flags.file, std::ios::binary);
    if (!file) return Fail(err, MakeError(ErrorCode::kUnavailable, "cannot read " + flags.file));
    std::stringstream text;
    text << file.rdbuf();
    auto db = store::Database::Open(db_url, store::OpenMode::kMustExist);
    if (!db.ok()) return Fail(err, db.error());
    auto report = flags.what == "media" ? importer::ImportMedia(**db, *year, text.str(), flags.dry_run)
                                        : importer::ImportSites(**db, *year, text.str(), flags.dry_run);
    if (!report.ok()) return Fail(err, report.error());
    for (const auto& p : report->problems)
        err << flags.file << ": line " << p.line << (p.column.empty() ? "" : ", column " + p.column) << ": " << p.reason
            << " / " << p.reason_fr << "\n";
    if (!report->problems.empty()) {
        err << "juo: " << report->problems.size() << " problem(s) in " << report->rows
            << " row(s): nothing imported / rien n'a été importé\n";
        return 1;
    }
    if (flags.dry_run)
        out << flags.file << ": " << report->rows << " row(s), no problem: ready to import (dry run, nothing written)\n";
    else
        out << flags.file << ": " << report->imported << " " << flags.what << " row(s) imported into edition "
            << *year << "\n";
    return 0;
}

}  // namespace juo::cli
