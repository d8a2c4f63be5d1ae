// Backups and restores (see backup.h).
#include "store/db/backup.h"

#include <fcntl.h>
#include <soci/sqlite3/soci-sqlite3.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <optional>
#include <string_view>
#include <vector>

#include "store/db/database.h"
#include "store/db/migrations.h"

extern char** environ;

namespace juo::store {
namespace {

namespace fs = std::filesystem;
using sqlite_api::sqlite3;

// Copies database `from` into the file `to_path` (created) with the online backup API, 256 pages
// a step, then syncs it.
Status CopyPages(sqlite3* from, const std::string& to_path, const BackupProgress& progress) {
    sqlite3* to = nullptr;
    if (sqlite_api::sqlite3_open(to_path.c_str(), &to) != SQLITE_OK) {
        std::string why = to ? sqlite_api::sqlite3_errmsg(to) : "out of memory";
        sqlite_api::sqlite3_close(to);
        return MakeError(ErrorCode::kUnavailable, "cannot write " + to_path + ": " + why,
                         "impossible d'écrire " + to_path + " : " + why);
    }
    sqlite_api::sqlite3_backup* b = sqlite_api::sqlite3_backup_init(to, "main", from, "main");
    if (!b) {
        std::string why = sqlite_api::sqlite3_errmsg(to);
        sqlite_api::sqlite3_close(to);
        return MakeError(ErrorCode::kUnavailable, "cannot start the backup: " + why, "la sauvegarde ne démarre pas : " + why);
    }
    int rc = SQLITE_OK;
    do {
        rc = sqlite_api::sqlite3_backup_step(b, 256);
        if (progress) progress(sqlite_api::sqlite3_backup_remaining(b), sqlite_api::sqlite3_backup_pagecount(b));
        if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) sqlite_api::sqlite3_sleep(50);
    } while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
    sqlite_api::sqlite3_backup_finish(b);
    const std::string why = sqlite_api::sqlite3_errmsg(to);
    sqlite_api::sqlite3_close(to);
    if (rc != SQLITE_DONE)
        return MakeError(ErrorCode::kUnavailable, "the backup stopped: " + why, "la sauvegarde s'est arrêtée : " + why);
    return Ok();
}

// A temporary name beside `path`, in the same folder (so that the final rename is atomic).
std::string TemporaryBeside(const std::string& path) {
    return path + ".part-" + std::to_string(::getpid());
}

// A child program's environment: ours, with `password_file` as libpq's password file if set.
std::vector<std::string> ChildEnvironment(const std::string& password_file) {
    std::vector<std::string> env;
    for (char** e = environ; e && *e; ++e)
        if (password_file.empty() || std::string_view(*e).rfind("PGPASSFILE=", 0) != 0) env.emplace_back(*e);
    if (!password_file.empty()) env.push_back("PGPASSFILE=" + password_file);
    return env;
}

// Runs `argv` (found on the PATH) and waits: kUnavailable with the command's name when it cannot
// run or fails. `quiet` sends its stderr to /dev/null (a probe whose failure is expected).
Status RunTool(const std::vector<std::string>& argv, const std::string& password_file = {}, bool quiet = false) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    const auto env_strings = ChildEnvironment(password_file);
    std::vector<char*> env;
    for (const auto& e : env_strings) env.push_back(const_cast<char*>(e.c_str()));
    env.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    if (quiet) posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    const int spawned = posix_spawnp(&pid, args[0], &actions, nullptr, args.data(), env.data());
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0)
        return MakeError(ErrorCode::kUnavailable, argv[0] + " is not installed (apt-get install postgresql-client)",
                         argv[0] + " n'est pas installé (apt-get install postgresql-client)");
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return MakeError(ErrorCode::kUnavailable, argv[0] + " failed (exit " + std::to_string(WEXITSTATUS(status)) + ")",
                         argv[0] + " a échoué (code " + std::to_string(WEXITSTATUS(status)) + ")");
    return Ok();
}

// A temporary file of this process's own (mode 600), removed with the object.
class TemporaryFile {
 public:
    explicit TemporaryFile(const std::string& contents) {
        std::string name = (fs::temp_directory_path() / "juo-XXXXXX").string();
        const int fd = ::mkstemp(name.data());
        if (fd < 0) return;
        const bool written = ::write(fd, contents.data(), contents.size()) == static_cast<ssize_t>(contents.size());
        ::close(fd);
        if (written)
            path_ = name;
        else
            fs::remove(name);
    }
    ~TemporaryFile() {
        std::error_code ignored;
        if (!path_.empty()) fs::remove(path_, ignored);
    }
    TemporaryFile(const TemporaryFile&) = delete;
    TemporaryFile& operator=(const TemporaryFile&) = delete;
    // Empty when the file could not be written.
    const std::string& path() const { return path_; }

