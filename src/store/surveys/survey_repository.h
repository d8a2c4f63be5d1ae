// Surveys, questions, responses with their answers, and quotes. Throws soci::soci_error on
// database failures: call inside Database::InTransaction.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/survey.h"
#include "store/db/database.h"

namespace juo::store {

// Inserts a survey and its questions; sets ids (and each question's survey_id).
void InsertSurvey(Database& db, domain::Survey& survey, std::span<domain::SurveyQuestion> questions);

// Marks the draft survey `survey_id` sent at `at`; false when there is no such draft (unknown, or
// sent already).
bool MarkSurveySent(Database& db, long long survey_id, const std::string& at);

// A response with its answers, as submitted together.
struct ResponseWithAnswers {
    domain::SurveyResponse response;
    std::vector<domain::SurveyAnswer> answers;  // question_id set; response_id filled in here
};

// Validates each answer against its question (domain::ValidateAnswer) and inserts responses
// and answers; sets ids. `questions` are the survey's questions.
Status InsertResponses(Database& db, std::span<const domain::SurveyQuestion> questions,
                       std::span<ResponseWithAnswers> responses);

// Inserts quotes; sets ids.
void InsertQuotes(Database& db, std::span<domain::Quote> quotes);

}  // namespace juo::store
