// The host space's and the teaching kit's actions (see host_space_actions.h).
#include "web/host_space_actions.h"

#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "common/clock.h"
#include "common/geo.h"
#include "domain/internship.h"
#include "domain/teaching_kit.h"
#include "importer/imports.h"
#include "refdata/geocoder.h"
#include "auth/authorisation.h"
#include "store/edition_repository.h"
#include "store/host_queries.h"
#include "store/outbox.h"
#include "store/internship_repository.h"
#include "store/teaching_kit_repository.h"

namespace juo::web {
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

std::variant<domain::Site, FieldError> ReadProfile(const Form& form, domain::Site site) {
    auto bad = [](std::string en, std::string fr, std::string field) {
        return FieldError{MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr)), std::move(field)};
    };
    site.name = form.Get("name");
    if (site.name.empty() || site.name.size() > 200) return bad("give the site's name", "indiquez le nom du site", "name");
    site.address = form.Get("address");
    if (site.address.empty() || site.address.size() > 300)
        return bad("give the site's street address", "indiquez l'adresse du site", "address");
    const std::string place = form.Get("place");
    auto where = refdata::Geocoder::Default().Geocode(place);
    if (!where.ok()) return FieldError{where.error(), "place"};
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

Status SaveProfile(store::Database& db, long long user_id, const domain::Site& site, const std::string& seen_version) {
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
        AuditChange(db, user_id, "site.update", "site", site.id,
                    site.name + ", " + site.commune_name + " (" + Coordinate(site.position.lat) + ", " +
                        Coordinate(site.position.lon) + ")");
        return Ok();
    });
}

Status ResubmitRegistration(store::Database& db, long long user_id, const SiteAccess& access) {
    return db.InTransaction<Unit>([&]() -> Status {
        JUO_TRY(store::ResubmitParticipation(db, access.view.participation_id, NowUtcIso()));
        AuditChange(db, user_id, "participation.resubmit", "participation", access.view.participation_id,
                    access.view.site.name);
        return Ok();
    });
}

Status SaveSitePhoto(store::Database& db, long long user_id, long long site_id, const uploads::CheckedFile& photo) {
    return db.InTransaction<Unit>([&]() -> Status {
        const std::string now = NowUtcIso();
        const long long id = uploads::SaveUpload(db, photo, user_id, now);
        store::SetSitePhoto(db, site_id, id, now);
        AuditChange(db, user_id, "site.photo", "site", site_id,
                    photo.mime_type + " " + std::to_string(photo.width.value_or(0)) + "x" +
                        std::to_string(photo.height.value_or(0)) + ", " + std::to_string(photo.bytes.size()) + " bytes");
        return Ok();
    });
}

Result<store::ReEnrolment> ReEnrol(store::Database& db, long long user_id, const SiteAccess& access) {
    return db.InTransaction<store::ReEnrolment>([&]() -> Result<store::ReEnrolment> {
        auto r = store::ReEnrolSite(db, access.view.site.id, access.edition, NowUtcIso());
        if (!r.ok()) return r.error();
        AuditChange(db, user_id, "participation.reenrol", "participation", r->participation_id,
                    access.view.site.name + ", from " + std::to_string(r->previous_year) + ": " +
                        std::to_string(r->tours_copied) + " tours copied, " + std::to_string(r->tours_skipped) + " skipped");
        return r;
    });
}

Status AddInternship(store::Database& db, const Form& form, const SiteAccess& access, long long user_id) {
    domain::InternshipOffer o;
    o.edition_id = access.edition.id;
    o.site_id = access.view.site.id;
    auto kind = domain::ParseInternshipKind(form.Get("kind"));
    if (!kind) return MakeError(ErrorCode::kInvalidArgument, "choose the kind of internship", "choisissez le type de stage");
    o.kind = *kind;
    o.title = form.Get("title");
    if (o.title.size() > 200) return MakeError(ErrorCode::kInvalidArgument, "the title is too long", "le titre est trop long");
    auto places = ParsePositiveId(form.Get("places"));
    o.places = places && *places <= 1000 ? static_cast<int>(*places) : 0;
    o.created_at = NowUtcIso();
    return db.InTransaction<Unit>([&]() -> Status {
        JUO_TRY(store::InsertInternshipOffers(db, std::span<domain::InternshipOffer>(&o, 1)));
        AuditChange(db, user_id, "internship.post", "internship_offer", o.id,
                    std::string(domain::ToCode(o.kind)) + ", " + o.title + ", " + std::to_string(o.places) + " places");
        return Ok();
    });
}

Status SetInternshipFilled(store::Database& db, const Form& form, const SiteAccess& access, long long user_id) {
    auto id = ParsePositiveId(form.Get("offer"));
    const std::string filled_text = form.Get("filled");
    auto filled = filled_text == "0" ? std::optional<long long>(0) : ParsePositiveId(filled_text);
    if (!id || !filled || *filled > 1000)
        return MakeError(ErrorCode::kInvalidArgument, "give the number of places filled", "indiquez le nombre de places pourvues");
    return db.InTransaction<Unit>([&]() -> Status {
        auto offer = store::FindInternship(db, *id);
        if (!offer || offer->site_id != access.view.site.id)
            return MakeError(ErrorCode::kNotFound, "no such offer at this site", "aucune offre de ce site");
        JUO_TRY(store::SetInternshipFilled(db, *id, static_cast<int>(*filled)));
        AuditChange(db, user_id, "internship.filled", "internship_offer", *id,
                    std::to_string(*filled) + " of " + std::to_string(offer->places));
        return Ok();
    });
}

bool IsKitAudience(std::string_view a) { return a == "pupils" || a == "teachers" || a == "both"; }

