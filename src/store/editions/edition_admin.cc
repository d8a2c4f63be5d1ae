// The organiser's editions: list, edit, clone, invitation of last year's hosts (edition_admin.h).
#include "store/editions/edition_admin.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <tuple>

#include "common/clock.h"
#include "common/fingerprint.h"
#include "common/french_dates.h"
#include "store/db/binding.h"
#include "store/db/dialect.h"
#include "store/editions/edition_repository.h"
#include "store/users/user_change_audit.h"

namespace juo::store {
namespace {

namespace chr = std::chrono;

std::optional<chr::sys_days> ParseDay(const std::string& date) {
    auto d = ParseIsoDate(date);
    if (!d) return std::nullopt;
    return chr::sys_days{chr::year{d->year} / chr::month{d->month} / chr::day{d->day}};
}

std::string FormatDay(chr::sys_days day) {
    const chr::year_month_day ymd{day};
    return FormatIsoDate(static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                         static_cast<unsigned>(ymd.day()));
}

struct IsoWeek {
    int year = 0;
    unsigned week = 0;
    unsigned weekday = 0;  // 1 = Monday .. 7 = Sunday
};

IsoWeek IsoWeekOf(chr::sys_days day) {
    const unsigned weekday = chr::weekday{day}.iso_encoding();
    const chr::sys_days thursday = day + chr::days{4 - static_cast<int>(weekday)};
    const chr::year iso_year = chr::year_month_day{thursday}.year();
    const chr::sys_days jan1{iso_year / chr::January / 1};
    return {static_cast<int>(iso_year), static_cast<unsigned>((thursday - jan1).count() / 7 + 1), weekday};
}

chr::sys_days FromIsoWeek(int year, unsigned week, unsigned weekday) {
    const chr::sys_days jan4{chr::year{year} / chr::January / 4};
    const chr::sys_days monday = jan4 - chr::days{chr::weekday{jan4}.iso_encoding() - 1};
    return monday + chr::days{(week - 1) * 7 + (weekday - 1)};
}

Error Invalid(std::string en, std::string fr) {
    return MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr));
}

Error Conflict(std::string en, std::string fr) {
    return MakeError(ErrorCode::kConflict, std::move(en), std::move(fr));
}

std::string YearText(int year) { return std::to_string(year); }

// The edition's registration instant for `date`: the stored one when its Paris date is `date`
// (so an unchanged form keeps "09:00"), else `hour:minute:second` of that date in Paris.
std::string WindowInstant(const std::string& stored, const std::string& date, int hour, int minute,
                          int second) {
    if (date.empty()) return "";
    if (!stored.empty() && ParisDateOf(stored) == date) return stored;
    return ParisLocalToUtc(date, hour, minute, second);
}

// The instant a year later: the same Paris wall-clock time on SameIsoWeekdayNextYear of its date.
std::string InstantNextYear(const std::string& stored) {
    auto local = ParisLocalSeconds(stored);
    if (!local) return "";
    const long long time_of_day = ((*local % 86400) + 86400) % 86400;
    const std::string date = SameIsoWeekdayNextYear(ParisDateOf(stored));
    return ParisLocalToUtc(date, static_cast<int>(time_of_day / 3600),
                           static_cast<int>(time_of_day / 60 % 60), static_cast<int>(time_of_day % 60));
}

void InsertDay(Database& db, long long edition_id, domain::EditionDay& day) {
    db.sql() << "INSERT INTO edition_day (edition_id, day_date) VALUES (:e, :d) RETURNING id",
        soci::use(edition_id), soci::use(day.date), soci::into(day.id);
}

void InsertDayAudiences(Database& db, const domain::EditionDay& day) {
    for (auto a : day.audiences) {
        std::string code(domain::ToCode(a));
        db.sql() << "INSERT INTO edition_day_audience (edition_day_id, audience) VALUES (:d, :a)",
            soci::use(day.id), soci::use(code);
    }
}

std::string Optional(const std::optional<int>& v) { return v ? std::to_string(*v) : "-"; }

