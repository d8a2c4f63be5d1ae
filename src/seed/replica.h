// The replica of an edition: a deterministic generator of realistic data in the shape of the
// 2025 bilan (227 factories in real industrial communes, 20 sectors, 290 events, 214 on Friday
// and 76 on Saturday, 20,000+ visitors split 53/38/9 %, 75 financed buses, 200+ media…), and
// its writer, which stores it through the same repositories the server uses, in one
// transaction.
//
// Every number drawn comes from a seeded Rng, so a given (year, scale, seed) produces the same
// rows on every machine. Scale K multiplies every count by K with the same shape (K = 75 is
// about the Journées du Patrimoine: 17,000 sites).
//
// An edition *open now* (ReplicaOptions::open_on, `juo seed --open-now`) is the same replica moved
// to dates that follow a given day, as it stands while registrations run: status open, the
// window around that day, the event days a few weeks ahead, the public bookings made so far,
// every Friday group request still pending (the Friday round has not run), and nothing that
// happens after the event (check-ins, buses, surveys, quotes, internships, later press).
//
// Thread-safety: GenerateReplica is a pure function of its options; WriteReplica uses the
// Database it is given (single-threaded).
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "domain/booking.h"
#include "domain/bus.h"
#include "domain/edition.h"
#include "domain/group_request.h"
#include "domain/internship.h"
#include "domain/media.h"
#include "domain/school.h"
#include "domain/session.h"
#include "domain/site.h"
#include "domain/survey.h"
#include "domain/teaching_kit.h"
#include "domain/user.h"
#include "store/db/database.h"
#include "store/surveys/survey_repository.h"

namespace juo::seed {

// Reports progress of a long run: a stage name, items done, items in the stage.
using ProgressFn = std::function<void(std::string_view stage, long long done, long long total)>;

struct ReplicaOptions {
    int year = 2025;
    int scale = 1;             // 1..200
    uint64_t rng_seed = 2025;  // same seed, same data
    ProgressFn progress;       // may be empty
    // Empty: the past edition of `year`, on its real calendar. 'YYYY-MM-DD' (today in Paris): an
    // edition open on that day, with the dates of OpenEditionDatesFrom(open_on); `year` must be
    // theirs. The same (year, scale, seed, open_on) gives the same rows.
    std::string open_on;
    // Issue 18: kRequests writes the edition as it stands at the request deadline — open, tours
    // published, every Friday group request pending, and no group booking, bus, check-in, survey
    // or quote yet (the Friday round has not run: `juo seed --stage requests`). The same
    // (year, scale, seed) gives the same sites, tours and requests as the default kAfterEvent.
    enum class Stage { kAfterEvent, kRequests };
    Stage stage = Stage::kAfterEvent;
};

// "after-event" / "requests" (the --stage values); nullopt for another word.
std::optional<ReplicaOptions::Stage> ParseReplicaStage(std::string_view word);

// The calendar of an edition open on `today` ('YYYY-MM-DD', a Paris date): registrations opened
// 21 days before at 09:00, the event on the first Friday at least 28 days after `today` (school
// classes and job-seeker groups) and the Saturday after it (the public), registrations closing on
// the Tuesday before at 23:59 (as in 2025: the Friday three days after), all in Paris time.
struct OpenEditionDates {
    int year = 0;                        // the event days' year: the edition's
    std::string friday, saturday;        // 'YYYY-MM-DD'
    std::string registration_opens_at;   // UTC instants
    std::string registration_closes_at;
};
inline constexpr int kOpenDaysBefore = 21;
inline constexpr int kEventDaysAfter = 28;

// The dates above; kInvalidArgument when `today` is not a valid date or the Friday and the
// Saturday fall in two years (a Friday 31 December).
Result<OpenEditionDates> OpenEditionDatesFrom(std::string_view today);

inline constexpr int kMaxScale = 200;

// Validates the options: year 2025..2100, scale 1..kMaxScale; with open_on, a valid date whose
// open edition's days fall in `year` (else kInvalidArgument naming the year they fall in).
Status ValidateReplicaOptions(const ReplicaOptions& options);

// A survey with its questions and responses, as generated.
struct GeneratedSurvey {
    domain::Survey survey;
    std::vector<domain::SurveyQuestion> questions;
    std::vector<store::ResponseWithAnswers> responses;
};

// Everything the replica holds, in memory, with references between rows as indexes into these
// vectors (ids are assigned when written). Index fields are named *_index.
struct Replica {
    domain::Edition edition;
    std::vector<domain::Organisation> organisations;
    std::vector<domain::Site> sites;
    std::vector<size_t> site_organisation_index;
    std::vector<domain::Participation> participations;  // site_id holds the site's index
    std::vector<domain::Session> sessions;              // site_id holds the site's index
    std::vector<domain::School> schools;
    std::vector<domain::User> users;
    std::vector<domain::GroupRequest> requests;  // school_id, requester_user_id, wish session/site: indexes
    std::vector<domain::Booking> bookings;       // session_id, user_id, group_request_id: indexes
    std::vector<domain::CheckIn> check_ins;      // booking_id: index
    std::vector<domain::Bus> buses;              // booking_ids: indexes
    std::vector<domain::MediaMention> media;
    std::vector<domain::SocialMentions> social;
    std::vector<GeneratedSurvey> surveys;              // response site_id: index
    std::vector<domain::Quote> quotes;                 // response_id: (survey index << 32) | response index
    std::vector<domain::InternshipOffer> internships;  // site_id: index
    domain::TeachingKitDocument teaching_kit;
};

// Generates the replica in memory. kInvalidArgument on bad options.
Result<Replica> GenerateReplica(const ReplicaOptions& options);

struct WriteSummary {
    long long rows = 0;  // rows inserted in all tables
};

// Writes the replica in one transaction: on any failure nothing is written. kConflict when the
// database already has an edition of that year.
Result<WriteSummary> WriteReplica(store::Database& db, Replica& replica, const ProgressFn& progress);

}  // namespace juo::seed
