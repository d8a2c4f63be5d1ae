// Surveys (see surveys.h), shared by the pages and the JSON API.
#include "services/surveys.h"

#include <charconv>
#include <span>
#include <sstream>

#include "common/clock.h"
#include "common/text.h"
#include "mail/unsubscribe.h"
#include "services/audit.h"
#include "store/db/database.h"
#include "store/editions/edition_repository.h"
#include "store/mail/opt_outs.h"
#include "store/mail/outbox.h"

namespace juo::services {
namespace {

Error Invalid(std::string en, std::string fr) {
    return MakeError(ErrorCode::kInvalidArgument, std::move(en), std::move(fr));
}
// The refusals of a form the pages and the API share (the pages' i18n texts bad_form,
// survey_bad_form, survey_bad_rating, survey_empty).
Error BadForm() {
    return Invalid("The form is incomplete: reload the page and try again.",
                   "Le formulaire est incomplet : rechargez la page et recommencez.");
}

// A quote's signature in the bilan: the survey's audience, never a name.
std::string QuoteAuthor(domain::SurveyAudience audience) {
    switch (audience) {
        case domain::SurveyAudience::kHosts: return "Une usine participante";
        case domain::SurveyAudience::kTeachers: return "Un·e enseignant·e";
        case domain::SurveyAudience::kVisitors: return "Un·e visiteur·se";
    }
    return "";
}

// Mails the survey's link to each of its recipients but those who left the surveys, and writes the audit entry survey.send; the
// number mailed. Inside the caller's transaction.
long long MailRecipients(Db& db, const std::string& public_url, long long user_id, const domain::Survey& survey) {
    auto recipients = store::SurveyRecipients(db, survey);
    // Issue 20: the addresses that left the surveys by their List-Unsubscribe link are not mailed.
    const auto opted_out = store::OptedOutAddresses(db, std::string(mail::kSurveyList));
    std::erase_if(recipients, [&](const auto& r) { return opted_out.count(mail::NormaliseAddress(r.email)) > 0; });
    store::OutboxWriter outbox(db);
    const std::string link = public_url + "/enquetes/" + std::to_string(survey.id);
    for (const auto& r : recipients) {
        store::OutgoingEmail m;
        m.kind = "survey";
        m.to_address = r.email;
        m.subject = "Journées Usines Ouvertes : " + survey.title;
        m.body_text = "Bonjour " + r.name + ",\n\nVotre avis compte : " + survey.title +
                      " (quelques questions, une minute).\n" + link + "\n\n---\n\nHello " + r.name +
                      ",\n\nYour opinion counts: " + survey.title + " (a few questions, one minute).\n" +
                      link + "\n";
        outbox.Enqueue(m);
    }
    Audit(db, user_id, "survey.send", "survey", survey.id,
          std::to_string(recipients.size()) + " recipients (" + std::string(domain::ToCode(survey.audience)) + ")");
    return static_cast<long long>(recipients.size());
}

}  // namespace

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
            return MakeError(
                ErrorCode::kInvalidArgument,
                "question line " + std::to_string(number) + " is empty or too long",
                "la question de la ligne " + std::to_string(number) + " est vide ou trop longue");
        q.text_fr = rest;
        q.position = static_cast<int>(out.size()) + 1;
        out.push_back(std::move(q));
    }
    if (out.empty() || out.size() > 20)
        return MakeError(ErrorCode::kInvalidArgument, "a survey has 1 to 20 questions",
                         "une enquête compte de 1 à 20 questions");
    return out;
}

Result<SurveyDraft> ReadSurvey(const SurveyInput& input) {
    SurveyDraft draft;
    draft.survey.title = input.title;
    auto audience = domain::ValueOf(domain::kSurveyAudienceCodes, input.audience);
    auto questions = ParseQuestions(input.questions);
    if (!questions.ok()) return questions.error();
    if (draft.survey.title.empty() || draft.survey.title.size() > 200 || !audience)
        return Invalid("Give a title and choose the recipients.", "Donnez un titre et choisissez les destinataires.");
    draft.survey.audience = *audience;
    draft.questions = std::move(*questions);
    return draft;
}

Result<long long> CreateSurvey(Db& db, const std::string& public_url, long long user_id, SurveyDraft& draft,
                               bool send) {
    return db.InTransaction<long long>([&]() -> Result<long long> {
        auto edition = store::CurrentEdition(db);
        if (!edition.ok()) return edition.error();
        auto& survey = draft.survey;
        survey.edition_id = edition->id;
        survey.status = send ? "sent" : "draft";
        survey.sent_at = send ? NowUtcIso() : "";
        store::InsertSurvey(db, survey, draft.questions);
        if (send) return MailRecipients(db, public_url, user_id, survey);
        Audit(db, user_id, "survey.create", "survey", survey.id,
              survey.title + " (draft, " + std::string(domain::ToCode(survey.audience)) + ")");
        return 0LL;
    });
}

Result<long long> SendSurvey(Db& db, const std::string& public_url, long long user_id, long long survey_id) {
    return db.InTransaction<long long>([&]() -> Result<long long> {
        auto found = store::FindSurvey(db, survey_id);
        if (!found) return MakeError(ErrorCode::kNotFound, "no such survey", "enquête introuvable");
        auto& survey = found->survey;
        survey.sent_at = NowUtcIso();
        if (!store::MarkSurveySent(db, survey_id, survey.sent_at))
            return MakeError(ErrorCode::kConflict, "this survey was sent already",
                             "cette enquête a déjà été envoyée");
        survey.status = "sent";
        return MailRecipients(db, public_url, user_id, survey);
    });
}