// The checks of an edit that need no database: the domain's rules, then the targets and the
// registration window against the edition's year.
Status CheckEdit(const domain::Edition& candidate, const EditionEdit& edit) {
    JUO_TRY(domain::ValidateEdition(candidate));
    if (candidate.name.size() > 200)
        return Invalid("the name is longer than 200 characters", "le nom dépasse 200 caractères");
    if (candidate.days.size() > 31)
        return Invalid("an edition has at most 31 days", "une édition a au plus 31 jours");
    for (const auto& day : candidate.days)
        if (std::set<domain::Audience>(day.audiences.begin(), day.audiences.end()).size() !=
            day.audiences.size())
            return Invalid("the day " + day.date + " lists an audience twice",
                           "le jour " + day.date + " cite deux fois le même public");
    for (const auto& [target, en, fr] : {std::tuple{edit.target_sites, "factories", "d'usines"},
                                         std::tuple{edit.target_visitors, "visitors", "de visiteurs"}})
        if (target && (*target < 0 || *target > 10000000))
            return Invalid(std::string("the target of ") + en + " must be between 0 and 10,000,000",
                           std::string("l'objectif ") + fr + " doit être entre 0 et 10 000 000");
    const std::string year = YearText(candidate.year);
    for (const auto& [date, en, fr] : {std::tuple{edit.registration_opens_on, "opening", "d'ouverture"},
                                       std::tuple{edit.registration_closes_on, "closing", "de clôture"}}) {
        if (date.empty()) continue;
        if (!domain::IsValidDate(date))
            return Invalid(
                std::string("the registration ") + en + " date '" + date + "' is not a date YYYY-MM-DD",
                std::string("la date ") + fr + " des inscriptions '" + date + "' n'est pas une date");
        if (date.substr(0, 4) != year)
            return Invalid(
                std::string("the registration ") + en + " date " + date + " is not in " + year,
                std::string("la date ") + fr + " des inscriptions (" + date + ") n'est pas en " + year);
    }
    if (!candidate.registration_opens_at.empty() && !candidate.registration_closes_at.empty() &&
        candidate.registration_closes_at <= candidate.registration_opens_at)
        return Invalid("registrations must close after they open",
                       "les inscriptions doivent fermer après leur ouverture");
    return Ok();
}

// The database's rules of an edit: no removed day or audience still used by tours, one open
// edition at most.
Status CheckEditAgainstTours(Database& db, const domain::Edition& stored, const domain::Edition& candidate) {
    for (const auto& day : stored.days) {
        auto kept = std::find_if(candidate.days.begin(), candidate.days.end(),
                                 [&](const auto& d) { return d.date == day.date; });
        if (kept == candidate.days.end()) {
            long long tours = 0;
            db.sql() << "SELECT count(*) FROM session WHERE edition_id = :e AND day_date = :d",
                soci::use(stored.id), soci::use(day.date), soci::into(tours);
            if (tours > 0)
                return Conflict("the day " + day.date + " still has " + std::to_string(tours) +
                                    " tours: move or remove them before removing the day",
                                "le jour " + day.date + " a encore " + std::to_string(tours) +
                                    " visite(s) : déplacez-les ou supprimez-les avant de retirer ce jour");
            continue;
        }
        for (auto a : day.audiences) {
            if (std::find(kept->audiences.begin(), kept->audiences.end(), a) != kept->audiences.end())
                continue;
            long long tours = 0;
            std::string code(domain::ToCode(a));
            db.sql() << "SELECT count(*) FROM session s JOIN session_audience a ON a.session_id = s.id "
                        "WHERE s.edition_id = :e AND s.day_date = :d AND a.audience = :a",
                soci::use(stored.id), soci::use(day.date), soci::use(code), soci::into(tours);
            if (tours > 0)
                return Conflict(
                    "the day " + day.date + " has " + std::to_string(tours) + " tours open to the " + code +
                        " audience: it cannot be taken off that day",
                    "le jour " + day.date + " a " + std::to_string(tours) +
                        " visite(s) ouvertes à ce public : il ne peut pas être retiré de ce jour");
        }
    }
    if (candidate.status == domain::EditionStatus::kOpen) {
        int other = 0;
        soci::indicator ind = soci::i_null;
        db.sql() << "SELECT max(year) FROM edition WHERE status = 'open' AND id <> :e", soci::use(stored.id),
            soci::into(other, ind);
        if (ind == soci::i_ok)
            return Conflict(
                "edition " + YearText(other) + " is open: close it before opening this one",
                "l'édition " + YearText(other) + " est ouverte : fermez-la avant d'ouvrir celle-ci");
    }
    return Ok();
}

