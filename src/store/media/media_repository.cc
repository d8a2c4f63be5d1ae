// Media persistence.
#include "store/media/media_repository.h"

#include "store/db/binding.h"

namespace juo::store {

Status InsertMediaMentions(Database& db, std::span<domain::MediaMention> mentions) {
    domain::MediaMention row;
    std::string kind;
    NullableText title, url, department;
    long long id = 0;
    soci::statement st =
        (db.sql().prepare
             << "INSERT INTO media_mention (edition_id, kind, outlet, title, published_on, url, "
                "department_code) VALUES (:e, :kind, :outlet, :title, :on, :url, :dep) RETURNING id",
         soci::use(row.edition_id), soci::use(kind), soci::use(row.outlet), use(title),
         soci::use(row.published_on), use(url), use(department), soci::into(id));
    for (auto& m : mentions) {
        JUO_TRY(domain::ValidateMediaMention(m));
        row = m;
        kind = std::string(domain::ToCode(m.kind));
        title.set(m.title);
        url.set(m.url);
        department.set(m.department_code);
        st.execute(true);
        m.id = id;
    }
    return Ok();
}

void InsertSocialMentions(Database& db, std::span<domain::SocialMentions> counts) {
    domain::SocialMentions row;
    long long id = 0;
    soci::statement st =
        (db.sql().prepare << "INSERT INTO social_mentions (edition_id, network, period_start, "
                             "period_end, mentions) VALUES (:e, :n, :s, :end, :m) RETURNING id",
         soci::use(row.edition_id), soci::use(row.network), soci::use(row.period_start),
         soci::use(row.period_end), soci::use(row.mentions), soci::into(id));
    for (auto& c : counts) {
        row = c;
        st.execute(true);
        c.id = id;
    }
}

std::vector<std::pair<std::string, long long>> MediaCountsByKind(Database& db, long long edition_id) {
    std::vector<std::pair<std::string, long long>> out;
    for (const auto& [kind, code] : domain::kMediaKindCodes) {
        (void)kind;
        long long n = 0;
        std::string text(code);
        db.sql() << "SELECT count(*) FROM media_mention WHERE edition_id = :e AND kind = :k", soci::use(edition_id),
            soci::use(text), soci::into(n);
        out.emplace_back(text, n);
    }
    return out;
}

}  // namespace juo::store
