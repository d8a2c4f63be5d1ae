// CapacityStore: the SQL of the capacity engine (booking/engine.h), as statements prepared once
// on the writer's connection and reused for every command. Places are taken with one
// conditional UPDATE ("… WHERE places_taken + n <= capacity_people"), so the database itself
// refuses an oversold session whatever happens in memory, in this process or another one.
//
// Every method throws soci::soci_error on database failures: call inside a transaction.
// Thread-safety: one CapacityStore per Database, used by one thread (the engine's writer).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "domain/audience.h"
#include "domain/booking.h"
#include "store/db/database.h"

namespace juo::store {

// What a booking needs to know about its session, read in the booking's transaction.
struct SessionForBooking {
    long long id = 0;
    long long edition_id = 0;
    std::string status;  // session status: 'open' to book
    int capacity_people = 0;
    int places_taken = 0;
    int capacity_groups = 0;
    int groups_taken = 0;
    std::string day_date, starts_at, ends_at;
    std::optional<int> min_age;
    std::vector<domain::Audience> audiences;
    int max_party_size = 0;
    std::string edition_status;                                 // 'open' to book
    std::string registration_opens_at, registration_closes_at;  // UTC instants, empty when unset
    long long site_id = 0;
    std::string site_name, site_address, site_postcode, site_commune;
    std::string site_department;
    // The site's participation in the session's edition ('approved' to book; "" when it has none).
    std::string participation_status;
};

// Who receives the e-mails of a booking.
struct UserContact {
    long long id = 0;
    std::string email;
    std::string display_name;
    std::string locale;  // "fr" or "en"
};

class CapacityStore {
 public:
    explicit CapacityStore(Database& db);
    ~CapacityStore();
    CapacityStore(const CapacityStore&) = delete;
    CapacityStore& operator=(const CapacityStore&) = delete;

    std::optional<SessionForBooking> LoadSession(long long session_id);
    // PostgreSQL: locks these tours' rows in the order of their ids, as the UPDATE of places would,
    // at the start of a batch: two batches (two app servers) that both book tours A and B then
    // take the locks in the same order instead of A-then-B against B-then-A, a deadlock. Nothing
    // on SQLite (one writer at a time).
    void LockSessions(std::vector<long long> session_ids);
    // Takes `people` places and `groups` group places if they fit and the session is open;
    // returns whether it did.
    bool TryTakePlaces(long long session_id, int people, int groups);
    void ReleasePlaces(long long session_id, int people, int groups);
    // Adds a batch's net change of places (negative: given back) if the tour still holds them:
    // within its capacities, and open unless places are only given back; returns whether it did.
    bool ApplyPlaces(long long session_id, int people, int groups);

    // Inserts a confirmed booking; sets its id.
    void InsertBooking(domain::Booking& booking, const std::string& idempotency_key);
    // PostgreSQL: `n` new booking ids, taken from the table's sequence in one round trip, for
    // bookings inserted later with DeferBooking (throws std::logic_error on SQLite).
    std::vector<long long> ReserveBookingIds(int n);
    // A booking whose id is already set (ReserveBookingIds), kept in memory and inserted with the
    // others by WriteDeferredBookings: one round trip for many (rows_insert.h).
    // ForgetDeferredBookings(n) drops all but the first n.
    void DeferBooking(const domain::Booking& booking, const std::string& idempotency_key);
    void ForgetDeferredBookings(size_t keep);
    void WriteDeferredBookings();
    std::optional<domain::Booking> FindBooking(long long id);
    std::optional<domain::Booking> FindBookingByKey(const std::string& idempotency_key);
    std::optional<domain::Booking> FindBookingByTicket(const std::string& ticket_code);
    // PostgreSQL: locks the booking's row until the transaction ends (FOR NO KEY UPDATE), so that
    // a cancellation and a check-in of one ticket on two app servers take turns: what either reads
    // next is what the other committed. Returns whether it locked a row (never on SQLite, where
    // one writer at a time makes it needless).
    bool LockBooking(long long id);
    // Cancels a confirmed booking; false when it was no longer confirmed (another server or
    // request cancelled it since it was read: the caller must not release its places again).
    bool MarkBookingCancelled(long long id, const std::string& at);
    // Sets a confirmed booking's party size from `from` to `to`; false when it was no longer
    // confirmed at `from` people (changed or cancelled since it was read).
    bool ChangeBookingPeople(long long id, int from, int to);
    // How many times the booking was changed or cancelled since it was made (its audit entries
    // booking.change_people, booking.tour_moved (issue 19) and booking.cancel): the SEQUENCE of its calendar event.
    int BookingRevision(long long id);
    // Issue 20: how many of the booking's change and cancellation e-mails (outbox kinds
    // booking.changed, booking.cancelled) were written after outbox row `email_id`: subtracted
    // from BookingRevision, the SEQUENCE of the event as e-mail `email_id` announced it, however
    // late it is sent (each change writes its e-mail in the same transaction, in order).
    int ChangeEmailsAfter(long long booking_id, long long email_id);
    // Whether the user holds a confirmed party booking for the session (not counting a teacher's
    // group bookings; the partial unique index of migration 6 answers it).
    bool UserHasBooking(long long session_id, long long user_id);

