// Capacity engine SQL: the hot statements (session read, conditional place taking, booking
// insert, idempotency look-up, user contact) are prepared once; the rare ones run ad hoc.
#include "store/bookings/capacity_store.h"
#include "store/mail/opt_outs.h"

#include <algorithm>
#include <stdexcept>

#include "store/db/binding.h"
#include "store/db/dialect.h"
#include "store/db/rows_insert.h"

namespace juo::store {

namespace {

constexpr const char* kBookingColumns =
    "id, edition_id, session_id, kind, audience, user_id, group_request_id, people, status, ticket_code, "
    "created_at, cancelled_at";

// The three booking look-ups (by id, idempotency key, ticket code), prepared once per connection.
struct BookingLookups {
    long long id = 0;
    std::string key, code;
    domain::Booking row;
    std::string kind, audience, status;
    Nullable<long long> user, request;
    NullableText cancelled;
    soci::statement by_id, by_key, by_ticket;

    template <typename Key>
    soci::statement Prepare(soci::session& sql, const char* where, Key& value) {
        return (sql.prepare << "SELECT " << kBookingColumns << " FROM booking WHERE " << where,
                soci::into(row.id), soci::into(row.edition_id), soci::into(row.session_id), soci::into(kind),
                soci::into(audience), soci::into(user.value, user.ind), soci::into(request.value, request.ind),
                soci::into(row.people), soci::into(status), soci::into(row.ticket_code),
                soci::into(row.created_at), soci::into(cancelled.value, cancelled.ind), soci::use(value));
    }
    explicit BookingLookups(soci::session& sql)
        : by_id(Prepare(sql, "id = :id", id)),
          by_key(Prepare(sql, "idempotency_key = :k", key)),
          by_ticket(Prepare(sql, "ticket_code = :c", code)) {}

    std::optional<domain::Booking> Run(soci::statement& st) {
        if (!ExecuteOne(st)) return std::nullopt;
        domain::Booking b = row;
        b.kind = domain::ParseBookingKind(kind).value_or(domain::BookingKind::kParty);
        b.audience = domain::ParseAudience(audience).value_or(domain::Audience::kPublic);
        b.user_id = user.get();
        b.group_request_id = request.get();
        b.status = domain::ParseBookingStatus(status).value_or(domain::BookingStatus::kConfirmed);
        b.cancelled_at = cancelled.ind == soci::i_ok ? cancelled.value : std::string();
        return b;
    }
};

constexpr const char* kWaitlistColumns =
    "id, session_id, user_id, group_request_id, people, status, offer_expires_at, created_at, audience, "
    "leave_token, booking_id";

CapacityStore::WaitlistRow WaitlistFromRow(const soci::row& r) {
    CapacityStore::WaitlistRow w;
    w.entry.id = RowInt(r, 0);
    w.entry.session_id = RowInt(r, 1);
    if (r.get_indicator(2) == soci::i_ok) w.entry.user_id = RowInt(r, 2);
    if (r.get_indicator(3) == soci::i_ok) w.entry.group_request_id = RowInt(r, 3);
    w.entry.people = static_cast<int>(RowInt(r, 4));
    w.entry.status = domain::ValueOf(domain::kWaitlistStatusCodes, r.get<std::string>(5))
                         .value_or(domain::WaitlistStatus::kWaiting);
    if (r.get_indicator(6) == soci::i_ok) w.entry.offer_expires_at = r.get<std::string>(6);
    w.entry.created_at = r.get<std::string>(7);
    if (r.get_indicator(8) == soci::i_ok)
        w.audience = domain::ParseAudience(r.get<std::string>(8)).value_or(domain::Audience::kPublic);
    if (r.get_indicator(9) == soci::i_ok) w.leave_token = r.get<std::string>(9);
    if (r.get_indicator(10) == soci::i_ok) w.booking_id = RowInt(r, 10);
    return w;
}

std::vector<CapacityStore::WaitlistRow> WaitlistRows(Database& db, const std::string& where,
                                                     const std::string& value) {
    std::vector<CapacityStore::WaitlistRow> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT " << kWaitlistColumns << " FROM waitlist_entry WHERE " << where,
         soci::use(value));
    for (const auto& r : rows) out.push_back(WaitlistFromRow(r));
    return out;
}

}  // namespace

