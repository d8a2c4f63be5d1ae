// A site's profile, photo, resubmission and re-enrolment (see site_profile_queries.h).
#include "store/sites/site_profile_queries.h"

#include <algorithm>
#include <cstdio>

#include "common/fingerprint.h"
#include "store/db/binding.h"
#include "store/db/dialect.h"
#include "store/editions/edition_repository.h"
#include "store/reads/host_queries.h"
#include "store/users/session_repository.h"
#include "store/sites/site_repository.h"

namespace juo::store {

Status UpdateSiteProfile(Database& db, const domain::Site& s, const std::string& at) {
    JUO_TRY(domain::ValidateSite(s));
    NullableText siret, notes, safety, description;
    siret.set(s.siret);
    notes.set(s.accessibility_notes);
    safety.set(s.safety_rules);
    description.set(s.description);
    Nullable<int> min_age;
    min_age.set(s.min_age);
    int wheelchair = s.wheelchair_access ? 1 : 0, hearing = s.hearing_access ? 1 : 0;
    int visual = s.visual_access ? 1 : 0, mental = s.mental_access ? 1 : 0, psychic = s.psychic_access ? 1 : 0;
    double lat = s.position.lat, lon = s.position.lon;
    long long id = s.id;
    soci::statement st =
        (db.sql().prepare << "UPDATE site SET name = :n, siret = :si, naf_code = :naf, naf_division = :div, "
                             "address = :a, postcode = :pc, commune_code = :cc, commune_name = :cn, "
                             "department_code = :d, region_code = :r, latitude = :lat, longitude = :lon, "
                             "wheelchair_access = :w, hearing_access = :h, visual_access = :v, mental_access = :m, "
                             "psychic_access = :p, accessibility_notes = :an, "
                             "safety_rules = :sr, description = :de, min_age = :ma, updated_at = :at WHERE id = :id",
         soci::use(s.name), use(siret), soci::use(s.naf_code), soci::use(s.naf_division), soci::use(s.address),
         soci::use(s.postcode), soci::use(s.commune_code), soci::use(s.commune_name), soci::use(s.department_code),
         soci::use(s.region_code), soci::use(lat), soci::use(lon), soci::use(wheelchair), soci::use(hearing),
         soci::use(visual), soci::use(mental), soci::use(psychic), use(notes), use(safety), use(description), use(min_age), soci::use(at), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0)
        return MakeError(ErrorCode::kNotFound, "no site " + std::to_string(id), "aucun site n°" + std::to_string(id));
    return Ok();
}

std::string SiteProfileVersion(const domain::Site& s) {
    char pin[64];
    std::snprintf(pin, sizeof pin, "%.7f,%.7f", s.position.lat, s.position.lon);
    const std::string text = s.name + '\x1f' + s.address + '\x1f' + s.postcode + '\x1f' + s.commune_code + '\x1f' +
                             s.commune_name + '\x1f' + pin + '\x1f' + (s.wheelchair_access ? "w" : "-") +
                             (s.hearing_access ? "h" : "-") + (s.visual_access ? "v" : "-") +
                             (s.mental_access ? "m" : "-") + (s.psychic_access ? "p" : "-") + '\x1f' + s.accessibility_notes + '\x1f' +
                             (s.min_age ? std::to_string(*s.min_age) : "-") + '\x1f' + s.safety_rules + '\x1f' +
                             s.description;
    return Fnv1a64Hex(text);
}

std::optional<std::string> LockedSiteProfileVersion(Database& db, long long site_id) {
    domain::Site s;
    int wheelchair = 0, hearing = 0, visual = 0, mental = 0, psychic = 0, min_age = 0;
    soci::indicator notes_ind = soci::i_null, safety_ind = soci::i_null, description_ind = soci::i_null,
                    min_age_ind = soci::i_null;
    db.sql() << "SELECT name, address, postcode, commune_code, commune_name, latitude, longitude, wheelchair_access, "
                "hearing_access, accessibility_notes, safety_rules, description, min_age, visual_access, mental_access, "
                "psychic_access FROM site WHERE id = :id" +
                    std::string(LockedForChange(db.dialect())),
        soci::use(site_id), soci::into(s.name), soci::into(s.address), soci::into(s.postcode),
        soci::into(s.commune_code), soci::into(s.commune_name), soci::into(s.position.lat), soci::into(s.position.lon),
        soci::into(wheelchair), soci::into(hearing), soci::into(s.accessibility_notes, notes_ind),
        soci::into(s.safety_rules, safety_ind), soci::into(s.description, description_ind),
        soci::into(min_age, min_age_ind), soci::into(visual), soci::into(mental), soci::into(psychic);
    if (!db.sql().got_data()) return std::nullopt;
    s.wheelchair_access = wheelchair != 0;
    s.hearing_access = hearing != 0;
    s.visual_access = visual != 0;
    s.mental_access = mental != 0;
    s.psychic_access = psychic != 0;
    if (notes_ind != soci::i_ok) s.accessibility_notes.clear();
    if (safety_ind != soci::i_ok) s.safety_rules.clear();
    if (description_ind != soci::i_ok) s.description.clear();
    if (min_age_ind == soci::i_ok) s.min_age = min_age;
    return SiteProfileVersion(s);
}

std::optional<long long> SitePhotoFile(Database& db, long long site_id) {
    long long file = 0;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT photo_file_id FROM site WHERE id = :id", soci::use(site_id), soci::into(file, ind);
    if (!db.sql().got_data() || ind != soci::i_ok) return std::nullopt;
    return file;
}

void SetSitePhoto(Database& db, long long site_id, long long file_id, const std::string& at) {
    db.sql() << "UPDATE site SET photo_file_id = :f, updated_at = :at WHERE id = :id", soci::use(file_id), soci::use(at),
        soci::use(site_id);
}

bool SiteEverApproved(Database& db, long long site_id) {
    long long n = 0;
    db.sql() << "SELECT count(*) FROM participation WHERE site_id = :s AND status = 'approved'", soci::use(site_id),
        soci::into(n);
    return n > 0;
}

Status ResubmitParticipation(Database& db, long long participation_id, const std::string& at) {
    soci::statement st =
        (db.sql().prepare << "UPDATE participation SET status = 'submitted', submitted_at = :at, decided_at = NULL "
                             "WHERE id = :id AND status = 'changes_requested'",
         soci::use(at), soci::use(participation_id));
    st.execute(true);
    if (st.get_affected_rows() == 0)
        return MakeError(ErrorCode::kConflict, "only a registration sent back for changes can be submitted again",
                         "seule une inscription renvoyée pour modifications peut être soumise à nouveau");
    return Ok();
}

Result<ReEnrolment> ReEnrolSite(Database& db, long long site_id, const domain::Edition& to, const std::string& at) {
    ReEnrolment out;
    long long taken = 0;
    db.sql() << "SELECT count(*) FROM participation WHERE site_id = :s AND edition_id = :e", soci::use(site_id),
        soci::use(to.id), soci::into(taken);
    if (taken > 0)
        return MakeError(ErrorCode::kConflict, "this site is already enrolled in " + std::to_string(to.year),
                         "ce site est déjà inscrit pour " + std::to_string(to.year));
    int previous_year = 0;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT max(e.year) FROM participation p JOIN edition e ON e.id = p.edition_id "
                "WHERE p.site_id = :s AND e.year < :y",
        soci::use(site_id), soci::use(to.year), soci::into(previous_year, ind);
    if (ind != soci::i_ok)
        return MakeError(ErrorCode::kNotFound, "this site never took part: register it instead",
                         "ce site n'a jamais participé : inscrivez-le");
    auto previous = FindEditionByYear(db, previous_year);
    if (!previous.ok()) return previous.error();
    out.previous_year = previous_year;

    domain::Participation p;
    p.edition_id = to.id;
    p.site_id = site_id;
    p.status = domain::ParticipationStatus::kSubmitted;
    p.submitted_at = at;
    InsertParticipations(db, std::span<domain::Participation>(&p, 1));
    out.participation_id = p.id;

    auto by_date = [](const domain::EditionDay& a, const domain::EditionDay& b) { return a.date < b.date; };
    auto old_days = previous->days, new_days = to.days;
    std::sort(old_days.begin(), old_days.end(), by_date);
    std::sort(new_days.begin(), new_days.end(), by_date);
    std::vector<domain::Session> copies;
    for (auto s : SiteSessions(db, site_id, previous->id)) {
        if (s.status == domain::SessionStatus::kCancelled) continue;
        auto rank = std::find_if(old_days.begin(), old_days.end(), [&](const auto& d) { return d.date == s.day_date; }) -
                    old_days.begin();
        if (rank >= static_cast<long>(new_days.size())) {
            ++out.tours_skipped;
            continue;
        }
        const auto& day = new_days[rank];
        std::vector<domain::Audience> audiences;
        for (auto a : s.audiences)
            if (std::find(day.audiences.begin(), day.audiences.end(), a) != day.audiences.end()) audiences.push_back(a);
        if (audiences.empty()) {
            ++out.tours_skipped;
            continue;
        }
        s.id = 0;
        s.edition_id = to.id;
        s.day_date = day.date;
        s.audiences = audiences;
        s.places_taken = s.groups_taken = 0;
        s.status = domain::SessionStatus::kOpen;
        copies.push_back(s);
    }
    JUO_TRY(InsertSessions(db, copies));
    out.tours_copied = static_cast<int>(copies.size());
    return out;
}

}  // namespace juo::store
