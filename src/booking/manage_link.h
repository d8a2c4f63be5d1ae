// The link that manages a booking without an account (issue 17; docs/adr/0011-guest-booking.md):
// "/reservation/{id}?jeton=TOKEN", where TOKEN is the HMAC-SHA256 of the booking's id and ticket
// code under a server secret (the installation's security.secret, the same on every app server),
// base64url, 43 characters. Nothing is stored: the link cannot be made without the secret, it
// names one booking only, and it stops working if the secret changes. Pages check it in constant
// time; the confirmation e-mail carries it.
// The same secret signs the waiting-list offer link (issue 17: a guest accepts an offer without an
// account): "/liste-attente/offre/{entry id}?jeton=TOKEN", the HMAC of the entry's id and creation
// instant under its own purpose string, so that neither token can stand for the other. Nothing is
// stored either: the offer e-mail and the offer page compute the same token.
// And the waiting list's leave link (issues 17 and 21: no usable token at rest):
// "/liste-attente/quitter?jeton=ID.MAC", the entry's id and the HMAC of its id and creation
// instant under a third purpose string. Entries made before it keep the random token stored
// with them (the engine still finds those); new entries store none.
//
// Thread-safety: a ManageLinks is immutable after construction: thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace juo::booking {

class ManageLinks {
 public:
    // Links signed with `secret` (raw bytes, any length; 32 random bytes in production). The
    // HMAC's message starts with its own purpose, so the same secret may sign other things.
    explicit ManageLinks(std::string secret);

    // The token of booking `booking_id` with `ticket_code`.
    std::string Token(long long booking_id, std::string_view ticket_code) const;
    // Whether `token` is that token (constant time; false for any other text, empty included).
    bool Check(long long booking_id, std::string_view ticket_code, std::string_view token) const;
    // "/reservation/ID?jeton=TOKEN" (a path: the caller puts the site's address before it).
    std::string Path(long long booking_id, std::string_view ticket_code) const;

    // The offer link's token of waiting-list entry `entry_id`, created at `created_at` (its
    // stored instant: an id reused by another database does not open with an old link).
    std::string OfferToken(long long entry_id, std::string_view created_at) const;
    // Whether `token` is that token (constant time; false for any other text, empty included).
    bool CheckOffer(long long entry_id, std::string_view created_at, std::string_view token) const;
    // "/liste-attente/offre/ID?jeton=TOKEN".
    std::string OfferPath(long long entry_id, std::string_view created_at) const;

    // The leave token of waiting-list entry `entry_id` created at `created_at`: "ID.MAC".
    std::string LeaveToken(long long entry_id, std::string_view created_at) const;
    // The entry id a leave token names, if it has that shape (says nothing of its MAC).
    static std::optional<long long> LeaveTokenEntry(std::string_view token);
    // Whether `token` is the leave token of that entry (constant time over the MAC).
    bool CheckLeave(long long entry_id, std::string_view created_at, std::string_view token) const;

 private:
    std::string Mac(std::string_view purpose, long long id, std::string_view text) const;

    std::string secret_;
};

}  // namespace juo::booking
