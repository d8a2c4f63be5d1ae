// Host space and moderation queries (see host_queries.h).
#include "store/reads/host_queries.h"

#include "store/db/binding.h"
#include "store/db/dialect.h"
#include "store/users/session_repository.h"
#include "store/sites/site_repository.h"

namespace juo::store {
namespace {

constexpr const char* kSiteColumns =
    "t.id, t.organisation_id, t.name, t.siret, t.naf_code, t.naf_division, t.address, t.postcode, t.commune_code, "
    "t.commune_name, t.department_code, t.region_code, t.latitude, t.longitude, t.wheelchair_access, "
    "t.hearing_access, t.accessibility_notes, t.safety_rules, t.description, t.min_age, t.created_at, "
    "coalesce(p.id, 0), coalesce(p.status, 'draft'), (SELECT count(*) FROM session s WHERE s.site_id = t.id AND "
    "s.edition_id = :e2 AND s.status <> 'cancelled'), t.visual_access, t.mental_access, t.psychic_access";

std::string Text(const soci::row& r, std::size_t i) {
    return r.get_indicator(i) == soci::i_ok ? r.get<std::string>(i) : std::string();
}

HostSiteView ViewFromRow(const soci::row& r) {
    HostSiteView v;
    auto& s = v.site;
    s.id = RowInt(r, 0);
    s.organisation_id = RowInt(r, 1);
    s.name = r.get<std::string>(2);
    s.siret = Text(r, 3);
    s.naf_code = r.get<std::string>(4);
    s.naf_division = r.get<std::string>(5);
    s.address = r.get<std::string>(6);
    s.postcode = r.get<std::string>(7);
    s.commune_code = r.get<std::string>(8);
    s.commune_name = r.get<std::string>(9);
    s.department_code = r.get<std::string>(10);
    s.region_code = r.get<std::string>(11);
    s.position = {r.get<double>(12), r.get<double>(13)};
    s.wheelchair_access = RowInt(r, 14) != 0;
    s.hearing_access = RowInt(r, 15) != 0;
    s.accessibility_notes = Text(r, 16);
    s.safety_rules = Text(r, 17);
    s.description = Text(r, 18);
    if (r.get_indicator(19) == soci::i_ok) s.min_age = static_cast<int>(RowInt(r, 19));
    s.created_at = r.get<std::string>(20);
    v.participation_id = RowInt(r, 21);
    v.status = domain::ParseParticipationStatus(r.get<std::string>(22)).value_or(domain::ParticipationStatus::kDraft);
    v.sessions = static_cast<int>(RowInt(r, 23));
    s.visual_access = RowInt(r, 24) != 0;
    s.mental_access = RowInt(r, 25) != 0;
    s.psychic_access = RowInt(r, 26) != 0;
    return v;
}

}  // namespace

Result<long long> RegisterSite(Database& db, long long host_user_id, long long edition_id,
                               domain::Organisation& organisation, domain::Site& site,
                               const std::string& at) {
    JUO_TRY(domain::ValidateSite(site));
    if (!organisation.siret.empty()) {
        long long taken = 0;
        db.sql() << "SELECT count(*) FROM organisation WHERE siret = :s", soci::use(organisation.siret),
            soci::into(taken);
        if (taken > 0)
            return MakeError(ErrorCode::kConflict, "SIRET " + organisation.siret + " is already registered",
                             "le SIRET " + organisation.siret + " est déjà inscrit : demandez l'accès à son référent");
    }
    organisation.created_at = at;
    InsertOrganisations(db, std::span<domain::Organisation>(&organisation, 1));
    site.organisation_id = organisation.id;
    site.created_at = at;
    JUO_TRY(InsertSites(db, std::span<domain::Site>(&site, 1)));
    domain::Participation p;
    p.edition_id = edition_id;
    p.site_id = site.id;
    p.status = domain::ParticipationStatus::kSubmitted;
    p.submitted_at = at;
    InsertParticipations(db, std::span<domain::Participation>(&p, 1));
    db.sql() << "INSERT INTO user_role (user_id, role, site_id) VALUES (:u, 'host', :s)", soci::use(host_user_id),
        soci::use(site.id);
    return p.id;
}

std::vector<HostSiteView> HostSites(Database& db, const std::vector<long long>& site_ids, long long edition_id,
                                    int limit) {
    const std::string ids = IdList(site_ids);
    if (ids.empty()) return {};
    std::vector<HostSiteView> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string("SELECT ") + kSiteColumns +
                                 " FROM site t LEFT JOIN participation p ON p.site_id = t.id AND p.edition_id = :e"
                                 " WHERE t.id IN (" + ids + ") ORDER BY t.id DESC LIMIT :n",
         soci::use(edition_id), soci::use(edition_id), soci::use(limit));
    for (const auto& r : rows) out.push_back(ViewFromRow(r));
    return out;
}

