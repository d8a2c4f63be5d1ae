// The capacity engine's writer: batches, savepoints, and one function per command.
#include "booking/engine.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <future>
#include <map>
#include <set>
#include <utility>

#include "booking/emails.h"
#include "booking/rules.h"
#include "common/clock.h"
#include "store/audit_log.h"
#include "store/capacity_store.h"
#include "store/group_request_queries.h"
#include "store/database.h"
#include "store/dialect.h"
#include "store/outbox.h"
#include "store/wal_checkpointer.h"

namespace juo::booking {

namespace {

int PlacesLeft(const store::SessionForBooking& s) { return std::max(0, s.capacity_people - s.places_taken); }

// The writer's own connection: fsync'd commits when durable, and no automatic checkpoint inside
// its commits (the WalCheckpointer thread does them).
Result<std::unique_ptr<store::Database>> OpenWriterDatabase(const EngineOptions& options) {
    auto db = store::Database::Open(options.db_url, store::OpenMode::kMustExist);
    if (!db.ok()) return db.error();
    try {
        // PostgreSQL's commits are durable already (synchronous_commit = on) and it checkpoints
        // by itself, off the committing backend.
        if ((*db)->dialect() == store::Dialect::kSqlite) {
            if (options.durable) (*db)->sql() << "PRAGMA synchronous = FULL";
            (*db)->sql() << "PRAGMA wal_autocheckpoint = 0";
        }
        (*db)->ReadThroughMemoryMap();
    } catch (const std::exception& e) {
        return MakeError(ErrorCode::kUnavailable, std::string("booking engine: ") + e.what());
    }
    return db;
}

}  // namespace

// Everything the writer thread owns.
struct BookingEngine::Writer {
    const EngineOptions& options;
    std::unique_ptr<store::Database> db;
    std::unique_ptr<store::CapacityStore> store;
    std::unique_ptr<store::OutboxWriter> outbox;
    std::unique_ptr<store::AuditWriter> audit;
    soci::statement savepoint, release, rollback_to;
    std::string now;  // the batch's instant

    // PostgreSQL, several app servers (ADR 0008): a batch's places are counted here, per tour,
    // while its commands run, and written at its end — one conditional UPDATE per tour, in id
    // order (ApplyDeferredPlaces), then the batch's rows, then COMMIT. The hot tour's row is then
    // locked for the batch's last statements only, not for the whole batch, so another server's
    // batch runs its commands meanwhile. The tours are read once per batch; should another server
    // have taken the places since, the UPDATE refuses and the batch runs again with places taken
    // one by one. Places before rows: a batch that runs again locks its tours first, then writes
    // its rows; were this batch to write its rows first, a booking with the same Idempotency-Key
    // or visitor in both would make each wait for the other (a deadlock, found after a second).
    // (Bookings written before another command of the batch, which may read them, still come
    // before the places.)
    struct PlaceChange {
        int people = 0;
        int groups = 0;
    };
    bool defer_places = false;
    std::map<long long, store::SessionForBooking> batch_sessions;  // as read by this batch
    std::map<long long, PlaceChange> pending_places;               // taken (+) or given back (-)

    // In the same mode, the batch's rows are written at its end too (WriteDeferredRows), many per
    // statement: a booking's row (its id drawn beforehand from the sequence, for all the batch's
    // bookings in one round trip), its audit entry and its e-mail — one round trip per booking
    // (the visitor read with "already booked?" and the Idempotency-Key) instead of five. The
    // unique indexes still judge the rows when they are written: should another server have
    // committed the same key or visitor meanwhile, the batch runs again, rows written one by one.
    // Bookings are written before any other command runs, as it may read them.
    int books_in_batch = 0;
    std::vector<long long> booking_ids;                                  // drawn, not used yet
    std::map<std::string, domain::Booking> batch_keys;                   // Idempotency-Key → booking
    std::set<std::pair<long long, long long>> batch_booked;              // (visitor, tour)

    void BeginBatch(bool defer, int books) {
        defer_places = defer;
        batch_sessions.clear();
        pending_places.clear();
        books_in_batch = books;
        booking_ids.clear();
        batch_keys.clear();
        batch_booked.clear();
        store->ForgetDeferredBookings(0);
        audit->ForgetDeferred(0);
        outbox->ForgetDeferred(0);
    }

    long long NextBookingId() {
        if (booking_ids.empty()) {
            booking_ids = store->ReserveBookingIds(std::max(1, books_in_batch));
            std::reverse(booking_ids.begin(), booking_ids.end());  // taken from the back, in order
        }
        const long long id = booking_ids.back();
        booking_ids.pop_back();
        return id;
    }

    // What a command that fails leaves undone (with its savepoint, when it has one).
    struct Mark {
        std::map<long long, PlaceChange> places;
        size_t audit_rows = 0, outbox_rows = 0;
    };
    Mark Marked() const { return {pending_places, audit->deferred(), outbox->deferred()}; }
    void Restore(const Mark& m) {
        pending_places = m.places;
        audit->ForgetDeferred(m.audit_rows);
        outbox->ForgetDeferred(m.outbox_rows);
    }

    void WriteDeferredRows() {
        store->WriteDeferredBookings();  // first: the e-mails refer to them
        outbox->WriteDeferred();
        audit->WriteDeferred();
    }

