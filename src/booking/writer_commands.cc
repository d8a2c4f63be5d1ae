// The capacity engine's commands (commands.h), one Execute each, as the writer runs them inside
// its batch's transaction (writer.h; the machinery, savepoints and retries are in engine.cc):
// book (or join the waiting list), cancel, change a party's size, accept an offer, leave the
// waiting list, check in (and undo it), accept or refuse a group request, send tomorrow's
// reminders, expire offers; and the waiting list's promotion when places free up. Every decision is a conditional
// write on what was read (docs/adr/0008): a command that finds the row changed by another app
// server answers as for a repeat. Thread-safety: the writer thread only.
#include <algorithm>
#include <cstdio>
#include <map>
#include <optional>
#include <string>

#include "booking/emails.h"
#include "booking/rules.h"
#include "booking/writer.h"
#include "domain/session.h"
#include "common/clock.h"
#include "common/paris_time.h"
#include "store/bookings/capacity_store.h"
#include "store/groups/group_request_queries.h"
#include "store/mail/host_notices.h"

namespace juo::booking {

namespace {

// The confirmed group booking of `request` at `session`, made at `now`, with a new ticket code.
domain::Booking GroupBooking(const domain::GroupRequest& request, const store::SessionForBooking& session,
                             const std::string& now) {
    domain::Booking b;
    b.edition_id = session.edition_id;
    b.session_id = session.id;
    b.kind = domain::BookingKind::kGroup;
    b.audience = request.audience;
    b.user_id = request.requester_user_id;
    b.group_request_id = request.id;
    b.people = request.people();
    b.status = domain::BookingStatus::kConfirmed;
    b.ticket_code = NewTicketCode();
    b.created_at = now;
    return b;
}

int PlacesLeft(const store::SessionForBooking& s) { return std::max(0, s.capacity_people - s.places_taken); }

Error AlreadyBooked() {
    return MakeError(ErrorCode::kConflict, "you already have a booking for this tour",
                     "vous avez déjà une réservation pour cette visite");
}

Error AlreadyCancelled() {
    return MakeError(ErrorCode::kConflict, "this booking is already cancelled",
                     "cette réservation est déjà annulée");
}

// The answer to a booking whose Idempotency-Key made `earlier`.
Result<Outcome> ReplayOf(const Book& c, const domain::Booking& earlier) {
    if (earlier.user_id != c.user_id || earlier.session_id != c.session_id || earlier.people != c.people)
        return MakeError(ErrorCode::kConflict, "this Idempotency-Key was used for another booking",
                         "cette clé a déjà servi à une autre réservation");
    Outcome o;
    o.kind = Outcome::Kind::kBooked;
    o.booking = earlier;
    o.replayed = true;
    return o;
}

Error OfferGone(const std::string& detail = "") {
    return MakeError(ErrorCode::kConflict, "this waiting-list entry has no open offer" + detail,
                     "cette inscription en liste d'attente n'a pas d'offre en cours");
}

Error OfferExpired() {
    return MakeError(ErrorCode::kConflict, "this offer has expired: its places went to the next on the list",
                     "cette offre a expiré : ses places sont passées aux suivants de la liste");
}

Error AlreadyDecided(const std::string& detail = "") {
    return MakeError(ErrorCode::kConflict, "this request was already decided" + detail,
                     "cette demande a déjà reçu une réponse");
}

// The UTC instant the tour starts ("" when its day or time is not readable).
std::string TourStartUtc(const store::SessionForBooking& s) {
    int hour = 0, minute = 0;
    const char* text = s.starts_at.c_str();
    if (std::sscanf(text, "%d:%d", &hour, &minute) != 2) return "";
    return ParisLocalToUtc(s.day_date, hour, minute, 0);
}

}  // namespace

Result<store::SessionForBooking> BookingEngine::Writer::Session(long long id) {
    auto s = LoadSession(id);
    if (!s)
        return MakeError(ErrorCode::kNotFound, "no tour " + std::to_string(id),
                         "aucune visite n°" + std::to_string(id));
    return *s;
}

Result<store::UserContact> BookingEngine::Writer::User(long long id) {
    auto u = store->FindUser(id);
    if (!u)
        return MakeError(ErrorCode::kNotFound, "no user " + std::to_string(id), "utilisateur inconnu");
    return *u;
}

// Offers freed places to the waiting entries that fit, oldest first; returns the offers made.
int BookingEngine::Writer::Promote(long long session_id) {
    auto session = LoadSession(session_id);
    // No offer on a tour whose factory no longer takes part (refused or withdrawn since).
    if (!session || session->status != "open" || !CheckSiteApproved(*session).ok()) return 0;
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
                Send(OfferEmail(*user, row.entry,
                                options.offer_links
                                    ? options.offer_links->LeaveToken(row.entry.id, row.entry.created_at)
                                    : row.leave_token,
                                *session, options.base_url,
                                options.offer_links
                                    ? options.offer_links->OfferPath(row.entry.id, row.entry.created_at)
                                    : std::string()));
        ++offers;
    }
    return offers;
}