// "name=…; status=draft→open; days +2026-04-04 -2026-04-05 ~2026-04-03": what an edit changed.
std::string Changes(const domain::Edition& before, const domain::Edition& after) {
    std::string out;
    auto add = [&](const std::string& what, const std::string& from, const std::string& to) {
        if (from != to) out += (out.empty() ? "" : "; ") + what + ": " + from + " → " + to;
    };
    add("name", before.name, after.name);
    add("target_sites", Optional(before.target_sites), Optional(after.target_sites));
    add("target_visitors", Optional(before.target_visitors), Optional(after.target_visitors));
    add("registration_opens_at", before.registration_opens_at, after.registration_opens_at);
    add("registration_closes_at", before.registration_closes_at, after.registration_closes_at);
    add("max_party_size", std::to_string(before.max_party_size), std::to_string(after.max_party_size));
    add("status", std::string(domain::ToCode(before.status)), std::string(domain::ToCode(after.status)));
    std::string days;
    auto audiences = [](const domain::EditionDay& d) {
        std::set<std::string_view> codes;
        for (auto a : d.audiences) codes.insert(domain::ToCode(a));
        return codes;
    };
    for (const auto& d : after.days) {
        auto was = std::find_if(before.days.begin(), before.days.end(),
                                [&](const auto& b) { return b.date == d.date; });
        if (was == before.days.end())
            days += " +" + d.date;
        else if (audiences(*was) != audiences(d))
            days += " ~" + d.date;
    }
    for (const auto& d : before.days)
        if (std::none_of(after.days.begin(), after.days.end(),
                         [&](const auto& a) { return a.date == d.date; }))
            days += " -" + d.date;
    if (!days.empty()) out += (out.empty() ? "days" : "; days") + days;
    return out;
}

}  // namespace

// ---- ISO weeks ------------------------------------------------------------------------------

std::string SameIsoWeekdayNextYear(const std::string& date) {
    auto day = ParseDay(date);
    if (!day) return "";
    const IsoWeek iso = IsoWeekOf(*day);
    const int target_year = iso.year + 1;
    const unsigned weeks = IsoWeekOf(chr::sys_days{chr::year{target_year} / chr::December / 28}).week;
    chr::sys_days moved = FromIsoWeek(target_year, std::min(iso.week, weeks), iso.weekday);
    // Around New Year the ISO year is not the calendar year: stay in the next calendar year.
    const chr::year wanted = chr::year_month_day{*day}.year() + chr::years{1};
    while (chr::year_month_day{moved}.year() < wanted) moved += chr::days{7};
    while (chr::year_month_day{moved}.year() > wanted) moved -= chr::days{7};
    return FormatDay(moved);
}

// ---- the list -------------------------------------------------------------------------------

std::vector<EditionProgress> ListEditionProgress(Database& db) {
    std::vector<EditionProgress> out;
    std::vector<int> years;
    std::vector<EditionProgress> counts;
    int year = 0;
    long long approved = 0, bookings = 0, visitors = 0;
    soci::statement st =
        (db.sql().prepare
             << "SELECT e.year, (SELECT count(*) FROM participation p WHERE p.edition_id = e.id AND "
                "p.status = 'approved'), (SELECT count(*) FROM booking b WHERE b.edition_id = e.id AND "
                "b.status = 'confirmed'), (SELECT coalesce(sum(b.people), 0) FROM booking b WHERE "
                "b.edition_id = e.id AND b.status = 'confirmed') FROM edition e ORDER BY e.year DESC",
         soci::into(year), soci::into(approved), soci::into(bookings), soci::into(visitors));
    st.execute();
    while (st.fetch()) {
        years.push_back(year);
        EditionProgress p;
        p.approved_sites = approved;
        p.bookings = bookings;
        p.booked_visitors = visitors;
        counts.push_back(p);
    }
    for (size_t i = 0; i < years.size(); ++i) {
        auto edition = FindEditionByYear(db, years[i]);
        if (!edition.ok()) continue;  // deleted meanwhile
        counts[i].edition = std::move(*edition);
        out.push_back(std::move(counts[i]));
    }
    return out;
}

