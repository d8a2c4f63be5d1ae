// Demo accounts: one account per role on the current edition of a demo database, so that a
// newcomer who ran `make demo` can act as each person the product serves. Created only when
// `juo seed --demo-accounts` asks for them, never otherwise: they exist in no other database.
//
// Each account has a confirmed address at kDemoDomain ("visiteur@demo.juo.test") and a password
// made here from libsodium's random source, returned once for the caller to print and stored
// only as its argon2id hash. The hashes are made before the transaction that stores the
// accounts (no password hash inside a transaction, DESIGN.md). The host manages a named factory
// of the edition (approved, with a Friday group tour and a Saturday public tour with room); the
// regional relay covers that factory's region, so both see what the teacher asks there.
//
// No database exception leaves these functions: a failure is its Error.
//
// Thread-safety: pure functions over their arguments; the Db is this thread's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "auth/password.h"
#include "common/result.h"
#include "domain/user.h"
#include "services/db.h"

namespace juo::services {

inline constexpr std::string_view kDemoDomain = "demo.juo.test";

struct DemoAccount {
    domain::Role role = domain::Role::kVisitor;
    std::string role_label;  // in French: "Visiteur", "Enseignant·e", "Hôte (usine)"…
    std::string email;       // "visiteur@demo.juo.test"
    std::string password;    // in clear: print it once, it is stored nowhere
    std::string start_path;  // the page to start from once signed in ("/usine", "/groupes/demande?visite=12")
    std::string scope;       // what the role covers: the host's factory, the relay's region; else ""
    long long user_id = 0;
};

// Creates the six demo accounts — visitor, teacher, France Travail adviser, host, regional relay,
// organiser — on the edition of `year`, in that order, with passwords hashed at `cost`, and one
// audit entry each (user.demo_create, by the system). Fails with kNotFound (no edition `year`, or
// no approved factory with a Friday and a Saturday tour with room in it), kConflict (the database
// already has demo accounts), kUnavailable (database, or the memory for a hash).
Result<std::vector<DemoAccount>> CreateDemoAccounts(Db& db, int year, const auth::PasswordCost& cost);

// The sign-in page of `public_url` ("http://127.0.0.1:8080", a trailing '/' allowed) that leads
// to `path` once signed in: "http://127.0.0.1:8080/compte/connexion?next=%2Fusine".
std::string DemoSignInUrl(std::string_view public_url, std::string_view path);

// A random demo password: 12 characters of an unambiguous alphabet (60 bits from libsodium's
// randombytes_buf) in three groups, "k7mq-x2rt-9fwz".
std::string NewDemoPassword();

// How many accounts of the database are demo accounts (an address at kDemoDomain).
Result<long long> CountDemoAccounts(Db& db);

}  // namespace juo::services
