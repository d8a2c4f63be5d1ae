// See survey_pages.h.
#include "web/account/survey_pages.h"

#include "http/router.h"
#include "services/surveys.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

constexpr const char* kSurveys = "/organisation/enquetes";
constexpr const char* kAnswer = "/enquetes/{id}";

std::string AudienceLabel(domain::SurveyAudience a, Lang lang) {
    return MsgString(lang, "survey_audience_" + std::string(domain::ToCode(a)));
}

http::Response SurveysPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                           const std::string& notice, const std::string& error, const Form& form) {
    const Lang lang = PageLang(req);
    auto db = services::ThreadDb(*ctx.db);
    if (!db.ok()) return RefusalPage(req, db.error());
    PageData d = CommonPageData(req, MsgString(lang, "surveys_title"));
    auto current = services::CurrentSurveys(**db, 20);
    if (!current.ok()) return RefusalPage(req, current.error());
    const auto& edition = current->edition;
    d.set("edition_label", edition.name + " (" + std::to_string(edition.year) + ")");
    const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
    PageData surveys(PageData::type::list);
    for (const auto& [s, answers] : current->surveys) {
        PageData item;
        item.set("id", std::to_string(s.survey.id));
        item.set("title", s.survey.title);
        item.set("audience", AudienceLabel(s.survey.audience, lang));
        item.set("responses", std::to_string(s.responses));
        item.set("rate", MsgFormat(lang, "survey_rate", {MsgCount(lang, "answers_count", s.responses), FormatNumber(s.recipients, lang)}));
        PageData questions(PageData::type::list);
        for (const auto& q : s.questions) {
            PageData qd;
            qd.set("text", q.question.text_fr);
            std::string result = MsgCount(lang, "answers_count", q.answers);
            if (q.answers > 0 && q.question.kind == domain::QuestionKind::kRating)
                result += ", " + MsgFormat(lang, "survey_average", {FormatDecimal(q.average_rating, lang)});
            if (q.answers > 0 && q.question.kind == domain::QuestionKind::kYesNo)
                result += ", " + MsgFormat(lang, "survey_yes_share",
                                           {std::to_string(static_cast<int>(100.0 * q.yes / q.answers + 0.5))});
            qd.set("result", result);
            questions.push_back(qd);
        }
        item.set("questions", questions);
        PageData texts(PageData::type::list);
        for (const auto& t : answers) {
            PageData td;
            td.set("response", std::to_string(t.response_id));
            td.set("question", std::to_string(t.question_id));
            td.set("survey", std::to_string(s.survey.id));
            td.set("text", t.text);
            td.set("quoted", t.quoted);
            td.set("csrf", csrf);
            td.set("action", PageLink(req, kSurveys));
            texts.push_back(td);
        }
        item.set("has_texts", !answers.empty());
        item.set("texts", texts);
        surveys.push_back(item);
    }
    d.set("surveys", surveys);
    d.set("action", PageLink(req, kSurveys));
    d.set("csrf", ctx.csrf->SessionToken(caller.session_id));
    if (!notice.empty()) d.set("notice", notice);
    if (!error.empty()) d.set("error", error);
    d.set("form_title", form.Has("title") ? form.Get("title") : MsgString(lang, "survey_default_title"));
    std::string questions;
    for (const auto& [k, v] : form.fields)
        if (k == "questions") questions = v;
    d.set("form_questions", form.Has("questions") ? questions : MsgString(lang, "survey_default_questions"));
    PageData audiences(PageData::type::list);
    for (const auto& [a, code] : domain::kSurveyAudienceCodes)
        audiences.push_back(OptionData(std::string(code), AudienceLabel(a, lang), form.Get("audience") == code));
    d.set("audiences", audiences);
    return PageResponse(req, status, RenderInLayout("surveys", d));
}

http::Response AnswerPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                          const services::SurveyResults& survey, int status, const std::string& error) {
    PageData d = CommonPageData(req, survey.survey.title);
    d.set("heading", survey.survey.title);
    d.set("action", PageLink(req, "/enquetes/" + std::to_string(survey.survey.id)));
    d.set("csrf", ctx.csrf->SessionToken(caller.session_id));
    if (!error.empty()) d.set("error", error);
    PageData questions(PageData::type::list);
    for (const auto& q : survey.questions) {
        PageData qd;
        qd.set("id", std::to_string(q.question.id));
        qd.set("text", q.question.text_fr);
        qd.set("rating", q.question.kind == domain::QuestionKind::kRating);
        qd.set("yes_no", q.question.kind == domain::QuestionKind::kYesNo);
        qd.set("free_text", q.question.kind == domain::QuestionKind::kText);
        questions.push_back(qd);
    }
    d.set("questions", questions);
    return PageResponse(req, status, RenderInLayout("survey_answer", d));
}

}  // namespace