Result<domain::Edition> FindEditionById(Database& db, long long edition_id) {
    int year = 0;
    db.sql() << "SELECT year FROM edition WHERE id = :i", soci::use(edition_id), soci::into(year);
    if (!db.sql().got_data())
        return MakeError(ErrorCode::kNotFound, "no edition " + std::to_string(edition_id),
                         "aucune édition n°" + std::to_string(edition_id));
    return FindEditionByYear(db, year);
}

// ---- the edit -------------------------------------------------------------------------------

EditionEdit EditOf(const domain::Edition& e) {
    EditionEdit edit;
    edit.name = e.name;
    edit.target_sites = e.target_sites;
    edit.target_visitors = e.target_visitors;
    edit.registration_opens_on = ParisDateOf(e.registration_opens_at);
    edit.registration_closes_on = ParisDateOf(e.registration_closes_at);
    edit.max_party_size = e.max_party_size;
    edit.status = e.status;
    edit.days = e.days;
    return edit;
}

std::string EditionVersion(const domain::Edition& e) {
    std::string text = e.name + '\x1f' + (e.target_sites ? std::to_string(*e.target_sites) : "-") + '\x1f' +
                       (e.target_visitors ? std::to_string(*e.target_visitors) : "-") + '\x1f' +
                       e.registration_opens_at + '\x1f' + e.registration_closes_at + '\x1f' +
                       std::to_string(e.max_party_size) + '\x1f' + std::string(domain::ToCode(e.status));
    std::vector<domain::EditionDay> days = e.days;
    std::sort(days.begin(), days.end(), [](const auto& a, const auto& b) { return a.date < b.date; });
    for (auto& day : days) {
        std::sort(day.audiences.begin(), day.audiences.end());
        text += '\x1e' + day.date;
        for (auto a : day.audiences) text += '\x1f' + std::string(domain::ToCode(a));
    }
    return Fnv1a64Hex(text);
}

Result<domain::Edition> UpdateEdition(Database& db, long long edition_id, const EditionEdit& edit,
                                      long long actor_user_id) {
    return db.InTransaction<domain::Edition>([&]() -> Result<domain::Edition> {
        if (!edit.seen_version.empty()) {
            // Another app server's edit of this edition waits here until this one commits (and
            // this one for it), then reads what it wrote: the version check below sees it.
            long long locked = 0;
            db.sql() << "SELECT id FROM edition WHERE id = :i" + std::string(LockedForChange(db.dialect())),
                soci::use(edition_id), soci::into(locked);
        }
        auto stored = FindEditionById(db, edition_id);
        if (!stored.ok()) return stored.error();
        if (!edit.seen_version.empty() && EditionVersion(*stored) != edit.seen_version)
            return MakeError(ErrorCode::kStale,
                             "edition " + YearText(stored->year) +
                                 " was changed by someone else since you read it: read it again, then edit",
                             "l'édition " + YearText(stored->year) +
                                 " a été modifiée par quelqu'un d'autre depuis que vous l'avez ouverte : "
                                 "vos changements ne sont pas enregistrés ; vérifiez-la puis enregistrez à nouveau");
        domain::Edition after = *stored;
        after.name = edit.name;
        after.target_sites = edit.target_sites;
        after.target_visitors = edit.target_visitors;
        after.registration_opens_at =
            WindowInstant(stored->registration_opens_at, edit.registration_opens_on, 0, 0, 0);
        after.registration_closes_at =
            WindowInstant(stored->registration_closes_at, edit.registration_closes_on, 23, 59, 59);
        after.max_party_size = edit.max_party_size;
        after.status = edit.status;
        after.days.clear();
        for (const auto& d : edit.days) after.days.push_back({0, d.date, d.audiences});
        std::sort(after.days.begin(), after.days.end(),
                  [](const auto& a, const auto& b) { return a.date < b.date; });
        JUO_TRY(CheckEdit(after, edit));
        JUO_TRY(CheckEditAgainstTours(db, *stored, after));

        const std::string changes = Changes(*stored, after);
        if (changes.empty()) return *stored;
        Nullable<int> target_sites, target_visitors;
        target_sites.set(after.target_sites);
        target_visitors.set(after.target_visitors);
        NullableText opens, closes;
        opens.set(after.registration_opens_at);
        closes.set(after.registration_closes_at);
        std::string status(domain::ToCode(after.status));
        db.sql()
            << "UPDATE edition SET name = :n, target_sites = :ts, target_visitors = :tv, "
               "registration_opens_at = :ro, registration_closes_at = :rc, max_party_size = :m, status = :s "
               "WHERE id = :i",
            soci::use(after.name), use(target_sites), use(target_visitors), use(opens), use(closes),
            soci::use(after.max_party_size), soci::use(status), soci::use(edition_id);
        for (const auto& day : stored->days) {
            // The day's audiences are written again below when it stays; gone otherwise.
            db.sql() << "DELETE FROM edition_day_audience WHERE edition_day_id = :d", soci::use(day.id);
            if (std::none_of(after.days.begin(), after.days.end(),
                             [&](const auto& d) { return d.date == day.date; }))
                db.sql() << "DELETE FROM edition_day WHERE id = :d", soci::use(day.id);
        }
        for (auto& day : after.days) {
            auto was = std::find_if(stored->days.begin(), stored->days.end(),
                                    [&](const auto& d) { return d.date == day.date; });
            if (was != stored->days.end())
                day.id = was->id;
            else
                InsertDay(db, edition_id, day);
            InsertDayAudiences(db, day);
        }
        AuditUserChange(db, actor_user_id, "edition.update", "edition", edition_id,
                        YearText(after.year) + ": " + changes);
        return FindEditionById(db, edition_id);
    });
}

