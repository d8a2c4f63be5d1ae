// The host space after a site's registration (see host_space.h).
#include "services/host_space.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/text.h"
#include "common/clock.h"
#include "common/geo.h"
#include "importer/imports.h"
#include "refdata/geocoder.h"
#include "services/audit.h"
#include "store/sites/internship_repository.h"

namespace juo::services {
namespace {

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

}  // namespace

std::string Coordinate(double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.6f", value);
    return text;
}

// ---- the profile ---------------------------------------------------------------------------

std::variant<domain::Site, FieldError> ReadProfile(const ProfileInput& in, domain::Site site) {
    auto bad = [](std::string en, std::string fr, std::string field) {
        return FieldError{MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr)), std::move(field)};
    };
    site.name = in.name;
    if (site.name.empty() || site.name.size() > 200) return bad("give the site's name", "indiquez le nom du site", "name");
    site.address = in.address;
    if (site.address.empty() || site.address.size() > 300)
        return bad("give the site's street address", "indiquez l'adresse du site", "address");
    const std::string place = in.place;
    auto where = refdata::Geocoder::Default().Geocode(place);
    if (!where.ok()) return FieldError{where.error(), "place"};
    const LatLon old_pin = site.position;
    const bool moved_commune = where->commune->code != site.commune_code;
    importer::PlaceAtCommune(site, *where);  // the commune, and its centre as the pin
    if (place.size() == 5 && place.find_first_not_of("0123456789") == std::string::npos)
        site.postcode = place;
    else if (moved_commune && !where->commune->postcodes.empty())
        site.postcode = where->commune->postcodes.front();
    auto lat = ParseCoordinate(in.lat), lon = ParseCoordinate(in.lon);
    if (in.lat.empty() && in.lon.empty()) {
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
    site.wheelchair_access = in.wheelchair;
    site.hearing_access = in.hearing;
    site.visual_access = in.visual;
    site.mental_access = in.mental;
    site.psychic_access = in.psychic;
    site.accessibility_notes = in.access_notes;
    site.min_age.reset();
    if (const std::string age = in.min_age; !age.empty()) {
        auto n = age == "0" ? std::optional<long long>(0) : ParsePositiveId(age);
        if (!n || *n > 25) return bad("minimum age: 0 to 25", "âge minimum : de 0 à 25 ans", "min_age");
        site.min_age = static_cast<int>(*n);
    }
    site.safety_rules = in.safety;
    site.description = in.description;
    if (site.safety_rules.size() > 2000 || site.description.size() > 4000 || site.accessibility_notes.size() > 1000)
        return bad("the texts are too long", "les textes sont trop longs", "description");
    return site;
}

std::string ProfileVersion(const domain::Site& site) { return store::SiteProfileVersion(site); }

Result<SiteProfile> ReadSiteProfile(Db& db, const domain::Site& site) {
    return Guarded<SiteProfile>(db, [&](Db& db) {
        return SiteProfile{store::SiteProfileVersion(site), store::SitePhotoFile(db, site.id)};
    });
}

Status SaveProfile(Db& db, long long user_id, const domain::Site& site, const std::string& seen_version) {
    return db.InTransaction<Unit>([&]() -> Status {
        if (!seen_version.empty()) {
            auto stored = store::LockedSiteProfileVersion(db, site.id);
            if (!stored)
                return MakeError(ErrorCode::kNotFound, "no site " + std::to_string(site.id),
                                 "aucun site n°" + std::to_string(site.id));
            if (*stored != seen_version)
                return MakeError(ErrorCode::kStale,
                                 "this site's profile was changed by someone else since you opened it: read it "
                                 "again, then edit",
                                 "la fiche de ce site a été modifiée par quelqu'un d'autre depuis que vous l'avez "
                                 "ouverte : vos changements ne sont pas enregistrés ; vérifiez-la puis enregistrez à "
                                 "nouveau");
        }
        JUO_TRY(store::UpdateSiteProfile(db, site, NowUtcIso()));
        Audit(db, user_id, "site.update", "site", site.id,
              site.name + ", " + site.commune_name + " (" + Coordinate(site.position.lat) + ", " +
                  Coordinate(site.position.lon) + ")");
        return Ok();
    });
}

Status ResubmitRegistration(Db& db, long long user_id, const SiteAccess& access) {
    return db.InTransaction<Unit>([&]() -> Status {
        JUO_TRY(store::ResubmitParticipation(db, access.view.participation_id, NowUtcIso()));
        Audit(db, user_id, "participation.resubmit", "participation", access.view.participation_id,
              access.view.site.name);
        return Ok();
    });
}

