// E-mail outbox persistence.
#include "store/mail/outbox.h"

#include <algorithm>

#include "common/clock.h"
#include "store/db/binding.h"
#include "store/db/dialect.h"
#include "store/db/rows_insert.h"

namespace juo::store {

struct OutboxWriter::Statement {
    OutgoingEmail row;
    Nullable<long long> booking;
    long long id = 0;
    soci::statement insert;
    RowsInsert deferred{"email_outbox", {"created_at", "kind", "to_address", "subject", "body_text", "booking_id",
                                         "status", "attempts", "next_attempt_at"}};
    explicit Statement(soci::session& sql)
        : insert(PrepareInsert(sql, DialectOf(sql) == Dialect::kPostgresql,
                               "INSERT INTO email_outbox (created_at, kind, to_address, subject, body_text, "
                               "booking_id, status, attempts, next_attempt_at) VALUES (:at, :kind, :to, "
                               ":subject, :body, :booking, 'pending', 0, :next)",
                               id, soci::use(row.created_at), soci::use(row.kind), soci::use(row.to_address),
                               soci::use(row.subject), soci::use(row.body_text), use(booking),
                               soci::use(row.created_at))) {}
};

OutboxWriter::OutboxWriter(Database& db) : db_(db), st_(std::make_unique<Statement>(db.sql())) {}
OutboxWriter::~OutboxWriter() = default;

void OutboxWriter::Enqueue(OutgoingEmail& email) {
    if (email.created_at.empty()) email.created_at = NowUtcIso();
    st_->row = email;
    st_->booking.set(email.booking_id);
    st_->insert.execute(true);
    email.id = InsertedId(db_, "email_outbox", st_->id);
}

void OutboxWriter::Defer(const OutgoingEmail& email) {
    const std::string at = email.created_at.empty() ? NowUtcIso() : email.created_at;
    st_->deferred.Add({RowsInsert::Text(at), RowsInsert::Text(email.kind), RowsInsert::Text(email.to_address),
                       RowsInsert::Text(email.subject), RowsInsert::Text(email.body_text),
                       RowsInsert::Int(email.booking_id), RowsInsert::Text("pending"), RowsInsert::Int(0),
                       RowsInsert::Text(at)});
}

size_t OutboxWriter::deferred() const { return st_->deferred.size(); }
void OutboxWriter::ForgetDeferred(size_t keep) { st_->deferred.Truncate(keep); }
void OutboxWriter::WriteDeferred() { st_->deferred.Write(db_.sql()); }

std::vector<OutgoingEmail> ClaimDueEmails(Database& db, const std::string& now, const std::string& lease_until,
                                          int limit) {
    std::vector<OutgoingEmail> out;
    // The due messages in the order they fell due (index email_outbox_pending: the claim reads
    // its batch and stops, however many wait). The outer conditions are checked again on the row
    // as committed: on PostgreSQL a row that another sender claimed while this statement waited
    // for it is no longer due, so it is skipped rather than claimed twice.
    soci::rowset<soci::row> rows =
        (db.sql().prepare
             << "UPDATE email_outbox SET next_attempt_at = :lease WHERE status = 'pending' AND next_attempt_at "
                "<= :now AND id IN (SELECT id FROM email_outbox WHERE status = 'pending' AND next_attempt_at "
                "<= :now2 ORDER BY next_attempt_at, id LIMIT :n"
             << SkipLockedRows(db.dialect())
             << ") RETURNING id, created_at, kind, to_address, subject, body_text, booking_id, attempts",
         soci::use(lease_until), soci::use(now), soci::use(now), soci::use(limit));
    for (const auto& r : rows) {
        OutgoingEmail e;
        e.id = RowInt(r, 0);
        e.created_at = r.get<std::string>(1);
        e.kind = r.get<std::string>(2);
        e.to_address = r.get<std::string>(3);
        e.subject = r.get<std::string>(4);
        e.body_text = r.get<std::string>(5);
        if (r.get_indicator(6) == soci::i_ok) e.booking_id = RowInt(r, 6);
        e.attempts = static_cast<int>(RowInt(r, 7));
        out.push_back(std::move(e));
    }
    std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
    return out;
}

void ReleaseEmail(Database& db, long long id, const std::string& at) {
    db.sql() << "UPDATE email_outbox SET next_attempt_at = :at WHERE id = :id AND status = 'pending'",
        soci::use(at), soci::use(id);
}

void MarkEmailsSent(Database& db, const std::vector<long long>& ids, const std::string& at) {
    if (ids.empty()) return;
    db.sql() << "UPDATE email_outbox SET status = 'sent', sent_at = :at, attempts = attempts + 1 WHERE id IN (" +
                    IdList(ids) + ")",
        soci::use(at);
}

void ClearSentEmailBodies(Database& db, const std::vector<long long>& ids) {
    if (ids.empty()) return;
    db.sql() << "UPDATE email_outbox SET body_text = '' WHERE status <> 'pending' AND id IN (" + IdList(ids) + ")";
}

void MarkEmailFailed(Database& db, long long id, int attempts, const std::string& next_attempt_at,
                     const std::string& error, bool give_up) {
    std::string status = give_up ? "failed" : "pending";
    db.sql()
        << "UPDATE email_outbox SET status = :st, attempts = :a, next_attempt_at = :next, last_error = :err "
           "WHERE id = :id",
        soci::use(status), soci::use(attempts), soci::use(next_attempt_at), soci::use(error), soci::use(id);
}

std::string MailToken(Database& db, const std::string& candidate, const std::string& now) {
    db.sql() << "INSERT INTO mail_identity (id, token, created_at) VALUES (1, :t, :at) "
                "ON CONFLICT (id) DO NOTHING",
        soci::use(candidate), soci::use(now);
    std::string token;
    db.sql() << "SELECT token FROM mail_identity WHERE id = 1", soci::into(token);
    return token;
}

long long CountEmails(Database& db, const std::string& status) {
    long long n = 0;
    db.sql() << "SELECT count(*) FROM email_outbox WHERE status = :st", soci::use(status), soci::into(n);
    return n;
}

namespace {

constexpr const char* kMessageColumns =
    "SELECT id, created_at, kind, to_address, subject, body_text, booking_id, attempts, status, sent_at "
    "FROM email_outbox";

OutboxMessage MessageOf(const soci::row& r) {
    OutboxMessage m;
    m.email.id = RowInt(r, 0);
    m.email.created_at = r.get<std::string>(1);
    m.email.kind = r.get<std::string>(2);
    m.email.to_address = r.get<std::string>(3);
    m.email.subject = r.get<std::string>(4);
    m.email.body_text = r.get<std::string>(5);
    if (r.get_indicator(6) == soci::i_ok) m.email.booking_id = RowInt(r, 6);
    m.email.attempts = static_cast<int>(RowInt(r, 7));
    m.status = r.get<std::string>(8);
    if (r.get_indicator(9) == soci::i_ok) m.sent_at = r.get<std::string>(9);
    return m;
}

}  // namespace

std::vector<OutboxMessage> ListLatestEmails(Database& db, int limit, int offset) {
    std::vector<OutboxMessage> out;
    soci::rowset<soci::row> rows = (db.sql().prepare << std::string(kMessageColumns) +
                                                            " ORDER BY id DESC LIMIT :n OFFSET :o",
                                    soci::use(limit), soci::use(offset));
    for (const auto& r : rows) out.push_back(MessageOf(r));
    return out;
}

std::optional<OutboxMessage> FindEmail(Database& db, long long id) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string(kMessageColumns) + " WHERE id = :id", soci::use(id));
    for (const auto& r : rows) return MessageOf(r);
    return std::nullopt;
}

}  // namespace juo::store
