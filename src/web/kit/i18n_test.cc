// Tests of the message catalogue, the choice of language and the French and English formats.
#include "web/kit/i18n.h"

#include <gtest/gtest.h>

#include <set>

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
