// The 2025 replica in a new SQLite file, for the test suites that read a realistic catalogue
// (pages, API, site files, search index): one call instead of open, generate and write in each.
//
// Header-only, for tests. Not thread-safe: call from the test's thread.
#pragma once

#include <filesystem>
#include <memory>

#include "common/result.h"
#include "seed/replica.h"
#include "store/db/database.h"
#include "store/db/test_database.h"

namespace juo::seed {

// Removes any SQLite file at `path`, creates it and writes the replica of the default options
// (edition 2025, scale 1, seed 2025) into it; the open database, or the first error.
inline Result<std::unique_ptr<store::Database>> SeededReplicaFile(const std::filesystem::path& path) {
    store::RemoveSqliteFiles(path);
    auto db = store::Database::Open(path.string(), store::OpenMode::kCreateIfMissing);
    if (!db.ok()) return db.error();
    auto replica = GenerateReplica({});
    if (!replica.ok()) return replica.error();
    JUO_TRY(WriteReplica(**db, *replica, {}));
    return db;
}

}  // namespace juo::seed
