// Catalogue reads.
#include "store/reads/catalogue_queries.h"

#include <unordered_map>

#include "common/fingerprint.h"
#include "store/db/binding.h"
#include "store/editions/edition_repository.h"

namespace juo::store {

Result<int> LatestEditionYear(Database& db) {
    try {
        int year = 0;
        soci::indicator ind = soci::i_null;
        db.sql() << "SELECT max(year) FROM edition", soci::into(year, ind);
        if (ind != soci::i_ok)
            return MakeError(ErrorCode::kNotFound,
                             "database " + db.display_name() + " has no edition (run `juo seed`)",
                             "aucune édition n'est encore publiée");
        return year;
    } catch (const soci::soci_error& e) {
        return db.FromException(e);
    }
}

Result<std::string> CatalogueFingerprint(Database& db) {
    try {
        long long sites = 0, sessions = 0, taken = 0, max_session = 0, participations = 0, max_site = 0;
        long long open = 0, capacity = 0;
        std::string tour_edited;  // a host's last change of a tour's day, times or audiences (issue 19)
        db.sql() << "SELECT count(*), coalesce(max(id), 0), coalesce(sum(places_taken + groups_taken), 0), "
                    "coalesce(sum(CASE WHEN status = 'open' THEN 1 ELSE 0 END), 0), "
                    "coalesce(sum(capacity_people + capacity_groups), 0), coalesce(max(updated_at), '') FROM session",
            soci::into(sessions), soci::into(max_session), soci::into(taken), soci::into(open),
            soci::into(capacity), soci::into(tour_edited);
        std::string edited;
        db.sql() << "SELECT count(*), coalesce(max(id), 0), coalesce(max(updated_at), '') FROM site", soci::into(sites),
            soci::into(max_site), soci::into(edited);
        db.sql() << "SELECT count(*) FROM participation WHERE status = 'approved'",
            soci::into(participations);
        // The editions as the pages show them (a few rows): closing or reopening one, by the back
        // office or by hand in SQL, changes what every page offers.
        std::string editions;
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT id, status, name, coalesce(registration_opens_at, ''), "
                                 "coalesce(registration_closes_at, ''), max_party_size, "
                                 "(SELECT count(*) FROM edition_day d WHERE d.edition_id = e.id) "
                                 "FROM edition e ORDER BY id");
        for (const auto& r : rows) {
            editions += "|" + std::to_string(RowInt(r, 0)) + "," + r.get<std::string>(1) + "," + r.get<std::string>(2) +
                        "," + r.get<std::string>(3) + "," + r.get<std::string>(4) + "," + std::to_string(RowInt(r, 5)) +
                        "," + std::to_string(RowInt(r, 6));
        }
        return std::to_string(sites) + ":" + std::to_string(max_site) + ":" + std::to_string(sessions) + ":" +
               std::to_string(max_session) + ":" + std::to_string(taken) + ":" +
               std::to_string(participations) + ":" + std::to_string(open) + ":" + std::to_string(capacity) + ":" +
               edited + ":" + tour_edited + ":" + Fnv1a64Hex(editions);
    } catch (const soci::soci_error& e) {
        return db.FromException(e);
    }
}

