// See allocation_rounds.h: settings, jobs, the runner and a round. Runs read, published and
// exported: allocation_run_views.cc.
#include "services/allocation_rounds.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <system_error>

#include "alloc/build_problem.h"
#include "alloc/explain.h"
#include "alloc/fcfs.h"
#include "alloc/mip.h"
#include "alloc/solver.h"
#include "alloc/summary.h"
#include "alloc/validator.h"
#include "auth/authorisation.h"
#include "common/clock.h"
#include "common/this_thread.h"
#include "services/audit.h"
#include "store/editions/edition_repository.h"
#include "store/groups/allocation_queries.h"

namespace juo::services {
namespace {

FieldError Bad(std::string field, std::string en, std::string fr) {
    return FieldError{MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr)), std::move(field)};
}

std::string Trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return std::string(s);
}

// A plain decimal ("12", "-3", "2.5", "2,5"): no exponent, no "inf" or "nan", at most 15 digits.
std::optional<double> PlainNumber(const std::string& text) {
    std::string t = text;
    std::replace(t.begin(), t.end(), ',', '.');
    size_t digits = 0, dots = 0;
    for (size_t i = 0; i < t.size(); ++i) {
        char c = t[i];
        if (c >= '0' && c <= '9')
            ++digits;
        else if (c == '.')
            ++dots;
        else if (!(c == '-' && i == 0))
            return std::nullopt;
    }
    if (digits == 0 || digits > 15 || dots > 1) return std::nullopt;
    double v = 0;
    auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    if (ec != std::errc() || end != t.data() + t.size() || !std::isfinite(v)) return std::nullopt;
    return v;
}

std::string Eur(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.2f", v);
    std::string s = buf;
    if (s.size() > 3 && s.substr(s.size() - 3) == ".00") s.resize(s.size() - 3);
    return s;
}

std::string PlacementsText(const std::vector<Placement>& list) {
    std::string out;
    for (const auto& p : list) {
        if (!out.empty()) out += ", ";
        out += std::to_string(p.request_id) + ":" + std::to_string(p.session_id);
    }
    return out;
}

std::variant<std::vector<Placement>, FieldError> ParsePlacements(const std::string& text, const std::string& field) {
    std::vector<Placement> out;
    std::string item;
    auto flush = [&]() -> std::optional<FieldError> {
        std::string t = Trim(item);
        item.clear();
        if (t.empty()) return std::nullopt;
        auto colon = t.find(':');
        long long r = 0, s = 0;
        auto ok = [](const std::string& x, long long& v) {
            auto [end, ec] = std::from_chars(x.data(), x.data() + x.size(), v);
            return !x.empty() && ec == std::errc() && end == x.data() + x.size() && v > 0;
        };
        if (colon == std::string::npos || !ok(Trim(t.substr(0, colon)), r) || !ok(Trim(t.substr(colon + 1)), s))
            return Bad(field, field + ": give request:tour pairs such as 412:88, got '" + t + "'",
                       field + " : donnez des paires demande:visite comme 412:88, reçu « " + t + " »");
        out.push_back({r, s});
        return std::nullopt;
    };
    for (char c : text) {
        if (c == ',' || c == ';' || c == '\n' || c == ' ') {
            if (auto e = flush()) return *e;
        } else {
            item += c;
        }
    }
    if (auto e = flush()) return *e;
    return out;
}

std::string StageName(std::string_view code) { return std::string(code); }

}  // namespace

// ---- settings -------------------------------------------------------------------------------

