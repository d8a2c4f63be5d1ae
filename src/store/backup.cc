// Backups and restores (see backup.h).
#include "store/backup.h"

#include <soci/sqlite3/soci-sqlite3.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <optional>
#include <vector>

#include "store/database.h"
#include "store/migrations.h"

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

// Runs `argv` and waits: kUnavailable with the command's name when it cannot run or fails.
Status RunTool(const std::vector<std::string>& argv) {
    std::vector<char*> args;
    for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
    args.push_back(nullptr);
    pid_t pid = 0;
    if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0)
        return MakeError(ErrorCode::kUnavailable, argv[0] + " is not installed (apt-get install postgresql-client)",
                         argv[0] + " n'est pas installé (apt-get install postgresql-client)");
    int status = 0;
    waitpid(pid, &status, 0);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        return MakeError(ErrorCode::kUnavailable, argv[0] + " failed (exit " + std::to_string(WEXITSTATUS(status)) + ")",
                         argv[0] + " a échoué (code " + std::to_string(WEXITSTATUS(status)) + ")");
    return Ok();
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
    if (url->dialect == Dialect::kPostgresql)
        return RunTool({"pg_dump", "--format=custom", "--file=" + to_path, url->target});
    auto db = Database::Open(db_url, OpenMode::kMustExist);
    if (!db.ok()) return db.error();
    const std::string part = TemporaryBeside(to_path);
    Status copied = CopyPages(HandleOf(**db), part, progress);
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
    if (url->dialect == Dialect::kPostgresql)
        return RunTool({"pg_restore", "--clean", "--if-exists", "--no-owner", "--dbname=" + url->target, from_path});
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
