// Shared parts of the editions, users and roles back office (back_office_kit.h).
#include "web/back_office_kit.h"

#include <algorithm>

#include "refdata/refdata.h"
#include "store/user_admin.h"
#include "web/i18n.h"

namespace juo::web {
namespace {

std::string InvitationText(Lang lang, const store::InviteRecipient& r, const domain::Edition& e,
                           const std::string& link) {
    std::string sites;
    for (const auto& s : r.site_names) sites += (sites.empty() ? "" : ", ") + s;
    return MsgFormat(lang, "editions_invite_mail", {r.display_name, sites, std::to_string(e.year), link});
}

}  // namespace

Result<domain::RoleGrant> ReadGrant(std::string_view role, std::string_view department,
                                    std::optional<long long> site) {
    auto parsed = domain::ParseRole(role);
    if (!parsed)
        return MakeError(ErrorCode::kInvalidArgument, "unknown role '" + std::string(role) + "'",
                         "rôle inconnu : '" + std::string(role) + "'");
    domain::RoleGrant g;
    g.role = *parsed;
    g.site_id = site;
    std::string code(department);
    std::transform(code.begin(), code.end(), code.begin(), [](unsigned char c) { return std::toupper(c); });
    if (!code.empty() && refdata::FindDepartment(code) == nullptr)
        return MakeError(ErrorCode::kInvalidArgument, "'" + code + "' is not a French department code",
                         "'" + code + "' n'est pas un code de département");
    g.department_code = code;
    return g;
}

store::InviteComposer InvitationMail(std::string public_url) {
    return
        [link = std::move(public_url) + "/usine"](const store::InviteRecipient& r, const domain::Edition& e) {
            store::OutgoingEmail m;
            m.subject = MsgFormat(Lang::kFr, "editions_invite_subject", {std::to_string(e.year)});
            m.body_text =
                InvitationText(Lang::kFr, r, e, link) + "\n---\n\n" + InvitationText(Lang::kEn, r, e, link);
            return m;
        };
}

Result<long long> GrantRoleNow(const PeopleContext& ctx, store::Database& db, long long user_id,
                               const domain::RoleGrant& grant, long long actor_user_id) {
    auto id = store::GrantRole(db, user_id, grant, actor_user_id);
    if (id.ok()) ctx.sessions->ForgetUser(user_id);
    return id;
}

Status RevokeRoleNow(const PeopleContext& ctx, store::Database& db, long long user_id, long long grant_id,
                     long long actor_user_id) {
    auto done = store::RevokeRole(db, user_id, grant_id, actor_user_id);
    if (done.ok()) ctx.sessions->ForgetUser(user_id);
    return done;
}

http::Response PrivateJson(int status, JsonWriter& w) {
    http::Response r = http::Response::Json(status, w.Take());
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

}  // namespace juo::web
