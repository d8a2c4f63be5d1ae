// See api_organiser.h.
#include "web/api/api_organiser.h"

#include "http/router.h"
#include "services/audit_journal.h"
#include "services/surveys.h"
#include "web/kit/api_kit.h"
#include "web/backoffice/audit_filter.h"
#include "web/api/booking_json.h"
#include "web/kit/people_page_kit.h"

namespace juo::web {
namespace {

void WriteQuestion(JsonWriter& w, const domain::SurveyQuestion& q) {
    w.Key("id");
    w.Int(q.id);
    w.Key("position");
    w.Int(q.position);
    w.Key("kind");
    w.String(domain::ToCode(q.kind));
    w.Key("code");
    if (q.code.empty())
        w.Null();
    else
        w.String(q.code);
    w.Key("text");
    w.String(q.text_fr);
}

// A survey with its results; its free-text answers when `texts` is given.
void WriteSurvey(JsonWriter& w, const services::SurveyResults& s, const std::vector<services::TextAnswer>* texts) {
    w.BeginObject();
    w.Key("id");
    w.Int(s.survey.id);
    w.Key("title");
    w.String(s.survey.title);
    w.Key("audience");
    w.String(domain::ToCode(s.survey.audience));
    w.Key("status");
    w.String(s.survey.status);
    w.Key("sent_at");
    if (s.survey.sent_at.empty())
        w.Null();
    else
        w.String(s.survey.sent_at);
    w.Key("recipients");
    w.Int(s.recipients);
    w.Key("responses");
    w.Int(s.responses);
    w.Key("questions");
    w.BeginArray();
    for (const auto& q : s.questions) {
        w.BeginObject();
        WriteQuestion(w, q.question);
        w.Key("answers");
        w.Int(q.answers);
        if (q.question.kind == domain::QuestionKind::kRating) {
            w.Key("average_rating");
            if (q.answers > 0)
                w.Double(q.average_rating);
            else
                w.Null();
        }
        if (q.question.kind == domain::QuestionKind::kYesNo) {
            w.Key("yes");
            w.Int(q.yes);
        }
        w.EndObject();
    }
    w.EndArray();
    if (texts) {
        w.Key("text_answers");
        w.BeginArray();
        for (const auto& t : *texts) {
            w.BeginObject();
            w.Key("response_id");
            w.Int(t.response_id);
            w.Key("question_id");
            w.Int(t.question_id);
            w.Key("text");
            w.String(t.text);
            w.Key("quoted");
            w.Bool(t.quoted);
            w.EndObject();
        }
        w.EndArray();
    }
    w.EndObject();
}

// The survey {id} with its results and free-text answers (kNotFound).
http::Response SurveyAnswer(services::Db& db, long long survey_id, int status,
                            std::optional<long long> mailed) {
    auto found = services::SurveyWithAnswers(db, survey_id, 100);
    if (!found.ok()) return ApiError(found.error());
    JsonWriter w;
    w.BeginObject();
    w.Key("survey");
    WriteSurvey(w, found->survey, &found->texts);
    if (mailed) {
        w.Key("recipients_mailed");
        w.Int(*mailed);
    }
    w.EndObject();
    return JsonAnswer(status, w);
}

// "questions": the page's notation, as one text or an array of lines.
Result<std::string> QuestionLines(const boost::json::object& body) {
    const auto* q = body.if_contains("questions");
    if (q && q->is_array()) {
        std::string text;
        for (const auto& line : q->as_array()) {
            if (!line.is_string())
                return MakeError(ErrorCode::kInvalidArgument, "each question is a text",
                                 "chaque question est un texte");
            text += std::string(line.as_string()) + "\n";
        }
        return text;
    }
    return StringMember(body, "questions", 20000);
}

}  // namespace

void RegisterOrganiserApi(http::Router& router, const PeopleContext& ctx) {
    AddAdmitted(router, ctx, "GET", "/api/v1/surveys",
                [](const http::Request&, const Caller&, services::Db& db) {
                    auto current = services::CurrentSurveys(db, 0);
                    if (!current.ok()) return ApiError(current.error());
                    JsonWriter w;
                    w.BeginObject();
                    w.Key("surveys");
                    w.BeginArray();
                    for (const auto& s : current->surveys) WriteSurvey(w, s.survey, nullptr);
                    w.EndArray();
                    w.EndObject();
                    return JsonAnswer(200, w);
                });

    AddAdmitted(router, ctx, "POST", "/api/v1/surveys",
                [ctx](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto body = JsonObjectBody(req);
                    if (!body.ok()) return ApiError(body.error());
                    auto title = TextMember(*body, "title", 1000);
                    auto audience = TextMember(*body, "audience", 20);
                    auto questions = QuestionLines(*body);
                    auto send = BoolMemberOr(*body, "send", true);
                    if (auto e = FirstError(title, audience, questions, send)) return ApiError(*e);
                    auto draft = services::ReadSurvey({*title, *audience, *questions});
                    if (!draft.ok()) return ApiError(draft.error());
                    auto mailed = services::CreateSurvey(db, ctx.public_url, caller.principal->user_id, *draft, *send);
                    if (!mailed.ok()) return ApiError(mailed.error());
                    return SurveyAnswer(db, draft->survey.id, 201, *mailed);
                });

    AddAdmitted(router, ctx, "GET", "/api/v1/surveys/{id}",
                [](const http::Request& req, const Caller&, services::Db& db) {
                    auto id = PathId(req, "survey");
                    if (!id.ok()) return ApiError(id.error());
                    return SurveyAnswer(db, *id, 200, std::nullopt);
                });

    AddAdmitted(router, ctx, "POST", "/api/v1/surveys/{id}/send",
                [ctx](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto id = PathId(req, "survey");
                    if (!id.ok()) return ApiError(id.error());
                    auto mailed = services::SendSurvey(db, ctx.public_url, caller.principal->user_id, *id);
                    if (!mailed.ok()) return ApiError(mailed.error());
                    return SurveyAnswer(db, *id, 200, *mailed);
                });

    AddAdmitted(router, ctx, "GET", "/api/v1/surveys/{id}/form",
                [](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto id = PathId(req, "survey");
                    if (!id.ok()) return ApiError(id.error());
                    auto found = services::SurveyForRecipient(db, *id, caller.principal->user_id);
                    if (!found.ok()) return ApiError(found.error());
                    const auto& survey = found->first.survey;
                    auto answered = services::HasAnswered(db, survey.id, caller.principal->user_id);
                    if (!answered.ok()) return ApiError(answered.error());
                    JsonWriter w;
                    w.BeginObject();
                    w.Key("survey");
                    w.BeginObject();
                    w.Key("id");
                    w.Int(survey.id);
                    w.Key("title");
                    w.String(survey.title);
                    w.Key("answered");
                    w.Bool(*answered);
                    w.Key("questions");
                    w.BeginArray();
                    for (const auto& q : found->first.questions) {
                        w.BeginObject();
                        WriteQuestion(w, q.question);
                        w.EndObject();
                    }
                    w.EndArray();
                    w.EndObject();
                    w.EndObject();
                    return JsonAnswer(200, w);
                });

    AddAdmitted(router, ctx, "POST", "/api/v1/surveys/{id}/responses",
                [](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto id = PathId(req, "survey");
                    auto body = JsonObjectBody(req);
                    if (auto e = FirstError(id, body)) return ApiError(*e);
                    const auto* answers = body->if_contains("answers");
                    if (!answers || !answers->is_object())
                        return ApiError(MakeError(
                            ErrorCode::kInvalidArgument,
                            "answers must be an object: question id → rating, true/false or text",
                            "answers doit être un objet : numéro de question → note, true/false ou texte"));
                    auto found = services::SurveyForRecipient(db, *id, caller.principal->user_id);
                    if (!found.ok()) return ApiError(found.error());
                    const auto& [survey, recipient] = *found;
                    std::optional<Error> bad;
                    auto response =
                        services::ReadResponse(survey, recipient, caller.principal->user_id, [&](long long question) {
                            auto value = TextMember(answers->as_object(), std::to_string(question), 1 << 20);
                            if (!value.ok() && !bad) bad = value.error();
                            return value.ok() ? *value : std::string();
                        });
                    if (bad) return ApiError(*bad);
                    if (!response.ok()) return ApiError(response.error());
                    auto stored = services::StoreResponse(db, survey, *response);
                    if (!stored.ok()) return ApiError(stored.error());
                    JsonWriter w;
                    w.BeginObject();
                    w.Key("survey_id");
                    w.Int(survey.survey.id);
                    w.Key("response_id");
                    w.Int(response->response.id);
                    w.Key("answers");
                    w.Int(static_cast<long long>(response->answers.size()));
                    w.EndObject();
                    return JsonAnswer(201, w);
                });

    AddAdmitted(router, ctx, "POST", "/api/v1/quotes",
                [](const http::Request& req, const Caller& caller, services::Db& db) {
                    auto body = JsonObjectBody(req);
                    if (!body.ok()) return ApiError(body.error());
                    auto survey = IntMember(*body, "survey_id", 1, 1LL << 53);
                    auto response = IntMember(*body, "response_id", 1, 1LL << 53);
                    auto question = IntMember(*body, "question_id", 1, 1LL << 53);
                    if (auto e = FirstError(survey, response, question)) return ApiError(*e);
                    auto quoted = services::QuoteAnswer(db, caller.principal->user_id, *survey, *response, *question);
                    if (!quoted.ok()) return ApiError(quoted.error());
                    JsonWriter w;
                    w.BeginObject();
                    w.Key("survey_id");
                    w.Int(*survey);
                    w.Key("response_id");
                    w.Int(*response);
                    w.Key("question_id");
                    w.Int(*question);
                    w.Key("status");
                    w.String("published");
                    w.EndObject();
                    return JsonAnswer(201, w);
                });

    AddAdmitted(router, ctx, "GET", "/api/v1/audit",
                [](const http::Request& req, const Caller&, services::Db& db) {
                    auto filter = ReadAuditFilter(req);
                    if (!filter.ok()) return ApiError(filter.error());
                    auto page = services::FindAuditPage(db, *filter);
                    if (!page.ok()) return ApiError(page.error());
                    const services::AuditPage& found = *page;
                    JsonWriter w;
                    w.BeginObject();
                    w.Key("page");
                    w.Int(found.page);
                    w.Key("more");
                    w.Bool(found.more);
                    w.Key("entries");
                    w.BeginArray();
                    for (const auto& e : found.entries) {
                        w.BeginObject();
                        w.Key("id");
                        w.Int(e.id);
                        w.Key("at");
                        w.String(e.at);
                        w.Key("actor");
                        w.String(e.actor_label);
                        w.Key("actor_user_id");
                        if (e.actor_user_id)
                            w.Int(*e.actor_user_id);
                        else
                            w.Null();
                        w.Key("action");
                        w.String(e.action);
                        w.Key("entity");
                        w.String(e.entity);
                        w.Key("entity_id");
                        if (e.entity_id)
                            w.Int(*e.entity_id);
                        else
                            w.Null();
                        w.Key("detail");
                        w.String(e.detail);
                        w.EndObject();
                    }
                    w.EndArray();
                    w.EndObject();
                    return JsonAnswer(200, w);
                });
}

}  // namespace juo::web
