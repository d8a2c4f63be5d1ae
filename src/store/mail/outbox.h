// The e-mail outbox: messages written in the same transaction as the change they announce, then
// delivered by mail/sender.h, which records each attempt (sent, retry later, failed for good).
//
// Throws soci::soci_error on database failures: call inside Database::InTransaction.
// Thread-safety: an OutboxWriter belongs to one Database (one thread).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "store/db/database.h"

namespace juo::store {

struct OutgoingEmail {
    long long id = 0;
    std::string created_at;
    std::string kind;  // "booking.confirmed", "booking.cancelled", "waitlist.offer"…
    std::string to_address;
    std::string subject;
    std::string body_text;                // UTF-8 plain text
    std::optional<long long> booking_id;  // attachments (ticket QR, .ics) are made from it
    int attempts = 0;
};

// Appends messages to the outbox with a statement prepared once.
class OutboxWriter {
 public:
    explicit OutboxWriter(Database& db);
    ~OutboxWriter();
    // Inserts `email` as pending, due now; sets its id and created_at.
    void Enqueue(OutgoingEmail& email);

    // Messages kept in memory and inserted together by WriteDeferred (one round trip for many,
    // see rows_insert.h), pending and due at their created_at; their ids are not known.
    // `deferred()` counts them; ForgetDeferred(n) drops all but the first n (a command undone).
    void Defer(const OutgoingEmail& email);
    size_t deferred() const;
    void ForgetDeferred(size_t keep);
    void WriteDeferred();

 private:
    Database& db_;
    struct Statement;
    std::unique_ptr<Statement> st_;
};

// Claims the pending messages due at `now`, at most `limit`, in the order they fell due (then by
// id; an index reads them in that order): their next attempt moves to `lease_until`, in one
// statement, so that no other sender (another app server on the same PostgreSQL) takes them while
// this one delivers. A sender that dies keeps them for the lease; they are then due again
// (at-least-once). Returns what it claimed, by id.
std::vector<OutgoingEmail> ClaimDueEmails(Database& db, const std::string& now, const std::string& lease_until,
                                          int limit);
// Gives back a claimed message that was not attempted: due again at `at`.
void ReleaseEmail(Database& db, long long id, const std::string& at);
// Records deliveries, all in one statement.
void MarkEmailsSent(Database& db, const std::vector<long long>& ids, const std::string& at);
// Empties the bodies of messages `ids` (sent, or failed for good): subject, kind, status and
// dates stay; no working link stays at rest (issue 21, docs/adr/0017). Attachments are rebuilt
// from booking_id at send time, so nothing else holds a link.
void ClearSentEmailBodies(Database& db, const std::vector<long long>& ids);
// Records a failed attempt: retried at `next_attempt_at`, or failed for good when `give_up`.
void MarkEmailFailed(Database& db, long long id, int attempts, const std::string& next_attempt_at,
                     const std::string& error, bool give_up);
// The installation's e-mail token (table mail_identity): the first call stores `candidate` (a
// fresh random text) and returns it; every later call, on any server sharing the database,
// returns the stored one (several first calls at once: one insert wins, all read it back).
std::string MailToken(Database& db, const std::string& candidate, const std::string& now);

// Messages by status ("pending", "sent", "failed").
long long CountEmails(Database& db, const std::string& status);

// A message as a reader of the outbox sees it (the demo mailbox): the message, where its delivery
// stands and when it was sent.
struct OutboxMessage {
    OutgoingEmail email;
    std::string status;   // "pending", "sent" or "failed"
    std::string sent_at;  // UTC ISO instant; empty until sent
};
// Messages newest first (by id): at most `limit`, after skipping `offset`.
std::vector<OutboxMessage> ListLatestEmails(Database& db, int limit, int offset);
// The message `id`, or nullopt.
std::optional<OutboxMessage> FindEmail(Database& db, long long id);

}  // namespace juo::store