std::vector<PublishedTour> PublishedTours(Database& db, long long edition_id, int limit) {
    std::vector<PublishedTour> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT s.id, s.site_id, s.day_date, s.starts_at, s.ends_at, s.capacity_people, "
                             "s.capacity_groups, s.places_taken, s.groups_taken, t.name, t.department_code, max(a.at) "
                             "FROM audit_log a JOIN session s ON s.id = a.entity_id JOIN site t ON t.id = s.site_id "
                             "WHERE a.entity = 'session' AND a.action = 'session.publish' AND s.edition_id = :e AND "
                             "s.status <> 'cancelled' GROUP BY s.id, s.site_id, s.day_date, s.starts_at, s.ends_at, "
                             "s.capacity_people, s.capacity_groups, s.places_taken, s.groups_taken, t.name, "
                             "t.department_code ORDER BY max(a.at) DESC, s.id DESC LIMIT :n",
         soci::use(edition_id), soci::use(limit));
    for (const auto& r : rows) {
        PublishedTour p;
        p.session.id = RowInt(r, 0);
        p.session.site_id = RowInt(r, 1);
        p.session.edition_id = edition_id;
        p.session.day_date = r.get<std::string>(2);
        p.session.starts_at = r.get<std::string>(3);
        p.session.ends_at = r.get<std::string>(4);
        p.session.capacity_people = static_cast<int>(RowInt(r, 5));
        p.session.capacity_groups = static_cast<int>(RowInt(r, 6));
        p.session.places_taken = static_cast<int>(RowInt(r, 7));
        p.session.groups_taken = static_cast<int>(RowInt(r, 8));
        p.site_name = r.get<std::string>(9);
        p.department_code = r.get<std::string>(10);
        p.published_at = r.get<std::string>(11);
        out.push_back(std::move(p));
    }
    return out;
}

std::optional<TourSite> FindTourSite(Database& db, long long session_id) {
    TourSite t;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT t.id, t.name, t.department_code, s.day_date, s.starts_at FROM session s JOIN site t ON "
                "t.id = s.site_id WHERE s.id = :id",
        soci::use(session_id), soci::into(t.site_id, ind), soci::into(t.site_name), soci::into(t.department_code),
        soci::into(t.day_date), soci::into(t.starts_at);
    if (!db.sql().got_data() || ind != soci::i_ok) return std::nullopt;
    return t;
}

