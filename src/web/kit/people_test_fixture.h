// The people API and pages test fixture: a seeded replica in a temporary SQLite file (or, under
// JUO_TEST_PG_URL, a fresh PostgreSQL schema: store/test_database.h), one
// signed-in user per role (a host of a public tour's site, a relay of its department), the real
// services (accounts, sessions, CSRF, booking engine) and a router with every people route. Tests
// send requests through the router (Send) as a role (As) and read the answers.
#pragma once

#include <gtest/gtest.h>
#include <boost/json.hpp>
#include <filesystem>
#include <future>
#include "auth/authorisation.h"
#include "auth/cookies.h"
#include "http/router.h"
#include "refdata/geocoder.h"
#include "seed/replica.h"
#include "services/catalogue.h"
#include "store/db/connection_per_thread.h"
#include "store/db/test_database.h"
#include "store/users/user_repository.h"
#include "web/api/api_accounts.h"
#include "store/db/connection_per_thread.h"
#include "web/routes.h"
#include "web/api/api_bookings.h"
#include "web/api/api_group_requests.h"
#include "web/routes.h"
#include "web/api/api_v1.h"
#include "web/kit/api_test_kit.h"
#include "web/public/public_pages.h"

namespace juo::web {

namespace json = boost::json;
namespace fs = std::filesystem;

class PeopleApiTest : public ::testing::Test {
 protected:
    static void SetUpTestSuite() {
        path_ = fs::temp_directory_path() / ("juo_people_api_" + std::to_string(::getpid()) + ".db");
        store::RemoveSqliteFiles(path_);
        url_ = store::TestingOnPostgresql() ? store::FreshPostgresqlSchemaUrl() : path_.string();
        auto db = std::move(*store::Database::Open(url_, store::OpenMode::kCreateIfMissing));
        auto replica = *seed::GenerateReplica({});
        ASSERT_TRUE(seed::WriteReplica(*db, replica, {}).ok());
        db->sql() << "UPDATE edition SET status = 'open', registration_opens_at = NULL, "
                     "registration_closes_at = NULL";
        db->sql()
            << "SELECT s.id FROM session s JOIN session_audience a ON a.session_id = s.id WHERE a.audience = "
               "'public' AND s.status = 'open' ORDER BY s.id LIMIT 1",
            soci::into(session_);
        db->sql() << "UPDATE session SET capacity_people = places_taken + 8 WHERE id = :s",
            soci::use(session_);
        db->sql() << "SELECT site_id FROM session WHERE id = :s", soci::use(session_), soci::into(site_);
        // One user per role (a host of the session's site, a relay of its department).
        std::string department;
        db->sql() << "SELECT department_code FROM site WHERE id = :s", soci::use(site_),
            soci::into(department);
        std::vector<domain::User> users;
        for (auto role :
             {domain::Role::kVisitor, domain::Role::kTeacher, domain::Role::kAdviser, domain::Role::kHost,
              domain::Role::kRelay, domain::Role::kOrganiser, domain::Role::kVisitor}) {
            domain::User u;
            u.email = "role" + std::to_string(users.size()) + "@example.org";
            u.display_name = std::string(domain::ToCode(role));
            u.email_confirmed_at = u.created_at = "2026-01-01T00:00:00Z";
            domain::RoleGrant grant{role, "", std::nullopt};
            if (role == domain::Role::kHost) grant.site_id = site_;
            if (role == domain::Role::kRelay) grant.department_code = department;
            u.roles.push_back(grant);
            users.push_back(u);
        }
        ASSERT_TRUE(store::InsertUsers(*db, users).ok());
        sessions_ = new auth::SessionStore();
        for (const auto& u : users) session_ids_.push_back(*sessions_->Create(*db, u.id));
        catalogue_ = std::move(*services::Catalogue::Load(*db)).release();
        connections_ = new store::ConnectionPerThread(url_);
        accounts_ = new auth::Accounts(auth::AccountsConfig{auth::PasswordCost::ForTests()});
        limiter_ = new auth::LoginRateLimiter();
        csrf_ = new auth::CsrfSigner(*auth::CsrfSigner::FromSecret(auth::CsrfSigner::NewSecret()));
        manage_ = new booking::ManageLinks(auth::CsrfSigner::NewSecret());  // issue 17: manage links
        booking::EngineOptions o;
        o.db_url = url_;
        o.durable = false;
        o.manage_path = [](long long id, const std::string& code) { return manage_->Path(id, code); };
        o.offer_links = manage_;  // issue 17: offer links
        engine_ = std::move(*booking::BookingEngine::Start(o)).release();
        PeopleContext people{accounts_, sessions_,    limiter_,      csrf_,
                             engine_,   connections_, "http://test", false};
        hashing_ = new auth::HashingPool(auth::HashingPoolOptions{2, 16});  // the account steps' real path
        people.hashing = hashing_;
        people.manage = manage_;
        router_ = new http::Router();
        RegisterApiV1(*router_, {catalogue_, &refdata::Geocoder::Default()});
        RegisterPages(*router_,
                      {catalogue_, &refdata::Geocoder::Default(), "https://t/{z}/{x}/{y}.png", "t"});
        RegisterAccountApi(*router_, people);
        RegisterBookingApi(*router_, people);
        RegisterGroupRequestApi(*router_, people);
        RegisterPeoplePages(*router_, people);
        RegisterBackOfficeApi(*router_, people);
    }
    static void TearDownTestSuite() {
        delete router_;
        delete hashing_;
        delete engine_;
        delete manage_;
        delete csrf_;
        delete limiter_;
        delete accounts_;
        delete connections_;
        delete catalogue_;
        delete sessions_;
        store::RemoveSqliteFiles(path_);
    }

    // Sends a request through the router (asynchronous handlers included) and waits the answer.
    static Answer Send(const std::string& method, const std::string& target, const std::string& body = "",
                       std::map<std::string, std::string> headers = {}) {
        return SendThrough(*router_, method, target, body, std::move(headers));
    }
    static std::map<std::string, std::string> As(size_t user) {
        return {{"authorization", "Bearer " + session_ids_[user]}};
    }
    static std::string BookBody(int people) {
        return "{\"session_id\":" + std::to_string(session_) + ",\"people\":" + std::to_string(people) + "}";
    }

    inline static fs::path path_;
    inline static std::string url_;  // the database: path_, or a PostgreSQL schema
    inline static long long session_ = 0, site_ = 0;
    inline static std::vector<std::string>
        session_ids_;  // visitor, teacher, adviser, host, relay, organiser, visitor 2
    inline static services::Catalogue* catalogue_ = nullptr;
    inline static store::ConnectionPerThread* connections_ = nullptr;
    inline static auth::SessionStore* sessions_ = nullptr;
    inline static auth::Accounts* accounts_ = nullptr;
    inline static auth::LoginRateLimiter* limiter_ = nullptr;
    inline static auth::CsrfSigner* csrf_ = nullptr;
    inline static booking::ManageLinks* manage_ = nullptr;
    inline static booking::BookingEngine* engine_ = nullptr;
    inline static http::Router* router_ = nullptr;
    inline static auth::HashingPool* hashing_ = nullptr;
};

}  // namespace juo::web
