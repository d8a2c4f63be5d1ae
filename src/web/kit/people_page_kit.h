// What the people pages share (the account, host and back-office pages): the form of a request, the admission of a page
// (sign-in redirect, 403 page, CSRF), form fields as template data, error messages in the page's
// language, and the page answers (form, notice).
//
// Thread-safety: pure functions over their arguments.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/text.h"
#include "auth/principal.h"
#include "http/message.h"
#include "http/multipart.h"
#include "services/db.h"
#include "web/kit/caller.h"
#include "web/kit/page_kit.h"

namespace juo::web {

// The fields of a POSTed form (application/x-www-form-urlencoded, or multipart/form-data when it
// uploads a file); empty when malformed.
struct Form {
    http::ParamList fields;
    std::vector<http::FormPart> files;  // multipart forms' file inputs
    bool malformed = false;
    // The first value of `name`, or "" (trimmed).
    std::string Get(std::string_view name) const;
    bool Has(std::string_view name) const;
    // The file chosen in input `name`, or nullptr when none was chosen.
    const http::FormPart* File(std::string_view name) const;
};
Form ReadForm(const http::Request& request);

// A page's admission: the caller, or the response to send instead (redirect to sign-in, 403 or
// 503 page, 403 for a forged CSRF token).
struct PageAdmission {
    std::optional<Caller> caller;
    std::optional<http::Response> refusal;
};
PageAdmission AdmitPage(const PeopleContext& ctx, const http::Request& request, std::string_view pattern,
                        std::string_view csrf_token = {});

// The anonymous form token, and its check (kForbidden: "reload the page").
std::string AnonymousFormToken(const PeopleContext& ctx);
Status CheckAnonymousFormToken(const PeopleContext& ctx, std::string_view token);


// Msg as a string (the templates' data takes strings).
inline std::string MsgString(Lang lang, std::string_view key) { return std::string(Msg(lang, key)); }
// An Error whose English and French messages are the i18n text `key` (ErrorText shows it as
// MsgString would).
inline Error MsgError(ErrorCode code, std::string_view key) {
    return MakeError(code, MsgString(Lang::kEn, key), MsgString(Lang::kFr, key));
}

// The error's text in the page's language.
std::string ErrorText(const Error& e, Lang lang);
// The HTTP status of an error on a page (http::HttpStatusFor: 400, 401, 403, 404, 409, 429, 503).
int PageStatus(const Error& e);

// Template data of form fields.
PageData InputField(std::string name, std::string label, std::string type, std::string value,
                    std::string autocomplete = {});
PageData SelectField(std::string name, std::string label, PageData options);
PageData OptionData(std::string value, std::string label, bool selected);
PageData CheckboxField(std::string name, std::string label, bool checked);
PageData TextareaField(std::string name, std::string label, std::string value, int max_length);
PageData HiddenField(std::string name, std::string value);
PageData LinkData(std::string url, std::string label, bool primary = false);

// The page "form" (form.mustache): `data` holds heading, action, csrf, fields, submit...
http::Response FormPage(const http::Request& request, int status, PageData data);
// A form page's data with the common parts set.
PageData FormData(const http::Request& request, const std::string& heading, const std::string& action,
                  const std::string& csrf, const std::string& submit);
// Marks the form's error (summary at the top, and the field `field` when not empty).
void SetFormError(PageData& data, const std::string& text, const std::string& field = {});

// The page "notice" (notice.mustache): a heading, paragraphs, an optional ticket code, links.
http::Response NoticePage(const http::Request& request, int status, const std::string& heading,
                          std::initializer_list<std::string> paragraphs, PageData links,
                          const std::string& code = {});

// The "cannot be done" page for `error`, with its status (PageStatus).
http::Response RefusalPage(const http::Request& request, const Error& error);

// "vendredi 4 avril 2025, 9 h 30 – 11 h" in the page's language.
std::string TourWhen(std::string_view day, std::string_view starts, std::string_view ends, Lang lang);

// Where a signed-in person starts: hosts their factories, relays and organisers the moderation
// queue, teachers and advisers their group requests, everyone else their bookings.
std::string HomePathOf(const auth::Principal& who);

// A local path from the `next` parameter (only "/…", not "//…", and no control character or
// backslash anywhere: browsers strip the former and read the latter as '/'), else `fallback`.
std::string SafeNext(const std::string& next, const std::string& fallback);

// The response filter of the people pages (account, host, back office: behind a sign-in, or
// forms carrying a token): Cache-Control "private, no-store", so that neither a shared cache nor
// the browser's disk keeps a page of personal data, unless the page set its own header other than
// PageResponse's "no-cache" (a host's public view of a factory stays "public, max-age=300").
void KeepPagePrivate(const http::Request& request, http::Response& response);

// A file answer: `bytes` with its type, as an attachment named `filename` or inline, not stored
// by shared caches.
http::Response FileResponse(std::string bytes, std::string content_type, const std::string& filename, bool attachment);

}  // namespace juo::web