int BookingEngine::Writer::PlaceUnplacedGroups(long long session_id) {
    auto session = LoadSession(session_id);
    if (!session || session->status != "open" || !CheckSiteApproved(*session).ok()) return 0;
    if (session->capacity_groups - session->groups_taken <= 0) return 0;
    if (domain::HasStarted(session->day_date, session->starts_at, now)) return 0;
    // The candidates' query reads the edition's requests: only once a round is published (a
    // cheap count first, as this runs on every cancellation of a tour with a group slot).
    if (!store::HasPublishedRun(*db, session->edition_id)) return 0;
    int placed = 0;
    const std::string min_level = store->SessionMinLevel(session_id);
    for (long long id : store::UnplacedRequestsWishing(*db, session_id)) {
        auto view = store::FindGroupRequestView(*db, id);
        if (!view || view->request.status != domain::RequestStatus::kRefused || !view->request.requester_user_id)
            continue;
        const domain::GroupRequest& request = view->request;
        if (std::find(session->audiences.begin(), session->audiences.end(), request.audience) ==
            session->audiences.end())
            continue;
        if (!min_level.empty() && domain::LevelRank(request.level) < domain::LevelRank(min_level)) continue;
        auto user = store->FindUser(*request.requester_user_id);
        if (!user) continue;
        if (!TakePlaces(session_id, request.people(), 1)) continue;  // whole groups only: the next that fits
        domain::Booking b = GroupBooking(request, *session, now);
        const std::string message = "Une place s'est libérée pour votre groupe après la répartition : " +
                                    session->site_name + ", " + SessionWhenFr(*session) + ". / A place freed up "
                                    "for your group after the allocation: " + session->site_name + ", " +
                                    SessionWhenEn(*session) + ".";
        if (!store::AcceptUnplacedRequest(*db, request.id, message, now)) {  // placed by another app server
            ReleasePlaces(session_id, request.people(), 1);
            continue;
        }
        store->InsertBooking(b, "");
        Audit(std::nullopt, "group_request.freed_place", "group_request", request.id,
              std::to_string(b.people) + " people at session " + std::to_string(session_id) + ", booking " +
                  std::to_string(b.id) + " (a place freed after the allocation)");
        Send(GroupAcceptedEmail(*user, b, *session, message, options.base_url));
        for (const auto& host : store::SiteHostRecipients(*db, session->site_id)) {
            auto mail = HostGroupPlacedEmail(host.email, b, *session, view->school_name, options.base_url);
            if (host.digest)
                store::HoldHostNotice(*db, host.user_id, mail.kind, mail.subject, mail.body_text, now);
            else
                Send(std::move(mail));
        }
        ++placed;
        session = LoadSession(session_id);
        if (!session || session->capacity_groups - session->groups_taken <= 0) break;
    }
    return placed;
}

