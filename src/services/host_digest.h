// Hosts' e-mails as one digest a day (issue 19 item 1). A host may choose, on their dashboard, one
// e-mail a day instead of one per event: the events that mail a site's hosts (services::MailHosts:
// a new group request, the groups an allocation gives them, a tour withdrawn, a group's
// cancellation) are then kept as notices, and the digest puts them into one e-mail at 18:00 Paris
// time with those held since the previous one. Choosing single e-mails again sends what is held at
// once, so that nothing waits for a digest that is no longer wanted.
//
// `juo serve` runs SendHostDigests every few minutes; each host's digest is written to the outbox
// and their notices deleted in one transaction, so another app server's run, or the same one again,
// finds nothing left to send (a notice is never mailed twice, nor lost).
//
// Thread-safety: functions over their arguments; the Db is this thread's.
#pragma once

#include <string>

#include "auth/principal.h"
#include "common/result.h"
#include "services/db.h"

namespace juo::services {

inline constexpr int kHostDigestHour = 18;  // Paris time

// The last digest time (18:00 Paris) at or before `now_utc`, as a UTC instant; "" for a malformed
// instant.
std::string HostDigestCutoff(const std::string& now_utc);

struct HostDigestRun {
    int hosts = 0;    // digests written
    int notices = 0;  // notices they carried
};

// Writes the digest of each host with notices held since before HostDigestCutoff(now_utc).
Result<HostDigestRun> SendHostDigests(Db& db, const std::string& now_utc);

// Whether `who` takes their host e-mails as a daily digest.
Result<bool> HostMailDigestOf(Db& db, const auth::Principal& who);

// Sets `who`'s choice, audited (host.mail_digest); back to single e-mails, the held notices are sent
// at once as one digest.
Status ChooseHostMailDigest(Db& db, const auth::Principal& who, bool digest, const std::string& now_utc);

}  // namespace juo::services
