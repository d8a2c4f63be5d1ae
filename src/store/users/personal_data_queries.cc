// A person's data: export reads, the erasure's plan and the erasure (personal_data_queries.h).
#include "store/users/personal_data_queries.h"

#include "domain/session.h"
#include "store/db/binding.h"
#include "store/users/user_change_audit.h"

namespace juo::store {
namespace {

std::string Text(const soci::row& r, std::size_t i) {
    return r.get_indicator(i) == soci::i_ok ? r.get<std::string>(i) : std::string();
}
std::optional<std::string> OptText(const soci::row& r, std::size_t i) {
    if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
    return r.get<std::string>(i);
}
std::optional<long long> OptInt(const soci::row& r, std::size_t i) {
    if (r.get_indicator(i) != soci::i_ok) return std::nullopt;
    return RowInt(r, i);
}
int Int(const soci::row& r, std::size_t i) { return static_cast<int>(RowInt(r, i)); }

void LoadAccount(Database& db, long long user_id, std::optional<PersonalData>& out) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT u.id, u.email, u.display_name, u.locale, u.created_at, u.email_confirmed_at, "
                             "sc.name, o.name, CASE WHEN u.password_hash IS NULL THEN 0 ELSE 1 END FROM app_user u "
                             "LEFT JOIN school sc ON sc.id = u.school_id LEFT JOIN organisation o ON o.id = "
                             "u.organisation_id WHERE u.id = :u AND u.deleted_at IS NULL",
         soci::use(user_id));
    for (const auto& r : rows) {
        out.emplace();
        auto& a = out->account;
        a.id = RowInt(r, 0);
        a.email = r.get<std::string>(1);
        a.display_name = r.get<std::string>(2);
        a.locale = r.get<std::string>(3);
        a.created_at = r.get<std::string>(4);
        a.email_confirmed_at = OptText(r, 5);
        a.school = OptText(r, 6);
        a.organisation = OptText(r, 7);
        a.has_password = RowInt(r, 8) != 0;
    }
}

// A live user's roles, and whether another live organiser exists.
bool IsLastOrganiser(Database& db, long long user_id) {
    long long mine = 0, others = 0;
    db.sql() << "SELECT count(*) FROM user_role WHERE user_id = :u AND role = 'organiser'", soci::use(user_id),
        soci::into(mine);
    if (mine == 0) return false;
    db.sql() << "SELECT count(*) FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE r.role = "
                "'organiser' AND r.user_id <> :u AND u.deleted_at IS NULL",
        soci::use(user_id), soci::into(others);
    return others == 0;
}

bool IsLive(Database& db, long long user_id) {
    long long n = 0;
    db.sql() << "SELECT count(*) FROM app_user WHERE id = :u AND deleted_at IS NULL", soci::use(user_id),
        soci::into(n);
    return n > 0;
}

// Confirmed bookings of the user whose tour has not started at `now` and that nobody checked in.
std::vector<long long> FutureBookings(Database& db, long long user_id, const std::string& now) {
    std::vector<long long> ids;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT b.id, s.day_date, s.starts_at FROM booking b JOIN session s ON s.id = "
                             "b.session_id LEFT JOIN check_in c ON c.booking_id = b.id WHERE b.user_id = :u AND "
                             "b.status = 'confirmed' AND c.id IS NULL ORDER BY b.id",
         soci::use(user_id));
    for (const auto& r : rows)
        if (!domain::HasStarted(r.get<std::string>(1), r.get<std::string>(2), now)) ids.push_back(RowInt(r, 0));
    return ids;
}

std::vector<long long> LiveWaitlist(Database& db, long long user_id) {
    std::vector<long long> ids;
    soci::rowset<soci::row> rows = (db.sql().prepare << "SELECT id FROM waitlist_entry WHERE user_id = :u AND "
                                                        "status IN ('waiting', 'offered') ORDER BY id",
                                    soci::use(user_id));
    for (const auto& r : rows) ids.push_back(RowInt(r, 0));
    return ids;
}

}  // namespace

std::string ErasedEmail(long long user_id) {
    return "compte-supprime-" + std::to_string(user_id) + "@juo.invalid";
}

