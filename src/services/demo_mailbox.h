// The demo mailbox (issue 22): in demo mode (`juo serve --demo`, a local SQLite demo only) the
// e-mails of the outbox are readable by anyone at /demo/courriels, so that a newcomer follows
// every e-mail journey (sign-up, booking confirmation with its QR ticket and .ics, offers) in the
// browser instead of a maildir. The messages come newest first, a page at a time, each with its
// attachments made as the sender makes them (mail/attachments.h), from the booking it names.
//
// Nothing here checks demo mode: the web layer registers the routes only when it is on.
// Thread-safety: pure functions over their arguments; the Db is this thread's.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "services/db.h"

namespace juo::services {

// Messages per page of the mailbox: pages stay fast however full the outbox.
inline constexpr int kDemoMailboxPageSize = 50;

// What a page says of an attachment (its bytes: DemoMailAttachment).
struct DemoAttachmentInfo {
    int number = 0;            // 1, 2 … in the message: the {n} of /demo/courriels/{id}/pieces/{n}
    std::string filename;      // "billet-AB12CD34.png", "visite.ics"
    std::string content_type;  // "image/png", "text/calendar; charset=utf-8; method=PUBLISH"
    bool image = false;        // shown inline (the QR code)
    size_t bytes = 0;
};

struct DemoEmail {
    long long id = 0;
    std::string kind;        // "booking.confirmed", "account.confirm"…
    std::string to_address;  // the recipient
    std::string subject;
    std::string body_text;   // plain UTF-8 text, as sent (unescaped: the page escapes it)
    std::string status;      // "sent", "pending" or "failed"
    std::string created_at;  // UTC ISO instant, when it was written to the outbox
    std::string paris_date;  // its Paris date "YYYY-MM-DD" and time "HH:MM", for display
    std::string paris_time;
    std::vector<DemoAttachmentInfo> attachments;
};

struct DemoMailboxPage {
    std::vector<DemoEmail> emails;  // newest first, at most kDemoMailboxPageSize
    int page = 1;
    bool more = false;  // an older page exists
};

// Page `page` (1 is the newest) of the outbox. kInvalidArgument for a page below 1 or above
// 10,000; kUnavailable on a database failure.
Result<DemoMailboxPage> ListDemoEmails(Db& db, int page);

struct DemoAttachmentFile {
    std::string filename;
    std::string content_type;
    std::string bytes;
};

// Attachment `number` (from 1) of message `email_id`. kNotFound when the message or the
// attachment does not exist; kUnavailable on a database failure.
Result<DemoAttachmentFile> DemoMailAttachment(Db& db, long long email_id, int number);

}  // namespace juo::services
