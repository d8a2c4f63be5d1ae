// Session rules.
#include "domain/session.h"

#include <algorithm>

#include "common/french_dates.h"
#include "common/paris_time.h"
#include "domain/edition.h"

namespace juo::domain {

bool Session::admits(Audience a) const {
    return std::find(audiences.begin(), audiences.end(), a) != audiences.end();
}

Status ValidateSession(const Session& s) {
    auto invalid = [](std::string en, std::string fr) {
        return MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr));
    };
    if (!IsValidDate(s.day_date))
        return invalid("session day '" + s.day_date + "' is not a date",
                       "le jour '" + s.day_date + "' n'est pas une date");
    if (!IsValidTime(s.starts_at) || !IsValidTime(s.ends_at))
        return invalid("session times must be HH:MM", "les heures doivent être au format HH:MM");
    if (s.ends_at <= s.starts_at)
        return invalid("the end time (" + ClockTime(s.ends_at, DateLang::kEn) +
                           ") must be after the start time (" + ClockTime(s.starts_at, DateLang::kEn) + ")",
                       "l'heure de fin (" + ClockTime(s.ends_at, DateLang::kFr) +
                           ") doit être après l'heure de début (" + ClockTime(s.starts_at, DateLang::kFr) +
                           ")");
    if (s.capacity_people <= 0 || s.capacity_people > 100000)
        return invalid("capacity must be 1..100000 people", "la capacité doit être de 1 à 100 000 personnes");
    if (s.audiences.empty())
        return invalid("a session admits at least one audience", "une visite accueille au moins un public");
    bool takes_groups = std::any_of(s.audiences.begin(), s.audiences.end(), IsGroupAudience);
    if (s.capacity_groups < 0 || (!takes_groups && s.capacity_groups > 0))
        return invalid("group capacity is only for sessions open to schools or job-seekers",
                       "la capacité en groupes ne vaut que pour les visites scolaires ou France Travail");
    if (takes_groups && s.capacity_groups == 0)
        return invalid("a session open to groups needs a group capacity of at least 1",
                       "une visite ouverte aux groupes doit en accueillir au moins un");
    if (s.places_taken < 0 || s.places_taken > s.capacity_people || s.groups_taken < 0 ||
        s.groups_taken > s.capacity_groups)
        return invalid("places taken exceed the capacity", "les places prises dépassent la capacité");
    if (s.min_age && (*s.min_age < 0 || *s.min_age > 25))
        return invalid("minimum age must be 0..25", "l'âge minimum doit être compris entre 0 et 25 ans");
    return Ok();
}

bool Fits(const Session& s, int people, bool as_group) {
    if (s.status != SessionStatus::kOpen || people <= 0) return false;
    if (people > s.places_left()) return false;
    return !as_group || s.groups_left() >= 1;
}

bool HasStarted(std::string_view day_date, std::string_view starts_at, const std::string& now_utc) {
    int hour = 0, minute = 0;
    if (IsValidTime(starts_at)) {
        hour = (starts_at[0] - '0') * 10 + (starts_at[1] - '0');
        minute = (starts_at[3] - '0') * 10 + (starts_at[4] - '0');
    }
    const std::string starts = ParisLocalToUtc(day_date, hour, minute, 0);
    return !starts.empty() && starts <= now_utc;
}

}  // namespace juo::domain
