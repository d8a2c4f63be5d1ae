// accounts_fixture: test and benchmark set-up — creates N confirmed visitor accounts with an open
// login session each, straight in the store (no password, no e-mail round trip: thousands of
// argon2id hashes would take minutes), and prints the session ids, one per line, for load
// generators and the crash test to send as "Authorization: Bearer <id>".
//
// Usage: accounts_fixture DB_FILE COUNT [EMAIL_PREFIX]
#include <iostream>
#include <string>
#include <vector>

#include "auth/sessions.h"
#include "common/clock.h"
#include "store/db/database.h"
#include "store/users/user_repository.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::cerr << "usage: accounts_fixture DB_FILE COUNT [EMAIL_PREFIX]\n";
        return 2;
    }
    int count = std::atoi(argv[2]);
    if (count < 1 || count > 1000000) {
        std::cerr << "accounts_fixture: COUNT must be 1..1000000\n";
        return 2;
    }
    std::string prefix = argc > 3 ? argv[3] : "charge";
    auto db = juo::store::Database::Open(argv[1], juo::store::OpenMode::kMustExist);
    if (!db.ok()) {
        std::cerr << "accounts_fixture: " << db.error().message << "\n";
        return 5;
    }
    std::vector<juo::domain::User> users(static_cast<size_t>(count));
    const std::string now = juo::NowUtcIso();
    for (int i = 0; i < count; ++i) {
        auto& u = users[static_cast<size_t>(i)];
        u.email = prefix + "-" + std::to_string(i) + "@example.org";
        u.display_name = "Visiteur " + std::to_string(i);
        u.email_confirmed_at = now;
        u.created_at = now;
        u.roles.push_back({juo::domain::Role::kVisitor, "", std::nullopt});
    }
    juo::auth::SessionStore sessions;
    auto ids = (*db)->InTransaction<std::vector<std::string>>([&]() -> juo::Result<std::vector<std::string>> {
        if (auto inserted = juo::store::InsertUsers(**db, users); !inserted.ok()) return inserted.error();
        std::vector<std::string> out;
        for (const auto& u : users) {
            auto id = sessions.Create(**db, u.id, "accounts_fixture");
            if (!id.ok()) return id.error();
            out.push_back(*id);
        }
        return out;
    });
    if (!ids.ok()) {
        std::cerr << "accounts_fixture: " << ids.error().message << "\n";
        return 5;
    }
    for (const auto& id : *ids) std::cout << id << "\n";
    return 0;
}
