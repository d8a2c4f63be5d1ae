// A tour's edit or deletion by its host (see tour_changes.h).
#include "store/sites/tour_changes.h"

#include <soci/soci.h>

#include "store/db/binding.h"

namespace juo::store {

bool TouchTour(Database& db, long long session_id, const std::string& at) {
    soci::statement st = (db.sql().prepare << "UPDATE session SET updated_at = :at WHERE id = :id AND status <> 'cancelled'",
                          soci::use(at), soci::use(session_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

bool UpdateTour(Database& db, const domain::Session& t) {
    NullableText level;
    level.set(t.min_level);  // NULL: no minimum level
    long long id = t.id;
    int people = t.capacity_people, groups = t.capacity_groups;
    std::string day = t.day_date, starts = t.starts_at, ends = t.ends_at;
    soci::statement st =
        (db.sql().prepare << "UPDATE session SET day_date = :d, starts_at = :s, ends_at = :e, capacity_people = :p, "
                             "capacity_groups = :g, min_level = :l WHERE id = :id AND status <> 'cancelled' "
                             "AND places_taken <= :p2 AND groups_taken <= :g2",
         soci::use(day), soci::use(starts), soci::use(ends), soci::use(people), soci::use(groups), use(level),
         soci::use(id), soci::use(people), soci::use(groups));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

void ReplaceTourAudiences(Database& db, long long session_id, const std::vector<domain::Audience>& audiences) {
    db.sql() << "DELETE FROM session_audience WHERE session_id = :id", soci::use(session_id);
    for (auto a : audiences) {
        std::string code(domain::ToCode(a));
        db.sql() << "INSERT INTO session_audience (session_id, audience) VALUES (:id, :a)", soci::use(session_id),
            soci::use(code);
    }
}

bool CancelTour(Database& db, long long session_id) {
    soci::statement st = (db.sql().prepare << "UPDATE session SET status = 'cancelled' WHERE id = :id AND status <> "
                                              "'cancelled'",
                          soci::use(session_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

bool TourHasCheckIn(Database& db, long long session_id) {
    long long n = 0;
    db.sql() << "SELECT count(*) FROM check_in c JOIN booking b ON b.id = c.booking_id WHERE b.session_id = :s",
        soci::use(session_id), soci::into(n);
    return n > 0;
}

std::vector<domain::Audience> BookedAudiences(Database& db, long long session_id) {
    std::vector<domain::Audience> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT DISTINCT CASE WHEN b.kind = 'group' THEN coalesce(r.audience, 'school') "
                             "ELSE 'public' END FROM booking b LEFT JOIN group_request r ON r.id = b.group_request_id "
                             "WHERE b.session_id = :s AND b.status = 'confirmed'",
         soci::use(session_id));
    for (const auto& r : rows)
        if (auto a = domain::ParseAudience(r.get<std::string>(0))) out.push_back(*a);
    return out;
}

std::vector<long long> WaitingUsers(Database& db, long long session_id) {
    std::vector<long long> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT user_id FROM waitlist_entry WHERE session_id = :s AND status IN ('waiting', "
                             "'offered') AND user_id IS NOT NULL ORDER BY id",
         soci::use(session_id));
    for (const auto& r : rows) out.push_back(RowInt(r, 0));
    return out;
}

int MarkTourWishesUnavailable(Database& db, long long session_id, long long user_id, const std::string& at) {
    soci::statement st =
        (db.sql().prepare << "UPDATE group_request_wish SET unavailable_at = :at, unavailable_by = :u "
                             "WHERE session_id = :s AND unavailable_at IS NULL AND request_id IN "
                             "(SELECT id FROM group_request WHERE status = 'pending')",
         soci::use(at), soci::use(user_id), soci::use(session_id));
    st.execute(true);
    return static_cast<int>(st.get_affected_rows());
}

}  // namespace juo::store
