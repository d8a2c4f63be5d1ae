// The one place that maps failures to HTTP: ErrorCode → status, and the error responses the
// server produces itself (400, 404, 405, 413, 431, 500...).
//
// An error answer is JSON `{"error":{"code":"not_found","message":"...","message_fr":"..."}}`
// when the request path starts with /api/, and a short bilingual HTML page otherwise. The web
// layer may replace the HTML pages with its own through Server::SetErrorRenderer.
//
// Thread-safety: pure functions.
#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "http/message.h"

namespace juo::http {

// Renders the response for an error status the server produces outside handlers. The request
// may be partly filled (empty path when the request line could not be read).
using ErrorRenderer = std::function<Response(int status, const Request& request)>;

// The HTTP status for an expected failure: kInvalidArgument → 400, kNotFound → 404,
// kConflict → 409, kFull → 409, kUnauthenticated → 401, kForbidden → 403, kTooManyRequests → 429,
// kStale → 412, kUnsupportedMediaType → 415, kUnavailable → 503, kInternal → 500.
int HttpStatusFor(ErrorCode code);

// The reason phrase of a status ("Not Found"), or "Error" for an unknown one.
const char* StatusReason(int status);

// True when errors for this request are answered in JSON (its path starts with /api/).
bool WantsJson(const Request& request);

// The JSON error body: {"error":{"code":code,"message":message,"message_fr":message_fr}}, the
// last member left out when message_fr is empty. Strings are escaped.
std::string JsonErrorBody(std::string_view code, std::string_view message, std::string_view message_fr = {});

// The server's own answer for `status`: JSON or HTML as described above, with a fixed message
// in English and French. Never throws for any status in 100..599.
Response DefaultErrorResponse(int status, const Request& request);

// The answer for an expected failure from a service: status from HttpStatusFor, the error's
// code name and messages, JSON or HTML as described above (HTML-escaped).
Response ErrorResponse(const Error& error, const Request& request);

// Escapes &, <, >, " and ' for HTML text and attribute values.
std::string HtmlEscape(std::string_view text);

}  // namespace juo::http