std::optional<PersonalData> LoadPersonalData(Database& db, long long user_id) {
    std::optional<PersonalData> out;
    LoadAccount(db, user_id, out);
    if (!out) return out;
    PersonalData& d = *out;
    {
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT r.role, r.department_code, r.site_id, s.name FROM user_role r LEFT JOIN "
                                 "site s ON s.id = r.site_id WHERE r.user_id = :u ORDER BY r.id",
             soci::use(user_id));
        for (const auto& r : rows)
            d.roles.push_back({r.get<std::string>(0), OptText(r, 1), OptInt(r, 2), OptText(r, 3)});
    }
    {
        soci::rowset<soci::row> rows =
            (db.sql().prepare
                 << "SELECT b.id, e.year, b.kind, b.audience, b.status, b.ticket_code, b.created_at, "
                    "b.cancelled_at, b.reminded_at, b.people, b.session_id, s.site_id, t.name, t.commune_name, "
                    "s.day_date, s.starts_at, s.ends_at, c.attended, c.checked_in_at FROM booking b JOIN edition e "
                    "ON e.id = b.edition_id JOIN session s ON s.id = b.session_id JOIN site t ON t.id = s.site_id "
                    "LEFT JOIN check_in c ON c.booking_id = b.id WHERE b.user_id = :u ORDER BY b.id DESC",
             soci::use(user_id));
        for (const auto& r : rows) {
            PersonalData::Booking b;
            b.id = RowInt(r, 0);
            b.edition_year = Int(r, 1);
            b.kind = r.get<std::string>(2);
            b.audience = r.get<std::string>(3);
            b.status = r.get<std::string>(4);
            b.ticket_code = r.get<std::string>(5);
            b.created_at = r.get<std::string>(6);
            b.cancelled_at = OptText(r, 7);
            b.reminded_at = OptText(r, 8);
            b.people = Int(r, 9);
            b.session_id = RowInt(r, 10);
            b.site_id = RowInt(r, 11);
            b.site_name = r.get<std::string>(12);
            b.commune = r.get<std::string>(13);
            b.day_date = r.get<std::string>(14);
            b.starts_at = r.get<std::string>(15);
            b.ends_at = r.get<std::string>(16);
            if (auto a = OptInt(r, 17)) b.attended = static_cast<int>(*a);
            b.checked_in_at = OptText(r, 18);
            d.bookings.push_back(std::move(b));
        }
    }
    {
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT w.id, w.session_id, t.name, s.day_date, s.starts_at, w.status, "
                                 "w.created_at, w.people, w.offer_expires_at FROM waitlist_entry w JOIN session s "
                                 "ON s.id = w.session_id JOIN site t ON t.id = s.site_id WHERE w.user_id = :u "
                                 "ORDER BY w.id DESC",
             soci::use(user_id));
        for (const auto& r : rows)
            d.waitlist.push_back({RowInt(r, 0), RowInt(r, 1), r.get<std::string>(2), r.get<std::string>(3),
                                  r.get<std::string>(4), r.get<std::string>(5), r.get<std::string>(6), Int(r, 7),
                                  OptText(r, 8)});
    }
    {
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT g.id, e.year, sc.name, g.audience, g.level, g.department_code, g.status, "
                                 "g.submitted_at, g.pupils, g.adults, g.bus_needed, g.message, g.decided_at FROM "
                                 "group_request g JOIN edition e ON e.id = g.edition_id LEFT JOIN school sc ON "
                                 "sc.id = g.school_id WHERE g.requester_user_id = :u ORDER BY g.id DESC",
             soci::use(user_id));
        for (const auto& r : rows) {
            PersonalData::GroupRequest g;
            g.id = RowInt(r, 0);
            g.edition_year = Int(r, 1);
            g.school = OptText(r, 2);
            g.audience = r.get<std::string>(3);
            g.level = r.get<std::string>(4);
            g.department_code = r.get<std::string>(5);
            g.status = r.get<std::string>(6);
            g.submitted_at = r.get<std::string>(7);
            g.pupils = Int(r, 8);
            g.adults = Int(r, 9);
            g.bus_needed = RowInt(r, 10) != 0;
            g.message = OptText(r, 11);
            g.decided_at = OptText(r, 12);
            d.group_requests.push_back(std::move(g));
        }
    }
    {
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT sr.id, sv.title, sr.submitted_at, q.text_fr, a.rating, a.yes_no, "
                                 "a.text_value FROM survey_response sr JOIN survey sv ON sv.id = sr.survey_id JOIN "
                                 "survey_answer a ON a.response_id = sr.id JOIN survey_question q ON q.id = "
                                 "a.question_id WHERE sr.user_id = :u ORDER BY sr.id, q.position",
             soci::use(user_id));
        for (const auto& r : rows) {
            PersonalData::SurveyAnswer a;
            a.response_id = RowInt(r, 0);
            a.survey_title = r.get<std::string>(1);
            a.submitted_at = r.get<std::string>(2);
            a.question = r.get<std::string>(3);
            if (auto v = OptInt(r, 4)) a.rating = static_cast<int>(*v);
            if (auto v = OptInt(r, 5)) a.yes_no = *v != 0;
            a.text = OptText(r, 6);
            d.survey_answers.push_back(std::move(a));
        }
    }
    {
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT created_at, last_seen_at, expires_at, user_agent FROM auth_session WHERE "
                                 "user_id = :u ORDER BY id",
             soci::use(user_id));
        for (const auto& r : rows)
            d.sessions.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2), OptText(r, 3)});
    }
    {
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT id, at, actor_label, action, entity, entity_id, detail, CASE WHEN "
                                 "actor_user_id = :u THEN 1 ELSE 0 END FROM audit_log WHERE actor_user_id = :u2 OR "
                                 "(entity = 'app_user' AND entity_id = :u3) OR (entity = 'user' AND entity_id = :u4) "
                                 "ORDER BY id DESC",
             soci::use(user_id, "u"), soci::use(user_id, "u2"), soci::use(user_id, "u3"), soci::use(user_id, "u4"));
        for (const auto& r : rows)
            d.audit.push_back({RowInt(r, 0), r.get<std::string>(1), r.get<std::string>(2), r.get<std::string>(3),
                               r.get<std::string>(4), OptInt(r, 5), OptText(r, 6), RowInt(r, 7) != 0});
    }
    {
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT created_at, kind, subject, status, sent_at FROM email_outbox WHERE "
                                 "to_address = :e ORDER BY id DESC",
             soci::use(d.account.email));
        for (const auto& r : rows)
            d.emails.push_back({r.get<std::string>(0), r.get<std::string>(1), r.get<std::string>(2),
                                r.get<std::string>(3), OptText(r, 4)});
    }
    {
        soci::rowset<soci::row> rows =
            (db.sql().prepare << "SELECT list, created_at FROM mail_opt_out WHERE address = lower(:e) ORDER BY list",
             soci::use(d.account.email));
        for (const auto& r : rows) d.mail_opt_outs.push_back({r.get<std::string>(0), r.get<std::string>(1)});
    }
    return out;
}

