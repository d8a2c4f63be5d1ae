// Demo accounts (see demo_accounts.h).
#include "services/demo_accounts.h"

#include <array>
#include <cctype>

#include "auth/crypto.h"
#include "common/clock.h"
#include "refdata/refdata.h"
#include "services/audit.h"
#include "store/db/database.h"
#include "store/editions/edition_repository.h"
#include "store/reads/demo_queries.h"
#include "store/users/user_repository.h"

namespace juo::services {
namespace {

struct Plan {
    domain::Role role;
    const char* label;
    const char* local;  // the address's local part
    const char* name;   // the display name
};

constexpr std::array<Plan, 6> kPlans{{
    {domain::Role::kVisitor, "Visiteur", "visiteur", "Camille Visiteur (démo)"},
    {domain::Role::kTeacher, "Enseignant·e", "enseignant", "Dominique Enseignant (démo)"},
    {domain::Role::kAdviser, "Conseiller·ère France Travail", "conseiller", "Claude Conseiller (démo)"},
    {domain::Role::kHost, "Hôte (usine)", "hote", "Alex Hôte (démo)"},
    {domain::Role::kRelay, "Relais régional", "relais", "Sacha Relais (démo)"},
    {domain::Role::kOrganiser, "Organisation", "organisation", "Morgan Organisation (démo)"},
}};

std::string PercentEncode(std::string_view text) {
    static constexpr char kHex[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : text) {
        if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
            out += static_cast<char>(c);
        } else {
            out += '%';
            out += kHex[c >> 4];
            out += kHex[c & 15];
        }
    }
    return out;
}

}  // namespace

std::string NewDemoPassword() {
    static constexpr char kAlphabet[] = "23456789abcdefghijkmnpqrstuvwxyz";  // 32 symbols: no 0, 1, l, o
    static_assert(sizeof kAlphabet - 1 == 32);
    const std::string bytes = auth::RandomBytes(12);
    std::string out;
    for (size_t i = 0; i < bytes.size(); ++i) {
        if (i > 0 && i % 4 == 0) out += '-';
        out += kAlphabet[static_cast<unsigned char>(bytes[i]) & 31];  // 256 = 8 × 32: uniform
    }
    return out;
}

std::string DemoSignInUrl(std::string_view public_url, std::string_view path) {
    std::string base(public_url);
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/compte/connexion?next=" + PercentEncode(path);
}

Result<long long> CountDemoAccounts(Db& db) {
    return Guarded<long long>(db, [](Db& d) { return store::CountUsersAtDomain(d, std::string(kDemoDomain)); });
}

Result<std::vector<DemoAccount>> CreateDemoAccounts(Db& db, int year, const auth::PasswordCost& cost) {
    auto edition = Guarded<domain::Edition>(db, [&](Db& d) { return store::FindEditionByYear(d, year); });
    if (!edition.ok()) return edition.error();
    auto site = Guarded<std::optional<store::DemoSite>>(
        db, [&](Db& d) { return store::FindDemoSite(d, edition->id); });
    if (!site.ok()) return site.error();
    if (!*site)
        return MakeError(ErrorCode::kNotFound,
                         "edition " + std::to_string(year) +
                             " has no approved factory with a Friday group tour and a Saturday public tour "
                             "with room: no host to give the demo",
                         "l'édition " + std::to_string(year) +
                             " n'a aucune usine validée avec une visite de groupe le vendredi et une visite "
                             "publique le samedi qui aient de la place");
    const store::DemoSite& factory = **site;
    const auto* region = refdata::FindRegion(factory.region_code);
    const std::string region_name = region ? region->name : factory.region_code;
    const std::string friday_tour = std::to_string(factory.friday_session_id);

    // Passwords and their hashes first, outside any transaction: argon2id takes its time.
    std::vector<DemoAccount> accounts;
    std::vector<domain::User> users;
    const std::string now = NowUtcIso();
    for (const auto& plan : kPlans) {
        DemoAccount a;
        a.role = plan.role;
        a.role_label = plan.label;
        a.email = std::string(plan.local) + "@" + std::string(kDemoDomain);
        a.password = NewDemoPassword();
        auto hash = auth::HashPassword(a.password, cost);
        if (!hash.ok()) return hash.error();
        domain::User u;
        u.email = a.email;
        u.display_name = plan.name;
        u.password_hash = *hash;
        u.email_confirmed_at = now;
        u.created_at = now;
        switch (plan.role) {
            case domain::Role::kVisitor:
                a.start_path = "/usines/" + std::to_string(factory.site_id);
                u.roles = {{plan.role, "", std::nullopt}};
                break;
            case domain::Role::kTeacher:
            case domain::Role::kAdviser:
                a.start_path = "/groupes/demande?visite=" + friday_tour;
                u.roles = {{plan.role, "", std::nullopt}};
                break;
            case domain::Role::kHost:
                a.start_path = "/accueil/demandes";
                a.scope = factory.name + " (" + factory.commune_name + ")";
                u.organisation_id = factory.organisation_id;
                u.roles = {{plan.role, "", factory.site_id}};
                break;
            case domain::Role::kRelay:
                a.start_path = "/organisation";
                a.scope = region_name;
                for (const auto& d : refdata::Departments())
                    if (d.region_code == factory.region_code) u.roles.push_back({plan.role, d.code, std::nullopt});
                break;
            case domain::Role::kOrganiser:
                a.start_path = "/organisation";
                u.roles = {{plan.role, "", std::nullopt}};
                break;
        }
        accounts.push_back(std::move(a));
        users.push_back(std::move(u));
    }

    auto stored = db.InTransaction<Unit>([&]() -> Result<Unit> {
        if (store::CountUsersAtDomain(db, std::string(kDemoDomain)) > 0)
            return MakeError(ErrorCode::kConflict, "this database already has its demo accounts",
                             "cette base a déjà ses comptes de démonstration");
        JUO_TRY(store::InsertUsers(db, users));
        for (size_t i = 0; i < users.size(); ++i)
            Audit(db, 0, "user.demo_create", "user", users[i].id,
                  "demo account " + std::string(domain::ToCode(accounts[i].role)) +
                      (accounts[i].scope.empty() ? "" : ": " + accounts[i].scope));
        return Unit{};
    });
    if (!stored.ok()) return stored.error();
    for (size_t i = 0; i < users.size(); ++i) accounts[i].user_id = users[i].id;
    return accounts;
}

}  // namespace juo::services