// ---- the photo -----------------------------------------------------------------------------

Status SaveSitePhoto(Db& db, long long user_id, long long site_id, const uploads::CheckedFile& photo) {
    return db.InTransaction<Unit>([&]() -> Status {
        const std::string now = NowUtcIso();
        const long long id = uploads::SaveUpload(db, photo, user_id, now);
        store::SetSitePhoto(db, site_id, id, now);
        Audit(db, user_id, "site.photo", "site", site_id,
              photo.mime_type + " " + std::to_string(photo.width.value_or(0)) + "x" +
                  std::to_string(photo.height.value_or(0)) + ", " + std::to_string(photo.bytes.size()) + " bytes");
        return Ok();
    });
}

Result<std::optional<SitePhoto>> FindSitePhoto(Db& db, long long site_id) {
    return Guarded<std::optional<SitePhoto>>(db, [&](Db& db) -> std::optional<SitePhoto> {
        auto file = store::SitePhotoFile(db, site_id);
        if (!file) return std::nullopt;
        return SitePhoto{*file, store::SiteEverApproved(db, site_id)};
    });
}

Result<uploads::Download> LoadSitePhoto(Db& db, const SitePhoto& photo) {
    return Guarded<uploads::Download>(db, [&](Db& db) { return uploads::LoadUpload(db, photo.file_id); });
}

// ---- re-enrolment --------------------------------------------------------------------------

Result<ReEnrolment> ReEnrol(Db& db, long long user_id, const SiteAccess& access) {
    return db.InTransaction<ReEnrolment>([&]() -> Result<ReEnrolment> {
        auto r = store::ReEnrolSite(db, access.view.site.id, access.edition, NowUtcIso());
        if (!r.ok()) return r.error();
        Audit(db, user_id, "participation.reenrol", "participation", r->participation_id,
              access.view.site.name + ", from " + std::to_string(r->previous_year) + ": " +
                  std::to_string(r->tours_copied) + " tours copied, " + std::to_string(r->tours_skipped) +
                  " skipped");
        return r;
    });
}

// ---- internship offers ---------------------------------------------------------------------

Result<std::vector<domain::InternshipOffer>> SiteInternships(Db& db, const SiteAccess& access) {
    return Guarded<std::vector<domain::InternshipOffer>>(
        db, [&](Db& db) { return store::SiteInternships(db, access.view.site.id, access.edition.id); });
}

Status AddInternship(Db& db, long long user_id, const SiteAccess& access, const InternshipInput& input) {
    domain::InternshipOffer o;
    o.edition_id = access.edition.id;
    o.site_id = access.view.site.id;
    auto kind = domain::ParseInternshipKind(input.kind);
    if (!kind)
        return MakeError(ErrorCode::kInvalidArgument, "choose the kind of internship", "choisissez le type de stage");
    o.kind = *kind;
    o.title = input.title;
    if (o.title.size() > 200)
        return MakeError(ErrorCode::kInvalidArgument, "the title is too long", "le titre est trop long");
    auto places = ParsePositiveId(input.places);
    o.places = places && *places <= 1000 ? static_cast<int>(*places) : 0;
    o.created_at = NowUtcIso();
    return db.InTransaction<Unit>([&]() -> Status {
        JUO_TRY(store::InsertInternshipOffers(db, std::span<domain::InternshipOffer>(&o, 1)));
        Audit(db, user_id, "internship.post", "internship_offer", o.id,
              std::string(domain::ToCode(o.kind)) + ", " + o.title + ", " + std::to_string(o.places) + " places");
        return Ok();
    });
}

Status SetInternshipFilled(Db& db, long long user_id, const SiteAccess& access, std::string_view offer,
                           std::string_view filled_text) {
    auto id = ParsePositiveId(offer);
    auto filled = filled_text == "0" ? std::optional<long long>(0) : ParsePositiveId(filled_text);
    if (!id || !filled || *filled > 1000)
        return MakeError(ErrorCode::kInvalidArgument, "give the number of places filled",
                         "indiquez le nombre de places pourvues");
    return db.InTransaction<Unit>([&]() -> Status {
        auto found = store::FindInternship(db, *id);
        if (!found || found->site_id != access.view.site.id)
            return MakeError(ErrorCode::kNotFound, "no such offer at this site", "aucune offre de ce site");
        JUO_TRY(store::SetInternshipFilled(db, *id, static_cast<int>(*filled)));
        Audit(db, user_id, "internship.filled", "internship_offer", *id,
              std::to_string(*filled) + " of " + std::to_string(found->places));
        return Ok();
    });
}

}  // namespace juo::services