// The answer to a booking whose Idempotency-Key was already used, if it was: by a booking of
// this batch not written yet, or in the database.
std::optional<Result<Outcome>> BookingEngine::Writer::Replay(const Book& c) {
    if (c.idempotency_key.empty()) return std::nullopt;
    std::optional<domain::Booking> earlier;
    if (auto it = batch_keys.find(c.idempotency_key); it != batch_keys.end())
        earlier = it->second;
    else
        earlier = store->FindBookingByKey(c.idempotency_key);
    if (!earlier) return std::nullopt;
    auto replay = ReplayOf(c, *earlier);
    // The tour's places left now, as the first answer gave them then.
    if (replay.ok())
        if (auto session = LoadSession(earlier->session_id)) replay->places_left = PlacesLeft(*session);
    return replay;
}

Result<Outcome> BookingEngine::Writer::Execute(const Book& c) {
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
        // With the installation's secret the leave link is signed and nothing is stored
        // (manage_link.h); without one (tests of the engine alone) a random token is stored.
        std::string token = options.offer_links ? std::string() : NewLeaveToken();
        store->InsertWaitlistEntry(entry, c.audience, token);
        if (options.offer_links) token = options.offer_links->LeaveToken(entry.id, entry.created_at);
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
    Send(ConfirmationEmail(*user, b, *session, options.base_url,
                           options.manage_path ? options.manage_path(b.id, b.ticket_code) : std::string()));
    Outcome o;
    o.kind = Outcome::Kind::kBooked;
    o.booking = b;
    o.places_left = PlacesLeft(*session) - c.people;
    return o;
}

Result<Outcome> BookingEngine::Writer::Execute(const Cancel& c) {
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
    if (b->kind == domain::BookingKind::kGroup) {
        // Issue 19: the factory's hosts are told a group cancelled (a host who chose the daily
        // digest finds it there: store/mail/host_notices.h).
        for (const auto& host : store::SiteHostRecipients(*db, session->site_id)) {
            auto mail = HostGroupCancelledEmail(host.email, *b, *session, options.base_url);
            if (host.digest)
                store::HoldHostNotice(*db, host.user_id, mail.kind, mail.subject, mail.body_text, now);
            else
                Send(std::move(mail));
        }
    }
    Outcome o;
    o.kind = Outcome::Kind::kCancelled;
    o.booking = *b;
    o.offers_made = Promote(b->session_id);
    o.groups_placed = PlaceUnplacedGroups(b->session_id);
    if (auto after = LoadSession(b->session_id)) o.places_left = PlacesLeft(*after);
    return o;
}

Result<Outcome> BookingEngine::Writer::Execute(const AcceptOffer& c) {
    auto row = store->FindWaitlistEntry(c.entry_id);
    long long user_id = c.user_id;
    if (!c.offer_token.empty()) {
        // By the e-mailed link: one answer for a wrong token, another entry's and an unknown
        // entry, which does not say whether the entry exists.
        if (!row || !row->entry.user_id || !options.offer_links ||
            !options.offer_links->CheckOffer(row->entry.id, row->entry.created_at, c.offer_token))
            return MakeError(ErrorCode::kForbidden, "this link does not open a waiting-list offer",
                             "ce lien ne permet pas d'accepter une offre de liste d'attente");
        user_id = *row->entry.user_id;
    } else if (!row || row->entry.user_id != c.user_id) {
        return MakeError(
            ErrorCode::kNotFound, "no waiting-list offer " + std::to_string(c.entry_id) + " for you",
            "aucune offre de liste d'attente n°" + std::to_string(c.entry_id) + " pour vous");
    }
    switch (row->entry.status) {
        case domain::WaitlistStatus::kOffered:
            break;
        case domain::WaitlistStatus::kAccepted:
            return MakeError(ErrorCode::kConflict, "this offer was already accepted",
                             "cette offre a déjà été acceptée");
        case domain::WaitlistStatus::kExpired:
            return OfferExpired();
        default:
            return OfferGone(" (" + std::string(domain::ToCode(row->entry.status)) + ")");
    }
    if (row->entry.offer_expires_at < now) return OfferExpired();  // not swept yet
    auto session = Session(row->entry.session_id);
    if (!session.ok()) return session.error();
    auto user = User(user_id);
    if (!user.ok()) return user.error();
    if (store->UserHasBooking(row->entry.session_id, user_id))  // booked directly meanwhile
        return AlreadyBooked();
    domain::Booking b;  // the places are already held by the offer
    b.edition_id = session->edition_id;
    b.session_id = row->entry.session_id;
    b.kind = domain::BookingKind::kParty;
    b.audience = row->audience;
    b.user_id = user_id;
    b.people = row->entry.people;
    b.ticket_code = NewTicketCode();
    b.created_at = now;
    store->InsertBooking(b, "");
    if (!store->ChangeWaitlistStatus(row->entry.id, domain::WaitlistStatus::kOffered,
                                     domain::WaitlistStatus::kAccepted, row->entry.offer_expires_at, b.id))
        return OfferGone();  // expired or left since it was read: the savepoint undoes the booking
    Audit(user_id, "waitlist.accept", "booking", b.id,
          "from waiting-list entry " + std::to_string(row->entry.id));
    Send(ConfirmationEmail(*user, b, *session, options.base_url,
                           options.manage_path ? options.manage_path(b.id, b.ticket_code) : std::string()));
    Outcome o;
    o.kind = Outcome::Kind::kBooked;
    o.booking = b;
    o.places_left = PlacesLeft(*session);
    return o;
}

