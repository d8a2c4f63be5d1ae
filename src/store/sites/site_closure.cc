// A site's participation closed: its status, its tours, their bookings and waiting lists.
#include "store/sites/site_closure.h"

#include <soci/soci.h>

#include "store/db/binding.h"

namespace juo::store {

long long ParticipationEdition(Database& db, long long participation_id) {
    long long edition = 0;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT edition_id FROM participation WHERE id = :id", soci::use(participation_id),
        soci::into(edition, ind);
    return db.sql().got_data() && ind == soci::i_ok ? edition : 0;
}

bool CloseParticipation(Database& db, long long participation_id, domain::ParticipationStatus status,
                        const std::string& at) {
    std::string code(domain::ToCode(status));
    soci::statement st =
        (db.sql().prepare << "UPDATE participation SET status = :st, decided_at = :at WHERE id = :id AND status IN "
                             "('draft', 'submitted', 'changes_requested', 'approved')",
         soci::use(code), soci::use(at), soci::use(participation_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

std::vector<long long> CancelSiteSessions(Database& db, long long site_id, long long edition_id) {
    std::vector<long long> ids;
    soci::rowset<soci::row> rows = (db.sql().prepare << "SELECT id FROM session WHERE site_id = :s AND edition_id = :e "
                                                        "AND status <> 'cancelled' ORDER BY id",
                                    soci::use(site_id), soci::use(edition_id));
    for (const auto& r : rows) ids.push_back(RowInt(r, 0));
    for (long long id : ids)
        db.sql() << "UPDATE session SET status = 'cancelled' WHERE id = :id", soci::use(id);
    return ids;
}

std::vector<long long> ConfirmedBookingsOf(Database& db, const std::vector<long long>& session_ids) {
    std::vector<long long> out;
    for (long long session : session_ids) {
        soci::rowset<soci::row> rows = (db.sql().prepare << "SELECT id FROM booking WHERE session_id = :s AND "
                                                            "status = 'confirmed' ORDER BY id",
                                        soci::use(session));
        for (const auto& r : rows) out.push_back(RowInt(r, 0));
    }
    return out;
}

long long CloseWaitlistsOf(Database& db, const std::vector<long long>& session_ids) {
    long long closed = 0;
    for (long long session : session_ids) {
        soci::statement st = (db.sql().prepare << "UPDATE waitlist_entry SET status = 'left' WHERE session_id = :s "
                                                  "AND status IN ('waiting', 'offered')",
                              soci::use(session));
        st.execute(true);
        closed += st.get_affected_rows();
    }
    return closed;
}

}  // namespace juo::store
