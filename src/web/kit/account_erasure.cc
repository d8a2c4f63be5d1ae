// A person's export and erasure for the handlers (account_erasure.h).
#include "web/kit/account_erasure.h"

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>

#include "auth/hashing_pool.h"
#include "common/clock.h"
#include "web/kit/json_writer.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

// The erasure's transaction, on the write steps' thread (on this thread when there is none).
void Finish(const PeopleContext& ctx, long long user_id, long long actor_user_id,
            const std::function<void(Result<services::ErasedAccount>)>& done) {
    auto run = [ctx, user_id, actor_user_id, done]() {
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return done(db.error());
        done(services::EraseAccount(**db, *ctx.sessions, user_id, actor_user_id, NowUtcIso()));
    };
    if (!ctx.write_steps) return run();
    if (Status queued = ctx.write_steps->Submit(run); !queued.ok()) done(queued.error());
}

void OptString(JsonWriter& w, std::string_view key, const std::optional<std::string>& v) {
    w.Key(key);
    if (v)
        w.String(*v);
    else
        w.Null();
}

void OptInt(JsonWriter& w, std::string_view key, const std::optional<long long>& v) {
    w.Key(key);
    if (v)
        w.Int(*v);
    else
        w.Null();
}

void Str(JsonWriter& w, std::string_view key, std::string_view v) {
    w.Key(key);
    w.String(v);
}

void Num(JsonWriter& w, std::string_view key, long long v) {
    w.Key(key);
    w.Int(v);
}

}  // namespace

void EraseAccountThroughEngine(const PeopleContext& ctx, long long user_id, long long actor_user_id,
                               std::function<void(Result<services::ErasedAccount>)> done) {
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return done(db.error());
    auto plan = services::PlanErase(**db, user_id, NowUtcIso());
    if (!plan.ok()) return done(plan.error());
    const size_t steps = plan->future_bookings.size() + plan->live_waitlist.size();
    if (steps == 0) return Finish(ctx, user_id, actor_user_id, done);
    struct State {
        std::atomic<size_t> left;
        std::mutex mutex;
        std::optional<Error> error;
    };
    auto state = std::make_shared<State>();
    state->left = steps;
    auto answered = [ctx, user_id, actor_user_id, done, state](Result<booking::Outcome> r) {
        // Already cancelled or left (by the person meanwhile), or checked in at the door: the
        // transaction checks what is left. Anything else (the engine busy, the database down)
        // stops the erasure before it changes the account.
        if (!r.ok() && r.error().code != ErrorCode::kConflict && r.error().code != ErrorCode::kNotFound) {
            std::lock_guard lock(state->mutex);
            if (!state->error) state->error = r.error();
        }
        if (--state->left != 0) return;
        std::optional<Error> failed;
        {
            std::lock_guard lock(state->mutex);
            failed = state->error;
        }
        if (failed) return done(*failed);
        Finish(ctx, user_id, actor_user_id, done);
    };
    const bool by_organiser = actor_user_id != user_id;
    for (long long id : plan->future_bookings)
        ctx.engine->Submit(booking::Cancel{by_organiser ? actor_user_id : user_id, id, by_organiser}, answered);
    for (long long id : plan->live_waitlist) ctx.engine->Submit(booking::LeaveWaitlist{"", user_id, id}, answered);
}