Result<Outcome> BookingEngine::Writer::Execute(const LeaveWaitlist& c) {
    std::optional<store::CapacityStore::WaitlistRow> row;
    if (!c.leave_token.empty()) {
        // A signed token names its entry ("ID.MAC"); an older one is the random token stored.
        const auto signed_id = ManageLinks::LeaveTokenEntry(c.leave_token);
        if (signed_id && options.offer_links) {
            if (auto r = store->FindWaitlistEntry(*signed_id);
                r && options.offer_links->CheckLeave(r->entry.id, r->entry.created_at, c.leave_token))
                row = r;
        } else if (!signed_id) {
            row = store->FindWaitlistEntryByToken(c.leave_token);
        }
    }
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
    if (auto after = LoadSession(row->entry.session_id)) o.places_left = PlacesLeft(*after);
    return o;
}

Result<Outcome> BookingEngine::Writer::Execute(const CheckIn& c) { return CheckInTicket(c, "", ""); }

Result<Outcome> BookingEngine::Writer::Execute(const OfflineCheckIn& c) {
    return CheckInTicket(c.check_in, c.nonce, c.scanned_at);
}

Result<Outcome> BookingEngine::Writer::CheckInTicket(const CheckIn& c, const std::string& nonce,
                                                     const std::string& scanned_at) {
    auto b = store->FindBookingByTicket(c.ticket_code);
    // A cancellation of it on another server goes before or after: read it again once locked.
    if (b && store->LockBooking(b->id)) b = store->FindBooking(b->id);
    // An offline scan uploaded again (the phone lost the answer, or sent its queue twice): the
    // check-in its nonce made, once. Read under the booking's lock, so that the same upload on two
    // app servers at once finds the other's nonce (or, for another ticket, meets its primary key).
    std::optional<store::CapacityStore::AppliedScan> applied;
    if (!nonce.empty()) applied = store->FindAppliedScan(nonce);
    if (!b)
        return MakeError(ErrorCode::kNotFound, "no ticket " + c.ticket_code,
                         "aucun billet " + c.ticket_code);
    auto session = Session(b->session_id);
    if (!session.ok()) return session.error();
    if (c.may_check_in && !c.may_check_in(session->site_id))
        return MakeError(ErrorCode::kForbidden, "this ticket is for another site",
                         "ce billet est pour un autre site");
    if (applied) {
        if (applied->booking_id != b->id)
            return MakeError(ErrorCode::kConflict, "this scan's nonce was used for another ticket",
                             "l'identifiant de ce pointage a déjà servi pour un autre billet");
        Outcome o;
        o.kind = Outcome::Kind::kCheckedIn;
        o.replayed = true;
        o.attended = applied->attended;
        o.places_left = PlacesLeft(*session);
        o.booking = *b;
        return o;
    }
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
    o.check_in_id = nonce.empty()
                        ? store->InsertCheckIn(b->id, attended, now, c.by_user)
                        : store->InsertOfflineCheckIn(b->id, attended, now, c.by_user, nonce, scanned_at);
    o.attended = attended;
    o.places_left = PlacesLeft(*session);  // a check-in takes or frees no place
    Audit(c.by_user, "booking.check_in", "booking", b->id,
          std::to_string(attended) + " attended" +
              (nonce.empty() ? "" : ", scanned offline at " + scanned_at));
    o.booking = *b;
    return o;
}

