// The journal as people read it (issue 19, item 4): French (and English) labels for the audit
// log's action codes ("booking.check_in" → "Pointage à l'accueil") and objects ("booking" →
// "réservation"), the actor's name instead of "user:3565", and what an entry's object links to.
// The log keeps the codes (the API returns them); these are for the page.
//
// Thread-safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/audit.h"

namespace juo::services {

enum class LabelLang { kFr, kEn };

// The label of an action code; an unknown code comes back as it is (never an empty cell).
// "participation.approved" and the other moderation decisions, "edition.invite.*" included.
std::string AuditActionLabel(std::string_view action, LabelLang lang);

// The label of an entity (a table name): "booking" → "réservation"; unknown ones as they are.
std::string AuditEntityLabel(std::string_view entity, LabelLang lang);

// Who made the change: the user's display name when the entry names a user who still has one,
// "Système" (with what ran: "Système (juo purge)") for the platform's own changes, otherwise the
// stored label.
std::string AuditActorName(const domain::AuditEntry& e, LabelLang lang);

// What an entry's object is, for a link: a factory (its site), a user, an edition, or nothing.
struct AuditLink {
    enum class Kind { kNone, kSite, kUser, kEdition } kind = Kind::kNone;
    long long id = 0;
};
AuditLink AuditLinkOf(const domain::AuditEntry& e);

}  // namespace juo::services