Result<long long> UploadKitDocument(store::Database& db, const Form& form, long long user_id) {
    auto bad = [](std::string en, std::string fr) { return MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr)); };
    domain::TeachingKitDocument doc;
    doc.title = form.Get("title");
    if (doc.title.empty() || doc.title.size() > 200)
        return bad("give the document a title (at most 200 characters)", "donnez un titre au document (200 caractères au plus)");
    doc.audience = form.Get("audience");
    if (!IsKitAudience(doc.audience)) return bad("choose who the document is for", "choisissez à qui s'adresse le document");
    const http::FormPart* file = form.File("file");
    if (!file) return bad("choose a PDF file to upload", "choisissez un fichier PDF à envoyer");
    auto pdf = uploads::CheckPdf(file->body, file->filename);
    if (!pdf.ok()) return pdf.error();
    doc.pages = pdf->pages;
    if (const std::string pages = form.Get("pages"); !pages.empty()) {
        auto n = ParsePositiveId(pages);
        if (!n || *n > 500) return bad("pages: 1 to 500", "pages : de 1 à 500");
        doc.pages = static_cast<int>(*n);
    }
    if (doc.pages <= 0)
        return bad("the PDF does not show its page count: give it", "le PDF ne montre pas son nombre de pages : indiquez-le");
    return db.InTransaction<long long>([&]() -> Result<long long> {
        auto edition = store::CurrentEdition(db);
        if (!edition.ok()) return edition.error();
        doc.edition_id = edition->id;
        doc.created_at = NowUtcIso();
        doc.file_id = uploads::SaveUpload(db, *pdf, user_id, doc.created_at);
        store::InsertTeachingKitDocument(db, doc);
        AuditChange(db, user_id, "kit.upload", "teaching_kit_document", doc.id,
                    doc.title + ", " + std::to_string(doc.pages) + " pages, " + std::to_string(pdf->bytes.size()) + " bytes");
        return doc.id;
    });
}

Status PublishKitDocument(store::Database& db, std::optional<long long> id, bool publish, long long user_id) {
    if (!id) return MakeError(ErrorCode::kInvalidArgument, "no document given", "aucun document indiqué");
    return db.InTransaction<Unit>([&]() -> Status {
        auto doc = store::FindTeachingKitDocument(db, *id);
        if (!doc) return MakeError(ErrorCode::kNotFound, "no such document", "document introuvable");
        if (publish && !doc->file_id)
            return MakeError(ErrorCode::kConflict, "this document has no file to publish", "ce document n'a pas de fichier à publier");
        store::SetTeachingKitPublished(db, *id, publish);
        AuditChange(db, user_id, publish ? "kit.publish" : "kit.withdraw", "teaching_kit_document", *id, doc->title);
        return Ok();
    });
}

Result<std::vector<store::PublishedTour>> ToursToReview(store::Database& db, const auth::Principal& who) {
    auto edition = store::CurrentEdition(db);
    if (!edition.ok()) return edition.error();
    std::vector<store::PublishedTour> out;
    for (auto& t : store::PublishedTours(db, edition->id, 500))
        if (auth::CanManageSite(who, t.session.site_id, t.department_code)) out.push_back(std::move(t));
    return out;
}

Status WithdrawTour(const PeopleContext& ctx, store::Database& db, const auth::Principal& who, long long session_id,
                    const std::string& reason) {
    if (reason.empty() || reason.size() > 1000)
        return MakeError(ErrorCode::kInvalidArgument, "say why the tour is withdrawn (at most 1,000 characters)",
                         "indiquez pourquoi la visite est retirée (1 000 caractères au plus)");
    return db.InTransaction<Unit>([&]() -> Status {
        std::string site_name, department, day, starts;
        long long site_id = 0;
        soci::indicator ind = soci::i_null;
        db.sql() << "SELECT t.id, t.name, t.department_code, s.day_date, s.starts_at FROM session s JOIN site t ON "
                    "t.id = s.site_id WHERE s.id = :id",
            soci::use(session_id), soci::into(site_id, ind), soci::into(site_name), soci::into(department), soci::into(day),
            soci::into(starts);
        if (!db.sql().got_data() || ind != soci::i_ok)
            return MakeError(ErrorCode::kNotFound, "no such tour", "visite introuvable");
        if (!auth::CanManageSite(who, site_id, department))
            return MakeError(ErrorCode::kForbidden, "this tour is outside your departments", "cette visite est hors de vos départements");
        if (!store::WithdrawUnbookedSession(db, session_id))
            return MakeError(ErrorCode::kConflict, "this tour has bookings or is cancelled already: contact its host",
                             "cette visite a des réservations ou est déjà annulée : contactez son hôte");
        AuditChange(db, who.user_id, "session.withdraw", "session", session_id, site_name + ", " + day + " " + starts + ": " + reason);
        store::OutboxWriter outbox(db);
        for (const auto& [email, name] : store::SiteHostContacts(db, site_id)) {
            store::OutgoingEmail m;
            m.kind = "session.withdraw";
            m.to_address = email;
            m.subject = MsgFormat(Lang::kFr, "tour_withdrawn_subject", {site_name});
            auto text = [&](Lang lang) {
                return MsgFormat(lang, "tour_withdrawn_mail", {FormatDate(day, lang), FormatTime(starts, lang), site_name, reason}) +
                       "\n\n" + ctx.public_url + "/usine\n";
            };
            m.body_text = text(Lang::kFr) + "\n---\n\n" + text(Lang::kEn);
            outbox.Enqueue(m);
        }
        return Ok();
    });
}

}  // namespace juo::web