std::optional<FieldError> CheckRoundSettings(const RoundSettings& s) {
    if (s.year < domain::kFirstEditionYear || s.year > domain::kLastEditionYear)
        return Bad("year", "year: an edition year between 2025 and 2100, got " + std::to_string(s.year),
                   "année : une édition entre 2025 et 2100, reçu " + std::to_string(s.year));
    if (s.seats_per_bus < 1 || s.seats_per_bus > kMaxSeatsPerBus)
        return Bad("seats_per_bus", "seats_per_bus: 1 to 100 seats per bus, got " + std::to_string(s.seats_per_bus),
                   "places par car : de 1 à 100, reçu " + std::to_string(s.seats_per_bus));
    if (!std::isfinite(s.eur_per_bus) || s.eur_per_bus < 0 || s.eur_per_bus > kMaxEurPerBus)
        return Bad("eur_per_bus", "eur_per_bus: 0 to 100,000 EUR per bus, got " + Eur(s.eur_per_bus),
                   "prix par car : de 0 à 100 000 €, reçu " + Eur(s.eur_per_bus));
    if (!std::isfinite(s.eur_per_km) || s.eur_per_km < 0 || s.eur_per_km > kMaxEurPerKm)
        return Bad("eur_per_km", "eur_per_km: 0 to 1,000 EUR per km, got " + Eur(s.eur_per_km),
                   "prix par km : de 0 à 1 000 €, reçu " + Eur(s.eur_per_km));
    if (s.budget_eur && (!std::isfinite(*s.budget_eur) || *s.budget_eur < 0 || *s.budget_eur > kMaxBudgetEur))
        return Bad("budget_eur", "budget_eur: a budget of 0 to 10,000,000 EUR, got " + Eur(*s.budget_eur),
                   "budget : de 0 à 10 000 000 €, reçu " + Eur(*s.budget_eur));
    if (s.max_buses && (*s.max_buses < 0 || *s.max_buses > kMaxBuses))
        return Bad("max_buses", "max_buses: 0 to 10,000 buses, got " + std::to_string(*s.max_buses),
                   "nombre de cars : de 0 à 10 000, reçu " + std::to_string(*s.max_buses));
    if (!std::isfinite(s.time_limit_seconds) || s.time_limit_seconds < kMinTimeLimitSeconds ||
        s.time_limit_seconds > kMaxTimeLimitSeconds)
        return Bad("time_limit_seconds",
                   "time_limit_seconds: 1 to 600 seconds, got " + Eur(s.time_limit_seconds),
                   "durée de calcul : de 1 à 600 secondes, reçu " + Eur(s.time_limit_seconds));
    if (s.pinned.size() + s.excluded.size() > kMaxPlacements)
        return Bad("pinned", "pinned: at most 10,000 pins and exclusions", "au plus 10 000 placements imposés ou exclus");
    for (size_t i = 0; i < s.pinned.size(); ++i)
        for (size_t j = i + 1; j < s.pinned.size(); ++j)
            if (s.pinned[i].request_id == s.pinned[j].request_id)
                return Bad("pinned",
                           "pinned: request " + std::to_string(s.pinned[i].request_id) + " is pinned twice",
                           "la demande " + std::to_string(s.pinned[i].request_id) + " est imposée deux fois");
    for (const auto& p : s.pinned)
        if (std::find(s.excluded.begin(), s.excluded.end(), p) != s.excluded.end())
            return Bad("excluded",
                       "excluded: request " + std::to_string(p.request_id) + " is both pinned to and excluded from tour " +
                           std::to_string(p.session_id),
                       "la demande " + std::to_string(p.request_id) + " est à la fois imposée et exclue de la visite " +
                           std::to_string(p.session_id));
    return std::nullopt;
}

