// JSON of bookings, waiting-list entries and engine outcomes (see booking_json.h).
#include "web/api/booking_json.h"

#include <charconv>

#include "web/api/api_v1.h"

namespace juo::web {

void WriteBooking(JsonWriter& w, const domain::Booking& b) {
    w.BeginObject();
    w.Key("id");
    w.Int(b.id);
    w.Key("session_id");
    w.Int(b.session_id);
    w.Key("people");
    w.Int(b.people);
    w.Key("audience");
    w.String(domain::ToCode(b.audience));
    w.Key("status");
    w.String(domain::ToCode(b.status));
    w.Key("ticket_code");
    w.String(b.ticket_code);
    w.Key("created_at");
    w.String(b.created_at);
    w.Key("cancelled_at");
    if (b.cancelled_at.empty())
        w.Null();
    else
        w.String(b.cancelled_at);
    w.EndObject();
}

void WriteEntry(JsonWriter& w, const domain::WaitlistEntry& e, const std::string& leave_token) {
    w.BeginObject();
    w.Key("id");
    w.Int(e.id);
    w.Key("session_id");
    w.Int(e.session_id);
    w.Key("people");
    w.Int(e.people);
    w.Key("status");
    w.String(domain::ToCode(e.status));
    w.Key("offer_expires_at");
    if (e.offer_expires_at.empty())
        w.Null();
    else
        w.String(e.offer_expires_at);
    if (!leave_token.empty()) {
        w.Key("leave_token");
        w.String(leave_token);
    }
    w.EndObject();
}

void WriteTour(JsonWriter& w, const services::TourSummary& t) {
    w.Key("tour");
    w.BeginObject();
    w.Key("session_id");
    w.Int(t.session_id);
    w.Key("site_id");
    w.Int(t.site_id);
    w.Key("site_name");
    w.String(t.site_name);
    w.Key("commune");
    w.String(t.commune);
    w.Key("day");
    w.String(t.day_date);
    w.Key("starts_at");
    w.String(t.starts_at);
    w.Key("ends_at");
    w.String(t.ends_at);
    w.EndObject();
}

// The JSON answer of an engine outcome.
void WriteBookingViews(JsonWriter& w, const std::vector<services::BookingView>& views, bool with_tour) {
    w.Key("bookings");
    w.BeginArray();
    for (const auto& b : views) {
        w.BeginObject();
        w.Key("booking");
        WriteBooking(w, b.booking);
        if (with_tour) WriteTour(w, b.tour);
        w.Key("attended");
        if (b.attended)
            w.Int(*b.attended);
        else
            w.Null();
        w.EndObject();
    }
    w.EndArray();
}

http::Response OutcomeResponse(const booking::Outcome& o) {
    JsonWriter w;
    w.BeginObject();
    int status = 200;
    if (o.booking) {
        w.Key("booking");
        WriteBooking(w, *o.booking);
        if (o.kind == booking::Outcome::Kind::kBooked && !o.replayed) status = 201;
    }
    if (o.entry) {
        w.Key("waitlist_entry");
        WriteEntry(w, *o.entry, o.leave_token);
        if (o.kind == booking::Outcome::Kind::kWaitlisted) status = 202;
    }
    if (o.request_id != 0) {
        w.Key("group_request_id");
        w.Int(o.request_id);
    }
    if (o.kind == booking::Outcome::Kind::kChanged) {
        w.Key("people_before");
        w.Int(o.people_before);
    }
    if (o.kind == booking::Outcome::Kind::kCheckedIn) {
        w.Key("check_in_id");
        w.Int(o.check_in_id);
    }
    w.Key("replayed");
    w.Bool(o.replayed);
    w.Key("places_left");
    w.Int(o.places_left);
    w.Key("offers_made");
    w.Int(o.offers_made);
    w.EndObject();
    http::Response r = http::Response::Json(status, w.Take());
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

// Submits `command` and replies with its outcome.
void RunCommand(const PeopleContext& ctx, booking::Command command, http::Reply reply) {
    ctx.engine->Submit(std::move(command), [reply](Result<booking::Outcome> r) {
        reply(r.ok() ? OutcomeResponse(*r) : ApiError(r.error()));
    });
}

Result<long long> PathId(const http::Request& req, const char* what) {
    const std::string text = req.PathParam("id");
    long long id = 0;
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || id <= 0)
        return MakeError(ErrorCode::kInvalidArgument, std::string(what) + " id must be a positive number",
                         "identifiant invalide");
    return id;
}

}  // namespace juo::web
