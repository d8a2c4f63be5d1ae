// Tests of the upload routes' list (issue 21): exactly the routes of the route × role table that
// take a file, ids as numbers only.
#include "web/upload_routes.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "auth/authorisation.h"

namespace juo::web {
namespace {

TEST(UploadRoutes, OnlyTheRoutesThatTakeAFile) {
    EXPECT_TRUE(IsUploadRoute("POST", "/usine/12/photo"));
    EXPECT_TRUE(IsUploadRoute("PUT", "/api/v1/host/sites/7/photo"));
    EXPECT_TRUE(IsUploadRoute("POST", "/organisation/kit"));
    EXPECT_TRUE(IsUploadRoute("POST", "/api/v1/imports/sites"));
    EXPECT_FALSE(IsUploadRoute("GET", "/usine/12/photo"));
    EXPECT_FALSE(IsUploadRoute("POST", "/usine/12a/photo"));
    EXPECT_FALSE(IsUploadRoute("POST", "/usine//photo"));
    EXPECT_FALSE(IsUploadRoute("POST", "/usine/12/photo/x"));
    EXPECT_FALSE(IsUploadRoute("POST", "/api/v1/bookings"));
    EXPECT_FALSE(IsUploadRoute("POST", "/compte/connexion"));
    EXPECT_FALSE(IsUploadRoute("PUT", "/api/v1/host/sites/7"));
}

// Each upload route is in the route × role table (a renamed route fails here, not in production).
TEST(UploadRoutes, EveryOneIsARouteOfTheTable) {
    std::set<std::string> uploads;
    for (const auto& rule : auth::AccessRules()) {
        std::string path(rule.pattern);
        for (std::string::size_type at; (at = path.find('{')) != std::string::npos;)
            path.replace(at, path.find('}', at) - at + 1, "5");
        if (IsUploadRoute(rule.method, path)) uploads.insert(std::string(rule.method) + " " + std::string(rule.pattern));
    }
    EXPECT_EQ(uploads, (std::set<std::string>{"POST /usine/{id}/photo", "PUT /api/v1/host/sites/{id}/photo",
                                              "POST /organisation/kit", "POST /api/v1/organisation/teaching-kit",
                                              "POST /organisation/usines/import", "POST /organisation/medias",
                                              "POST /api/v1/imports/sites", "POST /api/v1/imports/media"}));
}

}  // namespace
}  // namespace juo::web
