// A registered site's profile for its host: texts, accessibility, address and a pin that can be
// moved (a map where the marker is dragged, or the coordinates typed), its photo (checked by its
// bytes, kept in the store, served with the factory's public page), sending the registration
// back to moderation after "changes requested", and re-enrolling the site in the new edition
// with last year's tours.
#include <cmath>
#include <cstdlib>

#include "common/clock.h"
#include "common/geo.h"
#include "http/router.h"
#include "importer/imports.h"
#include "refdata/geocoder.h"
#include "store/site_profile_queries.h"
#include "uploads/uploads.h"
#include "web/host_actions.h"
#include "web/people_page_kit.h"
#include "web/people_pages.h"

namespace juo::web {
namespace {

constexpr const char* kProfile = "/usine/{id}/fiche";
constexpr const char* kPhotoUpload = "/usine/{id}/photo";
constexpr const char* kPublicPhoto = "/usines/{id}/photo";
constexpr const char* kReEnrol = "/usine/{id}/reinscription";
constexpr double kMaxPinDistanceKm = 30;  // a pin further from the site's commune is a slip

std::string ProfilePath(long long site_id) { return "/usine/" + std::to_string(site_id) + "/fiche"; }

std::string Coordinate(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6f", value);
    return text;
}

// A coordinate as typed ("45.7640", "45,7640"), or nullopt.
std::optional<double> ParseCoordinate(std::string text) {
    for (char& c : text)
        if (c == ',') c = '.';
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

http::Response ProfilePage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                           const SiteAccess& access, store::Database& db, int status, const Form& form,
                           const std::string& notice, const std::string& error, const std::string& error_field) {
    const Lang lang = PageLang(req);
    const auto& site = access.view.site;
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
    if (store::SitePhotoFile(db, site.id))
        d.set("photo_url", "/usines/" + std::to_string(site.id) + "/photo?v=" + std::to_string(*store::SitePhotoFile(db, site.id)));
    const bool typed = form.Has("name");
    auto value = [&](const char* field, const std::string& stored) { return typed ? form.Get(field) : stored; };
    PageData v;
    v.set("name", value("name", site.name));
    v.set("address", value("address", site.address));
    v.set("place", value("place", site.postcode));
    v.set("lat", value("lat", Coordinate(site.position.lat)));
    v.set("lon", value("lon", Coordinate(site.position.lon)));
    v.set("wheelchair", typed ? form.Has("wheelchair") : site.wheelchair_access);
    v.set("hearing", typed ? form.Has("hearing") : site.hearing_access);
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

struct FieldProblem {
    Error error;
    std::string field;
};

// The site as the form edits it, or the problem and its field.
std::variant<domain::Site, FieldProblem> ReadProfile(const Form& form, domain::Site site) {
    auto bad = [](std::string en, std::string fr, std::string field) {
        return FieldProblem{MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr)), std::move(field)};
    };
    site.name = form.Get("name");
    if (site.name.empty() || site.name.size() > 200) return bad("give the site's name", "indiquez le nom du site", "name");
    site.address = form.Get("address");
    if (site.address.empty() || site.address.size() > 300)
        return bad("give the site's street address", "indiquez l'adresse du site", "address");
    const std::string place = form.Get("place");
    auto where = refdata::Geocoder::Default().Geocode(place);
    if (!where.ok()) return FieldProblem{where.error(), "place"};
    const LatLon old_pin = site.position;
    const bool moved_commune = where->commune->code != site.commune_code;
    importer::PlaceAtCommune(site, *where);  // the commune, and its centre as the pin
    if (place.size() == 5 && place.find_first_not_of("0123456789") == std::string::npos)
        site.postcode = place;
    else if (moved_commune && !where->commune->postcodes.empty())
        site.postcode = where->commune->postcodes.front();
    auto lat = ParseCoordinate(form.Get("lat")), lon = ParseCoordinate(form.Get("lon"));
    if (form.Get("lat").empty() && form.Get("lon").empty()) {
        // No pin given: the commune's centre.
    } else if (!lat || !lon || *lat < -90 || *lat > 90 || *lon < -180 || *lon > 180) {
        return bad("the pin's latitude and longitude are decimal degrees", "la latitude et la longitude du repère sont en degrés décimaux", "lat");
    } else if (moved_commune && std::abs(*lat - old_pin.lat) < 1e-7 && std::abs(*lon - old_pin.lon) < 1e-7) {
        // The commune changed and the pin was left where it was: it follows the commune.
    } else {
        const double km = HaversineKm(where->position, {*lat, *lon});
        if (km > kMaxPinDistanceKm) {
            const std::string far = std::to_string(static_cast<int>(std::lround(km)));
            return bad("the pin is " + far + " km from " + where->commune->name + ": place it on the site",
                       "le repère est à " + far + " km de " + where->commune->name + " : placez-le sur le site", "lat");
        }
        site.position = {*lat, *lon};
    }
    site.wheelchair_access = form.Has("wheelchair");
    site.hearing_access = form.Has("hearing");
    site.accessibility_notes = form.Get("access_notes");
    site.min_age.reset();
    if (const std::string age = form.Get("min_age"); !age.empty()) {
        auto n = age == "0" ? std::optional<long long>(0) : ParsePositiveId(age);
        if (!n || *n > 25) return bad("minimum age: 0 to 25", "âge minimum : de 0 à 25 ans", "min_age");
        site.min_age = static_cast<int>(*n);
    }
    site.safety_rules = form.Get("safety");
    site.description = form.Get("description");
    if (site.safety_rules.size() > 2000 || site.description.size() > 4000 || site.accessibility_notes.size() > 1000)
        return bad("the texts are too long", "les textes sont trop longs", "description");
    return site;
}

// Runs `fn` with the route's site (the refusal page when it is not the caller's, or on a failure).
template <typename Fn>
http::Response WithSite(const PeopleContext& ctx, const http::Request& req, std::string_view pattern, const Form* form,
                        Fn&& fn) {
    auto a = AdmitPage(ctx, req, pattern, form ? form->Get("csrf") : std::string_view());
    if (a.refusal) return *a.refusal;
    auto db = ctx.db->Get();
    if (!db.ok()) return RefusalPage(req, db.error());
    try {
        auto access = ManagedSite(**db, req.PathParam("id"), *a.caller->principal);
        if (!access.ok()) return RefusalPage(req, access.error());
        return fn(*a.caller, *access, **db);
    } catch (const std::exception& e) {
        return RefusalPage(req, (*db)->FromException(e));
    }
}

}  // namespace

