// Booking rules and random codes.
#include "booking/rules.h"

#include <sodium.h>

#include <algorithm>

namespace juo::booking {
namespace {

// libsodium must be initialised once before its random functions (thread-safe, idempotent).
void EnsureSodium() {
    static const bool ready = sodium_init() >= 0;
    (void)ready;
}

}  // namespace

Status CheckSiteApproved(const store::SessionForBooking& s) {
    if (s.participation_status == "approved") return Ok();
    return MakeError(ErrorCode::kNotFound,
                     "no tour " + std::to_string(s.id) + ": its factory does not take part in this edition",
                     "aucune visite n°" + std::to_string(s.id) + " : son usine ne participe pas à cette édition");
}

Status CheckPartyBookable(const store::SessionForBooking& s, domain::Audience audience, int people,
                          const std::string& now) {
    JUO_TRY(CheckSiteApproved(s));
    if (s.edition_status != "open")
        return MakeError(ErrorCode::kConflict, "registrations for this edition are not open",
                         "les inscriptions de cette édition ne sont pas ouvertes");
    if (!s.registration_opens_at.empty() && now < s.registration_opens_at)
        return MakeError(ErrorCode::kConflict, "registrations open on " + s.registration_opens_at,
                         "les inscriptions ouvrent le " + s.registration_opens_at);
    if (!s.registration_closes_at.empty() && now > s.registration_closes_at)
        return MakeError(ErrorCode::kConflict, "registrations closed on " + s.registration_closes_at,
                         "les inscriptions sont closes depuis le " + s.registration_closes_at);
    if (s.status != "open")
        return MakeError(ErrorCode::kConflict, "this tour is " + s.status + ", it cannot be booked",
                         "cette visite n'est pas ouverte aux réservations");
    if (domain::IsGroupAudience(audience))
        return MakeError(
            ErrorCode::kInvalidArgument,
            "school classes and job-seeker groups ask for a visit with a group request",
            "les classes et les groupes France Travail passent par une demande de visite de groupe");
    if (std::find(s.audiences.begin(), s.audiences.end(), audience) == s.audiences.end())
        return MakeError(ErrorCode::kInvalidArgument,
                         "this tour is not open to the " + std::string(domain::ToCode(audience)) +
                             " audience (day " + s.day_date + ")",
                         "cette visite n'est pas ouverte à ce public (le " + s.day_date + ")");
    if (people < 1 || people > s.max_party_size)
        return MakeError(ErrorCode::kInvalidArgument,
                         "a booking is for 1 to " + std::to_string(s.max_party_size) + " people, not " +
                             std::to_string(people),
                         "une réservation compte de 1 à " + std::to_string(s.max_party_size) +
                             " personnes, pas " + std::to_string(people));
    return Ok();
}

Error NotEnoughPlaces(const store::SessionForBooking& s, int people) {
    int left = std::max(0, s.capacity_people - s.places_taken);
    return MakeError(
        ErrorCode::kFull,
        "not enough places left: " + std::to_string(left) + " for " + std::to_string(people) + " people",
        "plus assez de places : " + std::to_string(left) + " restantes pour " + std::to_string(people) +
            " personnes");
}

std::string NewTicketCode() {
    static constexpr char kAlphabet[] = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";  // 31 symbols
    EnsureSodium();
    constexpr unsigned kSymbols = sizeof kAlphabet - 1;
    constexpr unsigned kAccepted = 256 / kSymbols * kSymbols;  // 248: below it, b % 31 is uniform
    // One call to the random source per code (each call is a system call), rejection sampling
    // per byte; 32 bytes give 10 symbols with probability 1 - 1e-12, else draw again.
    std::string code;
    unsigned char bytes[32];
    while (code.size() < 10) {
        randombytes_buf(bytes, sizeof bytes);
        for (unsigned char b : bytes)
            if (b < kAccepted && code.size() < 10) code += kAlphabet[b % kSymbols];
    }
    return code;
}

std::string NewLeaveToken() {
    EnsureSodium();
    unsigned char bytes[16];
    randombytes_buf(bytes, sizeof bytes);
    char text[sodium_base64_ENCODED_LEN(16, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    sodium_bin2base64(text, sizeof text, bytes, sizeof bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    return text;
}

}  // namespace juo::booking