std::variant<RoundSettings, FieldError> ParseRoundSettings(const RoundSettingsText& t) {
    RoundSettings s;
    auto number = [&](const std::string& text, const std::string& field, const char* range_en,
                      const char* range_fr) -> std::variant<std::optional<double>, FieldError> {
        std::string v = Trim(text);
        if (v.empty() || v == "none" || v == "aucun") return std::optional<double>();
        auto n = PlainNumber(v);
        if (!n)
            return Bad(field, field + ": a number " + range_en + ", got '" + v + "'",
                       field + " : un nombre " + range_fr + ", reçu « " + v + " »");
        return std::optional<double>(*n);
    };
#define JUO_NUMBER(var, text, field, en, fr)                                     \
    std::optional<double> var;                                                   \
    {                                                                            \
        auto r = number(text, field, en, fr);                                    \
        if (auto* e = std::get_if<FieldError>(&r)) return *e;                    \
        var = std::get<std::optional<double>>(r);                                \
    }
    JUO_NUMBER(year, t.year, "year", "(an edition year, 2025 to 2100)", "(une année d'édition, 2025 à 2100)")
    JUO_NUMBER(seats, t.seats_per_bus, "seats_per_bus", "of seats from 1 to 100", "de places de 1 à 100")
    JUO_NUMBER(per_bus, t.eur_per_bus, "eur_per_bus", "of euros per bus from 0 to 100,000",
               "d'euros par car de 0 à 100 000")
    JUO_NUMBER(per_km, t.eur_per_km, "eur_per_km", "of euros per km from 0 to 1,000", "d'euros par km de 0 à 1 000")
    JUO_NUMBER(budget, t.budget_eur, "budget_eur", "of euros from 0 to 10,000,000", "d'euros de 0 à 10 000 000")
    JUO_NUMBER(buses, t.max_buses, "max_buses", "of buses from 0 to 10,000", "de cars de 0 à 10 000")
    JUO_NUMBER(limit, t.time_limit_seconds, "time_limit_seconds", "of seconds from 1 to 600",
               "de secondes de 1 à 600")
    JUO_NUMBER(based, t.based_on_run, "based_on_run", "(a run number)", "(un numéro de répartition)")
#undef JUO_NUMBER
    auto whole = [](double v) { return std::floor(v) == v; };
    if (!year) return Bad("year", "year: give the edition's year", "année : indiquez l'année de l'édition");
    if (!whole(*year) || *year < 2025 || *year > 2100)
        return Bad("year", "year: an edition year between 2025 and 2100, got " + Trim(t.year),
                   "année : une édition entre 2025 et 2100, reçu " + Trim(t.year));
    s.year = static_cast<int>(*year);
    if (seats) {
        if (!whole(*seats) || *seats < 1 || *seats > kMaxSeatsPerBus)
            return Bad("seats_per_bus", "seats_per_bus: 1 to 100 seats per bus, got " + Trim(t.seats_per_bus),
                       "places par car : de 1 à 100, reçu " + Trim(t.seats_per_bus));
        s.seats_per_bus = static_cast<int>(*seats);
    }
    if (per_bus) s.eur_per_bus = *per_bus;
    if (per_km) s.eur_per_km = *per_km;
    s.budget_eur = budget;
    if (buses) {
        if (!whole(*buses) || *buses < 0 || *buses > static_cast<double>(kMaxBuses))
            return Bad("max_buses", "max_buses: 0 to 10,000 buses, got " + Trim(t.max_buses),
                       "nombre de cars : de 0 à 10 000, reçu " + Trim(t.max_buses));
        s.max_buses = static_cast<long long>(*buses);
    }
    if (limit) s.time_limit_seconds = *limit;
    if (based) {
        if (!whole(*based) || *based < 1)
            return Bad("based_on_run", "based_on_run: a run number, got " + Trim(t.based_on_run),
                       "répartition de départ : un numéro, reçu " + Trim(t.based_on_run));
        s.based_on_run = static_cast<long long>(*based);
    }
    std::string g = Trim(t.priority_guarantee);
    if (g.empty() || g == "1" || g == "true" || g == "on" || g == "yes" || g == "oui")
        s.priority_guarantee = true;
    else if (g == "0" || g == "false" || g == "off" || g == "no" || g == "non")
        s.priority_guarantee = false;
    else
        return Bad("priority_guarantee", "priority_guarantee: on or off, got '" + g + "'",
                   "garantie des prioritaires : oui ou non, reçu « " + g + " »");
    std::string seed = Trim(t.seed);
    if (!seed.empty()) {
        unsigned long long v = 0;
        auto [end, ec] = std::from_chars(seed.data(), seed.data() + seed.size(), v);
        if (ec != std::errc() || end != seed.data() + seed.size())
            return Bad("seed", "seed: a whole number from 0 to 18446744073709551615, got '" + seed + "'",
                       "graine : un entier de 0 à 18446744073709551615, reçu « " + seed + " »");
        s.seed = v;
    }
    auto pins = ParsePlacements(t.pinned, "pinned");
    if (auto* e = std::get_if<FieldError>(&pins)) return *e;
    s.pinned = std::get<std::vector<Placement>>(pins);
    auto excl = ParsePlacements(t.excluded, "excluded");
    if (auto* e = std::get_if<FieldError>(&excl)) return *e;
    s.excluded = std::get<std::vector<Placement>>(excl);
    if (auto e = CheckRoundSettings(s)) return *e;
    return s;
}

namespace {
RoundSettingsText TextOfLines(const std::string& lines) {
    RoundSettingsText t;
    std::istringstream in(lines);
    std::string line;
    while (std::getline(in, line)) {
        auto eq = line.find('=');
        if (eq == std::string::npos) continue;
        std::string k = line.substr(0, eq), v = line.substr(eq + 1);
        if (k == "year") t.year = v;
        else if (k == "seats_per_bus") t.seats_per_bus = v;
        else if (k == "eur_per_bus") t.eur_per_bus = v;
        else if (k == "eur_per_km") t.eur_per_km = v;
        else if (k == "budget_eur") t.budget_eur = v;
        else if (k == "max_buses") t.max_buses = v;
        else if (k == "time_limit_seconds") t.time_limit_seconds = v;
        else if (k == "priority_guarantee") t.priority_guarantee = v;
        else if (k == "seed") t.seed = v;
        else if (k == "pinned") t.pinned = v;
        else if (k == "excluded") t.excluded = v;
        else if (k == "based_on_run") t.based_on_run = v;
    }
    return t;
}
}  // namespace

