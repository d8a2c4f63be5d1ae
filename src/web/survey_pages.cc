// Surveys: the organiser writes one (title, audience, questions), sends it (an e-mail with the
// link to each recipient: hosts of the approved sites, teachers, or visitors who came) and reads
// the results as they arrive, and picks quotes for the bilan from the free-text answers; a
// recipient answers once, signed in.
#include <sstream>

#include "common/clock.h"
#include "common/text.h"
#include "http/router.h"
#include "store/audit_log.h"
#include "store/edition_repository.h"
#include "store/outbox.h"
#include "store/survey_queries.h"
#include "store/survey_repository.h"
#include "web/people_page_kit.h"
#include "web/people_pages.h"

namespace juo::web {
namespace {

constexpr const char* kSurveys = "/organisation/enquetes";
constexpr const char* kAnswer = "/enquetes/{id}";

// The questions of the form, one per line: "note: …", "oui-non: …" or "texte: …" (a line without
// a prefix is a free text), with an optional "[code]" at the end for the bilan.
Result<std::vector<domain::SurveyQuestion>> ParseQuestions(const std::string& text) {
    std::vector<domain::SurveyQuestion> out;
    std::istringstream lines(text);
    std::string line;
    int number = 0;
    while (std::getline(lines, line)) {
        ++number;
        std::string rest(Trim(line));
        if (rest.empty()) continue;
        domain::SurveyQuestion q;
        q.kind = domain::QuestionKind::kText;
        // The prefix, whatever the spacing before its colon (French typography adds one).
        if (auto colon = rest.find(':'); colon != std::string::npos && colon < 16) {
            const std::string prefix = FoldForSearch(rest.substr(0, colon));
            const auto kind = prefix == "note"      ? std::optional(domain::QuestionKind::kRating)
                              : prefix == "oui non" ? std::optional(domain::QuestionKind::kYesNo)
                              : prefix == "texte"   ? std::optional(domain::QuestionKind::kText)
                                                    : std::nullopt;
            if (kind) {
                q.kind = *kind;
                rest = std::string(Trim(std::string_view(rest).substr(colon + 1)));
                while (rest.rfind("\xC2\xA0", 0) == 0 || rest.rfind("\xE2\x80\xAF", 0) == 0)
                    rest = std::string(Trim(std::string_view(rest).substr(rest[0] == '\xC2' ? 2 : 3)));
            }
        }
        if (!rest.empty() && rest.back() == ']') {
            if (auto open = rest.rfind('['); open != std::string::npos) {
                q.code = rest.substr(open + 1, rest.size() - open - 2);
                rest = std::string(Trim(std::string_view(rest).substr(0, open)));
            }
        }
        if (rest.empty() || rest.size() > 500)
            return MakeError(ErrorCode::kInvalidArgument, "question line " + std::to_string(number) + " is empty or too long",
                             "la question de la ligne " + std::to_string(number) + " est vide ou trop longue");
        q.text_fr = rest;
        q.position = static_cast<int>(out.size()) + 1;
        out.push_back(std::move(q));
    }
    if (out.empty() || out.size() > 20)
        return MakeError(ErrorCode::kInvalidArgument, "a survey has 1 to 20 questions", "une enquête compte de 1 à 20 questions");
    return out;
}

std::string AudienceLabel(domain::SurveyAudience a, Lang lang) {
    return MsgString(lang, "survey_audience_" + std::string(domain::ToCode(a)));
}

http::Response SurveysPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller, int status,
                           const std::string& notice, const std::string& error, const Form& form) {
    const Lang lang = PageLang(req);
    auto db = ctx.db->Get();
    if (!db.ok()) return RefusalPage(req, db.error());
    PageData d = CommonPageData(req, MsgString(lang, "surveys_title"));
    try {
        auto edition = store::CurrentEdition(**db);
        if (!edition.ok()) return RefusalPage(req, edition.error());
        d.set("edition_label", edition->name + " (" + std::to_string(edition->year) + ")");
        const std::string csrf = ctx.csrf->SessionToken(caller.session_id);
        PageData surveys(PageData::type::list);
        for (const auto& s : store::EditionSurveys(**db, edition->id)) {
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
            const auto answers = store::TextAnswers(**db, s.survey.id, 20);
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
    } catch (const std::exception& e) {
        return RefusalPage(req, (*db)->FromException(e));
    }
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

// The survey of the route for `who`: it exists, was sent, and `who` is one of its recipients.
Result<std::pair<store::SurveyResults, store::Recipient>> SurveyFor(store::Database& db, const http::Request& req,
                                                                    long long user_id) {
    auto id = ParsePositiveId(req.PathParam("id"));
    auto survey = id ? store::FindSurvey(db, *id) : std::nullopt;
    if (!survey || survey->survey.status != "sent")
        return MakeError(ErrorCode::kNotFound, "no such survey (or it is closed)", "enquête introuvable (ou close)");
    if (auto r = store::FindRecipient(db, survey->survey, user_id)) return std::pair{std::move(*survey), *r};
    return MakeError(ErrorCode::kForbidden, "this survey was not sent to you", "cette enquête ne vous est pas adressée");
}

http::Response AnswerPage(const PeopleContext& ctx, const http::Request& req, const Caller& caller,
                          const store::SurveyResults& survey, int status, const std::string& error) {
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
            auto db = ctx.db->Get();
            if (!db.ok()) return RefusalPage(req, db.error());
            auto quoted = (*db)->InTransaction<Unit>([&]() -> Status {
                auto survey = store::FindSurvey(**db, *survey_id);
                if (!survey) return MakeError(ErrorCode::kNotFound, "no such survey", "enquête introuvable");
                JUO_TRY(store::QuoteAnswer(**db, survey->survey.edition_id, *response, *question,
                                           MsgString(Lang::kFr, "quote_author_" + std::string(domain::ToCode(survey->survey.audience)))));
                domain::AuditEntry e;
                e.actor_user_id = a.caller->principal->user_id;
                e.actor_label = "user:" + std::to_string(a.caller->principal->user_id);
                e.action = "quote.publish";
                e.entity = "survey_response";
                e.entity_id = *response;
                store::AppendAudit(**db, e);
                return Ok();
            });
            if (!quoted.ok())
                return SurveysPage(ctx, req, *a.caller, PageStatus(quoted.error()), "", ErrorText(quoted.error(), lang), Form{});
            return http::Response::Redirect(PageLink(req, kSurveys, {{"citee", std::to_string(*response)}}));
        }
        domain::Survey survey;
        survey.title = form.Get("title");
        auto audience = domain::ValueOf(domain::kSurveyAudienceCodes, form.Get("audience"));
        std::string text;
        for (const auto& [k, v] : form.fields)
            if (k == "questions") text = v;
        auto questions = ParseQuestions(text);
        if (survey.title.empty() || survey.title.size() > 200 || !audience || !questions.ok())
            return SurveysPage(ctx, req, *a.caller, 400, "",
                               !questions.ok() ? ErrorText(questions.error(), lang) : MsgString(lang, "survey_bad_form"), form);
        survey.audience = *audience;
        auto db = ctx.db->Get();
        if (!db.ok()) return RefusalPage(req, db.error());
        const long long user = a.caller->principal->user_id;
        auto sent = (*db)->InTransaction<long long>([&]() -> Result<long long> {
            auto edition = store::CurrentEdition(**db);
            if (!edition.ok()) return edition.error();
            survey.edition_id = edition->id;
            survey.status = "sent";
            survey.sent_at = NowUtcIso();
            store::InsertSurvey(**db, survey, *questions);
            const auto recipients = store::SurveyRecipients(**db, survey);
            store::OutboxWriter outbox(**db);
            const std::string link = ctx.public_url + "/enquetes/" + std::to_string(survey.id);
            for (const auto& r : recipients) {
                store::OutgoingEmail m;
                m.kind = "survey";
                m.to_address = r.email;
                m.subject = "Journées Usines Ouvertes : " + survey.title;
                m.body_text = "Bonjour " + r.name + ",\n\nVotre avis compte : " + survey.title +
                              " (quelques questions, une minute).\n" + link +
                              "\n\n---\n\nHello " + r.name + ",\n\nYour opinion counts: " + survey.title +
                              " (a few questions, one minute).\n" + link + "\n";
                outbox.Enqueue(m);
            }
            domain::AuditEntry e;
            e.at = survey.sent_at;
            e.actor_user_id = user;
            e.actor_label = "user:" + std::to_string(user);
            e.action = "survey.send";
            e.entity = "survey";
            e.entity_id = survey.id;
            e.detail = std::to_string(recipients.size()) + " recipients (" + std::string(domain::ToCode(survey.audience)) + ")";
            store::AppendAudit(**db, e);
            return static_cast<long long>(recipients.size());
        });
        if (!sent.ok()) return SurveysPage(ctx, req, *a.caller, PageStatus(sent.error()), "", ErrorText(sent.error(), lang), form);
        return http::Response::Redirect(PageLink(req, kSurveys, {{"envoyee", std::to_string(*sent)}}));
    });

