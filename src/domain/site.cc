// Site rules: SIRET checksum, NAF and postcode formats.
#include "domain/site.h"

namespace juo::domain {

bool IsValidSiret(std::string_view s) {
    if (s.size() != 14) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    if (s.substr(0, 9) == "356000000") {  // La Poste: the sum of the digits is a multiple of 5
        int sum = 0;
        for (char c : s) sum += c - '0';
        return sum % 5 == 0;
    }
    int sum = 0;
    for (int i = 0; i < 14; ++i) {
        int d = s[13 - i] - '0';
        if (i % 2 == 1) {
            d *= 2;
            if (d > 9) d -= 9;
        }
        sum += d;
    }
    return sum % 10 == 0;
}

bool IsValidNafCode(std::string_view c) {
    auto digit = [](char ch) { return ch >= '0' && ch <= '9'; };
    return c.size() == 6 && digit(c[0]) && digit(c[1]) && c[2] == '.' && digit(c[3]) && digit(c[4]) &&
           c[5] >= 'A' && c[5] <= 'Z';
}

bool IsValidPostcode(std::string_view p) {
    if (p.size() != 5) return false;
    for (char c : p)
        if (c < '0' || c > '9') return false;
    return p.substr(0, 2) != "00";
}

Status ValidateSite(const Site& s) {
    auto invalid = [](std::string en, std::string fr) {
        return MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr));
    };
    if (s.name.empty() || s.name.size() > 200)
        return invalid("site name must be 1 to 200 characters",
                       "le nom du site doit faire 1 à 200 caractères");
    if (!IsValidNafCode(s.naf_code))
        return invalid("NAF code '" + s.naf_code + "' is not of the form 29.10Z",
                       "le code NAF '" + s.naf_code + "' n'est pas de la forme 29.10Z");
    if (s.naf_division != s.naf_code.substr(0, 2))
        return invalid("NAF division '" + s.naf_division + "' does not match code " + s.naf_code,
                       "la division NAF '" + s.naf_division + "' ne correspond pas au code " + s.naf_code);
    if (!IsValidPostcode(s.postcode))
        return invalid("postcode '" + s.postcode + "' is not five digits",
                       "le code postal '" + s.postcode + "' n'a pas cinq chiffres");
    if (s.commune_code.size() != 5 || s.department_code.empty() || s.region_code.empty())
        return invalid("site has no commune", "le site n'a pas de commune");
    if (!IsValidPosition(s.position))
        return invalid("site position is not a valid latitude/longitude",
                       "la position du site n'est pas une latitude/longitude valide");
    if (!s.siret.empty() && !IsValidSiret(s.siret))
        return invalid("SIRET '" + s.siret + "' is not 14 digits with a valid checksum",
                       "le SIRET '" + s.siret + "' n'a pas 14 chiffres avec une clé valide");
    if (s.min_age && (*s.min_age < 0 || *s.min_age > 25))
        return invalid("minimum age must be 0..25", "l'âge minimum doit être compris entre 0 et 25 ans");
    return Ok();
}

}  // namespace juo::domain