Result<Outcome> BookingEngine::Writer::Execute(const UndoCheckIn& c) {
    // A check-in or a cancellation of it on another server goes before or after.
    store->LockBooking(c.booking_id);
    auto b = store->FindBooking(c.booking_id);
    const auto not_checked_in = [&] {
        return MakeError(ErrorCode::kNotFound, "booking " + std::to_string(c.booking_id) + " was not checked in",
                         "la réservation n°" + std::to_string(c.booking_id) + " n'a pas été pointée");
    };
    if (!b) return not_checked_in();
    auto session = Session(b->session_id);
    if (!session.ok()) return session.error();
    if (c.may_check_in && !c.may_check_in(session->site_id))
        return MakeError(ErrorCode::kForbidden, "this ticket is for another site",
                         "ce billet est pour un autre site");
    auto removed = store->DeleteCheckIn(b->id);
    if (!removed) return not_checked_in();
    Outcome o;
    o.kind = Outcome::Kind::kCheckInUndone;
    o.attended = *removed;
    o.places_left = PlacesLeft(*session);  // a check-in took no place: none to give back
    Audit(c.by_user, "booking.check_in_undo", "booking", b->id,
          std::to_string(*removed) + " attended, undone");
    o.booking = *b;
    return o;
}

// The request `id`, still waiting for a decision.
Result<store::GroupRequestView> BookingEngine::Writer::UndecidedRequest(long long id) {
    auto view = store::FindGroupRequestView(*db, id);
    if (!view)
        return MakeError(ErrorCode::kNotFound, "no group request " + std::to_string(id),
                         "aucune demande de groupe n°" + std::to_string(id));
    const auto status = view->request.status;
    if (status != domain::RequestStatus::kPending && status != domain::RequestStatus::kWaitlisted)
        return AlreadyDecided(" (" + std::string(domain::ToCode(status)) + ")");
    return *view;
}