    // Waiting list: entries of a session waiting, oldest first. An empty `leave_token` is stored
    // as NULL (the engine signs leave links instead, booking/manage_link.h).
    void InsertWaitlistEntry(domain::WaitlistEntry& entry, domain::Audience audience,
                             const std::string& leave_token);
    struct WaitlistRow {
        domain::WaitlistEntry entry;
        domain::Audience audience = domain::Audience::kPublic;
        std::string leave_token;
        std::optional<long long> booking_id;
    };
    std::optional<WaitlistRow> FindWaitlistEntry(long long id);
    std::optional<WaitlistRow> FindWaitlistEntryByToken(const std::string& leave_token);
    std::vector<WaitlistRow> WaitingEntries(long long session_id);
    // Offers whose expiry is before `now`.
    std::vector<WaitlistRow> ExpiredOffers(const std::string& now);
    // Whether the user already waits (or holds an offer) for the session.
    bool UserIsWaiting(long long session_id, long long user_id);
    // Moves an entry from status `from` to `to`; false when it was no longer in `from` (changed
    // since it was read, e.g. by another app server): the caller must not act on it.
    bool ChangeWaitlistStatus(long long id, domain::WaitlistStatus from, domain::WaitlistStatus to,
                              const std::string& offer_expires_at, std::optional<long long> booking_id);

    // Records the attended headcount of a booking (once).
    long long InsertCheckIn(long long booking_id, int attended, const std::string& at,
                            std::optional<long long> by_user);
    bool HasCheckIn(long long booking_id);
    // Issue 19 (offline check-in): a scan made offline at `scanned_at`, applied under its `nonce`:
    // the check-in row marked offline with the phone's time, and the nonce kept (check_in_scan).
    // The id of the check-in row.
    long long InsertOfflineCheckIn(long long booking_id, int attended, const std::string& at,
                                   std::optional<long long> by_user, const std::string& nonce,
                                   const std::string& scanned_at);
    // The scan applied under `nonce`: its booking and the headcount it recorded; nullopt if none.
    struct AppliedScan {
        long long booking_id = 0;
        int attended = 0;
    };
    std::optional<AppliedScan> FindAppliedScan(const std::string& nonce);
    // Issue 19: removes the booking's check-in; the headcount it recorded, or nullopt when there
    // was none (never checked in, or undone meanwhile by another app server).
    std::optional<int> DeleteCheckIn(long long booking_id);

    // Confirmed bookings of the tours on `day` (YYYY-MM-DD) not reminded yet, at most `limit`,
    // with their tour, but for the addresses that left the reminders (store/mail/opt_outs.h: they
    // stay unreminded); and marking one reminded.
    struct DueReminder {
        domain::Booking booking;
        UserContact to;
    };
    std::vector<DueReminder> DueReminders(const std::string& day, int limit);
    // Marks a booking reminded; false when it already was (by another app server): no e-mail then.
    bool MarkReminded(long long booking_id, const std::string& at);
    // The tour's minimum school level ("" when none).
    std::string SessionMinLevel(long long session_id);
    std::optional<UserContact> FindUser(long long user_id);
    // FindUser, whether the user holds a confirmed party booking for the session
    // (UserHasBooking), and whether a booking was made with `idempotency_key` (never, when it is
    // empty), in one query. The contact is empty when the user is unknown; *has_booking and
    // *key_used are set in every case.
    std::optional<UserContact> FindUserAndBooking(long long user_id, long long session_id,
                                                  const std::string& idempotency_key, bool* has_booking,
                                                  bool* key_used);

 private:
    struct Statements;
    Database& db_;
    std::unique_ptr<Statements> st_;
};

}  // namespace juo::store
