// The attachments of an outbox message, made from the booking it names (the outbox stores no
// attachment: store/migrations/0002): the ticket's QR code as a PNG and the visit as an .ics
// file. The sender attaches them at send time; the demo mailbox (services/demo_mailbox.h) shows
// the same ones.
//
// Throws soci::soci_error on database failures (as CapacityStore does).
// Thread-safety: as the CapacityStore it reads through (one thread).
#pragma once

#include <string>
#include <vector>

#include "mail/mime.h"

namespace juo::store {
class CapacityStore;
}

namespace juo::mail {

// The attachments of booking `booking_id`'s e-mail, in this order: "billet-<ticket>.png"
// (image/png) and "visite.ics" (text/calendar), stamped `now` (UTC ISO instant). Empty when the
// booking or its session does not exist; no PNG when the ticket is too long for a QR code.
std::vector<Attachment> BookingAttachments(store::CapacityStore& store, long long booking_id,
                                           const std::string& now);

}  // namespace juo::mail