Result<Outcome> BookingEngine::Writer::Execute(const AcceptGroupRequest& c) {
    auto view = UndecidedRequest(c.request_id);
    if (!view.ok()) return view.error();
    const domain::GroupRequest& request = view->request;
    auto session = Session(c.session_id);
    if (!session.ok()) return session.error();
    JUO_TRY(CheckSiteApproved(*session));
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
    domain::Booking b = GroupBooking(request, *session, now);
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

Result<Outcome> BookingEngine::Writer::Execute(const RefuseGroupRequest& c) {
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

Result<Outcome> BookingEngine::Writer::Execute(const SendReminders& c) {
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
        Send(ReminderEmail(due.to, due.booking, it->second, options.base_url,
                           options.manage_path ? options.manage_path(due.booking.id, due.booking.ticket_code)
                                               : std::string()));
        ++o.reminders_sent;
    }
    if (o.reminders_sent > 0)
        Audit(std::nullopt, "booking.remind", "session_day", 0,
              std::to_string(o.reminders_sent) + " reminders for " + tomorrow);
    return o;
}

Result<Outcome> BookingEngine::Writer::Execute(const ExpireOffers&) {
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

Result<Outcome> BookingEngine::Writer::Execute(const OfferFreedPlaces& c) {
    Outcome o;
    o.kind = Outcome::Kind::kSwept;
    for (long long id : c.session_ids) {
        o.offers_made += Promote(id);
        o.groups_placed += PlaceUnplacedGroups(id);
    }
    return o;
}

Result<Outcome> BookingEngine::Writer::Execute(const ChangePeople& c) {
    store->LockBooking(c.booking_id);  // a cancellation or check-in on another server goes before or after
    auto b = store->FindBooking(c.booking_id);
    if (!b || b->user_id != c.user_id)  // someone else's booking is not shown to exist
        return MakeError(ErrorCode::kNotFound, "no booking " + std::to_string(c.booking_id) + " of yours",
                         "aucune réservation n°" + std::to_string(c.booking_id) + " à votre nom");
    if (b->kind != domain::BookingKind::kParty)
        return MakeError(ErrorCode::kConflict, "a group booking's headcount is changed with its host",
                         "l'effectif d'une visite de groupe se modifie avec l'usine");
    if (b->status == domain::BookingStatus::kCancelled) return AlreadyCancelled();
    if (store->HasCheckIn(b->id))
        return MakeError(
            ErrorCode::kConflict, "this booking was checked in at the door: it cannot be changed",
            "cette réservation a déjà été pointée à l'accueil : elle ne peut plus être modifiée");
    auto session = Session(b->session_id);
    if (!session.ok()) return session.error();
    const std::string starts = TourStartUtc(*session);
    if (!starts.empty() && now >= starts)
        return MakeError(ErrorCode::kConflict, "this tour has already started: the booking cannot be changed",
                         "cette visite a déjà commencé : la réservation ne peut plus être modifiée");
    if (c.people < 1 || c.people > session->max_party_size)
        return MakeError(ErrorCode::kInvalidArgument,
                         "a booking is for 1 to " + std::to_string(session->max_party_size) +
                             " people, not " + std::to_string(c.people),
                         "une réservation compte de 1 à " + std::to_string(session->max_party_size) +
                             " personnes, pas " + std::to_string(c.people));
    const int before = b->people;
    const int delta = c.people - before;
    Outcome o;
    o.kind = Outcome::Kind::kChanged;
    o.people_before = before;
    if (delta == 0) {  // nothing to do: no e-mail, no audit
        o.booking = *b;
        o.places_left = PlacesLeft(*session);
        return o;
    }
    if (delta > 0) {
        // More places: as a new booking would take them (edition and tour still open to bookings).
        JUO_TRY(CheckPartyBookable(*session, b->audience, c.people, now));
        if (!TakePlaces(b->session_id, delta, 0)) {
            const int left = PlacesLeft(*session);
            return MakeError(ErrorCode::kFull,
                             "only " + std::to_string(left) + " more places are free: the booking stays at " +
                                 std::to_string(before) + " people",
                             "il ne reste que " + std::to_string(left) +
                                 " places de plus : la réservation reste à " + std::to_string(before) +
                                 " personnes");
        }
    }
    if (!store->ChangeBookingPeople(b->id, before, c.people))  // by another app server since it was read
        return MakeError(ErrorCode::kConflict, "this booking changed meanwhile: try again",
                         "cette réservation vient de changer : réessayez");
    if (delta < 0) ReleasePlaces(b->session_id, -delta, 0);
    b->people = c.people;
    Audit(c.user_id, "booking.change_people", "booking", b->id,
          std::to_string(before) + " -> " + std::to_string(c.people) + " people");
    if (auto user = store->FindUser(c.user_id))
        Send(ChangedEmail(*user, *b, *session, before, options.base_url,
                          options.manage_path ? options.manage_path(b->id, b->ticket_code) : std::string()));
    o.booking = *b;
    if (delta < 0) o.offers_made = Promote(b->session_id);  // the freed places, as a cancellation does
    if (auto after = LoadSession(b->session_id)) o.places_left = PlacesLeft(*after);
    return o;
}

}  // namespace juo::booking
