#include "common/fingerprint.h"

#include <cstdio>

namespace juo {

std::string Fnv1a64Hex(std::string_view data) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(Fnv1a64(data)));
    return hex;
}

}  // namespace juo
