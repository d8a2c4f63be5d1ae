// Survey queries (see survey_queries.h).
#include "store/surveys/survey_queries.h"

#include "store/db/binding.h"

namespace juo::store {
namespace {

constexpr const char* kSurveySelect = "SELECT id, edition_id, audience, title, status, coalesce(sent_at, '') FROM survey ";

domain::Survey SurveyFromRow(const soci::row& r) {
    domain::Survey s;
    s.id = RowInt(r, 0);
    s.edition_id = RowInt(r, 1);
    s.audience = domain::ValueOf(domain::kSurveyAudienceCodes, r.get<std::string>(2)).value_or(domain::SurveyAudience::kHosts);
    s.title = r.get<std::string>(3);
    s.status = r.get<std::string>(4);
    s.sent_at = r.get<std::string>(5);
    return s;
}

// Results of one survey: its questions with their answers.
SurveyResults ResultsOf(Database& db, const domain::Survey& survey) {
    SurveyResults out;
    out.survey = survey;
    db.sql() << "SELECT count(*) FROM survey_response WHERE survey_id = :s", soci::use(survey.id),
        soci::into(out.responses);
    out.recipients = CountRecipients(db, survey);
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT q.id, q.position, q.kind, coalesce(q.code, ''), q.text_fr, count(a.question_id), "
                             "coalesce(sum(a.rating), 0), count(a.rating), coalesce(sum(a.yes_no), 0) FROM survey_question q LEFT JOIN "
                             "survey_answer a ON a.question_id = q.id WHERE q.survey_id = :s GROUP BY q.id ORDER BY "
                             "q.position",
         soci::use(survey.id));
    for (const auto& r : rows) {
        QuestionResult q;
        q.question.id = RowInt(r, 0);
        q.question.survey_id = survey.id;
        q.question.position = static_cast<int>(RowInt(r, 1));
        q.question.kind = domain::ValueOf(domain::kQuestionKindCodes, r.get<std::string>(2)).value_or(domain::QuestionKind::kText);
        q.question.code = r.get<std::string>(3);
        q.question.text_fr = r.get<std::string>(4);
        q.answers = RowInt(r, 5);
        const long long rated = RowInt(r, 7);  // the average in C++: SQLite's avg() has no declared type
        q.average_rating = rated > 0 ? static_cast<double>(RowInt(r, 6)) / static_cast<double>(rated) : 0.0;
        q.yes = RowInt(r, 8);
        out.questions.push_back(std::move(q));
    }
    return out;
}

}  // namespace

std::vector<SurveyResults> EditionSurveys(Database& db, long long edition_id) {
    std::vector<domain::Survey> surveys;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << std::string(kSurveySelect) + "WHERE edition_id = :e ORDER BY id DESC", soci::use(edition_id));
    for (const auto& r : rows) surveys.push_back(SurveyFromRow(r));
    std::vector<SurveyResults> out;
    for (const auto& s : surveys) out.push_back(ResultsOf(db, s));
    return out;
}

std::optional<SurveyResults> FindSurvey(Database& db, long long survey_id) {
    std::optional<domain::Survey> found;
    soci::rowset<soci::row> rows = (db.sql().prepare << std::string(kSurveySelect) + "WHERE id = :id", soci::use(survey_id));
    for (const auto& r : rows)
        if (!found) found = SurveyFromRow(r);
    if (!found) return std::nullopt;
    return ResultsOf(db, *found);
}

namespace {

// The recipients' query of an audience: `select` over the people concerned (u: app_user),
// restricted to one user when `one_user` (a ":u" parameter after ":e").
std::string RecipientsSql(domain::SurveyAudience audience, const std::string& select, bool one_user) {
    const std::string user = one_user ? " AND u.id = :u" : "";
    switch (audience) {
        case domain::SurveyAudience::kHosts:
            return "SELECT " + select + " FROM user_role r JOIN app_user u ON u.id = r.user_id JOIN participation p ON "
                   "p.site_id = r.site_id AND p.edition_id = :e AND p.status = 'approved' WHERE r.role = 'host' AND "
                   "u.deleted_at IS NULL" + user;
        case domain::SurveyAudience::kTeachers:
            return "SELECT " + select + " FROM user_role r JOIN app_user u ON u.id = r.user_id WHERE r.role = 'teacher' "
                   "AND u.deleted_at IS NULL AND :e > 0" + user;
        case domain::SurveyAudience::kVisitors:
            return "SELECT " + select + " FROM booking b JOIN check_in c ON c.booking_id = b.id JOIN app_user u ON u.id = "
                   "b.user_id WHERE b.edition_id = :e AND b.kind = 'party' AND u.deleted_at IS NULL" + user;
    }
    return {};
}

// Rows (user id, e-mail, name, site for hosts) → recipients, one per person.
std::vector<Recipient> Recipients(soci::rowset<soci::row>& rows) {
    std::vector<Recipient> out;
    long long previous = 0;
    for (const auto& r : rows) {
        Recipient x;
        x.user_id = RowInt(r, 0);
        if (x.user_id == previous) continue;  // a host of two sites answers once
        previous = x.user_id;
        x.email = r.get<std::string>(1);
        x.name = r.get<std::string>(2);
        if (r.get_indicator(3) == soci::i_ok) x.site_id = RowInt(r, 3);
        out.push_back(std::move(x));
    }
    return out;
}

std::string RecipientColumns(domain::SurveyAudience audience) {
    return std::string("DISTINCT u.id, u.email, u.display_name, ") +
           (audience == domain::SurveyAudience::kHosts ? "r.site_id" : "NULL");
}

}  // namespace