// The prepared statements and the variables they are bound to.
struct CapacityStore::Statements {
    // LoadSession
    long long session_id = 0;
    SessionForBooking session;
    NullableText opens, closes, address;
    Nullable<int> min_age;
    NullableText audiences, participation;
    soci::statement load_session;
    // TryTakePlaces / ReleasePlaces
    int people = 0, groups = 0;
    soci::statement take, release;
    // InsertBooking
    domain::Booking booking;
    std::string kind, booking_audience, status;
    Nullable<long long> user, request;
    NullableText key;
    long long inserted_id = 0;
    soci::statement insert_booking;
    // FindUser
    long long user_id = 0;
    UserContact contact;
    soci::statement find_user;
    // UserHasBooking
    int count = 0;
    soci::statement user_has_booking;
    // FindUserAndBooking (the user's columns are NULL when unknown)
    long long key_count = 0;
    soci::indicator contact_ind = soci::i_ok, name_ind = soci::i_ok, locale_ind = soci::i_ok;
    soci::statement find_user_and_booking;
    // DeferBooking
    RowsInsert deferred{"booking", {"id", "edition_id", "session_id", "kind", "audience", "user_id",
                                    "group_request_id", "people", "status", "ticket_code", "idempotency_key",
                                    "created_at"}};

    explicit Statements(soci::session& sql)
        // The tour's audiences come in the same round trip, joined by commas.
        : load_session(
              (sql.prepare << "SELECT s.edition_id, s.status, s.capacity_people, s.places_taken, "
                              "s.capacity_groups, s.groups_taken, s.day_date, s.starts_at, s.ends_at, "
                              "s.min_age, e.max_party_size, e.status, e.registration_opens_at, "
                              "e.registration_closes_at, s.site_id, t.name, t.address, t.postcode, "
                              "t.commune_name, t.department_code, (SELECT "
                           << StringAgg(DialectOf(sql), "a.audience", "','")
                           << " FROM session_audience a WHERE a.session_id = s.id), p.status FROM session s JOIN "
                              "edition e ON e.id = s.edition_id JOIN site t ON t.id = s.site_id LEFT JOIN "
                              "participation p ON p.edition_id = s.edition_id AND p.site_id = s.site_id WHERE "
                              "s.id = :id",
               soci::use(session_id), soci::into(session.edition_id), soci::into(session.status),
               soci::into(session.capacity_people), soci::into(session.places_taken),
               soci::into(session.capacity_groups), soci::into(session.groups_taken),
               soci::into(session.day_date), soci::into(session.starts_at), soci::into(session.ends_at),
               soci::into(min_age.value, min_age.ind), soci::into(session.max_party_size),
               soci::into(session.edition_status), soci::into(opens.value, opens.ind),
               soci::into(closes.value, closes.ind), soci::into(session.site_id),
               soci::into(session.site_name), soci::into(address.value, address.ind),
               soci::into(session.site_postcode), soci::into(session.site_commune),
               soci::into(session.site_department), soci::into(audiences.value, audiences.ind),
               soci::into(participation.value, participation.ind))),
          take((sql.prepare << "UPDATE session SET places_taken = places_taken + :p, groups_taken = "
                               "groups_taken + :g WHERE id = :id AND status = 'open' AND places_taken + :p2 "
                               "<= capacity_people AND groups_taken + :g2 <= capacity_groups",
                soci::use(people), soci::use(groups), soci::use(session_id), soci::use(people),
                soci::use(groups))),
          release((sql.prepare << "UPDATE session SET places_taken = places_taken - :p, groups_taken = "
                                  "groups_taken - :g WHERE id = :id",
                   soci::use(people), soci::use(groups), soci::use(session_id))),
          insert_booking(PrepareInsert(
              sql, DialectOf(sql) == Dialect::kPostgresql,
              "INSERT INTO booking (edition_id, session_id, kind, audience, user_id, group_request_id, people, "
              "status, ticket_code, idempotency_key, created_at) VALUES (:e, :s, :kind, :aud, :user, :req, "
              ":people, :status, :code, :key, :created)",
              inserted_id, soci::use(booking.edition_id), soci::use(booking.session_id), soci::use(kind),
              soci::use(booking_audience), use(user), use(request), soci::use(booking.people), soci::use(status),
              soci::use(booking.ticket_code), use(key), soci::use(booking.created_at))),
          find_user((sql.prepare << "SELECT email, display_name, locale FROM app_user WHERE id = :id AND "
                                    "deleted_at IS NULL",
                     soci::use(user_id), soci::into(contact.email), soci::into(contact.display_name),
                     soci::into(contact.locale))),
          user_has_booking((sql.prepare
                                << "SELECT count(*) FROM booking WHERE user_id = :u AND session_id = :s "
                                   "AND status = 'confirmed' AND kind = 'party'",
                            soci::use(user_id), soci::use(session_id), soci::into(count))),
          find_user_and_booking(
              (sql.prepare << "SELECT u.email, u.display_name, u.locale, (SELECT count(*) FROM booking b WHERE "
                              "b.user_id = :u AND b.session_id = :s AND b.status = 'confirmed' AND b.kind = "
                              "'party'), (SELECT count(*) FROM booking k WHERE k.idempotency_key = :k) FROM "
                              "(SELECT 1 AS one) x LEFT JOIN app_user u ON u.id = :id AND u.deleted_at IS NULL",
               soci::use(user_id), soci::use(session_id), use(key), soci::use(user_id),
               soci::into(contact.email, contact_ind), soci::into(contact.display_name, name_ind),
               soci::into(contact.locale, locale_ind), soci::into(count), soci::into(key_count))) {}
};

