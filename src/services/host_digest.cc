// Hosts' daily digest (see host_digest.h).
#include "services/host_digest.h"

#include <cstdio>

#include "common/clock.h"
#include "common/paris_time.h"
#include "services/audit.h"
#include "store/mail/host_notices.h"
#include "store/mail/outbox.h"

namespace juo::services {
namespace {

// "04/12 09:30" in Paris time, for a notice's line.
std::string ParisStamp(const std::string& utc) {
    const auto local = ParisLocalSeconds(utc);
    if (!local) return utc;
    const long long day_seconds = ((*local % 86400) + 86400) % 86400;
    const std::string date = ParisDateOf(utc);  // YYYY-MM-DD
    char time[6];
    std::snprintf(time, sizeof time, "%02lld:%02lld", day_seconds / 3600, day_seconds / 60 % 60);
    return date.size() == 10 ? date.substr(8, 2) + "/" + date.substr(5, 2) + " " + time : utc;
}

// One host's digest of `notices`, in their language first.
store::OutgoingEmail DigestEmail(const store::HostRecipient& to, const std::vector<store::HeldNotice>& notices) {
    const bool en = to.locale == "en";
    const std::string n = std::to_string(notices.size());
    const std::string fr_head = "Bonjour " + to.display_name + ",\n\nVoici le résumé de vos messages des Journées " +
                                "Usines Ouvertes (" + n + (notices.size() > 1 ? " messages" : " message") +
                                "). Vous pouvez revenir à un e-mail par événement depuis votre tableau de bord.";
    const std::string en_head = "Hello " + to.display_name + ",\n\nHere is the digest of your Journées Usines " +
                                "Ouvertes messages (" + n + (notices.size() > 1 ? " messages" : " message") +
                                "). You can go back to one e-mail per event from your dashboard.";
    std::string body = en ? en_head + "\n\n" + fr_head : fr_head + "\n\n" + en_head;
    for (const auto& notice : notices)
        body += "\n\n========================================\n" + ParisStamp(notice.created_at) + " — " +
                notice.subject + "\n\n" + notice.body;
    store::OutgoingEmail e;
    e.kind = "host.digest";
    e.to_address = to.email;
    e.subject = en ? "Journées Usines Ouvertes: your digest (" + n + ")"
                   : "Journées Usines Ouvertes : votre résumé (" + n + ")";
    e.body_text = std::move(body);
    return e;
}

// Writes `host`'s digest of the notices held before `before`, deleting them; how many it carried
// (0: none left). Inside the caller's transaction.
int SendDigestOf(Db& tx, const store::HostRecipient& host, const std::string& before) {
    auto notices = store::HeldNoticesOf(tx, host.user_id, before);
    if (notices.empty()) return 0;
    std::vector<long long> ids;
    for (const auto& n : notices) ids.push_back(n.id);
    // Deleted first: a notice another app server sent meanwhile is not sent twice (its digest's
    // transaction then rolls back, and this run finds the rest on its next pass).
    if (store::DeleteHostNotices(tx, ids) != static_cast<long long>(ids.size())) return -1;
    auto mail = DigestEmail(host, notices);
    store::OutboxWriter(tx).Enqueue(mail);
    return static_cast<int>(notices.size());
}

}  // namespace

std::string HostDigestCutoff(const std::string& now_utc) {
    const std::string today = ParisDateOf(now_utc);
    if (today.empty()) return "";
    std::string cutoff = ParisLocalToUtc(today, kHostDigestHour, 0, 0);
    if (cutoff > now_utc) {  // before today's digest: yesterday's (noon of today, less a day, is yesterday)
        const std::string yesterday = ParisDateOf(UtcIsoPlusSeconds(ParisLocalToUtc(today, 12, 0, 0), -86400));
        cutoff = ParisLocalToUtc(yesterday, kHostDigestHour, 0, 0);
    }
    return cutoff;
}

Result<HostDigestRun> SendHostDigests(Db& db, const std::string& now_utc) {
    const std::string cutoff = HostDigestCutoff(now_utc);
    if (cutoff.empty()) return MakeError(ErrorCode::kInvalidArgument, "not a UTC instant", "instant UTC invalide");
    auto hosts = Guarded<std::vector<store::HostRecipient>>(
        db, [&](Db& db) { return store::HostsWithNoticesBefore(db, cutoff); });
    if (!hosts.ok()) return hosts.error();
    HostDigestRun run;
    for (const auto& host : *hosts) {
        auto sent = db.InTransaction<int>([&]() -> Result<int> {
            const int n = SendDigestOf(db, host, cutoff);
            if (n < 0) return MakeError(ErrorCode::kConflict, "sent meanwhile", "envoyé entre-temps");
            return n;
        });
        if (!sent.ok()) {
            if (sent.error().code == ErrorCode::kConflict) continue;  // another server's run took them
            return sent.error();
        }
        if (*sent > 0) {
            ++run.hosts;
            run.notices += *sent;
        }
    }
    return run;
}

Result<bool> HostMailDigestOf(Db& db, const auth::Principal& who) {
    return Guarded<bool>(db, [&](Db& db) { return store::HostMailDigest(db, who.user_id); });
}

Status ChooseHostMailDigest(Db& db, const auth::Principal& who, bool digest, const std::string& now_utc) {
    return db.InTransaction<Unit>([&]() -> Status {
        if (!store::SetHostMailDigest(db, who.user_id, digest))
            return MakeError(ErrorCode::kNotFound, "no such account", "compte introuvable");
        Audit(db, who.user_id, "host.mail_digest", "app_user", who.user_id,
              digest ? "one digest a day" : "one e-mail per event", now_utc);
        if (!digest) {
            // What was held goes now, as one digest (this transaction: nothing waits, nothing twice).
            auto host = store::HostRecipientOf(db, who.user_id);
            if (host && SendDigestOf(db, *host, UtcIsoPlusSeconds(now_utc, 1)) < 0)
                return MakeError(ErrorCode::kConflict, "try again", "réessayez");
        }
        return Ok();
    });
}

}  // namespace juo::services