std::string PersonalDataJson(const services::PersonalData& d, const std::string& exported_at) {
    JsonWriter w;
    w.BeginObject();
    Str(w, "exported_at", exported_at);
    w.Key("account");
    w.BeginObject();
    Num(w, "id", d.account.id);
    Str(w, "display_name", d.account.display_name);
    Str(w, "email", d.account.email);
    Str(w, "created_at", d.account.created_at);
    OptString(w, "email_confirmed_at", d.account.email_confirmed_at);
    Str(w, "language", d.account.locale);
    OptString(w, "school", d.account.school);
    OptString(w, "organisation", d.account.organisation);
    w.Key("has_password");
    w.Bool(d.account.has_password);
    w.EndObject();
    w.Key("roles");
    w.BeginArray();
    for (const auto& r : d.roles) {
        w.BeginObject();
        Str(w, "role", r.role);
        OptString(w, "department_code", r.department_code);
        OptInt(w, "site_id", r.site_id);
        OptString(w, "site_name", r.site_name);
        w.EndObject();
    }
    w.EndArray();
    w.Key("bookings");
    w.BeginArray();
    for (const auto& b : d.bookings) {
        w.BeginObject();
        Num(w, "id", b.id);
        Num(w, "edition", b.edition_year);
        Str(w, "kind", b.kind);
        Str(w, "audience", b.audience);
        Str(w, "status", b.status);
        Num(w, "people", b.people);
        Str(w, "ticket_code", b.ticket_code);
        Str(w, "created_at", b.created_at);
        OptString(w, "cancelled_at", b.cancelled_at);
        OptString(w, "reminded_at", b.reminded_at);
        w.Key("tour");
        w.BeginObject();
        Num(w, "session_id", b.session_id);
        Num(w, "site_id", b.site_id);
        Str(w, "site_name", b.site_name);
        Str(w, "commune", b.commune);
        Str(w, "day", b.day_date);
        Str(w, "starts_at", b.starts_at);
        Str(w, "ends_at", b.ends_at);
        w.EndObject();
        w.Key("check_in");
        if (b.attended) {
            w.BeginObject();
            Num(w, "attended", *b.attended);
            OptString(w, "at", b.checked_in_at);
            w.EndObject();
        } else {
            w.Null();
        }
        w.EndObject();
    }
    w.EndArray();
    w.Key("waiting_list");
    w.BeginArray();
    for (const auto& e : d.waitlist) {
        w.BeginObject();
        Num(w, "id", e.id);
        Num(w, "session_id", e.session_id);
        Str(w, "site_name", e.site_name);
        Str(w, "day", e.day_date);
        Str(w, "starts_at", e.starts_at);
        Num(w, "people", e.people);
        Str(w, "status", e.status);
        Str(w, "created_at", e.created_at);
        OptString(w, "offer_expires_at", e.offer_expires_at);
        w.EndObject();
    }
    w.EndArray();
    w.Key("group_requests");
    w.BeginArray();
    for (const auto& g : d.group_requests) {
        w.BeginObject();
        Num(w, "id", g.id);
        Num(w, "edition", g.edition_year);
        OptString(w, "school", g.school);
        Str(w, "audience", g.audience);
        Str(w, "level", g.level);
        Num(w, "pupils", g.pupils);
        Num(w, "adults", g.adults);
        w.Key("bus_needed");
        w.Bool(g.bus_needed);
        Str(w, "department_code", g.department_code);
        Str(w, "status", g.status);
        OptString(w, "message", g.message);
        Str(w, "submitted_at", g.submitted_at);
        OptString(w, "decided_at", g.decided_at);
        w.EndObject();
    }
    w.EndArray();
    w.Key("survey_answers");
    w.BeginArray();
    for (const auto& a : d.survey_answers) {
        w.BeginObject();
        Num(w, "response_id", a.response_id);
        Str(w, "survey", a.survey_title);
        Str(w, "submitted_at", a.submitted_at);
        Str(w, "question", a.question);
        OptInt(w, "rating", a.rating ? std::optional<long long>(*a.rating) : std::nullopt);
        w.Key("yes_no");
        if (a.yes_no)
            w.Bool(*a.yes_no);
        else
            w.Null();
        OptString(w, "text", a.text);
        w.EndObject();
    }
    w.EndArray();
    w.Key("sessions");
    w.BeginArray();
    for (const auto& s : d.sessions) {
        w.BeginObject();
        Str(w, "created_at", s.created_at);
        Str(w, "last_seen_at", s.last_seen_at);
        Str(w, "expires_at", s.expires_at);
        OptString(w, "user_agent", s.user_agent);
        w.EndObject();
    }
    w.EndArray();
    w.Key("audit");
    w.BeginArray();
    for (const auto& a : d.audit) {
        w.BeginObject();
        Num(w, "id", a.id);
        Str(w, "at", a.at);
        Str(w, "actor", a.actor_label);
        w.Key("by_you");
        w.Bool(a.by_them);
        Str(w, "action", a.action);
        Str(w, "entity", a.entity);
        OptInt(w, "entity_id", a.entity_id);
        OptString(w, "detail", a.detail);
        w.EndObject();
    }
    w.EndArray();
    w.Key("emails");
    w.BeginArray();
    for (const auto& e : d.emails) {
        w.BeginObject();
        Str(w, "created_at", e.created_at);
        Str(w, "kind", e.kind);
        Str(w, "subject", e.subject);
        Str(w, "status", e.status);
        OptString(w, "sent_at", e.sent_at);
        w.EndObject();
    }
    w.EndArray();
    w.Key("mail_opt_outs");
    w.BeginArray();
    for (const auto& o : d.mail_opt_outs) {
        w.BeginObject();
        Str(w, "list", o.list);
        Str(w, "created_at", o.created_at);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return w.Take();
}

http::Response PersonalDataDownload(const services::PersonalData& data) {
    const std::string now = NowUtcIso();
    return FileResponse(PersonalDataJson(data, now), "application/json; charset=utf-8",
                        "juo-mes-donnees-" + now.substr(0, 10) + ".json", true);
}

}  // namespace juo::web
