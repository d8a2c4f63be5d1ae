// Offline check-in: reading and applying a phone's queued scans (see offline_check_in.h).
#include "services/offline_check_in.h"

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>

#include "auth/authorisation.h"
#include "common/clock.h"
#include "domain/booking.h"

namespace juo::services {
namespace {

Error Invalid(const std::string& en, const std::string& fr) {
    return MakeError(ErrorCode::kInvalidArgument, en, fr);
}

bool NonceCharacter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

ScanStatus StatusOf(const Error& e) {
    switch (e.code) {
        case ErrorCode::kConflict:
            return ScanStatus::kConflict;
        case ErrorCode::kNotFound:
        case ErrorCode::kForbidden:
        case ErrorCode::kInvalidArgument:
            return ScanStatus::kRefused;
        default:
            return ScanStatus::kRetry;  // busy, or a database failure: the phone sends it again
    }
}

}  // namespace

Result<OfflineScan> ReadOfflineScan(std::string_view nonce, std::string_view ticket_code, long long attended,
                                    std::string_view scanned_at) {
    OfflineScan scan;
    if (nonce.size() < 16 || nonce.size() > 64 || !std::all_of(nonce.begin(), nonce.end(), NonceCharacter))
        return Invalid("nonce must be 16 to 64 letters, digits, dashes or underscores",
                       "nonce doit compter 16 à 64 lettres, chiffres, tirets ou soulignés");
    scan.nonce = std::string(nonce);
    if (ticket_code.size() > 40) return Invalid("ticket_code is too long", "ticket_code est trop long");
    scan.ticket_code = domain::NormaliseTicketCode(ticket_code);
    if (scan.ticket_code.empty())
        return Invalid("ticket_code holds no ticket code", "ticket_code ne contient aucun code de billet");
    if (attended != booking::kEveryoneBooked && (attended < 0 || attended > 1000))
        return Invalid("attended must be -1 (everyone booked) or 0 to 1000",
                       "attended doit valoir -1 (tous les inscrits) ou de 0 à 1000");
    scan.attended = static_cast<int>(attended);
    // "2026-04-03T08:12:40.123Z" (JavaScript's toISOString) is read to the second.
    std::string at(scanned_at.substr(0, 19));
    if (scanned_at.size() > 19 && scanned_at.back() == 'Z') at += 'Z';
    if (scanned_at.size() > 24 || !EpochFromUtcIso(at))
        return Invalid("scanned_at must be a UTC instant such as 2026-04-03T08:12:40Z",
                       "scanned_at doit être un instant UTC tel que 2026-04-03T08:12:40Z");
    scan.scanned_at = std::move(at);
    return scan;
}

const char* ScanStatusName(ScanStatus status) {
    switch (status) {
        case ScanStatus::kCheckedIn:
            return "checked_in";
        case ScanStatus::kAlreadySynced:
            return "already_synced";
        case ScanStatus::kConflict:
            return "conflict";
        case ScanStatus::kRefused:
            return "refused";
        case ScanStatus::kRetry:
            return "retry";
    }
    return "retry";
}

void SyncOfflineScans(booking::BookingEngine& engine, const auth::Principal& who,
                      std::vector<OfflineScan> scans, std::function<void(std::vector<ScanResult>)> done) {
    if (scans.empty()) return done({});
    // The answers gathered as the engine gives them; the last one calls `done`.
    struct Batch {
        std::mutex mutex;
        std::vector<ScanResult> results;
        std::atomic<size_t> left;
        std::function<void(std::vector<ScanResult>)> done;
    };
    auto batch = std::make_shared<Batch>();
    batch->results.resize(scans.size());
    batch->left = scans.size();
    batch->done = std::move(done);
    const auto may = [who](long long site_id) { return auth::CanActOnSite(who, site_id); };
    for (size_t i = 0; i < scans.size(); ++i) {
        auto& scan = scans[i];
        {
            std::lock_guard lock(batch->mutex);
            batch->results[i].nonce = scan.nonce;
            batch->results[i].ticket_code = scan.ticket_code;
        }
        booking::OfflineCheckIn command{booking::CheckIn{scan.ticket_code, scan.attended, who.user_id, may},
                                        scan.nonce, scan.scanned_at};
        engine.Submit(std::move(command), [batch, i](Result<booking::Outcome> outcome) {
            {
                std::lock_guard lock(batch->mutex);
                ScanResult& r = batch->results[i];
                if (outcome.ok()) {
                    r.status = outcome->replayed ? ScanStatus::kAlreadySynced : ScanStatus::kCheckedIn;
                    r.attended = outcome->attended;
                    if (outcome->booking) r.booking_id = outcome->booking->id;
                } else {
                    r.status = StatusOf(outcome.error());
                    r.error = outcome.error();
                }
            }
            if (batch->left.fetch_sub(1) == 1) {
                std::vector<ScanResult> results;
                {
                    std::lock_guard lock(batch->mutex);
                    results = std::move(batch->results);
                }
                batch->done(std::move(results));
            }
        });
    }
}

}  // namespace juo::services