// The settings as stored with a job and a run: "key=value" lines that ParseRoundSettings reads.
std::string SettingsLines(const RoundSettings& s) {
    std::ostringstream o;
    o << "year=" << s.year << "\nseats_per_bus=" << s.seats_per_bus << "\neur_per_bus=" << Eur(s.eur_per_bus)
      << "\neur_per_km=" << Eur(s.eur_per_km) << "\nbudget_eur=" << (s.budget_eur ? Eur(*s.budget_eur) : "none")
      << "\nmax_buses=" << (s.max_buses ? std::to_string(*s.max_buses) : "none")
      << "\ntime_limit_seconds=" << Eur(s.time_limit_seconds)
      << "\npriority_guarantee=" << (s.priority_guarantee ? "on" : "off") << "\nseed=" << s.seed
      << "\npinned=" << PlacementsText(s.pinned) << "\nexcluded=" << PlacementsText(s.excluded)
      << "\nbased_on_run=" << (s.based_on_run ? std::to_string(*s.based_on_run) : "") << "\n";
    return o.str();
}

RoundSettings SettingsFromLines(const std::string& lines) {
    RoundSettingsText t = TextOfLines(lines);
    auto parsed = ParseRoundSettings(t);
    if (auto* s = std::get_if<RoundSettings>(&parsed)) return *s;
    RoundSettings fallback;  // a stored run before migration 0013 has no settings
    if (!t.year.empty()) fallback.year = std::atoi(t.year.c_str());
    return fallback;
}


std::variant<RoundSettings, FieldError> ResolveRoundSettings(Db& db, RoundSettingsText text) {
    std::string based = Trim(text.based_on_run);
    if (!based.empty()) {
        long long run = 0;
        auto [end, ec] = std::from_chars(based.data(), based.data() + based.size(), run);
        if (ec != std::errc() || end != based.data() + based.size() || run < 1)
            return Bad("based_on_run", "based_on_run: a run number, got '" + based + "'",
                       "répartition de départ : un numéro, reçu « " + based + " »");
        auto read = store::ReadAllocationRun(db, run);
        if (!read.ok()) return FieldError{read.error(), "based_on_run"};
        if (!*read)
            return FieldError{MakeError(ErrorCode::kNotFound, "no allocation run " + based,
                                        "aucune répartition n'a le numéro " + based),
                              "based_on_run"};
        // The run's values where the caller left a field empty (its year always).
        RoundSettingsText base = TextOfLines((*read)->run.settings);
        auto keep = [](std::string& field, const std::string& from) {
            if (Trim(field).empty()) field = from;
        };
        text.year = std::to_string((*read)->year);
        keep(text.seats_per_bus, base.seats_per_bus);
        keep(text.eur_per_bus, base.eur_per_bus);
        keep(text.eur_per_km, base.eur_per_km);
        keep(text.budget_eur, base.budget_eur);
        keep(text.max_buses, base.max_buses);
        keep(text.time_limit_seconds, base.time_limit_seconds);
        keep(text.priority_guarantee, base.priority_guarantee);
        keep(text.seed, base.seed);
    }
    auto parsed = ParseRoundSettings(text);
    auto* settings = std::get_if<RoundSettings>(&parsed);
    if (!settings || !settings->based_on_run) return parsed;
    auto merged = SettingsBasedOn(db, *settings->based_on_run, *settings);  // the run's pins too
    if (!merged.ok()) return FieldError{merged.error(), "based_on_run"};
    if (auto bad = CheckRoundSettings(*merged)) return *bad;
    return *merged;
}

Result<RoundSettings> SettingsBasedOn(Db& db, long long run_id, const RoundSettings& changes) {
    auto read = store::ReadAllocationRun(db, run_id);
    if (!read.ok()) return read.error();
    if (!*read)
        return MakeError(ErrorCode::kNotFound, "no allocation run " + std::to_string(run_id),
                         "aucune répartition n'a le numéro " + std::to_string(run_id));
    RoundSettings base = SettingsFromLines((*read)->run.settings);
    RoundSettings out = changes;
    out.year = (*read)->year;
    out.based_on_run = run_id;
    // The run's pins stay unless `changes` pins the same request elsewhere or excludes the pair.
    for (const auto& p : base.pinned) {
        bool replaced = std::any_of(out.pinned.begin(), out.pinned.end(),
                                    [&](const Placement& q) { return q.request_id == p.request_id; }) ||
                        std::find(out.excluded.begin(), out.excluded.end(), p) != out.excluded.end();
        if (!replaced) out.pinned.push_back(p);
    }
    for (const auto& x : base.excluded)
        if (std::find(out.excluded.begin(), out.excluded.end(), x) == out.excluded.end() &&
            std::find(out.pinned.begin(), out.pinned.end(), x) == out.pinned.end())
            out.excluded.push_back(x);
    return out;
}

// ---- stages and jobs --------------------------------------------------------------------------

