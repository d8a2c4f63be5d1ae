// Hosts' e-mails and their daily digest (issue 19 item 1; services/host_digest.h): who hosts a
// site and whether they chose the digest, the notices held for it, and the choice itself. Every
// function throws soci::soci_error on database failures; the writes run inside the caller's
// Database::InTransaction.
//
// Thread-safety: none; the Database is the caller's.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db/database.h"

namespace juo::store {

// A host of a site, as their e-mails need them.
struct HostRecipient {
    long long user_id = 0;
    std::string email, display_name, locale;
    bool digest = false;  // app_user.host_mail_digest
};

// The hosts of `site_id` (their host grants), not erased, in id order.
std::vector<HostRecipient> SiteHostRecipients(Database& db, long long site_id);

// Account `user_id` as a recipient (nullopt when there is none, or it was erased).
std::optional<HostRecipient> HostRecipientOf(Database& db, long long user_id);

// Keeps a notice for `user_id`'s next digest.
void HoldHostNotice(Database& db, long long user_id, const std::string& kind, const std::string& subject,
                    const std::string& body, const std::string& at);

// The hosts with notices held since before `before` (a UTC instant), in id order.
std::vector<HostRecipient> HostsWithNoticesBefore(Database& db, const std::string& before);

struct HeldNotice {
    long long id = 0;
    std::string kind, subject, body, created_at;
};
// `user_id`'s notices held since before `before`, oldest first.
std::vector<HeldNotice> HeldNoticesOf(Database& db, long long user_id, const std::string& before);

// Deletes these notices; how many were still there (another app server may have sent them).
long long DeleteHostNotices(Database& db, const std::vector<long long>& ids);

// Whether `user_id` chose the digest; sets the choice (false when there is no such user).
bool HostMailDigest(Database& db, long long user_id);
bool SetHostMailDigest(Database& db, long long user_id, bool digest);

}  // namespace juo::store
