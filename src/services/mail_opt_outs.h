// Leaving a bulk e-mail list (issue 20, ADR 0014): the use case behind the List-Unsubscribe link
// of the tour reminders and the survey invitations (mail/unsubscribe.h). The link names a list, an
// address and a token signed with the installation's secret; a valid link records the opt-out
// (table mail_opt_out), after which the reminder and survey senders skip that address. The pages
// (web/account/unsubscribe_pages.h) check the link to show the confirmation page (GET changes
// nothing) and record it on POST, the browser's or the mail client's one-click POST (RFC 8058).
//
// No database exception leaves these functions: a failure is its Error (kUnavailable).
// Thread-safety: pure functions over their arguments; the Db is this thread's.
#pragma once

#include <string>

#include "common/result.h"
#include "mail/unsubscribe.h"
#include "services/db.h"

namespace juo::services {

// A checked link: the list and the address as stored (normalised).
struct UnsubscribeLink {
    std::string list;
    std::string address;
};

// Checks the link's parts. kInvalidArgument when the list is unknown or the address empty or
// longer than 254 bytes; kForbidden when the token is not the one `links` makes for them (a
// mistyped, cut or forged link: the answer does not say which).
Result<UnsubscribeLink> CheckUnsubscribeLink(const mail::UnsubscribeLinks& links, const std::string& list,
                                             const std::string& address, const std::string& token);

// Checks the link, then records the opt-out with its audit entry (mail.unsubscribe, the list only:
// no address in the journal) in one transaction, at `now` (UTC ISO instant). True when it is new,
// false when the address had already left that list (a second click is not an error).
Result<bool> Unsubscribe(Db& db, const mail::UnsubscribeLinks& links, const std::string& list,
                         const std::string& address, const std::string& token, const std::string& now);

// Whether the address of a checked link has already left its list (the page says so).
Result<bool> HasUnsubscribed(Db& db, const UnsubscribeLink& link);

}  // namespace juo::services
