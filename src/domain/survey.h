// Surveys (to hosts, teachers, attendees), their questions and answers, and the quotes picked
// from free-text answers for the bilan.
//
// Thread-safety: plain values.
#pragma once

#include <optional>
#include <string>

#include "common/result.h"
#include "domain/enum_codes.h"

namespace juo::domain {

enum class SurveyAudience { kHosts, kTeachers, kVisitors };
inline constexpr CodeTable<SurveyAudience, 3> kSurveyAudienceCodes{{{SurveyAudience::kHosts, "hosts"},
                                                                    {SurveyAudience::kTeachers, "teachers"},
                                                                    {SurveyAudience::kVisitors, "visitors"}}};
constexpr std::string_view ToCode(SurveyAudience a) { return CodeOf(kSurveyAudienceCodes, a); }

enum class QuestionKind { kRating, kYesNo, kText };
inline constexpr CodeTable<QuestionKind, 3> kQuestionKindCodes{
    {{QuestionKind::kRating, "rating"}, {QuestionKind::kYesNo, "yes_no"}, {QuestionKind::kText, "text"}}};
constexpr std::string_view ToCode(QuestionKind k) { return CodeOf(kQuestionKindCodes, k); }

// Question codes the bilan reads.
inline constexpr std::string_view kQuestionSatisfaction = "satisfaction";  // rating 1..5
inline constexpr std::string_view kQuestionOpenAgain = "open_again";       // yes/no
inline constexpr std::string_view kQuestionComment = "comment";            // free text

// A rating counts as "satisfied" from this value up (4 = satisfait, 5 = très satisfait).
inline constexpr int kSatisfiedFromRating = 4;

struct Survey {
    long long id = 0;
    long long edition_id = 0;
    SurveyAudience audience = SurveyAudience::kHosts;
    std::string title;
    std::string status = "sent";
    std::string sent_at;
};

struct SurveyQuestion {
    long long id = 0;
    long long survey_id = 0;
    int position = 0;
    QuestionKind kind = QuestionKind::kRating;
    std::string code;  // may be empty
    std::string text_fr;
};

struct SurveyResponse {
    long long id = 0;
    long long survey_id = 0;
    std::optional<long long> user_id;
    std::optional<long long> site_id;
    std::string respondent_label;  // "élève de 3e": never a name
    std::string submitted_at;
};

struct SurveyAnswer {
    long long response_id = 0;
    long long question_id = 0;
    std::optional<int> rating;
    std::optional<bool> yes_no;
    std::string text;
};

struct Quote {
    long long id = 0;
    long long edition_id = 0;
    std::string text;
    std::string author_label;
    std::optional<long long> response_id;
    bool published = false;
};

// Checks an answer against its question's kind: a rating of 1..5, a yes/no, or 1..2000 bytes of text.
Status ValidateAnswer(const SurveyQuestion& question, const SurveyAnswer& answer);

}  // namespace juo::domain