bool WithdrawUnbookedSession(Database& db, long long session_id) {
    soci::statement st = (db.sql().prepare << "UPDATE session SET status = 'cancelled' WHERE id = :id AND status <> "
                                              "'cancelled' AND places_taken = 0 AND groups_taken = 0",
                          soci::use(session_id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

std::vector<HostSiteView> ParticipationsWithStatus(Database& db, long long edition_id,
                                                   domain::ParticipationStatus status, int limit) {
    std::string code(domain::ToCode(status));
    std::vector<HostSiteView> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string("SELECT ") + kSiteColumns +
                                 " FROM participation p JOIN site t ON t.id = p.site_id WHERE p.edition_id = :e AND "
                                 "p.status = :st ORDER BY p.submitted_at, p.id LIMIT :n",
         soci::use(edition_id), soci::use(edition_id), soci::use(code), soci::use(limit));
    for (const auto& r : rows) out.push_back(ViewFromRow(r));
    return out;
}

std::optional<HostSiteView> FindParticipation(Database& db, long long participation_id) {
    long long edition = 0;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT edition_id FROM participation WHERE id = :id", soci::use(participation_id),
        soci::into(edition, ind);
    if (!db.sql().got_data() || ind != soci::i_ok) return std::nullopt;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string("SELECT ") + kSiteColumns +
                                 " FROM participation p JOIN site t ON t.id = p.site_id WHERE p.id = :id",
         soci::use(edition), soci::use(participation_id));
    std::optional<HostSiteView> found;
    for (const auto& r : rows)
        if (!found) found = ViewFromRow(r);
    return found;
}

bool DecideParticipation(Database& db, long long participation_id, domain::ParticipationStatus status,
                         const std::string& at) {
    std::string code(domain::ToCode(status));
    soci::statement st = (db.sql().prepare << "UPDATE participation SET status = :st, decided_at = :at WHERE id = :id "
                                              "AND status = 'submitted'",
                          soci::use(code), soci::use(at), soci::use(participation_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::vector<domain::Session> SiteSessions(Database& db, long long site_id, long long edition_id) {
    std::vector<domain::Session> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT s.id, s.day_date, s.starts_at, s.ends_at, s.capacity_people, s.capacity_groups, "
                             "s.places_taken, s.groups_taken, s.min_level, s.min_age, s.status, (SELECT " +
                                 StringAgg(db.dialect(), "a.audience", "','") +
                                 " FROM session_audience a WHERE a.session_id = s.id) FROM session s WHERE s.site_id = :site AND s.edition_id = :e ORDER BY s.day_date, "
                             "s.starts_at, s.id",
         soci::use(site_id), soci::use(edition_id));
    for (const auto& r : rows) {
        domain::Session s;
        s.id = RowInt(r, 0);
        s.site_id = site_id;
        s.edition_id = edition_id;
        s.day_date = r.get<std::string>(1);
        s.starts_at = r.get<std::string>(2);
        s.ends_at = r.get<std::string>(3);
        s.capacity_people = static_cast<int>(RowInt(r, 4));
        s.capacity_groups = static_cast<int>(RowInt(r, 5));
        s.places_taken = static_cast<int>(RowInt(r, 6));
        s.groups_taken = static_cast<int>(RowInt(r, 7));
        s.min_level = Text(r, 8);
        if (r.get_indicator(9) == soci::i_ok) s.min_age = static_cast<int>(RowInt(r, 9));
        s.status = domain::ParseSessionStatus(r.get<std::string>(10)).value_or(domain::SessionStatus::kOpen);
        std::string audiences = Text(r, 11);
        size_t start = 0;
        while (start < audiences.size()) {
            size_t end = audiences.find(',', start);
            if (end == std::string::npos) end = audiences.size();
            if (auto a = domain::ParseAudience(audiences.substr(start, end - start))) s.audiences.push_back(*a);
            start = end + 1;
        }
        out.push_back(std::move(s));
    }
    return out;
}

std::vector<VisitorRow> SiteVisitors(Database& db, long long site_id, long long edition_id) {
    std::vector<VisitorRow> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT s.day_date, s.starts_at, b.ticket_code, coalesce(u.display_name, ''), "
                             "coalesce(u.email, ''), b.kind, b.status, b.people, c.attended FROM session s JOIN booking b "
                             "ON b.session_id = s.id LEFT JOIN app_user u ON u.id = b.user_id LEFT JOIN check_in c ON "
                             "c.booking_id = b.id WHERE s.site_id = :site AND s.edition_id = :e ORDER BY s.day_date, "
                             "s.starts_at, s.id, b.id",
         soci::use(site_id), soci::use(edition_id));
    for (const auto& r : rows) {
        VisitorRow v;
        v.day_date = r.get<std::string>(0);
        v.starts_at = r.get<std::string>(1);
        v.ticket_code = r.get<std::string>(2);
        v.name = r.get<std::string>(3);
        v.email = r.get<std::string>(4);
        v.kind = r.get<std::string>(5);
        v.status = r.get<std::string>(6);
        v.people = static_cast<int>(RowInt(r, 7));
        if (r.get_indicator(8) == soci::i_ok) v.attended = static_cast<int>(RowInt(r, 8));
        out.push_back(std::move(v));
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> SiteHostContacts(Database& db, long long site_id) {
    std::vector<std::pair<std::string, std::string>> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT u.email, u.display_name FROM user_role r JOIN app_user u ON u.id = r.user_id "
                             "WHERE r.role = 'host' AND r.site_id = :s AND u.deleted_at IS NULL ORDER BY u.id",
         soci::use(site_id));
    for (const auto& r : rows) out.emplace_back(r.get<std::string>(0), r.get<std::string>(1));
    return out;
}

}  // namespace juo::store
