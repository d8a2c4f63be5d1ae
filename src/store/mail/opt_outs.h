// The bulk e-mail opt-outs (table mail_opt_out, migration 0012; ADR 0014): an address that left
// a list ("reminder", "survey") by its List-Unsubscribe link. The reminder and survey senders skip
// the addresses listed; nothing else reads it.
//
// Throws soci::soci_error on database failures: call inside Database::InTransaction (writes) or
// a guarded read.
// Thread-safety: on one Database (one thread).
#pragma once

#include <set>
#include <string>

#include "store/db/database.h"

namespace juo::store {

// Records that `address` (already normalised: trimmed, lower case) left `list`, at `now`; true when
// it is new, false when it was already recorded (a second click, the one-click POST after the page).
bool RecordOptOut(Database& db, const std::string& address, const std::string& list, const std::string& now);
// Whether `address` (normalised) left `list`.
bool HasOptedOut(Database& db, const std::string& address, const std::string& list);
// The addresses that left `list`.
std::set<std::string> OptedOutAddresses(Database& db, const std::string& list);

// The SQL condition "this address has not left `list`" for a query whose recipient's e-mail is
// the column `address_column` (e.g. "u.email"): compared in lower case. `list` is a constant of
// mail/unsubscribe.h, never user input.
std::string NotOptedOutSql(const std::string& address_column, const std::string& list);

}  // namespace juo::store