    // The tour, with the places this batch took or gave back so far.
    std::optional<store::SessionForBooking> LoadSession(long long id) {
        if (!defer_places) return store->LoadSession(id);
        auto it = batch_sessions.find(id);
        if (it == batch_sessions.end()) {
            auto read = store->LoadSession(id);
            if (!read) return std::nullopt;
            it = batch_sessions.emplace(id, std::move(*read)).first;
        }
        store::SessionForBooking s = it->second;
        if (auto p = pending_places.find(id); p != pending_places.end()) {
            s.places_taken += p->second.people;
            s.groups_taken += p->second.groups;
        }
        return s;
    }

    bool TakePlaces(long long id, int people, int groups) {
        if (!defer_places) return store->TryTakePlaces(id, people, groups);
        auto s = LoadSession(id);
        if (!s || s->status != "open" || s->places_taken + people > s->capacity_people ||
            s->groups_taken + groups > s->capacity_groups)
            return false;
        pending_places[id].people += people;
        pending_places[id].groups += groups;
        return true;
    }

    void ReleasePlaces(long long id, int people, int groups) {
        if (!defer_places) return store->ReleasePlaces(id, people, groups);
        pending_places[id].people -= people;
        pending_places[id].groups -= groups;
    }

    // Writes the batch's places; false when a tour no longer has them (the batch must run again).
    bool ApplyDeferredPlaces() {
        for (const auto& [id, change] : pending_places)  // in id order: no deadlock between servers
            if ((change.people != 0 || change.groups != 0) && !store->ApplyPlaces(id, change.people, change.groups))
                return false;
        return true;
    }

    Writer(const EngineOptions& o, std::unique_ptr<store::Database> database)
        : options(o),
          db(std::move(database)),
          store(std::make_unique<store::CapacityStore>(*db)),
          outbox(std::make_unique<store::OutboxWriter>(*db)),
          audit(std::make_unique<store::AuditWriter>(*db)),
          savepoint((db->sql().prepare << "SAVEPOINT juo_command")),
          release((db->sql().prepare << "RELEASE SAVEPOINT juo_command")),
          rollback_to((db->sql().prepare << "ROLLBACK TO SAVEPOINT juo_command")) {}

    void Audit(std::optional<long long> actor, const std::string& action, const std::string& entity,
               long long id, const std::string& detail) {
        domain::AuditEntry e;
        e.at = now;
        e.actor_user_id = actor;
        e.actor_label = actor ? "user:" + std::to_string(*actor) : "system:booking";
        e.action = action;
        e.entity = entity;
        e.entity_id = id;
        e.detail = detail;
        if (defer_places)
            audit->Defer(e);
        else
            audit->Append(e);
    }

    void Send(store::OutgoingEmail email) {
        email.created_at = now;
        if (defer_places)
            outbox->Defer(email);
        else
            outbox->Enqueue(email);
    }

    Result<store::SessionForBooking> Session(long long id) {
        auto s = LoadSession(id);
        if (!s)
            return MakeError(ErrorCode::kNotFound, "no tour " + std::to_string(id),
                             "aucune visite n°" + std::to_string(id));
        return *s;
    }

    Result<store::UserContact> User(long long id) {
        auto u = store->FindUser(id);
        if (!u)
            return MakeError(ErrorCode::kNotFound, "no user " + std::to_string(id), "utilisateur inconnu");
        return *u;
    }

    // Offers freed places to the waiting entries that fit, oldest first; returns the offers made.
    int Promote(long long session_id) {
        auto session = LoadSession(session_id);
        if (!session || session->status != "open") return 0;
        int free = PlacesLeft(*session);
        int offers = 0;
        for (auto& row : store->WaitingEntries(session_id)) {
            if (free <= 0) break;
            if (row.entry.people > free) continue;  // the next entry that fits
            if (!TakePlaces(session_id, row.entry.people, 0)) break;
            row.entry.offer_expires_at = UtcIsoPlusSeconds(now, options.offer_ttl.count());
            if (!store->ChangeWaitlistStatus(row.entry.id, domain::WaitlistStatus::kWaiting,
                                             domain::WaitlistStatus::kOffered, row.entry.offer_expires_at,
                                             std::nullopt)) {
                // Another app server offered it, or its visitor left, since it was read.
                ReleasePlaces(session_id, row.entry.people, 0);
                continue;
            }
            free -= row.entry.people;
            row.entry.status = domain::WaitlistStatus::kOffered;
            Audit(std::nullopt, "waitlist.offer", "waitlist_entry", row.entry.id,
                  std::to_string(row.entry.people) + " places held until " + row.entry.offer_expires_at);
            if (row.entry.user_id)
                if (auto user = store->FindUser(*row.entry.user_id))
                    Send(OfferEmail(*user, row.entry, row.leave_token, *session, options.base_url));
            ++offers;
        }
        return offers;
    }

    static Error AlreadyBooked() {
        return MakeError(ErrorCode::kConflict, "you already have a booking for this tour",
                         "vous avez déjà une réservation pour cette visite");
    }

    static Error AlreadyCancelled() {
        return MakeError(ErrorCode::kConflict, "this booking is already cancelled",
                         "cette réservation est déjà annulée");
    }

