// See api_media.h.
#include "web/api/api_media.h"

#include "http/router.h"
#include "services/exports.h"
#include "services/media.h"
#include "web/api/api_v1.h"
#include "web/api/booking_json.h"
#include "web/kit/export_files.h"
#include "web/kit/json_writer.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr int kPageSize = 50;

void WriteMention(JsonWriter& w, const domain::MediaMention& m) {
    w.BeginObject();
    w.Key("id");
    w.Int(m.id);
    w.Key("kind");
    w.String(domain::ToCode(m.kind));
    w.Key("outlet");
    w.String(m.outlet);
    w.Key("title");
    w.String(m.title);
    w.Key("published_on");
    w.String(m.published_on);
    w.Key("url");
    w.String(m.url);
    w.Key("department");
    w.String(m.department_code);
    w.EndObject();
}

void WriteCounts(JsonWriter& w, const domain::SocialMentions& s) {
    w.BeginObject();
    w.Key("id");
    w.Int(s.id);
    w.Key("network");
    w.String(s.network);
    w.Key("period_start");
    w.String(s.period_start);
    w.Key("period_end");
    w.String(s.period_end);
    w.Key("mentions");
    w.Int(s.mentions);
    w.EndObject();
}

http::Response Answer(int status, JsonWriter& w) {
    http::Response r = http::Response::Json(status, w.Take());
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

http::Response MentionAnswer(int status, const domain::MediaMention& m) {
    JsonWriter w;
    w.BeginObject();
    w.Key("media_mention");
    WriteMention(w, m);
    w.EndObject();
    return Answer(status, w);
}

http::Response Deleted(long long id) {
    JsonWriter w;
    w.BeginObject();
    w.Key("deleted");
    w.Int(id);
    w.EndObject();
    return Answer(200, w);
}

// A string member when present, else `fallback`.
Result<std::string> TextOr(const boost::json::object& o, std::string_view name, size_t max, const std::string& fallback) {
    return o.contains(name) ? StringMember(o, name, max) : Result<std::string>(fallback);
}

// The mention a JSON body describes, the members it lacks taken from `base`.
Result<domain::MediaMention> MentionOfBody(const boost::json::object& body, const domain::MediaMention& base,
                                           bool base_is_blank) {
    auto kind = TextOr(body, "kind", 20, base_is_blank ? "" : std::string(domain::ToCode(base.kind)));
    auto outlet = TextOr(body, "outlet", 200, base.outlet);
    auto title = TextOr(body, "title", 500, base.title);
    auto on = TextOr(body, "published_on", 10, base.published_on);
    auto url = TextOr(body, "url", 2000, base.url);
    auto department = TextOr(body, "department", 3, base.department_code);
    if (auto e = FirstError(kind, outlet, title, on, url, department)) return *e;
    return services::ReadMediaMention({*kind, *outlet, *title, *on, *url, *department}, base.edition_id);
}

// The API's handlers share: admission and this thread's connection (the services answer a
// database failure as their Error: 503).
template <typename Fn>
http::Handler Guarded(const PeopleContext& ctx, const char* pattern, Fn fn) {
    return [ctx, pattern, fn](const http::Request& req) {
        auto caller = Admit(ctx, req, pattern);
        if (!caller.ok()) return ApiError(caller.error());
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return ApiError(db.error());
        return fn(req, **db, caller->principal->user_id);
    };
}

}  // namespace

