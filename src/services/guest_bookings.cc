// Guest bookings (see guest_bookings.h).
#include "services/guest_bookings.h"

#include <algorithm>

#include "auth/email.h"
#include "common/clock.h"
#include "common/text.h"
#include "services/audit.h"
#include "store/bookings/guest_queries.h"
#include "store/db/database.h"

namespace juo::services {
namespace {

Result<std::string> GuestName(const std::string& raw) {
    std::string name(Trim(raw));
    if (name.empty())
        return MakeError(ErrorCode::kInvalidArgument, "Give your name.", "Indiquez votre nom.");
    if (name.size() > 100)
        return MakeError(ErrorCode::kInvalidArgument, "Your name is longer than 100 characters.",
                         "Votre nom dépasse 100 caractères.");
    if (std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
        return MakeError(ErrorCode::kInvalidArgument, "Your name holds a control character.",
                         "Votre nom contient un caractère de contrôle.");
    return name;
}

// "2001:db8:1:2:…" → "2001:db8:1:2", expanding "::" so that every spelling of a /64 is one key.
std::string Ipv6Prefix(const std::string& ip) {
    std::string addr = ip.substr(0, ip.find('%'));  // no zone
    std::vector<std::string> head, tail;
    auto split = [](const std::string& text, std::vector<std::string>& out) {
        size_t start = 0;
        while (start <= text.size() && !text.empty()) {
            size_t end = text.find(':', start);
            out.push_back(text.substr(start, end == std::string::npos ? std::string::npos : end - start));
            if (end == std::string::npos) break;
            start = end + 1;
        }
    };
    const size_t gap = addr.find("::");
    if (gap == std::string::npos) {
        split(addr, head);
    } else {
        split(addr.substr(0, gap), head);
        split(addr.substr(gap + 2), tail);
    }
    std::vector<std::string> groups = head;
    const size_t missing = head.size() + tail.size() < 8 ? 8 - head.size() - tail.size() : 0;
    for (size_t i = 0; i < missing; ++i) groups.push_back("0");
    groups.insert(groups.end(), tail.begin(), tail.end());
    std::string key;
    for (size_t i = 0; i < 4 && i < groups.size(); ++i) {
        std::string g = groups[i];
        std::transform(g.begin(), g.end(), g.begin(), [](unsigned char c) { return std::tolower(c); });
        g.erase(0, std::min(g.find_first_not_of('0'), g.size() - (g.empty() ? 0 : 1)));  // "00ab" → "ab"
        if (g.empty()) g = "0";
        key += (i ? ":" : "") + g;
    }
    return key;
}

}  // namespace

std::string GuestClientKey(const std::string& ip) {
    if (ip.empty()) return "";
    std::string lower = ip;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower.rfind("::ffff:", 0) == 0 && lower.find('.') != std::string::npos) return "ip:" + lower.substr(7);
    if (lower.find(':') == std::string::npos) return "ip:" + lower;
    return "ip6:" + Ipv6Prefix(lower);
}

namespace {

// One guest inside PrepareGuestBookings' transaction: every check reads first, then the writes
// (the attempt, a new guest and its audit entry), so that a refused guest writes nothing and the
// batch's other guests are unaffected. Throws on database failures.
Result<long long> PrepareOneGuest(Db& db, const GuestRequest& request, const GuestLimits& limits, long long now) {
    auto email = auth::NormaliseEmail(request.email);
    if (!email.ok()) return email.error();
    auto name = GuestName(request.display_name);
    if (!name.ok()) return name.error();
    const std::string locale = request.locale == "en" ? "en" : "fr";
    const std::string client = GuestClientKey(request.client_ip);
    if (!client.empty() && store::GuestAttemptsSince(db, client, now - limits.window_seconds) >= limits.per_client)
        return MakeError(ErrorCode::kTooManyRequests,
                         "Too many bookings without an account from this connection: try again in an hour, or "
                         "sign in.",
                         "Trop de réservations sans compte depuis cette connexion : réessayez dans une heure, ou "
                         "connectez-vous.");
    auto found = store::FindUserByEmail(db, *email);
    if (found && found->deleted)
        return MakeError(ErrorCode::kForbidden, "This address cannot book any more.",
                         "Cette adresse ne peut plus réserver.");
    if (found && store::LivePartyBookings(db, found->id, request.edition_id) >= limits.per_address)
        return MakeError(ErrorCode::kTooManyRequests,
                         "This address already holds " + std::to_string(limits.per_address) +
                             " bookings for this edition: cancel one to book another.",
                         "Cette adresse a déjà " + std::to_string(limits.per_address) +
                             " réservations pour cette édition : annulez-en une pour en faire une autre.");
    if (!client.empty()) store::RecordGuestAttempt(db, client, now);
    if (found) return found->id;
    const long long user_id = store::InsertGuestUser(db, *email, *name, locale, NowUtcIso());
    Audit(db, user_id, "user.guest", "app_user", user_id, "guest booking");
    return user_id;
}

}  // namespace

std::vector<Result<long long>> PrepareGuestBookings(Db& db, const std::vector<GuestRequest>& requests,
                                                    const GuestLimits& limits, long long now) {
    std::vector<Result<long long>> answers;
    answers.reserve(requests.size());
    auto done = db.InTransaction<bool>([&]() -> Result<bool> {
        try {
            answers.clear();
            store::ForgetGuestAttempts(db, now - limits.window_seconds);
            for (const auto& request : requests) answers.push_back(PrepareOneGuest(db, request, limits, now));
            return true;
        } catch (const std::exception& e) {
            return DatabaseError(db, e);
        }
    });
    if (!done.ok()) {  // nothing was written: every guest of the batch gets the error
        answers.clear();
        answers.resize(requests.size(), Result<long long>(done.error()));
    }
    return answers;
}

Result<long long> PrepareGuestBooking(Db& db, const GuestRequest& request, const GuestLimits& limits,
                                      long long now) {
    return std::move(PrepareGuestBookings(db, {request}, limits, now).front());
}

Result<SessionForBooking> TourForBookingPage(Db& db, long long session_id) {
    return Guarded<SessionForBooking>(db, [&](Db& d) -> Result<SessionForBooking> {
        auto s = store::LoadTourForPage(d, session_id);
        if (!s)
            return MakeError(ErrorCode::kNotFound, "no tour " + std::to_string(session_id),
                             "aucune visite n°" + std::to_string(session_id));
        return *s;
    });
}

Result<ManagedBooking> BookingToManage(Db& db, long long booking_id) {
    return Guarded<ManagedBooking>(db, [&](Db& d) -> Result<ManagedBooking> {
        auto row = store::LoadManagedBooking(d, booking_id);
        if (!row)
            return MakeError(ErrorCode::kNotFound, "no booking " + std::to_string(booking_id),
                             "réservation introuvable");
        ManagedBooking m;
        m.view = std::move(row->view);
        m.site_address = std::move(row->site_address);
        m.site_postcode = std::move(row->site_postcode);
        m.latitude = row->latitude;
        m.longitude = row->longitude;
        m.safety_rules = std::move(row->safety_rules);
        m.user_email = std::move(row->user_email);
        m.user_has_password = row->user_has_password;
        m.max_party_size = row->max_party_size;
        m.places_left = row->places_left;
        return m;
    });
}

Result<WaitlistOffer> WaitlistOfferToAccept(Db& db, long long entry_id) {
    return Guarded<WaitlistOffer>(db, [&](Db& d) -> Result<WaitlistOffer> {
        auto row = store::LoadWaitlistOffer(d, entry_id);
        if (!row)
            return MakeError(ErrorCode::kNotFound, "no waiting-list entry " + std::to_string(entry_id),
                             "inscription en liste d'attente introuvable");
        return WaitlistOffer{std::move(row->view), std::move(row->site_address),
                             std::move(row->site_postcode), row->booking_id, std::move(row->ticket_code)};
    });
}

}  // namespace juo::services
