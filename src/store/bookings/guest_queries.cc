// Guest bookings' SQL (see guest_queries.h).
#include "store/bookings/guest_queries.h"

#include "store/bookings/booking_queries.h"
#include "store/db/binding.h"
#include "store/db/dialect.h"

namespace juo::store {

namespace {

// The statements of the guest intake, which runs them for every guest of every batch: prepared
// once per connection (Database::Prepared), not parsed again each time.
struct GuestStatements {
    std::string email, display_name, locale, created_at, client_key;
    long long user_id = 0, edition_id = 0, after = 0, at = 0, count = 0;
    int has_password = 0, deleted = 0;
    soci::statement find_user, insert_user, user_id_of, live_parties, attempts_since, record_attempt;

    explicit GuestStatements(soci::session& sql)
        : find_user((sql.prepare << "SELECT id, CASE WHEN password_hash IS NULL THEN 0 ELSE 1 END, "
                                    "CASE WHEN deleted_at IS NULL THEN 0 ELSE 1 END FROM app_user WHERE email = :e",
                     soci::into(user_id), soci::into(has_password), soci::into(deleted), soci::use(email))),
          insert_user((sql.prepare << "INSERT INTO app_user (email, display_name, locale, created_at) "
                                      "VALUES (:e, :n, :l, :c) ON CONFLICT (email) DO NOTHING",
                       soci::use(email), soci::use(display_name), soci::use(locale), soci::use(created_at))),
          user_id_of((sql.prepare << "SELECT id FROM app_user WHERE email = :e", soci::into(user_id),
                      soci::use(email))),
          live_parties((sql.prepare << "SELECT COUNT(*) FROM booking WHERE user_id = :u AND edition_id = :e "
                                       "AND status = 'confirmed' AND kind = 'party'",
                        soci::into(count), soci::use(user_id), soci::use(edition_id))),
          attempts_since((sql.prepare << "SELECT COUNT(*) FROM guest_booking_attempt WHERE client_key = :k "
                                         "AND attempted_at > :a",
                          soci::into(count), soci::use(client_key), soci::use(after))),
          record_attempt((sql.prepare << "INSERT INTO guest_booking_attempt (client_key, attempted_at) "
                                         "VALUES (:k, :a)",
                          soci::use(client_key), soci::use(at))) {}
};

}  // namespace

std::optional<UserByEmail> FindUserByEmail(Database& db, const std::string& email) {
    auto& q = db.Prepared<GuestStatements>();
    q.email = email;
    if (!ExecuteOne(q.find_user)) return std::nullopt;
    return UserByEmail{q.user_id, q.has_password != 0, q.deleted != 0};
}

long long InsertGuestUser(Database& db, const std::string& email, const std::string& display_name,
                          const std::string& locale, const std::string& created_at) {
    auto& q = db.Prepared<GuestStatements>();
    q.email = email;
    q.display_name = display_name;
    q.locale = locale;
    q.created_at = created_at;
    q.insert_user.execute(true);
    q.user_id = 0;
    ExecuteOne(q.user_id_of);
    return q.user_id;
}

int LivePartyBookings(Database& db, long long user_id, long long edition_id) {
    auto& q = db.Prepared<GuestStatements>();
    q.user_id = user_id;
    q.edition_id = edition_id;
    return ExecuteCount(q.live_parties, q.count);
}

int GuestAttemptsSince(Database& db, const std::string& client_key, long long after) {
    auto& q = db.Prepared<GuestStatements>();
    q.client_key = client_key;
    q.after = after;
    return ExecuteCount(q.attempts_since, q.count);
}

void RecordGuestAttempt(Database& db, const std::string& client_key, long long at) {
    auto& q = db.Prepared<GuestStatements>();
    q.client_key = client_key;
    q.at = at;
    q.record_attempt.execute(true);
}

void ForgetGuestAttempts(Database& db, long long before) {
    db.sql() << "DELETE FROM guest_booking_attempt WHERE attempted_at <= :f", soci::use(before);
}

std::optional<SessionForBooking> LoadTourForPage(Database& db, long long session_id) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT s.edition_id, s.status, s.capacity_people, s.places_taken, s.capacity_groups, "
                             "s.groups_taken, s.day_date, s.starts_at, s.ends_at, s.min_age, e.max_party_size, "
                             "e.status, e.registration_opens_at, e.registration_closes_at, s.site_id, t.name, "
                             "t.address, t.postcode, t.commune_name, t.department_code, (SELECT "
                          << StringAgg(db.dialect(), "a.audience", "','")
                          << " FROM session_audience a WHERE a.session_id = s.id), p.status FROM session s JOIN "
                             "edition e ON e.id = s.edition_id JOIN site t ON t.id = s.site_id LEFT JOIN "
                             "participation p ON p.edition_id = s.edition_id AND p.site_id = s.site_id WHERE "
                             "s.id = :id",
         soci::use(session_id));
    auto text = [](const soci::row& r, std::size_t i) {
        return r.get_indicator(i) == soci::i_ok ? r.get<std::string>(i) : std::string();
    };
    for (const auto& r : rows) {
        SessionForBooking s;
        s.id = session_id;
        s.edition_id = RowInt(r, 0);
        s.status = r.get<std::string>(1);
        s.capacity_people = static_cast<int>(RowInt(r, 2));
        s.places_taken = static_cast<int>(RowInt(r, 3));
        s.capacity_groups = static_cast<int>(RowInt(r, 4));
        s.groups_taken = static_cast<int>(RowInt(r, 5));
        s.day_date = r.get<std::string>(6);
        s.starts_at = r.get<std::string>(7);
        s.ends_at = r.get<std::string>(8);
        if (r.get_indicator(9) == soci::i_ok) s.min_age = static_cast<int>(RowInt(r, 9));
        s.max_party_size = static_cast<int>(RowInt(r, 10));
        s.edition_status = r.get<std::string>(11);
        s.registration_opens_at = text(r, 12);
        s.registration_closes_at = text(r, 13);
        s.site_id = RowInt(r, 14);
        s.site_name = r.get<std::string>(15);
        s.site_address = text(r, 16);
        s.site_postcode = r.get<std::string>(17);
        s.site_commune = r.get<std::string>(18);
        s.site_department = r.get<std::string>(19);
        std::string_view rest;
        const std::string audiences = text(r, 20);
        rest = audiences;
        while (!rest.empty()) {
            const size_t comma = rest.find(',');
            if (auto a = domain::ParseAudience(rest.substr(0, comma))) s.audiences.push_back(*a);
            rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
        }
        s.participation_status = text(r, 21);
        return s;
    }
    return std::nullopt;
}