void RegisterSurveyPages(http::Router& router, const PeopleContext& ctx) {
    router.Add("GET", kSurveys, [ctx](const http::Request& req) {
        auto a = AdmitPage(ctx, req, kSurveys);
        if (a.refusal) return *a.refusal;
        const Lang lang = PageLang(req);
        const std::string* sent = req.Query("envoyee");
        std::string notice = sent ? MsgFormat(lang, "survey_sent", {*sent}) : "";
        if (req.Query("citee")) notice = MsgString(lang, "survey_quote_done");
        return SurveysPage(ctx, req, *a.caller, 200, notice, "", Form{});
    });
    router.Add("POST", kSurveys, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kSurveys, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        if (form.Get("action") == "quote") {
            auto response = ParsePositiveId(form.Get("response"));
            auto question = ParsePositiveId(form.Get("question"));
            auto survey_id = ParsePositiveId(form.Get("survey"));
            if (!response || !question || !survey_id) return SurveysPage(ctx, req, *a.caller, 400, "", MsgString(lang, "bad_form"), Form{});
            auto db = services::ThreadDb(*ctx.db);
            if (!db.ok()) return RefusalPage(req, db.error());
            auto quoted = services::QuoteAnswer(**db, a.caller->principal->user_id, *survey_id, *response, *question);
            if (!quoted.ok())
                return SurveysPage(ctx, req, *a.caller, PageStatus(quoted.error()), "", ErrorText(quoted.error(), lang), Form{});
            return http::Response::Redirect(PageLink(req, kSurveys, {{"citee", std::to_string(*response)}}));
        }
        std::string text;
        for (const auto& [k, v] : form.fields)
            if (k == "questions") text = v;
        auto draft = services::ReadSurvey({form.Get("title"), form.Get("audience"), text});
        if (!draft.ok()) return SurveysPage(ctx, req, *a.caller, 400, "", ErrorText(draft.error(), lang), form);
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto sent = services::CreateSurvey(**db, ctx.public_url, a.caller->principal->user_id, *draft, true);
        if (!sent.ok()) return SurveysPage(ctx, req, *a.caller, PageStatus(sent.error()), "", ErrorText(sent.error(), lang), form);
        return http::Response::Redirect(PageLink(req, kSurveys, {{"envoyee", std::to_string(*sent)}}));
    });

    router.Add("GET", kAnswer, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        auto a = AdmitPage(ctx, req, kAnswer);
        if (a.refusal) return *a.refusal;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto found = services::SurveyForRecipient(**db, ParsePositiveId(req.PathParam("id")), a.caller->principal->user_id);
        if (!found.ok()) return RefusalPage(req, found.error());
        auto answered = services::HasAnswered(**db, found->first.survey.id, a.caller->principal->user_id);
        if (!answered.ok()) return RefusalPage(req, answered.error());
        if (*answered)
            return NoticePage(req, 200, MsgString(lang, "survey_thanks_title"), {MsgString(lang, "survey_already")},
                              PageData(PageData::type::list));
        return AnswerPage(ctx, req, *a.caller, found->first, 200, "");
    });
    router.Add("POST", kAnswer, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kAnswer, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto db = services::ThreadDb(*ctx.db);
        if (!db.ok()) return RefusalPage(req, db.error());
        auto found = services::SurveyForRecipient(**db, ParsePositiveId(req.PathParam("id")), a.caller->principal->user_id);
        if (!found.ok()) return RefusalPage(req, found.error());
        const auto& [survey, recipient] = *found;
        auto response = services::ReadResponse(survey, recipient, a.caller->principal->user_id,
                                               [&](long long id) { return form.Get("q" + std::to_string(id)); });
        if (!response.ok())
            return AnswerPage(ctx, req, *a.caller, survey, PageStatus(response.error()), ErrorText(response.error(), lang));
        auto stored = services::StoreResponse(**db, survey, *response);
        if (!stored.ok()) return AnswerPage(ctx, req, *a.caller, survey, PageStatus(stored.error()), ErrorText(stored.error(), lang));
        return NoticePage(req, 201, MsgString(lang, "survey_thanks_title"), {MsgString(lang, "survey_thanks")}, PageData(PageData::type::list));
    });
}

}  // namespace juo::web
