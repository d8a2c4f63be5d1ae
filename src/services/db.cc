#include "services/db.h"

#include "store/db/connection_per_thread.h"
#include "store/db/database.h"

namespace juo::services {

Result<Db*> ThreadDb(const Connections& connections) { return connections.Get(); }

Error DatabaseError(const Db& db, const std::exception& e) { return db.FromException(e); }

}  // namespace juo::services
