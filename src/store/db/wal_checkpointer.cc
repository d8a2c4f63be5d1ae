// The checkpoint thread (see wal_checkpointer.h).
#include "store/db/wal_checkpointer.h"

#include <spdlog/spdlog.h>

#include "store/db/database.h"

namespace juo::store {

WalCheckpointer::WalCheckpointer(std::string db_url, std::chrono::milliseconds interval)
    : db_url_(std::move(db_url)), interval_(interval), thread_([this] { Run(); }) {}

WalCheckpointer::~WalCheckpointer() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_all();
    thread_.join();
}

void WalCheckpointer::Run() {
    std::unique_ptr<Database> db;
    bool last_round = false;
    while (!last_round) {
        {
            std::unique_lock lock(mutex_);
            wake_.wait_for(lock, interval_, [this] { return stopping_; });
            last_round = stopping_;
        }
        if (!pending_.exchange(false, std::memory_order_relaxed)) continue;
        try {
            if (!db) {
                auto opened = Database::Open(db_url_, OpenMode::kMustExist);
                if (!opened.ok()) {
                    spdlog::warn("checkpointer: {}", opened.error().message);
                    continue;
                }
                db = std::move(*opened);
                if (db->dialect() != Dialect::kSqlite) return;
            }
            int busy = 0, log_frames = 0, copied = 0;
            db->sql() << "PRAGMA wal_checkpoint(PASSIVE)", soci::into(busy), soci::into(log_frames),
                soci::into(copied);
            ++checkpoints_;
        } catch (const std::exception& e) {
            spdlog::warn("checkpointer: {}", e.what());
            db.reset();
            pending_ = true;  // try again next round
        }
    }
}

}  // namespace juo::store