    // The answer to a booking whose Idempotency-Key made `earlier`.
    static Result<Outcome> ReplayOf(const Book& c, const domain::Booking& earlier) {
        if (earlier.user_id != c.user_id || earlier.session_id != c.session_id || earlier.people != c.people)
            return MakeError(ErrorCode::kConflict, "this Idempotency-Key was used for another booking",
                             "cette clé a déjà servi à une autre réservation");
        Outcome o;
        o.kind = Outcome::Kind::kBooked;
        o.booking = earlier;
        o.replayed = true;
        return o;
    }

    // The answer to a booking whose Idempotency-Key was already used, if it was: by a booking of
    // this batch not written yet, or in the database.
    std::optional<Result<Outcome>> Replay(const Book& c) {
        if (c.idempotency_key.empty()) return std::nullopt;
        if (auto it = batch_keys.find(c.idempotency_key); it != batch_keys.end()) return ReplayOf(c, it->second);
        auto earlier = store->FindBookingByKey(c.idempotency_key);
        if (!earlier) return std::nullopt;
        return ReplayOf(c, *earlier);
    }

    Result<Outcome> Execute(const Book& c) {
        if (c.idempotency_key.size() > 200)
            return MakeError(ErrorCode::kInvalidArgument, "Idempotency-Key is longer than 200 characters",
                             "clé d'idempotence trop longue");
        if (batch_keys.count(c.idempotency_key)) return *Replay(c);  // made earlier in this batch
        // The visitor, "already booked?" and "key used?", read in one round trip (one snapshot).
        bool already_booked = false, key_used = false;
        auto user =
            store->FindUserAndBooking(c.user_id, c.session_id, c.idempotency_key, &already_booked, &key_used);
        if (key_used)
            if (auto replay = Replay(c)) return *replay;
        auto session = Session(c.session_id);
        if (!session.ok()) return session.error();
        JUO_TRY(CheckPartyBookable(*session, c.audience, c.people, now));
        if (!user)
            return MakeError(ErrorCode::kNotFound, "no user " + std::to_string(c.user_id), "utilisateur inconnu");
        if (already_booked || batch_booked.count({c.user_id, c.session_id})) return AlreadyBooked();
        if (!TakePlaces(c.session_id, c.people, 0)) {
            if (!c.waitlist_if_full) return NotEnoughPlaces(*session, c.people);
            // Another app server may have booked this visitor since the check above (it held
            // the tour's row, which this command waited for): a visitor is never both booked and
            // waiting.
            if (store->UserHasBooking(c.session_id, c.user_id))
                return AlreadyBooked();
            if (store->UserIsWaiting(c.session_id, c.user_id))
                return MakeError(ErrorCode::kConflict, "you are already on the waiting list of this tour",
                                 "vous êtes déjà sur la liste d'attente de cette visite");
            domain::WaitlistEntry entry;
            entry.session_id = c.session_id;
            entry.user_id = c.user_id;
            entry.people = c.people;
            entry.status = domain::WaitlistStatus::kWaiting;
            entry.created_at = now;
            std::string token = NewLeaveToken();
            store->InsertWaitlistEntry(entry, c.audience, token);
            Audit(c.user_id, "waitlist.join", "waitlist_entry", entry.id,
                  std::to_string(c.people) + " people");
            Outcome o;
            o.kind = Outcome::Kind::kWaitlisted;
            o.entry = entry;
            o.leave_token = token;
            o.places_left = PlacesLeft(*session);
            return o;
        }
        domain::Booking b;
        b.edition_id = session->edition_id;
        b.session_id = c.session_id;
        b.kind = domain::BookingKind::kParty;
        b.audience = c.audience;
        b.user_id = c.user_id;
        b.people = c.people;
        b.status = domain::BookingStatus::kConfirmed;
        b.ticket_code = NewTicketCode();
        b.created_at = now;
        if (defer_places) {
            b.id = NextBookingId();
            store->DeferBooking(b, c.idempotency_key);
            if (!c.idempotency_key.empty()) batch_keys.emplace(c.idempotency_key, b);
            batch_booked.emplace(c.user_id, c.session_id);
        } else {
            store->InsertBooking(b, c.idempotency_key);
        }
        Audit(c.user_id, "booking.create", "booking", b.id,
              std::to_string(c.people) + " people at session " + std::to_string(c.session_id));
        Send(ConfirmationEmail(*user, b, *session, options.base_url));
        Outcome o;
        o.kind = Outcome::Kind::kBooked;
        o.booking = b;
        o.places_left = PlacesLeft(*session) - c.people;
        return o;
    }

    Result<Outcome> Execute(const Cancel& c) {
        store->LockBooking(c.booking_id);  // a check-in of it on another server goes before or after
        auto b = store->FindBooking(c.booking_id);
        if (!b)
            return MakeError(ErrorCode::kNotFound, "no booking " + std::to_string(c.booking_id),
                             "aucune réservation n°" + std::to_string(c.booking_id));
        if (!c.by_organiser && b->user_id != c.user_id)
            return MakeError(ErrorCode::kForbidden, "this booking is not yours",
                             "cette réservation n'est pas la vôtre");
        if (b->status == domain::BookingStatus::kCancelled)
            return AlreadyCancelled();
        if (store->HasCheckIn(b->id))
            return MakeError(
                ErrorCode::kConflict, "this booking was checked in at the door: it cannot be cancelled",
                "cette réservation a déjà été pointée à l'accueil : elle ne peut plus être annulée");
        auto session = Session(b->session_id);
        if (!session.ok()) return session.error();
        if (!store->MarkBookingCancelled(b->id, now))  // by another app server since it was read
            return AlreadyCancelled();
        const int groups = b->kind == domain::BookingKind::kGroup ? 1 : 0;
        ReleasePlaces(b->session_id, b->people, groups);
        b->status = domain::BookingStatus::kCancelled;
        b->cancelled_at = now;
        std::optional<long long> actor = c.by_organiser ? std::optional<long long>(c.user_id) : b->user_id;
        Audit(actor, "booking.cancel", "booking", b->id, std::to_string(b->people) + " places freed");
        if (b->user_id)
            if (auto user = store->FindUser(*b->user_id)) Send(CancellationEmail(*user, *b, *session));
        Outcome o;
        o.kind = Outcome::Kind::kCancelled;
        o.booking = *b;
        o.offers_made = Promote(b->session_id);
        if (auto after = LoadSession(b->session_id)) o.places_left = PlacesLeft(*after);
        return o;
    }

