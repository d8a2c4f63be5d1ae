// Leaving a bulk e-mail list (see mail_opt_outs.h).
#include "services/mail_opt_outs.h"

#include "services/audit.h"
#include "store/db/database.h"
#include "store/mail/opt_outs.h"

namespace juo::services {

Result<UnsubscribeLink> CheckUnsubscribeLink(const mail::UnsubscribeLinks& links, const std::string& list,
                                             const std::string& address, const std::string& token) {
    const std::string normalised = mail::NormaliseAddress(address);
    if (!mail::IsKnownList(list) || normalised.empty() || normalised.size() > 254 ||
        normalised.find('@') == std::string::npos)
        return MakeError(ErrorCode::kInvalidArgument,
                         "This unsubscribe link is incomplete: copy it again from the e-mail.",
                         "Ce lien de désabonnement est incomplet : reprenez-le dans l'e-mail.");
    if (token.size() > 100 || !links.Check(list, normalised, token))
        return MakeError(ErrorCode::kForbidden,
                         "This link cannot unsubscribe this address: copy it again from the e-mail.",
                         "Ce lien ne permet pas de désabonner cette adresse : reprenez-le dans l'e-mail.");
    return UnsubscribeLink{list, normalised};
}

Result<bool> Unsubscribe(Db& db, const mail::UnsubscribeLinks& links, const std::string& list,
                         const std::string& address, const std::string& token, const std::string& now) {
    auto link = CheckUnsubscribeLink(links, list, address, token);
    if (!link.ok()) return link.error();
    try {
        return db.InTransaction<bool>([&]() -> Result<bool> {
            const bool added = store::RecordOptOut(db, link->address, link->list, now);
            if (added) Audit(db, 0, "mail.unsubscribe", "mail_opt_out", 0, link->list, now);
            return added;
        });
    } catch (const std::exception& e) {
        return DatabaseError(db, e);
    }
}

Result<bool> HasUnsubscribed(Db& db, const UnsubscribeLink& link) {
    return Guarded<bool>(db, [&](Db& d) { return store::HasOptedOut(d, link.address, link.list); });
}

}  // namespace juo::services
