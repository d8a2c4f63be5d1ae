// Tests of the route × role table: every rule with every role, against expectations written
// here independently of the table, and the scope checks.
#include "auth/authorisation.h"

#include <gtest/gtest.h>

#include <set>
#include <sstream>

namespace juo::auth {
namespace {

struct Expected {
    const char* method;
    const char* pattern;
    const char* roles;  // space-separated role names allowed; "all" = everyone incl. anonymous
};

// Written from the issue, not copied from the table.
const Expected kExpected[] = {
    {"GET", "/", "all"},
    {"GET", "/recherche", "all"},
    {"GET", "/search", "all"},
    {"GET", "/usines/{id}", "all"},
    {"GET", "/a-propos", "all"},
    {"GET", "/robots.txt", "all"},
    {"GET", "/sitemap.xml", "all"},
    {"GET", "/manifest.webmanifest", "all"},
    {"GET", "/favicon.ico", "all"},
    {"GET", "/api/v1/editions", "all"},
    {"GET", "/api/v1/editions/{year}", "all"},
    {"GET", "/api/v1/search", "all"},
    {"GET", "/api/v1/sites", "all"},
    {"GET", "/api/v1/sites/{id}", "all"},
    {"GET", "/api/v1/sites/{id}/sessions", "all"},
    {"GET", "/api/v1/sessions/{id}", "all"},
    {"GET", "/api/v1/sectors", "all"},
    {"GET", "/api/v1/communes", "all"},
    {"GET", "/api/v1/map", "all"},
    {"POST", "/api/v1/accounts", "all"},
    {"POST", "/api/v1/accounts/confirm", "all"},
    {"POST", "/api/v1/sessions", "all"},
    {"DELETE", "/api/v1/sessions", "visitor teacher adviser host relay organiser"},
    {"POST", "/api/v1/password-resets", "all"},
    {"POST", "/api/v1/password-resets/confirm", "all"},
    {"GET", "/api/v1/me", "visitor teacher adviser host relay organiser"},
    {"POST", "/api/v1/bookings", "visitor teacher adviser organiser"},
    {"GET", "/api/v1/me/bookings", "visitor teacher adviser organiser"},
    {"POST", "/api/v1/bookings/{id}/cancel", "visitor teacher adviser organiser"},
    {"POST", "/api/v1/bookings/{id}/people", "visitor teacher adviser organiser"},
    {"POST", "/api/v1/waitlist/{id}/leave", "visitor teacher adviser organiser"},
    {"POST", "/api/v1/waitlist/{id}/accept", "visitor teacher adviser organiser"},
    {"POST", "/api/v1/waitlist/leave", "all"},
    {"POST", "/api/v1/group-requests", "teacher adviser"},
    {"GET", "/api/v1/me/group-requests", "teacher adviser"},
    {"GET", "/api/v1/host/group-requests", "host relay organiser"},
    {"POST", "/api/v1/group-requests/{id}/accept", "host relay organiser"},
    {"POST", "/api/v1/group-requests/{id}/refuse", "host relay organiser"},
    {"GET", "/api/v1/host/sessions/{id}/bookings", "host relay organiser"},
    {"POST", "/api/v1/check-ins", "host relay organiser"},
    // [block: offline check-in, issue 19 item 3]
    {"GET", "/api/v1/host/check-ins/day", "host relay organiser"},
    {"POST", "/api/v1/check-ins/sync", "host relay organiser"},
    {"DELETE", "/api/v1/bookings/{id}/check-in", "host relay organiser"},
    // [end of block: offline check-in]
    {"GET", "/compte", "anonymous visitor teacher adviser host relay organiser"},
    {"GET", "/compte/inscription", "all"},
    {"POST", "/compte/inscription", "all"},
    {"GET", "/compte/connexion", "all"},
    {"POST", "/compte/connexion", "all"},
    {"GET", "/compte/confirmation", "all"},
    {"GET", "/compte/mot-de-passe-oublie", "all"},
    {"POST", "/compte/mot-de-passe-oublie", "all"},
    {"GET", "/compte/nouveau-mot-de-passe", "all"},
    {"POST", "/compte/nouveau-mot-de-passe", "all"},
    {"GET", "/compte/deconnexion", "visitor teacher adviser host relay organiser"},
    {"POST", "/compte/deconnexion", "visitor teacher adviser host relay organiser"},
    {"GET", "/compte/reservations", "visitor teacher adviser organiser"},
    {"POST", "/compte/reservations", "visitor teacher adviser organiser"},
    // Issue 17: anyone books (guests too), and a booking's manage page opens by its link.
    {"GET", "/reserver/{session_id}", "anonymous visitor teacher adviser host relay organiser"},
    {"POST", "/reserver/{session_id}", "anonymous visitor teacher adviser host relay organiser"},
    {"GET", "/reservation/{id}", "anonymous visitor teacher adviser host relay organiser"},
    {"POST", "/reservation/{id}", "anonymous visitor teacher adviser host relay organiser"},
    {"GET", "/reservation/{id}/agenda.ics", "anonymous visitor teacher adviser host relay organiser"},
    {"GET", "/liste-attente/quitter", "anonymous visitor teacher adviser host relay organiser"},
    {"POST", "/liste-attente/quitter", "anonymous visitor teacher adviser host relay organiser"},
    // [block: waiting-list offer by its link]
    {"GET", "/liste-attente/offre/{id}", "anonymous visitor teacher adviser host relay organiser"},
    {"POST", "/liste-attente/offre/{id}", "anonymous visitor teacher adviser host relay organiser"},
    {"POST", "/api/v1/waitlist/offers/accept", "anonymous visitor teacher adviser host relay organiser"},
    // [end of block: waiting-list offer by its link]
    {"GET", "/desabonnement", "anonymous visitor teacher adviser host relay organiser"},
    {"POST", "/desabonnement", "anonymous visitor teacher adviser host relay organiser"},
    {"GET", "/groupes/demande", "teacher adviser"},
    {"POST", "/groupes/demande", "teacher adviser"},
    {"GET", "/compte/demandes", "teacher adviser"},
    {"GET", "/accueil/demandes", "host relay organiser"},
    {"POST", "/accueil/demandes", "host relay organiser"},
    // [block: friday requests, issue 18]
    {"GET", "/groupes/demande/{id}", "teacher adviser"},
    {"POST", "/groupes/demande/{id}", "teacher adviser"},
    {"POST", "/groupes/demande/{id}/annuler", "teacher adviser"},
    {"GET", "/organisation/ecoles", "relay organiser"},
    {"POST", "/organisation/ecoles", "relay organiser"},
    {"POST", "/organisation/editions/{id}/date-limite-demandes", "organiser"},
    {"GET", "/api/v1/schools", "teacher adviser relay organiser"},
    {"PATCH", "/api/v1/group-requests/{id}", "teacher adviser"},
    {"DELETE", "/api/v1/group-requests/{id}", "teacher adviser"},
    {"POST", "/api/v1/group-requests/{id}/wishes/{rank}/unavailable", "host relay organiser"},
    // [end of block: friday requests]
    {"GET", "/usine/inscription", "host organiser"},
    {"POST", "/usine/inscription", "host organiser"},
    {"GET", "/usine", "host organiser"},
    {"POST", "/usine/courriels", "host organiser"},  // issue 19: one e-mail per event or a digest
    {"GET", "/usine/{id}/visites", "host relay organiser"},
    {"POST", "/usine/{id}/visites", "host relay organiser"},
    {"GET", "/usine/{id}/visites/{tour}/modifier", "host relay organiser"},  // issue 19: a tour changed
    {"POST", "/usine/{id}/visites/{tour}/modifier", "host relay organiser"},
    {"GET", "/usine/{id}/visites/{tour}/supprimer", "host relay organiser"},  // issue 19: a tour deleted
    {"POST", "/usine/{id}/visites/{tour}/supprimer", "host relay organiser"},
    {"GET", "/usine/{id}/visiteurs", "host relay organiser"},
    {"GET", "/organisation/enquetes", "organiser"},
    {"POST", "/organisation/enquetes", "organiser"},
    {"GET", "/enquetes/{id}", "visitor teacher adviser host relay organiser"},
    {"POST", "/enquetes/{id}", "visitor teacher adviser host relay organiser"},
    {"GET", "/organisation/journal", "organiser"},
    {"GET", "/organisation/moderation", "relay organiser"},
    {"GET", "/organisation/medias", "organiser"},
    {"POST", "/organisation/medias", "organiser"},
    {"POST", "/organisation/moderation", "relay organiser"},
    // [block: editions, users and roles]
    // The organiser's editions, users and roles: the organiser only.
    {"GET", "/organisation/editions", "organiser"},
    {"POST", "/organisation/editions/clone", "organiser"},
    {"GET", "/organisation/editions/{id}", "organiser"},
    {"POST", "/organisation/editions/{id}", "organiser"},
    {"POST", "/organisation/editions/{id}/invitations", "organiser"},
    {"GET", "/organisation/utilisateurs", "organiser"},
    {"GET", "/organisation/utilisateurs/{id}", "organiser"},
    {"POST", "/organisation/utilisateurs/{id}", "organiser"},
    {"GET", "/api/v1/organisation/editions", "organiser"},
    {"POST", "/api/v1/organisation/editions/clone", "organiser"},
    {"GET", "/api/v1/organisation/editions/{id}", "organiser"},
    {"PATCH", "/api/v1/organisation/editions/{id}", "organiser"},
    {"POST", "/api/v1/organisation/editions/{id}/invitations", "organiser"},
    {"GET", "/api/v1/users", "organiser"},
    {"GET", "/api/v1/users/{id}", "organiser"},
    // Issue 21: a person's data (export, erasure; on request by the organiser), the resend.
    {"POST", "/api/v1/accounts/confirmation-emails", "all"},
    {"GET", "/api/v1/me/export", "visitor teacher adviser host relay organiser"},
    {"DELETE", "/api/v1/me", "visitor teacher adviser host relay organiser"},
    {"GET", "/api/v1/users/{id}/export", "organiser"},
    {"DELETE", "/api/v1/users/{id}", "organiser"},
    {"GET", "/compte/donnees", "visitor teacher adviser host relay organiser"},
    {"GET", "/compte/supprimer", "visitor teacher adviser host relay organiser"},
    {"POST", "/compte/supprimer", "visitor teacher adviser host relay organiser"},
    {"GET", "/organisation/utilisateurs/{id}/donnees", "organiser"},
    {"GET", "/organisation/utilisateurs/{id}/supprimer", "organiser"},
    {"POST", "/organisation/utilisateurs/{id}/supprimer", "organiser"},
    {"POST", "/api/v1/users/{id}/roles", "organiser"},
    {"DELETE", "/api/v1/users/{id}/roles/{grant_id}", "organiser"},
    // [end of block: editions, users and roles]
    // [block: exports, imports, social mentions]
    {"GET", "/organisation/exports", "relay organiser"},
    {"GET", "/organisation/exports/{list}", "relay organiser"},
    {"GET", "/api/v1/exports/{list}", "relay organiser"},
    {"GET", "/organisation/usines/import", "organiser"},
    {"POST", "/organisation/usines/import", "organiser"},
    {"POST", "/api/v1/imports/sites", "organiser"},
    {"POST", "/api/v1/imports/media", "organiser"},
    {"GET", "/api/v1/media-mentions", "organiser"},
    {"POST", "/api/v1/media-mentions", "organiser"},
    {"PATCH", "/api/v1/media-mentions/{id}", "organiser"},
    {"DELETE", "/api/v1/media-mentions/{id}", "organiser"},
    {"GET", "/api/v1/social-mentions", "organiser"},
    {"POST", "/api/v1/social-mentions", "organiser"},
    {"DELETE", "/api/v1/social-mentions/{id}", "organiser"},
    // [end of block: exports, imports, social mentions]
    // [block: host space: site profile, photo, internships, re-enrolment, teaching kit]
    {"GET", "/organisation/moderation/visites", "relay organiser"},
    {"POST", "/organisation/moderation/visites", "relay organiser"},
    {"GET", "/api/v1/moderation/sessions", "relay organiser"},
    {"POST", "/api/v1/moderation/sessions/{id}/withdraw", "relay organiser"},
    {"GET", "/organisation", "relay organiser"},
    {"GET", "/api/v1/organisation/figures", "relay organiser"},  // [block: organiser live view]
    // [block: allocation API, issue 18 (O)]
    {"POST", "/api/v1/organisation/allocations", "organiser"},
    {"GET", "/api/v1/organisation/allocations", "relay organiser"},
    {"GET", "/api/v1/organisation/allocations/jobs/{id}", "relay organiser"},
    {"GET", "/api/v1/organisation/allocations/{id}", "relay organiser"},
    {"POST", "/api/v1/organisation/allocations/{id}/publish", "organiser"},
    {"POST", "/api/v1/organisation/allocations/{id}/discard", "organiser"},
    {"GET", "/api/v1/organisation/allocations/{id}/buses.csv", "relay organiser"},
    {"GET", "/api/v1/organisation/allocations/{id}/buses.xlsx", "relay organiser"},
    // [end of block: allocation API]
    {"GET", "/api/v1/host/sites/{id}/profile", "host relay organiser"},
    {"PATCH", "/api/v1/host/sites/{id}/profile", "host relay organiser"},
    {"POST", "/api/v1/host/sites/{id}/resubmit", "host relay organiser"},
    {"PUT", "/api/v1/host/sites/{id}/photo", "host relay organiser"},
    {"POST", "/api/v1/host/sites/{id}/re-enrolment", "host relay organiser"},
    {"GET", "/api/v1/host/sites/{id}/internships", "host relay organiser"},
    {"POST", "/api/v1/host/sites/{id}/internships", "host relay organiser"},
    {"PATCH", "/api/v1/host/sites/{id}/internships/{offer_id}", "host relay organiser"},
    {"GET", "/api/v1/teaching-kit", "all"},
    {"GET", "/api/v1/organisation/teaching-kit", "organiser"},
    {"POST", "/api/v1/organisation/teaching-kit", "organiser"},
    {"PATCH", "/api/v1/organisation/teaching-kit/{id}", "organiser"},
    {"GET", "/usine/{id}/fiche", "host relay organiser"},
    {"POST", "/usine/{id}/fiche", "host relay organiser"},
    {"POST", "/usine/{id}/photo", "host relay organiser"},
    {"GET", "/usines/{id}/photo", "all"},
    {"POST", "/usine/{id}/reinscription", "host relay organiser"},
    {"GET", "/usine/{id}/stages", "host relay organiser"},
    {"POST", "/usine/{id}/stages", "host relay organiser"},
    {"GET", "/organisation/kit", "organiser"},
    {"POST", "/organisation/kit", "organiser"},
    {"GET", "/kit", "all"},
    {"GET", "/kit/{id}", "all"},
    // [end of block: host space: site profile, photo, internships, re-enrolment, teaching kit]
    // [block: api of existing pages]
    {"POST", "/api/v1/host/sites", "host organiser"},
    {"GET", "/api/v1/host/sites", "host organiser"},
    {"GET", "/api/v1/host/sites/{id}/sessions", "host relay organiser"},
    {"POST", "/api/v1/host/sites/{id}/sessions", "host relay organiser"},
    {"PATCH", "/api/v1/host/sites/{id}/sessions/{session_id}", "host relay organiser"},  // issue 19
    {"DELETE", "/api/v1/host/sites/{id}/sessions/{session_id}", "host relay organiser"},
    {"GET", "/api/v1/host/sites/{id}/visitors", "host relay organiser"},
    {"GET", "/api/v1/moderation", "relay organiser"},
    {"POST", "/api/v1/moderation/{id}", "relay organiser"},
    {"GET", "/api/v1/surveys", "organiser"},
    {"POST", "/api/v1/surveys", "organiser"},
    {"GET", "/api/v1/surveys/{id}", "organiser"},
    {"POST", "/api/v1/surveys/{id}/send", "organiser"},
    {"GET", "/api/v1/surveys/{id}/form", "visitor teacher adviser host relay organiser"},
    {"POST", "/api/v1/surveys/{id}/responses", "visitor teacher adviser host relay organiser"},
    {"POST", "/api/v1/quotes", "organiser"},
    {"GET", "/api/v1/audit", "organiser"},
    // [end of block: api of existing pages]
    {"GET", "/accueil/pointage", "host relay organiser"},
    {"POST", "/accueil/pointage", "host relay organiser"},
    // [block: allocation page (issue 18)]
    {"GET", "/organisation/repartition", "relay organiser"},
    {"POST", "/organisation/repartition", "organiser"},
    {"GET", "/organisation/repartition/calcul/{id}", "relay organiser"},
    {"GET", "/organisation/repartition/calcul/{id}/etat", "relay organiser"},
    {"GET", "/organisation/repartition/{id}", "relay organiser"},
    {"POST", "/organisation/repartition/{id}", "organiser"},
    {"GET", "/organisation/repartition/{id}/publier", "organiser"},
    {"POST", "/organisation/repartition/{id}/publier", "organiser"},
    {"GET", "/organisation/repartition/{id}/export", "relay organiser"},
    // [end of block: allocation page]
    {"GET", "/demo/courriels", "all"},
    {"GET", "/demo/courriels/{id}/pieces/{n}", "all"},
};

std::set<std::string> Names(const char* roles) {
    if (std::string(roles) == "all")
        return {"anonymous", "visitor", "teacher", "adviser", "host", "relay", "organiser"};
    std::set<std::string> names;
    std::istringstream in(roles);
    for (std::string name; in >> name;) names.insert(name);
    return names;
}

Principal With(std::vector<domain::RoleGrant> grants) {
    Principal p;
    p.user_id = 7;
    p.roles = std::move(grants);
    return p;
}

TEST(AuthorisationTest, TheTableHasExactlyTheExpectedRoutes) {
    std::set<std::pair<std::string, std::string>> table, expected;
    for (const auto& rule : AccessRules()) table.emplace(rule.method, rule.pattern);
    for (const auto& e : kExpected) expected.emplace(e.method, e.pattern);
    EXPECT_EQ(table.size(), AccessRules().size()) << "duplicate rules";
    EXPECT_EQ(table, expected);
}

TEST(AuthorisationTest, EveryRouteWithEveryRole) {
    int checked = 0;
    for (const auto& e : kExpected) {
        auto allowed = Names(e.roles);
        for (Role role : kAllRoles) {
            bool expect = allowed.count(std::string(RoleName(role))) > 0;
            EXPECT_EQ(Allowed(e.method, e.pattern, RoleSet{role}), expect)
                << e.method << " " << e.pattern << " as " << RoleName(role);
            if (std::string(e.method) == "GET") {
                EXPECT_EQ(Allowed("HEAD", e.pattern, RoleSet{role}), expect) << "HEAD " << e.pattern;
            }
            ++checked;
        }
    }
    EXPECT_EQ(checked, static_cast<int>(std::size(kExpected) * std::size(kAllRoles)));
}

TEST(AuthorisationTest, UnknownRoutesAndMethodsAreRefusedToEveryone) {
    RoleSet everyone{Role::kAnonymous, Role::kVisitor, Role::kTeacher,  Role::kAdviser,
                     Role::kHost,      Role::kRelay,   Role::kOrganiser};
    EXPECT_FALSE(Allowed("GET", "/api/v1/admin", everyone));
    EXPECT_FALSE(Allowed("DELETE", "/api/v1/bookings", everyone));
    EXPECT_FALSE(Allowed("get", "/", everyone));  // methods are case-sensitive, as in the router
    EXPECT_FALSE(Allowed("GET", "/api/v1/bookings/42", everyone));  // patterns, not paths
    EXPECT_FALSE(Allowed("GET", "/", RoleSet{}));
    EXPECT_FALSE(FindAccessRule("PUT", "/").has_value());
    EXPECT_EQ(Decide("GET", "/nowhere", nullptr), Decision::kForbidden);
}

TEST(AuthorisationTest, RolesOfPrincipals) {
    EXPECT_EQ(RolesOf(nullptr), RoleSet{Role::kAnonymous});
    Principal none = With({});
    EXPECT_EQ(RolesOf(&none), RoleSet{Role::kVisitor});
    Principal both = With({{domain::Role::kTeacher, {}, std::nullopt}, {domain::Role::kHost, {}, 3}});
    EXPECT_EQ(RolesOf(&both), (RoleSet{Role::kTeacher, Role::kHost}));
    // A teacher who is also a host may do both sides.
    EXPECT_TRUE(Allowed("POST", "/api/v1/group-requests", RolesOf(&both)));
    EXPECT_TRUE(Allowed("POST", "/api/v1/check-ins", RolesOf(&both)));
    EXPECT_EQ(RoleName(Role::kAdviser), "adviser");
    EXPECT_EQ(FromDomain(domain::Role::kRelay), Role::kRelay);
}

TEST(AuthorisationTest, DecideSaysSignInForAnonymousAndForbiddenForTheWrongRole) {
    Principal visitor = With({{domain::Role::kVisitor, {}, std::nullopt}});
    EXPECT_EQ(Decide("GET", "/", nullptr), Decision::kAllow);
    EXPECT_EQ(Decide("POST", "/api/v1/bookings", nullptr), Decision::kSignInRequired);
    EXPECT_EQ(Decide("GET", "/compte/reservations", nullptr), Decision::kSignInRequired);
    EXPECT_EQ(Decide("GET", "/reserver/{session_id}", nullptr), Decision::kAllow);  // guests book (issue 17)
    EXPECT_EQ(Decide("POST", "/api/v1/bookings", &visitor), Decision::kAllow);
    EXPECT_EQ(Decide("POST", "/api/v1/check-ins", &visitor), Decision::kForbidden);
    EXPECT_EQ(Decide("POST", "/api/v1/check-ins", nullptr), Decision::kSignInRequired);
}

TEST(AuthorisationTest, ScopesOfHostsRelaysAndOrganisers) {
    Principal host = With({{domain::Role::kHost, {}, 10}, {domain::Role::kHost, {}, 11}});
    Principal relay =
        With({{domain::Role::kRelay, "69", std::nullopt}, {domain::Role::kRelay, "2A", std::nullopt}});
    Principal organiser = With({{domain::Role::kOrganiser, {}, std::nullopt}});
    Principal teacher = With({{domain::Role::kTeacher, {}, std::nullopt}});
    Principal host_without_site = With({{domain::Role::kHost, {}, std::nullopt}});

    EXPECT_TRUE(CanActOnSite(host, 10));
    EXPECT_TRUE(CanActOnSite(host, 11));
    EXPECT_FALSE(CanActOnSite(host, 12));
    EXPECT_FALSE(CanActOnSite(host_without_site, 0));
    EXPECT_FALSE(CanActOnSite(relay, 10));
    EXPECT_FALSE(CanActOnSite(teacher, 10));
    EXPECT_TRUE(CanActOnSite(organiser, 12345));

    EXPECT_TRUE(CanActOnDepartment(relay, "69"));
    EXPECT_TRUE(CanActOnDepartment(relay, "2A"));
    EXPECT_FALSE(CanActOnDepartment(relay, "2B"));
    EXPECT_FALSE(CanActOnDepartment(relay, ""));
    EXPECT_FALSE(CanActOnDepartment(host, "69"));
    EXPECT_TRUE(CanActOnDepartment(organiser, "976"));
    EXPECT_TRUE(CanActOnDepartment(organiser, ""));

    EXPECT_TRUE(CanManageSite(host, 10, "13"));
    EXPECT_TRUE(CanManageSite(relay, 99, "69"));
    EXPECT_FALSE(CanManageSite(relay, 99, "13"));
    EXPECT_FALSE(CanManageSite(host, 99, "69"));
    EXPECT_TRUE(CanManageSite(organiser, 99, "13"));
}

}  // namespace
}  // namespace juo::auth
