// Media mentions and social-mention counts: reads and changes (see media_queries.h).
#include "store/media/media_queries.h"

#include <limits>

#include "store/db/binding.h"

namespace juo::store {
namespace {

constexpr const char* kMentionColumns =
    "m.id, m.edition_id, m.kind, m.outlet, m.title, m.published_on, m.url, m.department_code";

std::string OptionalText(const soci::row& r, std::size_t i) {
    return r.get_indicator(i) == soci::i_ok ? r.get<std::string>(i) : std::string();
}

domain::MediaMention MentionFromRow(const soci::row& r) {
    domain::MediaMention m;
    m.id = RowInt(r, 0);
    m.edition_id = RowInt(r, 1);
    m.kind = domain::ParseMediaKind(r.get<std::string>(2)).value_or(domain::MediaKind::kPrint);
    m.outlet = r.get<std::string>(3);
    m.title = OptionalText(r, 4);
    m.published_on = r.get<std::string>(5);
    m.url = OptionalText(r, 6);
    m.department_code = OptionalText(r, 7);
    return m;
}

bool DeleteById(Database& db, const char* table, long long id) {
    soci::statement st = (db.sql().prepare << std::string("DELETE FROM ") + table + " WHERE id = :i", soci::use(id));
    st.execute(true);
    return st.get_affected_rows() > 0;
}

}  // namespace

std::vector<domain::MediaMention> ListMediaMentions(Database& db, long long edition_id, const ExportScope& scope,
                                                    int limit, int offset) {
    std::vector<domain::MediaMention> out;
    // No limit: the largest LIMIT both accept (SQLite reads a negative one as none, PostgreSQL
    // refuses it).
    long long n = limit < 0 ? std::numeric_limits<long long>::max() : limit;
    long long skip = offset;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string("SELECT ") + kMentionColumns +
                                 " FROM media_mention m WHERE m.edition_id = :e AND " +
                                 scope.Condition("m.department_code") +
                                 " ORDER BY m.published_on DESC, m.id DESC LIMIT :n OFFSET :o",
         soci::use(edition_id), soci::use(n), soci::use(skip));
    for (const auto& r : rows) out.push_back(MentionFromRow(r));
    return out;
}

long long CountMediaMentions(Database& db, long long edition_id) {
    long long n = 0;
    db.sql() << "SELECT count(*) FROM media_mention WHERE edition_id = :e", soci::use(edition_id), soci::into(n);
    return n;
}

std::optional<domain::MediaMention> FindMediaMention(Database& db, long long id) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string("SELECT ") + kMentionColumns + " FROM media_mention m WHERE m.id = :i",
         soci::use(id));
    for (const auto& r : rows) return MentionFromRow(r);
    return std::nullopt;
}

Status UpdateMediaMention(Database& db, const domain::MediaMention& m) {
    JUO_TRY(domain::ValidateMediaMention(m));
    std::string kind(domain::ToCode(m.kind));
    NullableText title, url, department;
    title.set(m.title);
    url.set(m.url);
    department.set(m.department_code);
    long long id = m.id;
    std::string outlet = m.outlet, on = m.published_on;
    soci::statement st = (db.sql().prepare << "UPDATE media_mention SET kind = :k, outlet = :o, title = :t, "
                                              "published_on = :p, url = :u, department_code = :d WHERE id = :i",
                          soci::use(kind), soci::use(outlet), use(title), soci::use(on), use(url), use(department),
                          soci::use(id));
    st.execute(true);
    if (st.get_affected_rows() == 0)
        return MakeError(ErrorCode::kNotFound, "no media mention " + std::to_string(m.id),
                         "aucune retombée n°" + std::to_string(m.id));
    return Ok();
}

bool DeleteMediaMention(Database& db, long long id) { return DeleteById(db, "media_mention", id); }

std::vector<domain::SocialMentions> ListSocialMentions(Database& db, long long edition_id) {
    std::vector<domain::SocialMentions> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT id, edition_id, network, period_start, period_end, mentions FROM "
                             "social_mentions WHERE edition_id = :e ORDER BY period_start, network, id",
         soci::use(edition_id));
    for (const auto& r : rows) {
        domain::SocialMentions s;
        s.id = RowInt(r, 0);
        s.edition_id = RowInt(r, 1);
        s.network = r.get<std::string>(2);
        s.period_start = r.get<std::string>(3);
        s.period_end = r.get<std::string>(4);
        s.mentions = static_cast<int>(RowInt(r, 5));
        out.push_back(std::move(s));
    }
    return out;
}

std::optional<domain::SocialMentions> FindSocialMentions(Database& db, long long id) {
    domain::SocialMentions s;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT id, edition_id, network, period_start, period_end, mentions FROM social_mentions WHERE id = :i",
        soci::use(id), soci::into(s.id, ind), soci::into(s.edition_id), soci::into(s.network),
        soci::into(s.period_start), soci::into(s.period_end), soci::into(s.mentions);
    if (!db.sql().got_data()) return std::nullopt;
    return s;
}

bool DeleteSocialMentions(Database& db, long long id) { return DeleteById(db, "social_mentions", id); }

}  // namespace juo::store