ErasePlan PlanErase(Database& db, long long user_id, const std::string& now) {
    ErasePlan plan;
    plan.found = IsLive(db, user_id);
    if (!plan.found) return plan;
    plan.last_organiser = IsLastOrganiser(db, user_id);
    plan.future_bookings = FutureBookings(db, user_id, now);
    plan.live_waitlist = LiveWaitlist(db, user_id);
    return plan;
}

AnonymisedRows AnonymiseAccountRows(Database& db, long long user_id, const std::string& email,
                                    const std::string& now) {
    AnonymisedRows out;
    auto run = [&](soci::statement&& st) {
        st.execute(true);
        return static_cast<long long>(st.get_affected_rows());
    };
    const std::string placeholder = ErasedEmail(user_id);
    // The e-mails already sent or failed: no address, no body. Pending ones (the cancellation
    // notices the engine's step just queued) go out first; the retention purge clears them.
    out.emails_cleared = run((db.sql().prepare << "UPDATE email_outbox SET to_address = :p, body_text = '' WHERE "
                                                  "to_address = :e AND status <> 'pending'",
                              soci::use(placeholder), soci::use(email)));
    // The audit log stays (who did what, when), without the address.
    db.sql() << "UPDATE audit_log SET actor_label = replace(actor_label, :e, :p), detail = replace(detail, :e2, "
                ":p2) WHERE actor_label LIKE '%@%' OR detail LIKE '%@%'",
        soci::use(email, "e"), soci::use(placeholder, "p"), soci::use(email, "e2"), soci::use(placeholder, "p2");
    // The lists the address left (ADR 0014): with the address gone, nothing is mailed to it.
    db.sql() << "DELETE FROM mail_opt_out WHERE address = lower(:e)", soci::use(email);
    const std::string failure_key = "e:" + email;
    db.sql() << "DELETE FROM login_failure WHERE limit_key = :k", soci::use(failure_key);
    // Past bookings stay (the bilan counts them), tied to the anonymous account; no idempotency key.
    db.sql() << "UPDATE booking SET idempotency_key = NULL WHERE user_id = :u", soci::use(user_id);
    db.sql() << "SELECT count(*) FROM booking WHERE user_id = :u", soci::use(user_id), soci::into(out.bookings_kept);
    db.sql() << "DELETE FROM waitlist_entry WHERE user_id = :u AND status NOT IN ('waiting', 'offered')",
        soci::use(user_id);
    // Group requests keep their figures (pupils, adults, school, placement); the message goes.
    out.messages_cleared = run((db.sql().prepare << "UPDATE group_request SET message = NULL WHERE "
                                                    "requester_user_id = :u AND message IS NOT NULL",
                                soci::use(user_id)));
    db.sql() << "SELECT count(*) FROM group_request WHERE requester_user_id = :u", soci::use(user_id),
        soci::into(out.group_requests_kept);
    // Survey answers keep their ratings and yes/no (the bilan counts them), not free text.
    out.survey_texts_cleared = run((db.sql().prepare << "UPDATE survey_answer SET text_value = NULL WHERE "
                                                        "text_value IS NOT NULL AND response_id IN (SELECT id FROM "
                                                        "survey_response WHERE user_id = :u)",
                                    soci::use(user_id)));
    db.sql() << "UPDATE survey_response SET respondent_label = NULL WHERE user_id = :u", soci::use(user_id);
    out.sessions_deleted = run((db.sql().prepare << "DELETE FROM auth_session WHERE user_id = :u", soci::use(user_id)));
    out.tokens_deleted = run((db.sql().prepare << "DELETE FROM auth_token WHERE user_id = :u", soci::use(user_id)));
    db.sql() << "DELETE FROM user_role WHERE user_id = :u", soci::use(user_id);
    db.sql() << "DELETE FROM host_notice WHERE user_id = :u", soci::use(user_id);  // a host's held e-mails (issue 19)
    const std::string name = "Compte supprimé";
    db.sql() << "UPDATE app_user SET email = :p, display_name = :n, password_hash = NULL, email_confirmed_at "
                "= NULL, school_id = NULL, organisation_id = NULL, locale = 'fr', host_mail_digest = 0, deleted_at = :now "
                "WHERE id = :u",
        soci::use(placeholder, "p"), soci::use(name, "n"), soci::use(now, "now"), soci::use(user_id, "u");
    return out;
}

