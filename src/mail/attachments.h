// The attachments of an outbox message, made from the booking it names (the outbox stores no
// attachment: store/migrations/0002): the ticket's QR code as a PNG and the visit as an .ics
// file. The sender attaches them at send time; the demo mailbox (services/demo_mailbox.h) shows
// the same ones.
//
// Throws soci::soci_error on database failures (as CapacityStore does).
// Thread-safety: as the CapacityStore it reads through (one thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "mail/mime.h"

namespace juo::store {
class CapacityStore;
}

namespace juo::mail {

// The attachments of booking `booking_id`'s e-mail, in this order: "billet-<ticket>.png"
// (image/png) and "visite.ics" (text/calendar), stamped `now` (UTC ISO instant). Empty when the
// booking or its session does not exist; no PNG when the ticket is too long for a QR code. A
// cancelled booking has no PNG and "visite-annulee.ics" (METHOD:CANCEL, same UID).
// With `email_id` (the outbox row) and `kind` (its outbox kind), the .ics is the event as that
// e-mail announced it, even when it is sent after later changes (a backlog, a retry): its SEQUENCE
// leaves out the changes e-mailed after it (CapacityStore::ChangeEmailsAfter), and it cancels
// only in the cancellation e-mail ("booking.cancelled"). The PNG goes only with a ticket still
// valid now.
std::vector<Attachment> BookingAttachments(store::CapacityStore& store, long long booking_id,
                                           const std::string& now, long long email_id = 0,
                                           const std::string& kind = {});

// The booking's calendar file alone (as above; pages offer it as a download): its SEQUENCE is
// the number of changes and cancellation since booked (CapacityStore::BookingRevision), so a
// calendar updates the event it holds. nullopt when the booking or its session does not exist.
std::optional<Attachment> BookingIcs(store::CapacityStore& store, long long booking_id, const std::string& now);

}  // namespace juo::mail
