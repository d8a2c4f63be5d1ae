// Shared helpers of the people pages (see people_page_kit.h).
#include "web/kit/people_page_kit.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <ctime>

#include "common/text.h"
#include "common/clock.h"
#include "http/errors.h"
#include "services/audit.h"

namespace juo::web {

std::string Form::Get(std::string_view name) const {
    for (const auto& [k, v] : fields)
        if (k == name) return std::string(Trim(v));
    return {};
}

bool Form::Has(std::string_view name) const {
    for (const auto& [k, v] : fields)
        if (k == name) return true;
    return false;
}

const http::FormPart* Form::File(std::string_view name) const {
    for (const auto& part : files)
        if (part.name == name && !part.filename.empty()) return &part;
    return nullptr;
}

Form ReadForm(const http::Request& request) {
    Form f;
    if (auto boundary = http::MultipartBoundary(request.Header("content-type"))) {
        auto parts = http::ParseMultipart(request.body, *boundary);
        if (!parts) {
            f.malformed = true;
            return f;
        }
        for (auto& part : *parts) {
            if (part.is_file)
                f.files.push_back(std::move(part));
            else
                f.fields.emplace_back(std::move(part.name), std::move(part.body));
        }
        return f;
    }
    auto parsed = http::ParseForm(request.body);
    if (!parsed) {
        f.malformed = true;
        return f;
    }
    f.fields = std::move(*parsed);
    return f;
}

std::string ErrorText(const Error& e, Lang lang) {
    return lang == Lang::kFr && !e.message_fr.empty() ? e.message_fr : e.message;
}

// A stale form is a conflict for the person in front of it (412 is for API clients' If-Match).
int PageStatus(const Error& e) { return e.code == ErrorCode::kStale ? 409 : http::HttpStatusFor(e.code); }

PageAdmission AdmitPage(const PeopleContext& ctx, const http::Request& request, std::string_view pattern,
                        std::string_view csrf_token) {
    PageAdmission a;
    auto caller = Admit(ctx, request, pattern, csrf_token);
    if (caller.ok()) {
        a.caller = std::move(*caller);
        return a;
    }
    if (caller.error().code == ErrorCode::kUnauthenticated) {
        http::ParamList params;
        if (request.method == "GET") params.emplace_back("next", request.target);
        a.refusal = http::Response::Redirect(PageLink(request, "/compte/connexion", params));
        return a;
    }
    a.refusal = RefusalPage(request, caller.error());
    return a;
}

std::string AnonymousFormToken(const PeopleContext& ctx) {
    return ctx.csrf->AnonymousToken(static_cast<long long>(std::time(nullptr)));
}

Status CheckAnonymousFormToken(const PeopleContext& ctx, std::string_view token) {
    return ctx.csrf->CheckAnonymousToken(token, static_cast<long long>(std::time(nullptr)));
}

namespace {

PageData Field(std::string name, std::string label) {
    PageData f;
    f.set("name", std::move(name));
    f.set("label", std::move(label));
    return f;
}

}  // namespace

PageData InputField(std::string name, std::string label, std::string type, std::string value,
                    std::string autocomplete) {
    PageData f = Field(std::move(name), std::move(label));
    f.set("input", true);
    f.set("type", std::move(type));
    f.set("value", std::move(value));
    if (!autocomplete.empty()) f.set("autocomplete", std::move(autocomplete));
    return f;
}

PageData SelectField(std::string name, std::string label, PageData options) {
    PageData f = Field(std::move(name), std::move(label));
    f.set("select", true);
    f.set("options", std::move(options));
    return f;
}

PageData OptionData(std::string value, std::string label, bool selected) {
    PageData o;
    o.set("value", std::move(value));
    o.set("label", std::move(label));
    o.set("selected", selected);
    return o;
}

PageData CheckboxField(std::string name, std::string label, bool checked) {
    PageData f = Field(std::move(name), std::move(label));
    f.set("checkbox", true);
    f.set("checked", checked);
    return f;
}

PageData TextareaField(std::string name, std::string label, std::string value, int max_length) {
    PageData f = Field(std::move(name), std::move(label));
    f.set("textarea", true);
    f.set("value", std::move(value));
    f.set("maxlength", std::to_string(max_length));
    return f;
}

PageData HiddenField(std::string name, std::string value) {
    PageData f;
    f.set("name", std::move(name));
    f.set("value", std::move(value));
    return f;
}

PageData LinkData(std::string url, std::string label, bool primary) {
    PageData l;
    l.set("url", std::move(url));
    l.set("label", std::move(label));
    l.set("primary", primary);
    return l;
}

PageData FormData(const http::Request& request, const std::string& heading, const std::string& action,
                  const std::string& csrf, const std::string& submit) {
    PageData d = CommonPageData(request, heading);
    d.set("heading", heading);
    d.set("action", action);
    d.set("csrf", csrf);
    d.set("submit", submit);
    d.set("fields", PageData(PageData::type::list));
    d.set("hidden", PageData(PageData::type::list));
    d.set("links", PageData(PageData::type::list));
    return d;
}

void SetFormError(PageData& data, const std::string& text, const std::string& field) {
    data.set("error", text);
    if (!field.empty()) data.set("error_field", field);
}

http::Response FormPage(const http::Request& request, int status, PageData data) {
    // Mark the field named by the error, if any.
    if (data.get("error_field") != nullptr && data.get("fields") != nullptr) {
        const std::string field = data.get("error_field")->string_value();
        PageData fields(PageData::type::list);
        for (auto item : data.get("fields")->list_value()) {
            if (item.get("name") && item.get("name")->string_value() == field) item.set("invalid", true);
            fields.push_back(item);
        }
        data.set("fields", fields);
    }
    return PageResponse(request, status, RenderInLayout("form", data));
}

http::Response NoticePage(const http::Request& request, int status, const std::string& heading,
                          std::initializer_list<std::string> paragraphs, PageData links, const std::string& code) {
    PageData d = CommonPageData(request, heading);
    d.set("heading", heading);
    PageData list(PageData::type::list);
    for (const auto& p : paragraphs)
        if (!p.empty()) list.push_back(p);
    d.set("paragraphs", list);
    d.set("links", std::move(links));
    if (!code.empty()) d.set("code", code);
    return PageResponse(request, status, RenderInLayout("notice", d));
}

http::Response RefusalPage(const http::Request& request, const Error& error) {
    const Lang lang = PageLang(request);
    return NoticePage(request, PageStatus(error), std::string(Msg(lang, "people_refused_title")),
                      {ErrorText(error, lang)}, PageData(PageData::type::list));
}

std::string TourWhen(std::string_view day, std::string_view starts, std::string_view ends, Lang lang) {
    return FormatDate(day, lang) + ", " + FormatTime(starts, lang) + " – " + FormatTime(ends, lang);
}

std::string HomePathOf(const auth::Principal& who) {
    if (who.Has(domain::Role::kOrganiser) || who.Has(domain::Role::kRelay)) return "/organisation";
    if (who.Has(domain::Role::kHost)) return "/usine";
    if (who.Has(domain::Role::kTeacher) || who.Has(domain::Role::kAdviser)) return "/compte/demandes";
    return "/compte/reservations";
}

std::string SafeNext(const std::string& next, const std::string& fallback) {
    if (next.empty() || next[0] != '/' || (next.size() > 1 && next[1] == '/')) return fallback;
    // Browsers drop tabs and newlines from URLs and read a backslash as a slash: "/\t/evil" and
    // "/\\evil" would become "//evil", another site. No control character, no backslash at all.
    for (unsigned char c : next)
        if (c < 0x20 || c == 0x7F || c == '\\') return fallback;
    return next;
}

void KeepPagePrivate(const http::Request&, http::Response& response) {
    auto is_cache_control = [](std::string_view name) {
        constexpr std::string_view kName = "cache-control";
        return name.size() == kName.size() &&
               std::equal(name.begin(), name.end(), kName.begin(),
                          [](char a, char b) { return std::tolower(static_cast<unsigned char>(a)) == b; });
    };
    for (auto& [name, value] : response.headers)
        if (is_cache_control(name)) {
            if (value == "no-cache") value = "private, no-store";
            return;
        }
    response.AddHeader("Cache-Control", "private, no-store");
}

http::Response FileResponse(std::string bytes, std::string content_type, const std::string& filename, bool attachment) {
    http::Response r = http::Response::Text(200, std::move(bytes));
    r.content_type = std::move(content_type);
    r.AddHeader("Content-Disposition", std::string(attachment ? "attachment" : "inline") + "; filename=\"" + filename + "\"");
    r.AddHeader("Cache-Control", "private, no-store");
    r.AddHeader("X-Content-Type-Options", "nosniff");
    return r;
}

}  // namespace juo::web