Result<CatalogueSnapshot> LoadCatalogue(Database& db, int year) {
    try {
        auto edition = FindEditionByYear(db, year);
        if (!edition.ok()) return edition.error();
        CatalogueSnapshot snap;
        snap.edition = std::move(*edition);
        const long long e = snap.edition.id;

        domain::Site s;
        NullableText siret, notes, safety, description;
        Nullable<int> min_age;
        Nullable<long long> photo;
        int wheelchair = 0, hearing = 0, visual = 0, mental = 0, psychic = 0;
        soci::statement sites =
            (db.sql().prepare
                 << "SELECT st.id, st.organisation_id, st.name, st.siret, st.naf_code, st.naf_division, "
                    "st.address, st.postcode, st.commune_code, st.commune_name, st.department_code, "
                    "st.region_code, st.latitude, st.longitude, st.wheelchair_access, st.hearing_access, "
                    "st.accessibility_notes, st.safety_rules, st.description, st.min_age, st.created_at, "
                    "st.photo_file_id, st.visual_access, st.mental_access, st.psychic_access FROM site st "
                    " JOIN participation p ON p.site_id = st.id AND p.edition_id = :e AND "
                    "p.status = 'approved' WHERE EXISTS (SELECT 1 FROM session x WHERE x.site_id = st.id "
                    "AND x.edition_id = :e AND x.status <> 'cancelled') ORDER BY st.id",
             soci::use(e, "e"), soci::into(s.id), soci::into(s.organisation_id), soci::into(s.name),
             soci::into(siret.value, siret.ind), soci::into(s.naf_code), soci::into(s.naf_division),
             soci::into(s.address), soci::into(s.postcode), soci::into(s.commune_code),
             soci::into(s.commune_name), soci::into(s.department_code), soci::into(s.region_code),
             soci::into(s.position.lat), soci::into(s.position.lon), soci::into(wheelchair),
             soci::into(hearing), soci::into(notes.value, notes.ind), soci::into(safety.value, safety.ind),
             soci::into(description.value, description.ind), soci::into(min_age.value, min_age.ind),
             soci::into(s.created_at), soci::into(photo.value, photo.ind), soci::into(visual), soci::into(mental),
             soci::into(psychic));
        sites.execute();
        auto text = [](const NullableText& t) { return t.ind == soci::i_ok ? t.value : std::string(); };
        while (sites.fetch()) {
            s.siret = text(siret);
            s.accessibility_notes = text(notes);
            s.safety_rules = text(safety);
            s.description = text(description);
            s.min_age = min_age.get();
            s.photo_file_id = photo.get();
            s.wheelchair_access = wheelchair != 0;
            s.hearing_access = hearing != 0;
            s.visual_access = visual != 0;
            s.mental_access = mental != 0;
            s.psychic_access = psychic != 0;
            snap.sites.push_back(s);
        }

        domain::Session x;
        NullableText level;
        Nullable<int> session_min_age;
        std::string status;
        soci::statement sessions =
            (db.sql().prepare
                 << "SELECT id, site_id, day_date, starts_at, ends_at, capacity_people, capacity_groups, "
                    "places_taken, groups_taken, min_level, min_age, status FROM session WHERE edition_id "
                    "= :e AND status <> 'cancelled' ORDER BY site_id, day_date, starts_at, id",
             soci::use(e, "e"), soci::into(x.id), soci::into(x.site_id), soci::into(x.day_date),
             soci::into(x.starts_at), soci::into(x.ends_at), soci::into(x.capacity_people),
             soci::into(x.capacity_groups), soci::into(x.places_taken), soci::into(x.groups_taken),
             soci::into(level.value, level.ind), soci::into(session_min_age.value, session_min_age.ind),
             soci::into(status));
        sessions.execute();
        std::unordered_map<long long, size_t> by_id;
        while (sessions.fetch()) {
            x.edition_id = e;
            x.min_level = text(level);
            x.min_age = session_min_age.get();
            x.status = domain::ParseSessionStatus(status).value_or(domain::SessionStatus::kOpen);
            by_id[x.id] = snap.sessions.size();
            snap.sessions.push_back(x);
        }
        long long session_id = 0;
        std::string audience;
        soci::statement audiences =
            (db.sql().prepare
                 << "SELECT a.session_id, a.audience FROM session_audience a JOIN session s ON s.id = "
                    "a.session_id WHERE s.edition_id = :e AND s.status <> 'cancelled' ORDER BY "
                    "a.session_id, a.audience",
             soci::use(e, "e"), soci::into(session_id), soci::into(audience));
        audiences.execute();
        while (audiences.fetch()) {
            auto it = by_id.find(session_id);
            auto a = domain::ParseAudience(audience);
            if (it != by_id.end() && a) snap.sessions[it->second].audiences.push_back(*a);
        }
        auto years = ListEditionYears(db);
        for (auto y = years.rbegin(); y != years.rend(); ++y) {
            if (*y == year) continue;
            auto other = FindEditionByYear(db, *y);
            if (!other.ok()) return other.error();
            snap.other_editions.push_back(std::move(*other));
        }
        return snap;
    } catch (const soci::soci_error& err) {
        return db.FromException(err);
    }
}

}  // namespace juo::store
