// Surveys as the back office runs them: an edition's surveys with their results, one survey with
// its questions, who receives it (hosts of the edition's approved sites, teachers, or visitors
// who were checked in), and whether someone already answered. Throws soci::soci_error.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/survey.h"
#include "store/db/database.h"

namespace juo::store {

struct QuestionResult {
    domain::SurveyQuestion question;
    long long answers = 0;
    double average_rating = 0;  // rating questions
    long long yes = 0;          // yes/no questions
};

struct SurveyResults {
    domain::Survey survey;
    long long recipients = 0;
    long long responses = 0;
    std::vector<QuestionResult> questions;
};

// The edition's surveys, newest first, with their results.
std::vector<SurveyResults> EditionSurveys(Database& db, long long edition_id);

// The survey `id` and its questions, or nullopt.
std::optional<SurveyResults> FindSurvey(Database& db, long long survey_id);

struct Recipient {
    long long user_id = 0;
    std::string email, name;
    std::optional<long long> site_id;  // hosts: the site they answer for
};
std::vector<Recipient> SurveyRecipients(Database& db, const domain::Survey& survey);
// How many people receive it, and whether `user_id` is one of them, without listing them all.
long long CountRecipients(Database& db, const domain::Survey& survey);
std::optional<Recipient> FindRecipient(Database& db, const domain::Survey& survey, long long user_id);

bool HasResponded(Database& db, long long survey_id, long long user_id);

// A free-text answer, as the organiser picks quotes from them.
struct TextAnswer {
    long long response_id = 0;
    long long question_id = 0;
    std::string text;
    bool quoted = false;  // a quote was already made from this response
};
// The survey's free-text answers, newest first, at most `limit`.
std::vector<TextAnswer> TextAnswers(Database& db, long long survey_id, int limit);

// Publishes the text answer (`response_id`, `question_id`) of a survey of `edition_id` as a quote
// of the bilan, signed `author_label` (never a name). kNotFound when there is no such answer,
// kConflict when this response is quoted already.
Status QuoteAnswer(Database& db, long long edition_id, long long response_id, long long question_id,
                   const std::string& author_label);

}  // namespace juo::store