void RegisterMediaApi(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", "/api/v1/media-mentions",
               Guarded(ctx, "/api/v1/media-mentions", [](const http::Request& req, services::Db& db, long long) {
                   auto edition = services::RequestedEdition(db, EditionQuery(req));
                   if (!edition.ok()) return ApiError(edition.error());
                   long long page = 1;
                   if (const std::string* p = req.Query("page")) {
                       auto n = ParsePositiveId(*p);
                       if (!n || *n > services::kMaxMediaPage)
                           return ApiError(MakeError(ErrorCode::kInvalidArgument,
                                                     "page is a number from 1 to " +
                                                         std::to_string(services::kMaxMediaPage),
                                                     "la page est un nombre de 1 à " +
                                                         std::to_string(services::kMaxMediaPage)));
                       page = *n;
                   }
                   auto listed = services::ListMediaMentions(db, edition->id, page, kPageSize);
                   if (!listed.ok()) return ApiError(listed.error());
                   JsonWriter w;
                   w.BeginObject();
                   w.Key("edition");
                   w.Int(edition->year);
                   w.Key("total");
                   w.Int(listed->total);
                   w.Key("page");
                   w.Int(page);
                   w.Key("page_size");
                   w.Int(kPageSize);
                   w.Key("media_mentions");
                   w.BeginArray();
                   for (const auto& m : listed->mentions) WriteMention(w, m);
                   w.EndArray();
                   w.EndObject();
                   return Answer(200, w);
               }));
    router.Add("POST", "/api/v1/media-mentions",
               Guarded(ctx, "/api/v1/media-mentions", [](const http::Request& req, services::Db& db, long long user) {
                   auto body = JsonObjectBody(req);
                   if (!body.ok()) return ApiError(body.error());
                   auto edition = services::RequestedEdition(db, EditionQuery(req));
                   if (!edition.ok()) return ApiError(edition.error());
                   domain::MediaMention blank;
                   blank.edition_id = edition->id;
                   auto mention = MentionOfBody(*body, blank, true);
                   if (!mention.ok()) return ApiError(mention.error());
                   auto added = services::AddMediaMention(db, user, *mention);
                   if (!added.ok()) return ApiError(added.error());
                   return MentionAnswer(201, *mention);
               }));
    router.Add("PATCH", "/api/v1/media-mentions/{id}",
               Guarded(ctx, "/api/v1/media-mentions/{id}", [](const http::Request& req, services::Db& db, long long user) {
                   auto id = PathId(req, "media mention");
                   auto body = JsonObjectBody(req);
                   if (auto e = FirstError(id, body)) return ApiError(*e);
                   auto found = services::FindMediaMention(db, *id);
                   if (!found.ok()) return ApiError(found.error());
                   const auto& current = *found;
                   if (!current)
                       return ApiError(MakeError(ErrorCode::kNotFound, "no media mention " + std::to_string(*id),
                                                 "aucune retombée n°" + std::to_string(*id)));
                   auto mention = MentionOfBody(*body, *current, false);
                   if (!mention.ok()) return ApiError(mention.error());
                   mention->id = *id;
                   auto saved = services::EditMediaMention(db, user, *mention);
                   if (!saved.ok()) return ApiError(saved.error());
                   return MentionAnswer(200, *mention);
               }));
    router.Add("DELETE", "/api/v1/media-mentions/{id}",
               Guarded(ctx, "/api/v1/media-mentions/{id}", [](const http::Request& req, services::Db& db, long long user) {
                   auto id = PathId(req, "media mention");
                   if (!id.ok()) return ApiError(id.error());
                   auto removed = services::RemoveMediaMention(db, user, *id);
                   return removed.ok() ? Deleted(*id) : ApiError(removed.error());
               }));

    router.Add("GET", "/api/v1/social-mentions",
               Guarded(ctx, "/api/v1/social-mentions", [](const http::Request& req, services::Db& db, long long) {
                   auto edition = services::RequestedEdition(db, EditionQuery(req));
                   if (!edition.ok()) return ApiError(edition.error());
                   auto counts = services::ListSocialMentions(db, edition->id);
                   if (!counts.ok()) return ApiError(counts.error());
                   long long total = 0;
                   JsonWriter w;
                   w.BeginObject();
                   w.Key("edition");
                   w.Int(edition->year);
                   w.Key("social_mentions");
                   w.BeginArray();
                   for (const auto& s : *counts) {
                       WriteCounts(w, s);
                       total += s.mentions;
                   }
                   w.EndArray();
                   w.Key("total_mentions");
                   w.Int(total);
                   w.EndObject();
                   return Answer(200, w);
               }));
    router.Add("POST", "/api/v1/social-mentions",
               Guarded(ctx, "/api/v1/social-mentions", [](const http::Request& req, services::Db& db, long long user) {
                   auto body = JsonObjectBody(req);
                   if (!body.ok()) return ApiError(body.error());
                   auto network = StringMember(*body, "network", 20);
                   auto start = StringMember(*body, "period_start", 10);
                   auto end = StringMember(*body, "period_end", 10);
                   auto mentions = IntMember(*body, "mentions", 0, 10000000);
                   if (auto e = FirstError(network, start, end, mentions)) return ApiError(*e);
                   auto edition = services::RequestedEdition(db, EditionQuery(req));
                   if (!edition.ok()) return ApiError(edition.error());
                   auto counts = services::ReadSocialMentions({*network, *start, *end, std::to_string(*mentions)}, edition->id);
                   if (!counts.ok()) return ApiError(counts.error());
                   auto added = services::AddSocialMentions(db, user, *counts);
                   if (!added.ok()) return ApiError(added.error());
                   JsonWriter w;
                   w.BeginObject();
                   w.Key("social_mentions");
                   WriteCounts(w, *counts);
                   w.EndObject();
                   return Answer(201, w);
               }));
    router.Add("DELETE", "/api/v1/social-mentions/{id}",
               Guarded(ctx, "/api/v1/social-mentions/{id}", [](const http::Request& req, services::Db& db, long long user) {
                   auto id = PathId(req, "social-mention count");
                   if (!id.ok()) return ApiError(id.error());
                   auto removed = services::RemoveSocialMentions(db, user, *id);
                   return removed.ok() ? Deleted(*id) : ApiError(removed.error());
               }));
}

}  // namespace juo::web
