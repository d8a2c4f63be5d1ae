// Audit-log entries: who changed what, when.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>

namespace juo::domain {

struct AuditEntry {
    long long id = 0;
    std::string at;  // UTC instant
    std::optional<long long> actor_user_id;
    std::string actor_label;  // "system:seed", a user's e-mail
    std::string action;       // "edition.create", "booking.cancel"
    std::string entity;       // table name
    std::optional<long long> entity_id;
    std::string detail;  // short free text
};

}  // namespace juo::domain
