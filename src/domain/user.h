// Users and their roles. A regional relay is scoped to departments, a host to sites.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/enum_codes.h"

namespace juo::domain {

enum class Role { kVisitor, kTeacher, kAdviser, kHost, kRelay, kOrganiser };
inline constexpr CodeTable<Role, 6> kRoleCodes{{{Role::kVisitor, "visitor"},
                                                {Role::kTeacher, "teacher"},
                                                {Role::kAdviser, "adviser"},
                                                {Role::kHost, "host"},
                                                {Role::kRelay, "relay"},
                                                {Role::kOrganiser, "organiser"}}};
constexpr std::string_view ToCode(Role r) { return CodeOf(kRoleCodes, r); }
constexpr std::optional<Role> ParseRole(std::string_view c) { return ValueOf(kRoleCodes, c); }

struct RoleGrant {
    Role role = Role::kVisitor;
    std::string department_code;       // relays: one grant per department
    std::optional<long long> site_id;  // hosts: one grant per site
};

struct User {
    long long id = 0;
    std::string email;
    std::string display_name;
    std::string password_hash;  // argon2id string; empty until set
    std::string email_confirmed_at;
    std::optional<long long> organisation_id;
    std::optional<long long> school_id;
    std::string locale = "fr";
    std::string created_at;
    std::vector<RoleGrant> roles;
};

// True for a plausible e-mail address: one '@', a non-empty local part, a dotted domain,
// no spaces, at most 254 bytes.
bool IsPlausibleEmail(std::string_view email);

}  // namespace juo::domain
