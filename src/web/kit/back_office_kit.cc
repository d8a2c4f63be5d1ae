// Shared parts of the editions, users and roles back office (back_office_kit.h).
#include "web/kit/back_office_kit.h"

#include "web/kit/i18n.h"

namespace juo::web {
namespace {

std::string InvitationText(Lang lang, const services::InviteRecipient& r, const domain::Edition& e,
                           const std::string& link) {
    std::string sites;
    for (const auto& s : r.site_names) sites += (sites.empty() ? "" : ", ") + s;
    return MsgFormat(lang, "editions_invite_mail", {r.display_name, sites, std::to_string(e.year), link});
}

}  // namespace

services::InviteComposer InvitationMail(std::string public_url) {
    return [link = std::move(public_url) + "/usine"](const services::InviteRecipient& r,
                                                     const domain::Edition& e) {
        services::OutgoingEmail m;
        m.subject = MsgFormat(Lang::kFr, "editions_invite_subject", {std::to_string(e.year)});
        m.body_text =
            InvitationText(Lang::kFr, r, e, link) + "\n---\n\n" + InvitationText(Lang::kEn, r, e, link);
        return m;
    };
}

http::Response PrivateJson(int status, JsonWriter& w) {
    http::Response r = http::Response::Json(status, w.Take());
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

}  // namespace juo::web
