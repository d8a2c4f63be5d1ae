// The bilan of one edition as plain figures: "one computation, many renderers".
//
// ComputeBilan turns the counts and sums that store::LoadBilanData read from the database into
// every figure of the report (shares, rankings, targets, headline roundings, French phrases);
// the renderers (render_text.h, render_json.h, render_csv.h) only lay those figures out. No
// figure comes from a constant: the only numbers not in BilanData are the national reference
// figures of refdata and kNationalIndustryJobs below.
//
// Thread-safety: pure functions over values; Bilan is a plain value. refdata is safe from any thread.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/reads/bilan_queries.h"

namespace juo::report {

// National salaried employment of industry (NAF sections B to E, divisions 05 to 39), full-time
// equivalent, 2023: the denominator of a division's share of national jobs. Source: INSEE Première
// no 2084 (insee.fr/fr/statistiques/8673351), as in data/industry-employment-2023.csv; Licence
// Ouverte. refdata only carries the jobs of some divisions, not this total.
inline constexpr long long kNationalIndustryJobs = 3'400'000;
inline constexpr int kNationalIndustryJobsYear = 2023;

// A division with no site counts as under-represented only from this national share up (in %),
// so that tiny divisions (tobacco, coal) do not flood the list.
inline constexpr double kUnderRepresentedMinNationalSharePct = 1.0;

struct EditionFigures {
    int year = 0;
    std::string name;                // as stored, "1re édition"
    int ordinal = 0;                 // 1 for the first edition
    std::string ordinal_fr;          // "1re", "2e"
    std::vector<std::string> dates;  // 'YYYY-MM-DD', ascending
    std::string date_phrase_fr;      // "Vendredi 4 et samedi 5 avril 2025"
};

struct PlaceCount {
    std::string code;  // INSEE region or department code
    std::string name;  // its name, or the code when refdata does not know it
    long long sites = 0;
};

struct SitesFigures {
    long long open = 0;
    std::optional<long long> target;
    std::optional<bool> target_met;         // set when there is a target
    std::vector<PlaceCount> by_region;      // most sites first, then by code
    std::vector<PlaceCount> by_department;  // most sites first, then by code
};

struct AudienceLabel {
    std::string code;      // "school"
    std::string label_fr;  // "Scolaires"
};

struct DayFigures {
    std::string date;
    std::string weekday_fr;  // "vendredi"
    std::string day_fr;      // "vendredi 4 avril"
    long long events = 0;    // sites open that day
    long long sessions = 0;
    std::vector<AudienceLabel> audiences;
};

struct EventFigures {
    long long total = 0;  // sum over the days: a site open both days is two events
    std::vector<DayFigures> days;
};

struct SectorFigures {
    std::string division;     // "29"
    std::string short_fr;     // "Automobile"; the official label, or the code, when there is no short name
    bool industrial = false;  // a division 05..39
    long long sites = 0;
    double share_of_sites_pct = 0;  // of all open sites
    // Share of the division among the private employer establishments (excluding craft food shops)
    // of the industrial divisions 05..39; absent for a non-industrial division.
    std::optional<double> national_establishments_share_pct;
    // Its salaried jobs over kNationalIndustryJobs; only where refdata knows the division's jobs.
    std::optional<double> national_jobs_share_pct;
};

enum class ShareMeasure { kEstablishments, kJobs };

// "establishments" or "jobs".
std::string_view ToCode(ShareMeasure measure);

struct UnderRepresentedSector {
    std::string division;
    std::string short_fr;
    long long sites = 0;
    double site_share_pct = 0;  // among the open sites of industrial divisions
    double national_establishments_share_pct = 0;
    std::optional<double> national_jobs_share_pct;
    ShareMeasure measure = ShareMeasure::kEstablishments;  // the larger of the two, which is compared
    double national_share_pct = 0;                         // the value of that measure
    double gap_points = 0;                                 // national_share_pct - site_share_pct
};

struct SectorsFigures {
    long long represented = 0;           // distinct divisions with at least one open site
    long long industrial_sites = 0;      // open sites in divisions 05..39
    std::vector<SectorFigures> sectors;  // represented divisions, most sites first, then by code
    std::vector<SectorFigures> top;      // the first three of `sectors`
    // Industrial divisions whose share of sites is below half their national share (the larger of
    // the establishments and the jobs measure), largest gap first; a division without sites only
    // from kUnderRepresentedMinNationalSharePct.
    std::vector<UnderRepresentedSector> under_represented;
    std::vector<std::string> jobs_known_divisions;  // industrial divisions whose salaried jobs refdata gives
};

struct AudienceVisitorsFigures {
    std::string code;
    std::string label_fr;
    long long attended = 0;  // sum of check-in headcounts
    int share_pct = 0;       // of all attended visitors; the shares sum to 100 (largest remainder)
    long long booked_people = 0;
    long long bookings = 0;
    long long checked_in_bookings = 0;
    std::optional<int> attendance_pct;  // attended / booked_people
};

struct VisitorsFigures {
    long long attended = 0;
    long long booked_people = 0;
    long long bookings = 0;
    long long checked_in_bookings = 0;
    // School, general public, France Travail always (zeros when none), then any other code.
    std::vector<AudienceVisitorsFigures> by_audience;
    std::optional<int> attendance_pct;  // attended / booked_people
    std::optional<long long> target;
    std::optional<bool> target_met;
};

struct SiteDemandFigures {
    long long site_id = 0;
    std::string name;
    std::string commune;
    std::string department_code;
    long long requests = 0;
    long long group_capacity = 0;
    long long accepted_groups = 0;
    double requests_per_group_place = 0;  // requests / group_capacity
};

struct GroupRequestsFigures {
    long long total = 0;
    long long accepted = 0;
    long long refused = 0;
    long long bus_needed = 0;
    long long oversubscribed_sites = 0;  // sites with more requests than group capacity
    // Sites with group capacity and at least one request, by requests per group place, then by
    // requests, then by name; at most ten.
    std::vector<SiteDemandFigures> most_requested;
    // The first of most_requested when it had more requests than group places.
    std::optional<SiteDemandFigures> most_oversubscribed;
    std::string most_oversubscribed_fr;  // "Mécachimique : 10 classes pour 20 demandes", or empty
};

struct BusFigures {
    long long buses = 0;
    long long seats = 0;
    long long cost_cents = 0;
    double km = 0;
    long long groups = 0;  // confirmed group bookings carried
    long long people = 0;  // booked people of those groups
    // Booked people of the group audiences (schools, France Travail): the base of the share below.
    long long booked_group_people = 0;
    // people / booked_group_people, whole %; absent without group bookings. Booked, not attended:
    // the data cannot tell who came by bus.
    std::optional<int> share_of_booked_group_people_pct;
};

struct MediaKindFigures {
    std::string code;      // "print"
    std::string label_fr;  // "parutions papier"
    long long count = 0;
};

struct MediaMonthFigures {
    std::string month;               // "2025-04"
    std::string month_fr;            // "avril 2025"
    std::vector<long long> by_kind;  // same order as MediaFigures::by_kind
    long long total = 0;
};

struct MediaFigures {
    long long total = 0;
    std::vector<MediaKindFigures> by_kind;  // print, web, broadcast, then any other code
    long long social_mentions = 0;
    std::vector<MediaMonthFigures> by_month;  // ascending months
};

// A yes/no proportion from survey answers; pct is absent when nobody answered.
struct RateFigure {
    long long answers = 0;
    long long yes = 0;
    std::optional<int> pct;
};

struct HostSurveyFigures {
    RateFigure satisfied;   // ratings >= domain::kSatisfiedFromRating
    RateFigure open_again;  // would open again next edition
};

struct TeachingKitFigures {
    long long documents = 0;
    long long pages = 0;
};

struct InternshipFigures {
    long long offers = 0;
    long long places = 0;
    long long filled = 0;
    std::optional<int> filled_pct;  // filled / places
};

struct QuoteFigures {
    std::string text;
    std::string author;
};

// The headline tiles, rounded as the 2025 bilan does (see the Headline* functions).
struct Headlines {
    std::string sites;                       // "+227"
    std::string buses;                       // "+75"
    std::string visitors;                    // "+20 000"
    std::string media;                       // "+200"
    std::string social_mentions;             // "+350"
    std::vector<std::string> media_by_kind;  // same order as MediaFigures::by_kind: "+100", "+70", "+20"
};

// Activity of a region or a department.
struct AreaFigures {
    std::string code;
    std::string name;
    std::string region_code;  // a department's region; the code itself for a region
    long long sites = 0;
    long long attended = 0;
    long long booked_people = 0;
    long long requests = 0;  // group requests from there
    long long refused = 0;
};

// A department where school demand found no factory: requests with no site open to groups within
// the radius, or refused requests. The list guides next edition's recruiting.
struct WhiteZone {
    std::string code;
    std::string name;
    long long requests = 0;
    long long pupils = 0;
    long long refused = 0;
    long long far_requests = 0;  // requests not refused with no site open to groups within radius_km
    long long unserved() const { return far_requests + refused; }
};

struct WhiteZonesFigures {
    double radius_km = 0;
    // Departments with refused or far requests, most unserved requests first, then by code.
    std::vector<WhiteZone> departments;
    long long far_requests = 0;
    long long refused = 0;
};

// A target of the edition against what happened.
struct TargetFigure {
    std::string key;  // "sites", "visitors"
    std::string label_fr;
    long long target = 0;
    long long actual = 0;
    std::optional<int> pct_of_target;
    bool met = false;
};

// One figure of this edition next to the previous one.
struct ChangeFigure {
    std::string key;
    std::string label_fr;
    long long current = 0;
    long long previous = 0;
    std::optional<double> change_pct;  // absent when the previous value is 0
    std::string change_fr;             // "+50 %", "-8 %", "=", "nouveau"
};

struct PreviousEditionFigures {
    int year = 0;
    std::string name;
    std::vector<ChangeFigure> changes;
};

// What part of the data the bilan covers.
struct ScopeFigures {
    bool national = true;
    std::string label_fr;  // "France entière", "Auvergne-Rhône-Alpes", "Rhône, Isère"
    std::string region_code;
    std::vector<std::string> department_codes;
    std::string audience;  // code or empty
    std::string audience_label_fr;
};

struct Bilan {
    EditionFigures edition;
    ScopeFigures scope;
    Headlines headlines;
    SitesFigures sites;
    EventFigures events;
    SectorsFigures sectors;
    VisitorsFigures visitors;
    GroupRequestsFigures group_requests;
    BusFigures buses;
    MediaFigures media;
    HostSurveyFigures host_survey;
    TeachingKitFigures teaching_kit;
    InternshipFigures internships;
    std::vector<QuoteFigures> quotes;
    std::vector<AreaFigures> regions;      // by code
    std::vector<AreaFigures> departments;  // by code
    WhiteZonesFigures white_zones;
    std::vector<TargetFigure> targets;
    std::optional<PreviousEditionFigures> previous;
};

// Tuning of ComputeBilan.
struct BilanOptions {
    // A request whose nearest site open to groups is farther than this is a white-zone request.
    double white_zone_radius_km = 30;
};

// Computes every figure of the bilan from the aggregates of one edition, and, when `previous` is
// given (the edition before, same scope), the year-on-year changes. Never fails: missing data
// gives zeros, empty lists and absent rates (no division by zero).
Bilan ComputeBilan(const store::BilanData& data, const store::BilanData* previous = nullptr,
                   const BilanOptions& options = {});

// The scope of a bilan from a region code, department codes and an audience code (each may be
// empty): a region stands for its departments (intersected with `departments` when both are
// given). kInvalidArgument for an unknown code, or departments outside the region.
Result<store::BilanScope> MakeScope(std::string_view region_code, const std::vector<std::string>& departments,
                                    std::string_view audience);

// The change from `previous` to `current` in whole % with its sign, French style: (30, 20) →
// "+50 %", (18, 20) → "-10 %", (20, 20) → "=", (5, 0) → "nouveau", (0, 0) → "=".
std::string ChangeFr(long long current, long long previous);

// ---- Headline rounding rules of the 2025 bilan. Zero or less gives "0" (no plus sign); numbers
// use French thousands separators (a plain space).

// Exact with a plus sign: sites, buses. 227 → "+227", 1234 → "+1 234".
std::string HeadlineExact(long long value);

// Visitors: below 1 000 exact ("+999"); below 100 000 rounded down to the thousand (20 634 →
// "+20 000"); from 100 000 rounded down to two significant digits (1 534 000 → "+1 500 000").
std::string HeadlineVisitors(long long value);

// Media total and social mentions: rounded down to the 50 (212 → "+200", 362 → "+350"); below 50 exact.
std::string HeadlineMediaTotal(long long value);

// Media of one kind: rounded down to the 10 (104 → "+100", 76 → "+70", 23 → "+20"); below 10 exact.
std::string HeadlineMediaKind(long long value);

// A headline figure in words, for chart titles and their alternative texts (issue 19): the
// report's "+" means "more than", never a change, so a figure rounded down reads "plus de 200"
// and an exact one "227" (no sign); `exact` is the figure the headline rounds.
std::string HeadlineWordsFr(const std::string& headline, long long exact);

// A whole percentage the French way, with a space before the sign: 53 → "53 %".
std::string PercentFr(int pct);

// A percentage with `decimals` decimals and a decimal comma: (2.3059, 1) → "2,3 %".
std::string PercentFr(double pct, int decimals);

// A number for data files (JSON, CSV): rounded to at most `max_decimals` decimals, decimal point,
// shortest form: 2.30588 → "2.31", 0.5 → "0.5", 12.0 → "12".
std::string FormatDecimal(double value, int max_decimals = 2);

// round(100 × part / whole) with halves up; absent when whole is 0.
std::optional<int> RoundedPercent(long long part, long long whole);

// Whole percentages of `values` that sum to exactly 100 (largest-remainder method; equal
// remainders favour the earlier value): {1, 1, 1} → {34, 33, 33}. All zeros when the sum is 0.
std::vector<int> LargestRemainderPercents(const std::vector<long long>& values);

// ---- French dates.

// The French weekday ("vendredi") of 'YYYY-MM-DD', or empty when the text is not a date.
std::string WeekdayFr(std::string_view date);

// "vendredi 4 avril" (the 1st is "1er"); the text itself when it is not a date.
std::string DayFr(std::string_view date);

// The days of an edition in one phrase, lower case, month and year said once where shared:
// "vendredi 4 et samedi 5 avril 2025", "vendredi 30 avril et samedi 1er mai 2027",
// "vendredi 4, samedi 5 et dimanche 6 avril 2025". Dates are sorted first; empty for no dates.
std::string DatePhraseFr(std::vector<std::string> dates);

// French abbreviated ordinal: 1 → "1re", 2 → "2e".
std::string OrdinalFr(int n);

// The edition's number: the leading number of its name ("1re édition", "2ème édition") when it
// has one, else year − 2024.
int EditionOrdinal(std::string_view name, int year);

}  // namespace juo::report