Result<ErasedAccount> EraseAccount(Database& db, long long user_id, long long actor_user_id,
                                   const std::string& now) {
    return db.InTransaction<ErasedAccount>([&]() -> Result<ErasedAccount> {
        std::string email;
        soci::indicator ind = soci::i_null;
        db.sql() << "SELECT email FROM app_user WHERE id = :u AND deleted_at IS NULL", soci::use(user_id),
            soci::into(email, ind);
        if (ind != soci::i_ok)
            return MakeError(ErrorCode::kNotFound, "no user " + std::to_string(user_id),
                             "aucun utilisateur n°" + std::to_string(user_id));
        if (IsLastOrganiser(db, user_id))
            return MakeError(ErrorCode::kConflict,
                             "the last organiser's account cannot be erased: make someone else organiser first",
                             "le compte du dernier organisateur ne peut pas être supprimé : nommez d'abord un "
                             "autre organisateur");
        // The engine's step comes first (docs/adr/0015); a booking made since then must go the same way.
        if (!FutureBookings(db, user_id, now).empty() || !LiveWaitlist(db, user_id).empty())
            return MakeError(ErrorCode::kConflict, "a booking was made meanwhile: try again",
                             "une réservation vient d'être faite : réessayez");
        ErasedAccount out;
        out.user_id = user_id;
        const AnonymisedRows rows = AnonymiseAccountRows(db, user_id, email, now);
        out.bookings_kept = rows.bookings_kept;
        out.sessions_deleted = rows.sessions_deleted;
        out.group_requests_kept = rows.group_requests_kept;
        AuditUserChange(db, actor_user_id, "user.erase", "app_user", user_id,
                        actor_user_id == user_id ? "erased by the person"
                                                 : "erased on request by organiser " + std::to_string(actor_user_id));
        return out;
    });
}

}  // namespace juo::store
