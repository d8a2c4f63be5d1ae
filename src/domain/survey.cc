// Survey rules.
#include "domain/survey.h"

namespace juo::domain {

Status ValidateAnswer(const SurveyQuestion& q, const SurveyAnswer& a) {
    switch (q.kind) {
        case QuestionKind::kRating:
            if (!a.rating || *a.rating < 1 || *a.rating > 5)
                return MakeError(ErrorCode::kInvalidArgument, "a rating is a whole number from 1 to 5",
                                 "une note est un nombre entier de 1 à 5");
            break;
        case QuestionKind::kYesNo:
            if (!a.yes_no)
                return MakeError(ErrorCode::kInvalidArgument, "answer yes or no", "répondez oui ou non");
            break;
        case QuestionKind::kText:
            if (a.text.empty() || a.text.size() > 2000)
                return MakeError(ErrorCode::kInvalidArgument, "a text answer has 1 to 2000 characters",
                                 "une réponse libre fait de 1 à 2000 caractères");
            break;
    }
    return Ok();
}

}  // namespace juo::domain
