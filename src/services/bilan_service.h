// The bilan for the web: computes report::Bilan for an edition and a scope from its own database
// connection, and keeps each answer for a few seconds so that a dashboard page and its charts
// (one request each) compute it once. "Live": a figure is at most max_age old.
//
// Scope: region, departments and audience are filters of the report model (store::BilanScope).
// The organiser sees everything; a regional relay will be given its departments here when the
// accounts and roles land (issue 4) — the filter exists, the gate does not yet.
//
// Thread-safety: every method may be called from any thread; computations are serialised on the
// one connection.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/result.h"
#include "report/bilan.h"
#include "store/db/database.h"

namespace juo::services {

struct BilanQuery {
    int year = 0;  // 0: the latest edition
    std::string region;
    std::vector<std::string> departments;
    std::string audience;
};

class BilanService {
 public:
    // Opens a connection of its own to `db_url` (which must exist).
    static Result<std::unique_ptr<BilanService>> Open(
        const std::string& db_url, std::chrono::seconds max_age = std::chrono::seconds(10));

    // The bilan of the query, with the previous edition's changes when the database has it.
    // kInvalidArgument for a bad region, department or audience; kNotFound for an unknown
    // edition or an empty database; kUnavailable on a database failure.
    Result<std::shared_ptr<const report::Bilan>> Get(const BilanQuery& query);

    // The years of the stored editions, ascending.
    std::vector<int> Years();

 private:
    BilanService(std::unique_ptr<store::Database> db, std::chrono::seconds max_age)
        : db_(std::move(db)), max_age_(max_age) {}

    struct Entry {
        std::chrono::steady_clock::time_point computed;
        std::shared_ptr<const report::Bilan> bilan;
    };
    std::mutex mutex_;
    std::unique_ptr<store::Database> db_;
    std::chrono::seconds max_age_;
    std::map<std::string, Entry> cache_;
};

}  // namespace juo::services
