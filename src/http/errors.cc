#include "http/errors.h"

#include <cstdio>

#include "common/text.h"

namespace juo::http {
namespace {

struct StatusText {
    int status;
    const char* reason;
    const char* code;
    const char* message;
    const char* message_fr;
};

constexpr StatusText kStatusTexts[] = {
    {400, "Bad Request", "bad_request", "The request is malformed.", "La requête est mal formée."},
    {401, "Unauthorized", "unauthorized", "Authentication is required.", "Une connexion est nécessaire."},
    {403, "Forbidden", "forbidden", "Access is forbidden.", "Accès interdit."},
    {404, "Not Found", "not_found", "Page not found.", "Page introuvable."},
    {405, "Method Not Allowed", "method_not_allowed", "Method not allowed for this address.",
     "Méthode non autorisée pour cette adresse."},
    {408, "Request Timeout", "request_timeout", "The request took too long.",
     "La requête a pris trop de temps."},
    {409, "Conflict", "conflict", "The request conflicts with the current state.",
     "La requête est en conflit avec l'état actuel."},
    {412, "Precondition Failed", "stale", "The resource changed since it was read: read it again.",
     "La ressource a changé depuis sa lecture : relisez-la."},
    {413, "Payload Too Large", "payload_too_large", "The request body is too large.",
     "Le corps de la requête est trop volumineux."},
    {415, "Unsupported Media Type", "unsupported_media_type", "Unsupported content type.",
     "Type de contenu non pris en charge."},
    {422, "Unprocessable Content", "invalid_argument", "The request is invalid.", "La requête est invalide."},
    {429, "Too Many Requests", "too_many_requests", "Too many requests.", "Trop de requêtes."},
    {431, "Request Header Fields Too Large", "header_too_large", "The request headers are too large.",
     "Les en-têtes de la requête sont trop volumineux."},
    {500, "Internal Server Error", "internal", "Internal server error.", "Erreur interne du serveur."},
    {501, "Not Implemented", "not_implemented", "Not implemented.", "Non pris en charge."},
    {503, "Service Unavailable", "unavailable", "Service unavailable, please retry later.",
     "Service indisponible, veuillez réessayer plus tard."},
};

const StatusText* FindStatus(int status) {
    for (const StatusText& text : kStatusTexts) {
        if (text.status == status) return &text;
    }
    return nullptr;
}

std::string HtmlPage(int status, std::string_view message, std::string_view message_fr) {
    std::string title = std::to_string(status) + " " + StatusReason(status);
    std::string page = "<!doctype html>\n<html lang=\"fr\"><head><meta charset=\"utf-8\"><title>";
    page += HtmlEscape(title);
    page += "</title></head>\n<body><h1>";
    page += HtmlEscape(title);
    page += "</h1>\n";
    if (!message_fr.empty()) page += "<p>" + HtmlEscape(message_fr) + "</p>\n";
    page += "<p lang=\"en\">" + HtmlEscape(message) + "</p>\n<p><a href=\"/\">Accueil / Home</a></p>\n";
    page += "</body></html>\n";
    return page;
}

}  // namespace

int HttpStatusFor(ErrorCode code) {
    switch (code) {
        case ErrorCode::kInvalidArgument:
            return 400;
        case ErrorCode::kNotFound:
            return 404;
        case ErrorCode::kConflict:
        case ErrorCode::kFull:
            return 409;
        case ErrorCode::kUnauthenticated:
            return 401;
        case ErrorCode::kForbidden:
            return 403;
        case ErrorCode::kTooManyRequests:
            return 429;
        case ErrorCode::kStale:
            return 412;  // the If-Match (or the form's version) names an older state
        case ErrorCode::kUnsupportedMediaType:
            return 415;
        case ErrorCode::kUnavailable:
            return 503;
        case ErrorCode::kInternal:
            return 500;
    }
    return 500;
}

const char* StatusReason(int status) {
    switch (status) {
        case 200:
            return "OK";
        case 201:
            return "Created";
        case 202:
            return "Accepted";
        case 204:
            return "No Content";
        case 301:
            return "Moved Permanently";
        case 302:
            return "Found";
        case 303:
            return "See Other";
        case 304:
            return "Not Modified";
        case 307:
            return "Temporary Redirect";
        case 308:
            return "Permanent Redirect";
        default:
            break;
    }
    const StatusText* text = FindStatus(status);
    return text != nullptr ? text->reason : "Error";
}

bool WantsJson(const Request& request) { return request.path.rfind("/api/", 0) == 0; }

std::string JsonErrorBody(std::string_view code, std::string_view message, std::string_view message_fr) {
    std::string body = "{\"error\":{\"code\":";
    AppendJsonString(body, code);
    body += ",\"message\":";
    AppendJsonString(body, message);
    if (!message_fr.empty()) {
        body += ",\"message_fr\":";
        AppendJsonString(body, message_fr);
    }
    body += "}}";
    return body;
}

Response DefaultErrorResponse(int status, const Request& request) {
    const StatusText* text = FindStatus(status);
    std::string code = text != nullptr ? text->code : (status >= 500 ? "internal" : "error");
    std::string message = text != nullptr ? text->message : StatusReason(status);
    std::string message_fr = text != nullptr ? text->message_fr : "";
    if (WantsJson(request)) return Response::Json(status, JsonErrorBody(code, message, message_fr));
    return Response::Html(status, HtmlPage(status, message, message_fr));
}

Response ErrorResponse(const Error& error, const Request& request) {
    int status = HttpStatusFor(error.code);
    if (WantsJson(request)) {
        return Response::Json(status,
                              JsonErrorBody(ErrorCodeName(error.code), error.message, error.message_fr));
    }
    return Response::Html(status, HtmlPage(status, error.message, error.message_fr));
}

std::string HtmlEscape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&':
                out += "&amp;";
                break;
            case '<':
                out += "&lt;";
                break;
            case '>':
                out += "&gt;";
                break;
            case '"':
                out += "&quot;";
                break;
            case '\'':
                out += "&#39;";
                break;
            default:
                out.push_back(c);
        }
    }
    return out;
}

}  // namespace juo::http
