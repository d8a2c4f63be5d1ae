// Internship persistence.
#include "store/internship_repository.h"

namespace juo::store {

Status InsertInternshipOffers(Database& db, std::span<domain::InternshipOffer> offers) {
    domain::InternshipOffer row;
    std::string kind;
    long long id = 0;
    soci::statement st =
        (db.sql().prepare
             << "INSERT INTO internship_offer (edition_id, site_id, kind, title, places, filled, "
                "created_at) VALUES (:e, :s, :k, :t, :p, :f, :at) RETURNING id",
         soci::use(row.edition_id), soci::use(row.site_id), soci::use(kind), soci::use(row.title),
         soci::use(row.places), soci::use(row.filled), soci::use(row.created_at), soci::into(id));
    for (auto& o : offers) {
        JUO_TRY(domain::ValidateInternshipOffer(o));
        row = o;
        kind = std::string(domain::ToCode(o.kind));
        st.execute(true);
        o.id = id;
    }
    return Ok();
}

}  // namespace juo::store
