// Offline check-in (issue 19 item 3, ADR 0022): the scans a phone at the door made without a
// network, queued with their original time and a random nonce, uploaded in one batch when it is
// back online. Each scan is read (ReadOfflineScan), then applied through the booking engine as a
// CheckIn carrying its nonce and time (SyncOfflineScans): the check-in is recorded as offline, and
// the same scan uploaded twice counts once (the engine keeps the nonce, migration 0015). Every
// scan gets its answer: checked in, already synced (the same scan again), a conflict (the ticket
// was checked in meanwhile, by another phone or online, or its booking was cancelled), refused (a
// code that names no ticket, another site's ticket, a bad headcount), or "retry" (the engine was
// busy: the phone keeps the scan and sends it again).
//
// Thread-safety: ReadOfflineScan is a pure function. SyncOfflineScans may be called from any
// thread; `done` runs once when every scan has its answer, on the engine's writer thread (or on the
// calling thread when the engine refused the last scans at once: busy or stopped).
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "auth/principal.h"
#include "booking/engine.h"
#include "common/result.h"

namespace juo::services {

// At most this many scans in one upload (a day's queue on one phone fits many times over).
inline constexpr size_t kMaxScansPerSync = 500;

struct OfflineScan {
    std::string nonce;        // the phone's random id of this scan: 16 to 64 of [A-Za-z0-9_-]
    std::string ticket_code;  // normalised (domain::NormaliseTicketCode)
    int attended = 0;         // booking::kEveryoneBooked: the booking's people
    std::string scanned_at;   // UTC, to the second: "2026-04-03T08:12:40Z"
};

// Reads one scan as the phone sent it: `ticket_code` as typed or scanned (any case, dashes,
// spaces, a "JUO:" prefix), `attended` (-1: everyone booked; 0 to 1000), `scanned_at` a UTC instant
// ("2026-04-03T08:12:40Z", fractions of a second dropped). kInvalidArgument names what is wrong.
Result<OfflineScan> ReadOfflineScan(std::string_view nonce, std::string_view ticket_code, long long attended,
                                    std::string_view scanned_at);

enum class ScanStatus { kCheckedIn, kAlreadySynced, kConflict, kRefused, kRetry };

// "checked_in", "already_synced", "conflict", "refused", "retry" (the API's words).
const char* ScanStatusName(ScanStatus status);

struct ScanResult {
    std::string nonce;
    std::string ticket_code;
    ScanStatus status = ScanStatus::kRetry;
    long long booking_id = 0;    // 0 when no ticket was found
    int attended = 0;            // kCheckedIn, kAlreadySynced: the headcount recorded
    std::optional<Error> error;  // why, for kConflict, kRefused and kRetry (French and English)
};

// Applies `scans` for `who` through `engine`, each as a CheckIn on the sites `who` may act on
// (auth::CanActOnSite), and calls `done` with one result per scan, in the order of `scans`.
void SyncOfflineScans(booking::BookingEngine& engine, const auth::Principal& who,
                      std::vector<OfflineScan> scans, std::function<void(std::vector<ScanResult>)> done);

}  // namespace juo::services
