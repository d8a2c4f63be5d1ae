// Media mentions and social-mention counts: reads, input and audited changes (see media.h).
#include "services/media.h"

#include <algorithm>
#include <cctype>

#include "refdata/refdata.h"
#include "services/audit.h"
#include "store/db/database.h"
#include "store/editions/edition_repository.h"
#include "store/reads/export_queries.h"
#include "store/media/media_queries.h"
#include "store/media/media_repository.h"

namespace juo::services {
namespace {

Error Invalid(std::string en, std::string fr) {
    return MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr));
}

std::string Lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// Runs `change` and its audit entry in one transaction.
template <typename Fn>
Status Audited(Db& db, long long actor, const std::string& action, const std::string& entity, Fn&& change) {
    return db.InTransaction<Unit>([&]() -> Status {
        auto done = change();
        if (!done.ok()) return done.error();
        Audit(db, actor, action, entity, done->first, done->second);
        return Ok();
    });
}

using Change = Result<std::pair<long long, std::string>>;

Error NoMention(long long id) {
    return MakeError(ErrorCode::kNotFound, "no media mention " + std::to_string(id),
                     "aucune retombée n°" + std::to_string(id));
}

std::string MentionDetail(const domain::MediaMention& m) {
    return std::string(domain::ToCode(m.kind)) + ", " + m.outlet + ", " + m.published_on;
}

Status CheckPage(long long page) {
    if (page < 1 || page > kMaxMediaPage)
        return MakeError(ErrorCode::kInvalidArgument, "page is a number from 1 to " + std::to_string(kMaxMediaPage),
                         "la page est un nombre de 1 à " + std::to_string(kMaxMediaPage));
    return Ok();
}

}  // namespace

Result<MediaMentionsPage> ListMediaMentions(Db& db, long long edition_id, long long page, int page_size) {
    JUO_TRY(CheckPage(page));
    return Guarded<MediaMentionsPage>(db, [&](Db& d) {
        MediaMentionsPage p;
        p.total = store::CountMediaMentions(d, edition_id);
        p.mentions = store::ListMediaMentions(d, edition_id, store::ExportScope::Everything(), page_size,
                                              static_cast<int>((page - 1) * page_size));
        return p;
    });
}

Result<MediaOverview> ReadMediaOverview(Db& db, long long page, int page_size) {
    JUO_TRY(CheckPage(page));
    return Guarded<MediaOverview>(db, [&](Db& d) -> Result<MediaOverview> {
        auto edition = store::CurrentEdition(d);
        if (!edition.ok()) return edition.error();
        MediaOverview o;
        o.edition = *edition;
        o.counts_by_kind = store::MediaCountsByKind(d, edition->id);
        o.mentions.total = store::CountMediaMentions(d, edition->id);
        o.mentions.mentions = store::ListMediaMentions(d, edition->id, store::ExportScope::Everything(), page_size,
                                                       static_cast<int>((page - 1) * page_size));
        o.social = store::ListSocialMentions(d, edition->id);
        return o;
    });
}

Result<std::optional<domain::MediaMention>> FindMediaMention(Db& db, long long id) {
    return Guarded<std::optional<domain::MediaMention>>(db, [id](Db& d) { return store::FindMediaMention(d, id); });
}

Result<std::vector<domain::SocialMentions>> ListSocialMentions(Db& db, long long edition_id) {
    return Guarded<std::vector<domain::SocialMentions>>(db,
                                                        [&](Db& d) { return store::ListSocialMentions(d, edition_id); });
}

Result<domain::MediaMention> ReadMediaMention(const MediaMentionInput& in, long long edition_id) {
    domain::MediaMention m;
    m.edition_id = edition_id;
    auto kind = domain::ParseMediaKind(Lower(in.kind));
    if (!kind) return Invalid("kind is print, web or broadcast", "le type est print, web ou broadcast");
    m.kind = *kind;
    m.outlet = in.outlet;
    m.title = in.title;
    if (m.title.size() > 500) return Invalid("the title is longer than 500 characters", "le titre dépasse 500 caractères");
    m.published_on = in.published_on;
    m.url = in.url;
    if (m.url.size() > 2000) return Invalid("the link is longer than 2,000 characters", "le lien dépasse 2 000 caractères");
    m.department_code = in.department;
    std::transform(m.department_code.begin(), m.department_code.end(), m.department_code.begin(),
                   [](unsigned char c) { return std::toupper(c); });
    if (!m.department_code.empty() && !refdata::FindDepartment(m.department_code))
        return Invalid("no department '" + m.department_code + "'", "aucun département « " + m.department_code + " »");
    JUO_TRY(domain::ValidateMediaMention(m));
    return m;
}

Result<domain::SocialMentions> ReadSocialMentions(const SocialMentionsInput& in, long long edition_id) {
    domain::SocialMentions s;
    s.edition_id = edition_id;
    s.network = Lower(in.network);
    s.period_start = in.period_start;
    s.period_end = in.period_end;
    const bool digits = !in.mentions.empty() && in.mentions.size() <= 9 &&
                        std::all_of(in.mentions.begin(), in.mentions.end(), [](unsigned char c) { return std::isdigit(c); });
    if (!digits) return Invalid("mentions is a whole number, 0 or more", "les mentions sont un nombre entier, 0 ou plus");
    s.mentions = std::stoi(in.mentions);
    JUO_TRY(domain::ValidateSocialMentions(s));
    return s;
}

Status AddMediaMention(Db& db, long long actor, domain::MediaMention& mention) {
    return Audited(db, actor, "media_mention.create", "media_mention", [&]() -> Change {
        JUO_TRY(store::InsertMediaMentions(db, std::span<domain::MediaMention>(&mention, 1)));
        return std::pair{mention.id, MentionDetail(mention)};
    });
}

Status EditMediaMention(Db& db, long long actor, const domain::MediaMention& mention) {
    return Audited(db, actor, "media_mention.update", "media_mention", [&]() -> Change {
        JUO_TRY(store::UpdateMediaMention(db, mention));
        return std::pair{mention.id, MentionDetail(mention)};
    });
}

Status RemoveMediaMention(Db& db, long long actor, long long id) {
    return Audited(db, actor, "media_mention.delete", "media_mention", [&]() -> Change {
        auto m = store::FindMediaMention(db, id);
        if (!m || !store::DeleteMediaMention(db, id)) return NoMention(id);
        return std::pair{id, MentionDetail(*m)};
    });
}

Status AddSocialMentions(Db& db, long long actor, domain::SocialMentions& counts) {
    return Audited(db, actor, "social_mentions.create", "social_mentions", [&]() -> Change {
        JUO_TRY(domain::ValidateSocialMentions(counts));
        store::InsertSocialMentions(db, std::span<domain::SocialMentions>(&counts, 1));
        return std::pair{counts.id, counts.network + " " + counts.period_start + "/" + counts.period_end + ": " +
                                        std::to_string(counts.mentions)};
    });
}

Status RemoveSocialMentions(Db& db, long long actor, long long id) {
    return Audited(db, actor, "social_mentions.delete", "social_mentions", [&]() -> Change {
        auto s = store::FindSocialMentions(db, id);
        if (!s || !store::DeleteSocialMentions(db, id))
            return MakeError(ErrorCode::kNotFound, "no social-mention count " + std::to_string(id),
                             "aucun comptage de mentions n°" + std::to_string(id));
        return std::pair{id, s->network + " " + s->period_start + "/" + s->period_end + ": " +
                                 std::to_string(s->mentions)};
    });
}

}  // namespace juo::services
