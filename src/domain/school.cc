// School rules.
#include "domain/school.h"

namespace juo::domain {

bool IsValidUai(std::string_view uai) {
    if (uai.size() != 8) return false;
    for (size_t i = 0; i < 7; ++i)
        if ((uai[i] < '0' || uai[i] > '9') && !(i < 3 && (uai[i] == 'A' || uai[i] == 'B'))) return false;
    return uai[7] >= 'A' && uai[7] <= 'Z';
}

}  // namespace juo::domain
