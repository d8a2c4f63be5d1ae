// `juo copy-db --from SRC --to DST [--quiet]`: copies a whole JUO database (every edition, user,
// site, booking, e-mail and file) into an empty one, in either direction between SQLite and
// PostgreSQL (store/database_copy.h does the work, in one transaction on the target). Progress per
// table on stderr, a summary on stdout; exit 0 when copied, the exit codes of every juo error
// otherwise (2 bad arguments or not a JUO source, 4 a non-empty target or a source to migrate
// first, 5 a database that cannot be reached).
#pragma once

#include <ostream>
#include <string>

namespace juo::cli {

int RunCopyDb(const std::string& from_url, const std::string& to_url, bool quiet, std::ostream& out,
              std::ostream& err);

}  // namespace juo::cli