    router.Add("GET", kAnswer, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        auto a = AdmitPage(ctx, req, kAnswer);
        if (a.refusal) return *a.refusal;
        auto db = ctx.db->Get();
        if (!db.ok()) return RefusalPage(req, db.error());
        try {
            auto found = SurveyFor(**db, req, a.caller->principal->user_id);
            if (!found.ok()) return RefusalPage(req, found.error());
            if (store::HasResponded(**db, found->first.survey.id, a.caller->principal->user_id))
                return NoticePage(req, 200, MsgString(lang, "survey_thanks_title"), {MsgString(lang, "survey_already")},
                                  PageData(PageData::type::list));
            return AnswerPage(ctx, req, *a.caller, found->first, 200, "");
        } catch (const std::exception& e) {
            return RefusalPage(req, (*db)->FromException(e));
        }
    });
    router.Add("POST", kAnswer, [ctx](const http::Request& req) {
        const Lang lang = PageLang(req);
        Form form = ReadForm(req);
        auto a = AdmitPage(ctx, req, kAnswer, form.Get("csrf"));
        if (a.refusal) return *a.refusal;
        auto db = ctx.db->Get();
        if (!db.ok()) return RefusalPage(req, db.error());
        try {
            auto found = SurveyFor(**db, req, a.caller->principal->user_id);
            if (!found.ok()) return RefusalPage(req, found.error());
            const auto& [survey, recipient] = *found;
            store::ResponseWithAnswers response;
            response.response.survey_id = survey.survey.id;
            response.response.user_id = a.caller->principal->user_id;
            response.response.site_id = recipient.site_id;
            response.response.respondent_label = std::string(domain::ToCode(survey.survey.audience));
            response.response.submitted_at = NowUtcIso();
            std::vector<domain::SurveyQuestion> questions;
            for (const auto& q : survey.questions) {
                questions.push_back(q.question);
                const std::string value = form.Get("q" + std::to_string(q.question.id));
                if (value.empty()) continue;  // a question left blank is not answered
                domain::SurveyAnswer answer;
                answer.question_id = q.question.id;
                if (q.question.kind == domain::QuestionKind::kRating) {
                    auto n = ParsePositiveId(value);
                    if (!n || *n > 5) return AnswerPage(ctx, req, *a.caller, survey, 400, MsgString(lang, "survey_bad_rating"));
                    answer.rating = static_cast<int>(*n);
                } else if (q.question.kind == domain::QuestionKind::kYesNo) {
                    if (value != "0" && value != "1") return AnswerPage(ctx, req, *a.caller, survey, 400, MsgString(lang, "bad_form"));
                    answer.yes_no = value == "1";
                } else {
                    if (value.size() > 2000) return AnswerPage(ctx, req, *a.caller, survey, 400, MsgString(lang, "bad_form"));
                    answer.text = value;
                }
                response.answers.push_back(std::move(answer));
            }
            if (response.answers.empty()) return AnswerPage(ctx, req, *a.caller, survey, 400, MsgString(lang, "survey_empty"));
            auto stored = (*db)->InTransaction<Unit>([&]() -> Status {
                if (store::HasResponded(**db, survey.survey.id, a.caller->principal->user_id))
                    return MakeError(ErrorCode::kConflict, "you already answered this survey", "vous avez déjà répondu à cette enquête");
                return store::InsertResponses(**db, questions, std::span<store::ResponseWithAnswers>(&response, 1));
            });
            if (!stored.ok()) return AnswerPage(ctx, req, *a.caller, survey, PageStatus(stored.error()), ErrorText(stored.error(), lang));
            return NoticePage(req, 201, MsgString(lang, "survey_thanks_title"), {MsgString(lang, "survey_thanks")}, PageData(PageData::type::list));
        } catch (const std::exception& e) {
            return RefusalPage(req, (*db)->FromException(e));
        }
    });
}

}  // namespace juo::web
