#include "services/db.h"

#include "store/connection_per_thread.h"
#include "store/database.h"

namespace juo::services {

Result<Db*> ThreadDb(const Connections& connections) { return connections.Get(); }

Error DatabaseError(const Db& db, const std::exception& e) { return db.FromException(e); }

}  // namespace juo::services