 private:
    std::string path_;
};

// Runs pg_dump or pg_restore on the database `url`: the connection settings on the command line
// without the password, which goes through a password file of this run's own (a command line
// shows in `ps`), and never a password prompt (a timer has no terminal).
Status RunOnPostgresql(std::vector<std::string> argv, const std::string& url) {
    auto login = SplitPostgresqlPassword(url);
    if (!login.ok()) return login.error();
    argv.insert(argv.begin() + 1, {"--no-password", "--dbname=" + login->conninfo});
    if (login->password.empty()) return RunTool(argv);
    // libpq's password file: host:port:database:user:password, ':' and '\' escaped.
    std::string escaped;
    for (char c : login->password) escaped += c == ':' || c == '\\' ? std::string("\\") + c : std::string(1, c);
    TemporaryFile password_file("*:*:*:*:" + escaped + "\n");
    if (password_file.path().empty())
        return MakeError(ErrorCode::kUnavailable, "cannot write a temporary password file in " +
                                                      fs::temp_directory_path().string());
    return RunTool(argv, password_file.path());
}

// The highest version in the schema_migrations table of the PostgreSQL dump `path`, or nullopt
// when the file is not a pg_dump archive or holds no schema_migrations table: read from the
// archive alone (pg_restore --list, then that table's rows as a script), no database touched.
std::optional<int> DumpSchemaVersion(const std::string& path) {
    TemporaryFile listing(""), rows("");
    if (listing.path().empty() || rows.path().empty()) return std::nullopt;
    if (!RunTool({"pg_restore", "--list", "--file=" + listing.path(), path}, {}, true).ok()) return std::nullopt;
    std::ifstream toc(listing.path());
    bool has_table = false;
    for (std::string line; std::getline(toc, line);)
        if (line.find(" TABLE ") != std::string::npos && line.find(" schema_migrations ") != std::string::npos)
            has_table = true;
    if (!has_table) return std::nullopt;
    if (!RunTool({"pg_restore", "--data-only", "--table=schema_migrations", "--file=" + rows.path(), path}, {}, true)
             .ok())
        return std::nullopt;
    // COPY … schema_migrations (version, …) FROM stdin; then one row per line (tab-separated)
    // up to "\.".
    std::ifstream script(rows.path());
    int version = 0;
    bool in_rows = false;
    for (std::string line; std::getline(script, line);) {
        if (line.rfind("COPY ", 0) == 0 && line.find("schema_migrations") != std::string::npos) {
            in_rows = true;
        } else if (in_rows && line == "\\.") {
            in_rows = false;
        } else if (in_rows) {
            int v = 0;
            std::from_chars(line.data(), line.data() + line.size(), v);
            version = std::max(version, v);
        }
    }
    return version;
}

// Whether the PostgreSQL database at `url` holds any table (in its current schema).
Result<bool> PostgresqlHasTables(const std::string& url) {
    auto db = Database::Open(url, OpenMode::kMustExist, SchemaUpdate::kNone);
    if (!db.ok()) return db.error();
    try {
        long long tables = 0;
        (*db)->sql() << "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()",
            soci::into(tables);
        return tables > 0;
    } catch (const std::exception& e) {
        return (*db)->FromException(e);
    }
}

Status RestorePostgresql(const std::string& from_path, const std::string& db_url, bool overwrite) {
    const std::string name = RedactedDatabaseUrl(db_url);
    // The archive first: nothing is touched for a file that is not a JUO dump of a known schema.
    const auto version = DumpSchemaVersion(from_path);
    if (!version)
        return MakeError(ErrorCode::kInvalidArgument,
                         from_path + " is not a JUO backup: not a PostgreSQL dump with a JUO schema",
                         from_path + " n'est pas une sauvegarde JUO : pas un export PostgreSQL d'un schéma JUO");
    if (*version > LatestSchemaVersion())
        return MakeError(ErrorCode::kConflict,
                         "the backup's schema (" + std::to_string(*version) + ") is newer than this program's",
                         "le schéma de la sauvegarde (" + std::to_string(*version) +
                             ") est plus récent que celui de ce programme");
    if (!overwrite) {
        auto has_tables = PostgresqlHasTables(db_url);
        if (!has_tables.ok()) return has_tables.error();
        if (*has_tables)
            return MakeError(ErrorCode::kConflict, name + " is not empty: stop the server, then restore with --force",
                             name + " n'est pas vide : arrêtez le serveur, puis restaurez avec --force");
    }
    // One transaction: a restore that fails half-way changes nothing.
    return RunOnPostgresql({"pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
                            "--single-transaction", "--exit-on-error", from_path},
                           db_url);
}

