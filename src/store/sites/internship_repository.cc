// Internship persistence.
#include "store/sites/internship_repository.h"

#include "store/db/binding.h"

namespace juo::store {
namespace {

constexpr const char* kColumns = "id, edition_id, site_id, kind, title, places, filled, created_at";

domain::InternshipOffer FromRow(const soci::row& r) {
    domain::InternshipOffer o;
    o.id = RowInt(r, 0);
    o.edition_id = RowInt(r, 1);
    o.site_id = RowInt(r, 2);
    o.kind = domain::ParseInternshipKind(r.get<std::string>(3)).value_or(domain::InternshipKind::kOther);
    o.title = r.get<std::string>(4);
    o.places = static_cast<int>(RowInt(r, 5));
    o.filled = static_cast<int>(RowInt(r, 6));
    o.created_at = r.get<std::string>(7);
    return o;
}

}  // namespace

Status InsertInternshipOffers(Database& db, std::span<domain::InternshipOffer> offers) {
    domain::InternshipOffer row;
    std::string kind;
    soci::statement st =
        (db.sql().prepare
             << "INSERT INTO internship_offer (edition_id, site_id, kind, title, places, filled, "
                "created_at) VALUES (:e, :s, :k, :t, :p, :f, :at)",
         soci::use(row.edition_id), soci::use(row.site_id), soci::use(kind), soci::use(row.title),
         soci::use(row.places), soci::use(row.filled), soci::use(row.created_at));
    for (auto& o : offers) {
        JUO_TRY(domain::ValidateInternshipOffer(o));
        row = o;
        kind = std::string(domain::ToCode(o.kind));
        st.execute(true);
        o.id = db.LastInsertId("internship_offer");
    }
    return Ok();
}

std::vector<domain::InternshipOffer> SiteInternships(Database& db, long long site_id, long long edition_id) {
    std::vector<domain::InternshipOffer> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string("SELECT ") + kColumns +
                                 " FROM internship_offer WHERE site_id = :s AND edition_id = :e ORDER BY id",
         soci::use(site_id), soci::use(edition_id));
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}

std::optional<domain::InternshipOffer> FindInternship(Database& db, long long id) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string("SELECT ") + kColumns + " FROM internship_offer WHERE id = :id",
         soci::use(id));
    for (const auto& r : rows) return FromRow(r);
    return std::nullopt;
}

Status SetInternshipFilled(Database& db, long long id, int filled) {
    auto offer = FindInternship(db, id);
    if (!offer) return MakeError(ErrorCode::kNotFound, "no such internship offer", "offre de stage introuvable");
    offer->filled = filled;
    JUO_TRY(domain::ValidateInternshipOffer(*offer));
    db.sql() << "UPDATE internship_offer SET filled = :f WHERE id = :id", soci::use(filled), soci::use(id);
    return Ok();
}

}  // namespace juo::store