Result<EditionSurveyList> CurrentSurveys(Db& db, int texts_per_survey) {
    return Guarded<EditionSurveyList>(db, [&](Db& d) -> Result<EditionSurveyList> {
        auto edition = store::CurrentEdition(d);
        if (!edition.ok()) return edition.error();
        EditionSurveyList list;
        list.edition = std::move(*edition);
        for (auto& s : store::EditionSurveys(d, list.edition.id)) {
            SurveyWithTexts item;
            if (texts_per_survey > 0) item.texts = store::TextAnswers(d, s.survey.id, texts_per_survey);
            item.survey = std::move(s);
            list.surveys.push_back(std::move(item));
        }
        return list;
    });
}

Result<SurveyWithTexts> SurveyWithAnswers(Db& db, long long survey_id, int text_limit) {
    return Guarded<SurveyWithTexts>(db, [&](Db& d) -> Result<SurveyWithTexts> {
        auto survey = store::FindSurvey(d, survey_id);
        if (!survey)
            return MakeError(ErrorCode::kNotFound, "no survey " + std::to_string(survey_id),
                             "aucune enquête n°" + std::to_string(survey_id));
        return SurveyWithTexts{std::move(*survey), store::TextAnswers(d, survey_id, text_limit)};
    });
}

Result<std::pair<SurveyResults, Recipient>> SurveyForRecipient(Db& db, std::optional<long long> survey_id,
                                                               long long user_id) {
    return Guarded<std::pair<SurveyResults, Recipient>>(
        db, [&](Db& d) -> Result<std::pair<SurveyResults, Recipient>> {
            auto survey = survey_id ? store::FindSurvey(d, *survey_id) : std::nullopt;
            if (!survey || survey->survey.status != "sent")
                return MakeError(ErrorCode::kNotFound, "no such survey (or it is closed)",
                                 "enquête introuvable (ou close)");
            if (auto r = store::FindRecipient(d, survey->survey, user_id)) return std::pair{std::move(*survey), *r};
            return MakeError(ErrorCode::kForbidden, "this survey was not sent to you",
                             "cette enquête ne vous est pas adressée");
        });
}

Result<bool> HasAnswered(Db& db, long long survey_id, long long user_id) {
    return Guarded<bool>(db, [&](Db& d) { return store::HasResponded(d, survey_id, user_id); });
}

Result<ResponseWithAnswers> ReadResponse(const SurveyResults& survey, const Recipient& recipient, long long user_id,
                                         const std::function<std::string(long long question_id)>& value_of) {
    ResponseWithAnswers response;
    response.response.survey_id = survey.survey.id;
    response.response.user_id = user_id;
    response.response.site_id = recipient.site_id;
    response.response.respondent_label = std::string(domain::ToCode(survey.survey.audience));
    response.response.submitted_at = NowUtcIso();
    for (const auto& q : survey.questions) {
        const std::string value = value_of(q.question.id);
        if (value.empty()) continue;  // a question left blank is not answered
        domain::SurveyAnswer answer;
        answer.question_id = q.question.id;
        if (q.question.kind == domain::QuestionKind::kRating) {
            auto n = ParsePositiveId(value);
            if (!n || *n > 5) return Invalid("A rating is from 1 to 5.", "Une note va de 1 à 5.");
            answer.rating = static_cast<int>(*n);
        } else if (q.question.kind == domain::QuestionKind::kYesNo) {
            if (value != "0" && value != "1") return BadForm();
            answer.yes_no = value == "1";
        } else {
            if (value.size() > 2000) return BadForm();
            answer.text = value;
        }
        response.answers.push_back(std::move(answer));
    }
    if (response.answers.empty())
        return Invalid("Answer at least one question.", "Répondez à au moins une question.");
    return response;
}

Status StoreResponse(Db& db, const SurveyResults& survey, ResponseWithAnswers& response) {
    std::vector<domain::SurveyQuestion> questions;
    for (const auto& q : survey.questions) questions.push_back(q.question);
    const long long user_id = response.response.user_id.value_or(0);
    return db.InTransaction<Unit>([&]() -> Status {
        if (store::HasResponded(db, survey.survey.id, user_id))
            return MakeError(ErrorCode::kConflict, "you already answered this survey",
                             "vous avez déjà répondu à cette enquête");
        return store::InsertResponses(db, questions, std::span<ResponseWithAnswers>(&response, 1));
    });
}

Status QuoteAnswer(Db& db, long long user_id, long long survey_id, long long response_id, long long question_id) {
    return db.InTransaction<Unit>([&]() -> Status {
        auto survey = store::FindSurvey(db, survey_id);
        if (!survey) return MakeError(ErrorCode::kNotFound, "no such survey", "enquête introuvable");
        JUO_TRY(store::QuoteAnswer(db, survey->survey.edition_id, response_id, question_id,
                                   QuoteAuthor(survey->survey.audience)));
        Audit(db, user_id, "quote.publish", "survey_response", response_id, "");
        return Ok();
    });
}

}  // namespace juo::services