void RegisterSiteProfilePages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kProfile, [ctx](const http::Request& req) {
        return WithSite(ctx, req, kProfile, nullptr, [&](const Caller& caller, const SiteAccess& access, store::Database& db) {
            const std::string* done = req.Query("fait");
            const std::string notice = done ? MsgString(PageLang(req), "profile_done_" + *done) : "";
            return ProfilePage(ctx, req, caller, access, db, 200, Form{}, notice, "", "");
        });
    });
    router.Add("POST", kProfile, [ctx](const http::Request& req) {
        const Form form = ReadForm(req);
        return WithSite(ctx, req, kProfile, &form, [&](const Caller& caller, const SiteAccess& access, store::Database& db) {
            const Lang lang = PageLang(req);
            const long long user = caller.principal->user_id;
            const long long site_id = access.view.site.id;
            const std::string action = form.Get("action");
            Status done = Ok();
            std::string field;
            if (action == "save") {
                auto read = ReadProfile(form, access.view.site);
                if (auto* problem = std::get_if<FieldProblem>(&read))
                    return ProfilePage(ctx, req, caller, access, db, PageStatus(problem->error), form, "",
                                       ErrorText(problem->error, lang), problem->field);
                const auto& site = std::get<domain::Site>(read);
                done = db.InTransaction<Unit>([&]() -> Status {
                    JUO_TRY(store::UpdateSiteProfile(db, site, NowUtcIso()));
                    AuditChange(db, user, "site.update", "site", site_id,
                                site.name + ", " + site.commune_name + " (" + Coordinate(site.position.lat) + ", " +
                                    Coordinate(site.position.lon) + ")");
                    return Ok();
                });
            } else if (action == "resubmit") {
                done = db.InTransaction<Unit>([&]() -> Status {
                    JUO_TRY(store::ResubmitParticipation(db, access.view.participation_id, NowUtcIso()));
                    AuditChange(db, user, "participation.resubmit", "participation", access.view.participation_id,
                                access.view.site.name);
                    return Ok();
                });
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
        return WithSite(ctx, req, kPhotoUpload, &form, [&](const Caller& caller, const SiteAccess& access, store::Database& db) {
            const long long site_id = access.view.site.id;
            const http::FormPart* file = form.File("photo");
            auto photo = file ? uploads::CheckPhoto(file->body, file->filename)
                              : Result<uploads::CheckedFile>(MakeError(ErrorCode::kInvalidArgument, "choose a photo to upload",
                                                                       "choisissez une photo à envoyer"));
            Status done = photo.ok() ? Status(Ok()) : Status(photo.error());
            if (photo.ok()) {
                done = db.InTransaction<Unit>([&]() -> Status {
                    const std::string now = NowUtcIso();
                    const long long id = uploads::SaveUpload(db, *photo, caller.principal->user_id, now);
                    store::SetSitePhoto(db, site_id, id, now);
                    AuditChange(db, caller.principal->user_id, "site.photo", "site", site_id,
                                photo->mime_type + " " + std::to_string(*photo->width) + "x" + std::to_string(*photo->height) +
                                    ", " + std::to_string(photo->bytes.size()) + " bytes");
                    return Ok();
                });
            }
            if (!done.ok())
                return ProfilePage(ctx, req, caller, access, db, PageStatus(done.error()), Form{}, "",
                                   ErrorText(done.error(), PageLang(req)), "photo");
            return http::Response::Redirect(PageLink(req, ProfilePath(site_id), {{"fait", "photo"}}));
        });
    });

    router.Add("GET", kPublicPhoto, [ctx](const http::Request& req) {
        auto id = ParsePositiveId(req.PathParam("id"));
        auto db = ctx.db->Get();
        if (!db.ok()) return RefusalPage(req, db.error());
        const Error missing = MakeError(ErrorCode::kNotFound, "no photo", "pas de photo");
        try {
            auto file = id ? store::SitePhotoFile(**db, *id) : std::nullopt;
            if (!file) return RefusalPage(req, missing);
            const bool is_public = store::SiteEverApproved(**db, *id);
            if (!is_public) {
                // Before its approval, only the people who manage the site see it.
                auto caller = Identify(ctx, req);
                auto access = caller.ok() && caller->principal ? ManagedSite(**db, req.PathParam("id"), *caller->principal)
                                                               : Result<SiteAccess>(missing);
                if (!access.ok()) return RefusalPage(req, missing);
            }
            auto photo = uploads::LoadUpload(**db, *file);
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
        } catch (const std::exception& e) {
            return RefusalPage(req, (*db)->FromException(e));
        }
    });

    router.Add("POST", kReEnrol, [ctx](const http::Request& req) {
        const Form form = ReadForm(req);
        return WithSite(ctx, req, kReEnrol, &form, [&](const Caller& caller, const SiteAccess& access, store::Database& db) {
            const long long site_id = access.view.site.id;
            auto enrolled = db.InTransaction<store::ReEnrolment>([&]() -> Result<store::ReEnrolment> {
                auto r = store::ReEnrolSite(db, site_id, access.edition, NowUtcIso());
                if (!r.ok()) return r.error();
                AuditChange(db, caller.principal->user_id, "participation.reenrol", "participation", r->participation_id,
                            access.view.site.name + ", from " + std::to_string(r->previous_year) + ": " +
                                std::to_string(r->tours_copied) + " tours copied, " + std::to_string(r->tours_skipped) +
                                " skipped");
                return r;
            });
            if (!enrolled.ok()) return RefusalPage(req, enrolled.error());
            return http::Response::Redirect(PageLink(req, "/usine", {{"reinscrit", std::to_string(enrolled->tours_copied)}}));
        });
    });
}

}  // namespace juo::web