    static Error OfferGone(const std::string& detail = "") {
        return MakeError(ErrorCode::kConflict, "this waiting-list entry has no open offer" + detail,
                         "cette inscription en liste d'attente n'a pas d'offre en cours");
    }

    Result<Outcome> Execute(const AcceptOffer& c) {
        auto row = store->FindWaitlistEntry(c.entry_id);
        if (!row || row->entry.user_id != c.user_id)
            return MakeError(
                ErrorCode::kNotFound, "no waiting-list offer " + std::to_string(c.entry_id) + " for you",
                "aucune offre de liste d'attente n°" + std::to_string(c.entry_id) + " pour vous");
        if (row->entry.status != domain::WaitlistStatus::kOffered)
            return OfferGone(" (" + std::string(domain::ToCode(row->entry.status)) + ")");
        if (row->entry.offer_expires_at < now)
            return MakeError(ErrorCode::kConflict, "this offer expired at " + row->entry.offer_expires_at,
                             "cette offre a expiré le " + row->entry.offer_expires_at);
        auto session = Session(row->entry.session_id);
        if (!session.ok()) return session.error();
        auto user = User(c.user_id);
        if (!user.ok()) return user.error();
        if (store->UserHasBooking(row->entry.session_id, c.user_id))  // booked directly meanwhile
            return AlreadyBooked();
        domain::Booking b;  // the places are already held by the offer
        b.edition_id = session->edition_id;
        b.session_id = row->entry.session_id;
        b.kind = domain::BookingKind::kParty;
        b.audience = row->audience;
        b.user_id = c.user_id;
        b.people = row->entry.people;
        b.ticket_code = NewTicketCode();
        b.created_at = now;
        store->InsertBooking(b, "");
        if (!store->ChangeWaitlistStatus(row->entry.id, domain::WaitlistStatus::kOffered,
                                         domain::WaitlistStatus::kAccepted, row->entry.offer_expires_at, b.id))
            return OfferGone();  // expired or left since it was read: the savepoint undoes the booking
        Audit(c.user_id, "waitlist.accept", "booking", b.id,
              "from waiting-list entry " + std::to_string(row->entry.id));
        Send(ConfirmationEmail(*user, b, *session, options.base_url));
        Outcome o;
        o.kind = Outcome::Kind::kBooked;
        o.booking = b;
        o.places_left = PlacesLeft(*session);
        return o;
    }

    Result<Outcome> Execute(const LeaveWaitlist& c) {
        std::optional<store::CapacityStore::WaitlistRow> row;
        if (!c.leave_token.empty())
            row = store->FindWaitlistEntryByToken(c.leave_token);
        else if (auto r = store->FindWaitlistEntry(c.entry_id); r && r->entry.user_id == c.user_id)
            row = r;
        if (!row)
            return MakeError(ErrorCode::kNotFound, "no such waiting-list entry (the link may be wrong)",
                             "inscription en liste d'attente introuvable (le lien est peut-être erroné)");
        const auto status = row->entry.status;
        if (status != domain::WaitlistStatus::kWaiting && status != domain::WaitlistStatus::kOffered)
            return MakeError(
                ErrorCode::kConflict,
                "this entry is no longer on the list (" + std::string(domain::ToCode(status)) + ")",
                "cette inscription n'est plus sur la liste");
        if (!store->ChangeWaitlistStatus(row->entry.id, status, domain::WaitlistStatus::kLeft,
                                         row->entry.offer_expires_at, std::nullopt))
            return MakeError(ErrorCode::kConflict, "this entry changed meanwhile: try again",
                             "cette inscription vient de changer : réessayez");
        Audit(row->entry.user_id, "waitlist.leave", "waitlist_entry", row->entry.id, "");
        Outcome o;
        o.kind = Outcome::Kind::kLeft;
        o.entry = row->entry;
        o.entry->status = domain::WaitlistStatus::kLeft;
        if (status == domain::WaitlistStatus::kOffered) {  // the held places go to the next one
            ReleasePlaces(row->entry.session_id, row->entry.people, 0);
            o.offers_made = Promote(row->entry.session_id);
        }
        return o;
    }

