// Edition persistence.
#include "store/editions/edition_repository.h"

#include "store/db/binding.h"

namespace juo::store {

using domain::Audience;

std::vector<int> ListEditionYears(Database& db) {
    std::vector<int> years;
    soci::rowset<int> rows = (db.sql().prepare << "SELECT year FROM edition ORDER BY year");
    for (int y : rows) years.push_back(y);
    return years;
}

Status InsertEdition(Database& db, domain::Edition& e) {
    JUO_TRY(domain::ValidateEdition(e));
    int existing = 0;
    db.sql() << "SELECT count(*) FROM edition WHERE year = :y", soci::use(e.year), soci::into(existing);
    if (existing > 0)
        return MakeError(ErrorCode::kConflict,
                         "edition " + std::to_string(e.year) + " already exists in " + db.display_name(),
                         "l'édition " + std::to_string(e.year) + " existe déjà");
    Nullable<int> target_sites, target_visitors;
    target_sites.set(e.target_sites);
    target_visitors.set(e.target_visitors);
    NullableText opens, closes;
    opens.set(e.registration_opens_at);
    closes.set(e.registration_closes_at);
    std::string status(domain::ToCode(e.status));
    db.sql() << "INSERT INTO edition (year, name, target_sites, target_visitors, registration_opens_at, "
                "registration_closes_at, max_party_size, status, created_at) VALUES (:year, :name, :ts, :tv, "
                ":ro, :rc, :mps, :status, :created) RETURNING id",
        soci::use(e.year), soci::use(e.name), use(target_sites), use(target_visitors), use(opens),
        use(closes), soci::use(e.max_party_size), soci::use(status), soci::use(e.created_at),
        soci::into(e.id);
    for (auto& day : e.days) {
        db.sql() << "INSERT INTO edition_day (edition_id, day_date) VALUES (:e, :d) RETURNING id",
            soci::use(e.id), soci::use(day.date), soci::into(day.id);
        for (Audience a : day.audiences) {
            std::string code(domain::ToCode(a));
            db.sql() << "INSERT INTO edition_day_audience (edition_day_id, audience) VALUES (:d, :a)",
                soci::use(day.id), soci::use(code);
        }
    }
    return Ok();
}

Result<domain::Edition> FindEditionByYear(Database& db, int year) {
    domain::Edition e;
    Nullable<int> target_sites, target_visitors;
    NullableText opens, closes;
    std::string status;
    db.sql() << "SELECT id, year, name, target_sites, target_visitors, registration_opens_at, "
                "registration_closes_at, max_party_size, status, created_at FROM edition WHERE year = :y",
        soci::use(year), soci::into(e.id), soci::into(e.year), soci::into(e.name),
        soci::into(target_sites.value, target_sites.ind),
        soci::into(target_visitors.value, target_visitors.ind), soci::into(opens.value, opens.ind),
        soci::into(closes.value, closes.ind), soci::into(e.max_party_size), soci::into(status),
        soci::into(e.created_at);
    if (!db.sql().got_data()) {
        std::string known;
        for (int y : ListEditionYears(db)) known += (known.empty() ? "" : ", ") + std::to_string(y);
        return MakeError(
            ErrorCode::kNotFound,
            "no edition " + std::to_string(year) + " in " + db.display_name() +
                (known.empty() ? " (it has no edition: run `juo seed`)" : " (it has: " + known + ")"),
            "aucune édition " + std::to_string(year));
    }
    e.target_sites = target_sites.get();
    e.target_visitors = target_visitors.get();
    e.registration_opens_at = opens.ind == soci::i_ok ? opens.value : "";
    e.registration_closes_at = closes.ind == soci::i_ok ? closes.value : "";
    e.status = domain::ParseEditionStatus(status).value_or(domain::EditionStatus::kDraft);
    long long day_id = 0;
    std::string date, audience;
    soci::indicator audience_ind = soci::i_null;
    soci::statement st =
        (db.sql().prepare << "SELECT d.id, d.day_date, a.audience FROM edition_day d LEFT JOIN "
                             "edition_day_audience a ON a.edition_day_id = d.id WHERE d.edition_id = :e "
                             "ORDER BY d.day_date, a.audience",
         soci::use(e.id), soci::into(day_id), soci::into(date), soci::into(audience, audience_ind));
    st.execute();
    while (st.fetch()) {
        if (e.days.empty() || e.days.back().id != day_id) e.days.push_back({day_id, date, {}});
        if (audience_ind == soci::i_ok)
            if (auto a = domain::ParseAudience(audience)) e.days.back().audiences.push_back(*a);
    }
    return e;
}

Result<domain::Edition> CurrentEdition(Database& db) {
    auto years = ListEditionYears(db);
    if (years.empty()) return MakeError(ErrorCode::kNotFound, "no edition yet", "aucune édition pour l'instant");
    return FindEditionByYear(db, years.back());
}

}  // namespace juo::store