sqlite3* HandleOf(Database& db) {
    return static_cast<soci::sqlite3_session_backend*>(db.sql().get_backend())->conn_;
}

}  // namespace

Status BackupDatabase(const std::string& db_url, const std::string& to_path, const BackupProgress& progress) {
    auto url = ParseDatabaseUrl(db_url);
    if (!url.ok()) return url.error();
    std::error_code ec;
    if (fs::exists(to_path, ec))
        return MakeError(ErrorCode::kConflict, to_path + " exists already: choose a new file",
                         to_path + " existe déjà : choisissez un nouveau fichier");
    const std::string part = TemporaryBeside(to_path);
    Status copied = Ok();
    if (url->dialect == Dialect::kPostgresql) {
        copied = RunOnPostgresql({"pg_dump", "--format=custom", "--file=" + part}, url->target);
    } else {
        auto db = Database::Open(db_url, OpenMode::kMustExist);
        if (!db.ok()) return db.error();
        copied = CopyPages(HandleOf(**db), part, progress);
    }
    if (copied.ok()) fs::rename(part, to_path, ec);
    if (!copied.ok() || ec) {
        fs::remove(part, ec);
        return copied.ok() ? MakeError(ErrorCode::kUnavailable, "cannot write " + to_path, "impossible d'écrire " + to_path)
                           : copied;
    }
    return Ok();
}

Status RestoreDatabase(const std::string& from_path, const std::string& db_url, bool overwrite,
                       const BackupProgress& progress) {
    auto url = ParseDatabaseUrl(db_url);
    if (!url.ok()) return url.error();
    std::error_code ec;
    if (!fs::is_regular_file(from_path, ec))
        return MakeError(ErrorCode::kInvalidArgument, from_path + " is not a file", from_path + " n'est pas un fichier");
    if (url->dialect == Dialect::kPostgresql) return RestorePostgresql(from_path, url->target, overwrite);
    if (fs::exists(url->target, ec) && !overwrite)
        return MakeError(ErrorCode::kConflict, url->target + " exists: stop the server, then restore with --force",
                         url->target + " existe : arrêtez le serveur, puis restaurez avec --force");
    // The backup: readable, whole, and of a schema this program knows (opened read-only, so that
    // checking it never migrates or changes it).
    sqlite3* from = nullptr;
    const std::string uri = "file:" + from_path + "?mode=ro";
    auto not_a_backup = [&](const std::string& why) {
        sqlite_api::sqlite3_close(from);
        return MakeError(ErrorCode::kInvalidArgument, from_path + " is not a JUO backup: " + why,
                         from_path + " n'est pas une sauvegarde JUO : " + why);
    };
    if (sqlite_api::sqlite3_open_v2(uri.c_str(), &from, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, nullptr) != SQLITE_OK)
        return not_a_backup("unreadable");
    auto single_value = [&](const char* sql) -> std::optional<std::string> {
        sqlite_api::sqlite3_stmt* st = nullptr;
        if (sqlite_api::sqlite3_prepare_v2(from, sql, -1, &st, nullptr) != SQLITE_OK) return std::nullopt;
        std::optional<std::string> v;
        if (sqlite_api::sqlite3_step(st) == SQLITE_ROW && sqlite_api::sqlite3_column_text(st, 0))
            v = reinterpret_cast<const char*>(sqlite_api::sqlite3_column_text(st, 0));
        sqlite_api::sqlite3_finalize(st);
        return v;
    };
    auto version = single_value("SELECT max(version) FROM schema_migrations");
    if (!version) return not_a_backup("no JUO schema");
    if (std::stoi(*version) > LatestSchemaVersion()) {
        sqlite_api::sqlite3_close(from);
        return MakeError(ErrorCode::kConflict, "the backup's schema (" + *version + ") is newer than this program's",
                         "le schéma de la sauvegarde (" + *version + ") est plus récent que celui de ce programme");
    }
    if (single_value("PRAGMA integrity_check") != std::optional<std::string>("ok")) return not_a_backup("damaged");
    const std::string part = TemporaryBeside(url->target);
    Status copied = CopyPages(from, part, progress);
    sqlite_api::sqlite3_close(from);
    if (!copied.ok()) {
        fs::remove(part, ec);
        return copied;
    }
    // The old database's write-ahead log belongs to the old file: it goes with it.
    fs::remove(url->target + "-wal", ec);
    fs::remove(url->target + "-shm", ec);
    fs::rename(part, url->target, ec);
    if (ec) return MakeError(ErrorCode::kUnavailable, "cannot replace " + url->target, "impossible de remplacer " + url->target);
    return Ok();
}

}  // namespace juo::store
