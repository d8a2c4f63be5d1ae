// The French words the exports' files (CSV, Excel CSV, XLSX) write in place of the enumerations'
// codes: "Scolaires" for `school`, "acceptée" for `accepted` (issue 19: French headers over
// English values). The JSON export of the API keeps the codes, which programs compare.
//
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>

namespace juo::services {

// The enumerations the export lists hold.
enum class ExportEnum {
    kAudience,             // school, public, job_seekers
    kAudiences,            // the same, several, comma-separated: "job_seekers,school"
    kParticipationStatus,  // draft, submitted, changes_requested, approved, refused, withdrawn
    kSessionStatus,        // draft, open, closed, cancelled
    kRequestStatus,        // pending, accepted, waitlisted, refused, cancelled
    kBookingKind,          // party, group
    kBookingStatus,        // confirmed, cancelled
    kMediaKind,            // print, web, broadcast
    kSurveyAudience,       // hosts, teachers, visitors
    kQuestionKind,         // rating, yes_no, text
};

// The French label of `code`; an unknown code (or an empty one) is returned as is. kAudiences:
// each code labelled, joined by ", " ("France Travail, Scolaires").
std::string ExportLabelFr(ExportEnum what, std::string_view code);

// A stored UTC instant ("2025-01-14T07:10:54Z") as Paris wall-clock time to the minute
// ("2025-01-14 08:10": the form of a report::ColumnType::kDateTime cell); anything else as is.
std::string ParisMinuteOf(std::string_view utc_instant);

}  // namespace juo::services
