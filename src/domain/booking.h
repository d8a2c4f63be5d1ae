// Booking (places held at a session by a public party or an accepted group), its check-in
// (attended headcount) and waiting-list entries.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "domain/audience.h"

namespace juo::domain {

enum class BookingKind { kParty, kGroup };
inline constexpr CodeTable<BookingKind, 2> kBookingKindCodes{
    {{BookingKind::kParty, "party"}, {BookingKind::kGroup, "group"}}};
constexpr std::string_view ToCode(BookingKind k) { return CodeOf(kBookingKindCodes, k); }
constexpr std::optional<BookingKind> ParseBookingKind(std::string_view c) {
    return ValueOf(kBookingKindCodes, c);
}

enum class BookingStatus { kConfirmed, kCancelled };
inline constexpr CodeTable<BookingStatus, 2> kBookingStatusCodes{
    {{BookingStatus::kConfirmed, "confirmed"}, {BookingStatus::kCancelled, "cancelled"}}};
constexpr std::string_view ToCode(BookingStatus s) { return CodeOf(kBookingStatusCodes, s); }
constexpr std::optional<BookingStatus> ParseBookingStatus(std::string_view c) {
    return ValueOf(kBookingStatusCodes, c);
}

struct Booking {
    long long id = 0;
    long long edition_id = 0;
    long long session_id = 0;
    BookingKind kind = BookingKind::kParty;
    Audience audience = Audience::kPublic;
    std::optional<long long> user_id;
    std::optional<long long> group_request_id;
    int people = 0;
    BookingStatus status = BookingStatus::kConfirmed;
    std::string ticket_code;  // printed on the ticket and in the QR code
    std::string created_at;
    std::string cancelled_at;
};

struct CheckIn {
    long long id = 0;
    long long booking_id = 0;
    int attended = 0;  // people who came; may be below or (a late addition) above the booking
    std::string checked_in_at;
    std::optional<long long> checked_in_by;
};

enum class WaitlistStatus { kWaiting, kOffered, kAccepted, kExpired, kLeft };
inline constexpr CodeTable<WaitlistStatus, 5> kWaitlistStatusCodes{{{WaitlistStatus::kWaiting, "waiting"},
                                                                    {WaitlistStatus::kOffered, "offered"},
                                                                    {WaitlistStatus::kAccepted, "accepted"},
                                                                    {WaitlistStatus::kExpired, "expired"},
                                                                    {WaitlistStatus::kLeft, "left"}}};
constexpr std::string_view ToCode(WaitlistStatus s) { return CodeOf(kWaitlistStatusCodes, s); }

struct WaitlistEntry {
    long long id = 0;
    long long session_id = 0;
    std::optional<long long> user_id;
    std::optional<long long> group_request_id;
    int people = 0;  // the whole party or group waits together
    WaitlistStatus status = WaitlistStatus::kWaiting;
    std::string offer_expires_at;
    std::string created_at;
};

// A ticket code as people and scanners give it, in the form it is stored: spaces and dashes
// removed ("8Q4A-33JD" as a ticket may show it), upper case, then the "JUO:" prefix (what the QR
// code holds; any case) removed, repeated ones too. "JUO:9xhq-v4h9 3d" → "9XHQV4H93D". A
// normalised code normalises to itself.
// Empty when nothing is left; the caller refuses that. Every lookup of a ticket by its code
// (API, check-in page) goes through it.
std::string NormaliseTicketCode(std::string_view text);

// Checks a public party's size against the edition's maximum per booking.
Status ValidatePartySize(int people, int max_party_size);

// Checks an attended headcount: 0..2 × booked people (a group may bring an extra adult, not a
// second class).
Status ValidateAttended(int attended, int booked_people);

}  // namespace juo::domain
