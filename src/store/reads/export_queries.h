// The back office's exports in the store: the rows of each list of an edition (sites, tours,
// group requests, bookings, survey answers; media mentions are in media_queries.h), each list
// read by ONE query whatever the edition's size (no query per row), and limited to a regional
// relay's departments when the scope says so.
//
// What "a relay's departments" means for each list (docs/api/openapi.yaml says the same):
//   sites, tours, bookings: the department of the site;
//   group requests: the request's own department (where the class or group comes from) OR the
//     department of any wished site — the relay moderates both the demand of their territory and
//     the visits offered there;
//   media mentions: the mention's department (national mentions, without one, are the organiser's);
//   survey answers: the department of the site the response is about (hosts' surveys), else the
//     respondent's school's; answers tied to neither are the organiser's only.
//
// Personal data is kept out (data minimisation): no visitor's name or e-mail, no ticket code (it
// is the ticket itself), no respondent's name or label; a group booking names its school.
//
// Throws soci::soci_error on database failures. Thread-safety: as Database (one per thread).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/db/database.h"

namespace juo::store {

// The rows an export may hold: every department (the organiser), or only `departments` (a
// relay; an empty list allows none).
struct ExportScope {
    bool everything = true;
    std::vector<std::string> departments;  // "69", "2A"

    static ExportScope Everything() { return {}; }
    static ExportScope Departments(std::vector<std::string> codes) { return {false, std::move(codes)}; }
    // The SQL condition on `column` ("t.department_code"): "1 = 1", "column IN ('69', '2A')", or
    // "1 = 0". Codes other than 1 to 3 letters and digits are dropped (never written into SQL).
    std::string Condition(const std::string& column) const;
};

// A participating site of the edition (every participation status).
struct SiteExportRow {
    long long site_id = 0;
    std::string name, company, siret, status;  // status: a ParticipationStatus code
    std::string naf_code, naf_division;
    std::string address, postcode, commune_name, department_code, region_code;
    bool wheelchair = false, hearing = false;
    std::string accessibility_notes;
    std::optional<int> min_age;
    int sessions = 0;  // its tours, cancelled ones aside
};
std::vector<SiteExportRow> ExportSites(Database& db, long long edition_id, const ExportScope& scope);

// A tour of the edition with its bookings' totals.
struct SessionExportRow {
    long long session_id = 0, site_id = 0;
    std::string site_name, commune_name, department_code;
    std::string day_date, starts_at, ends_at, status;
    std::string audiences;  // codes, comma-separated, sorted
    std::string min_level;
    int capacity_people = 0, capacity_groups = 0;
    int booked_people = 0, booked_groups = 0;  // confirmed places and groups
    long long checked_in = 0;                  // people counted at the door
};
std::vector<SessionExportRow> ExportSessions(Database& db, long long edition_id, const ExportScope& scope);

// A group request of the edition.
struct RequestExportRow {
    long long request_id = 0;
    std::string submitted_at, audience, status, level;
    std::string school_name, school_uai, commune_name, department_code;
    int pupils = 0, adults = 0;
    bool bus_needed = false;
    std::string wishes;  // "1. Site A; 2. Site B", by rank
    // The tour the request was given (its confirmed booking), if any.
    long long decided_session_id = 0;
    std::string decided_site, decided_day, decided_starts_at;
};
std::vector<RequestExportRow> ExportRequests(Database& db, long long edition_id, const ExportScope& scope);

// A booking of the edition (public party or group).
struct BookingExportRow {
    long long booking_id = 0, session_id = 0;
    std::string day_date, starts_at, site_name, department_code;
    std::string kind, audience, status, created_at;  // codes
    int people = 0;
    std::optional<int> attended;  // checked in
    std::string school_name;      // group bookings only
};
std::vector<BookingExportRow> ExportBookings(Database& db, long long edition_id, const ExportScope& scope);

// One answer to one question of a survey of the edition.
struct AnswerExportRow {
    long long response_id = 0;  // groups the answers of one respondent, who stays anonymous
    std::string survey_title, survey_audience, submitted_at;
    int question_position = 0;
    std::string question_text, question_kind;  // kind: rating, yes_no, text
    std::string site_name, department_code;    // the site the response is about, if any
    std::optional<int> rating;
    std::optional<bool> yes_no;
    std::string text;
};
std::vector<AnswerExportRow> ExportAnswers(Database& db, long long edition_id, const ExportScope& scope);

}  // namespace juo::store
