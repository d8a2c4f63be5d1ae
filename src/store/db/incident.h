// Incident numbers (issue 21): a failure whose details must not reach a client (the database's
// own words, a file's path) is logged under a short number, and the client is shown that number.
//
// Thread-safety: NewIncidentId may be called from any thread.
#pragma once

#include <string>

namespace juo::store {

// A short number for one failure ("3fa2c01b-17"), logged with its details and shown to the user.
std::string NewIncidentId();

}  // namespace juo::store
