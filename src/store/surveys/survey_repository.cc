// Survey persistence.
#include "store/surveys/survey_repository.h"

#include "store/db/binding.h"

namespace juo::store {

void InsertSurvey(Database& db, domain::Survey& survey, std::span<domain::SurveyQuestion> questions) {
    std::string audience(domain::ToCode(survey.audience));
    NullableText sent_at;
    sent_at.set(survey.sent_at);
    db.sql()
        << "INSERT INTO survey (edition_id, audience, title, status, sent_at) VALUES (:e, :a, :t, :s, :at) "
           "RETURNING id",
        soci::use(survey.edition_id), soci::use(audience), soci::use(survey.title), soci::use(survey.status),
        use(sent_at), soci::into(survey.id);
    for (auto& q : questions) {
        q.survey_id = survey.id;
        std::string kind(domain::ToCode(q.kind));
        NullableText code;
        code.set(q.code);
        db.sql()
            << "INSERT INTO survey_question (survey_id, position, kind, code, text_fr) VALUES (:s, :p, :k, "
               ":c, :t) RETURNING id",
            soci::use(q.survey_id), soci::use(q.position), soci::use(kind), use(code), soci::use(q.text_fr),
            soci::into(q.id);
    }
}

bool MarkSurveySent(Database& db, long long survey_id, const std::string& at) {
    soci::statement st = (db.sql().prepare << "UPDATE survey SET status = 'sent', sent_at = :at WHERE id = :id AND "
                                              "status = 'draft'",
                          soci::use(at), soci::use(survey_id));
    st.execute(true);
    return st.get_affected_rows() == 1;
}

Status InsertResponses(Database& db, std::span<const domain::SurveyQuestion> questions,
                       std::span<ResponseWithAnswers> responses) {
    domain::SurveyResponse row;
    Nullable<long long> user, site;
    NullableText label;
    long long id = 0, question_id = 0;
    Nullable<int> rating, yes_no;
    NullableText text;
    soci::statement st =
        (db.sql().prepare << "INSERT INTO survey_response (survey_id, user_id, site_id, "
                             "respondent_label, submitted_at) VALUES (:s, :u, :site, :l, :at) "
                             "RETURNING id",
         soci::use(row.survey_id), use(user), use(site), use(label), soci::use(row.submitted_at),
         soci::into(id));
    soci::statement answer =
        (db.sql().prepare << "INSERT INTO survey_answer (response_id, question_id, rating, "
                             "yes_no, text_value) VALUES (:r, :q, :rating, :yn, :t)",
         soci::use(id), soci::use(question_id), use(rating), use(yes_no), use(text));
    for (auto& r : responses) {
        for (auto& a : r.answers) {
            const domain::SurveyQuestion* q = nullptr;
            for (const auto& candidate : questions)
                if (candidate.id == a.question_id) q = &candidate;
            if (!q)
                return MakeError(ErrorCode::kNotFound,
                                 "answer to unknown question " + std::to_string(a.question_id));
            JUO_TRY(domain::ValidateAnswer(*q, a));
        }
        row = r.response;
        user.set(r.response.user_id);
        site.set(r.response.site_id);
        label.set(r.response.respondent_label);
        st.execute(true);
        r.response.id = id;
        for (auto& a : r.answers) {
            a.response_id = id;
            question_id = a.question_id;
            rating.set(a.rating);
            yes_no.set(a.yes_no ? std::optional<int>(*a.yes_no ? 1 : 0) : std::nullopt);
            text.set(a.text);
            answer.execute(true);
        }
    }
    return Ok();
}

void InsertQuotes(Database& db, std::span<domain::Quote> quotes) {
    domain::Quote row;
    Nullable<long long> response;
    int published = 0;
    long long id = 0;
    soci::statement st =
        (db.sql().prepare << "INSERT INTO quote (edition_id, text, author_label, response_id, "
                             "published) VALUES (:e, :t, :a, :r, :p) RETURNING id",
         soci::use(row.edition_id), soci::use(row.text), soci::use(row.author_label), use(response),
         soci::use(published), soci::into(id));
    for (auto& q : quotes) {
        row = q;
        response.set(q.response_id);
        published = q.published ? 1 : 0;
        st.execute(true);
        q.id = id;
    }
}

}  // namespace juo::store
