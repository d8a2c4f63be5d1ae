// See site_profile_pages.h.
#include "web/host/site_profile_pages.h"

#include "http/router.h"
#include "uploads/uploads.h"
#include "web/host/host_kit.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kProfile = "/usine/{id}/fiche";
constexpr const char* kPhotoUpload = "/usine/{id}/photo";
constexpr const char* kPublicPhoto = "/usines/{id}/photo";
constexpr const char* kReEnrol = "/usine/{id}/reinscription";

std::string ProfilePath(long long site_id) { return "/usine/" + std::to_string(site_id) + "/fiche"; }

http::Response ProfilePage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                           const services::SiteAccess& access, services::Db& db, int status, const Form& form,
                           const std::string& notice, const std::string& error, const std::string& error_field) {
    const Lang lang = PageLang(req);
    const auto& site = access.view.site;
    auto profile = services::ReadSiteProfile(db, site);
    if (!profile.ok()) return RefusalPage(req, profile.error());
    PageData d = CommonPageData(req, MsgFormat(lang, "profile_title", {site.name}));
    d.set("heading", MsgFormat(lang, "profile_title", {site.name}));
    d.set("status_label", MsgString(lang, "participation_" + std::string(domain::ToCode(access.view.status))));
    d.set("resubmit", access.view.status == domain::ParticipationStatus::kChangesRequested);
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    if (!error_field.empty()) d.set("error_field", error_field);
    const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
    d.set("csrf", csrf);
    d.set("action", PageLink(req, ProfilePath(site.id)));
    d.set("photo_action", PageLink(req, "/usine/" + std::to_string(site.id) + "/photo"));
    d.set("tours_url", PageLink(req, "/usine/" + std::to_string(site.id) + "/visites"));
    d.set("internships_url", PageLink(req, "/usine/" + std::to_string(site.id) + "/stages"));
    if (const auto& photo = profile->photo_file_id)
        d.set("photo_url", "/usines/" + std::to_string(site.id) + "/photo?v=" + std::to_string(*photo));
    const bool typed = form.Has("name");
    auto value = [&](const char* field, const std::string& stored) { return typed ? form.Get(field) : stored; };
    PageData v;
    v.set("version", value("version", profile->version));
    v.set("name", value("name", site.name));
    v.set("address", value("address", site.address));
    v.set("place", value("place", site.postcode));
    v.set("lat", value("lat", services::Coordinate(site.position.lat)));
    v.set("lon", value("lon", services::Coordinate(site.position.lon)));
    v.set("wheelchair", typed ? form.Has("wheelchair") : site.wheelchair_access);
    v.set("hearing", typed ? form.Has("hearing") : site.hearing_access);
    v.set("visual", typed ? form.Has("visual") : site.visual_access);
    v.set("mental", typed ? form.Has("mental") : site.mental_access);
    v.set("psychic", typed ? form.Has("psychic") : site.psychic_access);
    v.set("access_notes", value("access_notes", site.accessibility_notes));
    v.set("min_age", value("min_age", site.min_age ? std::to_string(*site.min_age) : ""));
    v.set("safety", value("safety", site.safety_rules));
    v.set("description", value("description", site.description));
    d.set("form", v);
    if (!ctx.tile_url.empty()) {
        d.set("has_map", true);
        d.set("tile_url", ctx.tile_url);
        d.set("tile_attribution", ctx.tile_attribution);
        d.set("page_script", "pin.js");
    }
    return PageResponse(req, status, RenderInLayout("site_profile", d));
}

}  // namespace

