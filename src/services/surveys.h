// Surveys, the use case the pages (survey_pages.cc) and the JSON API (api_organiser.cc) both run:
// reading a survey the organiser wrote (title, recipients, questions in the page's one-per-line
// notation), storing it as a draft or sending it (an e-mail with the link to each recipient),
// sending a draft, the current edition's surveys with their results and free-text answers, the
// survey a recipient may answer, reading their answers and storing them once, and quoting a
// free-text answer in the bilan. Each change is written with its audit entry in one transaction;
// a refusal is an Error with its English and French message.
//
// No database exception leaves these functions: a failure is its Error (kUnavailable).
//
// Thread-safety: pure functions over their arguments; the Db is this thread's.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "common/result.h"
#include "domain/edition.h"
#include "domain/survey.h"
#include "services/db.h"
#include "store/surveys/survey_queries.h"
#include "store/surveys/survey_repository.h"

namespace juo::services {

// The read models the pages and the API render, and a response as it is stored.
using SurveyResults = store::SurveyResults;
using QuestionResult = store::QuestionResult;
using Recipient = store::Recipient;
using TextAnswer = store::TextAnswer;
using ResponseWithAnswers = store::ResponseWithAnswers;

// The questions, one per line: "note: …", "oui-non: …" or "texte: …" (a line without a prefix is
// a free text), with an optional "[code]" at the end for the bilan. 1 to 20 questions.
Result<std::vector<domain::SurveyQuestion>> ParseQuestions(const std::string& text);

struct SurveyInput {
    std::string title, audience;  // audience: hosts, teachers or visitors
    std::string questions;        // ParseQuestions' notation
};
struct SurveyDraft {
    domain::Survey survey;
    std::vector<domain::SurveyQuestion> questions;
};
// The survey `input` describes, or kInvalidArgument (the questions' error first, then "give a
// title and choose the recipients").
Result<SurveyDraft> ReadSurvey(const SurveyInput& input);

// Stores `draft` in the current edition with its questions, by `user_id`: sent at once (`send`:
// the recipients mailed a link under `public_url`, but for the addresses that left the surveys by
// their unsubscribe link (services/mail_opt_outs.h), audit survey.send) or kept as a draft (audit
// survey.create). Sets the ids; the number of recipients mailed (0 for a draft).
Result<long long> CreateSurvey(Db& db, const std::string& public_url, long long user_id, SurveyDraft& draft,
                               bool send);

// Sends the draft `survey_id`: the recipients mailed a link under `public_url` (not those who
// left the surveys), audit
// survey.send. The number mailed; kNotFound, kConflict when it was sent already.
Result<long long> SendSurvey(Db& db, const std::string& public_url, long long user_id, long long survey_id);

struct SurveyWithTexts {
    SurveyResults survey;
    std::vector<TextAnswer> texts;  // newest first
};
struct EditionSurveyList {
    domain::Edition edition;
    std::vector<SurveyWithTexts> surveys;  // newest first
};
// The current edition's surveys with their results and, each, at most `texts_per_survey` of its
// free-text answers (none read when 0).
Result<EditionSurveyList> CurrentSurveys(Db& db, int texts_per_survey);

// The survey `survey_id` with its results and at most `text_limit` free-text answers: kNotFound
// ("no survey N").
Result<SurveyWithTexts> SurveyWithAnswers(Db& db, long long survey_id, int text_limit);

// The survey `survey_id` (sent) for `user_id`, one of its recipients: kNotFound when there is no
// such sent survey, kForbidden when it was not sent to them.
Result<std::pair<SurveyResults, Recipient>> SurveyForRecipient(Db& db, std::optional<long long> survey_id,
                                                               long long user_id);

// Whether `user_id` answered survey `survey_id` already.
Result<bool> HasAnswered(Db& db, long long survey_id, long long user_id);

// The response of `user_id` to `survey` from the value typed for each question (`value_of` a
// question id: "" when left blank; a rating "1".."5", yes/no "1" or "0", a text up to 2,000
// bytes). kInvalidArgument for a bad value or when no question is answered.
Result<ResponseWithAnswers> ReadResponse(const SurveyResults& survey, const Recipient& recipient, long long user_id,
                                         const std::function<std::string(long long question_id)>& value_of);

// Stores the response: kConflict when `user_id` answered this survey already.
Status StoreResponse(Db& db, const SurveyResults& survey, ResponseWithAnswers& response);

// Publishes the free-text answer (`response_id`, `question_id`) of survey `survey_id` as a quote
// of the bilan, signed with the survey's audience (never a name), audit quote.publish by
// `user_id`. kNotFound, kConflict when that response is quoted already.
Status QuoteAnswer(Db& db, long long user_id, long long survey_id, long long response_id, long long question_id);

}  // namespace juo::services
