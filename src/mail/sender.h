// OutboxSender: delivers the e-mail outbox (store/outbox.h). Each due message is composed (MIME,
// with the QR ticket and the .ics of its booking when it has one) and handed to the transport:
// a maildir folder by default (each batch written to tmp/, made durable with one syncfs, then
// renamed into new/, so a reader never sees half a file),
// or SMTP through libcurl when an smtp:// or smtps:// URL is configured. A failed attempt is
// retried with a growing delay (1 min, 2, 4 … up to 1 h), and given up after max_attempts.
// A message may be delivered twice if the process dies between delivery and its bookkeeping
// (at-least-once); the Message-ID lets a reader spot the copy. It is "<outbox-ID.TOKEN@DOMAIN>":
// the outbox row, the database's random token (store::MailToken, stored once: a row sent again
// keeps its Message-ID, and row ID of another installation gets another) and the From's domain.
// The bulk e-mails (tour reminders, survey invitations: mail/unsubscribe.h) get a List-Unsubscribe
// link signed with the installation's secret, under the public URL; the transactional ones none.
// Several senders (one per app server on one PostgreSQL) share the outbox: each claims its batch
// for a lease (store/outbox.h), so a message is delivered by one of them.
//
// Thread-safety: SendDue from one thread at a time; Start runs it on a background thread.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "common/result.h"
#include "mail/unsubscribe.h"
#include "store/db/database.h"

namespace juo::store {
class CapacityStore;
}

namespace juo::mail {

struct SenderOptions {
    std::string db_url;
    std::string maildir;   // used when smtp_url is empty; created when missing
    std::string smtp_url;  // "smtp://127.0.0.1:2525", "smtps://mail.example.org"
    std::string smtp_user, smtp_password;
    std::string from = "Journées Usines Ouvertes <no-reply@juo.localhost>";
    int batch = 100;
    int max_attempts = 8;
    // How long a claimed batch is this sender's. It stops delivering a batch at half the lease
    // (slow SMTP) and gives the rest back, so no other sender takes a message it is still sending.
    std::chrono::seconds lease = std::chrono::minutes(10);
    std::chrono::milliseconds poll_every = std::chrono::milliseconds(500);
    std::function<std::string()> now;  // UTC ISO instant; NowUtcIso by default
    // The site's address ("https://juo.example.org", no trailing '/') and the installation's
    // secret (raw bytes) the unsubscribe links of the bulk e-mails are made with; an empty secret:
    // no List-Unsubscribe (tools, tests that do not need it).
    std::string public_url = "http://localhost:8080";
    std::string unsubscribe_secret;
    // Issue 21 (docs/adr/0017): a message's body is emptied once it is sent or failed for good, so
    // that no working link (confirmation, reset, manage ?jeton=) stays at rest in the outbox. True
    // keeps the bodies: demo mode only, whose mailbox page reads them.
    bool keep_bodies = false;
    // How many niceness steps the background thread (Start) runs below the process: the threads
    // answering requests come first (common/this_thread.h).
    int nice = 10;
};

class OutboxSender {
 public:
    // Opens its own database connection; checks the maildir can be created; reads (the first
    // time: stores) the database's mail token. kInvalidArgument when neither a maildir nor an
    // SMTP URL is given, for an unknown URL scheme, or a `from` without an address.
    static Result<std::unique_ptr<OutboxSender>> Open(SenderOptions options);
    ~OutboxSender();  // Stop()

    // Delivers the messages due now; returns how many were delivered.
    Result<int> SendDue();
    // Runs SendDue every poll_every on a background thread until Stop.
    void Start();
    void Stop();

 private:
    explicit OutboxSender(SenderOptions options);
    // A maildir delivery in two steps, so that a batch costs one flush to disk, not one per
    // message: each message written to tmp/ (its name returned), then MoveIntoMaildir makes
    // them durable (one syncfs), moves them into new/ and syncs new/. It returns the messages
    // it failed (by their index in the batch's outcomes); their files are not left in new/.
    struct StagedFile {
        size_t outcome;    // index in SendDue's outcomes
        std::string name;  // the file's name in tmp/ and new/
    };
    Result<std::string> WriteToMaildirTmp(const std::string& raw, long long outbox_id);
    std::vector<std::pair<size_t, Status>> MoveIntoMaildir(const std::vector<StagedFile>& staged);
    Status DeliverBySmtp(const std::string& to, const std::string& raw);

    SenderOptions options_;
    std::unique_ptr<store::Database> db_;
    std::string from_address_;       // the addr-spec of options_.from (SMTP's MAIL FROM)
    std::string message_id_suffix_;  // ".TOKEN@DOMAIN>": see the header comment
    // The bookings and tours the attachments are made from, read with statements prepared once
    // (on PostgreSQL a prepared statement is a round trip to make and one to drop).
    std::unique_ptr<store::CapacityStore> lookups_;
    std::unique_ptr<UnsubscribeLinks> unsubscribe_;  // null without a secret
    std::thread thread_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
};

}  // namespace juo::mail
