// Authorisation: which roles may call which route, as one data table (route pattern × method →
// allowed roles), and the scope checks that the table cannot express (a host acts on their own
// sites, a relay on their departments, an organiser on everything).
//
// Route patterns are written exactly as the router registers them ("/api/v1/bookings/{id}"), so
// the server checks RouteMatch::pattern against the table before running a handler. A route
// missing from the table is refused for everyone (deny by default); a test walks every rule
// with every role. HEAD is checked as GET (the router serves HEAD with the GET handler).
//
// Thread-safety: pure functions over a constant table.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "auth/principal.h"
#include "domain/user.h"

namespace juo::auth {

// The roles of the table: domain::Role plus kAnonymous (no session).
enum class Role : uint8_t { kAnonymous, kVisitor, kTeacher, kAdviser, kHost, kRelay, kOrganiser };
inline constexpr Role kAllRoles[] = {Role::kAnonymous, Role::kVisitor, Role::kTeacher,  Role::kAdviser,
                                     Role::kHost,      Role::kRelay,   Role::kOrganiser};

// "anonymous", "visitor", ... (domain::ToCode for the signed-in roles).
std::string_view RoleName(Role role);
Role FromDomain(domain::Role role);

// A set of roles as a bit mask.
class RoleSet {
 public:
    constexpr RoleSet() = default;
    constexpr RoleSet(std::initializer_list<Role> roles) {
        for (Role r : roles) bits_ |= Bit(r);
    }
    constexpr bool Contains(Role r) const { return (bits_ & Bit(r)) != 0; }
    constexpr bool Intersects(RoleSet other) const { return (bits_ & other.bits_) != 0; }
    constexpr RoleSet With(Role r) const {
        RoleSet s = *this;
        s.bits_ |= Bit(r);
        return s;
    }
    constexpr bool empty() const { return bits_ == 0; }
    constexpr bool operator==(const RoleSet&) const = default;

 private:
    static constexpr uint8_t Bit(Role r) { return static_cast<uint8_t>(1u << static_cast<unsigned>(r)); }
    uint8_t bits_ = 0;
};

// The roles of a request: {kAnonymous} without a principal, else the principal's roles (a
// signed-in user without any grant counts as a visitor, the role every sign-up gets).
RoleSet RolesOf(const Principal* principal);

struct AccessRule {
    std::string_view method;   // "GET", "POST", "DELETE"...
    std::string_view pattern;  // as registered with the router
    RoleSet allowed;
};

// Every rule, in one table (authorisation.cc). Each (method, pattern) appears once.
std::span<const AccessRule> AccessRules();

// The rule for a method and pattern (HEAD looks up GET), or nullopt when none is written.
std::optional<AccessRule> FindAccessRule(std::string_view method, std::string_view pattern);

// True when one of `roles` may call the route. False for a route without a rule.
bool Allowed(std::string_view method, std::string_view pattern, RoleSet roles);

// What the server should do with a request.
enum class Decision {
    kAllow,
    kSignInRequired,  // anonymous on a signed-in route: 401 for the API, a redirect to the login page
    kForbidden,       // signed in without the role, or a route without a rule: 403
};
Decision Decide(std::string_view method, std::string_view pattern, const Principal* principal);

// Scope checks, after the table allowed the route.
// Organiser: any site. Host: the sites of their host grants.
bool CanActOnSite(const Principal& principal, long long site_id);
// Organiser: any department. Relay: the departments of their relay grants (e.g. "69", "2A").
bool CanActOnDepartment(const Principal& principal, std::string_view department_code);
// A site in `department_code`: CanActOnSite or CanActOnDepartment.
bool CanManageSite(const Principal& principal, long long site_id, std::string_view department_code);

}  // namespace juo::auth
