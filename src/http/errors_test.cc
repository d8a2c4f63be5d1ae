#include "http/errors.h"

#include <gtest/gtest.h>

namespace juo::http {
namespace {

Request At(std::string path) {
    Request request;
    request.path = std::move(path);
    return request;
}

TEST(ErrorsTest, StatusForErrorCodes) {
    EXPECT_EQ(HttpStatusFor(ErrorCode::kInvalidArgument), 400);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kNotFound), 404);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kUnsupportedMediaType), 415);
    EXPECT_STREQ(ErrorCodeName(ErrorCode::kUnsupportedMediaType), "unsupported_media_type");
    EXPECT_EQ(HttpStatusFor(ErrorCode::kConflict), 409);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kFull), 409);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kUnauthenticated), 401);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kForbidden), 403);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kTooManyRequests), 429);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kUnavailable), 503);
    EXPECT_EQ(HttpStatusFor(ErrorCode::kInternal), 500);
}

TEST(ErrorsTest, JsonUnderApiAndHtmlElsewhere) {
    Response api = DefaultErrorResponse(404, At("/api/v1/nothing"));
    EXPECT_EQ(api.status, 404);
    EXPECT_EQ(api.content_type, "application/json");
    EXPECT_EQ(api.body,
              "{\"error\":{\"code\":\"not_found\",\"message\":\"Page not found.\",\"message_fr\":\"Page "
              "introuvable.\"}}");
    Response page = DefaultErrorResponse(405, At("/sites"));
    EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
    EXPECT_NE(page.body.find("405 Method Not Allowed"), std::string::npos);
    EXPECT_EQ(DefaultErrorResponse(599, At("/")).status, 599);
    EXPECT_EQ(DefaultErrorResponse(400, At("")).content_type, "text/html; charset=utf-8");
}

TEST(ErrorsTest, ErrorResponseEscapes) {
    Error error = MakeError(ErrorCode::kFull, "session \"3\" is full\n", "la séance <3> est complète");
    Response api = ErrorResponse(error, At("/api/bookings"));
    EXPECT_EQ(api.status, 409);
    EXPECT_EQ(
        api.body,
        "{\"error\":{\"code\":\"full\",\"message\":\"session \\\"3\\\" is full\\n\",\"message_fr\":\"la "
        "séance <3> est complète\"}}");
    Response page = ErrorResponse(error, At("/bookings"));
    EXPECT_NE(page.body.find("la séance &lt;3&gt; est complète"), std::string::npos);
    Error limited = MakeError(ErrorCode::kTooManyRequests, "too many attempts", "trop d'essais");
    Response slow = ErrorResponse(limited, At("/api/v1/sessions"));
    EXPECT_EQ(slow.status, 429);
    EXPECT_NE(slow.body.find("\"code\":\"too_many_requests\""), std::string::npos);
    EXPECT_EQ(ErrorResponse(MakeError(ErrorCode::kUnauthenticated, "sign in"), At("/api/v1/me")).status, 401);
    EXPECT_EQ(JsonErrorBody("x", "a\x01"), "{\"error\":{\"code\":\"x\",\"message\":\"a\\u0001\"}}");
}

}  // namespace
}  // namespace juo::http