// ---- the clone ------------------------------------------------------------------------------

std::string NextEditionName(const std::string& name, int year) {
    const std::string from = YearText(year), to = YearText(year + 1);
    if (name.find(from) != std::string::npos) {
        std::string out = name;
        for (size_t at = out.find(from); at != std::string::npos; at = out.find(from, at + to.size()))
            out.replace(at, from.size(), to);
        return out;
    }
    // "1re édition", "2e édition", "12e édition": the ordinal is the leading number.
    size_t digits = 0;
    while (digits < name.size() && digits < 4 && name[digits] >= '0' && name[digits] <= '9') ++digits;
    if (digits > 0) {
        const std::string rest = name.substr(digits);
        for (const std::string suffix : {"re ", "er ", "e "})
            if (rest.rfind(suffix, 0) == 0)
                return std::to_string(std::stoi(name.substr(0, digits)) + 1) + "e " +
                       rest.substr(suffix.size());
    }
    return name + " " + to;
}

Result<domain::Edition> CloneEdition(Database& db, int from_year, long long actor_user_id) {
    return db.InTransaction<domain::Edition>([&]() -> Result<domain::Edition> {
        auto from = FindEditionByYear(db, from_year);
        if (!from.ok()) return from.error();
        const int year = from_year + 1;
        if (year > domain::kLastEditionYear)
            return Invalid("there is no edition after " + YearText(domain::kLastEditionYear),
                           "aucune édition après " + YearText(domain::kLastEditionYear));
        const auto years = ListEditionYears(db);
        if (std::find(years.begin(), years.end(), year) != years.end())
            return Conflict("edition " + YearText(year) + " already exists",
                            "l'édition " + YearText(year) + " existe déjà");
        if (years.back() != from_year)
            return Conflict("only the latest edition, " + YearText(years.back()) + ", can be cloned",
                            "seule la dernière édition, " + YearText(years.back()) + ", peut être dupliquée");
        domain::Edition e;
        e.year = year;
        e.name = NextEditionName(from->name, from_year);
        e.target_sites = from->target_sites;
        e.target_visitors = from->target_visitors;
        e.max_party_size = from->max_party_size;
        e.registration_opens_at = InstantNextYear(from->registration_opens_at);
        e.registration_closes_at = InstantNextYear(from->registration_closes_at);
        e.status = domain::EditionStatus::kDraft;
        e.created_at = NowUtcIso();
        for (const auto& d : from->days) e.days.push_back({0, SameIsoWeekdayNextYear(d.date), d.audiences});
        JUO_TRY(InsertEdition(db, e));
        std::string days;
        for (const auto& d : e.days) days += (days.empty() ? "" : ", ") + d.date;
        AuditUserChange(db, actor_user_id, "edition.clone", "edition", e.id,
                        YearText(year) + " from " + YearText(from_year) + ": " + days);
        return e;
    });
}