void RegisterSiteProfilePages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kProfile, [ctx](const http::Request& req) {
        return WithSite(ctx, req, kProfile, nullptr, [&](const Caller& caller, const services::SiteAccess& access, services::Db& db) {
            const std::string* done = req.Query("fait");
            const std::string notice = done ? MsgString(PageLang(req), "profile_done_" + *done) : "";
            return ProfilePage(ctx, req, caller, access, db, 200, Form{}, notice, "", "");
        });
    });
    router.Add("POST", kProfile, [ctx](const http::Request& req) {
        const Form form = ReadForm(req);
        return WithSite(ctx, req, kProfile, &form, [&](const Caller& caller, const services::SiteAccess& access, services::Db& db) {
            const Lang lang = PageLang(req);
            const long long user = caller.principal->user_id;
            const long long site_id = access.view.site.id;
            const std::string action = form.Get("action");
            Status done = Ok();
            std::string field;
            if (action == "save") {
                auto read = services::ReadProfile(ProfileInputOf(form), access.view.site);
                if (auto* problem = std::get_if<services::FieldError>(&read))
                    return ProfilePage(ctx, req, caller, access, db, PageStatus(problem->error), form, "",
                                       ErrorText(problem->error, lang), problem->field);
                done = services::SaveProfile(db, user, std::get<domain::Site>(read), form.Get("version"));
                if (!done.ok() && done.error().code == ErrorCode::kStale) {
                    // Someone saved meanwhile: the form comes back with the profile as saved (and
                    // its version), never with this person's values over it — saved again, those
                    // would undo the other's changes without anyone seeing them.
                    auto now = services::ManagedSite(db, req.PathParam("id"), *caller.principal);
                    if (!now.ok()) return RefusalPage(req, now.error());
                    return ProfilePage(ctx, req, caller, *now, db, PageStatus(done.error()), Form{}, "",
                                       MsgString(lang, "profile_stale"), "");
                }
            } else if (action == "resubmit") {
                done = services::ResubmitRegistration(db, user, access);
            } else {
                done = MakeError(ErrorCode::kInvalidArgument, "unknown action", "action inconnue");
            }
            if (!done.ok())
                return ProfilePage(ctx, req, caller, access, db, PageStatus(done.error()), form, "",
                                   ErrorText(done.error(), lang), field);
            return http::Response::Redirect(PageLink(req, ProfilePath(site_id), {{"fait", action}}));
        });
    });

    router.Add("POST", kPhotoUpload, [ctx](const http::Request& req) {
        const Form form = ReadForm(req);
        return WithSite(ctx, req, kPhotoUpload, &form, [&](const Caller& caller, const services::SiteAccess& access, services::Db& db) {
            const long long site_id = access.view.site.id;
            const http::FormPart* file = form.File("photo");
            auto photo = file ? uploads::CheckPhoto(file->body, file->filename)
                              : Result<uploads::CheckedFile>(MakeError(ErrorCode::kInvalidArgument, "choose a photo to upload",
                                                                       "choisissez une photo à envoyer"));
            Status done = photo.ok() ? Status(Ok()) : Status(photo.error());
            if (photo.ok()) done = services::SaveSitePhoto(db, caller.principal->user_id, site_id, *photo);
            if (!done.ok())
                return ProfilePage(ctx, req, caller, access, db, PageStatus(done.error()), Form{}, "",
                                   ErrorText(done.error(), PageLang(req)), "photo");
            return http::Response::Redirect(PageLink(req, ProfilePath(site_id), {{"fait", "photo"}}));
        });
    });

    router.Add("GET", kPublicPhoto, [ctx](const http::Request& req) {
        auto id = ParsePositiveId(req.PathParam("id"));
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        const Error missing = MakeError(ErrorCode::kNotFound, "no photo", "pas de photo");
        auto found = id ? services::FindSitePhoto(**db, *id) : Result<std::optional<services::SitePhoto>>(std::nullopt);
        if (!found.ok()) return RefusalPage(req, found.error());
        if (!*found) return RefusalPage(req, missing);
        const bool is_public = (*found)->is_public;
        if (!is_public) {
            // Before its approval, only the people who manage the site see it.
            auto caller = Identify(ctx, req);
            auto access = caller.ok() && caller->principal
                              ? services::ManagedSite(**db, req.PathParam("id"), *caller->principal)
                              : Result<services::SiteAccess>(missing);
            if (!access.ok()) return RefusalPage(req, missing);
        }
        auto photo = services::LoadSitePhoto(**db, **found);
        if (!photo.ok()) return RefusalPage(req, photo.error());
        if (req.Header("if-none-match") == photo->etag) {
            http::Response r = http::Response::Text(304, "");
            r.AddHeader("ETag", photo->etag);
            return r;
        }
        http::Response r = http::Response::Text(200, std::move(photo->bytes));
        r.content_type = photo->mime_type;
        r.AddHeader("ETag", photo->etag);
        r.AddHeader("Cache-Control", is_public ? "public, max-age=300" : "private, no-store");
        r.AddHeader("X-Content-Type-Options", "nosniff");
        return r;
    });

    router.Add("POST", kReEnrol, [ctx](const http::Request& req) {
        const Form form = ReadForm(req);
        return WithSite(ctx, req, kReEnrol, &form, [&](const Caller& caller, const services::SiteAccess& access, services::Db& db) {
            auto enrolled = services::ReEnrol(db, caller.principal->user_id, access);
            if (!enrolled.ok()) return RefusalPage(req, enrolled.error());
            return http::Response::Redirect(PageLink(req, "/usine", {{"reinscrit", std::to_string(enrolled->tours_copied)}}));
        });
    });
}

}  // namespace juo::web
