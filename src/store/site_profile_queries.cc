// A site's profile, photo, resubmission and re-enrolment (see site_profile_queries.h).
#include "store/site_profile_queries.h"

#include <algorithm>

#include "store/binding.h"
#include "store/edition_repository.h"
#include "store/host_queries.h"
#include "store/session_repository.h"
#include "store/site_repository.h"

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
    double lat = s.position.lat, lon = s.position.lon;
    long long id = s.id;
    soci::statement st =
        (db.sql().prepare << "UPDATE site SET name = :n, siret = :si, naf_code = :naf, naf_division = :div, "
                             "address = :a, postcode = :pc, commune_code = :cc, commune_name = :cn, "
                             "department_code = :d, region_code = :r, latitude = :lat, longitude = :lon, "
                             "wheelchair_access = :w, hearing_access = :h, accessibility_notes = :an, "
                             "safety_rules = :sr, description = :de, min_age = :ma, updated_at = :at WHERE id = :id",
         soci::use(s.name), use(siret), soci::use(s.naf_code), soci::use(s.naf_division), soci::use(s.address),
         soci::use(s.postcode), soci::use(s.commune_code), soci::use(s.commune_name), soci::use(s.department_code),
         soci::use(s.region_code), soci::use(lat), soci::use(lon), soci::use(wheelchair), soci::use(hearing),
         use(notes), use(safety), use(description), use(min_age), soci::use(at), soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0)
        return MakeError(ErrorCode::kNotFound, "no site " + std::to_string(id), "aucun site n°" + std::to_string(id));
    return Ok();
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
