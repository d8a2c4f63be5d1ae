// School persistence and search (see school_repository.h).
#include "store/groups/school_repository.h"

#include <algorithm>
#include <cctype>
#include <sstream>

#include "common/text.h"
#include "store/db/binding.h"
#include "store/groups/group_request_queries.h"

namespace juo::store {
namespace {

constexpr const char* kSchoolSelect =
    "SELECT id, uai, name, kind, commune_code, commune_name, department_code, region_code, latitude, "
    "longitude, priority_education, rural, to_check FROM school ";

domain::School FromRow(const soci::row& r) {
    domain::School s;
    s.id = RowInt(r, 0);
    if (r.get_indicator(1) == soci::i_ok) s.uai = r.get<std::string>(1);
    s.name = r.get<std::string>(2);
    s.kind = domain::ParseSchoolKind(r.get<std::string>(3)).value_or(domain::SchoolKind::kOther);
    s.commune_code = r.get<std::string>(4);
    s.commune_name = r.get<std::string>(5);
    s.department_code = r.get<std::string>(6);
    s.region_code = r.get<std::string>(7);
    s.position.lat = r.get<double>(8);
    s.position.lon = r.get<double>(9);
    s.priority_education =
        domain::ParsePriorityEducation(r.get<std::string>(10)).value_or(domain::PriorityEducation::kNone);
    s.rural = RowInt(r, 11) != 0;
    s.to_check = RowInt(r, 12) != 0;
    return s;
}

std::vector<domain::School> Schools(soci::rowset<soci::row>& rows) {
    std::vector<domain::School> out;
    for (const auto& r : rows) out.push_back(FromRow(r));
    return out;
}


}  // namespace

void InsertSchools(Database& db, std::span<domain::School> schools) {
    domain::School row;
    NullableText uai;
    std::string kind, priority;
    int rural = 0, to_check = 0;
    long long id = 0;
    soci::statement st =
        (db.sql().prepare
             << "INSERT INTO school (uai, name, kind, commune_code, commune_name, department_code, "
                "region_code, latitude, longitude, priority_education, rural, to_check) VALUES (:uai, :name, "
                ":kind, :cc, :cn, :dep, :reg, :lat, :lon, :prio, :rural, :check) RETURNING id",
         use(uai), soci::use(row.name), soci::use(kind), soci::use(row.commune_code),
         soci::use(row.commune_name), soci::use(row.department_code), soci::use(row.region_code),
         soci::use(row.position.lat), soci::use(row.position.lon), soci::use(priority), soci::use(rural),
         soci::use(to_check), soci::into(id));
    for (auto& s : schools) {
        row = s;
        uai.set(s.uai);
        kind = std::string(domain::ToCode(s.kind));
        priority = std::string(domain::ToCode(s.priority_education));
        rural = s.rural ? 1 : 0;
        to_check = s.to_check ? 1 : 0;
        st.execute(true);
        s.id = id;
    }
}

std::optional<domain::School> FindSchool(Database& db, long long id) {
    soci::rowset<soci::row> rows = (db.sql().prepare << std::string(kSchoolSelect) + "WHERE id = :id", soci::use(id));
    auto found = Schools(rows);
    if (found.empty()) return std::nullopt;
    return found.front();
}

std::vector<domain::School> SearchSchools(Database& db, const std::string& query, int limit) {
    std::vector<std::string> words;
    std::istringstream in(FoldForSearch(query));
    for (std::string w; in >> w && words.size() < 5;) words.push_back(w);
    std::string joined;
    for (const auto& w : words) joined += w;
    if (joined.size() < 2) return {};
    // Each word binds as a LIKE pattern (its % and _ escaped): no text of the query reaches the SQL.
    // Always five patterns, the missing ones "%", so the statement has one shape.
    std::vector<std::string> p(5, "%");
    for (size_t i = 0; i < words.size(); ++i) {
        std::string q = "%";
        for (char c : words[i]) {
            if (c == '%' || c == '_' || c == '!') q += '!';
            q += c;
        }
        p[i] = q + "%";
    }
    std::string uai = query;
    uai.erase(std::remove_if(uai.begin(), uai.end(), [](unsigned char c) { return std::isspace(c); }), uai.end());
    for (auto& c : uai) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    // The name and town folded in SQL as FoldForSearch folds the query (lower case, French accents
    // and hyphens out), the same on SQLite and PostgreSQL.
    std::string hay = "lower(name || ' ' || commune_name || ' ' || commune_code)";
    for (const char* pair : {"ée", "èe", "êe", "ëe", "àa", "âa", "çc", "îi", "ïi", "ôo", "ûu", "ùu", "üu", "Ée",
                             "Èe", "Îi", "Ôo", "- ", "' "}) {
        const std::string p(pair);
        const std::string from = p.substr(0, p.size() - 1), to = p.substr(p.size() - 1);
        hay = "replace(" + hay + ", '" + (from == "'" ? "''" : from) + "', '" + to + "')";
    }
    std::string where = "(";
    for (int i = 0; i < 5; ++i)
        where += std::string(i ? " AND " : "") + hay + " LIKE :w" + std::to_string(i) + " ESCAPE '!'";
    where += ") OR upper(uai) = :uai";
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string(kSchoolSelect) + "WHERE " + where +
                                 " ORDER BY CASE WHEN upper(uai) = :uai2 THEN 0 ELSE 1 END, to_check, name, id "
                                 "LIMIT :n",
         soci::use(p[0]), soci::use(p[1]), soci::use(p[2]), soci::use(p[3]), soci::use(p[4]), soci::use(uai),
         soci::use(uai), soci::use(limit));
    return Schools(rows);
}

std::vector<domain::School> SchoolsToCheck(Database& db, const std::vector<std::string>& departments, bool all,
                                           int limit) {
    const std::string codes = DepartmentLiterals(departments);
    if (!all && codes.empty()) return {};
    const std::string scope = all ? "" : " AND department_code IN (" + codes + ")";
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string(kSchoolSelect) + "WHERE to_check = 1" + scope +
                                 " ORDER BY department_code, name, id LIMIT :n",
         soci::use(limit));
    return Schools(rows);
}

bool ConfirmSchool(Database& db, long long id, domain::PriorityEducation priority, bool rural) {
    std::string code(domain::ToCode(priority));
    int flag = rural ? 1 : 0;
    soci::statement st = (db.sql().prepare << "UPDATE school SET priority_education = :p, rural = :r, to_check = 0 "
                                              "WHERE id = :id AND to_check = 1",
                          soci::use(code), soci::use(flag), soci::use(id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

}  // namespace juo::store
