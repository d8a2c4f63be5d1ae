// See group_request_mail.h.
#include "web/account/group_request_mail.h"

#include "refdata/refdata.h"
#include "web/kit/i18n.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

std::string Summary(const services::GroupRequestView& v, const std::string& deadline, const std::string& public_url,
                    Lang lang) {
    const auto& r = v.request;
    std::string text = MsgFormat(lang, "request_ack_intro", {std::to_string(r.id)}) + "\n\n";
    if (!v.school_name.empty()) text += MsgString(lang, "request_ack_school") + " " + v.school_name + "\n";
    text += MsgString(lang, "request_ack_group") + " " + r.level + ", " + MsgCount(lang, "people_count", r.people()) +
            (r.bus_needed ? ", " + MsgString(lang, "request_bus") : "") + "\n";
    for (const auto& w : v.wishes) {
        text += MsgFormat(lang, "request_wish_label", {std::to_string(w.rank)}) + (lang == Lang::kFr ? " : " : ": ") +
                w.site_name + ", " + w.commune;
        if (w.session_id) text += " — " + TourWhen(w.day_date, w.starts_at, w.ends_at, lang);
        text += "\n";
    }
    if (r.radius_km) {
        std::string sectors;
        for (const auto& d : r.sector_divisions) {
            const refdata::Sector* s = refdata::FindSector(d);
            sectors += (sectors.empty() ? "" : ", ") + (s ? (lang == Lang::kFr ? s->short_fr : s->short_en) : d);
        }
        text += MsgFormat(lang, sectors.empty() ? "request_radius_any" : "request_radius_in",
                          {std::to_string(static_cast<int>(*r.radius_km)), sectors}) +
                "\n";
    }
    text += "\n";
    if (deadline.empty())
        text += MsgString(lang, "request_ack_first_come") + "\n";
    else
        text += MsgFormat(lang, "request_ack_round", {FormatParisInstant(deadline, lang)}) + "\n";
    text += MsgString(lang, "request_ack_links") + "\n" + public_url + "/compte/demandes\n";
    text += public_url + "/groupes/demande/" + std::to_string(r.id) + "\n";
    return text;
}

}  // namespace

services::RequestAckMail RequestAckMailText(const std::string& public_url) {
    return [public_url](const services::GroupRequestView& v, const std::string& deadline) {
        return services::MailText{
            MsgFormat(Lang::kFr, "request_ack_subject", {std::to_string(v.request.id)}) + " / " +
                MsgFormat(Lang::kEn, "request_ack_subject", {std::to_string(v.request.id)}),
            Summary(v, deadline, public_url, Lang::kFr) + "\n---\n\n" + Summary(v, deadline, public_url, Lang::kEn)};
    };
}

}  // namespace juo::web
