// Booking rules.
#include "domain/booking.h"

#include <cctype>

namespace juo::domain {

std::string NormaliseTicketCode(std::string_view text) {
    auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    std::string code;
    code.reserve(text.size());
    for (char c : text)
        if (!space(c) && c != '-') code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // The prefix is removed after the spaces and dashes, and as often as it comes: otherwise
    // "JU-O:X" or "JUO:JUO:X" would leave a "JUO:" that a second normalisation removes (found by
    // fuzz/ticket_code_fuzz.cc), and a code would not be its own normal form.
    while (code.rfind("JUO:", 0) == 0) code.erase(0, 4);
    return code;
}

Status ValidatePartySize(int people, int max_party_size) {
    if (people < 1 || people > max_party_size)
        return MakeError(ErrorCode::kInvalidArgument,
                         "a booking is for 1 to " + std::to_string(max_party_size) + " people, not " +
                             std::to_string(people),
                         "une réservation est pour 1 à " + std::to_string(max_party_size) +
                             " personnes, pas " + std::to_string(people));
    return Ok();
}

Status ValidateAttended(int attended, int booked_people) {
    if (attended < 0 || attended > 2 * booked_people)
        return MakeError(ErrorCode::kInvalidArgument,
                         "attended headcount " + std::to_string(attended) + " is outside 0.." +
                             std::to_string(2 * booked_people),
                         "l'effectif présent " + std::to_string(attended) + " est hors de 0.." +
                             std::to_string(2 * booked_people));
    return Ok();
}

}  // namespace juo::domain
