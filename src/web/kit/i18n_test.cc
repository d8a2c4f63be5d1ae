// Tests of the message catalogue, the choice of language and the French and English formats.
#include "web/kit/i18n.h"

#include <gtest/gtest.h>

#include <set>

#include "web/i18n_messages.h"
#include "web/kit/message_table.h"

namespace juo::web {
namespace {

TEST(Messages, KeysAreUniqueAndEveryTextIsThere) {
    std::set<std::string_view> keys;
    for (const auto& m : Messages()) {
        EXPECT_TRUE(keys.insert(m.key).second) << "duplicate key " << m.key;
        EXPECT_FALSE(m.fr.empty()) << m.key;
        EXPECT_FALSE(m.en.empty()) << m.key;
        // Plural pairs come together.
        std::string_view k = m.key;
        if (k.ends_with("_one")) {
            std::string other = std::string(k.substr(0, k.size() - 4)) + "_other";
            EXPECT_EQ(Msg(Lang::kFr, other).find("??"), std::string_view::npos) << other;
        }
    }
    EXPECT_GT(keys.size(), 100u);
}

// The embedded catalogue (the build checks it too): every message line read, none skipped, as
// many as the build counted.
TEST(Messages, EveryLineOfTheCatalogueIsRead) {
    MessageTable table = ParseMessageTable(EmbeddedMessageTable());
    EXPECT_TRUE(table.problems.empty()) << table.problems.front();
    EXPECT_EQ(table.messages.size(), table.message_lines);
    EXPECT_EQ(table.messages.size(), i18n_data::kMessageCount);
    EXPECT_EQ(Messages().size(), table.message_lines);
    // Escapes are decoded: a line break in the mails, a no-break space before "km".
    EXPECT_NE(Msg(Lang::kEn, "tour_withdrawn_mail").find("Hello,\n\nThe tour"), std::string_view::npos);
    EXPECT_EQ(Msg(Lang::kEn, "radius_option"), "within {}\u00A0km");
}

TEST(MessageTable, ParsesLinesCommentsAndEscapes) {
    std::string text =
        "# group\n"
        "\n"
        "a_key\tUn, \"deux\" ; trois\tOne, \"two\"; three\n"
        "office_link/x\tL1\\nL2\\tT\\\\B\\u00A0km\tE\n"
        "last\tdernier\tlast";  // no final line end
    MessageTable table = ParseMessageTable(text);
    ASSERT_TRUE(table.problems.empty()) << table.problems.front();
    ASSERT_EQ(table.messages.size(), 3u);
    EXPECT_EQ(table.message_lines, 3u);
    EXPECT_EQ(table.messages[0].key, "a_key");
    EXPECT_EQ(table.messages[0].fr, "Un, \"deux\" ; trois");
    EXPECT_EQ(table.messages[0].en, "One, \"two\"; three");
    EXPECT_EQ(table.messages[1].key, "office_link/x");
    EXPECT_EQ(table.messages[1].fr, "L1\nL2\tT\\B\u00A0km");
    EXPECT_EQ(table.messages[1].en, "E");
    EXPECT_EQ(table.messages[2].en, "last");
    // The table may move: its views into the decoded texts stay valid.
    MessageTable moved = std::move(table);
    EXPECT_EQ(moved.messages[1].fr, "L1\nL2\tT\\B\u00A0km");
}

TEST(MessageTable, ReportsMalformedLinesAndDuplicateKeys) {
    MessageTable table = ParseMessageTable(
        "ok\tun\tone\n"
        "two_fields\tdeux\n"
        "four\ta\tb\tc\n"
        "Bad Key\tx\ty\n"
        "empty\t\ty\n"
        "escape\tx\\qy\tz\n"
        "cut\tx\\u00\ty\n"
        "ok\tencore\tagain\n");
    EXPECT_EQ(table.messages.size(), 1u);
    EXPECT_EQ(table.message_lines, 8u);
    ASSERT_EQ(table.problems.size(), 7u);
    EXPECT_EQ(table.problems[0], "line 2: expected key<TAB>French<TAB>English (3 fields)");
    EXPECT_EQ(table.problems[1], "line 3: expected key<TAB>French<TAB>English (3 fields)");
    EXPECT_EQ(table.problems[2], "line 4: key 'Bad Key' is not made of a-z, 0-9, _ and /");
    EXPECT_EQ(table.problems[3], "line 5: 'empty' has an empty text");
    EXPECT_EQ(table.problems[4], "line 6: unknown escape in 'escape' (use \\n \\t \\\\ or \\uXXXX)");
    EXPECT_EQ(table.problems[5], "line 7: unknown escape in 'cut' (use \\n \\t \\\\ or \\uXXXX)");
    EXPECT_EQ(table.problems[6], "line 8: duplicate key 'ok'");
}

TEST(Messages, LookupFormatAndPlurals) {
    EXPECT_EQ(Msg(Lang::kFr, "nav_home"), "Accueil");
    EXPECT_EQ(Msg(Lang::kEn, "nav_home"), "Home");
    EXPECT_EQ(Msg(Lang::kFr, "no_such_key"), "??no_such_key??");
    // French typography: no-break spaces before ':' and '!' and inside « ».
    EXPECT_EQ(Msg(Lang::kFr, "error_prefix"), "Erreur\u00A0:");
    EXPECT_EQ(MsgFormat(Lang::kFr, "err_radius", {"abc"}),
              "Indiquez une distance de 1 à 200\u00A0km (vous avez indiqué «\u00A0abc\u00A0»).");
    EXPECT_EQ(MsgCount(Lang::kFr, "results_count", 0), "0 usine trouvée");
    EXPECT_EQ(MsgCount(Lang::kFr, "results_count", 1), "1 usine trouvée");
    EXPECT_EQ(MsgCount(Lang::kFr, "results_count", 20000), "20\u202F000 usines trouvées");
    EXPECT_EQ(MsgCount(Lang::kEn, "results_count", 0), "0 factories found");
    EXPECT_EQ(MsgCount(Lang::kEn, "results_count", 1), "1 factory found");
    EXPECT_EQ(MsgCount(Lang::kEn, "results_count", 1234567), "1,234,567 factories found");
    EXPECT_EQ(PluralKey(Lang::kFr, "figure_day", 1), "figure_day_one");
    EXPECT_EQ(PluralKey(Lang::kEn, "figure_day", 0), "figure_day_other");
}

TEST(Formats, DatesNumbersTimesDistances) {
    EXPECT_EQ(FormatDate("2025-04-04", Lang::kFr), "vendredi 4 avril 2025");
    EXPECT_EQ(FormatDate("2025-04-05", Lang::kEn), "Saturday 5 April 2025");
    EXPECT_EQ(FormatDate("2026-05-01", Lang::kFr, false), "vendredi 1er mai");
    EXPECT_EQ(FormatDate("2025-02-30", Lang::kFr), "2025-02-30");
    EXPECT_EQ(FormatDate("soon", Lang::kEn), "soon");
    EXPECT_EQ(WeekdayOf("2025-04-04"), 4);
    EXPECT_EQ(WeekdayOf("2025-13-01"), -1);
    std::vector<std::string> days = {"2025-04-04", "2025-04-05"};
    EXPECT_EQ(FormatDays(days, Lang::kFr), "vendredi 4 et samedi 5 avril 2025");
    EXPECT_EQ(FormatDays(days, Lang::kEn), "Friday 4 and Saturday 5 April 2025");
    std::vector<std::string> spread = {"2026-03-31", "2026-04-01"};
    EXPECT_EQ(FormatDays(spread, Lang::kFr), "mardi 31 mars 2026 et mercredi 1er avril 2026");
    EXPECT_EQ(FormatDays({}, Lang::kFr), "");

    EXPECT_EQ(FormatNumber(20000, Lang::kFr), "20\u202F000");
    EXPECT_EQ(FormatNumber(20000, Lang::kEn), "20,000");
    EXPECT_EQ(FormatNumber(999, Lang::kEn), "999");
    EXPECT_EQ(FormatNumber(-1234, Lang::kEn), "-1,234");
    EXPECT_EQ(FormatDecimal(12.46, Lang::kFr), "12,5");
    EXPECT_EQ(FormatDecimal(12.46, Lang::kEn), "12.5");
    EXPECT_EQ(FormatDecimal(30, Lang::kFr), "30");
    EXPECT_EQ(FormatDistanceKm(4.23, Lang::kFr), "4,2\u00A0km");
    EXPECT_EQ(FormatDistanceKm(27.6, Lang::kEn), "28\u00A0km");
    EXPECT_EQ(FormatTime("09:30", Lang::kFr), "9\u202Fh\u202F30");
    EXPECT_EQ(FormatTime("14:00", Lang::kFr), "14\u202Fh");
    EXPECT_EQ(FormatTime("09:30", Lang::kEn), "9:30");
    EXPECT_EQ(FormatTime("9h", Lang::kEn), "9h");
    EXPECT_EQ(CapitalizeFirst("été"), "Été");
    EXPECT_EQ(CapitalizeFirst("vendredi"), "Vendredi");
    EXPECT_EQ(CapitalizeFirst(""), "");
}

http::Request WithLang(const char* query_lang, const char* cookie) {
    http::Request r;
    if (query_lang) r.query.emplace_back("lang", query_lang);
    if (cookie) r.headers["cookie"] = cookie;
    return r;
}

TEST(ChooseLang, ParameterThenCookieThenFrench) {
    EXPECT_EQ(ChooseLang(WithLang(nullptr, nullptr)).lang, Lang::kFr);
    auto en = ChooseLang(WithLang("en", nullptr));
    EXPECT_EQ(en.lang, Lang::kEn);
    EXPECT_EQ(en.set_cookie, "juo_lang=en; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
    EXPECT_EQ(ChooseLang(WithLang("en", "juo_lang=en")).set_cookie, "");  // already remembered
    EXPECT_EQ(ChooseLang(WithLang(nullptr, "juo_lang=en")).lang, Lang::kEn);
    auto back = ChooseLang(WithLang("fr", "juo_lang=en"));
    EXPECT_EQ(back.lang, Lang::kFr);
    EXPECT_EQ(back.set_cookie, "juo_lang=fr; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
    EXPECT_EQ(ChooseLang(WithLang("klingon", "juo_lang=en")).lang, Lang::kEn);
    EXPECT_EQ(ChooseLang(WithLang(nullptr, "juo_lang=xx")).lang, Lang::kFr);
}

}  // namespace
}  // namespace juo::web