    Result<Outcome> Execute(const CheckIn& c) {
        auto b = store->FindBookingByTicket(c.ticket_code);
        // A cancellation of it on another server goes before or after: read it again once locked.
        if (b && store->LockBooking(b->id)) b = store->FindBooking(b->id);
        if (!b)
            return MakeError(ErrorCode::kNotFound, "no ticket " + c.ticket_code,
                             "aucun billet " + c.ticket_code);
        auto session = Session(b->session_id);
        if (!session.ok()) return session.error();
        if (c.may_check_in && !c.may_check_in(session->site_id))
            return MakeError(ErrorCode::kForbidden, "this ticket is for another site",
                             "ce billet est pour un autre site");
        if (b->status == domain::BookingStatus::kCancelled)
            return MakeError(ErrorCode::kConflict, "this booking was cancelled",
                             "cette réservation a été annulée");
        if (store->HasCheckIn(b->id))
            return MakeError(ErrorCode::kConflict, "this ticket was already checked in",
                             "ce billet a déjà été pointé");
        const int attended = c.attended == kEveryoneBooked ? b->people : c.attended;
        JUO_TRY(domain::ValidateAttended(attended, b->people));
        Outcome o;
        o.kind = Outcome::Kind::kCheckedIn;
        o.check_in_id = store->InsertCheckIn(b->id, attended, now, c.by_user);
        o.attended = attended;
        Audit(c.by_user, "booking.check_in", "booking", b->id, std::to_string(attended) + " attended");
        o.booking = *b;
        return o;
    }

    // The request `id`, still waiting for a decision.
    Result<store::GroupRequestView> UndecidedRequest(long long id) {
        auto view = store::FindGroupRequestView(*db, id);
        if (!view)
            return MakeError(ErrorCode::kNotFound, "no group request " + std::to_string(id),
                             "aucune demande de groupe n°" + std::to_string(id));
        const auto status = view->request.status;
        if (status != domain::RequestStatus::kPending && status != domain::RequestStatus::kWaitlisted)
            return AlreadyDecided(" (" + std::string(domain::ToCode(status)) + ")");
        return *view;
    }

    static Error AlreadyDecided(const std::string& detail = "") {
        return MakeError(ErrorCode::kConflict, "this request was already decided" + detail,
                         "cette demande a déjà reçu une réponse");
    }

    Result<Outcome> Execute(const AcceptGroupRequest& c) {
        auto view = UndecidedRequest(c.request_id);
        if (!view.ok()) return view.error();
        const domain::GroupRequest& request = view->request;
        auto session = Session(c.session_id);
        if (!session.ok()) return session.error();
        if (c.may_act_on_site && !c.may_act_on_site(session->site_id))
            return MakeError(ErrorCode::kForbidden, "this tour is not at one of your sites",
                             "cette visite n'a pas lieu dans l'un de vos sites");
        const bool wished = std::any_of(view->wishes.begin(), view->wishes.end(), [&](const auto& w) {
            return w.session_id ? *w.session_id == c.session_id : w.site_id == session->site_id;
        });
        if (!view->wishes.empty() && !wished)
            return MakeError(ErrorCode::kInvalidArgument, "the request did not ask for this tour or its site",
                             "la demande ne porte ni sur cette visite ni sur ce site");
        if (session->edition_id != request.edition_id)
            return MakeError(ErrorCode::kInvalidArgument, "this tour belongs to another edition",
                             "cette visite appartient à une autre édition");
        if (session->status != "open")
            return MakeError(ErrorCode::kConflict, "this tour is " + session->status,
                             "cette visite n'est pas ouverte");
        if (std::find(session->audiences.begin(), session->audiences.end(), request.audience) ==
            session->audiences.end())
            return MakeError(ErrorCode::kInvalidArgument,
                             "this tour (" + session->day_date + ") is not open to " +
                                 std::string(domain::ToCode(request.audience)) + " groups",
                             "cette visite (le " + session->day_date + ") n'est pas ouverte à ce public");
        const std::string min_level = store->SessionMinLevel(c.session_id);
        if (!min_level.empty() && domain::LevelRank(request.level) < domain::LevelRank(min_level))
            return MakeError(ErrorCode::kInvalidArgument,
                             "this tour is for " + min_level + " and above, the group is " + request.level,
                             "cette visite est ouverte à partir du niveau " + min_level + ", le groupe est en " +
                                 request.level);
        if (!request.requester_user_id)
            return MakeError(ErrorCode::kConflict, "this request has no requester account to book for",
                             "cette demande n'a pas de compte demandeur");
        auto user = User(*request.requester_user_id);
        if (!user.ok()) return user.error();
        if (!TakePlaces(c.session_id, request.people(), 1))
            return MakeError(ErrorCode::kFull,
                             "not enough room for the group: " + std::to_string(PlacesLeft(*session)) +
                                 " places and " +
                                 std::to_string(std::max(0, session->capacity_groups - session->groups_taken)) +
                                 " group slots left for " + std::to_string(request.people()) + " people",
                             "plus assez de place pour le groupe : " + std::to_string(PlacesLeft(*session)) +
                                 " places restantes pour " + std::to_string(request.people()) + " personnes");
        domain::Booking b;
        b.edition_id = session->edition_id;
        b.session_id = c.session_id;
        b.kind = domain::BookingKind::kGroup;
        b.audience = request.audience;
        b.user_id = request.requester_user_id;
        b.group_request_id = request.id;
        b.people = request.people();
        b.status = domain::BookingStatus::kConfirmed;
        b.ticket_code = NewTicketCode();
        b.created_at = now;
        store->InsertBooking(b, "");
        if (!store::SetRequestDecision(*db, request.id, domain::RequestStatus::kAccepted, c.message, now))
            return AlreadyDecided();  // by another app server: the savepoint undoes the booking
        Audit(c.by_user, "group_request.accept", "group_request", request.id,
              std::to_string(b.people) + " people at session " + std::to_string(c.session_id) + ", booking " +
                  std::to_string(b.id));
        Send(GroupAcceptedEmail(*user, b, *session, c.message, options.base_url));
        Outcome o;
        o.kind = Outcome::Kind::kBooked;
        o.booking = b;
        o.request_id = request.id;
        o.places_left = PlacesLeft(*session) - b.people;
        return o;
    }