CapacityStore::CapacityStore(Database& db) : db_(db), st_(std::make_unique<Statements>(db.sql())) {}
CapacityStore::~CapacityStore() = default;

std::optional<SessionForBooking> CapacityStore::LoadSession(long long session_id) {
    auto& s = *st_;
    s.session_id = session_id;
    s.session = SessionForBooking{};
    if (!ExecuteOne(s.load_session)) return std::nullopt;
    SessionForBooking out = s.session;
    out.id = session_id;
    out.min_age = s.min_age.get();
    out.registration_opens_at = s.opens.ind == soci::i_ok ? s.opens.value : "";
    out.registration_closes_at = s.closes.ind == soci::i_ok ? s.closes.value : "";
    out.site_address = s.address.ind == soci::i_ok ? s.address.value : "";
    out.participation_status = s.participation.ind == soci::i_ok ? s.participation.value : "";
    std::string_view rest = s.audiences.ind == soci::i_ok ? std::string_view(s.audiences.value) : "";
    while (!rest.empty()) {
        const size_t comma = rest.find(',');
        if (auto a = domain::ParseAudience(rest.substr(0, comma))) out.audiences.push_back(*a);
        rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    }
    return out;
}

void CapacityStore::LockSessions(std::vector<long long> session_ids) {
    if (session_ids.empty() || db_.dialect() != Dialect::kPostgresql) return;
    std::sort(session_ids.begin(), session_ids.end());
    session_ids.erase(std::unique(session_ids.begin(), session_ids.end()), session_ids.end());
    const std::string list = IdList(session_ids);
    // The lock an UPDATE of places takes (not FOR UPDATE: that one would also block other
    // servers' booking inserts, whose foreign key check takes a KEY SHARE lock on the tour).
    soci::rowset<long long> locked =
        (db_.sql().prepare << "SELECT id FROM session WHERE id IN (" + list + ") ORDER BY id FOR NO KEY UPDATE");
    for (long long id : locked) (void)id;
}

bool CapacityStore::TryTakePlaces(long long session_id, int people, int groups) {
    auto& s = *st_;
    s.session_id = session_id;
    s.people = people;
    s.groups = groups;
    s.take.execute(true);
    return s.take.get_affected_rows() == 1;
}