std::vector<Recipient> SurveyRecipients(Database& db, const domain::Survey& survey) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare << RecipientsSql(survey.audience, RecipientColumns(survey.audience), false) + " ORDER BY u.id",
         soci::use(survey.edition_id));
    return Recipients(rows);
}

long long CountRecipients(Database& db, const domain::Survey& survey) {
    long long n = 0;
    db.sql() << RecipientsSql(survey.audience, "count(DISTINCT u.id)", false), soci::use(survey.edition_id),
        soci::into(n);
    return n;
}

std::optional<Recipient> FindRecipient(Database& db, const domain::Survey& survey, long long user_id) {
    soci::rowset<soci::row> rows =
        (db.sql().prepare << RecipientsSql(survey.audience, RecipientColumns(survey.audience), true) + " ORDER BY u.id",
         soci::use(survey.edition_id), soci::use(user_id));
    auto found = Recipients(rows);
    if (found.empty()) return std::nullopt;
    return found.front();
}

bool HasResponded(Database& db, long long survey_id, long long user_id) {
    long long n = 0;
    db.sql() << "SELECT count(*) FROM survey_response WHERE survey_id = :s AND user_id = :u", soci::use(survey_id),
        soci::use(user_id), soci::into(n);
    return n > 0;
}

std::vector<TextAnswer> TextAnswers(Database& db, long long survey_id, int limit) {
    std::vector<TextAnswer> out;
    soci::rowset<soci::row> rows =
        (db.sql().prepare << "SELECT a.response_id, a.question_id, a.text_value, (SELECT count(*) FROM quote q WHERE "
                             "q.response_id = a.response_id) FROM survey_answer a JOIN survey_question sq ON sq.id = "
                             "a.question_id WHERE sq.survey_id = :s AND sq.kind = 'text' AND a.text_value IS NOT NULL "
                             "AND a.text_value <> '' ORDER BY a.response_id DESC LIMIT :n",
         soci::use(survey_id), soci::use(limit));
    for (const auto& r : rows) {
        TextAnswer t;
        t.response_id = RowInt(r, 0);
        t.question_id = RowInt(r, 1);
        t.text = r.get<std::string>(2);
        t.quoted = RowInt(r, 3) > 0;
        out.push_back(std::move(t));
    }
    return out;
}

Status QuoteAnswer(Database& db, long long edition_id, long long response_id, long long question_id,
                   const std::string& author_label) {
    std::string text;
    soci::indicator ind = soci::i_null;
    db.sql() << "SELECT a.text_value FROM survey_answer a JOIN survey_response r ON r.id = a.response_id JOIN survey s "
                "ON s.id = r.survey_id WHERE a.response_id = :r AND a.question_id = :q AND s.edition_id = :e",
        soci::use(response_id), soci::use(question_id), soci::use(edition_id), soci::into(text, ind);
    if (!db.sql().got_data() || ind != soci::i_ok || text.empty())
        return MakeError(ErrorCode::kNotFound, "no such answer", "réponse introuvable");
    long long quoted = 0;
    db.sql() << "SELECT count(*) FROM quote WHERE response_id = :r", soci::use(response_id), soci::into(quoted);
    if (quoted > 0) return MakeError(ErrorCode::kConflict, "this answer is quoted already", "cette réponse est déjà citée");
    db.sql() << "INSERT INTO quote (edition_id, text, author_label, response_id, published) VALUES (:e, :t, :a, :r, 1)",
        soci::use(edition_id), soci::use(text), soci::use(author_label), soci::use(response_id);
    return Ok();
}

}  // namespace juo::store