namespace {
constexpr std::pair<RoundStage, std::string_view> kStages[] = {
    {RoundStage::kQueued, "queued"},         {RoundStage::kLoading, "loading"},
    {RoundStage::kFlowBound, "flow_bound"},  {RoundStage::kLp, "lp"},
    {RoundStage::kHeuristic, "heuristic"},   {RoundStage::kCbc, "cbc"},
    {RoundStage::kGlpk, "glpk"},             {RoundStage::kValidating, "validating"},
    {RoundStage::kWriting, "writing"},       {RoundStage::kDone, "done"},
    {RoundStage::kFailed, "failed"},         {RoundStage::kAbandoned, "abandoned"}};

RoundJob JobOf(const store::AllocationJob& j) {
    RoundJob out;
    out.id = j.id;
    out.year = j.year;
    out.edition_id = j.edition_id;
    const bool abandoned = j.state == "abandoned" || store::JobAbandoned(j, NowUtcIso());
    out.stage = abandoned ? RoundStage::kAbandoned : ParseRoundStage(j.stage).value_or(RoundStage::kQueued);
    if (j.state == "done") out.stage = RoundStage::kDone;
    if (j.state == "failed") out.stage = RoundStage::kFailed;
    out.fraction = j.fraction;
    out.run_id = j.run_id;
    out.error = j.error;
    out.error_fr = j.error_fr;
    if (abandoned && out.error.empty()) {
        out.error = "its server stopped mid-run: start the round again";
        out.error_fr = "son serveur s'est arrêté en cours de calcul : relancez le tour";
    }
    out.started_at = j.started_at;
    out.updated_at = j.updated_at;
    out.finished_at = j.finished_at;
    out.started_by = j.started_by;
    out.settings = SettingsFromLines(j.settings);
    return out;
}
}  // namespace

std::string_view RoundStageCode(RoundStage stage) {
    for (const auto& [s, code] : kStages)
        if (s == stage) return code;
    return "queued";
}

std::optional<RoundStage> ParseRoundStage(std::string_view code) {
    for (const auto& [s, c] : kStages)
        if (c == code) return s;
    return std::nullopt;
}

bool RoundFinished(RoundStage s) {
    return s == RoundStage::kDone || s == RoundStage::kFailed || s == RoundStage::kAbandoned;
}

Result<RoundJob> FindRoundJob(Db& db, long long id) {
    auto job = store::FindAllocationJob(db, id);
    if (!job.ok()) return job.error();
    if (!*job)
        return MakeError(ErrorCode::kNotFound, "no allocation round " + std::to_string(id),
                         "aucun tour de répartition n° " + std::to_string(id));
    return JobOf(**job);
}

Result<std::vector<RoundJob>> RoundJobsOf(Db& db, int year, int limit) {
    auto edition = Guarded<domain::Edition>(db, [&](Db& d) { return store::FindEditionByYear(d, year); });
    if (!edition.ok()) return edition.error();
    auto jobs = store::AllocationJobsOf(db, edition->id, limit);
    if (!jobs.ok()) return jobs.error();
    std::vector<RoundJob> out;
    for (const auto& j : *jobs) out.push_back(JobOf(j));
    return out;
}

// ---- a round ----------------------------------------------------------------------------------

Result<long long> RunRound(Db& db, const RoundSettings& settings, std::optional<long long> started_by, long long job_id,
                           const RoundProgress& progress) {
    RoundOptions options;
    options.started_by = started_by;
    options.job_id = job_id;
    options.progress = progress;
    auto outcome = SolveRound(db, settings, options);
    if (!outcome.ok()) return outcome.error();
    return outcome->run_id;
}

