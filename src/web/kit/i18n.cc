// The message catalogue and the French and English formats.
#include "web/kit/i18n.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <unordered_map>

#include "common/clock.h"
#include "common/french_dates.h"
#include "common/paris_time.h"
#include "common/text.h"
#include "web/kit/message_table.h"

namespace juo::web {
namespace {

// The catalogue, web/i18n/messages.tsv embedded at build time, parsed once at first use (a
// function-local static: thread-safe) and kept for the program's life, as Messages() hands out
// views into it. The build has checked the file; a line the parser still skipped leaves its key
// missing, which the pages show as "??key??" and i18n_test reports.
const MessageTable& Table() {
    static const MessageTable table = ParseMessageTable(EmbeddedMessageTable());
    return table;
}

// Messages are written with plain spaces; French typography (a no-break space before : ; ! ?
// and inside « ») is applied once when the catalogue is first used, so the file stays legible.
// No-break space (U+00A0) and narrow no-break space (U+202F), as French typography wants them.
constexpr std::string_view kNbsp = "\u00A0";
constexpr std::string_view kNarrowNbsp = "\u202F";

std::string FrenchTypography(std::string_view text) {
    std::string out;
    out.reserve(text.size() + 8);
    for (size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        bool next_is_punct = i + 1 < text.size() && (text[i + 1] == ':' || text[i + 1] == ';' ||
                                                     text[i + 1] == '!' || text[i + 1] == '?');
        if (c == ' ' && next_is_punct) {
            out += text[i + 1] == ':' ? kNbsp : kNarrowNbsp;
        } else if (c == ' ' && text.substr(i + 1).starts_with("»")) {
            out += kNbsp;
        } else if (c == ' ' && i >= 2 && text.substr(i - 2, 2) == "«") {
            out += kNbsp;
        } else {
            out += c;
        }
    }
    return out;
}

struct Catalogue {
    std::unordered_map<std::string_view, std::pair<std::string, std::string>> by_key;
};

const Catalogue& GetCatalogue() {
    static const Catalogue catalogue = [] {
        Catalogue c;
        for (const auto& m : Messages())
            c.by_key.emplace(m.key, std::pair{FrenchTypography(m.fr), std::string(m.en)});
        return c;
    }();
    return catalogue;
}

DateLang DateLangOf(Lang lang) { return lang == Lang::kFr ? DateLang::kFr : DateLang::kEn; }

void ReplaceNext(std::string& text, size_t& from, std::string_view value) {
    size_t at = text.find("{}", from);
    if (at == std::string::npos) return;
    text.replace(at, 2, value);
    from = at + value.size();
}

}  // namespace

std::string_view LangCode(Lang lang) { return lang == Lang::kFr ? "fr" : "en"; }

LangChoice ChooseLang(const http::Request& request) {
    // Plain codes rather than optionals: GCC 12 warns on comparing two optional enums.
    auto parse = [](std::string_view v) { return v == "fr" ? 0 : v == "en" ? 1 : -1; };
    auto cookie = request.Cookie(kLangCookie);
    int from_cookie = cookie ? parse(*cookie) : -1;
    const std::string* param = request.Query("lang");
    int from_param = param ? parse(*param) : -1;
    LangChoice choice;
    if (from_param >= 0) {
        choice.lang = from_param == 0 ? Lang::kFr : Lang::kEn;
        if (from_cookie != from_param)
            choice.set_cookie = std::string(kLangCookie) + "=" + std::string(LangCode(choice.lang)) +
                                "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly";
    } else if (from_cookie >= 0) {
        choice.lang = from_cookie == 0 ? Lang::kFr : Lang::kEn;
    }
    return choice;
}

std::span<const Message> Messages() { return Table().messages; }

std::string_view Msg(Lang lang, std::string_view key) {
    const auto& c = GetCatalogue();
    auto it = c.by_key.find(key);
    if (it == c.by_key.end()) {
        // Keys are literals in this layer: a miss is a typo that the tests must see on the page.
        static thread_local std::string missing;
        missing = "??" + std::string(key) + "??";
        return missing;
    }
    return lang == Lang::kFr ? it->second.first : it->second.second;
}

std::string MsgFormat(Lang lang, std::string_view key, std::initializer_list<std::string_view> args) {
    std::string text(Msg(lang, key));
    size_t from = 0;
    for (auto a : args) ReplaceNext(text, from, a);
    return text;
}

std::string PluralKey(Lang lang, std::string_view key, long long count) {
    bool singular = lang == Lang::kFr ? (count == 0 || count == 1) : count == 1;
    return std::string(key) + (singular ? "_one" : "_other");
}

std::string MsgCount(Lang lang, std::string_view key, long long count) {
    return MsgFormat(lang, PluralKey(lang, key, count), {FormatNumber(count, lang)});
}

std::string FormatNumber(long long value, Lang lang) {
    if (lang == Lang::kFr) return FormatThousandsFr(value, /*nbsp=*/true);
    std::string digits =
        std::to_string(value < 0 ? -(value + 1) + 1ULL : static_cast<unsigned long long>(value));
    std::string out;
    int n = 0;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it, ++n) {
        if (n > 0 && n % 3 == 0) out.insert(out.begin(), ',');
        out.insert(out.begin(), *it);
    }
    return value < 0 ? "-" + out : out;
}

