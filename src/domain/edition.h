// Edition: one year's event, its days, targets and registration window.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/audience.h"

namespace juo::domain {

enum class EditionStatus { kDraft, kOpen, kClosed, kArchived };
inline constexpr CodeTable<EditionStatus, 4> kEditionStatusCodes{{{EditionStatus::kDraft, "draft"},
                                                                  {EditionStatus::kOpen, "open"},
                                                                  {EditionStatus::kClosed, "closed"},
                                                                  {EditionStatus::kArchived, "archived"}}};
constexpr std::string_view ToCode(EditionStatus s) { return CodeOf(kEditionStatusCodes, s); }
constexpr std::optional<EditionStatus> ParseEditionStatus(std::string_view c) {
    return ValueOf(kEditionStatusCodes, c);
}

struct Edition {
    long long id = 0;
    int year = 0;
    std::string name;  // "1re édition"
    std::optional<int> target_sites;
    std::optional<int> target_visitors;
    std::string registration_opens_at;   // UTC instant, may be empty
    std::string registration_closes_at;  // UTC instant, may be empty
    int max_party_size = 6;
    EditionStatus status = EditionStatus::kDraft;
    std::string created_at;
    std::vector<EditionDay> days;
};

// The years JUO accepts: the first edition was 2025.
inline constexpr int kFirstEditionYear = 2025;
inline constexpr int kLastEditionYear = 2100;

// Checks an edition before it is stored: year in range, at least one day, days inside the
// edition's year, each with at least one audience, no duplicate day, a party size of 1..50.
Status ValidateEdition(const Edition& edition);

// Checks that text is a calendar date 'YYYY-MM-DD' that exists (leap years included).
bool IsValidDate(std::string_view text);

// Checks that text is a local time 'HH:MM' (00:00..23:59).
bool IsValidTime(std::string_view text);

// Parses an edition year given on the command line or in a URL ("2025"); kInvalidArgument
// when it is not a whole number in [kFirstEditionYear, kLastEditionYear].
Result<int> ParseEditionYear(std::string_view text);

}  // namespace juo::domain
