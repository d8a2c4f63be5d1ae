// See api_editions.h.
#include "web/api/api_editions.h"

#include "http/router.h"
#include "services/editions.h"
#include "web/kit/api_kit.h"
#include "web/api/api_v1.h"
#include "web/kit/back_office_kit.h"
#include "web/api/booking_json.h"

namespace juo::web {
namespace {

namespace json = boost::json;

constexpr const char* kList = "/api/v1/organisation/editions";
constexpr const char* kOne = "/api/v1/organisation/editions/{id}";
constexpr const char* kClone = "/api/v1/organisation/editions/clone";
constexpr const char* kInvitations = "/api/v1/organisation/editions/{id}/invitations";

void TextOrNull(JsonWriter& w, const std::string& text) {
    if (text.empty())
        w.Null();
    else
        w.String(text);
}

void IntOrNull(JsonWriter& w, const std::optional<int>& n) {
    if (n)
        w.Int(*n);
    else
        w.Null();
}

void WriteEdition(JsonWriter& w, const services::EditionProgress& p) {
    const auto& e = p.edition;
    w.BeginObject();
    w.Key("id");
    w.Int(e.id);
    w.Key("year");
    w.Int(e.year);
    w.Key("version");  // as the ETag: send it back in If-Match with a PATCH
    w.String(services::EditionVersion(e));
    w.Key("name");
    w.String(e.name);
    w.Key("status");
    w.String(domain::ToCode(e.status));
    w.Key("target_sites");
    IntOrNull(w, e.target_sites);
    w.Key("target_visitors");
    IntOrNull(w, e.target_visitors);
    w.Key("registration_opens_at");
    TextOrNull(w, e.registration_opens_at);
    w.Key("registration_closes_at");
    TextOrNull(w, e.registration_closes_at);
    w.Key("registration_opens_on");
    TextOrNull(w, services::ParisDateOf(e.registration_opens_at));
    w.Key("registration_closes_on");
    TextOrNull(w, services::ParisDateOf(e.registration_closes_at));
    w.Key("max_party_size");
    w.Int(e.max_party_size);
    w.Key("days");
    w.BeginArray();
    for (const auto& d : e.days) {
        w.BeginObject();
        w.Key("date");
        w.String(d.date);
        w.Key("audiences");
        w.BeginArray();
        for (auto a : d.audiences) w.String(domain::ToCode(a));
        w.EndArray();
        w.EndObject();
    }
    w.EndArray();
    w.Key("approved_sites");
    w.Int(p.approved_sites);
    w.Key("bookings");
    w.Int(p.bookings);
    w.Key("booked_visitors");
    w.Int(p.booked_visitors);
    w.EndObject();
}

// {"edition": …} for edition `id` with its progress.
http::Response EditionAnswer(services::Db& db, long long id, int status) {
    auto p = services::FindEditionProgress(db, id);  // kNotFound: "no edition {id}"
    if (!p.ok()) return ApiError(p.error());
    JsonWriter w;
    w.BeginObject();
    w.Key("edition");
    WriteEdition(w, *p);
    w.EndObject();
    http::Response r = PrivateJson(status, w);
    r.AddHeader("ETag", "\"" + services::EditionVersion(p->edition) + "\"");
    return r;
}

Error Invalid(std::string en, std::string fr) {
    return MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr));
}

// A target: a whole number, or null for none.
Result<std::optional<int>> Target(const json::object& body, std::string_view name) {
    if (body.at(name).is_null()) return std::optional<int>();
    auto n = IntMember(body, name, 0, 10000000);
    if (!n.ok()) return n.error();
    return std::optional<int>(static_cast<int>(*n));
}

// A registration date: 'YYYY-MM-DD', or null (or "") for none.
Result<std::string> DateOrNull(const json::object& body, std::string_view name) {
    if (body.at(name).is_null()) return std::string();
    return StringMember(body, name, 10);
}

Result<std::vector<domain::EditionDay>> Days(const json::value& value) {
    const auto bad =
        Invalid("days is an array of {\"date\": \"YYYY-MM-DD\", \"audiences\": [\"school\", …]}",
                "days est une liste de {\"date\": \"AAAA-MM-JJ\", \"audiences\": [\"school\", …]}");
    if (!value.is_array() || value.as_array().size() > 31) return bad;
    std::vector<domain::EditionDay> days;
    for (const auto& item : value.as_array()) {
        if (!item.is_object()) return bad;
        auto date = StringMember(item.as_object(), "date", 10);
        if (!date.ok()) return date.error();
        const json::value* audiences = item.as_object().if_contains("audiences");
        if (!audiences || !audiences->is_array()) return bad;
        domain::EditionDay day;
        day.date = *date;
        for (const auto& code : audiences->as_array()) {
            auto a = code.is_string() ? domain::ParseAudience(code.as_string()) : std::nullopt;
            if (!a)
                return Invalid("an audience is school, public or job_seekers",
                               "un public est school, public ou job_seekers");
            day.audiences.push_back(*a);
        }
        days.push_back(std::move(day));
    }
    return days;
}