Result<RoundOutcome> SolveRound(Db& db, const RoundSettings& settings, const RoundOptions& options) {
    const std::optional<long long> started_by =
        options.started_by && *options.started_by > 0 ? options.started_by : std::nullopt;
    RoundOutcome outcome;
    auto report = [&](RoundStage stage, double fraction) {
        if (options.job_id > 0)
            (void)store::UpdateAllocationJob(db, options.job_id, StageName(RoundStageCode(stage)), fraction);
        if (options.progress) options.progress(stage, fraction);
    };
    if (auto bad = CheckRoundSettings(settings)) return bad->error;
    report(RoundStage::kLoading, 0.01);
    auto data = store::LoadAllocationData(db, settings.year);
    if (!data.ok()) return data.error();

    alloc::ProblemInput input;
    input.requests = std::move(data->requests);
    input.sessions = std::move(data->sessions);
    input.sites = std::move(data->sites);
    input.schools = std::move(data->schools);
    input.carried_over_school_ids = std::move(data->carried_over_school_ids);
    input.bus.cost.seats = settings.seats_per_bus;
    input.bus.cost.fixed_cents = std::llround(settings.eur_per_bus * 100);
    input.bus.cost.per_km_cents = std::llround(settings.eur_per_km * 100);
    if (settings.budget_eur) input.bus.budget_cents = std::llround(*settings.budget_eur * 100);
    if (settings.max_buses) input.bus.max_buses = static_cast<int>(*settings.max_buses);
    if (!settings.budget_eur && !settings.max_buses) {
        input.bus.max_buses = data->financed_buses;
        outcome.financed_buses_used = data->financed_buses;
    }
    for (const auto& p : settings.pinned) input.pinned.emplace_back(p.request_id, p.session_id);
    for (const auto& p : settings.excluded) input.excluded.emplace_back(p.request_id, p.session_id);
    auto problem = alloc::BuildProblem(input);
    if (!problem.ok()) {
        Error e = problem.error();
        if (outcome.financed_buses_used >= 0) {  // say where a bus limit nobody typed comes from
            const std::string n = std::to_string(outcome.financed_buses_used);
            e.message += " (no budget or bus count was given: the limit is the edition's financed buses, " + n + ")";
            e.message_fr += " (ni budget ni nombre de cars : la limite est le nombre de cars financés de l'édition, " +
                            n + ")";
        }
        return e;
    }
    alloc::Instance instance = alloc::Compile(*problem, settings.seed);  // the seed's lottery
    if (!options.export_mps.empty()) {
        alloc::Mip mip(instance);
        if (settings.priority_guarantee) mip.AddGuaranteeRows();  // the model Solve hands CBC
        std::string error;
        if (!mip.WriteMps(options.export_mps, &error)) return MakeError(ErrorCode::kUnavailable, error);
        outcome.mps_note = "Wrote the MIP to " + options.export_mps + " (MPS, " + std::to_string(mip.rows()) +
                           " rows, " + std::to_string(mip.columns()) +
                           " columns, all integer). It minimises; objective offset 0: our objective = -(MPS "
                           "objective).";
    }

    alloc::SolveOptions solve;
    solve.time_limit_seconds = settings.time_limit_seconds;
    solve.seed = settings.seed;
    solve.priority_guarantee = settings.priority_guarantee;
    // The stage the solver is in, for the heartbeat thread (an index into kStages).
    std::atomic<int> current{static_cast<int>(RoundStage::kFlowBound)};
    solve.on_stage = [&](const char* stage, double fraction) {
        const RoundStage st = ParseRoundStage(stage).value_or(RoundStage::kLp);
        current = static_cast<int>(st);
        report(st, 0.05 + 0.85 * fraction);
    };
    std::mutex beat_mutex;
    std::condition_variable beat_cv;
    bool solved = false;
    std::thread beat;
    if (options.heartbeat && options.job_id > 0)
        beat = std::thread([&] {
            NameThisThread("juo-round-beat");
            auto own = ThreadDb(*options.heartbeat);
            if (!own.ok()) return;
            const auto start = std::chrono::steady_clock::now();
            std::unique_lock lock(beat_mutex);
            while (!beat_cv.wait_for(lock, std::chrono::seconds(2), [&] { return solved; })) {
                const double spent =
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
                const double fraction = 0.05 + 0.85 * std::min(1.0, spent / settings.time_limit_seconds);
                (void)store::UpdateAllocationJob(**own, options.job_id,
                                                 StageName(RoundStageCode(static_cast<RoundStage>(current.load()))),
                                                 fraction);
            }
        });
    // The heartbeat ends and is joined however Solve ends: a joinable std::thread destroyed by an
    // exception would terminate the server.
    auto stop_beat = [&] {
        if (!beat.joinable()) return;
        {
            std::lock_guard lock(beat_mutex);
            solved = true;
        }
        beat_cv.notify_all();
        beat.join();
    };
    alloc::SolveResult result;
    try {
        result = alloc::Solve(instance, solve);
    } catch (...) {
        stop_beat();
        throw;
    }
    stop_beat();
    report(RoundStage::kValidating, 0.9);
    alloc::Allocation fcfs = alloc::FirstComeFirstServed(instance);
    // Nothing is written unless the independent validator agrees (ADR 0004). First-come knows no
    // pins or exclusions (the 2025 way): it is checked against the problem without them.
    alloc::Problem unpinned = *problem;
    unpinned.pinned.clear();
    unpinned.excluded.clear();
    for (const auto& [a, p] : {std::pair{&result.allocation, &*problem}, std::pair{&fcfs, &unpinned}}) {
        auto violations = alloc::Validate(*p, alloc::SessionsOf(*p, *a), alloc::Evaluate(instance, *a).bus_groups);
        if (!violations.empty())
            return MakeError(ErrorCode::kInternal, "the allocation breaks a constraint: " + violations[0],
                             "la répartition enfreint une contrainte : " + violations[0]);
    }
    const alloc::Evaluation fcfs_eval = alloc::Evaluate(instance, fcfs);
    auto explanations = alloc::Explain(instance, result.allocation);
    outcome.summary = alloc::SummaryText(instance, result, fcfs);
    outcome.decisions = static_cast<int>(explanations.size());
    for (const auto& e : explanations) {
        outcome.refused += e.outcome == alloc::Outcome::kRefused;
        outcome.moved += e.outcome == alloc::Outcome::kMoved;
    }
    if (options.dry_run) return outcome;
    report(RoundStage::kWriting, 0.95);

    domain::AllocationRun run;
    run.edition_id = data->edition.id;
    run.budget_cents = problem->bus.budget_cents;
    if (problem->bus.max_buses) run.max_buses = *problem->bus.max_buses;
    run.objective = static_cast<double>(result.evaluation.objective);
    run.gap = result.gap;
    run.bound = result.bound;
    run.optimal = result.optimal;
    run.bound_source = result.bound_source;
    run.method_text = result.method;
    run.guarantee_cost_pupils = result.guarantee_cost_pupils;
    run.first_come_buses = fcfs_eval.buses;
    run.first_come_cost_cents = fcfs_eval.bus_cost_cents;
    run.created_by = started_by;
    RoundSettings stored = settings;
    stored.seed = result.seed;
    // A round "based on" this one keeps the bus limit this one used, not today's financed buses
    // (publishing cancels the buses of no run, so the fallback would then read 0).
    if (outcome.financed_buses_used >= 0) stored.max_buses = outcome.financed_buses_used;
    run.settings = SettingsLines(stored);
    run.summary = outcome.summary;
    for (size_t i = 0; i < problem->requests.size(); ++i) {
        domain::AllocationAssignment a;
        a.request_id = problem->requests[i].id;
        if (int k = result.allocation.chosen[i]; k >= 0) {
            const auto& c = problem->candidates[static_cast<size_t>(k)];
            a.session_id = problem->sessions[static_cast<size_t>(c.session)].id;
            a.wish_rank = c.rank;
        }
        if (int k = fcfs.chosen[i]; k >= 0)
            a.first_come_session_id =
                problem->sessions[static_cast<size_t>(problem->candidates[static_cast<size_t>(k)].session)].id;
        a.explanation = explanations[i].text_fr;
        a.explanation_en = explanations[i].text_en;
        run.assignments.push_back(std::move(a));
    }
    for (const auto& g : result.evaluation.bus_groups) {
        domain::AllocationBusGroup b;
        b.session_id = problem->sessions[static_cast<size_t>(g.session)].id;
        for (int i : g.requests) b.request_ids.push_back(problem->requests[static_cast<size_t>(i)].id);
        b.buses = g.buses;
        b.seats = problem->bus.cost.seats;
        b.cost_cents = g.cost_cents / std::max(1, g.buses);
        b.distance_km = g.km / std::max(1, g.buses);
        run.bus_groups.push_back(std::move(b));
    }
    // The run and its audit entry commit together.
    JUO_TRY(store::InsertAllocationRun(db, run, [&] {
        Audit(db, started_by.value_or(0), "allocation.run", "allocation_run", run.id,
              "edition " + std::to_string(settings.year) + ", " + std::to_string(result.evaluation.pupils_served) +
                  " of " + std::to_string(result.evaluation.pupils_requested) + " pupils, " +
                  std::to_string(result.evaluation.buses) + " buses, gap " + Eur(result.gap * 100) + " %, seed " +
                  std::to_string(result.seed));
    }));
    outcome.run_id = run.id;
    return outcome;
}

