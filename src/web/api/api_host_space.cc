// See api_host_space.h.
#include "web/api/api_host_space.h"

#include "web/kit/api_kit.h"
#include "web/host/host_kit.h"
#include "web/api/site_json.h"

namespace juo::web {
namespace {

namespace json = boost::json;

// The JSON body's members as form fields (strings as they are, numbers in decimal, true as "1";
// false and null left out, as an unticked box), over `base`.
Result<Form> FormFromJson(const http::Request& req, Form base, std::initializer_list<const char*> members) {
    auto body = JsonObjectBody(req);
    if (!body.ok()) return body.error();
    for (const char* name : members) {
        const json::value* v = body->if_contains(name);
        if (!v) continue;
        std::string text;
        if (v->is_string()) {
            text = std::string(v->as_string());
        } else if (v->is_int64() || v->is_uint64()) {
            text = json::serialize(*v);
        } else if (v->is_double()) {
            text = services::Coordinate(v->as_double());
        } else if (v->is_bool()) {
            text = v->as_bool() ? "1" : "";
        } else if (!v->is_null()) {
            return MakeError(ErrorCode::kInvalidArgument, std::string(name) + " must be a string, a number or a boolean",
                             std::string(name) + " doit être un texte, un nombre ou un booléen");
        }
        std::erase_if(base.fields, [&](const auto& f) { return f.first == name; });
        if (!text.empty() || v->is_string()) base.fields.emplace_back(name, text);
    }
    return base;
}

http::Response Profile(services::Db& db, const services::SiteAccess& access, int status) {
    const auto& s = access.view.site;
    auto profile = services::ReadSiteProfile(db, s);
    if (!profile.ok()) return ApiError(profile.error());
    JsonWriter w;
    w.BeginObject();
    w.Key("site");
    w.BeginObject();
    WriteSiteMembers(w, s);
    w.Key("address");
    w.String(s.address);
    w.Key("accessibility_notes");
    w.String(s.accessibility_notes);
    w.Key("safety_rules");
    w.String(s.safety_rules);
    w.Key("status");
    w.String(domain::ToCode(access.view.status));
    w.Key("version");  // as the ETag: send it back in If-Match with a PATCH
    w.String(profile->version);
    w.Key("photo_url");
    if (profile->photo_file_id)
        w.String("/usines/" + std::to_string(s.id) + "/photo");
    else
        w.Null();
    w.EndObject();
    w.EndObject();
    http::Response r = JsonAnswer(status, w);
    r.AddHeader("ETag", "\"" + profile->version + "\"");
    return r;
}

// The profile form filled with the site as it is (PATCH changes only the members it sends).
Form ProfileForm(const domain::Site& s) {
    Form f;
    f.fields = {{"name", s.name},
                {"address", s.address},
                {"place", s.postcode},
                {"lat", services::Coordinate(s.position.lat)},
                {"lon", services::Coordinate(s.position.lon)},
                {"access_notes", s.accessibility_notes},
                {"min_age", s.min_age ? std::to_string(*s.min_age) : ""},
                {"safety", s.safety_rules},
                {"description", s.description}};
    if (s.wheelchair_access) f.fields.emplace_back("wheelchair", "1");
    if (s.hearing_access) f.fields.emplace_back("hearing", "1");
    if (s.visual_access) f.fields.emplace_back("visual", "1");
    if (s.mental_access) f.fields.emplace_back("mental", "1");
    if (s.psychic_access) f.fields.emplace_back("psychic", "1");
    return f;
}

http::Response Ok200() {
    JsonWriter w;
    w.BeginObject();
    w.Key("ok");
    w.Bool(true);
    w.EndObject();
    return JsonAnswer(200, w);
}

http::Response Internships(services::Db& db, const services::SiteAccess& access, int status) {
    auto offers = services::SiteInternships(db, access);
    if (!offers.ok()) return ApiError(offers.error());
    JsonWriter w;
    w.BeginObject();
    w.Key("internships");
    w.BeginArray();
    for (const auto& o : *offers) {
        w.BeginObject();
        w.Key("id");
        w.Int(o.id);
        w.Key("kind");
        w.String(domain::ToCode(o.kind));
        w.Key("title");
        w.String(o.title);
        w.Key("places");
        w.Int(o.places);
        w.Key("filled");
        w.Int(o.filled);
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return JsonAnswer(status, w);
}

http::Response Kit(services::Db& db, bool published_only, int status, std::optional<long long> created = {}) {
    auto kit = services::TeachingKit(db, published_only);
    if (!kit.ok()) return ApiError(kit.error());
    JsonWriter w;
    w.BeginObject();
    if (created) {
        w.Key("created_id");
        w.Int(*created);
    }
    w.Key("documents");
    w.BeginArray();
    for (const auto& d : kit->documents) {
        if (published_only && !d.file_id) continue;
        w.BeginObject();
        w.Key("id");
        w.Int(d.id);
        w.Key("title");
        w.String(d.title);
        w.Key("audience");
        w.String(d.audience);
        w.Key("pages");
        w.Int(d.pages);
        w.Key("url");
        if (d.file_id)
            w.String("/kit/" + std::to_string(d.id));
        else
            w.Null();
        if (!published_only) {
            w.Key("published");
            w.Bool(d.published);
            w.Key("downloads");
            w.Int(d.downloads);
        }
        w.EndObject();
    }
    w.EndArray();
    w.EndObject();
    return JsonAnswer(status, w);
}

// Runs `fn(access)` on the route's site when the caller manages it.
template <typename Fn>
http::Response OnSite(const http::Request& req, const Caller& caller, services::Db& db, Fn&& fn) {
    auto access = services::ManagedSite(db, req.PathParam("id"), *caller.principal);
    if (!access.ok()) return ApiError(access.error());
    return fn(*access);
}

}  // namespace

void RegisterHostSpaceApi(http::Router& router, const PeopleContext& ctx) {
    const char* profile = "/api/v1/host/sites/{id}/profile";
    AddAdmitted(router, ctx, "GET", profile, [](const http::Request& req, const Caller& caller, services::Db& db) {
        return OnSite(req, caller, db, [&](const services::SiteAccess& access) { return Profile(db, access, 200); });
    });
    AddAdmitted(router, ctx, "PATCH", profile, [](const http::Request& req, const Caller& caller, services::Db& db) {
        Status done = PatchOnVersion(req, [&](const std::string& if_match) -> Status {
            auto access = services::ManagedSite(db, req.PathParam("id"), *caller.principal);
            if (!access.ok()) return access.error();
            auto form = FormFromJson(req, ProfileForm(access->view.site),
                                     {"name", "address", "place", "lat", "lon", "wheelchair", "hearing", "visual", "mental",
                                      "psychic", "access_notes", "min_age", "safety", "description"});
            if (!form.ok()) return form.error();
            auto read = services::ReadProfile(ProfileInputOf(*form), access->view.site);
            if (auto* problem = std::get_if<services::FieldError>(&read)) return problem->error;
            return services::SaveProfile(db, caller.principal->user_id, std::get<domain::Site>(read),
                                         if_match.empty() ? services::ProfileVersion(access->view.site) : if_match);
        });
        if (!done.ok()) return ApiError(done.error());
        auto again = services::ManagedSite(db, req.PathParam("id"), *caller.principal);
        return again.ok() ? Profile(db, *again, 200) : ApiError(again.error());
    });
    AddAdmitted(router, ctx, "POST", "/api/v1/host/sites/{id}/resubmit",
                [](const http::Request& req, const Caller& caller, services::Db& db) {
                    return OnSite(req, caller, db, [&](const services::SiteAccess& access) {
                        auto done = services::ResubmitRegistration(db, caller.principal->user_id, access);
                        return done.ok() ? Ok200() : ApiError(done.error());
                    });
                });
    AddAdmitted(router, ctx, "PUT", "/api/v1/host/sites/{id}/photo",
                [](const http::Request& req, const Caller& caller, services::Db& db) {
                    return OnSite(req, caller, db, [&](const services::SiteAccess& access) {
                        auto photo = uploads::CheckPhoto(req.body, "api-upload");
                        if (!photo.ok()) return ApiError(photo.error());
                        auto done = services::SaveSitePhoto(db, caller.principal->user_id, access.view.site.id, *photo);
                        return done.ok() ? Profile(db, access, 200) : ApiError(done.error());
                    });
                });
    AddAdmitted(router, ctx, "POST", "/api/v1/host/sites/{id}/re-enrolment",
                [](const http::Request& req, const Caller& caller, services::Db& db) {
                    return OnSite(req, caller, db, [&](const services::SiteAccess& access) {
                        auto r = services::ReEnrol(db, caller.principal->user_id, access);
                        if (!r.ok()) return ApiError(r.error());
                        JsonWriter w;
                        w.BeginObject();
                        w.Key("participation_id");
                        w.Int(r->participation_id);
                        w.Key("previous_year");
                        w.Int(r->previous_year);
                        w.Key("tours_copied");
                        w.Int(r->tours_copied);
                        w.Key("tours_skipped");
                        w.Int(r->tours_skipped);
                        w.EndObject();
                        return JsonAnswer(201, w);
                    });
                });
    const char* internships = "/api/v1/host/sites/{id}/internships";
    AddAdmitted(router, ctx, "GET", internships, [](const http::Request& req, const Caller& caller, services::Db& db) {
        return OnSite(req, caller, db, [&](const services::SiteAccess& access) { return Internships(db, access, 200); });
    });
    AddAdmitted(router, ctx, "POST", internships, [](const http::Request& req, const Caller& caller, services::Db& db) {
        return OnSite(req, caller, db, [&](const services::SiteAccess& access) {
            auto form = FormFromJson(req, Form{}, {"kind", "title", "places"});
            if (!form.ok()) return ApiError(form.error());
            auto done = services::AddInternship(db, caller.principal->user_id, access, InternshipInputOf(*form));
            return done.ok() ? Internships(db, access, 201) : ApiError(done.error());
        });
    });
    AddAdmitted(router, ctx, "PATCH", "/api/v1/host/sites/{id}/internships/{offer_id}",
                [](const http::Request& req, const Caller& caller, services::Db& db) {
                    return OnSite(req, caller, db, [&](const services::SiteAccess& access) {
                        auto form = FormFromJson(req, Form{}, {"filled"});
                        if (!form.ok()) return ApiError(form.error());
                        form->fields.emplace_back("offer", req.PathParam("offer_id"));
                        auto done = services::SetInternshipFilled(db, caller.principal->user_id, access,
                                                                  form->Get("offer"), form->Get("filled"));
                        return done.ok() ? Internships(db, access, 200) : ApiError(done.error());
                    });
                });

    AddAdmitted(router, ctx, "GET", "/api/v1/moderation/sessions",
                [](const http::Request&, const Caller& caller, services::Db& db) {
                    auto tours = services::ToursToReview(db, *caller.principal);
                    if (!tours.ok()) return ApiError(tours.error());
                    JsonWriter w;
                    w.BeginObject();
                    w.Key("sessions");
                    w.BeginArray();
                    for (const auto& t : *tours) {
                        w.BeginObject();
                        w.Key("id");
                        w.Int(t.session.id);
                        w.Key("site_id");
                        w.Int(t.session.site_id);
                        w.Key("site_name");
                        w.String(t.site_name);
                        w.Key("day");
                        w.String(t.session.day_date);
                        w.Key("starts_at");
                        w.String(t.session.starts_at);
                        w.Key("ends_at");
                        w.String(t.session.ends_at);
                        w.Key("places_taken");
                        w.Int(t.session.places_taken);
                        w.Key("published_at");
                        w.String(t.published_at);
                        w.EndObject();
                    }
                    w.EndArray();
                    w.EndObject();
                    return JsonAnswer(200, w);
                });
    AddAdmitted(router, ctx, "POST", "/api/v1/moderation/sessions/{id}/withdraw",
                [ctx](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto form = FormFromJson(req, Form{}, {"reason"});
                    if (!form.ok()) return ApiError(form.error());
                    auto id = ParsePositiveId(req.PathParam("id"));
                    if (!id) return ApiError(MakeError(ErrorCode::kNotFound, "no such tour", "visite introuvable"));
                    const std::string reason = form->Get("reason");
                    auto done = services::WithdrawTour(db, *caller.principal, *id, reason,
                                                       WithdrawalMailText(ctx.public_url, reason));
                    return done.ok() ? Ok200() : ApiError(done.error());
                });

    AddAdmitted(router, ctx, "GET", "/api/v1/teaching-kit",
                [](const http::Request&, const Caller&, services::Db& db) { return Kit(db, true, 200); });
    const char* kit = "/api/v1/organisation/teaching-kit";
    AddAdmitted(router, ctx, "GET", kit,
                [](const http::Request&, const Caller&, services::Db& db) { return Kit(db, false, 200); });
    AddAdmitted(router, ctx, "POST", kit, [](const http::Request& req, const Caller& caller, services::Db& db) {
        // The PDF is the body; the title, audience and pages are query parameters.
        Form form;
        for (const char* name : {"title", "audience", "pages"})
            if (const std::string* v = req.Query(name)) form.fields.emplace_back(name, *v);
        services::KitDocumentInput input = KitDocumentInputOf(form);
        input.file = req.body;
        input.file_name = "api-upload.pdf";
        auto id = services::UploadKitDocument(db, caller.principal->user_id, std::move(input));
        return id.ok() ? Kit(db, false, 201, *id) : ApiError(id.error());
    });
    AddAdmitted(router, ctx, "PATCH", "/api/v1/organisation/teaching-kit/{id}",
                [](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto body = JsonObjectBody(req);
                    if (!body.ok()) return ApiError(body.error());
                    const json::value* published = body->if_contains("published");
                    if (!published || !published->is_bool())
                        return ApiError(MakeError(ErrorCode::kInvalidArgument, "published (true or false) is required",
                                                  "published (true ou false) est obligatoire"));
                    auto done = services::PublishKitDocument(db, ParsePositiveId(req.PathParam("id")), published->as_bool(),
                                                   caller.principal->user_id);
                    return done.ok() ? Kit(db, false, 200) : ApiError(done.error());
                });
}

}  // namespace juo::web