// The stored edition's edit with the members of `body` applied.
Result<services::EditionEdit> ReadPatch(const json::object& body, services::EditionEdit edit) {
    for (const auto& member : body) {
        const std::string_view key = member.key();
        if (key == "name") {
            auto v = StringMember(body, key, 200);
            if (!v.ok()) return v.error();
            edit.name = *v;
        } else if (key == "target_sites" || key == "target_visitors") {
            auto v = Target(body, key);
            if (!v.ok()) return v.error();
            (key == "target_sites" ? edit.target_sites : edit.target_visitors) = *v;
        } else if (key == "registration_opens_on" || key == "registration_closes_on") {
            auto v = DateOrNull(body, key);
            if (!v.ok()) return v.error();
            (key == "registration_opens_on" ? edit.registration_opens_on : edit.registration_closes_on) = *v;
        } else if (key == "max_party_size") {
            auto v = IntMember(body, key, 1, 50);
            if (!v.ok()) return v.error();
            edit.max_party_size = static_cast<int>(*v);
        } else if (key == "status") {
            auto v = StringMember(body, key, 20);
            auto status = v.ok() ? domain::ParseEditionStatus(*v) : std::nullopt;
            if (!status)
                return Invalid("status is draft, open, closed or archived",
                               "status vaut draft, open, closed ou archived");
            edit.status = *status;
        } else if (key == "days") {
            auto v = Days(member.value());
            if (!v.ok()) return v.error();
            edit.days = std::move(*v);
        } else {
            return Invalid("unknown member '" + std::string(key) + "'",
                           "champ inconnu : '" + std::string(key) + "'");
        }
    }
    return edit;
}

}  // namespace

void RegisterEditionApi(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kList, [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, kList);
        if (!caller.ok()) return ApiError(caller.error());
        return WithApiDatabase(ctx, [&](services::Db& db) -> http::Response {
            auto editions = services::ListEditions(db);
            if (!editions.ok()) return ApiError(editions.error());
            JsonWriter w;
            w.BeginObject();
            w.Key("editions");
            w.BeginArray();
            for (const auto& p : *editions) WriteEdition(w, p);
            w.EndArray();
            w.EndObject();
            return PrivateJson(200, w);
        });
    });

    router.Add("GET", kOne, [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, kOne);
        if (!caller.ok()) return ApiError(caller.error());
        auto id = PathId(req, "edition");
        if (!id.ok()) return ApiError(id.error());
        return WithApiDatabase(
            ctx, [&](services::Db& db) -> http::Response { return EditionAnswer(db, *id, 200); });
    });

    router.Add("PATCH", kOne, [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, kOne);
        if (!caller.ok()) return ApiError(caller.error());
        auto id = PathId(req, "edition");
        auto body = JsonObjectBody(req);
        if (auto e = FirstError(id, body)) return ApiError(*e);
        // A field another organiser changed meanwhile is kept unless this patch names it.
        return WithApiDatabase(ctx, [&](services::Db& db) -> http::Response {
            Status done = PatchOnVersion(req, [&](const std::string& if_match) -> Status {
                auto updated = services::PatchEdition(
                    db, *id, if_match, [&](services::EditionEdit current) { return ReadPatch(*body, std::move(current)); },
                    caller->principal->user_id);
                return updated.ok() ? Status(Ok()) : Status(updated.error());
            });
            if (!done.ok()) return ApiError(done.error());
            return EditionAnswer(db, *id, 200);
        });
    });

    router.Add("POST", kClone, [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, kClone);
        if (!caller.ok()) return ApiError(caller.error());
        auto body = JsonObjectBody(req);
        if (!body.ok()) return ApiError(body.error());
        // The year cloned is named, so that a repeated or late request cannot clone another one.
        auto from = IntMember(*body, "from_year", domain::kFirstEditionYear, domain::kLastEditionYear);
        if (!from.ok()) return ApiError(from.error());
        return WithApiDatabase(ctx, [&](services::Db& db) -> http::Response {
            auto clone = services::CloneEdition(db, static_cast<int>(*from), caller->principal->user_id);
            if (!clone.ok()) return ApiError(clone.error());
            return EditionAnswer(db, clone->id, 201);
        });
    });

    router.Add("POST", kInvitations, [ctx](const http::Request& req) {
        auto caller = Admit(ctx, req, kInvitations);
        if (!caller.ok()) return ApiError(caller.error());
        auto id = PathId(req, "edition");
        if (!id.ok()) return ApiError(id.error());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        auto outcome = services::InvitePreviousHosts(**db, *id, caller->principal->user_id,
                                                     InvitationMail(ctx.public_url));
        if (!outcome.ok()) return ApiError(outcome.error());
        JsonWriter w;
        w.BeginObject();
        w.Key("edition_id");
        w.Int(*id);
        w.Key("invited");
        w.Int(outcome->invited);
        w.Key("already_invited");
        w.Int(outcome->already_invited);
        w.EndObject();
        return PrivateJson(200, w);
    });
}

}  // namespace juo::web
