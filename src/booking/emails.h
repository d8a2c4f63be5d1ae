// The e-mails of bookings and waiting lists, composed as outbox rows (store/outbox.h) in the
// recipient's language first and the other one below: confirmation and party-size change (with the
// QR ticket and the .ics attached at send time), cancellation (with the .ics that cancels the event), waiting-list offer, reminder.
//
// Thread-safety: pure functions.
#pragma once

#include <string>

#include "domain/booking.h"
#include "store/bookings/capacity_store.h"
#include "store/mail/outbox.h"

namespace juo::booking {

// "vendredi 4 avril 2025, 09:30–11:00" / "Friday 4 April 2025, 09:30–11:00".
std::string SessionWhenFr(const store::SessionForBooking& s);
std::string SessionWhenEn(const store::SessionForBooking& s);

// `manage_path`: the booking's manage link (manage_link.h, "/reservation/ID?jeton=…"), after
// `base_url`; empty: the e-mail points to "my bookings" instead.
store::OutgoingEmail ConfirmationEmail(const store::UserContact& to, const domain::Booking& booking,
                                       const store::SessionForBooking& session, const std::string& base_url,
                                       const std::string& manage_path = {});
store::OutgoingEmail CancellationEmail(const store::UserContact& to, const domain::Booking& booking,
                                       const store::SessionForBooking& session);
// The party size of `booking` changed from `people_before` to booking.people; the updated .ics
// (a higher SEQUENCE) and the ticket's QR code are attached at send time, as for a confirmation.
// `manage_path` as for ConfirmationEmail; with it, "my bookings" follows for account holders.
store::OutgoingEmail ChangedEmail(const store::UserContact& to, const domain::Booking& booking,
                                  const store::SessionForBooking& session, int people_before,
                                  const std::string& base_url, const std::string& manage_path = {});
// The host moved the tour of `booking` (issue 19): it was `before` (its day and times), it is
// `session` now. Kind "booking.changed", so the sender attaches the ticket's QR code and the .ics
// that moves the event (a higher SEQUENCE). `manage_path` as for ConfirmationEmail.
store::OutgoingEmail TourMovedEmail(const store::UserContact& to, const domain::Booking& booking,
                                    const store::SessionForBooking& before, const store::SessionForBooking& session,
                                    const std::string& base_url, const std::string& manage_path = {});
// To a waiting-list entry's visitor (issue 19): the host moved the tour (`before` → `session`), the
// entry stays on the list; or, `cancelled`, the host deleted it and the list is closed.
store::OutgoingEmail WaitlistTourNoticeEmail(const store::UserContact& to, const store::SessionForBooking& before,
                                             const store::SessionForBooking& session, bool cancelled);
// Issue 19: to a host of the tour's factory, a group's booking was cancelled (its places and group
// slot freed). French, then English: hosts' e-mails are not per recipient's language.
store::OutgoingEmail HostGroupCancelledEmail(const std::string& to_address, const domain::Booking& booking,
                                             const store::SessionForBooking& session, const std::string& base_url);
// Issue 18: to a host, a group the allocation had left unplaced takes a freed place on the tour
// (`school`: its school's name, may be empty). French, then English.
store::OutgoingEmail HostGroupPlacedEmail(const std::string& to_address, const domain::Booking& booking,
                                          const store::SessionForBooking& session, const std::string& school,
                                          const std::string& base_url);
// Places held for waiting-list `entry` until entry.offer_expires_at (written in Paris time).
// `accept_path`: the offer's signed link (manage_link.h, "/liste-attente/offre/ID?jeton=…"),
// which needs no account; empty: "my bookings" with the offer (a sign-in).
store::OutgoingEmail OfferEmail(const store::UserContact& to, const domain::WaitlistEntry& entry,
                                const std::string& leave_token, const store::SessionForBooking& session,
                                const std::string& base_url, const std::string& accept_path = {});
// A group request accepted for `session` (the group booking `booking`), or refused; `message` is
// the host's word to the requester (may be empty).
store::OutgoingEmail GroupAcceptedEmail(const store::UserContact& to, const domain::Booking& booking,
                                        const store::SessionForBooking& session, const std::string& message,
                                        const std::string& base_url);
store::OutgoingEmail GroupRefusedEmail(const store::UserContact& to, long long request_id,
                                       const std::string& message, const std::string& base_url);
// Tomorrow's tour; `manage_path` as for ChangedEmail.
store::OutgoingEmail ReminderEmail(const store::UserContact& to, const domain::Booking& booking,
                                   const store::SessionForBooking& session, const std::string& base_url,
                                   const std::string& manage_path = {});

}  // namespace juo::booking
