// Principal: who is making a request, as the session lookup found them: the user and their role
// grants (a relay's departments, a host's sites). Anonymous requests have no Principal.
//
// Thread-safety: a plain value.
#pragma once

#include <string>
#include <vector>

#include "domain/user.h"

namespace juo::auth {

struct Principal {
    long long user_id = 0;
    std::string email;
    std::string display_name;
    std::string locale;                    // "fr" or "en"
    std::vector<domain::RoleGrant> roles;  // one grant per role, department (relay) or site (host)

    // True when the user holds `role` (in any scope).
    bool Has(domain::Role role) const {
        for (const auto& grant : roles)
            if (grant.role == role) return true;
        return false;
    }
};

}  // namespace juo::auth