    Result<Outcome> Execute(const RefuseGroupRequest& c) {
        auto view = UndecidedRequest(c.request_id);
        if (!view.ok()) return view.error();
        const bool allowed =
            !c.may_act_on_site || std::any_of(view->wishes.begin(), view->wishes.end(),
                                              [&](const auto& w) { return c.may_act_on_site(w.site_id); });
        if (!allowed)
            return MakeError(ErrorCode::kForbidden, "this request is not for one of your sites",
                             "cette demande ne concerne pas l'un de vos sites");
        if (!store::SetRequestDecision(*db, c.request_id, domain::RequestStatus::kRefused, c.message, now))
            return AlreadyDecided();
        Audit(c.by_user, "group_request.refuse", "group_request", c.request_id, c.message);
        if (view->request.requester_user_id)
            if (auto user = store->FindUser(*view->request.requester_user_id))
                Send(GroupRefusedEmail(*user, c.request_id, c.message, options.base_url));
        Outcome o;
        o.kind = Outcome::Kind::kRefused;
        o.request_id = c.request_id;
        return o;
    }

    Result<Outcome> Execute(const SendReminders& c) {
        Outcome o;
        o.kind = Outcome::Kind::kSwept;
        const std::string tomorrow = UtcIsoPlusSeconds(now, 24 * 3600).substr(0, 10);
        std::map<long long, store::SessionForBooking> tours;
        for (auto& due : store->DueReminders(tomorrow, c.limit)) {
            auto it = tours.find(due.booking.session_id);
            if (it == tours.end()) {
                auto s = LoadSession(due.booking.session_id);
                if (!s) continue;
                it = tours.emplace(due.booking.session_id, *s).first;
            }
            if (!store->MarkReminded(due.booking.id, now)) continue;  // another app server did
            Send(ReminderEmail(due.to, due.booking, it->second, options.base_url));
            ++o.reminders_sent;
        }
        if (o.reminders_sent > 0)
            Audit(std::nullopt, "booking.remind", "session_day", 0,
                  std::to_string(o.reminders_sent) + " reminders for " + tomorrow);
        return o;
    }

    Result<Outcome> Execute(const ExpireOffers&) {
        Outcome o;
        o.kind = Outcome::Kind::kSwept;
        for (const auto& row : store->ExpiredOffers(now)) {
            if (!store->ChangeWaitlistStatus(row.entry.id, domain::WaitlistStatus::kOffered,
                                             domain::WaitlistStatus::kExpired, row.entry.offer_expires_at,
                                             std::nullopt))
                continue;  // accepted, left or expired by another app server since it was read
            ReleasePlaces(row.entry.session_id, row.entry.people, 0);
            Audit(std::nullopt, "waitlist.expire", "waitlist_entry", row.entry.id,
                  std::to_string(row.entry.people) + " places released");
            o.offers_made += Promote(row.entry.session_id);
        }
        return o;
    }