std::string FormatParisInstant(std::string_view utc_instant, Lang lang) {
    auto local = ParisLocalSeconds(utc_instant);
    if (!local) return std::string(utc_instant);
    // The local wall clock written as if it were UTC: "2026-09-03T10:00:00Z".
    const std::string wall = UtcIsoFromEpoch(*local);
    return MsgFormat(lang, "instant_at", {FormatDate(wall.substr(0, 10), lang, true), FormatTime(wall.substr(11, 5), lang)});
}

std::string FormatDecimal(double value, Lang lang) {
    if (!std::isfinite(value)) return "?";
    double rounded = std::round(value * 10) / 10;
    if (rounded == std::floor(rounded)) return FormatNumber(static_cast<long long>(rounded), lang);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", rounded);
    std::string s = buf;
    if (lang == Lang::kFr)
        for (char& c : s)
            if (c == '.') c = ',';
    return s;
}

std::string FormatDistanceKm(double km, Lang lang) {
    std::string number = km < 10 ? FormatDecimal(km, lang) : FormatNumber(std::llround(km), lang);
    return number + std::string(kNbsp) + "km";
}

int WeekdayOf(std::string_view iso_date) {
    auto d = ParseIsoDate(iso_date);
    return d ? static_cast<int>(d->weekday) : -1;
}

std::string FormatDate(std::string_view iso_date, Lang lang, bool with_year) {
    auto d = ParseIsoDate(iso_date);
    if (!d) return std::string(iso_date);
    return LongDate(*d, DateLangOf(lang), with_year);
}

std::string FormatDays(std::span<const std::string> iso_dates, Lang lang) {
    if (iso_dates.empty()) return "";
    std::vector<CalendarDate> days;
    for (const auto& s : iso_dates) {
        auto d = ParseIsoDate(s);
        if (!d) return s;  // not a date: shown as stored
        days.push_back(*d);
    }
    bool same_month = true;
    for (const auto& d : days) same_month &= d.year == days[0].year && d.month == days[0].month;
    std::string and_word = " " + std::string(Msg(lang, "and")) + " ";
    std::string out;
    for (size_t i = 0; i < days.size(); ++i) {
        if (i > 0) out += i + 1 == days.size() ? and_word : ", ";
        out += same_month ? WeekdayAndDay(days[i], DateLangOf(lang)) : LongDate(days[i], DateLangOf(lang));
    }
    if (same_month) out += " " + MonthAndYear(days[0].month, days[0].year, DateLangOf(lang));
    return out;
}

std::string FormatTime(std::string_view hh_mm, Lang lang) {
    return ClockTime(hh_mm, DateLangOf(lang));
}

std::string CapitalizeFirst(std::string_view text) {
    std::string out(text);
    if (out.empty()) return out;
    unsigned char c0 = static_cast<unsigned char>(out[0]);
    if (c0 >= 'a' && c0 <= 'z') {
        out[0] = static_cast<char>(c0 - 'a' + 'A');
    } else if (c0 == 0xC3 && out.size() > 1) {
        // Latin-1 lowercase letters à..þ (U+00E0..U+00FE, not ÷) map to U+00C0..U+00DE.
        unsigned char c1 = static_cast<unsigned char>(out[1]);
        if (c1 >= 0xA0 && c1 <= 0xBE && c1 != 0xB7) out[1] = static_cast<char>(c1 - 0x20);
    }
    return out;
}

}  // namespace juo::web
