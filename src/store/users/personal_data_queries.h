// A person's data in the store (issue 21, docs/adr/0015): everything stored about one account,
// read for its export (the right of access), what its erasure must first hand to the booking
// engine (the future bookings to cancel, the live waiting-list entries to leave), and the erasure
// itself — one transaction that anonymises the account and what refers to it, so that the
// bilan's figures stay the same.
//
// The reads throw soci::soci_error; EraseAccount runs its own transaction and returns its Error.
// Thread-safety: a Database is single-threaded.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "store/db/database.h"

namespace juo::store {

// Every row about the person, as plain text and numbers (the web layer writes them as JSON).
struct PersonalData {
    struct Account {
        long long id = 0;
        std::string email, display_name, locale, created_at;
        std::optional<std::string> email_confirmed_at;
        std::optional<std::string> school, organisation;  // their names
        bool has_password = false;                        // the hash itself is never exported
    } account;
    struct Role {
        std::string role;
        std::optional<std::string> department_code;
        std::optional<long long> site_id;
        std::optional<std::string> site_name;
    };
    std::vector<Role> roles;
    struct Booking {
        long long id = 0;
        int edition_year = 0;
        std::string kind, audience, status, ticket_code, created_at;
        std::optional<std::string> cancelled_at, reminded_at;
        int people = 0;
        long long session_id = 0, site_id = 0;
        std::string site_name, commune, day_date, starts_at, ends_at;
        std::optional<int> attended;
        std::optional<std::string> checked_in_at;
    };
    std::vector<Booking> bookings;  // newest first
    struct WaitlistEntry {
        long long id = 0, session_id = 0;
        std::string site_name, day_date, starts_at, status, created_at;
        int people = 0;
        std::optional<std::string> offer_expires_at;
    };
    std::vector<WaitlistEntry> waitlist;
    struct GroupRequest {
        long long id = 0;
        int edition_year = 0;
        std::optional<std::string> school;
        std::string audience, level, department_code, status, submitted_at;
        int pupils = 0, adults = 0;
        bool bus_needed = false;
        std::optional<std::string> message, decided_at;
    };
    std::vector<GroupRequest> group_requests;
    struct SurveyAnswer {
        long long response_id = 0;
        std::string survey_title, submitted_at, question;
        std::optional<int> rating;
        std::optional<bool> yes_no;
        std::optional<std::string> text;
    };
    std::vector<SurveyAnswer> survey_answers;
    struct Session {
        std::string created_at, last_seen_at, expires_at;
        std::optional<std::string> user_agent;
    };
    std::vector<Session> sessions;
    struct AuditEntry {
        long long id = 0;
        std::string at, actor_label, action, entity;
        std::optional<long long> entity_id;
        std::optional<std::string> detail;
        bool by_them = false;  // they made the change (else it was about them)
    };
    std::vector<AuditEntry> audit;  // newest first
    struct Email {
        std::string created_at, kind, subject, status;
        std::optional<std::string> sent_at;
    };
    std::vector<Email> emails;  // newest first, to their address
    struct OptOut {
        std::string list, created_at;  // 'reminder' or 'survey' (ADR 0014)
    };
    std::vector<OptOut> mail_opt_outs;  // the bulk lists their address left
};

// Everything about live user `user_id` (deleted_at not set), or nullopt when there is none.
std::optional<PersonalData> LoadPersonalData(Database& db, long long user_id);

// What must happen before the erasure's transaction, through the booking engine.
struct ErasePlan {
    bool found = false;              // a live user
    bool last_organiser = false;     // an organiser with no other live organiser
    std::vector<long long> future_bookings;   // confirmed, tour not started at `now`, not checked in
    std::vector<long long> live_waitlist;     // waiting or offered entries
};
// The plan for erasing user `user_id` at `now` (a UTC ISO instant).
ErasePlan PlanErase(Database& db, long long user_id, const std::string& now);

struct ErasedAccount {
    long long user_id = 0;
    long long bookings_kept = 0;     // past bookings, now anonymous
    long long sessions_deleted = 0;
    long long group_requests_kept = 0;
};

// Erases user `user_id` for `actor_user_id` (the user themselves, or an organiser) at `now`, in
// one transaction, audited ("user.erase"). Errors: kNotFound (no live user), kConflict (the last
// organiser; or a future booking or live waiting-list entry left, made meanwhile: run the engine
// step again), kUnavailable.
Result<ErasedAccount> EraseAccount(Database& db, long long user_id, long long actor_user_id,
                                   const std::string& now);

// What anonymising one account changed (AnonymiseAccountRows).
struct AnonymisedRows {
    long long bookings_kept = 0;        // past bookings, now anonymous
    long long group_requests_kept = 0;  // kept with every figure, message cleared
    long long messages_cleared = 0;     // group requests' free-text messages
    long long survey_texts_cleared = 0; // survey free-text answers
    long long sessions_deleted = 0;
    long long tokens_deleted = 0;
    long long emails_cleared = 0;       // sent or failed e-mails: address replaced, body emptied
};

// The erasure's rules (docs/adr/0015's table), without its checks and without its audit entry:
// anonymises live user `user_id` whose address is `email` at `now`. Shared by EraseAccount (one
// person) and the retention purge (store/users/retention_queries.h, many at once, one audit
// entry). Throws soci::soci_error: call inside a transaction.
AnonymisedRows AnonymiseAccountRows(Database& db, long long user_id, const std::string& email,
                                    const std::string& now);

// The placeholder address of erased user `user_id`: unique, and undeliverable (RFC 2606 .invalid).
std::string ErasedEmail(long long user_id);

}  // namespace juo::store