    // One command inside the batch's transaction, in its own savepoint.
    Result<Outcome> ExecuteInSavepoint(const Command& command) {
        // PostgreSQL, places counted for the end of the batch: a booking writes nothing before
        // its last check (every refusal comes first: no place taken, no row kept), so it needs no
        // savepoint and nothing to undo — two round trips and a subtransaction fewer per booking.
        // Should it throw, the transaction is aborted and ExecuteBatch runs the whole batch again,
        // with a savepoint per command.
        if (defer_places && std::holds_alternative<Book>(command)) return Execute(std::get<Book>(command));
        if (defer_places) store->WriteDeferredBookings();  // the command may read them
        const Mark before = Marked();  // undone with the savepoint
        savepoint.execute(true);
        Result<Outcome> result = MakeError(ErrorCode::kInternal, "not executed");
        for (int attempt = 1;; ++attempt) {
            Restore(before);
            try {
                result = std::visit([this](const auto& c) { return Execute(c); }, command);
                break;
            } catch (const std::exception& e) {
                // PostgreSQL, several app servers: another server committed the same booking,
                // idempotency key or check-in after this command checked for it (a unique index
                // refused the insert). Undo the command and run it once more: it now sees the
                // other server's row and answers as for a repeat (a replay, "already booked").
                if (attempt == 1 && db->dialect() == store::Dialect::kPostgresql && store::IsUniqueViolation(e)) {
                    spdlog::info("booking: command met a concurrent write, running it again: {}", e.what());
                    rollback_to.execute(true);
                    continue;
                }
                // A statement that failed may be left open on the connection (SQLite), or the
                // transaction is aborted (PostgreSQL): fail the whole batch, which Run retries
                // (deadlock) or answers 503 (nothing commits) and reopens.
                if (!store::IsTransientConflict(e)) spdlog::error("booking: command failed: {}", e.what());
                throw;
            }
        }
        if (!result.ok()) {
            rollback_to.execute(true);
            Restore(before);
        }
        release.execute(true);
        return result;
    }
};

Result<std::unique_ptr<BookingEngine>> BookingEngine::Start(EngineOptions options) {
    auto db = OpenWriterDatabase(options);
    if (!db.ok()) return db.error();
    std::unique_ptr<BookingEngine> engine(new BookingEngine(std::move(options)));
    try {
        engine->writer_ = std::make_unique<Writer>(engine->options_, std::move(*db));
    } catch (const std::exception& e) {
        return MakeError(ErrorCode::kUnavailable, std::string("booking engine: ") + e.what());
    }
    engine->checkpointer_ = std::make_unique<store::WalCheckpointer>(engine->options_.db_url);
    engine->thread_ = std::thread([e = engine.get()] { e->Run(); });
    return engine;
}

BookingEngine::BookingEngine(EngineOptions options) : options_(std::move(options)) {
    if (!options_.now) options_.now = [] { return NowUtcIso(); };
}

BookingEngine::~BookingEngine() { Stop(); }

void BookingEngine::Submit(Command command, Callback done) {
    {
        std::lock_guard lock(mutex_);
        if (!stopping_) {
            queue_.push_back({std::move(command), std::move(done)});
            wake_.notify_one();
            return;
        }
    }
    done(MakeError(ErrorCode::kUnavailable, "the booking engine is stopping",
                   "service en cours d'arrêt, réessayez"));
}

Result<Outcome> BookingEngine::Call(Command command) {
    auto promise = std::make_shared<std::promise<Result<Outcome>>>();
    auto future = promise->get_future();
    Submit(std::move(command), [promise](Result<Outcome> r) { promise->set_value(std::move(r)); });
    return future.get();
}

void BookingEngine::Stop() {
    {
        std::lock_guard lock(mutex_);
        if (stopping_ && !thread_.joinable()) return;
        stopping_ = true;
        wake_.notify_all();
    }
    if (thread_.joinable()) thread_.join();
}

EngineStats BookingEngine::stats() const {
    std::lock_guard lock(mutex_);
    return stats_;
}

// The tours a batch books places on, known before it runs (a cancellation's tour is known only
// once its booking is read).
std::vector<long long> BookingEngine::SessionsBooked(const std::vector<Pending>& batch) {
    std::vector<long long> ids;
    for (const auto& p : batch) {
        if (const auto* book = std::get_if<Book>(&p.command)) ids.push_back(book->session_id);
        if (const auto* accept = std::get_if<AcceptGroupRequest>(&p.command)) ids.push_back(accept->session_id);
    }
    return ids;
}

int BookingEngine::BookingsIn(const std::vector<Pending>& batch) {
    return static_cast<int>(
        std::count_if(batch.begin(), batch.end(), [](const Pending& p) { return std::holds_alternative<Book>(p.command); }));
}

void BookingEngine::ExecuteBatch(const std::vector<Pending>& batch, std::vector<Result<Outcome>>& results) {
    if (RunInOneTransaction(batch, results) != BatchEnd::kKeptLosing || batch.size() == 1) return;
    // Several app servers raced on the same rows (the same tickets cancelled or checked in on
    // both, the same keys sent to both) in orders that deadlock again and again: give up on
    // grouping and run each command alone, in the batch's order. A command alone holds few rows
    // and wins its race after a retry or two.
    spdlog::warn("booking: batch of {} commands kept losing deadlocks; its commands run one per transaction",
                 batch.size());
    {
        std::lock_guard lock(mutex_);
        ++stats_.batches_split;
    }
    results.clear();
    // Each lost deadlock costs PostgreSQL's deadlock_timeout (1 s) before it is reported: past
    // kSplitBudget the rest of the batch answers 503 (retry) rather than hold this writer, and
    // every booking of the instance behind it, for minutes.
    const auto deadline = std::chrono::steady_clock::now() + kSplitBudget;
    for (const auto& p : batch) {
        std::vector<Result<Outcome>> one;
        if (!writer_) {  // the connection was lost on the way
            one.push_back(MakeError(ErrorCode::kUnavailable, "the booking database is unavailable",
                                    "la base des réservations est indisponible, réessayez"));
        } else if (std::chrono::steady_clock::now() > deadline) {
            one.push_back(MakeError(ErrorCode::kUnavailable, "the booking database is too busy: try again",
                                    "la base des réservations est trop occupée, réessayez"));
        } else {
            RunInOneTransaction({Pending{p.command, nullptr}}, one);
        }
        results.push_back(std::move(one.front()));
    }
}

bool BookingEngine::RolledBack() {
    try {
        writer_->db->sql() << "ROLLBACK";
        return true;
    } catch (const std::exception&) {
        return false;
    }
}

void BookingEngine::PauseBeforeAttempt(int attempt) {
    // Two writers that deadlocked and retry at once tend to meet again: a random pause, longer
    // with each attempt (at most 2^attempt ms), lets one of them go first.
    const int most_us = 1000 << std::min(attempt, 6);
    std::this_thread::sleep_for(std::chrono::microseconds(std::uniform_int_distribution<int>(0, most_us)(jitter_)));
}

BookingEngine::BatchEnd BookingEngine::RunInOneTransaction(const std::vector<Pending>& batch,
                                                           std::vector<Result<Outcome>>& results) {
    // PostgreSQL: places counted during the batch and written at its end (Writer::defer_places);
    // SQLite holds its one write lock for the whole batch anyway, and takes them one by one.
    bool defer = writer_->db->dialect() == store::Dialect::kPostgresql;
    for (int attempt = 1;; ++attempt) {
        results.clear();
        try {
            // SQLite: BEGIN IMMEDIATE takes the write lock first (waiting on the busy timeout), so
            // that a read inside the batch never has to upgrade — the upgrade fails at once when
            // another connection wrote in between (SQLITE_BUSY_SNAPSHOT). PostgreSQL locks rows.
            writer_->db->sql() << std::string(store::BeginWriteTransaction(writer_->db->dialect()));
            writer_->BeginBatch(defer, BookingsIn(batch));
            if (!defer) writer_->store->LockSessions(SessionsBooked(batch));
            for (const auto& p : batch) results.push_back(writer_->ExecuteInSavepoint(p.command));
            if (defer && !writer_->ApplyDeferredPlaces()) {
                // Another server took places on one of these tours since this batch read it.
                writer_->db->sql() << "ROLLBACK";
                spdlog::info("booking: batch of {} commands runs again, taking places one by one", batch.size());
                defer = false;
                --attempt;  // not a failure
                continue;
            }
            if (defer) writer_->WriteDeferredRows();  // after the places: the tours' locks first
            writer_->db->sql() << "COMMIT";
            checkpointer_->Note();
            return BatchEnd::kCommitted;
        } catch (const std::exception& e) {
            // PostgreSQL, several app servers: two batches locked the same rows in opposite
            // orders (deadlock) and this one was chosen to give way, or a booking run without a
            // savepoint met another server's row (a unique index): roll back and run the whole
            // batch again — the other batch has gone on meanwhile — the second time with a
            // savepoint per command and places taken one by one.
            const bool transient = store::IsTransientConflict(e);
            const bool rolled_back = (defer || transient) && RolledBack();  // false: the connection is gone
            if (rolled_back && (defer || attempt < kBatchAttempts)) {
                spdlog::warn("booking: batch of {} commands met a concurrent transaction, runs again (attempt {}): {}",
                             batch.size(), attempt + 1, e.what());
                {
                    std::lock_guard lock(mutex_);
                    ++stats_.batches_run_again;
                }
                if (transient) PauseBeforeAttempt(attempt);
                defer = false;
                continue;
            }
            results.assign(batch.size(),
                           MakeError(ErrorCode::kUnavailable, std::string("database error: ") + e.what(),
                                     "erreur de la base de données, réessayez"));
            if (rolled_back) return BatchEnd::kKeptLosing;  // a transient conflict, every attempt lost
            spdlog::error("booking: batch of {} commands failed: {}", batch.size(), e.what());
            // Start again from a fresh connection: a failed statement may still be open in this one
            // (closing it rolls back what the batch wrote).
            writer_.reset();
            return BatchEnd::kFailed;
        }
    }
}

void BookingEngine::Run() {
    auto next_sweep = std::chrono::steady_clock::now() + options_.sweep_every;
    auto next_reminders = std::chrono::steady_clock::now() + options_.remind_every;
    for (;;) {
        std::vector<Pending> batch;
        {
            std::unique_lock lock(mutex_);
            wake_.wait_until(lock, next_sweep, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() && stopping_) return;
            while (!queue_.empty() && static_cast<int>(batch.size()) < options_.max_batch) {
                batch.push_back(std::move(queue_.front()));
                queue_.pop_front();
            }
        }
        if (std::chrono::steady_clock::now() >= next_sweep) {
            batch.push_back({ExpireOffers{}, [](Result<Outcome> r) {
                                 if (!r.ok())
                                     spdlog::warn("booking: offer expiry failed: {}", r.error().message);
                             }});
            next_sweep = std::chrono::steady_clock::now() + options_.sweep_every;
        }
        if (options_.remind_every.count() > 0 && std::chrono::steady_clock::now() >= next_reminders) {
            batch.push_back({SendReminders{}, [](Result<Outcome> r) {
                                 if (!r.ok())
                                     spdlog::warn("booking: reminders failed: {}", r.error().message);
                                 else if (r->reminders_sent > 0)
                                     spdlog::info("booking: {} reminder e-mails queued", r->reminders_sent);
                             }});
            next_reminders = std::chrono::steady_clock::now() + options_.remind_every;
        }
        if (batch.empty()) continue;

        std::vector<Result<Outcome>> results;
        results.reserve(batch.size());
        if (!writer_) {
            try {
                auto db = OpenWriterDatabase(options_);
                if (db.ok()) writer_ = std::make_unique<Writer>(options_, std::move(*db));
            } catch (const std::exception& e) {
                spdlog::error("booking: reopening the database failed: {}", e.what());
            }
            if (!writer_) {
                for (auto& p : batch)
                    p.done(MakeError(ErrorCode::kUnavailable, "the booking database is unavailable",
                                     "la base des réservations est indisponible, réessayez"));
                continue;
            }
        }
        writer_->now = options_.now();
        ExecuteBatch(batch, results);
        {
            std::lock_guard lock(mutex_);
            stats_.commands += static_cast<long long>(batch.size());
            ++stats_.batches;
            stats_.largest_batch =
                std::max<long long>(stats_.largest_batch, static_cast<long long>(batch.size()));
        }
        for (size_t i = 0; i < batch.size(); ++i) batch[i].done(std::move(results[i]));
    }
}

}  // namespace juo::booking
