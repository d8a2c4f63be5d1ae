// What the host pages and the host JSON API share on the web side (see host_kit.h).
#include "web/host/host_kit.h"

#include "domain/group_request.h"
#include "web/kit/i18n.h"

namespace juo::web {
namespace {

std::string ParticipationMailText(Lang lang, const std::string& site, domain::ParticipationStatus status,
                                  const std::string& reason, const std::string& base_url) {
    std::string text = MsgFormat(lang, "moderation_mail_" + std::string(domain::ToCode(status)), {site});
    if (!reason.empty()) text += "\n\n" + MsgString(lang, "moderation_mail_reason") + " " + reason;
    return text + "\n\n" + base_url + kHostSitesPath + "\n";
}

}  // namespace

Result<domain::ParticipationStatus> ReadDecision(std::string_view decision, std::string_view reason) {
    if ((decision != "approve" && decision != "changes" && decision != "refuse" && decision != "withdraw") ||
        reason.size() > 1000)
        return MsgError(ErrorCode::kInvalidArgument, "bad_form");
    const auto status = decision == "approve"   ? domain::ParticipationStatus::kApproved
                        : decision == "changes" ? domain::ParticipationStatus::kChangesRequested
                        : decision == "refuse"  ? domain::ParticipationStatus::kRefused
                                                : domain::ParticipationStatus::kWithdrawn;
    if (status != domain::ParticipationStatus::kApproved && reason.empty())
        return MsgError(ErrorCode::kInvalidArgument, "moderation_reason_needed");
    return status;
}

services::DecisionMail DecisionMailText(const std::string& public_url, domain::ParticipationStatus status,
                                        const std::string& reason) {
    return [public_url, status, reason](const std::string& site) {
        return services::MailText{
            MsgFormat(Lang::kFr, "moderation_mail_subject", {site}),
            ParticipationMailText(Lang::kFr, site, status, reason, public_url) + "\n---\n\n" +
                ParticipationMailText(Lang::kEn, site, status, reason, public_url)};
    };
}

services::WithdrawalMail WithdrawalMailText(const std::string& public_url, const std::string& reason) {
    return [public_url, reason](const std::string& site, const std::string& day, const std::string& starts) {
        auto text = [&](Lang lang) {
            return MsgFormat(lang, "tour_withdrawn_mail",
                             {FormatDate(day, lang), FormatTime(starts, lang), site, reason}) +
                   "\n\n" + public_url + kHostSitesPath + "\n";
        };
        return services::MailText{MsgFormat(Lang::kFr, "tour_withdrawn_subject", {site}),
                                  text(Lang::kFr) + "\n---\n\n" + text(Lang::kEn)};
    };
}

services::NewRequestMail NewRequestMailText(const std::string& public_url) {
    return [public_url](const std::string& site, const domain::GroupRequest& r) {
        auto text = [&](Lang lang) {
            return MsgFormat(lang, "request_mail_text", {site, r.level, MsgCount(lang, "people_count", r.people())}) +
                   "\n" + public_url + kHostSitesPath + "\n";
        };
        return services::MailText{MsgFormat(Lang::kFr, "request_mail_subject", {site}),
                                  text(Lang::kFr) + "\n---\n\n" + text(Lang::kEn)};
    };
}

http::Response VisitorFileResponse(services::VisitorFile file) {
    http::Response r = http::Response::Text(200, std::move(file.bytes));
    r.content_type = std::move(file.content_type);
    r.AddHeader("Content-Disposition", "attachment; filename=\"" + file.filename + "\"");
    r.AddHeader("Cache-Control", "no-store");
    return r;
}

services::TourInput TourInputOf(const Form& form) {
    services::TourInput in;
    in.day = form.Get("day");
    in.starts = form.Get("starts");
    in.ends = form.Get("ends");
    in.capacity = form.Get("capacity");
    in.groups = form.Get("groups");
    in.min_level = form.Get("min_level");
    for (const auto& [k, v] : form.fields)
        if (k == "audience") in.audiences.push_back(v);
    return in;
}

void SetTourFields(PageData& d, const services::SiteAccess& access, const Form& form, Lang lang) {
    auto audience_name = [&](domain::Audience a) { return MsgString(lang, "aud_" + std::string(domain::ToCode(a))); };
    const std::string day = form.Get("day");
    PageData days(PageData::type::list);
    for (const auto& ed : access.edition.days) {
        std::string audiences;
        for (auto a : ed.audiences) audiences += (audiences.empty() ? "" : ", ") + audience_name(a);
        days.push_back(OptionData(ed.date, FormatDate(ed.date, lang) + " (" + audiences + ")", day == ed.date));
    }
    d.set("days", days);
    PageData audiences(PageData::type::list);
    for (auto a : {domain::Audience::kPublic, domain::Audience::kSchool, domain::Audience::kJobSeekers}) {
        PageData o;
        o.set("value", std::string(domain::ToCode(a)));
        o.set("label", audience_name(a));
        bool checked = false;
        for (const auto& [k, v] : form.fields)
            if (k == "audience" && v == domain::ToCode(a)) checked = true;
        o.set("checked", checked);
        audiences.push_back(o);
    }
    d.set("audiences", audiences);
    PageData levels(PageData::type::list);
    const std::string level = form.Get("min_level");
    levels.push_back(OptionData("", MsgString(lang, "tour_no_min_level"), level.empty()));
    for (auto l : domain::kLevels) levels.push_back(OptionData(std::string(l), std::string(l), level == l));
    d.set("levels", levels);
    PageData values;
    values.set("starts", form.Has("starts") ? form.Get("starts") : "09:30");
    values.set("ends", form.Has("ends") ? form.Get("ends") : "11:00");
    values.set("capacity", form.Has("capacity") ? form.Get("capacity") : "20");
    values.set("groups", form.Has("groups") ? form.Get("groups") : "0");
    d.set("form", values);
}

Form TourForm(const domain::Session& tour) {
    Form form;
    form.fields = {{"day", tour.day_date},
                   {"starts", tour.starts_at},
                   {"ends", tour.ends_at},
                   {"capacity", std::to_string(tour.capacity_people)},
                   {"groups", std::to_string(tour.capacity_groups)},
                   {"min_level", tour.min_level}};
    for (auto a : tour.audiences) form.fields.emplace_back("audience", std::string(domain::ToCode(a)));
    return form;
}

services::ProfileInput ProfileInputOf(const Form& form) {
    services::ProfileInput in;
    in.name = form.Get("name");
    in.address = form.Get("address");
    in.place = form.Get("place");
    in.lat = form.Get("lat");
    in.lon = form.Get("lon");
    in.wheelchair = form.Has("wheelchair");
    in.hearing = form.Has("hearing");
    in.visual = form.Has("visual");
    in.mental = form.Has("mental");
    in.psychic = form.Has("psychic");
    in.access_notes = form.Get("access_notes");
    in.min_age = form.Get("min_age");
    in.safety = form.Get("safety");
    in.description = form.Get("description");
    return in;
}

services::InternshipInput InternshipInputOf(const Form& form) {
    return services::InternshipInput{form.Get("kind"), form.Get("title"), form.Get("places")};
}

services::KitDocumentInput KitDocumentInputOf(const Form& form) {
    services::KitDocumentInput in;
    in.title = form.Get("title");
    in.audience = form.Get("audience");
    in.pages = form.Get("pages");
    if (const http::FormPart* file = form.File("file")) {
        in.file = file->body;
        in.file_name = file->filename;
    }
    return in;
}

}  // namespace juo::web
