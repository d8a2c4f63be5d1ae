// Replica stages: the edition, the factories (where, which sector), their tours, the schools.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <optional>

#include "common/clock.h"
#include "common/fingerprint.h"
#include "common/paris_time.h"
#include "domain/edition.h"
#include "refdata/refdata.h"
#include "seed/catalogue.h"
#include "seed/generation.h"

namespace juo::seed {
namespace {

// The 2025 edition's shape, per unit of scale.
constexpr int kOpenSites = 227;
constexpr int kFridayOnlySites = 151;   // 151 + 63 = 214 events on Friday
constexpr int kSaturdayOnlySites = 13;  // 13 + 63 = 76 events on Saturday
constexpr int kNotApprovedSites = 9;    // applied, then refused or withdrew: not counted as open
constexpr int kSchools = 320;
constexpr int kSchoolsAroundSpecialSite =
    8;  // enough classes for its 20 requests, few enough not to skew the rest

std::string FormatDate(std::chrono::sys_days day) {
    std::chrono::year_month_day ymd{day};
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(ymd.year()),
                  static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
    return buf;
}

// A school's UAI letter (0 = 'A'), from its department prefix and number, shifted by the
// edition: the same number in two editions gets two letters. Deterministic on every platform.
int UaiLetter(const std::string& prefix, int serial, int year) {
    unsigned hash = 2166136261u;  // FNV-1a over the prefix, then the number
    for (unsigned char c : prefix) hash = (hash ^ c) * 16777619u;
    hash = (hash ^ static_cast<unsigned>(serial)) * 16777619u;
    return static_cast<int>((hash % 26 + static_cast<unsigned>(year - 2025) % 26) % 26);
}

// First Friday of April of `year` (4 April 2025).
std::chrono::sys_days FirstFridayOfApril(int year) {
    using namespace std::chrono;
    sys_days d{std::chrono::year{year} / April / 1};
    while (weekday{d} != Friday) d += days{1};
    return d;
}

// Gaussian draw (Box-Muller) for popularity spreads.
double Gaussian(Rng& rng) {
    double u1 = std::max(1e-12, rng.Uniform()), u2 = rng.Uniform();
    return std::sqrt(-2 * std::log(u1)) * std::cos(2 * 3.14159265358979 * u2);
}

// Splits `total` among weights by largest remainder, each part at least `minimum`.
std::vector<int> Apportion(const std::vector<double>& weights, int total, int minimum) {
    double sum = 0;
    for (double w : weights) sum += w;
    int remaining = total - minimum * static_cast<int>(weights.size());
    std::vector<int> parts(weights.size(), minimum);
    std::vector<std::pair<double, size_t>> remainders;
    int given = 0;
    for (size_t i = 0; i < weights.size(); ++i) {
        double exact = remaining * weights[i] / sum;
        int whole = static_cast<int>(exact);
        parts[i] += whole;
        given += whole;
        remainders.push_back({exact - whole, i});
    }
    std::sort(remainders.begin(), remainders.end(), [](auto& a, auto& b) {
        return a.first > b.first || (a.first == b.first && a.second < b.second);
    });
    for (int i = 0; i < remaining - given; ++i) ++parts[remainders[i].second];
    return parts;
}

// A SIRET with a valid Luhn checksum.
std::string MakeSiret(Rng& rng) {
    std::string s;
    s.push_back(static_cast<char>('1' + rng.Int(0, 8)));
    for (int i = 1; i < 13; ++i) s.push_back(static_cast<char>('0' + rng.Int(0, 9)));
    for (char last = '0'; last <= '9'; ++last) {
        std::string candidate = s + last;
        int sum = 0;
        for (int i = 0; i < 14; ++i) {
            int d = candidate[13 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
        }
        if (sum % 10 == 0) return candidate;
    }
    return s + "0";
}

// "de Lyon", "d'Annecy", "du Havre" is left as "de Le Havre" → "du Havre".
std::string OfPlace(const std::string& place) {
    if (place.rfind("Le ", 0) == 0) return "du " + place.substr(3);
    if (place.rfind("Les ", 0) == 0) return "des " + place.substr(4);
    static const std::string kVowels = "AEIOUYÉÈÎÂ";
    if (!place.empty() && (kVowels.find(place[0]) != std::string::npos || place.rfind("É", 0) == 0 ||
                           place.rfind("Î", 0) == 0 || place[0] == 'H'))
        return "d'" + place;
    return "de " + place;
}

LatLon Jitter(Rng& rng, LatLon p, double km) {
    double r = km * std::sqrt(rng.Uniform());
    double angle = rng.Uniform(0, 2 * 3.14159265358979);
    return {p.lat + r * std::cos(angle) / 111.0,
            p.lon + r * std::sin(angle) / (111.0 * std::cos(p.lat * 3.14159265358979 / 180))};
}

// The accessibility note drawn (index `drawn`) if the site offers the kind it speaks of, else the
// first note of a kind it offers, else none.
std::string AccessibilityNoteFor(const domain::Site& site, size_t drawn) {
    auto offered = [&](const AccessibilityNote& note) {
        return note.hearing ? site.hearing_access : site.wheelchair_access;
    };
    if (offered(kAccessibilityNotes[drawn])) return std::string(kAccessibilityNotes[drawn].text);
    for (const auto& note : kAccessibilityNotes)
        if (offered(note)) return std::string(note.text);
    return {};
}

}  // namespace

long long ParisSpringToEpoch(const std::string& date, int hour, int minute) {
    using namespace std::chrono;
    int y = std::stoi(date.substr(0, 4));
    unsigned m = static_cast<unsigned>(std::stoi(date.substr(5, 2))),
             d = static_cast<unsigned>(std::stoi(date.substr(8, 2)));
    sys_days day{std::chrono::year{y} / month{m} / std::chrono::day{d}};
    return duration_cast<seconds>(day.time_since_epoch()).count() + (hour - 2) * 3600LL + minute * 60LL;
}

std::string GenerationContext::Ticket() {
    // A bijection of the counter (odd multiplier modulo 2^40) spelled in Crockford base 32:
    // unique by construction, not guessable in sequence.
    static const char* kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    // Each edition draws its counters from its own block of 2^34, so that the tickets of several
    // editions in one database never collide.
    const unsigned long long counter = static_cast<unsigned long long>(next_ticket++) +
                                       (static_cast<unsigned long long>(Growth() - 1) << 34);
    unsigned long long x = (counter * 0x9E3779B97F4BULL + options.rng_seed) & ((1ULL << 40) - 1);
    std::string code(8, '0');
    for (int i = 7; i >= 0; --i, x >>= 5) code[i] = kAlphabet[x & 31];
    // Stored as the check-in reads a code (domain::NormaliseTicketCode: no dash, upper case), so
    // that a seeded ticket's QR code or typed code finds it; 8 symbols, never the engine's 10.
    return code;
}

Result<OpenEditionDates> OpenEditionDatesFrom(std::string_view today) {
    using namespace std::chrono;
    if (!domain::IsValidDate(today))
        return MakeError(ErrorCode::kInvalidArgument, "not a date: '" + std::string(today) + "'",
                         "date invalide : « " + std::string(today) + " »");
    const std::string text(today);
    const sys_days day{std::chrono::year{std::stoi(text.substr(0, 4))} /
                       month{static_cast<unsigned>(std::stoi(text.substr(5, 2)))} /
                       std::chrono::day{static_cast<unsigned>(std::stoi(text.substr(8, 2)))}};
    sys_days friday = day + days{kEventDaysAfter};
    while (weekday{friday} != Friday) friday += days{1};
    OpenEditionDates d;
    d.friday = FormatDate(friday);
    d.saturday = FormatDate(friday + days{1});
    d.year = std::stoi(d.friday.substr(0, 4));
    if (d.saturday.substr(0, 4) != d.friday.substr(0, 4))
        return MakeError(ErrorCode::kInvalidArgument,
                         "an edition open on " + text + " would have its Friday and Saturday in two years (" +
                             d.friday + ", " + d.saturday + "): seed it a day later",
                         "une édition ouverte le " + text + " aurait son vendredi et son samedi sur deux années");
    d.registration_opens_at = ParisLocalToUtc(FormatDate(day - days{kOpenDaysBefore}), 9, 0, 0);
    d.registration_closes_at = ParisLocalToUtc(FormatDate(friday - days{3}), 23, 59, 0);
    return d;
}

void GenerateEditionAndSites(GenerationContext& ctx) {
    Rng rng = ctx.root.Fork(1);
    auto& r = ctx.replica;
    const int K = ctx.K();
    auto friday = FirstFridayOfApril(ctx.options.year);
    ctx.friday = FormatDate(friday);
    ctx.saturday = FormatDate(friday + std::chrono::days{1});
    ctx.registration_opens = ParisSpringToEpoch(FormatDate(friday - std::chrono::days{80}), 9, 0);
    std::optional<OpenEditionDates> open;
    if (!ctx.options.open_on.empty()) {
        open = *OpenEditionDatesFrom(ctx.options.open_on);  // checked by ValidateReplicaOptions
        ctx.open = true;
        ctx.open_cut = *EpochFromUtcIso(ParisLocalToUtc(ctx.options.open_on, 0, 0, 0));
        ctx.friday = open->friday;
        ctx.saturday = open->saturday;
        ctx.registration_opens = *EpochFromUtcIso(open->registration_opens_at);
    }

    auto& e = r.edition;
    e.year = ctx.options.year;
    int ordinal = ctx.options.year - domain::kFirstEditionYear + 1;
    e.name = ordinal == 1 ? "1re édition" : std::to_string(ordinal) + "e édition";
    e.target_sites = 200 * K;
    e.target_visitors = 20000 * K;
    e.registration_opens_at = UtcIsoFromEpoch(ctx.registration_opens);
    e.registration_closes_at =
        UtcIsoFromEpoch(ParisSpringToEpoch(FormatDate(friday - std::chrono::days{3}), 23, 59));
    e.max_party_size = 6;
    e.status = domain::EditionStatus::kClosed;
    if (open) {
        e.registration_closes_at = open->registration_closes_at;
        e.status = domain::EditionStatus::kOpen;
    }
    e.created_at = UtcIsoFromEpoch(ctx.registration_opens - 90 * 86400LL);
    e.days = {{0, ctx.friday, {domain::Audience::kSchool, domain::Audience::kJobSeekers}},
              {0, ctx.saturday, {domain::Audience::kPublic}}};

    // Industrial towns: communes with their own position and at least 2,500 inhabitants,
    // weighted by the square root of their population, at least one site in every region.
    std::vector<const refdata::Commune*> towns;
    std::vector<double> town_weights;
    std::map<std::string, std::vector<size_t>> towns_by_region;
    for (const auto& c : refdata::Communes()) {
        if (c.precision != refdata::PositionPrecision::kOwn || c.population < 2500) continue;
        towns_by_region[c.region_code].push_back(towns.size());
        towns.push_back(&c);
        town_weights.push_back(std::sqrt(static_cast<double>(c.population)));
    }
    const int open_sites = kOpenSites * K;
    const int all_sites = open_sites + kNotApprovedSites * K;
    std::vector<size_t> site_towns;
    for (const auto& [region, indexes] : towns_by_region) {
        std::vector<double> w;
        for (size_t i : indexes) w.push_back(town_weights[i]);
        site_towns.push_back(indexes[rng.Weighted(w)]);
    }
    while (static_cast<int>(site_towns.size()) < all_sites) site_towns.push_back(rng.Weighted(town_weights));

    // Sectors: the 2025 skew, every one of the 20 sectors present.
    const auto& profiles = SectorProfiles();
    std::vector<double> sector_weights;
    for (const auto& p : profiles) sector_weights.push_back(p.weight);
    auto quotas = Apportion(sector_weights, open_sites, 1);
    std::vector<size_t> site_sector;
    for (size_t s = 0; s < quotas.size(); ++s) site_sector.insert(site_sector.end(), quotas[s], s);
    for (int i = 0; i < all_sites - open_sites; ++i) site_sector.push_back(rng.Weighted(sector_weights));
    for (size_t i = open_sites; i-- > 1;)
        std::swap(site_sector[i], site_sector[rng.Int(0, static_cast<long long>(i))]);

    ctx.open_sites = open_sites;
    for (int i = 0; i < all_sites; ++i) {
        const auto& profile = profiles[site_sector[i]];
        const auto* town = towns[site_towns[i]];
        std::string_view stem =
            profile.name_stems[rng.Int(0, static_cast<long long>(profile.name_stems.size()) - 1)];
        domain::Organisation org;
        org.name = std::string(stem) + " " + OfPlace(town->name) + " SAS";
        org.created_at = e.created_at;
        domain::Site site;
        site.name = std::string(stem) + " " + OfPlace(town->name);
        if (rng.Chance(0.7)) site.siret = org.siret = MakeSiret(rng);
        site.naf_code = std::string(
            profile.naf_classes[rng.Int(0, static_cast<long long>(profile.naf_classes.size()) - 1)]);
        site.naf_division = site.naf_code.substr(0, 2);
        site.address = std::to_string(rng.Int(1, 120)) + " " +
                       std::string(kStreetNames[rng.Int(0, kStreetNames.size() - 1)]);
        site.postcode = town->postcodes.empty() ? town->code : town->postcodes.front();
        site.commune_code = town->code;
        site.commune_name = town->name;
        site.department_code = town->department_code;
        site.region_code = town->region_code;
        site.position = Jitter(rng, town->position, 4.0);
        site.wheelchair_access = rng.Chance(0.6);
        site.hearing_access = rng.Chance(0.2);
        {
            // The three kinds added by migration 0011 draw from their own stream, seeded by the
            // site, so that every other generated value stays what it was before them.
            Rng kinds(Fnv1a64(site.name) ^ (static_cast<uint64_t>(i) * 0x9E3779B97F4A7C15ULL));
            site.visual_access = kinds.Chance(0.25);
            site.mental_access = kinds.Chance(site.wheelchair_access ? 0.4 : 0.2);
            site.psychic_access = kinds.Chance(site.mental_access ? 0.35 : 0.08);
        }
        if (rng.Chance(0.5)) {
            // The note is drawn as before (the same random draws, so every other value stays),
            // then replaced by one that says what the site offers if it does not: a wheelchair
            // route only where motor access is ticked, a hearing loop where hearing access is.
            const size_t drawn = static_cast<size_t>(rng.Int(0, kAccessibilityNotes.size() - 1));
            site.accessibility_notes = AccessibilityNoteFor(site, drawn);
        }
        site.safety_rules = kSafetyRules[rng.Int(0, kSafetyRules.size() - 1)];
        std::string description(kDescriptions[rng.Int(0, kDescriptions.size() - 1)]);
        description.replace(description.find("{stem}"), 6, std::string(stem));
        site.description = description;
        if (rng.Chance(0.35)) site.min_age = static_cast<int>(rng.Int(0, 2)) * 2 + 12;
        site.created_at = UtcIsoFromEpoch(ctx.registration_opens - rng.Int(1, 60) * 86400);
        r.site_organisation_index.push_back(r.organisations.size());
        r.organisations.push_back(std::move(org));
        r.sites.push_back(std::move(site));
        ctx.site_stem.push_back(stem);
        ctx.site_popularity.push_back(profile.popularity * std::exp(0.6 * Gaussian(rng)));

        domain::Participation p;
        p.site_id = static_cast<long long>(i);
        p.submitted_at = r.sites.back().created_at;
        p.decided_at = UtcIsoFromEpoch(ctx.registration_opens - rng.Int(0, 10) * 86400);
        p.status = i < open_sites ? domain::ParticipationStatus::kApproved
                                  : (rng.Chance(0.5) ? domain::ParticipationStatus::kRefused
                                                     : domain::ParticipationStatus::kWithdrawn);
        r.participations.push_back(p);
    }
}

void GenerateSessions(GenerationContext& ctx) {
    Rng rng = ctx.root.Fork(2);
    auto& r = ctx.replica;
    const int K = ctx.K();
    // Which open sites open which day: 151 Friday only, 13 Saturday only, 63 both (per unit).
    std::vector<size_t> order(ctx.open_sites);
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    for (size_t i = order.size(); i-- > 1;) std::swap(order[i], order[rng.Int(0, static_cast<long long>(i))]);
    std::vector<int> opens(ctx.open_sites, 0);  // bit 1 Friday, bit 2 Saturday
    for (size_t k = 0; k < order.size(); ++k) {
        const size_t friday_only = static_cast<size_t>(kFridayOnlySites) * K;
        const size_t saturday_only = static_cast<size_t>(kSaturdayOnlySites) * K;
        opens[order[k]] = k < friday_only ? 1 : (k < friday_only + saturday_only ? 2 : 3);
    }
    // The factory with twice as many requests as places: a chemistry site open on Friday.
    ctx.special_site = ctx.open_sites;
    for (size_t i = 0; i < ctx.open_sites && ctx.special_site == ctx.open_sites; ++i)
        if (r.sites[i].naf_division == "20" && (opens[i] & 1)) ctx.special_site = i;
    if (ctx.special_site == ctx.open_sites) ctx.special_site = order.front();
    opens[ctx.special_site] |= 1;
    ctx.site_stem[ctx.special_site] = "Mécachimie";
    r.sites[ctx.special_site].name =
        "Mécachimie " + r.sites[ctx.special_site].name.substr(r.sites[ctx.special_site].name.find(' ') + 1);
    if (r.sites[ctx.special_site].naf_division != "20") r.sites[ctx.special_site].name = "Mécachimie";

    ctx.sessions_of_site.assign(r.sites.size(), {});
    static const std::pair<const char*, const char*> kSlots[] = {
        {"09:00", "11:00"}, {"14:00", "16:00"}, {"10:30", "12:30"}};
    for (size_t site = 0; site < ctx.open_sites; ++site) {
        for (int day = 1; day <= 2; ++day) {
            if (!(opens[site] & day)) continue;
            bool friday = day == 1;
            int tours = rng.Chance(0.8) ? 1 : (rng.Chance(0.85) ? 2 : 3);
            if (site == ctx.special_site && friday) tours = 2;
            for (int t = 0; t < tours; ++t) {
                domain::Session s;
                s.site_id = static_cast<long long>(site);
                s.day_date = friday ? ctx.friday : ctx.saturday;
                s.starts_at = kSlots[t].first;
                s.ends_at = kSlots[t].second;
                s.min_age = r.sites[site].min_age;
                if (friday) {
                    s.audiences = {domain::Audience::kSchool};
                    if (rng.Chance(0.75)) s.audiences.push_back(domain::Audience::kJobSeekers);
                    s.capacity_groups = static_cast<int>(rng.Int(2, 4));
                    s.capacity_people = s.capacity_groups * 30 + static_cast<int>(rng.Int(0, 10));
                    if (rng.Chance(0.2)) s.min_level = "3e";
                    if (site == ctx.special_site) {  // 2 tours × 5 classes, open to every level
                        s.capacity_groups = 5;
                        s.capacity_people = 170;
                        s.min_level.clear();
                    }
                } else {
                    s.audiences = {domain::Audience::kPublic};
                    s.capacity_people = static_cast<int>(rng.Int(6, 22)) * 10;
                }
                (friday ? ctx.friday_sessions : ctx.saturday_sessions).push_back(r.sessions.size());
                ctx.sessions_of_site[site].push_back(r.sessions.size());
                r.sessions.push_back(std::move(s));
            }
        }
    }
}

void GenerateSchools(GenerationContext& ctx) {
    Rng rng = ctx.root.Fork(3);
    auto& r = ctx.replica;
    // Schools sit in real communes within 35 km of a factory open on Friday.
    PointGrid communes;
    std::vector<const refdata::Commune*> positioned;
    for (const auto& c : refdata::Communes()) {
        if (c.precision != refdata::PositionPrecision::kOwn) continue;
        communes.Add(positioned.size(), c.position);
        positioned.push_back(&c);
    }
    std::vector<size_t> friday_sites;
    for (size_t site = 0; site < ctx.open_sites; ++site)
        for (size_t s : ctx.sessions_of_site[site])
            if (r.sessions[s].day_date == ctx.friday) {
                friday_sites.push_back(site);
                break;
            }
    std::map<std::string, int> uai_counter;
    const int count = kSchools * ctx.K();
    ctx.special_schools = kSchoolsAroundSpecialSite;
    for (int i = 0; i < count; ++i) {
        // The first schools surround the oversubscribed factory, so that its 20 requests come
        // from nearby classes.
        size_t site = i < kSchoolsAroundSpecialSite
                          ? ctx.special_site
                          : friday_sites[rng.Int(0, static_cast<long long>(friday_sites.size()) - 1)];
        std::vector<size_t> near;
        std::vector<double> weights;
        communes.Visit(r.sites[site].position, 35, [&](size_t index, double) {
            near.push_back(index);
            weights.push_back(std::sqrt(static_cast<double>(positioned[index]->population)) + 10);
        });
        if (near.empty()) {
            if (i < kSchoolsAroundSpecialSite) --ctx.special_schools;
            continue;
        }
        const auto* c = positioned[near[rng.Weighted(weights)]];
        domain::School school;
        double kind = rng.Uniform();
        school.kind = kind < 0.55   ? domain::SchoolKind::kCollege
                      : kind < 0.7  ? domain::SchoolKind::kLycee
                      : kind < 0.9  ? domain::SchoolKind::kLyceePro
                      : kind < 0.95 ? domain::SchoolKind::kCfa
                                    : domain::SchoolKind::kHigher;
        static const char* kKindNames[] = {
            "Collège", "Lycée", "Lycée professionnel", "CFA", "Lycée technique (BTS)", "École"};
        school.name = std::string(kKindNames[static_cast<int>(school.kind)]) + " " +
                      std::string(kSchoolNamePatrons[rng.Int(0, kSchoolNamePatrons.size() - 1)]) + " " +
                      OfPlace(c->name);
        std::string dep = c->department_code;
        std::string prefix = dep == "2A" ? "620" : dep == "2B" ? "720" : dep.size() == 2 ? "0" + dep : dep;
        char uai[16];
        // Each later edition numbers its schools from 5,000 on in each department (the 2025
        // replica stays below that even at scale 75); past 9,999 a school has no UAI. The
        // letter is the number's, shifted by the edition, so that two later editions sharing a
        // database never make the same UAI (for 26 editions). The random draw is kept so that
        // the rest of the replica is unchanged.
        int serial = ++uai_counter[prefix] + (ctx.Growth() > 1 ? 5000 : 0);
        rng.Int(0, 25);
        std::snprintf(uai, sizeof uai, "%s%04d%c", prefix.c_str(), serial,
                      static_cast<char>('A' + UaiLetter(prefix, serial, ctx.options.year)));
        if (serial < 10000)
            school.uai = uai;  // the UAI is optional: past 9,999 schools a department has none
        school.commune_code = c->code;
        school.commune_name = c->name;
        school.department_code = c->department_code;
        school.region_code = c->region_code;
        school.position = Jitter(rng, c->position, 1.5);
        double prio = rng.Uniform();
        school.priority_education = prio < 0.05  ? domain::PriorityEducation::kRepPlus
                                    : prio < 0.2 ? domain::PriorityEducation::kRep
                                                 : domain::PriorityEducation::kNone;
        school.rural = c->population < 3500;
        r.schools.push_back(std::move(school));
    }
}

}  // namespace juo::seed
