// Audit-log entries: who changed what, when.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <utility>

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
    // Read side only (the journal's page; never written): the actor's display name, and the
    // factory the entry's object belongs to (a site, its participation, tour, booking or offer).
    std::string actor_name;
    std::optional<long long> site_id;
};

// An entry for a change made by the signed-in user `user_id` (labelled "user:<id>"), `at` now.
inline AuditEntry EntryByUser(long long user_id, std::string action, std::string entity, long long entity_id) {
    AuditEntry e;
    e.actor_user_id = user_id;
    e.actor_label = "user:" + std::to_string(user_id);
    e.action = std::move(action);
    e.entity = std::move(entity);
    e.entity_id = entity_id;
    return e;
}

}  // namespace juo::domain
