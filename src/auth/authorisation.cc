// The route × role table and the scope checks.
#include "auth/authorisation.h"

#include <array>

namespace juo::auth {
namespace {

using enum Role;

// Who may do what, named once so the table reads as the issue describes it.
constexpr RoleSet kEveryone{kAnonymous, kVisitor, kTeacher, kAdviser, kHost, kRelay, kOrganiser};
constexpr RoleSet kSignedIn{kVisitor, kTeacher, kAdviser, kHost, kRelay, kOrganiser};
// Public bookings and waiting lists: people who visit, and the organiser (on anyone's behalf).
constexpr RoleSet kBookers{kVisitor, kTeacher, kAdviser, kOrganiser};
// Friday group requests: teachers and France Travail advisers.
constexpr RoleSet kGroupRequesters{kTeacher, kAdviser};
// A factory's side (requests received, visitor lists, check-in): hosts on their own sites, relays
// on their departments, organisers everywhere (scope: CanActOnSite / CanActOnDepartment).
constexpr RoleSet kSiteStaff{kHost, kRelay, kOrganiser};

// The table. Add a route here when it is registered with the router; keep one line per
// (method, pattern).
constexpr AccessRule kRules[] = {
    // Public pages.
    {"GET", "/", kEveryone},
    {"GET", "/recherche", kEveryone},
    {"GET", "/search", kEveryone},
    {"GET", "/usines/{id}", kEveryone},
    {"GET", "/a-propos", kEveryone},
    // The site's files for crawlers and browsers (web/public/site_files.h).
    {"GET", "/robots.txt", kEveryone},
    {"GET", "/sitemap.xml", kEveryone},
    {"GET", "/manifest.webmanifest", kEveryone},
    {"GET", "/favicon.ico", kEveryone},
    // Public API reads.
    {"GET", "/api/v1/editions", kEveryone},
    {"GET", "/api/v1/editions/{year}", kEveryone},
    {"GET", "/api/v1/search", kEveryone},
    {"GET", "/api/v1/sites", kEveryone},
    {"GET", "/api/v1/sites/{id}", kEveryone},
    {"GET", "/api/v1/sites/{id}/sessions", kEveryone},
    {"GET", "/api/v1/sessions/{id}", kEveryone},
    {"GET", "/api/v1/sectors", kEveryone},
    {"GET", "/api/v1/communes", kEveryone},
    {"GET", "/api/v1/map", kEveryone},
    // Accounts: sign-up, confirmation, login, password reset (CSRF-protected by the anonymous
    // form token), logout and the signed-in user.
    {"POST", "/api/v1/accounts", kEveryone},
    {"POST", "/api/v1/accounts/confirm", kEveryone},
    {"POST", "/api/v1/sessions", kEveryone},
    {"DELETE", "/api/v1/sessions", kSignedIn},
    {"POST", "/api/v1/password-resets", kEveryone},
    {"POST", "/api/v1/password-resets/confirm", kEveryone},
    {"POST", "/api/v1/accounts/confirmation-emails", kEveryone},  // issue 21: send the link again
    {"GET", "/api/v1/me", kSignedIn},
    // Public bookings and waiting lists (ownership of a booking or an entry: the service checks).
    {"POST", "/api/v1/bookings", kBookers},
    {"GET", "/api/v1/me/bookings", kBookers},
    {"POST", "/api/v1/bookings/{id}/cancel", kBookers},
    {"POST", "/api/v1/bookings/{id}/people", kBookers},
    {"POST", "/api/v1/waitlist/{id}/leave", kBookers},
    {"POST", "/api/v1/waitlist/{id}/accept", kBookers},
    {"POST", "/api/v1/waitlist/leave", kEveryone},  // by the e-mailed link's token, no account needed
    // Group requests.
    {"POST", "/api/v1/group-requests", kGroupRequesters},
    {"GET", "/api/v1/me/group-requests", kGroupRequesters},
    // The factory's side.
    {"GET", "/api/v1/host/group-requests", kSiteStaff},
    {"POST", "/api/v1/group-requests/{id}/accept", kSiteStaff},
    {"POST", "/api/v1/group-requests/{id}/refuse", kSiteStaff},
    // [block: friday requests API, issue 18] The school search of the request form, edit and
    // cancel until the deadline (the requester's own), a wish the host's tour cannot take.
    {"GET", "/api/v1/schools", RoleSet{kTeacher, kAdviser, kRelay, kOrganiser}},
    {"PATCH", "/api/v1/group-requests/{id}", kGroupRequesters},
    {"DELETE", "/api/v1/group-requests/{id}", kGroupRequesters},
    {"POST", "/api/v1/group-requests/{id}/wishes/{rank}/unavailable", kSiteStaff},
    // [end of block: friday requests API]
    {"GET", "/api/v1/host/sessions/{id}/bookings", kSiteStaff},
    {"POST", "/api/v1/check-ins", kSiteStaff},
    // [block: offline check-in, issue 19 item 3] the day's list, a phone's queued scans, undo
    {"GET", "/api/v1/host/check-ins/day", kSiteStaff},
    {"POST", "/api/v1/check-ins/sync", kSiteStaff},
    {"DELETE", "/api/v1/bookings/{id}/check-in", kSiteStaff},
    // [end of block: offline check-in]
    // Account pages.
    {"GET", "/compte", kEveryone},
    {"GET", "/compte/inscription", kEveryone},
    {"POST", "/compte/inscription", kEveryone},
    {"GET", "/compte/connexion", kEveryone},
    {"POST", "/compte/connexion", kEveryone},
    {"GET", "/compte/confirmation", kEveryone},
    {"GET", "/compte/mot-de-passe-oublie", kEveryone},
    {"POST", "/compte/mot-de-passe-oublie", kEveryone},
    {"GET", "/compte/nouveau-mot-de-passe", kEveryone},
    {"POST", "/compte/nouveau-mot-de-passe", kEveryone},
    {"GET", "/compte/deconnexion", kSignedIn},
    {"POST", "/compte/deconnexion", kSignedIn},
    // Booking pages.
    {"GET", "/compte/reservations", kBookers},
    {"POST", "/compte/reservations", kBookers},
    // Issue 17: anyone books (a guest with an e-mail and a name), and a booking's manage page
    // opens by its e-mailed link (the page checks the link's token).
    {"GET", "/reserver/{session_id}", kEveryone},
    {"POST", "/reserver/{session_id}", kEveryone},
    {"GET", "/reservation/{id}", kEveryone},
    {"POST", "/reservation/{id}", kEveryone},
    {"GET", "/reservation/{id}/agenda.ics", kEveryone},
    {"GET", "/liste-attente/quitter", kEveryone},  // by the e-mailed link's token
    // Issue 20: leaving the reminders or the surveys by the List-Unsubscribe link's token (the
    // POST is a mail client's one-click POST too: no CSRF token, see unsubscribe_pages.h).
    {"GET", "/desabonnement", kEveryone},
    {"POST", "/desabonnement", kEveryone},
    {"POST", "/liste-attente/quitter", kEveryone},
    // [block: waiting-list offer by its link] Issue 17: a guest accepts an offer by the e-mailed
    // link (the page and the engine check the link's token).
    {"GET", "/liste-attente/offre/{id}", kEveryone},
    {"POST", "/liste-attente/offre/{id}", kEveryone},
    {"POST", "/api/v1/waitlist/offers/accept", kEveryone},
    // [end of block: waiting-list offer by its link]
    // Group request pages: the requester's side, then the factory's side.
    {"GET", "/groupes/demande", kGroupRequesters},
    {"POST", "/groupes/demande", kGroupRequesters},
    {"GET", "/compte/demandes", kGroupRequesters},
    {"GET", "/accueil/demandes", kSiteStaff},
    {"POST", "/accueil/demandes", kSiteStaff},
    // [block: friday requests, issue 18] Edit or cancel one's request until the deadline (the
    // page checks it is the caller's); the schools requesters created, checked by the organiser
    // or a relay (their departments, checked by the service).
    {"GET", "/groupes/demande/{id}", kGroupRequesters},
    {"POST", "/groupes/demande/{id}", kGroupRequesters},
    {"POST", "/groupes/demande/{id}/annuler", kGroupRequesters},
    {"GET", "/organisation/ecoles", RoleSet{kRelay, kOrganiser}},
    {"POST", "/organisation/ecoles", RoleSet{kRelay, kOrganiser}},
    {"POST", "/organisation/editions/{id}/date-limite-demandes", RoleSet{kOrganiser}},
    // [end of block: friday requests]
    // The host space (a new host has no site yet: the role is enough to register one) and the
    // moderation queue (relays: their departments, checked by the page).
    {"GET", "/usine/inscription", RoleSet{kHost, kOrganiser}},
    {"POST", "/usine/inscription", RoleSet{kHost, kOrganiser}},
    {"GET", "/usine", RoleSet{kHost, kOrganiser}},
    {"POST", "/usine/courriels", RoleSet{kHost, kOrganiser}},  // issue 19: one e-mail per event, or a digest
    {"GET", "/usine/{id}/visites", kSiteStaff},
    {"POST", "/usine/{id}/visites", kSiteStaff},
    {"GET", "/usine/{id}/visites/{tour}/modifier", kSiteStaff},  // issue 19: a tour edited
    {"POST", "/usine/{id}/visites/{tour}/modifier", kSiteStaff},
    {"GET", "/usine/{id}/visites/{tour}/supprimer", kSiteStaff},  // issue 19: a tour deleted
    {"POST", "/usine/{id}/visites/{tour}/supprimer", kSiteStaff},
    {"GET", "/usine/{id}/visiteurs", kSiteStaff},
    {"GET", "/organisation/enquetes", RoleSet{kOrganiser}},
    {"POST", "/organisation/enquetes", RoleSet{kOrganiser}},
    {"GET", "/enquetes/{id}", kSignedIn},  // the page checks the survey was sent to the caller
    {"POST", "/enquetes/{id}", kSignedIn},
    {"GET", "/organisation/journal", RoleSet{kOrganiser}},
    {"GET", "/organisation/moderation", RoleSet{kRelay, kOrganiser}},
    {"GET", "/organisation/medias", RoleSet{kOrganiser}},
    {"POST", "/organisation/medias", RoleSet{kOrganiser}},
    {"POST", "/organisation/moderation", RoleSet{kRelay, kOrganiser}},
    // [block: editions, users and roles]
    // The organiser's editions, users and roles: pages, then the JSON API.
    {"GET", "/organisation/editions", RoleSet{kOrganiser}},
    {"POST", "/organisation/editions/clone", RoleSet{kOrganiser}},
    {"GET", "/organisation/editions/{id}", RoleSet{kOrganiser}},
    {"POST", "/organisation/editions/{id}", RoleSet{kOrganiser}},
    {"POST", "/organisation/editions/{id}/invitations", RoleSet{kOrganiser}},
    {"GET", "/organisation/utilisateurs", RoleSet{kOrganiser}},
    {"GET", "/organisation/utilisateurs/{id}", RoleSet{kOrganiser}},
    {"POST", "/organisation/utilisateurs/{id}", RoleSet{kOrganiser}},
    {"GET", "/api/v1/organisation/editions", RoleSet{kOrganiser}},
    {"POST", "/api/v1/organisation/editions/clone", RoleSet{kOrganiser}},
    {"GET", "/api/v1/organisation/editions/{id}", RoleSet{kOrganiser}},
    {"PATCH", "/api/v1/organisation/editions/{id}", RoleSet{kOrganiser}},
    {"POST", "/api/v1/organisation/editions/{id}/invitations", RoleSet{kOrganiser}},
    {"GET", "/api/v1/users", RoleSet{kOrganiser}},
    {"GET", "/api/v1/users/{id}", RoleSet{kOrganiser}},
    {"POST", "/api/v1/users/{id}/roles", RoleSet{kOrganiser}},
    {"DELETE", "/api/v1/users/{id}/roles/{grant_id}", RoleSet{kOrganiser}},
    // [end of block: editions, users and roles]
    // [block: exports, imports, social mentions]
    // Exports: the organiser every row, a relay their departments' (checked by the handlers).
    {"GET", "/organisation/exports", RoleSet{kRelay, kOrganiser}},
    {"GET", "/organisation/exports/{list}", RoleSet{kRelay, kOrganiser}},
    {"GET", "/api/v1/exports/{list}", RoleSet{kRelay, kOrganiser}},
    // Imports, media mentions and social-mention counts: the organiser.
    {"GET", "/organisation/usines/import", RoleSet{kOrganiser}},
    {"POST", "/organisation/usines/import", RoleSet{kOrganiser}},
    {"POST", "/api/v1/imports/sites", RoleSet{kOrganiser}},
    {"POST", "/api/v1/imports/media", RoleSet{kOrganiser}},
    {"GET", "/api/v1/media-mentions", RoleSet{kOrganiser}},
    {"POST", "/api/v1/media-mentions", RoleSet{kOrganiser}},
    {"PATCH", "/api/v1/media-mentions/{id}", RoleSet{kOrganiser}},
    {"DELETE", "/api/v1/media-mentions/{id}", RoleSet{kOrganiser}},
    {"GET", "/api/v1/social-mentions", RoleSet{kOrganiser}},
    {"POST", "/api/v1/social-mentions", RoleSet{kOrganiser}},
    {"DELETE", "/api/v1/social-mentions/{id}", RoleSet{kOrganiser}},
    // [end of block: exports, imports, social mentions]
    // [block: host space: site profile, photo, internships, re-enrolment, teaching kit]
    {"GET", "/organisation/moderation/visites", RoleSet{kRelay, kOrganiser}},
    {"POST", "/organisation/moderation/visites", RoleSet{kRelay, kOrganiser}},
    {"GET", "/api/v1/moderation/sessions", RoleSet{kRelay, kOrganiser}},
    {"POST", "/api/v1/moderation/sessions/{id}/withdraw", RoleSet{kRelay, kOrganiser}},
    {"GET", "/organisation", RoleSet{kRelay, kOrganiser}},
    // [block: organiser live view] The home's figures, polled on an event day (issue 19, item 4).
    {"GET", "/api/v1/organisation/figures", RoleSet{kRelay, kOrganiser}},
    // [end of block: organiser live view]
    // [block: allocation page (issue 18)] The Friday's round: the organiser runs, pins, publishes
    // and discards; a relay reads the runs within their departments (RunScopeOf) and the export.
    {"GET", "/organisation/repartition", RoleSet{kRelay, kOrganiser}},
    {"POST", "/organisation/repartition", RoleSet{kOrganiser}},
    {"GET", "/organisation/repartition/calcul/{id}", RoleSet{kRelay, kOrganiser}},
    {"GET", "/organisation/repartition/calcul/{id}/etat", RoleSet{kRelay, kOrganiser}},
    {"GET", "/organisation/repartition/{id}", RoleSet{kRelay, kOrganiser}},
    {"POST", "/organisation/repartition/{id}", RoleSet{kOrganiser}},
    {"GET", "/organisation/repartition/{id}/publier", RoleSet{kOrganiser}},
    {"POST", "/organisation/repartition/{id}/publier", RoleSet{kOrganiser}},
    {"GET", "/organisation/repartition/{id}/export", RoleSet{kRelay, kOrganiser}},
    // [end of block: allocation page]
    // [block: allocation API, issue 18 (O)] Rounds and runs; relays read their departments.
    {"POST", "/api/v1/organisation/allocations", RoleSet{kOrganiser}},
    {"GET", "/api/v1/organisation/allocations", RoleSet{kRelay, kOrganiser}},
    {"GET", "/api/v1/organisation/allocations/jobs/{id}", RoleSet{kRelay, kOrganiser}},
    {"GET", "/api/v1/organisation/allocations/{id}", RoleSet{kRelay, kOrganiser}},
    {"POST", "/api/v1/organisation/allocations/{id}/publish", RoleSet{kOrganiser}},
    {"POST", "/api/v1/organisation/allocations/{id}/discard", RoleSet{kOrganiser}},
    {"GET", "/api/v1/organisation/allocations/{id}/buses.csv", RoleSet{kRelay, kOrganiser}},
    {"GET", "/api/v1/organisation/allocations/{id}/buses.xlsx", RoleSet{kRelay, kOrganiser}},
    // [end of block: allocation API]
    {"GET", "/api/v1/host/sites/{id}/profile", kSiteStaff},
    {"PATCH", "/api/v1/host/sites/{id}/profile", kSiteStaff},
    {"POST", "/api/v1/host/sites/{id}/resubmit", kSiteStaff},
    {"PUT", "/api/v1/host/sites/{id}/photo", kSiteStaff},
    {"POST", "/api/v1/host/sites/{id}/re-enrolment", kSiteStaff},
    {"GET", "/api/v1/host/sites/{id}/internships", kSiteStaff},
    {"POST", "/api/v1/host/sites/{id}/internships", kSiteStaff},
    {"PATCH", "/api/v1/host/sites/{id}/internships/{offer_id}", kSiteStaff},
    {"GET", "/api/v1/teaching-kit", kEveryone},
    {"GET", "/api/v1/organisation/teaching-kit", RoleSet{kOrganiser}},
    {"POST", "/api/v1/organisation/teaching-kit", RoleSet{kOrganiser}},
    {"PATCH", "/api/v1/organisation/teaching-kit/{id}", RoleSet{kOrganiser}},
    {"GET", "/usine/{id}/fiche", kSiteStaff},
    {"POST", "/usine/{id}/fiche", kSiteStaff},
    {"POST", "/usine/{id}/photo", kSiteStaff},
    {"GET", "/usines/{id}/photo", kEveryone},  // before approval: the site's staff only, checked by the page
    {"POST", "/usine/{id}/reinscription", kSiteStaff},
    {"GET", "/usine/{id}/stages", kSiteStaff},
    {"POST", "/usine/{id}/stages", kSiteStaff},
    {"GET", "/organisation/kit", RoleSet{kOrganiser}},
    {"POST", "/organisation/kit", RoleSet{kOrganiser}},
    {"GET", "/kit", kEveryone},
    {"GET", "/kit/{id}", kEveryone},  // unpublished documents: the organiser only, checked by the page
    // [end of block: host space: site profile, photo, internships, re-enrolment, teaching kit]
    // [block: api of existing pages]
    // The API of the host space and the moderation queue (the same roles and scope as the pages),
    // of surveys (a recipient answers one sent to them: checked by the handler), quotes and the audit log.
    {"POST", "/api/v1/host/sites", RoleSet{kHost, kOrganiser}},
    {"GET", "/api/v1/host/sites", RoleSet{kHost, kOrganiser}},
    {"GET", "/api/v1/host/sites/{id}/sessions", kSiteStaff},
    {"POST", "/api/v1/host/sites/{id}/sessions", kSiteStaff},
    {"PATCH", "/api/v1/host/sites/{id}/sessions/{session_id}", kSiteStaff},  // issue 19
    {"DELETE", "/api/v1/host/sites/{id}/sessions/{session_id}", kSiteStaff},
    {"GET", "/api/v1/host/sites/{id}/visitors", kSiteStaff},
    {"GET", "/api/v1/moderation", RoleSet{kRelay, kOrganiser}},
    {"POST", "/api/v1/moderation/{id}", RoleSet{kRelay, kOrganiser}},
    {"GET", "/api/v1/surveys", RoleSet{kOrganiser}},
    {"POST", "/api/v1/surveys", RoleSet{kOrganiser}},
    {"GET", "/api/v1/surveys/{id}", RoleSet{kOrganiser}},
    {"POST", "/api/v1/surveys/{id}/send", RoleSet{kOrganiser}},
    {"GET", "/api/v1/surveys/{id}/form", kSignedIn},
    {"POST", "/api/v1/surveys/{id}/responses", kSignedIn},
    {"POST", "/api/v1/quotes", RoleSet{kOrganiser}},
    {"GET", "/api/v1/audit", RoleSet{kOrganiser}},
    // [end of block: api of existing pages]
    // Check-in at the door.
    {"GET", "/accueil/pointage", kSiteStaff},
    {"POST", "/accueil/pointage", kSiteStaff},
    // Demo mode only (`juo serve --demo` registers them, on a local SQLite demo): the outbox's
    // e-mails and their attachments, for anyone trying the demo.
    {"GET", "/demo/courriels", kEveryone},
    {"GET", "/demo/courriels/{id}/pieces/{n}", kEveryone},    // [block: personal data] Issue 21 (docs/adr/0015): a person's export and erasure, by
    // themselves or by the organiser on their request.
    {"GET", "/api/v1/me/export", kSignedIn},
    {"DELETE", "/api/v1/me", kSignedIn},
    {"GET", "/api/v1/users/{id}/export", RoleSet{kOrganiser}},
    {"DELETE", "/api/v1/users/{id}", RoleSet{kOrganiser}},
    {"GET", "/compte/donnees", kSignedIn},
    {"GET", "/compte/supprimer", kSignedIn},
    {"POST", "/compte/supprimer", kSignedIn},
    {"GET", "/organisation/utilisateurs/{id}/donnees", RoleSet{kOrganiser}},
    {"GET", "/organisation/utilisateurs/{id}/supprimer", RoleSet{kOrganiser}},
    {"POST", "/organisation/utilisateurs/{id}/supprimer", RoleSet{kOrganiser}},
    // [end of block: personal data]
};

constexpr bool NoDuplicateRules() {
    for (size_t i = 0; i < std::size(kRules); ++i)
        for (size_t j = i + 1; j < std::size(kRules); ++j)
            if (kRules[i].method == kRules[j].method && kRules[i].pattern == kRules[j].pattern) return false;
    return true;
}
static_assert(NoDuplicateRules(), "each (method, pattern) has one rule");

}  // namespace

std::string_view RoleName(Role role) {
    switch (role) {
        case kAnonymous:
            return "anonymous";
        case kVisitor:
            return domain::ToCode(domain::Role::kVisitor);
        case kTeacher:
            return domain::ToCode(domain::Role::kTeacher);
        case kAdviser:
            return domain::ToCode(domain::Role::kAdviser);
        case kHost:
            return domain::ToCode(domain::Role::kHost);
        case kRelay:
            return domain::ToCode(domain::Role::kRelay);
        case kOrganiser:
            return domain::ToCode(domain::Role::kOrganiser);
    }
    return "anonymous";
}

Role FromDomain(domain::Role role) {
    switch (role) {
        case domain::Role::kVisitor:
            return kVisitor;
        case domain::Role::kTeacher:
            return kTeacher;
        case domain::Role::kAdviser:
            return kAdviser;
        case domain::Role::kHost:
            return kHost;
        case domain::Role::kRelay:
            return kRelay;
        case domain::Role::kOrganiser:
            return kOrganiser;
    }
    return kAnonymous;
}

RoleSet RolesOf(const Principal* principal) {
    if (principal == nullptr) return RoleSet{kAnonymous};
    RoleSet roles;
    for (const auto& grant : principal->roles) roles = roles.With(FromDomain(grant.role));
    if (roles.empty()) roles = roles.With(kVisitor);
    return roles;
}

std::span<const AccessRule> AccessRules() { return kRules; }

std::optional<AccessRule> FindAccessRule(std::string_view method, std::string_view pattern) {
    if (method == "HEAD") method = "GET";
    for (const AccessRule& rule : kRules)
        if (rule.method == method && rule.pattern == pattern) return rule;
    return std::nullopt;
}

bool Allowed(std::string_view method, std::string_view pattern, RoleSet roles) {
    auto rule = FindAccessRule(method, pattern);
    return rule && rule->allowed.Intersects(roles);
}

Decision Decide(std::string_view method, std::string_view pattern, const Principal* principal) {
    RoleSet roles = RolesOf(principal);
    if (Allowed(method, pattern, roles)) return Decision::kAllow;
    auto rule = FindAccessRule(method, pattern);
    if (principal == nullptr && rule && rule->allowed.Intersects(kSignedIn)) return Decision::kSignInRequired;
    return Decision::kForbidden;
}

bool CanActOnSite(const Principal& principal, long long site_id) {
    for (const auto& grant : principal.roles) {
        if (grant.role == domain::Role::kOrganiser) return true;
        if (grant.role == domain::Role::kHost && grant.site_id && *grant.site_id == site_id) return true;
    }
    return false;
}

bool CanActOnDepartment(const Principal& principal, std::string_view department_code) {
    if (department_code.empty()) return principal.Has(domain::Role::kOrganiser);
    for (const auto& grant : principal.roles) {
        if (grant.role == domain::Role::kOrganiser) return true;
        if (grant.role == domain::Role::kRelay && grant.department_code == department_code) return true;
    }
    return false;
}

bool CanManageSite(const Principal& principal, long long site_id, std::string_view department_code) {
    return CanActOnSite(principal, site_id) || CanActOnDepartment(principal, department_code);
}

}  // namespace juo::auth
