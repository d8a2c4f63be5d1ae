// Edition rules and date/time validation.
#include "domain/edition.h"

#include <charconv>
#include <set>

#include "common/french_dates.h"

namespace juo::domain {
namespace {

bool Digits(std::string_view s) {
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return !s.empty();
}

int ToInt(std::string_view s) {
    int v = 0;
    std::from_chars(s.data(), s.data() + s.size(), v);
    return v;
}

}  // namespace

bool IsValidDate(std::string_view t) { return ParseIsoDate(t).has_value(); }

bool IsValidTime(std::string_view t) {
    if (t.size() != 5 || t[2] != ':' || !Digits(t.substr(0, 2)) || !Digits(t.substr(3, 2))) return false;
    return ToInt(t.substr(0, 2)) < 24 && ToInt(t.substr(3, 2)) < 60;
}

Result<int> ParseEditionYear(std::string_view text) {
    int year = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), year);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || year < kFirstEditionYear ||
        year > kLastEditionYear) {
        return MakeError(
            ErrorCode::kInvalidArgument,
            "edition year must be a number from 2025 to 2100, got '" + std::string(text) + "'",
            "l'année de l'édition doit être un nombre de 2025 à 2100 (reçu : '" + std::string(text) + "')");
    }
    return year;
}

Status ValidateEdition(const Edition& e) {
    auto invalid = [](std::string en, std::string fr) {
        return MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr));
    };
    if (e.year < kFirstEditionYear || e.year > kLastEditionYear)
        return invalid("edition year " + std::to_string(e.year) + " is outside 2025..2100",
                       "l'année " + std::to_string(e.year) + " est hors de 2025..2100");
    if (e.name.empty()) return invalid("edition name is empty", "le nom de l'édition est vide");
    if (e.days.empty()) return invalid("an edition needs at least one day", "une édition a au moins un jour");
    if (e.max_party_size < 1 || e.max_party_size > 50)
        return invalid("max party size must be 1..50", "la taille maximale d'un groupe doit être de 1 à 50");
    std::set<std::string> seen;
    for (const auto& day : e.days) {
        if (!IsValidDate(day.date))
            return invalid("day '" + day.date + "' is not a date YYYY-MM-DD",
                           "le jour '" + day.date + "' n'est pas une date AAAA-MM-JJ");
        if (day.date.substr(0, 4) != std::to_string(e.year))
            return invalid("day " + day.date + " is not in " + std::to_string(e.year),
                           "le jour " + day.date + " n'est pas en " + std::to_string(e.year));
        if (!seen.insert(day.date).second)
            return invalid("day " + day.date + " is listed twice",
                           "le jour " + day.date + " figure deux fois");
        if (day.audiences.empty())
            return invalid("day " + day.date + " admits no audience",
                           "le jour " + day.date + " n'accueille aucun public");
    }
    return Ok();
}

}  // namespace juo::domain