// ---- the invitation of last year's hosts --------------------------------------------------

std::string InviteKind(long long edition_id) { return "edition.invite." + std::to_string(edition_id); }

Result<InviteOutcome> InvitePreviousHosts(Database& db, long long edition_id, long long actor_user_id,
                                          const InviteComposer& compose) {
    return db.InTransaction<InviteOutcome>([&]() -> Result<InviteOutcome> {
        auto edition = FindEditionById(db, edition_id);
        if (!edition.ok()) return edition.error();
        const auto years = ListEditionYears(db);
        // Hosts re-enrol into the current edition (store::CurrentEdition, the latest one): an
        // invitation to another would send them to the wrong year.
        if (years.back() != edition->year)
            return Conflict("hosts enrol into the latest edition, " + YearText(years.back()) + ", not " +
                                YearText(edition->year),
                            "les hôtes s'inscrivent à la dernière édition, " + YearText(years.back()) +
                                ", pas à " + YearText(edition->year));
        if (edition->status == domain::EditionStatus::kClosed ||
            edition->status == domain::EditionStatus::kArchived)
            return Conflict(
                "edition " + YearText(edition->year) + " is " + std::string(domain::ToCode(edition->status)),
                "l'édition " + YearText(edition->year) + " est close ou archivée");
        auto before = std::find(years.begin(), years.end(), edition->year);
        if (before == years.begin())
            return MakeError(ErrorCode::kNotFound, "there is no edition before " + YearText(edition->year),
                             "aucune édition avant " + YearText(edition->year));
        auto previous = FindEditionByYear(db, *(before - 1));
        if (!previous.ok()) return previous.error();

        std::vector<InviteRecipient> recipients;
        {
            long long user_id = 0;
            std::string email, name, site;
            soci::statement st =
                (db.sql().prepare
                     << "SELECT u.id, u.email, u.display_name, s.name FROM participation p "
                        "JOIN site s ON s.id = p.site_id "
                        "JOIN user_role r ON r.site_id = s.id AND r.role = 'host' "
                        "JOIN app_user u ON u.id = r.user_id AND u.deleted_at IS NULL "
                        "WHERE p.edition_id = :prev AND p.status = 'approved' AND NOT EXISTS "
                        "(SELECT 1 FROM participation q WHERE q.edition_id = :cur AND q.site_id = s.id) "
                        "ORDER BY u.id, s.name, s.id",
                 soci::use(previous->id), soci::use(edition_id), soci::into(user_id), soci::into(email),
                 soci::into(name), soci::into(site));
            st.execute();
            while (st.fetch()) {
                if (recipients.empty() || recipients.back().user_id != user_id)
                    recipients.push_back({user_id, email, name, {}});
                recipients.back().site_names.push_back(site);
            }
        }
        // Once per host and edition: the outbox keeps every message written, with its kind (which
        // names the edition) and its address, in the same transaction as the invitation, so a
        // message of that kind to that address means the host was invited already — whatever the
        // number of runs, or of pages and API calls racing (the transaction serialises them). A
        // message that failed for good does not count: a new run tries that host again.
        const std::string kind = InviteKind(edition_id);
        InviteOutcome outcome;
        OutboxWriter outbox(db);
        for (const auto& r : recipients) {
            long long sent = 0;
            db.sql() << "SELECT count(*) FROM email_outbox WHERE kind = :k AND to_address = :a AND status <> "
                        "'failed'",
                soci::use(kind), soci::use(r.email), soci::into(sent);
            if (sent > 0) {
                ++outcome.already_invited;
                continue;
            }
            OutgoingEmail m = compose(r, *edition);
            m.kind = kind;
            m.to_address = r.email;
            outbox.Enqueue(m);
            ++outcome.invited;
        }
        AuditUserChange(db, actor_user_id, "edition.invite_hosts", "edition", edition_id,
                        YearText(edition->year) + ": " + std::to_string(outcome.invited) + " hosts of " +
                            YearText(previous->year) + " invited, " +
                            std::to_string(outcome.already_invited) + " invited before");
        return outcome;
    });
}

}  // namespace juo::store