bool CapacityStore::ApplyPlaces(long long session_id, int people, int groups) {
    const int taking = people > 0 || groups > 0 ? 1 : 0;
    soci::statement st =
        (db_.sql().prepare << "UPDATE session SET places_taken = places_taken + :p, groups_taken = groups_taken + :g "
                              "WHERE id = :id AND places_taken + :p2 BETWEEN 0 AND capacity_people AND groups_taken + "
                              ":g2 BETWEEN 0 AND capacity_groups AND (status = 'open' OR :taking = 0)",
         soci::use(people), soci::use(groups), soci::use(session_id), soci::use(people), soci::use(groups),
         soci::use(taking));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void CapacityStore::ReleasePlaces(long long session_id, int people, int groups) {
    auto& s = *st_;
    s.session_id = session_id;
    s.people = people;
    s.groups = groups;
    s.release.execute(true);
}

void CapacityStore::InsertBooking(domain::Booking& booking, const std::string& idempotency_key) {
    auto& s = *st_;
    s.booking = booking;
    s.kind = std::string(domain::ToCode(booking.kind));
    s.booking_audience = std::string(domain::ToCode(booking.audience));
    s.status = std::string(domain::ToCode(booking.status));
    s.user.set(booking.user_id);
    s.request.set(booking.group_request_id);
    s.key.set(idempotency_key);
    s.insert_booking.execute(true);
    booking.id = InsertedId(db_, "booking", s.inserted_id);
}

std::optional<domain::Booking> CapacityStore::FindBooking(long long id) {
    auto& q = db_.Prepared<BookingLookups>();
    q.id = id;
    return q.Run(q.by_id);
}

std::optional<domain::Booking> CapacityStore::FindBookingByKey(const std::string& idempotency_key) {
    if (idempotency_key.empty()) return std::nullopt;
    auto& q = db_.Prepared<BookingLookups>();
    q.key = idempotency_key;
    return q.Run(q.by_key);
}

std::optional<domain::Booking> CapacityStore::FindBookingByTicket(const std::string& ticket_code) {
    auto& q = db_.Prepared<BookingLookups>();
    q.code = ticket_code;
    return q.Run(q.by_ticket);
}

bool CapacityStore::UserHasBooking(long long session_id, long long user_id) {
    auto& s = *st_;
    s.session_id = session_id;
    s.user_id = user_id;
    ExecuteOne(s.user_has_booking);
    return s.count > 0;
}

bool CapacityStore::LockBooking(long long id) {
    if (db_.dialect() != Dialect::kPostgresql) return false;
    soci::indicator ind = soci::i_null;
    long long locked = 0;
    db_.sql() << "SELECT id FROM booking WHERE id = :id FOR NO KEY UPDATE", soci::use(id), soci::into(locked, ind);
    return db_.sql().got_data();
}

bool CapacityStore::MarkBookingCancelled(long long id, const std::string& at) {
    soci::statement st = (db_.sql().prepare << "UPDATE booking SET status = 'cancelled', cancelled_at = :at "
                                               "WHERE id = :id AND status = 'confirmed'",
                          soci::use(at), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

bool CapacityStore::ChangeBookingPeople(long long id, int from, int to) {
    soci::statement st = (db_.sql().prepare << "UPDATE booking SET people = :to "
                                               "WHERE id = :id AND status = 'confirmed' AND people = :from",
                          soci::use(to), soci::use(id), soci::use(from));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

namespace {

// The two counts of a booking's calendar event, read for every booking e-mail the outbox sends:
// prepared once per connection.
struct RevisionCounts {
    long long booking_id = 0, email_id = 0, count = 0;  // COUNT is a bigint on PostgreSQL
    soci::statement changes, later_change_emails;
    explicit RevisionCounts(soci::session& sql)
        : changes((sql.prepare << "SELECT COUNT(*) FROM audit_log WHERE entity = 'booking' AND entity_id = :id "
                                  "AND action IN ('booking.change_people', 'booking.tour_moved', 'booking.cancel')",
                   soci::use(booking_id), soci::into(count))),
          later_change_emails((sql.prepare << "SELECT COUNT(*) FROM email_outbox WHERE booking_id = :b AND id > :e "
                                              "AND kind IN ('booking.changed', 'booking.cancelled')",
                               soci::use(booking_id), soci::use(email_id), soci::into(count))) {}
};

}  // namespace

int CapacityStore::BookingRevision(long long id) {
    auto& q = db_.Prepared<RevisionCounts>();
    q.booking_id = id;
    return ExecuteCount(q.changes, q.count);
}

int CapacityStore::ChangeEmailsAfter(long long booking_id, long long email_id) {
    auto& q = db_.Prepared<RevisionCounts>();
    q.booking_id = booking_id;
    q.email_id = email_id;
    return ExecuteCount(q.later_change_emails, q.count);
}

void CapacityStore::InsertWaitlistEntry(domain::WaitlistEntry& entry, domain::Audience audience,
                                        const std::string& leave_token) {
    Nullable<long long> user, request;
    user.set(entry.user_id);
    request.set(entry.group_request_id);
    NullableText token;  // NULL: no token stored, the leave link is signed (booking/manage_link.h)
    token.set(leave_token);
    std::string aud(domain::ToCode(audience)), status(domain::ToCode(entry.status));
    long long id = 0;
    db_.sql()
        << "INSERT INTO waitlist_entry (session_id, user_id, group_request_id, people, status, "
           "leave_token, created_at, audience) VALUES (:s, :u, :r, :p, :st, :tok, :at, :aud) RETURNING id",
        soci::use(entry.session_id), use(user), use(request), soci::use(entry.people), soci::use(status),
        use(token), soci::use(entry.created_at), soci::use(aud), soci::into(id);
    entry.id = id;
}

std::optional<CapacityStore::WaitlistRow> CapacityStore::FindWaitlistEntry(long long id) {
    soci::rowset<soci::row> rows =
        (db_.sql().prepare << "SELECT " << kWaitlistColumns << " FROM waitlist_entry WHERE id = :id",
         soci::use(id));
    std::optional<WaitlistRow> found;  // read to the end (see OneBooking)
    for (const auto& r : rows)
        if (!found) found = WaitlistFromRow(r);
    return found;
}

std::optional<CapacityStore::WaitlistRow> CapacityStore::FindWaitlistEntryByToken(const std::string& token) {
    auto rows = WaitlistRows(db_, "leave_token = :t", token);
    if (rows.empty()) return std::nullopt;
    return rows.front();
}

std::vector<CapacityStore::WaitlistRow> CapacityStore::WaitingEntries(long long session_id) {
    std::vector<WaitlistRow> out;
    soci::rowset<soci::row> rows =
        (db_.sql().prepare << "SELECT " << kWaitlistColumns
                           << " FROM waitlist_entry WHERE session_id = :s AND status = 'waiting' ORDER BY id",
         soci::use(session_id));
    for (const auto& r : rows) out.push_back(WaitlistFromRow(r));
    return out;
}

std::vector<CapacityStore::WaitlistRow> CapacityStore::ExpiredOffers(const std::string& now) {
    return WaitlistRows(db_, "status = 'offered' AND offer_expires_at < :now ORDER BY id", now);
}

bool CapacityStore::UserIsWaiting(long long session_id, long long user_id) {
    int n = 0;
    db_.sql() << "SELECT count(*) FROM waitlist_entry WHERE session_id = :s AND user_id = :u AND status IN "
                 "('waiting', 'offered')",
        soci::use(session_id), soci::use(user_id), soci::into(n);
    return n > 0;
}

bool CapacityStore::ChangeWaitlistStatus(long long id, domain::WaitlistStatus from, domain::WaitlistStatus to,
                                         const std::string& offer_expires_at,
                                         std::optional<long long> booking_id) {
    std::string from_code(domain::ToCode(from)), to_code(domain::ToCode(to));
    NullableText expires;
    expires.set(offer_expires_at);
    Nullable<long long> booking;
    booking.set(booking_id);
    soci::statement st =
        (db_.sql().prepare << "UPDATE waitlist_entry SET status = :to, offer_expires_at = :exp, booking_id = :b "
                              "WHERE id = :id AND status = :from",
         soci::use(to_code), use(expires), use(booking), soci::use(id), soci::use(from_code));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

long long CapacityStore::InsertCheckIn(long long booking_id, int attended, const std::string& at,
                                       std::optional<long long> by_user) {
    Nullable<long long> by;
    by.set(by_user);
    long long id = 0;
    db_.sql() << "INSERT INTO check_in (booking_id, attended, checked_in_at, checked_in_by) VALUES (:b, :n, "
                 ":at, :by) RETURNING id",
        soci::use(booking_id), soci::use(attended), soci::use(at), use(by), soci::into(id);
    return id;
}

long long CapacityStore::InsertOfflineCheckIn(long long booking_id, int attended, const std::string& at,
                                              std::optional<long long> by_user, const std::string& nonce,
                                              const std::string& scanned_at) {
    Nullable<long long> by;
    by.set(by_user);
    long long id = 0;
    db_.sql() << "INSERT INTO check_in (booking_id, attended, checked_in_at, checked_in_by, offline, "
                 "scanned_at) VALUES (:b, :n, :at, :by, 1, :s) RETURNING id",
        soci::use(booking_id), soci::use(attended), soci::use(at), use(by), soci::use(scanned_at),
        soci::into(id);
    db_.sql() << "INSERT INTO check_in_scan (nonce, booking_id, attended, scanned_at, received_at, "
                 "scanned_by) VALUES (:nonce, :b, :n, :s, :at, :by)",
        soci::use(nonce), soci::use(booking_id), soci::use(attended), soci::use(scanned_at), soci::use(at),
        use(by);
    return id;
}

std::optional<CapacityStore::AppliedScan> CapacityStore::FindAppliedScan(const std::string& nonce) {
    AppliedScan scan;
    soci::indicator ind = soci::i_null;
    db_.sql() << "SELECT booking_id, attended FROM check_in_scan WHERE nonce = :nonce", soci::use(nonce),
        soci::into(scan.booking_id, ind), soci::into(scan.attended);
    if (ind != soci::i_ok) return std::nullopt;
    return scan;
}

bool CapacityStore::HasCheckIn(long long booking_id) {
    int n = 0;
    db_.sql() << "SELECT count(*) FROM check_in WHERE booking_id = :b", soci::use(booking_id), soci::into(n);
    return n > 0;
}

std::optional<int> CapacityStore::DeleteCheckIn(long long booking_id) {
    // A conditional write on what is there: the row read and deleted by its booking, both under
    // the booking's lock the caller holds.
    int attended = 0;
    soci::indicator ind = soci::i_null;
    db_.sql() << "SELECT attended FROM check_in WHERE booking_id = :b", soci::use(booking_id), soci::into(attended, ind);
    if (ind != soci::i_ok) return std::nullopt;
    soci::statement st = (db_.sql().prepare << "DELETE FROM check_in WHERE booking_id = :b", soci::use(booking_id));
    st.execute(true);
    if (st.get_affected_rows() != 1) return std::nullopt;
    return attended;
}

std::vector<CapacityStore::DueReminder> CapacityStore::DueReminders(const std::string& day, int limit) {
    std::vector<DueReminder> out;
    soci::rowset<soci::row> rows =
        (db_.sql().prepare << "SELECT b.id, b.session_id, b.people, b.ticket_code, b.kind, u.id, u.email, "
                              "u.display_name, u.locale FROM session s JOIN booking b ON b.session_id = s.id JOIN "
                              "app_user u ON u.id = b.user_id WHERE s.day_date = :day AND s.status = 'open' AND "
                              "b.status = 'confirmed' AND b.reminded_at IS NULL AND u.deleted_at IS NULL AND " +
                                 NotOptedOutSql("u.email", "reminder") +  // issue 20: List-Unsubscribe
                                 " ORDER BY b.id LIMIT :n",
         soci::use(day), soci::use(limit));
    for (const auto& r : rows) {
        DueReminder d;
        d.booking.id = RowInt(r, 0);
        d.booking.session_id = RowInt(r, 1);
        d.booking.people = static_cast<int>(RowInt(r, 2));
        d.booking.ticket_code = r.get<std::string>(3);
        d.booking.kind = domain::ParseBookingKind(r.get<std::string>(4)).value_or(domain::BookingKind::kParty);
        d.to.id = RowInt(r, 5);
        d.to.email = r.get<std::string>(6);
        d.to.display_name = r.get<std::string>(7);
        d.to.locale = r.get<std::string>(8);
        d.booking.user_id = d.to.id;
        out.push_back(std::move(d));
    }
    return out;
}

bool CapacityStore::MarkReminded(long long booking_id, const std::string& at) {
    soci::statement st = (db_.sql().prepare << "UPDATE booking SET reminded_at = :at WHERE id = :id AND "
                                               "reminded_at IS NULL",
                          soci::use(at), soci::use(booking_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::string CapacityStore::SessionMinLevel(long long session_id) {
    NullableText level;
    db_.sql() << "SELECT min_level FROM session WHERE id = :id", soci::into(level.value, level.ind),
        soci::use(session_id);
    return level.ind == soci::i_ok ? level.value : std::string();
}

std::optional<UserContact> CapacityStore::FindUserAndBooking(long long user_id, long long session_id,
                                                              const std::string& idempotency_key,
                                                              bool* has_booking, bool* key_used) {
    auto& s = *st_;
    s.user_id = user_id;
    s.session_id = session_id;
    s.key.set(idempotency_key);
    s.count = 0;
    s.key_count = 0;
    ExecuteOne(s.find_user_and_booking);  // always one row
    *has_booking = s.count > 0;
    *key_used = s.key_count > 0;
    if (s.contact_ind != soci::i_ok) return std::nullopt;
    UserContact c = s.contact;
    c.id = user_id;
    return c;
}

std::vector<long long> CapacityStore::ReserveBookingIds(int n) {
    if (db_.dialect() != Dialect::kPostgresql)
        throw std::logic_error("ReserveBookingIds: PostgreSQL only (SQLite has no sequence to draw from)");
    std::vector<long long> ids;
    ids.reserve(static_cast<size_t>(std::max(0, n)));
    soci::rowset<long long> drawn = (db_.sql().prepare << "SELECT nextval(pg_get_serial_sequence('booking', 'id')) "
                                                         "FROM generate_series(1, :n)",
                                     soci::use(n));
    for (long long id : drawn) ids.push_back(id);
    return ids;
}

void CapacityStore::DeferBooking(const domain::Booking& b, const std::string& idempotency_key) {
    st_->deferred.Add({RowsInsert::Int(b.id), RowsInsert::Int(b.edition_id), RowsInsert::Int(b.session_id),
                       RowsInsert::Text(std::string(domain::ToCode(b.kind))),
                       RowsInsert::Text(std::string(domain::ToCode(b.audience))), RowsInsert::Int(b.user_id),
                       RowsInsert::Int(b.group_request_id), RowsInsert::Int(b.people),
                       RowsInsert::Text(std::string(domain::ToCode(b.status))), RowsInsert::Text(b.ticket_code),
                       RowsInsert::TextOrNull(idempotency_key), RowsInsert::Text(b.created_at)});
}

void CapacityStore::ForgetDeferredBookings(size_t keep) { st_->deferred.Truncate(keep); }
void CapacityStore::WriteDeferredBookings() { st_->deferred.Write(db_.sql()); }

std::optional<UserContact> CapacityStore::FindUser(long long user_id) {
    auto& s = *st_;
    s.user_id = user_id;
    if (!ExecuteOne(s.find_user)) return std::nullopt;
    UserContact c = s.contact;
    c.id = user_id;
    return c;
}

}  // namespace juo::store
