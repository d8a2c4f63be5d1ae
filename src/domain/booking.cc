// Booking rules.
#include "domain/booking.h"

#include <cctype>

namespace juo::domain {

std::string NormaliseTicketCode(std::string_view text) {
    auto space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
    while (!text.empty() && space(text.front())) text.remove_prefix(1);
    if (text.size() >= 4 && std::toupper(static_cast<unsigned char>(text[0])) == 'J' &&
        std::toupper(static_cast<unsigned char>(text[1])) == 'U' &&
        std::toupper(static_cast<unsigned char>(text[2])) == 'O' && text[3] == ':')
        text.remove_prefix(4);
    std::string code;
    code.reserve(text.size());
    for (char c : text)
        if (!space(c) && c != '-') code += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
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