// ---- the runner -------------------------------------------------------------------------------

RoundRunner::RoundRunner(const Connections& connections, AsideLimits aside)
    : connections_(connections), aside_limits_(aside) {}

RoundRunner::~RoundRunner() {
    {
        std::lock_guard lock(aside_mutex_);
        aside_stopping_ = true;
    }
    aside_ready_.notify_all();
    // Each ends once the queue is empty; the works it had not started are answered kUnavailable.
    for (auto& t : aside_threads_) t.join();
    std::vector<Worker> workers;
    {
        std::lock_guard lock(mutex_);
        workers.swap(workers_);
    }
    for (auto& w : workers)
        if (w.thread.joinable()) w.thread.join();
}

int RoundRunner::running() const { return running_.load(); }

Result<long long> RoundRunner::Start(Db& db, const auth::Principal& who, const RoundSettings& settings) {
    if (!who.Has(domain::Role::kOrganiser))
        return MakeError(ErrorCode::kForbidden, "only the organiser runs an allocation round",
                         "seul l'organisateur lance un tour de répartition");
    if (auto bad = CheckRoundSettings(settings)) return bad->error;
    auto edition = Guarded<domain::Edition>(db, [&](Db& d) { return store::FindEditionByYear(d, settings.year); });
    if (!edition.ok()) return edition.error();
    store::AllocationJob job;
    job.edition_id = edition->id;
    job.year = settings.year;
    job.stage = "queued";
    job.settings = SettingsLines(settings);
    job.time_limit_seconds = settings.time_limit_seconds;
    if (who.user_id > 0) job.started_by = who.user_id;  // the console (CLI, tests) is no user
    JUO_TRY(store::InsertAllocationJob(db, job, [&] {  // the job and its audit entry commit together
        Audit(db, who.user_id, "allocation.round.start", "allocation_job", job.id, "edition " + std::to_string(settings.year));
    }));
    const long long job_id = job.id;
    const std::optional<long long> by = job.started_by;
    ++running_;
    Launch([this, job_id, by, settings] {
        auto db = ThreadDb(connections_);
        if (db.ok()) {
            Result<long long> run = MakeError(ErrorCode::kInternal, "the round stopped", "le tour s'est arrêté");
            try {
                RoundOptions options;
                options.started_by = by;
                options.job_id = job_id;
                options.heartbeat = &connections_;
                auto outcome = SolveRound(**db, settings, options);
                if (outcome.ok())
                    run = outcome->run_id;
                else
                    run = outcome.error();
            } catch (const std::exception& e) {
                run = MakeError(ErrorCode::kInternal, std::string("the round failed: ") + e.what(),
                                "le tour a échoué");
            }
            if (run.ok())
                (void)store::FinishAllocationJob(**db, job_id, "done", *run, "", "");
            else
                (void)store::FinishAllocationJob(**db, job_id, "failed", std::nullopt, run.error().message,
                                                 run.error().message_fr.empty() ? run.error().message
                                                                                : run.error().message_fr);
        }
        --running_;
    });
    return job_id;
}