std::optional<ManagedBookingRow> LoadManagedBooking(Database& db, long long booking_id) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare
             << "SELECT b.id, b.edition_id, b.session_id, b.kind, b.audience, b.user_id, b.people, b.status, "
                "b.ticket_code, b.created_at, b.cancelled_at, s.site_id, t.name, t.commune_name, s.day_date, "
                "s.starts_at, s.ends_at, c.attended, t.address, t.postcode, t.latitude, t.longitude, "
                "t.safety_rules, u.email, CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END, "
                "e.max_party_size, s.capacity_people - s.places_taken "
                "FROM booking b JOIN session s ON s.id = b.session_id JOIN site t ON t.id = s.site_id "
                "JOIN edition e ON e.id = b.edition_id LEFT JOIN app_user u ON u.id = b.user_id "
                "LEFT JOIN check_in c ON c.booking_id = b.id WHERE b.id = :id",
         soci::use(booking_id));
    for (const auto& r : rows) {
        ManagedBookingRow m;
        m.view = BookingViewOfRow(r);  // columns 0–17, as every booking read
        m.site_address = r.get<std::string>(18);
        m.site_postcode = r.get<std::string>(19);
        m.latitude = r.get<double>(20);
        m.longitude = r.get<double>(21);
        if (r.get_indicator(22) == soci::i_ok) m.safety_rules = r.get<std::string>(22);
        if (r.get_indicator(23) == soci::i_ok) m.user_email = r.get<std::string>(23);
        m.user_has_password = RowInt(r, 24) != 0;
        m.max_party_size = static_cast<int>(RowInt(r, 25));
        m.places_left = static_cast<int>(RowInt(r, 26));
        return m;
    }
    return std::nullopt;
}

std::optional<WaitlistOfferRow> LoadWaitlistOffer(Database& db, long long entry_id) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare
             << "SELECT w.id, w.session_id, w.user_id, w.people, w.status, w.offer_expires_at, "
                "w.created_at, s.site_id, t.name, t.commune_name, s.day_date, s.starts_at, s.ends_at, "
                "t.address, t.postcode, b.id, b.ticket_code FROM waitlist_entry w "
                "JOIN session s ON s.id = w.session_id JOIN site t ON t.id = s.site_id "
                "LEFT JOIN booking b ON b.id = w.booking_id WHERE w.id = :id",
         soci::use(entry_id));
    std::optional<WaitlistOfferRow> found;  // read to the end: the statement is done when the loop is
    for (const auto& r : rows) {
        if (found) continue;
        WaitlistOfferRow o;
        auto& e = o.view.entry;
        e.id = RowInt(r, 0);
        e.session_id = RowInt(r, 1);
        if (r.get_indicator(2) == soci::i_ok) e.user_id = RowInt(r, 2);
        e.people = static_cast<int>(RowInt(r, 3));
        e.status = domain::ValueOf(domain::kWaitlistStatusCodes, r.get<std::string>(4))
                       .value_or(domain::WaitlistStatus::kWaiting);
        if (r.get_indicator(5) == soci::i_ok) e.offer_expires_at = r.get<std::string>(5);
        e.created_at = r.get<std::string>(6);
        o.view.tour = {e.session_id,          RowInt(r, 7),           r.get<std::string>(8),
                       r.get<std::string>(9), r.get<std::string>(10), r.get<std::string>(11),
                       r.get<std::string>(12)};
        if (r.get_indicator(13) == soci::i_ok) o.site_address = r.get<std::string>(13);
        o.site_postcode = r.get<std::string>(14);
        if (r.get_indicator(15) == soci::i_ok) o.booking_id = RowInt(r, 15);
        if (r.get_indicator(16) == soci::i_ok) o.ticket_code = r.get<std::string>(16);
        found = std::move(o);
    }
    return found;
}

}  // namespace juo::store
