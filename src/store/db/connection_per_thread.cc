// Thread-local connections, keyed by URL (a test may run several servers in one process).
#include "store/db/connection_per_thread.h"

#include <map>
#include <memory>

namespace juo::store {

Result<Database*> ConnectionPerThread::Get() const {
    thread_local std::map<std::string, std::unique_ptr<Database>> connections;
    auto& slot = connections[url_];
    if (!slot) {
        auto db = Database::Open(url_, OpenMode::kMustExist);
        if (!db.ok()) return db.error();
        try {
            (*db)->ReadThroughMemoryMap();
        } catch (const std::exception& e) {
            return (*db)->FromException(e);
        }
        slot = std::move(*db);
    }
    return slot.get();
}

}  // namespace juo::store