void RoundRunner::Launch(std::function<void()> body) {
    std::lock_guard lock(mutex_);
    // The threads that ended are joined here (a round per edition at a time: few).
    std::erase_if(workers_, [](Worker& w) {
        if (!w.finished->load()) return false;
        w.thread.join();
        return true;
    });
    auto finished = std::make_shared<std::atomic<bool>>(false);
    workers_.push_back(Worker{std::thread(), finished});
    workers_.back().thread = std::thread([body = std::move(body), finished] {
        NameThisThread("juo-round");
        body();
        finished->store(true);
    });
}

namespace {

Error StoppingError() {
    return MakeError(ErrorCode::kUnavailable, "the server is stopping: try again in a moment",
                     "le serveur s'arrête : réessayez dans un instant");
}

Error BusyError() {
    return MakeError(ErrorCode::kUnavailable, "the server is busy with long work: try again in a moment",
                     "le serveur est occupé par de longs travaux : réessayez dans un instant");
}

}  // namespace

void RoundRunner::RunAside(std::function<void(Result<Db*>)> work) {
    bool stopping = false;
    {
        std::lock_guard lock(aside_mutex_);
        stopping = aside_stopping_;
        if (!stopping && aside_queue_.size() < aside_limits_.waiting) {
            try {
                while (static_cast<int>(aside_threads_.size()) < std::max(1, aside_limits_.workers))
                    aside_threads_.emplace_back([this] { AsideLoop(); });
            } catch (const std::system_error& e) {  // no thread to be had: the ones started serve
                spdlog::error("allocation: cannot start a thread for work aside: {}", e.what());
            }
            if (!aside_threads_.empty()) {
                aside_queue_.push_back(std::move(work));
                aside_ready_.notify_one();
                return;
            }
        } else if (!stopping) {
            spdlog::warn("allocation: {} works waiting aside already; one more refused", aside_limits_.waiting);
        }
    }
    work(stopping ? StoppingError() : BusyError());
}

void RoundRunner::AsideLoop() {
    NameThisThread("juo-aside");
    for (;;) {
        std::function<void(Result<Db*>)> work;
        bool stopping = false;
        {
            std::unique_lock lock(aside_mutex_);
            aside_ready_.wait(lock, [this] { return aside_stopping_ || !aside_queue_.empty(); });
            if (aside_queue_.empty()) return;  // stopping, and nothing left
            work = std::move(aside_queue_.front());
            aside_queue_.pop_front();
            stopping = aside_stopping_;
        }
        try {
            // A work not started when the server stops is answered, not run: its answer would
            // find no connection, and the stop would wait for every one in turn.
            if (stopping)
                work(StoppingError());
            else
                work(ThreadDb(connections_));
        } catch (const std::exception& e) {
            spdlog::error("allocation: work aside failed: {}", e.what());
        }
    }
}

}  // namespace juo::services
