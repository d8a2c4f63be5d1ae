// See api_check_ins.h.
#include "web/api/api_check_ins.h"

#include "auth/authorisation.h"
#include "common/clock.h"
#include "http/router.h"
#include "services/host_day.h"
#include "services/offline_check_in.h"
#include "web/api/booking_json.h"
#include "web/kit/api_kit.h"
#include "web/kit/json_body.h"

namespace juo::web {
namespace {

constexpr const char* kDay = "/api/v1/host/check-ins/day";
constexpr const char* kSync = "/api/v1/check-ins/sync";
constexpr const char* kUndo = "/api/v1/bookings/{id}/check-in";

void WriteTotals(JsonWriter& w, const services::CheckInTotals& t) {
    w.Key("totals");
    w.BeginObject();
    for (auto [name, value] : {std::pair{"bookings", t.bookings},
                               {"booked_people", t.booked_people},
                               {"arrived", t.arrived},
                               {"arrived_people", t.arrived_people},
                               {"no_shows", t.no_shows},
                               {"no_show_people", t.no_show_people}}) {
        w.Key(name);
        w.Int(value);
    }
    w.EndObject();
}

void WriteArrival(JsonWriter& w, const services::Arrival& a) {
    const auto& r = a.row;
    w.BeginObject();
    w.Key("booking_id");
    w.Int(r.booking_id);
    w.Key("session_id");
    w.Int(r.session_id);
    w.Key("site_id");
    w.Int(r.site_id);
    w.Key("site_name");
    w.String(a.site_name);
    w.Key("ticket_code");
    w.String(r.ticket_code);
    w.Key("kind");
    w.String(a.group ? "group" : "party");
    w.Key("name");
    w.String(a.name);
    w.Key("day");
    w.String(r.day_date);
    w.Key("starts_at");
    w.String(r.starts_at);
    w.Key("ends_at");
    w.String(r.ends_at);
    w.Key("people");
    w.Int(r.people);
    w.Key("attended");
    if (r.attended)
        w.Int(*r.attended);
    else
        w.Null();
    w.Key("state");
    w.String(r.attended ? "arrived" : a.no_show() ? "no-show" : "expected");
    w.EndObject();
}

http::Response DayAnswer(const services::CheckInDay& day) {
    JsonWriter w;
    w.BeginObject();
    w.Key("today");
    w.String(day.today);
    w.Key("day");
    if (day.day.empty())
        w.Null();
    else
        w.String(day.day);
    w.Key("query");
    w.String(day.query);
    WriteTotals(w, day.totals);
    w.Key("arrivals");
    w.BeginArray();
    for (const auto& a : day.arrivals) WriteArrival(w, a);
    w.EndArray();
    w.EndObject();
    return JsonAnswer(200, w);
}

// {"scans": [{"nonce", "ticket_code", "attended", "scanned_at"}, …]}: 1 to kMaxScansPerSync scans,
// every one readable (a bad one refuses the batch: the phone's queue is built by its script).
Result<std::vector<services::OfflineScan>> ReadScans(const boost::json::object& body) {
    const auto* scans = body.if_contains("scans");
    if (!scans || !scans->is_array())
        return MakeError(ErrorCode::kInvalidArgument, "scans must be an array", "scans doit être une liste");
    const auto& list = scans->get_array();
    if (list.empty() || list.size() > services::kMaxScansPerSync)
        return MakeError(
            ErrorCode::kInvalidArgument,
            "scans must hold 1 to " + std::to_string(services::kMaxScansPerSync) + " scans",
            "scans doit contenir de 1 à " + std::to_string(services::kMaxScansPerSync) + " pointages");
    std::vector<services::OfflineScan> out;
    for (size_t i = 0; i < list.size(); ++i) {
        const std::string at = "scans[" + std::to_string(i) + "]: ";
        if (!list[i].is_object())
            return MakeError(ErrorCode::kInvalidArgument, at + "must be an object",
                             at + "doit être un objet");
        const auto& scan = list[i].get_object();
        auto nonce = StringMember(scan, "nonce", 64);
        auto code = StringMember(scan, "ticket_code", 40);
        auto attended = IntMember(scan, "attended", -1, 1000);
        auto when = StringMember(scan, "scanned_at", 40);
        if (auto e = FirstError(nonce, code, attended, when))
            return MakeError(e->code, at + e->message, at + e->message_fr);
        auto read = services::ReadOfflineScan(*nonce, *code, *attended, *when);
        if (!read.ok())
            return MakeError(read.error().code, at + read.error().message, at + read.error().message_fr);
        out.push_back(std::move(*read));
    }
    return out;
}

http::Response SyncAnswer(const std::vector<services::ScanResult>& results) {
    std::map<std::string, long long> counts{
        {"checked_in", 0}, {"already_synced", 0}, {"conflict", 0}, {"refused", 0}, {"retry", 0}};
    JsonWriter w;
    w.BeginObject();
    w.Key("results");
    w.BeginArray();
    for (const auto& r : results) {
        const std::string status = services::ScanStatusName(r.status);
        ++counts[status];
        w.BeginObject();
        w.Key("nonce");
        w.String(r.nonce);
        w.Key("ticket_code");
        w.String(r.ticket_code);
        w.Key("status");
        w.String(status);
        w.Key("booking_id");
        if (r.booking_id)
            w.Int(r.booking_id);
        else
            w.Null();
        w.Key("attended");
        w.Int(r.attended);
        if (r.error) {
            w.Key("error");
            w.String(r.error->message);
            w.Key("error_fr");
            w.String(r.error->message_fr.empty() ? r.error->message : r.error->message_fr);
        }
        w.EndObject();
    }
    w.EndArray();
    w.Key("counts");
    w.BeginObject();
    for (const auto& [name, n] : counts) {
        w.Key(name);
        w.Int(n);
    }
    w.EndObject();
    w.EndObject();
    return JsonAnswer(200, w);
}

}  // namespace

void RegisterCheckInApi(http::Router& router, const PeopleContext& ctx) {
    AddAdmitted(router, ctx, "GET", kDay,
                [](const http::Request& req, const Caller& caller, services::Db& db) {
                    const std::string* q = req.Query("q");
                    auto day = services::CheckInList(db, *caller.principal, NowUtcIso(),
                                                     q ? std::string_view(*q).substr(0, 100) : "");
                    return day.ok() ? DayAnswer(*day) : ApiError(day.error());
                });

    router.AddAsync("POST", kSync, [ctx](const http::Request& req, http::Reply reply) {
        auto caller = Admit(ctx, req, kSync);
        if (!caller.ok()) return reply(ApiError(caller.error()));
        auto body = JsonObjectBody(req);
        if (!body.ok()) return reply(ApiError(body.error()));
        auto scans = ReadScans(*body);
        if (!scans.ok()) return reply(ApiError(scans.error()));
        services::SyncOfflineScans(
            *ctx.engine, *caller->principal, std::move(*scans),
            [reply](std::vector<services::ScanResult> results) { reply(SyncAnswer(results)); });
    });

    router.AddAsync("DELETE", kUndo, [ctx](const http::Request& req, http::Reply reply) {
        auto caller = Admit(ctx, req, kUndo);
        if (!caller.ok()) return reply(ApiError(caller.error()));
        auto id = PathId(req, "booking");
        if (!id.ok()) return reply(ApiError(id.error()));
        const auth::Principal who = *caller->principal;
        RunCommand(
            ctx,
            booking::UndoCheckIn{*id, who.user_id,
                                 [who](long long site_id) { return auth::CanActOnSite(who, site_id); }},
            reply);
    });
}

}  // namespace juo::web
